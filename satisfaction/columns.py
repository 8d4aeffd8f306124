"""Finding the columns of a satisfaction survey: driver pairs, outcomes, traits.

Driver pairs (an importance and a satisfaction rating of the same driver) are
found by naming convention:

- prefixes ``imp_price``/``sat_price``, ``importance_price``/``satisfaction_price``;
- suffixes ``price_imp``/``price_sat``, ``price_importance``/``price_satisfaction``;
- Chinese ``重要性_资费``/``满意度_资费``, ``资费重要性``/``资费满意度`` (also 重要程度, 满意程度);
- question grids ``How important is ... - Price``/``How satisfied ... - Price``.

A driver may have only a satisfaction rating (it is then plotted with derived
importance only). Outcomes (overall satisfaction, the three kinds of loyalty
items, likelihood to recommend) and customer traits are found by name, in
English or Chinese, or everything is declared in a mapping file (CSV or YAML,
see :func:`read_mapping`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kano.errors import MappingFileError, PairingError

#: Trait roles: value segment, customer type (residential or not), monthly spend,
#: tenure in months, age band, region, competitor exposure.
TRAIT_ROLES = (
    "segment",
    "customer_type",
    "spend",
    "tenure",
    "age",
    "region",
    "competitor_offer",
    "competitor_price",
)
LOYALTY_KINDS = ("behavioural", "intentional", "emotional")
OUTCOME_ROLES = ("overall", "behavioural", "intentional", "recommend", "emotional")
DRIVER_ROLES = ("importance", "satisfaction")
ALL_ROLES = DRIVER_ROLES + OUTCOME_ROLES + TRAIT_ROLES

_ALIASES: dict[str, tuple[str, ...]] = {
    "overall": (
        "overall",
        "overallsatisfaction",
        "overallsat",
        "satisfaction",
        "csat",
        "总体满意度",
        "整体满意度",
        "满意度",
        "综合满意度",
    ),
    "behavioural": (
        "renewed",
        "renewal",
        "renew",
        "repurchase",
        "repurchased",
        "behaviouralloyalty",
        "behavioralloyalty",
        "是否续约",
        "续约",
        "续费",
        "重复购买",
        "行为忠诚",
    ),
    "intentional": (
        "intendtostay",
        "intentiontostay",
        "stayintention",
        "intendstay",
        "willstay",
        "repurchaseintention",
        "继续使用意愿",
        "继续使用",
        "留网意愿",
        "意识忠诚",
    ),
    "recommend": (
        "recommend",
        "likelihoodtorecommend",
        "ltr",
        "nps",
        "wouldrecommend",
        "推荐意愿",
        "推荐可能性",
        "推荐",
    ),
    "emotional": (
        "attachment",
        "emotionalattachment",
        "emotional",
        "emotionalloyalty",
        "情感依赖",
        "情感忠诚",
        "归属感",
    ),
    "segment": ("segment", "valuesegment", "客户细分", "价值细分", "客户分群"),
    "customer_type": ("customertype", "客户类型", "用户类型"),
    "spend": ("monthlyspend", "spend", "arpu", "monthlybill", "月消费", "月消费额", "月均消费"),
    "tenure": ("tenure", "tenuremonths", "monthsonnetwork", "在网时长", "在网时间", "网龄"),
    "age": ("age", "ageband", "agegroup", "年龄", "年龄段"),
    "region": ("region", "area", "city", "地区", "区域", "城市"),
    "competitor_offer": (
        "competitoroffer",
        "receivedcompetitoroffer",
        "竞争对手优惠",
        "收到竞争对手优惠",
        "竞争对手促销",
    ),
    "competitor_price": (
        "competitorprice",
        "perceivedcompetitorprice",
        "竞争对手价格",
        "竞争对手资费",
    ),
}

#: Synonyms of the default drivers (keys used by :mod:`satisfaction.labels`).
_DRIVER_SYNONYMS = {
    "price": ("price", "tariff", "资费", "价格", "资费价格", "资费/价格"),
    "network": ("network", "networkquality", "通信质量", "网络质量", "network quality"),
    "service": ("service", "servicequality", "服务质量", "service quality"),
    "billing": ("billing", "billingaccuracy", "账单", "账单准确性"),
    "value_added": ("valueadded", "valueaddedservices", "vas", "增值业务"),
    "loyalty_points": ("loyaltypoints", "points", "积分", "积分计划"),
}

_SEP = r"[\s_\-.:：、/]+"
_IMP_WORDS = r"(?:importance|imp)"
_SAT_WORDS = r"(?:satisfaction|sat|performance|perf)"
_IMP_ZH = r"(?:重要性|重要程度|重要度)"
_SAT_ZH = r"(?:满意度|满意程度|表现)"
_PATTERNS = [
    ("importance", re.compile(rf"^{_IMP_WORDS}{_SEP}(?P<d>.+)$", re.I)),
    ("satisfaction", re.compile(rf"^{_SAT_WORDS}{_SEP}(?P<d>.+)$", re.I)),
    ("importance", re.compile(rf"^(?P<d>.+?){_SEP}{_IMP_WORDS}$", re.I)),
    ("satisfaction", re.compile(rf"^(?P<d>.+?){_SEP}{_SAT_WORDS}$", re.I)),
    ("importance", re.compile(rf"^{_IMP_ZH}(?:{_SEP})?(?P<d>.+)$")),
    ("satisfaction", re.compile(rf"^{_SAT_ZH}(?:{_SEP})?(?P<d>.+)$")),
    ("importance", re.compile(rf"^(?P<d>.+?)(?:{_SEP})?{_IMP_ZH}$")),
    ("satisfaction", re.compile(rf"^(?P<d>.+?)(?:{_SEP})?{_SAT_ZH}$")),
]
_GRID = re.compile(r"^(?P<q>.+?)\s+[-–—]\s+(?P<d>[^-–—]+)$")
_GRID_IMP = re.compile(r"importan|重要", re.I)
_GRID_SAT = re.compile(r"satisf|perform|满意|评价", re.I)


@dataclass(frozen=True)
class DriverColumns:
    """One rated driver: its key and its satisfaction (and importance) column."""

    name: str
    satisfaction: str
    importance: str | None = None


@dataclass(frozen=True)
class SurveyColumns:
    """The roles found in a survey table.

    Attributes
    ----------
    drivers: rated drivers, in column order.
    overall: overall-satisfaction column, if any.
    behavioural, intentional, emotional: loyalty items of each kind.
    recommend: likelihood-to-recommend (0-10) column, if any (an intentional item).
    traits: trait role -> column (see :data:`TRAIT_ROLES`).
    scales: column -> declared (low, high) rating scale (from a mapping file).
    notes: what detection did, for the Method sheet.
    """

    drivers: tuple[DriverColumns, ...]
    overall: str | None = None
    behavioural: tuple[str, ...] = ()
    intentional: tuple[str, ...] = ()
    recommend: str | None = None
    emotional: tuple[str, ...] = ()
    traits: Mapping[str, str] = field(default_factory=dict)
    scales: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    def loyalty_items(self) -> dict[str, tuple[str, ...]]:
        """Loyalty items by kind; the recommend item counts as intentional."""
        intentional = self.intentional + ((self.recommend,) if self.recommend else ())
        items = {
            "behavioural": self.behavioural,
            "intentional": intentional,
            "emotional": self.emotional,
        }
        return {k: v for k, v in items.items() if v}

    def roles(self) -> pd.DataFrame:
        """Tidy table ``column, role, driver`` of everything found."""
        rows = []
        for d in self.drivers:
            if d.importance:
                rows.append((d.importance, "importance", d.name))
            rows.append((d.satisfaction, "satisfaction", d.name))
        if self.overall:
            rows.append((self.overall, "overall", ""))
        for kind in LOYALTY_KINDS:
            rows.extend((c, kind, "") for c in getattr(self, kind))
        if self.recommend:
            rows.append((self.recommend, "recommend", ""))
        rows.extend((c, r, "") for r, c in self.traits.items())
        return pd.DataFrame(rows, columns=["column", "role", "driver"])


def normalise(text: str) -> str:
    """Lower-case ``text`` without spaces, punctuation and bracketed units."""
    text = re.sub(r"[(（\[][^)）\]]*[)）\]]", "", str(text))
    return re.sub(r"[\s_\-.:：、/?？()（）]+", "", text).lower()


def driver_key(text: str) -> str:
    """Key of a driver named ``text``: a default key (price, network, service) or the text."""
    norm = normalise(text)
    for key, names in _DRIVER_SYNONYMS.items():
        if norm in {normalise(n) for n in names}:
            return key
    return str(text).strip(" _-.:：")


def _role_of(header: str, exact: bool) -> str | None:
    norm = normalise(header)
    if not norm:
        return None
    for role, aliases in _ALIASES.items():
        for alias in aliases:
            if norm == alias:
                return role
            if not exact and _long_enough(alias) and alias in norm:
                return role
    return None


def _long_enough(alias: str) -> bool:
    width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in alias)
    return width >= 6


def _driver_part(header: str) -> tuple[str, str] | None:
    """(kind, driver text) when ``header`` is an importance or satisfaction rating."""
    grid = _GRID.match(header)
    if grid:
        q = grid.group("q")
        if _GRID_IMP.search(q):
            return "importance", grid.group("d").strip()
        if _GRID_SAT.search(q):
            return "satisfaction", grid.group("d").strip()
    for kind, pattern in _PATTERNS:
        m = pattern.match(header.strip())
        if m and m.group("d").strip(" _-.:："):
            return kind, m.group("d").strip(" _-.:：")
    return None


def find_columns(
    frame: pd.DataFrame,
    mapping: Sequence[Mapping[str, str]] | None = None,
    drivers: Sequence[str] | None = None,
    source: str = "the table",
) -> SurveyColumns:
    """Find driver pairs, outcomes and traits in ``frame``'s headers.

    ``mapping`` (records ``column, role, driver, scale`` as read by
    :func:`read_mapping`) overrides detection: roles it names are taken from it,
    and when it names any driver column, drivers come from it alone.
    ``drivers`` restricts the result to these driver keys or names.

    Raises
    ------
    PairingError
        No driver found, a driver rated twice, an importance without satisfaction.
    MappingFileError
        A mapped column is not in the table.
    """
    columns = [str(c) for c in frame.columns]
    taken: set[str] = set()
    found: dict[str, list[str]] = {r: [] for r in OUTCOME_ROLES + TRAIT_ROLES}
    pairs: dict[str, dict[str, str]] = {}
    scales: dict[str, tuple[float, float]] = {}
    notes: list[str] = []
    mapped_drivers = False
    if mapping:
        for rec in mapping:
            col, role = rec["column"], rec["role"]
            if col not in columns:
                raise MappingFileError(
                    f"{rec.get('_source', 'mapping')}: column {col!r} is not in {source}; "
                    f"the columns are: {', '.join(map(repr, columns[:30]))}"
                )
            taken.add(col)
            if rec.get("scale"):
                scales[col] = rec["scale"]  # type: ignore[assignment]
            if role in DRIVER_ROLES:
                mapped_drivers = True
                _add_pair(pairs, driver_key(rec.get("driver") or col), role, col, source)
            else:
                found[role].append(col)
        notes.append(f"columns from the mapping file ({len(mapping)} rows)")
    preset = {r for r, v in found.items() if v}
    # 1. exact outcome/trait names
    for col in columns:
        if col in taken:
            continue
        role = _role_of(col, exact=True)
        if role and role not in preset:
            found[role].append(col)
            taken.add(col)
    # 2. driver ratings by naming convention
    if not mapped_drivers:
        for col in columns:
            if col in taken:
                continue
            part = _driver_part(col)
            if part and _role_of(part[1], exact=False) is None:
                # "总体满意度 Overall satisfaction" is an outcome, not a driver "总体满意度 Overall"
                kind, text = part
                _add_pair(pairs, driver_key(text), kind, col, source)
                taken.add(col)
    # 3. outcome/trait names contained in longer (bilingual) headers
    for col in columns:
        if col in taken:
            continue
        role = _role_of(col, exact=False)
        if role and role not in preset:
            found[role].append(col)
            taken.add(col)
    result_drivers = []
    for name, cols in pairs.items():
        if "satisfaction" not in cols:
            raise PairingError(
                f"{source}: column {cols['importance']!r} rates the importance of {name!r} "
                "but no satisfaction column of that driver was found; name it like "
                f"'sat_{name}' or give a mapping file (--mapping)"
            )
        result_drivers.append(DriverColumns(name, cols["satisfaction"], cols.get("importance")))
    if drivers:
        wanted = {driver_key(d) for d in drivers}
        missing = wanted - {d.name for d in result_drivers}
        if missing:
            raise PairingError(
                f"{source}: no rating columns for driver(s) {', '.join(sorted(missing))}; "
                f"found: {', '.join(d.name for d in result_drivers) or 'none'}"
            )
        result_drivers = [d for d in result_drivers if d.name in wanted]
    if not result_drivers:
        raise PairingError(
            f"{source}: no driver rating columns found; name them like imp_price/sat_price, "
            "price_imp/price_sat, 资费重要性/资费满意度, or give a mapping file (--mapping)"
        )
    single = {}
    for role in ("overall", "recommend", *TRAIT_ROLES):
        cols = found[role]
        if len(cols) > 1:
            raise PairingError(
                f"{source}: several columns look like {role!r}: {', '.join(map(repr, cols))}; "
                "keep one or say which in a mapping file (--mapping)"
            )
        single[role] = cols[0] if cols else None
    return SurveyColumns(
        drivers=tuple(result_drivers),
        overall=single["overall"],
        behavioural=tuple(found["behavioural"]),
        intentional=tuple(found["intentional"]),
        recommend=single["recommend"],
        emotional=tuple(found["emotional"]),
        traits={r: single[r] for r in TRAIT_ROLES if single[r]},
        scales=scales,
        notes=tuple(notes),
    )


def _add_pair(pairs: dict, name: str, kind: str, col: str, source: str) -> None:
    slot = pairs.setdefault(name, {})
    if kind in slot:
        raise PairingError(
            f"{source}: columns {slot[kind]!r} and {col!r} both look like the {kind} "
            f"rating of driver {name!r}; rename one or give a mapping file (--mapping)"
        )
    slot[kind] = col


def parse_scale(text: object, where: str) -> tuple[float, float]:
    """Parse a scale such as ``"1-5"``, ``"0-10"`` or ``"1,7"`` into (low, high)."""
    m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(?:-|–|,|to|~|～)\s*(-?\d+(?:\.\d+)?)\s*", str(text))
    if not m or float(m.group(1)) >= float(m.group(2)):
        raise MappingFileError(f"{where}: scale {text!r} is not like '1-5' or '0-10'")
    return float(m.group(1)), float(m.group(2))


def read_mapping(path: str | Path) -> list[dict]:
    """Read a mapping file: CSV with columns ``column, role[, driver][, scale]`` or YAML.

    The YAML form is a list of the same records (``- {column: imp_x, role:
    importance, driver: x, scale: 1-5}``). Roles: importance, satisfaction,
    overall, behavioural, intentional, recommend, emotional and the trait roles
    segment, customer_type, spend, tenure, age, region, competitor_offer,
    competitor_price.

    Raises
    ------
    MappingFileError
        Missing file, unknown role, driver rating without a driver name, bad scale.
    """
    path = Path(path)
    if not path.is_file():
        raise MappingFileError(f"{path}: mapping file not found")
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        import yaml

        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        except (yaml.YAMLError, UnicodeDecodeError) as exc:
            raise MappingFileError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise MappingFileError(
                f"{path}: expected a list of records like '- {{column: imp_price, role: importance, driver: price}}'"
            )
        records = [{str(k): ("" if v is None else str(v)) for k, v in r.items()} for r in data]
        where = [f"{path.name}, item {i + 1}" for i in range(len(records))]
    elif suffix in {".csv", ".txt"}:
        from kano.io.files import read_table

        table = read_table(path)
        frame = table.frame.astype(object).where(table.frame.notna(), "")
        frame.columns = [c.strip().lower() for c in frame.columns]
        if not {"column", "role"} <= set(frame.columns):
            raise MappingFileError(
                f"{path}: the mapping needs the columns 'column' and 'role' "
                f"(found {', '.join(map(repr, frame.columns))})"
            )
        records = [{k: str(v).strip() for k, v in r.items()} for r in frame.to_dict("records")]
        where = [f"{path.name}, row {table.row_number(i)}" for i in frame.index]
    else:
        raise MappingFileError(f"{path}: mapping files are .csv or .yaml")
    out = []
    for rec, loc in zip(records, where, strict=True):
        role = rec.get("role", "").strip().lower()
        col = rec.get("column", "").strip()
        if not col:
            raise MappingFileError(f"{loc}: the column name is blank")
        if role not in ALL_ROLES:
            raise MappingFileError(
                f"{loc}: unknown role {rec.get('role', '')!r}; use one of {', '.join(ALL_ROLES)}"
            )
        driver = rec.get("driver", "").strip()
        if role in DRIVER_ROLES and not driver:
            raise MappingFileError(f"{loc}: an {role} column needs a driver name")
        scale = rec.get("scale", "").strip()
        out.append(
            {
                "column": col,
                "role": role,
                "driver": driver,
                "scale": parse_scale(scale, loc) if scale else None,
                "_source": loc,
            }
        )
    if not out:
        raise MappingFileError(f"{path}: the mapping file has no rows")
    return out
