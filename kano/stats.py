"""Summary matrix and the statistics of the Kano literature, per service.

Every function works on a counts table (one row per service, columns A O M I R Q),
so results from respondent data and from published/third-party counts are
computed by the same code. Formulas and sources: ``docs/methods.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy import special

from kano.classify import category_counts, classify_codes
from kano.io.survey import KanoSurvey
from kano.shared.errors import CellProblem, InvalidValueError, OptionError
from kano.shared.records import Note
from kano.tables import CATEGORIES, EvaluationTable, evaluation_table

Rule = Literal["max", "moai", "berger"]
RULES = ("max", "moai", "berger")
# Tie-break order of Berger et al. (1993): M > O > A > I (then R, Q).
PRIORITY = ("M", "O", "A", "I", "R", "Q")
FONG_Z = 1.65  # Fong (1996): 1.65 for alpha = 0.10

SUMMARY_COLUMNS = [
    "service", "A", "O", "M", "I", "R", "Q", "n", "n_missing", "n_invalid",
    "share_A", "share_O", "share_M", "share_I", "share_R", "share_Q",
    "category", "fong_category", "better", "worse",
    "fong_first", "fong_second", "fong_difference", "fong_critical", "fong_significant",
    "chi2", "chi2_p", "category_strength", "total_strength", "importance_mean", "importance_n",
]  # fmt: skip


@dataclass(frozen=True)
class SummaryOptions:
    """How the dominant category and the coefficients are reported.

    ``rule``: ``max`` (most frequent; exact ties broken M > O > A > I > R > Q),
    ``moai`` (among categories within ``threshold`` of the most frequent share,
    the first in M > O > A > I), ``berger`` (O+A+M against I+R+Q first).
    ``worse_positive`` reports Worse as a positive number.
    ``shares_exclude_qr`` computes the shares of A, O, M, I over A+O+M+I and
    leaves the R and Q shares blank (a filter some analysts use).
    """

    rule: Rule = "max"
    threshold: float = 0.05
    worse_positive: bool = False
    shares_exclude_qr: bool = False

    def __post_init__(self):
        if self.rule not in RULES:
            raise OptionError(f"unknown rule {self.rule!r}: use one of {', '.join(RULES)}")
        if not 0 <= self.threshold < 1:
            raise OptionError(f"threshold must be a share in [0, 1), not {self.threshold!r}")


# The reversed-coding check (docs/methods.md §1): services with at least this many classified
# pairs are checked; one is flagged when (R + Q) / n >= 30%.
REVERSED_MIN_N = 10


def coding_warnings(summary: pd.DataFrame) -> tuple[Note, ...]:
    """Signs that the answer codes were read the wrong way round.

    Under the standard table, codes read reversed turn the A, O and M pairs into R,
    so a reversed file shows mostly R. Among the services with ``n >= 10``
    classified pairs, when more than half have ``(R + Q) / n >= 0.30``, the
    warning ``reversed_codes`` is returned (docs/methods.md §1, the toolkit's own
    rule of thumb).

    Parameters
    ----------
    summary:
        A summary matrix (:func:`summarize`): the columns ``R``, ``Q`` and ``n``.

    Returns
    -------
    The warnings (``Note("reversed_codes", {flagged, checked})``), empty when none applies.
    """
    n = summary["n"].to_numpy(dtype=np.int64)
    rq = summary["R"].to_numpy(dtype=np.int64) + summary["Q"].to_numpy(dtype=np.int64)
    checked = n >= REVERSED_MIN_N
    flagged = checked & (10 * rq >= 3 * n)  # (R + Q) / n >= 0.30, in whole numbers
    n_checked, n_flagged = int(checked.sum()), int(flagged.sum())
    if n_checked and 2 * n_flagged > n_checked:
        return (Note("reversed_codes", {"flagged": n_flagged, "checked": n_checked}),)
    return ()


def summarize(
    survey: KanoSurvey,
    table: str | EvaluationTable = "standard",
    options: SummaryOptions | None = None,
) -> pd.DataFrame:
    """Classify every pair and build the summary matrix with its statistics.

    Returns one row per service with the columns of :data:`SUMMARY_COLUMNS`
    (documented in :func:`summarize_counts`), plus ``n_missing``/``n_invalid``
    from the data and the mean self-stated importance where present.
    """
    table = evaluation_table(table)
    codes = classify_codes(survey.functional.to_numpy(), survey.dysfunctional.to_numpy(), table)
    counts = category_counts(codes, survey.services).drop(columns="n_blank")
    quality = survey.quality.set_index("service")
    counts["n_missing"] = quality["n_missing"]
    counts["n_invalid"] = quality["n_invalid"]
    if survey.importance.shape[1]:
        counts["importance_mean"] = survey.importance.mean()
        counts["importance_n"] = survey.importance.notna().sum()
    return summarize_counts(counts.reset_index(), options)


def summarize_counts(
    counts: pd.DataFrame, options: SummaryOptions | None = None, source: str = "counts table"
) -> pd.DataFrame:
    """The summary matrix and statistics from a counts table.

    Parameters
    ----------
    counts:
        One row per service: a ``service`` column (or the index) and the counts
        ``A, O, M, I, R, Q`` (non-negative whole numbers). Optional columns
        ``n_missing``, ``n_invalid``, ``importance_mean``, ``importance_n`` are carried.
    options:
        Category rule and reporting options.
    source:
        Name of the table in error messages (e.g. the file name).

    Returns
    -------
    DataFrame with, per service: the counts; ``n`` (= A+O+M+I+R+Q);
    ``share_X`` (= X / n); ``category`` (by the rule); ``fong_category`` (the
    most frequent category, or e.g. "O/M" when Fong's test cannot separate the
    two most frequent);
    ``better`` = (A+O)/(A+O+M+I); ``worse`` = -(O+M)/(A+O+M+I);
    ``fong_first``/``fong_second`` the two most frequent categories,
    ``fong_difference`` = a-b, ``fong_critical`` = 1.65·sqrt((a+b)(2n-a-b)/(2n)),
    ``fong_significant`` = difference > critical; ``chi2``/``chi2_p`` the
    goodness-of-fit of M, O, A, I against equal shares; ``category_strength``
    = top share - second share; ``total_strength`` = share A + O + M.
    """
    options = options or SummaryOptions()
    frame = _validated_counts(counts, source)
    values = frame[list(CATEGORIES)].to_numpy(dtype=float)
    n = values.sum(axis=1)
    out = frame[["service", *CATEGORIES]].copy()
    out["n"] = n.astype(np.int64)
    for col in ("n_missing", "n_invalid"):
        out[col] = frame[col].astype(np.int64) if col in frame else 0
    with np.errstate(divide="ignore", invalid="ignore"):
        if options.shares_exclude_qr:
            shares = values / values[:, :4].sum(axis=1)[:, None]
            shares[:, 4:] = np.nan
        else:
            shares = values / n[:, None]
    for k, cat in enumerate(CATEGORIES):
        out[f"share_{cat}"] = shares[:, k]
    bw = better_worse(frame, worse_positive=options.worse_positive)
    fong = fong_test(frame)
    out["category"] = dominant_category(frame, options.rule, options.threshold)
    out["fong_category"] = np.where(
        fong["fong_significant"], fong["fong_first"], fong["fong_first"] + "/" + fong["fong_second"]
    )
    out["better"] = bw["better"]
    out["worse"] = bw["worse"]
    for col in fong.columns:
        out[col] = fong[col]
    gof = chi2_fit(frame)
    out["chi2"] = gof["chi2"]
    out["chi2_p"] = gof["chi2_p"]
    strength = category_strength(frame)
    out["category_strength"] = strength["category_strength"]
    out["total_strength"] = strength["total_strength"]
    for col in ("importance_mean", "importance_n"):
        out[col] = frame.get(col, np.nan)
    out.loc[n == 0, ["category", "fong_category"]] = ""
    return out[SUMMARY_COLUMNS].reset_index(drop=True)


def _validated_counts(counts: pd.DataFrame, source: str) -> pd.DataFrame:
    frame = counts.copy()
    if "service" not in frame.columns:
        frame = frame.rename_axis("service").reset_index()
    frame.columns = [str(c).strip() for c in frame.columns]
    upper = {c: c.upper() for c in frame.columns if c.upper() in CATEGORIES and c not in CATEGORIES}
    frame = frame.rename(columns=upper)
    missing = [c for c in CATEGORIES if c not in frame.columns]
    if missing:
        raise OptionError(
            f"{source}: the counts table lacks the column(s) {', '.join(missing)}; it needs service, A, O, M, I, R, Q"
        )
    problems = []
    for cat in CATEGORIES:
        numbers = pd.to_numeric(frame[cat], errors="coerce")
        # above 10^12 a sum of counts is no longer exact (and int64 overflows)
        bad = numbers.isna() | (numbers < 0) | (numbers % 1 != 0) | (numbers > 1e12)
        for pos in np.flatnonzero(bad.to_numpy())[:20]:
            problems.append(CellProblem(int(pos) + 2, cat, frame[cat].iloc[pos]))
        frame[cat] = numbers.fillna(0).astype(np.int64) if not bad.any() else numbers
    if problems:
        raise InvalidValueError(
            source, problems, len(problems), "counts must be whole numbers from 0 to 10^12"
        )
    frame["service"] = frame["service"].astype(str)
    return frame


def better_worse(counts: pd.DataFrame, worse_positive: bool = False) -> pd.DataFrame:
    """Customer-satisfaction coefficients (Berger et al. 1993, Timko's CS coefficient).

    Better = (A+O)/(A+O+M+I); Worse = -(O+M)/(A+O+M+I) (positive with
    ``worse_positive``). NaN when A+O+M+I = 0. Returns columns ``better, worse``.
    """
    a, o, m, i = (counts[c].to_numpy(dtype=float) for c in ("A", "O", "M", "I"))
    base = a + o + m + i
    with np.errstate(divide="ignore", invalid="ignore"):
        better = np.where(base > 0, (a + o) / base, np.nan)
        worse = np.where(base > 0, -(o + m) / base, np.nan)
    if worse_positive:
        worse = -worse
    return pd.DataFrame({"better": better, "worse": worse}, index=counts.index)


def _top_two(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the most and second most frequent categories; ties in PRIORITY order."""
    rank = np.array([PRIORITY.index(c) for c in CATEGORIES])
    # sort by count descending, then by priority ascending
    order = np.lexsort((np.broadcast_to(rank, values.shape), -values), axis=1)
    return order[:, 0], order[:, 1]


def fong_test(counts: pd.DataFrame, z: float = FONG_Z) -> pd.DataFrame:
    """Fong's (1996) test of the two most frequent categories.

    With a, b the two largest counts and n all classified answers, the
    difference is significant when ``|a-b| > z·sqrt((a+b)(2n-a-b)/(2n))``,
    z = 1.65 (alpha = 0.10). Returns ``fong_first, fong_second,
    fong_difference, fong_critical, fong_significant``.
    """
    values = counts[list(CATEGORIES)].to_numpy(dtype=float)
    n = values.sum(axis=1)
    first, second = _top_two(values)
    rows = np.arange(len(values))
    a, b = values[rows, first], values[rows, second]
    with np.errstate(divide="ignore", invalid="ignore"):
        critical = z * np.sqrt((a + b) * (2 * n - a - b) / (2 * n))
    diff = a - b
    names = np.array(CATEGORIES)
    return pd.DataFrame(
        {
            "fong_first": names[first],
            "fong_second": names[second],
            "fong_difference": diff.astype(np.int64),
            "fong_critical": critical,
            "fong_significant": diff > critical,
        },
        index=counts.index,
    )


def chi2_fit(counts: pd.DataFrame) -> pd.DataFrame:
    """χ² goodness-of-fit of the M, O, A, I counts against equal shares (3 df).

    A small p says the answers concentrate on some category rather than being
    spread evenly. Returns ``chi2, chi2_p`` (NaN when M+O+A+I = 0).
    """
    values = counts[["M", "O", "A", "I"]].to_numpy(dtype=float)
    expected = values.sum(axis=1, keepdims=True) / 4
    with np.errstate(divide="ignore", invalid="ignore"):
        chi2 = np.where(
            expected[:, 0] > 0, ((values - expected) ** 2 / expected).sum(axis=1), np.nan
        )
    # upper tail of χ² with 3 df; scipy.special keeps scipy.stats off the classify path
    p = special.chdtrc(3, chi2)
    return pd.DataFrame({"chi2": chi2, "chi2_p": p}, index=counts.index)


def category_strength(counts: pd.DataFrame) -> pd.DataFrame:
    """Category strength and total strength (Lee & Newcomb 1997).

    Category strength = share of the most frequent category minus share of the
    second; total strength = share A + share O + share M (all over n).
    """
    values = counts[list(CATEGORIES)].to_numpy(dtype=float)
    n = values.sum(axis=1)
    ordered = -np.sort(-values, axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        cs = (ordered[:, 0] - ordered[:, 1]) / n
        ts = (values[:, 0] + values[:, 1] + values[:, 2]) / n
    return pd.DataFrame({"category_strength": cs, "total_strength": ts}, index=counts.index)


def dominant_category(
    counts: pd.DataFrame, rule: Rule = "max", threshold: float = 0.05
) -> pd.Series:
    """The category of each service under a rule (see :class:`SummaryOptions`).

    ``max``: highest count, exact ties broken M > O > A > I > R > Q;
    ``moai``: among categories whose share is within ``threshold`` of the top
    share, the first in M > O > A > I > R > Q (Berger et al. 1993's rule for
    close results); ``berger``: if O+A+M > I+R+Q, the largest of O, A, M,
    else the largest of I, R, Q (ties by priority).
    """
    values = counts[list(CATEGORIES)].to_numpy(dtype=float)
    pick = dominant_codes(values, rule, threshold)
    return pd.Series(np.array(CATEGORIES)[pick], index=counts.index, name="category")


def dominant_codes(values: np.ndarray, rule: Rule = "max", threshold: float = 0.05) -> np.ndarray:
    """Index (0..5 = A O M I R Q) of the dominant category of each row of an (k, 6) counts array."""
    rank = np.array([PRIORITY.index(c) for c in CATEGORIES], dtype=float)
    if rule == "max":
        return _top_two(values)[0]
    if rule == "moai":
        n = values.sum(axis=1, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            shares = np.where(n > 0, values / n, 0.0)
        close = shares >= shares.max(axis=1, keepdims=True) - threshold - 1e-12
        return np.argmin(np.where(close, rank, np.inf), axis=1)
    if rule == "berger":
        oam = values[:, [0, 1, 2]].sum(axis=1)
        irq = values[:, [3, 4, 5]].sum(axis=1)
        masked = values.astype(float).copy()
        masked[np.ix_(oam > irq, [3, 4, 5])] = -1
        masked[np.ix_(oam <= irq, [0, 1, 2])] = -1
        return _top_two(masked)[0]
    raise OptionError(f"unknown rule {rule!r}: use one of {', '.join(RULES)}")
