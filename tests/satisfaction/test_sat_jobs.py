"""The satisfaction jobs (satisfaction.jobs): typed option records, run_ipa / run_drivers /
report_part, the same numbers whatever the language, every input checked against every
output, and customer types assigned by the user.

The customer-type survey is a 问卷星 CSV (export-formats.md §1.2: the six fixed leading
columns, numbered "<n>、<title>" questions) read through a mapping file; its segments are
worked out by hand in the comments.
"""

from __future__ import annotations

import csv
import dataclasses
import shutil
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from cli import app
from kano.shared.errors import CustomerTypeError, OptionError, OutputError
from kano.shared.jobs import JobResult, ReportPart
from satisfaction.analysis import analyze_ipa
from satisfaction.jobs import (
    REPORT_BOOTSTRAP,
    DriversOptions,
    IPAOptions,
    ReportPartOptions,
    parse_zones,
    report_part,
    run_drivers,
    run_ipa,
)
from satisfaction.survey import load_survey

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
runner = CliRunner()


@pytest.fixture
def q2(tmp_path) -> Path:
    path = tmp_path / "survey.xlsx"
    shutil.copy(EXAMPLES / "satisfaction_2026Q2.xlsx", path)
    return path


def notes_as_records(notes) -> list[tuple]:
    return [(n.code, dict(n.params)) for n in notes]


def assert_same_tables(a, b) -> None:
    assert list(a) == list(b)
    for key in a:
        pd.testing.assert_frame_equal(a[key], b[key], check_exact=True)


# --- the same numbers whatever the language ------------------------------------------------


def test_run_ipa_is_identical_in_english_and_chinese(q2, tmp_path):
    results = {}
    for lang in ("en", "zh"):
        options = IPAOptions(q2, output=tmp_path / f"{lang}.xlsx", by="value_segment",
                             bootstrap=30, seed=5, lang=lang)  # fmt: skip
        results[lang] = run_ipa(options)
    en, zh = results["en"], results["zh"]
    assert isinstance(en, JobResult) and (en.lang, zh.lang) == ("en", "zh")
    assert_same_tables(en.tables, zh.tables)
    assert en.findings == zh.findings and en.findings
    assert notes_as_records(en.notes) == notes_as_records(zh.notes)
    # the codes stay codes; only the workbooks differ
    assert set(en.tables["drivers"]["quadrant"]) <= {"improve", "keep", "maintain", "latent_churn"}
    assert set(en.tables["segments"]["segment"]) == {"key_account", "business", "public"}
    names = {lang: openpyxl.load_workbook(r.written[0], read_only=True).sheetnames
             for lang, r in results.items()}  # fmt: skip
    assert names["en"][0] == "Drivers" and names["zh"][0] == "驱动因素"
    assert [p.name for p in en.written] == ["en.xlsx", "en_map.png", "en_map.svg"]


def test_run_drivers_is_identical_in_english_and_chinese(q2, tmp_path):
    en, zh = (run_drivers(DriversOptions(q2, output=tmp_path / f"{lang}.json", bootstrap=20,
                                         lang=lang)) for lang in ("en", "zh"))  # fmt: skip
    assert_same_tables(en.tables, zh.tables)
    assert en.findings == zh.findings
    (model,) = en.findings
    assert model.kind == "sat_model" and model.subject == "overall"
    assert model.params["r2"] == pytest.approx(en.tables["derived"]["shapley"].sum())


@pytest.fixture(scope="module")
def parts():
    return {lang: report_part(ReportPartOptions(EXAMPLES / "satisfaction_2026Q3.xlsx", seed=3,
                                                lang=lang)) for lang in ("en", "zh")}  # fmt: skip


def test_report_part_is_identical_in_english_and_chinese(parts):
    en, zh = parts["en"], parts["zh"]
    assert isinstance(en, ReportPart)
    assert_same_tables(en.tables, zh.tables)
    assert en.findings == zh.findings
    assert notes_as_records(en.notes) == notes_as_records(zh.notes)
    assert en.settings == zh.settings and en.inputs == zh.inputs
    assert [s.name for s in en.sheets] == ["IPA Drivers", "IPA Derived importance",
                                           "IPA Stated vs derived", "IPA Loyalty",
                                           "IPA Satisfaction zones", "IPA Missing values"]  # fmt: skip
    assert [s.name for s in zh.sheets][0] == "IPA 驱动因素"


def test_report_part_contents(parts):
    part = parts["en"]
    # what the Kano side joins on: the stated IPA, language-free
    ipa = part.tables["ipa"]
    assert {"driver", "importance_pct", "satisfaction_pct", "quadrant"} <= set(ipa.columns)
    survey = load_survey(EXAMPLES / "satisfaction_2026Q3.xlsx")
    again = analyze_ipa(survey, bootstrap=REPORT_BOOTSTRAP, seed=3)
    pd.testing.assert_frame_equal(ipa, again.result.table)
    # NPS of every customer first, then the value segments (codes)
    nps = part.tables["nps_segments"]
    assert nps["segment"].iloc[0] == "all"
    assert nps["n"].iloc[0] == survey.outcomes["recommend"].notna().sum()
    assert set(nps["segment"].iloc[1:]) <= {"key_account", "business", "public"}
    # the report's bootstrap of 2000 is capped for the IPA
    assert part.settings["sat_ipa_bootstrap"] == REPORT_BOOTSTRAP == 500
    assert part.inputs[0] == ("satisfaction", survey.table.path, {})
    # one finding per driver to improve first, with its quadrant probability
    improve = set(ipa.loc[ipa["quadrant"] == "improve", "driver"])
    found = [f for f in part.findings if f.kind == "sat_improve"]
    assert {f.subject for f in found} == improve and improve
    assert all(0 <= f.params["p"] <= 1 and f.params["quadrant"] == "improve" for f in found)
    assert {f.kind for f in part.findings} >= {"sat_nps", "sat_zones"}
    # the PDF table is in words
    title, table = part.pdf_tables[0]
    assert title == "Drivers" and "Quadrant name" in table.columns


def test_report_part_charts_draw(parts):
    for lang, part in parts.items():
        assert set(part.charts) == {"ipa", "derived", "zones", "nps"}, lang
        for name, draw in part.charts.items():
            ax = draw(None)
            assert isinstance(ax, plt.Axes), name
            plt.close(ax.figure)


def test_report_part_without_stated_importance(tmp_path):
    frame = pd.read_excel(EXAMPLES / "satisfaction_2026Q3.xlsx", engine="calamine")
    path = tmp_path / "no_importance.csv"
    frame.drop(columns=[c for c in frame if "重要性" in c]).to_csv(path, index=False)
    part = report_part(ReportPartOptions(path, bootstrap=20))
    assert "ipa" not in part.tables  # no priority list can be joined on derived importance
    assert part.settings["sat_importance"] == "derived" and part.settings["sat_ipa_bootstrap"] == 20
    assert any(n.code == "sat_importance_derived" for n in part.notes)


# --- the option records ----------------------------------------------------------------------


def test_options_are_frozen_records_with_the_shared_defaults(q2):
    options = IPAOptions(q2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.bootstrap = 10  # type: ignore[misc]
    for cls in (IPAOptions, DriversOptions, ReportPartOptions):
        o = cls(q2)
        assert (o.bootstrap, o.seed, o.lang, o.key_account_spend) == (2000, 0, "en", 3000)


def test_parse_zones():
    assert parse_zones("5,8") == (5.0, 8.0) and parse_zones((3, 4)) == (3.0, 4.0)
    assert parse_zones(None) is None and parse_zones(" ") is None
    with pytest.raises(OptionError, match="zones= must be two numbers"):
        parse_zones("5")
    with pytest.raises(OptionError, match="zones= needs X1 < X2"):
        parse_zones("8,5")


def test_every_input_is_checked_against_the_output_before_any_work(q2, tmp_path):
    mapping = tmp_path / "map.csv"
    mapping.write_text("column,role,driver\nsat_price,satisfaction,price\n", encoding="utf-8")
    before = mapping.read_bytes()
    missing = tmp_path / "nope.xlsx"  # not read: the output is refused first
    with pytest.raises(OutputError, match="over the input file"):
        run_ipa(IPAOptions(missing, mapping=mapping, output=mapping))
    with pytest.raises(OutputError, match="over the input file"):
        run_drivers(DriversOptions(missing, mapping=mapping, output=mapping))
    types = tmp_path / "types.csv"
    types.write_text("type,segment\n校园客户,public\n", encoding="utf-8")
    with pytest.raises(OutputError, match="over the input file"):
        run_ipa(IPAOptions(missing, customer_types=types, output=types))
    # the IPA map beside a workbook is an output too
    shutil.copy(q2, tmp_path / "out_map.png")
    with pytest.raises(OutputError, match="out_map.png: refusing"):
        run_ipa(IPAOptions(tmp_path / "out_map.png", output=tmp_path / "out.xlsx"))
    assert mapping.read_bytes() == before


def test_a_dataframe_needs_an_output_path(q2):
    frame = pd.read_excel(q2, engine="calamine")
    with pytest.raises(OptionError, match=r"output="):
        run_ipa(IPAOptions(frame))


# --- customer types, in a 问卷星 export ---------------------------------------------------

WJX_META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
TYPE, SPEND = "1、您的客户类型", "2、您的月消费(元)"
SAT, IMP, OVERALL = (
    "3、您对资费的满意程度",
    "4、资费对您的重要程度",
    "5、总体而言，您对我们的服务满意吗？",
)
ROWS = [  # type, spend, satisfaction, importance, overall
    ("个人", 100, 2, 5, 4), ("企业", 200, 3, 4, 6), ("校园客户", 150, 4, 3, 7),
    ("个人", 5000, 5, 4, 9), ("企业", 300, 2, 5, 3), ("校园客户", 80, 3, 4, 5),
    ("个人", 120, 4, 4, 8), ("企业", 250, 5, 3, 9),
]  # fmt: skip


def write_wjx(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        w = csv.writer(fh)
        w.writerow([*WJX_META, TYPE, SPEND, SAT, IMP, OVERALL])
        for i, row in enumerate(ROWS):
            meta = [i + 1, f"2026/09/03 12:0{i}:00", f"{100 + i}秒", "手机提交", "N/A",
                    f"1.2.3.{i}(广东-深圳)"]  # fmt: skip
            w.writerow([*meta, *row])
    return path


@pytest.fixture
def wjx(tmp_path) -> tuple[Path, Path]:
    mapping = tmp_path / "map.csv"
    mapping.write_text(
        "column,role,driver,scale\n"
        f"{SAT},satisfaction,price,1-5\n{IMP},importance,price,1-5\n{OVERALL},overall,,1-10\n"
        f"{TYPE},customer_type,,\n{SPEND},spend,,numeric\n",
        encoding="utf-8",
    )
    return write_wjx(tmp_path / "wjx.csv"), mapping


def test_unknown_customer_types_stop_the_run_until_assigned(wjx, tmp_path):
    path, mapping = wjx
    with pytest.raises(CustomerTypeError, match=r"wjx.csv.*'校园客户' \(2\)"):
        load_survey(path, mapping=mapping)
    result = run_ipa(IPAOptions(path, mapping=mapping, customer_types="校园客户=public",
                                by="value_segment", bootstrap=0, output=tmp_path / "o.json"))  # fmt: skip
    means = result.tables["segment_means"]
    counts = dict(means.loc[means["variable"] == "sat: price", ["segment", "n"]].to_numpy())
    # spend above 3000 is a key account (row 4); 企业 business (rows 2, 5, 8); 个人 and the
    # assigned 校园客户 public (rows 1, 3, 6, 7)
    assert counts == {"public": 4, "business": 3, "key_account": 1}
    # the key account alone is too few for its own IPA, and the note names it in words
    (small,) = [n for n in result.notes if n.code == "sat_segment_small"]
    assert (
        small.text("en") == "segment 'key accounts' left out of the per-segment IPA: 1 respondents"
    )
    assert "大客户" in small.text("zh")


def test_customer_types_from_a_file_are_an_input_of_the_method(wjx, tmp_path):
    path, mapping = wjx
    types = tmp_path / "types.yaml"
    types.write_text("校园客户: public\n", encoding="utf-8")
    out = tmp_path / "d.xlsx"
    run_drivers(DriversOptions(path, mapping=mapping, customer_types=types, output=out,
                               bootstrap=0, key_account_spend=4000))  # fmt: skip
    rows = openpyxl.load_workbook(out, read_only=True)["Method"].iter_rows(values_only=True)
    method = dict(rows)
    assert method["Customer-type map file"] == str(types)
    assert method["Key-account spend (yuan a month)"] == 4000


def test_cli_customer_types(wjx, tmp_path):
    path, mapping = wjx
    out = tmp_path / "i.json"
    ok = runner.invoke(app, ["ipa", str(path), "--mapping", str(mapping), "--customer-types",
                             "校园客户=public", "--by", "value_segment", "--bootstrap", "0",
                             "-o", str(out)])  # fmt: skip
    assert ok.exit_code == 0, ok.output
    bad = runner.invoke(app, ["ipa", str(path), "--mapping", str(mapping), "-o", str(out)])
    assert bad.exit_code == 1
    (line,) = [ln for ln in bad.stderr.splitlines() if ln.strip()]
    assert line.startswith("Error: ") and "校园客户" in line and "--customer-types" in line
    bad = runner.invoke(app, ["drivers", str(path), "--mapping", str(mapping),
                              "--customer-types", "校园客户", "-o", str(out)])  # fmt: skip
    assert bad.exit_code == 1 and "is not TYPE=SEGMENT" in bad.stderr
    types = tmp_path / "types.yaml"
    types.write_text("校园客户: public\n", encoding="utf-8")
    book = tmp_path / "d.xlsx"
    ok = runner.invoke(app, ["drivers", str(path), "--mapping", str(mapping), "--customer-types",
                             str(types), "--key-account-spend", "4000", "--bootstrap", "0",
                             "-o", str(book)])  # fmt: skip
    assert ok.exit_code == 0, ok.output
    method = dict(
        openpyxl.load_workbook(book, read_only=True)["Method"].iter_rows(values_only=True)
    )
    assert method["Customer-type map file"] == str(types)
    assert method["Key-account spend (yuan a month)"] == 4000
