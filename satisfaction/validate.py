"""Turning survey cells into numbers, with errors that name the cell.

Ratings are read by the one rating parser (:mod:`kano.shared.ratings`): numbers,
numbered labels (``4 - Satisfied``) and standard label sets, within their
scale; anything else raises :class:`~kano.shared.errors.InvalidValueError` (or its
:class:`~kano.shared.errors.UnknownLabelError`) naming the cells by spreadsheet row
and column. Blank cells are allowed and counted per column
(:func:`missing_counts`), never silently dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kano.shared.errors import CellProblem, InvalidValueError, OptionError, ScaleError
from kano.shared.files import RawTable
from kano.shared.ratings import LabelMap, parse_ratings
from kano.shared.records import Note
from satisfaction.notes import note

MAX_SHOWN = 5

#: Likert ranges tried, in order, when a scale is not declared.
CANDIDATE_SCALES = ((1.0, 5.0), (1.0, 7.0), (1.0, 10.0), (0.0, 10.0))

_TRUE = {"1", "yes", "y", "true", "是", "有", "已续约", "续约", "renewed"}
_FALSE = {"0", "no", "n", "false", "否", "无", "没有", "未续约", "not renewed"}


@dataclass(frozen=True)
class Scale:
    """A rating scale from ``low`` to ``high``."""

    low: float
    high: float

    @property
    def midpoint(self) -> float:
        return (self.low + self.high) / 2

    @property
    def width(self) -> float:
        return self.high - self.low

    def to_pct(self, x):
        """Map ratings onto 0-100: ``100 (x - low) / (high - low)``."""
        return 100.0 * (np.asarray(x, dtype=float) - self.low) / self.width

    def __str__(self) -> str:
        return f"{self.low:g}-{self.high:g}"


def as_scale(value: Scale | str | tuple[float, float] | None) -> Scale | None:
    """A declared rating scale: a :class:`Scale`, ``(low, high)`` or text like ``1-5``.

    ``None`` or blank text stays ``None`` (the scale is then found from the data).

    Raises
    ------
    OptionError
        Text that is not LOW-HIGH with LOW < HIGH.
    """
    if isinstance(value, Scale) or value is None:
        return value
    if isinstance(value, tuple):
        return Scale(float(value[0]), float(value[1]))
    if str(value).strip() == "":
        return None
    from satisfaction.columns import parse_scale

    try:
        low, high = parse_scale(value, "scale")
    except Exception:
        raise OptionError(f"{{opt:scale}} must look like 1-5 or 0-10, not {value!r}") from None
    return Scale(low, high)


def _cells(table: RawTable, column: str, mask: pd.Series, values: pd.Series) -> list[CellProblem]:
    idx = mask[mask].index[:MAX_SHOWN]
    return [CellProblem(table.row_number(i), column, values.loc[i]) for i in idx]


def to_numeric(table: RawTable, columns: Sequence[str], what: str = "rating") -> pd.DataFrame:
    """Columns of ``table`` that hold plain numbers (tenure, spend ...) as floats.

    Read by the one rating parser with numbers only: numbers written as text
    (also full-width digits such as ``４``) are accepted; blanks and skip markers
    (``(跳过)``) become NaN. Ratings, which may hold labels, go through :func:`ratings`.

    Raises
    ------
    InvalidValueError
        A non-blank cell is not a finite number.
    """
    return parse_ratings(
        table.frame[list(columns)], table=table, numbers_only=True, what=what
    ).values


def to_binary(table: RawTable, columns: Sequence[str], what: str = "yes/no answer") -> pd.DataFrame:
    """Yes/no columns (1/0, yes/no, 是/否, true/false) as 1.0/0.0; blanks NaN.

    Raises
    ------
    InvalidValueError
        A cell is neither a yes nor a no.
    """
    out = {}
    problems: list[CellProblem] = []
    total = 0
    for col in columns:
        s = table.frame[col]
        key = s.astype("string").str.strip().str.lower()
        key = key.str.replace(r"\.0+$", "", regex=True)
        num = pd.Series(np.nan, index=s.index)
        num[key.isin(_TRUE).fillna(False).astype(bool)] = 1.0
        num[key.isin(_FALSE).fillna(False).astype(bool)] = 0.0
        bad = key.notna() & (key != "") & num.isna()
        if bad.any():
            total += int(bad.sum())
            problems.extend(_cells(table, col, bad, s))
        out[col] = num
    if total:
        raise InvalidValueError(
            table.source,
            problems[:MAX_SHOWN],
            total,
            hint=f"Each {what} must be yes/no, 1/0 or 是/否.",
        )
    return pd.DataFrame(out, index=table.frame.index)


def infer_scale(
    values: Iterable[float] | pd.DataFrame,
    declared: Scale | None = None,
    *,
    table: RawTable | None = None,
) -> tuple[Scale, Note | None]:
    """The rating scale of ``values``: ``declared``, or the narrowest usual Likert range.

    Parameters
    ----------
    values:
        The ratings; a DataFrame of columns of ``table`` lets the error name the
        source, the columns and the extreme cells.
    declared:
        A declared scale, returned as it is.
    table:
        Where a DataFrame of ``values`` comes from.

    Returns the scale and a note when the choice is ambiguous (the data do
    not reach both ends of the chosen range, or 1-10 could also be 0-10).

    Raises
    ------
    ScaleError
        No usual range (1-5, 1-7, 1-10, 0-10) holds the data; declare the scale.
        (An :class:`InvalidValueError` and an :class:`OptionError`.)
    """
    if declared is not None:
        return declared, None
    frame = values if isinstance(values, pd.DataFrame) else None
    if frame is not None:
        arr = frame.to_numpy(dtype=float).ravel()
    else:
        arr = np.asarray(
            list(values) if not isinstance(values, np.ndarray) else values, dtype=float
        )
    arr = arr[~np.isnan(arr)]
    columns = _shown_columns(frame.columns) if frame is not None else None
    if arr.size == 0:
        scale = Scale(*CANDIDATE_SCALES[0])
        return scale, note("scale_assumed", scale=str(scale))
    lo, hi = float(arr.min()), float(arr.max())
    for low, high in CANDIDATE_SCALES:
        if low <= lo and hi <= high:
            scale = Scale(low, high)
            if lo != low or hi != high or (low, high) == (1.0, 10.0):
                found = {"scale": str(scale), "low": f"{lo:g}", "high": f"{hi:g}"}
                if columns is None:
                    return scale, note("scale_inferred", **found)
                return scale, note("scale_inferred_in", columns=columns, **found)
            return scale, None
    usual = (
        "outside the usual 1-5, 1-7, 1-10, 0-10 scales; declare the scale with {opt:scale} LOW-HIGH"
    )
    if frame is None:
        raise ScaleError(None, f"ratings run from {lo:g} to {hi:g}, {usual}")
    table = table if table is not None else RawTable(frame=frame, source="DataFrame")
    # the offending ends: above the highest usual end (10), below the lowest (0)
    cells = _extreme_cells(table, frame, hi > CANDIDATE_SCALES[-1][1], lo < CANDIDATE_SCALES[-1][0])
    names = ", ".join(repr(c) for c in frame.columns)
    shown = "; ".join(c.describe() for c in cells)
    raise ScaleError(
        table.source, f"ratings of {names} run from {lo:g} to {hi:g} ({shown}), {usual}", cells
    )


def _shown_columns(columns) -> str:
    """The first four column names, then an ellipsis (for a note)."""
    names = [str(c) for c in columns]
    return ", ".join(names[:4]) + (" ..." if len(names) > 4 else "")


def _extreme_cells(
    table: RawTable, frame: pd.DataFrame, high: bool, low: bool
) -> list[CellProblem]:
    """The first cell (spreadsheet order) holding the largest (``high``) and the smallest
    (``low``) value; ``frame`` is indexed and named like ``table.frame``."""
    arr = frame.to_numpy(dtype=float)
    cells = []
    for wanted, pick in ((high, np.nanargmax), (low, np.nanargmin)):
        if wanted:
            i, j = np.unravel_index(pick(arr), arr.shape)  # row-major: the first row wins
            label, col = frame.index[i], frame.columns[j]
            cells.append(CellProblem(table.row_number(label), col, table.frame.at[label, col]))
    return cells


def check_range(
    table: RawTable, values: pd.DataFrame, scales: Mapping[str, Scale], what: str = "rating"
) -> None:
    """Raise :class:`InvalidValueError` naming cells outside their column's scale."""
    problems: list[CellProblem] = []
    total = 0
    for col, scale in scales.items():
        v = values[col]
        bad = v.notna() & ((v < scale.low) | (v > scale.high))
        if bad.any():
            total += int(bad.sum())
            problems.extend(_cells(table, col, bad, table.frame[col]))
    if total:
        ranges = sorted({str(s) for s in scales.values()})
        raise InvalidValueError(
            table.source,
            problems[:MAX_SHOWN],
            total,
            hint=f"Each {what} must lie on its scale ({', '.join(ranges)}).",
        )


def ratings(
    table: RawTable,
    columns: Sequence[str],
    declared: Scale | None = None,
    per_column: Mapping[str, tuple[float, float]] | None = None,
    what: str = "rating",
    *,
    labels: LabelMap | None = None,
) -> tuple[pd.DataFrame, dict[str, Scale], list[Note]]:
    """Numeric ratings of ``columns`` on one scale (declared, per column, from labels, or inferred).

    Cells are read by the one rating parser (:func:`kano.shared.ratings.parse_ratings`):
    numbers, leading numbers with a label (``4 - Very satisfied``) and the labels
    of a built-in or the user's (``labels``) label set. The columns without a
    per-column scale are read together: one label set, one scale. A scale found
    from labels is used (and checked against ``declared``); otherwise the scale
    is ``declared`` or inferred (:func:`infer_scale`).

    Returns the values, the scale of each column and notes (ambiguous inference
    or label set; :class:`~kano.shared.records.Note` records).

    Raises
    ------
    UnknownLabelError, ScaleError, InvalidValueError
    """
    per_column = per_column or {}
    free = [c for c in columns if c not in per_column]
    groups = [(free, declared)] if free else []
    groups += [([c], Scale(*per_column[c])) for c in columns if c in per_column]
    parts: list[pd.DataFrame] = []
    scales: dict[str, Scale] = {}
    notes: list[Note] = []
    for cols, given in groups:
        parsed = parse_ratings(
            table.frame[cols],
            table=table,
            scale=(given.low, given.high) if given else None,
            labels=labels,
            what=what,
        )
        notes += parsed.notes
        if parsed.scale is not None:
            scale = Scale(*parsed.scale)
        else:
            scale, inferred = infer_scale(parsed.values, given, table=table)
            if inferred:
                notes.append(inferred)
        scales.update({c: scale for c in cols})
        parts.append(parsed.values)
    values = (
        pd.concat(parts, axis=1)[list(columns)] if parts else pd.DataFrame(index=table.frame.index)
    )
    check_range(table, values, scales, what)
    return values, scales, notes


def check_nonnegative(table: RawTable, values: pd.Series, column: str, what: str) -> None:
    """Raise :class:`InvalidValueError` naming the cells of ``column`` below 0.

    ``what`` says what the column holds, e.g. ``"Tenure (months)"``.
    """
    bad = values < 0
    if bad.any():
        cells = [
            CellProblem(table.row_number(i), column, table.frame.at[i, column])
            for i in bad[bad].index[:5]
        ]
        raise InvalidValueError(
            table.source,
            cells,
            int(bad.sum()),
            hint=f"{what} cannot be negative: correct the cell or leave it blank.",
        )


def missing_counts(values: pd.DataFrame) -> pd.DataFrame:
    """Per column: ``column, n, n_missing`` (available cases and blanks)."""
    return pd.DataFrame(
        {
            "column": values.columns,
            "n": values.notna().sum().to_numpy(),
            "n_missing": values.isna().sum().to_numpy(),
        }
    )


def frame_columns(
    frame: pd.DataFrame,
    columns: Sequence[str],
    *,
    what: str = "rating",
    scale: Scale | None = None,
    numbers_only: bool = False,
) -> tuple[pd.DataFrame, Scale | None]:
    """Columns of a user's DataFrame read like a survey's: the values and their scale.

    Ratings (one scale for all ``columns``: ``scale``, from labels, or inferred)
    or, with ``numbers_only``, plain numbers (scale ``None``). Bad cells are
    named by row (a spreadsheet's numbering: the header is row 1) and column.

    Raises
    ------
    OptionError
        A column that is not in ``frame``.
    InvalidValueError, ScaleError, UnknownLabelError
    """
    from kano.shared.files import read_table

    absent = [c for c in columns if c not in frame.columns]
    if absent:
        raise OptionError(
            f"{', '.join(map(repr, absent))}: not a column of the DataFrame; the columns are: "
            f"{', '.join(map(str, frame.columns))}"
        )
    table = read_table(frame[list(dict.fromkeys(columns))])
    if numbers_only:
        values, found = to_numeric(table, list(table.frame.columns), what), None
    else:
        values, scales, _ = ratings(table, list(table.frame.columns), scale, what=what)
        found = scales[table.frame.columns[0]]
    return values.set_axis(frame.index), found
