"""Chart basics shared by the Kano and the satisfaction charts (matplotlib).

Chinese labels are set in Noto Sans CJK SC, shipped by the ``mplfonts``
package, so they render on a fresh machine (Latin text in DejaVu Sans, CJK
glyphs by per-glyph fallback); point labels are moved apart with
``adjustText``; figures are saved atomically.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from functools import cache
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib import font_manager

from kano.shared.output import atomic_path


@cache
def cjk_font_family() -> str | None:
    """Register the CJK font shipped with ``mplfonts`` and return its family name."""
    spec = importlib.util.find_spec("mplfonts")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "fonts" / "NotoSansCJKsc-Regular.otf"
        if path.exists():
            font_manager.fontManager.addfont(str(path))
            return font_manager.FontProperties(fname=str(path)).get_name()
    return None


def use_fonts() -> None:
    """Latin text in DejaVu Sans, Chinese glyphs from the CJK font (per-glyph fallback)."""
    # the CJK font has one weight; bold titles fall back to it, which matplotlib logs each time
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    family = cjk_font_family()
    if family:
        plt.rcParams["font.family"] = ["DejaVu Sans", family]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["pdf.fonttype"] = (
        3  # Type 3: the CJK font is CFF-flavoured OpenType, which Type 42 cannot embed
    )
    plt.rcParams["svg.fonttype"] = "path"


def new_axes(ax=None, size=(8, 5)):
    """Use ``ax`` or make a figure of ``size`` inches; fonts are set either way."""
    use_fonts()
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def spread_labels(ax, texts) -> None:
    """Move point labels apart (adjustText) so they do not overlap."""
    if len(texts) > 1:
        from adjustText import adjust_text

        adjust_text(texts, ax=ax, arrowprops={"arrowstyle": "-", "color": "0.5", "lw": 0.5})


def save_figure(ax, path: str | os.PathLike, dpi: int = 150) -> Path:
    """Save the Axes' figure (format from the suffix: png, svg, pdf) atomically, then close it."""
    path = Path(path)
    fig = ax.figure
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=dpi, format=path.suffix.lstrip(".").lower())
    plt.close(fig)
    return path
