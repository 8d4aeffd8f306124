"""The one workbook writer (kano.shared.workbook.write_workbook), read back with openpyxl and by
unzipping the file: frozen headers, widths, formats, category fills, the Method sheet,
legal and unique sheet names, native charts that reference cells, strings that never become
formulas, and an atomic write with the usual file mode."""

from __future__ import annotations

import os
import re
import zipfile

import openpyxl
import pandas as pd
import pytest

from kano.shared.output import safe_csv_text
from kano.shared.style import CATEGORY_COLORS, CATEGORY_FILLS
from kano.shared.workbook import ChartSpec, SheetSpec, sheet_title, write_workbook

HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd", "-1+1", "@SUM(A1)", "\tTAB", "\rCR", "=1+1"]


def ooxml_text(value):
    """openpyxl leaves OOXML's escape of a carriage return (``_x000D_``) as it is."""
    return value.replace("_x000D_", "\r") if isinstance(value, str) else value


def rgb(cell) -> str:
    return str(cell.fill.fgColor.rgb)[-6:].upper()


def summary_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "service": ["hotline", "专属客户经理服务热线", "app"],
            "share_A": [0.25, 0.5, 0.125],
            "better": [0.51234, 0.25, 0.75],
            "category": ["M Must-be", "A Attractive", "no category"],
        }
    )


def test_header_frozen_formats_fills_and_method(tmp_path):
    out = write_workbook(
        tmp_path / "book.xlsx",
        [
            SheetSpec(
                "Summary",
                summary_frame(),
                percent=["share_A"],
                number_formats={"better": "0.000"},
                category_columns=["category"],
            )
        ],  # fmt: skip
        method={"input": "survey.xlsx", "seed": 7, "bootstrap resamples": 200},
    )
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "Method"]
    ws = book["Summary"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == ["service", "share_A", "better", "category"]
    assert ws["B2"].value == 0.25 and ws["B2"].number_format == "0.0%"
    assert ws["C2"].number_format == "0.000"
    assert ws["A2"].number_format == "General"
    # category cells filled with their category's tint, other text not filled
    assert rgb(ws["D2"]) == CATEGORY_FILLS["M"].lstrip("#").upper()
    assert rgb(ws["D3"]) == CATEGORY_FILLS["A"].lstrip("#").upper()
    assert ws["D4"].fill.fill_type is None
    assert ws["A2"].fill.fill_type is None
    method = book["Method"]
    assert method.freeze_panes == "A2"
    rows = {r[0]: r[1] for r in method.iter_rows(min_row=2, values_only=True)}
    assert rows == {"input": "survey.xlsx", "seed": 7, "bootstrap resamples": 200}


def test_title_row_moves_the_frozen_header_down(tmp_path):
    out = write_workbook(tmp_path / "t.xlsx", [SheetSpec("S", summary_frame(), title="Table 1")])
    ws = openpyxl.load_workbook(out)["S"]
    assert ws["A1"].value == "Table 1"
    assert [c.value for c in ws[3]][:2] == ["service", "share_A"]
    assert ws.freeze_panes == "A4"


def test_column_widths_fit_and_count_chinese_characters_double(tmp_path):
    frame = pd.DataFrame({"zh": ["客户经理专属服务"], "en": ["abcdefgh"]})  # 8 characters each
    out = write_workbook(tmp_path / "w.xlsx", [SheetSpec("S", frame)])
    ws = openpyxl.load_workbook(out)["S"]
    zh, en = ws.column_dimensions["A"].width, ws.column_dimensions["B"].width
    assert en >= 8  # the text fits
    assert zh >= 16  # a CJK character is two columns wide
    assert zh > en


def test_sheet_names_are_made_legal_and_unique(tmp_path):
    long = "A very long sheet name that Excel would refuse"
    names = ["Data", "data", "a/b:c*d?[e]", long, long, "'quoted'", "", "Method"]
    frame = pd.DataFrame({"x": [1]})
    out = write_workbook(tmp_path / "n.xlsx", [SheetSpec(n, frame) for n in names], method={"k": 1})
    got = openpyxl.load_workbook(out).sheetnames
    assert len(got) == len(names) + 1
    assert len({g.lower() for g in got}) == len(got)  # unique, ignoring case as Excel does
    for g in got:
        assert 1 <= len(g) <= 31
        assert not set(g) & set("[]:*?/\\")
        assert not g.startswith("'") and not g.endswith("'")
    assert got[0] == "Data" and got[1] != "Data"
    assert got[3] == long[:31]
    assert sheet_title("a/b") == "a_b"


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_is_written_as_a_string_never_a_formula(tmp_path, text):
    frame = pd.DataFrame({text: [text, "ok"], "n": [1, 2]})
    out = write_workbook(tmp_path / "h.xlsx", [SheetSpec(text, frame, category_columns=[text])],
                         method={text: text})  # fmt: skip
    book = openpyxl.load_workbook(out)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    assert cell.data_type in ("s", "n"), (ws.title, cell.coordinate)
    ws = book.worksheets[0]
    assert ooxml_text(ws["A1"].value) == text and ws["A1"].data_type == "s"
    assert ooxml_text(ws["A2"].value) == text and ws["A2"].data_type == "s"
    rows = list(book["Method"].iter_rows(min_row=2, values_only=True))
    assert [tuple(map(ooxml_text, r)) for r in rows] == [(text, text)]
    with zipfile.ZipFile(out) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        assert all("<f>" not in z.read(n).decode() for n in sheets)


def test_numbers_urls_and_specials_in_text_stay_text(tmp_path):
    frame = pd.DataFrame(
        {"t": ["1.5", "http://example.com", "007"], "v": [float("inf"), None, 2.5]}
    )
    out = write_workbook(tmp_path / "s.xlsx", [SheetSpec("S", frame)])
    ws = openpyxl.load_workbook(out)["S"]
    assert [ws[f"A{r}"].value for r in (2, 3, 4)] == ["1.5", "http://example.com", "007"]
    assert ws["A3"].hyperlink is None
    assert ws["B2"].value == "inf" and ws["B3"].value is None and ws["B4"].value == 2.5


def test_native_charts_reference_cells_and_use_category_colours(tmp_path):
    frame = pd.DataFrame(
        {
            "service": ['=HYPERLINK("http://x","y")', "+cmd", "@SUM(A1)"],
            **{f"{c} x": [1, 2, 3] for c in "AOMIRQ"},
            "w": [0.2, 0.6, 0.8],
            "b": [0.7, 0.3, 0.6],
            "category": ["A", "M", "O"],
        }
    )
    charts = [
        ChartSpec("stacked_percent_bar", "mix", "service", [f"{c} x" for c in "AOMIRQ"]),
        ChartSpec("scatter", "grid", "service", ["w", "b"], color_column="category", axis_max=1.0),
    ]
    out = write_workbook(tmp_path / "c.xlsx", [SheetSpec("O'Brien [grid]", frame, charts=charts)])
    with zipfile.ZipFile(out) as z:
        xml = {n: z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")}
    assert len(xml) == 2
    bar, scatter = (xml[k] for k in sorted(xml))
    assert 'grouping val="percentStacked"' in bar
    assert bar.count("<c:ser>") == 6
    for c in "AOMIRQ":
        assert CATEGORY_COLORS[c].lstrip("#").upper() in bar
    refs = re.findall(r"<c:f>(.*?)</c:f>", bar + scatter)
    cell_ref = re.compile(r"^'O''Brien _grid_'!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?$")
    assert refs and all(cell_ref.match(r) for r in refs), refs
    # one data label per point, each pointing at its service's cell (A2, A3, A4)
    for row in (2, 3, 4):
        assert f"<c:f>'O''Brien _grid_'!$A${row}</c:f>" in scatter
    for c in ("A", "M", "O"):
        assert CATEGORY_COLORS[c].lstrip("#").upper() in scatter


def test_images_are_placed_in_the_sheet(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1])
    fig.savefig(tmp_path / "p.png", dpi=30)
    plt.close(fig)
    out = write_workbook(tmp_path / "i.xlsx",
                         [SheetSpec("S", pd.DataFrame({"x": [1]}), images=[tmp_path / "p.png"])])  # fmt: skip
    with zipfile.ZipFile(out) as z:
        assert [n for n in z.namelist() if n.startswith("xl/media/")] == ["xl/media/image1.png"]


def test_failed_write_leaves_no_file_and_keeps_the_old_one(tmp_path):
    bad = [SheetSpec("S", pd.DataFrame({"a": [1]}), charts=[ChartSpec("pie", "t", "a", ["a"])])]
    target = tmp_path / "out.xlsx"
    with pytest.raises(ValueError):
        write_workbook(target, bad)
    assert list(tmp_path.iterdir()) == []  # neither the workbook nor a temporary file
    write_workbook(target, [SheetSpec("First", pd.DataFrame({"a": [1]}))])
    before = target.read_bytes()
    with pytest.raises(ValueError):
        write_workbook(target, bad)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]
    write_workbook(target, [SheetSpec("Second", pd.DataFrame({"a": [2]}))])
    assert openpyxl.load_workbook(target).sheetnames == ["Second"]
    assert [p.name for p in tmp_path.iterdir()] == ["out.xlsx"]


def test_output_gets_the_usual_file_mode(tmp_path):
    old = os.umask(0o022)
    try:
        out = write_workbook(tmp_path / "m.xlsx", [SheetSpec("S", pd.DataFrame({"a": [1]}))])
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_csv_text_prefixes_a_quote(text):
    assert safe_csv_text(text) == "'" + text
    assert safe_csv_text("plain") == "plain"
    assert safe_csv_text(-1.5) == -1.5  # numbers are left alone


def test_csv_text_after_a_line_break_is_neutralised_and_quoted(tmp_path):
    import csv as _csv

    from kano.shared.output import write_csv

    # issue 12: "\r=2" written unquoted after the quote made Excel start a row and run =2
    frame = pd.DataFrame({"service": ["\r=2", "a\n+b", "ok, fine", 'say "hi"'], "n": [1, 2, 3, 4]})
    path = write_csv(tmp_path / "x.csv", frame)
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(_csv.reader(text.splitlines(keepends=True)))
    assert [r[0] for r in rows[1:]] == ["'\r'=2", "a\n'+b", "ok, fine", 'say "hi"']
    # every field with a CR or LF is inside quotes, so a spreadsheet keeps it in one cell
    assert "\"'\r'=2\"" in text and '"a\n\'+b"' in text
