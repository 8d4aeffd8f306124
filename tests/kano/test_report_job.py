"""The quarterly report job (kano.jobs.report, kano.render.report): the key findings follow from the
example data as it was designed (examples/make_examples.py: the account manager, roaming pack
and self-service app migrate between 2026Q2 and 2026Q3; every other service keeps its mix),
the same seed gives the same numbers, the records do not depend on the language, and
write_report writes the workbook, the PDF and one PNG per chart."""

from __future__ import annotations

import struct
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from kano.jobs.options import BootstrapOptions, OutputOptions
from kano.jobs.report import ReportOptions, build, report_paths
from kano.render.report import findings_blocks, record_text, write_report
from kano.shared.i18n import text
from kano.shared.records import Finding
from satisfaction.jobs import ReportPartOptions, report_part

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
Q3 = EXAMPLES / "carrier_survey_wjx.xlsx"
Q2 = EXAMPLES / "carrier_survey_2026Q2_wjx.xlsx"
SAT = EXAMPLES / "satisfaction_2026Q3.xlsx"
WJX_F = "5、如果为您提供以下服务，您的感觉是？—"
WJX_D = "6、如果取消以下服务，您的感觉是？—"
# services whose category mix make_examples.py changes between the two quarters
MIGRATING = {"专属客户经理", "漫游流量包", "网上营业厅APP"}
STABLE = {"10000/1860免费客服热线", "营业厅VIP休息室", "异地补换卡", "积分兑换", "24小时宽带抢修",
          "月度账单短信", "来电显示"}  # fmt: skip


def build_q3(seed=3, lang="en"):
    options = ReportOptions(Q3, wave="2026Q3", previous=(("2026Q2", Q2),),
                            bootstrap=BootstrapOptions(100, seed), output=OutputOptions(lang=lang))  # fmt: skip
    part = report_part(ReportPartOptions(SAT, bootstrap=100, seed=seed, lang=lang))
    return build(options, part)


def lines(report, section):
    return [record_text(r, "en") for r in report.findings[section]]


@pytest.fixture(scope="module")
def report():
    return build_q3()


def test_findings_name_the_designed_migrations_and_nothing_else(report):
    f = report.findings
    assert set(f) == {"changes", "shifts", "priorities", "segments", "quality"}
    changed = {r.subject for r in f["changes"]}
    assert changed, f["changes"]
    assert changed <= MIGRATING  # only services whose mix was changed on purpose
    # the public's self-service app and roaming pack lost attractive answers:
    # the roaming pack's Better falls, the app's Worse grows (more must-be/one-dimensional)
    shifts = {(r.subject, r.params["metric"]) for r in f["shifts"]}
    assert ("漫游流量包", "better") in shifts and ("网上营业厅APP", "worse") in shifts
    assert not {s for s, _ in shifts} & {"来电显示", "10000/1860免费客服热线"}
    assert any("漫游流量包" in s and "Better" in s for s in lines(report, "shifts"))


def test_priorities_without_common_services_are_the_largest_worse(report):
    # the satisfaction example rates drivers (price, network ...), not the Kano services,
    # so the report falls back to the services most harmful if missing
    assert report.priorities is None
    s = report.kano.summary
    worse = {r.service: (r.O + r.M) / (r.A + r.O + r.M + r.I) for r in s.itertuples()}
    top = sorted(worse, key=worse.get, reverse=True)[:5]
    found = report.findings["priorities"]
    assert [(r.kind, r.params["rank"], r.subject) for r in found] == [
        ("harm", k, service) for k, service in enumerate(top, 1)
    ]
    for k, (line, service) in enumerate(zip(lines(report, "priorities"), top, strict=True), 1):
        assert line.startswith(f"{k}. {service} (")


def test_quality_warnings_match_the_raw_blank_answers(report):
    # 问卷星's matrix layout: "<题目>—<行1>", then the bare row labels, by position
    raw = pd.read_excel(Q3, engine="openpyxl", header=None)
    head = [str(h) for h in raw.iloc[0]]
    body = raw.iloc[1:]
    first_f = next(j for j, h in enumerate(head) if h.startswith(WJX_F))
    first_d = next(j for j, h in enumerate(head) if h.startswith(WJX_D))
    expected = set()
    for k in range(first_d - first_f):
        service = head[first_f + k].removeprefix(WJX_F)
        blank = body.iloc[:, first_f + k].isin(["(空)"]) | body.iloc[:, first_f + k].isna()
        blank |= body.iloc[:, first_d + k].isin(["(空)"]) | body.iloc[:, first_d + k].isna()
        if blank.mean() > 0.05:
            expected.add(service)
    missing_lines = {q.params["service"] for q in report.findings["quality"]
                     if q.code == "missing_share"}  # fmt: skip
    assert expected  # the example has one service above 5 % (异地补换卡)
    assert missing_lines == expected


def test_inputs_settings_and_segments(report):
    files = {(role, path) for role, path, _ in report.inputs if path is not None}
    assert files == {("wave", Q3), ("wave", Q2), ("satisfaction", SAT)}
    assert report.settings["bootstrap_seed"] == 3
    assert report.settings["bootstrap_resamples"] == 100
    assert report.settings["wave"] == "2026Q3"
    assert report.kano.segments is not None  # 客户类型/月消费 give value segments
    assert list(dict.fromkeys(report.waves.groups["wave"])) == ["2026Q2", "2026Q3"]


def test_same_seed_same_numbers_other_seed_other_intervals(report):
    again = build_q3()
    pd.testing.assert_frame_equal(report.kano.summary, again.kano.summary)
    pd.testing.assert_frame_equal(report.waves.tests, again.waves.tests)
    assert report.findings == again.findings
    other = build_q3(seed=4)
    cols = ["better_ci_low", "better_ci_high", "worse_ci_low", "worse_ci_high"]
    assert not report.kano.summary[cols].equals(other.kano.summary[cols])
    # the counts and coefficients do not depend on the seed
    fixed = ["A", "O", "M", "I", "R", "Q", "better", "worse", "category"]
    pd.testing.assert_frame_equal(report.kano.summary[fixed], other.kano.summary[fixed])


def png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_write_report_without_waves_or_satisfaction(tmp_path):
    rep = build(ReportOptions(Q3, wave="2026Q3", bootstrap=BootstrapOptions(50, 1)))
    steps = []
    written = write_report(rep, tmp_path / "q3", "en", dpi=40, progress=steps.append)
    names = [p.name for p in written]
    assert names[:2] == ["q3.xlsx", "q3.pdf"]
    assert sorted(names[2:]) == ["q3_better_worse.png", "q3_continuous.png", "q3_shares.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)  # no temporary files
    assert report_paths(tmp_path / "q3") == written[:2]
    assert steps == ["draw_charts", "write_workbook", "write_pdf"]
    # category_shares is 9 inches wide: 360 pixels at 40 dpi
    assert png_size(tmp_path / "q3_shares.png")[0] == 9 * 40
    pages = [p.extract_text() for p in PdfReader(tmp_path / "q3.pdf").pages]
    assert pages[0].startswith("Quarterly customer report 2026Q3")
    assert not any("Wave trends" in p for p in pages)  # no earlier wave, no trend page
    assert not any("Importance × satisfaction" in p for p in pages)
    assert "Methods and data quality" in pages[-1]
    book = openpyxl.load_workbook(tmp_path / "q3.xlsx")
    assert book.sheetnames[0] == "Key findings" and book.sheetnames[-1] == "Method"
    assert "Charts" in book.sheetnames


def test_report_quality_names_unpaired_answer_columns(tmp_path):
    import exports as ex

    rows = ex.google_sentence_columns(
        [("How would you feel if the app had dark mode?",
          "How would you feel if the app did not have dark mode?"),
         ("How would you feel if the app had a widget?",
          "How would you feel if the app did not have a widget?")]
    )  # fmt: skip
    rows[0].append("How would you feel about a chat assistant?")
    for k, row in enumerate(rows[1:]):
        row.append(ex.EN[1 + k % 5])
    path = tmp_path / "form.csv"
    path.write_bytes(ex.csv_bytes(rows))
    report = build(ReportOptions(path, wave="2026Q3", bootstrap=BootstrapOptions(20)))
    found = [r for r in report.findings["quality"] if r.code == "unpaired"]
    assert len(found) == 1 and "chat assistant" in found[0].params["columns"]
    for lang, word in (("en", "not paired"), ("zh", "未能配对")):
        quality = dict(findings_blocks(report, lang))[text("report.quality", lang)]
        said = [line for line in quality if word in line]
        assert len(said) == 1 and "chat assistant" in said[0]


def test_records_are_the_same_whatever_the_language(report):
    zh = build_q3(lang="zh")
    pd.testing.assert_frame_equal(report.kano.summary, zh.kano.summary)
    assert report.findings == zh.findings
    assert all(isinstance(r, Finding) for r in report.findings["changes"])
