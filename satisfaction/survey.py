"""A satisfaction survey read and validated: :func:`load_survey` and :class:`Survey`.

The file (or DataFrame) is read by the shared reader, its columns are found
(:mod:`satisfaction.columns`) and every cell is turned into a number
(:mod:`satisfaction.validate`): ratings of the drivers (a multi-item driver's
score is the mean of the items answered, kept with at least ``min_items``;
docs/methods.md §S1), numeric drivers, outcomes (overall satisfaction, the
loyalty index, likelihood to recommend) and customer traits (value segment,
tenure, age, region, competitors). Nothing here depends on a language: what
the user should know is kept as :class:`~kano.shared.records.Note` records.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kano.shared.errors import CustomerTypeError, OptionError
from kano.shared.files import RawTable, read_table, text_encoding
from kano.shared.ratings import LabelMap, load_label_map
from kano.shared.records import Note
from kano.shared.segments import (
    KEY_ACCOUNT_SPEND,
    read_customer_types,
    tenure_band,
    value_segment,
)
from satisfaction.columns import (
    SurveyColumns,
    find_columns,
    nonnegative_kind,
    read_mapping,
    scale_mismatch,
)
from satisfaction.display import html_view, text_view
from satisfaction.loyalty import RECOMMEND_SCALE, loyalty_scores
from satisfaction.validate import (
    Scale,
    as_scale,
    check_nonnegative,
    missing_counts,
    ratings,
    to_binary,
    to_numeric,
)


@dataclass(frozen=True)
class Survey:
    """A validated satisfaction survey.

    ``satisfaction`` and ``importance`` have one column per rated driver (named
    by the driver key): its score, the mean of the items a respondent answered
    when at least ``min_items`` were answered (a single-item driver's score is
    its rating); ``numeric`` holds the numeric drivers (numbers, not ratings);
    ``items`` has one row per driver and role: ``driver, role`` (satisfaction,
    importance or numeric), ``items`` (its columns), ``n_items``, ``min_items``,
    ``n`` and ``n_missing`` (respondents with and without a score).
    ``outcomes`` holds ``overall``, ``loyalty_index`` and ``recommend`` when
    available; ``traits`` holds ``value_segment``, ``tenure_months``,
    ``tenure_band``, ``age``, ``region``, ``competitor_offer``,
    ``competitor_price`` when available; ``observed`` the extra predictors of
    the derived-importance model, ``observed_groups`` their driver names and
    ``observed_sources`` the input columns each is computed from.
    """

    table: RawTable
    columns: SurveyColumns
    satisfaction: pd.DataFrame
    importance: pd.DataFrame | None
    satisfaction_scale: Scale | None
    importance_scale: Scale | None
    outcomes: pd.DataFrame
    outcome_scales: dict[str, Scale]
    traits: pd.DataFrame
    observed: pd.DataFrame
    observed_groups: dict[str, list[str]]
    missing: pd.DataFrame
    numeric: pd.DataFrame = field(default_factory=pd.DataFrame)
    items: pd.DataFrame = field(default_factory=pd.DataFrame)
    observed_sources: dict[str, tuple[str, ...]] = field(default_factory=dict)
    notes: tuple[Note, ...] = field(default_factory=tuple)

    def _facts(self) -> list[str]:
        rated = ", ".join(map(str, self.satisfaction.columns)) or "none"
        facts = [self.table.source, f"{len(self.table.frame)} respondents", f"drivers: {rated}"]
        if self.numeric.shape[1]:
            facts.append(f"numeric drivers: {', '.join(map(str, self.numeric.columns))}")
        if self.satisfaction_scale:
            facts.append(f"scale {self.satisfaction_scale}")
        facts.append("stated importance" if self.importance is not None else "no stated importance")
        if self.outcomes.shape[1]:
            facts.append(f"outcomes: {', '.join(self.outcomes.columns)}")
        if self.traits.shape[1]:
            facts.append(f"traits: {', '.join(self.traits.columns)}")
        return facts

    def __repr__(self) -> str:
        return text_view("Survey", self._facts())

    def _repr_html_(self) -> str:
        return html_view("Satisfaction survey", self._facts(), self.items,
                         ("driver", "role", "n_items", "min_items", "n", "n_missing"))  # fmt: skip


def load_survey(
    source: str | os.PathLike | pd.DataFrame,
    sheet: str | None = None,
    mapping: str | os.PathLike | None = None,
    scale: Scale | str | None = None,
    key_account_spend: float = KEY_ACCOUNT_SPEND,
    min_items: int | None = None,
    *,
    labels: LabelMap | str | os.PathLike | None = None,
    customer_types: Mapping[str, str] | str | os.PathLike | None = None,
    encoding: str | None = None,
) -> Survey:
    """Read and validate a satisfaction survey.

    Parameters
    ----------
    source:
        An .xlsx/.csv/.sav export or a DataFrame.
    sheet:
        The workbook sheet (default: the first).
    mapping:
        A mapping file (CSV/YAML: ``column, role, driver, scale``) that says
        what each column is (default: found from the headers).
    scale:
        The drivers' rating scale (``"1-5"`` or a :class:`Scale`; default: from
        the labels or inferred).
    key_account_spend:
        Monthly spend (yuan) above which a customer is a key account.
    min_items:
        Answered items a respondent needs for a driver's score (default: half
        of the driver's items, rounded up; docs/methods.md §S1).
    labels:
        The user's rating labels and their numbers (a label map or its file),
        read beside the built-in label sets by every rating column (§S1a).
    customer_types:
        Segments of customer types the built-in vocabulary does not know
        (``'VIP=key_account'``, a mapping, or a YAML/CSV file).
    encoding:
        Text encoding of a CSV export (``big5``, ``gb18030`` …; default: detected).

    Returns the :class:`Survey`.

    Raises the toolkit's errors (InputFileError, PairingError, MappingFileError,
    InvalidValueError naming the cell, CustomerTypeError, OptionError).
    """
    if min_items is not None and min_items < 1:
        raise OptionError(f"{{opt:min_items}} must be 1 or more, not {min_items}")
    scale = as_scale(scale)
    if labels is not None and not isinstance(labels, LabelMap):
        labels = load_label_map(labels)
    types = read_customer_types(customer_types)
    table = read_table(source, sheet, text_encoding(encoding) if encoding else None)
    records = read_mapping(mapping) if mapping else None
    cols = find_columns(table.frame, records, source=table.source)
    notes = [*table.notes, *cols.notes]
    declared = dict(cols.scales)
    rated = [d for d in cols.drivers if not d.numeric]
    item_rows: list[dict] = []
    satisfaction = pd.DataFrame(index=table.frame.index)
    sat_scale = None
    sat = pd.DataFrame(index=table.frame.index)
    if rated:
        sat_cols = [c for d in rated for c in d.satisfaction]
        sat, sat_scales, n1 = ratings(
            table, sat_cols, scale, declared, "satisfaction rating", labels=labels
        )
        notes += n1
        items = {d.name: d.satisfaction for d in rated}
        satisfaction = _scores(table, sat, sat_scales, items, "satisfaction", min_items, item_rows)
        sat_scale = sat_scales[sat_cols[0]]
    importance = None
    imp_scale = None
    imp = pd.DataFrame(index=table.frame.index)
    imp_items = {d.name: d.importance for d in rated if d.importance}
    if imp_items:
        imp_cols = [c for v in imp_items.values() for c in v]
        imp, imp_scales, n2 = ratings(
            table, imp_cols, scale, declared, "importance rating", labels=labels
        )
        notes += n2
        importance = _scores(table, imp, imp_scales, imp_items, "importance", min_items, item_rows)
        imp_scale = imp_scales[imp_cols[0]]
    numeric = pd.DataFrame(index=table.frame.index)
    for d in (d for d in cols.drivers if d.numeric):
        col = d.satisfaction[0]
        numeric[d.name] = number_column(table, col, "numeric driver value", "satisfaction", d.name)
        n_ok = int(numeric[d.name].notna().sum())
        item_rows.append({"driver": d.name, "role": "numeric", "items": (col,), "n_items": 1,
                          "min_items": 1, "n": n_ok, "n_missing": len(numeric) - n_ok})  # fmt: skip

    outcomes = pd.DataFrame(index=table.frame.index)
    oscales: dict[str, Scale] = {}
    if cols.overall in cols.numeric:
        outcomes["overall"] = number_column(table, cols.overall, "overall outcome value", "overall")
    elif cols.overall:
        v, s, n3 = ratings(
            table, [cols.overall], None, declared, "overall satisfaction", labels=labels
        )
        outcomes["overall"] = v[cols.overall]
        oscales["overall"] = s[cols.overall]
        notes += n3
    kinds = cols.loyalty_items()
    item_values = pd.DataFrame(index=table.frame.index)
    item_scales: dict[str, Scale] = {}
    for col in cols.behavioural:
        item_values[col] = to_binary(table, [col], "behavioural loyalty answer")[col]
        item_scales[col] = Scale(0, 1)
    for col in (*cols.intentional, *cols.emotional):
        v, s, n4 = ratings(table, [col], None, declared, "loyalty rating", labels=labels)
        item_values[col] = v[col]
        item_scales[col] = s[col]
        notes += n4
    if cols.recommend:
        v, s, _ = ratings(
            table, [cols.recommend], RECOMMEND_SCALE, declared, "recommend score", labels=labels
        )
        item_values[cols.recommend] = v[cols.recommend]
        item_scales[cols.recommend] = s[cols.recommend]
        outcomes["recommend"] = v[cols.recommend]
    if kinds:
        outcomes["loyalty_index"] = loyalty_scores(item_values, kinds, item_scales)
        oscales["loyalty_index"] = Scale(0, 100)

    traits = pd.DataFrame(index=table.frame.index)
    tr = cols.traits
    if "tenure" in tr:
        months = number_column(table, tr["tenure"], "tenure (months)", "tenure")
        traits["tenure_months"] = months
        traits["tenure_band"] = tenure_band(months)
    if "segment" in tr:
        traits["value_segment"] = text_column(table.frame[tr["segment"]])
    elif "spend" in tr:
        spend = number_column(table, tr["spend"], "monthly spend", "spend")
        ctype = table.frame[tr["customer_type"]] if "customer_type" in tr else None
        try:
            traits["value_segment"] = value_segment(spend, ctype, key_account_spend, types)
        except CustomerTypeError as exc:
            raise CustomerTypeError(f"{table.source}: {exc.args[0]}") from None
        if ctype is None:
            notes.append(Note("no_customer_type", {"threshold": f"{key_account_spend:g}"}))
    if "age" in tr:
        traits["age"] = (
            number_column(table, tr["age"], "age", "age")
            if tr["age"] in cols.numeric
            else text_column(table.frame[tr["age"]])
        )
    if "region" in tr:
        traits["region"] = text_column(table.frame[tr["region"]])
    if "competitor_offer" in tr:
        traits["competitor_offer"] = to_binary(
            table, [tr["competitor_offer"]], "competitor-offer answer"
        )[tr["competitor_offer"]]
    if "competitor_price" in tr:
        col = tr["competitor_price"]
        if col in cols.numeric:
            traits["competitor_price"] = number_column(
                table, col, "competitor price", "competitor_price"
            )
        else:
            v, _, n5 = ratings(
                table, [col], None, declared, "competitor-price rating", labels=labels
            )
            traits["competitor_price"] = v[col]
            notes += n5

    observed, groups, sources = _observed_predictors(traits, tr)
    measured = pd.concat([sat, imp, numeric.rename(columns=_numeric_columns(cols))], axis=1)
    missing = missing_counts(pd.concat([measured, outcomes], axis=1))
    return Survey(
        table=table,
        columns=cols,
        satisfaction=satisfaction,
        importance=importance,
        satisfaction_scale=sat_scale,
        importance_scale=imp_scale,
        outcomes=outcomes,
        outcome_scales=oscales,
        traits=traits,
        observed=observed,
        observed_groups=groups,
        missing=missing,
        numeric=numeric,
        items=pd.DataFrame(item_rows, columns=list(_ITEM_COLUMNS)),
        observed_sources=sources,
        notes=tuple(notes),
    )


_ITEM_COLUMNS = ("driver", "role", "items", "n_items", "min_items", "n", "n_missing")


def _numeric_columns(cols: SurveyColumns) -> dict[str, str]:
    """Numeric driver key -> its input column."""
    return {d.name: d.satisfaction[0] for d in cols.drivers if d.numeric}


def _scores(
    table: RawTable,
    values: pd.DataFrame,
    scales: dict[str, Scale],
    items: dict[str, tuple[str, ...]],
    role: str,
    min_items: int | None,
    rows: list[dict],
) -> pd.DataFrame:
    """Each driver's score: the mean of the items answered, when at least the minimum are.

    One vectorised step per driver (never per respondent); appends the driver's
    row of :attr:`Survey.items` to ``rows``.

    Raises
    ------
    MappingFileError
        The items of a driver are on different scales.
    OptionError
        ``min_items`` is larger than a driver's number of items.
    """
    out = pd.DataFrame(index=values.index)
    for name, cols in items.items():
        k = len(cols)
        own = {str(scales[c]) for c in cols}
        if len(own) > 1:
            raise scale_mismatch(table.source, name, role, {c: str(scales[c]) for c in cols})
        need = math.ceil(k / 2) if min_items is None else min_items
        if need > k:
            raise OptionError(
                f"{{opt:min_items}} {min_items}: driver {name!r} has only {k} {role} "
                f"item{'s' if k > 1 else ''} ({', '.join(map(repr, cols))}); give at most {k}, "
                "or leave {opt:min_items} out (default: half of each driver's items, rounded up)"
            )
        block = values[list(cols)]
        answered = block.notna().sum(axis=1)
        out[name] = block.mean(axis=1).where(answered >= need)
        n_ok = int(out[name].notna().sum())
        rows.append({"driver": name, "role": role, "items": tuple(cols), "n_items": k,
                     "min_items": need, "n": n_ok, "n_missing": len(out) - n_ok})  # fmt: skip
    return out


def number_column(
    table: RawTable, column: str, what: str, role: str, driver: str = ""
) -> pd.Series:
    """A column read as a number (finite, blanks NaN); refused below 0 when it is a
    tenure, a spend or a count by its role or name."""
    values = to_numeric(table, [column], what)[column]
    kind = nonnegative_kind(role, column, driver)
    if kind:
        check_nonnegative(table, values, column, _NONNEGATIVE[kind])
    return values


_NONNEGATIVE = {"tenure": "Tenure (months)", "spend": "Monthly spend", "count": "A count"}


def text_column(s: pd.Series) -> pd.Series:
    """Cells as stripped text (numbers too), blanks as NaN."""
    t = s.astype("string").str.strip()
    keep = (t.notna() & (t != "")).fillna(False).astype(bool)
    return t.astype(object).where(keep, np.nan)


def _dummies(s: pd.Series, prefix: str) -> pd.DataFrame:
    """0/1 columns for all levels but the most frequent; NaN where ``s`` is blank."""
    levels = s.dropna().value_counts()
    if len(levels) < 2:
        return pd.DataFrame(index=s.index)
    out = pd.DataFrame(index=s.index)
    for level in sorted(levels.index[1:], key=str):
        out[f"{prefix}={level}"] = (s == level).astype(float).where(s.notna())
    return out


def _observed_predictors(
    traits: pd.DataFrame, trait_columns: Mapping[str, str]
) -> tuple[pd.DataFrame, dict[str, list[str]], dict[str, tuple[str, ...]]]:
    """The observed predictors, their players, and the input columns of each predictor."""
    parts, groups = [], {}
    tr = trait_columns
    sources: dict[str, tuple[str, ...]] = {}
    if "tenure_months" in traits:
        parts.append(traits[["tenure_months"]])
        groups["tenure"] = ["tenure_months"]
        sources["tenure_months"] = (tr["tenure"],)
    trait_parts = []
    if "value_segment" in traits:
        dummies = _dummies(traits["value_segment"], "segment")
        trait_parts.append(dummies)
        from_cols = (
            (tr["segment"],)
            if "segment" in tr
            else tuple(tr[r] for r in ("spend", "customer_type") if r in tr)
        )
        sources.update({c: from_cols for c in dummies.columns})
    if "age" in traits:
        age = pd.to_numeric(traits["age"], errors="coerce")
        if age.notna().sum() == traits["age"].notna().sum():
            age_part = age.rename("age").to_frame()
        else:
            age_part = _dummies(traits["age"], "age")
        trait_parts.append(age_part)
        sources.update({c: (tr["age"],) for c in age_part.columns})
    trait_frame = pd.concat(trait_parts, axis=1) if trait_parts else pd.DataFrame()
    if trait_frame.shape[1]:
        parts.append(trait_frame)
        groups["customer_traits"] = list(trait_frame.columns)
    comp = [c for c in ("competitor_offer", "competitor_price") if c in traits]
    if comp:
        parts.append(traits[comp])
        groups["competitors"] = comp
        sources.update({c: (tr[c],) for c in comp})
    observed = pd.concat(parts, axis=1) if parts else pd.DataFrame(index=traits.index)
    return observed, groups, sources
