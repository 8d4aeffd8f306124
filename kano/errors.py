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
