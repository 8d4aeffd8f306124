"""Exceptions raised by the toolkit.

Every error a user can cause derives from :class:`KanoError`; the CLI prints its
message on one line and exits 1. Anything else is a bug.

Messages are option-neutral: where one tells the user which setting to change,
it writes ``{opt:name}``, which reads ``name=`` in the library (the keyword of
the function) and ``--name`` on the command line (:meth:`KanoError.cli_message`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

_OPTION = re.compile(r"\{opt:([a-z_]+)\}")


class KanoError(Exception):
    """Base class of every error caused by the input or the options."""

    def __str__(self) -> str:
        return _OPTION.sub(lambda m: f"{m.group(1)}=", super().__str__())

    def cli_message(self) -> str:
        """The message with each option as its command-line flag (``--min-items``)."""
        return _OPTION.sub(lambda m: "--" + m.group(1).replace("_", "-"), super().__str__())

    def renamed(self, names: Mapping[str, str]) -> KanoError:
        """This error with its options renamed (``scale`` -> ``sat_scale``): where a job reads
        a second file, its flags for that file carry another name."""
        if self.args:
            self.args = (rename_options(str(self.args[0]), names), *self.args[1:])
        return self


def rename_options(message: str, names: Mapping[str, str]) -> str:
    """``message`` with each ``{opt:name}`` of ``names`` as ``{opt:names[name]}``."""
    return _OPTION.sub(lambda m: f"{{opt:{names.get(m.group(1), m.group(1))}}}", message)


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
        return f"row {self.row}, column {self.column!r}: {shown_value(self.value)}"


def shown_value(value: object, whole_numbers: bool = False) -> str:
    """``repr`` of a cell value for a message: numpy scalars as Python, long text cut to 60.

    With ``whole_numbers``, a float such as 6.0 is shown as 6 (as a spreadsheet shows it).
    """
    value = value.item() if hasattr(value, "item") else value
    if isinstance(value, str) and len(value) > 60:
        value = value[:57] + "..."
    if whole_numbers and isinstance(value, float) and value.is_integer():
        value = int(value)
    return repr(value)


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


@dataclass(frozen=True)
class UnknownWording:
    """One distinct answer value that is neither a code nor a known wording.

    ``value`` is its first form as written, ``count`` the number of cells holding
    it (in any answer column, after normalisation), ``first`` its first cell in
    reading order (row, then column).
    """

    value: object
    count: int
    first: CellProblem


MAX_WORDINGS_SHOWN = 10


class UnknownAnswerError(InvalidValueError):
    """Answer cells hold values that are not codes or known wordings.

    ``wordings`` lists every distinct unknown value once, in order of first
    appearance; ``problems`` holds their first cells and ``total`` counts all
    offending cells. ``path`` is the file read (``None`` for a DataFrame), so a
    caller can write a suggested answer map beside it
    (:func:`kano.render.suggestion.suggest_answer_map`).
    """

    def __init__(
        self,
        source: str,
        wordings: Sequence[UnknownWording],
        hint: str = "",
        path: str | Path | None = None,
    ):
        self.source = source
        self.wordings = tuple(wordings)
        self.problems = [w.first for w in self.wordings]
        self.total = sum(w.count for w in self.wordings)
        self.hint = hint
        self.path = Path(path) if path is not None else None
        shown = "; ".join(_describe_wording(w) for w in self.wordings[:MAX_WORDINGS_SHOWN])
        rest = len(self.wordings) - MAX_WORDINGS_SHOWN
        more = f"; and {rest} more" if rest > 0 else ""
        k = len(self.wordings)
        verb = "answer wordings are" if k != 1 else "answer wording is"
        tail = f" {hint}" if hint else ""
        KanoError.__init__(self, f"{source}: {k} {verb} not known: {shown}{more}.{tail}")

    def with_hint(self, hint: str) -> UnknownAnswerError:
        """The same error with another closing hint (e.g. naming a suggestion file written)."""
        return UnknownAnswerError(self.source, self.wordings, hint, self.path)


def _describe_wording(w: UnknownWording) -> str:
    where = f"row {w.first.row}, column {w.first.column!r}"
    cells = "1 cell, " if w.count == 1 else f"{w.count} cells, first at "
    return f"{shown_value(w.value, whole_numbers=True)} ({cells}{where})"


class UnknownLabelError(InvalidValueError):
    """Rating cells hold values that are no number and no label of a built-in set or label map.

    ``labels`` lists every distinct value once (:class:`UnknownWording`: value as
    first written, count, first cell), in spreadsheet order; ``problems`` holds their
    first cells and ``total`` counts all offending cells. The message has the form of
    :class:`UnknownAnswerError`'s and ends with the fix.
    """

    def __init__(self, source: str, labels: Sequence[UnknownWording]):
        self.source = source
        self.labels = tuple(labels)
        self.problems = [w.first for w in self.labels]
        self.total = sum(w.count for w in self.labels)
        shown = "; ".join(_describe_wording(w) for w in self.labels[:MAX_WORDINGS_SHOWN])
        rest = len(self.labels) - MAX_WORDINGS_SHOWN
        more = f"; and {rest} more" if rest > 0 else ""
        verb = "rating labels are" if len(self.labels) != 1 else "rating label is"
        KanoError.__init__(
            self,
            f"{source}: {len(self.labels)} {verb} not known: {shown}{more}. Give their numbers "
            "in a label map ({opt:labels} labels.yaml, lines like 'Rather important: 4') or "
            "re-export the numeric values.",
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
