"""`kano report` and the formula-injection cases of `kano classify`, through Typer's CliRunner
(issue 5). The report runs on the example files; the PDF is read back with pypdf, the workbook
with openpyxl; the Method sheet's checksums are computed here with hashlib. Runs are shared
through module-scoped fixtures to keep the suite fast (--bootstrap 200 where the count does
not matter)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from clitools import invoke, one_line_error, sha256
from pypdf import PdfReader
from typer.testing import CliRunner

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Q3 = EXAMPLES / "carrier_survey_wjx.xlsx"
Q2 = EXAMPLES / "carrier_survey_2026Q2_wjx.xlsx"
SAT = EXAMPLES / "satisfaction_2026Q3.xlsx"
LINKS = EXAMPLES / "links_2026Q3.csv"
EPOCH = "1780000000"  # 2026-05-28T20:26:40+00:00
CHARTS = ["shares", "better_worse", "continuous", "trend_better", "trend_worse", "ipa",
          "derived", "zones", "nps"]  # fmt: skip
HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd", "-1+1", "@SUM(A1)"]
WROTE_ZH = "已写入 "  # the catalogue's word.wrote in Chinese: a Chinese run prints no English
SEGMENTS = ["=Summary!A1", "+cmd", "-1+1", "@SUM(A1)"]


def report_run(folder: Path, *extra) -> dict:
    """Run `kano report` on the examples with SOURCE_DATE_EPOCH set; return what it wrote."""
    folder.mkdir()
    stem = folder / "report_2026Q3"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        result = invoke("report", Q3, "--previous", Q2, "--previous-wave", "2026Q2",
                        "--wave", "2026Q3", "--satisfaction", SAT, "--links", LINKS,
                        "--bootstrap", 200,
                        "--dpi", 30, "-o", stem, *extra)  # fmt: skip
    assert result.exit_code == 0, result.output
    return {"result": result, "stem": stem, "folder": folder,
            "xlsx": stem.with_suffix(".xlsx"), "pdf": stem.with_suffix(".pdf")}  # fmt: skip


@pytest.fixture(scope="module")
def zh_run(tmp_path_factory):
    return report_run(tmp_path_factory.mktemp("zh") / "a", "--lang", "zh", "--seed", 7)


@pytest.fixture(scope="module")
def zh_again(tmp_path_factory):
    """The same inputs and seed, quiet."""
    return report_run(tmp_path_factory.mktemp("zh") / "b", "--lang", "zh", "--seed", 7, "--quiet")


@pytest.fixture(scope="module")
def en_run(tmp_path_factory):
    """English, another seed, quiet."""
    return report_run(tmp_path_factory.mktemp("en") / "c", "--lang", "en", "--seed", 8, "-q")


def pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def all_cells(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def method_rows(path: Path) -> dict:
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[-1]
    return {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}


# --- the files ---------------------------------------------------------------------------


def test_report_writes_workbook_pdf_and_every_chart(zh_run):
    folder, stem = zh_run["folder"], zh_run["stem"].name
    expected = {f"{stem}.xlsx", f"{stem}.pdf", *(f"{stem}_{c}.png" for c in CHARTS)}
    assert {p.name for p in folder.iterdir()} == expected  # and no temporary files
    for png in folder.glob("*.png"):
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    wrote = [ln for ln in zh_run["result"].stdout.splitlines() if ln.startswith(WROTE_ZH)]
    assert {Path(ln[len(WROTE_ZH) :]).name for ln in wrote} == expected


def test_zh_pdf_pages_are_chinese(zh_run):
    pages = pdf_pages(zh_run["pdf"])
    assert len(pages) >= 6
    assert pages[0].startswith("2026Q3 季度客户报告")  # the title page lists the sections
    text = "\n".join(pages)
    assert "目录" in pages[0] and "工作表" in pages[0]
    for section in ("主要发现", "KANO分析", "重要性×满意度与忠诚度", "细分群体", "各期趋势",
                    "方法与数据质量"):  # fmt: skip
        assert section in text
    # the key findings open the report (Typst spaces Chinese from Latin: compare without spaces)
    findings = "".join("".join(pages[1:3]).split())
    for heading in ("与2026Q2相比类别发生变化的服务", "数据质量"):
        assert heading in findings
    assert "专属客户经理" in findings  # the account manager's migration (make_examples.py)
    appendix = next(p for p in pages[1:] if "方法与数据质量" in p and "输入文件" in p)
    assert "标准评估表" in appendix and "QAAAO/RIIIM" in appendix
    assert "输入文件" in appendix
    flat = "".join(appendix.split())  # the appendix wraps long paths
    for path in (Q3, Q2, SAT):
        assert path.name in flat
    assert "种子7" in flat and "200" in flat
    # English words only where they are names (Better/Worse, file names, tests)
    for english in ("Key findings", "Methods and data quality", "Contents", "Wrote"):
        assert english not in text


def test_en_pdf_pages(en_run):
    pages = pdf_pages(en_run["pdf"])
    assert len(pages) >= 6
    assert pages[0].startswith("Quarterly customer report 2026Q3")
    assert "Contents" in pages[0]
    findings = "\n".join(pages[1:3])
    for heading in ("Categories that changed since 2026Q2", "Data quality"):
        assert heading in findings
    assert "Most harmful if missing" in findings or "Top priorities" in findings
    appendix = next(p for p in pages[1:] if "Methods and data quality" in p and "Inputs" in p)
    flat = "".join(appendix.split())
    assert "Evaluationtable:standard" in flat
    assert "Inputs" in appendix
    for path in (Q3, Q2, SAT):
        assert path.name in flat
    assert "seed8" in flat


def test_method_sheet_names_every_input_with_its_checksum_and_the_seed(zh_run, en_run):
    words = {"zh": ("自助抽样种子", "自助抽样次数", "写入时间(UTC)"),
             "en": ("Bootstrap seed", "Bootstrap resamples", "Written at (UTC)")}  # fmt: skip
    for run, seed, lang in ((zh_run, 7, "zh"), (en_run, 8, "en")):
        seed_key, resamples_key, time_key = words[lang]
        rows = method_rows(run["xlsx"])
        text = {str(k): str(v) for k, v in rows.items()}
        for path in (Q3, Q2, SAT):
            labels = [k for k, v in text.items() if v == str(path)]
            assert len(labels) == 1, (path, text)
            assert text[f"{labels[0]} SHA-256"] == sha256(path)
        assert rows[seed_key] == seed
        assert rows[resamples_key] == 200
        assert rows[time_key] == "2026-05-28T20:26:40+00:00"


def test_workbook_sheets(zh_run, en_run):
    zh = openpyxl.load_workbook(zh_run["xlsx"]).sheetnames
    en = openpyxl.load_workbook(en_run["xlsx"]).sheetnames
    assert len(zh) == len(en)
    assert en[0] == "Key findings" and en[-1] == "Method"
    for name in ("Summary", "Charts", "Waves", "Segments"):
        assert name in en
    assert zh[0] == "关键发现" and zh[-1] == "方法说明"
    assert "汇总矩阵" in zh and "图表" in zh


def test_quiet_prints_only_the_wrote_lines(zh_run, zh_again):
    lines = [ln for ln in zh_again["result"].stdout.splitlines() if ln.strip()]
    assert lines and all(ln.startswith(WROTE_ZH) for ln in lines)
    assert len(lines) == 2 + len(CHARTS)
    loud = zh_run["result"].stdout.splitlines()
    assert any(not ln.startswith(WROTE_ZH) for ln in loud)  # the findings are printed


def test_same_seed_gives_the_same_workbook_values(zh_run, zh_again):
    """A different seed changing the bootstrap numbers is tested in test_quarterly.py."""
    a, b = all_cells(zh_run["xlsx"]), all_cells(zh_again["xlsx"])
    assert list(a) == list(b)
    for sheet in a:
        assert a[sheet] == b[sheet], sheet
    # the bootstrap numbers are there to compare
    assert any(isinstance(v, float) for row in a["汇总矩阵"] for v in row)


# --- error paths -------------------------------------------------------------------------


def test_missing_input(tmp_path):
    line = one_line_error(invoke("report", tmp_path / "nope.xlsx", "-o", tmp_path / "r"))
    assert "nope.xlsx" in line


def test_waves_not_a_folder(tmp_path):
    line = one_line_error(invoke("report", Q3, "--waves", Q2, "-o", tmp_path / "r"))
    assert "--waves" in line and "folder" in line


def test_label_count_mismatch(tmp_path):
    result = invoke("report", Q3, "--previous", Q2, "--previous-wave", "2026Q1",
                    "--previous-wave", "2026Q2", "-o", tmp_path / "r")  # fmt: skip
    line = one_line_error(result)
    assert "2" in line and "1" in line and "--previous-wave" in line


def test_output_folder_missing(tmp_path):
    line = one_line_error(invoke("report", Q3, "-o", tmp_path / "missing" / "r"))
    assert "does not exist" in line
    assert not (tmp_path / "missing").exists()


def test_output_stem_over_an_input(tmp_path):
    survey = tmp_path / "q3.xlsx"
    shutil.copy(Q3, survey)
    before = survey.read_bytes()
    line = one_line_error(invoke("report", survey, "-o", tmp_path / "q3"))
    assert "input" in line
    assert survey.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["q3.xlsx"]


def test_waves_folder_gives_the_labels(tmp_path):
    """Files of --waves are labelled by their names (checked before any work on a bad -o)."""
    waves = tmp_path / "waves"
    waves.mkdir()
    shutil.copy(Q2, waves / "2026Q2.xlsx")
    line = one_line_error(invoke("report", Q3, "--waves", waves, "-o", waves / "2026Q2"))
    assert "2026Q2.xlsx" in line and "input" in line


# --- the -o name: a stem, or a name ending .xlsx or .pdf -------------------------------------


@pytest.mark.parametrize("name", ["r.xlsx", "r.pdf"])  # the bare stem: report_run
def test_output_name_ending_xlsx_or_pdf_is_the_stem(tmp_path, name):
    result = invoke("report", Q3, "--wave", "2026Q3", "--bootstrap", 30, "--dpi", 20, "-q",
                    "-o", tmp_path / name)  # fmt: skip
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.iterdir())
    # no previous wave and no satisfaction survey: the three Kano charts
    assert written == ["r.pdf", "r.xlsx", "r_better_worse.png", "r_continuous.png",
                       "r_shares.png"]  # fmt: skip


def test_other_output_types_are_refused_for_report(tmp_path):
    for name in ("r.csv", "r.json", "r.png"):
        line = one_line_error(invoke("report", Q3, "-o", tmp_path / name))
        assert f"{name}: the report is a workbook and a PDF" in line and ".xlsx or .pdf" in line
    assert list(tmp_path.iterdir()) == []


def test_report_stem_rules():
    from kano.jobs.report import report_stem

    assert report_stem("out/report_2026Q3") == Path("out/report_2026Q3")
    assert report_stem("out/r.xlsx") == report_stem("out/r.pdf") == Path("out/r")
    assert report_stem("out/R.XLSX") == Path("out/R")
    # a suffix that is no output type stays in the stem: report.2026Q3.xlsx, ...
    assert report_stem("out/report.2026Q3") == Path("out/report.2026Q3")


def test_every_chart_written_is_checked_against_the_inputs(zh_run):
    from kano.jobs.report import chart_paths, report_paths

    checked = {p.name for p in [*report_paths(zh_run["stem"]), *chart_paths(zh_run["stem"])]}
    assert {p.name for p in zh_run["folder"].iterdir()} <= checked


def test_chart_name_over_an_input_is_refused(tmp_path):
    sat = tmp_path / "r_ipa.png"  # an input where the stem r would write its IPA chart
    shutil.copy(SAT, sat)
    before = sat.read_bytes()
    line = one_line_error(invoke("report", Q3, "--satisfaction", sat, "-o", tmp_path / "r"))
    assert "r_ipa.png: refusing to write the output over the input file" in line
    assert sat.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r_ipa.png"]


# --- formula injection through `kano classify` --------------------------------------------


@pytest.fixture(scope="module")
def hostile_csv(tmp_path_factory) -> Path:
    """Long layout (service names are cell values), four services, four segments."""
    pairs = [(1, 3), (1, 5), (2, 5), (3, 3)]  # A, O, M, I
    rows = []
    for r in range(40):
        for k, service in enumerate(HOSTILE):
            f, d = pairs[(r + k) % 4]
            rows.append({"respondent": r + 1, "segment": SEGMENTS[r % 4], "service": service,
                         "functional": f, "dysfunctional": d})  # fmt: skip
    path = tmp_path_factory.mktemp("hostile") / "hostile.csv"
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def hostile_book(hostile_csv) -> Path:
    out = hostile_csv.with_name("hostile.xlsx")
    result = invoke("classify", hostile_csv, "--by", "segment", "-o", out, "-q")
    assert result.exit_code == 0, result.output
    return out


def test_classify_writes_hostile_text_as_strings(hostile_book):
    book = openpyxl.load_workbook(hostile_book)
    seen = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if cell.value in HOSTILE or cell.value in SEGMENTS:
                    assert cell.data_type == "s"
                    seen.setdefault(cell.value, set()).add(ws.title)
    for service in HOSTILE:
        assert {"Summary", "Charts", "Segments"} <= seen[service], service
    for segment in SEGMENTS:
        assert "Segments" in seen[segment], segment
    # the service column of the Summary holds exactly the original names
    summary = [r[0] for r in book["Summary"].iter_rows(min_row=2, values_only=True)]
    assert sorted(summary) == sorted(HOSTILE)
    with zipfile.ZipFile(hostile_book) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in z.read(name).decode(), name


def test_classify_native_charts_reference_cells_not_user_text(hostile_book):
    with zipfile.ZipFile(hostile_book) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2
    refs = [f for xml in charts for f in re.findall(r"<c:f>(.*?)</c:f>", xml)]
    cell_ref = re.compile(r"^'?Charts'?!\$[A-Z]+\$\d+(:\$[A-Z]+\$\d+)?$")
    assert refs and all(cell_ref.match(f) for f in refs), refs
    scatter = next(xml for xml in charts if "scatterChart" in xml)
    # one data label per service, each pointing at that service's name cell
    for row in range(2, 2 + len(HOSTILE)):
        assert f"<c:f>'Charts'!$A${row}</c:f>" in scatter
    for xml in charts:  # user text only as cached values, never in a formula
        for service in HOSTILE:
            escaped = service.replace("&", "&amp;").replace('"', "&quot;")
            for f in re.findall(r"<c:f>(.*?)</c:f>", xml):
                assert service not in f and escaped not in f


def test_classify_csv_output_neutralises_formulas(hostile_csv):
    out = hostile_csv.with_name("summary.csv")
    result = invoke("classify", hostile_csv, "-o", out, "-q")
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert sorted(frame["service"]) == sorted("'" + s for s in HOSTILE)
    assert frame["A"].str.fullmatch(r"\d+").all()  # numbers are not quoted


# --- the Kano × IPA priority list on the shipped examples ---------------------------------


def test_priority_list_of_the_shipped_examples(tmp_path):
    out = tmp_path / "p.xlsx"
    result = invoke("priority", Q3, "--satisfaction", SAT, "--links", LINKS, "-o", out)
    assert result.exit_code == 0, result.output
    rows = list(openpyxl.load_workbook(out)["Priority list"].iter_rows(values_only=True))
    head = list(rows[0])
    got = {r[head.index("Service")]: r for r in rows[1:]}
    assert len(got) == 10  # every Kano service is linked to a driver
    # the hotline is must-be (M) and measured by service quality, whose satisfaction
    # (62.5 on 0-100) is below the mean of the six drivers matched: fix first
    hotline = got["10000/1860免费客服热线"]
    assert hotline[head.index("Action")] == "fix first"
    assert hotline[head.index("Driver")] == "Service quality"
    method = dict(openpyxl.load_workbook(out)["Method"].iter_rows(values_only=True))
    assert method["Link file (Kano services to drivers)"] == str(LINKS)


def test_report_has_the_priority_list_page_and_sheet(zh_run, en_run):
    assert "优先级清单" in openpyxl.load_workbook(zh_run["xlsx"]).sheetnames
    text = "".join("".join(pdf_pages(en_run["pdf"])).split())
    assert "Toppriorities" in text and "Prioritylist" in text
    assert "Mostharmfulifmissing" not in text  # the list joins Kano and IPA


def test_links_without_satisfaction_is_refused(tmp_path):
    line = one_line_error(invoke("report", Q3, "--links", LINKS, "-o", tmp_path / "r"))
    assert "--links" in line and "--satisfaction" in line
    assert list(tmp_path.iterdir()) == []


def test_a_bad_satisfaction_file_names_the_sat_flags(tmp_path):
    sat = tmp_path / "sat.csv"
    sat.write_text("id,imp_a,sat_a\n1,5,11\n2,4,3\n", encoding="utf-8")
    line = one_line_error(invoke("priority", Q3, "--satisfaction", sat, "-o", tmp_path / "p.xlsx"))
    assert line.endswith("declare the scale with --sat-scale LOW-HIGH")
