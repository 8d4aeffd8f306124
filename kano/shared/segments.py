"""Customer segments of the source documents, derived from spend, customer type and tenure.

Value segments (source documents 000 and 001): key account 大客户 when the monthly spend is
above 3000 yuan (or when the customer type says 大客户); otherwise business
商业客户 when the customer type is non-residential; otherwise public 公众客户.
Customer types are read through a vocabulary of the words carriers and survey
platforms use (个人, 公众客户, 企业, 政企, 集团客户, residential, business …); a
type outside it is an error that lists the values, and the user assigns them
(``types``), so that no customer is ever filed in a segment by default.
Tenure bands (source document 002, loyalty-points rules): 0-6, 7-12, 13-24, 25-36, 37-48,
49-60, 61+ months. Both Kano and satisfaction analyses split results by these
or by any column (``--by``).

The columns are found in real headers: ``1、您的客户类型``, ``月消费(元)``,
``在网时长(月)``, ``Q3. Monthly spend (CNY)`` …
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from kano.shared.errors import (
    CellProblem,
    CustomerTypeError,
    InvalidValueError,
    MappingFileError,
    OptionError,
)
from kano.shared.records import Note
from kano.shared.text import fold, key, strip_numbering

KEY_ACCOUNT_SPEND = 3000.0
TENURE_EDGES = (6, 12, 24, 36, 48, 60)
SEGMENTS = ("key_account", "business", "public")

#: Customer-type answers and the value segment each means (domain.md, seeds 000/001).
CUSTOMER_TYPES: dict[str, str] = {
    **dict.fromkeys(
        ("residential", "individual", "personal", "public", "consumer", "private", "retail",
         "个人", "个人客户", "个人用户", "住宅", "公众", "公众客户", "公众用户", "家庭", "家庭客户",
         "家庭用户", "居民", "居民客户", "普通客户", "普通用户", "散户", "個人", "個人客戶",
         "公眾客戶", "家庭客戶"),
        "public",
    ),
    **dict.fromkeys(
        ("business", "business customer", "corporate", "enterprise", "company", "commercial",
         "sme", "government", "group", "商业", "商业客户", "商业用户", "企业", "企业客户",
         "企业用户", "政企", "政企客户", "集团", "集团客户", "单位", "单位客户", "公司", "商户",
         "中小企业", "政府", "行业客户", "商業客戶", "企業", "企業客戶", "集團客戶"),
        "business",
    ),
    **dict.fromkeys(
        ("key account", "key accounts", "key account customer", "大客户", "重要客户", "重点客户",
         "关键客户", "大客戶"),
        "key_account",
    ),
}  # fmt: skip

# Words of the headers that hold each trait (after normalisation: no spaces, lower case).
_HEADER_WORDS = {
    "spend": ("月消费", "月均消费", "每月消费", "月话费", "月均话费", "月账单", "月费用", "月支出",
              "消费金额", "月消費", "arpu", "monthlyspend", "monthlyspending", "monthlybill",
              "spendpermonth", "monthlyspendcny", "spend"),
    "customer_type": ("客户类型", "用户类型", "客户性质", "客户类别", "用户类别", "客戶類型",
                      "customertype", "clienttype", "accounttype", "customercategory"),
    "tenure": ("在网时长", "在网时间", "在网月数", "网龄", "入网时长", "在網時長", "tenure",
               "monthsonnetwork", "monthswithus", "tenuremonths"),
}  # fmt: skip
DERIVED = ("value_segment", "tenure_band")


def _header_key(header: str) -> str:
    return key(strip_numbering(fold(header)))


def find_trait_column(columns: Sequence[str], trait: str, source: str = "the table") -> str | None:
    """The column holding ``trait`` (``spend``, ``customer_type``, ``tenure``), or ``None``.

    A header matches when it contains one of the trait's words once question
    numbers, spaces, punctuation and units are set aside (``1、您的客户类型``,
    ``月消费(元)``). Several matching columns are an error naming them, unless
    exactly one is the bare word.

    Raises
    ------
    OptionError
    """
    words = _HEADER_WORDS[trait]
    found = [c for c in columns if any(w in _header_key(c) for w in words)]
    if len(found) > 1:
        exact = [c for c in found if _header_key(c) in words]
        if len(exact) == 1:
            return exact[0]
        raise OptionError(
            f"{source}: several columns look like the {trait.replace('_', ' ')}: "
            f"{', '.join(map(repr, found))}; rename the others or give the segment with {{opt:by}} COLUMN"
        )
    return found[0] if found else None


def read_customer_types(spec: str | Path | Mapping[str, str] | None) -> dict[str, str]:
    """User assignments of customer types to segments, from ``'VIP=key_account,集团=business'``,
    a YAML file (``VIP: key_account``) or a CSV file (``type,segment``)."""
    if spec is None:
        return {}
    if isinstance(spec, Mapping):
        pairs = [(k, v, n) for n, (k, v) in enumerate(spec.items(), start=1)]
        where = "customer types"
    elif Path(str(spec)).suffix.lower() in {".yaml", ".yml", ".csv"}:
        from kano.shared.mapfiles import read_pairs

        pairs = read_pairs(Path(spec), ("type", "segment"), "customer-type map")
        where = str(spec)
    else:
        pairs = []
        for part in str(spec).split(","):
            key, sep, value = part.partition("=")
            if not sep or not key.strip():
                raise OptionError(
                    f"{{opt:customer_types}}: {part.strip()!r} is not TYPE=SEGMENT "
                    f"(segments: {', '.join(SEGMENTS)})"
                )
            pairs.append((key.strip(), value.strip(), len(pairs) + 1))
        where = "{opt:customer_types}"
    out: dict[str, str] = {}
    first: dict[str, tuple[object, int]] = {}
    unit = "entries" if where in ("customer types", "{opt:customer_types}") else "lines"
    for key, value, line in pairs:
        segment = fold(str(value)).replace(" ", "_").replace("-", "_")
        if segment not in SEGMENTS:
            raise MappingFileError(
                f"{where}: {key!r} is assigned to {value!r}; the segments are {', '.join(SEGMENTS)}"
            )
        folded = fold(str(key))
        if folded in first:
            other, at = first[folded]
            raise MappingFileError(
                f"{where}: {unit} {at} and {line}: the customer type {key!r} is given twice "
                f"(as {other!r} too, the same once case and width are ignored); keep one of them"
            )
        out[folded], first[folded] = segment, (key, line)
    return out


def customer_segments(
    types: pd.Series, assigned: Mapping[str, str] | None = None
) -> tuple[pd.Series, dict[str, int]]:
    """The segment each customer type means, and the unknown types with their counts.

    ``assigned`` (normalised type -> segment) extends and overrides the built-in
    :data:`CUSTOMER_TYPES`. Blank cells give NaN. Work is per distinct value.
    """
    vocab = {fold(k): v for k, v in CUSTOMER_TYPES.items()} | dict(assigned or {})
    codes, uniques = pd.factorize(types, use_na_sentinel=True)
    keys = [fold(u) for u in uniques]
    mapped = np.array([vocab.get(k, "") for k in keys] + [""], dtype=object)
    out = pd.Series(mapped[codes], index=types.index, dtype=object)
    blank = np.array([k == "" for k in keys] + [True])[codes]
    out[blank] = np.nan
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
    unknown = {str(u): int(n) for u, k, n in zip(uniques, keys, counts, strict=True)
               if k and k not in vocab}  # fmt: skip
    out[out == ""] = np.nan
    return out, unknown


def value_segment(
    spend: pd.Series,
    customer_type: pd.Series | None = None,
    threshold: float = KEY_ACCOUNT_SPEND,
    types: Mapping[str, str] | None = None,
) -> pd.Series:
    """Value segment per customer: ``key_account``, ``business``, ``public`` (NaN if unknown).

    ``spend``: monthly spend in yuan; ``customer_type``: the customer-type answers,
    read through :data:`CUSTOMER_TYPES` extended by ``types``. Key account when
    the spend is above ``threshold`` or the type says so; else the type's segment;
    without a type column every customer at or below the threshold is public.

    Raises
    ------
    CustomerTypeError
        A customer type that the vocabulary does not know (listing each with its count).
    """
    spend = pd.to_numeric(spend, errors="coerce")
    out = pd.Series(pd.NA, index=spend.index, dtype="object")
    if customer_type is not None:
        segment, unknown = customer_segments(customer_type, types)
        if unknown:
            raise CustomerTypeError(_unknown_types_message(unknown, str(customer_type.name or "")))
        out[segment.notna()] = segment[segment.notna()]
    else:
        out[spend.notna()] = "public"
    out[spend.isna() & (out != "key_account").fillna(True)] = (
        pd.NA
    )  # a key account cannot be ruled out
    out[spend > threshold] = "key_account"
    return out.rename("value_segment")


def _unknown_types_message(unknown: dict[str, int], column: str) -> str:
    shown = ", ".join(f"{k!r} ({n})" for k, n in list(unknown.items())[:10])
    more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
    example = next(iter(unknown))
    return (
        f"the customer types {shown}{more} of column {column!r} are not known, so these "
        "customers cannot be put in a value segment; say which segment each type is, e.g. "
        f"{{opt:customer_types}} '{example}=business' (segments: {', '.join(SEGMENTS)}), or a YAML "
        f"file of lines '{example}: business'"
    )


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


SEGMENT_NAMES = {
    "en": {
        "key_account": "key accounts",
        "business": "business customers",
        "public": "public customers",
    },
    "zh": {"key_account": "大客户", "business": "商业客户", "public": "公众客户"},
}


@dataclass(frozen=True)
class SegmentSplit:
    """The segment of each respondent for ``--by``, and what the user should know."""

    labels: pd.Series
    notes: tuple[Note, ...] = ()
    derived: bool = False  # value segments or tenure bands, not a column of the data


def check_amounts(values: pd.Series, column: str, what: str, source: str = "the table",
                  rows: pd.Series | None = None) -> pd.Series:  # fmt: skip
    """Numbers of a money or months column; a cell that is not a finite number of 0 or
    more is an error naming it (blanks are missing).

    Raises
    ------
    InvalidValueError
    """
    text = values.astype("string").str.strip()
    numbers = pd.to_numeric(text.str.replace(",", "", regex=False), errors="coerce")
    bad = text.notna() & (text != "") & (numbers.isna() | ~np.isfinite(numbers.fillna(0)) |
                                        (numbers < 0))  # fmt: skip
    if bad.any():
        positions = np.flatnonzero(bad.to_numpy())
        where = rows.to_numpy() if rows is not None else None
        if rows is None:  # a DataFrame: rows as a spreadsheet would number them
            where = np.arange(len(values)) + 2
        problems = [CellProblem(int(where[p]), column, values.iloc[p]) for p in positions[:10]]
        raise InvalidValueError(
            source, problems, len(positions), hint=f"{what} must be a number of 0 or more"
        )
    return numbers.astype(float)


def derive_segments(
    extra: pd.DataFrame,
    by: str,
    *,
    key_threshold: float = KEY_ACCOUNT_SPEND,
    types: Mapping[str, str] | None = None,
    source: str = "the table",
    rows: pd.Series | None = None,
) -> SegmentSplit:
    """The segment of each respondent: a column of ``extra``, or ``value_segment`` /
    ``tenure_band`` derived from the spend, customer-type and tenure columns.

    The segments are codes (``key_account``, ``business``, ``public``; tenure bands);
    renderers name them. ``rows``: spreadsheet row per respondent, for errors.

    Raises
    ------
    OptionError
        No such column, no spend / tenure column, unknown customer types.
    InvalidValueError
        Spend or tenure that is not a number of 0 or more (naming the cell).
    """
    columns = [str(c) for c in extra.columns]
    if by in extra.columns:
        return SegmentSplit(extra[by].rename(by))
    if by == "value_segment":
        spend = find_trait_column(columns, "spend", source)
        if spend is None:
            raise OptionError(
                f"{{opt:by}} value_segment needs a monthly-spend column (e.g. monthly_spend, 月消费); "
                f"the columns are: {', '.join(columns) or '(none)'}"
            )
        ctype = find_trait_column(columns, "customer_type", source)
        amounts = check_amounts(extra[spend], spend, "monthly spend", source, rows)
        notes = [
            Note("value_segments_from", {"spend": spend, "type": ctype})
            if ctype
            else Note("value_segments_from_spend", {"spend": spend}),
        ]
        if ctype is None:
            notes.append(Note("no_customer_type", {"threshold": f"{key_threshold:g}"}))
        try:
            labels = value_segment(amounts, extra[ctype] if ctype else None, key_threshold, types)
        except CustomerTypeError as exc:
            raise CustomerTypeError(f"{source}: {exc.args[0]}") from None
        return SegmentSplit(labels, tuple(notes), derived=True)
    if by == "tenure_band":
        tenure = find_trait_column(columns, "tenure", source)
        if tenure is None:
            raise OptionError(
                f"{{opt:by}} tenure_band needs a tenure column in months (e.g. tenure_months, 在网时长); "
                f"the columns are: {', '.join(columns) or '(none)'}"
            )
        months = check_amounts(extra[tenure], tenure, "tenure (months)", source, rows)
        return SegmentSplit(
            tenure_band(months), (Note("tenure_bands_from", {"column": tenure}),), derived=True
        )
    raise OptionError(
        f"{{opt:by}} {by!r}: no such column; use one of: {', '.join([*columns, *DERIVED])}"
    )


def named_segments(split: SegmentSplit, lang: str = "en") -> pd.Series:
    """The labels of a split, value-segment codes named in ``lang`` (others as they are)."""
    labels = split.labels
    if labels.name == "value_segment" and split.derived:
        return labels.map(SEGMENT_NAMES[lang]).rename("value_segment")
    return labels


def segment_labels(
    extra: pd.DataFrame,
    by: str,
    key_threshold: float = KEY_ACCOUNT_SPEND,
    lang: str = "en",
    types: Mapping[str, str] | None = None,
) -> pd.Series:
    """The segment of each respondent for ``--by``, with value segments named in ``lang``
    (see :func:`derive_segments`)."""
    split = derive_segments(extra, by, key_threshold=key_threshold, types=types)
    return named_segments(split, lang)
