"""Survey platforms' header layouts, turned into one header row with unique names.

The layouts are those documented in ``../shared/export-formats.md`` (with their
sources there):

* Qualtrics: three header rows (export tag ``Q7_1``, question text
  ``<question> - <statement>``, ``{"ImportId": …}``); the legacy export has two
  (``V1, V2, …`` then ``ResponseID, ResponseSet, …`` and the question texts).
  The question text becomes the header; the export tag stays usable as an alias
  (in a mapping file, say).
* SurveyMonkey: two header rows; row 1 holds the question only above the first
  column of its block (blank cells after it), row 2 the row label of a matrix,
  ``Response`` for a single answer or ``Open-Ended Response``. Headers become
  ``<question> - <row label>`` (or the question alone).
* 问卷星 (Wenjuanxing) matrix questions: the first row's column is
  ``<题号、题目>—<行1>`` and the following rows are bare ``<行k>``, so the
  functional and dysfunctional matrices repeat the same labels. Each bare label
  gets the title of its matrix back: ``<题号、题目>—<行k>``.

Only the header row is rewritten; cells are never touched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from kano.shared.records import Note

# 问卷星's em-dash between a matrix title and its row label (U+2014).
MATRIX_DASH = "\u2014"
_IMPORT_ID = '{"ImportId"'
_SM_META = {
    "respondent id", "collector id", "start date", "end date", "ip address", "email address",
    "first name", "last name", "custom data 1", "custom data",
}  # fmt: skip
_SM_ITEM_WORDS = {"response", "open-ended response"}
# A question header as platforms number it: "7、", "7.", "7．", "7:", "7)", "7 题目", "第7题", "Q7."
_NUMBERED = re.compile(
    r"^\s*(?:第\s*\d+\s*题|[Qq]?\d+(?:[._]\d+)*\s*[、.．:：)）]|\d+\s+\S)", re.UNICODE
)
_LEGACY_V = re.compile(r"^V\d+$")


@dataclass(frozen=True)
class Headers:
    """One header row for a table read with a platform's header layout.

    ``frame`` has the data rows only (header rows removed) and unique-or-original
    column names; ``skipped`` is the number of extra header rows removed;
    ``aliases`` maps other names of a column (Qualtrics export tags) to its
    header; ``notes`` says what was recognised.
    """

    frame: pd.DataFrame
    skipped: int = 0
    aliases: dict[str, str] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()


def normalise_headers(frame: pd.DataFrame) -> Headers:
    """Recognise the multi-row headers and matrix labels of real exports (module docstring)."""
    result = _qualtrics(frame) or _surveymonkey(frame) or Headers(frame)
    columns, note = expand_matrix_labels(list(result.frame.columns), result.frame)
    notes = [note] if note else []
    columns, note = number_repeated_blocks(columns)
    notes += [note] if note else []
    if notes:
        out = result.frame.copy(deep=False)
        out.columns = columns
        return Headers(out, result.skipped, result.aliases, (*result.notes, *notes))
    return result


def number_repeated_blocks(columns: list[str]) -> tuple[list[str], Note | None]:
    """Two runs of the same headers in the same order (a Likert question per side whose
    statements are the headers, as Microsoft Forms writes them) become
    ``question 1 [statement]`` and ``question 2 [statement]``, so that each column has a
    name and the two questions can be paired by their order. Other repeats are left for
    the duplicate check to refuse."""
    positions: dict[str, list[int]] = {}
    for j, name in enumerate(columns):
        if name.strip() and not name.startswith("Unnamed: "):
            positions.setdefault(name, []).append(j)
    repeated = {n: p for n, p in positions.items() if len(p) > 1}
    if not repeated or any(len(p) != 2 for p in repeated.values()):
        return columns, None
    firsts = sorted(p[0] for p in repeated.values())
    seconds = sorted(p[1] for p in repeated.values())
    run = len(firsts)
    if run < 2:  # one header twice is a plain duplicate
        return columns, None
    contiguous = firsts == list(range(firsts[0], firsts[0] + run)) and seconds == list(
        range(seconds[0], seconds[0] + run)
    )
    same_order = [columns[j] for j in firsts] == [columns[j] for j in seconds]
    if not (contiguous and same_order and firsts[-1] < seconds[0]):
        return columns, None
    out = list(columns)
    for k, block in enumerate((firsts, seconds), start=1):
        for j in block:
            out[j] = f"question {k} [{columns[j]}]"
    return out, Note("repeated_blocks", {"first": columns[firsts[0]], "last": columns[firsts[-1]]})


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _qualtrics(frame: pd.DataFrame) -> Headers | None:
    if len(frame) >= 2 and frame.iloc[1].astype(str).str.startswith(_IMPORT_ID).any():
        # questions (ImportId QID…) take their text; metadata keep their tag (StartDate,
        # ResponseId), since row 2 of metadata is in the exporter's language
        tags = [str(c) for c in frame.columns]
        texts = [
            _text(t) if '"QID' in str(imp) else ""
            for t, imp in zip(frame.iloc[0], frame.iloc[1], strict=True)
        ]
        header = _unique_texts(tags, texts)
        aliases = {str(c): h for c, h in zip(frame.columns, header, strict=True) if str(c) != h}
        body = frame.iloc[2:].reset_index(drop=True)
        body.columns = header
        return Headers(body, 2, aliases, (Note("qualtrics_headers"),))
    tags = [str(c) for c in frame.columns]
    legacy = sum(bool(_LEGACY_V.match(t)) for t in tags[:10])
    if len(frame) >= 1 and legacy >= 3 and "ResponseID" in {_text(v) for v in frame.iloc[0]}:
        texts = [_text(t) for t in frame.iloc[0]]
        header = _unique_texts(tags, texts)
        aliases = {t: h for t, h in zip(tags, header, strict=True) if t != h}
        body = frame.iloc[1:].reset_index(drop=True)
        body.columns = header
        return Headers(body, 1, aliases, (Note("qualtrics_legacy_headers"),))
    return None


def _unique_texts(tags: list[str], texts: list[str]) -> list[str]:
    """The question text as header, the tag where it is blank or would repeat another header."""
    counts: dict[str, int] = {}
    for t in texts:
        if t:
            counts[t] = counts.get(t, 0) + 1
    return [t if t and counts[t] == 1 else (f"{t} ({tag})" if t else tag)
            for tag, t in zip(tags, texts, strict=True)]  # fmt: skip


def _surveymonkey(frame: pd.DataFrame) -> Headers | None:
    if len(frame) < 1:
        return None
    names = [str(c) for c in frame.columns]
    blank = [n.startswith("Unnamed: ") for n in names]
    second = [_text(v) for v in frame.iloc[0]]
    meta = sum(n.strip().casefold() in _SM_META for n in names)
    items = sum(s.casefold() in _SM_ITEM_WORDS for s in second)
    # SurveyMonkey's own id columns, or its "Response" sub-labels under merged question cells
    if not (meta >= 2 and (any(blank) or items)) and not (any(blank) and items):
        return None
    # the cells of row 2 under a block must all be labels (a data row has answers under them)
    under_blank = [s for s, b in zip(second, blank, strict=True) if b]
    if under_blank and not all(under_blank):
        return None
    header, question = [], ""
    for name, is_blank, item in zip(names, blank, second, strict=True):
        if not is_blank:
            question = name
        if item and item.casefold() not in _SM_ITEM_WORDS and question:
            header.append(f"{question} - {item}")
        else:
            header.append(question or name)
    body = frame.iloc[1:].reset_index(drop=True)
    body.columns = header
    return Headers(body, 1, {}, (Note("surveymonkey_headers"),))


def expand_matrix_labels(columns: list[str], frame: pd.DataFrame) -> tuple[list[str], Note | None]:
    """Give 问卷星's bare matrix row labels the title of their matrix.

    A column ``<题目>—<行1>`` opens a matrix; the bare columns right after it are
    its other rows while they are neither numbered questions nor matrices of
    their own. When the questionnaire hides question numbers, a bare column is
    taken as a row only if its answers are drawn from the same options as the
    matrix's (the same values, or small whole numbers like the matrix's codes),
    so that a following unnumbered question keeps its own name.

    Returns the columns and a note (``None`` when nothing was expanded).
    """
    out = list(columns)
    expanded = 0
    head: str | None = None
    numbered = False
    seen: set[str] = set()
    for j, name in enumerate(columns):
        title, dash, row = name.rpartition(MATRIX_DASH)
        if dash and row.strip():
            head, numbered = title, bool(_NUMBERED.match(title))
            seen = _values(frame.iloc[:, j])
            continue
        if head is None or not _bare(name):
            head = None
            continue
        values = _values(frame.iloc[:, j])
        if not numbered and not _same_options(values, seen):
            head = None
            continue
        out[j] = f"{head}{MATRIX_DASH}{name}"
        seen |= values
        expanded += 1
    if not expanded:
        return out, None
    example = out[next(j for j, c in enumerate(columns) if out[j] != c)]
    return out, Note("wjx_matrix", {"n": expanded, "example": example})


def _bare(name: str) -> bool:
    return bool(name.strip()) and not (
        name.startswith("Unnamed: ") or _NUMBERED.match(name) or MATRIX_DASH in name
    )


def _values(column: pd.Series) -> set[str]:
    uniques = pd.unique(column.dropna())
    return {str(v).strip() for v in uniques[:200]}


def _same_options(values: set[str], seen: set[str]) -> bool:
    if not values:
        return True  # an unanswered row of the matrix
    if values <= seen:
        return True
    numbers = [_small_int(v) for v in values | seen]
    if all(n is not None for n in numbers):
        return True  # option codes (按序号): 1..k in every row
    return len(values & seen) >= max(1, len(values) // 2)


def _small_int(text: str) -> int | None:
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and -3 <= number <= 11 else None
