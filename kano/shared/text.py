"""Text normalisation: one way for every reader to compare names and words.

Headers, service names, answer wordings and map-file keys arrive in many
spellings: full-width letters and digits, curly apostrophes, case, spaces,
question numbers (``7、``, ``Q7.``), brackets with units (``月消费(元)``) and
simplified or traditional Chinese. The functions here fold those differences
away; what a reader does with the folded text is its own business.
"""

from __future__ import annotations

import re
import unicodedata

# simplified -> traditional for every character of the built-in wordings and labels
# that differs (answers: 欢应该样…; ratings: 满较确说点; segments: 户类费网)
TRADITIONAL = str.maketrans(
    "欢应该样须无谓态强满讨厌还没觉异备这当会爱较确说点户类费网",
    "歡應該樣須無謂態強滿討厭還沒覺異備這當會愛較確說點戶類費網",
)
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_NUMBERING = re.compile(r"^\s*(?:第\s*\d+\s*题|[Qq]?\d+(?:[._]\d+)*\s*[、.．:：)）]?)\s*")
_BRACKETED = re.compile(r"[(（\[【][^)）\]】]*[)）\]】]")
_SEPARATORS = re.compile(r"[\s_\-.:/|?!()（）\[\]【】,，。？！、：；;'\"]+")


def fold(text: object) -> str:
    """NFKC (full-width to ASCII), straight apostrophes, case folded, single spaces."""
    text = unicodedata.normalize("NFKC", str(text).translate(_APOSTROPHES))
    return " ".join(text.casefold().split())


def key(text: object, drop_brackets: bool = False) -> str:
    """:func:`fold` without spaces and punctuation (and, with ``drop_brackets``,
    without bracketed parts such as units): ``"Monthly spend (CNY)"`` -> ``"monthlyspend"``."""
    text = fold(text)
    if drop_brackets:
        text = _BRACKETED.sub("", text)
    return _SEPARATORS.sub("", text)


def strip_numbering(text: str) -> str:
    """A header without its question number: ``"7、您的客户类型"`` -> ``"您的客户类型"``."""
    return _NUMBERING.sub("", str(text), count=1)


# Cells that survey platforms write for a skipped question (问卷星 writes "(跳过)" and "(空)").
MISSING_WORDS = frozenset({"(跳过)", "跳过", "(空)", "(跳過)", "跳過"})

# Applied before NFKC: apostrophe look-alikes (NFKC would turn ´ into a space and an accent)
# and circled numbers, which become the enumerator "1)" rather than a bare "1".
_BEFORE_NFKC = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"}
    | {chr(0x2460 + k): f"{k + 1})" for k in range(20)}  # ① … ⑳
    | {chr(0x2776 + k): f"{k + 1})" for k in range(10)}  # ❶ … ❿
)
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")
_QUOTES = "\"'\u201c\u201d\u00ab\u00bb\u300c\u300d\u300e\u300f\u2039\u203a"
_LEADING = re.compile(f"^[\\s{_QUOTES}]+")
_TRAILING = re.compile(f"[\\s{_QUOTES}.\u3002\u3001!?,;:]+$")


def normalize_text(text: str) -> str:
    """A cell's text for matching against known words (answers, rating labels).

    NFKC folds full-width letters, digits and punctuation to ASCII; apostrophe
    look-alikes become ``'``; invisible characters are dropped; case is folded;
    runs of whitespace become one space; quotes around the text and trailing
    punctuation are dropped.
    """
    text = _INVISIBLE.sub("", text.translate(_BEFORE_NFKC))
    text = " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return strip_ends(text)


def strip_ends(text: str) -> str:
    """``text`` without surrounding spaces and quotes and without trailing punctuation."""
    return _TRAILING.sub("", _LEADING.sub("", text))


def traditional(text: str) -> str:
    """The traditional-Chinese form of the toolkit's built-in simplified words."""
    return text.translate(TRADITIONAL)
