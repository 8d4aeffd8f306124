"""Tests of differences in ratings between customer segments.

The segments themselves (value segments, tenure bands) are defined once in
:mod:`kano.shared.segments`, shared with the Kano analyses.

Differences between segments are tested per variable with the Kruskal-Wallis
test (ordinal ratings; default) or one-way ANOVA, and the p-values of the
family of tests are adjusted with Benjamini-Hochberg
(:func:`kano.shared.stats.bh_adjust`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from kano.shared.errors import OptionError
from kano.shared.stats import bh_adjust


def group_tests(
    data: pd.DataFrame,
    by: pd.Series,
    columns: Sequence[str] | None = None,
    test: str = "kruskal",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Test, for each column, whether its distribution differs between groups of ``by``.

    The computation behind :func:`satisfaction.compare_groups`. Columns of the
    result: ``variable, test, n, n_groups, statistic, df, p, p_adjusted``
    (Benjamini-Hochberg over all variables tested), ``significant``
    (p_adjusted < alpha). Groups with fewer than 2 answers are left out;
    variables with fewer than 2 such groups are not tested (p NaN).

    References: Kruskal & Wallis (1952); Benjamini & Hochberg (1995), JRSS B 57(1), 289-300.
    """
    if test not in {"kruskal", "anova"}:
        raise OptionError(f"{{opt:test}} must be kruskal or anova, not {test!r}")
    columns = list(columns) if columns is not None else list(data.columns)
    rows = []
    for col in columns:
        df = pd.DataFrame({"v": data[col], "g": by}).dropna()
        groups = [g["v"].to_numpy(float) for _, g in df.groupby("g", observed=True) if len(g) >= 2]
        stat = p = np.nan
        if len(groups) >= 2 and np.ptp(np.concatenate(groups)) > 0:
            res = stats.kruskal(*groups) if test == "kruskal" else stats.f_oneway(*groups)
            stat, p = float(res.statistic), float(res.pvalue)
        rows.append(
            (col, test, int(sum(len(g) for g in groups)), len(groups), stat, len(groups) - 1, p)
        )
    out = pd.DataFrame(rows, columns=["variable", "test", "n", "n_groups", "statistic", "df", "p"])
    out["p_adjusted"] = bh_adjust(out["p"])
    out["significant"] = out["p_adjusted"] < alpha
    return out


def group_means(data: pd.DataFrame, by: pd.Series) -> pd.DataFrame:
    """Tidy ``segment, variable, n, mean`` of every column per group of ``by``."""
    long = data.assign(segment=by.to_numpy()).melt(id_vars="segment", var_name="variable")
    long = long.dropna(subset=["segment"])
    out = (
        long.groupby(["segment", "variable"], observed=True, sort=False)["value"]
        .agg(n="count", mean="mean")
        .reset_index()
    )
    return out
