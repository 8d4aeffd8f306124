"""One call for everything `kano classify` computes, so notebooks and the CLI agree.

read → normalise (:mod:`kano.io`) → filter → classify → summarise → uncertainty,
continuous analysis, segments. Rendering lives in :mod:`kano.render`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from kano.classify import classify
from kano.io.survey import KanoSurvey
from kano.shared.records import Note
from kano.stats import SummaryOptions, coding_warnings, summarize
from kano.tables import EvaluationTable, evaluation_table

if TYPE_CHECKING:  # the analyses below import scipy.stats; load them only when asked for
    from kano.compare import GroupComparison
    from kano.filters import FilterResult


@dataclass(frozen=True)
class KanoAnalysis:
    """Everything computed for one survey; language-free.

    ``summary``: the summary matrix (see :func:`kano.stats.summarize_counts`),
    with, when ``ci`` was asked, ``better_ci_low … worse_ci_high``,
    ``stability`` and ``unstable`` from the bootstrap; ``intervals``: Wilson
    CIs of every share (tidy); ``continuous``: DuMouchel scores per service;
    ``segments``: the comparison between segments (split by ``by``);
    ``categories``: per-respondent categories; ``respondent_filter``: the
    questionable-answer filter when one was applied; ``n_boot``/``seed``: the
    bootstrap used (``None`` when none ran); ``warnings``: signs of a data
    problem (:func:`kano.stats.coding_warnings`).
    """

    survey: KanoSurvey
    table: EvaluationTable
    options: SummaryOptions
    summary: pd.DataFrame
    intervals: pd.DataFrame | None = None
    continuous: pd.DataFrame | None = None
    segments: GroupComparison | None = None
    categories: pd.DataFrame | None = None
    respondent_filter: FilterResult | None = None
    by: str | None = None
    n_boot: int | None = None
    seed: int | None = None
    warnings: tuple[Note, ...] = ()

    def __repr__(self) -> str:
        return (
            f"<KanoAnalysis of {self.survey.source}: {len(self.survey.functional)} respondents, "
            f"{len(self.summary)} services; table {self.table.name}, rule {self.options.rule}>"
        )

    def _repr_html_(self) -> str:
        cols = [c for c in ("service", "n", "A", "O", "M", "I", "R", "Q", "category", "better",
                            "worse") if c in self.summary]  # fmt: skip
        table = self.summary[cols].head(20).to_html(index=False, float_format=lambda v: f"{v:.3f}")
        return f"<p>{repr(self)[1:-1]}</p>{table}"


def analyze(
    survey: KanoSurvey,
    table: str | EvaluationTable = "standard",
    options: SummaryOptions | None = None,
    *,
    ci: bool = False,
    n_boot: int = 2000,
    seed: int = 0,
    continuous: bool = False,
    by: pd.Series | None = None,
    max_q: int | None = None,
    detail: bool = False,
) -> KanoAnalysis:
    """Run the Kano analyses asked for.

    Parameters
    ----------
    survey:
        A survey read by :func:`kano.read_survey`.
    table, options:
        Evaluation table and how the category and coefficients are reported.
    ci:
        Wilson CIs of shares, bootstrap CIs of Better/Worse and the stability
        of each category (``n_boot`` resamples, ``seed``).
    continuous:
        DuMouchel's continuous analysis.
    by:
        Segment label (or code) per respondent: per-segment results and tests.
    max_q:
        Leave out respondents with more than ``max_q`` Q answers.
    detail:
        Keep the per-respondent categories.

    Returns
    -------
    :class:`KanoAnalysis`. References: docs/methods.md.
    """
    table = evaluation_table(table)
    options = options or SummaryOptions()
    filtered = None
    if max_q is not None:
        from kano.filters import drop_questionable

        filtered = drop_questionable(survey, max_q, table)
        if by is not None:
            by = (
                by.loc[filtered.survey.functional.index]
                if by.index.equals(survey.functional.index)
                else by
            )
        survey = filtered.survey
    summary = summarize(survey, table, options)
    intervals = None
    if ci:
        from kano.compare import outcome_counts
        from kano.uncertainty import bootstrap_summary, wilson_intervals

        counts7 = outcome_counts(survey, table).reset_index()
        boot = bootstrap_summary(counts7, n_boot, seed, options.rule, options.threshold)
        if options.worse_positive:
            boot[["worse_ci_low", "worse_ci_high"]] = -boot[
                ["worse_ci_high", "worse_ci_low"]
            ].to_numpy()
        summary = summary.merge(boot[["service", "better_ci_low", "better_ci_high", "worse_ci_low",
                                      "worse_ci_high", "stability", "unstable"]], on="service")  # fmt: skip
        intervals = wilson_intervals(summary, exclude_qr=options.shares_exclude_qr)
    segments = None
    if by is not None:
        from kano.compare import compare_segments

        segments = compare_segments(survey, by, table, options, n_boot=n_boot, seed=seed)
    boot_ran = ci or by is not None
    return KanoAnalysis(
        survey=survey,
        table=table,
        options=options,
        summary=summary,
        intervals=intervals,
        continuous=_continuous(survey) if continuous else None,
        segments=segments,
        categories=classify(survey, table) if detail else None,
        respondent_filter=filtered,
        by=None if by is None else str(by.name),
        n_boot=n_boot if boot_ran else None,
        seed=seed if boot_ran else None,
        warnings=coding_warnings(summary),
    )


def _continuous(survey: KanoSurvey) -> pd.DataFrame:
    from kano.continuous import continuous_summary

    return continuous_summary(survey)
