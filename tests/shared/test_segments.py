"""Segments (issue 4): the value segments and tenure bands of the source documents
(domain.md), `--by` column lookup, and the plain-words finding per significant service."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from kano.analysis import analyze
from kano.compare import compare_segments
from kano.render.findings import finding_text
from kano.shared.errors import OptionError
from kano.shared.segments import derive_segments, segment_labels, tenure_band, value_segment

PAIR = {"A": (1, 3), "O": (1, 5), "M": (2, 5), "I": (3, 3)}


def pairs(counts: dict[str, int]) -> list[tuple[int, int]]:
    return [PAIR[c] for c, k in counts.items() for _ in range(k)]


def test_value_segment_rules():
    spend = pd.Series([3000.01, 3000, 3000, 2999, 5000, 100, None, 100, "4,000?"])
    ctype = pd.Series(["residential", "residential", "business", "个人", "business",
                       "企业", "business", None, "residential"])  # fmt: skip
    out = value_segment(spend, ctype).tolist()
    assert out[0] == "key_account"  # above 3000 yuan a month
    assert out[1] == "public"  # exactly 3000 is not above 3000; residential
    assert out[2] == "business"  # exactly 3000, non-residential
    assert out[3] == "public"  # 个人 (personal) is residential
    assert out[4] == "key_account"  # a business above 3000 is a key account first
    assert out[5] == "business"  # any non-residential type
    assert pd.isna(out[6])  # no spend: cannot rule out a key account
    assert pd.isna(out[7])  # no customer type below 3000: unknown
    assert pd.isna(out[8])  # unreadable spend
    assert value_segment(pd.Series([3500]), pd.Series(["residential"])).name == "value_segment"


def test_value_segment_without_customer_type_and_custom_threshold():
    out = value_segment(pd.Series([3001, 3000, 10, np.nan])).tolist()
    assert out[:3] == ["key_account", "public", "public"] and pd.isna(out[3])
    assert value_segment(pd.Series([2500]), threshold=2000).tolist() == ["key_account"]


def test_tenure_band_boundaries():
    months = pd.Series([0, 6, 7, 12, 13, 24, 25, 36, 37, 48, 49, 60, 61, 240, 6.5, None])
    out = tenure_band(months)
    assert out.astype(object).tolist()[:14] == [
        "0-6", "0-6", "7-12", "7-12", "13-24", "13-24", "25-36", "25-36",
        "37-48", "37-48", "49-60", "49-60", "61+", "61+",
    ]  # fmt: skip
    assert out.iloc[14] == "7-12"  # 6.5 months is past the sixth month
    assert pd.isna(out.iloc[15])
    # ordered bands, in the order of the loyalty-points rules
    assert list(out.cat.categories) == ["0-6", "7-12", "13-24", "25-36", "37-48", "49-60", "61+"]
    assert out.cat.ordered


def test_segment_labels_column_and_derived_segments():
    extra = pd.DataFrame({"region": ["N", "S", "N"], "月消费额": [3500, 200, 3000],
                          "客户类型": ["个人", "企业", "个人"], "在网时长": [6, 7, 61]})  # fmt: skip
    assert segment_labels(extra, "region").tolist() == ["N", "S", "N"]
    assert segment_labels(extra, "value_segment").tolist() == [
        "key accounts", "business customers", "public customers",
    ]  # fmt: skip
    assert segment_labels(extra, "value_segment", lang="zh").tolist() == [
        "大客户", "商业客户", "公众客户",
    ]  # fmt: skip
    bands = segment_labels(extra, "tenure_band")
    assert bands.astype(object).tolist() == ["0-6", "7-12", "61+"]
    assert bands.name == "tenure_band"


def test_segment_labels_errors_name_the_columns():
    extra = pd.DataFrame({"region": ["N"], "age": [30]})
    with pytest.raises(OptionError) as err:
        segment_labels(extra, "segmnt")
    msg = str(err.value)
    assert "'segmnt'" in msg
    for name in ("region", "age", "value_segment", "tenure_band"):
        assert name in msg
    with pytest.raises(OptionError, match="monthly-spend column.*region, age"):
        segment_labels(extra, "value_segment")
    with pytest.raises(OptionError, match="tenure column.*region, age"):
        segment_labels(extra, "tenure_band")


def manager_survey(survey_of):
    # the example: key accounts treat the dedicated account manager as must-be,
    # public customers as attractive
    key = {"A": 10, "O": 8, "M": 27, "I": 5}  # 50 key accounts: M 27/50 = 54%
    pub = {"A": 28, "O": 10, "M": 12, "I": 10}  # 60 public customers: A 28/60 = 47%
    return survey_of(
        {
            "manager": pairs(key) + pairs(pub),
            "hotline": pairs({"O": 25, "I": 25}) + pairs({"O": 30, "I": 30}),
        },
        extra={"monthly_spend": [4000] * 50 + [300] * 60},
    )


def test_segment_finding_names_segments_categories_and_p(survey_of):
    survey = manager_survey(survey_of)
    by = segment_labels(survey.extra, "value_segment")
    res = compare_segments(survey, by, n_boot=200, seed=0)
    ref = sps.chi2_contingency(np.array([[10, 8, 27, 5], [28, 10, 12, 10]]), correction=False)
    # BH over 2 services whose other p is 1: adjusted = 2·p
    p_adj = 2 * ref.pvalue
    assert tuple(finding_text(f, "en") for f in res.findings) == (
        "key accounts treat manager as must-be (M 54%), public customers as attractive (A 47%); "
        f"p = {p_adj:.3f} (χ² test, BH-adjusted)"  # 0.00301 printed to three decimals
        # what to do: must-be where it is must-be, attractive where attractive
        ": keep it reliable for key accounts; promote it to public customers",
    )
    groups = res.groups.set_index(["service", "group"])
    assert groups.loc[("manager", "key accounts"), "category"] == "M"
    assert groups.loc[("manager", "public customers"), "n"] == 60


def test_segment_finding_in_chinese(survey_of):
    survey = manager_survey(survey_of)
    # computation is language-free: the segment codes are named when the finding is written
    by = derive_segments(survey.extra, "value_segment").labels
    line = finding_text(compare_segments(survey, by, n_boot=100).findings[0], "zh")
    assert "大客户" in line and "公众客户" in line
    assert "(M 54%)" in line and "(A 47%)" in line and "BH" in line


def test_segments_need_two_groups_and_matching_length(survey_of):
    survey = survey_of({"x": pairs({"A": 4})})
    with pytest.raises(OptionError, match="at least 2 segments"):
        compare_segments(survey, pd.Series(["a"] * 4, name="seg"))
    with pytest.raises(OptionError, match="do not match"):
        compare_segments(survey, pd.Series(["a", "b"], name="seg"))


def test_unsegmented_respondents_are_left_out_and_counted(survey_of):
    survey = survey_of({"x": pairs({"A": 6, "M": 6})})
    by = pd.Series(["a"] * 5 + [None] + ["b"] * 5 + [None], name="seg")
    res = compare_segments(survey, by, n_boot=50)
    assert res.groups.set_index("group")["n"].to_dict() == {"a": 5, "b": 5}
    assert (res.tests["n_unsegmented"] == 2).all()


def test_analyze_by_segment_after_the_q_filter(survey_of):
    # respondent 4 answers Q twice and is dropped with max_q=1; the labels follow
    survey = survey_of(
        {"x": [(1, 3), (1, 3), (2, 5), (1, 1), (2, 5), (2, 5)],
         "y": [(1, 3), (1, 3), (2, 5), (5, 5), (2, 5), (2, 5)]},
        extra={"seg": ["a", "a", "a", "a", "b", "b"]},
    )  # fmt: skip
    res = analyze(survey, by=survey.extra["seg"], max_q=1, n_boot=50)
    n = res.segments.groups.set_index(["service", "group"])["n"]
    assert n[("x", "a")] == 3 and n[("x", "b")] == 2
    assert res.by == "seg"


# --- issue 9: real headers, unknown customer types, bad money (domain.md segments) ---

from kano.shared.errors import CustomerTypeError, InvalidValueError  # noqa: E402
from kano.shared.segments import find_trait_column, read_customer_types  # noqa: E402


@pytest.mark.parametrize(
    ("header", "trait"),
    [
        ("1、您的客户类型", "customer_type"), ("客户类型", "customer_type"),
        ("Q3. Customer type", "customer_type"), ("月消费", "spend"), ("月消费(元)", "spend"),
        ("12、您的月均消费（元）", "spend"), ("Monthly spend (CNY)", "spend"),
        ("在网时长(月)", "tenure"), ("5. 您的网龄（月）", "tenure"), ("tenure_months", "tenure"),
    ],
)  # fmt: skip
def test_trait_columns_found_in_real_headers(header, trait):
    assert find_trait_column(["序号", header, "地区"], trait) == header


def test_several_spend_columns_are_an_error():
    with pytest.raises(OptionError, match="several columns look like the spend"):
        find_trait_column(["月消费(元)", "上月消费额"], "spend")


def test_value_segments_from_numbered_wjx_headers():
    extra = pd.DataFrame({"9、您的客户类型": ["公众客户", "商业客户", "政企客户", "大客户"],
                          "10、您的月消费（元）": [3500, 200, 100, 1200]})  # fmt: skip
    split = derive_segments(extra, "value_segment")
    # 3500 > 3000: key account; 商业/政企: business; 大客户 says key account at any spend
    assert split.labels.tolist() == ["key_account", "business", "business", "key_account"]


def test_unknown_customer_types_are_listed_never_filed_as_public():
    extra = pd.DataFrame({"客户类型": ["个人", "VIP", "VIP", "校园"], "月消费": [10, 20, 30, 40]})
    with pytest.raises(CustomerTypeError) as err:
        derive_segments(extra, "value_segment", source="s.xlsx")
    msg = str(err.value)
    assert "'VIP' (2)" in msg and "'校园' (1)" in msg and "customer_types=" in msg
    assert "--customer-types" in err.value.cli_message()
    assert msg.startswith("s.xlsx: ")
    types = read_customer_types("VIP=key_account, 校园=public")
    split = derive_segments(extra, "value_segment", types=types)
    assert split.labels.tolist() == ["public", "key_account", "key_account", "public"]


def test_customer_types_from_a_yaml_file(tmp_path):
    path = tmp_path / "types.yaml"
    path.write_text("VIP: key_account\n校园: public\n", encoding="utf-8")
    assert read_customer_types(path) == {"vip": "key_account", "校园": "public"}
    path.write_text("VIP: gold\n", encoding="utf-8")
    with pytest.raises(Exception, match="the segments are key_account, business, public"):
        read_customer_types(path)


def test_no_customer_type_column_is_said():
    split = derive_segments(pd.DataFrame({"月消费": [10, 5000]}), "value_segment")
    assert split.labels.tolist() == ["public", "key_account"]
    assert any("no customer-type column" in str(n) for n in split.notes)


@pytest.mark.parametrize("bad", ["inf", "-30", "abc"])
def test_spend_must_be_a_finite_amount_named_by_row(bad):
    extra = pd.DataFrame({"月消费": ["10", bad, "20"]})
    rows = pd.Series([2, 3, 4])
    with pytest.raises(InvalidValueError, match=rf"row 3, column '月消费': '{bad}'"):
        derive_segments(extra, "value_segment", source="s.csv", rows=rows)


def test_negative_tenure_is_refused():
    with pytest.raises(InvalidValueError, match="tenure"):
        derive_segments(pd.DataFrame({"在网时长(月)": [3, -1]}), "tenure_band")
