"""Turning answer cells into the codes 1-5 of the source questionnaire.

Codes, in the order of the source documents: 1 like, 2 must-be / expect,
3 neutral, 4 live with, 5 dislike; 0 means missing (blank cell). Text labels are
recognised in English and in simplified and traditional Chinese after
:func:`normalize_label`. Numbers are codes through the answer map's numeric
table (standard or reversed, 5- or 3-point: :func:`answer_map`). A value that is
neither is unknown: it is never classified, and :func:`suggest_answer_map`
drafts an answer map for the user to check. Work is done once per distinct value
of a column, never per respondent.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kano.shared.cells import factorize_cells
from kano.shared.errors import (
    MappingFileError,
    OptionError,
    UnknownWording,
)
from kano.shared.mapfiles import read_pairs
from kano.shared.records import Note
from kano.shared.text import MISSING_WORDS, normalize_text, strip_ends, traditional

LIKE, MUST_BE, NEUTRAL, LIVE_WITH, DISLIKE = 1, 2, 3, 4, 5
MISSING = 0
INVALID = 255

ANSWER_KEYS = {"like": 1, "must-be": 2, "expect": 2, "neutral": 3, "live-with": 4, "dislike": 5}
#: The code names an answer map is written with, in code order.
CODE_NAMES = {LIKE: "like", MUST_BE: "must-be", NEUTRAL: "neutral", LIVE_WITH: "live-with",
              DISLIKE: "dislike"}  # fmt: skip

# Wordings of the five answers found in the literature and in real exports: Kano et
# al. (1984) and Berger et al. (1993) ("I like it that way" ...), Matzler & Hinterhuber
# (1998), Löfgren & Witell (2008) ("I am expecting it to be that way", "I can accept it
# to be that way"), Blauth's wording ("This would be very helpful to me" ...), the
# Qualtrics Kano template ("I expect it", "I can tolerate it"), Chinese Kano papers and
# SPSSAU (喜欢 / 理所当然 / 无所谓 / 能忍受 / 不喜欢). Simplified Chinese only: the
# traditional forms are derived below. Keys are normalised with :func:`normalize_label`.
_SYNONYMS: dict[int, tuple[str, ...]] = {
    LIKE: (
        "I like it", "I like it that way", "I like it this way", "I like it very much",
        "like it very much", "I really like it", "like", "like it", "I like", "I would like it",
        "I'd like it", "I enjoy it", "delighted", "satisfied", "I am satisfied", "It pleases me",
        "This would be very helpful to me",
        "我喜欢", "喜欢", "我很喜欢", "很喜欢", "我非常喜欢", "非常喜欢", "我喜欢这样", "满意",
        "我会很满意", "令人满意",
    ),
    MUST_BE: (
        "It must be that way", "I must be that way", "must be that way", "It must be like that",
        "It must be", "must be", "must-be", "mustbe", "I expect it", "I expect it that way",
        "I expect it to be that way", "I expect it to be this way",
        "I am expecting it to be that way", "I would expect it", "expect it", "expect",
        "expected", "It is expected", "I expect", "It should be that way", "should be that way",
        "It should be so", "It is basic", "basic", "It's a must", "It is necessary", "necessary",
        "taken for granted", "I take it for granted", "This is a basic requirement for me",
        "它应该是那样", "应该是那样", "它应该那样", "它应该这样", "它理应如此", "理应如此",
        "理所当然", "理所应当", "应该的", "应该", "应该是这样", "应该如此", "本应如此", "必须的",
        "必须", "必备", "必需的", "本该如此", "我期望如此",
    ),
    NEUTRAL: (
        "I am neutral", "I'm neutral", "neutral", "I feel neutral", "I don't care",
        "don't care", "do not care", "I do not care", "indifferent", "I am indifferent",
        "It doesn't matter", "It does not matter", "doesn't matter", "no feeling",
        "I have no feeling about it", "no preference", "no opinion",
        "This would not affect me",
        "我持中立态度", "持中立态度", "中立", "无所谓", "我无所谓", "都可以", "没感觉", "没有感觉",
        "一般", "无差异", "不在乎", "我不在乎",
    ),
    LIVE_WITH: (
        "I can live with it", "I can live with it that way", "I can live with it this way",
        "live with it", "live with", "can live with it", "I can tolerate it", "I tolerate it",
        "tolerate it", "tolerate", "tolerable", "I can accept it",
        "I can accept it to be that way", "I reluctantly accept it", "reluctantly accept it",
        "I barely accept it", "I can put up with it", "acceptable", "I accept it",
        "This would be a minor inconvenience",
        "我可以忍受", "可以忍受", "能忍受", "我能忍受", "忍受", "勉强接受", "勉强可以接受",
        "勉强能接受", "可以接受", "能接受", "还能接受", "我能接受",
    ),
    DISLIKE: (
        "I dislike it", "I dislike it that way", "I dislike it this way", "dislike",
        "dislike it", "I don't like it", "I do not like it", "do not like it",
        "I don't like it that way", "I would not like it", "I wouldn't like it", "I hate it",
        "dissatisfied", "I am dissatisfied", "I would dislike it", "I really dislike it",
        "This would be a major problem for me",
        "我不喜欢", "不喜欢", "我很不喜欢", "很不喜欢", "我非常不喜欢", "非常不喜欢", "不满意",
        "讨厌", "我讨厌",
    ),
}  # fmt: skip

# The numeric codes: standard (1 like … 5 dislike), reversed (SPSSAU's 1 dislike … 5 like),
# and the 3-point short form (like / neutral / dislike) mapped onto the 5-point codes.
_NUMBERS = {
    ("standard", 5): {1: LIKE, 2: MUST_BE, 3: NEUTRAL, 4: LIVE_WITH, 5: DISLIKE},
    ("reversed", 5): {1: DISLIKE, 2: LIVE_WITH, 3: NEUTRAL, 4: MUST_BE, 5: LIKE},
    ("standard", 3): {1: LIKE, 2: NEUTRAL, 3: DISLIKE},
    ("reversed", 3): {1: DISLIKE, 2: NEUTRAL, 3: LIKE},
}


def _builtin(codes: str, scale: int) -> Note:
    """What the built-in map reads, for the Method sheet (catalogue ``note.coding_*``)."""
    return Note("answers_builtin", {"coding": Note(f"coding_{codes}_{scale}")})


CODINGS = ("standard", "reversed")

# An option's position written before its wording: 1) 1. 1、 1: 1 - (1), A. A) a、 (a), and
# ①-⑤ (made "1)" above). Stripped only when a word follows, so "2.5" and "-1" stay numbers;
# a number and a space alone ("1 分") is not an enumerator: the number may be the answer.
_ENUMERATOR = re.compile(
    r"^(?:\(\s*(?:\d{1,2}|[a-e])\s*\)|\d{1,2}\s*[.)\u3001:\-]|[a-e]\s*[.)\u3001:])\s*"
)


def normalize_label(text: str) -> str:
    """Normalise an answer text for matching.

    NFKC folds full-width letters, digits and punctuation to ASCII; apostrophe
    look-alikes (’ ‘ ` ´ ʼ) become ``'``; invisible characters are dropped; case
    is folded; runs of whitespace become one space; quotes around the text and
    trailing punctuation are dropped; and a leading enumerator (``1)``, ``1.``,
    ``1、``, ``1:``, ``(1)``, ``1 -``, ``A.``, ``a)``, ``①`` …) is removed when a wording
    follows it, because the wording, not the option's position, decides the code.

    Parameters
    ----------
    text:
        The cell text or answer-map key.

    Returns
    -------
    The normalised text; a bare number stays a number (``"1."`` → ``"1"``).
    """
    text = normalize_text(text)
    match = _ENUMERATOR.match(text)
    if match and any(ch.isalpha() for ch in text[match.end() :]):
        text = strip_ends(text[match.end() :])
    return text


def _build_labels() -> dict[str, int]:
    """The built-in wordings, normalised; a wording listed under two codes is a bug."""
    labels: dict[str, int] = {}
    for code, words in _SYNONYMS.items():
        for word in words:
            for form in {word, traditional(word)}:
                key = normalize_label(form)
                if labels.setdefault(key, code) != code:
                    raise AssertionError(f"built-in wording {form!r} is listed under two codes")
    return labels


_LABELS = _build_labels()
_MISSING_KEYS = {normalize_label(w) for w in MISSING_WORDS}


def _number(text: str) -> float | None:
    """``text`` as a number, or ``None`` (NaN text is not a number: it is an unknown value)."""
    try:
        number = float(text)
    except ValueError:
        return None
    return None if math.isnan(number) else number


@dataclass(frozen=True)
class AnswerMap:
    """How raw cell values become codes.

    ``labels`` maps normalised text to a code (1-5, or 0 for missing);
    ``numbers`` maps numeric values to codes. The defaults are the source
    questionnaire's codes 1-5 and the built-in wordings; build other maps with
    :func:`answer_map` (reversed codes, 3-point scale, a user map on top).
    """

    labels: Mapping[str, int] = field(default_factory=lambda: dict(_LABELS))
    numbers: Mapping[float, int] = field(
        default_factory=lambda: {float(k): v for k, v in _NUMBERS[("standard", 5)].items()}
    )
    description: Note = field(default_factory=lambda: _builtin("standard", 5))

    def lookup(self, value: object) -> tuple[int, bool]:
        """Code of one distinct raw value, and whether it was matched as text (a synonym)."""
        if value is None:
            return MISSING, False
        if isinstance(value, bool | np.bool_):
            return INVALID, False  # TRUE/FALSE cells are not answers (and never the code 1/0)
        if isinstance(value, int | float | np.integer | np.floating):
            number = float(value)
            if math.isnan(number):
                return MISSING, False
            return self.numbers.get(number, INVALID), False
        if not isinstance(value, str):
            return INVALID, False  # dates, times and other objects are never answers
        raw = value.strip()
        if not raw or raw in MISSING_WORDS:
            return MISSING, False
        key = normalize_label(raw)
        if key in self.labels:
            return self.labels[key], True
        if key in _MISSING_KEYS:
            return MISSING, False
        number = _number(key)
        if number is not None:
            return self.numbers.get(number, INVALID), False
        return INVALID, False


def answer_key(value: object) -> tuple:
    """The identity of a raw value as an answer map sees it.

    Two cells with the same key are the same answer: text is compared after
    :func:`normalize_label`, numbers by value (``6``, ``6.0`` and ``"6"`` alike),
    booleans apart from the numbers 1 and 0, and the text TRUE/FALSE of a CSV (Excel's
    boolean cells saved as text) as booleans.
    """
    if isinstance(value, bool | np.bool_):
        return ("bool", bool(value))
    if isinstance(value, int | float | np.integer | np.floating):
        return ("number", float(value))
    if isinstance(value, str):
        text = normalize_label(value)
        if text in ("true", "false"):
            return ("bool", text == "true")
        number = _number(text)
        return ("number", number) if number is not None else ("text", text)
    return ("other", type(value).__name__, str(value))


def answer_map(
    codes: str = "standard", scale: int = 5, extra: str | os.PathLike | None = None
) -> AnswerMap:
    """Build the answer map of a survey.

    Parameters
    ----------
    codes:
        ``standard`` (1 like, 2 must-be, 3 neutral, 4 live with, 5 dislike, the
        source questionnaire's order) or ``reversed`` (SPSSAU's 1 dislike … 5 like;
        with ``scale=3``: 1 dislike, 2 neutral, 3 like). Text wordings are read the
        same either way.
    scale:
        5, or 3 for the short form like / neutral / dislike (codes 1, 3, 5 of the full scale).
    extra:
        A user answer map (YAML or CSV) that extends the built-ins: see :func:`load_answer_map`.

    Returns
    -------
    The :class:`AnswerMap`; its ``description`` (a :class:`~kano.shared.records.Note`) is
    written to the Method sheet.
    """
    if codes not in CODINGS:
        raise OptionError(f"{{opt:codes}} must be standard or reversed, not {codes!r}")
    if scale not in (3, 5):
        raise OptionError(f"{{opt:points}} must be 5 or 3, not {scale}")
    base = AnswerMap(
        numbers={float(k): v for k, v in _NUMBERS[(codes, scale)].items()},
        description=_builtin(codes, scale),
    )
    return load_answer_map(extra, base) if extra is not None else base


def three_point_map() -> AnswerMap:
    """Answer map of the 3-point short form coded 1 like, 2 neutral, 3 dislike."""
    return answer_map(scale=3)


def load_answer_map(path: str | os.PathLike, base: AnswerMap | None = None) -> AnswerMap:
    """Read a user answer map (YAML mapping or CSV with columns answer,code) on top of ``base``.

    Codes may be 1-5, the names like / must-be / expect / neutral / live-with /
    dislike, or ``missing``. Keys that are numbers re-code numeric answers
    (e.g. ``6: dislike``); text keys add wordings. The map extends ``base`` (the
    built-in map by default): user entries override built-ins with the same key,
    everything else is kept.

    Raises
    ------
    MappingFileError
        Missing or unreadable file; a code that is not one of the above; two keys
        that are the same answer after :func:`normalize_label` (or a YAML key given
        twice); more than ``kano.shared.mapfiles.MAX_ALIASES`` YAML aliases; a YAML tag that is not
        plain data.
    """
    path = Path(path)
    base = base or AnswerMap()
    entries = read_pairs(path, ("answer", "code"), "answer map")
    labels = dict(base.labels)
    numbers = dict(base.numbers)
    seen: dict[tuple, tuple[object, int]] = {}
    for key, target, line in entries:
        code = _target_code(target)
        if code is None:
            raise MappingFileError(
                f"{path}: line {line} ({key!r}: {target!r}): the code must be 1-5, "
                "like/must-be/neutral/live-with/dislike, or missing"
            )
        number = _as_number(key)
        slot = ("number", number) if number is not None else ("text", normalize_label(str(key)))
        if slot in seen:
            first_key, first_line = seen[slot]
            what = (
                f"the key {key!r} is given twice"
                if type(first_key) is type(key) and first_key == key
                else f"{first_key!r} and {key!r} are the same answer once case, width, "
                "punctuation and numbering are ignored"
            )
            raise MappingFileError(
                f"{path}: lines {first_line} and {line}: {what}; keep one of them"
            )
        seen[slot] = (key, line)
        if number is not None:
            numbers[number] = code
        else:
            labels[slot[1]] = code
    return AnswerMap(
        labels=labels,
        numbers=numbers,
        description=Note("answers_extended", {"base": base.description, "file": path.name}),
    )


def _target_code(target: object) -> int | None:
    number = _as_number(target)
    if number is not None:
        return int(number) if number in {1.0, 2.0, 3.0, 4.0, 5.0} else None
    if not isinstance(target, str):
        return None
    text = normalize_label(target).replace("_", "-").replace(" ", "-")
    if text in {"missing", "blank", "na", "skip"}:
        return MISSING
    return ANSWER_KEYS.get(text)


def _as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if math.isnan(value) else float(value)
    return _number(normalize_label(str(value)))


# --- unknown wordings: a suggested answer map ---------------------------------------------

# Key words of each answer, tried in this order; each pattern carries its own negation
# ("don't like", 不喜欢 are dislike before "like", 喜欢 are like). English patterns are
# regular expressions on the normalised text, Chinese ones substrings (simplified and
# traditional).
_GUESS_RULES: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (DISLIKE,
     r"\bdislike|\b(?:don't|do not|doesn't|does not|not|wouldn't|would not)(?: really)? "
     r"(?:like|love)\b"
     r"|\bhate|\bunhapp|\bdissatisf|\bunacceptab|\b(?:can't|cannot|can not|not) "
     r"(?:accept|tolerate|stand|bear|live with)|\bmajor problem|\bannoy",
     ("不喜欢", "不太喜欢", "不爱", "讨厌", "反感", "不满", "厌恶", "不能接受", "无法接受", "不接受",
      "不可接受", "受不了", "不能忍受", "无法忍受", "忍受不了")),
    (NEUTRAL,
     r"\bneutral|\bindifferen|\b(?:don't|do not|doesn't|does not) (?:care|matter)"
     r"|\bno (?:feeling|opinion|preference|difference)|\bwhatever|\beither way"
     r"|\bnot affect",
     ("无所谓", "中立", "一般", "都行", "都可以", "没感觉", "没有感觉", "不在乎", "无差异",
      "无感", "没关系")),
    (LIVE_WITH,
     r"\btolera|\blive with|\bput up with|\baccept|\bbearable|\bminor inconvenience",
     ("忍受", "接受", "凑合", "将就", "还行", "勉强")),
    (MUST_BE,
     r"\bmust\b|\bexpect|\bshould\b|\bof course|\bobvious|\bnatural|\bbasic|\bnecessar"
     r"|\bgranted|\brequire|\bessential",
     ("应该", "理应", "理所当然", "理所应当", "必须", "必备", "必需", "本该", "本应", "当然",
      "必要", "应当")),
    (LIKE,
     r"\b(?:like|likes|liked|love|loves|loved)\b|\benjoy|\bdelight|\bpleas|\bgreat\b|\bhappy"
     r"|\bsatisf|\bglad|\bexcit|\bwonderful|\bhelpful",
     ("喜欢", "爱", "满意", "开心", "高兴", "惊喜", "很棒", "太好")),
)  # fmt: skip
_GUESSES = tuple(
    (code, re.compile(en), tuple(dict.fromkeys(w for z in zh for w in (z, traditional(z)))))
    for code, en, zh in _GUESS_RULES
)  # fmt: skip
# A negation outside the matched key word makes the guess unsafe ("I would not expect it").
_NEGATION = re.compile(r"\b(?:not|no|never|cannot|without)\b|n't\b|[不没沒无無非别別未]")
_INTENSIFIERS = re.compile(r"非常|十分|特别|特別|\b(?:very|really|quite|so)\b")


def guess_answer_code(text: str) -> int | None:
    """A guess of the code of an answer wording from key words (English and Chinese).

    The rules are tried dislike, neutral, live with, must-be, like; a rule's key
    words include their own negation (``don't like`` and 不喜欢 are dislike). A
    negation elsewhere in the text gives no guess. Returns ``None`` when no rule
    applies. Only for :func:`suggest_answer_map`: a guess is never used to classify.
    """
    key = " ".join(_INTENSIFIERS.sub(" ", normalize_label(text)).split())
    for code, english, chinese in _GUESSES:
        match = english.search(key)
        if match:
            rest = key[: match.start()] + " " + key[match.end() :]
        else:
            word = next((w for w in chinese if w in key), None)
            if word is None:
                continue
            rest = key.replace(word, " ", 1)
        return None if _NEGATION.search(rest) else code
    return None


def text_wordings(wordings: Iterable[UnknownWording]) -> list[UnknownWording]:
    """The unknown wordings that are text (not numbers, dates or TRUE/FALSE): those a map can name."""
    return [w for w in wordings if isinstance(w.value, str) and answer_key(w.value)[0] == "text"]


# --- encoding columns ---------------------------------------------------------------------


@dataclass(frozen=True)
class EncodedColumn:
    """Codes of one column (uint8: 0 missing, 1-5 answers, 255 invalid) and its synonym use.

    ``unknown`` lists each distinct invalid value once as ``(value, count, first
    position)``, by first position.
    """

    codes: np.ndarray
    synonyms: dict[tuple[str, int], int]
    unknown: tuple[tuple[object, int, int], ...] = ()


def encode_column(values: pd.Series, answer_map: AnswerMap) -> EncodedColumn:
    """Encode a column of raw answers; each distinct value is looked up once."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        array = values.to_numpy(dtype=float, na_value=np.nan)
        uniques, first, inverse = np.unique(array, return_index=True, return_inverse=True)
        table = np.array([answer_map.lookup(float(u))[0] for u in uniques], dtype=np.uint8)
        codes = table[inverse] if len(uniques) else np.zeros(0, np.uint8)
        whole = pd.api.types.is_integer_dtype(values.dtype)
        shown = [int(u) if whole and float(u).is_integer() else float(u) for u in uniques]
        counts = np.bincount(inverse, minlength=len(uniques))
        return EncodedColumn(
            codes=codes, synonyms={}, unknown=_unknown(table, shown, counts, first)
        )
    labels, uniques = factorize_cells(values)  # TRUE is not the answer 1
    looked = [answer_map.lookup(u) for u in uniques]
    table = np.array([code for code, _ in looked] + [MISSING], dtype=np.uint8)
    codes = table[labels]  # the sentinel -1 picks the trailing MISSING
    valid = labels >= 0
    counts = np.bincount(labels[valid], minlength=len(uniques))
    synonyms: dict[tuple[str, int], int] = {}
    for k, (code, matched) in enumerate(looked):
        if matched and counts[k]:
            synonyms[(str(uniques[k]), code)] = int(counts[k])
    unknown: tuple[tuple[object, int, int], ...] = ()
    if (table[:-1] == INVALID).any():
        first = np.full(len(uniques), len(labels), dtype=np.int64)
        np.minimum.at(first, labels[valid], np.flatnonzero(valid))
        unknown = _unknown(table[:-1], uniques, counts, first)
    return EncodedColumn(codes=codes, synonyms=synonyms, unknown=unknown)


def _unknown(table, uniques, counts, first) -> tuple[tuple[object, int, int], ...]:
    bad = [k for k in np.flatnonzero(table == INVALID) if counts[k]]
    return tuple(
        (uniques[k], int(counts[k]), int(first[k])) for k in sorted(bad, key=lambda k: first[k])
    )
