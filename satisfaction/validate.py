"""Turning survey cells into numbers, with errors that name the cell.

Ratings must be numbers within their scale; anything else raises
:class:`~kano.errors.InvalidValueError` listing the first offending cells by
spreadsheet row and column. Blank cells are allowed and counted per column
(:func:`missing_counts`), never silently dropped.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kano.errors import CellProblem, InvalidValueError, OptionError
from kano.io.files import RawTable

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


def parse_scale_option(text: str | None) -> Scale | None:
    """Parse ``--scale 1-5`` into a :class:`Scale` (``None`` stays ``None``)."""
    if text is None or str(text).strip() == "":
        return None
    from satisfaction.columns import parse_scale

    try:
        low, high = parse_scale(text, "--scale")
    except Exception:
        raise OptionError(f"--scale must look like 1-5 or 0-10, not {text!r}") from None
    return Scale(low, high)


def _cells(table: RawTable, column: str, mask: pd.Series, values: pd.Series) -> list[CellProblem]:
    idx = mask[mask].index[:MAX_SHOWN]
    return [CellProblem(table.row_number(i), column, values.loc[i]) for i in idx]


def to_numeric(table: RawTable, columns: Sequence[str], what: str = "rating") -> pd.DataFrame:
    """Columns of ``table`` as floats; blanks become NaN.

    Numbers written as text (also full-width digits such as ``４``) are accepted.

    Raises
    ------
    InvalidValueError
        A non-blank cell is not a number.
    """
    out = {}
    problems: list[CellProblem] = []
    total = 0
    for col in columns:
        s = table.frame[col]
        if pd.api.types.is_bool_dtype(s) or pd.api.types.is_numeric_dtype(s):
            num = s.astype(float)
        else:
            text = (
                s.astype("string")
                .str.strip()
                .map(
                    lambda v: unicodedata.normalize("NFKC", v) if isinstance(v, str) else v,
                    na_action="ignore",
                )
            )
            text = text.mask(text == "")
            num = pd.to_numeric(text, errors="coerce").astype(float)
            bad = text.notna() & num.isna()
            if bad.any():
                total += int(bad.sum())
                problems.extend(_cells(table, col, bad, s))
        infinite = pd.Series(np.isinf(num.to_numpy(dtype=float)), index=num.index)
        if infinite.any():  # 'inf' parses as a number but is no rating
            total += int(infinite.sum())
            problems.extend(_cells(table, col, infinite, s))
        out[col] = num
    if total:
        raise InvalidValueError(
            table.source,
            problems[:MAX_SHOWN],
            total,
            hint=f"Each {what} must be a number (or left blank).",
        )
    return pd.DataFrame(out, index=table.frame.index)


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


def infer_scale(values: Iterable[float], declared: Scale | None = None) -> tuple[Scale, str | None]:
    """The rating scale of ``values``: ``declared``, or the narrowest usual Likert range.

    Returns the scale and a warning when the choice is ambiguous (the data do
    not reach both ends of the chosen range, or 1-10 could also be 0-10).

    Raises
    ------
    OptionError
        No usual range (1-5, 1-7, 1-10, 0-10) holds the data; declare it with --scale.
    """
    if declared is not None:
        return declared, None
    arr = np.asarray(list(values) if not isinstance(values, np.ndarray) else values, dtype=float)
    arr = arr[~np.isnan(arr)]
    if arr.size == 0:
        return Scale(*CANDIDATE_SCALES[0]), "no ratings to infer the scale from; assumed 1-5"
    lo, hi = float(arr.min()), float(arr.max())
    for low, high in CANDIDATE_SCALES:
        if low <= lo and hi <= high:
            scale = Scale(low, high)
            if lo != low or hi != high or (low, high) == (1.0, 10.0):
                return scale, (
                    f"scale inferred as {scale} from answers between {lo:g} and {hi:g}; "
                    "declare it with --scale if that is wrong"
                )
            return scale, None
    raise OptionError(
        f"ratings run from {lo:g} to {hi:g}, outside the usual 1-5, 1-7, 1-10, 0-10 scales; "
        "declare the scale with --scale LOW-HIGH"
    )


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
) -> tuple[pd.DataFrame, dict[str, Scale], list[str]]:
    """Numeric ratings of ``columns`` on one scale (declared, per column, or inferred jointly).

    Returns the values, the scale of each column and warnings (ambiguous inference).
    """
    values = to_numeric(table, columns, what)
    per_column = per_column or {}
    free = [c for c in columns if c not in per_column]
    notes: list[str] = []
    scales: dict[str, Scale] = {c: Scale(*per_column[c]) for c in columns if c in per_column}
    if free:
        scale, note = infer_scale(values[free].to_numpy().ravel(), declared)
        if note:
            notes.append(f"{', '.join(free[:4])}{' ...' if len(free) > 4 else ''}: {note}")
        scales.update({c: scale for c in free})
    check_range(table, values, scales, what)
    return values, scales, notes


def missing_counts(values: pd.DataFrame) -> pd.DataFrame:
    """Per column: ``column, n, n_missing`` (available cases and blanks)."""
    return pd.DataFrame(
        {
            "column": values.columns,
            "n": values.notna().sum().to_numpy(),
            "n_missing": values.isna().sum().to_numpy(),
        }
    )
