"""The importance-performance map (PNG and SVG).

Satisfaction on the x axis, importance on the y axis (Martilla & James 1977),
crosshairs, the four quadrant names, 95% CI whiskers and, optionally, the
iso-priority diagonal through the crosshair. Chinese labels use the CJK font
shipped with the toolkit (:func:`kano.charts.use_fonts`).
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt

from kano.charts import new_axes, save_figure, spread_labels
from satisfaction.ipa import IPAResult
from satisfaction.labels import QUADRANT_SHORT, driver_name

_AXIS = {
    "en": ("Satisfaction (mean)", "Importance (stated, mean)", "Importance (derived, % of R²)"),
    "zh": ("满意度(均值)", "重要性(陈述,均值)", "重要性(推导,占R²%)"),
}


def ipa_map(
    result: IPAResult,
    lang: str = "en",
    diagonal: bool = False,
    title: str | None = None,
    ax=None,
):
    """Draw the importance-performance map on ``ax`` (a new figure when ``None``); return the Axes.

    Satisfaction on x, importance on y, 95% CI whiskers on both, crosshairs,
    the four quadrant names in ``lang`` and, with ``diagonal``, the
    iso-priority line through the crosshair.
    """
    ax = new_axes(ax, (8, 6.5))
    t = result.table
    x = t["satisfaction"].to_numpy()
    y = t["importance"].to_numpy()
    xerr = [x - t["satisfaction_low"].to_numpy(), t["satisfaction_high"].to_numpy() - x]
    yerr = [y - t["importance_low"].to_numpy(), t["importance_high"].to_numpy() - y]
    ax.errorbar(x, y, xerr=xerr, yerr=yerr, fmt="o", color="#0072B2", ecolor="#7F7F7F",
                elinewidth=1, capsize=2, markersize=6, zorder=3)  # fmt: skip
    texts = [
        ax.text(xi, yi, driver_name(str(name), lang), fontsize=9, zorder=4)
        for xi, yi, name in zip(x, y, t["driver"], strict=True)
    ]
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
    style = {"fontsize": 9, "color": "#555555", "alpha": 0.9, "transform": ax.transAxes}
    ax.text(0.02, 0.98, names["improve"], va="top", ha="left", **style)
    ax.text(0.98, 0.98, names["keep"], va="top", ha="right", **style)
    ax.text(0.98, 0.02, names["maintain"], va="bottom", ha="right", **style)
    ax.text(0.02, 0.02, names["latent_churn"], va="bottom", ha="left", **style)
    xl, yl_stated, yl_derived = _AXIS[lang]
    ax.set_xlabel(xl)
    ax.set_ylabel(yl_stated if result.importance_source == "stated" else yl_derived)
    if title:
        ax.set_title(title)
    ax.grid(alpha=0.2)
    spread_labels(ax, texts)
    return ax


def save_ipa_map(
    result: IPAResult,
    path_stem: str | os.PathLike,
    lang: str = "en",
    diagonal: bool = False,
    title: str | None = None,
) -> list[Path]:
    """Draw the IPA map and save ``<path_stem>.png`` and ``<path_stem>.svg`` atomically."""
    stem = Path(path_stem)
    written = []
    for ext in ("png", "svg"):
        ax = ipa_map(result, lang, diagonal, title)
        written.append(save_figure(ax, stem.with_name(f"{stem.name}.{ext}")))
    plt.close("all")
    return written
