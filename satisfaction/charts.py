"""The importance-performance map (PNG and SVG).

Satisfaction on the x axis, importance on the y axis (Martilla & James 1977),
crosshairs, the four quadrant names, 95% CI whiskers and, optionally, the
iso-priority diagonal through the crosshair. Chinese labels need a CJK font;
when none is installed the chart falls back to English labels and says so.
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib import font_manager

from kano.output import atomic_path
from satisfaction.ipa import IPAResult
from satisfaction.labels import QUADRANT_SHORT, driver_name

_CJK_HINTS = (
    "cjk",
    "source han",
    "wenquanyi",
    "simhei",
    "simsun",
    "yahei",
    "pingfang",
    "heiti",
    "noto sans sc",
    "noto serif sc",
    "ar pl",
    "droid sans fallback",
    "fangsong",
    "kaiti",
)


def cjk_font() -> str | None:
    """Name of an installed font that can draw Chinese, or ``None``."""
    for font in font_manager.fontManager.ttflist:
        name = font.name.lower()
        if any(h in name for h in _CJK_HINTS):
            return font.name
    return None


_AXIS = {
    "en": ("Satisfaction (mean)", "Importance (stated, mean)", "Importance (derived, % of R²)"),
    "zh": ("满意度(均值)", "重要性(陈述,均值)", "重要性(推导,占R²%)"),
}


def ipa_map(
    result: IPAResult,
    path_stem: str | os.PathLike,
    lang: str = "en",
    diagonal: bool = False,
    title: str | None = None,
) -> tuple[list[Path], list[str]]:
    """Draw the IPA map and save ``<path_stem>.png`` and ``<path_stem>.svg`` atomically.

    Returns the files written and notes (e.g. the fallback to English labels).
    """
    notes: list[str] = []
    font = None
    if lang == "zh":
        font = cjk_font()
        if font is None:
            notes.append("no Chinese (CJK) font installed: the IPA map uses English labels")
            lang = "en"
    t = result.table
    rc = {"font.family": [font, "DejaVu Sans"]} if font else {}
    with plt.rc_context(rc):
        fig, ax = plt.subplots(figsize=(8, 6.5), dpi=150)
        x = t["satisfaction"].to_numpy()
        y = t["importance"].to_numpy()
        xerr = [x - t["satisfaction_low"].to_numpy(), t["satisfaction_high"].to_numpy() - x]
        yerr = [y - t["importance_low"].to_numpy(), t["importance_high"].to_numpy() - y]
        ax.errorbar(
            x,
            y,
            xerr=xerr,
            yerr=yerr,
            fmt="o",
            color="#0072B2",
            ecolor="#7F7F7F",
            elinewidth=1,
            capsize=2,
            markersize=6,
            zorder=3,
        )
        for xi, yi, name in zip(x, y, t["driver"], strict=True):
            ax.annotate(
                driver_name(str(name), lang),
                (xi, yi),
                xytext=(5, 4),
                textcoords="offset points",
                fontsize=9,
                zorder=4,
            )
        ax.axvline(result.satisfaction_cross, color="#D55E00", lw=1, ls="--")
        ax.axhline(result.importance_cross, color="#D55E00", lw=1, ls="--")
        ax.margins(0.25)
        x0, x1 = ax.get_xlim()
        y0, y1 = ax.get_ylim()
        if diagonal:
            sw = result.satisfaction_scale.width
            slope = (result.importance_scale.width if result.importance_scale else 100.0) / sw
            xs = [x0, x1]
            ys = [result.importance_cross + slope * (v - result.satisfaction_cross) for v in xs]
            ax.plot(xs, ys, color="#009E73", lw=1, ls=":")
            ax.set_xlim(x0, x1)
            ax.set_ylim(y0, y1)
        names = QUADRANT_SHORT[lang]
        style = {"fontsize": 9, "color": "#555555", "alpha": 0.9}
        ax.text(0.02, 0.98, names["improve"], transform=ax.transAxes, va="top", ha="left", **style)
        ax.text(0.98, 0.98, names["keep"], transform=ax.transAxes, va="top", ha="right", **style)
        ax.text(
            0.98, 0.02, names["maintain"], transform=ax.transAxes, va="bottom", ha="right", **style
        )
        ax.text(
            0.02,
            0.02,
            names["latent_churn"],
            transform=ax.transAxes,
            va="bottom",
            ha="left",
            **style,
        )
        xl, yl_stated, yl_derived = _AXIS[lang]
        ax.set_xlabel(xl)
        ax.set_ylabel(yl_stated if result.importance_source == "stated" else yl_derived)
        if title:
            ax.set_title(title)
        ax.grid(alpha=0.2)
        fig.tight_layout()
        written = []
        stem = Path(path_stem)
        for ext in ("png", "svg"):
            target = stem.with_name(stem.name + f".{ext}")
            with atomic_path(target) as tmp:
                fig.savefig(tmp, format=ext)
            written.append(target)
        plt.close(fig)
    return written, notes
