"""The satisfaction charts: the importance-performance map, derived-importance bars,
loyalty by satisfaction zone and NPS by segment.

The IPA map has satisfaction on the x axis, importance on the y axis (Martilla &
James 1977), crosshairs, the four quadrant names, 95% CI whiskers and,
optionally, the iso-priority diagonal through the crosshair. Every word comes
from the catalogue (:mod:`kano.shared.i18n`); Chinese labels use the CJK font
shipped with the toolkit (:func:`kano.shared.plotting.use_fonts`).
"""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import PercentFormatter

from kano.shared.i18n import name, text
from kano.shared.plotting import new_axes, save_figure, spread_labels
from satisfaction.quadrants import IPAResult
from satisfaction.relative_importance import DerivedImportance


def ipa_map(
    result: IPAResult,
    lang: str = "en",
    diagonal: bool = False,
    title: str | None = None,
    ax: Axes | None = None,
) -> Axes:
    """Draw the importance-performance map.

    Parameters
    ----------
    result:
        The IPA (:func:`satisfaction.ipa`).
    lang:
        Language of the labels (``en``, ``zh``).
    diagonal:
        Draw the iso-priority line through the crosshair.
    title:
        A title, if any.
    ax:
        The Axes to draw on (a new figure when ``None``).

    Returns the Axes: satisfaction on x, importance on y, 95% CI whiskers on
    both, crosshairs and the four quadrant names. Reference: Martilla & James (1977).
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
        ax.text(xi, yi, name("driver", driver, lang), fontsize=9, zorder=4)
        for xi, yi, driver in zip(x, y, t["driver"], strict=True)
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
    style = {"fontsize": 9, "color": "#555555", "alpha": 0.9, "transform": ax.transAxes}
    for key, x_, y_, va, ha in (("improve", 0.02, 0.98, "top", "left"),
                                ("keep", 0.98, 0.98, "top", "right"),
                                ("maintain", 0.98, 0.02, "bottom", "right"),
                                ("latent_churn", 0.02, 0.02, "bottom", "left")):  # fmt: skip
        ax.text(x_, y_, text(f"quadrant_corner.{key}", lang), va=va, ha=ha, **style)
    ax.set_xlabel(text("chart.ipa_x", lang))
    ax.set_ylabel(text(f"chart.ipa_y_{result.importance_source}", lang))
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
    """Draw the IPA map (:func:`ipa_map`) and save ``<path_stem>.png`` and
    ``<path_stem>.svg`` atomically; returns the two paths."""
    stem = Path(path_stem)
    written = []
    for ext in ("png", "svg"):
        ax = ipa_map(result, lang, diagonal, title)
        written.append(save_figure(ax, stem.with_name(f"{stem.name}.{ext}")))
    plt.close("all")
    return written


def derived_importance_bars(
    derived: DerivedImportance, lang: str = "en", ax: Axes | None = None
) -> Axes:
    """Horizontal bars of each driver's Shapley/LMG share of R², with bootstrap CIs when present.

    ``derived``: :func:`satisfaction.drivers`; ``lang``: language of the labels;
    ``ax``: the Axes to draw on (a new figure when ``None``). Returns the Axes.
    """
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
    ax.set_yticks(y, [name("driver", d, lang) for d in t["driver"]])
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(text("chart.sat_share", lang))
    ax.set_title(text("chart.sat_derived", lang, outcome=name("driver", derived.outcome, lang)))
    return ax


def loyalty_by_zone(zones: pd.DataFrame, lang: str = "en", ax: Axes | None = None) -> Axes:
    """Mean loyalty per satisfaction zone with its CI.

    ``zones``: the table of :func:`satisfaction.satisfaction_zones`; ``lang``:
    language of the labels; ``ax``: the Axes (a new figure when ``None``).
    Returns the Axes.
    """
    ax = new_axes(ax, (7, 4.5))
    x = np.arange(len(zones))
    mean = zones["mean_loyalty"].to_numpy(dtype=float)
    err = np.abs(np.vstack([mean - zones["loyalty_low"], zones["loyalty_high"] - mean]))
    ax.bar(x, mean, yerr=err, color=["#D55E00", "#999999", "#009E73"][: len(zones)], capsize=3)
    ax.set_xticks(
        x,
        [
            f"{name('zone', z, lang)}\n(n={n})"
            for z, n in zip(zones["zone"], zones["n"], strict=True)
        ],
    )
    ax.set_ylim(0, 100)
    ax.set_ylabel(text("chart.sat_loyalty", lang))
    ax.set_title(text("chart.sat_zones", lang))
    return ax


def nps_by_segment(nps_table: pd.DataFrame, lang: str = "en", ax: Axes | None = None) -> Axes:
    """NPS per segment with its CI, green when positive, orange when negative.

    ``nps_table``: ``segment, nps, ci_low, ci_high, n`` with value-segment codes
    (``all``, ``key_account`` …, as :func:`satisfaction.analysis.nps_segments`
    gives them), named in ``lang``; ``ax``: the Axes (a new figure when
    ``None``). Returns the Axes.
    """
    ax = new_axes(ax, (7, 0.5 * len(nps_table) + 1.8))
    y = np.arange(len(nps_table))
    v = nps_table["nps"].to_numpy(dtype=float)
    err = np.abs(np.vstack([v - nps_table["ci_low"], nps_table["ci_high"] - v]))
    colors = ["#009E73" if val >= 0 else "#D55E00" for val in v]
    ax.barh(y, v, xerr=err, color=colors, ecolor="0.35", capsize=3)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.set_yticks(
        y,
        [f"{name('segment', s, lang)} (n={n})"
         for s, n in zip(nps_table["segment"], nps_table["n"], strict=True)],
    )  # fmt: skip
    ax.set_xlim(-100, 100)
    ax.set_xlabel(text("chart.sat_nps_axis", lang))
    ax.set_title(text("chart.sat_nps", lang))
    return ax
