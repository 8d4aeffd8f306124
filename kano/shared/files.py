"""Reading survey exports (.xlsx, .csv, DataFrame) into a raw table.

The reader only gets the cells out of the file; it does not interpret answers.
It keeps enough to name any cell as the user sees it: the file, the sheet and the
spreadsheet row (header rows counted), so that later validation errors can point
at the exact cell.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import os
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from zlib import error as zlib_error

import pandas as pd

from kano.shared.errors import InputFileError, OptionError
from kano.shared.layouts import normalise_headers
from kano.shared.records import Note

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
_SAMPLE_BYTES = 1 << 20
# Zip-bomb guard: what the zip declares before anything is inflated. A real
# survey sheet compresses 5-20x; a bomb 1000x.
MAX_UNCOMPRESSED = 2 << 30  # 2 GiB for the whole workbook
MAX_RATIO = 200  # per member larger than _RATIO_FLOOR
_RATIO_FLOOR = 50 << 20


@dataclass(frozen=True)
class RawTable:
    """A table as read from a file, before any interpretation.

    Attributes
    ----------
    frame:
        The cells, one column per header. Fully blank rows are dropped but the
        index keeps each row's 0-based position among the data rows, so
        ``index + first_row`` is the row number a spreadsheet shows.
    source:
        Human name of where the data came from, e.g. ``"survey.xlsx, sheet 'Data'"``.
    path:
        The file read, or ``None`` for a DataFrame.
    sheet:
        The sheet read (xlsx only).
    first_row:
        Spreadsheet row number of the first data row (2 with one header row).
    encoding:
        Text encoding detected (CSV only).
    notes:
        What the reader noticed and did (extra header rows dropped, ...).
    aliases:
        Other names of a column that a user may refer to (a Qualtrics export
        tag, an SPSS variable name) -> its header.
    value_labels:
        Per column, the labels of coded values (SPSS value labels).
    """

    frame: pd.DataFrame
    source: str
    path: Path | None = None
    sheet: str | None = None
    first_row: int = 2
    encoding: str | None = None
    notes: tuple[Note, ...] = field(default_factory=tuple)
    aliases: Mapping[str, str] = field(default_factory=dict)
    value_labels: Mapping[str, Mapping[float, str]] = field(default_factory=dict)

    def row_number(self, index_label: int) -> int:
        """Spreadsheet row number of the data row with this index label."""
        return int(index_label) + self.first_row


def read_table(
    source: str | os.PathLike | pd.DataFrame, sheet: str | None = None, encoding: str | None = None
) -> RawTable:
    """Read an .xlsx/.csv file (or wrap a DataFrame) into a :class:`RawTable`.

    Parameters
    ----------
    source:
        Path of a ``.xlsx``/``.xlsm``/``.csv``/``.txt``/``.tsv``/``.sav`` file, or a DataFrame.
    sheet:
        Sheet name for workbooks; the first sheet when ``None``.
    encoding:
        Text encoding of a CSV file (``big5``, ``gb18030`` …, see :func:`text_encoding`);
        detected when ``None``.

    Raises
    ------
    InputFileError
        Missing file, unknown or disguised format, unknown sheet, undecodable
        text, empty table.
    """
    if isinstance(source, pd.DataFrame):
        frame = source.reset_index(drop=True)
        frame.columns = [str(c) for c in frame.columns]
        return RawTable(frame=frame, source="DataFrame", first_row=2)
    path = Path(source)
    if not path.exists():
        raise InputFileError(f"{path}: file not found")
    if encoding is not None and path.suffix.lower() not in {".csv", ".txt", ".tsv"}:
        raise InputFileError(f"{path}: {{opt:encoding}} applies to CSV and text files only")
    if path.is_dir():
        raise InputFileError(f"{path}: is a folder, not a file")
    if path.stat().st_size == 0:
        raise InputFileError(f"{path}: the file is empty")
    with path.open("rb") as fh:
        head = fh.read(8)
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        if head.startswith(_OLE_MAGIC):
            raise InputFileError(
                f"{path}: this is an old .xls workbook renamed to {suffix}; "
                "open it in Excel and save it as .xlsx"
            )
        if not head.startswith(_ZIP_MAGIC):
            raise InputFileError(
                f"{path}: not an Excel .xlsx workbook (it looks like a text/CSV file "
                "renamed to .xlsx); rename it to .csv"
            )
        table = _read_xlsx(path, sheet)
    elif suffix == ".xls":
        raise InputFileError(f"{path}: old .xls workbooks are not supported; save it as .xlsx")
    elif suffix in {".sav", ".zsav"}:
        if sheet is not None:
            raise InputFileError(f"{path}: {{opt:sheet}} applies to .xlsx workbooks only")
        table = _read_sav(path)
    elif suffix in {".csv", ".txt", ".tsv"}:
        if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
            raise InputFileError(f"{path}: this is a workbook renamed to {suffix}; use .xlsx")
        if sheet is not None:
            raise InputFileError(f"{path}: {{opt:sheet}} applies to .xlsx workbooks only")
        table = _read_csv(path, encoding)
    else:
        raise InputFileError(
            f"{path}: unsupported file type {suffix!r}; use .xlsx, .csv or an SPSS .sav file"
        )
    return _finish(table)


def check_workbook(path: str | os.PathLike) -> None:
    """Refuse a workbook before any XML of it is parsed: not a zip, not an Excel
    package, a zip bomb (declared sizes or ratios) or XML with a DTD (entity bombs).

    Raises
    ------
    InputFileError
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if "xl/workbook.xml" not in {i.filename for i in infos}:
                raise InputFileError(f"{path}: not an Excel workbook (an .ods or other zip file?)")
            total = sum(i.file_size for i in infos)
            if total > MAX_UNCOMPRESSED:
                raise InputFileError(
                    f"{path}: the workbook declares {total / (1 << 30):.1f} GB uncompressed "
                    f"(limit {MAX_UNCOMPRESSED >> 30} GB); refusing a possible zip bomb"
                )
            for info in infos:
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
                    raise InputFileError(
                        f"{path}: {info.filename} inflates {ratio:.0f}x to "
                        f"{info.file_size >> 20} MB uncompressed; refusing a possible zip bomb"
                    )
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with zf.open(info) as fh:
                        head = fh.read(4096)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise InputFileError(
                            f"{path}: {info.filename} declares XML entities (a DTD), which Excel "
                            "never writes; refusing a possible entity-expansion attack"
                        )
    except zipfile.BadZipFile as exc:
        raise InputFileError(f"{path}: the workbook is damaged or truncated ({exc})") from None
    except (zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, zlib_error) as exc:
        raise InputFileError(f"{path}: the workbook is damaged or truncated ({exc})") from None


def _read_xlsx(path: Path, sheet: str | None) -> RawTable:
    check_workbook(path)
    try:
        book = pd.ExcelFile(path, engine="calamine")
    except Exception as exc:  # calamine raises its own types for damaged files
        raise InputFileError(f"{path}: cannot open the workbook ({_one_line(exc)})") from None
    with book:
        names = [str(n) for n in book.sheet_names]
        sheet, notes = _choose_sheet(path, book, names, sheet)
        # The scan decompresses the sheet XML in a thread (zlib releases the GIL)
        # while calamine parses it, so it costs next to nothing on two cores.
        scan = ThreadPoolExecutor(max_workers=1)
        hidden = scan.submit(_hidden_cells, path, sheet)
        scan.shutdown(wait=False)
        try:
            frame = pd.read_excel(
                book, sheet_name=sheet, header=0, keep_default_na=False, na_values=[""]
            )
            if _looks_mangled(frame.columns):
                raw = pd.read_excel(book, sheet_name=sheet, header=None, nrows=1)
                frame.columns = _unmangle(frame.columns, raw.iloc[0].tolist() if len(raw) else [])
        except Exception as exc:
            raise InputFileError(
                f"{path}, sheet {sheet!r}: cannot read the sheet ({_one_line(exc)})"
            ) from None
    frame = _restore_hidden_cells(frame, hidden.result())
    return RawTable(
        frame=frame, source=f"{path.name}, sheet {sheet!r}", path=path, sheet=sheet, notes=notes
    )


def _read_sav(path: Path) -> RawTable:
    """An SPSS file: variable labels become headers (names stay as aliases), value labels kept.

    Codes stay codes; a column's value labels travel with the table, so that a
    reader can decode a labelled answer (SPSSAU writes 1 = 不喜欢 … 5 = 喜欢).
    User-missing values are read as blanks, hence counted as missing.
    """
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(str(path), apply_value_formats=False)
    except Exception as exc:  # pyreadstat raises its own ReadstatError for damaged files
        raise InputFileError(f"{path}: cannot read the SPSS file ({_one_line(exc)})") from None
    names = [str(c) for c in frame.columns]
    labels = meta.column_names_to_labels or {}
    texts = [str(labels.get(n) or "").strip() for n in names]
    counts = Counter(t for t in texts if t)
    header = [t if t and counts[t] == 1 else n for n, t in zip(names, texts, strict=True)]
    frame.columns = header
    aliases = {n: h for n, h in zip(names, header, strict=True) if n != h}
    by_name = dict(zip(names, header, strict=True))
    value_labels = {
        by_name[n]: {float(k): str(v) for k, v in vl.items()}
        for n, vl in (meta.variable_value_labels or {}).items()
        if n in by_name
    }
    return RawTable(
        frame=frame,
        source=path.name,
        path=path,
        notes=(Note("spss_headers"),) if aliases else (),
        aliases=aliases,
        value_labels=value_labels,
    )


def _choose_sheet(
    path: Path, book: pd.ExcelFile, names: list[str], sheet: str | None
) -> tuple[str, tuple[Note, ...]]:
    """The sheet to read and a note when sheets before it were skipped.

    By default the first visible worksheet; chart, dialog and macro sheets hold no
    table, so they are skipped like hidden ones, and naming one is an error that
    lists the worksheets."""
    kinds = _sheet_kinds(book)
    if sheet is None:
        if not names:
            raise InputFileError(f"{path}: the workbook has no sheets")
        visible = _visible_sheets(book, names)
        chosen = visible[0] if visible else names[0]
        first = next(iter(kinds), names[0])
        return chosen, (Note("hidden_sheets", {"sheet": chosen}),) if chosen != first else ()
    if sheet in names:
        return sheet, ()
    listed = ", ".join(map(repr, names)) or "(none)"
    kind = kinds.get(sheet)
    if kind is not None and kind != "worksheet":
        raise InputFileError(
            f"{path}: the sheet {sheet!r} is a {kind} sheet, which holds no table; "
            f"the data sheets are: {listed}"
        )
    raise InputFileError(f"{path}: no sheet named {sheet!r}; the sheets are: {listed}")


# python-calamine's sheet types, as words for messages
_SHEET_KINDS = {"worksheet": "worksheet", "chartsheet": "chart", "dialogsheet": "dialog",
                "macrosheet": "macro", "vba": "macro"}  # fmt: skip


def _sheet_kinds(book: pd.ExcelFile) -> dict[str, str]:
    """Every sheet of the workbook, in order, and its kind (``worksheet``, ``chart``,
    ``dialog``, ``macro``); empty when the engine does not say."""
    try:
        meta = book.book.sheets_metadata
        return {
            str(m.name): _SHEET_KINDS.get(str(m.typ).rsplit(".", 1)[-1].lower(), "worksheet")
            for m in meta
        }
    except Exception:  # another engine or an old python-calamine
        return {}


def _visible_sheets(book: pd.ExcelFile, names: list[str]) -> list[str]:
    """The visible worksheets (not chart, dialog or macro sheets), in order."""
    try:
        meta = book.book.sheets_metadata
        return [
            str(m.name)
            for m in meta
            if str(m.visible).rsplit(".", 1)[-1].lower() == "visible"
            and _SHEET_KINDS.get(str(m.typ).rsplit(".", 1)[-1].lower()) == "worksheet"
        ]
    except Exception:  # another engine or an old python-calamine: keep the first sheet
        return names


_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+)([0-9]+)"')
_XML_ESCAPES = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'", "&amp;": "&"}


def _sheet_part(zf: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member of the sheet named ``sheet`` (workbook.xml + its relationships)."""
    from defusedxml import ElementTree as ET

    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    book = ET.fromstring(zf.read("xl/workbook.xml"))
    rid = next((el.get(f"{rel_ns}id") for el in book.iter(f"{main}sheet")
                if el.get("name") == sheet), None)  # fmt: skip
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    for rel in rels:
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def _hidden_cells(path: Path, sheet: str) -> list[tuple[int, int, str]]:
    """Cells calamine turns into blanks: Excel error results (``#N/A``, ``#DIV/0!``
    ...) and formulas saved without a result (written by a script, never opened
    in Excel), as (row, column index, text), so that validation names them
    instead of counting them as missing answers. Best effort: [] on any problem."""
    try:
        with zipfile.ZipFile(path) as zf:
            part = _sheet_part(zf, sheet)
            if part is None or part not in zf.namelist():
                return []
            found = []
            with zf.open(part) as fh:
                tail = b""
                while chunk := fh.read(1 << 22):
                    data = tail + chunk
                    cut = data.rfind(b"<c ")
                    cut = cut if cut > 0 else len(data)
                    block, tail = data[:cut], data[cut:]
                    if b't="e"' in block or b"<f" in block or b't="b"' in block:
                        found += _odd_cells(block)
                if tail:
                    found += _odd_cells(tail)
            return found
    except Exception:  # the sheet itself is read by calamine either way
        return []


def _restore_hidden_cells(
    frame: pd.DataFrame, found: list[tuple[int, int, str | bool]]
) -> pd.DataFrame:
    """Put the texts of :func:`_hidden_cells` back into the blank cells they came from, and
    TRUE/FALSE cells back as booleans (pandas turns them into 1/0 in a column of numbers)."""
    for row, col, value in found:
        i, j = row - 2, col
        if not (0 <= i < len(frame) and j < frame.shape[1]):
            continue
        if isinstance(value, bool) or pd.isna(frame.iat[i, j]):
            if not pd.api.types.is_object_dtype(frame.dtypes.iloc[j]):
                frame.isetitem(j, frame.iloc[:, j].astype(object))
            frame.iat[i, j] = value
    return frame


def _odd_cells(block: bytes) -> list[tuple[int, int, str | bool]]:
    out: list[tuple[int, int, str | bool]] = []
    for m in _CELL.finditer(block):
        attrs, body = m.group(1), m.group(2) or b""
        is_error = b't="e"' in attrs
        is_bool = b't="b"' in attrs
        uncached = b"<f" in body and not re.search(rb"<v>[^<]", body)
        if not (is_error or uncached or is_bool):
            continue
        ref = _REF.search(attrs)
        if not ref:
            continue
        if is_bool:
            v = re.search(rb"<v>([^<]*)</v>", body)
            if v:
                out.append((int(ref.group(2)), _column_index(ref.group(1).decode()),
                            v.group(1).strip() == b"1"))  # fmt: skip
            continue
        if is_error:
            v = re.search(rb"<v>([^<]*)</v>", body)
            text = v.group(1).decode("utf-8", "replace") if v else "#error"
        else:
            f = re.search(rb"<f[^>]*>([^<]*)</f>", body)
            text = "=" + (f.group(1).decode("utf-8", "replace") if f else "")
        for k, v in _XML_ESCAPES.items():
            text = text.replace(k, v)
        out.append((int(ref.group(2)), _column_index(ref.group(1).decode()), text))
    return out


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_letter(index: int) -> str:
    """Spreadsheet letters of a 0-based column position (0 -> A, 27 -> AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _looks_mangled(columns) -> bool:
    names = {str(c) for c in columns}
    return any((m := re.fullmatch(r"(.*)\.(\d+)", str(c))) and m.group(1) in names for c in columns)


def _unmangle(columns, raw: list) -> list[str]:
    """pandas renames a repeated header 'X' to 'X.1'; give it back its real name."""
    out = []
    for j, c in enumerate(columns):
        r = raw[j] if j < len(raw) else None
        out.append(str(r) if isinstance(r, str) and str(c).startswith(f"{r}.") else str(c))
    return out


def read_grid(path: str | os.PathLike) -> pd.DataFrame:
    """The cells of a small table without a header row (a 5×5 evaluation table), as text
    with blanks as ``""``: a CSV in any encoding the survey reader knows (UTF-8, UTF-16,
    GBK/GB18030), or the first visible sheet of a workbook (checked like a survey's).

    Raises
    ------
    InputFileError
        Missing, empty or undecodable file, or another type.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"{path}: file not found")
    suffix = path.suffix.lower()
    try:
        if suffix in {".csv", ".txt", ".tsv"}:
            encoding, sep, _text = _csv_dialect(path)
            frame = pd.read_csv(path, header=None, dtype=str, encoding=encoding, sep=sep,
                                keep_default_na=False, index_col=False)  # fmt: skip
        elif suffix in {".xlsx", ".xlsm"}:
            check_workbook(path)
            with pd.ExcelFile(path, engine="calamine") as book:
                names = [str(n) for n in book.sheet_names]
                visible = _visible_sheets(book, names) or names
                frame = pd.read_excel(book, sheet_name=visible[0], header=None, dtype=str)
        else:
            raise InputFileError(f"{path}: use a .csv or .xlsx file")
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputFileError(f"{path}: cannot read the table ({_one_line(exc)})") from None
    return frame.fillna("").astype(str)


def _csv_dialect(path: Path, encoding: str | None = None) -> tuple[str, str, str]:
    """The encoding (``encoding`` if given, else detected) and delimiter of a CSV file, and
    the decoded sample they came from."""
    with path.open("rb") as fh:
        sample = fh.read(_SAMPLE_BYTES)
    if encoding is None:
        encoding = _sample_encoding(path, sample, complete=len(sample) < _SAMPLE_BYTES)
    text = sample.decode(encoding, errors="ignore")
    return encoding, sniff_delimiter(text), text


def _sample_encoding(path: Path, sample: bytes, complete: bool) -> str:
    """:func:`detect_encoding`, or an error that says why the encoding cannot be told."""
    encoding = detect_encoding(sample, complete)
    if encoding is None or encoding in LEGACY_CJK:
        mixed = _mixed_lines(sample)
        if mixed:
            raise InputFileError(
                f"{path}: the text mixes encodings: line {mixed[0]} is UTF-8 but line {mixed[1]} "
                "is not (GBK?); save it from Excel as 'CSV UTF-8'"
            )
    if encoding is not None:
        return encoding
    plausible = [c for c, score in legacy_scores(sample, complete).items() if score >= _PLAUSIBLE]
    fix = "save it from Excel as 'CSV UTF-8', or name the survey's encoding with {opt:encoding}"
    if len(plausible) > 1:
        names = [ENCODING_NAMES[c] for c in plausible]
        options = [_OPTION_NAMES[c] for c in plausible]
        raise InputFileError(
            f"{path}: cannot tell the text encoding: the bytes read as common characters in "
            f"{', '.join(names[:-1])} and {names[-1]} alike; {fix} "
            f"({', '.join(options[:-1])} or {options[-1]})"
        )
    raise InputFileError(
        f"{path}: cannot tell the text encoding (not UTF-8, UTF-16, GBK/GB18030, Big5, "
        f"Shift_JIS or EUC-KR; Latin-1?); {fix}"
    )


def _read_csv(path: Path, given: str | None = None) -> RawTable:
    encoding, sep, text = _csv_dialect(path, given)
    try:
        frame = _read_csv_frame(path, encoding, sep)
    except UnicodeDecodeError:
        if encoding != "utf-8" or given is not None:
            shown = ENCODING_NAMES.get(encoding, encoding)
            raise InputFileError(
                f"{path}: the text is not valid {shown} throughout (mixed encodings?); "
                "save it from Excel as 'CSV UTF-8'"
            ) from None
        # the sample was ASCII/UTF-8 but later bytes are not: GBK (or Big5 …) text after
        # a long ASCII head, told from the first block that holds some
        encoding = _later_encoding(path)
        try:
            frame = _read_csv_frame(path, encoding, sep)
        except UnicodeDecodeError:
            raise InputFileError(
                f"{path}: the text mixes encodings (neither UTF-8 nor "
                f"{ENCODING_NAMES.get(encoding, encoding)} throughout); "
                "save it from Excel as 'CSV UTF-8'"
            ) from None
    except pd.errors.EmptyDataError:
        raise InputFileError(f"{path}: the file has no header row") from None
    except pd.errors.ParserError as exc:
        raise InputFileError(f"{path}: malformed CSV ({_one_line(exc)})") from None
    if _looks_mangled(frame.columns):
        raw = next(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=sep), [])
        frame.columns = _unmangle(frame.columns, raw)
    name = {"utf-8-sig": "UTF-8 with BOM", **ENCODING_NAMES}.get(encoding, encoding)
    return RawTable(frame=frame, source=path.name, path=path, encoding=name)


def _later_encoding(path: Path) -> str:
    """The encoding of the first block of the file that is not ASCII (from a line start)."""
    with path.open("rb") as fh:
        while block := fh.read(_SAMPLE_BYTES):
            if not block.isascii():
                start = block.rfind(b"\n", 0, next(i for i, b in enumerate(block) if b > 127))
                block += fh.read(_SAMPLE_BYTES // 4)  # enough text after the first such byte
                complete = len(block) < _SAMPLE_BYTES
                return _sample_encoding(path, block[start + 1 :], complete)
    return "utf-8"


def _mixed_lines(sample: bytes) -> tuple[int, int] | None:
    """(a UTF-8 line, a non-UTF-8 line), 1-based, when both hold non-ASCII text."""
    utf8 = other = None
    for number, line in enumerate(sample.split(b"\n")[:-1] or [sample], start=1):
        if sum(b > 127 for b in line) < 3:
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            other = other or number
        else:
            utf8 = utf8 or number
        if utf8 and other:
            return utf8, other
    return None


def _read_csv_frame(path: Path, encoding: str, sep: str) -> pd.DataFrame:
    """pandas' C reader in chunks (low_memory): columns of mixed types stay mixed
    (object), which the answer encoder handles, so pandas' DtypeWarning is moot."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore", pd.errors.DtypeWarning)
        warnings.simplefilter("always", pd.errors.ParserWarning)
        # index_col=False: 腾讯问卷 ends every line with a comma; without it pandas would
        # turn the first column into the index when only the data lines have one
        frame = pd.read_csv(
            path,
            encoding=encoding,
            sep=sep,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            low_memory=True,
            index_col=False,
        )
    if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
        line = _long_line(path, encoding, sep, frame.shape[1])
        raise InputFileError(
            f"{path}: line {line} has more fields than the header row ({frame.shape[1]}); "
            "a value holds an unquoted delimiter, or the header is short"
        )
    return frame


def _long_line(path: Path, encoding: str, sep: str, width: int) -> str:
    """The first line with non-blank fields beyond the header's width (for the message)."""
    with path.open(encoding=encoding, errors="replace", newline="") as fh:
        for number, row in enumerate(csv.reader(fh, delimiter=sep), start=1):
            if len(row) > width and any(v.strip() for v in row[width:]):
                return str(number)
    return "?"


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into equally many fields (comma first)."""
    lines = text.lstrip("\ufeff").splitlines()[:20]
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the last line of a sample may be cut
    for sep in (",", "\t", ";", "|"):
        counts = {len(row) for row in csv.reader(lines, delimiter=sep) if row}
        if len(counts) == 1 and counts.pop() > 1:
            return sep
    return ","


#: The legacy encodings of Chinese, Japanese and Korean that Excel writes a CSV in, as
#: Python names the Windows code pages (supersets of GBK, Big5, Shift_JIS and EUC-KR).
LEGACY_CJK = ("gb18030", "cp950", "cp932", "cp949")
ENCODING_NAMES = {"gb18030": "GBK/GB18030", "cp950": "Big5", "cp932": "Shift_JIS",
                  "cp949": "EUC-KR"}  # fmt: skip
_OPTION_NAMES = {"gb18030": "gb18030", "cp950": "big5", "cp932": "shift_jis", "cp949": "euc-kr"}
# the standards' names (and GBK's subsets) read by the Windows code page that extends them
_SUPERSETS = {"gbk": "gb18030", "gb2312": "gb18030", "big5": "cp950", "big5hkscs": "cp950",
              "shift_jis": "cp932", "euc_kr": "cp949", "utf-8": "utf-8-sig"}  # fmt: skip
_PLAUSIBLE = 0.5  # share of common characters a decoding needs to be considered
_MARGIN = 0.25  # lead of the best decoding over the next one to be chosen


def text_encoding(name: str) -> str:
    """The Python codec of an encoding named by the user (``big5``, ``GBK``, ``shift-jis``,
    ``euc-kr``, ``utf-8`` …); legacy CJK names read by their Windows superset.

    Raises
    ------
    OptionError
        Not the name of a text encoding.
    """
    try:
        info = codecs.lookup(str(name).strip())
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise OptionError(
            f"{{opt:encoding}} {name!r} is not a text encoding; use e.g. utf-8, gb18030, big5, "
            "shift_jis or euc-kr"
        )
    codec = info.name.replace("-", "_")
    codec = {"utf_8": "utf-8", "utf_16": "utf-16"}.get(codec, codec)
    return _SUPERSETS.get(codec, codec)


def detect_encoding(sample: bytes, complete: bool = True) -> str | None:
    """Name the Python codec of a CSV from its first bytes.

    BOMs decide first (UTF-8, UTF-16); then strict UTF-8; then the legacy CJK
    encoding (:data:`LEGACY_CJK`) whose decoding gives the largest share of
    common characters (:func:`legacy_scores`), when that share is at least one
    half and leads the next encoding's by a quarter. ``None`` when no encoding
    is plausible or two are (Korean EUC-KR bytes are also common GBK hanzi).
    ``complete`` says the sample is the whole file (otherwise a multi-byte
    character cut at the end of the sample is not held against an encoding).
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    ranked = sorted(legacy_scores(sample, complete).items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < _PLAUSIBLE:
        return None
    if len(ranked) > 1 and ranked[1][1] > ranked[0][1] - _MARGIN:
        return None
    return ranked[0][0]


def legacy_scores(sample: bytes, complete: bool = True) -> dict[str, float]:
    """For each legacy CJK encoding that decodes ``sample``, the share of its non-ASCII
    characters that are common in that encoding's language (:func:`_common_characters`).

    Text in one of these encodings usually decodes without error in another, but
    into rare characters: Big5 bytes of 熱線服務 read as GBK give 荐絬狝叭, of
    which only a quarter are common hanzi; Latin-1 bytes give none.
    """
    out = {}
    for codec in LEGACY_CJK:
        try:
            text = codecs.getincrementaldecoder(codec)().decode(sample, final=complete)
        except UnicodeDecodeError:
            continue
        counts = Counter(text)  # counted in C; ASCII is left out below
        total = sum(n for ch, n in counts.items() if ord(ch) > 127)
        common = _common_characters(codec)
        hits = sum(n for ch, n in counts.items() if ord(ch) > 127 and ch in common)
        out[codec] = hits / total if total else 1.0
    return out


@functools.cache
def _common_characters(codec: str) -> frozenset[str]:
    """The common characters of a legacy encoding, as its standard defines them: GB 2312
    level-1 hanzi (3755, the 常用字) and punctuation rows; Big5's frequently used hanzi
    (常用字, 0xA440-0xC67E, 5401) and symbols; JIS X 0208 level-1 kanji (2965), kana and
    symbols; the 2350 hangul syllables of KS X 1001 and its symbols."""
    trail_gb = range(0xA1, 0xFF)
    trail_b5 = [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
    trail_sj = [*range(0x40, 0x7F), *range(0x80, 0xFD)]
    blocks = {  # (codec of the standard, lead bytes, trail bytes, first code past the set)
        "gb18030": ("gb2312", [0xA1, 0xA3, *range(0xB0, 0xD8)], trail_gb, (0xD8, 0)),
        "cp950": ("cp950", range(0xA1, 0xC7), trail_b5, (0xC6, 0xA1)),
        "cp932": ("cp932", [0x81, 0x82, 0x83, *range(0x88, 0x99)], trail_sj, (0x98, 0x73)),
        "cp949": ("cp949", [0xA1, 0xA3, *range(0xB0, 0xC9)], trail_gb, (0xC9, 0)),
    }
    name, leads, trails, end = blocks[codec]
    out = set()
    for lead in leads:
        for trail in trails:
            if (lead, trail) >= end:
                break
            try:
                out.add(bytes((lead, trail)).decode(name))
            except UnicodeDecodeError:
                continue
    return frozenset(out)


def _finish(table: RawTable) -> RawTable:
    frame = table.frame
    if frame.shape[1] == 0:
        raise InputFileError(f"{table.source}: the sheet is empty")
    headers = normalise_headers(frame)
    frame = headers.frame
    _check_mojibake([str(c) for c in frame.columns], table.source)
    frame.columns = _clean_headers(frame.columns)
    _check_duplicates(list(frame.columns), table.source)
    blank = frame.isna().all(axis=1)
    if blank.any():
        frame = frame.loc[~blank]
    unnamed_empty = [
        c for c in frame.columns if c.startswith("Unnamed: ") and frame[c].isna().all()
    ]
    if unnamed_empty:
        frame = frame.drop(columns=unnamed_empty)
    if frame.empty:
        raise InputFileError(f"{table.source}: there is a header but no data rows")
    return replace(
        table,
        frame=frame,
        first_row=table.first_row + headers.skipped,
        notes=table.notes + headers.notes,
        aliases={**table.aliases, **headers.aliases},
    )


def _clean_headers(columns) -> list[str]:
    cleaned = []
    for c in columns:
        text = str(c).replace("\r", " ").replace("\n", " ").replace("\t", " ")
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc").strip()
        cleaned.append(text)
    return cleaned


# UTF-8 bytes of Chinese read as Latin-1/Windows-1252: a lead byte E3-E9 shown as
# ã-é followed by continuation bytes shown as C1/Latin-1 or cp1252 punctuation.
_MOJIBAKE = re.compile(
    "[\u00e3-\u00e9][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013-\u2026\u2030\u2039\u203a\u20ac\u2122\ufffd]{1,2}"
)


def _check_duplicates(columns: list[str], source: str) -> None:
    """Refuse repeated header names, naming both columns."""
    seen: dict[str, int] = {}
    for j, name in enumerate(columns):
        if not name or name.startswith("Unnamed: "):
            continue
        if name in seen:
            raise InputFileError(
                f"{source}: the header {name!r} appears twice, in columns "
                f"{column_letter(seen[name])} and {column_letter(j)}; rename one of them"
            )
        seen[name] = j


def _check_mojibake(columns: list[str], source: str) -> None:
    """Refuse headers garbled by a Latin-1/Windows-1252 round trip of UTF-8 Chinese."""
    for j, name in enumerate(columns):
        if len(_MOJIBAKE.findall(name)) >= 2:
            repaired = ""
            for codec in ("latin-1", "cp1252"):
                try:
                    repaired = name.encode(codec).decode("utf-8")
                    break
                except UnicodeError:
                    continue
            hint = f" (it was probably {repaired!r})" if repaired else ""
            raise InputFileError(
                f"{source}: the header {name!r} of column {column_letter(j)} is garbled UTF-8 "
                f"text read as Latin-1/Windows-1252{hint}; re-export the file as 'CSV UTF-8'"
            )


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
