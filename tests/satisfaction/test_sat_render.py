"""Rendering (satisfaction.render, satisfaction.notes): language-free tables, notes and
findings put into English or Chinese words from the catalogue; numbers untouched."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from kano.shared.records import Finding, Note
from satisfaction.notes import NamedNote, driver_note, note
from satisfaction.render import finding_text, json_rows, localise, sheet

TABLE = pd.DataFrame(
    {
        "driver": ["price", "资费变化"],  # a default driver and the user's own
        "importance": [4.25, 2.5],
        "p_improve": [0.9, 0.1],
        "quadrant": ["improve", "maintain"],
        "agree": [True, False],
    }
)


def test_localise_names_codes_and_keeps_numbers():
    en = localise(TABLE, "en")
    assert list(en.columns) == ["Driver", "Importance", "P(improve first)", "Quadrant",
                                "Quadrant name", "Agree"]  # fmt: skip
    assert list(en["Driver"]) == ["Price", "资费变化"]
    assert list(en["Quadrant"]) == ["improve", "maintain"]  # the code stays beside its name
    assert en["Quadrant name"].iloc[1] == "Maintain (possible overkill)"
    assert list(en["Agree"]) == ["yes", "no"]
    np.testing.assert_array_equal(en["Importance"], TABLE["importance"])
    zh = localise(TABLE, "zh", headers=False)  # a CSV: the library's column names
    assert list(zh.columns) == ["driver", "importance", "p_improve", "quadrant",
                                "quadrant_name", "agree"]  # fmt: skip
    assert list(zh["driver"]) == ["资费/价格", "资费变化"] and list(zh["agree"]) == ["是", "否"]


def test_segments_are_named_only_when_they_are_value_segment_codes():
    frame = pd.DataFrame({"segment": ["public", "North"], "n": [3, 4]})
    assert list(localise(frame, "zh", segments_coded=True)["细分群体"]) == ["公众客户", "North"]
    # a column of the user's (--by region) keeps its words, even one that looks like a code
    assert list(localise(frame, "zh")["细分群体"]) == ["public", "North"]


def test_sheet_formats_and_name():
    spec = sheet("drivers", TABLE, "zh", "标题")
    assert spec.name == "驱动因素" and spec.title == "标题"
    assert spec.percent == ["P(重点改进)"]
    assert spec.number_formats == {"重要性": "0.000"}


def test_missing_values_rows_in_words():
    frame = pd.DataFrame(
        {"column": ["q1", None], "driver": [None, "price"], "role": [None, "importance"],
         "n_items": [np.nan, 2], "min_items": [np.nan, 1], "n": [7, 6], "n_missing": [1, 2]}
    )  # fmt: skip
    shown = sheet("missing", frame, "en").frame
    assert list(shown.columns) == ["Column", "Total", "Missing"]
    assert list(shown["Column"]) == ["q1", "Price: importance score (at least 1 of 2 items)"]
    rows = json_rows("missing", frame, "zh")
    assert rows[1]["column"] == "资费/价格：重要性得分(2项中至少1项)"
    assert rows[1]["driver"] == "price" and rows[1]["driver_name"] == "资费/价格"
    assert rows[0]["driver"] is None and rows[0]["driver_name"] is None


def test_json_rows_keep_codes_and_add_names():
    rows = json_rows("drivers", TABLE.assign(importance=[4.25, math.nan]), "zh")
    assert rows[0]["driver"] == "price" and rows[0]["driver_name"] == "资费/价格"
    assert rows[0]["quadrant"] == "improve" and rows[0]["quadrant_name"].startswith("重点改进")
    assert rows[1]["importance"] is None  # NaN is null in JSON
    assert rows[0]["agree"] is True


def test_findings_in_words():
    improve = Finding("sat_improve", "price", {"quadrant": "improve", "importance_pct": 85.7,
                                                "satisfaction_pct": 47.9})  # fmt: skip
    assert finding_text(improve, "en") == (
        "Price: improve first (chief cause of churn): importance 86, satisfaction 48 (0-100)"
    )
    sure = Finding("sat_improve", "price", {**improve.params, "p": 0.987})
    assert finding_text(sure, "en").endswith("in this quadrant in 99% of the bootstrap resamples")
    assert finding_text(sure, "zh").startswith("资费/价格：重点改进") and "99%" in finding_text(
        sure, "zh"
    )
    nps = Finding("sat_nps", "", {"nps": 16.4, "ci_low": 12.2, "ci_high": 20.6, "n": 1177})
    assert finding_text(nps, "en") == "NPS +16 points (95% CI +12 to +21; 1177 answers)"
    model = Finding("sat_model", "loyalty_index", {"r2": 0.51234, "n": 1160})
    assert finding_text(model, "en") == "Outcome Loyalty index: R² = 0.512 (1160 complete cases)"
    zones = Finding("sat_zones", "", {"x1": 5.5, "x2": 7.75, "dissatisfied": 49.0,
                                      "neither": 58.6, "satisfied": 85.1})  # fmt: skip
    assert "dissatisfied 49, neither 59, satisfied 85" in finding_text(zones, "en")
    assert "满意区 85" in finding_text(zones, "zh")


def test_notes_stay_codes_until_rendered():
    n = driver_note("numeric_left_out", ["tenure", "calls"])
    assert isinstance(n, Note) and n.params["drivers"] == ("tenure", "calls")
    assert n.text("en").startswith("numeric driver(s) Tenure, calls left out of the IPA map")
    assert n.text("zh").startswith("数值型驱动因素 在网时长、calls 未放入IPA图")
    assert str(n) == n.text("en")
    assert n == NamedNote("sat_numeric_left_out", {"drivers": ("tenure", "calls")},
                          {"drivers": "driver"})  # fmt: skip
    mapped = note("columns_from_mapping", n=5)
    assert mapped.code == "sat_columns_from_mapping" and dict(mapped.params) == {"n": 5}
    assert mapped.text("en") == "columns from the mapping file (5 rows)"
    assert mapped.text("zh") == "列来自映射文件(5行)"
