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

import numpy as np
import pandas as pd

from kano import __version__
from kano.errors import OutputError
from kano.excel import SheetSpec, write_workbook
from kano.io.survey import KanoSurvey
from kano.labels import ANSWER_NAMES, SHEETS, category_label, column_label
from kano.output import atomic_path, safe_csv_text
from kano.stats import SummaryOptions
from kano.tables import CATEGORIES, EvaluationTable

_PERCENT = [f"share_{c}" for c in CATEGORIES] + ["category_strength", "total_strength"]
_DECIMALS = {"better": "0.000", "worse": "0.000", "fong_critical": "0.00", "chi2": "0.00",
             "chi2_p": "0.0000", "importance_mean": "0.00"}  # fmt: skip


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


def localized_summary(summary: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The summary with category names and headers in ``lang``."""
    frame = summary.copy()
    frame["category"] = [category_label(c, lang) if c else "" for c in frame["category"]]
    frame = frame.dropna(axis=1, how="all") if frame["importance_n"].isna().all() else frame
    return frame.rename(columns=lambda c: column_label(c, lang))


def classify_sheets(
    survey: KanoSurvey,
    summary: pd.DataFrame,
    table: EvaluationTable,
    lang: str = "en",
    categories: pd.DataFrame | None = None,
) -> list[SheetSpec]:
    """Sheets of the classify workbook: Summary, Evaluation table, Data quality,
    Answer wordings (when synonyms were used), Columns, Respondents (with ``categories``)."""
    names = SHEETS[lang]
    local = localized_summary(summary, lang)
    sheets = [
        SheetSpec(
            names["summary"],
            local,
            percent=[column_label(c, lang) for c in _PERCENT],
            number_formats={column_label(k, lang): v for k, v in _DECIMALS.items()},
            category_columns=[column_label("category", lang), column_label("fong_category", lang)],
        ),
        SheetSpec(
            names["table"],
            _table_legend(table, lang),
            category_columns=[ANSWER_NAMES[lang][j] for j in range(1, 6)],
            title=f"{table.name}: {table.compact()}",
        ),
    ]
    quality = survey.quality.merge(summary[["service", "n", "share_Q", "share_R"]], on="service")
    quality = quality.rename(columns={"share_Q": "share_Q_quality", "share_R": "share_R_quality"})
    quality = quality[
        [
            "service",
            "n_respondents",
            "n",
            "n_missing",
            "n_invalid",
            "share_Q_quality",
            "share_R_quality",
        ]
    ]
    sheets.append(
        SheetSpec(
            names["quality"],
            quality.rename(columns=lambda c: column_label(c, lang)),
            percent=[column_label("share_Q_quality", lang), column_label("share_R_quality", lang)],
            title="; ".join(survey.notes) or None,
        )
    )
    if len(survey.synonyms):
        wordings = survey.synonyms.copy()
        wordings["code"] = [
            f"{c} {ANSWER_NAMES[lang][c]}" if c else "missing" for c in wordings["code"]
        ]
        sheets.append(
            SheetSpec(names["wordings"], wordings.rename(columns=lambda c: column_label(c, lang)))
        )
    sheets.append(
        SheetSpec(names["columns"], survey.pairing.rename(columns=lambda c: column_label(c, lang)))
    )
    if categories is not None:
        detail = categories.astype(object).where(categories.notna(), "")
        detail = detail.rename_axis(column_label("respondent", lang)).reset_index()
        detail = detail.rename(columns={c: str(c) for c in detail.columns})
        sheets.append(
            SheetSpec(
                names["respondents"], detail, category_columns=[str(s) for s in categories.columns]
            )
        )
    return sheets


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
            path, sheets or [], method=method, method_sheet_name=SHEETS[lang]["method"]
        )
    if suffix == ".csv":
        frame = summary.map(safe_csv_text)
        with atomic_path(path) as tmp:
            frame.to_csv(tmp, index=False, encoding="utf-8-sig")
        return path
    if suffix == ".json":
        records = json.loads(summary.to_json(orient="records", force_ascii=False))
        payload = {
            "method": {k: _jsonable(v) for k, v in (method or {}).items()},
            "summary": records,
        }
        with atomic_path(path) as tmp:
            tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        return path
    raise OutputError(f"{path}: output must end in .xlsx, .csv or .json")


def _jsonable(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
