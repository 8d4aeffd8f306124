"""Write the example KANO survey of a Chinese telecom carrier, in three layouts.

The survey is simulated, in the spirit of source document 000 (docs/methods.md, *Source documents*): a
carrier asks about 600 of its customers how they would feel if ten services
were provided (正向问题) and if they were cancelled (反向问题), with the five
answers of the source questionnaire. Run it from anywhere::

    python examples/make_examples.py

It is seeded (``numpy.random.default_rng(SEED)``) and writes byte-identical
files on every run, beside this script:

``carrier_survey_wjx.xlsx``
    A Wenjuanxing (问卷星) "按文本" export in its real layout
    (``../shared/export-formats.md`` §1): a matrix question's first row is
    headed ``5、如果为您提供以下服务，您的感觉是？—10000/1860免费客服热线`` and its
    other rows by their bare labels (``专属客户经理``, ``营业厅VIP休息室`` …), so the
    functional and dysfunctional matrices repeat the same headers; answers as the option
    texts (the functional grid uses 我喜欢/理应如此/无所谓/能忍受/我不喜欢, the
    dysfunctional grid the other common wording 我喜欢/它应该是那样/我持中立态度/
    我可以忍受/我不喜欢), unanswered cells written ``(空)`` as 问卷星 does, an
    importance grid (question 7) for five services, the platform's own columns
    (序号, 提交答卷时间, 所用时间, 来源, 来自IP) and CRM fields merged in
    (客户类型, 月消费(元), 在网时长(月), 地区).
``carrier_survey_codes.csv``
    The same respondents as an English UTF-8 CSV with codes 1-5:
    ``respondent_id, segment, monthly_spend, tenure_months, region,
    hotline_functional, hotline_dysfunctional, ..., hotline_importance``.
``carrier_survey_long.csv``
    Six of the services in the long layout (one row per respondent and
    service: ``respondent, segment, service, functional, dysfunctional,
    importance``) with English answer texts, including the variants
    "I expect it" and "I can tolerate it".

All three files hold the same answers (the 2026Q3 wave), so they give
identical summaries for the services they share. Three more files show the
other platforms' real layouts with the first 150 respondents:

``carrier_survey_wjx_codes.csv``
    问卷星's "按序号" download: the same headers, option numbers 1-5, GBK.
``carrier_survey_qualtrics.csv``
    A Qualtrics export (§3): three header rows (export tags ``Q5_1``, question
    texts ``<question> - <service>``, ImportIds), choice texts "I like it" …
    "I tolerate it".
``carrier_survey_google_forms.csv``
    A Google Forms download (§5): ``Timestamp``, then one question per service,
    functional and dysfunctional interleaved ("How would you feel if …?" /
    "How would you feel if … not …?").

``carrier_survey_2026Q2_wjx.xlsx``
    The previous quarter, same layout, other respondents (``PREVIOUS_SEED``),
    with the category mixes of ``MIX_PREVIOUS``: `kano compare` and
    `kano report --previous` find the migrations towards must-be/one-dimensional.

What there is to find (the "true" category mix of each service differs by
segment, see ``MIX``):

* 专属客户经理 (dedicated account manager): must-be for key accounts (大客户),
  attractive for business customers, indifferent-to-attractive for the public.
* 营业厅VIP休息室 (VIP lounge): one-dimensional/attractive for key accounts,
  indifferent for the public.
* 10000/1860免费客服热线 and 来电显示 (caller ID): must-be in every segment.
* 24小时宽带抢修 (24-hour broadband repair): must-be for key accounts,
  one-dimensional for business and public customers.
* 月度账单短信 (monthly bill SMS): must-be for key accounts and business,
  indifferent for the public, with a visible share of reverse answers
  (people who do not want the SMS).
* 积分兑换 (points redemption): attractive for the public and business;
  customers with more than 36 months' tenure lean one-dimensional.
* 漫游流量包 (roaming data pack), 网上营业厅APP (self-service app),
  异地补换卡 (cross-province SIM replacement): mixed, differing by segment.

About 2% of answer cells are blank; importance (1-5) is asked for five services.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

SEED = 20240315
N_RESPONDENTS = 600
BLANK_RATE = 0.02
HERE = Path(__file__).resolve().parent

CATS = ("A", "O", "M", "I", "R", "Q")

# key, Chinese name, English name, asked for importance
SERVICES = [
    ("hotline", "10000/1860免费客服热线", "Free 10000/1860 hotline", True),
    ("account_manager", "专属客户经理", "Dedicated account manager", True),
    ("vip_lounge", "营业厅VIP休息室", "VIP lounge in business halls", False),
    ("sim_replacement", "异地补换卡", "Cross-province SIM replacement", False),
    ("points_redemption", "积分兑换", "Points redemption", False),
    ("broadband_repair", "24小时宽带抢修", "24-hour broadband repair", True),
    ("bill_sms", "月度账单短信", "Monthly bill SMS", False),
    ("caller_id", "来电显示", "Caller ID", False),
    ("roaming_pack", "漫游流量包", "Roaming data pack", True),
    ("self_service_app", "网上营业厅APP", "Online self-service app", True),
]
LONG_SERVICES = [
    "hotline",
    "account_manager",
    "vip_lounge",
    "broadband_repair",
    "bill_sms",
    "self_service_app",
]

SEGMENTS = {  # key: (Chinese, English, share of respondents)
    "key": ("大客户", "key account", 0.15),
    "business": ("商业客户", "business", 0.25),
    "public": ("公众客户", "public", 0.60),
}

# True category mix (A, O, M, I, R, Q weights; normalised below) per service and segment.
MIX = {
    "hotline": {
        "key": (5, 25, 58, 8, 1, 3),
        "business": (6, 28, 52, 10, 1, 3),
        "public": (8, 22, 48, 18, 1, 3),
    },
    "account_manager": {
        "key": (8, 24, 55, 10, 1, 2),
        "business": (40, 25, 12, 19, 2, 2),
        "public": (36, 6, 3, 49, 4, 2),
    },
    "vip_lounge": {
        "key": (30, 36, 18, 13, 1, 2),
        "business": (42, 14, 6, 34, 2, 2),
        "public": (26, 4, 2, 60, 6, 2),
    },
    "sim_replacement": {
        "key": (10, 30, 45, 12, 1, 2),
        "business": (16, 34, 30, 17, 1, 2),
        "public": (30, 10, 18, 38, 2, 2),
    },
    "points_redemption": {
        "key": (24, 12, 4, 55, 3, 2),
        "business": (40, 14, 4, 38, 2, 2),
        "public": (48, 20, 6, 22, 2, 2),
    },
    "broadband_repair": {
        "key": (6, 36, 48, 8, 1, 1),
        "business": (8, 50, 32, 8, 1, 1),
        "public": (12, 44, 26, 15, 1, 2),
    },
    "bill_sms": {
        "key": (4, 16, 45, 31, 2, 2),
        "business": (5, 14, 46, 30, 3, 2),
        "public": (6, 8, 22, 48, 14, 2),
    },
    "caller_id": {
        "key": (3, 14, 66, 14, 1, 2),
        "business": (3, 16, 62, 16, 1, 2),
        "public": (5, 15, 58, 19, 1, 2),
    },
    "roaming_pack": {
        "key": (26, 48, 14, 9, 1, 2),
        "business": (32, 36, 10, 19, 1, 2),
        "public": (42, 12, 4, 38, 2, 2),
    },
    "self_service_app": {
        "key": (30, 10, 4, 52, 2, 2),
        "business": (30, 38, 14, 15, 1, 2),
        "public": (40, 32, 10, 15, 1, 2),
    },
}
# Long-tenure customers (> 36 months) see points redemption as one-dimensional more often.
LOYAL_POINTS_SHIFT = np.array([-12, 16, 4, -8, 0, 0])

# (functional, dysfunctional) cells of the source evaluation table for each
# category, with the weights with which real respondents tend to pick them.
CELLS = {
    "A": [((1, 2), 1), ((1, 3), 4), ((1, 4), 3)],
    "O": [((1, 5), 1)],
    "M": [((2, 5), 3), ((3, 5), 3), ((4, 5), 2)],
    "I": [((3, 3), 5), ((2, 3), 1), ((3, 4), 2), ((4, 4), 1), ((2, 2), 1), ((2, 4), 1),
          ((3, 2), 1), ((4, 3), 1), ((4, 2), 1)],
    "R": [((5, 1), 2), ((5, 3), 2), ((4, 1), 1), ((3, 1), 1), ((5, 2), 1), ((5, 4), 1)],
    "Q": [((1, 1), 2), ((5, 5), 1)],
}  # fmt: skip
IMPORTANCE_MEAN = {"A": 3.3, "O": 4.3, "M": 4.5, "I": 2.6, "R": 2.0, "Q": 3.0}

# Option texts of the two 问卷星 grids (code 1..5) and of the long file.
WJX_FUNCTIONAL = ("我喜欢", "理应如此", "无所谓", "能忍受", "我不喜欢")
WJX_DYSFUNCTIONAL = ("我喜欢", "它应该是那样", "我持中立态度", "我可以忍受", "我不喜欢")
WJX_BLANK = "(空)"
EN_ANSWERS = ("I like it", "I expect it", "I am neutral", "I can tolerate it", "I dislike it")

REGIONS = {  # Chinese province: (English, a city for the 来自IP column, IP prefix)
    "广东": ("Guangdong", "广州", "113.108"),
    "北京": ("Beijing", "北京", "123.112"),
    "上海": ("Shanghai", "上海", "116.226"),
    "江苏": ("Jiangsu", "南京", "180.111"),
    "浙江": ("Zhejiang", "杭州", "115.236"),
    "四川": ("Sichuan", "成都", "171.221"),
    "湖北": ("Hubei", "武汉", "111.175"),
    "山东": ("Shandong", "济南", "119.164"),
    "河南": ("Henan", "郑州", "123.161"),
    "福建": ("Fujian", "福州", "117.29"),
}
REGION_WEIGHTS = np.array([18, 10, 10, 11, 10, 9, 8, 9, 8, 7], dtype=float)

WJX_F_Q = "5、如果为您提供以下服务，您的感觉是？—"
WJX_D_Q = "6、如果取消以下服务，您的感觉是？—"
WJX_IMP_Q = "7、您认为以下服务的重要程度—"
N_OTHER_LAYOUTS = 150  # respondents in the Qualtrics, Google Forms and 按序号 examples
QUALTRICS_ANSWERS = ("I like it", "I expect it", "I am neutral", "I tolerate it", "I dislike it")
QUALTRICS_F = "If the following service is provided, how do you feel?"
QUALTRICS_D = "If the following service is not provided, how do you feel?"
FIXED_TIME = dt.datetime(2024, 3, 31, 18, 0, 0)


# The previous quarter (2026Q2) for wave tracking: the self-service app and the
# roaming pack were still mostly attractive to the public, and the account
# manager less of a must-be for key accounts: the life cycle Kano described
# (attractive qualities become expected) shows up as migrations in 2026Q3.
MIX_PREVIOUS = {
    **MIX,
    "self_service_app": {**MIX["self_service_app"], "public": (62, 12, 4, 18, 2, 2),
                         "business": (48, 22, 8, 19, 1, 2)},
    "roaming_pack": {**MIX["roaming_pack"], "public": (58, 6, 2, 30, 2, 2)},
    "account_manager": {**MIX["account_manager"], "key": (30, 30, 25, 11, 2, 2)},
}  # fmt: skip
PREVIOUS_SEED = SEED + 1


def simulate(rng: np.random.Generator, mix: dict | None = None) -> dict:
    """Respondents, their segment fields and answer codes (0 = blank)."""
    mix = mix or MIX
    n = N_RESPONDENTS
    seg_keys = list(SEGMENTS)
    shares = np.array([SEGMENTS[k][2] for k in seg_keys])
    segment = rng.choice(len(seg_keys), size=n, p=shares / shares.sum())
    seg = np.array(seg_keys)[segment]

    spend = np.empty(n)
    is_key, is_bus, is_pub = seg == "key", seg == "business", seg == "public"
    spend[is_key] = _lognormal(rng, 4500, 0.45, 3001, 30000, is_key.sum())
    spend[is_bus] = _lognormal(rng, 850, 0.7, 150, 2999, is_bus.sum())
    spend[is_pub] = _lognormal(rng, 110, 0.6, 18, 2999, is_pub.sum())
    spend = np.round(spend, 0).astype(int)

    tenure_scale = np.where(is_key, 60, np.where(is_bus, 42, 30))
    tenure = np.clip(np.round(rng.gamma(1.6, tenure_scale / 1.6)), 1, 240).astype(int)

    region_names = list(REGIONS)
    region = np.array(region_names)[
        rng.choice(len(region_names), size=n, p=REGION_WEIGHTS / REGION_WEIGHTS.sum())
    ]

    n_serv = len(SERVICES)
    categories = np.empty((n, n_serv), dtype="<U1")
    f = np.zeros((n, n_serv), dtype=np.int64)
    d = np.zeros((n, n_serv), dtype=np.int64)
    importance = np.full((n, n_serv), np.nan)
    for j, (key, *_rest) in enumerate(SERVICES):
        for s in seg_keys:
            rows = np.flatnonzero(seg == s)
            weights = np.tile(np.array(mix[key][s], dtype=float), (len(rows), 1))
            if key == "points_redemption":
                weights[tenure[rows] > 36] += LOYAL_POINTS_SHIFT
            weights = np.clip(weights, 0.5, None)
            cum = (weights / weights.sum(axis=1, keepdims=True)).cumsum(axis=1)
            cat = (rng.random(len(rows))[:, None] > cum).sum(axis=1).clip(0, 5)
            categories[rows, j] = np.array(CATS)[cat]
        for c in CATS:
            rows = np.flatnonzero(categories[:, j] == c)
            cells, w = zip(*CELLS[c], strict=True)
            w = np.array(w, dtype=float)
            pick = rng.choice(len(cells), size=len(rows), p=w / w.sum())
            chosen = np.array(cells)[pick]
            f[rows, j], d[rows, j] = chosen[:, 0], chosen[:, 1]
            mean = IMPORTANCE_MEAN[c]
            importance[rows, j] = np.clip(np.round(rng.normal(mean, 0.8, len(rows))), 1, 5)

    f[rng.random(f.shape) < BLANK_RATE] = 0
    d[rng.random(d.shape) < BLANK_RATE] = 0
    importance[rng.random(importance.shape) < BLANK_RATE] = np.nan
    asked = np.array([s[3] for s in SERVICES])
    importance[:, ~asked] = np.nan

    # 问卷星 platform fields: submit time, seconds used, channel, IP with its place
    start = dt.datetime(2024, 3, 4, 8, 0, 0)
    offsets = np.sort(rng.integers(0, 26 * 24 * 3600, n))
    submitted = [start + dt.timedelta(seconds=int(s)) for s in offsets]
    seconds = np.clip(np.round(rng.lognormal(np.log(190), 0.45, n)), 45, 1800).astype(int)
    channel = np.array(["微信", "手机提交", "链接"])[rng.choice(3, size=n, p=[0.55, 0.3, 0.15])]
    ip_tail = rng.integers(1, 255, size=n)
    return {
        "id": np.arange(1, n + 1),
        "segment": seg,
        "spend": spend,
        "tenure": tenure,
        "region": region,
        "f": f,
        "d": d,
        "importance": importance,
        "categories": categories,
        "submitted": submitted,
        "seconds": seconds,
        "channel": channel,
        "ip_tail": ip_tail,
    }


def _lognormal(rng: np.random.Generator, median, sigma, low, high, size) -> np.ndarray:
    """Log-normal draws within [low, high], out-of-range draws drawn again."""
    values = rng.lognormal(np.log(median), sigma, size)
    while (bad := (values < low) | (values > high)).any():
        values[bad] = rng.lognormal(np.log(median), sigma, bad.sum())
    return values


def wjx_frame(sim: dict) -> pd.DataFrame:
    """The 问卷星 text export."""
    data: dict[str, object] = {
        "序号": sim["id"],
        "提交答卷时间": [f"{t.year}/{t.month}/{t.day} {t:%H:%M:%S}" for t in sim["submitted"]],
        "所用时间": [f"{s}秒" for s in sim["seconds"]],
        "来源": sim["channel"],
        "来源详情": "直接访问",
        "来自IP": [
            f"{REGIONS[r][2]}.{t}.*({r}-{REGIONS[r][1]})"
            for r, t in zip(sim["region"], sim["ip_tail"], strict=True)
        ],
        "客户类型": [SEGMENTS[s][0] for s in sim["segment"]],
        "月消费(元)": sim["spend"],
        "在网时长(月)": sim["tenure"],
        "地区": sim["region"],
    }
    columns = list(data.items())
    f_words = np.array((WJX_BLANK, *WJX_FUNCTIONAL), dtype=object)
    d_words = np.array((WJX_BLANK, *WJX_DYSFUNCTIONAL), dtype=object)
    columns += _matrix(WJX_F_Q, [(zh, f_words[sim["f"][:, j]])
                                 for j, (_k, zh, _en, _a) in enumerate(SERVICES)])  # fmt: skip
    columns += _matrix(WJX_D_Q, [(zh, d_words[sim["d"][:, j]])
                                 for j, (_k, zh, _en, _a) in enumerate(SERVICES)])  # fmt: skip
    # left empty, not "(空)", as for a skipped scale question
    columns += _matrix(WJX_IMP_Q, [(zh, pd.array(sim["importance"][:, j]).astype("Int64"))
                                   for j, (_k, zh, _en, asked) in enumerate(SERVICES) if asked])  # fmt: skip
    frame = pd.concat([pd.Series(v, name=k) for k, v in columns], axis=1)
    return frame


def _matrix(title: str, rows: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """A 问卷星 matrix: ``<题号、题目>—<行1>`` for its first row, the bare label after it."""
    return [(title + label if k == 0 else label, values) for k, (label, values) in enumerate(rows)]


def codes_frame(sim: dict) -> pd.DataFrame:
    """The English CSV with codes 1-5 (blank cells empty)."""
    data: dict[str, object] = {
        "respondent_id": [f"R{i:04d}" for i in sim["id"]],
        "segment": [SEGMENTS[s][1] for s in sim["segment"]],
        "monthly_spend": sim["spend"],
        "tenure_months": sim["tenure"],
        "region": [REGIONS[r][0] for r in sim["region"]],
    }
    for j, (key, _zh, _en, asked) in enumerate(SERVICES):
        data[f"{key}_functional"] = _nullable(sim["f"][:, j])
        data[f"{key}_dysfunctional"] = _nullable(sim["d"][:, j])
        if asked:
            data[f"{key}_importance"] = pd.array(sim["importance"][:, j]).astype("Int64")
    return pd.DataFrame(data)


def _nullable(codes: np.ndarray) -> pd.Series:
    """Codes 1-5 as nullable integers, code 0 (blank) as an empty cell."""
    return pd.Series(codes).astype("Int64").mask(codes == 0)


def long_frame(sim: dict) -> pd.DataFrame:
    """Six services in the long layout, English answer texts."""
    words = np.array(("", *EN_ANSWERS), dtype=object)
    keys = [s[0] for s in SERVICES]
    parts = []
    for rank, key in enumerate(LONG_SERVICES):
        j = keys.index(key)
        parts.append(
            pd.DataFrame(
                {
                    "respondent": [f"R{i:04d}" for i in sim["id"]],
                    "segment": [SEGMENTS[s][1] for s in sim["segment"]],
                    "service": SERVICES[j][2],
                    "functional": words[sim["f"][:, j]],
                    "dysfunctional": words[sim["d"][:, j]],
                    "importance": pd.array(sim["importance"][:, j]).astype("Int64"),
                    "order": np.arange(len(sim["id"])) * len(LONG_SERVICES) + rank,
                }
            )
        )
    frame = pd.concat(parts, ignore_index=True)
    frame = frame.sort_values("order", kind="stable").drop(columns="order")
    return frame.reset_index(drop=True)


def write_wjx_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """Write with fixed document properties so that the file is byte-identical on every run."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    book.set_properties({"created": FIXED_TIME, "author": "wjx.cn", "title": "客户服务需求调查"})
    ws = book.add_worksheet("Sheet1")
    header = book.add_format({"bold": True})
    for j, col in enumerate(frame.columns):
        ws.write_string(0, j, col, header)
    for j in range(frame.shape[1]):  # headers repeat (bare matrix labels): by position
        for i, value in enumerate(frame.iloc[:, j].tolist(), start=1):
            if value is pd.NA:
                continue
            if isinstance(value, int | np.integer):
                ws.write_number(i, j, int(value))
            else:
                ws.write_string(i, j, str(value))
    ws.freeze_panes(1, 0)
    book.close()


def wjx_codes_csv(frame: pd.DataFrame, sim: dict, path: Path) -> None:
    """问卷星 "按序号": the same headers, option numbers instead of texts, in GBK."""
    out = frame.iloc[:N_OTHER_LAYOUTS].copy()
    words = {w: k for k, w in enumerate(WJX_FUNCTIONAL, 1)} | {
        w: k for k, w in enumerate(WJX_DYSFUNCTIONAL, 1)
    }
    for j in range(out.shape[1]):
        col = out.iloc[:, j]
        if col.isin([*words, WJX_BLANK]).all():
            out.isetitem(j, col.map(lambda w: words.get(w, "")))
    out.to_csv(path, index=False, encoding="gbk")


def qualtrics_csv(sim: dict, path: Path) -> None:
    """A Qualtrics export: three header rows, a matrix per side, choice texts."""
    n = N_OTHER_LAYOUTS
    words = np.array(("", *QUALTRICS_ANSWERS), dtype=object)
    meta = {
        ("StartDate", "Start Date", '{"ImportId":"startDate","timeZone":"Asia/Shanghai"}'):
            [f"{t:%Y-%m-%d %H:%M:%S}" for t in sim["submitted"][:n]],
        ("Finished", "Finished", '{"ImportId":"finished"}'): ["1"] * n,
        ("ResponseId", "Response ID", '{"ImportId":"_recordId"}'):
            [f"R_{k:015X}" for k in sim["id"][:n]],
    }  # fmt: skip
    columns: list[tuple[tuple[str, str, str], object]] = list(meta.items())
    for q, (question, codes) in enumerate(((QUALTRICS_F, sim["f"]), (QUALTRICS_D, sim["d"])), 5):
        for j, (_key, _zh, en, _asked) in enumerate(SERVICES, start=1):
            head = (f"Q{q}_{j}", f"{question} - {en}", f'{{"ImportId":"QID{q}_{j}"}}')
            columns.append((head, words[codes[:n, j - 1]]))
    rows = [[h[k] for h, _ in columns] for k in range(3)]
    rows += [[v[i] for _, v in columns] for i in range(n)]
    pd.DataFrame(rows).to_csv(path, index=False, header=False, encoding="utf-8")


def google_forms_csv(sim: dict, path: Path) -> None:
    """A Google Forms download: one question per service, the two sides interleaved."""
    n = N_OTHER_LAYOUTS
    words = np.array(("", *EN_ANSWERS), dtype=object)
    data: dict[str, object] = {
        "Timestamp": [f"{t.month}/{t.day}/{t.year} {t:%H:%M:%S}" for t in sim["submitted"][:n]]
    }
    for j, (_key, _zh, en, _asked) in enumerate(SERVICES):
        name = en[0].lower() + en[1:] if not en[:2].isupper() else en
        data[f"How would you feel if we offered the {name}?"] = words[sim["f"][:n, j]]
        data[f"How would you feel if we did not offer the {name}?"] = words[sim["d"][:n, j]]
    pd.DataFrame(data).to_csv(path, index=False, encoding="utf-8")


def main() -> None:
    rng = np.random.default_rng(SEED)
    sim = simulate(rng)
    wjx = wjx_frame(sim)
    write_wjx_xlsx(wjx, HERE / "carrier_survey_wjx.xlsx")
    codes_frame(sim).to_csv(HERE / "carrier_survey_codes.csv", index=False, encoding="utf-8")
    long_frame(sim).to_csv(HERE / "carrier_survey_long.csv", index=False, encoding="utf-8")
    previous = simulate(np.random.default_rng(PREVIOUS_SEED), MIX_PREVIOUS)
    write_wjx_xlsx(wjx_frame(previous), HERE / "carrier_survey_2026Q2_wjx.xlsx")
    wjx_codes_csv(wjx, sim, HERE / "carrier_survey_wjx_codes.csv")
    qualtrics_csv(sim, HERE / "carrier_survey_qualtrics.csv")
    google_forms_csv(sim, HERE / "carrier_survey_google_forms.csv")
    for name in ("carrier_survey_wjx.xlsx", "carrier_survey_codes.csv", "carrier_survey_long.csv",
                 "carrier_survey_2026Q2_wjx.xlsx", "carrier_survey_wjx_codes.csv",
                 "carrier_survey_qualtrics.csv", "carrier_survey_google_forms.csv"):  # fmt: skip
        size = (HERE / name).stat().st_size
        print(f"wrote examples/{name} ({size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
