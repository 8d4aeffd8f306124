"""One call for everything `kano classify` computes, so notebooks and the CLI agree.

read → normalise (:mod:`kano.io`) → filter → classify → summarise → uncertainty,
continuous analysis, segments. Rendering lives in :mod:`kano.report`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from kano.classify import classify
from kano.io.survey import KanoSurvey
from kano.stats import CodingWarning, SummaryOptions, coding_warnings, summarize
from kano.tables import EvaluationTable, evaluation_table

if TYPE_CHECKING:  # the analyses below import scipy.stats; load them only when asked for
    from kano.compare import GroupComparison


@dataclass(frozen=True)
class KanoAnalysis:
    """Everything computed for one survey.

    ``summary``: the summary matrix (see :func:`kano.stats.summarize_counts`),
    with, when ``ci`` was asked, ``better_ci_low … worse_ci_high``,
    ``stability`` and ``unstable`` from the bootstrap; ``intervals``: Wilson
    CIs of every share (tidy); ``continuous``: DuMouchel scores per service;
    ``segments``: the comparison between segments; ``categories``:
    per-respondent categories; ``settings``: what was done, for the Method sheet;
    ``warnings``: signs of a data problem (:func:`kano.stats.coding_warnings`).
    """

    survey: KanoSurvey
    table: EvaluationTable
    options: SummaryOptions
    summary: pd.DataFrame
    intervals: pd.DataFrame | None = None
    continuous: pd.DataFrame | None = None
    segments: GroupComparison | None = None
    categories: pd.DataFrame | None = None
    settings: dict[str, object] = field(default_factory=dict)
    warnings: tuple[CodingWarning, ...] = ()


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
    lang: str = "en",
) -> KanoAnalysis:
    """Run the Kano analyses asked for.

    Parameters
    ----------
    ci:
        Wilson CIs of shares, bootstrap CIs of Better/Worse and the stability
        of each category (``n_boot`` resamples, ``seed``).
    continuous:
        DuMouchel's continuous analysis.
    by:
        Segment label per respondent: per-segment results and tests.
    max_q:
        Leave out respondents with more than ``max_q`` Q answers.
    detail:
        Keep the per-respondent categories.
    """
    table = evaluation_table(table)
    options = options or SummaryOptions()
    settings: dict[str, object] = {}
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
        settings["respondent filter"] = filtered.description
    if options.shares_exclude_qr:
        settings["shares"] = "A, O, M, I over A+O+M+I; R and Q left out"
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
        settings.update({"bootstrap resamples": n_boot, "bootstrap seed": seed,
                         "intervals": "Wilson (shares), bootstrap percentile (Better, Worse)",
                         "stability flag": "category wins in < 70% of resamples"})  # fmt: skip
    segments = None
    if by is not None:
        from kano.compare import compare_segments

        segments = compare_segments(survey, by, table, options, n_boot=n_boot, seed=seed, lang=lang)
        settings.update({"segments": str(by.name), "segment tests": "χ² or Fisher exact; BH across services",
                         "bootstrap resamples": n_boot, "bootstrap seed": seed})  # fmt: skip
    return KanoAnalysis(
        survey=survey,
        table=table,
        options=options,
        summary=summary,
        intervals=intervals,
        continuous=_continuous(survey) if continuous else None,
        segments=segments,
        categories=classify(survey, table) if detail else None,
        settings=settings,
        warnings=coding_warnings(summary),
    )


def _continuous(survey: KanoSurvey) -> pd.DataFrame:
    from kano.continuous import continuous_summary

    return continuous_summary(survey)
