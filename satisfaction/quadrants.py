"""Importance-performance analysis (Martilla & James 1977) of loyalty drivers: the quadrants.

Each driver is placed by its mean satisfaction (x axis) and its importance
(y axis: mean stated importance, or derived importance as the driver's share
of R² in percent); crosshairs split the map into the four quadrants, whose
keys are named in the users' own words by the catalogue (``quadrant.<key>``,
domain.md: 重点改进, 保持并优化, 维持, 潜在流失区):

=================  ===================  =============================================
importance         satisfaction         quadrant
=================  ===================  =============================================
high (>= y0)       low (< x0)           ``improve``: improve first, chief cause of churn
high               high (>= x0)         ``keep``: keep and defend, competitors attack here
low (< y0)         high                 ``maintain``: maintain, possible overkill
low                low                  ``latent_churn``: latent-churn zone, adjust as needed
=================  ===================  =============================================

A value exactly on a crosshair counts as high.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from kano.shared.errors import OptionError
from satisfaction.display import html_view, text_view
from satisfaction.relative_importance import DerivedImportance
from satisfaction.validate import Scale

CROSSHAIR_RULES = ("mean", "median", "midpoint")
#: Quadrant keys in the order they are listed (action priority).
QUADRANTS = ("improve", "keep", "maintain", "latent_churn")


def parse_crosshair(text: str | tuple[float, float]) -> str | tuple[float, float]:
    """``mean``, ``median``, ``midpoint`` or ``"X,Y"`` (satisfaction, importance) -> rule."""
    if isinstance(text, tuple):
        return (float(text[0]), float(text[1]))
    t = str(text).strip().lower()
    if t in CROSSHAIR_RULES:
        return t
    parts = t.replace(";", ",").split(",")
    try:
        if len(parts) == 2:
            return (float(parts[0]), float(parts[1]))
    except ValueError:
        pass
    raise OptionError(
        "{opt:crosshair} must be mean, median, midpoint or X,Y (satisfaction,importance), "
        f"not {text!r}"
    )


def assign_quadrants(importance, satisfaction, importance_cross, satisfaction_cross) -> np.ndarray:
    """Quadrant keys for arrays of importance and satisfaction (broadcasting).

    High means ``>=`` the crosshair.
    """
    hi_i = np.asarray(importance) >= np.asarray(importance_cross)
    hi_s = np.asarray(satisfaction) >= np.asarray(satisfaction_cross)
    return np.where(
        hi_i,
        np.where(hi_s, "keep", "improve"),
        np.where(hi_s, "maintain", "latent_churn"),
    )


def crosshair_point(
    importance: np.ndarray,
    satisfaction: np.ndarray,
    rule: str | tuple[float, float],
    importance_mid: float,
    satisfaction_mid: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Crosshair (importance, satisfaction) over the last axis (drivers).

    ``mean``: grand mean of the driver means; ``median``: median of the driver
    means; ``midpoint``: the scale midpoints given; ``(X, Y)``: satisfaction X,
    importance Y.
    """
    if isinstance(rule, tuple):
        return np.asarray(rule[1], float), np.asarray(rule[0], float)
    if rule == "mean":
        return np.nanmean(importance, axis=-1), np.nanmean(satisfaction, axis=-1)
    if rule == "median":
        return np.nanmedian(importance, axis=-1), np.nanmedian(satisfaction, axis=-1)
    if rule == "midpoint":
        return np.asarray(importance_mid, float), np.asarray(satisfaction_mid, float)
    raise OptionError(f"unknown crosshair rule {rule!r}")


def mean_interval(values: pd.DataFrame, level: float = 0.95) -> tuple[np.ndarray, ...]:
    """Per column: available cases, mean and the t interval of the mean (NaN below 2 cases)."""
    n = values.notna().sum().to_numpy()
    mean = values.mean().to_numpy()
    sd = values.std(ddof=1).to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        half = stats.t.ppf((1 + level) / 2, np.maximum(n - 1, 1)) * sd / np.sqrt(n)
    half = np.where(n > 1, half, np.nan)
    return n, mean, mean - half, mean + half


def _resampled_means(values: pd.DataFrame, counts: np.ndarray) -> np.ndarray:
    x = values.to_numpy(dtype=float)
    present = ~np.isnan(x)
    w = counts.astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (w @ np.where(present, x, 0.0)) / (w @ present)


@dataclass(frozen=True)
class IPAResult:
    """Importance-performance table and the crosshair used.

    ``table`` columns (one row per driver):

    - ``driver``; ``n_importance``, ``n_satisfaction`` (available cases);
    - ``importance`` (stated mean on its scale, or derived share of R² in %),
      ``importance_low/high`` (t interval for stated, bootstrap percentile for derived);
    - ``satisfaction``, ``satisfaction_low/high`` (mean and t interval);
    - ``importance_pct``, ``satisfaction_pct``: both axes on 0-100
      (``100 (x - low)/(high - low)``; derived importance is already a percentage);
    - ``gap``: importance_pct - satisfaction_pct (stated importance only, else NaN);
    - ``priority_score``: height above the iso-priority diagonal through the
      crosshair in 0-100 units, ``(I% - I0%) - (S% - S0%)``; ``priority``: its rank (1 = first);
    - ``quadrant``: key in :data:`QUADRANTS`;
    - with a bootstrap, ``p_improve, p_keep, p_maintain, p_latent_churn``:
      share of resamples in which the driver falls in each quadrant.
    """

    table: pd.DataFrame
    importance_source: str
    crosshair_rule: str
    importance_cross: float
    satisfaction_cross: float
    satisfaction_scale: Scale
    importance_scale: Scale | None
    bootstrap: int = 0

    def _facts(self) -> list[str]:
        counts = self.table["quadrant"].value_counts()
        shown = ", ".join(f"{k} {counts[k]}" for k in QUADRANTS if k in counts)
        return [f"{len(self.table)} drivers", f"importance {self.importance_source}",
                f"crosshair {self.crosshair_rule} (satisfaction {self.satisfaction_cross:.3g}, "
                f"importance {self.importance_cross:.3g})", shown,
                *([f"bootstrap {self.bootstrap}"] if self.bootstrap else [])]  # fmt: skip

    def __repr__(self) -> str:
        return text_view("IPAResult", self._facts())

    def _repr_html_(self) -> str:
        return html_view("Importance-performance analysis", self._facts(), self.table,
                         ("driver", "importance", "satisfaction", "importance_pct",
                          "satisfaction_pct", "priority", "quadrant"))  # fmt: skip


def ipa_table(
    satisfaction: pd.DataFrame,
    importance: pd.DataFrame | None = None,
    satisfaction_scale: Scale | None = None,
    importance_scale: Scale | None = None,
    crosshair: str | tuple[float, float] = "mean",
    derived: DerivedImportance | None = None,
    counts: np.ndarray | None = None,
    level: float = 0.95,
) -> IPAResult:
    """Importance-performance analysis of drivers given as rating columns.

    The computation behind :func:`satisfaction.ipa`, which takes a survey or a
    DataFrame with column names.

    Parameters
    ----------
    satisfaction: ratings, one column per driver (column name = driver).
    importance: stated importance ratings with the same driver columns, or
        ``None`` when ``derived`` gives the importance axis.
    satisfaction_scale, importance_scale: rating scales (for 0-100 and midpoints).
    crosshair: ``mean`` (default), ``median``, ``midpoint`` or ``(X, Y)``.
    derived: derived importance; its ``shapley_share`` (in %) is the importance
        axis for the drivers in ``satisfaction``.
    counts: bootstrap counts ``(B, n)`` over the rows (shared with ``derived``)
        for quadrant probabilities.

    Reference: Martilla, J. A. & James, J. C. (1977). Importance-performance
    analysis. Journal of Marketing 41(1), 77-79.
    """
    rule = parse_crosshair(crosshair)
    drivers = list(satisfaction.columns)
    sscale = satisfaction_scale or Scale(1, 5)
    n_s, mean_s, lo_s, hi_s = mean_interval(satisfaction, level)
    if derived is None:
        if importance is None:
            raise OptionError("stated importance needs importance ratings; use derived importance")
        iscale = importance_scale or Scale(1, 5)
        importance = importance[drivers]
        n_i, mean_i, lo_i, hi_i = mean_interval(importance, level)
        imp_pct = iscale.to_pct(mean_i)
        imp_mid = iscale.midpoint
        source = "stated"
        to_pct_i = iscale.to_pct
    else:
        iscale = None
        dt = derived.table.set_index("driver")
        missing = [d for d in drivers if d not in dt.index]
        if missing:
            raise OptionError(f"derived importance lacks driver(s) {', '.join(missing)}")
        mean_i = 100 * dt.loc[drivers, "shapley_share"].to_numpy(float)
        n_i = np.full(len(drivers), derived.n_used)
        if "shapley_low" in dt:
            lo_i = 100 * dt.loc[drivers, "shapley_low"].to_numpy(float) / derived.r2
            hi_i = 100 * dt.loc[drivers, "shapley_high"].to_numpy(float) / derived.r2
        else:
            lo_i = hi_i = np.full(len(drivers), np.nan)
        imp_pct = mean_i
        imp_mid = 100 / len(derived.table)  # equal shares of R²
        source = "derived"

        def to_pct_i(v):
            return v

    cross_i, cross_s = crosshair_point(mean_i, mean_s, rule, imp_mid, sscale.midpoint)
    sat_pct = sscale.to_pct(mean_s)
    score = (imp_pct - to_pct_i(cross_i)) - (sat_pct - sscale.to_pct(cross_s))
    table = pd.DataFrame(
        {
            "driver": drivers,
            "n_importance": n_i.astype(int),
            "n_satisfaction": n_s.astype(int),
            "importance": mean_i,
            "importance_low": lo_i,
            "importance_high": hi_i,
            "satisfaction": mean_s,
            "satisfaction_low": lo_s,
            "satisfaction_high": hi_s,
            "importance_pct": imp_pct,
            "satisfaction_pct": sat_pct,
            "gap": imp_pct - sat_pct if source == "stated" else np.nan,
            "priority_score": score,
        }
    )
    table["priority"] = table["priority_score"].rank(ascending=False, method="min").astype(int)
    table["quadrant"] = assign_quadrants(mean_i, mean_s, cross_i, cross_s)
    n_boot = 0
    if counts is not None and len(counts):
        sb = _resampled_means(satisfaction, counts)
        if source == "stated":
            ib = _resampled_means(importance, counts)
        else:
            pos = [list(derived.table["driver"]).index(d) for d in drivers]
            samp = derived.samples
            if samp is None or len(samp) != len(counts):
                raise OptionError("derived importance must be bootstrapped on the same resamples")
            with np.errstate(invalid="ignore", divide="ignore"):
                ib = 100 * samp[:, pos] / samp.sum(axis=1, keepdims=True)
        ci, cs = crosshair_point(ib, sb, rule, imp_mid, sscale.midpoint)
        ci = np.broadcast_to(np.asarray(ci, float).reshape(-1, 1), ib.shape)
        cs = np.broadcast_to(np.asarray(cs, float).reshape(-1, 1), sb.shape)
        quad = assign_quadrants(ib, sb, ci, cs)
        valid = ~(np.isnan(ib) | np.isnan(sb))
        denom = valid.sum(axis=0)
        for key in QUADRANTS:
            with np.errstate(invalid="ignore", divide="ignore"):
                table[f"p_{key}"] = ((quad == key) & valid).sum(axis=0) / denom
        n_boot = len(counts)
    return IPAResult(
        table=table,
        importance_source=source,
        crosshair_rule=rule if isinstance(rule, str) else f"given ({rule[0]:g}, {rule[1]:g})",
        importance_cross=float(cross_i),
        satisfaction_cross=float(cross_s),
        satisfaction_scale=sscale,
        importance_scale=iscale,
        bootstrap=n_boot,
    )


def compare_importance(stated: IPAResult, derived: DerivedImportance) -> pd.DataFrame:
    """Stated-vs-derived view: where the two importances disagree.

    Columns: ``driver, stated, stated_rank, derived, derived_rank,
    rank_difference, stated_high, derived_high, agree``. ``stated`` is the mean
    stated importance; ``derived`` the Shapley share of R² in %. A driver is
    "high" on each when at or above the mean over the drivers compared;
    ``agree`` is whether the two highs coincide.
    """
    t = stated.table[["driver", "importance"]].rename(columns={"importance": "stated"})
    d = derived.table.set_index("driver")["shapley_share"]
    t = t[t["driver"].isin(d.index)].copy()
    t["derived"] = 100 * d.loc[t["driver"]].to_numpy()
    t["stated_rank"] = t["stated"].rank(ascending=False, method="min").astype(int)
    t["derived_rank"] = t["derived"].rank(ascending=False, method="min").astype(int)
    t["rank_difference"] = t["stated_rank"] - t["derived_rank"]
    t["stated_high"] = t["stated"] >= t["stated"].mean()
    t["derived_high"] = t["derived"] >= t["derived"].mean()
    t["agree"] = t["stated_high"] == t["derived_high"]
    cols = ["driver", "stated", "stated_rank", "derived", "derived_rank", "rank_difference"]
    return t[[*cols, "stated_high", "derived_high", "agree"]].reset_index(drop=True)
