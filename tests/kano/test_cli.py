"""`kano classify`, `kano columns`, `kano summarize` through Typer's CliRunner.

Success paths reopen the written workbook; every error path checks exit code 1
and a one-line message that names what to fix.
"""

from __future__ import annotations

import hashlib
import json
import zipfile

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


@pytest.fixture
def survey_csv(tmp_path):
    # 4 respondents, 2 services, codes chosen so every category is known by hand:
    # hotline: (1,5)=O (1,5)=O (2,5)=M (1,3)=A  -> O wins with 2 of 4
    # vip:     (1,3)=A (1,3)=A (3,3)=I (blank)   -> A wins with 2 of 3, 1 missing
    frame = pd.DataFrame(
        {
            "id": [101, 102, 103, 104],
            "segment": ['=HYPERLINK("x")', "public", "key", "public"],
            "hotline_functional": [1, 1, 2, 1],
            "hotline_dysfunctional": [5, 5, 5, 3],
            "vip_functional": [1, 1, 3, None],
            "vip_dysfunctional": [3, 3, 3, None],
        }
    )
    path = tmp_path / "survey.csv"
    frame.to_csv(path, index=False)
    return path


def test_classify_writes_workbook_with_hand_computed_numbers(survey_csv):
    result = invoke("classify", survey_csv)
    assert result.exit_code == 0, result.output
    out = survey_csv.with_name("survey_kano.xlsx")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Summary", "Evaluation table", "Data quality", "Columns", "Charts", "Method",
    ]  # fmt: skip
    with zipfile.ZipFile(out) as zf:  # the native Excel charts (openpyxl does not load charts)
        assert sum(n.startswith("xl/charts/chart") for n in zf.namelist()) == 2
    assert not out.with_name("survey_kano_shares.png").exists()  # PNG files only with --charts
    ws = book["Summary"]
    header = [c.value for c in ws[1]]
    rows = {
        r[0]: dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)
    }
    hot, vip = rows["hotline"], rows["vip"]
    assert (hot["A"], hot["O"], hot["M"], hot["I"], hot["Total"]) == (1, 2, 1, 0, 4)
    assert hot["Category"] == "O One-dimensional"
    assert hot["Better"] == pytest.approx(3 / 4)  # (A+O)/(A+O+M+I) = (1+2)/4
    assert hot["Worse"] == pytest.approx(-3 / 4)  # -(O+M)/4 = -(2+1)/4
    assert (vip["A"], vip["I"], vip["Total"], vip["Missing"]) == (2, 1, 3, 1)
    assert vip["Category"] == "A Attractive"
    assert ws.freeze_panes == "A2"
    method = {r[0]: r[1] for r in book["Method"].iter_rows(min_row=2, values_only=True)}
    assert method["Input"] == str(survey_csv)
    assert method["Input SHA-256"] == hashlib.sha256(survey_csv.read_bytes()).hexdigest()
    assert method["Evaluation table"].startswith("standard")


def test_classify_zh_detail_and_charts(survey_csv, tmp_path):
    out = tmp_path / "结果.xlsx"
    result = invoke("classify", survey_csv, "-o", out, "--lang", "zh", "--detail", "--charts")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "汇总矩阵" and "受访者明细" in book.sheetnames
    assert book["汇总矩阵"]["A1"].value == "服务"
    detail = list(book["受访者明细"].iter_rows(values_only=True))
    assert detail[0] == ("受访者", "hotline", "vip")
    assert detail[1] == (101, "O", "A")  # (1,5)=O, (1,3)=A
    assert detail[4] == (104, "A", None)  # blank pair stays blank
    assert (tmp_path / "结果_shares.png").stat().st_size > 0
    assert (tmp_path / "结果_better_worse.png").stat().st_size > 0


def test_classify_csv_and_json_outputs(survey_csv, tmp_path):
    result = invoke("classify", survey_csv, "-o", tmp_path / "s.json", "-q")
    assert result.exit_code == 0, result.output
    payload = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert [r["service"] for r in payload["summary"]] == ["hotline", "vip"]
    assert payload["method"]["Category rule"] == "max"
    result = invoke("classify", survey_csv, "-o", tmp_path / "s.csv", "-q")
    assert result.exit_code == 0
    frame = pd.read_csv(tmp_path / "s.csv", encoding="utf-8-sig")
    assert list(frame["O"]) == [2, 0]


def test_input_is_never_modified(survey_csv):
    before = survey_csv.read_bytes()
    assert invoke("classify", survey_csv).exit_code == 0
    assert survey_csv.read_bytes() == before


def test_formula_text_stays_text_in_detail(tmp_path):
    frame = pd.DataFrame(
        {"=cmd|' /C calc'!A0_functional": [1, 2], "=cmd|' /C calc'!A0_dysfunctional": [5, 5]}
    )
    path = tmp_path / "evil.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "evil.xlsx"
    assert invoke("classify", path, "-o", out, "-q").exit_code == 0
    ws = openpyxl.load_workbook(out)["Summary"]
    cell = ws["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=cmd")


def test_columns_prints_pairing(survey_csv):
    result = invoke("columns", survey_csv)
    assert result.exit_code == 0, result.output
    assert "hotline_functional" in result.output and "vip_dysfunctional" in result.output
    assert "Respondent id column: id" in result.output


def test_summarize_counts(tmp_path):
    counts = tmp_path / "counts.csv"
    # Better = (10+20)/(10+20+30+40) = 0.30, Worse = -(20+30)/100 = -0.50
    pd.DataFrame(
        {"service": ["x"], "A": [10], "O": [20], "M": [30], "I": [40], "R": [0], "Q": [0]}
    ).to_csv(counts, index=False)
    out = tmp_path / "c.json"
    result = invoke("summarize", counts, "-o", out)
    assert result.exit_code == 0, result.output
    row = json.loads(out.read_text(encoding="utf-8"))["summary"][0]
    assert row["better"] == pytest.approx(0.30) and row["worse"] == pytest.approx(-0.50)
    assert row["category"] == "I"


# --- error paths: exit 1, one line, the offending file/row/column/value named ---


def test_missing_file(tmp_path):
    line = one_line_error(invoke("classify", tmp_path / "nope.csv"))
    assert "nope.csv" in line and "not found" in line


def test_invalid_answer_names_row_column_value(tmp_path):
    path = tmp_path / "bad.csv"
    pd.DataFrame({"x_functional": [1, 2, 6], "x_dysfunctional": [5, "maybe", 5]}).to_csv(
        path, index=False
    )
    line = one_line_error(invoke("classify", path))
    # header is row 1: the value 6 is in row 4, 'maybe' in row 3 (listed in reading order)
    assert "bad.csv: 2 answer wordings are not known" in line
    assert "'maybe' (1 cell, row 3, column 'x_dysfunctional'); 6 (1 cell, row 4, column " in line
    assert not tmp_path.joinpath("bad_kano.xlsx").exists()


def test_on_invalid_skip_counts(tmp_path):
    path = tmp_path / "bad.csv"
    pd.DataFrame({"x_functional": [1, 2, 6], "x_dysfunctional": [5, "maybe", 5]}).to_csv(
        path, index=False
    )
    out = tmp_path / "bad.json"
    result = invoke("classify", path, "--on-invalid", "skip", "-o", out)
    assert result.exit_code == 0, result.output
    row = json.loads(out.read_text(encoding="utf-8"))["summary"][0]
    assert (row["n"], row["n_invalid"], row["O"]) == (1, 2, 1)


def test_wrong_sheet(tmp_path):
    path = tmp_path / "s.xlsx"
    pd.DataFrame({"x_f": [1], "x_d": [5]}).to_excel(path, index=False, sheet_name="Data")
    line = one_line_error(invoke("classify", path, "--sheet", "Nope"))
    assert "no sheet named 'Nope'" in line and "'Data'" in line


def test_ambiguous_pairing_shows_mapping_help(tmp_path):
    path = tmp_path / "amb.csv"
    pd.DataFrame({"x_f": [1], "x_func": [1], "x_d": [5]}).to_csv(path, index=False)
    line = one_line_error(invoke("classify", path))
    assert "ambiguous" in line and "x_func" in line and "--mapping" in line


def test_no_pairs(tmp_path):
    path = tmp_path / "none.csv"
    pd.DataFrame({"a": [1], "b": [2]}).to_csv(path, index=False)
    line = one_line_error(invoke("classify", path))
    assert "found no functional/dysfunctional column pairs" in line


def test_output_over_input_refused(survey_csv):
    before = survey_csv.read_bytes()
    line = one_line_error(invoke("classify", survey_csv, "-o", survey_csv))
    assert "refusing" in line
    assert survey_csv.read_bytes() == before


def test_output_folder_missing(survey_csv, tmp_path):
    line = one_line_error(invoke("classify", survey_csv, "-o", tmp_path / "no" / "x.xlsx"))
    assert "does not exist" in line


def test_unknown_table(survey_csv):
    line = one_line_error(invoke("classify", survey_csv, "--table", "fancy"))
    assert "unknown evaluation table 'fancy'" in line


def test_bad_scale(survey_csv):
    line = one_line_error(invoke("classify", survey_csv, "--points", "4"))
    assert "--points must be 5 or 3" in line


def test_bad_answer_map(survey_csv, tmp_path):
    amap = tmp_path / "a.yaml"
    amap.write_text("sometimes: 7\n", encoding="utf-8")
    line = one_line_error(invoke("classify", survey_csv, "--answers", amap))
    assert "a.yaml" in line and "sometimes" in line


def test_csv_renamed_to_xlsx(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("x_f,x_d\n1,5\n", encoding="utf-8")
    line = one_line_error(invoke("classify", path))
    assert "fake.xlsx" in line and "rename it to .csv" in line


def test_unknown_output_suffix(survey_csv, tmp_path):
    line = one_line_error(invoke("classify", survey_csv, "-o", tmp_path / "x.txt"))
    assert "unknown output type '.txt'; use .xlsx" in line


def test_summarize_rejects_bad_counts(tmp_path):
    counts = tmp_path / "counts.csv"
    pd.DataFrame(
        {"service": ["x"], "A": [-1], "O": [2], "M": [3], "I": [4], "R": [0], "Q": [0]}
    ).to_csv(counts, index=False)
    line = one_line_error(invoke("summarize", counts))
    assert "column 'A': -1" in line


def test_chart_data_rows_belong_to_their_service(tmp_path):
    # the Charts sheet is sorted by category; every row must still carry its own service's numbers
    out = tmp_path / "c.xlsx"
    src = "examples/carrier_survey_codes.csv"
    assert invoke("classify", src, "-o", out, "-q").exit_code == 0
    book = openpyxl.load_workbook(out)
    summary = {r[0]: r for r in book["Summary"].iter_rows(min_row=2, values_only=True)}
    header = [c.value for c in book["Summary"][1]]
    charts = list(book["Charts"].iter_rows(min_row=2, values_only=True))
    assert len(charts) == len(summary)
    categories = []
    for service, a, o, m, i, r, q, worse_abs, better, category in charts:
        row = dict(zip(header, summary[service], strict=True))
        assert (a, o, m, i, r, q) == (row["A"], row["O"], row["M"], row["I"], row["R"], row["Q"])
        assert better == pytest.approx((a + o) / (a + o + m + i))
        assert worse_abs == pytest.approx((o + m) / (a + o + m + i))
        assert category == row["Category"]
        categories.append(category[0])
    # grouped by category in the order A O M I R Q: one coloured scatter series each
    order = "AOMIRQ"
    assert categories == sorted(categories, key=order.index)
