"""The quarterly report at library level (kano.quarterly): the key findings follow from the
example data as it was designed (examples/make_examples.py: the account manager, roaming pack
and self-service app migrate between 2026Q2 and 2026Q3; every other service keeps its mix),
the same seed gives the same numbers, and write_report writes the workbook, the PDF and one
PNG per chart."""

from __future__ import annotations

import struct
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from pypdf import PdfReader

from kano.quarterly import build_report, report_paths, write_report

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


def build(seed=3, **kw):
    return build_report(Q3, wave="2026Q3", previous=[("2026Q2", Q2)], satisfaction=SAT,
                        n_boot=100, seed=seed, **kw)  # fmt: skip


@pytest.fixture(scope="module")
def report():
    return build()


def test_findings_name_the_designed_migrations_and_nothing_else(report):
    f = report.findings
    assert set(f) == {"changes", "shifts", "priorities", "segments", "quality"}
    changed = {line.split(":")[0].strip() for line in f["changes"]}
    assert changed, f["changes"]
    assert changed <= MIGRATING  # only services whose mix was changed on purpose
    # the public's self-service app and roaming pack lost attractive answers:
    # the roaming pack's Better falls, the app's Worse grows (more must-be/one-dimensional)
    assert any("漫游流量包" in s and "Better" in s for s in f["shifts"])
    assert any("网上营业厅APP" in s and "Worse" in s for s in f["shifts"])
    assert not any(s.split(":")[0] in {"来电显示", "10000/1860免费客服热线"} for s in f["shifts"])


def test_priorities_without_common_services_are_the_largest_worse(report):
    # the satisfaction example rates drivers (price, network ...), not the Kano services,
    # so the report falls back to the services most harmful if missing
    assert report.priorities is None
    s = report.kano.summary
    worse = {r.service: (r.O + r.M) / (r.A + r.O + r.M + r.I) for r in s.itertuples()}
    top = sorted(worse, key=worse.get, reverse=True)[:5]
    lines = report.findings["priorities"]
    assert len(lines) == 5
    for k, (line, service) in enumerate(zip(lines, top, strict=True), 1):
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
    missing_lines = {q.split(":")[0] for q in report.findings["quality"] if "complete" in q}
    assert expected  # the example has one service above 5 % (异地补换卡)
    assert missing_lines == expected


def test_inputs_settings_and_segments(report):
    assert report.inputs == {"Kano 2026Q3": Q3, "Kano 2026Q2": Q2, "satisfaction": SAT}
    assert report.settings["bootstrap seed"] == 3
    assert report.settings["bootstrap resamples"] == 100
    assert report.settings["wave"] == "2026Q3"
    assert report.kano.segments is not None  # 客户类型/月消费 give value segments
    assert list(dict.fromkeys(report.waves.groups["wave"])) == ["2026Q2", "2026Q3"]


def test_same_seed_same_numbers_other_seed_other_intervals(report):
    again = build()
    pd.testing.assert_frame_equal(report.kano.summary, again.kano.summary)
    pd.testing.assert_frame_equal(report.waves.tests, again.waves.tests)
    assert report.findings == again.findings
    other = build(seed=4)
    cols = ["better_ci_low", "better_ci_high", "worse_ci_low", "worse_ci_high"]
    assert not report.kano.summary[cols].equals(other.kano.summary[cols])
    # the counts and coefficients do not depend on the seed
    fixed = ["A", "O", "M", "I", "R", "Q", "better", "worse", "category"]
    pd.testing.assert_frame_equal(report.kano.summary[fixed], other.kano.summary[fixed])


def png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_write_report_without_waves_or_satisfaction(tmp_path):
    rep = build_report(Q3, wave="2026Q3", n_boot=50, seed=1)
    steps = []
    written = write_report(rep, tmp_path / "q3", dpi=40, progress=steps.append)
    names = [p.name for p in written]
    assert names[:2] == ["q3.xlsx", "q3.pdf"]
    assert sorted(names[2:]) == ["q3_better_worse.png", "q3_continuous.png", "q3_shares.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(names)  # no temporary files
    assert report_paths(tmp_path / "q3") == written[:2]
    assert steps == ["drawing charts", "writing the workbook", "writing the PDF"]
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
    for lang, word in (("en", "not paired"), ("zh", "未能配对")):
        report = build_report(path, wave="2026Q3", lang=lang, n_boot=20)
        lines = [line for line in report.findings["quality"] if word in line]
        assert len(lines) == 1 and "chat assistant" in lines[0]
