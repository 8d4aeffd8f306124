"""Kano evaluation tables: functional answer (rows) × dysfunctional answer (columns) → category.

Categories are coded as small integers in the summary matrix's reading order
A=0, O=1, M=2, I=3, R=4, Q=5; -1 means no category (blank pair).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kano.shared.errors import InputFileError, MappingFileError, OptionError
from kano.shared.files import column_letter, read_grid

CATEGORIES = ("A", "O", "M", "I", "R", "Q")
_CODE = {c: k for k, c in enumerate(CATEGORIES)}

_TABLES = {
    # The table of source document 000 (docs/methods.md, Source documents), identical to Berger et al. (1993), Fig. 4.
    "standard": ("QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"),
    # Stricter variant: answering "expect" or "live with" to both questions is contradictory.
    "modified": ("QAAAO", "RQIIM", "RIIIM", "RIIQM", "RRRRQ"),
}
_ALIASES = {"kano": "standard", "default": "standard", "source": "standard", "berger": "standard"}


@dataclass(frozen=True)
class EvaluationTable:
    """A 5×5 evaluation table.

    ``rows[i][j]`` is the category for functional answer ``i+1`` and
    dysfunctional answer ``j+1``; ``name`` is recorded in every output.
    """

    name: str
    rows: tuple[str, str, str, str, str]

    @property
    def lookup(self) -> np.ndarray:
        """int8 array of 36 entries indexed by ``functional*6 + dysfunctional`` (0 = blank)."""
        lut = np.full(36, -1, dtype=np.int8)
        for i, row in enumerate(self.rows, start=1):
            for j, letter in enumerate(row, start=1):
                lut[i * 6 + j] = _CODE[letter]
        return lut

    def as_frame(self) -> pd.DataFrame:
        """The table as a 5×5 DataFrame of letters, answers 1-5 on both axes."""
        return pd.DataFrame(
            [list(r) for r in self.rows], index=range(1, 6), columns=range(1, 6)
        ).rename_axis(index="functional", columns="dysfunctional")

    def compact(self) -> str:
        return "/".join(self.rows)


_ANSWERS = ("like", "must-be", "neutral", "live-with", "dislike")


def _grid_rows(frame: pd.DataFrame, path: Path) -> tuple[str, ...]:
    """The five rows of letters of a 5×5 table file, which may carry a header row (the
    dysfunctional answers) and a label column (the functional ones); a cell that is no
    category letter is an error naming it by its row, its column and their labels.

    Raises
    ------
    MappingFileError
    """
    cells = frame.map(str.strip)
    filled = cells != ""
    cells = cells.loc[filled.any(axis=1), filled.any(axis=0)]  # blank margins set aside
    n_rows, n_cols = cells.shape
    if n_rows not in (5, 6) or n_cols not in (5, 6):
        raise MappingFileError(
            f"{path}: an evaluation table is 5 rows of 5 letters A/O/M/I/R/Q (functional answers "
            f"in rows, dysfunctional in columns; a header row and a label column may be "
            f"added), found {n_rows} rows and {n_cols} columns"
        )
    top, left = n_rows - 5, n_cols - 5
    grid = cells.iloc[top:, left:]
    letters = grid.map(str.upper)
    bad = ~letters.isin(CATEGORIES).to_numpy()
    if bad.any():
        i, j = (int(k[0]) for k in np.nonzero(bad))
        row = int(cells.index[top + i]) + 1
        col = int(cells.columns[left + j])
        f_label = cells.iat[top + i, 0] if left else f"{i + 1} {_ANSWERS[i]}"
        d_label = cells.iat[0, left + j] if top else f"{j + 1} {_ANSWERS[j]}"
        more = int(bad.sum()) - 1
        tail = f" (and {more} more cell{'s' if more != 1 else ''})" if more else ""
        raise MappingFileError(
            f"{path}: row {row}, column {column_letter(col)} (functional {f_label!r}, "
            f"dysfunctional {d_label!r}) holds {grid.iat[i, j]!r}{tail}; every cell of an "
            "evaluation table is one of the letters A, O, M, I, R, Q"
        )
    return tuple("".join(r) for r in letters.to_numpy())


def evaluation_table(spec: str | EvaluationTable = "standard") -> EvaluationTable:
    """Resolve a table: a name (``standard``, ``modified``), a 25-letter spec
    ``"QAAAO/RIIIM/RIIIM/RIIIM/RRRRQ"``, a path to a 5×5 CSV/xlsx, or a table."""
    if isinstance(spec, EvaluationTable):
        return spec
    key = str(spec).strip()
    name = _ALIASES.get(key.lower(), key.lower())
    if name in _TABLES:
        return EvaluationTable(name, _TABLES[name])
    path = Path(key)
    if path.suffix.lower() in {".csv", ".xlsx"}:
        if not path.exists():
            raise MappingFileError(f"{path}: evaluation table file not found")
        try:
            frame = read_grid(path)  # the survey reader's encodings: a GBK file too
        except InputFileError as exc:
            raise MappingFileError(str(exc)) from None
        rows = _grid_rows(frame, path)
        return EvaluationTable(f"custom ({path.name})", rows)  # type: ignore[arg-type]
    rows = tuple(part.strip().upper() for part in key.replace(",", "/").split("/"))
    if len(rows) == 5 and all(len(r) == 5 and set(r) <= set(CATEGORIES) for r in rows):
        return EvaluationTable(f"custom {'/'.join(rows)}", rows)  # type: ignore[arg-type]
    raise OptionError(
        f"unknown evaluation table {spec!r}: use 'standard', 'modified', a 5×5 letter spec "
        "like 'QAAAO/RIIIM/RIIIM/RIIIM/RRRRQ', or a .csv/.xlsx file with the 5×5 letters"
    )
