"""Column detection, mapping files, and validation of ratings (cells named)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kano.shared.errors import InvalidValueError, MappingFileError, OptionError, PairingError
from kano.shared.files import read_table
from satisfaction import load_survey
from satisfaction.columns import find_columns, read_mapping
from satisfaction.validate import Scale, infer_scale, ratings, to_binary


def pairs(frame: pd.DataFrame) -> dict[str, tuple[str | None, str]]:
    """Driver -> (importance column, satisfaction column); detection finds one item each."""
    cols = find_columns(frame)
    assert all(len(d.satisfaction) == 1 and len(d.importance) <= 1 for d in cols.drivers)
    return {d.name: ((d.importance or (None,))[0], d.satisfaction[0]) for d in cols.drivers}


@pytest.mark.parametrize(
    ("imp", "sat", "key"),
    [
        ("imp_price", "sat_price", "price"),
        ("importance_price", "satisfaction_price", "price"),
        ("price_imp", "price_sat", "price"),
        ("Price Importance", "Price Satisfaction", "price"),
        ("资费重要性", "资费满意度", "price"),
        ("重要性_通信质量", "满意度_通信质量", "network"),
        ("服务质量重要程度", "服务质量满意程度", "service"),
        (
            "How important is each of the following to you? - Coverage",
            "How satisfied are you with each of the following? - Coverage",
            "Coverage",
        ),
        ("您认为以下因素的重要程度 - 网速", "您对以下方面的满意度 - 网速", "网速"),
    ],
)
def test_naming_conventions(imp, sat, key):
    frame = pd.DataFrame({imp: [4], sat: [3], "overall_satisfaction": [7]})
    assert pairs(frame) == {key: (imp, sat)}


def test_outcomes_and_traits_english_chinese_and_bilingual():
    frame = pd.DataFrame(
        columns=[
            "sat_price",
            "总体满意度 Overall satisfaction",
            "是否续约",
            "intend_to_stay",
            "推荐意愿(0-10)",
            "情感依赖",
            "客户类型",
            "月消费额(元)",
            "在网时长(月)",
            "age_band",
            "地区",
            "收到竞争对手优惠",
        ]
    )
    cols = find_columns(frame)
    assert [d.name for d in cols.drivers] == ["price"]
    assert cols.drivers[0].importance == ()
    assert cols.overall == "总体满意度 Overall satisfaction"
    assert cols.behavioural == ("是否续约",)
    assert cols.intentional == ("intend_to_stay",)
    assert cols.recommend == "推荐意愿(0-10)"
    assert cols.emotional == ("情感依赖",)
    assert cols.traits == {
        "customer_type": "客户类型",
        "spend": "月消费额(元)",
        "tenure": "在网时长(月)",
        "age": "age_band",
        "region": "地区",
        "competitor_offer": "收到竞争对手优惠",
    }
    assert cols.loyalty_items()["intentional"] == ("intend_to_stay", "推荐意愿(0-10)")


def test_pairing_errors():
    with pytest.raises(PairingError, match="'imp_price'.*no satisfaction column"):
        find_columns(pd.DataFrame(columns=["imp_price", "sat_network"]))
    with pytest.raises(PairingError, match="'sat_price' and 'price_sat'"):
        find_columns(pd.DataFrame(columns=["sat_price", "price_sat"]))
    with pytest.raises(PairingError, match="no driver rating columns"):
        find_columns(pd.DataFrame(columns=["overall", "renewed"]))
    with pytest.raises(PairingError, match="several columns look like 'tenure'"):
        find_columns(pd.DataFrame(columns=["sat_price", "tenure", "在网时长"]))


def test_mapping_csv_and_yaml(tmp_path):
    frame = pd.DataFrame({"Q1": [4], "Q2": [3], "Q9": [8], "T": [12]})
    csv = tmp_path / "map.csv"
    csv.write_text(
        "column,role,driver,scale\nQ1,importance,price,1-5\nQ2,satisfaction,price,1-5\n"
        "Q9,overall,,1-10\nT,tenure,,\n",
        encoding="utf-8",
    )
    cols = find_columns(frame, read_mapping(csv))
    assert (cols.drivers[0].name, cols.drivers[0].importance, cols.drivers[0].satisfaction) == (
        "price",
        ("Q1",),
        ("Q2",),
    )
    assert cols.overall == "Q9" and cols.traits == {"tenure": "T"}
    assert cols.scales["Q9"] == (1.0, 10.0)
    yml = tmp_path / "map.yaml"
    yml.write_text(
        "- {column: Q1, role: importance, driver: 资费}\n- {column: Q2, role: satisfaction, driver: 资费}\n",
        encoding="utf-8",
    )
    assert find_columns(frame, read_mapping(yml)).drivers[0].name == "price"


def test_mapping_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("column,role\nQ1,importance_x\n", encoding="utf-8")
    with pytest.raises(MappingFileError, match=r"bad.csv, row 2: unknown role 'importance_x'"):
        read_mapping(bad)
    nodriver = tmp_path / "nodriver.csv"
    nodriver.write_text("column,role\nQ1,importance\n", encoding="utf-8")
    with pytest.raises(MappingFileError, match="row 2: an importance column needs a driver"):
        read_mapping(nodriver)
    missing = tmp_path / "missing.csv"
    missing.write_text("column,role,driver\nQX,satisfaction,price\n", encoding="utf-8")
    with pytest.raises(MappingFileError, match="column 'QX' is not in"):
        find_columns(pd.DataFrame(columns=["Q1"]), read_mapping(missing))
    with pytest.raises(MappingFileError, match="not found"):
        read_mapping(tmp_path / "nope.csv")


def test_invalid_ratings_name_row_and_column():
    table = read_table(
        pd.DataFrame({"sat_price": [4, "abc", 3, "", "５"], "sat_x": [1, 2, 3, 9, 5]})
    )
    with pytest.raises(InvalidValueError) as exc:
        ratings(table, ["sat_price"])
    # header is row 1: the 2nd data row is spreadsheet row 3
    assert exc.value.total == 1
    assert "'abc' (1 cell, row 3, column 'sat_price')" in str(exc.value)
    with pytest.raises(InvalidValueError, match=r"row 5, column 'sat_x': 9.*scale \(1-5\)"):
        ratings(table, ["sat_x"], Scale(1, 5))


def test_full_width_digits_and_blanks():
    table = read_table(pd.DataFrame({"s": ["4", "５", None, " 3 "]}))
    values, scales, notes = ratings(table, ["s"], Scale(1, 5))
    assert list(values["s"].fillna(-1)) == [4, 5, -1, 3]
    assert scales["s"] == Scale(1, 5) and notes == []


def test_scale_inference():
    assert infer_scale([1, 2, 3, 4, 5]) == (Scale(1, 5), None)
    assert infer_scale([0, 3, 10]) == (Scale(0, 10), None)
    scale, note = infer_scale([2, 3, 4])
    assert scale == Scale(1, 5) and "inferred" in str(note)
    scale, note = infer_scale([1, 10])  # 1-10 or 0-10 without zeros: warn
    assert scale == Scale(1, 10) and note
    assert infer_scale([2, 3], Scale(1, 7)) == (Scale(1, 7), None)
    with pytest.raises(OptionError, match="scale= LOW-HIGH"):  # the keyword; --scale in the CLI
        infer_scale([1, 50])


def test_binary_answers():
    table = read_table(pd.DataFrame({"r": ["是", "否", "yes", "No", 1, 0, None, "maybe"]}))
    with pytest.raises(InvalidValueError, match="row 9, column 'r': 'maybe'"):
        to_binary(table, ["r"])
    table = read_table(pd.DataFrame({"r": ["是", "否", "yes", "No", 1, 0, None]}))
    got = to_binary(table, ["r"])["r"]
    assert list(got.fillna(-1)) == [1, 0, 1, 0, 1, 0, -1]


def test_gbk_csv_with_chinese_headers(tmp_path):
    rng = np.random.default_rng(0)
    n = 60
    frame = pd.DataFrame(
        {
            "资费重要性": rng.integers(1, 6, n),
            "资费满意度": rng.integers(1, 6, n),
            "通信质量重要性": rng.integers(1, 6, n),
            "通信质量满意度": rng.integers(1, 6, n),
            "总体满意度": rng.integers(1, 11, n),
            "客户类型": rng.choice(["个人", "企业"], n),
            "月消费额(元)": rng.integers(50, 5000, n),
            "在网时长(月)": rng.integers(0, 100, n),
        }
    )
    path = tmp_path / "调查.csv"
    frame.to_csv(path, index=False, encoding="gbk")
    survey = load_survey(path)
    assert list(survey.satisfaction.columns) == ["price", "network"]
    assert survey.table.encoding == "GBK/GB18030"
    expected = np.where(
        frame["月消费额(元)"] > 3000,
        "key_account",
        np.where(frame["客户类型"] == "企业", "business", "public"),
    )
    assert list(survey.traits["value_segment"]) == list(expected)
    assert list(survey.traits["tenure_band"].astype(str))[:1] == [
        str(tenure_label(frame["在网时长(月)"].iloc[0]))
    ]


def tenure_label(m: int) -> str:
    for lo, hi in [(0, 6), (7, 12), (13, 24), (25, 36), (37, 48), (49, 60)]:
        if m <= hi:
            return f"{lo}-{hi}"
    return "61+"
