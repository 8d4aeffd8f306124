"""Exceptions raised by the toolkit.

Every error a user can cause derives from :class:`KanoError`; the CLI prints its
message on one line and exits 1. Anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass


class KanoError(Exception):
    """Base class of every error caused by the input or the options."""


class InputFileError(KanoError):
    """The file cannot be read as a table (missing, empty, wrong format, wrong sheet, encoding)."""


class PairingError(KanoError):
    """Functional/dysfunctional columns cannot be paired unambiguously."""


class MappingFileError(KanoError):
    """A mapping or answer-map file is malformed."""


class OptionError(KanoError):
    """An option value is invalid (unknown table, rule, language ...)."""


class CustomerTypeError(OptionError):
    """Customer types that no built-in word or user assignment puts in a value segment."""


class OutputError(KanoError):
    """The output path is unusable (it is an input file, or its folder is missing)."""


@dataclass(frozen=True)
class CellProblem:
    """One offending cell, located as the user sees it in Excel or a text editor."""

    row: int  # 1-based, header row(s) counted
    column: str
    value: object

    def describe(self) -> str:
        value = self.value.item() if hasattr(self.value, "item") else self.value
        if isinstance(value, str) and len(value) > 60:
            value = value[:57] + "..."
        return f"row {self.row}, column {self.column!r}: {value!r}"


class InvalidValueError(KanoError):
    """Cells hold values that are not valid answers/ratings.

    ``problems`` lists the first offending cells (up to a cap); ``total`` counts all.
    """

    def __init__(self, source: str, problems: list[CellProblem], total: int, hint: str = ""):
        self.source = source
        self.problems = problems
        self.total = total
        shown = "; ".join(p.describe() for p in problems)
        more = f" (and {total - len(problems)} more)" if total > len(problems) else ""
        tail = f" {hint}" if hint else ""
        super().__init__(
            f"{source}: {total} invalid value{'s' if total != 1 else ''}: {shown}{more}.{tail}"
        )


class UnknownLabelError(InvalidValueError):
    """Rating cells hold labels (or other values) that no scale or label map gives a number.

    ``labels`` lists each distinct value once as ``(first cell, count)``, in
    spreadsheet order; ``problems`` are those first cells; ``total`` counts all cells.
    """

    MAX_SHOWN = 5

    def __init__(self, source: str, labels: list[tuple[CellProblem, int]]):
        self.source = source
        self.labels = labels
        self.problems = [cell for cell, _ in labels]
        self.total = sum(count for _, count in labels)
        shown = "; ".join(
            f"{cell.describe()} ({count} cell{'s' if count != 1 else ''})"
            for cell, count in labels[: self.MAX_SHOWN]
        )
        more = len(labels) - self.MAX_SHOWN
        tail = f" (and {more} more label{'s' if more != 1 else ''})" if more > 0 else ""
        n, k = self.total, len(labels)
        KanoError.__init__(
            self,
            f"{source}: {n} cell{'s' if n != 1 else ''} hold{'s' if n == 1 else ''} "
            f"{k} label{'s' if k != 1 else ''} that {'is not a rating' if k == 1 else 'are not ratings'} "
            f"(first cell and count of each): {shown}{tail}. Give their numbers in a label map "
            "(--labels labels.yaml, lines like 'Rather important: 4') or re-export the numeric "
            "values.",
        )


class ScaleError(InvalidValueError, OptionError):
    """Ratings fit no usual scale, or their labels contradict the declared scale.

    Also an :class:`OptionError`: the fix is usually to declare the scale.
    """

    def __init__(self, source: str | None, text: str, problems: list[CellProblem] | None = None):
        self.source = source or ""
        self.problems = list(problems or [])
        self.total = len(self.problems)
        KanoError.__init__(self, f"{source}: {text}" if source else text)
