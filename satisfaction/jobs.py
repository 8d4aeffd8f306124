"""The satisfaction jobs: one typed option record and one ``run`` per command.

:func:`run_ipa` (``kano ipa``) and :func:`run_drivers` (``kano drivers``)
read the survey, analyse it, render it in the language asked for and write
by the output's suffix: ``.xlsx`` the workbook (the IPA map beside it as
``<stem>_map.png``/``.svg``), ``.csv`` the main table, ``.json`` every table
and the Method record. :func:`report_part` gives the quarterly report its
satisfaction half (:class:`~kano.shared.jobs.ReportPart`), so that the Kano
side never imports this package. Every input file is checked against every
output before any work is done.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kano.shared.errors import KanoError, OptionError
from kano.shared.files import text_encoding
from kano.shared.i18n import check_lang, text
from kano.shared.jobs import JobResult, PendingPart, ReportPart
from kano.shared.output import check_output_path, output_kind, write_csv, write_json
from kano.shared.ratings import LabelMap
from kano.shared.records import Finding
from kano.shared.segments import KEY_ACCOUNT_SPEND
from kano.shared.workbook import write_workbook
from satisfaction.analysis import (
    BOOTSTRAP,
    analyze_ipa,
    check_bootstrap,
    derived_importance,
    missing_table,
    nps_segments,
)
from satisfaction.charts import (
    derived_importance_bars,
    ipa_map,
    loyalty_by_zone,
    nps_by_segment,
    save_ipa_map,
)
from satisfaction.render import (
    analysis_sheets,
    analysis_titles,
    csv_frame,
    derived_title,
    finding_text,
    input_files,
    localise,
    method_table,
    payload,
    sheet,
)
from satisfaction.survey import Survey, load_survey
from satisfaction.validate import Scale

#: Output types of ``kano ipa`` and ``kano drivers`` by suffix.
OUTPUT_SUFFIXES = (".xlsx", ".csv", ".json")
#: Resamples of the quarterly report's IPA at most: its quadrant probabilities
#: settle well before the Kano side's intervals do, and the report stays fast.
REPORT_BOOTSTRAP = 500

LabelsOption = LabelMap | str | os.PathLike | None
CustomerTypesOption = Mapping[str, str] | str | os.PathLike | None


@dataclass(frozen=True)
class SurveyOptions:
    """How to read a satisfaction survey (:func:`~satisfaction.load_survey`).

    ``survey``: the export or a DataFrame; ``sheet``; ``mapping``: a mapping
    file; ``scale``: the drivers' rating scale (``"1-5"``); ``labels``: a
    label map or its file; ``min_items``: answered items per driver score;
    ``customer_types``: segments of unknown customer types; ``key_account_spend``:
    monthly spend (yuan) above which a key account; ``weight``: the column of survey
    weights (:mod:`kano.shared.weights`); ``encoding``: the text encoding of a CSV
    export (detected by default).
    """

    survey: str | os.PathLike | pd.DataFrame
    sheet: str | None = None
    mapping: str | os.PathLike | None = None
    scale: Scale | str | None = None
    labels: LabelsOption = None
    min_items: int | None = None
    customer_types: CustomerTypesOption = None
    key_account_spend: float = KEY_ACCOUNT_SPEND
    weight: str | None = None
    encoding: str | None = None

    def __post_init__(self):
        if self.encoding is not None:
            object.__setattr__(self, "encoding", text_encoding(self.encoding))


@dataclass(frozen=True)
class IPAOptions(SurveyOptions):
    """``kano ipa``: the reading options and

    ``output`` (``.xlsx``, ``.csv`` or ``.json``; default ``<input>_ipa.xlsx``),
    ``importance`` (``stated``/``derived``; default stated when rated),
    ``outcome`` of derived importance, ``crosshair`` (``mean``, ``median``,
    ``midpoint``, ``"X,Y"``), ``by`` (``value_segment``, ``tenure_band`` or a
    column), ``bootstrap`` (resamples, 0 = none) and ``seed``, ``zones``
    (X1, X2 or ``"X1,X2"``), ``diagonal`` (the iso-priority line on the map),
    ``chart`` (draw the map with a workbook), ``lang``.
    """

    output: str | os.PathLike | None = None
    importance: str | None = None
    outcome: str | None = None
    crosshair: str = "mean"
    by: str | None = None
    bootstrap: int = BOOTSTRAP
    seed: int = 0
    zones: tuple[float, float] | str | None = None
    diagonal: bool = False
    chart: bool = True
    lang: str = "en"


@dataclass(frozen=True)
class DriversOptions(SurveyOptions):
    """``kano drivers``: the reading options and

    ``output`` (``.xlsx``, ``.csv`` or ``.json``; default ``<input>_drivers.xlsx``),
    ``outcome`` (``overall``, ``loyalty`` or a column), ``rated_only`` (leave
    out tenure, customer traits and competitors), ``bootstrap`` and ``seed``, ``lang``.
    """

    output: str | os.PathLike | None = None
    outcome: str | None = None
    rated_only: bool = False
    bootstrap: int = BOOTSTRAP
    seed: int = 0
    lang: str = "en"


@dataclass(frozen=True)
class ReportPartOptions(SurveyOptions):
    """The satisfaction half of the quarterly report: the reading options and
    ``bootstrap`` (the report's resamples; the IPA uses at most
    :data:`REPORT_BOOTSTRAP`), ``seed``, ``lang``; ``option_names``: the names the
    calling job gives these options (``{"scale": "sat_scale"}``: ``kano report`` reads a
    Kano file too), used in notes and errors."""

    bootstrap: int = BOOTSTRAP
    seed: int = 0
    lang: str = "en"
    option_names: Mapping[str, str] = field(default_factory=dict)


def parse_zones(value: tuple[float, float] | str | None) -> tuple[float, float] | None:
    """Zone thresholds from ``(X1, X2)`` or ``"X1,X2"`` (X1 < X2); ``None`` stays ``None``.

    Raises
    ------
    OptionError
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        try:
            x1, x2 = (float(p) for p in value.replace(";", ",").split(","))
        except ValueError:
            raise OptionError(
                f"{{opt:zones}} must be two numbers X1,X2 with X1 < X2, not {value!r}"
            ) from None
    else:
        x1, x2 = (float(v) for v in value)
    if not x1 < x2:
        raise OptionError(f"{{opt:zones}} needs X1 < X2, got {value!r}")
    return x1, x2


def _label_path(labels: LabelsOption) -> Path | None:
    if isinstance(labels, LabelMap):
        return labels.path
    return None if labels is None else Path(labels)


def _types_file(types: CustomerTypesOption) -> Path | None:
    """The customer-type map file, when the option names one (read_customer_types' rule)."""
    if isinstance(types, str | os.PathLike) and Path(types).suffix.lower() in _MAP_SUFFIXES:
        return Path(types)
    return None


_MAP_SUFFIXES = (".yaml", ".yml", ".csv")


def _input_paths(options: SurveyOptions) -> list[Path]:
    """Every input file named by the options (the survey, mapping, label and type maps)."""
    paths = [] if isinstance(options.survey, pd.DataFrame) else [Path(options.survey)]
    files = (options.mapping, _label_path(options.labels), _types_file(options.customer_types))
    return paths + [Path(p) for p in files if p]


_WHAT = {
    "ipa": {".xlsx": "the workbook and the IPA map", ".csv": "the drivers table",
            ".json": "every table and the method record"},
    "drivers": {".xlsx": "the workbook", ".csv": "the derived-importance table",
                ".json": "every table and the method record"},
}  # fmt: skip


def _plan_output(options: SurveyOptions, output: str | os.PathLike | None, job: str):
    """The output path (default ``<input>_<job>.xlsx``) and its suffix, checked against
    every input before any work.

    Raises
    ------
    OutputError
        An unknown suffix, the path of an input, or a missing folder.
    OptionError
        No output path for a DataFrame input.
    """
    if output is None:
        if isinstance(options.survey, pd.DataFrame):
            raise OptionError("give an output path ({opt:output}) when the input is a DataFrame")
        source = Path(options.survey)
        output = source.with_name(f"{source.stem}_{job}.xlsx")
    kind = output_kind(output, OUTPUT_SUFFIXES, _WHAT[job])
    return check_output_path(output, _input_paths(options)), kind


def _load(options: SurveyOptions) -> Survey:
    if options.weight is not None:  # being built (issue 11): refuse rather than ignore it
        raise OptionError("{opt:weight} is not supported yet by the satisfaction analyses")
    return load_survey(
        options.survey, options.sheet, options.mapping, options.scale,
        options.key_account_spend, options.min_items, labels=options.labels,
        customer_types=options.customer_types, encoding=options.encoding,
    )  # fmt: skip


def _reading_settings(options: SurveyOptions) -> dict[str, object]:
    """The reading options for the Method record (a customer-type map file is an input)."""
    types = options.customer_types
    out: dict[str, object] = {
        "sat_scale": None if options.scale is None else str(options.scale),
        "sat_min_items": options.min_items,
        "sat_key_account_spend": options.key_account_spend,
    }
    if isinstance(types, Mapping):
        out["sat_customer_types"] = ", ".join(f"{k}={v}" for k, v in types.items())
    elif types is not None and _types_file(types) is None:
        out["sat_customer_types"] = str(types)
    return out


def _inputs(options: SurveyOptions, survey: Survey) -> list:
    """The input files as (role, path, params) for the Method record."""
    return input_files(survey, options.mapping, _label_path(options.labels),
                       _types_file(options.customer_types))  # fmt: skip


def run_ipa(options: IPAOptions) -> JobResult:
    """Run ``kano ipa``: the IPA and everything around it, written by the output's suffix.

    Returns the :class:`~kano.shared.jobs.JobResult`: the files written (the
    output, then the map's PNG and SVG), the language-free tables of
    :class:`~satisfaction.IPAAnalysis`, its notes and findings.
    """
    lang = check_lang(options.lang)
    check_bootstrap(options.bootstrap, options.seed)
    zones = parse_zones(options.zones)
    target, kind = _plan_output(options, options.output, "ipa")
    chart_stem = target.with_name(target.stem + "_map")
    charts = [chart_stem.with_name(chart_stem.name + ext) for ext in (".png", ".svg")]
    draw = options.chart and kind == ".xlsx"
    if draw:
        for path in charts:
            check_output_path(path, _input_paths(options))
    survey = _load(options)
    analysis = analyze_ipa(
        survey, importance=options.importance, outcome=options.outcome,
        crosshair=options.crosshair, by=options.by, bootstrap=options.bootstrap,
        seed=options.seed, zones=zones,
    )  # fmt: skip
    result, coded = analysis.result, analysis.by == "value_segment"
    settings = {
        **_reading_settings(options),
        "sat_importance": analysis.importance,
        "sat_outcome": options.outcome or (analysis.derived.outcome if analysis.derived else None),
        "sat_crosshair": result.crosshair_rule,
        "sat_crosshair_satisfaction": float(f"{result.satisfaction_cross:.4g}"),
        "sat_crosshair_importance": float(f"{result.importance_cross:.4g}"),
        "sat_by": options.by,
        "sat_bootstrap": options.bootstrap,
        "sat_seed": options.seed,
        "sat_zones": None if zones is None else f"{zones[0]:g}, {zones[1]:g}",
        "sat_diagonal": options.diagonal,
        "language": lang,
    }
    method = method_table(survey, _inputs(options, survey), settings, analysis.notes, lang)
    written: list[Path] = []
    if kind == ".xlsx":
        sheets = analysis_sheets(analysis, lang)
        if draw:
            written_charts = save_ipa_map(result, chart_stem, lang, options.diagonal)
            png = [p for p in written_charts if p.suffix == ".png"]
            sheets[0] = dataclasses.replace(sheets[0], images=png)  # the map beside its table
        write_workbook(target, sheets, method, method_sheet_name=text("sheet.method", lang))
        written = [target, *(written_charts if draw else [])]
    elif kind == ".csv":
        write_csv(target, csv_frame("drivers", analysis.tables["drivers"], lang,
                                    segments_coded=coded))  # fmt: skip
        written = [target]
    else:
        titles = analysis_titles(analysis, lang)
        write_json(target, payload(analysis.tables, titles, method, lang, segments_coded=coded))
        written = [target]
    return JobResult(written=tuple(written), tables=analysis.tables, notes=analysis.notes,
                     findings=analysis.findings, lang=lang)  # fmt: skip


def run_drivers(options: DriversOptions) -> JobResult:
    """Run ``kano drivers``: derived importance alone, written by the output's suffix.

    Returns the :class:`~kano.shared.jobs.JobResult`: the output written, the
    tables ``derived`` and ``missing``, the notes, and the finding ``sat_model``
    (outcome, R², complete cases).
    """
    lang = check_lang(options.lang)
    check_bootstrap(options.bootstrap, options.seed)
    target, kind = _plan_output(options, options.output, "drivers")
    survey = _load(options)
    derived = derived_importance(survey, options.outcome, options.bootstrap, options.seed,
                                 rated_only=options.rated_only)  # fmt: skip
    notes = (*survey.notes, *derived.notes)
    tables = {"derived": derived.table, "missing": missing_table(survey)}
    settings = {
        **_reading_settings(options),
        "sat_outcome": derived.outcome,
        "sat_bootstrap": options.bootstrap,
        "sat_seed": options.seed,
        "sat_rated_only": options.rated_only,
        "sat_r2": round(derived.r2, 4),
        "sat_complete_cases": derived.n_used,
        "sat_rows_dropped": derived.n_dropped,
        "language": lang,
    }
    method = method_table(survey, _inputs(options, survey), settings, notes, lang)
    titles = {"derived": derived_title(derived, lang), "missing": None}
    if kind == ".xlsx":
        sheets = [sheet(key, frame, lang, titles[key]) for key, frame in tables.items()]
        write_workbook(target, sheets, method, method_sheet_name=text("sheet.method", lang))
    elif kind == ".csv":
        write_csv(target, csv_frame("derived", derived.table, lang))
    else:
        write_json(target, payload(tables, titles, method, lang))
    model = Finding("sat_model", derived.outcome, {"r2": derived.r2, "n": derived.n_used})
    return JobResult(written=(target,), tables=tables, notes=notes, findings=(model,), lang=lang)


def report_part(options: ReportPartOptions) -> ReportPart:
    """The satisfaction half of the quarterly report, rendered in ``options.lang``.

    Sheets: every sheet of ``kano ipa`` (without segments), named ``IPA <sheet>``;
    charts ``ipa``, ``derived``, ``zones``, ``nps`` as ``draw(ax) -> Axes``
    (those the data allow); ``tables``: ``ipa`` (the stated IPA table,
    language-free: ``driver, importance_pct, satisfaction_pct, quadrant …``;
    only with stated importance) and ``nps_segments`` (``segment`` codes
    ``all``, ``key_account`` …); the findings, notes, input files and settings
    for the Method sheet. The IPA's bootstrap uses at most
    :data:`REPORT_BOOTSTRAP` resamples.
    """
    lang = check_lang(options.lang)
    check_bootstrap(options.bootstrap, options.seed)
    survey = _load(options)
    bootstrap = min(options.bootstrap, REPORT_BOOTSTRAP)
    analysis = analyze_ipa(survey, bootstrap=bootstrap, seed=options.seed)
    result = analysis.result
    sheets = tuple(dataclasses.replace(s, name=f"IPA {s.name}"[:31])
                   for s in analysis_sheets(analysis, lang))  # fmt: skip
    charts = {"ipa": lambda ax: ipa_map(result, lang, ax=ax)}
    if analysis.derived is not None:
        derived = analysis.derived
        charts["derived"] = lambda ax: derived_importance_bars(derived, lang, ax=ax)
    if "zones" in analysis.tables:
        zones = analysis.tables["zones"]
        charts["zones"] = lambda ax: loyalty_by_zone(zones, lang, ax=ax)
    tables: dict[str, pd.DataFrame] = {}
    if analysis.importance == "stated":
        tables["ipa"] = result.table
    nps_table = nps_segments(survey)
    if nps_table is not None:
        tables["nps_segments"] = nps_table
        charts["nps"] = lambda ax: nps_by_segment(nps_table, lang, ax=ax)
    shown = ["driver", "importance_pct", "satisfaction_pct", "priority", "quadrant"]
    pdf = localise(result.table[shown], lang).drop(columns=[text("column.quadrant", lang)])
    return ReportPart(
        lang=lang,
        sheets=sheets,
        charts=charts,
        pdf_tables=((text("sheet.sat_drivers", lang), pdf),),
        tables=tables,
        findings=analysis.findings,
        finding_lines=tuple(finding_text(f, lang) for f in analysis.findings),
        notes=tuple(n.renamed(options.option_names) for n in analysis.notes),
        inputs=(("satisfaction", survey.table.path, {}),
                ("satisfaction_mapping", options.mapping, {})),
        settings={"sat_importance": analysis.importance, "sat_crosshair": result.crosshair_rule,
                  "sat_ipa_bootstrap": bootstrap, "sat_ipa_seed": options.seed},
    )  # fmt: skip


def pending_part(options: ReportPartOptions) -> PendingPart:
    """:func:`report_part` for a job that checks its outputs against these inputs first
    (``kano report``, ``kano priority``)."""

    def build() -> ReportPart:
        try:
            return report_part(options)
        except KanoError as exc:  # name the flags of the calling job (--sat-scale)
            raise exc.renamed(options.option_names) from None

    return PendingPart(tuple(_input_paths(options)), build)
