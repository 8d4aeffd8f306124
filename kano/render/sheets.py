"""Kano results as workbook sheets, and outputs written by their suffix.

Everything here takes language-free results and a language; headers, category
names, segment names, yes/no, findings and notes come from the catalogue
(:mod:`kano.shared.i18n`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from kano.shared.i18n import boolean, category_label, has, header, name, text
from kano.shared.output import output_kind, write_csv, write_json
from kano.shared.provenance import MethodItem, method_rows
from kano.shared.records import Finding, note_text
from kano.shared.workbook import ChartSpec, SheetSpec, write_workbook
from kano.tables import CATEGORIES, EvaluationTable

_PERCENT = [f"share_{c}" for c in CATEGORIES] + [
    "category_strength", "total_strength", "share_Q_quality", "share_R_quality", "share",
    "ci_low", "ci_high", "stability", *(f"win_{c}" for c in CATEGORIES),
]  # fmt: skip
_DECIMALS = {
    "better": "0.000", "worse": "0.000", "fong_critical": "0.00", "chi2": "0.00", "chi2_p": "0.0000",
    "importance_mean": "0.00", "better_ci_low": "0.000", "better_ci_high": "0.000",
    "worse_ci_low": "0.000", "worse_ci_high": "0.000", "p": "0.0000", "p_adjusted": "0.0000",
    "statistic": "0.000", "better_diff": "0.000", "better_diff_low": "0.000",
    "better_diff_high": "0.000", "worse_diff": "0.000", "worse_diff_low": "0.000",
    "worse_diff_high": "0.000", "importance_pct": "0.0", "satisfaction_pct": "0.0", "gap": "0.0",
    **{f"{a}_{b}": "0.00" for a in ("functional", "dysfunctional", "importance")
       for b in ("mean", "sd", "ci_low", "ci_high")},
}  # fmt: skip
_CATEGORY_COLUMNS = ("category", "fong_category", "continuous_category", "category_a", "category_b")
_SEGMENT_COLUMNS = ("group", "group_a", "group_b")
OUTPUT_KINDS = (".xlsx", ".csv", ".json")


def sheet(key: str, frame: pd.DataFrame, lang: str, categories: bool = False,
          segments: bool = False, **kwargs) -> SheetSpec:  # fmt: skip
    """A sheet named ``sheet.<key>`` whose headers, formats and booleans are put into
    ``lang`` (and coded values, see :func:`shown`)."""
    return table_sheet(text(f"sheet.{key}", lang), frame, lang, categories, segments, **kwargs)


def table_sheet(sheet_name: str, frame: pd.DataFrame, lang: str, categories: bool = False,
                segments: bool = False, **kwargs) -> SheetSpec:  # fmt: skip
    """:func:`sheet` with a sheet name given in words."""
    frame = shown(frame, lang, categories, segments)
    return SheetSpec(
        sheet_name,
        frame.rename(columns=lambda c: header(str(c), lang)),
        percent=[header(c, lang) for c in _PERCENT if c in frame.columns],
        number_formats={header(k, lang): v for k, v in _DECIMALS.items() if k in frame.columns},
        category_columns=[header(c, lang) for c in _CATEGORY_COLUMNS if c in frame.columns],
        **kwargs,
    )


def shown(frame: pd.DataFrame, lang: str, categories: bool = False,
          segments: bool = False) -> pd.DataFrame:  # fmt: skip
    """The cells as a reader sees them: booleans as yes/no in ``lang``; with
    ``categories`` the dominant category named (``M 必备``); with ``segments`` the
    value-segment codes of the group columns named (大客户 …)."""
    out = frame.copy()
    for col in out.columns:
        values = out[col]
        if categories and col == "category":
            out[col] = [category_label(c, lang) if c else "" for c in values]
        elif segments and col in _SEGMENT_COLUMNS:
            out[col] = [name("segment", g, lang) for g in values]
        elif pd.api.types.is_bool_dtype(values.dtype):
            out[col] = [boolean(v, lang) for v in values]
    return out


def findings_sheet(key: str, findings: Sequence[Finding], empty_key: str, lang: str) -> SheetSpec:
    """A sheet of findings in words, or one line saying there is nothing to report."""
    from kano.render.findings import finding_text

    lines = [finding_text(f, lang) for f in findings] or [text(empty_key, lang)]
    return SheetSpec(text(f"sheet.{key}", lang), pd.DataFrame({header("finding", lang): lines}))


def summary_sheet(summary: pd.DataFrame, lang: str) -> SheetSpec:
    """The Summary sheet (the summary matrix, 汇总矩阵) in ``lang``."""
    return sheet("summary", _without_blank_importance(summary), lang, categories=True)


def classify_sheets(analysis, lang: str = "en") -> list[SheetSpec]:
    """Sheets of the classify workbook: Summary, Evaluation table, Data quality,
    Answer wordings (when synonyms were used), Columns, Charts, and when computed:
    Intervals, Continuous, Segments, Segment tests, Segment findings, Respondents."""
    survey, summary, table = analysis.survey, analysis.summary, analysis.table
    sheets = [summary_sheet(summary, lang), table_legend_sheet(table, lang)]
    quality = survey.quality.merge(summary[["service", "n", "share_Q", "share_R"]], on="service")
    quality = quality.rename(columns={"share_Q": "share_Q_quality", "share_R": "share_R_quality"})
    cols = ["service", "n_respondents", "n", "n_missing", "n_invalid", "share_Q_quality",
            "share_R_quality"]  # fmt: skip
    notes = [
        *survey.notes,
        *((analysis.respondent_filter.note,) if analysis.respondent_filter else ()),
        *analysis.warnings,
    ]
    title = "; ".join(note_text(n, lang) for n in notes) or None
    sheets.append(sheet("quality", quality[cols], lang, title=title))
    if len(survey.synonyms):
        wordings = survey.synonyms.copy()
        wordings["code"] = [
            f"{c} {text(f'answer.{c}', lang)}" if c else text("value.missing", lang)
            for c in wordings["code"]
        ]
        sheets.append(sheet("wordings", wordings, lang))
    sheets.append(sheet("columns", columns_table(survey, lang), lang))
    sheets.append(chart_sheet(summary, lang))
    if analysis.intervals is not None:
        sheets.append(sheet("intervals", analysis.intervals, lang))
    if analysis.continuous is not None:
        sheets.append(sheet("continuous", analysis.continuous, lang))
    if analysis.segments is not None:
        seg = analysis.segments
        sheets.append(sheet("segments", _without_blank_importance(seg.groups), lang,
                            categories=True, segments=seg.coded))  # fmt: skip
        sheets.append(sheet("segment_tests", seg.tests, lang, segments=seg.coded))
        sheets.append(findings_sheet("findings", seg.findings, "report.no_segment_findings", lang))
    if analysis.categories is not None:
        categories = analysis.categories
        detail = categories.astype(object).where(categories.notna(), "")
        detail = detail.rename_axis(header("respondent", lang)).reset_index()
        detail = detail.rename(columns={c: str(c) for c in detail.columns})
        sheets.append(SheetSpec(text("sheet.respondents", lang), detail,
                                category_columns=[str(c) for c in categories.columns]))  # fmt: skip
    return sheets


def columns_table(survey, lang: str) -> pd.DataFrame:
    """The pairing, how each pair was found, and the Kano-answer columns left unpaired."""
    table = survey.pairing.copy()
    unpaired = pd.DataFrame(
        {
            "service": "",
            "functional_column": list(survey.unpaired),
            "dysfunctional_column": "",
            "importance_column": "",
            "found_by": "not paired",
        }  # fmt: skip
    )
    if len(unpaired):
        table = pd.concat([table, unpaired], ignore_index=True)
    table["found_by"] = [name("found_by", k.replace(" ", "_"), lang) for k in table["found_by"]]
    return table


def chart_sheet(summary: pd.DataFrame, lang: str = "en") -> SheetSpec:
    """A sheet with the chart data and native Excel charts: category mix and Better-Worse grid."""
    # rows grouped by category, so that the scatter gets one coloured series per category
    order = {c: k for k, c in enumerate(CATEGORIES)}
    summary = summary.assign(_k=summary["category"].map(lambda c: order.get(str(c)[:1], 9)))
    summary = summary.sort_values(["_k", "better"], ascending=[True, False], kind="stable")
    summary = summary.reset_index(drop=True)
    service = header("service", lang)
    category = header("category", lang)
    data = pd.DataFrame({service: summary["service"]})
    for cat in CATEGORIES:
        data[category_label(cat, lang)] = summary[cat]
    worse_abs = "|Worse|"
    data[worse_abs] = summary["worse"].abs()
    data["Better"] = summary["better"]
    data[category] = [category_label(c, lang) if c else "" for c in summary["category"]]
    mix = [category_label(c, lang) for c in CATEGORIES]
    return SheetSpec(
        text("sheet.charts", lang),
        data,
        number_formats={worse_abs: "0.000", "Better": "0.000"},
        category_columns=[category],
        charts=[
            ChartSpec("stacked_percent_bar", text("chart.native_mix", lang), service, mix),
            ChartSpec("scatter", text("chart.native_grid", lang), service, [worse_abs, "Better"],
                      color_column=category, x_title=text("chart.native_x", lang),
                      y_title=text("chart.native_y", lang), axis_max=1.0),
        ],
    )  # fmt: skip


def _without_blank_importance(frame: pd.DataFrame) -> pd.DataFrame:
    if "importance_n" in frame and frame["importance_n"].isna().all():
        return frame.drop(columns=["importance_mean", "importance_n"])
    return frame


def table_legend_sheet(table: EvaluationTable, lang: str) -> SheetSpec:
    """The evaluation table: functional answer in rows, dysfunctional in columns."""
    answers = {j: text(f"answer.{j}", lang) for j in range(1, 6)}
    rows = []
    for i, row in enumerate(table.rows, start=1):
        rows.append(
            {header("functional", lang): f"{i} {answers[i]}"}
            | {answers[j]: category_label(letter, lang) for j, letter in enumerate(row, start=1)}
        )
    return SheetSpec(
        text("sheet.table", lang),
        pd.DataFrame(rows),
        category_columns=list(answers.values()),
        title=f"{table_name(table, lang)}: {table.compact()}",
    )


def table_name(table: EvaluationTable, lang: str) -> str:
    """``standard`` / ``modified`` in words; a custom table by its letters."""
    return name("value.table", table.name, lang)


def compare_sheets(comparison, lang: str = "en") -> list[SheetSpec]:
    """Sheets of the wave comparison: Waves, Wave changes, Wave findings, Unmatched services."""
    sheets = [
        sheet("waves", _without_blank_importance(comparison.groups), lang, categories=True),
        sheet("wave_tests", comparison.tests, lang),
        findings_sheet("wave_findings", comparison.findings, "report.no_migration", lang),
    ]
    if comparison.unmatched is not None and len(comparison.unmatched):
        sheets.append(sheet("unmatched", comparison.unmatched, lang))
    return sheets


def source_words(survey, lang: str) -> str:
    """Where a survey came from, in ``lang``: the file, and the sheet of a workbook."""
    if survey.sheet:
        return text("word.file_sheet", lang, file=survey.file, sheet=survey.sheet)
    return survey.file or survey.source


def reason_text(row, lang: str) -> str:
    """Why a service is in its tier of the priority list (``row``: a mapping or a record)."""
    get = row.get if isinstance(row, dict | Mapping) else lambda k: getattr(row, k)
    cat = str(get("category"))[:1]
    return text(f"reason.{get('tier')}", lang, sat=f"{get('satisfaction_pct'):.0f}",
                cross=f"{get('satisfaction_cross'):.0f}", gap=f"{get('gap'):.0f}",
                better=f"{get('better'):.2f}", name=name("category", cat, lang),
                name_lower=name("category", cat, lang).lower())  # fmt: skip


def priority_words(priorities: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The priority list with its action and reason in words (the rule: docs/methods.md §16)."""
    out = priorities.copy()
    out["reason"] = [reason_text(row, lang) for row in out.itertuples()]  # one per service
    out["tier"] = [text(f"tier.{t}", lang) for t in out["tier"]]
    if "driver" in out:  # a recognised driver is a code: its name in lang
        out["driver"] = [name("driver", d, lang) if has(f"driver.{d}", lang) else d
                         for d in out["driver"]]  # fmt: skip
    return out.drop(columns="satisfaction_cross")


def priority_sheets(priorities: pd.DataFrame, unmatched: pd.DataFrame, lang: str = "en"):
    """Sheets of the priority workbook: the ranked list and the services found in one table only."""
    sheets = [sheet("priority", priority_words(priorities, lang), lang, categories=True)]
    if len(unmatched):
        sheets.append(sheet("unmatched", unmatched.assign(
            **{"in": [name("value.only_in", v, lang) for v in unmatched["in"]]}), lang))  # fmt: skip
    return sheets


def write_output(
    path: str | os.PathLike,
    main: pd.DataFrame,
    sheets: Iterable[SheetSpec],
    method: Sequence[MethodItem],
    lang: str,
) -> Path:
    """Write by suffix: ``.xlsx`` the workbook of ``sheets`` with its Method sheet;
    ``.csv`` the ``main`` table; ``.json`` the main table (library column names) and the
    Method record."""
    path = Path(path)
    kind = output_kind(path, OUTPUT_KINDS, OUTPUT_WHAT)
    if kind == ".xlsx":
        return write_workbook(path, list(sheets), method=method_rows(method, lang),
                              method_sheet_name=text("sheet.method", lang))  # fmt: skip
    if kind == ".csv":
        return write_csv(path, main)
    records = json.loads(main.to_json(orient="records", force_ascii=False))
    rows = method_rows(method, lang)
    payload = {"method": dict(zip(rows.iloc[:, 0], map(_jsonable, rows.iloc[:, 1]), strict=True)),
               "summary": records}  # fmt: skip
    return write_json(path, payload)


OUTPUT_WHAT = {
    ".xlsx": "the workbook",
    ".csv": "the main table",
    ".json": "the main table and the method",
}


def _jsonable(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
