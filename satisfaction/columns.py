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
see :func:`read_mapping`). Only a mapping file can give a driver several items
(several columns with the same driver and role) or declare a numeric driver
(scale ``numeric``: tenure in months, monthly spend, a count).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kano.shared.errors import MappingFileError, PairingError
from kano.shared.records import Note
from kano.shared.text import key as text_key
from satisfaction.notes import note

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

#: Synonyms of the default drivers (their keys name them in the catalogue, ``driver.<key>``).
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

#: The scale word of a mapping file for a column read as a number, not a rating.
NUMERIC = "numeric"
#: Roles whose column may be declared numeric: a driver's measure, the overall
#: outcome, and the traits that are quantities (tenure and spend always are).
NUMERIC_ROLES = ("satisfaction", "overall", "tenure", "spend", "age", "competitor_price")
#: A count by its name: the word count, number, n, num or no (of), or 次数/数量/个数/数目.
_COUNT_WORDS = re.compile(r"(?:^|\s)(?:counts?|number|n|num|no)(?:\s|$)|次数|数量|个数|数目")


@dataclass(frozen=True)
class DriverColumns:
    """One driver: its key and its columns.

    ``satisfaction``: the items measuring the driver (one or more rating
    columns; for a ``numeric`` driver exactly one column read as a number);
    ``importance``: its stated-importance items (none for a numeric driver).
    """

    name: str
    satisfaction: tuple[str, ...]
    importance: tuple[str, ...] = ()
    numeric: bool = False


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
    numeric: columns declared ``numeric`` in the mapping file (read as numbers).
    notes: what detection did, for the Method sheet (:class:`~kano.shared.records.Note`).
    """

    drivers: tuple[DriverColumns, ...]
    overall: str | None = None
    behavioural: tuple[str, ...] = ()
    intentional: tuple[str, ...] = ()
    recommend: str | None = None
    emotional: tuple[str, ...] = ()
    traits: Mapping[str, str] = field(default_factory=dict)
    scales: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    numeric: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()

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
            rows.extend((c, "importance", d.name) for c in d.importance)
            rows.extend((c, "satisfaction", d.name) for c in d.satisfaction)
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
    return text_key(text, drop_brackets=True)


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
    mapping: Sequence[Mapping[str, object]] | None = None,
    drivers: Sequence[str] | None = None,
    source: str = "the table",
) -> SurveyColumns:
    """Find drivers, outcomes and traits in ``frame``'s headers.

    ``mapping`` (records ``column, role, driver, scale`` as read by
    :func:`read_mapping`) overrides detection: roles it names are taken from it,
    and when it names any driver column, drivers come from it alone. In a
    mapping, several columns with the same driver and role are the items of
    that driver; a ``numeric`` satisfaction column is a numeric driver.
    ``drivers`` restricts the result to these driver keys or names.

    Raises
    ------
    PairingError
        No driver found, a driver rated twice by naming convention, an
        importance without satisfaction.
    MappingFileError
        A mapped column is not in the table or is listed twice for one driver;
        a numeric driver with several columns, an importance rating or rating items.
    """
    columns = [str(c) for c in frame.columns]
    taken: set[str] = set()
    found: dict[str, list[str]] = {r: [] for r in OUTCOME_ROLES + TRAIT_ROLES}
    pairs: dict[str, dict[str, list[str]]] = {}
    scales: dict[str, tuple[float, float]] = {}
    numeric: list[str] = []
    notes: list[Note] = []
    mapped_drivers = False
    if mapping:
        for rec in mapping:
            col, role = str(rec["column"]), str(rec["role"])
            where = rec.get("_source", "mapping")
            if col not in columns:
                raise MappingFileError(
                    f"{where}: column {col!r} is not in {source}; "
                    f"the columns are: {', '.join(map(repr, columns[:30]))}"
                )
            taken.add(col)
            if rec.get("scale") == NUMERIC:
                numeric.append(col)
            elif rec.get("scale"):
                scales[col] = rec["scale"]  # type: ignore[assignment]
            if role in DRIVER_ROLES:
                mapped_drivers = True
                name = driver_key(str(rec.get("driver") or col))
                items = pairs.setdefault(name, {}).setdefault(role, [])
                if col in items:
                    raise MappingFileError(
                        f"{where}: column {col!r} is listed twice as a {role} item of "
                        f"driver {name!r}; list each item once"
                    )
                items.append(col)
            else:
                found[role].append(col)
        notes.append(note("columns_from_mapping", n=len(mapping)))
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
    result_drivers = [
        _driver(name, cols, set(numeric), scales, source) for name, cols in pairs.items()
    ]
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
            "price_imp/price_sat, 资费重要性/资费满意度, or give a mapping file ({opt:mapping})"
        )
    single = {}
    for role in ("overall", "recommend", *TRAIT_ROLES):
        cols = found[role]
        if len(cols) > 1:
            raise PairingError(
                f"{source}: several columns look like {role!r}: {', '.join(map(repr, cols))}; "
                "keep one or say which in a mapping file ({opt:mapping})"
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
        numeric=tuple(numeric),
        notes=tuple(notes),
    )


def _driver(
    name: str,
    cols: Mapping[str, list[str]],
    numeric: set[str],
    scales: Mapping[str, tuple[float, float]],
    source: str,
) -> DriverColumns:
    """The driver ``name`` from its items by role, checked."""
    sat, imp = tuple(cols.get("satisfaction", ())), tuple(cols.get("importance", ()))
    if not sat:
        raise PairingError(
            f"{source}: column {imp[0]!r} rates the importance of {name!r} "
            "but no satisfaction column of that driver was found; name it like "
            f"'sat_{name}' or give a mapping file ({{opt:mapping}})"
        )
    is_numeric = [c in numeric for c in sat]
    if any(is_numeric) and not all(is_numeric):
        described = {c: NUMERIC if c in numeric else _scale_text(scales.get(c)) for c in sat}
        raise scale_mismatch(source, name, "satisfaction", described)
    if any(is_numeric):
        if len(sat) > 1:
            raise MappingFileError(
                f"{source}: numeric driver {name!r} has {len(sat)} columns "
                f"({', '.join(map(repr, sat))}); numbers in different units cannot be averaged: "
                "give each column its own driver name"
            )
        if imp:
            raise MappingFileError(
                f"{source}: numeric driver {name!r} ({sat[0]!r}) has an importance rating "
                f"({', '.join(map(repr, imp))}), but a number has no place on the IPA map; "
                "drop the importance row, or map a rating of the driver instead"
            )
    return DriverColumns(name, sat, imp, numeric=any(is_numeric))


def _scale_text(scale: tuple[float, float] | None) -> str:
    return "rating (scale not declared)" if scale is None else f"{scale[0]:g}-{scale[1]:g}"


def scale_mismatch(
    source: str, driver: str, role: str, scales: Mapping[str, str]
) -> MappingFileError:
    """The error for items of one driver on different scales (``scales``: column -> scale text)."""
    listed = ", ".join(f"{c!r} {s}" for c, s in scales.items())
    return MappingFileError(
        f"{source}: the {role} items of driver {driver!r} are on different scales ({listed}); "
        "the items of one driver must share one scale: correct the scale column of the "
        "mapping file, or give these columns different driver names"
    )


def nonnegative_kind(*names: str) -> str | None:
    """``tenure``, ``spend`` or ``count`` when one of ``names`` (a role, a column or
    driver name) says the column holds such a quantity, which cannot be negative."""
    for name in names:
        if name in ("tenure", "spend"):
            return name
        role = _role_of(name, exact=False)
        if role in ("tenure", "spend"):
            return role
        words = re.sub(r"[\s_\-.:：、/()（）]+", " ", str(name).lower()).strip()
        if _COUNT_WORDS.search(words):
            return "count"
    return None


def _add_pair(pairs: dict, name: str, kind: str, col: str, source: str) -> None:
    slot = pairs.setdefault(name, {})
    if kind in slot:
        raise PairingError(
            f"{source}: columns {slot[kind][0]!r} and {col!r} both look like the {kind} "
            f"rating of driver {name!r}; rename one, or if both are items of that driver "
            "list them in a mapping file ({opt:mapping}) with the same driver, e.g. the CSV "
            f"lines '{slot[kind][0]},{kind},{name}' and '{col},{kind},{name}' under the "
            "header 'column,role,driver'"
        )
    slot[kind] = [col]


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
    competitor_price. Several rows with the same driver and role are the items
    of that driver. ``scale`` is a range (``1-5``), blank (inferred) or
    ``numeric`` (read as a number, not a rating; for the roles in
    :data:`NUMERIC_ROLES`): a numeric satisfaction column is a numeric driver.

    Returns records ``column, role, driver, scale, _source``; ``scale`` is
    ``(low, high)``, ``"numeric"`` or ``None``.

    Raises
    ------
    MappingFileError
        Missing file, unknown role, driver rating without a driver name, bad
        scale, ``numeric`` for a role that is a rating.
    """
    path = Path(path)
    if not path.is_file():
        raise MappingFileError(f"{path}: mapping file not found")
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        from kano.shared.mapfiles import load_yaml

        data = load_yaml(path, "mapping file")
        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise MappingFileError(
                f"{path}: expected a list of records like '- {{column: imp_price, role: importance, driver: price}}'"
            )
        records = [{str(k): ("" if v is None else str(v)) for k, v in r.items()} for r in data]
        where = [f"{path.name}, item {i + 1}" for i in range(len(records))]
    elif suffix in {".csv", ".txt"}:
        from kano.shared.files import read_table

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
    rated: dict[str, tuple[str, str, str]] = {}
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
        if role in DRIVER_ROLES:  # a trait may also be a numeric driver; a rating rates one thing
            other = rated.setdefault(col, (loc, role, driver))
            if other[1:] != (role, driver):
                raise MappingFileError(
                    f"{loc}: the column {col!r} is the {role} of {driver!r} here and the "
                    f"{other[1]} of {other[2]!r} in {other[0]}; a rating column rates one "
                    "driver: keep one of them"
                )
        scale = rec.get("scale", "").strip()
        if scale.lower() == NUMERIC and role not in NUMERIC_ROLES:
            raise MappingFileError(
                f"{loc}: scale 'numeric' is for a driver measured by a number (role "
                "satisfaction), a numeric overall outcome or the traits "
                f"{', '.join(NUMERIC_ROLES[2:])}; a {role} column is a rating: give its scale "
                "like 1-5 or leave it blank"
            )
        out.append(
            {
                "column": col,
                "role": role,
                "driver": driver,
                "scale": NUMERIC
                if scale.lower() == NUMERIC
                else parse_scale(scale, loc)
                if scale
                else None,
                "_source": loc,
            }
        )
    if not out:
        raise MappingFileError(f"{path}: the mapping file has no rows")
    return out
