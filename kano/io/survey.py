"""From a raw table to validated answer codes: the one boundary where input is checked.

:func:`read_survey` finds the column pairs, encodes every answer to a code
1-5 (0 = blank), and either raises :class:`~kano.shared.errors.UnknownAnswerError`
naming each distinct unknown answer once (with its count and first cell) or,
with ``on_invalid="skip"``, leaves those pairs out and counts them per service.
Everything downstream trusts its input.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np
import pandas as pd

from kano.io.answers import INVALID, MISSING, AnswerMap, answer_key, encode_column
from kano.io.pairing import Pairing, find_pairs, read_mapping
from kano.shared.errors import (
    CellProblem,
    InvalidValueError,
    OptionError,
    PairingError,
    UnknownAnswerError,
    UnknownWording,
)
from kano.shared.files import RawTable, read_table, text_encoding
from kano.shared.ratings import LabelMap, ParsedRatings, parse_ratings
from kano.shared.records import Note
from kano.shared.text import fold

MAX_REPORTED = 20

_LONG_NAMES = {
    "respondent": {
        "respondent",
        "respondent_id",
        "respondent id",
        "id",
        "受访者",
        "受访者编号",
        "答卷编号",
    },
    "service": {"service", "feature", "attribute", "item", "服务", "服務", "功能项", "属性"},
    "functional": {"functional", "func", "functional answer", "正向", "正向问题", "功能"},
    "dysfunctional": {
        "dysfunctional",
        "dysfunc",
        "dys",
        "dysfunctional answer",
        "反向",
        "反向问题",
        "非功能",
    },
    "importance": {"importance", "imp", "重要性", "重要程度"},
}


@dataclass(frozen=True)
class KanoSurvey:
    """Validated Kano answers, one row per respondent and one column per service.

    Attributes
    ----------
    functional, dysfunctional:
        uint8 codes (1 like, 2 must-be, 3 neutral, 4 live with, 5 dislike,
        0 blank or skipped-invalid); index = respondent ids, columns = services.
    importance:
        Self-stated importance per service (float, NaN blank); only services
        with an importance column.
    extra:
        Every other column (segments, region, spend ...), carried through.
    pairing:
        ``service, functional_column, dysfunctional_column, importance_column, found_by``.
    quality:
        Per service: ``n_respondents, n_missing, n_invalid`` (pairs left out).
    synonyms:
        ``column, answer, code, count``: text answers mapped by wording.
    source:
        Where the data came from (file, sheet), as error messages name it.
    file, sheet:
        The file's name (several joined by " + ") and the sheet read (xlsx only), for
        renderers to name the source in the report's language.
    notes:
        What the reader did that the user should know.
    unpaired:
        Columns that hold Kano answers but were not paired with any other
        (named in every output so that none is left out without a word).
    rows:
        The spreadsheet row of each respondent, for messages about their cells.
    """

    functional: pd.DataFrame
    dysfunctional: pd.DataFrame
    importance: pd.DataFrame
    extra: pd.DataFrame
    pairing: pd.DataFrame
    quality: pd.DataFrame
    synonyms: pd.DataFrame
    source: str
    layout: str = "wide"
    answer_map: Note | str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    invalid: pd.DataFrame | None = None  # respondents × services, True where a pair was skipped
    unpaired: tuple[str, ...] = ()
    rows: pd.Series | None = None  # spreadsheet row of each respondent (its first, if long)
    file: str = ""
    sheet: str | None = None

    @property
    def services(self) -> list[str]:
        return list(self.functional.columns)

    def __repr__(self) -> str:
        missing = int(self.quality["n_missing"].sum()) if len(self.quality) else 0
        return (f"<KanoSurvey {self.source}: {len(self.functional)} respondents, "
                f"{len(self.services)} services, {missing} missing pairs>")  # fmt: skip

    def _repr_html_(self) -> str:
        import html

        table = self.pairing.head(30).to_html(index=False, escape=True)
        return f"<p>{html.escape(repr(self)[1:-1])}</p>{table}"

    def subset(self, mask: np.ndarray) -> KanoSurvey:
        """The same survey restricted to the respondents where ``mask`` is True.

        ``quality`` is recomputed for the remaining respondents.
        """
        mask = np.asarray(mask, dtype=bool)
        f = self.functional.to_numpy()[mask]
        d = self.dysfunctional.to_numpy()[mask]
        invalid = (
            self.invalid.to_numpy()[mask]
            if self.invalid is not None
            else np.zeros_like(f, dtype=bool)
        )
        quality = _quality(self.services, f, d, invalid)
        index = self.functional.index[mask]
        return replace(
            self,
            functional=pd.DataFrame(f, index=index, columns=self.services),
            dysfunctional=pd.DataFrame(d, index=index, columns=self.services),
            importance=self.importance.loc[mask] if len(self.importance) else self.importance,
            extra=self.extra.loc[mask] if len(self.extra) else self.extra,
            quality=quality,
            invalid=pd.DataFrame(invalid, index=index, columns=self.services),
            rows=self.rows.loc[mask] if self.rows is not None else None,
        )


def _quality(services, f_codes, d_codes, invalid) -> pd.DataFrame:
    missing = ~invalid & ((f_codes == MISSING) | (d_codes == MISSING))
    return pd.DataFrame(
        {
            "service": services,
            "n_respondents": len(f_codes),
            "n_missing": missing.sum(axis=0),
            "n_invalid": invalid.sum(axis=0),
        }
    )


def read_survey(
    source: str | os.PathLike | pd.DataFrame | RawTable,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    layout: Literal["auto", "wide", "long"] = "auto",
    mapping: str | os.PathLike | None = None,
    answers: AnswerMap | None = None,
    on_invalid: Literal["error", "skip"] = "error",
    long_columns: dict[str, str] | None = None,
    labels: LabelMap | None = None,
) -> KanoSurvey:
    """Read and validate a Kano survey.

    Parameters
    ----------
    source:
        An .xlsx/.csv path, a DataFrame, or a :class:`RawTable` already read.
    sheet:
        Workbook sheet (first sheet by default).
    encoding:
        Text encoding of a CSV file (``big5``, ``gb18030`` …; default: detected).
    layout:
        ``wide`` (one row per respondent, a column pair per service), ``long``
        (respondent, service, functional, dysfunctional) or ``auto``.
    mapping:
        Explicit pairing file (CSV/YAML/xlsx) for the wide layout.
    answers:
        How answers are coded; the built-in map by default.
    on_invalid:
        ``error`` raises on any unreadable answer; ``skip`` leaves those pairs
        out and counts them per service.
    long_columns:
        Column names for the long layout, keys ``respondent, service,
        functional, dysfunctional`` (and optional ``importance``).
    labels:
        The user's importance labels and their numbers (a label map), read
        beside the built-in label sets (:mod:`kano.shared.ratings`).

    Raises
    ------
    UnknownAnswerError
        Answer cells that are neither codes nor known wordings (``on_invalid="error"``).
    InvalidValueError, PairingError, MappingFileError, InputFileError
    """
    if on_invalid not in ("error", "skip"):
        raise OptionError(f"on_invalid must be 'error' or 'skip', not {on_invalid!r}")
    table = (
        source
        if isinstance(source, RawTable)
        else read_table(source, sheet=sheet, encoding=text_encoding(encoding) if encoding else None)
    )
    answers = answers or AnswerMap()
    columns = list(table.frame.columns)
    long_cols = long_layout_columns(columns, long_columns) if layout in ("auto", "long") else None
    if layout == "long" and long_cols is None:
        raise PairingError(
            f"{table.source}: long layout needs respondent, service, functional and "
            f"dysfunctional columns; the columns are {columns}"
        )
    if long_cols is not None and mapping is None:
        return _read_long(table, long_cols, answers, on_invalid, labels)
    table = _decode_value_labels(table, answers)
    if mapping is not None:
        pairing = read_mapping(mapping, columns, table.aliases)
    else:
        pairing = find_pairs(columns, table.source, answer_columns(table, answers))
    return _read_wide(table, pairing, answers, on_invalid, labels)


_KANO_QUESTION = ("feel", "感觉", "感覺", "感受", "觉得", "覺得")


def answer_columns(table: RawTable, answers: AnswerMap) -> list[str]:
    """Columns whose every non-blank cell is a Kano answer: a known wording in at least
    one cell, or codes 1-5 under a header that asks how the respondent feels.

    Used to pair by questionnaire order as a last resort and to name Kano columns
    that no rule paired. Looks at each column's distinct values only.
    """
    found = []
    for col in table.frame.columns:
        values = table.frame[col]
        if pd.api.types.is_bool_dtype(values.dtype):
            continue
        head = pd.unique(values.iloc[:2000].dropna())
        if len(head) == 0 or len(head) > 12:
            continue
        looked = [answers.lookup(v) for v in head]
        if any(code == INVALID for code, _ in looked):
            continue
        uniques = pd.unique(values.dropna())
        if len(uniques) > len(head):
            looked = [answers.lookup(v) for v in uniques]
            if any(code == INVALID for code, _ in looked):
                continue
        worded = any(matched for _, matched in looked)
        if worded or any(w in fold(col) for w in _KANO_QUESTION):
            found.append(str(col))
    return found


def _decode_value_labels(table: RawTable, answers: AnswerMap) -> RawTable:
    """Replace codes by their value labels (SPSS) in columns whose labels are Kano answers,
    so that a file coded 1 = 不喜欢 … 5 = 喜欢 is read by its labels, not its codes."""
    decoded = {}
    for col, labels in table.value_labels.items():
        if col not in table.frame.columns or not labels:
            continue
        codes = [answers.lookup(text)[0] for text in labels.values()]
        if any(c == INVALID for c in codes) or not any(
            answers.lookup(t)[1] for t in labels.values()
        ):
            continue
        values = table.frame[col]
        decoded[col] = (
            values.map(labels)
            .where(values.notna())
            .where(values.isna() | values.isin(list(labels)), values)
        )
    if not decoded:
        return table
    frame = table.frame.copy(deep=False)
    for col, values in decoded.items():
        frame[col] = values.astype(object)
    note = Note("spss_value_labels", {"n": len(decoded)})
    return replace(table, frame=frame, notes=(*table.notes, note))


def long_layout_columns(columns: list[str], given: dict[str, str] | None) -> dict[str, str] | None:
    """The long layout's role → column names, or ``None`` when the table is not long."""
    found: dict[str, str] = {}
    for role, names in _LONG_NAMES.items():
        if given and role in given:
            if given[role] not in columns:
                raise PairingError(f"the {role} column {given[role]!r} is not in the data")
            found[role] = given[role]
            continue
        match = next((c for c in columns if fold(c) in names), None)
        if match:
            found[role] = match
    required = {"respondent", "service", "functional", "dysfunctional"}
    return found if required <= found.keys() else None


def _read_wide(
    table: RawTable, pairing: Pairing, answers: AnswerMap, on_invalid: str, labels: LabelMap | None
) -> KanoSurvey:
    frame = table.frame
    pairs = pairing.pairs
    services = list(pairs["service"])
    index = _respondent_index(frame, pairing.id_column, table)
    n = len(frame)
    f_codes = np.empty((n, len(services)), dtype=np.uint8)
    d_codes = np.empty((n, len(services)), dtype=np.uint8)
    columns = [c for row in pairs.itertuples(index=False)
               for c in (row.functional_column, row.dysfunctional_column)]  # fmt: skip
    codes, synonyms = _encode(table, columns, answers, on_invalid)
    for j, row in enumerate(pairs.itertuples(index=False)):
        f_codes[:, j] = codes[row.functional_column]
        d_codes[:, j] = codes[row.dysfunctional_column]
    importance, notes = _importance(pairs, index, table, labels)
    used = (
        set(pairs["functional_column"])
        | set(pairs["dysfunctional_column"])
        | set(pairs["importance_column"])
    )
    extra_cols = [c for c in frame.columns if c not in used and c != pairing.id_column]
    extra = frame[extra_cols].set_axis(index)
    survey = _assemble(
        table,
        services,
        index,
        f_codes,
        d_codes,
        importance,
        extra,
        pairs,
        synonyms,
        answers,
        "wide",
        notes,
    )
    rows = pd.Series(frame.index.to_numpy() + table.first_row, index=index)
    return replace(
        survey, unpaired=pairing.unpaired, notes=(*survey.notes, *pairing.notes), rows=rows
    )


def _encode(
    table: RawTable, columns: list[str], answers: AnswerMap, on_invalid: str
) -> tuple[dict[str, np.ndarray], dict[tuple[str, str, int], int]]:
    """Answer codes of ``columns`` (unknown cells coded INVALID) and the wordings matched.

    Raises :class:`UnknownAnswerError` when ``on_invalid == "error"`` and a cell
    is neither a code nor a known wording: each distinct value once (by
    :func:`answer_key`, over all answer columns), with its count and first cell
    in reading order (row, then column).
    """
    frame = table.frame
    position = {c: k for k, c in enumerate(frame.columns)}
    codes: dict[str, np.ndarray] = {}
    synonyms: dict[tuple[str, str, int], int] = {}
    unknown: dict[tuple, list] = {}  # key -> [(row, column position), value, count, first cell]
    for col in columns:
        enc = encode_column(frame[col], answers)
        codes[col] = enc.codes
        for (answer, code), count in enc.synonyms.items():
            synonyms[(col, answer, code)] = count
        for value, count, pos in enc.unknown:  # one entry per distinct value, not per cell
            row = table.row_number(frame.index[pos])
            place = (row, position[col])
            entry = unknown.setdefault(answer_key(value), [place, value, 0, None])
            if place <= entry[0]:
                entry[0], entry[1], entry[3] = place, value, CellProblem(row, col, value)
            entry[2] += count
    if unknown and on_invalid == "error":
        wordings = [
            UnknownWording(value, count, cell)
            for _, value, count, cell in sorted(unknown.values(), key=lambda e: e[0])
        ]
        raise UnknownAnswerError(table.source, wordings, _UNKNOWN_HINT, table.path)
    return codes, synonyms


_UNKNOWN_HINT = (
    "Map them to codes in an answer map (kano.render.suggestion.suggest_answer_map drafts one) and pass "
    "it with {opt:answers}, or use {opt:on_invalid} skip to leave these answers out (they are then counted)"
)


def _read_long(
    table: RawTable,
    cols: dict[str, str],
    answers: AnswerMap,
    on_invalid: str,
    labels: LabelMap | None,
) -> KanoSurvey:
    frame = table.frame
    resp = frame[cols["respondent"]]
    serv = frame[cols["service"]]
    blank_key = resp.isna() | serv.isna()
    if blank_key.any():
        pos = int(np.flatnonzero(blank_key.to_numpy())[0])
        label = frame.index[pos]
        which = cols["respondent"] if pd.isna(resp.iloc[pos]) else cols["service"]
        raise InvalidValueError(
            table.source,
            [CellProblem(table.row_number(label), which, None)],
            int(blank_key.sum()),
            hint="every row of a long table needs a respondent and a service",
        )
    serv = serv.astype(str).str.strip()
    dup = pd.DataFrame({"r": resp, "s": serv}).duplicated(keep="first").to_numpy()
    if dup.any():
        pos = int(np.flatnonzero(dup)[0])
        raise InvalidValueError(
            table.source,
            [CellProblem(table.row_number(frame.index[pos]), cols["service"], serv.iloc[pos])],
            int(dup.sum()),
            hint=f"respondent {resp.iloc[pos]!r} answers this service twice",
        )
    by_column, synonyms = _encode(
        table, [cols["functional"], cols["dysfunctional"]], answers, on_invalid
    )
    codes = {role: by_column[cols[role]] for role in ("functional", "dysfunctional")}
    r_codes, respondents = pd.factorize(resp)
    s_codes, services = pd.factorize(serv)
    shape = (len(respondents), len(services))
    f_codes = np.zeros(shape, dtype=np.uint8)  # a respondent without a row for a service: blank
    d_codes = np.zeros(shape, dtype=np.uint8)
    f_codes[r_codes, s_codes] = codes["functional"]
    d_codes[r_codes, s_codes] = codes["dysfunctional"]
    index = pd.Index(respondents, name="respondent")
    services = [str(s) for s in services]
    notes: tuple[str, ...] = ()
    if "importance" in cols:
        parsed = _numeric_importance(frame[[cols["importance"]]], table, labels)
        imp = np.full(shape, np.nan)
        imp[r_codes, s_codes] = parsed.values.iloc[:, 0].to_numpy()
        importance = pd.DataFrame(imp, index=index, columns=services)
        importance = importance.loc[:, importance.notna().any()]
        notes = parsed.notes
    else:
        importance = pd.DataFrame(index=index)
    pairs = pd.DataFrame(
        {
            "service": services,
            "functional_column": cols["functional"],
            "dysfunctional_column": cols["dysfunctional"],
            "importance_column": cols.get("importance", ""),
            "found_by": "long layout",
        }
    )
    extra_cols = [c for c in frame.columns if c not in cols.values()]
    extra = (
        frame[extra_cols].groupby(r_codes).first().set_axis(index)
        if extra_cols
        else pd.DataFrame(index=index)
    )
    rows = pd.Series(frame.index.to_numpy() + table.first_row).groupby(r_codes).first()
    survey = _assemble(
        table,
        services,
        index,
        f_codes,
        d_codes,
        importance,
        extra,
        pairs,
        synonyms,
        answers,
        "long",
        notes,
    )
    return replace(survey, rows=rows.set_axis(index))


def _assemble(
    table,
    services,
    index,
    f_codes,
    d_codes,
    importance,
    extra,
    pairs,
    synonyms,
    answers,
    layout,
    notes=(),
):
    invalid = (f_codes == INVALID) | (d_codes == INVALID)
    f_codes[invalid] = MISSING
    d_codes[invalid] = MISSING
    quality = _quality(services, f_codes, d_codes, invalid)
    syn = pd.DataFrame(
        [(c, a, code, n) for (c, a, code), n in synonyms.items()],
        columns=["column", "answer", "code", "count"],
    )
    return KanoSurvey(
        functional=pd.DataFrame(f_codes, index=index, columns=services),
        dysfunctional=pd.DataFrame(d_codes, index=index, columns=services),
        importance=importance,
        extra=extra,
        pairing=pairs,
        quality=quality,
        synonyms=syn,
        source=table.source,
        file=table.path.name if table.path is not None else table.source,
        sheet=table.sheet,
        layout=layout,
        answer_map=answers.description,
        notes=table.notes + tuple(notes),
        invalid=pd.DataFrame(invalid, index=index, columns=services),
    )


def _respondent_index(frame: pd.DataFrame, id_column: str | None, table: RawTable) -> pd.Index:
    if id_column is None:
        return pd.Index(frame.index.to_numpy() + table.first_row, name="row")
    ids = frame[id_column]
    dup = ids.duplicated() & ids.notna()
    if dup.any():
        pos = int(np.flatnonzero(dup.to_numpy())[0])
        raise InvalidValueError(
            table.source,
            [CellProblem(table.row_number(frame.index[pos]), id_column, ids.iloc[pos])],
            int(dup.sum()),
            hint="respondent ids must be unique",
        )
    return pd.Index(ids.to_numpy(), name=str(id_column))


def _importance(
    pairs: pd.DataFrame, index: pd.Index, table: RawTable, labels: LabelMap | None
) -> tuple[pd.DataFrame, tuple[str, ...]]:
    """Self-stated importance per service, all importance columns read together (one scale)."""
    columns = list(dict.fromkeys(c for c in pairs["importance_column"] if c))
    if not columns:
        return pd.DataFrame(index=index), ()
    parsed = _numeric_importance(table.frame[columns], table, labels)
    data = {
        row.service: parsed.values[row.importance_column].to_numpy()
        for row in pairs.itertuples(index=False)
        if row.importance_column
    }
    return pd.DataFrame(data, index=index), parsed.notes


def _numeric_importance(
    values: pd.DataFrame, table: RawTable, labels: LabelMap | None
) -> ParsedRatings:
    """Importance columns through the one rating parser: numbers, '5 - Extremely important',
    非常重要 ...; platforms' skip markers are blanks, as in answer columns."""
    return parse_ratings(values, table=table, labels=labels, what="importance rating")


def combine_surveys(parts: list[tuple[str, KanoSurvey]], column: str = "source") -> KanoSurvey:
    """Several files of one questionnaire (cohorts, channels) as one survey.

    Services are matched by their exact names; a service missing from a file
    leaves its respondents there blank for it (counted as missing, and said in
    ``notes``). A ``column`` (default ``source``) in ``extra`` names each
    respondent's file, so that results can be split by it (``--by source``).
    Respondent ids repeated across files are kept apart by prefixing the file.

    Parameters
    ----------
    parts:
        ``(label, survey)`` per file, in order; labels must differ.
    """
    labels = [label for label, _ in parts]
    if len(set(labels)) != len(labels):
        raise OptionError(f"the files must have different names: {labels}")
    if len(parts) == 1:
        return parts[0][1]
    services = list(dict.fromkeys(s for _, sv in parts for s in sv.services))
    notes = [Note("files_combined", {"n": len(parts), "files": labels})]
    missing = {label: [s for s in services if s not in sv.services] for label, sv in parts}
    for label, absent in missing.items():
        if absent:
            notes.append(
                Note("file_lacks_services", {"file": label, "services": [repr(s) for s in absent]})
            )
    f = np.concatenate([sv.functional.reindex(columns=services, fill_value=0).to_numpy()
                        for _, sv in parts])  # fmt: skip
    d = np.concatenate([sv.dysfunctional.reindex(columns=services, fill_value=0).to_numpy()
                        for _, sv in parts])  # fmt: skip
    f, d = f.astype(np.uint8), d.astype(np.uint8)
    invalid = np.concatenate([
        (sv.invalid if sv.invalid is not None else sv.functional.astype(bool) & False)
        .reindex(columns=services, fill_value=False).to_numpy(dtype=bool)
        for _, sv in parts
    ])  # fmt: skip
    ids = [sv.functional.index for _, sv in parts]
    flat = pd.Index(np.concatenate([i.to_numpy(dtype=object) for i in ids]))
    if flat.has_duplicates:
        flat = pd.Index(
            [f"{label}:{v}" for (label, _), i in zip(parts, ids, strict=True) for v in i]
        )
    index = flat.rename("respondent")
    sources = np.repeat(labels, [len(i) for i in ids])
    extra = pd.concat([sv.extra.set_axis(range(len(sv.extra))) for _, sv in parts],
                      ignore_index=True).set_axis(index)  # fmt: skip
    name = column if column not in extra.columns else f"{column}_file"
    extra.insert(0, name, sources)
    importance = pd.concat(
        [sv.importance.set_axis(range(len(sv.importance))) for _, sv in parts], ignore_index=True
    ).set_axis(index)
    rows = None
    if all(sv.rows is not None for _, sv in parts):
        rows = pd.Series(np.concatenate([sv.rows.to_numpy() for _, sv in parts]), index=index)
    pairing = pd.concat([sv.pairing.assign(file=label) for label, sv in parts], ignore_index=True)
    synonyms = pd.concat([sv.synonyms for _, sv in parts], ignore_index=True)
    first = parts[0][1]
    return replace(
        first,
        functional=pd.DataFrame(f, index=index, columns=services),
        dysfunctional=pd.DataFrame(d, index=index, columns=services),
        importance=importance.loc[:, importance.notna().any()]
        if importance.shape[1]
        else importance,
        extra=extra,
        pairing=pairing,
        quality=_quality(services, f, d, invalid),
        synonyms=synonyms.groupby(["column", "answer", "code"], as_index=False)["count"].sum()
        if len(synonyms)
        else synonyms,
        source=" + ".join(labels),
        file=" + ".join(labels),
        notes=tuple(notes)
        + tuple(
            Note("in_file", {"file": label, "note": n}) for label, sv in parts for n in sv.notes
        ),
        invalid=pd.DataFrame(invalid, index=index, columns=services),
        unpaired=tuple(f"{label}: {c}" for label, sv in parts for c in sv.unpaired),
        rows=rows,
    )
