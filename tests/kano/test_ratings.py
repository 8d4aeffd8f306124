"""kano.shared.ratings: every rating cell form, the built-in label sets, the tie rule, label maps.

Expected numbers are the positions the published scales give their labels
(written out below by hand, point 1 first), or the leading number of a label.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kano.shared.errors import (
    InvalidValueError,
    MappingFileError,
    OptionError,
    ScaleError,
    UnknownLabelError,
)
from kano.shared.files import RawTable
from kano.shared.ratings import LabelMap, label_key, load_label_map, parse_ratings


def read(cells, name="q", **kw):
    return parse_ratings(pd.Series(cells, name=name, dtype=object), **kw)


def values(cells, **kw) -> list[float]:
    return [-1 if math.isnan(v) else v for v in read(cells, **kw).values.iloc[:, 0]]


# --- numbers and numbered labels ---------------------------------------------------


def test_numbers_and_numeric_text():
    assert values([4, 2.5, "3", " 5 ", "４", "１０", "+2"]) == [4, 2.5, 3, 5, 4, 10, 2]
    numeric = parse_ratings(pd.Series([1.0, 5.0, np.nan], name="q"))
    assert numeric.values["q"].tolist()[:2] == [1.0, 5.0] and numeric.missing["q"] == 1


@pytest.mark.parametrize(
    "cell, number",
    [
        ("3 - Somewhat important", 3),
        ("9 - Extremely important", 9),
        ("10 - Extremely likely", 10),
        ("0 = Not at all likely", 0),
        ("5. Very satisfied", 5),
        ("5.Very satisfied", 5),
        ("5、非常满意", 5),
        ("(5) 非常满意", 5),
        ("（５）非常满意", 5),  # full-width brackets and digit
        ("5 非常满意", 5),
        ("5非常满意", 5),
        ("2 (Dissatisfied)", 2),
        ("4: Agree", 4),
        ("1 – Strongly disagree", 1),  # en dash, as in Vagias (2006)
        ("10分", 10),
    ],
)
def test_leading_number_wins(cell, number):
    read_ = read([cell])
    assert read_.values["q"].iloc[0] == number
    assert read_.scale is None and read_.notes == ()  # the label is not needed


def test_endpoint_labels_beside_plain_numbers_nps():
    # Qualtrics/Google 0-10 question with labelled ends only
    cells = ["0 - Not at all likely", *map(str, range(1, 10)), "10 - Extremely likely"]
    got = read(cells)
    assert got.values["q"].tolist() == list(range(11))
    assert got.scale is None and got.label_set is None and got.notes == ()


def test_ranges_and_dates_are_not_numbered_labels():
    with pytest.raises(UnknownLabelError) as exc:
        read(["1-5", "7-12", "2026/09/03"])
    assert [w.value for w in exc.value.labels] == ["1-5", "7-12", "2026/09/03"]


def test_blanks_and_skip_markers_are_missing_and_counted():
    got = read(["(跳过)", "(空)", "（跳过）", "", "  ", None, "跳過", 3])
    assert values(["(跳过)", "(空)", "（跳过）", "", "  ", None, "跳過", 3]) == [-1] * 7 + [3]
    assert got.missing["q"] == 7  # 7 of the 8 cells by hand


# --- built-in label sets: positions from the published scales ------------------------

# (labels of points 1..k as written by the source or platform, declared scale)
SCALES = {
    "importance 5 (Qualtrics)": ["Not at all important", "Slightly important",
                                 "Moderately important", "Very important", "Extremely important"],
    "importance 5 (Not important)": ["Unimportant", "Of little importance",
                                     "Moderately important", "Important", "Very important"],
    "importance 5 (Not important, variants)": ["Not important", "Slightly important",
                                               "Moderately important", "Important",
                                               "Very important"],
    "importance 5 (SurveyMonkey)": ["Not at all important", "Not so important",
                                    "Somewhat important", "Very important", "Extremely important"],
    "importance 4": ["Not at all important", "Not very important", "Fairly important",
                     "Very important"],
    "importance 7 (Vagias)": ["Not at all important", "Low importance", "Slightly important",
                              "Neutral", "Moderately important", "Very important",
                              "Extremely important"],
    "satisfaction 5": ["Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied",
                       "Satisfied", "Very satisfied"],
    "satisfaction 5 (Qualtrics)": ["Extremely dissatisfied", "Somewhat dissatisfied",
                                   "Neither satisfied nor dissatisfied", "Somewhat satisfied",
                                   "Extremely satisfied"],
    "satisfaction 7": ["Extremely dissatisfied", "Moderately dissatisfied",
                       "Slightly dissatisfied", "Neither satisfied nor dissatisfied",
                       "Slightly satisfied", "Moderately satisfied", "Extremely satisfied"],
    "satisfaction 4": ["Very dissatisfied", "Dissatisfied", "Satisfied", "Very satisfied"],
    "satisfaction 4 (fairly)": ["Not at all satisfied", "Not very satisfied", "Fairly satisfied",
                                "Very satisfied"],
    "satisfaction 3": ["Dissatisfied", "Neutral", "Satisfied"],
    "agreement 5": ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree",
                    "Strongly agree"],
    "agreement 5 (Qualtrics)": ["Strongly disagree", "Somewhat disagree",
                                "Neither agree nor disagree", "Somewhat agree", "Strongly agree"],
    "agreement 7 (Vagias)": ["Strongly disagree", "Disagree", "Somewhat disagree",
                             "Neither agree or disagree", "Somewhat agree", "Agree",
                             "Strongly agree"],
    "agreement 4": ["Strongly disagree", "Disagree", "Agree", "Strongly agree"],
    "agreement 3": ["Disagree", "Neutral", "Agree"],
    "likelihood 5": ["Very unlikely", "Unlikely", "Neither likely nor unlikely", "Likely",
                     "Very likely"],
    "likelihood 5 (Qualtrics)": ["Extremely unlikely", "Somewhat unlikely",
                                 "Neither likely nor unlikely", "Somewhat likely",
                                 "Extremely likely"],
    "likelihood 5 (SurveyMonkey)": ["Not at all likely", "Not so likely", "Somewhat likely",
                                    "Very likely", "Extremely likely"],
    "likelihood 7": ["Extremely unlikely", "Moderately unlikely", "Slightly unlikely",
                     "Neither likely nor unlikely", "Slightly likely", "Moderately likely",
                     "Extremely likely"],
    "重要性 5": ["非常不重要", "不重要", "一般", "重要", "非常重要"],
    "重要性 5 (variants)": ["很不重要", "比较不重要", "说不清", "比较重要", "很重要"],
    "满意度 5": ["非常不满意", "不满意", "一般", "满意", "非常满意"],
    "满意度 5 (variants)": ["很不满意", "比较不满意", "说不清", "比较满意", "很满意"],
    "滿意度 5 (traditional)": ["非常不滿意", "不滿意", "一般", "滿意", "非常滿意"],
    "同意 5": ["非常不同意", "不同意", "一般", "同意", "非常同意"],
    "同意 5 (variants)": ["很不同意", "比较不同意", "中立", "比较同意", "很同意"],
    "可能性 5": ["非常不可能", "不太可能", "不确定", "比较可能", "非常可能"],
    "满意度 3": ["不满意", "一般", "满意"],
    "重要性 3": ["不重要", "一般", "重要"],
    "同意 3": ["不同意", "中立", "同意"],
}  # fmt: skip


@pytest.mark.parametrize("name", list(SCALES))
def test_each_builtin_set_numbers_its_labels_1_to_k(name):
    labels = SCALES[name]
    k = len(labels)
    # respondents answer points k, 1, 2, ..., k (every label once, the top one twice)
    cells = [labels[-1], *labels]
    got = read(cells, scale=(1, k))  # declared: no tie between sets of other lengths
    assert got.values["q"].tolist() == [k, *range(1, k + 1)]
    assert got.scale == (1.0, float(k))
    assert got.label_set is not None


def test_labels_match_after_case_width_space_and_punctuation():
    # full-width letters, odd case, doubled spaces, curly quotes, trailing punctuation
    cells = ["ＶＥＲＹ  satisfied.", " very DISSATISFIED ", "Neutral!", "satisfied…", "非常满意。"]
    with pytest.raises(ScaleError):  # English and Chinese satisfaction are different sets
        read(cells)
    assert values(cells[:4], scale=(1, 5)) == [5, 1, 3, 4]
    assert values(["非常满意。", "「满意」"], scale=(1, 5)) == [5, 4]


def test_satisfaction_three_labels_fit_3_and_5_points_tie_rule_note():
    got = read(["Dissatisfied", "Neutral", "Satisfied", "Neutral"])
    # 5-point reading: Dissatisfied 2, Neutral 3, Satisfied 4
    assert got.values["q"].tolist() == [2, 3, 4, 3]
    assert got.scale == (1.0, 5.0)
    (note,) = got.notes
    note = str(note)
    assert "3, 5 points" in note and "'Dissatisfied' = 2" in note
    assert "declare the scale (1-3)" in note and "--labels" in note


def test_declared_scale_resolves_the_tie():
    got = read(["Dissatisfied", "Neutral", "Satisfied"], scale=(1, 3))
    assert got.values["q"].tolist() == [1, 2, 3]
    assert got.scale == (1.0, 3.0) and got.notes == ()


def test_declared_scale_conflicting_with_the_labels_errors():
    table = RawTable(frame=pd.DataFrame({"sat_price": ["Somewhat satisfied"]}), source="s.csv")
    with pytest.raises(ScaleError) as exc:  # Qualtrics 5-point labels, 1-7 declared
        parse_ratings(table.frame, table=table, scale=(1, 7))
    message = str(exc.value)
    assert message.startswith("s.csv: the labels of 'sat_price' ('Somewhat satisfied')")
    assert "declared is 1-7" in message and "declare the scale 1-5" in message
    assert isinstance(exc.value, InvalidValueError) and isinstance(exc.value, OptionError)


def test_equally_long_sets_that_number_labels_differently_are_noted():
    # 'Very important' is point 4 of Not at all ... Extremely important, point 5 of
    # Not important ... Important, Very important: read with the first, and say so
    got = read(["Very important", "Moderately important"], scale=(1, 5))
    assert got.values["q"].tolist() == [4, 3]
    (note,) = got.notes
    note = str(note)
    assert "'Very important' 4 and 5" in note and "--labels" in note


def test_two_labels_on_one_point_are_noted():
    got = read(["很重要", "非常重要", "重要"], scale=(1, 5))
    assert got.values["q"].tolist() == [5, 5, 4]
    assert any("'很重要', '非常重要' are all read as 5" in str(n) for n in got.notes)


def test_labels_are_chosen_jointly_over_columns_sharing_a_scale():
    frame = pd.DataFrame({"a": ["Satisfied", "Neutral"], "b": ["Very satisfied", None]})
    got = parse_ratings(frame)
    # alone, 'a' would fit 3 and 5 points; with 'b' only 4- and 5-point sets hold all
    assert got.values["a"].tolist() == [4, 3] and got.values["b"].tolist()[0] == 5
    assert got.scale == (1.0, 5.0) and got.missing.to_dict() == {"a": 0, "b": 1}


def test_labels_of_different_scales_error():
    frame = pd.DataFrame({"a": ["Very satisfied"], "b": ["Strongly agree"]})
    with pytest.raises(ScaleError, match=r"no single built-in scale.*labels= labels.yaml"):
        parse_ratings(frame)


def test_plain_numbers_beside_labels_share_their_scale():
    got = read(["Very satisfied", "4", "Very dissatisfied"], scale=(1, 5))
    assert got.values["q"].tolist() == [5, 4, 1]
    assert any("plain numbers beside labels" in str(n) for n in got.notes)
    with pytest.raises(InvalidValueError, match=r"row 3, column 'q': '7'.*points 1-5"):
        read(["Very satisfied", "7"], scale=(1, 5))


# --- unknown values --------------------------------------------------------------------


def test_unknown_labels_listed_once_with_count_and_first_cell():
    # header row 1, so data row i is spreadsheet row i + 2; Qualtrics-like 3 header rows: +4
    frame = pd.DataFrame(
        {
            "imp_a": ["Rather important", "high", "Rather important", "Very important"],
            "imp_b": ["Rather important", "Rather important", None, "high"],
        }
    )
    table = RawTable(frame=frame, source="survey.csv, sheet 'Data'", first_row=4)
    with pytest.raises(UnknownLabelError) as exc:
        parse_ratings(frame, table=table)
    err = exc.value
    # 'Rather important': imp_a rows 4, 6 and imp_b rows 4, 5 -> 4 cells, first (4, imp_a)
    # 'high': imp_a row 5, imp_b row 7 -> 2 cells, first (5, imp_a)
    assert [(w.first.row, w.first.column, w.value, w.count) for w in err.labels] == [
        (4, "imp_a", "Rather important", 4),
        (5, "imp_a", "high", 2),
    ]
    assert err.total == 6
    assert str(err) == (
        "survey.csv, sheet 'Data': 2 rating labels are not known: 'Rather important' (4 cells, "
        "first at row 4, column 'imp_a'); 'high' (2 cells, first at row 5, column 'imp_a'). "
        "Give their numbers in a label map (labels= labels.yaml, lines like "
        "'Rather important: 4') or re-export the numeric values."
    )


def test_unknown_labels_are_capped():
    # at most ten shown (as for unknown Kano answers), all kept on the error
    with pytest.raises(UnknownLabelError) as exc:
        read([f"label {c}" for c in "abcdefghijkl"])
    assert len(exc.value.labels) == 12 and "; and 2 more." in str(exc.value)
    assert "'label j'" in str(exc.value) and "'label k'" not in str(exc.value)


@pytest.mark.parametrize("cell", ["inf", "-inf", "nan", "NaN", "Infinity", True, np.bool_(False)])
def test_inf_nan_text_and_booleans_are_not_ratings(cell):
    with pytest.raises(UnknownLabelError, match=r"\(1 cell, row 3, column 'q'\)"):
        read([3, cell])


def test_infinite_numbers_and_boolean_columns_are_not_ratings():
    with pytest.raises(UnknownLabelError, match=r": inf \(1 cell, row 3, column 'q'\)"):
        parse_ratings(pd.Series([1.0, np.inf], name="q"))
    with pytest.raises(UnknownLabelError, match=r": 2 rating labels are not known: True"):
        parse_ratings(pd.Series([True, False], name="q"))


def test_numbers_only_refuses_labels():
    with pytest.raises(InvalidValueError, match=r"row 2, column 'q': '3 - x'.*must be a number"):
        read(["3 - x", "(跳过)"], numbers_only=True, what="tenure (months)")
    assert values(["12", "(跳过)", "１"], numbers_only=True) == [12, -1, 1]


# --- user label maps ---------------------------------------------------------------------


def test_user_labels_extend_the_builtin_sets():
    user = LabelMap({label_key("Rather satisfied"): 3.0, label_key("Don't know"): math.nan})
    got = read(["Very satisfied", "Rather satisfied", "Satisfied", "Don’t know"], labels=user,
               scale=(1, 5))  # fmt: skip
    assert values(["Very satisfied", "Rather satisfied", "Satisfied", "Don’t know"],
                  labels=user, scale=(1, 5)) == [5, 3, 4, -1]  # fmt: skip
    assert got.missing["q"] == 1  # mapped to missing: counted


def test_user_labels_alone_keep_their_numbers():
    user = LabelMap({label_key("Top"): 10.0, label_key("Bottom"): 0.0})
    got = read(["Top", "Bottom", "7"], labels=user)
    assert got.values["q"].tolist() == [10, 0, 7] and got.scale is None


def test_load_yaml_label_map(tmp_path):
    path = tmp_path / "labels.yaml"
    path.write_text(
        "# my scale\nRather important: 4\n'Not very important': 2\n'No': 1\nDon't know: missing\n",
        encoding="utf-8-sig",
    )
    labels = load_label_map(path)
    assert dict(labels.entries) == pytest.approx(
        {"rather important": 4.0, "not very important": 2.0, "no": 1.0, "don't know": math.nan},
        nan_ok=True,
    )
    assert labels.path == path and labels.description == "label map labels.yaml"


def test_load_gbk_csv_label_map_with_header(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_bytes("标签,数值\r\n还行,3\r\n挺好,4\r\n\r\n不知道,missing\r\n".encode("gbk"))
    labels = load_label_map(path)
    assert dict(labels.entries) == pytest.approx(
        {"还行": 3.0, "挺好": 4.0, "不知道": math.nan}, nan_ok=True
    )


@pytest.mark.parametrize(
    "name, text, message",
    [
        ("a.yaml", "A: 1\nA: 2\n", "lines 1 and 2: the key 'A' is given twice"),
        ("a.yaml", "a: 1\nA: 2\n", "line 2: the label 'A' is already given on line 1"),
        ("a.yaml", "- a\n- b\n", "the label map must be a mapping, one 'label: value' per line"),
        ("a.yaml", "5: 4\n", "line 1: 5 is not a label"),
        ("a.yaml", "good: high\n", "line 1 ('good'): the value 'high' must be a number"),
        ("a.yaml", "good: .inf\n", "the value inf must be a number"),
        ("a.yaml", "good: [1\n", "line 2: not a plain YAML label map"),
        ("a.csv", "label,value\ngood,4\nbad,x\n", "line 3 ('bad'): the value 'x' must be a number"),
        ("a.csv", "label,value\n,4\n", "line 2: nan is not a label"),
        ("a.json", "{}", "the label map must be a .yaml, .yml or .csv file"),
    ],
)
def test_bad_label_maps(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingFileError) as exc:
        load_label_map(path)
    assert message in str(exc.value) and str(path) in str(exc.value)


def test_missing_label_map(tmp_path):
    with pytest.raises(MappingFileError, match="label map not found"):
        load_label_map(tmp_path / "nope.csv")
    with pytest.raises(MappingFileError, match="label map not found"):
        load_label_map(tmp_path / "nope.yaml")


# --- invariants ------------------------------------------------------------------------

SAT5 = SCALES["satisfaction 5"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=1, max_size=40))
def test_labels_and_their_codes_give_the_same_numbers(codes):
    as_labels = read([SAT5[c - 1] for c in codes], scale=(1, 5)).values["q"]
    numbered = read([f"{c} - {SAT5[c - 1]}" for c in codes]).values["q"]
    assert as_labels.tolist() == codes and numbered.tolist() == codes


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.integers(0, 10), st.none(), st.just("(跳过)")), max_size=30))
def test_missing_count_is_the_number_of_blank_cells(cells):
    got = read(cells)
    assert got.missing["q"] == sum(c is None or c == "(跳过)" for c in cells)
    kept = [c for c in cells if isinstance(c, int)]
    assert got.values["q"].dropna().tolist() == kept
