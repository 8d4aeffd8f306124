"""The one parser of rating cells: numbers, numbered labels and standard label sets.

Importance, satisfaction, loyalty and recommend (NPS) columns come from survey
platforms as numbers (``4``, full-width ``４``), as a number with its label
(``3 - Somewhat important``, ``10 - Extremely likely``, ``5、非常满意``,
``(5) 非常满意``) or as bare labels of a standard scale (``Very satisfied``,
``非常满意``). This module reads them all the same way for the Kano and the
satisfaction side:

* a number, or a leading number followed by a label, is that number (the label
  is not needed and not checked);
* bare labels are positions 1..k of the ONE built-in label set that contains
  every distinct label seen in the columns read together (columns sharing a
  scale are read together); the scale is then known, 1..k;
* labels of a user label map (:func:`load_label_map`) take the user's number;
* blanks and the platforms' skip markers (``(跳过)``, ``(空)``) are missing.

Anything else raises :class:`~kano.shared.errors.UnknownLabelError` listing each
distinct value once, with its count and first cell. Work is done once per
distinct value of a column (``pd.factorize``), never per respondent.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kano.shared.cells import factorize_cells
from kano.shared.errors import (
    CellProblem,
    InvalidValueError,
    MappingFileError,
    ScaleError,
    UnknownLabelError,
    UnknownWording,
)
from kano.shared.files import RawTable
from kano.shared.mapfiles import read_pairs
from kano.shared.records import Note
from kano.shared.text import MISSING_WORDS, normalize_text, traditional

MAX_SHOWN = 5


@dataclass(frozen=True)
class LabelSet:
    """An ordered rating scale given by its labels: ``points[i]`` are the wordings of point i+1."""

    name: str
    points: tuple[tuple[str, ...], ...]

    @property
    def size(self) -> int:
        return len(self.points)

    @property
    def note(self) -> Note:
        """The set named in words: its kind, its number of points, its end labels."""
        kind = _KINDS.get(self.name.split(" ", 1)[0], "rating")
        return Note("labelset", {"kind": Note(f"scale_{kind}"), "points": self.size,
                                 "first": self.points[0][0], "last": self.points[-1][0]})  # fmt: skip


_KINDS = {"importance": "importance", "satisfaction": "satisfaction", "agreement": "agreement",
          "likelihood": "likelihood", "重要性": "importance", "满意度": "satisfaction",
          "同意": "agreement", "可能性": "likelihood"}  # fmt: skip


def _set(name: str, *points: str | tuple[str, ...]) -> LabelSet:
    out = []
    for point in points:
        words = (point,) if isinstance(point, str) else point
        trad = tuple(traditional(w) for w in words)
        out.append(tuple(dict.fromkeys(words + trad)))  # each wording once, order kept
    return LabelSet(name, tuple(out))


_NEITHER_SAT = ("Neither satisfied nor dissatisfied", "Neither dissatisfied nor satisfied")
_NEITHER_AGREE = ("Neither agree nor disagree", "Neither agree or disagree")
_NEITHER_LIKELY = ("Neither likely nor unlikely", "Neither unlikely nor likely")

#: The built-in label sets, in order of preference when equally long sets number
#: the labels seen differently (docs/methods.md §1 lists them with their sources).
BUILTIN_SETS: tuple[LabelSet, ...] = (
    _set("importance 5-point (Not at all important … Extremely important)",
         "Not at all important", "Slightly important", "Moderately important", "Very important",
         "Extremely important"),
    _set("importance 5-point (Not important … Important, Very important)",
         ("Not important", "Unimportant"), ("Of little importance", "Slightly important"),
         "Moderately important", "Important", "Very important"),
    _set("importance 5-point (Not at all … Not so … Somewhat … Extremely important; SurveyMonkey)",
         "Not at all important", "Not so important", "Somewhat important", "Very important",
         "Extremely important"),
    _set("importance 4-point (Not at all … Not very … Fairly … Very important)",
         "Not at all important", "Not very important", "Fairly important", "Very important"),
    _set("importance 7-point (Not at all important … Extremely important; Vagias 2006)",
         "Not at all important", "Low importance", "Slightly important", "Neutral",
         "Moderately important", "Very important", "Extremely important"),
    _set("satisfaction 5-point (Very dissatisfied … Very satisfied)",
         "Very dissatisfied", "Dissatisfied", (*_NEITHER_SAT, "Neutral"), "Satisfied",
         "Very satisfied"),
    _set("satisfaction 5-point (Extremely … Somewhat … satisfied; Qualtrics)",
         "Extremely dissatisfied", "Somewhat dissatisfied", _NEITHER_SAT, "Somewhat satisfied",
         "Extremely satisfied"),
    _set("satisfaction 7-point (Extremely / Moderately / Slightly dissatisfied … satisfied)",
         "Extremely dissatisfied", "Moderately dissatisfied", "Slightly dissatisfied",
         _NEITHER_SAT, "Slightly satisfied", "Moderately satisfied", "Extremely satisfied"),
    _set("satisfaction 4-point (Very dissatisfied … Very satisfied)",
         "Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied"),
    _set("satisfaction 4-point (Not at all … Not very … Fairly … Very satisfied)",
         "Not at all satisfied", "Not very satisfied", "Fairly satisfied", "Very satisfied"),
    _set("satisfaction 3-point (Dissatisfied, Neutral, Satisfied)",
         "Dissatisfied", (*_NEITHER_SAT, "Neutral"), "Satisfied"),
    _set("agreement 5-point (Strongly disagree … Strongly agree)",
         "Strongly disagree", "Disagree", (*_NEITHER_AGREE, "Neutral"), "Agree",
         "Strongly agree"),
    _set("agreement 5-point (Strongly … Somewhat disagree … agree; Qualtrics)",
         "Strongly disagree", "Somewhat disagree", _NEITHER_AGREE, "Somewhat agree",
         "Strongly agree"),
    _set("agreement 7-point (Strongly disagree … Strongly agree; Vagias 2006)",
         "Strongly disagree", "Disagree", "Somewhat disagree", (*_NEITHER_AGREE, "Neutral"),
         "Somewhat agree", "Agree", "Strongly agree"),
    _set("agreement 4-point (Strongly disagree … Strongly agree)",
         "Strongly disagree", "Disagree", "Agree", "Strongly agree"),
    _set("agreement 3-point (Disagree, Neutral, Agree)",
         "Disagree", (*_NEITHER_AGREE, "Neutral"), "Agree"),
    _set("likelihood 5-point (Very unlikely … Very likely)",
         "Very unlikely", "Unlikely", (*_NEITHER_LIKELY, "Neutral"), "Likely", "Very likely"),
    _set("likelihood 5-point (Extremely … Somewhat … likely; Qualtrics)",
         "Extremely unlikely", "Somewhat unlikely", _NEITHER_LIKELY, "Somewhat likely",
         "Extremely likely"),
    _set("likelihood 5-point (Not at all … Not so … Somewhat … Extremely likely; SurveyMonkey)",
         "Not at all likely", "Not so likely", "Somewhat likely", "Very likely",
         "Extremely likely"),
    _set("likelihood 7-point (Extremely / Moderately / Slightly unlikely … likely)",
         "Extremely unlikely", "Moderately unlikely", "Slightly unlikely", _NEITHER_LIKELY,
         "Slightly likely", "Moderately likely", "Extremely likely"),
    _set("重要性 5-point (非常不重要 … 非常重要)",
         ("非常不重要", "很不重要", "一点也不重要"), ("不重要", "比较不重要", "不太重要"),
         ("一般", "一般重要", "说不清"), ("重要", "比较重要"), ("非常重要", "很重要")),
    _set("满意度 5-point (非常不满意 … 非常满意)",
         ("非常不满意", "很不满意"), ("不满意", "比较不满意", "不太满意"),
         ("一般", "基本满意", "说不清"), ("满意", "比较满意"), ("非常满意", "很满意")),
    _set("同意 5-point (非常不同意 … 非常同意)",
         ("非常不同意", "很不同意"), ("不同意", "比较不同意", "不太同意"),
         ("一般", "中立", "不确定", "说不清"), ("同意", "比较同意"), ("非常同意", "很同意")),
    _set("可能性 5-point (非常不可能 … 非常可能)",
         ("非常不可能", "很不可能"), ("不可能", "比较不可能", "不太可能"),
         ("一般", "不确定", "说不清"), ("可能", "比较可能"), ("非常可能", "很可能")),
    _set("重要性 3-point (不重要, 一般, 重要)", "不重要", "一般", "重要"),
    _set("满意度 3-point (不满意, 一般, 满意)", "不满意", ("一般", "基本满意"), "满意"),
    _set("同意 3-point (不同意, 一般, 同意)", "不同意", ("一般", "中立"), "同意"),
)  # fmt: skip

_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


def label_key(text: str) -> str:
    """The matching key of a label: NFKC, straight apostrophes, case folded,
    whitespace collapsed, punctuation trimmed at both ends."""
    return _EDGE_PUNCT.sub("", normalize_text(text))


def _index(sets: tuple[LabelSet, ...]) -> dict[str, dict[int, int]]:
    """label key -> {set number: position 1..k}."""
    out: dict[str, dict[int, int]] = {}
    for j, s in enumerate(sets):
        for pos, words in enumerate(s.points, start=1):
            for word in words:
                out.setdefault(label_key(word), {})[j] = pos
    return out


_BY_KEY = _index(BUILTIN_SETS)
_MISSING_KEYS = {normalize_text(w) for w in MISSING_WORDS}
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
# "3 - Somewhat important", "0 = Not at all likely", "5. Very satisfied", "5、非常满意",
# "(5) 非常满意", "5 非常满意", "2 (Dissatisfied)", "10分": the number, an optional
# separator, then a word that starts with a letter, so that "1-5" or "7-12" is never 1 or 7.
_LEADING = re.compile(
    r"(?:\((?P<p>[+-]?\d+(?:\.\d+)?)\)|(?P<n>[+-]?\d+(?:\.\d+)?))"
    r"\s*[-\u2013\u2014=:.、)(\[]?\s*[^\W\d_]"
)


@dataclass(frozen=True)
class LabelMap:
    """User labels and their numbers (``NaN`` = read as missing), keyed by :func:`label_key`."""

    entries: Mapping[str, float] = field(default_factory=dict)
    path: Path | None = None

    @property
    def description(self) -> str:
        return f"label map {self.path.name}" if self.path else "label map"


@dataclass(frozen=True)
class ParsedRatings:
    """Ratings read by :func:`parse_ratings`.

    Attributes
    ----------
    values:
        One float column per input column (same index); NaN where missing.
    missing:
        Per column, the cells read as missing (blank, skip marker, mapped to missing).
    scale:
        ``(1, k)`` when the cells held labels of a built-in set, else ``None``.
    label_set:
        Name of that set, or ``None``.
    notes:
        What the user should know (an ambiguous set chosen by the tie rule ...).
    """

    values: pd.DataFrame
    missing: pd.Series
    scale: tuple[float, float] | None = None
    label_set: str | None = None
    notes: tuple[Note, ...] = ()


# kinds of a distinct cell value
_MISSING, _NUMBER_CELL, _NUMBERED, _USER, _LABEL, _BAD = range(6)


def _read_value(value: object, user: Mapping[str, float], numbers_only: bool):
    """(kind, number, label key) of one distinct cell value."""
    if isinstance(value, bool | np.bool_):
        return _BAD, math.nan, ""
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        if math.isnan(number):
            return _MISSING, math.nan, ""
        return (_NUMBER_CELL, number, "") if math.isfinite(number) else (_BAD, math.nan, "")
    if not isinstance(value, str):
        return _BAD, math.nan, ""  # dates, times and other objects are never ratings
    text = normalize_text(value)
    if not text or text in _MISSING_KEYS:
        return _MISSING, math.nan, ""
    if _NUMBER.fullmatch(text):
        number = float(text)
        return (_NUMBER_CELL, number, "") if math.isfinite(number) else (_BAD, math.nan, "")
    if numbers_only:
        return _BAD, math.nan, ""
    key = label_key(text)
    if key in user:
        return _USER, user[key], key
    match = _LEADING.match(text)
    if match:
        return _NUMBERED, float(match.group("p") or match.group("n")), ""
    return (_LABEL, math.nan, key) if key else (_BAD, math.nan, "")


@dataclass
class _Column:
    name: str
    codes: np.ndarray  # position of each cell's distinct value, -1 = blank
    uniques: list  # distinct raw values
    kinds: np.ndarray
    numbers: np.ndarray
    keys: list[str]
    first: np.ndarray  # row position of each distinct value's first cell
    counts: np.ndarray


def _factorize(name: str, s: pd.Series, user, numbers_only) -> _Column:
    if pd.api.types.is_numeric_dtype(s.dtype) and not pd.api.types.is_bool_dtype(s.dtype):
        # a numeric column needs no text parsing: only infinities are no ratings
        codes, uniques = pd.factorize(s.to_numpy(dtype=float, na_value=np.nan))
        finite = np.isfinite(uniques)
        kinds = np.where(finite, _NUMBER_CELL, _BAD).astype(np.int8)
        numbers = np.where(finite, uniques, np.nan)
        keys = [""] * len(uniques)
    else:
        codes, uniques = factorize_cells(s)  # TRUE is not the rating 1
        read = [_read_value(u, user, numbers_only) for u in uniques]
        kinds = np.array([k for k, _, _ in read], dtype=np.int8)
        numbers = np.array([x for _, x, _ in read], dtype=float)
        keys = [key for _, _, key in read]
    used = codes >= 0
    first = np.full(len(uniques), -1, dtype=np.int64)
    if used.any():
        # factorize numbers distinct values in order of appearance, so the first
        # cell of value k is where code k first occurs
        found, at = np.unique(codes[used], return_index=True)
        first[found] = np.flatnonzero(used)[at]
    return _Column(
        name=name,
        codes=codes,
        uniques=list(uniques),
        kinds=kinds,
        numbers=numbers,
        keys=keys,
        first=first,
        counts=np.bincount(codes[used], minlength=len(uniques)),
    )


def _names(columns: list[str]) -> str:
    shown = ", ".join(repr(c) for c in columns[:4])
    return shown + (f" and {len(columns) - 4} more" if len(columns) > 4 else "")


def _scale_text(scale: tuple[float, float]) -> str:
    return f"{scale[0]:g}-{scale[1]:g}"


def parse_ratings(
    values: pd.Series | pd.DataFrame,
    *,
    table: RawTable | None = None,
    scale: tuple[float, float] | None = None,
    labels: LabelMap | None = None,
    numbers_only: bool = False,
    what: str = "rating",
) -> ParsedRatings:
    """Read rating cells as numbers: one column, or several columns that share a scale.

    Parameters
    ----------
    values:
        The cells (any dtype), indexed like ``table.frame``; a Series is one column
        named by its ``name``.
    table:
        Where the cells come from, to name file, sheet and spreadsheet row in
        errors; a DataFrame's own rows (header row 1) when ``None``.
    scale:
        Declared scale ``(low, high)``: it decides between label sets of different
        lengths, and labels that contradict it are an error.
    labels:
        User labels and their numbers; they extend (and override) the built-in sets.
    numbers_only:
        Accept numbers only (blanks and skip markers still missing): for columns
        that are not ratings, such as tenure or spend.
    what:
        What the cells are, for error messages ("satisfaction rating").

    Returns
    -------
    ParsedRatings

    Raises
    ------
    UnknownLabelError
        Cells that are no number and no known label (also ``inf``, ``nan`` text, booleans).
    ScaleError
        Labels of no single built-in set, or labels that contradict ``scale``.
    InvalidValueError
        ``numbers_only`` and a cell is not a number; or numbers outside the scale
        the labels define.

    References
    ----------
    docs/methods.md §1 (Kano) and §S1 (satisfaction).
    """
    frame = values.to_frame() if isinstance(values, pd.Series) else values
    if table is None:
        table = RawTable(frame=frame, source="DataFrame")
    user = dict(labels.entries) if labels else {}
    columns = [str(c) for c in frame.columns]
    cols = [
        _factorize(name, frame.iloc[:, j], user, numbers_only) for j, name in enumerate(columns)
    ]
    _refuse_unknown(cols, frame.index, table, numbers_only, what)
    keys = sorted({c.keys[u] for c in cols for u in np.flatnonzero(c.kinds == _LABEL)})
    chosen, notes = _choose_set(keys, cols, frame.index, table, scale)
    positions = {k: float(_BY_KEY[k][chosen]) for k in keys}
    out, missing = {}, {}
    for c in cols:
        numbers = c.numbers.copy()
        for u in np.flatnonzero(c.kinds == _LABEL):
            numbers[u] = positions[c.keys[u]]
        lookup = np.append(numbers, np.nan)  # the blank sentinel -1 picks the trailing NaN
        out[c.name] = lookup[c.codes]
        missing[c.name] = int(np.isnan(out[c.name]).sum())
    result = pd.DataFrame(out, index=frame.index)
    found = None
    name = None
    if chosen is not None:
        label_set = BUILTIN_SETS[chosen]
        found, name = (1.0, float(label_set.size)), label_set.name
        _check_on_scale(result, frame, table, found, name)
        plain = [c.name for c in cols if (c.kinds == _NUMBER_CELL).any()]
        if plain:
            notes.append(Note("ratings_plain_numbers", {"columns": _names(plain),
                                                        "set": label_set.note,
                                                        "points": label_set.size}))  # fmt: skip
    return ParsedRatings(result, pd.Series(missing, dtype=int), found, name, tuple(notes))


def _cell(table: RawTable, index: pd.Index, col: _Column, u: int) -> CellProblem:
    pos = int(col.first[u])
    return CellProblem(table.row_number(index[pos]), col.name, col.uniques[u])


def _refuse_unknown(cols, index, table, numbers_only, what) -> None:
    """Raise naming each distinct value that is no rating, with its count and first cell."""
    found: dict[object, list] = {}  # display key -> [row, column order, cell, count]
    for j, c in enumerate(cols):
        for u in np.flatnonzero((c.kinds == _BAD) | (c.kinds == _LABEL)):
            if c.kinds[u] == _BAD or c.keys[u] not in _BY_KEY:
                key = c.keys[u] or (type(c.uniques[u]).__name__, repr(c.uniques[u]))
                cell = _cell(table, index, c, u)
                entry = found.get(key)
                if entry is None:
                    found[key] = [cell.row, j, cell, int(c.counts[u])]
                else:
                    entry[3] += int(c.counts[u])
                    if (cell.row, j) < (entry[0], entry[1]):
                        entry[:3] = [cell.row, j, cell]
    if not found:
        return
    entries = sorted(found.values(), key=lambda e: (e[0], e[1]))
    if numbers_only:
        raise InvalidValueError(
            table.source,
            [e[2] for e in entries[:MAX_SHOWN]],
            sum(e[3] for e in entries),
            hint=f"Each {what} must be a number (or left blank).",
        )
    raise UnknownLabelError(table.source, [UnknownWording(e[2].value, e[3], e[2]) for e in entries])


def _first_cells(keys, cols, index, table) -> list[tuple[str, CellProblem]]:
    """Each label key with its first cell, in spreadsheet order (row, then column)."""
    best: dict[str, tuple[int, int, CellProblem]] = {}
    for j, c in enumerate(cols):
        for u in np.flatnonzero(c.kinds == _LABEL):
            key = c.keys[u]
            if key in keys:
                cell = _cell(table, index, c, u)
                if key not in best or (cell.row, j) < best[key][:2]:
                    best[key] = (cell.row, j, cell)
    order = sorted(best, key=lambda k: best[k][:2])
    return [(k, best[k][2]) for k in order]


def _choose_set(keys, cols, index, table, declared) -> tuple[int | None, list[Note]]:
    """The built-in set that holds every label key seen, and notes on how it was chosen."""
    notes: list[Note] = []
    if not keys:
        return None, notes
    columns = _names([c.name for c in cols if (c.kinds == _LABEL).any()])
    seen = _first_cells(set(keys), cols, index, table)
    cells = [cell for _, cell in seen[:MAX_SHOWN]]
    shown = ", ".join(repr(cell.value) for cell in cells)
    shown += " ..." if len(seen) > MAX_SHOWN else ""
    fits = [j for j in range(len(BUILTIN_SETS)) if all(j in _BY_KEY[k] for k in keys)]
    if not fits:
        where = "; ".join(cell.describe() for cell in cells)
        raise ScaleError(
            table.source,
            f"the labels of {columns} ({where}) belong to no single built-in scale (they mix "
            "scales); give their numbers in a label map ({opt:labels} labels.yaml, lines like "
            "'Rather important: 4') or re-export the numeric values",
            cells,
        )
    sizes = sorted({BUILTIN_SETS[j].size for j in fits})
    if declared is not None:
        low, high = declared
        size = int(high) if low == 1 and float(high).is_integer() else None
        if size not in sizes:
            options = " or ".join(f"1-{k}" for k in sizes)
            names = "; ".join(BUILTIN_SETS[j].name for j in fits[:3])
            raise ScaleError(
                table.source,
                f"the labels of {columns} ({shown}) are points {options} of a built-in scale "
                f"({names}), but the scale declared is {_scale_text(declared)}; declare the "
                f"scale {options}, or give the numbers in a label map ({{opt:labels}} labels.yaml)",
                cells,
            )
    else:
        size = 5 if 5 in sizes else sizes[0]  # the tie rule: 5 points, else the shortest
    same = [j for j in fits if BUILTIN_SETS[j].size == size]
    chosen = same[0]
    if declared is None and len(sizes) > 1:
        reading = [f"{cell.value!r} = {_BY_KEY[k][chosen]}" for k, cell in seen]
        notes.append(Note("ratings_tie", {
            "columns": columns, "labels": shown, "sizes": [str(k) for k in sizes],
            "set": BUILTIN_SETS[chosen].note, "reading": reading,
            "others": [f"1-{k}" for k in sizes if k != size],
        }))  # fmt: skip
    differ = [j for j in same[1:] if any(_BY_KEY[k][j] != _BY_KEY[k][chosen] for k in keys)]
    if differ:
        other = differ[0]
        key, cell = next((k, c) for k, c in seen if _BY_KEY[k][other] != _BY_KEY[k][chosen])
        notes.append(Note("ratings_sets_differ", {
            "columns": columns, "labels": shown, "set": BUILTIN_SETS[chosen].note,
            "other": BUILTIN_SETS[other].note, "value": repr(cell.value),
            "point": _BY_KEY[key][chosen], "other_point": _BY_KEY[key][other],
        }))  # fmt: skip
    by_point: dict[int, list[object]] = {}
    for key, cell in seen:
        by_point.setdefault(_BY_KEY[key][chosen], []).append(cell.value)
    for point, words in sorted(by_point.items()):
        if len(words) > 1:
            notes.append(Note("ratings_same_point", {
                "columns": columns, "words": [repr(w) for w in words], "point": point,
                "set": BUILTIN_SETS[chosen].note,
            }))  # fmt: skip
    return chosen, notes


def _check_on_scale(result, frame, table: RawTable, scale, name: str) -> None:
    """Numbers beside labels must lie on the labels' scale 1..k."""
    low, high = scale
    problems: list[CellProblem] = []
    total = 0
    for j, col in enumerate(result.columns):
        v = result[col].to_numpy()
        bad = np.flatnonzero((v < low) | (v > high))
        total += len(bad)
        for pos in bad[: MAX_SHOWN - len(problems)]:
            problems.append(
                CellProblem(table.row_number(frame.index[pos]), col, frame.iloc[pos, j])
            )
    if total:
        raise InvalidValueError(
            table.source,
            problems,
            total,
            hint=f"The labels of these columns are points {_scale_text(scale)} of the {name}; "
            "every number must lie on that scale.",
        )


def load_label_map(path: str | os.PathLike) -> LabelMap:
    """Read a user label map: YAML ``label: number`` lines or CSV rows under a ``label,value``
    header, through the toolkit's strict reader of map files (:mod:`kano.shared.mapfiles`:
    safe YAML, no repeated key, few aliases; CSV in UTF-8 or GBK).

    A number may also be ``missing`` (the label is then a blank answer). Labels
    are matched like the built-in ones (:func:`label_key`).

    Raises
    ------
    MappingFileError
        Unreadable file, a repeated label, a label that is a number, a value
        that is not a number or ``missing``.
    """
    path = Path(path)
    entries: dict[str, float] = {}
    first: dict[str, int] = {}
    for label, value, line in read_pairs(path, ("label", "value"), "label map"):
        key = label_key(label) if isinstance(label, str) else ""
        if not key or _NUMBER.fullmatch(key):
            raise MappingFileError(
                f"{path}, line {line}: {label!r} is not a label; write the label text, "
                "e.g. 'Rather important: 4'"
            )
        number = _map_value(value)
        if number is None:
            raise MappingFileError(
                f"{path}, line {line} ({label!r}): the value {value!r} must be a number or "
                "'missing'"
            )
        if key in entries:
            raise MappingFileError(
                f"{path}, line {line}: the label {label!r} is already given on line "
                f"{first[key]}; keep one of them"
            )
        entries[key], first[key] = number, line
    return LabelMap(entries=entries, path=path)


def _map_value(value: object) -> float | None:
    if isinstance(value, bool | np.bool_):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, str):
        text = normalize_text(value)
        if text in {"missing", "缺失"}:
            return math.nan
        if _NUMBER.fullmatch(text):
            number = float(text)
            return number if math.isfinite(number) else None
    return None
