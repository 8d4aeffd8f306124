"""Answer coding: codes 1-5, wordings in three scripts, normalisation, user maps."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano.io.answers import (
    INVALID,
    MISSING,
    AnswerMap,
    answer_key,
    answer_map,
    encode_column,
    guess_answer_code,
    load_answer_map,
    normalize_label,
    suggest_answer_map,
    three_point_map,
)
from kano.shared.errors import (
    CellProblem,
    InvalidValueError,
    MappingFileError,
    OptionError,
    UnknownAnswerError,
    UnknownWording,
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
    assert "answers.yaml" in str(amap.description)
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


# --- issue 9: complete wording families ------------------------------------------------

# Berger et al. (1993) and their short forms, the Qualtrics Kano template ("I tolerate it",
# "I can tolerate it"), common variants; codes 1 like, 2 must-be, 3 neutral, 4 live with,
# 5 dislike (domain.md).
ENGLISH = [
    ("I like it that way", 1), ("It must be that way", 2), ("I am neutral", 3),
    ("I can live with it that way", 4), ("I dislike it that way", 5),
    ("I like it", 1), ("I expect it", 2), ("I'm neutral", 3), ("I can tolerate it", 4),
    ("I tolerate it", 4), ("I dislike it", 5),
    ("I must be that way", 2), ("It must be like that", 2), ("I expect it to be that way", 2),
    ("It is expected", 2), ("Expected", 2), ("I don't care", 3), ("I do not care", 3),
    ("Neutral", 3), ("I feel neutral", 3), ("I can live with it", 4), ("I can accept it", 4),
    ("Tolerable", 4), ("Tolerate", 4), ("I don't like it", 5), ("I do not like it", 5),
    ("I hate it", 5), ("Like", 1), ("Expect", 2), ("Dislike", 5), ("I would like it", 1),
    ("I would expect it", 2),
    # Löfgren & Witell (2008) and Blauth's wording
    ("I am expecting it to be that way", 2), ("I can accept it to be that way", 4),
    ("This would be very helpful to me", 1), ("This is a basic requirement for me", 2),
    ("This would not affect me", 3), ("This would be a minor inconvenience", 4),
    ("This would be a major problem for me", 5),
]  # fmt: skip
SIMPLIFIED = [
    ("我喜欢", 1), ("喜欢", 1), ("很喜欢", 1),
    ("理所当然", 2), ("理应如此", 2), ("它应该是那样", 2), ("应该是那样", 2), ("必须的", 2),
    ("本应如此", 2), ("应该的", 2),
    ("无所谓", 3), ("我持中立态度", 3), ("中立", 3), ("一般", 3),
    ("能忍受", 4), ("我可以忍受", 4), ("可以忍受", 4), ("勉强接受", 4), ("能接受", 4),
    ("我不喜欢", 5), ("不喜欢", 5), ("很不喜欢", 5),
]  # fmt: skip
# SPSSAU's labels, in its order 1 不喜欢 … 5 喜欢; the code is the questionnaire's
SPSSAU = [("喜欢", 1), ("理所当然", 2), ("无所谓", 3), ("能忍受", 4), ("不喜欢", 5)]
TRADITIONAL = [
    ("我喜歡", 1), ("喜歡", 1), ("很喜歡", 1),
    ("理所當然", 2), ("理應如此", 2), ("它應該是那樣", 2), ("應該是那樣", 2), ("必須的", 2),
    ("本應如此", 2), ("應該的", 2),
    ("無所謂", 3), ("我持中立態度", 3), ("中立", 3), ("一般", 3),
    ("能忍受", 4), ("我可以忍受", 4), ("可以忍受", 4), ("勉強接受", 4), ("能接受", 4),
    ("我不喜歡", 5), ("不喜歡", 5), ("很不喜歡", 5),
]  # fmt: skip


@pytest.mark.parametrize(("text", "code"), ENGLISH + SIMPLIFIED + SPSSAU + TRADITIONAL)
def test_wording_families_complete(text, code):
    assert AnswerMap().lookup(text) == (code, True)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1) I like it", 1), ("1. I like it", 1), ("1、我喜欢", 1), ("(1) I like it", 1),
        ("1 - I like it", 1), ("A. I expect it", 2), ("A) I am neutral", 3),
        ("a) I can tolerate it", 4), ("(b) 不喜欢", 5),
        ("Ａ．我喜欢", 1),  # full-width letter and full stop
        ("\u201cI\u2019m neutral\u201d", 3),  # curly quotes around, curly apostrophe inside
        ("① 喜欢", 1), ("②理所当然", 2), ("③ 无所谓", 3), ("④能忍受", 4), ("⑤ 不喜欢", 5),
        ("I\u00b4m neutral", 3), ("I\u02bcm neutral", 3), ("I`m neutral", 3),
        ("'I like it'", 1), ("「我喜欢」", 1), ("I like it!!", 1), ("我喜欢。", 1),
        ("I\u200b like it", 1),  # a zero-width space pasted from a web page
        ("5) I like it", 1),  # the wording decides: 5 is only the option's position
    ],
)  # fmt: skip
def test_normalisation_of_quotes_and_enumerators(text, code):
    assert AnswerMap().lookup(text) == (code, True)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1) I like it", "i like it"),
        ("Ａ．我喜欢", "我喜欢"),
        ("\u201cI\u2019m neutral\u201d", "i'm neutral"),
        ("① 喜欢", "喜欢"),
        # no word after it: a number stays a number, never an enumerator
        ("2.5", "2.5"), ("-1", "-1"), ("1.", "1"), ("(1)", "(1)"), ("１", "1"),
        # a number and a space is no enumerator: "1 分" and "5 分" stay two answers
        ("1 分", "1 分"), ("e-mail", "e-mail"),
    ],
)  # fmt: skip
def test_normalize_label_enumerators(text, expected):
    assert normalize_label(text) == expected


@pytest.mark.parametrize("value", ["①", "(3)", "2.5", "1-5", "a)"])
def test_enumerator_without_wording_is_not_an_answer(value):
    assert AnswerMap().lookup(value)[0] == INVALID


def test_booleans_next_to_codes_are_not_codes():
    # pandas' factorize holds True == 1 and False == 0: a TRUE cell must still not be the answer 1
    values = pd.Series([1, True, 1.0, False, 0, 5, np.True_], dtype=object)
    enc = encode_column(values, AnswerMap())
    assert enc.codes.tolist() == [1, INVALID, 1, INVALID, INVALID, 5, INVALID]
    # distinct unknown values once, (value, count, first position), by first position
    assert enc.unknown == ((True, 2, 1), (False, 1, 3), (0, 1, 4))


def test_encode_column_unknown_values_counted_once_each():
    values = pd.Series(["Love it", "I like it", "Love it", None, "meh", "Love it"])
    enc = encode_column(values, AnswerMap())
    assert enc.unknown == (("Love it", 3, 0), ("meh", 1, 4))
    numbers = encode_column(pd.Series([1, 6, 6, 7, 6]), AnswerMap())
    assert numbers.unknown == ((6, 3, 1), (7, 1, 3))


# --- codes: standard or reversed, 5 or 3 points ----------------------------------------


@pytest.mark.parametrize(
    ("codes", "scale", "expected"),
    [
        ("standard", 5, [1, 2, 3, 4, 5]),
        ("reversed", 5, [5, 4, 3, 2, 1]),  # SPSSAU: 1 dislike … 5 like
        ("standard", 3, [1, 3, 5, INVALID, INVALID]),  # 1 like, 2 neutral, 3 dislike
        ("reversed", 3, [5, 3, 1, INVALID, INVALID]),  # 1 dislike, 2 neutral, 3 like
    ],
)
def test_answer_map_codes_and_scale(codes, scale, expected):
    amap = answer_map(codes=codes, scale=scale)
    assert [amap.lookup(v)[0] for v in (1, 2, 3, 4, 5)] == expected
    assert [amap.lookup(str(v))[0] for v in (1, 2, 3, 4, 5)] == expected
    # text wordings are read the same whatever the codes
    assert amap.lookup("I like it")[0] == 1 and amap.lookup("不喜欢")[0] == 5


def test_answer_map_descriptions():
    assert "reversed (1 dislike … 5 like, as SPSSAU writes them)" in str(
        answer_map("reversed").description
    )
    assert str(answer_map().description).startswith("codes 1-5 (1 like … 5 dislike)")
    assert "3-point short form reversed" in str(answer_map("reversed", 3).description)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    # library errors name the keyword (codes=, points=); the CLI names the flag
    [({"codes": "backwards"}, "codes= must be standard or reversed"), ({"scale": 4}, "points=")],
)
def test_answer_map_bad_options(kwargs, message):
    with pytest.raises(OptionError, match=message):
        answer_map(**kwargs)


def test_user_map_extends_the_built_ins_and_overrides_same_keys(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text("Love it: like\n一般: live-with\n6: missing\n", encoding="utf-8")
    amap = answer_map(codes="reversed", extra=path)
    assert amap.lookup("Love it")[0] == 1  # added
    assert amap.lookup("一般")[0] == 4  # overrides the built-in neutral
    assert amap.lookup("我喜欢")[0] == 1 and amap.lookup("I tolerate it")[0] == 4  # kept
    assert amap.lookup(6)[0] == MISSING and amap.lookup(1)[0] == 5  # reversed codes kept
    assert str(amap.description).endswith("reversed (1 dislike … 5 like, as SPSSAU writes them); "
                                     "built-in English and Chinese wordings; extended by the "
                                     "answer map answers.yaml")  # fmt: skip


# --- strict answer-map files -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.yaml", "Love it: like\nMeh: neutral\nLove it: dislike\n",
         "a.yaml: lines 1 and 3: the key 'Love it' is given twice; keep one of them"),
        ("a.yaml", "Love it: like\n“love it.”: like\n",
         "a.yaml: lines 1 and 2: 'Love it' and '“love it.”' are the same answer once case, "
         "width, punctuation and numbering are ignored; keep one of them"),
        ("a.yaml", "1) Love it: like\nLove it: like\n", "lines 1 and 2: '1) Love it' and 'Love it'"),
        ("a.yaml", "1: dislike\n1.0: like\n", "lines 1 and 2: 1 and 1.0 are the same answer"),
        ("a.csv", "answer,code\nLove it,1\nmeh,3\nLOVE IT,1\n",
         "a.csv: lines 2 and 4: 'Love it' and 'LOVE IT' are the same answer"),
    ],
)  # fmt: skip
def test_colliding_keys_are_refused(tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingFileError) as err:
        load_answer_map(path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_yaml_alias_bomb_is_refused(tmp_path):
    # "billion laughs": each level repeats the one before ten times
    levels = ["a0: &a0 [like, like, like, like, like, like, like, like, like, like]"]
    for k in range(1, 6):
        levels.append(f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(levels) + "\n", encoding="utf-8")
    # lines 2 and 3 hold 10 aliases each (20, the limit): the 21st is on line 4
    with pytest.raises(MappingFileError, match=r"bomb\.yaml: line 4: more than 20 YAML aliases"):
        load_answer_map(path)


def test_a_few_yaml_aliases_are_plain_data(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("Love it: &l like\nAdore it: *l\n", encoding="utf-8")
    assert load_answer_map(path).lookup("adore it")[0] == 1


@pytest.mark.parametrize(
    "text",
    ["!!python/object/apply:os.system ['echo hi']: like\n", "Love it: !!python/name:os.system\n",
     "Love it: !custom like\n"],
)  # fmt: skip
def test_yaml_tags_that_are_not_plain_data_are_refused(tmp_path, text):
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MappingFileError, match=r"a\.yaml: line 1: not a plain YAML answer map"):
        load_answer_map(path)


def test_yaml_yes_no_and_dates_stay_text(tmp_path):
    # PyYAML alone would make these keys True, False, None and a date
    path = tmp_path / "a.yaml"
    path.write_text("Yes: like\nNo: dislike\n~: missing\n2024-01-01: neutral\n", encoding="utf-8")
    amap = load_answer_map(path)
    assert [amap.lookup(t)[0] for t in ("yes", "NO", "~", "2024-01-01")] == [1, 5, MISSING, 3]


def test_yaml_control_character_is_one_line_error(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("\x07: like\n", encoding="utf-8")
    with pytest.raises(MappingFileError, match=r"a\.yaml: cannot read the answer map") as err:
        load_answer_map(path)
    assert "\n" not in str(err.value)


# --- unknown wordings: the error and the suggested map ---------------------------------


def _wording(value, count, row, column="Q7_1"):
    return UnknownWording(value, count, CellProblem(row, column, value))


def test_unknown_answer_error_message_and_data():
    wordings = [_wording("Love it", 412, 2), _wording(6, 1, 9, "Q8_2")]
    err = UnknownAnswerError("survey.csv", wordings, hint="Fix it.")
    assert str(err) == (
        "survey.csv: 2 answer wordings are not known: 'Love it' (412 cells, first at row 2, "
        "column 'Q7_1'); 6 (1 cell, row 9, column 'Q8_2'). Fix it."
    )
    assert isinstance(err, InvalidValueError)
    assert err.wordings == tuple(wordings)
    assert err.total == 413  # 412 + 1 cells
    assert [(p.row, p.column) for p in err.problems] == [(2, "Q7_1"), (9, "Q8_2")]
    assert str(err.with_hint("Other.")).endswith("(1 cell, row 9, column 'Q8_2'). Other.")


def test_unknown_answer_error_caps_the_list_at_ten():
    wordings = [_wording(f"w{k}", 1, k + 2) for k in range(13)]
    message = str(UnknownAnswerError("s.csv", wordings))
    assert message.startswith("s.csv: 13 answer wordings are not known: 'w0' (1 cell, row 2")
    assert "'w9' (1 cell, row 11, column 'Q7_1'); and 3 more." in message
    assert "'w10'" not in message


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Love it", 1), ("I really enjoy it", 1), ("非常满意", 1), ("很喜欢这个", 1),
        ("Obviously required", 2), ("It should be there", 2), ("当然要有", 2),
        ("Whatever", 3), ("Doesn't matter to me", 3), ("都行", 3),
        ("I could put up with it", 4), ("还行吧", 4), ("勉强可以", 4),
        ("Hate it", 5), ("I don't really like it", 5), ("Not acceptable", 5), ("不太喜欢", 5),
        ("很反感", 5), ("無法接受", 5),
        # negations the rules do not cover give no guess
        ("I would not expect it", None), ("不应该有", None), ("Meh", None), ("不一般", None),
    ],
)  # fmt: skip
def test_guess_answer_code(text, code):
    assert guess_answer_code(text) == code


def test_suggested_map_order_guesses_and_round_trip(tmp_path):
    wordings = [
        _wording("Hate it", 3, 2),  # dislike
        _wording("Meh", 2, 3),  # no guess
        _wording(True, 1, 4),  # not text: no entry
        _wording("Love it", 412, 5),  # like
        _wording("Whatever", 7, 6),  # neutral
        _wording("Of course", 1, 7),  # must-be
        _wording("Yes", 1, 8),  # no guess; stays text once loaded
    ]
    text = suggest_answer_map(wordings, source="survey.csv")
    lines = text.splitlines()
    entries = [ln for ln in lines if not ln.startswith("#")]
    # ordered by the guessed code: like, must-be, neutral, (live-with), dislike
    assert entries == [
        '"Love it": like  # guessed: check (412 cells)',
        '"Of course": must-be  # guessed: check (1 cell)',
        '"Whatever": neutral  # guessed: check (7 cells)',
        '"Hate it": dislike  # guessed: check (3 cells)',
    ]
    assert lines[0] == "# Answer wordings of survey.csv that the toolkit does not know."
    assert "SUGGESTION" in lines[1]
    unguessed = [ln for ln in lines if ln.startswith('# "')]
    assert unguessed == ['# "Meh":   # 2 cells', '# "Yes":   # 1 cell']
    assert lines.index(unguessed[0]) > lines.index(entries[-1])  # the unguessed come last
    assert "like, must-be, neutral, live-with, dislike or missing" in text
    assert "1 of the unknown values" in text  # the TRUE cell is counted, not listed
    # accepted as written, the map loads and adds the guessed wordings
    path = tmp_path / "survey_answers.yaml"
    path.write_text(text, encoding="utf-8")
    amap = load_answer_map(path)
    assert [amap.lookup(w)[0] for w in ("love it", "OF COURSE", "whatever", "Hate it")] == [
        1, 2, 3, 5
    ]  # fmt: skip
    assert amap.lookup("Meh")[0] == INVALID
    # once the user writes a code after an unguessed wording and uncomments it, it loads too
    path.write_text(
        text.replace('# "Meh":  ', '"Meh": live-with').replace('# "Yes":  ', '"Yes": like'),
        encoding="utf-8",
    )
    amap = load_answer_map(path)
    assert (amap.lookup("meh")[0], amap.lookup("YES")[0]) == (4, 1)


def test_suggested_map_uncommented_without_a_code_is_refused(tmp_path):
    text = suggest_answer_map([_wording("Meh", 2, 3)])
    path = tmp_path / "a.yaml"
    path.write_text(text.replace('# "Meh":', '"Meh":'), encoding="utf-8")
    with pytest.raises(MappingFileError, match=r"line \d+ \('Meh': ''\): the code must be"):
        load_answer_map(path)


def test_suggested_map_escapes_odd_text_and_leaves_out_long_text(tmp_path):
    odd = ['say "hi"\nnow', "tab\there", "\x07bell", "yes", "x" * 201]
    text = suggest_answer_map([_wording(v, 1, k + 2) for k, v in enumerate(odd)])
    assert "1 of the unknown texts" in text and "x" * 201 not in text
    path = tmp_path / "a.yaml"
    # every listed wording is a valid key once uncommented
    path.write_text(text.replace('# "', '"').replace(":   #", ": neutral  #"), encoding="utf-8")
    amap = load_answer_map(path)
    assert [amap.lookup(v)[0] for v in odd[:4]] == [3, 3, 3, 3]


def test_suggested_map_in_chinese():
    text = suggest_answer_map([_wording("爱死了", 2, 2)], lang="zh", source="问卷.csv")
    assert text.splitlines()[0] == "# 问卷.csv 中本工具不认识的答案措辞。"
    assert '"爱死了": like  # guessed: check 猜测, 请核对 (2 个单元格)' in text


# --- invariants (hypothesis) -----------------------------------------------------------

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.lists(st.one_of(st.integers(-1, 7), st.booleans(), st.none()), min_size=1, max_size=30))
def test_codes_and_booleans_never_mix(values):
    enc = encode_column(pd.Series(values, dtype=object), AnswerMap())
    for v, c in zip(values, enc.codes.tolist(), strict=True):
        if v is None:
            assert c == MISSING
        elif isinstance(v, bool):
            assert c == INVALID  # TRUE is never the answer 1, FALSE never 0
        else:
            assert c == (v if 1 <= v <= 5 else INVALID)
    # every invalid cell is counted once under its distinct value
    assert sum(count for _, count, _ in enc.unknown) == int((enc.codes == INVALID).sum())


@FAST
@given(st.lists(st.text(min_size=1, max_size=15), min_size=1, max_size=8))
def test_suggested_map_always_loads(tmp_path_factory, texts):
    # distinct unknown text wordings (as read_survey groups them) -> a map that loads, and
    # every guessed entry reads its wording with the guessed code
    seen: dict[str, str] = {}
    for t in texts:
        key = normalize_label(t)
        if AnswerMap().lookup(t)[0] == INVALID and key and not key.replace(".", "").isdigit():
            seen.setdefault(key, t)
    wordings = [
        UnknownWording(t, 1, CellProblem(k + 2, "Q1", t)) for k, t in enumerate(seen.values())
    ]
    path = tmp_path_factory.mktemp("suggest") / "a.yaml"
    path.write_text(suggest_answer_map(wordings), encoding="utf-8")
    amap = load_answer_map(path)
    for w in wordings:
        guess = guess_answer_code(w.value)
        if guess is not None and answer_key(w.value)[0] == "text":
            assert amap.lookup(w.value)[0] == guess
