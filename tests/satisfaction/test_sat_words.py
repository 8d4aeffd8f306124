"""The satisfaction side's words in the one catalogue: both languages hold the same keys with
the same fields, no key is defined twice, and every key the code asks for exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from kano.shared import i18n
from kano.shared.i18n import common, kano_words, satisfaction_words
from satisfaction.analysis import analyze_ipa
from satisfaction.loyalty import ZONES
from satisfaction.quadrants import QUADRANTS
from satisfaction.render import sheet
from satisfaction.survey import load_survey

ROOT = Path(__file__).resolve().parents[2]
SOURCES = {p.name: p.read_text(encoding="utf-8") for p in (ROOT / "satisfaction").glob("*.py")}


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_same_keys_and_fields_in_both_languages():
    assert set(satisfaction_words.EN) == set(satisfaction_words.ZH)
    for key, en in satisfaction_words.EN.items():
        assert fields(en) == fields(satisfaction_words.ZH[key]), key
        assert satisfaction_words.ZH[key].strip(), key


def test_no_key_is_shared_with_the_other_word_modules():
    ours = set(satisfaction_words.EN)
    assert not ours & set(common.EN)
    assert not ours & set(kano_words.EN)


def keys_used_by_the_code() -> set[str]:
    """Catalogue keys named literally in satisfaction/*.py."""
    src = "\n".join(SOURCES.values())
    keys = {
        f"note.sat_{c}" for c in re.findall(r'\b(?:note|driver_note|_segment_note)\("(\w+)"', src)
    }
    keys |= {f"finding.{k}" for k in re.findall(r'Finding\("(\w+)"', src)}
    keys |= {f"method.{k}" for k in re.findall(r'MethodItem\("(\w+)"', src)}
    keys |= set(re.findall(r'\btext\("([\w.]+)"', src))
    for name in ("jobs.py", "render.py"):  # the settings of the Method record
        keys |= {f"method.{k}" for k in re.findall(r'"(sat_[a-z0-9_]+)"(?::|\])', SOURCES[name])}
    return keys - {"method.sat_improve", "method.sat_model"}  # finding kinds, compared


def test_every_key_the_code_names_exists_in_both_languages():
    keys = keys_used_by_the_code()
    assert len(keys) > 40, keys
    for lang in i18n.LANGS:
        missing = sorted(k for k in keys if not i18n.has(k, lang))
        assert not missing, (lang, missing)


def test_every_key_of_a_family_exists():
    keys = [f"{kind}.{q}" for q in QUADRANTS for kind in ("quadrant", "quadrant_short",
                                                          "quadrant_corner")]  # fmt: skip
    keys += [f"zone.{z}" for z in ZONES]
    keys += ["chart.ipa_y_stated", "chart.ipa_y_derived", "finding.sat_improve_p"]
    keys += [f"sat_role.{r}" for r in ("satisfaction", "importance", "numeric")]
    for lang in i18n.LANGS:
        assert all(i18n.has(k, lang) for k in keys), lang


@pytest.fixture(scope="module")
def analysis():
    survey = load_survey(ROOT / "examples" / "satisfaction_2026Q3.xlsx")
    return analyze_ipa(survey, bootstrap=20, seed=1, by="value_segment")


def test_every_table_sheet_header_and_measure_has_chinese_words(analysis):
    for key, frame in analysis.tables.items():
        assert i18n.has(f"sheet.sat_{key}", "zh"), key
        shown = sheet(key, frame, "zh", segments_coded=True).frame
        untranslated = [c for c in shown.columns if c in frame.columns or c.endswith("_name")]
        assert not untranslated, (key, untranslated)
    for code in analysis.tables["loyalty"]["measure"]:
        assert i18n.has(f"sat_measure.{code}", "zh"), code
    for note in analysis.notes:  # every note renders in both languages
        assert note.text("en") and note.text("zh")
