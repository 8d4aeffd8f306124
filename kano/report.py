"""Rendering Kano results: the classify workbook, CSV and JSON outputs.

Last step of the flow read → normalise → classify → summarise → render; it
only formats what it is given.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from kano import __version__
from kano.analysis import KanoAnalysis
from kano.labels import (
    ANSWER_NAMES,
    CATEGORY_NAMES,
    FOUND_BY,
    SHEETS,
    category_label,
    column_label,
)
from kano.shared.errors import OutputError
from kano.shared.output import write_csv, write_json
from kano.shared.records import note_text
from kano.shared.workbook import ChartSpec, SheetSpec, write_workbook
from kano.stats import SummaryOptions
from kano.tables import CATEGORIES, EvaluationTable

if TYPE_CHECKING:
    from kano.compare import GroupComparison

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


def file_sha256(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def method_info(
    inputs: Mapping[str, str | os.PathLike | None],
    settings: Mapping[str, object],
) -> dict[str, object]:
    """The Method sheet: input files and checksums, settings, version, time."""
    info: dict[str, object] = {}
    for label, path in inputs.items():
        if path is None:
            continue
        info[label] = str(path)
        if Path(path).is_file():
            info[f"{label} SHA-256"] = file_sha256(path)
    info.update(settings)
    info["kano-toolkit version"] = __version__
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        _dt.datetime.fromtimestamp(int(stamp), _dt.UTC)
        if stamp and stamp.isdigit()
        else _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    )
    info["written at (UTC)"] = moment.isoformat(timespec="seconds")
    return info


def summary_sheet(summary: pd.DataFrame, lang: str) -> SheetSpec:
    """The Summary sheet of a summary table, localised and formatted."""
    return _sheet(SHEETS[lang]["summary"], _with_category_names(summary, lang), lang)


def _sheet(name: str, frame: pd.DataFrame, lang: str, **kwargs) -> SheetSpec:
    """A sheet whose headers, percent and number formats are localised from library names."""
    return SheetSpec(
        name,
        frame.rename(columns=lambda c: column_label(str(c), lang)),
        percent=[column_label(c, lang) for c in _PERCENT if c in frame.columns],
        number_formats={
            column_label(k, lang): v for k, v in _DECIMALS.items() if k in frame.columns
        },
        category_columns=[column_label(c, lang) for c in _CATEGORY_COLUMNS if c in frame.columns],
        **kwargs,
    )


def classify_sheets(analysis: KanoAnalysis, lang: str = "en") -> list[SheetSpec]:
    """Sheets of the classify workbook: Summary, Evaluation table, Data quality,
    Answer wordings (when synonyms were used), Columns, and when computed:
    Intervals, Continuous, Segments, Segment tests, Findings, Respondents."""
    names = SHEETS[lang]
    survey, summary, table = analysis.survey, analysis.summary, analysis.table
    sheets = [
        _sheet(names["summary"], _with_category_names(summary, lang), lang),
        SheetSpec(
            names["table"],
            _table_legend(table, lang),
            category_columns=[ANSWER_NAMES[lang][j] for j in range(1, 6)],
            title=f"{table.name}: {table.compact()}",
        ),
    ]
    quality = survey.quality.merge(summary[["service", "n", "share_Q", "share_R"]], on="service")
    quality = quality.rename(columns={"share_Q": "share_Q_quality", "share_R": "share_R_quality"})
    cols = [
        "service",
        "n_respondents",
        "n",
        "n_missing",
        "n_invalid",
        "share_Q_quality",
        "share_R_quality",
    ]
    notes = [
        *survey.notes,
        *(str(v) for k, v in analysis.settings.items() if k == "respondent filter"),
        *(w.text(lang) for w in analysis.warnings),
    ]
    title = "; ".join(note_text(n, lang) for n in notes) or None
    sheets.append(_sheet(names["quality"], quality[cols], lang, title=title))
    if len(survey.synonyms):
        wordings = survey.synonyms.copy()
        wordings["code"] = [
            f"{c} {ANSWER_NAMES[lang][c]}" if c else "missing" for c in wordings["code"]
        ]
        sheets.append(_sheet(names["wordings"], wordings, lang))
    sheets.append(_sheet(names["columns"], _columns_table(survey, lang), lang))
    sheets.append(chart_sheet(summary, lang))
    if analysis.intervals is not None:
        sheets.append(_sheet(names["intervals"], analysis.intervals, lang))
    if analysis.continuous is not None:
        sheets.append(_sheet(names["continuous"], analysis.continuous, lang))
    if analysis.segments is not None:
        seg = analysis.segments
        sheets.append(_sheet(names["segments"], _with_category_names(seg.groups, lang), lang))
        sheets.append(_sheet(names["segment_tests"], seg.tests, lang))
        findings = pd.DataFrame(
            {column_label("finding", lang): list(seg.findings) or [_NO_FINDINGS[lang]]}
        )
        sheets.append(SheetSpec(names["findings"], findings))
    if analysis.categories is not None:
        categories = analysis.categories
        detail = categories.astype(object).where(categories.notna(), "")
        detail = detail.rename_axis(column_label("respondent", lang)).reset_index()
        detail = detail.rename(columns={c: str(c) for c in detail.columns})
        sheets.append(
            SheetSpec(
                names["respondents"], detail, category_columns=[str(c) for c in categories.columns]
            )
        )
    return sheets


def _columns_table(survey, lang: str) -> pd.DataFrame:
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
    table["found_by"] = table["found_by"].map(lambda k: FOUND_BY[lang].get(k, k))
    return table


def chart_sheet(summary: pd.DataFrame, lang: str = "en") -> SheetSpec:
    """A sheet with the chart data and native Excel charts: category mix and Better-Worse grid."""
    names = CATEGORY_NAMES[lang]
    # rows grouped by category, so that the scatter gets one coloured series per category
    order = {c: k for k, c in enumerate(CATEGORIES)}
    summary = summary.assign(_k=summary["category"].map(lambda c: order.get(str(c)[:1], 9)))
    summary = summary.sort_values(["_k", "better"], ascending=[True, False], kind="stable")
    summary = summary.reset_index(drop=True)
    data = pd.DataFrame({column_label("service", lang): summary["service"]})
    for cat in CATEGORIES:
        data[f"{cat} {names[cat]}"] = summary[cat]
    worse_abs = "|Worse|"
    data[worse_abs] = summary["worse"].abs()
    data["Better"] = summary["better"]
    data[column_label("category", lang)] = [
        category_label(c, lang) if c else "" for c in summary["category"]
    ]
    text = _CHART_TEXT[lang]
    return SheetSpec(
        SHEETS[lang]["charts"],
        data,
        number_formats={worse_abs: "0.000", "Better": "0.000"},
        category_columns=[column_label("category", lang)],
        charts=[
            ChartSpec("stacked_percent_bar", text["mix"], column_label("service", lang),
                      [f"{c} {names[c]}" for c in CATEGORIES]),
            ChartSpec("scatter", text["grid"], column_label("service", lang), [worse_abs, "Better"],
                      color_column=column_label("category", lang), x_title=text["x"], y_title=text["y"],
                      axis_max=1.0),
        ],
    )  # fmt: skip


_CHART_TEXT = {
    "en": {"mix": "Kano categories per service", "grid": "Better-Worse grid",
           "x": "|Worse| (dissatisfaction if absent)", "y": "Better (satisfaction if present)"},
    "zh": {"mix": "各服务的KANO类别构成", "grid": "Better-Worse 象限图",
           "x": "|Worse| 系数(不提供时的不满意度)", "y": "Better 系数(提供时的满意度)"},
}  # fmt: skip

_NO_FINDINGS = {
    "en": "No significant difference between segments (BH-adjusted p < 0.05).",
    "zh": "各细分群体之间没有显著差异(BH校正后 p < 0.05)。",
}
_CATEGORY_COLUMNS = ("category", "fong_category", "continuous_category", "category_a", "category_b")


def _with_category_names(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    out["category"] = [category_label(c, lang) if c else "" for c in out["category"]]
    if "importance_n" in out and out["importance_n"].isna().all():
        out = out.drop(columns=["importance_mean", "importance_n"])
    return out


def _table_legend(table: EvaluationTable, lang: str) -> pd.DataFrame:
    answers = ANSWER_NAMES[lang]
    rows = []
    for i, row in enumerate(table.rows, start=1):
        rows.append(
            {column_label("functional", lang): f"{i} {answers[i]}"}
            | {answers[j]: category_label(letter, lang) for j, letter in enumerate(row, start=1)}
        )
    return pd.DataFrame(rows)


def summary_settings(
    table: EvaluationTable, options: SummaryOptions, extra: Mapping[str, object]
) -> dict[str, object]:
    """Settings that every Kano output records."""
    return {
        "evaluation table": f"{table.name} ({table.compact()})",
        "category rule": options.rule,
        "rule threshold": options.threshold if options.rule == "moai" else "",
        "Fong test z": 1.65,
        "Worse sign": "positive" if options.worse_positive else "negative",
        **extra,
    }


def write_summary(
    path: str | os.PathLike,
    summary: pd.DataFrame,
    sheets: list[SheetSpec] | None = None,
    method: Mapping[str, object] | None = None,
    lang: str = "en",
) -> Path:
    """Write by suffix: ``.xlsx`` the workbook of ``sheets``; ``.csv``/``.json`` the summary only."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_workbook(
            path,
            sheets or [],
            method=method,
            method_sheet_name=SHEETS[lang]["method"],
            method_headers=(column_label("item", lang), column_label("value", lang)),
        )
    if suffix == ".csv":
        return write_csv(path, summary)
    if suffix == ".json":
        records = json.loads(summary.to_json(orient="records", force_ascii=False))
        payload = {
            "method": {k: _jsonable(v) for k, v in (method or {}).items()},
            "summary": records,
        }
        return write_json(path, payload)
    raise OutputError(f"{path}: output must end in .xlsx, .csv or .json")


def _jsonable(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def compare_sheets(comparison: GroupComparison, lang: str = "en") -> list[SheetSpec]:
    """Sheets of the wave-comparison workbook: Waves, Wave changes, Findings, Unmatched services."""
    names = SHEETS[lang]
    sheets = [
        _sheet(names["waves"], _with_category_names(comparison.groups, lang), lang),
        _sheet(names["wave_tests"], comparison.tests, lang),
        SheetSpec(
            names["wave_findings"],
            pd.DataFrame(
                {column_label("finding", lang): list(comparison.findings) or [_NO_MIGRATION[lang]]}
            ),
        ),
    ]
    if comparison.unmatched is not None and len(comparison.unmatched):
        sheets.append(_sheet(names["unmatched"], comparison.unmatched, lang))
    return sheets


_NO_MIGRATION = {
    "en": "No service changed category significantly between consecutive waves (BH-adjusted p < 0.05).",
    "zh": "相邻两期之间没有服务的类别发生显著变化(BH校正后 p < 0.05)。",
}


def priority_sheets(
    priorities: pd.DataFrame, unmatched: pd.DataFrame, lang: str = "en"
) -> list[SheetSpec]:
    """Sheets of the priority workbook: the ranked list and the services found in one table only."""
    names = SHEETS[lang]
    frame = priorities.copy()
    frame["category"] = [category_label(c, lang) if c else "" for c in frame["category"]]
    sheets = [_sheet(names["priority"], frame, lang)]
    if len(unmatched):
        sheets.append(_sheet(names["unmatched"], unmatched, lang))
    return sheets
