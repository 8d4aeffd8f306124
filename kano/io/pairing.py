"""Finding the functional/dysfunctional column pair of each service in a wide table.

In order: an explicit mapping; else the naming conventions of real exports:
1. marker pairs: ``x_functional``/``x_dysfunctional``, ``x_func``/``x_dys``,
   ``x_f``/``x_d`` (as suffix or prefix), Chinese 正向/反向, 功能/非功能, 具备/不具备;
2. question wording: grid exports that put the service after the question
   (``Question - Service``, ``Question [Service]``, ``问题—服务``) and one-question-
   per-service sentences, the functional and dysfunctional question told apart
   by their wording ("if ... has / provides" vs "does not have / cancels /
   不提供 / 取消 / 没有").
Column order never matters: columns are grouped by a key, not by position.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from kano.shared.errors import MappingFileError, PairingError
from kano.shared.files import read_table
from kano.shared.mapfiles import load_yaml
from kano.shared.records import Note
from kano.shared.text import fold

F, D = "functional", "dysfunctional"

MAPPING_HELP = (
    "Write a mapping file (CSV with the header service,functional,dysfunctional[,importance], "
    "one line per service, e.g. 'Hotline,Q5,Q6') and pass it with {opt:mapping}"
)

_SEP = r"[\s_\-.:/|]+"
_LATIN_MARKERS = {
    "functional": F, "function": F, "func": F, "fun": F, "fn": F, "f": F, "pos": F,
    "positive": F,
    "dysfunctional": D, "dysfunction": D, "dysfunc": D, "dysf": D, "dys": D, "d": D,
    "neg": D, "negative": D,
}  # fmt: skip
# Markers that may be attached to the service name ("热线正向") ...
_CJK_MARKERS = {
    "正向问题": F, "正向問題": F, "正向": F,
    "反向问题": D, "反向問題": D, "反向": D, "非功能": D, "不具备": D, "不具備": D,
}  # fmt: skip
# ... and markers that need a separator or brackets, because service names end
# with them ("来电显示功能" is a service, "来电显示_功能" a functional column).
_CJK_SEPARATED = {"功能": F, "具备": F, "具備": F, "正面": F, "反面": D}
_LATIN_ALT = "|".join(sorted(_LATIN_MARKERS, key=len, reverse=True))
_CJK_ALT = "|".join(sorted(_CJK_MARKERS, key=len, reverse=True))
_CJK_SEP_ALT = "|".join(sorted(_CJK_SEPARATED, key=len, reverse=True))
_SUFFIX_LATIN = re.compile(rf"^(?P<stem>.+?){_SEP}(?P<m>{_LATIN_ALT})$")
_PREFIX_LATIN = re.compile(rf"^(?P<m>{_LATIN_ALT}){_SEP}(?P<stem>.+)$")
# "Hotline (functional)", "Hotline [dys]": whole-word markers only; a bracketed
# single letter is too likely to be part of a name.
_WORD_MARKERS = "|".join(sorted((m for m in _LATIN_MARKERS if len(m) > 1), key=len, reverse=True))
_BRACKET_LATIN = re.compile(rf"^(?P<stem>.+?)\s*[\(\[（【](?P<m>{_WORD_MARKERS})[\)\]）】]$")
_BRACKETS = r"[\(\[（【]?"
_BRACKETS_END = r"[\)\]）】]?"
_SUFFIX_CJK = re.compile(rf"^(?P<stem>.+?)[\s_\-.:/|]*{_BRACKETS}(?P<m>{_CJK_ALT}){_BRACKETS_END}$")
_PREFIX_CJK = re.compile(rf"^{_BRACKETS}(?P<m>{_CJK_ALT}){_BRACKETS_END}[\s_\-.:/|]*(?P<stem>.+)$")
_SUFFIX_CJK_SEP = re.compile(
    rf"^(?P<stem>.+?)(?:[\s_\-.:/|]+[\(\[（【]?|[\(\[（【])(?P<m>{_CJK_SEP_ALT}){_BRACKETS_END}$"
)
_PREFIX_CJK_SEP = re.compile(
    rf"^(?:[\(\[（【](?P<m1>{_CJK_SEP_ALT})[\)\]）】]|(?P<m2>{_CJK_SEP_ALT})[\s_\-.:/|]+)"
    rf"[\s_\-.:/|]*(?P<stem>.+)$"
)

# Question wording. Dysfunctional cues are checked first: "如果取消为您提供..." has both.
_D_CUES = (
    "does not have", "doesn't have", "did not have", "do not have", "don't have", "not have",
    "does not provide", "doesn't provide", "do not provide", "don't provide", "not provide",
    "not provided", "does not offer", "doesn't offer", "do not offer", "don't offer", "not offer", "not offered",
    "does not include", "doesn't include", "do not include", "don't include",
    "not include", "not available", "unavailable", "without", "cancel", "cancels",
    "cancelled", "canceled", "removed", "removes", "remove", "no longer", "lacks", "lack of",
    "were not", "was not", "is not", "are not", "isn't", "aren't", "wasn't", "weren't",
    "不提供", "未提供", "取消", "没有", "沒有", "不具备", "不具備", "不具有", "不再", "不能", "无法",
    "無法", "不支持", "不支援", "不包含", "去掉", "去除", "撤销", "撤銷", "缺少",
)  # fmt: skip
_F_CUES = (
    "has", "have", "provides", "provided", "provide", "offers", "offered", "offer",
    "includes", "included", "include", "with", "available", "is", "are", "were", "was",
    "提供", "具备", "具備", "具有", "支持", "支援", "包含", "拥有", "擁有", "有",
)  # fmt: skip
_IMPORTANCE_WORDS = ("importance", "important", "imp", "重要性", "重要程度", "重要度", "重要")
_ID_NAMES = {
    "id", "respondent", "respondent id", "respondent_id", "respondentid", "responseid",
    "response id", "response_id", "序号", "序號", "编号", "編號", "答卷编号", "答卷編號", "用户id",
    "客户编号", "客户id", "受访者", "受访者编号", "受访者id", "答卷id",
}  # fmt: skip

_NUMBERING = re.compile(
    r"^(?:q\d+(?:[_.\-]\d+)*|\d+(?:[_.\-]\d+)*)\s*[、.．:：)）\]]?\s*", re.IGNORECASE
)
_GRID_TAIL = re.compile(r"^(?P<q>.+?)\s*(?:\[(?P<b1>[^\[\]]+)\]|【(?P<b2>[^【】]+)】)$")
# 腾讯问卷 puts the row after the question mark: "如果提供以下服务，您的感觉是？:免费客服热线"
_GRID_SEP = re.compile(
    r"^(?P<q>.+)(?:\s[-–—]\s|—|－|--|_{2,}|:\s|：|(?<=\?)\s*:)(?P<s>[^-–—－:：]+)$"
)
# Alchemer puts the row first: "Free hotline:If the service is provided, how do you feel?"
_ROW_FIRST = re.compile(r"^(?P<s>[^:?]{1,80}):(?P<q>.{8,}\?)$")
# 问卷星's export of 2016-17: "第7题(免费客服热线)"
_OLD_WJX = re.compile(r"^(?P<q>第\s*\d+\s*题)\s*\((?P<s>.+)\)$")


@dataclass(frozen=True)
class Pairing:
    """The columns used for each service.

    ``pairs`` has one row per service with columns ``service``,
    ``functional_column``, ``dysfunctional_column``, ``importance_column``
    (may be empty) and ``found_by`` (mapping, marker, wording, order). ``id_column``
    is the respondent-id column or ``None``; ``unused`` lists the other columns,
    ``unpaired`` those of them that hold Kano answers; ``notes`` say which
    last-resort rule was used.
    """

    pairs: pd.DataFrame
    id_column: str | None
    unused: tuple[str, ...]
    unpaired: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()


def find_pairs(
    columns: list[str],
    source: str = "the table",
    answer_columns: Collection[str] | None = None,
) -> Pairing:
    """Pair functional/dysfunctional columns by naming convention.

    Parameters
    ----------
    columns:
        The table's headers, in file order.
    source:
        Name of the table in messages.
    answer_columns:
        Columns whose cells are all Kano answers (as the survey reader found
        them). They allow two last-resort rules that are always announced in
        ``notes``: consecutive matrix questions with the same rows and no
        wording that tells the sides apart are read functional first (the
        questionnaire's order); and they are listed in ``unpaired`` when no rule
        pairs them, so that none is left out without a word.

    Raises
    ------
    PairingError
        When a service has more than one candidate column on a side, when a
        column marked as one side has no partner, or when nothing pairs.
    """
    columns = [str(c) for c in columns]
    id_column = next((c for c in columns if fold(c) in _ID_NAMES), None)
    candidates = [c for c in columns if c != id_column]
    answers = set(answer_columns or ())
    rows: list[dict] = []
    used: set[str] = set()
    notes: list[Note] = []

    by_marker = _group_by_marker(candidates)
    _take_groups(by_marker, "marker", rows, used, source, strict=True)

    rest = [c for c in candidates if c not in used]
    grids, sentences, sideless = _split_by_wording(rest)
    _take_groups(grids, "wording", rows, used, source, strict=False)
    _pair_sentences([c for c in sentences if c not in used], rows, used, source)
    notes += _pair_blocks([e for e in sideless if e[0] not in used], answers, rows, used)
    _name_sentence_services(rows)

    if not rows:
        shown = ", ".join(repr(c) for c in columns[:12]) + (" ..." if len(columns) > 12 else "")
        raise PairingError(
            f"{source}: found no functional/dysfunctional column pairs among the columns {shown}. "
            f"Name them like 'Hotline_functional'/'Hotline_dysfunctional' or 'Hotline_正向'/"
            f"'Hotline_反向', or: {MAPPING_HELP}"
        )
    services = [r["service"] for r in rows]
    dupes = sorted({s for s in services if services.count(s) > 1})
    if dupes:
        raise PairingError(
            f"{source}: the service name(s) {', '.join(map(repr, dupes))} come out of more than "
            f"one column pair. {MAPPING_HELP}"
        )
    _attach_importance(rows, [c for c in candidates if c not in used], used)
    pairs = pd.DataFrame(
        rows,
        columns=[
            "service",
            "functional_column",
            "dysfunctional_column",
            "importance_column",
            "found_by",
        ],
    )
    unused = tuple(c for c in candidates if c not in used)
    unpaired = tuple(c for c in unused if c in answers)
    return Pairing(
        pairs=pairs, id_column=id_column, unused=unused, unpaired=unpaired, notes=tuple(notes)
    )


def _marker_of(column: str) -> tuple[str, str] | None:
    text = fold(column)
    for pattern, markers in (
        (_SUFFIX_LATIN, _LATIN_MARKERS),
        (_PREFIX_LATIN, _LATIN_MARKERS),
        (_BRACKET_LATIN, _LATIN_MARKERS),
        (_SUFFIX_CJK, _CJK_MARKERS),
        (_PREFIX_CJK, _CJK_MARKERS),
    ):
        match = pattern.match(text)
        if match:
            stem = _trim_stem(match.group("stem"))
            if stem:
                return stem, markers[match.group("m")]
    for pattern in (_SUFFIX_CJK_SEP, _PREFIX_CJK_SEP):
        match = pattern.match(text)
        if match:
            marker = next(g for g in (match.groupdict().get(k) for k in ("m", "m1", "m2")) if g)
            stem = _trim_stem(match.group("stem"))
            if stem:
                return stem, _CJK_SEPARATED[marker]
    return None


_OPEN, _CLOSE = "([（【", ")]）】"


def _trim_stem(stem: str) -> str:
    """Separators and the brackets of a marker ('Hotline (functional)') off a stem,
    but never a bracket the name itself closes ('Wi-Fi (5G)') or a leading sign
    ('-1+1' and '@SUM(A1)' stay as written)."""
    seps = " _.:/|"

    def unbalanced(text: str, ch: str, extra: str) -> bool:
        opened = sum(text.count(c) for c in _OPEN)
        closed = sum(text.count(c) for c in _CLOSE)
        return closed > opened if extra == "close" else opened > closed

    stem = stem.strip(seps)
    while stem and (
        stem[-1] in _OPEN or stem[-1] in seps + "-"
        or (stem[-1] in _CLOSE and unbalanced(stem, stem[-1], "close"))
    ):  # fmt: skip
        stem = stem[:-1]
    while stem and (
        stem[0] in _CLOSE or stem[0] in seps
        or (stem[0] in _OPEN and unbalanced(stem, stem[0], "open"))
    ):  # fmt: skip
        stem = stem[1:]
    return stem


def _group_by_marker(columns: list[str]) -> dict[str, dict[str, list[str]]]:
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: {F: [], D: [], "name": []})
    for col in columns:
        found = _marker_of(col)
        if found is None:
            continue
        stem, side = found
        groups[stem][side].append(col)
        if not groups[stem]["name"]:
            groups[stem]["name"].append(_display_stem(col, stem))
    # A single-letter marker on one side only is probably not a Kano column (e.g. "grade_d").
    return {k: g for k, g in groups.items() if g[F] and g[D] or _strong_marker(g[F] + g[D])}


def _strong_marker(cols: list[str]) -> bool:
    for col in cols:
        text = fold(col)
        if not re.search(rf"{_SEP}[fd]$|^[fd]{_SEP}", text):
            return True
    return False


def _display_stem(column: str, stem_norm: str) -> str:
    """The stem in the user's own spelling (case, width) where it can be found."""
    text = unicodedata.normalize("NFKC", column).strip()
    lowered = text.casefold()
    pos = lowered.find(stem_norm)
    if pos >= 0:
        return text[pos : pos + len(stem_norm)]
    return stem_norm


def _question_parts(column: str) -> tuple[str, str | None]:
    """(question, service) of a grid header, or (text, None) for a plain sentence."""
    text = unicodedata.normalize("NFKC", column).strip()
    match = _OLD_WJX.match(text)
    if match:
        return match.group("q"), match.group("s").strip()
    stripped = _NUMBERING.sub("", text, count=1)
    code = _GRID_TAIL.match(text)
    if code and not _GRID_TAIL.match(stripped):
        # LimeSurvey's code heading "Q7[SQ001]": the number is the whole question
        return code.group("q"), (code.group("b1") or code.group("b2")).strip()
    text = stripped
    match = _ROW_FIRST.match(text)
    if match and _side_by_wording(match.group("q")) and not _side_by_wording(match.group("s")):
        return match.group("q").strip(), match.group("s").strip()
    match = _GRID_TAIL.match(text)
    if match:
        return match.group("q"), (match.group("b1") or match.group("b2")).strip()
    match = _GRID_SEP.match(text)
    if match and match.group("s").strip():
        return match.group("q"), match.group("s").strip()
    return text, None


def _side_by_wording(question: str) -> str | None:
    q = fold(question)
    if _has_cue(q, _D_CUES):
        return D
    if _has_cue(q, _F_CUES):
        return F
    return None


def _has_cue(text: str, cues: tuple[str, ...]) -> bool:
    for cue in cues:
        if cue.isascii():
            if re.search(rf"(?<![a-z']){re.escape(cue)}(?![a-z'])", text):
                return True
        elif cue in text:
            return True
    return False


def _strip_cues(text: str) -> str:
    text = fold(text)
    for cue in sorted(_D_CUES + _F_CUES, key=len, reverse=True):
        if cue.isascii():
            text = re.sub(rf"(?<![a-z']){re.escape(cue)}(?![a-z'])", " ", text)
        else:
            text = text.replace(cue, "")
    return " ".join(text.split())


def _split_by_wording(
    columns: list[str],
) -> tuple[dict[str, dict[str, list[str]]], list[str], list[tuple[str, str, str]]]:
    """Grid columns grouped by service (side told by the question's wording), sentence
    columns (one question per service), and grid columns whose wording names no side.

    The two grid questions may be worded quite differently ("如果为您提供以下服务" /
    "如果取消以下服务"), so a grid service is matched by its name alone unless it
    appears in more than one pair of grids; then the question text decides.
    """
    entries, sentences, sideless = [], [], []
    for col in columns:
        question, service = _question_parts(col)
        if any(w in fold(question) for w in ("important", "importance", "重要")):
            continue
        if not service:
            sentences.append(col)
            continue
        side = _side_by_wording(question)
        if side is None:
            sideless.append((col, question, service))
        else:
            entries.append((col, question, service, side))
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: {F: [], D: [], "name": []})
    for col, _question, service, side in entries:
        key = f"grid\x00{fold(service)}"
        groups[key][side].append(col)
        if not groups[key]["name"]:
            groups[key]["name"].append(service)
    for key in [k for k, g in groups.items() if len(g[F]) > 1 or len(g[D]) > 1]:
        group = groups.pop(key)
        for side in (F, D):
            for col in group[side]:
                sub = f"{key}\x00{_strip_cues(_question_parts(col)[0])}"
                groups[sub][side].append(col)
                if not groups[sub]["name"]:
                    groups[sub]["name"].append(group["name"][0])
    return dict(groups), sentences, sideless


# --- one question per service: the dysfunctional sentence is the functional one negated ---
# Words that only say whether the service is there; everything else in a pair of
# sentences must be the same. Latin words are compared after a crude stemming.
_NEGATION_WORDS = (
    "not", "no", "never", "without", "cannot", "can't", "don't", "doesn't", "didn't", "isn't",
    "aren't", "wasn't", "weren't", "won't", "wouldn't", "couldn't", "shouldn't", "hasn't",
    "haven't", "hadn't", "absent", "missing", "lacking", "lacks", "lack", "unavailable",
    "removed", "remove", "cancelled", "canceled", "cancel", "excluded", "none", "longer",
)  # fmt: skip
_PRESENCE_WORDS = (
    "do", "does", "did", "is", "are", "was", "were", "be", "been", "could", "would", "will",
    "can", "should", "may", "might", "has", "have", "had", "there", "a", "an", "the", "any",
    "to", "present", "available", "provided", "provide", "provides", "offered", "offer",
    "offers", "included", "include", "includes", "with", "existed", "exist", "exists",
)  # fmt: skip
_NEGATION_ZH = ("取消", "缺少", "去掉", "去除", "撤销", "撤銷", "停止", "删除", "刪除", "不再",
                "不", "没", "沒", "未", "无", "無")  # fmt: skip
_PRESENCE_ZH = ("提供", "具备", "具備", "具有", "包含", "支持", "开通", "開通", "推出", "增加",
                "拥有", "擁有", "有", "为您", "為您", "给您", "給您")  # fmt: skip
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[\u3400-\u9fff]")


def _stem(word: str) -> str:
    if len(word) > 4 and not word.isdigit():
        for ending in ("ing", "ed", "es", "s", "e"):
            if word.endswith(ending):
                return word[: -len(ending)]
    return word


_NEG_STEMS = {_stem(w) for w in _NEGATION_WORDS}
_SIDE_STEMS = _NEG_STEMS | {_stem(w) for w in _PRESENCE_WORDS}


def _sentence_tokens(column: str) -> list[str]:
    text = fold(_NUMBERING.sub("", unicodedata.normalize("NFKC", column).strip(), count=1))
    return [_stem(t) for t in _TOKEN.findall(text)]


def _content_key(tokens: list[str]) -> str:
    latin = " ".join(t for t in tokens if t.isascii() and t not in _SIDE_STEMS)
    cjk = "".join(t for t in tokens if not t.isascii())
    for word in sorted(_NEGATION_ZH + _PRESENCE_ZH, key=len, reverse=True):
        cjk = cjk.replace(word, "")
    return f"{latin}\x00{cjk}"


def _only_side_words(tokens: list[str]) -> tuple[bool, bool]:
    """(whether the tokens hold nothing but presence/negation words, whether one negates)."""
    latin = [t for t in tokens if t.isascii()]
    cjk = "".join(t for t in tokens if not t.isascii())
    negated = any(t in _NEG_STEMS for t in latin) or any(w in cjk for w in _NEGATION_ZH)
    for word in sorted(_NEGATION_ZH + _PRESENCE_ZH, key=len, reverse=True):
        cjk = cjk.replace(word, "")
    return all(t in _SIDE_STEMS for t in latin) and not cjk, negated


def _negates(plain: list[str], negated: list[str]) -> bool:
    """Whether ``negated`` is ``plain`` with the service's presence denied ("does not have",
    "were absent", "不提供", "取消", "没有"), and nothing else changed."""
    extra_plain: list[str] = []
    extra_neg: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, plain, negated, autojunk=False).get_opcodes():
        if tag != "equal":
            extra_plain += plain[i1:i2]
            extra_neg += negated[j1:j2]
    side_p, neg_p = _only_side_words(extra_plain)
    side_n, neg_n = _only_side_words(extra_neg)
    return bool(extra_neg) and side_p and side_n and neg_n and not neg_p


def _pair_sentences(columns: list[str], rows: list[dict], used: set[str], source: str) -> None:
    """Pair one-question-per-service sentences: a sentence and the same sentence negated.

    Sentences are grouped by their words other than those saying whether the
    service is there; within a group, the negated one is the dysfunctional
    question. Sentences left over are paired by their cue words (as grids are).
    """
    tokens = {c: _sentence_tokens(c) for c in columns}
    groups: dict[str, list[str]] = defaultdict(list)
    for col in columns:
        groups[_content_key(tokens[col])].append(col)
    problems = []
    for members in groups.values():
        if len(members) < 2:
            continue
        partners = {
            d: [f for f in members if f != d and _negates(tokens[f], tokens[d])] for d in members
        }
        claimed = [f for fs in partners.values() for f in fs]
        for d, fs in partners.items():
            if not fs or d in claimed:
                continue
            if len(fs) > 1 or claimed.count(fs[0]) > 1:
                problems.append(f"functional {sorted(fs)} vs dysfunctional {[d]}")
                continue
            rows.append({"service": "", "functional_column": fs[0], "dysfunctional_column": d,
                         "importance_column": "", "found_by": "wording"})  # fmt: skip
            used.update((fs[0], d))
    if problems:
        raise PairingError(f"{source}: ambiguous pairing: {'; '.join(problems)}. {MAPPING_HELP}")
    groups_by_cue: dict[str, dict[str, list[str]]] = defaultdict(
        lambda: {F: [], D: [], "name": [""]}
    )
    for col in columns:
        if col in used:
            continue
        side = _side_by_wording(_question_parts(col)[0])
        if side is not None:
            groups_by_cue[_strip_cues(_question_parts(col)[0])][side].append(col)
    _take_groups(groups_by_cue, "wording", rows, used, source, strict=False)


def _pair_blocks(
    sideless: list[tuple[str, str, str]], answers: set[str], rows: list[dict], used: set[str]
) -> list[Note]:
    """Consecutive matrix questions with the same rows whose wording names no side
    (问卷星's old ``第7题(热线)``, LimeSurvey's ``Q7[SQ001]``): the first is taken as the
    functional question, as questionnaires ask it first. Only columns holding Kano
    answers; the rule is announced in a note."""
    blocks: dict[str, list[tuple[str, str]]] = {}
    for col, question, service in sideless:
        if col in answers:
            blocks.setdefault(fold(question), []).append((col, service))
    order = list(blocks)
    notes = []
    k = 0
    while k + 1 < len(order):
        first, second = blocks[order[k]], blocks[order[k + 1]]
        names_f = [fold(s) for _, s in first]
        names_d = [fold(s) for _, s in second]
        if len(set(names_f)) == len(names_f) and sorted(names_f) == sorted(names_d):
            by_name = {fold(s): c for c, s in second}
            for col, service in first:
                rows.append({"service": service, "functional_column": col,
                             "dysfunctional_column": by_name[fold(service)],
                             "importance_column": "", "found_by": "order"})  # fmt: skip
                used.update((col, by_name[fold(service)]))
            notes.append(Note("order_pairing", {"first": order[k], "second": order[k + 1]}))
            k += 2
        else:
            k += 1
    return notes


def _take_groups(groups, found_by, rows, used, source, strict: bool) -> None:
    # A lone marked column is an error only in a file that does use the markers.
    strict = strict and any(len(g[F]) == 1 and len(g[D]) == 1 for g in groups.values())
    problems = []
    for group in groups.values():
        fs, ds = group[F], group[D]
        if len(fs) == 1 and len(ds) == 1:
            rows.append(
                {
                    "service": group["name"][0],
                    "functional_column": fs[0],
                    "dysfunctional_column": ds[0],
                    "importance_column": "",
                    "found_by": found_by,
                }
            )
            used.update((fs[0], ds[0]))
        elif len(fs) > 1 or len(ds) > 1:
            problems.append(f"functional {fs} vs dysfunctional {ds}")
        elif strict:
            lone = (fs or ds)[0]
            side = F if fs else D
            other = D if fs else F
            problems.append(f"{lone!r} looks {side} but has no {other} partner")
    if problems:
        raise PairingError(f"{source}: ambiguous pairing: {'; '.join(problems)}. {MAPPING_HELP}")


def _name_sentence_services(rows: list[dict]) -> None:
    """Name the services of one-question-per-service sentences by what differs between them.

    Each functional sentence is compared with the one it shares the longest
    beginning and end with (sentences of several templates may be mixed, as in
    a Google form); the name is the part in between, without a leading
    article or presence word ("has", "提供", "有").
    """
    sentence_rows = [r for r in rows if r["found_by"] == "wording" and not r["service"]]
    texts = [
        _NUMBERING.sub("", unicodedata.normalize("NFKC", r["functional_column"]).strip())
        for r in sentence_rows
    ]
    for i, (row, text) in enumerate(zip(sentence_rows, texts, strict=True)):
        best, core = 0, text
        for j, other in enumerate(texts):
            if j == i or other == text:
                continue
            pair = [text, other]
            prefix = _word_boundary(_common_prefix(pair), pair)
            backwards = [text[::-1], other[::-1]]
            suffix = _word_boundary(_common_prefix(backwards), backwards, reverse=True)[::-1]
            shared = len(prefix) + len(suffix)
            # another template shares only "How …?": it says nothing about the name
            if best < shared < len(text) and shared >= min(0.4 * len(text), 8):
                best = shared
                core = text[len(prefix) : len(text) - len(suffix) if suffix else None]
        row["service"] = _strip_leading_presence(core.strip(" ,，、")) or text


def _strip_leading_presence(name: str) -> str:
    words = name.split(" ")
    while len(words) > 1 and words[0].casefold() in _PRESENCE_WORDS:
        words = words[1:]
    while len(words) > 1 and words[-1].casefold() in _PRESENCE_WORDS:
        words = words[:-1]
    name = " ".join(words)
    stripped = True
    while stripped:
        stripped = False
        for word in sorted(_PRESENCE_ZH, key=len, reverse=True):
            if name.startswith(word) and len(name) > len(word) + 1:
                name, stripped = name[len(word) :], True
    return name


def _word_boundary(prefix: str, texts: list[str], reverse: bool = False) -> str:
    """Shorten a common prefix that ends inside a word.

    Latin: back to the word's start ("Hotlin|e", "Loung|e"). Chinese has no
    spaces, so a cut inside a run of CJK characters ("积分|兑换", "话费|兑换")
    goes back to the last punctuation mark or cue word (提供, 具备 …) in it.
    ``reverse`` says the texts are reversed (for common suffixes).
    """

    def latin(ch: str) -> bool:
        return ch.isascii() and ch.isalnum()

    def inside(test) -> bool:
        return (
            bool(prefix)
            and test(prefix[-1])
            and any(len(t) > len(prefix) and test(t[len(prefix)]) for t in texts)
        )

    while inside(latin):
        prefix = prefix[:-1]
    if inside(_is_cjk):
        words = [*(c for c in _F_CUES if not c.isascii()), *_CONDITION_ZH]
        cues = [c[::-1] if reverse else c for c in words]
        pattern = "|".join([r"[\s,.;:!?，。；：！？、()（）—\-]", *map(re.escape, cues)])
        ends = [m.end() for m in re.finditer(pattern, prefix)]
        prefix = prefix[: ends[-1]] if ends else ""
    return prefix


# "if" in Chinese: a name never starts inside it
_CONDITION_ZH = ("如果", "假如", "若是", "要是", "倘若")


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    k = 0
    while k < min(len(first), len(last)) and first[k] == last[k]:
        k += 1
    return first[:k]


def _attach_importance(rows: list[dict], columns: list[str], used: set[str]) -> None:
    by_service = {fold(r["service"]): r for r in rows}
    for col in columns:
        text = fold(col)
        stem = None
        for word in _IMPORTANCE_WORDS:
            for pattern in (
                rf"^(?P<stem>.+?)[\s_\-.:/|]*[\(（]?{word}[\)）]?$",
                rf"^{word}[\s_\-.:/|]*(?P<stem>.+)$",
            ):
                match = re.match(pattern, text)
                if match and fold(match.group("stem")).strip(" _-.:/|") in by_service:
                    stem = fold(match.group("stem")).strip(" _-.:/|")
                    break
            if stem:
                break
        if stem is None:
            question, service = _question_parts(col)
            if service and "重要" in question or service and "important" in fold(question):
                stem = fold(service) if fold(service) in by_service else None
        if stem is None and ("重要" in text or "important" in text):
            # a question of its own ("How important is dark mode to you?"): the one
            # service whose name it holds
            named = [k for k in by_service if len(k) >= (2 if not k.isascii() else 4) and k in text]
            stem = named[0] if len(named) == 1 else None
        if stem and not by_service[stem]["importance_column"]:
            by_service[stem]["importance_column"] = col
            used.add(col)


def _at(place: str) -> str:
    """'on line 3' / 'in entry 2'."""
    return f"on {place}" if place.startswith("line") else f"in {place}"


def _yaml_services(data: object, path: Path) -> list[dict]:
    """The services of a YAML mapping as records: ``service: [functional, dysfunctional,
    importance?]``, ``service: {functional: …, dysfunctional: …}``, or a list of records
    with a ``service`` key (each form may sit under ``services:``)."""
    if isinstance(data, dict) and "services" in data:
        data = data["services"]
    if isinstance(data, list) and all(isinstance(r, dict) for r in data):
        return data
    if not isinstance(data, dict):
        raise MappingFileError(
            f"{path}: the mapping must list the services, one 'service: [functional, "
            f"dysfunctional]' per line. {MAPPING_HELP}"
        )
    records = []
    for service, columns in data.items():
        if isinstance(columns, dict):
            records.append({"service": service, **columns})
        elif isinstance(columns, list) and len(columns) in (2, 3):
            records.append(dict(zip(("service", "functional", "dysfunctional", "importance"),
                                    [service, *columns], strict=False)))  # fmt: skip
        else:
            raise MappingFileError(
                f"{path}: service {service!r}: give its columns as [functional, dysfunctional"
                f"(, importance)] or as functional:/dysfunctional: lines, not {columns!r}"
            )
    return records


def read_mapping(
    path: str | Path, columns: list[str], aliases: Mapping[str, str] | None = None
) -> Pairing:
    """Read an explicit mapping (CSV, YAML, or the first sheet of an xlsx).

    Columns: ``service, functional, dysfunctional`` and optionally
    ``importance`` (Chinese headers 服务/正向/反向/重要性 also accepted). Every named
    column must exist in the data, by its header or by an alias of it
    (``aliases``: a Qualtrics export tag or an SPSS variable name -> header).
    """
    path = Path(path)
    if not path.exists():
        raise MappingFileError(f"{path}: mapping file not found")
    suffix = path.suffix.lower()
    try:
        if suffix in {".yaml", ".yml"}:
            frame = pd.DataFrame(_yaml_services(load_yaml(path, "mapping file"), path))
        elif suffix in {".csv", ".xlsx", ".xlsm"}:
            # the survey reader: every encoding it knows (a GBK mapping too), workbooks checked
            # (its InputFileError names the file: a zip bomb, an undecodable text)
            raw = read_table(path).frame
            frame = raw.astype(object).where(raw.notna(), "").map(str)
        else:
            raise MappingFileError(f"{path}: mapping file must be .csv, .yaml or .xlsx")
    except (ValueError, TypeError, IndexError, pd.errors.ParserError) as exc:
        raise MappingFileError(f"{path}: cannot read the mapping ({exc}). {MAPPING_HELP}") from None
    rename = {
        "服务": "service", "服務": "service", "正向": "functional", "反向": "dysfunctional",
        "重要性": "importance", "feature": "service", "attribute": "service",
    }  # fmt: skip
    frame = frame.rename(columns=lambda c: rename.get(str(c).strip(), str(c).strip().lower()))
    missing = {"service", "functional", "dysfunctional"} - set(frame.columns)
    if missing:
        raise MappingFileError(
            f"{path}: the mapping lacks the column(s) {', '.join(sorted(missing))}. {MAPPING_HELP}"
        )
    if "importance" not in frame.columns:
        frame["importance"] = ""
    frame = frame.fillna("").astype(str)
    known = set(columns)
    aliases = dict(aliases or {})
    resolved: dict[str, list[str]] = {k: [] for k in ("functional", "dysfunctional", "importance")}
    first_use: dict[str, tuple[str, str, str]] = {}
    # a CSV or sheet has lines (header = line 1); a YAML file entries, one per service
    places = [f"line {k + 2}" if suffix != ".yaml" and suffix != ".yml" else f"entry {k + 1}"
              for k in range(len(frame))]  # fmt: skip
    first_service: dict[str, str] = {}
    for place, row in zip(places, frame.itertuples(index=False), strict=True):
        service = row.service.strip()
        if service in first_service:
            raise MappingFileError(
                f"{path}: service {service!r} is listed twice, {_at(first_service[service])} "
                f"and {_at(place)}; keep one of them"
            )
        first_service[service] = place
        for kind in ("functional", "dysfunctional", "importance"):
            name = getattr(row, kind).strip()
            if not name and kind != "importance":
                raise MappingFileError(
                    f"{path}, {place}: service {row.service!r} has no {kind} column"
                )
            header = name if name in known or not name else aliases.get(name, name)
            if header and header not in known:
                raise MappingFileError(
                    f"{path}, {place}: the {kind} column {name!r} of service "
                    f"{row.service!r} is not in the data"
                )
            if header and header in first_use:
                other_place, other_kind, other_service = first_use[header]
                if other_service == row.service:
                    raise MappingFileError(
                        f"{path}, {place}: the column {name!r} is both the {other_kind} and "
                        f"the {kind} column of {row.service!r}; each side of the question has "
                        "a column of its own"
                    )
                raise MappingFileError(
                    f"{path}, {place}: the column {name!r} is used for two services: as the "
                    f"{kind} column of {row.service!r} and, {_at(other_place)}, as the "
                    f"{other_kind} column of {other_service!r}; each answer column belongs to "
                    "one question"
                )
            if header:
                first_use[header] = (place, kind, row.service)
            resolved[kind].append(header)
    pairs = pd.DataFrame(
        {
            "service": frame["service"].str.strip(),
            "functional_column": resolved["functional"],
            "dysfunctional_column": resolved["dysfunctional"],
            "importance_column": resolved["importance"],
            "found_by": "mapping",
        }
    )
    used = (
        set(pairs["functional_column"])
        | set(pairs["dysfunctional_column"])
        | set(pairs["importance_column"])
    )
    id_column = next((c for c in columns if fold(c) in _ID_NAMES and c not in used), None)
    unused = tuple(c for c in columns if c not in used and c != id_column)
    return Pairing(pairs=pairs, id_column=id_column, unused=unused)
