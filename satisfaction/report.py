"""Whole jobs behind ``kano ipa`` and ``kano drivers``: read, validate, analyse, write.

:func:`load_survey` turns a file (or DataFrame) into a :class:`Survey` with
numeric, validated columns (a multi-item driver's score is the mean of the items
answered, kept with at least ``min_items``); :func:`derived_importance` builds
the derived-importance model (rated and numeric drivers + tenure + customer
traits + competitors, never counting one input twice); :func:`run_ipa` and
:func:`run_drivers` write by the output's suffix: the workbook (and the IPA
map) with the shared writer, the main table as CSV, or every table as JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import json
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

import kano
from kano.shared.errors import OptionError, OutputError
from kano.shared.files import RawTable, read_table
from kano.shared.output import atomic_path, check_output_path
from kano.shared.ratings import LabelMap
from kano.shared.segments import KEY_ACCOUNT_SPEND, tenure_band, value_segment
from kano.shared.workbook import SheetSpec, write_workbook
from satisfaction import labels
from satisfaction.charts import save_ipa_map
from satisfaction.columns import (
    SurveyColumns,
    find_columns,
    nonnegative_kind,
    read_mapping,
    scale_mismatch,
)
from satisfaction.drivers import DerivedImportance, bootstrap_counts, relative_importance
from satisfaction.ipa import IPAResult, compare_importance, ipa, parse_crosshair
from satisfaction.loyalty import (
    NPSResult,
    default_thresholds,
    loyalty_index,
    nps,
    satisfaction_zones,
)
from satisfaction.segments import check_nonnegative, compare_groups, group_means
from satisfaction.validate import Scale, infer_scale, missing_counts, ratings, to_binary, to_numeric

_RECOMMEND_SCALE = Scale(0, 10)


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
    notes: tuple[str, ...] = field(default_factory=tuple)


def load_survey(
    source: str | os.PathLike | pd.DataFrame,
    sheet: str | None = None,
    mapping: str | os.PathLike | None = None,
    scale: Scale | None = None,
    key_account_spend: float = KEY_ACCOUNT_SPEND,
    min_items: int | None = None,
    *,
    labels: LabelMap | None = None,
) -> Survey:
    """Read and validate a satisfaction survey (see :class:`Survey`).

    ``min_items``: answered items a respondent needs for a driver's score
    (default: half of the driver's items, rounded up; docs/methods.md §S1).
    ``labels``: the user's rating labels and their numbers (a label map), read
    beside the built-in label sets by every rating column (docs/methods.md §S1a).

    Raises the toolkit's errors (InputFileError, PairingError, MappingFileError,
    InvalidValueError naming the cell, OptionError).
    """
    if min_items is not None and min_items < 1:
        raise OptionError(f"--min-items must be 1 or more, not {min_items}")
    table = read_table(source, sheet)
    records = read_mapping(mapping) if mapping else None
    cols = find_columns(table.frame, records, source=table.source)
    notes = [str(n) for n in table.notes] + list(cols.notes)
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
        numeric[d.name] = _number(table, col, "numeric driver value", "satisfaction", d.name)
        n_ok = int(numeric[d.name].notna().sum())
        item_rows.append({"driver": d.name, "role": "numeric", "items": (col,), "n_items": 1,
                          "min_items": 1, "n": n_ok, "n_missing": len(numeric) - n_ok})  # fmt: skip

    outcomes = pd.DataFrame(index=table.frame.index)
    oscales: dict[str, Scale] = {}
    if cols.overall in cols.numeric:
        outcomes["overall"] = _number(table, cols.overall, "overall outcome value", "overall")
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
            table, [cols.recommend], _RECOMMEND_SCALE, declared, "recommend score", labels=labels
        )
        item_values[cols.recommend] = v[cols.recommend]
        item_scales[cols.recommend] = s[cols.recommend]
        outcomes["recommend"] = v[cols.recommend]
    if kinds:
        outcomes["loyalty_index"] = loyalty_index(item_values, kinds, item_scales)
        oscales["loyalty_index"] = Scale(0, 100)

    traits = pd.DataFrame(index=table.frame.index)
    tr = cols.traits
    if "tenure" in tr:
        months = _number(table, tr["tenure"], "tenure (months)", "tenure")
        traits["tenure_months"] = months
        traits["tenure_band"] = tenure_band(months)
    if "segment" in tr:
        traits["value_segment"] = _text(table.frame[tr["segment"]])
    elif "spend" in tr:
        spend = _number(table, tr["spend"], "monthly spend", "spend")
        ctype = table.frame[tr["customer_type"]] if "customer_type" in tr else None
        traits["value_segment"] = value_segment(spend, ctype, key_account_spend)
        if ctype is None:
            notes.append("no customer-type column: value segments are key account / public only")
    if "age" in tr:
        traits["age"] = (
            _number(table, tr["age"], "age", "age")
            if tr["age"] in cols.numeric
            else _text(table.frame[tr["age"]])
        )
    if "region" in tr:
        traits["region"] = _text(table.frame[tr["region"]])
    if "competitor_offer" in tr:
        traits["competitor_offer"] = to_binary(
            table, [tr["competitor_offer"]], "competitor-offer answer"
        )[tr["competitor_offer"]]
    if "competitor_price" in tr:
        col = tr["competitor_price"]
        if col in cols.numeric:
            traits["competitor_price"] = _number(table, col, "competitor price", "competitor_price")
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
                f"--min-items {min_items}: driver {name!r} has only {k} {role} "
                f"item{'s' if k > 1 else ''} ({', '.join(map(repr, cols))}); give at most {k}, "
                "or leave --min-items out (default: half of each driver's items, rounded up)"
            )
        block = values[list(cols)]
        answered = block.notna().sum(axis=1)
        out[name] = block.mean(axis=1).where(answered >= need)
        n_ok = int(out[name].notna().sum())
        rows.append({"driver": name, "role": role, "items": tuple(cols), "n_items": k,
                     "min_items": need, "n": n_ok, "n_missing": len(out) - n_ok})  # fmt: skip
    return out


def _number(table: RawTable, column: str, what: str, role: str, driver: str = "") -> pd.Series:
    """A column read as a number (finite, blanks NaN); refused below 0 when it is a
    tenure, a spend or a count by its role or name."""
    values = to_numeric(table, [column], what)[column]
    kind = nonnegative_kind(role, column, driver)
    if kind:
        check_nonnegative(table, values, column, _NONNEGATIVE[kind])
    return values


_NONNEGATIVE = {"tenure": "Tenure (months)", "spend": "Monthly spend", "count": "A count"}


def _text(s: pd.Series) -> pd.Series:
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


def _outcome(survey: Survey, outcome: str | None, predictors: Mapping[str, str]) -> pd.Series:
    o = survey.outcomes
    if outcome is None:
        for key in ("overall", "loyalty_index"):
            if key in o:
                return o[key]
        raise OptionError(
            f"{survey.table.source}: no outcome for derived importance (no overall-satisfaction "
            "column and no loyalty items); name one with --outcome"
        )
    key = {"loyalty": "loyalty_index", "overall_satisfaction": "overall"}.get(outcome, outcome)
    if key in o:
        return o[key]
    if outcome in predictors:
        what = predictors[outcome]
        hint = (
            " (or, in kano drivers, leave it out with --rated-only)"
            if what.startswith("the source")
            else ""
        )
        raise OptionError(
            f"--outcome {outcome!r}: that column is {what}, a predictor of the model; "
            f"choose another outcome{hint}"
        )
    if outcome in survey.table.frame.columns:
        return _number(survey.table, outcome, "outcome value", "outcome")
    available = [k for k in ("overall", "loyalty") if {"loyalty": "loyalty_index"}.get(k, k) in o]
    raise OptionError(
        f"--outcome {outcome!r}: not a column of {survey.table.source}; "
        f"built-in outcomes here: {', '.join(available) or 'none'}"
    )


_DROPPED = {
    "en": "observed predictor(s) {names} left out of derived importance: the declared driver(s) "
    "{drivers} stand for the same input (same column or name), so it is not counted twice",
    "zh": "观测变量 {names} 未纳入推导重要性：已声明的驱动因素 {drivers} 代表同一输入(同一列或同名)，"
    "不重复计算",
}


def _model_observed(survey: Survey) -> tuple[pd.DataFrame, dict[str, list[str]], dict[str, str]]:
    """The observed predictors that no declared driver stands for, and the dropped ones.

    A declared driver (rated or numeric) replaces an observed predictor computed
    from one of its columns, one whose player has the driver's name, and one with
    the same column name in the model: the same input is never counted twice.
    Returns the predictors, their players, and dropped column -> driver.
    """
    declared = {d.name: {*d.satisfaction, *d.importance} for d in survey.columns.drivers}
    dropped: dict[str, str] = {}
    groups: dict[str, list[str]] = {}
    for group, cols in survey.observed_groups.items():
        keep = []
        for col in cols:
            sources = set(survey.observed_sources.get(col, ()))
            by = next(
                (n for n, own in declared.items() if n in (group, col) or own & sources), None
            )
            if by is None:
                keep.append(col)
            else:
                dropped[col] = by
        if keep:
            groups[group] = keep
    kept = [c for g in groups.values() for c in g]
    return survey.observed[kept], groups, dropped


def _predictor_columns(survey: Survey, observed: bool) -> dict[str, str]:
    """Input column -> what it is in the model (for refusing it as the outcome)."""
    out = {}
    for d in survey.columns.drivers:
        kind = "the numeric driver" if d.numeric else "an item of driver"
        out.update({c: f"{kind} {d.name!r}" for c in d.satisfaction})
    if observed:
        _, groups, _ = _model_observed(survey)
        for group, cols in groups.items():
            for col in cols:
                out.update(
                    {
                        c: f"the source of the {group} predictor"
                        for c in survey.observed_sources.get(col, ())
                    }
                )
    return out


def derived_importance(
    survey: Survey,
    outcome: str | None = None,
    bootstrap: int = 0,
    seed: int = 0,
    counts: np.ndarray | None = None,
    observed: bool = True,
    lang: str = "en",
) -> DerivedImportance:
    """Derived importance of every driver for ``outcome`` (default: overall, else loyalty index).

    Predictors: each rated driver's satisfaction score, each numeric driver,
    and with ``observed`` the drivers without a rating: tenure, customer traits
    (value segment and age dummies, one player), competitors (competitor
    offer/price, one player), except those a declared driver stands for (see
    :func:`_model_observed`; a note in ``lang`` names them). The ``columns`` of
    a declared driver are its input columns.
    """
    y = _outcome(survey, outcome, _predictor_columns(survey, observed))
    obs, obs_groups, dropped = _model_observed(survey) if observed else (None, {}, {})
    x = pd.concat([survey.satisfaction, survey.numeric, obs], axis=1)
    groups = {d: [d] for d in (*survey.satisfaction.columns, *survey.numeric.columns)}
    groups.update(obs_groups)
    res = relative_importance(x, y.rename(outcome or y.name), groups, bootstrap, seed, counts)
    inputs = {d.name: ", ".join(d.satisfaction) for d in survey.columns.drivers}
    table = res.table.assign(columns=res.table["driver"].map(inputs).fillna(res.table["columns"]))
    notes = list(res.notes)
    if dropped:
        notes.append(
            _DROPPED[lang].format(
                names=", ".join(dropped), drivers=", ".join(dict.fromkeys(dropped.values()))
            )
        )
    return dataclasses.replace(res, table=table, notes=tuple(notes))


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class ReportResult:
    """What a job wrote: ``output`` (workbook, CSV or JSON), ``charts`` and the main tables."""

    output: Path
    charts: tuple[Path, ...]
    drivers: pd.DataFrame | None
    derived: DerivedImportance | None
    nps: NPSResult | None
    notes: tuple[str, ...]


#: Output types of ``kano ipa`` and ``kano drivers`` by suffix.
OUTPUT_SUFFIXES = (".xlsx", ".csv", ".json")


def _plan_output(
    source: str | os.PathLike | pd.DataFrame,
    out: str | os.PathLike | None,
    mapping: str | os.PathLike | None,
    job: str,
) -> tuple[Path, str]:
    """The output path (default ``<input>_<job>.xlsx``) and its suffix, checked before any work.

    Raises
    ------
    OutputError
        An unknown suffix, the path of an input, or a missing folder.
    OptionError
        No output path for a DataFrame input.
    """
    frame = isinstance(source, pd.DataFrame)
    if out is None:
        if frame:
            raise OptionError("give an output path (-o) when the input is a DataFrame")
        p = Path(source)
        target = p.with_name(f"{p.stem}_{job}.xlsx")
    else:
        target = Path(out)
    kind = target.suffix.lower()
    if kind not in OUTPUT_SUFFIXES:
        main = "the drivers table" if job == "ipa" else "the derived-importance table"
        what = f"unknown output type {target.suffix!r}" if kind else "the name has no suffix"
        raise OutputError(
            f"{target}: {what}; use .xlsx (the workbook), .csv ({main}) "
            "or .json (every table and the method record)"
        )
    check_output_path(target, [q for q in (None if frame else source, mapping) if q])
    return target, kind


def _write_output(
    target: Path,
    kind: str,
    sheets: list[SheetSpec],
    tables: Mapping[str, tuple[pd.DataFrame, str | None]],
    method: dict,
    lang: str,
) -> None:
    """Write by suffix: the workbook, the main table as CSV, or every table as JSON."""
    if kind == ".xlsx":
        write_workbook(target, sheets, method, method_sheet_name=labels.sheet("method", lang))
    elif kind == ".csv":
        from kano.report import write_summary  # the toolkit's one CSV writer

        write_summary(target, sheets[0].frame)
    else:
        payload = {
            "method": method,
            "tables": {
                key: {"title": title, "rows": _json_rows(frame, lang)}
                for key, (frame, title) in tables.items()
            },
        }
        with atomic_path(target) as tmp:
            text = json.dumps(payload, ensure_ascii=False, indent=2, default=str)
            tmp.write_text(text, encoding="utf-8")


def _json_rows(frame: pd.DataFrame, lang: str) -> list[dict]:
    """Records with the library's column names, plus the names in ``lang`` of coded values."""
    out = frame.copy()
    for col, names in (
        ("quadrant", labels.QUADRANT_NAMES[lang]),
        ("zone", labels.ZONE_NAMES[lang]),
        ("segment", labels.SEGMENT_NAMES[lang]),
    ):
        if col in out:
            out.insert(out.columns.get_loc(col) + 1, f"{col}_name", out[col].map(names))
    if "driver" in out:
        name = out["driver"].map(lambda d: labels.driver_name(str(d), lang))
        out.insert(out.columns.get_loc("driver") + 1, "driver_name", name)
    return json.loads(out.to_json(orient="records", force_ascii=False, double_precision=15))


def _split_by(survey: Survey, by: str) -> pd.Series:
    t = survey.traits
    if by in {"segment", "value_segment"} and "value_segment" in t:
        return t["value_segment"]
    if by in {"tenure", "tenure_band"} and "tenure_band" in t:
        return t["tenure_band"].astype(object)
    if by in t.columns:
        return t[by]
    if by in survey.table.frame.columns:
        return _text(survey.table.frame[by])
    raise OptionError(
        f"--by {by!r}: no such column in {survey.table.source}; use segment, tenure_band or a column name"
    )


def _localise(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    out = frame.copy()
    if "quadrant" in out:
        pos = out.columns.get_loc("quadrant") + 1
        out.insert(pos, "quadrant_name", out["quadrant"].map(labels.QUADRANT_NAMES[lang]))
    if "driver" in out:
        out["driver"] = out["driver"].map(lambda d: labels.driver_name(str(d), lang))
    if "zone" in out:
        out.insert(1, "zone_name", out["zone"].map(labels.ZONE_NAMES[lang]))
    if "segment" in out:
        out["segment"] = out["segment"].map(lambda s: labels.SEGMENT_NAMES[lang].get(s, s))
    out.columns = [labels.header(c, lang) for c in out.columns]
    return out


def _spec(key: str, frame: pd.DataFrame, lang: str, title: str | None = None) -> SheetSpec:
    loc = _localise(frame, lang)
    pct = [
        labels.header(c, lang) for c in frame.columns if c.startswith("p_") or c.endswith("_share")
    ]
    fmts = {
        labels.header(c, lang): "0.000"
        for c in frame.columns
        if pd.api.types.is_float_dtype(frame[c])
        and not (c.startswith("p_") or c.endswith("_share"))
    }
    return SheetSpec(labels.sheet(key, lang), loc, percent=pct, number_formats=fmts, title=title)


_ITEM_TEXT = {
    "en": {
        "key": "items of {driver} ({role})",
        "one": "{items}",
        "many": "{items}: score = mean of the answered items, kept when at least {m} of {k} "
        "are answered",
        "numeric": "{items} (a number, not a rating)",
        "score": "{driver}: {role} score (at least {m} of {k} items)",
        "satisfaction": "satisfaction",
        "importance": "importance",
        "numeric_role": "numeric driver",
    },
    "zh": {
        "key": "{driver}({role})题项",
        "one": "{items}",
        "many": "{items}：得分 = 已答题项的均值，{k}项中至少答{m}项时计入",
        "numeric": "{items}(数值，非评分)",
        "score": "{driver}：{role}得分({k}项中至少{m}项)",
        "satisfaction": "满意度",
        "importance": "重要性",
        "numeric_role": "数值型驱动因素",
    },
}


def _item_words(row, lang: str) -> dict[str, object]:
    t = _ITEM_TEXT[lang]
    return {
        "driver": labels.driver_name(str(row.driver), lang),
        "role": t["numeric_role" if row.role == "numeric" else row.role],
        "items": ", ".join(row.items),
        "m": row.min_items,
        "k": row.n_items,
    }


def _missing_table(survey: Survey, lang: str) -> pd.DataFrame:
    """The Missing values sheet: blanks per column, then respondents without a driver score."""
    t = _ITEM_TEXT[lang]
    rows = [
        {"column": t["score"].format(**_item_words(r, lang)), "n": r.n, "n_missing": r.n_missing}
        for r in survey.items.itertuples(index=False)
        if r.n_items > 1
    ]
    return (
        pd.concat([survey.missing, pd.DataFrame(rows)], ignore_index=True)
        if rows
        else survey.missing
    )


def _with_n_items(table: pd.DataFrame, survey: Survey, stated: bool) -> pd.DataFrame:
    """``table`` with ``n_items`` (and for stated importance ``n_importance_items``) per driver."""
    it = survey.items
    out = table.copy()
    for pos, (role, col) in enumerate(
        [("satisfaction", "n_items"), *([("importance", "n_importance_items")] if stated else [])]
    ):
        own = it[it["role"] == role]
        counts = dict(zip(own["driver"], own["n_items"], strict=True))
        out.insert(out.columns.get_loc("driver") + 1 + pos, col, out["driver"].map(counts))
    return out


def _method(survey: Survey, options: dict, notes: list[str], lang: str = "en") -> dict:
    t = survey.table
    info: dict[str, object] = {"input file": str(t.path) if t.path else "DataFrame"}
    if t.path:
        info["sha256"] = sha256(t.path)
    if t.sheet:
        info["sheet"] = t.sheet
    if t.encoding:
        info["encoding"] = t.encoding
    info["rows"] = len(t.frame)
    info["package version"] = kano.__version__
    info["timestamp"] = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
    for k, v in options.items():
        info[f"option {k}"] = "" if v is None else str(v)
    if survey.satisfaction_scale:
        info["satisfaction scale"] = str(survey.satisfaction_scale)
    if survey.importance_scale:
        info["importance scale"] = str(survey.importance_scale)
    for _, r in survey.columns.roles().iterrows():
        info[f"column {r['column']}"] = r["role"] + (f" ({r['driver']})" if r["driver"] else "")
    words = _ITEM_TEXT[lang]
    for r in survey.items.itertuples(index=False):
        w = _item_words(r, lang)
        shape = "numeric" if r.role == "numeric" else "many" if r.n_items > 1 else "one"
        info[words["key"].format(**w)] = words[shape].format(**w)
    info["methods"] = (
        "IPA: Martilla & James (1977); derived importance: Shapley/LMG (Lindeman, Merenda & Gold "
        "1980; Grömping 2007) and Johnson (2000) relative weights from the correlation matrix of "
        "complete cases; percentile bootstrap CIs; NPS: Reichheld (2003), Wald CI; segment tests: "
        "Kruskal-Wallis with Benjamini-Hochberg (1995). See docs/methods.md, Part II."
    )
    for i, n in enumerate(notes, 1):
        info[f"note {i}"] = n
    return info


def parse_zones(text: str | None) -> tuple[float, float] | None:
    """Parse ``--zones X1,X2`` (X1 < X2) or return ``None``."""
    if text is None or not str(text).strip():
        return None
    parts = str(text).replace(";", ",").split(",")
    try:
        x1, x2 = (float(p) for p in parts)
    except ValueError:
        raise OptionError(f"--zones must be two numbers X1,X2 with X1 < X2, not {text!r}") from None
    if not x1 < x2:
        raise OptionError(f"--zones needs X1 < X2, got {text!r}")
    return x1, x2


@dataclass(frozen=True)
class IPAAnalysis:
    """Everything ``kano ipa`` computes for one survey, before anything is written.

    ``result``: the IPA table; ``derived``: derived importance (or ``None``);
    ``nps``: NPS (or ``None``); ``sheets``: the workbook sheets in ``lang``;
    ``tables``: the same tables unlocalised, by sheet key, with their titles;
    ``notes``: what the user should know; ``importance``: stated or derived.
    """

    survey: Survey
    result: IPAResult
    derived: DerivedImportance | None
    nps: NPSResult | None
    sheets: list[SheetSpec]
    notes: list[str]
    importance: str
    tables: dict[str, tuple[pd.DataFrame, str | None]] = field(default_factory=dict)


_IPA_NOTES = {
    "en": {
        "numeric": "numeric driver(s) {names} left out of the IPA map: a number has no "
        "satisfaction position; they are predictors of derived importance",
        "no_rated": "{source}: no rated driver to place on the IPA map (numeric drivers {names} "
        "have no satisfaction position); use kano drivers for their derived importance",
    },
    "zh": {
        "numeric": "数值型驱动因素 {names} 未放入IPA图：数值没有满意度位置；它们作为推导重要性的预测变量",
        "no_rated": "{source}：没有可放入IPA图的评分驱动因素(数值型驱动因素 {names} 没有满意度位置)；"
        "请用 kano drivers 计算其推导重要性",
    },
}


def analyze_ipa(
    survey: Survey,
    *,
    importance: str | None = None,
    outcome: str | None = None,
    crosshair: str = "mean",
    by: str | None = None,
    bootstrap: int = 0,
    seed: int = 0,
    lang: str = "en",
    zones: tuple[float, float] | None = None,
) -> IPAAnalysis:
    """The IPA, derived importance, loyalty, zones and segment analyses of a loaded survey.

    Numeric drivers enter derived importance only; a note names them.
    """
    labels.check_lang(lang)
    rule = parse_crosshair(crosshair)
    if bootstrap < 0:
        raise OptionError("--bootstrap must be 0 or more")
    if importance not in (None, "stated", "derived"):
        raise OptionError(f"--importance must be stated or derived, not {importance!r}")
    notes = list(survey.notes)
    numeric = ", ".join(survey.numeric.columns)
    if survey.satisfaction.shape[1] == 0:
        raise OptionError(
            _IPA_NOTES["en"]["no_rated"].format(source=survey.table.source, names=numeric)
        )
    if numeric:
        names = ", ".join(labels.driver_name(str(c), lang) for c in survey.numeric.columns)
        notes.append(_IPA_NOTES[lang]["numeric"].format(names=names))
    if importance is None:
        importance = "stated" if survey.importance is not None else "derived"
        if importance == "derived":
            notes.append("no importance ratings found: the importance axis is derived importance")
    if importance == "stated" and survey.importance is None:
        raise OptionError(
            f"{survey.table.source}: no importance rating columns; use --importance derived"
        )
    overall_scale = survey.outcome_scales.get("overall")
    if zones and "overall" in survey.outcomes and overall_scale is None:
        raise OptionError(
            "--zones needs overall satisfaction on a rating scale; the overall column "
            f"{survey.columns.overall!r} is numeric"
        )
    counts = bootstrap_counts(len(survey.table.frame), bootstrap, seed) if bootstrap else None
    derived = None
    try:
        derived = derived_importance(survey, outcome, bootstrap, seed, counts, lang=lang)
        notes += list(derived.notes)
    except OptionError as exc:
        if importance == "derived" or outcome is not None:
            raise
        notes.append(f"derived importance not computed: {exc}")
    sat = survey.satisfaction
    imp = survey.importance
    if importance == "stated":
        rated = [d for d in sat.columns if d in imp.columns]
        if len(rated) < len(sat.columns):
            left = [d for d in sat.columns if d not in imp.columns]
            notes.append(f"no stated importance for {', '.join(left)}: left out of the stated IPA")
        result = ipa(
            sat[rated],
            imp[rated],
            survey.satisfaction_scale,
            survey.importance_scale,
            rule,
            None,
            counts,
        )
    else:
        result = ipa(sat, None, survey.satisfaction_scale, None, rule, derived, counts)
    result = dataclasses.replace(
        result, table=_with_n_items(result.table, survey, importance == "stated")
    )
    tables: dict[str, tuple[pd.DataFrame, str | None]] = {"drivers": (result.table, None)}
    if derived is not None:
        tables["derived"] = (derived.table, _derived_title(derived, lang))
        if survey.importance is not None:
            stated = (
                result
                if importance == "stated"
                else ipa(
                    sat[list(imp.columns)], imp, survey.satisfaction_scale, survey.importance_scale
                )
            )
            tables["compare"] = (compare_importance(stated, derived), None)
    nps_result = None
    o = survey.outcomes
    loyalty_rows = []
    if "recommend" in o:
        nps_result = nps(o["recommend"])
        loyalty_rows.append(nps_result.as_frame())
    if "loyalty_index" in o:
        li = o["loyalty_index"]
        from satisfaction.ipa import _t_interval

        n, m, lo, hi = _t_interval(li.to_frame(), 0.95)
        loyalty_rows.append(
            pd.DataFrame(
                {
                    "measure": ["loyalty index (0-100)", "respondents without an index"],
                    "value": [m[0], int(li.isna().sum())],
                    "ci_low": [lo[0], np.nan],
                    "ci_high": [hi[0], np.nan],
                }
            )
        )
    if loyalty_rows:
        tables["loyalty"] = (pd.concat(loyalty_rows, ignore_index=True), None)
    if "loyalty_index" in o and overall_scale is not None:
        x1, x2 = zones if zones else default_thresholds(overall_scale)
        z = satisfaction_zones(o["overall"], o["loyalty_index"], x1, x2)
        z["sat_from"] = z["sat_from"].clip(lower=overall_scale.low)
        z["sat_to"] = z["sat_to"].clip(upper=overall_scale.high)
        tables["zones"] = (z, f"X1 = {x1:g}, X2 = {x2:g}")
    elif zones:
        raise OptionError("--zones needs an overall-satisfaction column and loyalty items")
    if by:
        groups = _split_by(survey, by)
        segment_tables, skipped = _segment_tables(survey, groups, importance, rule, lang, outcome)
        tables.update(segment_tables)
        notes += skipped
    tables["missing"] = (_missing_table(survey, lang), None)
    sheets = [_spec(key, frame, lang, title) for key, (frame, title) in tables.items()]
    return IPAAnalysis(survey, result, derived, nps_result, sheets, notes, importance, tables)


def run_ipa(
    source: str | os.PathLike | pd.DataFrame,
    out: str | os.PathLike | None = None,
    *,
    sheet: str | None = None,
    mapping: str | os.PathLike | None = None,
    scale: Scale | None = None,
    importance: str | None = None,
    outcome: str | None = None,
    crosshair: str = "mean",
    by: str | None = None,
    bootstrap: int = 0,
    seed: int = 0,
    lang: str = "en",
    diagonal: bool = False,
    zones: tuple[float, float] | None = None,
    key_account_spend: float = KEY_ACCOUNT_SPEND,
    min_items: int | None = None,
    label_map: LabelMap | None = None,
    chart: bool = True,
) -> ReportResult:
    """Run the whole ``kano ipa`` job and write its output by suffix.

    ``out``: ``.xlsx`` (default ``<input>_ipa.xlsx``: every table, and the IPA
    map as ``<stem>_map.png``/``.svg``), ``.csv`` (the drivers table, as on its
    sheet) or ``.json`` (every table and the method record); the map is drawn
    only with a workbook, which is where it is shown.
    ``importance``: ``stated`` (default when importance ratings exist) or ``derived``.
    ``zones``: satisfaction thresholds (X1, X2) on the outcome's scale.
    ``min_items``: see :func:`load_survey`.
    ``label_map``: the user's rating labels and their numbers (``labels`` of :func:`load_survey`).
    """
    target, kind = _plan_output(source, out, mapping, "ipa")
    inputs = [p for p in (label_map and label_map.path,) if p]
    check_output_path(target, inputs)
    survey = load_survey(
        source, sheet, mapping, scale, key_account_spend, min_items, labels=label_map
    )
    inputs += [p for p in (survey.table.path, mapping) if p]
    chart = chart and kind == ".xlsx"
    chart_stem = target.with_name(target.stem + "_map")
    if chart:
        for ext in (".png", ".svg"):
            check_output_path(chart_stem.with_name(chart_stem.name + ext), inputs)
    analysis = analyze_ipa(
        survey, importance=importance, outcome=outcome, crosshair=crosshair, by=by,
        bootstrap=bootstrap, seed=seed, lang=lang, zones=zones,
    )  # fmt: skip
    result, derived, nps_result = analysis.result, analysis.derived, analysis.nps
    sheets, notes, importance = analysis.sheets, analysis.notes, analysis.importance
    charts: list[Path] = []
    if chart:
        charts = save_ipa_map(result, chart_stem, lang, diagonal)
        png = [c for c in charts if c.suffix == ".png"]
        sheets[0] = dataclasses.replace(sheets[0], images=png)  # the map beside the drivers table
    options = {
        "sheet": sheet,
        "mapping": mapping,
        "scale": scale,
        "label map": label_map and label_map.path,
        "importance": importance,
        "outcome": outcome or (derived.outcome if derived else None),
        "crosshair": result.crosshair_rule,
        "crosshair satisfaction": f"{result.satisfaction_cross:.4g}",
        "crosshair importance": f"{result.importance_cross:.4g}",
        "by": by,
        "bootstrap": bootstrap,
        "seed": seed,
        "lang": lang,
        "diagonal": diagonal,
        "key account spend": key_account_spend,
        "min items": min_items,
    }
    method = _method(survey, options, notes, lang)
    _write_output(target, kind, sheets, analysis.tables, method, lang)
    return ReportResult(target, tuple(charts), result.table, derived, nps_result, tuple(notes))


def _derived_title(d: DerivedImportance, lang: str) -> str:
    ci = f" [{d.r2_low:.3f}, {d.r2_high:.3f}]" if d.bootstrap else ""
    if lang == "zh":
        return (
            f"结果变量 {d.outcome}: R² = {d.r2:.3f}{ci}; 完整样本 {d.n_used}, 剔除 {d.n_dropped} 行"
        )
    return f"Outcome {d.outcome}: R² = {d.r2:.3f}{ci}; {d.n_used} complete cases, {d.n_dropped} rows dropped"


def _segment_tables(survey, groups, importance, rule, lang, outcome):
    """The per-segment IPA, means and tests as tables by sheet key; and the skipped segments."""
    frames, skipped = [], []
    sat, imp = survey.satisfaction, survey.importance
    for name, idx in groups.groupby(groups, observed=True, sort=True).groups.items():
        if len(idx) < 3:
            skipped.append(
                f"segment {name!r} left out of the per-segment IPA: {len(idx)} respondents"
            )
            continue
        try:
            if importance == "stated":
                rated = [d for d in sat.columns if d in imp.columns]
                r = ipa(
                    sat.loc[idx, rated],
                    imp.loc[idx, rated],
                    survey.satisfaction_scale,
                    survey.importance_scale,
                    rule,
                )
            else:
                sub = _subset_survey(survey, idx)
                r = ipa(
                    sub.satisfaction,
                    None,
                    survey.satisfaction_scale,
                    None,
                    rule,
                    derived_importance(sub, outcome, lang=lang),
                )
        except OptionError as exc:
            skipped.append(f"segment {name!r} left out of the per-segment IPA: {exc}")
            continue
        table = _with_n_items(r.table, survey, importance == "stated")
        frames.append(table.assign(segment=name))
    tables: dict[str, tuple[pd.DataFrame, str | None]] = {}
    if frames:
        seg = pd.concat(frames, ignore_index=True)
        seg = seg[["segment", *[c for c in seg.columns if c != "segment"]]]
        tables["segments"] = (seg, "; ".join(skipped) or None)
    data = pd.concat(
        [
            sat.add_prefix("sat: "),
            None if imp is None else imp.add_prefix("imp: "),
            survey.outcomes,
        ],
        axis=1,
    )
    title = (
        "Kruskal-Wallis per variable; p adjusted by Benjamini-Hochberg"
        if lang == "en"
        else "逐变量Kruskal-Wallis检验;p值经Benjamini-Hochberg校正"
    )
    tables["segment_means"] = (group_means(data, groups), None)
    tables["segment_tests"] = (compare_groups(data, groups), title)
    return tables, skipped


def _subset_survey(survey: Survey, idx) -> Survey:
    """The survey restricted to the rows ``idx`` (a segment)."""

    def sub(f):
        return None if f is None else f.loc[idx]

    return dataclasses.replace(
        survey,
        satisfaction=sub(survey.satisfaction),
        importance=sub(survey.importance),
        outcomes=sub(survey.outcomes),
        traits=sub(survey.traits),
        observed=sub(survey.observed),
        numeric=sub(survey.numeric),
    )


def run_drivers(
    source: str | os.PathLike | pd.DataFrame,
    out: str | os.PathLike | None = None,
    *,
    sheet: str | None = None,
    mapping: str | os.PathLike | None = None,
    scale: Scale | None = None,
    outcome: str | None = None,
    bootstrap: int = 0,
    seed: int = 0,
    lang: str = "en",
    observed: bool = True,
    key_account_spend: float = KEY_ACCOUNT_SPEND,
    min_items: int | None = None,
    label_map: LabelMap | None = None,
) -> ReportResult:
    """Run ``kano drivers``: derived importance alone, written by the suffix of ``out``.

    ``.xlsx`` (default ``<input>_drivers.xlsx``), ``.csv`` (the derived-importance
    table, as on its sheet) or ``.json`` (every table and the method record).
    ``label_map``: the user's rating labels and their numbers (``labels`` of :func:`load_survey`).
    """
    labels.check_lang(lang)
    if bootstrap < 0:
        raise OptionError("--bootstrap must be 0 or more")
    target, kind = _plan_output(source, out, mapping, "drivers")
    check_output_path(target, [p for p in (label_map and label_map.path,) if p])
    survey = load_survey(
        source, sheet, mapping, scale, key_account_spend, min_items, labels=label_map
    )
    derived = derived_importance(survey, outcome, bootstrap, seed, None, observed, lang)
    notes = list(survey.notes) + list(derived.notes)
    tables = {
        "derived": (derived.table, _derived_title(derived, lang)),
        "missing": (_missing_table(survey, lang), None),
    }
    sheets = [_spec(key, frame, lang, title) for key, (frame, title) in tables.items()]
    options = {
        "sheet": sheet,
        "mapping": mapping,
        "scale": scale,
        "label map": label_map and label_map.path,
        "outcome": derived.outcome,
        "bootstrap": bootstrap,
        "seed": seed,
        "lang": lang,
        "observed drivers": observed,
        "min items": min_items,
        "R2": f"{derived.r2:.4f}",
        "complete cases": derived.n_used,
        "rows dropped": derived.n_dropped,
    }
    _write_output(target, kind, sheets, tables, _method(survey, options, notes, lang), lang)
    return ReportResult(target, (), None, derived, None, tuple(notes))


__all__ = [
    "OUTPUT_SUFFIXES",
    "ReportResult",
    "Survey",
    "derived_importance",
    "infer_scale",
    "load_survey",
    "run_drivers",
    "run_ipa",
    "sha256",
]
