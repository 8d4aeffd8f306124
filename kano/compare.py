"""Comparing Kano results between groups: segments of one survey, or survey waves.

Both are comparisons of independent samples, per service:
* the category distribution, by Pearson's χ² test of the groups × categories
  table, or Fisher's exact test when an expected count is below 5 (exact for
  2×2, Monte Carlo with a seed for larger tables; scipy.stats.fisher_exact);
* Better and Worse, by the difference with a bootstrap percentile CI;
and p-values are adjusted across services with Benjamini–Hochberg
(scipy.stats.false_discovery_control).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats as sps

from kano.classification import category_counts, classify_codes
from kano.io.survey import KanoSurvey
from kano.shared.errors import OptionError
from kano.shared.records import Finding
from kano.shared.segments import SEGMENTS
from kano.shared.stats import bh_adjust
from kano.stats import SummaryOptions, summarize_counts
from kano.tables import CATEGORIES, EvaluationTable, evaluation_table
from kano.uncertainty import difference_ci

MIN_EXPECTED = 5.0
#: Monte Carlo resamples of Fisher's test. When none is as extreme as the table, p is only
#: known to be at most 1/(B+1) = 0.0001: the tests table flags it (``p_bound``) and the
#: findings print p < 0.001, never the bound as if it were the p-value.
MONTE_CARLO_RESAMPLES = 9999


def category_test(table: np.ndarray, seed: int = 0) -> tuple[str, float, float]:
    """Test of independence of a groups × categories counts table.

    All-zero rows and columns are dropped first. Returns (test name, statistic, p);
    ``("", nan, nan)`` when fewer than 2 groups or categories remain.

    * ``chi2``: Pearson's χ² when every expected count is at least 5;
    * ``chi2 (R+Q pooled)``: for an A O M I R Q table whose sparse cells are in the
      rare reverse and questionable columns, χ² on A, O, M, I and R+Q when pooling them
      brings every expected count to 5 (Cochran 1954's rule; docs/methods.md §12);
    * ``fisher``: Fisher's exact test of a 2×2 table;
    * ``fisher (Monte Carlo)``: Fisher–Freeman–Halton by Monte Carlo with the seed, 9,999
      resamples; a p of 1/(B+1) is an upper bound (:func:`p_is_bound`).
    """
    raw = np.asarray(table, dtype=np.int64)
    table = _nonzero(raw)
    if table.shape[0] < 2 or table.shape[1] < 2:
        return "", np.nan, np.nan
    if sps.contingency.expected_freq(table).min() >= MIN_EXPECTED:
        res = sps.chi2_contingency(table, correction=False)
        return "chi2", float(res.statistic), float(res.pvalue)
    pooled = _pooled(raw)
    if (
        pooled is not None
        and pooled.shape[1] >= 2
        and sps.contingency.expected_freq(pooled).min() >= MIN_EXPECTED
    ):
        res = sps.chi2_contingency(pooled, correction=False)
        return "chi2 (R+Q pooled)", float(res.statistic), float(res.pvalue)
    if table.shape == (2, 2):
        res = sps.fisher_exact(table)
        return "fisher", float(res.statistic), float(res.pvalue)
    method = sps.MonteCarloMethod(
        n_resamples=MONTE_CARLO_RESAMPLES, rng=np.random.default_rng(seed)
    )
    res = sps.fisher_exact(table, method=method)
    # scipy 1.17 returns shape-(1,) arrays for some r×c tables (e.g. [[0,1,0],[1,0,2]])
    stat, p = np.ravel(res.statistic)[0], np.ravel(res.pvalue)[0]
    return "fisher (Monte Carlo)", float(stat), float(p)


def p_is_bound(test: pd.Series, p: pd.Series) -> pd.Series:
    """Whether each p is only an upper bound: a Monte Carlo test where no resample was as
    extreme as the table (p = 1/(B+1))."""
    return (test == "fisher (Monte Carlo)") & (p <= 1.5 / (MONTE_CARLO_RESAMPLES + 1))


def _nonzero(table: np.ndarray) -> np.ndarray:
    return table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]


def _pooled(raw: np.ndarray) -> np.ndarray | None:
    """An A O M I R Q table with R and Q in one column (zero rows and columns dropped);
    ``None`` for a table of other columns."""
    if raw.shape[1] != len(CATEGORIES):
        return None
    return _nonzero(np.column_stack([raw[:, :4], raw[:, 4:].sum(axis=1)]))


def outcome_counts(
    survey: KanoSurvey, table: EvaluationTable, mask: np.ndarray | None = None
) -> pd.DataFrame:
    """Counts of A O M I R Q and ``n_blank`` per service, over the respondents in ``mask``."""
    f = survey.functional.to_numpy()
    d = survey.dysfunctional.to_numpy()
    if mask is not None:
        f, d = f[mask], d[mask]
    return category_counts(classify_codes(f, d, table), survey.services)


@dataclass(frozen=True)
class GroupComparison:
    """Result of comparing groups (segments or waves).

    ``groups``: per service and group, the summary statistics (tidy, column
    ``group``); ``tests``: per service (and pair of groups), the category test
    and Better/Worse differences with CIs, raw and BH-adjusted p; ``findings``:
    the significant differences (:class:`~kano.shared.records.Finding`);
    ``coded``: the groups are value-segment codes (``key_account`` …), which
    renderers name, rather than a column's own values.
    """

    groups: pd.DataFrame
    tests: pd.DataFrame
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    unmatched: pd.DataFrame | None = None
    coded: bool = False


def _group_tables(
    counts_by_group: dict[str, pd.DataFrame], options: SummaryOptions
) -> pd.DataFrame:
    frames = []
    for label, counts in counts_by_group.items():
        summary = summarize_counts(counts.drop(columns="n_blank").reset_index(), options)
        summary.insert(1, "group", label)
        summary["n_missing"] = counts["n_blank"].to_numpy()
        frames.append(summary)
    return pd.concat(frames, ignore_index=True)


def _pair_tests(
    counts_by_group: dict[str, pd.DataFrame],
    pairs: Sequence[tuple[str, str]],
    services: Sequence[str],
    n_boot: int,
    seed: int,
) -> pd.DataFrame:
    rows = []
    for k, (a, b) in enumerate(pairs):
        ca = counts_by_group[a].reindex(services)[[*CATEGORIES, "n_blank"]].to_numpy()
        cb = counts_by_group[b].reindex(services)[[*CATEGORIES, "n_blank"]].to_numpy()
        diffs = difference_ci(ca, cb, n_boot, seed + 7919 * k)
        for j, service in enumerate(services):
            test, stat, p = category_test(np.vstack([ca[j, :6], cb[j, :6]]), seed + j)
            rows.append(
                {
                    "service": service,
                    "group_a": a,
                    "group_b": b,
                    "test": test,
                    "statistic": stat,
                    "p": p,
                }
                | {col: diffs[col].iloc[j] for col in diffs.columns}
            )
    return pd.DataFrame(rows)


def compare_segments(
    survey: KanoSurvey,
    by: pd.Series,
    table: str | EvaluationTable = "standard",
    options: SummaryOptions | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    alpha: float = 0.05,
    min_group: int = 1,
) -> GroupComparison:
    """Kano results per segment and tests of the differences between segments.

    Parameters
    ----------
    survey:
        The survey.
    by:
        Segment label per respondent, aligned with ``survey.functional.index``.
        Respondents with a blank segment are left out (and counted in the
        ``tests`` table's ``n_unsegmented``).
    n_boot, seed:
        Bootstrap resamples for the Better/Worse differences, and the seed.
    alpha:
        Level at which a BH-adjusted p is called significant.

    Returns
    -------
    :class:`GroupComparison`. ``tests`` has one row per service for the test
    over all segments (``group_a = group_b = "all"``) and one per pair of
    segments for the Better/Worse differences (b − a) with their CIs;
    ``p_adjusted`` is BH over the services of each kind of row.
    """
    table = evaluation_table(table)
    options = options or SummaryOptions()
    index = survey.functional.index
    if not by.index.equals(index):
        if len(by) != len(index):
            raise OptionError(
                f"the segment labels ({len(by)}) do not match the respondents ({len(index)})"
            )
        by = by.set_axis(index)
    values = by.astype(object).where(by.notna(), None).to_numpy()
    groups = list(pd.unique(values[pd.notna(values)]))
    if len(groups) < 2:
        raise OptionError(f"{{opt:by}} {by.name!r}: needs at least 2 segments, found {len(groups)}")
    groups = sorted(groups, key=str)
    counts = {str(g): outcome_counts(survey, table, values == g) for g in groups}
    counts = {g: c for g, c in counts.items() if c[list(CATEGORIES)].to_numpy().sum() >= min_group}
    names = list(counts)
    per_group = _group_tables(counts, options)
    services = survey.services
    overall = []
    for j, service in enumerate(services):
        tbl = np.vstack([counts[g].iloc[j][list(CATEGORIES)].to_numpy() for g in names])
        test, stat, p = category_test(tbl, seed + j)
        overall.append(
            {
                "service": service,
                "group_a": "all",
                "group_b": "all",
                "test": test,
                "statistic": stat,
                "p": p,
            }
        )
    overall = pd.DataFrame(overall)
    overall["p_adjusted"] = bh_adjust(overall["p"])
    pairs = _pair_tests(counts, list(combinations(names, 2)), services, n_boot, seed)
    pairs["p_adjusted"] = bh_adjust(pairs["p"])
    tests = pd.concat([overall, pairs], ignore_index=True)
    tests["p_bound"] = p_is_bound(tests["test"], tests["p"])
    tests["significant"] = tests["p_adjusted"] < alpha
    tests["n_unsegmented"] = int(pd.isna(values).sum())
    coded = str(by.name) == "value_segment" and set(names) <= set(SEGMENTS)
    findings = tuple(
        _segment_finding(row, per_group[per_group["service"] == row.service], coded)
        for row in overall.itertuples()
        if row.p_adjusted < alpha
    )
    return GroupComparison(groups=per_group, tests=tests, findings=findings, coded=coded)


def _segment_finding(row, rows: pd.DataFrame, coded: bool) -> Finding:
    """How each segment classifies a service whose category differs between segments."""
    groups = []
    for r in rows.itertuples():
        share = getattr(r, f"share_{r.category}") if r.category in CATEGORIES else np.nan
        groups.append((r.group, r.category, float(share)))
    return Finding("segment_difference", row.service,
                   {"groups": tuple(groups), "p": float(row.p_adjusted), "test": row.test,
                    "coded": coded})  # fmt: skip


def compare_waves(
    waves: Sequence[tuple[str, KanoSurvey]],
    table: str | EvaluationTable = "standard",
    options: SummaryOptions | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    alpha: float = 0.05,
) -> GroupComparison:
    """Quarterly tracking: the same questionnaire in two or more waves.

    Services are matched by name; those missing from some wave are listed in
    ``unmatched`` (service, waves present, waves missing) and compared only
    where present. Per consecutive pair of waves and service: the category
    test, Better/Worse differences (later − earlier) with bootstrap CIs, BH
    across services, and ``migration`` ("A → O") when the category changed;
    ``migration_significant`` when that change comes with a significant
    category test.
    """
    if len(waves) < 2:
        raise OptionError("compare needs at least two waves")
    labels = [label for label, _ in waves]
    if len(set(labels)) != len(labels):
        raise OptionError(f"wave labels must differ: {labels}")
    table = evaluation_table(table)
    options = options or SummaryOptions()
    counts = {label: outcome_counts(s, table) for label, s in waves}
    all_services = list(dict.fromkeys(s for _, sv in waves for s in sv.services))
    presence = {s: [label for label, sv in waves if s in sv.services] for s in all_services}
    unmatched = pd.DataFrame(
        [
            {
                "service": s,
                "present_in": ", ".join(p),
                "missing_from": ", ".join(x for x in labels if x not in p),
            }
            for s, p in presence.items()
            if len(p) < len(labels)
        ],
        columns=["service", "present_in", "missing_from"],
    )
    per_wave = _group_tables(counts, options).rename(columns={"group": "wave"})
    frames = []
    for k in range(len(labels) - 1):
        a, b = labels[k], labels[k + 1]
        shared = [s for s in all_services if a in presence[s] and b in presence[s]]
        if not shared:
            continue
        frames.append(_pair_tests(counts, [(a, b)], shared, n_boot, seed + k))
    tests = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    if len(tests):
        tests["p_adjusted"] = tests.groupby(["group_a", "group_b"])["p"].transform(
            lambda p: bh_adjust(p)
        )
        tests["p_bound"] = p_is_bound(tests["test"], tests["p"])
        tests["significant"] = tests["p_adjusted"] < alpha
        cat = per_wave.set_index(["service", "wave"])["category"]
        tests["category_a"] = [
            cat.get((s, a), "") for s, a in zip(tests["service"], tests["group_a"], strict=True)
        ]
        tests["category_b"] = [
            cat.get((s, b), "") for s, b in zip(tests["service"], tests["group_b"], strict=True)
        ]
        changed = tests["category_a"] != tests["category_b"]
        tests["migration"] = np.where(
            changed, tests["category_a"] + " → " + tests["category_b"], ""
        )
        tests["migration_significant"] = changed & tests["significant"]
        tests = tests.rename(columns={"group_a": "wave_a", "group_b": "wave_b"})
    findings = tuple(
        Finding(
            "migration",
            row.service,
            {
                "wave_a": row.wave_a,
                "wave_b": row.wave_b,
                "category_a": row.category_a,
                "category_b": row.category_b,
                "p": float(row.p_adjusted),
                "test": row.test,
            },
        )  # fmt: skip
        for row in tests.itertuples()
        if len(tests) and row.migration_significant
    )
    return GroupComparison(groups=per_wave, tests=tests, findings=findings, unmatched=unmatched)
