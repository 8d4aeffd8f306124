"""Reading survey exports (.xlsx, .csv, DataFrame) into a raw table.

The reader only gets the cells out of the file; it does not interpret answers.
It keeps enough to name any cell as the user sees it: the file, the sheet and the
spreadsheet row (header rows counted), so that later validation errors can point
at the exact cell.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kano.errors import InputFileError

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls
_SAMPLE_BYTES = 1 << 20


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
    """

    frame: pd.DataFrame
    source: str
    path: Path | None = None
    sheet: str | None = None
    first_row: int = 2
    encoding: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def row_number(self, index_label: int) -> int:
        """Spreadsheet row number of the data row with this index label."""
        return int(index_label) + self.first_row


def read_table(source: str | os.PathLike | pd.DataFrame, sheet: str | None = None) -> RawTable:
    """Read an .xlsx/.csv file (or wrap a DataFrame) into a :class:`RawTable`.

    Parameters
    ----------
    source:
        Path of a ``.xlsx``/``.xlsm``/``.csv``/``.txt``/``.tsv`` file, or a DataFrame.
    sheet:
        Sheet name for workbooks; the first sheet when ``None``.

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
    elif suffix in {".csv", ".txt", ".tsv"}:
        if head.startswith(_ZIP_MAGIC) or head.startswith(_OLE_MAGIC):
            raise InputFileError(f"{path}: this is a workbook renamed to {suffix}; use .xlsx")
        if sheet is not None:
            raise InputFileError(f"{path}: --sheet applies to .xlsx workbooks only")
        table = _read_csv(path)
    else:
        raise InputFileError(f"{path}: unsupported file type {suffix!r}; use .xlsx or .csv")
    return _finish(table)


def _read_xlsx(path: Path, sheet: str | None) -> RawTable:
    try:
        with zipfile.ZipFile(path) as zf:
            if "xl/workbook.xml" not in zf.namelist():
                raise InputFileError(f"{path}: not an Excel workbook (an .ods or other zip file?)")
    except zipfile.BadZipFile as exc:
        raise InputFileError(f"{path}: the workbook is damaged or truncated ({exc})") from None
    try:
        book = pd.ExcelFile(path, engine="calamine")
    except Exception as exc:  # calamine raises its own types for damaged files
        raise InputFileError(f"{path}: cannot open the workbook ({_one_line(exc)})") from None
    with book:
        names = [str(n) for n in book.sheet_names]
        if sheet is None:
            if not names:
                raise InputFileError(f"{path}: the workbook has no sheets")
            sheet = names[0]
        elif sheet not in names:
            raise InputFileError(
                f"{path}: no sheet named {sheet!r}; the sheets are: {', '.join(map(repr, names))}"
            )
        try:
            frame = pd.read_excel(
                book, sheet_name=sheet, header=0, keep_default_na=False, na_values=[""]
            )
        except Exception as exc:
            raise InputFileError(
                f"{path}, sheet {sheet!r}: cannot read the sheet ({_one_line(exc)})"
            ) from None
    return RawTable(frame=frame, source=f"{path.name}, sheet {sheet!r}", path=path, sheet=sheet)


def _read_csv(path: Path) -> RawTable:
    with path.open("rb") as fh:
        sample = fh.read(_SAMPLE_BYTES)
    encoding = detect_encoding(sample, complete=len(sample) < _SAMPLE_BYTES)
    if encoding is None:
        raise InputFileError(
            f"{path}: cannot tell the text encoding (not UTF-8, UTF-16 or GBK/GB18030); "
            "save it from Excel as 'CSV UTF-8'"
        )
    sep = sniff_delimiter(sample.decode(encoding, errors="ignore"))
    try:
        frame = _read_csv_frame(path, encoding, sep)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise InputFileError(
                f"{path}: the text is not valid {encoding} throughout (mixed encodings?); "
                "save it from Excel as 'CSV UTF-8'"
            ) from None
        # the sample was ASCII/UTF-8 but later bytes are not: GBK text after a long ASCII head
        encoding = "gb18030"
        try:
            frame = _read_csv_frame(path, encoding, sep)
        except UnicodeDecodeError:
            raise InputFileError(
                f"{path}: the text mixes encodings (neither UTF-8 nor GBK throughout); "
                "save it from Excel as 'CSV UTF-8'"
            ) from None
    except pd.errors.EmptyDataError:
        raise InputFileError(f"{path}: the file has no header row") from None
    except pd.errors.ParserError as exc:
        raise InputFileError(f"{path}: malformed CSV ({_one_line(exc)})") from None
    name = {"utf-8-sig": "UTF-8 with BOM", "gb18030": "GBK/GB18030"}.get(encoding, encoding)
    return RawTable(frame=frame, source=path.name, path=path, encoding=name)


def _read_csv_frame(path: Path, encoding: str, sep: str) -> pd.DataFrame:
    """pandas' C reader in chunks (low_memory): columns of mixed types stay mixed
    (object), which the answer encoder handles, so pandas' DtypeWarning is moot."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pd.errors.DtypeWarning)
        return pd.read_csv(
            path,
            encoding=encoding,
            sep=sep,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            low_memory=True,
        )


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


def detect_encoding(sample: bytes, complete: bool = True) -> str | None:
    """Name the Python codec of a CSV from its first bytes.

    BOMs decide first (UTF-8, UTF-16); then strict UTF-8; then GB18030, the
    superset of GBK and GB2312 that Chinese Excel writes. ``complete`` says the
    sample is the whole file (otherwise a multi-byte character cut at the end
    of the sample is not held against an encoding).
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            decoder.decode(sample, final=complete)
        except UnicodeDecodeError:
            continue
        return encoding
    return None


def _finish(table: RawTable) -> RawTable:
    frame = table.frame
    if frame.shape[1] == 0:
        raise InputFileError(f"{table.source}: the sheet is empty")
    frame, first_row, notes = _drop_extra_header_rows(frame, table.first_row)
    frame.columns = _clean_headers(frame.columns)
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
    return RawTable(
        frame=frame,
        source=table.source,
        path=table.path,
        sheet=table.sheet,
        first_row=first_row,
        encoding=table.encoding,
        notes=table.notes + notes,
    )


def _drop_extra_header_rows(frame: pd.DataFrame, first_row: int):
    """Recognise the multi-row headers of Qualtrics and SurveyMonkey exports."""
    notes: tuple[str, ...] = ()
    if len(frame) >= 2:
        third = frame.iloc[1].astype(str)
        if third.str.startswith('{"ImportId"').any():
            # Qualtrics: row 1 = ids (Q5_1), row 2 = question text, row 3 = ImportId json
            header = [
                str(t) if isinstance(t, str) and t.strip() else str(c)
                for c, t in zip(frame.columns, frame.iloc[0], strict=True)
            ]
            frame = frame.iloc[2:].reset_index(drop=True)
            frame.columns = header
            notes = ("Qualtrics export: question text (row 2) used as headers, rows 2-3 skipped",)
            return frame, first_row + 2, notes
    if len(frame) >= 1 and any(str(c).startswith("Unnamed: ") for c in frame.columns):
        second = frame.iloc[0]
        labels = second.astype(str).str.strip()
        if labels.isin(["Response", "Open-Ended Response"]).any():
            # SurveyMonkey: row 1 = question (merged over its items), row 2 = item
            header, question = [], ""
            for col, item in zip(frame.columns, second, strict=True):
                if not str(col).startswith("Unnamed: "):
                    question = str(col)
                item_text = str(item).strip() if isinstance(item, str) else ""
                if item_text and item_text not in {"Response", "Open-Ended Response"}:
                    header.append(f"{question} - {item_text}")
                else:
                    header.append(question or str(col))
            frame = frame.iloc[1:].reset_index(drop=True)
            frame.columns = header
            notes = ("SurveyMonkey export: two header rows combined",)
            return frame, first_row + 1, notes
    return frame, first_row, notes


def _clean_headers(columns) -> list[str]:
    cleaned = []
    for c in columns:
        text = str(c).replace("\r", " ").replace("\n", " ").strip()
        cleaned.append(text)
    return cleaned


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def read_csv_text(text: str) -> pd.DataFrame:
    """Parse small CSV text (mapping files) with the same missing-value conventions."""
    return pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""], dtype=str)
