"""``kano classify``: read, classify, summarise, test segments, write the workbook."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kano.analysis import KanoAnalysis, analyze
from kano.jobs.common import check_outputs, input_files, read_settings, stats_settings
from kano.jobs.options import ClassifyOptions
from kano.jobs.reading import read_kano_files
from kano.render.sheets import OUTPUT_KINDS, OUTPUT_WHAT, classify_sheets, write_output
from kano.shared.jobs import JobResult
from kano.shared.output import output_kind
from kano.shared.provenance import method_record
from kano.shared.segments import SegmentSplit, derive_segments, read_customer_types
from kano.tables import evaluation_table


@dataclass(frozen=True)
class ClassifyResult(JobResult):
    """A :class:`~kano.shared.jobs.JobResult` with the analysis itself (for the terminal)."""

    analysis: KanoAnalysis | None = None
    split: SegmentSplit | None = None


def default_output(options: ClassifyOptions) -> Path:
    """``<first survey>_kano.xlsx`` beside the first survey, unless an output is given."""
    first = options.surveys[0]
    return options.output.output or first.with_name(f"{first.stem}_kano.xlsx")


def chart_paths(out: Path, options: ClassifyOptions) -> list[Path]:
    """The chart files ``--charts`` writes beside a workbook output."""
    if not options.output.charts or out.suffix.lower() != ".xlsx":
        return []
    ext = options.output.chart_format
    return [out.with_name(f"{out.stem}_{name}.{ext}") for name in ("shares", "better_worse")]


def run(options: ClassifyOptions) -> ClassifyResult:
    """Classify a Kano survey and write the summary matrix with its statistics.

    Returns the files written (the workbook, CSV or JSON, and the chart files),
    the summary as ``tables["summary"]``, the notes, warnings and segment
    findings, and the analysis.
    """
    lang = options.output.lang
    out = default_output(options)
    output_kind(out, OUTPUT_KINDS, OUTPUT_WHAT)
    inputs = input_files(options.surveys, options.read, options.stats,
                         [("customer_types", options.segments.types_file(), {})])  # fmt: skip
    check_outputs([out, *chart_paths(out, options)], [p for _, p, _ in inputs])
    table = evaluation_table(options.stats.table)
    survey = read_kano_files(options.surveys, options.read, lang)
    split = None
    if options.segments.by:
        types = read_customer_types(options.segments.customer_types)
        split = derive_segments(survey.extra, options.segments.by, types=types,
                                key_threshold=options.segments.key_account_spend,
                                source=survey.source, rows=survey.rows)  # fmt: skip
    boot = options.bootstrap
    analysis = analyze(
        survey, table, options.stats.summary, ci=options.ci, n_boot=boot.n_boot, seed=boot.seed,
        continuous=options.continuous, by=split.labels if split else None,
        max_q=options.max_q, detail=options.detail,
    )  # fmt: skip
    notes = (*survey.notes, *(split.notes if split else ()))
    settings = {
        **read_settings(options.read, survey.layout, survey.answer_map),
        **stats_settings(table, options.stats),
        **analysis_settings(analysis),
        "language": lang,
    }
    method = method_record(inputs, settings, notes)
    written = [write_output(out, analysis.summary, classify_sheets(analysis, lang), method, lang)]
    for path in chart_paths(out, options):
        written.append(_chart(path, analysis, lang, options.output.dpi))
    return ClassifyResult(
        written=tuple(written),
        tables={"summary": analysis.summary},
        notes=tuple(notes),
        warnings=analysis.warnings,
        findings=analysis.segments.findings if analysis.segments else (),
        lang=lang,
        analysis=analysis,
        split=split,
    )


def analysis_settings(analysis: KanoAnalysis) -> dict[str, object]:
    """What the analysis did, for the Method sheet."""
    out: dict[str, object] = {}
    if analysis.respondent_filter is not None:
        out["respondent_filter"] = analysis.respondent_filter.note
    if analysis.intervals is not None:
        out |= {"intervals": "intervals_wilson_bootstrap", "stability_flag": "stability_70"}
    if analysis.by is not None:
        out |= {"segments": analysis.by, "segment_tests": "segment_tests_chi2_fisher_bh"}
    if analysis.n_boot is not None:
        out |= {"bootstrap_resamples": analysis.n_boot, "bootstrap_seed": analysis.seed}
    return out


def _chart(path: Path, analysis: KanoAnalysis, lang: str, dpi: int) -> Path:
    from kano.render import charts
    from kano.shared.plotting import save_figure

    draw = charts.category_shares if path.stem.endswith("_shares") else charts.better_worse_grid
    return save_figure(draw(analysis.summary, lang), path, dpi=dpi)
