"""The one workbook writer shared by every command.

Frozen header row, column widths that fit (CJK characters count double), number
and percent formats, fills by Kano category, and a Method sheet. Strings are
always written as text: XlsxWriter's ``strings_to_formulas`` is switched off, so
a user's ``=HYPERLINK(...)`` answer or service name stays a string in Excel.
The file is written atomically (see :mod:`kano.shared.output`).
"""

from __future__ import annotations

import datetime as _dt
import math
import os
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from kano.shared.output import atomic_path
from kano.shared.style import CATEGORY_COLORS, CATEGORY_FILLS

_MAX_SHEET_NAME = 31
_BAD_SHEET_CHARS = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class ChartSpec:
    """A native Excel chart drawn from columns of its sheet's table.

    ``kind``: ``stacked_percent_bar`` (one series per ``value_columns`` entry,
    bars labelled by ``label_column``) or ``scatter`` (``value_columns`` = x, y;
    points labelled by ``label_column`` and coloured by the Kano letter that
    starts ``color_column``).
    """

    kind: str
    title: str
    label_column: str
    value_columns: Sequence[str]
    color_column: str | None = None
    x_title: str = ""
    y_title: str = ""
    axis_max: float | None = None


@dataclass(frozen=True)
class SheetSpec:
    """A DataFrame to write as one sheet.

    ``percent`` columns get a 0.0% format, ``number_formats`` maps other columns
    to Excel formats (e.g. ``"0.000"``); cells of ``category_columns`` whose text
    starts with a Kano letter are filled with that category's colour. ``charts``
    are native Excel charts drawn from the table; ``images`` are PNG files
    placed beside it (for charts Excel cannot draw).
    """

    name: str
    frame: pd.DataFrame
    percent: Sequence[str] = ()
    number_formats: Mapping[str, str] = field(default_factory=dict)
    category_columns: Sequence[str] = ()
    index: bool = False
    title: str | None = None
    charts: Sequence[ChartSpec] = ()
    images: Sequence[Path] = ()


def sheet_title(name: str) -> str:
    """A legal, at most 31-character Excel sheet name made from ``name``."""
    text = str(name).translate(_BAD_SHEET_CHARS).strip("'") or "Sheet"
    return text[:_MAX_SHEET_NAME]


def write_workbook(
    path: str | os.PathLike,
    sheets: Sequence[SheetSpec],
    method: Mapping[str, object] | pd.DataFrame | None = None,
    method_sheet_name: str = "Method",
    method_headers: tuple[str, str] = ("item", "value"),
) -> Path:
    """Write ``sheets`` (and a Method sheet from ``method``) atomically to ``path``.

    ``method`` is ``item -> value``, or the Method sheet as a table already in
    words (:func:`kano.shared.provenance.method_rows`), written as it is.
    """
    path = Path(path)
    with atomic_path(path) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "nan_inf_to_errors": False,
            },
        )
        formats = _Formats(book)
        used: set[str] = set()
        for spec in sheets:
            _write_sheet(book, formats, spec, _unique_name(spec.name, used))
        frame = _method_frame(method, method_headers)
        if frame is not None:
            _write_sheet(
                book,
                formats,
                SheetSpec(method_sheet_name, frame),
                _unique_name(method_sheet_name, used),
            )
        book.close()
    return path


def _method_frame(
    method: Mapping[str, object] | pd.DataFrame | None, headers: tuple[str, str]
) -> pd.DataFrame | None:
    if isinstance(method, pd.DataFrame):
        return method.map(_method_value)
    if not method:
        return None
    return pd.DataFrame(
        {headers[0]: list(method.keys()), headers[1]: [_method_value(v) for v in method.values()]}
    )


def _method_value(value: object) -> object:
    if isinstance(value, float | int | str) or value is None:
        return value
    if isinstance(value, _dt.datetime):
        return value.isoformat(timespec="seconds")
    return str(value)


def _unique_name(name: str, used: set[str]) -> str:
    base = sheet_title(name)
    candidate, k = base, 2
    while candidate.lower() in used:
        suffix = f" ({k})"
        candidate = base[: _MAX_SHEET_NAME - len(suffix)] + suffix
        k += 1
    used.add(candidate.lower())
    return candidate


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook):
        self.book = book
        self.header = book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "bottom": 1, "bg_color": "#F2F2F2"}
        )
        self.title = book.add_format({"bold": True, "font_size": 12})
        self._cache: dict[tuple, object] = {}

    def get(self, num_format: str | None = None, fill: str | None = None):
        key = (num_format, fill)
        if key not in self._cache:
            props = {}
            if num_format:
                props["num_format"] = num_format
            if fill:
                props["bg_color"] = fill
            self._cache[key] = self.book.add_format(props) if props else None
        return self._cache[key]


def _write_sheet(book, formats: _Formats, spec: SheetSpec, name: str) -> None:
    frame = spec.frame.reset_index() if spec.index else spec.frame
    ws = book.add_worksheet(name)
    top = 0
    if spec.title:
        ws.write_string(0, 0, spec.title, formats.title)
        top = 2
    columns = [str(c) for c in frame.columns]
    for j, col in enumerate(columns):
        ws.write_string(top, j, col, formats.header)
    ws.freeze_panes(top + 1, 0)
    widths = [_display_width(c) for c in columns]
    for j, col in enumerate(frame.columns):
        name_j = str(col)
        num_format = "0.0%" if name_j in spec.percent else spec.number_formats.get(name_j)
        fill_by_category = name_j in spec.category_columns
        values = frame[col].tolist()
        for i, value in enumerate(values, start=top + 1):
            fill = None
            if fill_by_category and isinstance(value, str) and value[:1] in CATEGORY_FILLS:
                fill = CATEGORY_FILLS[value[:1]]
            fmt = formats.get(num_format, fill)
            _write_cell(ws, i, j, value, fmt)
            if i - top <= 200:  # widths from the first rows are enough and keep big sheets fast
                widths[j] = max(widths[j], _display_width(_shown(value, num_format)))
    for j, width in enumerate(widths):
        ws.set_column(j, j, min(max(width + 2, 6), 60))
    if len(frame):
        ws.autofilter(top, 0, top + len(frame), max(len(columns) - 1, 0))
    for k, chart in enumerate(spec.charts):
        _insert_chart(book, ws, name, frame, columns, top, chart, row=top + 1 + 22 * k)
    for k, image in enumerate(spec.images):  # charts that Excel cannot draw natively
        ws.insert_image(
            top + 1 + 34 * k, len(columns) + 1, str(image), {"x_scale": 0.6, "y_scale": 0.6}
        )


def _insert_chart(
    book, ws, sheet: str, frame, columns, top: int, spec: ChartSpec, row: int
) -> None:
    first, last = top + 1, top + len(frame)
    col = {c: j for j, c in enumerate(columns)}
    quoted = "'" + sheet.replace("'", "''") + "'"
    label = col[spec.label_column]
    if spec.kind == "stacked_percent_bar":
        chart = book.add_chart({"type": "bar", "subtype": "percent_stacked"})
        for name in spec.value_columns:
            j = col[name]
            chart.add_series(
                {
                    "name": [sheet, top, j],
                    "categories": [sheet, first, label, last, label],
                    "values": [sheet, first, j, last, j],
                    "fill": {"color": CATEGORY_COLORS.get(name[:1], "#777777")},
                    "gap": 60,
                }
            )
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"position": "bottom"})
    elif spec.kind == "scatter":
        chart = book.add_chart({"type": "scatter"})
        x, y = (col[c] for c in spec.value_columns)
        keys = (
            [str(v)[:1] for v in frame[spec.color_column]]
            if spec.color_column
            else [""] * len(frame)
        )
        # one series per run of rows with the same category: its colour and its legend entry
        start = 0
        while start < len(keys):
            stop = start
            while stop + 1 < len(keys) and keys[stop + 1] == keys[start]:
                stop += 1
            r0, r1 = first + start, first + stop
            color = CATEGORY_COLORS.get(keys[start], "#0072B2")
            chart.add_series(
                {
                    "name": str(frame[spec.color_column].iloc[start]) if spec.color_column else "",
                    "categories": [sheet, r0, x, r1, x],
                    "values": [sheet, r0, y, r1, y],
                    "marker": {
                        "type": "circle",
                        "size": 8,
                        "fill": {"color": color},
                        "border": {"color": "#000000"},
                    },  # fmt: skip
                    # labels point at the label cells: a name like "=cmd" stays text
                    "data_labels": {
                        "custom": [
                            {"value": f"={quoted}!{xl_rowcol_to_cell(r, label, True, True)}"}
                            for r in range(r0, r1 + 1)
                        ],
                        "position": "right",
                        "font": {"size": 8},
                    },
                }
            )
            start = stop + 1
        axis = {}
        if spec.axis_max is not None:  # gridlines at half the range split the quadrants
            axis = {"min": 0, "max": spec.axis_max, "major_unit": spec.axis_max / 2,
                    "major_gridlines": {"visible": True, "line": {"color": "#808080"}}}  # fmt: skip
        chart.set_x_axis({"name": spec.x_title, **axis})
        chart.set_y_axis({"name": spec.y_title, **axis})
        chart.set_legend({"position": "bottom"})
    else:
        raise ValueError(f"unknown chart kind {spec.kind!r}")
    chart.set_title({"name": spec.title})
    chart.set_size({"width": 640, "height": 400})
    ws.insert_chart(row, len(columns) + 1, chart)


def _write_cell(ws, row: int, col: int, value: object, fmt) -> None:
    if value is None or value is pd.NA or value is pd.NaT or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool | np.bool_):
        ws.write_boolean(row, col, bool(value), fmt)
    elif isinstance(value, int | np.integer):
        ws.write_number(row, col, int(value), fmt)
    elif isinstance(value, float | np.floating):
        if math.isnan(value):
            ws.write_blank(row, col, None, fmt)
        elif math.isinf(value):
            ws.write_string(row, col, "inf" if value > 0 else "-inf", fmt)
        else:
            ws.write_number(row, col, float(value), fmt)
    else:
        # write_string, not write(): user text is never a formula, URL or number
        ws.write_string(row, col, str(value), fmt)


def _shown(value: object, num_format: str | None) -> str:
    if isinstance(value, float | np.floating) and not math.isnan(value):
        if num_format == "0.0%":
            return f"{value:.1%}"
        return f"{value:.3f}"
    return "" if value is None else str(value)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text)[:80])
