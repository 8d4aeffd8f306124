"""Customer segments and tests of differences between them.

Value segments (source documents): key account 大客户 when the monthly spend is
above 3000 yuan; otherwise business 商业客户 when the customer is not
residential; otherwise public 公众客户. Tenure bands (loyalty-points rules):
0-6, 7-12, 13-24, 25-36, 37-48, 49-60, 61+ months.

Differences between segments are tested per variable with the Kruskal-Wallis
test (ordinal ratings; default) or one-way ANOVA, and the p-values of the
family of tests are adjusted with Benjamini-Hochberg
(``scipy.stats.false_discovery_control``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy import stats

from kano.errors import CellProblem, InvalidValueError, OptionError
from kano.io.files import RawTable

KEY_ACCOUNT_SPEND = 3000.0
TENURE_EDGES = (6, 12, 24, 36, 48, 60)

#: Customer-type answers meaning residential (everything else non-blank is business).
RESIDENTIAL = frozenset(
    {
        "residential",
        "individual",
        "personal",
        "public",
        "consumer",
        "private",
        "个人",
        "住宅",
        "公众",
        "公众客户",
        "家庭",
        "居民",
        "个人客户",
    }
)


def value_segment(
    spend: pd.Series,
    customer_type: pd.Series | None = None,
    threshold: float = KEY_ACCOUNT_SPEND,
    residential: frozenset[str] = RESIDENTIAL,
) -> pd.Series:
    """Value segment per customer: ``key_account``, ``business``, ``public`` (NaN if unknown).

    ``spend``: monthly spend in yuan (numeric); ``customer_type``: free text,
    residential when it is one of ``residential`` (case-insensitive).
    """
    spend = pd.to_numeric(spend, errors="coerce")
    out = pd.Series(pd.NA, index=spend.index, dtype="object")
    if customer_type is not None:
        t = customer_type.astype("string").str.strip().str.lower()
        known = t.notna() & (t != "")
        is_res = t.isin({r.lower() for r in residential}).fillna(False).astype(bool)
        out[known & is_res] = "public"
        out[known & ~is_res] = "business"
    else:
        out[spend.notna()] = "public"
    out[spend.isna()] = pd.NA  # without the spend a key account cannot be ruled out
    out[spend > threshold] = "key_account"
    return out.rename("value_segment")


def tenure_band(months: pd.Series, edges: Sequence[int] = TENURE_EDGES) -> pd.Series:
    """Tenure band labels (``0-6``, ``7-12`` ... ``61+``) as an ordered categorical.

    A band ``a-b`` holds ``a - 1 < months <= b`` (whole months; 0 included in the first).
    """
    m = pd.to_numeric(months, errors="coerce")
    bins = [-np.inf, *edges, np.inf]
    labels = [f"0-{edges[0]}"]
    labels += [f"{lo + 1}-{hi}" for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    labels.append(f"{edges[-1] + 1}+")
    return pd.cut(m, bins=bins, labels=labels, right=True).rename("tenure_band")


def check_tenure(table: RawTable, months: pd.Series, column: str) -> None:
    """Raise :class:`InvalidValueError` naming negative tenures."""
    bad = months < 0
    if bad.any():
        cells = [
            CellProblem(table.row_number(i), column, table.frame.at[i, column])
            for i in bad[bad].index[:5]
        ]
        raise InvalidValueError(
            table.source, cells, int(bad.sum()), hint="Tenure is months, 0 or more."
        )


def compare_groups(
    data: pd.DataFrame,
    by: pd.Series,
    columns: Sequence[str] | None = None,
    test: str = "kruskal",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Test, for each column, whether its distribution differs between groups of ``by``.

    Columns of the result: ``variable, test, n, n_groups, statistic, df, p,
    p_adjusted`` (Benjamini-Hochberg over all variables tested), ``significant``
    (p_adjusted < alpha). Groups with fewer than 2 answers are left out;
    variables with fewer than 2 such groups are not tested (p NaN).

    References: Kruskal & Wallis (1952); Benjamini & Hochberg (1995), JRSS B 57(1), 289-300.
    """
    if test not in {"kruskal", "anova"}:
        raise OptionError(f"test must be kruskal or anova, not {test!r}")
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
    out["p_adjusted"] = np.nan
    ok = out["p"].notna()
    if ok.any():
        out.loc[ok, "p_adjusted"] = stats.false_discovery_control(out.loc[ok, "p"].to_numpy())
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
