"""Survey exports written in the platforms' real layouts, for tests.

Every builder follows ``../shared/export-formats.md`` (section given in its
docstring, with the sources named there) and writes the canonical survey of
``tests/conftest.py``: eight respondents, two services whose category counts
are known by hand. Nothing here imports the toolkit: the files are written with
Python's csv module, openpyxl and pyreadstat, byte for byte as the platform
would, so a reader that passes these tests reads the real layout, not a layout
made to fit it.

Hotline  (functional, dysfunctional) per respondent 1-8:
  (1,5) O  (1,5) O  (1,3) A  (2,5) M  (3,3) I  (5,1) R  (1,1) Q  blank
  -> A=1 O=2 M=1 I=1 R=1 Q=1, n=7, one missing pair
Lounge:
  (1,4) A  (1,2) A  (1,3) A  (4,5) M  (2,2) I  (3,4) I  (4,1) R  (5,5) Q
  -> A=3 O=0 M=1 I=2 R=1 Q=1, n=8
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path

PAIRS = {
    "Hotline": [(1, 5), (1, 5), (1, 3), (2, 5), (3, 3), (5, 1), (1, 1), None],
    "Lounge": [(1, 4), (1, 2), (1, 3), (4, 5), (2, 2), (3, 4), (4, 1), (5, 5)],
}
COUNTS = {
    "Hotline": {"A": 1, "O": 2, "M": 1, "I": 1, "R": 1, "Q": 1},
    "Lounge": {"A": 3, "O": 0, "M": 1, "I": 2, "R": 1, "Q": 1},
}
N_MISSING = {"Hotline": 1, "Lounge": 0}
N = 8

# answer texts as the platforms' Kano templates write them
ZH = {1: "我喜欢", 2: "理应如此", 3: "无所谓", 4: "能忍受", 5: "我不喜欢"}
ZH_TW = {1: "我喜歡", 2: "理所當然", 3: "無所謂", 4: "能忍受", 5: "我不喜歡"}
EN = {1: "I like it", 2: "I expect it", 3: "I am neutral", 4: "I can tolerate it",
      5: "I dislike it"}  # fmt: skip
SPSSAU = {
    1: "不喜欢",
    2: "能忍受",
    3: "无所谓",
    4: "理所当然",
    5: "喜欢",
}  # 1 = dislike ... 5 = like

Rows = list[list[object]]


def answers(service: str, side: int, label: Callable[[int], object]) -> list[object]:
    """The eight answers of one side (0 functional, 1 dysfunctional); blank pairs as None."""
    return [None if p is None else label(p[side]) for p in PAIRS[service]]


def csv_bytes(rows: Rows, encoding: str = "utf-8", bom: bool = False, trailing: str = "",
              quote_all: bool = False) -> bytes:  # fmt: skip
    buf = io.StringIO()
    quoting = csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL
    writer = csv.writer(buf, lineterminator="\r\n", quoting=quoting)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    text = buf.getvalue()
    if trailing:
        text = "".join(line + trailing + "\r\n" for line in text.split("\r\n")[:-1])
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding)


def xlsx(path: Path, rows: Rows, sheet: str = "Sheet1") -> Path:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    book.save(path)
    return path


def _columns(head: Sequence[object], columns: dict[str, list[object]]) -> Rows:
    names = list(columns)
    rows: Rows = [list(head) if head else names]
    for k in range(N):
        rows.append([columns[c][k] for c in names])
    return rows


# --- 1. 问卷星: fixed leading columns, matrix rows bare after the first ---

WJX_LEADING = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
WJX_F = "7、如果提供以下服务，您的感觉是？"
WJX_D = "8、如果不提供以下服务，您的感觉是？"
WJX_SERVICES = {"Hotline": "免费客服热线", "Lounge": "上门取件"}


def wjx_rows(label: Callable[[int], object] = ZH.get, numbered: bool = True,
             customer_type: bool = True) -> Rows:  # fmt: skip
    """§1.3: ``7、题目—行1`` then bare ``行k``; the dysfunctional matrix repeats the labels."""
    f_title, d_title = (WJX_F, WJX_D) if numbered else (WJX_F[2:], WJX_D[2:])
    head: list[object] = list(WJX_LEADING)
    cols: list[list[object]] = [
        list(range(1, N + 1)),
        [f"2026/09/{3 + k // 4:02d} 12:{k:02d}:00" for k in range(N)],
        [f"{100 + 7 * k}秒" for k in range(N)],
        ["手机提交"] * N,
        ["N/A"] * N,
        [f"10.0.0.{k}(广东-深圳)" for k in range(N)],
    ]
    for side, title in ((0, f_title), (1, d_title)):
        for j, (key, name) in enumerate(WJX_SERVICES.items()):
            head.append(f"{title}—{name}" if j == 0 else name)
            cols.append(answers(key, side, label))
    if customer_type:
        head.append("9、您的客户类型" if numbered else "您的客户类型")
        cols.append(["公众客户", "商业客户"] * (N // 2))
    return [head] + [[c[k] for c in cols] for k in range(N)]


# --- 3. Qualtrics: three header rows; metadata as in qualtRics' sample.csv ---

QUALTRICS_META = ["StartDate", "EndDate", "Status", "IPAddress", "Progress",
                  "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId"]  # fmt: skip
QUALTRICS_META_LABELS = ["Anfangsdatum", "Enddatum", "Antworttyp", "IP-Adresse", "Fortschritt",
                         "Dauer (in Sekunden)", "Beendet", "Aufgezeichnetes Datum",
                         "Antwort-ID"]  # fmt: skip
QUALTRICS_IMPORT = ["startDate", "endDate", "status", "ipAddress", "progress", "duration",
                    "finished", "recordedDate", "_recordId"]  # fmt: skip
QUALTRICS_F = "If the service is provided, how do you feel?"
QUALTRICS_D = "If the service is not provided, how do you feel?"
EN_SERVICES = {"Hotline": "Free hotline", "Lounge": "Home pickup"}


def qualtrics_rows(label: Callable[[int], object] = EN.get, legacy: bool = False) -> Rows:
    """§3: row 1 export tags ``Q7_1``, row 2 ``<question> - <statement>``, row 3 ImportIds."""
    tags, texts, imports = [], [], []
    for tag, text, imp in zip(QUALTRICS_META, QUALTRICS_META_LABELS, QUALTRICS_IMPORT,
                              strict=True):  # fmt: skip
        tags.append(tag)
        texts.append(text)
        imports.append(json.dumps({"ImportId": imp}, separators=(",", ":")))
    values: list[list[object]] = [
        [f"2026-09-03 08:{k:02d}:09" for k in range(N)],
        [f"2026-09-03 08:{k:02d}:59" for k in range(N)],
        ["0"] * N,
        [f"10.1.2.{k}" for k in range(N)],
        ["100"] * N,
        [str(50 + k) for k in range(N)],
        ["1"] * N,
        [f"2026-09-03 08:{k:02d}:59" for k in range(N)],
        [f"R_{k:015d}" for k in range(N)],
    ]
    for side, (q, question) in enumerate(((7, QUALTRICS_F), (8, QUALTRICS_D))):
        for j, (key, name) in enumerate(EN_SERVICES.items(), start=1):
            tags.append(f"Q{q}_{j}")
            texts.append(f"{question} - {name}")
            imports.append(json.dumps({"ImportId": f"QID{q}", "choiceId": str(j)},
                                      separators=(",", ":")))  # fmt: skip
            values.append(answers(key, side, label))
    if legacy:  # the old export: V1, V2, ... then the texts; ResponseID first
        head = [f"V{k + 1}" for k in range(len(QUALTRICS_META))] + tags[len(QUALTRICS_META) :]
        names = ["ResponseID", "ResponseSet", "Name", "ExternalDataReference", "EmailAddress",
                 "IPAddress", "Status", "StartDate", "EndDate"]  # fmt: skip
        return [head, names + texts[len(QUALTRICS_META) :]] + [
            [v[k] for v in values] for k in range(N)
        ]
    return [tags, texts, imports] + [[v[k] for v in values] for k in range(N)]


# --- 4. SurveyMonkey: two header rows, the question above the first column only ---

SM_META = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
           "Email Address", "First Name", "Last Name", "Custom Data 1"]  # fmt: skip


def surveymonkey_rows(label: Callable[[int], object] = EN.get) -> Rows:
    """§4: row 1 ``…, <question>, , <question>,`` row 2 blank under metadata, row labels."""
    row1: list[object] = list(SM_META)
    row2: list[object] = [None] * len(SM_META)
    values: list[list[object]] = [
        [str(11400000000 + k) for k in range(N)],
        ["431000000"] * N,
        [f"09/03/2026 08:{k:02d}:09 AM" for k in range(N)],
        [f"09/03/2026 08:{k:02d}:59 AM" for k in range(N)],
        [f"10.1.2.{k}" for k in range(N)],
        [None] * N,
        [None] * N,
        [None] * N,
        [None] * N,
    ]
    for side, question in enumerate((QUALTRICS_F, QUALTRICS_D)):
        for j, (key, name) in enumerate(EN_SERVICES.items()):
            row1.append(question if j == 0 else None)
            row2.append(name)
            values.append(answers(key, side, label))
    return [row1, row2] + [[v[k] for v in values] for k in range(N)]


# --- 5. Google Forms: Timestamp first; grids "Question [Row]"; single questions ---


def google_grid_rows(label: Callable[[int], object] = EN.get) -> Rows:
    """§5: ``Question title [Row label]`` per matrix row, ``Timestamp`` first."""
    columns: dict[str, list[object]] = {"Timestamp": [f"9/8/2026 14:{k:02d}:27" for k in range(N)]}
    for side, question in enumerate(("1. How do you feel if we offer this?",
                                     "2. How do you feel if we do not offer this?")):  # fmt: skip
        for key, name in EN_SERVICES.items():
            columns[f"{question} [{name}]"] = answers(key, side, label)
    return _columns([], columns)


def google_sentence_columns(templates: Sequence[tuple[str, str]],
                            label: Callable[[int], object] = EN.get) -> Rows:  # fmt: skip
    """Interleaved single questions, one template pair per service (functional, then
    dysfunctional); the services' answers cycle through the canonical two."""
    columns: dict[str, list[object]] = {"Timestamp": [f"9/8/2026 14:{k:02d}:27" for k in range(N)]}
    keys = list(PAIRS)
    for j, (f, d) in enumerate(templates):
        key = keys[j % 2]
        columns[f] = answers(key, 0, label)
        columns[d] = answers(key, 1, label)
    return _columns([], columns)


# --- 2. 腾讯问卷: fixed leading columns, "n.题目:行", a comma at the end of every line ---

TENCENT_LEADING = ["编号", "开始答题时间", "结束答题时间", "答题时长", "地理位置国家和地区",
                   "地理位置省", "地理位置市", "自定义字段"]  # fmt: skip


def tencent_rows(label: Callable[[int], object] = ZH.get) -> Rows:
    """§2: ``3.如果提供以下服务，您的感觉是？:免费客服热线`` (the row after ':')."""
    head: list[object] = list(TENCENT_LEADING)
    cols: list[list[object]] = [
        list(range(N, 0, -1)),
        [f"02-Feb-2026 20:{k:02d}:09" for k in range(N)],
        [f"02-Feb-2026 20:{k:02d}:40" for k in range(N)],
        [str(31 + k) for k in range(N)],
        ["中国"] * N,
        ["广东"] * N,
        [""] * N,
        [""] * N,
    ]
    for side, title in (
        (0, "3.如果提供以下服务，您的感觉是？"),
        (1, "4.如果不提供以下服务，您的感觉是？"),
    ):
        for key, name in WJX_SERVICES.items():
            head.append(f"{title}:{name}")
            cols.append(answers(key, side, label))
    return [head] + [[c[k] for c in cols] for k in range(N)]


# --- SPSS .sav: variable labels and value labels (SPSSAU's coding 1 = 不喜欢 … 5 = 喜欢) ---


def write_sav(path: Path, value_labels: dict[int, str] | None = SPSSAU) -> Path:
    """Codes in SPSSAU's order with their value labels; variable labels carry the question."""
    import pandas as pd
    import pyreadstat

    reverse = {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}  # like (1) is coded 5 by SPSSAU
    data: dict[str, list[object]] = {"ID": [float(k + 1) for k in range(N)]}
    labels = {"ID": "ID"}
    for side, (q, question) in enumerate(((7, "如果提供该服务，您的感觉是？"),
                                          (8, "如果不提供该服务，您的感觉是？"))):  # fmt: skip
        for j, (key, name) in enumerate(WJX_SERVICES.items(), start=1):
            var = f"Q{q}_{j}"
            data[var] = [None if v is None else float(reverse[v])
                         for v in answers(key, side, lambda c: c)]  # fmt: skip
            labels[var] = f"{question}—{name}"
    frame = pd.DataFrame(data)
    vls = {v: {float(k): t for k, t in value_labels.items()} for v in data if v != "ID"}
    pyreadstat.write_sav(
        frame, str(path), column_labels=labels, variable_value_labels=vls if value_labels else None
    )
    return path
