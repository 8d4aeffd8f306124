"""Kano charts (matplotlib). Every function takes ``ax=None`` and returns the Axes.

Colours follow the Okabe-Ito colour-blind-safe palette, one fixed colour per
category in every chart. Chinese labels are set in Noto Sans CJK SC, shipped by
the ``mplfonts`` package, so they render on a fresh machine.
"""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import font_manager

from kano.labels import CATEGORY_NAMES
from kano.tables import CATEGORIES

CATEGORY_COLORS = {
    "A": "#56B4E9",  # sky blue
    "O": "#009E73",  # bluish green
    "M": "#E69F00",  # orange
    "I": "#999999",  # grey
    "R": "#CC79A7",  # reddish purple
    "Q": "#F0E442",  # yellow
}

_TEXT = {
    "en": {"share": "Share of answers", "better": "Better (satisfaction if present)",
           "worse": "|Worse| (dissatisfaction if absent)", "shares_title": "Kano categories per service",
           "bw_title": "Better-Worse grid"},
    "zh": {"share": "答案占比", "better": "Better 系数(提供时的满意度)", "worse": "|Worse| 系数(不提供时的不满意度)",
           "shares_title": "各服务的KANO类别", "bw_title": "Better-Worse 象限图"},
}  # fmt: skip


@cache
def cjk_font_family() -> str | None:
    """Register the CJK font shipped with ``mplfonts`` and return its family name."""
    spec = importlib.util.find_spec("mplfonts")
    candidates = []
    if spec and spec.submodule_search_locations:
        for folder in spec.submodule_search_locations:
            candidates.append(Path(folder) / "fonts" / "NotoSansCJKsc-Regular.otf")
    for path in candidates:
        if path.exists():
            font_manager.fontManager.addfont(str(path))
            return font_manager.FontProperties(fname=str(path)).get_name()
    return None


def use_fonts() -> None:
    """Make the CJK font the fallback after the default Latin font."""
    family = cjk_font_family()
    if family:
        # A list of families gives per-glyph fallback (matplotlib >= 3.6).
        plt.rcParams["font.family"] = ["DejaVu Sans", family]
    plt.rcParams["axes.unicode_minus"] = False
    plt.rcParams["pdf.fonttype"] = 42
    plt.rcParams["svg.fonttype"] = "path"


def _ax(ax, size=(8, 5)):
    use_fonts()
    if ax is None:
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def category_shares(summary: pd.DataFrame, lang: str = "en", ax=None):
    """Stacked horizontal bars of A O M I R Q shares per service, sorted by Better, with n."""
    ax = _ax(ax, (9, 0.45 * len(summary) + 1.8))
    frame = summary.sort_values("better", ascending=True, na_position="first")
    left = np.zeros(len(frame))
    y = np.arange(len(frame))
    names = CATEGORY_NAMES[lang]
    for cat in CATEGORIES:
        values = frame[f"share_{cat}"].fillna(0).to_numpy()
        ax.barh(y, values, left=left, color=CATEGORY_COLORS[cat], label=f"{cat} {names[cat]}",
                edgecolor="white", linewidth=0.5)  # fmt: skip
        left += values
    ax.set_yticks(y, [f"{s} (n={n})" for s, n in zip(frame["service"], frame["n"], strict=True)])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    ax.set_xlabel(_TEXT[lang]["share"])
    ax.set_title(_TEXT[lang]["shares_title"])
    ax.legend(ncols=6, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False, fontsize=8)
    return ax


def better_worse_grid(summary: pd.DataFrame, lang: str = "en", ax=None):
    """Better (y) against |Worse| (x), split at 0.5 into the A, O, M, I quadrants."""
    ax = _ax(ax, (7, 6))
    x = summary["worse"].abs().to_numpy(dtype=float)
    y = summary["better"].to_numpy(dtype=float)
    colors = [CATEGORY_COLORS.get(str(c)[:1], "#000000") for c in summary["category"]]
    ax.scatter(x, y, c=colors, s=60, edgecolor="black", linewidth=0.5, zorder=3)
    ax.axhline(0.5, color="0.6", linewidth=0.8)
    ax.axvline(0.5, color="0.6", linewidth=0.8)
    names = CATEGORY_NAMES[lang]
    for qx, qy, cat in ((0.25, 0.75, "A"), (0.75, 0.75, "O"), (0.75, 0.25, "M"), (0.25, 0.25, "I")):
        ax.text(qx, qy, f"{cat} {names[cat]}", ha="center", va="center", fontsize=12,
                color=CATEGORY_COLORS[cat], alpha=0.45)  # fmt: skip
    for xi, yi, label in zip(x, y, summary["service"], strict=True):
        if np.isfinite(xi) and np.isfinite(yi):
            ax.annotate(str(label), (xi, yi), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel(_TEXT[lang]["worse"])
    ax.set_ylabel(_TEXT[lang]["better"])
    ax.set_title(_TEXT[lang]["bw_title"])
    return ax


def save_figure(ax, path: str | os.PathLike, dpi: int = 150) -> Path:
    """Save the Axes' figure (format from the suffix: png, svg, pdf) atomically, then close it."""
    from kano.output import atomic_path

    path = Path(path)
    fig = ax.figure
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=dpi, format=path.suffix.lstrip(".").lower())
    plt.close(fig)
    return path
