"""Survey weights (``--weight COLUMN``), read and checked once for both sides.

A weight is a non-negative finite number per respondent (a post-stratification or
design weight). Point estimates weight each respondent's contribution, so that a
weight of 2 gives the same numbers as the respondent's row written twice; the
uncertainty of a weighted estimate uses Kish's (1965) effective sample size
``n_eff = (Σw)² / Σw²`` in place of ``n`` (docs/methods.md, *Survey weights*).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kano.shared.errors import CellProblem, InvalidValueError, OptionError
from kano.shared.records import Note


@dataclass(frozen=True)
class Weights:
    """The weight of each respondent (``values``, float64, in the survey's order), the column
    it came from, and what the user should know (``notes``)."""

    values: np.ndarray
    column: str
    notes: tuple[Note, ...] = ()

    @property
    def total(self) -> float:
        return float(self.values.sum())

    @property
    def effective_n(self) -> float:
        return effective_n(self.values)


def effective_n(weights: np.ndarray) -> float:
    """Kish's effective sample size ``(Σw)² / Σw²`` (``n`` when every weight is equal; 0 when
    every weight is 0). Reference: Kish, L. (1965). *Survey Sampling*, §11.7."""
    w = np.asarray(weights, dtype=float)
    squares = float(np.dot(w, w))
    return float(w.sum()) ** 2 / squares if squares > 0 else 0.0


def read_weights(
    frame: pd.DataFrame,
    column: str,
    *,
    source: str = "the table",
    rows: pd.Series | None = None,
) -> Weights:
    """The weights in ``column`` of ``frame`` (a survey's extra columns).

    Parameters
    ----------
    frame:
        One row per respondent.
    column:
        The weight column, as named in the file.
    source, rows:
        The file (and sheet) and each respondent's spreadsheet row, for messages.

    Raises
    ------
    OptionError
        No such column (the message lists the columns), or every weight is 0.
    InvalidValueError
        A blank, a text, a negative or an infinite weight, naming the cells.
    """
    if column not in frame.columns:
        columns = ", ".join(map(str, frame.columns)) or "(none)"
        raise OptionError(f"{{opt:weight}} {column!r}: no such column; the columns are: {columns}")
    values = frame[column]
    text = values.astype("string").str.strip()
    numbers = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
    finite = np.isfinite(numbers.to_numpy(dtype=float, na_value=np.nan))
    bad = ~finite | (numbers.fillna(-1).to_numpy() < 0)
    if bad.any():
        positions = np.flatnonzero(bad)
        where = rows.to_numpy() if rows is not None else np.arange(len(values)) + 2
        problems = [CellProblem(int(where[p]), column, values.iloc[p]) for p in positions[:10]]
        raise InvalidValueError(
            source, problems, len(positions),
            hint="a weight must be a number of 0 or more for every respondent (a respondent "
            "without a weight has none to give: fill it in, or drop the row)",
        )  # fmt: skip
    w = numbers.to_numpy(dtype=float)
    if not w.sum() > 0:
        raise OptionError(f"{source}: every weight in {column!r} is 0: nothing is left to count")
    zero = int((w == 0).sum())
    notes = (Note("weights_used", {"column": column, "n": len(w), "total": f"{w.sum():.6g}",
                                   "n_eff": f"{effective_n(w):.1f}"}),)  # fmt: skip
    if zero:
        notes += (Note("weights_zero", {"column": column, "n": zero}),)
    return Weights(w, column, notes)
