"""What jobs return, shared by every command of both sides.

A job (``kano.jobs``, ``satisfaction.jobs``) reads, computes, renders and
writes; it returns a :class:`JobResult` for the terminal or a notebook. The
quarterly report is assembled by the Kano side from its own analyses and a
:class:`ReportPart` that the satisfaction side builds, so that neither package
imports the other: the caller (the ``kano report`` command, or a notebook)
hands the part over.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kano.shared.records import Finding, Note

# (role, path, params) of an input file, as kano.shared.provenance.method_record takes them
Input = tuple[str, "str | os.PathLike | None", Mapping[str, object]]


@dataclass(frozen=True)
class JobResult:
    """What a job did.

    ``written``: the files written, in order; ``tables``: the main tables
    (language-free, the library's column names); ``notes``: what the user should
    know; ``warnings``: signs of a problem in the data; ``findings``: results
    worth reporting; ``lang``: the language the outputs were written in.
    """

    written: tuple[Path, ...]
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    warnings: tuple[Note, ...] = ()
    findings: tuple[Finding, ...] = ()
    lang: str = "en"


@dataclass(frozen=True)
class ReportPart:
    """One side's contribution to the quarterly report, rendered in ``lang``.

    ``sheets``: workbook sheets (:class:`kano.shared.workbook.SheetSpec`);
    ``charts``: chart name -> ``draw(ax) -> Axes``; ``pdf_tables``: (title, table
    with headers in words) for the PDF; ``tables``: language-free tables others
    join on (``ipa``: ``driver, importance_pct, satisfaction_pct …`` for the Kano
    × IPA priority list; ``nps_segments``); ``findings`` (records) and
    ``finding_lines`` (the same findings in words: only the side that made a
    record knows its sentence), ``notes``; ``inputs`` and ``settings`` for the
    Method sheet.
    """

    lang: str
    sheets: tuple[object, ...] = ()
    charts: Mapping[str, Callable] = field(default_factory=dict)
    pdf_tables: tuple[tuple[str, pd.DataFrame], ...] = ()
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    finding_lines: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    inputs: tuple[Input, ...] = ()
    settings: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PendingPart:
    """A :class:`ReportPart` built only once the job has checked its outputs against every
    input: ``inputs``, the files the part will read; ``build()``, the part."""

    inputs: tuple[Path, ...]
    build: Callable[[], ReportPart]


def part_inputs(part: ReportPart | PendingPart | None) -> list[Path]:
    """The files a part reads (or will read)."""
    if part is None:
        return []
    if isinstance(part, PendingPart):
        return list(part.inputs)
    return [Path(p) for _, p, _ in part.inputs if p is not None]


def built(part: ReportPart | PendingPart | None) -> ReportPart | None:
    """The part itself, built now when it was pending."""
    return part.build() if isinstance(part, PendingPart) else part
