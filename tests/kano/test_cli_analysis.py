"""`kano classify --ci --continuous --by`, `kano compare` and `kano priority` through
Typer's CliRunner (issue 4). Success paths reopen the workbooks; every error path exits 1
with one line that names what to fix."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from cli import app

runner = CliRunner()

PAIR = {"A": (1, 3), "O": (1, 5), "M": (2, 5), "I": (3, 3), "Q": (1, 1)}


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def wide(services: dict[str, list[str]], **extra) -> pd.DataFrame:
    """A wide survey frame from one category letter per respondent and service."""
    n = len(next(iter(services.values())))
    data = {"id": list(range(1, n + 1)), **extra}
    for s, cats in services.items():
        data[f"{s}_functional"] = [PAIR[c][0] for c in cats]
        data[f"{s}_dysfunctional"] = [PAIR[c][1] for c in cats]
    return pd.DataFrame(data)


def sheet_rows(book, name: str) -> list[dict]:
    ws = book[name]
    header = [c.value for c in ws[1]]
    return [dict(zip(header, r, strict=True)) for r in ws.iter_rows(min_row=2, values_only=True)]


@pytest.fixture
def segmented_csv(tmp_path):
    # 20 key accounts (spend 4000) then 20 public customers (spend 500):
    # manager: key M 16 A 4, public A 16 M 4   -> differs between segments
    # hotline: A 10 O 10 in both               -> a 50/50 A-O service, unstable
    # wifi:    M 18 I 2 in both                -> 90% M, stable
    frame = wide(
        {
            "manager": ["M"] * 16 + ["A"] * 4 + ["A"] * 16 + ["M"] * 4,
            "hotline": ["A", "O"] * 20,
            "wifi": (["M"] * 9 + ["I"]) * 4,
        },
        segment=["key"] * 20 + ["public"] * 20,
        monthly_spend=[4000] * 20 + [500] * 20,
        customer_type=["residential"] * 40,
        tenure_months=[3, 9, 20, 70] * 10,
    )
    path = tmp_path / "survey.csv"
    frame.to_csv(path, index=False)
    return path


def method_of(book, name="Method") -> dict:
    return {r[0]: r[1] for r in book[name].iter_rows(min_row=2, values_only=True)}


def test_classify_with_ci_continuous_and_segments(segmented_csv, tmp_path):
    out = tmp_path / "out.xlsx"
    result = invoke("classify", segmented_csv, "-o", out, "--ci", "--continuous",
                    "--by", "segment", "--bootstrap", "300", "--seed", "4")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr == ""  # no stray warnings on success
    book = openpyxl.load_workbook(out)
    for name in (
        "Summary",
        "Intervals",
        "Continuous",
        "Segments",
        "Segment tests",
        "Segment findings",
    ):
        assert name in book.sheetnames
    # Intervals: 3 services x 6 categories; manager A = 20 of 40:
    # Wilson centre 0.5, half = 1.959964·sqrt(0.25/40 + z²/6400)/(1 + z²/40)
    #   = 1.959964·0.0827658/1.0960365 = 0.148005
    intervals = {(r["Service"], r["Category"]): r for r in sheet_rows(book, "Intervals")}
    assert len(intervals) == 18
    manager_a = intervals[("manager", "A")]
    assert (manager_a["Count"], manager_a["Total"]) == (20, 40)
    assert manager_a["CI low"] == pytest.approx(0.5 - 0.148005, abs=2e-6)
    assert manager_a["CI high"] == pytest.approx(0.5 + 0.148005, abs=2e-6)
    summary = {r["Service"]: r for r in sheet_rows(book, "Summary")}
    # hotline: A 20, O 20 -> category O by the tie-break; a coin flip -> unstable
    assert summary["hotline"]["Unstable"] == "yes"  # booleans in words (issue 11)
    assert summary["wifi"]["Unstable"] == "no"  # M 36 of 40
    assert summary["wifi"]["Category stability"] == pytest.approx(1.0)
    # Continuous: wifi = 36 x (2,5) -> (2, 4) and 4 x (3,3) -> (0, 0):
    # functional mean 72/40 = 1.8, dysfunctional mean 144/40 = 3.6 -> M
    cont = {r["Service"]: r for r in sheet_rows(book, "Continuous")}
    assert cont["wifi"]["Functional mean"] == pytest.approx(1.8)
    assert cont["wifi"]["Dysfunctional mean"] == pytest.approx(3.6)
    assert cont["wifi"]["Category (continuous)"].startswith("M")
    segments = {(r["Service"], r["Segment"]): r for r in sheet_rows(book, "Segments")}
    assert (segments[("manager", "key")]["M"], segments[("manager", "public")]["A"]) == (16, 16)
    findings = [r[0] for r in book["Segment findings"].iter_rows(min_row=2, values_only=True)]
    # key M 16/20 = 80%, public A 16/20 = 80%; hotline and wifi do not differ
    assert len(findings) == 1
    assert findings[0].startswith(
        "key treat manager as must-be (M 80%), public as attractive (A 80%)"
    )
    assert findings[0] in result.stdout
    method = method_of(book)
    assert method["Bootstrap resamples"] == 300 and method["Bootstrap seed"] == 4
    assert method["Segments"] == "segment"
    unstable = [ln for ln in result.stdout.splitlines() if ln.startswith("Unstable categories")]
    assert len(unstable) == 1 and "hotline" in unstable[0] and "wifi" not in unstable[0]


def test_same_seed_same_workbook_numbers(segmented_csv, tmp_path):
    def cis(seed, name):
        out = tmp_path / name
        args = ("classify", segmented_csv, "-o", out, "--ci", "--bootstrap", "200", "--seed", seed)
        assert invoke(*args).exit_code == 0
        rows = sheet_rows(openpyxl.load_workbook(out), "Summary")
        return [(r["Better CI low"], r["Better CI high"], r["Category stability"]) for r in rows]

    assert cis(9, "a.xlsx") == cis(9, "b.xlsx")
    assert cis(9, "a.xlsx") != cis(10, "c.xlsx")


def test_classify_zh_sheet_names_and_derived_segments(segmented_csv, tmp_path):
    out = tmp_path / "zh.xlsx"
    result = invoke("classify", segmented_csv, "-o", out, "--ci", "--continuous",
                    "--by", "value_segment", "--bootstrap", "100", "--lang", "zh")  # fmt: skip
    assert result.exit_code == 0, result.output
    names = openpyxl.load_workbook(out).sheetnames
    for name in (
        "汇总矩阵",
        "置信区间",
        "连续分析",
        "细分群体",
        "群体差异检验",
        "群体差异发现",
        "方法说明",
    ):
        assert name in names
    assert "Intervals" not in names
    # spend 4000 -> 大客户 (key accounts), 500 residential -> 公众客户 (public); segments
    # are ordered by their codes (key_account, public) whatever the language
    assert "大客户认为manager是必备型(M 80%)" in result.stdout
    assert "公众客户认为是魅力型(A 80%)" in result.stdout


def test_classify_by_tenure_band(segmented_csv, tmp_path):
    out = tmp_path / "t.xlsx"
    result = invoke("classify", segmented_csv, "-o", out, "--by", "tenure_band", "--bootstrap", 50)
    assert result.exit_code == 0, result.output
    groups = {r["Segment"] for r in sheet_rows(openpyxl.load_workbook(out), "Segments")}
    # tenure 3, 9, 20, 70 months
    assert groups == {"0-6", "7-12", "13-24", "61+"}


def test_classify_filters_are_recorded(tmp_path):
    # respondent 1 answers Q twice, respondent 2 once
    frame = wide({"x": ["Q", "Q", "A", "M"], "y": ["Q", "A", "A", "M"]})
    path = tmp_path / "q.csv"
    frame.to_csv(path, index=False)
    out = tmp_path / "q.xlsx"
    result = invoke("classify", path, "-o", out, "--max-q", "1", "--exclude-qr")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    method = method_of(book)
    assert method["Respondent filter"] == "respondents with more than 1 Q answers left out: 1"
    assert "R and Q left out" in method["Shares"]
    summary = {r["Service"]: r for r in sheet_rows(book, "Summary")}
    # x after the filter: Q, A, M -> shares over A+O+M+I = 2: A 1/2, M 1/2
    assert summary["x"]["Total"] == 3
    assert (summary["x"]["A %"], summary["x"]["M %"]) == (0.5, 0.5)
    assert summary["x"]["Q %"] is None


@pytest.fixture
def waves(tmp_path):
    # vip: A-dominant in Q2 (A 60 O 15 M 15 I 10), M-dominant in Q3 (A 15 O 15 M 60 I 10);
    # lounge the same in both; hotline only in Q2, app only in Q3
    vip2 = ["A"] * 60 + ["O"] * 15 + ["M"] * 15 + ["I"] * 10
    vip3 = ["A"] * 15 + ["O"] * 15 + ["M"] * 60 + ["I"] * 10
    lounge = ["I", "A", "O", "I"] * 25
    q2 = tmp_path / "q2.csv"
    q3 = tmp_path / "q3.csv"
    wide({"vip": vip2, "lounge": lounge, "hotline": ["O"] * 100}).to_csv(q2, index=False)
    wide({"vip": vip3, "lounge": lounge, "app": ["A"] * 100}).to_csv(q3, index=False)
    return q2, q3


def test_compare_writes_waves_workbook(waves, tmp_path):
    q2, q3 = waves
    out = tmp_path / "waves.xlsx"
    result = invoke("compare", q2, q3, "--wave", "2026Q2", "--wave", "2026Q3", "-o", out,
                    "--bootstrap", "200")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    book = openpyxl.load_workbook(out)
    for name in ("Waves", "Wave changes", "Wave findings", "Unmatched services", "Method"):
        assert name in book.sheetnames
    waves_rows = {(r["Service"], r["Wave"]): r for r in sheet_rows(book, "Waves")}
    assert waves_rows[("vip", "2026Q2")]["A"] == 60 and waves_rows[("vip", "2026Q3")]["M"] == 60
    assert ("hotline", "2026Q2") in waves_rows and ("app", "2026Q3") in waves_rows
    findings = [r[0] for r in book["Wave findings"].iter_rows(min_row=2, values_only=True)]
    assert len(findings) == 1
    assert findings[0].startswith(
        "vip moved from attractive (A) in 2026Q2 to must-be (M) in 2026Q3"
    )
    assert findings[0] in result.stdout
    unmatched = {r["Service"] for r in sheet_rows(book, "Unmatched services")}
    assert unmatched == {"hotline", "app"}
    assert "Services not in every wave: hotline, app" in result.stdout
    method = method_of(book)
    assert method["Waves"] == "2026Q2, 2026Q3"
    assert method["Input 2026Q2"] == str(q2)


def test_compare_zh_and_default_labels(waves, tmp_path):
    q2, q3 = waves
    out = tmp_path / "zh.xlsx"
    result = invoke("compare", q2, q3, "-o", out, "--bootstrap", "100", "--lang", "zh")
    assert result.exit_code == 0, result.output
    names = openpyxl.load_workbook(out).sheetnames
    for name in ("各期结果", "期间变化", "各期变化发现", "未匹配服务", "方法说明"):
        assert name in names
    assert "vip：从q2的魅力型(A)变为q3的必备型(M)" in result.stdout  # labels from file names


def test_priority_writes_ranked_list(segmented_csv, tmp_path):
    # 1-5 ratings -> 0-100: manager importance 5 -> 100, satisfaction 2 -> 25;
    # hotline importance 5 -> 100, satisfaction 3 -> 50; price has no Kano pair
    sat = pd.DataFrame({"id": range(1, 6), "imp_manager": [5] * 5, "sat_manager": [2] * 5,
                        "imp_hotline": [5] * 5, "sat_hotline": [3] * 5,
                        "imp_price": [4] * 5, "sat_price": [4] * 5})  # fmt: skip
    sat_path = tmp_path / "sat.csv"
    sat.to_csv(sat_path, index=False)
    out = tmp_path / "prio.xlsx"
    result = invoke("priority", segmented_csv, "--satisfaction", sat_path, "-o", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    rows = sheet_rows(book, "Priority list")
    # crosshair = mean satisfaction of the matched services (25 + 50)/2 = 37.5:
    # manager (M, 25 < 37.5) fix first; hotline (O, gap 100 - 50 = 50) improve
    assert [(r["Rank"], r["Service"], r["Action"]) for r in rows] == [
        (1, "manager", "fix first"), (2, "hotline", "improve"),
    ]  # fmt: skip
    assert rows[0]["Gap (importance - satisfaction)"] == 75
    unmatched = {(r["Service"], r["Only in"]) for r in sheet_rows(book, "Unmatched services")}
    assert unmatched == {("wifi", "Kano"), ("price", "IPA")}
    assert " 1. manager [fix first]" in result.stdout
    assert "Not in both tables: wifi, price" in result.stdout


# --- error paths: exit 1, one line ---------------------------------------------------------


def test_by_unknown_column_names_the_columns(segmented_csv):
    line = one_line_error(invoke("classify", segmented_csv, "--by", "regoin"))
    assert "'regoin'" in line
    for name in ("segment", "monthly_spend", "tenure_months", "value_segment", "tenure_band"):
        assert name in line


def test_by_value_segment_without_spend(tmp_path):
    path = tmp_path / "s.csv"
    wide({"x": ["A", "M"]}, region=["N", "S"]).to_csv(path, index=False)
    line = one_line_error(invoke("classify", path, "--by", "value_segment"))
    assert "monthly-spend" in line and "region" in line


def test_by_with_a_single_segment(tmp_path):
    path = tmp_path / "s.csv"
    wide({"x": ["A", "M"]}, region=["N", "N"]).to_csv(path, index=False)
    line = one_line_error(invoke("classify", path, "--by", "region"))
    assert "at least 2 segments" in line


def test_negative_max_q(segmented_csv):
    line = one_line_error(invoke("classify", segmented_csv, "--max-q", "-1"))
    assert "--max-q must be 0 or more" in line


@pytest.mark.parametrize("n_boot", ["0", "-10"])
def test_bootstrap_must_be_positive(segmented_csv, n_boot):
    line = one_line_error(invoke("classify", segmented_csv, "--ci", "--bootstrap", n_boot))
    assert "--bootstrap" in line


def test_compare_needs_two_files(waves):
    line = one_line_error(invoke("compare", waves[0]))
    assert "at least two" in line


def test_compare_wave_count_must_match(waves):
    line = one_line_error(invoke("compare", *waves, "--wave", "2026Q2"))
    assert "2 files, 1 labels" in line
    line = one_line_error(invoke("compare", *waves, "--wave", "a", "--wave", "b", "--wave", "c"))
    assert "2 files, 3 labels" in line


def test_compare_wave_labels_must_differ(waves):
    line = one_line_error(invoke("compare", *waves, "--wave", "Q", "--wave", "Q"))
    assert "must differ" in line


def test_compare_writes_csv_and_refuses_other_types(waves, tmp_path):
    out = tmp_path / "x.csv"
    result = invoke("compare", *waves, "--wave", "Q2", "--wave", "Q3", "-o", out)
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(out).set_index(["service", "wave"])
    # one row per service and wave it was asked in: vip 100 + 100 answers, A 60 then 15
    assert rows.loc[("vip", "Q2"), "A"] == 60 and rows.loc[("vip", "Q3"), "A"] == 15
    assert ("hotline", "Q3") not in rows.index
    line = one_line_error(invoke("compare", *waves, "-o", tmp_path / "x.txt"))
    assert ".xlsx" in line and ".csv" in line and ".json" in line


def test_priority_no_service_matches(segmented_csv, tmp_path):
    sat = tmp_path / "sat.csv"
    pd.DataFrame({"id": [1, 2], "imp_price": [5, 4], "sat_price": [2, 3]}).to_csv(sat, index=False)
    line = one_line_error(invoke("priority", segmented_csv, "--satisfaction", sat))
    assert "no service appears in both" in line and "manager" in line and "price" in line


def test_priority_needs_importance(segmented_csv, tmp_path):
    sat = tmp_path / "sat.csv"
    pd.DataFrame({"id": [1, 2], "sat_manager": [2, 3]}).to_csv(sat, index=False)
    line = one_line_error(invoke("priority", segmented_csv, "--satisfaction", sat))
    assert "importance" in line


# --- --labels: the same label map on every command that reads ratings ----------------------


@pytest.fixture
def labelled(tmp_path):
    """A Kano file whose importance column holds labels, one of them of no built-in scale;
    the label map that numbers it; a satisfaction file rated with Chinese labels."""
    kano = wide({"manager": ["M", "M", "A", "O"], "hotline": ["A", "O", "O", "I"]},
                manager_importance=["Very important", "Rather important", "Extremely important",
                                    "Very important"],
                hotline_importance=["Moderately important", "Slightly important",
                                    "Not at all important", "Rather important"])  # fmt: skip
    kano_path = tmp_path / "kano.csv"
    kano.to_csv(kano_path, index=False)
    labels = tmp_path / "labels.yaml"
    labels.write_text("Rather important: 4\n", encoding="utf-8")
    sat = pd.DataFrame({"id": range(1, 5),
                        "manager重要性": ["非常重要", "非常重要", "重要", "非常重要"],
                        "manager满意度": ["不满意", "非常不满意", "一般", "不满意"],
                        "hotline重要性": ["重要", "一般", "重要", "重要"],
                        "hotline满意度": ["满意", "非常满意", "满意", "一般"]})  # fmt: skip
    sat_path = tmp_path / "sat.csv"
    sat.to_csv(sat_path, index=False, encoding="gbk")
    return kano_path, labels, sat_path


def test_classify_importance_labels_need_the_map(labelled, tmp_path):
    kano, labels, _ = labelled
    line = one_line_error(invoke("classify", kano))
    assert "'Rather important' (2 cells, first at row 3, column 'manager_importance')" in line
    assert "--labels labels.yaml" in line
    out = tmp_path / "k.xlsx"
    result = invoke("classify", kano, "--labels", labels, "-o", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    rows = {r["Service"]: r for r in sheet_rows(book, "Summary")}
    # 5-point Not at all ... Extremely important; Rather important = 4 from the map:
    # manager 4, 4, 5, 4 -> 17/4 = 4.25; hotline 3, 2, 1, 4 -> 10/4 = 2.5
    assert rows["manager"]["Importance (mean)"] == pytest.approx(4.25)
    assert rows["hotline"]["Importance (mean)"] == pytest.approx(2.5)
    assert method_of(book)["Label map file"] == str(labels)


def test_classify_bad_label_map_exits_1(labelled, tmp_path):
    kano, _, _ = labelled
    bad = tmp_path / "bad.csv"
    bad.write_text("label,value\nRather important,quite\n", encoding="utf-8")
    line = one_line_error(invoke("classify", kano, "--labels", bad))
    assert "line 2 ('Rather important'): the value 'quite' must be a number" in line
    line = one_line_error(invoke("classify", kano, "--labels", tmp_path / "nope.yaml"))
    assert "label map not found" in line


def test_compare_reads_importance_labels_with_the_map(labelled, tmp_path):
    kano, labels, _ = labelled
    other = tmp_path / "kano2.csv"
    pd.read_csv(kano).to_csv(other, index=False)
    assert "Rather important" in one_line_error(invoke("compare", kano, other))
    result = invoke("compare", kano, other, "--labels", labels, "-o", tmp_path / "w.xlsx",
                    "--bootstrap", "50")  # fmt: skip
    assert result.exit_code == 0, result.output


def test_priority_reads_labels_on_both_files(labelled, tmp_path):
    kano, labels, sat = labelled
    line = one_line_error(invoke("priority", kano, "--satisfaction", sat))
    assert "kano.csv" in line and "'Rather important' (2 cells" in line
    out = tmp_path / "p.xlsx"
    result = invoke("priority", kano, "--satisfaction", sat, "--labels", labels, "-o", out)
    assert result.exit_code == 0, result.output
    rows = {r["Service"]: r for r in sheet_rows(openpyxl.load_workbook(out), "Priority list")}
    # satisfaction 非常不满意 ... 非常满意 = 1..5: manager 2, 1, 3, 2 -> 2.0 -> 100 (2-1)/4 = 25;
    # importance 5, 5, 4, 5 -> 4.75 -> 93.75; gap 93.75 - 25 = 68.75
    assert rows["manager"]["Gap (importance - satisfaction)"] == pytest.approx(68.75)


def test_report_reads_labels(labelled, tmp_path):
    kano, labels, sat = labelled
    assert "Rather important" in one_line_error(
        invoke("report", kano, "--satisfaction", sat, "-q", "-o", tmp_path / "r")
    )
    result = invoke("report", kano, "--satisfaction", sat, "--labels", labels, "--bootstrap",
                    "50", "--dpi", "30", "-q", "-o", tmp_path / "r")  # fmt: skip
    assert result.exit_code == 0, result.output
    method = method_of(openpyxl.load_workbook(tmp_path / "r.xlsx"), "Method")
    assert method["Label map file"] == str(labels)
