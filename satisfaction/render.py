"""Putting the satisfaction results into words: workbook sheets, CSV and JSON rows,
titles, findings and the Method record, in English or Chinese.

Every word comes from the catalogue (:mod:`kano.shared.i18n`): headers by
:func:`~kano.shared.i18n.header`, coded values (drivers, quadrants, zones,
value segments, loyalty measures) by :func:`~kano.shared.i18n.name`, yes/no by
:func:`~kano.shared.i18n.boolean`. The tables given are the language-free
ones of :mod:`satisfaction.analysis`; nothing here computes a number.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from kano.shared.i18n import boolean, header, name, text
from kano.shared.jobs import Input, JobResult
from kano.shared.provenance import MethodItem, method_record, method_rows
from kano.shared.records import Finding, Note
from kano.shared.workbook import SheetSpec
from satisfaction.analysis import IPAAnalysis
from satisfaction.relative_importance import DerivedImportance
from satisfaction.survey import Survey

#: Coded columns named in words beside the code (``<col>_name``).
_NAMED_BESIDE = {"quadrant": "quadrant", "zone": "zone"}
#: Coded columns whose codes are replaced by their names on a sheet.
_NAMED_IN_PLACE = {"driver": "driver", "measure": "sat_measure"}
#: Columns of the missing-values table shown on its sheet.
_MISSING_SHOWN = ["column", "n", "n_missing"]


def _percent(column: str) -> bool:
    return column.startswith("p_") or column.endswith("_share")


def _segment_names(frame: pd.DataFrame, segments_coded: bool, lang: str) -> pd.Series:
    """Value-segment codes (and ``all``) named; other segments (tenure bands, a column's
    values) are the user's own words."""
    if not segments_coded:
        return frame["segment"]
    return frame["segment"].map(lambda s: name("segment", s, lang))


def localise(
    frame: pd.DataFrame, lang: str, *, segments_coded: bool = False, headers: bool = True
) -> pd.DataFrame:
    """A language-free table in words: coded values named, yes/no in ``lang`` and, with
    ``headers``, the headers too (without: the library's column names, as in a CSV).

    ``quadrant`` and ``zone`` keep their code and get a ``<col>_name`` column
    beside them; drivers and loyalty measures are replaced by their names;
    ``segments_coded``: the segments are value-segment codes (``--by
    value_segment``), named in ``lang``.
    """
    out = frame.copy()
    for col, kind in _NAMED_BESIDE.items():
        if col in out:
            names = out[col].map(lambda c, kind=kind: name(kind, c, lang))
            out.insert(out.columns.get_loc(col) + 1, f"{col}_name", names)
    for col, kind in _NAMED_IN_PLACE.items():
        if col in out:
            out[col] = out[col].map(lambda c, kind=kind: c if pd.isna(c) else name(kind, c, lang))
    if "segment" in out:
        out["segment"] = _segment_names(out, segments_coded, lang)
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(lambda v: boolean(v, lang))
    if headers:
        out.columns = [header(str(c), lang) for c in out.columns]
    return out


def missing_words(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The missing-values table with each score row described in words in ``column``."""
    out = frame.copy()
    score = out["column"].isna() & out["driver"].notna()
    out.loc[score, "column"] = [
        text("sat_missing.score", lang, driver=name("driver", r.driver, lang),
             role=text(f"sat_role.{r.role}", lang), m=int(r.min_items), k=int(r.n_items))
        for r in out[score].itertuples(index=False)
    ]  # fmt: skip
    return out


def sheet(
    key: str,
    frame: pd.DataFrame,
    lang: str,
    title: str | None = None,
    *,
    segments_coded: bool = False,
) -> SheetSpec:
    """The sheet ``sheet.sat_<key>`` of a language-free table, in ``lang``.

    Probabilities and shares get a percent format, other decimals ``0.000``.
    """
    if key == "missing":
        frame = missing_words(frame, lang)[_MISSING_SHOWN]
    loc = localise(frame, lang, segments_coded=segments_coded)
    percent = [header(c, lang) for c in frame.columns if _percent(c)]
    decimals = {
        header(c, lang): "0.000"
        for c in frame.columns
        if pd.api.types.is_float_dtype(frame[c]) and not _percent(c)
    }
    return SheetSpec(text(f"sheet.sat_{key}", lang), loc, percent=percent,
                     number_formats=decimals, title=title)  # fmt: skip


def derived_title(derived: DerivedImportance, lang: str) -> str:
    """``Outcome overall: R² = 0.512 [0.47, 0.55]; 1180 complete cases, 20 rows dropped``."""
    ci = f" [{derived.r2_low:.3f}, {derived.r2_high:.3f}]" if derived.bootstrap else ""
    return text("title.sat_derived", lang, outcome=name("driver", derived.outcome, lang), r2=derived.r2, ci=ci,
                n_used=derived.n_used, n_dropped=derived.n_dropped)  # fmt: skip


def analysis_titles(analysis: IPAAnalysis, lang: str) -> dict[str, str | None]:
    """The title of each table of an analysis (``None`` where it has none)."""
    titles: dict[str, str | None] = dict.fromkeys(analysis.tables)
    if analysis.derived is not None and "derived" in titles:
        titles["derived"] = derived_title(analysis.derived, lang)
    if analysis.thresholds is not None and "zones" in titles:
        x1, x2 = analysis.thresholds
        titles["zones"] = text("title.sat_zones", lang, x1=x1, x2=x2)
    if "segments" in titles:
        titles["segments"] = "; ".join(n.text(lang) for n in analysis.segment_notes) or None
    if "segment_tests" in titles:
        titles["segment_tests"] = text("title.sat_segment_tests", lang)
    return titles


def analysis_sheets(analysis: IPAAnalysis, lang: str) -> list[SheetSpec]:
    """Every table of an analysis as a sheet in ``lang``, in the order computed."""
    titles = analysis_titles(analysis, lang)
    coded = analysis.by == "value_segment"
    return [sheet(key, frame, lang, titles[key], segments_coded=coded)
            for key, frame in analysis.tables.items()]  # fmt: skip


def csv_frame(key: str, frame: pd.DataFrame, lang: str, *, segments_coded: bool = False):
    """The table of a CSV output: the library's column names, coded values in words."""
    if key == "missing":
        frame = missing_words(frame, lang)[_MISSING_SHOWN]
    return localise(frame, lang, segments_coded=segments_coded, headers=False)


def json_rows(
    key: str, frame: pd.DataFrame, lang: str, *, segments_coded: bool = False
) -> list[dict]:
    """Records with the library's column names and codes, plus ``<col>_name``: the words in
    ``lang`` of each coded value (driver, quadrant, zone, segment, measure); a score row of
    the missing values is described in words in ``column``."""
    out = missing_words(frame, lang) if key == "missing" else frame.copy()
    kinds = {**_NAMED_BESIDE, **_NAMED_IN_PLACE}
    if segments_coded:
        kinds["segment"] = "segment"
    for col, kind in kinds.items():
        if col in out:
            names = out[col].map(lambda c, kind=kind: None if pd.isna(c) else name(kind, c, lang))
            out.insert(out.columns.get_loc(col) + 1, f"{col}_name", names)
    return json.loads(out.to_json(orient="records", force_ascii=False, double_precision=15))


def payload(
    tables: Mapping[str, pd.DataFrame],
    titles: Mapping[str, str | None],
    method: pd.DataFrame,
    lang: str,
    *,
    segments_coded: bool = False,
) -> dict:
    """The JSON output: the Method sheet as ``item -> value`` and every table with its title."""
    return {
        "method": dict(zip(method.iloc[:, 0], method.iloc[:, 1], strict=True)),
        "tables": {
            key: {"title": titles.get(key),
                  "rows": json_rows(key, frame, lang, segments_coded=segments_coded)}
            for key, frame in tables.items()
        },
    }  # fmt: skip


def finding_text(finding: Finding, lang: str) -> str:
    """One finding of the satisfaction side in ``lang``."""
    p = dict(finding.params)
    if finding.kind == "sat_improve":
        key = "finding.sat_improve_p" if "p" in p else "finding.sat_improve"
        return text(key, lang, driver=name("driver", finding.subject, lang), **p)
    if finding.kind == "sat_model":
        return text("finding.sat_model", lang, outcome=name("driver", finding.subject, lang), **p)
    return text(f"finding.{finding.kind}", lang, **p)


# --- the Method record ---------------------------------------------------------------------


def _survey_items(survey: Survey, lang: str) -> list[MethodItem]:
    """The role of every column found and the items of every driver, in ``lang``."""
    items = []
    for r in survey.columns.roles().itertuples(index=False):
        driver = f" ({name('driver', r.driver, lang)})" if r.driver else ""
        items.append(MethodItem("sat_column", f"{r.role}{driver}", {"column": r.column}))
    for r in survey.items.itertuples(index=False):
        role = text(f"sat_role.{r.role}", lang)
        shown = ", ".join(r.items)
        if r.role == "numeric":
            value = text("method.sat_items_numeric", lang, items=shown)
        elif r.n_items > 1:
            value = text("method.sat_items_many", lang, items=shown, m=r.min_items, k=r.n_items)
        else:
            value = shown
        items.append(MethodItem("sat_items", value,
                                {"driver": name("driver", r.driver, lang), "role": role}))  # fmt: skip
    items.append(MethodItem("sat_methods", text("method.sat_methods_text", lang)))
    return items


def reading_settings(survey: Survey) -> dict[str, object]:
    """What was read: the sheet, the encoding, the rows and the scales found."""
    t = survey.table
    out: dict[str, object] = {}
    if t.sheet:
        out["sheet"] = t.sheet
    if t.encoding:
        out["encoding"] = t.encoding
    out["rows"] = len(t.frame)
    if survey.satisfaction_scale:
        out["sat_satisfaction_scale"] = str(survey.satisfaction_scale)
    if survey.importance_scale:
        out["sat_importance_scale"] = str(survey.importance_scale)
    return out


def method_table(
    survey: Survey,
    inputs: Sequence[Input],
    settings: Mapping[str, object],
    notes: Iterable[Note],
    lang: str,
) -> pd.DataFrame:
    """The Method sheet of a job: inputs with SHA-256, settings, the columns and items of
    the survey, the methods, the notes, the version and the time (``SOURCE_DATE_EPOCH``)."""
    record = method_record(inputs, {**reading_settings(survey), **settings}, notes)
    cut = next(i for i, item in enumerate(record) if item.key in ("note", "version"))
    record[cut:cut] = _survey_items(survey, lang)
    return method_rows(record, lang)


def input_files(
    survey: Survey,
    mapping: str | os.PathLike | None,
    label_map: str | os.PathLike | None,
    customer_types: str | os.PathLike | None,
) -> list[Input]:
    """The input files of a job as (role, path, params) for the Method record; files not
    given (``None``) are left out by the record."""
    return [("survey", survey.table.path, {}), ("mapping", mapping, {}),
            ("label_map", label_map, {}), ("customer_types", customer_types, {})]  # fmt: skip


def terminal_lines(result: JobResult) -> list[str]:
    """What ``kano ipa`` and ``kano drivers`` print: the drivers table (IPA) or the model
    and the derived importance, then the files written (a :class:`JobResult`)."""
    lang = result.lang
    if "drivers" in result.tables:
        cols = ["driver", "importance", "satisfaction", "quadrant", "priority"]
        lines = [localise(result.tables["drivers"][cols], lang).to_string(
            index=False, float_format=lambda v: f"{v:.2f}")]  # fmt: skip
    else:
        cols = ["driver", "r", "johnson", "shapley", "shapley_share", "rank"]
        lines = [finding_text(f, lang) for f in result.findings]
        lines.append(localise(result.tables["derived"][cols], lang).to_string(
            index=False, float_format=lambda v: f"{v:.3f}"))  # fmt: skip
    return lines + [text("word.wrote", lang, path=p) for p in result.written]
