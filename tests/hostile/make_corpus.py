"""Generate the hostile-input corpus: broken, odd and malicious survey files.

Every case is built by code at test time (nothing binary is committed) and
carries its expected outcome: either a result (the category counts of a Kano
survey, the means of a satisfaction survey) or an error (the library's error
class, exit code 1 and the words of the one-line message that name the file,
row, column or value). ``tests/hostile/test_corpus.py`` runs each case through
the CLI; ``docs/reliability.md`` lists them.

Run it to write the files into a folder and print the table of cases::

    python tests/hostile/make_corpus.py /tmp/corpus
"""

from __future__ import annotations

import codecs
import csv
import io
import random
import sys
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# --- the canonical Kano survey: two services, eight respondents, counts by hand ---
# (functional, dysfunctional) per respondent 101-108 and the category of the
# standard evaluation table (Berger et al. 1993): see tests/conftest.py.
SERVICES = ("Hotline", "Lounge")
PAIRS = {
    "Hotline": [(1, 5), (1, 5), (1, 3), (2, 5), (3, 3), (5, 1), (1, 1), None],
    "Lounge": [(1, 4), (1, 2), (1, 3), (4, 5), (2, 2), (3, 4), (4, 1), (5, 5)],
}
COUNTS = {
    "Hotline": {"A": 1, "O": 2, "M": 1, "I": 1, "R": 1, "Q": 1},
    "Lounge": {"A": 3, "O": 0, "M": 1, "I": 2, "R": 1, "Q": 1},
}
IDS = list(range(101, 109))
EN = {1: "I like it", 2: "It must be that way", 3: "I am neutral", 4: "I can live with it",
      5: "I dislike it"}  # fmt: skip
ZH = {1: "我喜欢", 2: "它应该是那样", 3: "我持中立态度", 4: "我可以忍受", 5: "我不喜欢"}

Rows = list[list[object]]


def kano_rows(
    names: Sequence[str] = SERVICES,
    answer: Callable[[int], object] = lambda c: c,
    header: Callable[[str, str], str] = lambda s, side: f"{s}_{side}",
    extra: dict[str, list[object]] | None = None,
) -> Rows:
    """Header + 8 rows of the canonical survey; ``names`` renames Hotline/Lounge."""
    extra = extra or {}
    head = ["id", *extra]
    for name in names:
        head += [header(name, "functional"), header(name, "dysfunctional")]
    rows: Rows = [head]
    for k, rid in enumerate(IDS):
        row: list[object] = [rid, *(v[k] for v in extra.values())]
        for service in SERVICES:
            pair = PAIRS[service][k]
            row += [None, None] if pair is None else [answer(pair[0]), answer(pair[1])]
        rows.append(row)
    return rows


def counts_for(names: Sequence[str] = SERVICES) -> dict[str, dict[str, int]]:
    return {new: COUNTS[old] for old, new in zip(SERVICES, names, strict=True)}


def with_cell(rows: Rows, row: int, column: str, value: object) -> Rows:
    """A copy of ``rows`` with the cell at spreadsheet ``row`` (1 = header) set."""
    out = [list(r) for r in rows]
    out[row - 1][out[0].index(column)] = value
    return out


# --- satisfaction survey: three drivers rated 1-5, overall 1-10, 40 respondents ---


def sat_rows(n: int = 40, seed: int = 3, segment: Sequence[str] | None = None) -> Rows:
    rng = random.Random(seed)
    head = ["respondent_id"]
    if segment:
        head.append("segment")
    for d in ("price", "network", "service"):
        head += [f"imp_{d}", f"sat_{d}"]
    head.append("overall_satisfaction")
    rows: Rows = [head]
    for i in range(n):
        row: list[object] = [i + 1]
        if segment:
            row.append(segment[i % len(segment)])
        sats = []
        for _ in range(3):
            s = rng.randint(1, 5)
            sats.append(s)
            row += [rng.randint(3, 5), s]
        row.append(min(10, max(1, 2 * round(sum(sats) / 3) + rng.randint(-1, 0))))
        rows.append(row)
    return rows


def sat_means(rows: Rows) -> dict[str, float]:
    """Mean satisfaction per driver (Price, Network, Service) over numeric cells."""
    head = rows[0]
    out = {}
    for d in ("price", "network", "service"):
        j = head.index(f"sat_{d}")
        vals = [float(str(r[j]).strip()) for r in rows[1:] if r[j] not in (None, "")]
        out[d] = sum(vals) / len(vals)
    return out


# --- writers (Python's own codecs and zip, openpyxl / xlsxwriter directly) ---


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def csv_bytes(rows: Rows, encoding: str = "utf-8", sep: str = ",", bom: bool = False) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_text(v) for v in row])
    data = buf.getvalue().encode(encoding)
    return (codecs.BOM_UTF8 if bom else b"") + data


def write_csv(rows: Rows, **kw) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(csv_bytes(rows, **kw))


def write_bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def write_xlsx(
    rows: Rows,
    title: str = "Data",
    before: Sequence[tuple[str, Rows, str]] = (),
    merge: Sequence[str] = (),
    styled_blank: str | None = None,
) -> Callable[[Path], None]:
    """Workbook by openpyxl; ``before`` = sheets (name, rows, state) placed first."""

    def make(path: Path) -> None:
        from openpyxl import Workbook
        from openpyxl.styles import Font

        book = Workbook()
        ws = book.active
        ws.title = title
        for row in rows:
            ws.append(row)
        for rng in merge:
            ws.merge_cells(rng)
        if styled_blank:  # formatted but empty cells far right and below the data
            for ref in styled_blank.split():
                ws[ref].font = Font(bold=True)
        for k, (name, other, state) in enumerate(before):
            sh = book.create_sheet(name, k)
            sh.sheet_state = state
            for row in other:
                sh.append(row)
        book.active = len(before)
        book.save(path)

    return make


def write_xlsx_chart_first(rows: Rows) -> Callable[[Path], None]:
    """Workbook by openpyxl whose first sheet is a chart sheet (a bar chart of column B)."""

    def make(path: Path) -> None:
        from openpyxl import Workbook
        from openpyxl.chart import BarChart, Reference

        book = Workbook()
        ws = book.active
        ws.title = "Data"
        for row in rows:
            ws.append(row)
        chart = BarChart()
        chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=len(rows)))
        book.create_chartsheet("Chart1", 0).add_chart(chart)
        book.save(path)

    return make


def write_xlsx_cached(rows: Rows, cells: dict[str, tuple[str, object]]) -> Callable[[Path], None]:
    """Workbook by xlsxwriter with formula cells and their saved results, as Excel saves them.

    ``cells`` maps A1 references to (formula, cached result); an error result such
    as ``#N/A`` is stored as Excel stores it (an error cell)."""

    def make(path: Path) -> None:
        import xlsxwriter
        from xlsxwriter.utility import xl_cell_to_rowcol

        book = xlsxwriter.Workbook(str(path))
        ws = book.add_worksheet("Data")
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if v is not None:
                    ws.write(i, j, v)
        for ref, (formula, result) in cells.items():
            r, c = xl_cell_to_rowcol(ref)
            ws.write_formula(r, c, formula, None, result)
        book.close()

    return make


def write_xlsx_dates(rows: Rows, row: int, column: str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        import datetime as dt

        write_xlsx(with_cell(rows, row, column, dt.datetime(2026, 3, 1)))(path)

    return make


def truncated(make: Callable[[Path], None], keep: float = 0.5) -> Callable[[Path], None]:
    def cut(path: Path) -> None:
        make(path)
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * keep)])

    return cut


def ods_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", "<office:document-content/>")
        zf.writestr("META-INF/manifest.xml", "<manifest/>")
    return buf.getvalue()


def xls_bytes() -> bytes:
    # the OLE2 compound-file signature of a legacy .xls, then padding
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4088


def zip_bomb(path: Path, gigabytes: float = 2.5) -> None:
    """A workbook whose sheet inflates to ``gigabytes`` of XML (a few MB on disk).

    The deflate stream is built from one compressed block of zeros repeated, so
    generating it takes milliseconds; the zip's declared sizes are honest."""
    make = write_xlsx(kano_rows())
    make(path)
    with zipfile.ZipFile(path) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    size = int(gigabytes * (1 << 30))
    chunk = 1 << 20
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(b" " * chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    n = size // chunk
    tail = comp.flush(zlib.Z_FINISH)
    crc = 0
    piece = b" " * chunk
    for _ in range(n):
        crc = zlib.crc32(piece, crc)
    # a raw zip written by hand: stored members as they were, the bomb deflated
    out = io.BytesIO()
    central = []
    for name, data in [*members.items(), ("xl/worksheets/sheet2.xml", None)]:
        offset = out.tell()
        if data is None:
            payload_parts = [block] * n + [tail]
            csize = sum(len(p) for p in payload_parts)
            usize, method, c = n * chunk, 8, crc
        else:
            payload_parts = [zlib.compress(data, 9)[2:-4]]
            csize, usize, method, c = len(payload_parts[0]), len(data), 8, zlib.crc32(data)
        fname = name.encode()
        zip64 = usize >= 0xFFFFFFFF or csize >= 0xFFFFFFFF
        extra = b""
        if zip64:
            extra = (1).to_bytes(2, "little") + (16).to_bytes(2, "little")
            extra += usize.to_bytes(8, "little") + csize.to_bytes(8, "little")
        out.write(b"PK\x03\x04" + (45).to_bytes(2, "little") + b"\x00\x00")
        out.write(method.to_bytes(2, "little") + b"\x00\x00\x21\x00")
        out.write(c.to_bytes(4, "little"))
        out.write((0xFFFFFFFF if zip64 else csize).to_bytes(4, "little"))
        out.write((0xFFFFFFFF if zip64 else usize).to_bytes(4, "little"))
        out.write(len(fname).to_bytes(2, "little") + len(extra).to_bytes(2, "little"))
        out.write(fname + extra)
        for p in payload_parts:
            out.write(p)
        central.append((fname, method, c, csize, usize, offset))
    cd_start = out.tell()
    for fname, method, c, csize, usize, offset in central:
        zip64 = usize >= 0xFFFFFFFF or csize >= 0xFFFFFFFF
        extra = b""
        if zip64:
            extra = (1).to_bytes(2, "little") + (24).to_bytes(2, "little")
            extra += usize.to_bytes(8, "little") + csize.to_bytes(8, "little")
            extra += offset.to_bytes(8, "little")
        out.write(b"PK\x01\x02" + (45).to_bytes(2, "little") + (45).to_bytes(2, "little"))
        out.write(b"\x00\x00" + method.to_bytes(2, "little") + b"\x00\x00\x21\x00")
        out.write(c.to_bytes(4, "little"))
        out.write((0xFFFFFFFF if zip64 else csize).to_bytes(4, "little"))
        out.write((0xFFFFFFFF if zip64 else usize).to_bytes(4, "little"))
        out.write(len(fname).to_bytes(2, "little") + len(extra).to_bytes(2, "little"))
        out.write(b"\x00\x00" * 3 + b"\x00\x00\x00\x00")
        out.write((0xFFFFFFFF if zip64 else offset).to_bytes(4, "little"))
        out.write(fname + extra)
    cd_size = out.tell() - cd_start
    end = out.tell()
    # zip64 end of central directory record and locator, then the classic record
    out.write(b"PK\x06\x06" + (44).to_bytes(8, "little") + (45).to_bytes(2, "little") * 2)
    out.write(b"\x00" * 8 + len(central).to_bytes(8, "little") * 2)
    out.write(cd_size.to_bytes(8, "little") + cd_start.to_bytes(8, "little"))
    out.write(b"PK\x06\x07" + b"\x00" * 4 + end.to_bytes(8, "little") + (1).to_bytes(4, "little"))
    out.write(b"PK\x05\x06" + b"\x00" * 4 + len(central).to_bytes(2, "little") * 2)
    out.write(cd_size.to_bytes(4, "little") + (0xFFFFFFFF).to_bytes(4, "little") + b"\x00\x00")
    path.write_bytes(out.getvalue())


_LOL = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n"
)


def entity_bomb(member: str) -> Callable[[Path], None]:
    """A workbook whose ``member`` XML declares a billion-laughs entity and uses it."""

    def make(path: Path) -> None:
        write_xlsx(kano_rows())(path)
        with zipfile.ZipFile(path) as zf:
            members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
        text = members[member].decode("utf-8")
        body = text.split("?>", 1)[1] if text.startswith("<?xml") else text
        body = body.replace(">Hotline_functional<", ">&lol9;<", 1)
        body = body.replace("<sheetData>", "<sheetData>", 1)
        members[member] = (_LOL + body).encode("utf-8")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in members.items():
                zf.writestr(name, data)

    return make


# --- cases ---


@dataclass(frozen=True)
class Case:
    """One hostile input and what must come of it.

    ``args`` is the command line after ``kano``; ``{in}`` is the generated file,
    ``{out}`` an output path in the same folder, ``{dir}`` the folder and
    ``{f:NAME}`` another generated file of this case (``files``).
    ``error`` names the library's exception class (exit 1) or is ``None`` for a
    result (exit 0). ``message`` lists words the one-line message (or the
    printed output) must contain. ``counts`` are the Kano counts per service the
    workbook must hold; ``means`` the mean satisfaction per driver.
    """

    name: str
    category: str
    filename: str
    make: Callable[[Path], None]
    args: tuple[str, ...]
    error: str | None = None
    message: tuple[str, ...] = ()
    counts: dict[str, dict[str, int]] | None = None
    means: dict[str, float] | None = None
    files: dict[str, Callable[[Path], None]] = field(default_factory=dict)
    exit_code: int | None = None
    slow: bool = False

    @property
    def expected_exit(self) -> int:
        if self.exit_code is not None:
            return self.exit_code
        return 0 if self.error is None else 1

    def outcome(self) -> str:
        """The expected outcome in words (the table of docs/reliability.md)."""
        if self.error is None:
            if self.counts:
                first = next(iter(self.counts))
                c = self.counts[first]
                shown = " ".join(f"{k}={v}" for k, v in c.items() if v)
                return f"result: {first!r} {shown}" + (
                    f" (+{len(self.counts) - 1} more)" if len(self.counts) > 1 else ""
                )
            if self.means:
                return "result: " + ", ".join(f"{k} {v:.3f}" for k, v in self.means.items())
            return "result" + (f" ({'; '.join(self.message)})" if self.message else "")
        return f"{self.error}: " + "; ".join(self.message)


KANO_OUT = ("-o", "{out}")
CLASSIFY = ("classify", "{in}", *KANO_OUT, "--quiet")


def _kano(name, category, rows_or_make, error=None, message=(), counts=None, ext="csv",
          args=CLASSIFY, **kw) -> Case:  # fmt: skip
    make = rows_or_make if callable(rows_or_make) else write_csv(rows_or_make)
    if error is None and counts is None and args == CLASSIFY:
        counts = counts_for()
    return Case(name, category, f"{name}.{ext}", make, args, error, tuple(message), counts, **kw)


def _bad_value(name: str, value: object, shown: str, ext: str = "csv") -> Case:
    rows = with_cell(kano_rows(), 2, "Lounge_functional", value)
    make = write_xlsx(rows) if ext == "xlsx" else write_csv(rows)
    return _kano(
        name, "values", make, "UnknownAnswerError",
        ("1 answer wording is not known", "(1 cell, row 2, column 'Lounge_functional')", shown),
        ext=ext,
    )  # fmt: skip


def cases() -> list[Case]:
    base = kano_rows()
    zh_names = ("热线服务", "贵宾厅")
    zh_rows = kano_rows(zh_names, answer=ZH.get, header=lambda s, side: f"{s}_{'正向' if side == 'functional' else '反向'}")  # fmt: skip
    zh_counts = counts_for(zh_names)
    sat = sat_rows()
    out: list[Case] = []
    add = out.append

    # --- encodings ---
    add(_kano("utf8", "encoding", write_csv(zh_rows), counts=zh_counts))
    add(_kano("utf8_bom", "encoding", write_csv(zh_rows, bom=True), counts=zh_counts))
    add(_kano("gbk", "encoding", write_csv(zh_rows, encoding="gbk"), counts=zh_counts))
    gb_names = ("热线𠮷", "贵宾厅")  # U+20BB7 exists in GB18030 only, not in GBK
    gb_rows = kano_rows(gb_names, answer=ZH.get, header=lambda s, side: f"{s}_{'正向' if side == 'functional' else '反向'}")  # fmt: skip
    add(_kano("gb18030", "encoding", write_csv(gb_rows, encoding="gb18030"), counts=counts_for(gb_names)))  # fmt: skip
    add(_kano("utf16_tab_txt", "encoding", write_csv(zh_rows, encoding="utf-16", sep="\t"),
              counts=zh_counts, ext="txt"))  # fmt: skip
    add(_kano("utf16_tab_csv", "encoding", write_csv(zh_rows, encoding="utf-16", sep="\t"),
              counts=zh_counts))  # fmt: skip
    mixed = csv_bytes(zh_rows[:5], "utf-8") + csv_bytes(zh_rows[5:], "gbk")
    add(_kano("mixed_utf8_gbk", "encoding", write_bytes(mixed), "InputFileError",
              ("mixed_utf8_gbk.csv", "mix", "UTF-8", "line")))  # fmt: skip
    moji = [[c.encode("utf-8").decode("latin-1") if isinstance(c, str) else c for c in r] for r in zh_rows]  # fmt: skip
    add(_kano("latin1_mojibake", "encoding", write_csv(moji), "InputFileError",
              ("latin1_mojibake.csv", "garbled", "热线服务_正向")))  # fmt: skip
    moji_cp = [[c.encode("utf-8").decode("cp1252", errors="replace") if isinstance(c, str) else c for c in r] for r in zh_rows]  # fmt: skip
    add(_kano("cp1252_mojibake", "encoding", write_csv(moji_cp), "InputFileError",
              ("cp1252_mojibake.csv", "garbled")))  # fmt: skip
    latin = [["id", "Café_functional", "Café_dysfunctional"], [1, "1", "5"]]
    add(_kano("latin1_bytes", "encoding", write_csv(latin, encoding="latin-1"), "InputFileError",
              ("latin1_bytes.csv", "encoding", "CSV UTF-8")))  # fmt: skip

    # legacy CJK encodings (issue 12): Big5 bytes are valid GBK too, but rare hanzi
    tw_names = ("熱線服務", "貴賓廳")
    tw = {1: "我喜歡", 2: "它應該是那樣", 3: "我持中立態度", 4: "我可以忍受", 5: "我不喜歡"}
    tw_rows = kano_rows(tw_names, answer=tw.get, header=lambda s, side: f"{s}_{'正向' if side == 'functional' else '反向'}")  # fmt: skip
    add(_kano("big5", "encoding", write_csv(tw_rows, encoding="big5"), counts=counts_for(tw_names)))
    add(_kano("big5_headers_only", "encoding", write_csv(kano_rows(tw_names), encoding="big5"),
              counts=counts_for(tw_names)))  # fmt: skip
    ja_names = ("ホットライン", "ラウンジ")
    add(_kano("shift_jis", "encoding", write_csv(kano_rows(ja_names), encoding="shift_jis"),
              counts=counts_for(ja_names)))  # fmt: skip
    ko_names = ("핫라인", "라운지")
    ko_rows = kano_rows(ko_names)
    add(_kano("euc_kr_ambiguous", "encoding", write_csv(ko_rows, encoding="euc_kr"),
              "InputFileError", ("euc_kr_ambiguous.csv", "cannot tell", "EUC-KR", "--encoding",
                                 "euc-kr")))  # fmt: skip
    add(_kano("euc_kr_declared", "encoding", write_csv(ko_rows, encoding="euc_kr"),
              counts=counts_for(ko_names), args=(*CLASSIFY, "--encoding", "euc-kr")))  # fmt: skip
    add(_kano("gbk_declared", "encoding", write_csv(zh_rows + [[9, "(跳过)", "我不喜欢", "", ""]], encoding="gbk"),
              counts=zh_counts, args=(*CLASSIFY, "--encoding", "gbk")))  # fmt: skip
    add(_kano("encoding_unknown_name", "encoding", write_csv(base), "OptionError",
              ("--encoding 'klingon' is not a text encoding",),
              args=(*CLASSIFY, "--encoding", "klingon")))  # fmt: skip
    add(_kano("encoding_on_workbook", "encoding", write_xlsx(base), "InputFileError",
              ("encoding_on_workbook.xlsx", "--encoding applies to CSV"), ext="xlsx",
              args=(*CLASSIFY, "--encoding", "big5")))  # fmt: skip
    # over 1 MB of ASCII first (the sample is plain UTF-8), then one Big5 wording unknown
    head = [base[0]] + [[k, 1, 5, 1, 4] for k in range(1, 60001)] + [[60001, 1, 5, "貓咪", 4]]
    add(_kano("big5_after_long_ascii_head", "encoding", write_csv(head, encoding="big5"),
              "UnknownAnswerError", ("big5_after_long_ascii_head.csv", "'貓咪'", "row 60002")))  # fmt: skip

    # --- structure ---
    add(_kano("empty_file", "structure", write_bytes(b""), "InputFileError", ("empty_file.csv", "empty")))  # fmt: skip
    add(_kano("whitespace_file", "structure", write_bytes(b"\r\n\r\n  \r\n"), "InputFileError",
              ("whitespace_file.csv",)))  # fmt: skip
    add(_kano("header_only_csv", "structure", base[:1], "InputFileError", ("no data rows",)))
    add(_kano("header_only_xlsx", "structure", write_xlsx(base[:1]), "InputFileError",
              ("no data rows",), ext="xlsx"))  # fmt: skip
    add(_kano("empty_sheet", "structure", write_xlsx([]), "InputFileError",
              ("empty_sheet.xlsx", "'Data'", "empty"), ext="xlsx"))  # fmt: skip
    add(_kano("wrong_sheet", "structure", write_xlsx(base), "InputFileError",
              ("no sheet named 'Results'", "'Data'"), ext="xlsx",
              args=(*CLASSIFY, "--sheet", "Results")))  # fmt: skip
    q_rows = [
        ["ResponseId", "Q1_1", "Q1_2", "Q2_1", "Q2_2"],
        ["Response ID", "Hotline_functional", "Hotline_dysfunctional", "Lounge_functional",
         "Lounge_dysfunctional"],
        ['{"ImportId":"_recordId"}', '{"ImportId":"QID1_1"}', '{"ImportId":"QID1_2"}',
         '{"ImportId":"QID2_1"}', '{"ImportId":"QID2_2"}'],
        *base[1:],
    ]  # fmt: skip
    add(_kano("qualtrics_3_rows", "structure", q_rows))
    sm_rows = [
        ["Respondent ID", "How do you feel if it has:", None, "How do you feel if it does not have:", None],
        [None, "Hotline", "Lounge", "Hotline", "Lounge"],
        *[[r[0], r[1], r[3], r[2], r[4]] for r in base[1:]],
    ]  # fmt: skip
    sm_rows[1][0] = "Response"
    add(_kano("surveymonkey_2_rows", "structure", write_xlsx(sm_rows, merge=("B1:C1", "D1:E1")),
              ext="xlsx"))  # fmt: skip
    merged = [["id", "Hotline", None, "Lounge", None],
              [None, "functional", "dysfunctional", "functional", "dysfunctional"],
              *base[1:]]  # fmt: skip
    add(_kano("merged_header_cells", "structure", write_xlsx(merged, merge=("B1:C1", "D1:E1")),
              "PairingError", ("merged_header_cells.xlsx", "found no functional/dysfunctional"),
              ext="xlsx"))  # fmt: skip
    dup = [list(r) for r in base]
    dup[0][3] = "Hotline_functional"
    add(_kano("duplicate_columns_csv", "structure", dup, "InputFileError",
              ("duplicate_columns_csv.csv", "'Hotline_functional'", "columns B and D")))  # fmt: skip
    add(_kano("duplicate_columns_xlsx", "structure", write_xlsx(dup), "InputFileError",
              ("'Hotline_functional'", "columns B and D"), ext="xlsx"))  # fmt: skip
    dup_sp = [list(r) for r in base]
    dup_sp[0][3] = " Hotline_functional "
    add(_kano("duplicate_after_trim", "structure", dup_sp, "InputFileError",
              ("'Hotline_functional'", "columns B and D")))  # fmt: skip
    lone = [list(r) for r in base]
    lone[0][4] = "Lounge_extra"
    add(_kano("pair_missing_side", "structure", lone, "PairingError",
              ("'Lounge_functional' looks functional but has no dysfunctional partner",)))  # fmt: skip
    only_f = [r[:4] for r in base]
    add(_kano("service_only_functional", "structure", only_f, "PairingError",
              ("'Lounge_functional'", "no dysfunctional partner")))  # fmt: skip
    mism = [list(r) for r in base]
    mism[0][3], mism[0][4] = "Lounge_functional", "Lobby_dysfunctional"
    add(_kano("pair_names_mismatch", "structure", mism, "PairingError",
              ("'Lounge_functional'", "'Lobby_dysfunctional'")))  # fmt: skip
    wifi = ("Wi-Fi (5G)", "Lounge [VIP]")
    add(_kano("bracketed_markers", "structure",
              kano_rows(wifi), counts=counts_for(wifi)))  # fmt: skip
    add(_kano("mapping_zip_bomb", "structure", base, "InputFileError", ("map.xlsx", "zip bomb"),
              files={"map.xlsx": zip_bomb}, args=(*CLASSIFY, "--mapping", "{f:map.xlsx}")))  # fmt: skip
    trailing = [[*r, None, None] for r in base] + [[None] * 7] * 3
    add(_kano("trailing_blank_rows_cols_csv", "structure", trailing))
    add(_kano("trailing_blank_rows_cols_xlsx", "structure",
              write_xlsx(trailing, styled_blank="H1 J20 A30"), ext="xlsx"))  # fmt: skip
    hidden = [("Lookup", [["code", "label"], [1, "like"]], "hidden")]
    add(_kano("hidden_first_sheet", "structure", write_xlsx(base, before=hidden), ext="xlsx"))
    add(_kano("hidden_sheet_asked_for", "structure", write_xlsx(base, before=hidden),
              "PairingError", ("hidden_sheet_asked_for.xlsx, sheet 'Lookup'",), ext="xlsx",
              args=(*CLASSIFY, "--sheet", "Lookup")))  # fmt: skip
    add(_kano("chartsheet_first", "structure", write_xlsx_chart_first(base), ext="xlsx"))
    add(_kano("chartsheet_asked_for", "structure", write_xlsx_chart_first(base), "InputFileError",
              ("chartsheet_asked_for.xlsx", "'Chart1' is a chart sheet", "data sheets are: 'Data'"),
              ext="xlsx", args=(*CLASSIFY, "--sheet", "Chart1")))  # fmt: skip
    add(_kano("xls_renamed", "structure", write_bytes(xls_bytes()), "InputFileError",
              ("old .xls", "save it as .xlsx"), ext="xlsx"))  # fmt: skip
    add(_kano("ods_renamed", "structure", write_bytes(ods_bytes()), "InputFileError",
              ("ods_renamed.xlsx", "not an Excel workbook"), ext="xlsx"))  # fmt: skip
    add(_kano("csv_renamed", "structure", write_csv(base), "InputFileError",
              ("csv_renamed.xlsx", "rename it to .csv"), ext="xlsx"))  # fmt: skip
    add(_kano("truncated_xlsx", "structure", truncated(write_xlsx(base)), "InputFileError",
              ("truncated_xlsx.xlsx", "damaged or truncated"), ext="xlsx"))  # fmt: skip
    add(_kano("zip_bomb", "structure", zip_bomb, "InputFileError",
              ("zip_bomb.xlsx", "uncompressed"), ext="xlsx"))  # fmt: skip
    add(_kano("entity_bomb_sheet", "structure", entity_bomb("xl/worksheets/sheet1.xml"),
              "InputFileError", ("entity_bomb_sheet.xlsx", "entit"), ext="xlsx"))  # fmt: skip
    add(_kano("entity_bomb_workbook", "structure", entity_bomb("xl/workbook.xml"),
              "InputFileError", ("entity_bomb_workbook.xlsx", "entit"), ext="xlsx"))  # fmt: skip
    add(_kano("ragged_csv", "structure", write_bytes(csv_bytes(base) + b"9,1,2,3,4,5,6,7\r\n"),
              "InputFileError", ("ragged_csv.csv", "malformed CSV")))  # fmt: skip
    add(_kano("binary_as_csv", "structure", write_bytes(bytes(range(256)) * 8), "InputFileError",
              ("binary_as_csv.csv",)))  # fmt: skip
    add(_kano("folder_not_file", "structure", lambda p: p.mkdir(), "InputFileError",
              ("is a folder",)))  # fmt: skip
    add(_kano("unknown_suffix", "structure", write_csv(base), "InputFileError",
              ("unsupported file type '.dat'",), ext="dat"))  # fmt: skip

    # --- values ---
    for name, value, shown in (
        ("code_0", 0, "0"), ("code_6", 6, "6"), ("code_9", 9, "9"), ("code_minus_1", -1, "-1"),
        ("float_2_5", 2.5, "2.5"), ("text_in_numeric", "abc", "'abc'"),
        ("excel_error_text_na", "#N/A", "'#N/A'"), ("excel_error_text_value", "#VALUE!", "'#VALUE!'"),
        ("nan_text", "NaN", "'NaN'"), ("inf_text", "inf", ": inf ("),
        ("formula_text_in_answer", "=1+1", "'=1+1'"),
    ):  # fmt: skip
        add(_bad_value(name, value, shown))
    add(_bad_value("code_6_xlsx", 6, "6", ext="xlsx"))
    add(_bad_value("inf_text_xlsx", "inf", ": inf (", ext="xlsx"))
    add(_kano("floats_2_0", "values", kano_rows(answer=lambda c: f"{c}.0")))
    add(_kano("stray_spaces", "values", kano_rows(answer=lambda c: f"  {EN[c]} \t")))
    add(_kano("fullwidth_digits", "values", kano_rows(answer=lambda c: chr(0xFF10 + c))))
    add(_kano("numbered_labels", "values", kano_rows(answer=lambda c: f"{c}. {EN[c]}")))
    add(_kano("excel_error_cached_xlsx", "values",
              write_xlsx_cached(base, {"D2": ("=NA()", "#N/A"), "C4": ("=1/0", "#DIV/0!")}),
              "UnknownAnswerError",
              ("2 answer wordings are not known", "'#N/A' (1 cell, row 2, column 'Lounge_functional')",
               "'#DIV/0!' (1 cell, row 4, column 'Hotline_dysfunctional')"), ext="xlsx"))  # fmt: skip
    add(_kano("formula_cached_value", "values",
              write_xlsx_cached(base, {"D2": ("=0+1", 1), "E2": ("=2+2", 4)}), ext="xlsx"))  # fmt: skip
    add(_kano("formula_no_saved_result", "values",
              write_xlsx(with_cell(base, 2, "Lounge_functional", "=0+1")), "UnknownAnswerError",
              ("row 2, column 'Lounge_functional'", "=0+1"), ext="xlsx"))  # fmt: skip
    add(_kano("date_in_answer", "values", write_xlsx_dates(base, 3, "Hotline_functional"),
              "UnknownAnswerError", ("row 3, column 'Hotline_functional'", "2026"), ext="xlsx"))  # fmt: skip
    add(_kano("very_long_string", "values", with_cell(base, 5, "Lounge_dysfunctional", "x" * 100_000),
              "UnknownAnswerError", ("row 5, column 'Lounge_dysfunctional'", "xxx...")))  # fmt: skip
    long_name = "H" * 5000
    add(_kano("very_long_service_name", "values", kano_rows((long_name, "Lounge")),
              counts=counts_for((long_name, "Lounge"))))  # fmt: skip
    add(_kano("control_chars_in_answer", "values", with_cell(base, 2, "Lounge_functional", "1\x07"),
              "UnknownAnswerError", ("row 2, column 'Lounge_functional'", "\\x07")))  # fmt: skip
    add(_kano("nul_byte_in_answer", "values", with_cell(base, 2, "Lounge_functional", "\x00"),
              "UnknownAnswerError", ("row 2, column 'Lounge_functional'", "\\x00")))  # fmt: skip
    ctl = ("Hot\x07line", "Lou\x1bnge")  # control characters are dropped from headers
    add(_kano("control_chars_in_names", "values", kano_rows(ctl), counts=counts_for()))
    add(_kano("skip_invalid_counted", "values", with_cell(base, 2, "Lounge_functional", 9),
              counts={"Hotline": COUNTS["Hotline"], "Lounge": {**COUNTS["Lounge"], "A": 2}},
              args=(*CLASSIFY, "--on-invalid", "skip")))  # fmt: skip
    add(_kano("blank_skipped_markers", "values",
              with_cell(with_cell(base, 9, "Hotline_functional", "(跳过)"), 9, "Hotline_dysfunctional", "(空)")))  # fmt: skip
    add(_kano("duplicate_ids", "values", with_cell(base, 3, "id", 101), "InvalidValueError",
              ("row 3, column 'id': 101", "unique")))  # fmt: skip

    # TRUE/FALSE cells (issue 12): pandas' factorize puts True with 1
    add(_kano("bool_answer_xlsx", "values", write_xlsx(with_cell(base, 9, "Lounge_functional", True)),
              "UnknownAnswerError", ("bool_answer_xlsx.xlsx, sheet 'Data'",
                                     "True (1 cell, row 9, column 'Lounge_functional')",
                                     "not answer codes"), ext="xlsx"))  # fmt: skip
    add(_kano("bool_answer_csv", "values", with_cell(base, 9, "Lounge_functional", "TRUE"),
              "UnknownAnswerError", ("bool_answer_csv.csv",
                                     "'TRUE' (1 cell, row 9, column 'Lounge_functional')",
                                     "not answer codes")))  # fmt: skip

    # a 5x5 evaluation table file with a letter that is no category (issue 12)
    table_zh = [["功能＼反向", "喜欢", "理所当然", "无所谓", "能忍受", "不喜欢"],
                ["喜欢", "Q", "A", "A", "A", "O"], ["理所当然", "R", "I", "I", "I", "M"],
                ["无所谓", "R", "I", "Z", "I", "M"], ["能忍受", "R", "I", "I", "I", "M"],
                ["不喜欢", "R", "R", "R", "R", "Q"]]  # fmt: skip
    add(_kano("table_file_bad_letter", "values", base, "MappingFileError",
              ("table.csv", "row 4, column D", "functional '无所谓', dysfunctional '无所谓'",
               "'Z'"), files={"table.csv": write_csv(table_zh, encoding="gbk")},
              args=(*CLASSIFY, "--table", "{f:table.csv}")))  # fmt: skip
    plain = [r[1:] for r in table_zh[1:]]
    plain[2][2], plain[4][0] = "I", "x"
    add(_kano("table_file_bad_letter_plain", "values", base, "MappingFileError",
              ("table.xlsx", "row 5, column A", "functional '5 dislike', dysfunctional '1 like'",
               "'x'"), files={"table.xlsx": write_xlsx(plain)},
              args=(*CLASSIFY, "--table", "{f:table.xlsx}")))  # fmt: skip

    # money that is not a finite amount of 0 or more (issue 12)
    for name, value in (("spend_inf", "inf"), ("spend_negative", "-30")):
        rows = kano_rows(extra={"monthly_spend": [100, value, 200, 300, 4000, 5000, 10, 20]})
        add(_kano(name, "values", rows, "InvalidValueError",
                  (f"{name}.csv", f"row 3, column 'monthly_spend': {value}", "0 or more"),
                  args=(*CLASSIFY, "--by", "value_segment", "--bootstrap", "20")))  # fmt: skip

    # --- user text that would be a formula in the output ---
    evil = ('=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0")
    add(_kano("formula_service_names", "formula text", kano_rows(evil), counts=counts_for(evil)))
    evil2 = ("-1+1", "@SUM(A1:A9)")
    add(_kano("formula_service_names_2", "formula text", write_xlsx(kano_rows(evil2)),
              counts=counts_for(evil2), ext="xlsx",
              args=(*CLASSIFY, "--detail", "--ci", "--bootstrap", "50")))  # fmt: skip
    seg = ["=1+1", "+cmd", "-2", "@SUM(A1)"] * 2
    add(_kano("formula_segment_values", "formula text", kano_rows(extra={"segment": seg}),
              args=(*CLASSIFY, "--by", "segment", "--bootstrap", "50")))  # fmt: skip
    add(_kano("formula_sheet_name", "formula text", write_xlsx(base, title="=SUM(1)"),
              ext="xlsx", args=(*CLASSIFY, "--sheet", "=SUM(1)")))  # fmt: skip
    add(_kano("formula_sheet_name_first", "formula text", write_xlsx(base, title="@cmd"), ext="xlsx"))  # fmt: skip

    # --- other commands ---
    add(_kano("columns_gbk", "commands", write_csv(zh_rows, encoding="gbk"),
              message=("热线服务", "GBK"), args=("columns", "{in}")))  # fmt: skip
    add(_kano("columns_duplicate", "commands", dup, "InputFileError",
              ("columns B and D",), args=("columns", "{in}")))  # fmt: skip
    add(_kano("columns_entity_bomb", "commands", entity_bomb("xl/worksheets/sheet1.xml"),
              "InputFileError", ("entit",), ext="xlsx", args=("columns", "{in}")))  # fmt: skip
    counts_rows = [["service", "A", "O", "M", "I", "R", "Q"], ["=HYPERLINK(\"x\")", 3, 2, 1, 1, 0, 0], ["@SUM(A1)", 1, 1, 5, 1, 0, 0]]  # fmt: skip
    summ = ("summarize", "{in}", *KANO_OUT)
    add(_kano("summarize_formula_names", "commands", counts_rows, args=summ,
              counts={'=HYPERLINK("x")': dict(zip("AOMIRQ", [3, 2, 1, 1, 0, 0], strict=True)),
                      "@SUM(A1)": dict(zip("AOMIRQ", [1, 1, 5, 1, 0, 0], strict=True))}))  # fmt: skip
    add(_kano("summarize_negative_count", "commands", with_cell(counts_rows, 2, "O", -2),
              "InvalidValueError", ("row 2, column 'O'", "-2"), args=summ))  # fmt: skip
    add(_kano("summarize_text_count", "commands", with_cell(counts_rows, 3, "M", "five"),
              "InvalidValueError", ("row 3, column 'M'", "five"), args=summ))  # fmt: skip
    add(_kano("summarize_huge_count", "commands", with_cell(counts_rows, 2, "A", "9223372036854775807"),
              "InvalidValueError", ("summarize_huge_count.csv", "row 2, column 'A'"), args=summ))  # fmt: skip
    add(_kano("summarize_header_only", "commands", counts_rows[:1], "InputFileError",
              ("no data rows",), args=summ))  # fmt: skip
    add(_kano("compare_truncated_wave", "commands", truncated(write_xlsx(base)), "InputFileError",
              ("compare_truncated_wave.xlsx", "damaged"), ext="xlsx",
              files={"q2.csv": write_csv(base)},
              args=("compare", "{f:q2.csv}", "{in}", "-o", "{out}", "--bootstrap", "50")))  # fmt: skip
    add(_kano("compare_formula_wave_labels", "commands", write_csv(base),
              files={"q2.csv": write_csv(base)},
              args=("compare", "{f:q2.csv}", "{in}", "-o", "{out}", "--bootstrap", "50",
                    "--wave", "=1+1", "--wave", "@wave")))  # fmt: skip
    sat_kano = kano_rows(("Price", "Network"))
    add(_kano("priority_sat_header_only", "commands", write_csv(sat_kano), "InputFileError",
              ("sat.csv", "no data rows"), files={"sat.csv": write_csv(sat[:1])},
              args=("priority", "{in}", "--satisfaction", "{f:sat.csv}", "-o", "{out}")))  # fmt: skip
    add(_kano("priority_formula_services", "commands",
              write_csv(kano_rows(("=HYPERLINK(\"x\")", "Network"))),
              files={"sat.csv": write_csv(sat)},
              args=("priority", "{in}", "--satisfaction", "{f:sat.csv}", "-o", "{out}")))  # fmt: skip

    sat_ko = sat_rows(segment=["서울", "부산"])
    add(_kano("priority_sat_encoding_ambiguous", "commands", write_csv(sat_kano), "InputFileError",
              ("sat.csv", "cannot tell the text encoding", "--sat-encoding"),
              files={"sat.csv": write_csv(sat_ko, encoding="euc_kr")},
              args=("priority", "{in}", "--satisfaction", "{f:sat.csv}", "-o", "{out}")))  # fmt: skip
    add(_kano("priority_sat_encoding_declared", "commands", write_csv(sat_kano),
              files={"sat.csv": write_csv(sat_ko, encoding="euc_kr")},
              args=("priority", "{in}", "--satisfaction", "{f:sat.csv}", "-o", "{out}",
                    "--sat-encoding", "euc-kr")))  # fmt: skip

    # --- map files (issue 12): every YAML reader goes through the one strict loader ---
    laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{x}: &{x} [{', '.join([f'*{p}'] * 10)}]\n"
        for p, x in zip("abcdefgh", "bcdefghi", strict=True)
    )  # 9 levels of 10: a billion "lol" once expanded
    wide = (
        "a: &a [" + ", ".join(["lol"] * 2000) + "]\n" + "".join(f"k{k}: *a\n" for k in range(6))
    )  # 6 aliases only, but 12,000 values
    bombs = {"laughs": (laughs, "more than 20 YAML aliases"),
             "wide": (wide, "stand for more than 10,000 values"),
             "loop": ("a: &a [x, *a]\n", "inside the entry it names")}  # fmt: skip
    spend = kano_rows(extra={"monthly_spend": [100, 5000, 200, 300, 4000, 5000, 10, 20],
                             "customer_type": ["VIP"] * 8})  # fmt: skip
    readers = {
        "mapping": ((*CLASSIFY, "--mapping", "{f:bomb.yaml}"), base),
        "answers": ((*CLASSIFY, "--answers", "{f:bomb.yaml}"), base),
        "labels": ((*CLASSIFY, "--labels", "{f:bomb.yaml}"), base),
        "customer_types": ((*CLASSIFY, "--by", "value_segment", "--customer-types",
                            "{f:bomb.yaml}", "--bootstrap", "20"), spend),
        "links": (("priority", "{in}", "--satisfaction", "{f:sat.csv}", "-o", "{out}",
                   "--links", "{f:bomb.yaml}"), sat_kano),
        "sat_mapping": (("ipa", "{f:sat.csv}", "-o", "{out}", "--mapping", "{f:bomb.yaml}"), base),
        "sat_labels": (("ipa", "{f:sat.csv}", "-o", "{out}", "--labels", "{f:bomb.yaml}"), base),
    }  # fmt: skip
    for reader, (args, rows) in readers.items():
        for bomb, (text, words) in bombs.items():
            add(_kano(f"yaml_{bomb}_{reader}", "maps", write_csv(rows), "MappingFileError",
                      ("bomb.yaml", words), args=args,
                      files={"bomb.yaml": write_bytes(text.encode()),
                             "sat.csv": write_csv(sat)}))  # fmt: skip

    # one column for two services, or for both sides; a key given twice (issue 12)
    def _map_case(name, text, message, args=CLASSIFY, option="--mapping", rows=base, suffix="csv"):
        fname = f"map.{suffix}"
        return _kano(name, "maps", write_csv(rows), "MappingFileError", (fname, *message),
                     args=(*args, option, f"{{f:{fname}}}"),
                     files={fname: write_bytes(text.encode()), "sat.csv": write_csv(sat)})  # fmt: skip

    head = "service,functional,dysfunctional\n"
    add(_map_case("mapping_column_two_services", head + "Hotline,Hotline_functional,Hotline_dysfunctional\nLounge,Hotline_functional,Lounge_dysfunctional\n",
                  ("line 3", "'Hotline_functional' is used for two services", "'Lounge'", "on line 2", "'Hotline'")))  # fmt: skip
    add(_map_case("mapping_column_both_sides", head + "Hotline,Hotline_functional,Hotline_functional\nLounge,Lounge_functional,Lounge_dysfunctional\n",
                  ("line 2", "'Hotline_functional' is both the functional and the dysfunctional column of 'Hotline'")))  # fmt: skip
    add(_map_case("mapping_yaml_column_two_services", "Hotline:\n  functional: Hotline_functional\n  dysfunctional: Hotline_dysfunctional\nLounge:\n  functional: Lounge_functional\n  dysfunctional: Hotline_dysfunctional\n",
                  ("entry 2", "'Hotline_dysfunctional' is used for two services", "in entry 1"), suffix="yaml"))  # fmt: skip
    add(_map_case("mapping_yaml_bad_entry", "Hotline: Hotline_functional\n",
                  ("service 'Hotline'", "[functional, dysfunctional"), suffix="yaml"))  # fmt: skip
    add(_map_case("mapping_service_twice", head + "Hotline,Hotline_functional,Hotline_dysfunctional\nHotline,Lounge_functional,Lounge_dysfunctional\n",
                  ("service 'Hotline' is listed twice, on line 2 and on line 3",)))  # fmt: skip
    add(_map_case("mapping_yaml_duplicate_key", "Hotline: [Hotline_functional, Hotline_dysfunctional]\nHotline: [Lounge_functional, Lounge_dysfunctional]\n",
                  ("lines 1 and 2", "'Hotline' is given twice"), suffix="yaml"))  # fmt: skip
    add(_map_case("answers_yaml_duplicate_key", "Love it: like\nLove it: dislike\n",
                  ("lines 1 and 2", "'Love it' is given twice"), option="--answers", suffix="yaml"))  # fmt: skip
    add(_map_case("answers_csv_duplicate_key", "answer,code\nLove it,like\nlove it,dislike\n",
                  ("lines 2 and 3", "'Love it' and 'love it'"), option="--answers"))  # fmt: skip
    add(_map_case("labels_csv_duplicate_key", "label,value\nRather important,4\nRather important,5\n",
                  ("line 3", "'Rather important' is already given on line 2"), option="--labels"))  # fmt: skip
    add(_map_case("customer_types_csv_duplicate_key", "type,segment\nVIP,key_account\nvip,public\n",
                  ("lines 2 and 3", "'vip' is given twice", "'VIP'"), option="--customer-types",
                  args=(*CLASSIFY, "--by", "value_segment", "--bootstrap", "20"), rows=spend))  # fmt: skip
    add(_map_case("links_csv_duplicate_key", "service,driver\nPrice,price\nPrice,network\n",
                  ("lines 2 and 3", "'Price' is linked twice"), option="--links", rows=sat_kano,
                  args=("priority", "{in}", "--satisfaction", "{f:sat.csv}", "-o", "{out}")))  # fmt: skip
    add(_map_case("sat_mapping_column_twice", "column,role,driver\nsat_price,satisfaction,price\nsat_price,importance,network\n",
                  ("row 3", "'sat_price' is the importance of 'network' here and the satisfaction of 'price' in map.csv, row 2"),
                  args=("ipa", "{f:sat.csv}", "-o", "{out}")))  # fmt: skip

    def _sat(name, make, error=None, message=(), means=None, cmd="ipa", ext="csv", extra=()):
        return Case(name, "satisfaction", f"{name}.{ext}", make,
                    (cmd, "{in}", "-o", "{out}", *extra), error, tuple(message), None, means)  # fmt: skip

    add(_sat("ipa_utf8", write_csv(sat), means=sat_means(sat)))
    add(_sat("ipa_xlsx", write_xlsx(sat), means=sat_means(sat), ext="xlsx"))
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    fw = [r[:1] + [str(v).translate(full) for v in r[1:]] for r in sat]
    add(_sat("ipa_fullwidth_digits", write_csv(fw), means=sat_means(sat)))
    add(_sat("ipa_text_rating", write_csv(with_cell(sat, 4, "sat_price", "good")),
             "UnknownLabelError", ("'good' (1 cell, row 4, column 'sat_price')",)))  # fmt: skip
    add(_sat("ipa_excel_error_cached", write_xlsx_cached(sat, {"C5": ("=NA()", "#N/A")}),
             "UnknownLabelError", ("'#N/A' (1 cell, row 5, column 'sat_price')",), ext="xlsx"))  # fmt: skip
    add(_sat("ipa_inf", write_csv(with_cell(sat, 6, "sat_network", "inf")), "UnknownLabelError",
             ("row 6, column 'sat_network'",)))  # fmt: skip
    add(_sat("ipa_empty", write_bytes(b""), "InputFileError", ("empty",)))
    add(_sat("ipa_zip_bomb", zip_bomb, "InputFileError", ("uncompressed",), ext="xlsx"))
    segs = ["=1+1", "+cmd", "-x", "@SUM(A1)"]
    sat_seg = sat_rows(segment=segs)
    add(_sat("ipa_formula_segments", write_csv(sat_seg), means=sat_means(sat_seg),
             extra=("--by", "segment")))  # fmt: skip
    add(_sat("ipa_bool_rating_xlsx", write_xlsx(with_cell(sat, 30, "sat_price", True)),
             "UnknownLabelError", ("ipa_bool_rating_xlsx.xlsx, sheet 'Data'",
                                   "True (1 cell, row 30, column 'sat_price')"), ext="xlsx"))  # fmt: skip
    add(_sat("ipa_bool_rating_csv", write_csv(with_cell(sat, 30, "sat_price", "FALSE")),
             "UnknownLabelError", ("ipa_bool_rating_csv.csv",
                                   "'FALSE' (1 cell, row 30, column 'sat_price')")))  # fmt: skip
    add(_sat("ipa_scale_1_to_12", write_xlsx(with_cell(sat, 5, "sat_price", 12)), "ScaleError",
             ("ipa_scale_1_to_12.xlsx, sheet 'Data'", "run from 1 to 12",
              "row 5, column 'sat_price': 12", "--scale LOW-HIGH"), ext="xlsx"))  # fmt: skip
    add(Case("report_sat_scale_1_to_12", "satisfaction", "report_sat_scale_1_to_12.csv",
             write_csv(sat_kano), ("report", "{in}", "--satisfaction", "{f:sat.csv}", "-o",
                                   "{dir}/rep", "--bootstrap", "20", "--quiet"),
             "ScaleError", ("sat.csv", "run from 1 to 12", "row 5, column 'sat_price': 12",
                            "--sat-scale LOW-HIGH"),
             files={"sat.csv": write_csv(with_cell(sat, 5, "sat_price", 12))}))  # fmt: skip
    add(_sat("drivers_utf8", write_csv(sat), cmd="drivers"))
    add(_sat("drivers_duplicate_columns", write_csv([["respondent_id", "sat_price", *sat[0][2:]], *sat[1:]]),
             "InputFileError", ("'sat_price'", "columns B and C"), cmd="drivers"))  # fmt: skip
    add(_sat("drivers_nan_text", write_csv(with_cell(sat, 3, "overall_satisfaction", "NaN")),
             "UnknownLabelError", ("row 3, column 'overall_satisfaction'",), cmd="drivers"))  # fmt: skip
    return out


def build(case: Case, folder: Path) -> dict[str, Path]:
    """Write the files of ``case`` into ``folder``; return the substitutions of its args."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / case.filename
    case.make(path)
    subs = {"{in}": path, "{dir}": folder, "{out}": folder / f"{Path(case.filename).stem}_out.xlsx"}
    for name, make in case.files.items():
        make(folder / name)
        subs[f"{{f:{name}}}"] = folder / name
    return subs


def command_line(case: Case, subs: dict[str, Path]) -> list[str]:
    out = []
    for arg in case.args:
        for key, value in subs.items():
            arg = arg.replace(key, str(value))
        out.append(arg)
    return out


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("hostile_corpus")
    all_cases = cases()
    for case in all_cases:
        build(case, folder / case.name)
    print(f"{len(all_cases)} cases written under {folder}")
    for case in all_cases:
        print(f"{case.category:14} {case.name:32} {case.outcome()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
