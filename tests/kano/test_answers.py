"""Answer coding: codes 1-5, wordings in three scripts, normalisation, user maps."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from kano.errors import MappingFileError
from kano.io.answers import (
    INVALID,
    MISSING,
    AnswerMap,
    encode_column,
    load_answer_map,
    normalize_label,
    three_point_map,
)

# Wordings the issue and domain.md name, with the code the source documents give them
# (1 like, 2 must-be/expect, 3 neutral, 4 live with, 5 dislike).
WORDINGS = [
    # domain.md, the questionnaire's own answers
    ("我喜欢", 1), ("它应该是那样", 2), ("我持中立态度", 3), ("我可以忍受", 4), ("我不喜欢", 5),
    ("I like it", 1), ("It must be that way", 2), ("I am neutral", 3),
    ("I can live with it", 4), ("I dislike it", 5),
    # variants listed in domain.md / the issue
    ("理应如此", 2), ("I expect it", 2), ("无所谓", 3), ("能忍受", 4),
    ("I can tolerate it", 4), ("应该的", 2), ("應該的", 2), ("無所謂", 3),
    ("不喜欢", 5), ("不喜歡", 5),
    # traditional Chinese forms of the questionnaire's answers
    ("我喜歡", 1), ("它應該是那樣", 2), ("我持中立態度", 3), ("我不喜歡", 5),
    # common English variants in the literature
    ("I like it that way", 1), ("I expect it that way", 2), ("I don't care", 3),
    ("I can live with it that way", 4), ("I dislike it that way", 5),
    ("I don't like it", 5),  # contains "like" but is a dislike
]  # fmt: skip


@pytest.mark.parametrize(("text", "code"), WORDINGS)
def test_wordings(text, code):
    assert AnswerMap().lookup(text) == (code, True)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("I don\u2019t care", 3),  # curly apostrophe (Word, macOS)
        ("I don\u2018t care", 3),
        ("  i LIKE   it ", 1),  # stray whitespace and case
        ("I LIKE IT.", 1),  # trailing punctuation
        ("\u3000我喜欢\u3000", 1),  # ideographic spaces
        ("ＩＬＩＫＥ", None),  # full-width letters fold but "ilike" is no wording -> invalid
        ("Ｉ ｌｉｋｅ ｉｔ", 1),  # full-width letters
        ("我喜欢！", 1),  # full-width exclamation mark
        ("I dislike it\n", 5),  # line break inside the cell
    ],
)
def test_normalisation(text, code):
    got, _ = AnswerMap().lookup(text)
    assert got == (INVALID if code is None else code)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (1, 1), (5, 5), (3.0, 3), (np.int64(2), 2), (np.float32(4.0), 4),
        ("1", 1), ("5", 5), (" 2 ", 2), ("3.0", 3),
        ("１", 1), ("５", 5),  # full-width digits
    ],
)  # fmt: skip
def test_numeric_codes(value, code):
    assert AnswerMap().lookup(value) == (code, False)


@pytest.mark.parametrize(
    "value",
    [0, 6, -1, 1.5, "0", "6", "2.5", "foo", "like it a lot", "?", "N/A", True, False,
     dt.date(2024, 1, 1), dt.datetime(2024, 1, 1, 9, 30), "很"],
)  # fmt: skip
def test_unparsed_answers_are_invalid_never_a_category(value):
    # Never map an unparsed answer to Q, I or neutral.
    code, _ = AnswerMap().lookup(value)
    assert code == INVALID


@pytest.mark.parametrize("value", [None, float("nan"), np.nan, "", "   ", "(跳过)", "跳过"])
def test_blank_and_skipped_are_missing(value):
    assert AnswerMap().lookup(value)[0] == MISSING


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1. I like it", 1), ("2、理应如此", 2), ("(5) 不喜欢", 5),
        # the wording decides, the number is only the option's position (a list
        # ordered dislike first numbers "I dislike it" 1)
        ("1. I dislike it", 5), ("5) I like it", 1),
    ],
)  # fmt: skip
def test_enumerated_label_is_read_by_its_wording(text, code):
    assert AnswerMap().lookup(text) == (code, True)


def test_normalize_label():
    assert normalize_label("  I  Don\u2019t   CARE. ") == "i don't care"
    assert normalize_label("ＡＢＣ１２３") == "abc123"
    assert normalize_label("无所谓。") == "无所谓"


def test_encode_column_text_with_blanks_and_synonym_counts():
    values = pd.Series(["I like it", "理应如此", None, "I like it", "bogus", ""])
    enc = encode_column(values, AnswerMap())
    assert enc.codes.dtype == np.uint8
    assert enc.codes.tolist() == [1, 2, MISSING, 1, INVALID, MISSING]
    assert enc.synonyms == {("I like it", 1): 2, ("理应如此", 2): 1}


def test_encode_column_numeric_with_nan():
    values = pd.Series([1.0, np.nan, 5.0, 7.0, 3.0])
    enc = encode_column(values, AnswerMap())
    assert enc.codes.tolist() == [1, MISSING, 5, INVALID, 3]
    assert enc.synonyms == {}


def test_encode_column_nullable_integer_and_bool():
    ints = pd.Series([1, None, 4], dtype="Int64")
    assert encode_column(ints, AnswerMap()).codes.tolist() == [1, MISSING, 4]
    bools = pd.Series([True, False])
    assert encode_column(bools, AnswerMap()).codes.tolist() == [INVALID, INVALID]


def test_encode_column_empty():
    assert encode_column(pd.Series([], dtype=float), AnswerMap()).codes.tolist() == []


def test_yaml_answer_map_reversed_scale(tmp_path):
    # a platform that codes 1 = dislike ... 5 = like
    path = tmp_path / "answers.yaml"
    path.write_text("1: 5\n2: 4\n3: 3\n4: 2\n5: 1\n", encoding="utf-8")
    amap = load_answer_map(path)
    assert [amap.lookup(v)[0] for v in (1, 2, 3, 4, 5)] == [5, 4, 3, 2, 1]
    assert amap.lookup("5")[0] == 1
    assert "answers.yaml" in amap.description
    # built-in wordings still work
    assert amap.lookup("I like it")[0] == 1


def test_yaml_answer_map_new_wordings_by_name(tmp_path):
    path = tmp_path / "answers.yml"
    path.write_text(
        "Love it: like\n"
        "Of course: must-be\n"
        "Whatever: neutral\n"
        "Meh, OK: live_with\n"
        "Hate it: dislike\n"
        "Not applicable: missing\n",
        encoding="utf-8",
    )
    amap = load_answer_map(path)
    assert [amap.lookup(t)[0] for t in ("love it", "OF COURSE", "Whatever", "Meh, OK")] == [
        1,
        2,
        3,
        4,
    ]
    assert amap.lookup("Hate it")[0] == 5
    assert amap.lookup("Not applicable")[0] == MISSING
    assert amap.lookup("Something else")[0] == INVALID


def test_csv_answer_map(tmp_path):
    path = tmp_path / "answers.csv"
    path.write_text("answer,code\n非常喜欢,1\n还行吧,4\n", encoding="utf-8-sig")
    amap = load_answer_map(path)
    assert amap.lookup("非常喜欢")[0] == 1
    assert amap.lookup("还行吧")[0] == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Love it: 7\n", "code must be"),
        ("Love it: lovely\n", "code must be"),
        ("- a\n- b\n", "mapping"),
    ],
)
def test_bad_answer_maps(tmp_path, text, message):
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingFileError, match=message):
        load_answer_map(path)


def test_answer_map_missing_or_wrong_type(tmp_path):
    with pytest.raises(MappingFileError, match="not found"):
        load_answer_map(tmp_path / "none.yaml")
    other = tmp_path / "answers.txt"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(MappingFileError, match="yaml"):
        load_answer_map(other)


def test_three_point_map():
    # short form: 1 like, 2 neutral, 3 dislike -> codes 1, 3, 5 of the full scale
    amap = three_point_map()
    assert [amap.lookup(v)[0] for v in (1, 2, 3)] == [1, 3, 5]
    # 4 and 5 do not exist on a 3-point scale
    assert amap.lookup(4)[0] == INVALID and amap.lookup(5)[0] == INVALID
