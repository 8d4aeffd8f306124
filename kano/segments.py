"""Customer segments of the source documents, derived from spend, customer type and tenure.

Value segments (seed 000/001): key account 大客户 when the monthly spend is
above 3000 yuan; otherwise business 商业客户 when the customer is not
residential; otherwise public 公众客户. Tenure bands (seed 002, loyalty-points
rules): 0-6, 7-12, 13-24, 25-36, 37-48, 49-60, 61+ months. Both Kano and
satisfaction analyses split results by these or by any column (``--by``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from kano.errors import OptionError
from kano.io.pairing import _norm

KEY_ACCOUNT_SPEND = 3000.0
TENURE_EDGES = (6, 12, 24, 36, 48, 60)

#: Customer-type answers meaning residential (everything else non-blank is business).
RESIDENTIAL = frozenset(
    {
        "residential",
        "individual",
        "personal",
        "public",
        "consumer",
        "private",
        "个人",
        "住宅",
        "公众",
        "公众客户",
        "家庭",
        "居民",
        "个人客户",
    }
)


def value_segment(
    spend: pd.Series,
    customer_type: pd.Series | None = None,
    threshold: float = KEY_ACCOUNT_SPEND,
    residential: frozenset[str] = RESIDENTIAL,
) -> pd.Series:
    """Value segment per customer: ``key_account``, ``business``, ``public`` (NaN if unknown).

    ``spend``: monthly spend in yuan (numeric); ``customer_type``: free text,
    residential when it is one of ``residential`` (case-insensitive).
    """
    spend = pd.to_numeric(spend, errors="coerce")
    out = pd.Series(pd.NA, index=spend.index, dtype="object")
    if customer_type is not None:
        t = customer_type.astype("string").str.strip().str.lower()
        known = t.notna() & (t != "")
        is_res = t.isin({r.lower() for r in residential}).fillna(False).astype(bool)
        out[known & is_res] = "public"
        out[known & ~is_res] = "business"
    else:
        out[spend.notna()] = "public"
    out[spend.isna()] = pd.NA  # without the spend a key account cannot be ruled out
    out[spend > threshold] = "key_account"
    return out.rename("value_segment")


def tenure_band(months: pd.Series, edges: Sequence[int] = TENURE_EDGES) -> pd.Series:
    """Tenure band labels (``0-6``, ``7-12`` ... ``61+``) as an ordered categorical.

    A band ``a-b`` holds ``a - 1 < months <= b`` (whole months; 0 included in the first).
    """
    m = pd.to_numeric(months, errors="coerce")
    bins = [-np.inf, *edges, np.inf]
    labels = [f"0-{edges[0]}"]
    labels += [f"{lo + 1}-{hi}" for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    labels.append(f"{edges[-1] + 1}+")
    return pd.cut(m, bins=bins, labels=labels, right=True).rename("tenure_band")


DERIVED = ("value_segment", "tenure_band")
_SPEND_NAMES = ("monthly_spend", "monthly spend", "spend", "arpu", "月消费", "月消费额", "月消费(元)",
                "月均消费", "月消费额(元)")  # fmt: skip
_TYPE_NAMES = ("customer_type", "customer type", "type", "客户类型", "用户类型", "客户性质")
_TENURE_NAMES = ("tenure_months", "tenure", "tenure (months)", "在网时长", "在网时长(月)", "在网时间",
                 "在网月数", "网龄")  # fmt: skip


def _find(columns: Sequence[str], names: Sequence[str]) -> str | None:
    wanted = {_norm(n) for n in names}
    return next((c for c in columns if _norm(c) in wanted), None)


SEGMENT_NAMES = {
    "en": {
        "key_account": "key accounts",
        "business": "business customers",
        "public": "public customers",
    },
    "zh": {"key_account": "大客户", "business": "商业客户", "public": "公众客户"},
}


def segment_labels(
    extra: pd.DataFrame, by: str, key_threshold: float = KEY_ACCOUNT_SPEND, lang: str = "en"
) -> pd.Series:
    """The segment of each respondent for ``--by``.

    ``by`` is a column of ``extra`` (any segment, region, ... column) or one of
    the derived segments ``value_segment`` (from the monthly-spend column and
    an optional customer-type column) and ``tenure_band`` (from the tenure in
    months). Raises :class:`OptionError` naming the available columns.
    """
    columns = [str(c) for c in extra.columns]
    if by in extra.columns:
        return extra[by].rename(by)
    if by == "value_segment":
        spend = _find(columns, _SPEND_NAMES)
        if spend is None:
            raise OptionError(
                f"--by value_segment needs a monthly-spend column (e.g. monthly_spend, 月消费); "
                f"the columns are: {', '.join(columns) or '(none)'}"
            )
        ctype = _find(columns, _TYPE_NAMES)
        codes = value_segment(extra[spend], extra[ctype] if ctype else None, key_threshold)
        return codes.map(SEGMENT_NAMES[lang]).rename("value_segment")
    if by == "tenure_band":
        tenure = _find(columns, _TENURE_NAMES)
        if tenure is None:
            raise OptionError(
                f"--by tenure_band needs a tenure column in months (e.g. tenure_months, 在网时长); "
                f"the columns are: {', '.join(columns) or '(none)'}"
            )
        return tenure_band(extra[tenure])
    raise OptionError(f"--by {by!r}: no such column; use one of: {', '.join([*columns, *DERIVED])}")
