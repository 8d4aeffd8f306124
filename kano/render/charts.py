"""Kano charts (matplotlib). Every function takes ``ax=None`` and returns the Axes.

Colours follow the Okabe-Ito colour-blind-safe palette, one fixed colour per
category in every chart. Chinese labels are set in Noto Sans CJK SC, shipped by
the ``mplfonts`` package, so they render on a fresh machine; point labels are
moved apart with ``adjustText`` so that they do not overlap.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import PercentFormatter

from kano.shared.i18n import category_label, text
from kano.shared.plotting import new_axes, spread_labels
from kano.shared.style import CATEGORY_COLORS, SERIES_COLORS
from kano.tables import CATEGORIES


def category_shares(summary: pd.DataFrame, lang: str = "en", ax=None):
    """Stacked horizontal bars of A O M I R Q shares per service, sorted by Better, with n."""
    ax = new_axes(ax, (9, 0.45 * len(summary) + 1.8))
    frame = summary.sort_values("better", ascending=True, na_position="first")
    left = np.zeros(len(frame))
    y = np.arange(len(frame))
    for cat in CATEGORIES:
        values = frame[f"share_{cat}"].fillna(0).to_numpy()
        ax.barh(y, values, left=left, color=CATEGORY_COLORS[cat], label=category_label(cat, lang),
                edgecolor="white", linewidth=0.5)  # fmt: skip
        left += values
    ax.set_yticks(y, [f"{s} (n={n})" for s, n in zip(frame["service"], frame["n"], strict=True)])
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(text("chart.share", lang))
    ax.set_title(text("chart.shares_title", lang))
    ax.legend(ncols=6, loc="upper center", bbox_to_anchor=(0.5, -0.12), frameon=False, fontsize=8)
    return ax


def _quadrant_names(ax, lang: str, split: float, low: float, high: float) -> None:
    lo, hi = (low + split) / 2, (split + high) / 2
    for qx, qy, cat in ((lo, hi, "A"), (hi, hi, "O"), (hi, lo, "M"), (lo, lo, "I")):
        ax.text(qx, qy, category_label(cat, lang), ha="center", va="center", fontsize=13,
                color=CATEGORY_COLORS[cat], alpha=0.45, zorder=0)  # fmt: skip


def _sizes(frame: pd.DataFrame, lang: str) -> tuple[np.ndarray, str | None]:
    for col, key in (("importance_mean", "importance"), ("total_strength", "total_strength")):
        if col in frame and frame[col].notna().any():
            v = frame[col].to_numpy(dtype=float)
            span = np.nanmax(v) - np.nanmin(v)
            scaled = (v - np.nanmin(v)) / span if span > 0 else np.full(len(v), 0.5)
            return 40 + 260 * np.nan_to_num(scaled, nan=0.0), text(f"chart.{key}", lang)
    return np.full(len(frame), 70.0), None


def _quadrant_grid(ax, frame, x, y, xerr, yerr, categories, split, low, high, lang, labels,
                   sizes: bool = True):  # fmt: skip
    """Points coloured by category with optional whiskers, quadrant lines and names,
    non-overlapping labels and the marker-size note: the Better-Worse grid and
    the continuous plot are both this picture."""
    colors = [CATEGORY_COLORS.get(str(c)[:1], "#000000") for c in categories]
    size, what = _sizes(frame, lang) if sizes else (np.full(len(frame), 70.0), None)
    if xerr is not None:
        ax.errorbar(x, y, xerr=np.abs(xerr), yerr=np.abs(yerr), fmt="none", ecolor="0.55",
                    elinewidth=0.8, capsize=2, zorder=2)  # fmt: skip
    ax.scatter(x, y, c=colors, s=size, edgecolor="black", linewidth=0.5, zorder=3)
    ax.axhline(split, color="0.6", linewidth=0.8)
    ax.axvline(split, color="0.6", linewidth=0.8)
    _quadrant_names(ax, lang, split, low, high)
    texts = [
        ax.text(xi, yi, str(service), fontsize=8, zorder=4)
        for xi, yi, service in zip(x, y, frame["service"], strict=True)
        if np.isfinite(xi) and np.isfinite(yi)
    ]
    ax.set_xlim(low, high)
    ax.set_ylim(low, high)
    ax.set_xlabel(text(f"chart.{labels[0]}", lang))
    ax.set_ylabel(text(f"chart.{labels[1]}", lang))
    ax.set_title(text(f"chart.{labels[2]}", lang))
    if what:
        ax.annotate(text("chart.size", lang, what=what), (1, -0.1), xycoords="axes fraction",
                    ha="right", fontsize=7, color="0.4")  # fmt: skip
    spread_labels(ax, texts)
    return ax


def better_worse_grid(summary: pd.DataFrame, lang: str = "en", ax=None, sizes: bool = True):
    """Better (y) against |Worse| (x), split at 0.5 into the A, O, M, I quadrants.

    Points are coloured by category and, with ``sizes``, sized by self-stated
    importance (or total strength); with ``better_ci_low``… columns (``--ci``) they get 95%
    whiskers on both axes. Labels are moved apart so they do not overlap.
    """
    ax = new_axes(ax, (7.5, 6.5))
    x = summary["worse"].abs().to_numpy(dtype=float)
    y = summary["better"].to_numpy(dtype=float)
    xerr = yerr = None
    if "better_ci_low" in summary:
        xerr = np.vstack([x - summary["worse_ci_high"].abs(), summary["worse_ci_low"].abs() - x])
        yerr = np.vstack([y - summary["better_ci_low"], summary["better_ci_high"] - y])
    return _quadrant_grid(ax, summary, x, y, xerr, yerr, summary["category"], 0.5, 0.0, 1.0, lang,
                          ("worse", "better", "bw_title"), sizes)  # fmt: skip


def continuous_plot(continuous: pd.DataFrame, lang: str = "en", ax=None):
    """Mean functional (y) against mean dysfunctional (x) score with 95% CI whiskers.

    Quadrants split at 2 (DuMouchel, in Berger et al. 1993); marker size by
    self-stated importance when present.
    """
    ax = new_axes(ax, (7.5, 6.5))
    c = continuous
    x = c["dysfunctional_mean"].to_numpy(dtype=float)
    y = c["functional_mean"].to_numpy(dtype=float)
    xerr = np.vstack([x - c["dysfunctional_ci_low"], c["dysfunctional_ci_high"] - x])
    yerr = np.vstack([y - c["functional_ci_low"], c["functional_ci_high"] - y])
    return _quadrant_grid(ax, c, x, y, xerr, yerr, c["continuous_category"], 2.0, -2.0, 4.0, lang,
                          ("dysfunctional", "functional", "cont_title"))  # fmt: skip


def wave_trends(per_wave: pd.DataFrame, metric: str = "better", lang: str = "en", ax=None):
    """One line per service of ``metric`` (``better``, ``worse`` or ``share_X``) across waves.

    ``per_wave`` is :attr:`kano.compare.GroupComparison.groups` of
    :func:`kano.compare.compare_waves` (columns ``service, wave, …``); waves
    keep their order of appearance.
    """
    ax = new_axes(ax, (8, 5))
    waves = list(dict.fromkeys(per_wave["wave"]))
    pos = {w: k for k, w in enumerate(waves)}
    markers = "osD^v<>P"
    for k, (service, rows) in enumerate(per_wave.groupby("service", sort=False)):
        xs = [pos[w] for w in rows["wave"]]
        ax.plot(xs, rows[metric].to_numpy(dtype=float), marker=markers[(k // 8) % 8],
                color=SERIES_COLORS[k % 8], label=str(service), linewidth=1.5)  # fmt: skip
    ax.set_xticks(range(len(waves)), waves)
    label = {"better": "Better", "worse": "Worse"}.get(metric, f"{metric[-1]} %")
    if metric.startswith("share_"):
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel(text("chart.wave", lang))
    ax.set_ylabel(label)
    ax.set_title(text("chart.trend_title", lang, metric=label))
    ax.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    return ax
