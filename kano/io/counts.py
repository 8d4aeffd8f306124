"""Published Kano results as a counts table: one row per service, A O M I R Q per column.

Tables in papers and reports name their columns in many ways: ``A``,
``Attractive``, ``魅力``, ``魅力属性``, ``A(魅力)``, ``期望型(O)`` …, and the
service column ``variable``, ``功能``, ``需求`` or nothing at all. They also often
give percentages instead of counts. :func:`counts_table` finds the columns and
returns plain counts; :func:`kano.stats.summarize_counts` then computes the
statistics.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kano.shared.errors import CellProblem, InvalidValueError, OptionError
from kano.shared.files import RawTable
from kano.shared.records import Note
from kano.shared.text import fold
from kano.tables import CATEGORIES

# Names of the six categories in English and Chinese (domain.md), after normalisation.
_NAMES = {
    "A": ("a", "attractive", "attractive quality", "delighter", "excitement", "魅力", "兴奋",
          "惊喜", "魅力质量"),
    "O": ("o", "one-dimensional", "one dimensional", "onedimensional", "performance", "期望",
          "一维", "一元", "线性"),
    "M": ("m", "must-be", "must be", "mustbe", "basic", "必备", "基本", "理所当然"),
    "I": ("i", "indifferent", "无差异", "无关", "无差别", "无所谓"),
    "R": ("r", "reverse", "反向", "相反", "逆向"),
    "Q": ("q", "questionable", "可疑", "疑惑", "有疑问"),
}  # fmt: skip
_NAME_TO_CAT = {name: cat for cat, names in _NAMES.items() for name in names}
_SUFFIXES = (
    "属性",
    "需求",
    "质量",
    "因素",
    "类",
    "型",
    "(%)",
    "%",
    "（%）",
    "percent",
    "share",
    "count",
)
_N_NAMES = {"n", "total", "count", "样本量", "样本数", "有效样本", "有效样本量", "总数", "合计",
            "人数", "频数", "总计", "sample size", "respondents"}  # fmt: skip
_TOTAL_ROWS = {"total", "sum", "合计", "总计", "总和", "汇总"}


@dataclass(frozen=True)
class CountsTable:
    """Counts read from a table: ``counts`` (``service, A, O, M, I, R, Q``) and what was done."""

    counts: pd.DataFrame
    notes: tuple[Note, ...] = ()


def category_of(header: str) -> str | None:
    """The category a column header names (``A``, ``魅力属性``, ``A(魅力)``, ``Attractive %``)."""
    text = fold(header)
    for suffix in _SUFFIXES:
        text = text.replace(suffix, " ")
    parts = [p for p in re.split(r"[\s()\[\]（）【】/:：,，\-_]+", text) if p]
    found = {_NAME_TO_CAT.get(p) for p in parts} | {_NAME_TO_CAT.get("".join(parts))}
    found.discard(None)
    if len(found) == 1:
        return found.pop()
    return None


def counts_table(table: RawTable) -> CountsTable:
    """The counts of a published table, whatever its headers.

    The service column is the table's text column (the first whose cells are not
    numbers). Category columns are found by name (:func:`category_of`). A table
    of percentages (every row sums to 100, or to 1) needs an ``n`` column (样本量,
    total …) to recover the counts, ``round(share × n)``; without one it is refused.

    Raises
    ------
    OptionError
        No service column, a category missing or named twice, percentages without n.
    InvalidValueError
        A count that is not a whole number from 0 to 10^12, or an n that does not
        match the counts, naming the cell.
    """
    frame = table.frame
    columns = [str(c) for c in frame.columns]
    cats: dict[str, str] = {}
    for col in columns:
        cat = category_of(col)
        if cat is None:
            continue
        if cat in cats:
            raise OptionError(
                f"{table.source}: the columns {cats[cat]!r} and {col!r} both look like the "
                f"{cat} counts; keep one"
            )
        cats[cat] = col
    missing = [c for c in CATEGORIES if c not in cats]
    if missing:
        raise OptionError(
            f"{table.source}: no column for {', '.join(missing)}; a counts table needs one text "
            f"column (the services) and the counts A, O, M, I, R, Q (or 魅力, 期望, 必备, 无差异, "
            f"反向, 可疑); the columns are: {', '.join(map(repr, columns))}"
        )
    n_col = next((c for c in columns if fold(c) in _N_NAMES and c not in cats.values()), None)
    service = _service_column(frame, [c for c in columns if c not in cats.values() and c != n_col])
    if service is None:
        raise OptionError(
            f"{table.source}: no column names the services (every column holds numbers); add "
            "one with the service names"
        )
    numbers = {cat: _numbers(table, col) for cat, col in cats.items()}
    values = np.column_stack([numbers[c] for c in CATEGORIES])
    notes: list[Note] = []
    names = frame[service].astype(str).str.strip()
    totals = np.isin(names.str.casefold().to_numpy(), list(_TOTAL_ROWS))
    n = _numbers(table, n_col) if n_col else None
    if totals.any():
        rest = values[~totals].sum(axis=0)
        for pos in np.flatnonzero(totals):
            if not np.allclose(values[pos], rest, rtol=1e-3, atol=0.5):
                raise InvalidValueError(
                    table.source,
                    [CellProblem(table.row_number(frame.index[pos]), service, names.iloc[pos])],
                    1,
                    hint="a total row must hold the sums of the other rows; remove it",
                )
        notes.append(Note("counts_total_row", {"name": names[totals].iloc[0]}))
        keep = ~totals
        values, names = values[keep], names[keep]
        n = n[keep] if n is not None else None
        index = frame.index[keep]
    else:
        index = frame.index
    sums = values.sum(axis=1)
    fractional = ~np.isclose(values, np.round(values)).all()
    is_share = len(values) > 0 and (
        fractional
        and (np.allclose(sums, 100, atol=1.5) or np.allclose(sums, 1, atol=0.015))
        or any("%" in cats[c] for c in CATEGORIES)
    )
    if is_share:
        if n is None:
            raise OptionError(
                f"{table.source}: the cells look like percentages (each row sums to "
                f"{'100' if sums.mean() > 2 else '1'}); add a column n with each service's number "
                "of classified answers (样本量) so that counts can be recovered, or give counts"
            )
        scale = 100.0 if sums.mean() > 2 else 1.0
        values = np.round(values / scale * n[:, None])
        notes.append(Note("counts_from_percentages", {"column": n_col}))
    bad = (values < 0) | (values % 1 != 0) | (values > 1e12) | ~np.isfinite(values)
    if bad.any():
        problems = []
        for i, j in zip(*np.nonzero(bad), strict=True):
            col = cats[CATEGORIES[j]]
            problems.append(CellProblem(table.row_number(index[i]), col, frame.at[index[i], col]))
        raise InvalidValueError(
            table.source, problems[:20], int(bad.sum()),
            "counts must be whole numbers from 0 to 10^12",
        )  # fmt: skip
    if n is not None and not is_share:
        off = np.flatnonzero(np.abs(values.sum(axis=1) - n) > 0.5)
        if len(off):
            pos = off[0]
            raise InvalidValueError(
                table.source,
                [CellProblem(table.row_number(index[pos]), n_col, frame.at[index[pos], n_col])],
                len(off),
                hint=f"{n_col!r} must equal A+O+M+I+R+Q of its row ({int(values[pos].sum())} here)",
            )
    counts = pd.DataFrame(values.astype(np.int64), columns=list(CATEGORIES))
    counts.insert(0, "service", names.to_numpy())
    if service != "service":
        notes.insert(0, Note("counts_service_column", {"column": service}))
    return CountsTable(counts=counts, notes=tuple(notes))


def _service_column(frame: pd.DataFrame, candidates: list[str]) -> str | None:
    """The first text column that is not a column of category letters ("属性归属": A, M …)."""
    for col in candidates:
        values = frame[col].dropna().astype(str).str.strip()
        if not len(values) or pd.to_numeric(values, errors="coerce").notna().mean() >= 0.5:
            continue
        named = values.map(lambda v: category_of(v.split(" ")[0]) is not None)
        if named.mean() < 0.5:
            return col
    return None


def _numbers(table: RawTable, column: str) -> np.ndarray:
    raw = table.frame[column]
    text = raw.astype(str).str.replace("%", "", regex=False).str.replace(",", "", regex=False)
    numbers = pd.to_numeric(text.str.strip(), errors="coerce")
    bad = numbers.isna()
    if bad.any():
        positions = np.flatnonzero(bad.to_numpy())
        raise InvalidValueError(
            table.source,
            [
                CellProblem(table.row_number(raw.index[p]), column, raw.iloc[p])
                for p in positions[:20]
            ],
            len(positions),
            "a counts table holds numbers in its category and n columns",
        )
    return numbers.to_numpy(dtype=float)
