"""Job results on the terminal: a summary table, sections with headings, the files written.

Each ``*_lines`` function returns what a job's result shows, as rich renderables
and plain lines in the result's language; :func:`show` prints them. The CLI
calls :func:`show` and nothing else of this module.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from kano.render.sheets import source_words
from kano.shared.i18n import category_label, header, text
from kano.shared.jobs import JobResult
from kano.shared.records import note_text
from kano.shared.text import key

_SUMMARY_COLUMNS = ("service", "n", "A", "O", "M", "I", "R", "Q", "category", "fong_category",
                    "better", "worse")  # fmt: skip
WIDTH = 160


def summary_table(summary, lang: str, title: str):
    """The summary matrix as a rich table."""
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    cols = [c for c in _SUMMARY_COLUMNS if c in summary]
    for c in cols:
        table.add_column(header(c, lang), justify="left" if c == "service" else "right")
    for row in summary[cols].itertuples(index=False):
        cells = []
        for c, v in zip(cols, row, strict=True):
            if c == "category":
                v = category_label(v, lang) if v else ""
            elif isinstance(v, float):
                v = f"{v:.3f}"
            cells.append(str(v))
        table.add_row(*cells)
    return table


def section(heading_key: str, lines: Iterable[str], lang: str) -> list[str]:
    """A heading and its lines, or nothing when there are no lines."""
    lines = list(lines)
    return [text(heading_key, lang), *(f"  {ln}" for ln in lines)] if lines else []


def notes_lines(result: JobResult) -> list[str]:
    lang = result.lang
    return [f"{text('word.note', lang)}: {note_text(n, lang)}" for n in result.notes]


def written_lines(result: JobResult) -> list[str]:
    return [text("word.wrote", result.lang, path=p) for p in result.written]


def classify_lines(result) -> Iterator[object]:
    """The classify summary, data counts, notes, unpaired columns, segment differences,
    unstable categories and the files written."""
    from kano.render.findings import finding_text
    from kano.render.sheets import table_name

    lang, analysis = result.lang, result.analysis
    survey, summary = analysis.survey, analysis.summary
    title = text("cli.respondents", lang, source=source_words(survey, lang),
                 n=len(survey.functional))  # fmt: skip
    yield summary_table(summary, lang, title)
    yield text(
        "cli.data_line", lang, missing=int(survey.quality["n_missing"].sum()),
        invalid=int(survey.quality["n_invalid"].sum()), table=table_name(analysis.table, lang),
        rule=text(f"value.rule_{analysis.options.rule}", lang),
    )  # fmt: skip
    yield from notes_lines(result)
    if result.split is not None:
        yield from (f"{text('word.note', lang)}: {note_text(n, lang)}" for n in result.split.notes)
    if survey.unpaired:
        yield unpaired_line(survey.unpaired, lang)
    if analysis.respondent_filter is not None:
        yield analysis.respondent_filter.note.text(lang)
    yield from section("cli.segment_differences", (finding_text(f, lang) for f in result.findings),
                       lang)  # fmt: skip
    if "unstable" in summary:
        unstable = summary.loc[summary["unstable"].astype(bool), "service"].tolist()
        if unstable:
            yield text("cli.unstable", lang, services=", ".join(map(str, unstable)))
    yield from written_lines(result)


def unpaired_line(columns, lang: str) -> str:
    """Columns that hold Kano answers but were paired with nothing, and how to pair them."""
    shown = ", ".join(repr(c) for c in columns[:8]) + (" ..." if len(columns) > 8 else "")
    return text("cli.unpaired", lang, n=len(columns), columns=shown)


def columns_lines(result) -> Iterator[object]:
    """The pairing table, the id column, the columns carried through, unpaired ones, notes."""
    from rich.table import Table

    from kano.render.sheets import columns_table

    lang, raw, pairing = result.lang, result.table, result.pairing
    title = raw.source + (f" ({raw.encoding})" if raw.encoding else "")
    table = Table(title=title)
    pairs = result.tables["pairs"]
    shown = columns_table(_Pairs(pairs, pairing.unpaired if pairing else ()), lang)
    cols = ["service", "functional_column", "dysfunctional_column", "importance_column", "found_by"]
    for c in cols:
        table.add_column(header(c, lang))
    for row in shown[cols].itertuples(index=False):
        table.add_row(*(str(v) for v in row))
    yield table
    if pairing is not None:
        none = text("cli.no_id_column", lang)
        yield text("cli.id_column", lang, column=pairing.id_column or none)
        others = [c for c in pairing.unused if c not in pairing.unpaired]
        yield text("cli.carried", lang, columns=", ".join(others) or text("word.none", lang))
        if pairing.unpaired:
            yield unpaired_line(pairing.unpaired, lang)
    yield from notes_lines(result)


class _Pairs:
    """What :func:`kano.render.sheets.columns_table` reads of a survey."""

    def __init__(self, pairs, unpaired):
        self.pairing, self.unpaired = pairs, tuple(unpaired)


def summarize_lines(result) -> Iterator[object]:
    yield summary_table(result.tables["summary"], result.lang, str(result.written[0].name))
    yield from notes_lines(result)
    yield from written_lines(result)


def compare_lines(result) -> Iterator[object]:
    from kano.render.findings import finding_text

    lang = result.lang
    yield from section("cli.migrations", (finding_text(f, lang) for f in result.findings), lang)
    unmatched = result.comparison.unmatched
    if unmatched is not None and len(unmatched):
        yield text("cli.not_in_every_wave", lang, services=", ".join(unmatched["service"]))
    yield from written_lines(result)


def show(lines: Iterable[object], quiet: bool = False, written: Iterable[object] = ()) -> None:
    """Print ``lines`` (rich renderables or text), or with ``quiet`` only ``written``."""
    from rich.console import Console

    console = Console(width=WIDTH, soft_wrap=True, highlight=False, markup=False)
    for line in written if quiet else lines:
        if isinstance(line, str):
            sys.stdout.write(line + "\n")
        else:
            console.print(line)


def warn(result: JobResult) -> None:
    """The result's warnings on stderr, one line each."""
    lang = result.lang
    for w in result.warnings:
        sys.stderr.write(f"{text('word.warning', lang)}: {note_text(w, lang)}\n")


def priority_lines(result) -> Iterator[object]:
    """The ranked list (rank, service, action, reason), the unmatched services, the files."""
    from kano.render.sheets import priority_words

    lang = result.lang
    shown = priority_words(result.tables["priorities"], lang)
    for row, code in zip(shown.itertuples(), result.tables["priorities"]["driver"], strict=True):
        via = "" if key(code) == key(row.service) else f" ({row.driver})"  # linked: say by what
        yield f"{row.rank:>2}. {row.service}{via} [{row.tier}]: {row.reason}"
    unmatched = result.tables["unmatched"]
    if len(unmatched):
        yield text("cli.not_in_both", lang, services=", ".join(map(str, unmatched["service"])))
    yield from notes_lines(result)
    yield from written_lines(result)


@contextmanager
def progress(lang: str, quiet: bool = False) -> Iterator[Callable[[str], None]]:
    """A spinner naming the step a long job is at (none with ``quiet``); yields
    ``step(code)``, the code named by the catalogue (``progress.<code>``)."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  disable=quiet, transient=True) as bar:  # fmt: skip
        task = bar.add_task("", total=None)
        yield lambda code: bar.update(task, description=text(f"progress.{code}", lang))


def report_lines(result) -> Iterator[object]:
    """The report's key findings, section by section, then the files written."""
    from kano.render.report import findings_blocks

    for heading, lines in findings_blocks(result.report, result.lang):
        yield heading
        yield from (f"  {ln}" for ln in lines)
    yield from written_lines(result)
