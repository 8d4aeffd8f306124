"""Turning answer cells into the codes 1-5 of the source questionnaire.

Codes, in the order of the source documents: 1 like, 2 must-be / expect,
3 neutral, 4 live with, 5 dislike; 0 means missing (blank cell). Text labels are
recognised in English and in simplified and traditional Chinese, after
normalising case, whitespace, full-width characters and curly apostrophes.
Work is done once per distinct value of a column, never per respondent.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from kano.errors import MappingFileError

LIKE, MUST_BE, NEUTRAL, LIVE_WITH, DISLIKE = 1, 2, 3, 4, 5
MISSING = 0
INVALID = 255

ANSWER_KEYS = {"like": 1, "must-be": 2, "expect": 2, "neutral": 3, "live-with": 4, "dislike": 5}

# Wordings of the five answers found in the literature and in real exports.
# Keys are normalised with :func:`normalize_label` when the table is built.
_SYNONYMS: dict[int, tuple[str, ...]] = {
    LIKE: (
        "I like it",
        "I like it that way",
        "like",
        "like it",
        "I like",
        "I would like it",
        "I enjoy it",
        "I'd like it",
        "delighted",
        "satisfied",
        "I am satisfied",
        "It pleases me",
        "我喜欢",
        "喜欢",
        "我很喜欢",
        "很喜欢",
        "我喜欢这样",
        "满意",
        "我会很满意",
        "令人满意",
        "我喜歡",
        "喜歡",
        "我很喜歡",
        "很喜歡",
        "滿意",
    ),
    MUST_BE: (
        "It must be that way",
        "must be that way",
        "It must be",
        "must be",
        "must-be",
        "mustbe",
        "I expect it",
        "I expect it that way",
        "expect it",
        "expect",
        "expected",
        "I expect",
        "It should be that way",
        "should be that way",
        "It is basic",
        "basic",
        "It's a must",
        "It is necessary",
        "necessary",
        "taken for granted",
        "I take it for granted",
        "它应该是那样",
        "应该是那样",
        "它应该那样",
        "它理应如此",
        "理应如此",
        "理所当然",
        "应该的",
        "应该",
        "应该是这样",
        "应该如此",
        "必须的",
        "必须",
        "必备",
        "必需的",
        "本该如此",
        "我期望如此",
        "它應該是那樣",
        "應該是那樣",
        "理應如此",
        "理所當然",
        "應該的",
        "應該",
        "應該是這樣",
        "必須的",
        "必須",
        "本該如此",
    ),
    NEUTRAL: (
        "I am neutral",
        "I'm neutral",
        "neutral",
        "I feel neutral",
        "I don't care",
        "don't care",
        "do not care",
        "I do not care",
        "indifferent",
        "I am indifferent",
        "It doesn't matter",
        "doesn't matter",
        "no feeling",
        "no preference",
        "no opinion",
        "我持中立态度",
        "持中立态度",
        "中立",
        "无所谓",
        "我无所谓",
        "都可以",
        "没感觉",
        "没有感觉",
        "一般",
        "无差异",
        "不在乎",
        "我不在乎",
        "我持中立態度",
        "持中立態度",
        "無所謂",
        "我無所謂",
        "沒感覺",
        "沒有感覺",
        "無差異",
    ),
    LIVE_WITH: (
        "I can live with it",
        "I can live with it that way",
        "live with it",
        "live with",
        "can live with it",
        "I can tolerate it",
        "tolerate it",
        "tolerate",
        "I can accept it",
        "I can put up with it",
        "acceptable",
        "I accept it",
        "我可以忍受",
        "可以忍受",
        "能忍受",
        "我能忍受",
        "忍受",
        "勉强接受",
        "可以接受",
        "能接受",
        "还能接受",
        "我能接受",
        "勉強接受",
        "還能接受",
    ),
    DISLIKE: (
        "I dislike it",
        "I dislike it that way",
        "dislike",
        "dislike it",
        "I don't like it",
        "I do not like it",
        "I hate it",
        "dissatisfied",
        "I am dissatisfied",
        "I would dislike it",
        "我不喜欢",
        "不喜欢",
        "我很不喜欢",
        "很不喜欢",
        "不满意",
        "讨厌",
        "我讨厌",
        "我不喜歡",
        "不喜歡",
        "我很不喜歡",
        "很不喜歡",
        "不滿意",
        "討厭",
    ),
}

# Cells that survey platforms write for a skipped question (问卷星 writes "(跳过)").
MISSING_WORDS = {"(跳过)", "跳过", "(空)", "(跳過)", "跳過"}

# The 3-point short form (like / neutral / dislike) coded 1-3.
THREE_POINT = {1: LIKE, 2: NEUTRAL, 3: DISLIKE}

_PUNCT_END = re.compile(r"[\s.。!！?？,，;；]+$")
_LEADING_CODE = re.compile(r"^\(?([1-5])\)?\s*[.、:：)\]\-]?\s*(.+)$")


def normalize_label(text: str) -> str:
    """Normalise an answer or header text for matching.

    NFKC folds full-width letters and digits to ASCII; curly quotes become
    straight; case is folded; runs of whitespace become one space; trailing
    punctuation is dropped.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = " ".join(text.split()).casefold()
    return _PUNCT_END.sub("", text)


_LABELS: dict[str, int] = {
    normalize_label(word): code for code, words in _SYNONYMS.items() for word in words
}


@dataclass(frozen=True)
class AnswerMap:
    """How raw cell values become codes.

    ``labels`` maps normalised text to a code (1-5, or 0 for missing);
    ``numbers`` maps numeric values to codes. The defaults are the source
    questionnaire's codes 1-5 and the built-in wordings; a user map overrides
    both (e.g. a reversed scale ``{1: 5, 2: 4, 3: 3, 4: 2, 5: 1}``).
    """

    labels: Mapping[str, int] = field(default_factory=lambda: dict(_LABELS))
    numbers: Mapping[float, int] = field(default_factory=lambda: {float(c): c for c in range(1, 6)})
    description: str = "built-in: codes 1-5, English and Chinese wordings"

    def lookup(self, value: object) -> tuple[int, bool]:
        """Code of one distinct raw value, and whether it was matched as text (a synonym)."""
        if value is None:
            return MISSING, False
        if isinstance(value, bool | np.bool_):
            return INVALID, False
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
        try:
            number = float(key)
        except ValueError:
            number = None
        if number is not None and not math.isnan(number):
            return self.numbers.get(number, INVALID), False
        match = _LEADING_CODE.match(key)  # "1. I like it", "2、理应如此"
        if match:
            code = self.numbers.get(float(match.group(1)), INVALID)
            if self.labels.get(match.group(2)) == code:
                return code, True
        return INVALID, False


def three_point_map() -> AnswerMap:
    """Answer map of the 3-point short form coded 1 like, 2 neutral, 3 dislike."""
    return AnswerMap(
        numbers={float(k): v for k, v in THREE_POINT.items()},
        description="3-point short form: 1 like, 2 neutral, 3 dislike",
    )


def load_answer_map(path: str | Path, base: AnswerMap | None = None) -> AnswerMap:
    """Read a user answer map (YAML mapping or CSV with columns answer,code).

    Codes may be 1-5, the names like / must-be / expect / neutral / live-with /
    dislike, or ``missing``. Keys that are numbers re-code numeric answers
    (a reversed scale); text keys add wordings. User entries override built-ins.
    """
    path = Path(path)
    base = base or AnswerMap()
    if not path.exists():
        raise MappingFileError(f"{path}: answer map not found")
    try:
        if path.suffix.lower() in {".yaml", ".yml"}:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
            if not isinstance(data, dict):
                raise MappingFileError(f"{path}: expected a mapping 'answer: code' on each line")
            pairs = list(data.items())
        elif path.suffix.lower() == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if frame.shape[1] < 2:
                raise MappingFileError(f"{path}: expected two columns: answer,code")
            pairs = list(zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True))
        else:
            raise MappingFileError(f"{path}: answer map must be .yaml, .yml or .csv")
    except (yaml.YAMLError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise MappingFileError(f"{path}: cannot read the answer map ({exc})") from None
    labels = dict(base.labels)
    numbers = dict(base.numbers)
    for line, (key, target) in enumerate(pairs, start=1):
        code = _target_code(target)
        if code is None:
            raise MappingFileError(
                f"{path}: entry {line} ({key!r}: {target!r}): the code must be 1-5, "
                "like/must-be/neutral/live-with/dislike, or missing"
            )
        number = _as_number(key)
        if number is not None:
            numbers[number] = code
        else:
            labels[normalize_label(str(key))] = code
    return AnswerMap(labels=labels, numbers=numbers, description=f"user answer map {path.name}")


def _target_code(target: object) -> int | None:
    number = _as_number(target)
    if number is not None:
        return int(number) if number in {1.0, 2.0, 3.0, 4.0, 5.0} else None
    text = normalize_label(str(target)).replace("_", "-").replace(" ", "-")
    if text in {"missing", "blank", "na", "skip"}:
        return MISSING
    return ANSWER_KEYS.get(text)


def _as_number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(normalize_label(str(value)))
    except ValueError:
        return None


@dataclass(frozen=True)
class EncodedColumn:
    """Codes of one column (uint8: 0 missing, 1-5 answers, 255 invalid) and its synonym use."""

    codes: np.ndarray
    synonyms: dict[tuple[str, int], int]


def encode_column(values: pd.Series, answer_map: AnswerMap) -> EncodedColumn:
    """Encode a column of raw answers; each distinct value is looked up once."""
    if pd.api.types.is_numeric_dtype(values.dtype) and not pd.api.types.is_bool_dtype(values.dtype):
        array = values.to_numpy(dtype=float, na_value=np.nan)
        uniques, inverse = np.unique(array, return_inverse=True)  # NaNs sort last, one group each
        table = np.array([answer_map.lookup(float(u))[0] for u in uniques], dtype=np.uint8)
        return EncodedColumn(
            codes=table[inverse] if len(uniques) else np.zeros(0, np.uint8), synonyms={}
        )
    labels, uniques = pd.factorize(values, use_na_sentinel=True)
    looked = [answer_map.lookup(u) for u in uniques]
    table = np.array([code for code, _ in looked] + [MISSING], dtype=np.uint8)
    codes = table[labels]  # the sentinel -1 picks the trailing MISSING
    synonyms: dict[tuple[str, int], int] = {}
    if any(matched for _, matched in looked):
        counts = np.bincount(labels[labels >= 0], minlength=len(uniques))
        for k, (code, matched) in enumerate(looked):
            if matched:
                synonyms[(str(uniques[k]), code)] = int(counts[k])
    return EncodedColumn(codes=codes, synonyms=synonyms)
