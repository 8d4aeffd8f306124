"""The one catalogue (kano.shared.i18n): every key in both languages with the same fields,
every key the code names literally exists, languages are checked once, option placeholders
read as flags, and a Chinese text leaves no English but names."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from kano.shared.errors import OptionError
from kano.shared.i18n import CATALOGUE, check_lang, name, p_value, text
from kano.shared.records import Finding, Note

ROOT = Path(__file__).resolve().parents[2]
# text("key", …), has("key", …), Note("code", …) written with a literal key in the code
LITERAL = re.compile(r"""\b(text|has)\(\s*["']([a-z_]+\.[A-Za-z0-9_.]+)["']""")
NOTE = re.compile(r"""\bNote\(\s*["']([a-z_0-9]+)["']""")
#: Words a Chinese text may keep: names of methods, brands and coefficients.
NAMES = {"Better", "Worse", "Fong", "SPSSAU", "SPSS", "Qualtrics", "SurveyMonkey", "Microsoft",
         "Forms", "Johnson", "Shapley", "Wilson", "Berger", "moai", "berger", "max", "Martilla",
         "James", "Lindeman", "Merenda", "Gold", "Grömping", "Reichheld", "Wald", "Kruskal",
         "Wallis", "Benjamini", "Hochberg", "Kish", "kano", "toolkit", "docs", "methods", "labels",
         "yaml", "question", "skip", "mapping", "codes", "reversed", "invalid", "Monte", "Carlo",
         "Fisher", "fisher", "chi2", "KANO", "Kano", "Likert", "Google", "Tencent", "Alchemer",
         "LimeSurvey", "standard", "modified", "python", "xlsx", "csv", "json", "sav", "like",
         "must", "neutral", "live", "with", "dislike", "missing", "guessed", "check",
         "answers", "types", "customer", "value_segment", "tenure_band", "Cronbach"}  # fmt: skip


def fields(template: str) -> set[str]:
    """The fields of a template; English may lower-case a name (``name_lower``) where
    Chinese has no case (``name``): both are the same value."""
    found = {f for _, f, _, _ in string.Formatter().parse(template) if f}
    return {f.replace("_lower", "") for f in found}


def test_both_languages_have_the_same_keys_and_fields():
    en, zh = CATALOGUE["en"], CATALOGUE["zh"]
    assert set(en) == set(zh), set(en) ^ set(zh)
    for key in en:
        assert fields(en[key]) == fields(zh[key]), key


def test_every_literal_key_of_the_code_exists():
    sources = [*ROOT.joinpath("kano").rglob("*.py"), *ROOT.joinpath("satisfaction").glob("*.py"),
               ROOT / "cli.py"]  # fmt: skip
    named, notes = set(), set()
    for path in sources:
        code = path.read_text(encoding="utf-8")
        named |= {key for _, key in LITERAL.findall(code)}
        notes |= set(NOTE.findall(code))
    assert len(named) > 50 and len(notes) > 20
    for key in sorted(named):
        assert key in CATALOGUE["en"], key
    for code in sorted(notes):
        assert f"note.{code}" in CATALOGUE["en"], code


@pytest.mark.parametrize("given", ["zh", "ZH", " Zh ", "en", "EN"])
def test_languages_are_case_insensitive(given):
    assert check_lang(given) == given.strip().lower()


def test_an_unknown_language_is_an_option_error():
    with pytest.raises(OptionError, match="unknown language 'fr': use en or zh"):
        check_lang("fr")


def test_option_placeholders_read_as_flags_in_outputs():
    # note.invalid_left_out: "... ({opt:on_invalid} skip)"
    assert "--on-invalid skip" in text("note.invalid_left_out", "en", n=3)
    assert "--on-invalid skip" in text("note.invalid_left_out", "zh", n=3)


def test_records_are_put_into_words_only_when_rendered():
    note = Note("invalid_left_out", {"n": 4})
    assert note.text("en") != note.text("zh") and "4" in note.text("zh")
    assert str(note) == note.text("en")
    assert Finding("migration", "x") == Finding("migration", "x")  # records compare by value


def test_names_and_p_values():
    assert name("category", "M", "zh") == text("category.M", "zh")
    # below the print precision a p-value reads "< 0.001", never "0.000"
    assert p_value(0.0004, "en") == p_value(0.0004, "zh") == "< 0.001"
    assert p_value(0.0312, "en") == "0.031" and p_value(0.5, "en") == "0.50"


def test_chinese_texts_keep_no_english_but_names():
    leftover = {}
    for key, value in CATALOGUE["zh"].items():
        words = set(re.findall(r"[A-Za-zÀ-ÿ]{3,}", re.sub(r"\{[^}]*\}", "", value)))
        extra = {w for w in words if w not in NAMES and not w.isupper()}
        if extra:
            leftover[key] = sorted(extra)
    assert not leftover, leftover
