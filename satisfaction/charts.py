"""The importance-performance map (PNG and SVG).

Satisfaction on the x axis, importance on the y axis (Martilla & James 1977),
crosshairs, the four quadrant names, 95% CI whiskers and, optionally, the
iso-priority diagonal through the crosshair. Chinese labels use the CJK font
shipped with the toolkit (:func:`kano.shared.plotting.use_fonts`).
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import PercentFormatter

from kano.shared.plotting import new_axes, save_figure, spread_labels
from satisfaction.drivers import DerivedImportance
from satisfaction.ipa import IPAResult
from satisfaction.labels import QUADRANT_SHORT, ZONE_NAMES, driver_name

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


_TEXT = {
    "en": {
        "derived": "Derived importance for {outcome} (share of R², 95% CI)",
        "share": "Share of R²",
        "zones": "Loyalty by satisfaction zone (mean, 95% CI)",
        "loyalty": "Loyalty index (0-100)",
        "nps": "NPS by segment (95% CI)",
        "nps_axis": "NPS (points)",
    },
    "zh": {
        "derived": "{outcome}的推导重要性(占R²比例, 95%置信区间)",
        "share": "占R²比例",
        "zones": "各满意度分区的忠诚度(均值, 95%置信区间)",
        "loyalty": "忠诚度指数(0-100)",
        "nps": "各细分群体的NPS(95%置信区间)",
        "nps_axis": "NPS(分)",
        "zone": {
            "dissatisfied": "不满意区",
            "neither": "没有满意/没有不满意区",
            "satisfied": "满意区",
        },
    },
}


def derived_importance_bars(derived: DerivedImportance, lang: str = "en", ax=None):
    """Horizontal bars of each driver's Shapley/LMG share of R², with bootstrap CIs when present."""
    t = derived.table.sort_values("shapley_share")
    ax = new_axes(ax, (8, 0.45 * len(t) + 1.6))
    share = t["shapley_share"].to_numpy(dtype=float)
    xerr = None
    if "shapley_low" in t:
        low = t["shapley_low"].to_numpy(dtype=float) / derived.r2
        high = t["shapley_high"].to_numpy(dtype=float) / derived.r2
        xerr = np.abs(np.vstack([share - low, high - share]))
    y = np.arange(len(t))
    ax.barh(y, share, xerr=xerr, color="#0072B2", ecolor="0.35", capsize=2)
    ax.set_yticks(y, [driver_name(str(d), lang) for d in t["driver"]])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(_TEXT[lang]["share"])
    ax.set_title(_TEXT[lang]["derived"].format(outcome=derived.outcome))
    return ax


def loyalty_by_zone(zones: pd.DataFrame, lang: str = "en", ax=None):
    """Mean loyalty per satisfaction zone (``satisfaction.loyalty.satisfaction_zones``) with CIs."""
    ax = new_axes(ax, (7, 4.5))
    x = np.arange(len(zones))
    mean = zones["mean_loyalty"].to_numpy(dtype=float)
    err = np.abs(np.vstack([mean - zones["loyalty_low"], zones["loyalty_high"] - mean]))
    ax.bar(x, mean, yerr=err, color=["#D55E00", "#999999", "#009E73"][: len(zones)], capsize=3)
    names = ZONE_NAMES[lang]
    ax.set_xticks(
        x, [f"{names.get(z, z)}\n(n={n})" for z, n in zip(zones["zone"], zones["n"], strict=True)]
    )
    ax.set_ylim(0, 100)
    ax.set_ylabel(_TEXT[lang]["loyalty"])
    ax.set_title(_TEXT[lang]["zones"])
    return ax


def nps_by_segment(nps_table: pd.DataFrame, lang: str = "en", ax=None):
    """NPS per segment with its CI; ``nps_table`` has ``segment, nps, ci_low, ci_high, n``."""
    ax = new_axes(ax, (7, 0.5 * len(nps_table) + 1.8))
    y = np.arange(len(nps_table))
    v = nps_table["nps"].to_numpy(dtype=float)
    err = np.abs(np.vstack([v - nps_table["ci_low"], nps_table["ci_high"] - v]))
    colors = ["#009E73" if val >= 0 else "#D55E00" for val in v]
    ax.barh(y, v, xerr=err, color=colors, ecolor="0.35", capsize=3)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_yticks(
        y, [f"{s} (n={n})" for s, n in zip(nps_table["segment"], nps_table["n"], strict=True)]
    )
    ax.set_xlim(-100, 100)
    ax.set_xlabel(_TEXT[lang]["nps_axis"])
    ax.set_title(_TEXT[lang]["nps"])
    return ax
