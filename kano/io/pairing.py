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
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from kano.errors import MappingFileError, PairingError

F, D = "functional", "dysfunctional"

MAPPING_HELP = (
    "Write a mapping file (CSV with the header service,functional,dysfunctional[,importance], "
    "one line per service, e.g. 'Hotline,Q5,Q6') and pass it with --mapping"
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
_GRID_SEP = re.compile(r"^(?P<q>.+)(?:\s[-–—]\s|—|－|--|_{2,}|:\s|：)(?P<s>[^-–—－:：]+)$")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text)).replace("\u2019", "'").casefold()
    return " ".join(text.split())


@dataclass(frozen=True)
class Pairing:
    """The columns used for each service.

    ``pairs`` has one row per service with columns ``service``,
    ``functional_column``, ``dysfunctional_column``, ``importance_column``
    (may be empty) and ``found_by`` (mapping, marker, wording). ``id_column``
    is the respondent-id column or ``None``; ``unused`` lists the other columns.
    """

    pairs: pd.DataFrame
    id_column: str | None
    unused: tuple[str, ...]


def find_pairs(columns: list[str], source: str = "the table") -> Pairing:
    """Pair functional/dysfunctional columns by naming convention.

    Raises
    ------
    PairingError
        When a service has more than one candidate column on a side, when a
        column marked as one side has no partner, or when nothing pairs.
    """
    columns = [str(c) for c in columns]
    id_column = next((c for c in columns if _norm(c) in _ID_NAMES), None)
    candidates = [c for c in columns if c != id_column]
    rows: list[dict] = []
    used: set[str] = set()

    by_marker = _group_by_marker(candidates)
    _take_groups(by_marker, "marker", rows, used, source, strict=True)

    rest = [c for c in candidates if c not in used]
    by_wording = _group_by_wording(rest)
    _take_groups(by_wording, "wording", rows, used, source, strict=False)
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
    return Pairing(pairs=pairs, id_column=id_column, unused=unused)


def _marker_of(column: str) -> tuple[str, str] | None:
    text = _norm(column)
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
        text = _norm(col)
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
    text = _NUMBERING.sub("", text, count=1)
    match = _GRID_TAIL.match(text)
    if match:
        return match.group("q"), (match.group("b1") or match.group("b2")).strip()
    match = _GRID_SEP.match(text)
    if match and match.group("s").strip():
        return match.group("q"), match.group("s").strip()
    return text, None


def _side_by_wording(question: str) -> str | None:
    q = _norm(question)
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
    text = _norm(text)
    for cue in sorted(_D_CUES + _F_CUES, key=len, reverse=True):
        if cue.isascii():
            text = re.sub(rf"(?<![a-z']){re.escape(cue)}(?![a-z'])", " ", text)
        else:
            text = text.replace(cue, "")
    return " ".join(text.split())


def _group_by_wording(columns: list[str]) -> dict[str, dict[str, list[str]]]:
    """Group grid columns by service, sentences by their text without the cue words.

    The two grid questions may be worded quite differently ("如果为您提供以下服务" /
    "如果取消以下服务"), so a grid service is matched by its name alone unless it
    appears in more than one pair of grids; then the question text decides.
    """
    entries = []
    for col in columns:
        question, service = _question_parts(col)
        if any(w in _norm(question) for w in ("important", "importance", "重要")):
            continue
        side = _side_by_wording(question)
        if side is not None:
            entries.append((col, question, service, side))
    groups: dict[str, dict[str, list[str]]] = defaultdict(lambda: {F: [], D: [], "name": []})
    for col, question, service, side in entries:
        key = f"grid\x00{_norm(service)}" if service else f"text\x00{_strip_cues(question)}"
        groups[key][side].append(col)
        if not groups[key]["name"]:
            groups[key]["name"].append(service or "")
    for key in [
        k for k, g in groups.items() if k.startswith("grid") and (len(g[F]) > 1 or len(g[D]) > 1)
    ]:
        group = groups.pop(key)
        for side in (F, D):
            for col in group[side]:
                sub = f"{key}\x00{_strip_cues(_question_parts(col)[0])}"
                groups[sub][side].append(col)
                if not groups[sub]["name"]:
                    groups[sub]["name"].append(group["name"][0])
    return dict(groups)


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
    """Name services of one-question-per-service sentences by what differs between them."""
    sentence_rows = [r for r in rows if r["found_by"] == "wording" and not r["service"]]
    if not sentence_rows:
        return
    texts = [
        _NUMBERING.sub("", unicodedata.normalize("NFKC", r["functional_column"]).strip())
        for r in sentence_rows
    ]
    if len(texts) == 1:
        sentence_rows[0]["service"] = texts[0]
        return
    prefix = _word_boundary(_common_prefix(texts), texts)
    reversed_texts = [t[::-1] for t in texts]
    suffix = _word_boundary(_common_prefix(reversed_texts), reversed_texts, reverse=True)[::-1]
    for row, text in zip(sentence_rows, texts, strict=True):
        core = text[len(prefix) : len(text) - len(suffix) if suffix else None].strip(" ,，、")
        row["service"] = core or text


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
        cues = [c[::-1] if reverse else c for c in _F_CUES if not c.isascii()]
        pattern = "|".join([r"[\s,.;:!?，。；：！？、()（）—\-]", *map(re.escape, cues)])
        ends = [m.end() for m in re.finditer(pattern, prefix)]
        prefix = prefix[: ends[-1]] if ends else ""
    return prefix


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _common_prefix(texts: list[str]) -> str:
    first, last = min(texts), max(texts)
    k = 0
    while k < min(len(first), len(last)) and first[k] == last[k]:
        k += 1
    return first[:k]


def _attach_importance(rows: list[dict], columns: list[str], used: set[str]) -> None:
    by_service = {_norm(r["service"]): r for r in rows}
    for col in columns:
        text = _norm(col)
        stem = None
        for word in _IMPORTANCE_WORDS:
            for pattern in (
                rf"^(?P<stem>.+?)[\s_\-.:/|]*[\(（]?{word}[\)）]?$",
                rf"^{word}[\s_\-.:/|]*(?P<stem>.+)$",
            ):
                match = re.match(pattern, text)
                if match and _norm(match.group("stem")).strip(" _-.:/|") in by_service:
                    stem = _norm(match.group("stem")).strip(" _-.:/|")
                    break
            if stem:
                break
        if stem is None:
            question, service = _question_parts(col)
            if service and "重要" in question or service and "important" in _norm(question):
                stem = _norm(service) if _norm(service) in by_service else None
        if stem and not by_service[stem]["importance_column"]:
            by_service[stem]["importance_column"] = col
            used.add(col)


def read_mapping(path: str | Path, columns: list[str]) -> Pairing:
    """Read an explicit mapping (CSV, YAML, or the first sheet of an xlsx).

    Columns: ``service, functional, dysfunctional`` and optionally
    ``importance`` (Chinese headers 服务/正向/反向/重要性 also accepted). Every named
    column must exist in the data.
    """
    path = Path(path)
    if not path.exists():
        raise MappingFileError(f"{path}: mapping file not found")
    suffix = path.suffix.lower()
    try:
        if suffix in {".yaml", ".yml"}:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
            if isinstance(data, dict) and "services" in data:
                data = data["services"]
            if isinstance(data, dict):
                data = [
                    {"service": k, "functional": v[0], "dysfunctional": v[1],
                     "importance": v[2] if len(v) > 2 else ""}
                    for k, v in data.items()
                ]  # fmt: skip
            frame = pd.DataFrame(data)
        elif suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        elif suffix in {".xlsx", ".xlsm"}:
            from kano.io.files import check_workbook

            check_workbook(path)  # zip bombs and DTDs are refused before calamine parses
            frame = pd.read_excel(path, dtype=str, engine="calamine").fillna("")
        else:
            raise MappingFileError(f"{path}: mapping file must be .csv, .yaml or .xlsx")
    except (yaml.YAMLError, ValueError, TypeError, IndexError, pd.errors.ParserError) as exc:
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
    for line, row in enumerate(frame.itertuples(index=False), start=2):
        for kind in ("functional", "dysfunctional", "importance"):
            name = getattr(row, kind).strip()
            if name and name not in known:
                raise MappingFileError(
                    f"{path}, line {line}: the {kind} column {name!r} of service "
                    f"{row.service!r} is not in the data"
                )
    pairs = pd.DataFrame(
        {
            "service": frame["service"].str.strip(),
            "functional_column": frame["functional"].str.strip(),
            "dysfunctional_column": frame["dysfunctional"].str.strip(),
            "importance_column": frame["importance"].str.strip(),
            "found_by": "mapping",
        }
    )
    if pairs["service"].duplicated().any():
        dup = pairs.loc[pairs["service"].duplicated(), "service"].iloc[0]
        raise MappingFileError(f"{path}: service {dup!r} is listed twice")
    used = (
        set(pairs["functional_column"])
        | set(pairs["dysfunctional_column"])
        | set(pairs["importance_column"])
    )
    id_column = next((c for c in columns if _norm(c) in _ID_NAMES and c not in used), None)
    unused = tuple(c for c in columns if c not in used and c != id_column)
    return Pairing(pairs=pairs, id_column=id_column, unused=unused)
