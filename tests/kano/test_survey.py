"""read_survey end to end: layouts, conventions, encodings, wordings, blanks and invalid cells.

Every test reads the canonical survey of conftest.py in some form and checks the
counts written there by hand (Hotline A1 O2 M1 I1 R1 Q1 + 1 blank; Lounge A3 M1 I2 R1 Q1).
"""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from kano.io.answers import answer_map, load_answer_map, three_point_map
from kano.io.survey import read_survey
from kano.shared.errors import InvalidValueError, OptionError, PairingError, UnknownAnswerError
from kano.stats import summarize

CATS = list("AOMIRQ")


def counts_of(survey) -> dict[str, dict[str, int]]:
    out = summarize(survey).set_index("service")
    return {s: {c: int(out.loc[s, c]) for c in CATS} for s in out.index}


def check_canonical(survey, canonical, services=None):
    names = services or canonical.services
    got = counts_of(survey)
    assert set(got) == set(names)
    for name, s in zip(names, canonical.services, strict=True):
        assert got[name] == canonical.counts[s], name
    quality = survey.quality.set_index("service")
    for name, s in zip(names, canonical.services, strict=True):
        assert quality.loc[name, "n_missing"] == canonical.n_missing[s]
        assert quality.loc[name, "n_invalid"] == 0


# ------------------------------------------------------------------ layouts


def test_wide_dataframe(canonical):
    survey = read_survey(canonical.wide())
    assert survey.layout == "wide"
    assert survey.services == ["Hotline", "Lounge"]
    assert list(survey.functional.index) == canonical.ids
    assert survey.functional.loc[101, "Hotline"] == 1
    assert survey.dysfunctional.loc[101, "Hotline"] == 5
    assert survey.functional.loc[108, "Hotline"] == 0  # blank
    check_canonical(survey, canonical)


def test_long_dataframe(canonical):
    survey = read_survey(canonical.long())
    assert survey.layout == "long"
    assert sorted(survey.services) == ["Hotline", "Lounge"]
    check_canonical(survey, canonical)


def test_long_layout_with_configured_column_names(canonical):
    frame = canonical.long().rename(
        columns={"respondent": "who", "service": "what", "functional": "F?", "dysfunctional": "D?"}
    )
    with pytest.raises(PairingError, match="long layout"):
        read_survey(frame, layout="long")
    survey = read_survey(
        frame,
        layout="long",
        long_columns={"respondent": "who", "service": "what", "functional": "F?",
                      "dysfunctional": "D?"},
    )  # fmt: skip
    check_canonical(survey, canonical)


def test_long_layout_chinese_headers(canonical, zh_labels):
    frame = canonical.long(answer=zh_labels.get).rename(
        columns={"respondent": "受访者", "service": "服务", "functional": "正向",
                 "dysfunctional": "反向"}
    )  # fmt: skip
    check_canonical(read_survey(frame), canonical)


def test_long_rows_in_any_order(canonical):
    frame = canonical.long().sample(frac=1.0, random_state=7)
    check_canonical(read_survey(frame), canonical)


def test_long_missing_row_is_a_blank_pair(canonical):
    # dropping respondent 108's Hotline row: still counted as missing for Hotline
    frame = canonical.long()
    frame = frame[~((frame["respondent"] == 108) & (frame["service"] == "Hotline"))]
    check_canonical(read_survey(frame), canonical)


def test_long_blank_respondent_and_duplicate_rows(canonical):
    frame = canonical.long()
    frame.loc[3, "respondent"] = None
    with pytest.raises(InvalidValueError, match=r"row 5, column 'respondent'"):
        read_survey(frame)
    frame = canonical.long()
    frame.loc[3, ["respondent", "service"]] = [101, "Hotline"]
    with pytest.raises(InvalidValueError, match=r"row 5, column 'service'.*twice"):
        read_survey(frame)


def test_long_and_wide_give_identical_summaries(canonical):
    wide = summarize(read_survey(canonical.wide())).set_index("service").sort_index()
    long = summarize(read_survey(canonical.long())).set_index("service").sort_index()
    pd.testing.assert_frame_equal(wide, long)


# ------------------------------------------------------------------ naming conventions

NAMINGS = {
    "x_functional": (lambda s, side: f"{s}_{side}", None),
    "x_func": (lambda s, side: f"{s}_{side[:4] if side[0] == 'f' else 'dys'}", None),
    "x_f": (lambda s, side: f"{s}_{side[0]}", None),
    "prefix F_": (lambda s, side: f"{side[0].upper()}_{s}", None),
    "正向/反向": (lambda s, side: f"{s}{'正向' if side[0] == 'f' else '反向'}", None),
    "功能/非功能": (lambda s, side: f"{s}-{'功能' if side[0] == 'f' else '非功能'}", None),
    "具备/不具备": (lambda s, side: f"{s}（{'具备' if side[0] == 'f' else '不具备'}）", None),
    "grid -": (
        lambda s, side: (
            f"If the plan {'has' if side[0] == 'f' else 'does not have'} this, how do you feel? - {s}"
        ),
        None,
    ),
    "grid []": (
        lambda s, side: f"How do you feel if we {'offer' if side[0] == 'f' else 'cancel'}: [{s}]",
        None,
    ),
    "问题—服务": (
        lambda s, side: (
            f"{'如果为您提供以下服务' if side[0] == 'f' else '如果取消以下服务'}，您感觉？—{s}"
        ),
        None,
    ),
    "sentence": (
        lambda s, side: (
            f"{'如果为您提供' if side[0] == 'f' else '如果取消为您提供'}{s}服务，您感觉？"
        ),
        None,
    ),
}


@pytest.mark.parametrize("convention", sorted(NAMINGS))
def test_naming_conventions(canonical, convention):
    name, _ = NAMINGS[convention]
    check_canonical(read_survey(canonical.wide(name=name)), canonical)


@pytest.mark.parametrize("seed", range(4))
def test_shuffled_columns_give_identical_results(canonical, seed):
    frame = canonical.wide(name=NAMINGS["问题—服务"][0]).assign(Region=list("NNSSEEWW"))
    columns = list(frame.columns)
    random.Random(seed).shuffle(columns)
    base = summarize(read_survey(frame)).set_index("service").sort_index()
    shuffled = summarize(read_survey(frame[columns])).set_index("service").sort_index()
    pd.testing.assert_frame_equal(base, shuffled)


def test_extra_columns_carried(canonical):
    frame = canonical.wide().assign(Region=list("NNSSEEWW"), Spend=range(8))
    survey = read_survey(frame)
    assert list(survey.extra.columns) == ["Region", "Spend"]
    assert survey.extra.loc[103, "Region"] == "S"


def test_mapping_file_with_codes_columns(canonical, tmp_path):
    frame = canonical.wide(name=lambda s, side: {
        ("Hotline", "functional"): "Q5", ("Hotline", "dysfunctional"): "Q6",
        ("Lounge", "functional"): "Q7", ("Lounge", "dysfunctional"): "Q8"}[(s, side)])  # fmt: skip
    with pytest.raises(PairingError):
        read_survey(frame)
    mapping = tmp_path / "map.csv"
    mapping.write_text(
        "service,functional,dysfunctional\n热线,Q5,Q6\nVIP厅,Q7,Q8\n", encoding="utf-8"
    )
    survey = read_survey(frame, mapping=mapping)
    check_canonical(survey, canonical, services=["热线", "VIP厅"])


# ------------------------------------------------------------------ files and encodings


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_csv_encodings_end_to_end(canonical, zh_labels, tmp_path, write_csv, codec):
    frame = canonical.wide(
        name=lambda s, side: f"{s}_{'正向' if side[0] == 'f' else '反向'}", answer=zh_labels.get
    ).rename(columns={"id": "编号"})
    path = write_csv(tmp_path / "问卷.csv", frame, encoding=codec)
    survey = read_survey(path)
    check_canonical(survey, canonical)
    assert list(survey.functional.index) == canonical.ids


def test_xlsx_written_with_openpyxl(canonical, en_labels, tmp_path, write_xlsx):
    frame = canonical.wide(answer=en_labels.get)
    path = write_xlsx(tmp_path / "survey.xlsx", frame, sheet="Responses")
    survey = read_survey(path)
    assert survey.source == "survey.xlsx, sheet 'Responses'"
    check_canonical(survey, canonical)


def test_xlsx_numeric_codes_and_named_sheet(canonical, tmp_path, write_xlsx):
    other = pd.DataFrame({"note": ["not the data"]})
    path = write_xlsx(
        tmp_path / "s.xlsx", other, sheet="Cover", extra_sheets=[("Data", canonical.wide())]
    )
    check_canonical(read_survey(path, sheet="Data"), canonical)


# ------------------------------------------------------------------ wordings

TRADITIONAL = {1: "我喜歡", 2: "它應該是那樣", 3: "我持中立態度", 4: "我可以忍受", 5: "我不喜歡"}
VARIANTS_ZH = {1: "喜欢", 2: "理应如此", 3: "无所谓", 4: "能忍受", 5: "不喜欢"}
VARIANTS_TW = {1: "喜歡", 2: "應該的", 3: "無所謂", 4: "能忍受", 5: "不喜歡"}
VARIANTS_EN = {1: "I like it that way", 2: "I expect it", 3: "I don\u2019t care",
               4: "I can tolerate it", 5: "I dislike it that way"}  # fmt: skip
MESSY = {1: "  i LIKE it ", 2: "IT MUST BE THAT WAY.", 3: "I\u00a0am   neutral",
         4: "i can live with it", 5: "I Dislike It"}  # fmt: skip
FULLWIDTH = {k: chr(0xFF10 + k) for k in range(1, 6)}  # '１' .. '５'
STRING_CODES = {k: f" {k} " for k in range(1, 6)}


@pytest.mark.parametrize(
    "labels",
    [TRADITIONAL, VARIANTS_ZH, VARIANTS_TW, VARIANTS_EN, MESSY, FULLWIDTH, STRING_CODES],
    ids=["traditional", "zh-variants", "tw-variants", "en-variants", "messy", "fullwidth",
         "string-codes"],
)  # fmt: skip
def test_wording_families(canonical, labels):
    check_canonical(read_survey(canonical.wide(answer=labels.get)), canonical)


def test_wording_families_through_csv(canonical, tmp_path, write_csv):
    frame = canonical.wide(answer=VARIANTS_EN.get)
    check_canonical(read_survey(write_csv(tmp_path / "s.csv", frame)), canonical)


def test_synonyms_are_recorded(canonical, zh_labels):
    survey = read_survey(canonical.wide(answer=zh_labels.get))
    syn = survey.synonyms
    # Hotline_functional answers 1,1,1,2,3,5,1 -> "我喜欢" 4 times
    row = syn[(syn["column"] == "Hotline_functional") & (syn["answer"] == "我喜欢")]
    assert row["code"].tolist() == [1] and row["count"].tolist() == [4]


def test_user_answer_map_reversed_scale(canonical, tmp_path):
    # the platform coded 1 = dislike ... 5 = like: reversed codes 6 - c
    frame = canonical.wide(answer=lambda c: 6 - c)
    mapping = tmp_path / "answers.yaml"
    mapping.write_text("1: dislike\n2: live-with\n3: neutral\n4: must-be\n5: like\n", "utf-8")
    survey = read_survey(frame, answers=load_answer_map(mapping))
    check_canonical(survey, canonical)
    assert "answers.yaml" in str(survey.answer_map)
    # without the map the same file reads differently: Hotline 101 (5,1) would be R, not O
    assert counts_of(read_survey(frame))["Hotline"] != canonical.counts["Hotline"]


def test_user_answer_map_new_wordings(canonical, tmp_path):
    words = {1: "Love it", 2: "Obviously", 3: "Whatever", 4: "Meh", 5: "Hate it"}
    mapping = tmp_path / "answers.yaml"
    mapping.write_text("".join(f"{w}: {k}\n" for k, w in words.items()), encoding="utf-8")
    with pytest.raises(InvalidValueError):
        read_survey(canonical.wide(answer=words.get))
    check_canonical(
        read_survey(canonical.wide(answer=words.get), answers=load_answer_map(mapping)), canonical
    )


def test_three_point_short_form():
    # 1 like, 2 neutral, 3 dislike -> 1, 3, 5 of the full scale
    # (1,3) like/dislike -> O; (1,2) like/neutral -> A; (2,3) neutral/dislike -> M;
    # (2,2) neutral/neutral -> I; (3,1) dislike/like -> R; (1,1) like/like -> Q
    frame = pd.DataFrame(
        {"x_functional": [1, 1, 1, 2, 2, 3, 1], "x_dysfunctional": [3, 3, 2, 3, 2, 1, 1]}
    )
    survey = read_survey(frame, answers=three_point_map())
    assert counts_of(survey)["x"] == {"A": 1, "O": 2, "M": 1, "I": 1, "R": 1, "Q": 1}
    # a 4 or 5 on a 3-point scale is invalid, not guessed
    bad = frame.assign(x_functional=[1, 1, 1, 2, 2, 3, 4])
    with pytest.raises(InvalidValueError, match=r": 4 \(1 cell, row 8, column 'x_functional'\)"):
        read_survey(bad, answers=three_point_map())


# ------------------------------------------------------------------ blanks


def test_blank_on_one_side_is_missing_not_classified():
    frame = pd.DataFrame(
        {
            "x_functional": [1, None, 1, "", "(跳过)", 1],
            "x_dysfunctional": [5, 5, None, "  ", 5, 5],
        }
    )
    survey = read_survey(frame)
    q = survey.quality.set_index("service")
    # rows 2..5 of the frame have a blank or skipped side: 4 missing; 2 pairs (1,5) -> O
    assert q.loc["x", "n_missing"] == 4
    out = summarize(survey).iloc[0]
    assert out["n"] == 2 and out["O"] == 2
    assert out[CATS].sum() == 2


def test_all_blank_service(canonical):
    frame = canonical.wide().assign(Lounge_functional=None, Lounge_dysfunctional=None)
    out = summarize(read_survey(frame)).set_index("service")
    assert out.loc["Lounge", "n"] == 0
    assert out.loc["Lounge", "n_missing"] == 8
    assert out.loc["Lounge", "category"] == ""


# ------------------------------------------------------------------ invalid values


def test_invalid_value_message_names_file_sheet_row_column_value(canonical, tmp_path, write_xlsx):
    frame = canonical.wide(answer=lambda c: c).astype(object)
    frame.loc[2, "Lounge_dysfunctional"] = "maybe"  # data row 3 -> spreadsheet row 4
    path = write_xlsx(tmp_path / "survey.xlsx", frame, sheet="Data")
    with pytest.raises(UnknownAnswerError) as err:
        read_survey(path)
    msg = str(err.value)
    assert msg.startswith(
        "survey.xlsx, sheet 'Data': 1 answer wording is not known: "
        "'maybe' (1 cell, row 4, column 'Lounge_dysfunctional'). "
    )
    assert "\n" not in msg
    assert err.value.total == 1
    assert [(p.row, p.column, p.value) for p in err.value.problems] == [
        (4, "Lounge_dysfunctional", "maybe")
    ]
    assert err.value.path == path


def test_invalid_value_in_csv_first_data_row_is_row_2(canonical, tmp_path, write_csv):
    frame = canonical.wide().astype(object)
    frame.loc[0, "Hotline_functional"] = 7
    path = write_csv(tmp_path / "codes.csv", frame)
    with pytest.raises(UnknownAnswerError, match=r"^codes\.csv: 1 answer wording is not known: 7 "
                       r"\(1 cell, row 2, column 'Hotline_functional'\)"):  # fmt: skip
        read_survey(path)


def test_invalid_row_numbers_skip_blank_rows(tmp_path):
    # a fully blank line in the CSV still counts as a row in the user's editor
    path = tmp_path / "s.csv"
    path.write_text("x_functional,x_dysfunctional\n1,5\n,\n1,9\n", encoding="utf-8")
    with pytest.raises(UnknownAnswerError, match=r"9 \(1 cell, row 4, column 'x_dysfunctional'\)"):
        read_survey(path)


def test_invalid_row_numbers_after_qualtrics_headers(tmp_path):
    path = tmp_path / "q.csv"
    path.write_text(
        "Q1,Q2\n"
        '"If we offer: [Hotline]","If we cancel: [Hotline]"\n'
        '"{""ImportId"":""QID1""}","{""ImportId"":""QID2""}"\n'
        "1,5\n"
        "1,oops\n",
        encoding="utf-8",
    )
    with pytest.raises(
        UnknownAnswerError, match=r"'oops' \(1 cell, row 5, column 'If we cancel: \[Hotline\]'\)"
    ):
        read_survey(path)


def test_one_unknown_value_in_many_cells_is_listed_once():
    # 27 cells 'bad' in rows 2..28: one distinct value, counted 27 times, first at row 2
    n_bad = 27
    frame = pd.DataFrame(
        {"x_functional": ["bad"] * n_bad + [1], "x_dysfunctional": [5] * (n_bad + 1)}
    )
    with pytest.raises(UnknownAnswerError) as err:
        read_survey(frame)
    msg = str(err.value)
    assert err.value.total == n_bad
    assert msg.startswith(
        "DataFrame: 1 answer wording is not known: "
        "'bad' (27 cells, first at row 2, column 'x_functional'). "
    )
    assert [(p.row, p.column) for p in err.value.problems] == [(2, "x_functional")]


def test_invalid_cells_listed_in_row_order_across_columns(canonical):
    frame = canonical.wide().astype(object)
    frame.loc[5, "Hotline_functional"] = "x"  # row 7
    frame.loc[1, "Lounge_dysfunctional"] = "y"  # row 3
    with pytest.raises(UnknownAnswerError) as err:
        read_survey(frame)
    assert [(p.row, p.column) for p in err.value.problems] == [
        (3, "Lounge_dysfunctional"),
        (7, "Hotline_functional"),
    ]


def test_on_invalid_skip_counts_per_service(canonical):
    frame = canonical.wide().astype(object)
    frame.loc[0, "Hotline_functional"] = "?"  # 101's O pair on Hotline
    frame.loc[1, "Hotline_dysfunctional"] = 0  # 102's O pair on Hotline
    frame.loc[7, "Lounge_functional"] = "n/a"  # 108's Q pair on Lounge
    survey = read_survey(frame, on_invalid="skip")
    q = survey.quality.set_index("service")
    assert (q.loc["Hotline", "n_invalid"], q.loc["Lounge", "n_invalid"]) == (2, 1)
    assert (q.loc["Hotline", "n_missing"], q.loc["Lounge", "n_missing"]) == (1, 0)
    out = summarize(survey).set_index("service")
    # Hotline loses both O pairs: A1 O0 M1 I1 R1 Q1, n=5
    assert out.loc["Hotline", CATS].tolist() == [1, 0, 1, 1, 1, 1]
    assert out.loc["Hotline", "n"] == 5
    assert out.loc["Hotline", "n_invalid"] == 2
    # Lounge loses its Q pair: A3 O0 M1 I2 R1 Q0, n=7; nothing became Q, I or neutral
    assert out.loc["Lounge", CATS].tolist() == [3, 0, 1, 2, 1, 0]
    # skipped cells are not treated as answers
    assert survey.functional.loc[101, "Hotline"] == 0


def test_on_invalid_skip_in_long_layout(canonical):
    frame = canonical.long().astype(object)
    frame.loc[0, "functional"] = "??"  # Hotline, respondent 101
    survey = read_survey(frame, on_invalid="skip")
    q = survey.quality.set_index("service")
    assert q.loc["Hotline", "n_invalid"] == 1
    assert counts_of(survey)["Hotline"]["O"] == 1


def test_on_invalid_option_checked():
    with pytest.raises(OptionError, match="on_invalid"):
        read_survey(pd.DataFrame({"x_f": [1], "x_d": [5]}), on_invalid="ignore")


def test_duplicate_respondent_ids(canonical):
    frame = canonical.wide()
    frame.loc[3, "id"] = 101
    with pytest.raises(InvalidValueError, match=r"row 5, column 'id': .*unique"):
        read_survey(frame)


def test_non_numeric_importance(canonical):
    frame = canonical.wide().assign(Hotline_importance=[5, 4, "high", 3, 2, 1, 5, 4])
    with pytest.raises(
        InvalidValueError, match=r"'high' \(1 cell, row 4, column 'Hotline_importance'\)"
    ):
        read_survey(frame)


def test_invalid_never_becomes_a_category(canonical):
    frame = canonical.wide().astype(object)
    frame.loc[:, "Lounge_functional"] = "???"
    survey = read_survey(frame, on_invalid="skip")
    assert (survey.functional["Lounge"] == 0).all()
    out = summarize(survey).set_index("service")
    assert out.loc["Lounge", "n"] == 0
    assert np.isnan(out.loc["Lounge", "better"])


def test_date_cell_in_workbook_is_invalid_not_a_category(tmp_path, write_xlsx):
    import datetime as dt

    frame = pd.DataFrame(
        {"x_functional": [1, dt.datetime(2024, 3, 1)], "x_dysfunctional": [5, 5]}, dtype=object
    )
    path = write_xlsx(tmp_path / "d.xlsx", frame)
    with pytest.raises(
        InvalidValueError, match=r"d\.xlsx, sheet 'Sheet1'.*row 3, column 'x_functional'"
    ):
        read_survey(path)
    survey = read_survey(path, on_invalid="skip")
    assert survey.quality["n_invalid"].tolist() == [1]


# ------------------------------------------------------------------ issue 9: wordings, codes

FAMILIES = {
    "berger": {1: "I like it that way", 2: "It must be that way", 3: "I am neutral",
               4: "I can live with it that way", 5: "I dislike it that way"},
    "qualtrics": {1: "I like it", 2: "I expect it", 3: "I am neutral", 4: "I tolerate it",
                  5: "I dislike it"},
    "en-short": {1: "Like", 2: "Expect", 3: "Neutral", 4: "Tolerate", 5: "Dislike"},
    "zh": {1: "很喜欢", 2: "理所当然", 3: "一般", 4: "勉强接受", 5: "很不喜欢"},
    "spssau": {1: "喜欢", 2: "理所当然", 3: "无所谓", 4: "能忍受", 5: "不喜欢"},
    "zh-tw": {1: "很喜歡", 2: "理所當然", 3: "無所謂", 4: "勉強接受", 5: "很不喜歡"},
    "zh-tw-2": {1: "我喜歡", 2: "理應如此", 3: "我持中立態度", 4: "能忍受", 5: "我不喜歡"},
    "numbered": {1: "1) I like it", 2: "2) I expect it", 3: "3) I am neutral",
                 4: "4) I can tolerate it", 5: "5) I dislike it"},
    "circled": {1: "① 喜欢", 2: "② 理应如此", 3: "③ 无所谓", 4: "④ 能忍受", 5: "⑤ 不喜欢"},
    "lettered": {1: "Ａ．我喜欢", 2: "B. It must be that way", 3: "\u201cI\u2019m neutral\u201d",
                 4: "d) I can live with it", 5: "(e) I dislike it"},
}  # fmt: skip


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_wording_family_reads_the_canonical_counts(canonical, family):
    # Hotline A1 O2 M1 I1 R1 Q1 + 1 blank; Lounge A3 M1 I2 R1 Q1 (conftest.py)
    check_canonical(read_survey(canonical.wide(answer=FAMILIES[family].get)), canonical)


def test_reversed_codes_read_the_canonical_counts(canonical):
    # SPSSAU writes 1 = dislike … 5 = like: the canonical answer k is written 6 - k
    frame = canonical.wide(answer=lambda c: 6 - c)
    survey = read_survey(frame, answers=answer_map(codes="reversed"))
    check_canonical(survey, canonical)
    assert "reversed" in str(survey.answer_map)
    # read with the standard codes, 101's Hotline (1, 5) O is written (5, 1) and read R
    assert read_survey(frame).functional.loc[101, "Hotline"] == 5


def test_reversed_three_point_codes():
    # written 1 dislike, 2 neutral, 3 like: (3,1) like/dislike -> O, (3,2) like/neutral -> A,
    # (2,1) neutral/dislike -> M, (2,2) -> I, (1,3) dislike/like -> R, (3,3) like/like -> Q
    frame = pd.DataFrame(
        {"x_functional": [3, 3, 2, 2, 1, 3], "x_dysfunctional": [1, 2, 1, 2, 3, 3]}
    )
    survey = read_survey(frame, answers=answer_map(codes="reversed", scale=3))
    assert counts_of(survey)["x"] == {"A": 1, "O": 1, "M": 1, "I": 1, "R": 1, "Q": 1}


def test_unknown_wordings_each_once_with_count_and_first_cell(canonical):
    frame = canonical.wide(answer=lambda c: {1: "Love it", 5: "I dislike it"}.get(c, c))
    frame = frame.astype(object)
    frame.loc[4, "Lounge_functional"] = 6  # respondent 105, spreadsheet row 6
    frame.loc[2, "Lounge_dysfunctional"] = "LOVE IT!"  # the same wording once normalised
    with pytest.raises(UnknownAnswerError) as err:
        read_survey(frame)
    # "Love it" is the functional answer 1 of Hotline 101, 102, 103, 107 and Lounge
    # 101, 102, 103, the dysfunctional 1 of Hotline 106, 107 and Lounge 107: 10 cells, and
    # "LOVE IT!" once more = 11; first at row 2 (respondent 101) in Hotline_functional
    got = [(w.value, w.count, w.first.row, w.first.column) for w in err.value.wordings]
    assert got == [("Love it", 11, 2, "Hotline_functional"), (6, 1, 6, "Lounge_functional")]
    assert str(err.value).startswith(
        "DataFrame: 2 answer wordings are not known: 'Love it' (11 cells, first at row 2, "
        "column 'Hotline_functional'); 6 (1 cell, row 6, column 'Lounge_functional'). Map them"
    )
    assert err.value.total == 12


def test_unknown_values_ordered_by_row_then_column(canonical):
    frame = canonical.wide().astype(object)
    frame.loc[3, "Lounge_functional"] = "z"  # row 5, 4th column of the sheet
    frame.loc[3, "Hotline_functional"] = "y"  # row 5, 2nd column
    frame.loc[1, "Lounge_dysfunctional"] = "x"  # row 3
    with pytest.raises(UnknownAnswerError) as err:
        read_survey(frame)
    assert [w.value for w in err.value.wordings] == ["x", "y", "z"]


def test_unknown_values_capped_in_the_message():
    # 12 distinct wordings in rows 2..13: ten are shown, "and 2 more"
    frame = pd.DataFrame(
        {"x_functional": [f"w{k}" for k in range(12)], "x_dysfunctional": [5] * 12}
    )
    with pytest.raises(UnknownAnswerError) as err:
        read_survey(frame)
    assert len(err.value.wordings) == 12
    assert "'w9' (1 cell, row 11, column 'x_functional'); and 2 more." in str(err.value)


def _true_false_cells(survey_source):
    """Read a column 1, TRUE, 1, FALSE against dislike (5) answers."""
    with pytest.raises(UnknownAnswerError) as err:
        read_survey(survey_source)
    got = [(w.value, w.count, w.first.row) for w in err.value.wordings]
    survey = read_survey(survey_source, on_invalid="skip")
    # only the two (1, 5) pairs are classified (O); TRUE and FALSE are counted as invalid
    assert counts_of(survey)["x"]["O"] == 2
    assert survey.quality["n_invalid"].tolist() == [2]
    return got


def test_true_cell_in_a_code_column_is_not_the_answer_1():
    frame = pd.DataFrame(
        {"x_functional": [1, True, 1, False], "x_dysfunctional": [5, 5, 5, 5]}, dtype=object
    )
    assert _true_false_cells(frame) == [(True, 1, 3), (False, 1, 5)]


def test_true_text_in_a_csv_is_not_the_answer_1(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("x_functional,x_dysfunctional\n1,5\nTRUE,5\n1,5\nFALSE,5\n", "utf-8")
    assert _true_false_cells(path) == [("TRUE", 1, 3), ("FALSE", 1, 5)]


def test_true_cell_in_a_workbook_is_not_the_answer_1(tmp_path, write_xlsx):
    frame = pd.DataFrame(
        {"x_functional": [1, True, 1, False], "x_dysfunctional": [5, 5, 5, 5]}, dtype=object
    )
    path = write_xlsx(tmp_path / "b.xlsx", frame)
    assert _true_false_cells(path) == [(True, 1, 3), (False, 1, 5)]


def test_unknown_wordings_in_long_layout(canonical):
    frame = canonical.long().astype(object)
    frame.loc[0, "functional"] = "Love it"  # row 2
    frame.loc[9, "dysfunctional"] = "Love it"  # row 11
    with pytest.raises(UnknownAnswerError) as err:
        read_survey(frame)
    w = err.value.wordings
    assert [(x.value, x.count, x.first.row, x.first.column) for x in w] == [
        ("Love it", 2, 2, "functional")
    ]


# --- importance columns holding labels (kano.shared.ratings) ---------------------------------

HOTLINE_IMP = ["5 - Extremely important", "3 - Somewhat important", "4 - Very important", "(跳过)",
               "3 - Somewhat important", "1 - Not at all important", None, "2 - Slightly important"]  # fmt: skip
LOUNGE_IMP = ["非常重要", "重要", "一般", "不重要", "非常重要", "比较重要", "非常不重要", "一般"]


def test_numbered_and_chinese_importance_labels(canonical):
    frame = canonical.wide().assign(Hotline_importance=HOTLINE_IMP, Lounge_importance=LOUNGE_IMP)
    survey = read_survey(frame)
    out = summarize(survey).set_index("service")
    # Hotline: 5 + 3 + 4 + 3 + 1 + 2 = 18 over 6 answers (skip marker and blank missing) = 3.0
    assert out.loc["Hotline", "importance_mean"] == pytest.approx(3.0)
    assert out.loc["Hotline", "importance_n"] == 6
    # Lounge, points of 非常不重要 ... 非常重要: 5 4 3 2 5 4 1 3 = 27 over 8 = 3.375
    assert out.loc["Lounge", "importance_mean"] == pytest.approx(3.375)
    check_canonical(survey, canonical)  # the answers are untouched


def test_long_layout_importance_labels(canonical):
    frame = canonical.long()
    # the long rows are Hotline's 8 respondents, then Lounge's 8
    frame["importance"] = HOTLINE_IMP + LOUNGE_IMP
    survey = read_survey(frame)
    assert survey.importance["Hotline"].mean() == pytest.approx(3.0)
    assert survey.importance["Lounge"].mean() == pytest.approx(3.375)


def test_importance_label_set_tie_is_a_note(canonical):
    # all five labels of Not at all ... Extremely important also fit the 7-point scale
    words = ["Not at all important", "Slightly important", "Moderately important",
             "Very important", "Extremely important"]  # fmt: skip
    frame = canonical.wide().assign(Hotline_importance=words + words[:3])
    survey = read_survey(frame)
    # 1 2 3 4 5 1 2 3 = 21 over 8
    assert survey.importance["Hotline"].mean() == pytest.approx(21 / 8)
    assert any("fit scales of 5, 7 points" in str(n) for n in survey.notes)


def test_unknown_importance_label_and_label_map(canonical, tmp_path):
    from kano.shared.errors import UnknownLabelError
    from kano.shared.ratings import load_label_map

    frame = canonical.wide().assign(Hotline_importance=["Rather important", 4, 5, 4, 3, 2, 1, 5])
    with pytest.raises(UnknownLabelError, match=r"'Rather important' \(1 cell, row 2, column "
                                                r"'Hotline_importance'\)"):  # fmt: skip
        read_survey(frame)
    path = tmp_path / "labels.csv"
    path.write_text("label,value\nRather important,4\n", encoding="utf-8")
    survey = read_survey(frame, labels=load_label_map(path))
    assert survey.importance["Hotline"].mean() == pytest.approx((4 + 4 + 5 + 4 + 3 + 2 + 1 + 5) / 8)
