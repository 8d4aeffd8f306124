"""``kano report``: the quarterly report, a workbook and a PDF from the survey files.

:func:`build` runs the analyses (Kano with intervals and segments, the wave
comparison, the Kano × IPA priority list with the satisfaction side's IPA) and
derives the key findings as records; :func:`write` renders the workbook, the PDF
(typeset by Typst) and every chart, drawn once, as PNG (and SVG for the PDF).
The satisfaction side's part of the report (:class:`~kano.shared.jobs.ReportPart`)
is built by :func:`satisfaction.jobs.report_part` and handed over by the caller.
Same inputs and seed, same numbers and the same bytes (``SOURCE_DATE_EPOCH``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kano.analysis import KanoAnalysis, analyze
from kano.compare import GroupComparison, compare_waves
from kano.io.survey import KanoSurvey
from kano.jobs.common import check_outputs, ipa_links, read_settings, stats_settings
from kano.jobs.options import (
    BootstrapOptions,
    OutputOptions,
    ReadOptions,
    SegmentOptions,
    StatsOptions,
)
from kano.jobs.reading import read_kano
from kano.shared.errors import CustomerTypeError, OptionError, OutputError
from kano.shared.jobs import JobResult, PendingPart, ReportPart, built, part_inputs
from kano.shared.records import Finding, Note
from kano.shared.segments import SegmentSplit, derive_segments, read_customer_types
from kano.tables import evaluation_table

Progress = Callable[[str], None]

MISSING_WARN = 0.05  # share of respondents without a complete pair
Q_WARN = 0.10  # share of questionable answers

#: Every chart a report may draw from the Kano side, written as ``<stem>_<name>.png``.
KANO_CHARTS = ("shares", "better_worse", "continuous", "trend_better", "trend_worse")
#: The satisfaction side's charts, when it hands a part over.
SATISFACTION_CHARTS = ("ipa", "derived", "zones", "nps")
#: Files of a ``--waves`` folder read as surveys.
SURVEY_SUFFIXES = (".xlsx", ".csv", ".sav")
#: Suffixes of ``-o`` that name the report itself: ``r.xlsx`` and ``r.pdf`` mean the stem ``r``.
REPORT_SUFFIXES = (".xlsx", ".pdf")
#: Suffixes of other output types, refused rather than taken into the stem.
OTHER_OUTPUT_SUFFIXES = (".csv", ".json", ".png", ".svg", ".xls", ".xlsm", ".ods", ".tsv",
                         ".txt", ".html", ".htm", ".docx", ".pptx", ".zip")  # fmt: skip


@dataclass(frozen=True)
class ReportOptions:
    """``kano report``: this quarter's survey (``survey``, labelled ``wave``), earlier waves
    (``previous``: (label, path), oldest first), how they are read and analysed, where the
    report goes (``output.output``: a stem, or a name ending .xlsx or .pdf); ``links``: the
    link file of Kano services to satisfaction drivers (:mod:`kano.io.links`)."""

    survey: Path
    wave: str = "current"
    previous: tuple[tuple[str, Path], ...] = ()
    read: ReadOptions = field(default_factory=ReadOptions)
    stats: StatsOptions = field(default_factory=StatsOptions)
    bootstrap: BootstrapOptions = field(default_factory=BootstrapOptions)
    segments: SegmentOptions = field(default_factory=SegmentOptions)
    output: OutputOptions = field(default_factory=OutputOptions)
    links: Path | None = None

    def __post_init__(self):
        object.__setattr__(self, "survey", Path(self.survey))
        object.__setattr__(self, "links", Path(self.links) if self.links else None)
        previous = tuple((str(label), Path(p)) for label, p in self.previous)
        object.__setattr__(self, "previous", previous)
        labels = [label for label, _ in previous] + [self.wave]
        if len(set(labels)) != len(labels):
            raise OptionError(f"wave labels must differ: {labels}")

    @property
    def stem(self) -> Path:
        """The stem of the files written: ``STEM.xlsx``, ``STEM.pdf``, ``STEM_<chart>.png``."""
        return report_stem(self.output.output or self.survey.with_name(f"report_{self.wave}"))


def report_stem(output: str | os.PathLike) -> Path:
    """The stem of the report files named by ``-o``: ``out/r``, ``out/r.xlsx`` and ``out/r.pdf``
    all give ``out/r``; a suffix that is no output type (``out/report.2026Q3``) stays.

    Raises
    ------
    OutputError
        The suffix is that of another output type (``.csv``, ``.json``, ``.png`` ...).
    """
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix in REPORT_SUFFIXES:
        return path.with_name(path.stem)
    if suffix in OTHER_OUTPUT_SUFFIXES:
        raise OutputError(
            f"{path}: the report is a workbook and a PDF, not {path.suffix!r}; give a stem "
            "(out/report_2026Q3) or a name ending .xlsx or .pdf"
        )
    return path


def earlier_waves(
    survey: str | os.PathLike,
    previous: Sequence[str | os.PathLike] = (),
    labels: Sequence[str] = (),
    folder: str | os.PathLike | None = None,
) -> tuple[tuple[str, Path], ...]:
    """The earlier waves as (label, path), oldest first: the ``previous`` files, then the
    survey files of ``folder`` (by name; the current survey left out). A file without a
    label in ``labels`` is labelled by its name.

    Raises
    ------
    OptionError
        ``folder`` is not a folder, or there are more labels than earlier files.
    """
    files = [Path(p) for p in previous]
    if folder is not None:
        folder = Path(folder)
        if not folder.is_dir():
            raise OptionError(f"{{opt:waves}} {folder}: not a folder")
        current = Path(survey).resolve()
        files += sorted(p for p in folder.iterdir()
                        if p.suffix.lower() in SURVEY_SUFFIXES and p.resolve() != current)  # fmt: skip
    if len(labels) > len(files):
        raise OptionError(f"{len(labels)} {{opt:previous_wave}} labels for {len(files)} "
                          "earlier files")  # fmt: skip
    named = list(labels) + [p.stem for p in files[len(labels) :]]
    return tuple(zip(named, files, strict=True))


def report_paths(stem: str | os.PathLike) -> list[Path]:
    """The workbook and PDF a report with this stem writes."""
    stem = Path(stem)
    return [stem.with_name(stem.name + ".xlsx"), stem.with_name(stem.name + ".pdf")]


def chart_paths(stem: str | os.PathLike) -> list[Path]:
    """Every chart PNG a report with this stem may write."""
    stem = Path(stem)
    return [stem.with_name(f"{stem.name}_{n}.png") for n in KANO_CHARTS + SATISFACTION_CHARTS]


@dataclass(frozen=True)
class QuarterlyReport:
    """Everything in the quarterly report, computed and language-free (but the satisfaction
    part, rendered in the report's language); nothing written yet.

    ``findings``: section -> records (:class:`Finding` or :class:`Note`), sections
    ``changes``, ``shifts``, ``priorities``, ``segments``, ``quality``.
    """

    wave: str
    kano: KanoAnalysis
    waves: GroupComparison | None
    satisfaction: ReportPart | None
    priorities: pd.DataFrame | None
    unmatched: pd.DataFrame | None
    findings: Mapping[str, tuple[object, ...]]
    inputs: tuple[tuple[str, Path | None, Mapping[str, object]], ...]
    settings: Mapping[str, object]
    split: SegmentSplit | None = None
    previous: str | None = None

    def __repr__(self) -> str:
        parts = ["Kano", *(["waves"] if self.waves is not None else []),
                 *(["satisfaction"] if self.satisfaction is not None else [])]  # fmt: skip
        return f"<QuarterlyReport {self.wave}: {', '.join(parts)}>"


def build(
    options: ReportOptions,
    satisfaction: ReportPart | None = None,
    progress: Progress | None = None,
) -> QuarterlyReport:
    """Run every analysis of the quarterly report (see the module docstring)."""
    step = progress or (lambda _name: None)
    if satisfaction is not None and satisfaction.lang != options.output.lang:
        raise OptionError(
            f"the satisfaction part is in {satisfaction.lang!r}, the report in "
            f"{options.output.lang!r}; build both in one language"
        )
    lang = options.output.lang
    if options.links is not None and satisfaction is None:
        raise OptionError("{opt:links} links Kano services to satisfaction drivers: give the "
                          "satisfaction survey too ({opt:satisfaction})")  # fmt: skip
    table = evaluation_table(options.stats.table)
    step("read_kano")
    survey = read_kano(options.survey, options.read, lang)
    split = _value_segments(survey, options.segments)
    step("analyse_kano")
    boot = options.bootstrap
    kano = analyze(survey, table, options.stats.summary, ci=True, n_boot=boot.n_boot,
                   seed=boot.seed, continuous=True,
                   by=split.labels if split is not None else None)  # fmt: skip
    waves = None
    inputs: list[tuple[str, Path | None, Mapping[str, object]]] = [
        ("wave", options.survey, {"wave": options.wave})
    ]
    if options.previous:
        step("read_waves")
        earlier = [(label, read_kano(path, options.read, lang)) for label, path in options.previous]
        inputs += [("wave", path, {"wave": label}) for label, path in options.previous]
        step("compare_waves")
        waves = compare_waves([*earlier, (options.wave, survey)], table, options.stats.summary,
                              n_boot=boot.n_boot, seed=boot.seed)  # fmt: skip
    inputs += [*options.read.inputs(), ("table", options.stats.table_file(), {}),
               ("customer_types", options.segments.types_file(), {}),
               ("links", options.links, {})]  # fmt: skip
    priorities = unmatched = None
    if satisfaction is not None:
        inputs += list(satisfaction.inputs)
        ipa = satisfaction.tables.get("ipa")
        if ipa is not None and len(ipa):
            from kano.priority import priority_list

            links = ipa_links(options.links, survey.services, ipa)
            try:
                priorities, unmatched = priority_list(kano.summary, ipa, links=links)
            except OptionError:  # no service in both surveys: Kano alone ranks the needs
                priorities = unmatched = None
    settings = {
        **read_settings(options.read, survey.layout, survey.answer_map),
        **stats_settings(table, options.stats),
        "wave": options.wave,
        "bootstrap_resamples": boot.n_boot,
        "bootstrap_seed": boot.seed,
        "language": lang,
        **({"segments": kano.by} if kano.by else {}),
        **(dict(satisfaction.settings) if satisfaction is not None else {}),
    }
    previous = options.previous[-1][0] if options.previous else None
    findings = _findings(kano, waves, priorities, split, options.wave, previous)
    return QuarterlyReport(
        wave=options.wave, kano=kano, waves=waves, satisfaction=satisfaction,
        priorities=priorities, unmatched=unmatched, findings=findings, inputs=tuple(inputs),
        settings=settings, split=split, previous=previous,
    )  # fmt: skip


def _value_segments(survey: KanoSurvey, segments: SegmentOptions) -> SegmentSplit | None:
    """The split asked for, else value segments when the survey has a spend or segment
    column; unknown customer types and bad spend stop the report (they are errors in the
    data, not the absence of segments)."""
    types = read_customer_types(segments.customer_types)
    keys = (segments.by,) if segments.by else ("value_segment", "segment", "客户类型")
    for by in keys:
        try:
            split = derive_segments(survey.extra, by, types=types,
                                    key_threshold=segments.key_account_spend,
                                    source=survey.source, rows=survey.rows)  # fmt: skip
        except CustomerTypeError:
            raise
        except OptionError:
            if segments.by:
                raise
            continue
        if split.labels.notna().sum() and split.labels.nunique() >= 2:
            return split
    return None


def _findings(kano: KanoAnalysis, waves: GroupComparison | None, priorities, split,
              wave: str, previous: str | None) -> dict[str, tuple[object, ...]]:  # fmt: skip
    """The key findings, section by section, as records."""
    out: dict[str, tuple[object, ...]] = {"changes": (), "shifts": (), "priorities": (),
                                          "segments": (), "quality": ()}  # fmt: skip
    if waves is not None and len(waves.tests):
        tests = waves.tests
        last = tests[tests["wave_b"] == wave]
        moved = [f for f in waves.findings if f.params["wave_b"] == wave]
        out["changes"] = tuple(moved) or (Note("no_change", {"prev": previous or ""}),)
        per_wave = waves.groups.set_index(["service", "wave"])
        shifts = []
        for metric in ("better", "worse"):
            low, high = last[f"{metric}_diff_low"], last[f"{metric}_diff_high"]
            for r in last[(low > 0) | (high < 0)].itertuples():
                shifts.append(Finding("shift", r.service, {
                    "metric": metric, "wave_a": r.wave_a, "wave_b": r.wave_b,
                    "a": float(per_wave.loc[(r.service, r.wave_a), metric]),
                    "b": float(per_wave.loc[(r.service, r.wave_b), metric]),
                    "low": float(getattr(r, f"{metric}_diff_low")),
                    "high": float(getattr(r, f"{metric}_diff_high")),
                }))  # fmt: skip
        out["shifts"] = tuple(shifts)
    if priorities is not None:
        out["priorities"] = tuple(
            Finding(
                "priority",
                r.service,
                {
                    "rank": int(r.rank),
                    "tier": r.tier,
                    "category": r.category,
                    "better": float(r.better),
                    "worse": float(r.worse),
                    "gap": float(r.gap),
                    "satisfaction_pct": float(r.satisfaction_pct),
                    "satisfaction_cross": float(r.satisfaction_cross),
                },
            )  # fmt: skip
            for r in priorities.head(5).itertuples()
        )
    else:
        s = kano.summary
        # reverse and questionable services are never needs (docs/methods.md §16)
        needs = s[s["category"].astype(str).str[:1].isin(["M", "O", "A", "I"])]
        top = needs.assign(w=needs["worse"].abs()).nlargest(5, "w")
        out["priorities"] = tuple(
            Finding("harm", r.service, {"rank": k, "category": r.category, "worse": float(r.w)})
            for k, r in enumerate(top.itertuples(), 1)
        )
    if kano.segments is not None:
        out["segments"] = tuple(kano.segments.findings)
    out["quality"] = tuple(_quality(kano))
    return out


def _quality(kano: KanoAnalysis) -> list[Note]:
    out = []
    q = kano.survey.quality
    for r in q.itertuples():
        share = r.n_missing / r.n_respondents if r.n_respondents else 0
        if share > MISSING_WARN:
            out.append(Note("missing_share", {"service": r.service, "share": f"{share:.0%}"}))
    s = kano.summary
    for r in s.itertuples():
        if r.share_Q > Q_WARN:
            out.append(Note("q_share", {"service": r.service, "share": f"{r.share_Q:.0%}"}))
        if "unstable" in s and r.unstable:
            out.append(Note("unstable", {"service": r.service, "category": r.category,
                                         "stability": f"{r.stability:.0%}"}))  # fmt: skip
    invalid = int(q["n_invalid"].sum())
    if invalid:
        out.append(Note("invalid_left_out", {"n": invalid}))
    unpaired = kano.survey.unpaired
    if unpaired:
        shown = ", ".join(unpaired[:5]) + (" …" if len(unpaired) > 5 else "")
        out.append(Note("unpaired", {"n": len(unpaired), "columns": shown}))
    out += list(kano.warnings)
    if kano.respondent_filter is not None:
        out.append(kano.respondent_filter.note)
    return out


def write(report: QuarterlyReport, options: ReportOptions, progress: Progress | None = None) -> list[Path]:  # fmt: skip
    """Write ``STEM.xlsx``, ``STEM.pdf`` and every chart as ``STEM_<chart>.png``."""
    from kano.render.report import write_report

    return write_report(report, options.stem, options.output.lang, options.output.dpi, progress)


@dataclass(frozen=True)
class ReportResult(JobResult):
    """A :class:`~kano.shared.jobs.JobResult` with the report itself."""

    report: QuarterlyReport | None = None


def run(
    options: ReportOptions,
    satisfaction: ReportPart | PendingPart | None = None,
    progress: Progress | None = None,
) -> ReportResult:
    """Build and write the quarterly report. Every output is checked against every input
    (the satisfaction part's too) before any work; a pending part is built after that."""
    stem = options.stem
    inputs = [options.survey, *(p for _, p in options.previous), options.read.mapping,
              options.read.answers, options.read.labels, options.stats.table_file(),
              options.segments.types_file(), options.links, *part_inputs(satisfaction)]  # fmt: skip
    check_outputs([*report_paths(stem), *chart_paths(stem)], inputs)
    if isinstance(satisfaction, PendingPart) and progress is not None:
        progress("satisfaction")
    report = build(options, built(satisfaction), progress)
    written = write(report, options, progress)
    return ReportResult(written=tuple(written), tables={"summary": report.kano.summary},
                        notes=report.kano.survey.notes, warnings=report.kano.warnings,
                        findings=tuple(f for fs in report.findings.values() for f in fs
                                       if isinstance(f, Finding)),
                        lang=options.output.lang, report=report)  # fmt: skip
