"""Uncertainty of Kano results: Wilson intervals, bootstrap CIs, category stability.

The bootstrap resamples respondents. For statistics of one service (shares,
Better, Worse, the dominant category) only the counts of that service's seven
outcomes (A O M I R Q and blank) matter, and resampling N respondents with
replacement gives exactly a Multinomial(N, observed proportions) draw of those
counts. Drawing the counts directly is therefore the same bootstrap, without
materialising N × B resampled rows.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from scipy import stats as sps

from kano.shared.errors import OptionError
from kano.stats import Rule, dominant_codes
from kano.tables import CATEGORIES


def wilson_intervals(
    counts: pd.DataFrame, level: float = 0.95, exclude_qr: bool = False
) -> pd.DataFrame:
    """Wilson score intervals for every category share (Wilson 1927).

    Parameters
    ----------
    counts:
        One row per service with ``service`` and the counts ``A O M I R Q``.
    level:
        Confidence level.
    exclude_qr:
        Shares of A, O, M, I over A+O+M+I (as ``SummaryOptions.shares_exclude_qr``);
        the R and Q rows are then left blank.

    Returns
    -------
    Tidy DataFrame: ``service, category, count, n, share, ci_low, ci_high``.
    Computed with ``scipy.stats.binomtest(...).proportion_ci(method="wilson")``.
    """
    rows = []
    for _, row in counts.iterrows():  # services × 6 categories, never respondents
        base = CATEGORIES[:4] if exclude_qr else CATEGORIES
        n = int(sum(int(row[c]) for c in base))
        for cat in CATEGORIES:
            k = int(row[cat])
            if n and cat in base:
                ci = sps.binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
                low, high, share = float(ci.low), float(ci.high), k / n
            else:
                low = high = share = np.nan
            rows.append((row["service"], cat, k, n, share, low, high))
    return pd.DataFrame(
        rows, columns=["service", "category", "count", "n", "share", "ci_low", "ci_high"]
    )


def bootstrap_counts(counts7: np.ndarray, n_boot: int, seed: int) -> np.ndarray:
    """Bootstrap replicates of per-service outcome counts.

    ``counts7`` is (services, 7): A O M I R Q and blank. Returns (n_boot,
    services, 7) counts, each service's row a Multinomial(N, p̂) draw.
    """
    if n_boot < 1:
        raise OptionError(f"{{opt:bootstrap}} must be 1 or more resamples, not {n_boot}")
    rng = np.random.default_rng(seed)
    totals = counts7.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        probs = np.where(totals[:, None] > 0, counts7 / np.maximum(totals, 1)[:, None], 0.0)
    probs[totals == 0, -1] = 1.0
    return rng.multinomial(totals, probs, size=(n_boot, len(totals)))


def better_worse_arrays(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Better and Worse of counts arrays whose last axis starts with A O M I."""
    a, o, m, i = (values[..., k].astype(float) for k in range(4))
    base = a + o + m + i
    with np.errstate(divide="ignore", invalid="ignore"):
        better = np.where(base > 0, (a + o) / base, np.nan)
        worse = np.where(base > 0, -(o + m) / base, np.nan)
    return better, worse


def bootstrap_summary(
    counts7: pd.DataFrame,
    n_boot: int = 2000,
    seed: int = 0,
    rule: Rule = "max",
    threshold: float = 0.05,
    level: float = 0.95,
    stable_share: float = 0.70,
) -> pd.DataFrame:
    """Percentile bootstrap CIs of Better and Worse and the stability of the category.

    Parameters
    ----------
    counts7:
        One row per service: ``service``, ``A O M I R Q`` and ``n_blank``
        (respondents without a complete pair; they are resampled too).
    n_boot, seed:
        Number of resamples and the seed (same seed, same numbers).
    rule, threshold:
        Category rule used to find each resample's winner.
    stable_share:
        A service is flagged unstable when its observed category wins in less
        than this share of resamples.

    Returns
    -------
    DataFrame, one row per service: ``better_ci_low, better_ci_high,
    worse_ci_low, worse_ci_high``, ``win_A … win_Q`` (share of resamples in
    which each category is the dominant one), ``stability`` (the share for
    the observed category) and ``unstable`` (stability < ``stable_share``).
    Reference: Efron & Tibshirani (1993), percentile interval.
    """
    values = counts7[[*CATEGORIES, "n_blank"]].to_numpy(dtype=np.int64)
    draws = bootstrap_counts(values, n_boot, seed)  # (B, S, 7)
    better, worse = better_worse_arrays(draws)
    alpha = (1 - level) / 2
    out = pd.DataFrame({"service": counts7["service"].to_numpy()})
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN: service without A+O+M+I
        for name, arr in (("better", better), ("worse", worse)):
            low, high = (
                np.nanquantile(arr, [alpha, 1 - alpha], axis=0) if n_boot else (np.nan, np.nan)
            )
            out[f"{name}_ci_low"] = low
            out[f"{name}_ci_high"] = high
    cats = draws[..., :6].reshape(-1, 6)
    winners = dominant_codes(cats.astype(float), rule, threshold).reshape(n_boot, -1)
    empty = draws[..., :6].sum(axis=2) == 0
    winners = np.where(empty, -1, winners)
    observed = dominant_codes(values[:, :6].astype(float), rule, threshold)
    for k, cat in enumerate(CATEGORIES):
        out[f"win_{cat}"] = (winners == k).mean(axis=0)
    out["stability"] = (winners == observed[None, :]).mean(axis=0)
    out.loc[values[:, :6].sum(axis=1) == 0, "stability"] = np.nan
    out["unstable"] = out["stability"] < stable_share
    return out


def difference_ci(
    counts_a: np.ndarray, counts_b: np.ndarray, n_boot: int, seed: int, level: float = 0.95
) -> pd.DataFrame:
    """Bootstrap CIs of Better(b) − Better(a) and Worse(b) − Worse(a), per row.

    ``counts_a``, ``counts_b``: (services, 7) outcome counts of two independent
    samples (segments or waves); each is resampled on its own. Returns
    ``better_diff, better_diff_low, better_diff_high, worse_diff, …``.
    """
    rng = np.random.default_rng(seed)
    seeds = rng.integers(0, 2**63 - 1, size=2)
    da = bootstrap_counts(counts_a, n_boot, int(seeds[0]))
    db = bootstrap_counts(counts_b, n_boot, int(seeds[1]))
    ba, wa = better_worse_arrays(da)
    bb, wb = better_worse_arrays(db)
    obs_ba, obs_wa = better_worse_arrays(counts_a)
    obs_bb, obs_wb = better_worse_arrays(counts_b)
    alpha = (1 - level) / 2
    out = {}
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN: service without A+O+M+I
        for name, diff, obs in (
            ("better", bb - ba, obs_bb - obs_ba),
            ("worse", wb - wa, obs_wb - obs_wa),
        ):
            low, high = np.nanquantile(diff, [alpha, 1 - alpha], axis=0)
            out[f"{name}_diff"] = obs
            out[f"{name}_diff_low"] = low
            out[f"{name}_diff_high"] = high
    return pd.DataFrame(out)
