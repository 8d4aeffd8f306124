"""Whole jobs behind ``kano ipa`` and ``kano drivers``: read, validate, analyse, write.

:func:`load_survey` turns a file (or DataFrame) into a :class:`Survey` with
numeric, validated columns; :func:`derived_importance` builds the
derived-importance model (rated drivers + tenure + customer traits +
competitors); :func:`run_ipa` and :func:`run_drivers` write the workbook (and
the IPA map) with the shared writer.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

import kano
from kano.errors import OptionError
from kano.excel import SheetSpec, write_workbook
from kano.io.files import RawTable, read_table
from kano.io.ratings import LabelMap
from kano.output import check_output_path
from kano.segments import KEY_ACCOUNT_SPEND, tenure_band, value_segment
from satisfaction import labels
from satisfaction.charts import save_ipa_map
from satisfaction.columns import SurveyColumns, find_columns, read_mapping
from satisfaction.drivers import DerivedImportance, bootstrap_counts, relative_importance
from satisfaction.ipa import IPAResult, compare_importance, ipa, parse_crosshair
from satisfaction.loyalty import (
    NPSResult,
    default_thresholds,
    loyalty_index,
    nps,
    satisfaction_zones,
)
from satisfaction.segments import check_tenure, compare_groups, group_means
from satisfaction.validate import Scale, infer_scale, missing_counts, ratings, to_binary, to_numeric

_RECOMMEND_SCALE = Scale(0, 10)


@dataclass(frozen=True)
class Survey:
    """A validated satisfaction survey.

    ``satisfaction`` and ``importance`` have one column per driver (named by the
    driver key); ``outcomes`` holds ``overall``, ``loyalty_index`` and
    ``recommend`` when available; ``traits`` holds ``value_segment``,
    ``tenure_months``, ``tenure_band``, ``age``, ``region``, ``competitor_offer``,
    ``competitor_price`` when available; ``observed`` the extra predictors of the
    derived-importance model and ``observed_groups`` their driver names.
    """

    table: RawTable
    columns: SurveyColumns
    satisfaction: pd.DataFrame
    importance: pd.DataFrame | None
    satisfaction_scale: Scale
    importance_scale: Scale | None
    outcomes: pd.DataFrame
    outcome_scales: dict[str, Scale]
    traits: pd.DataFrame
    observed: pd.DataFrame
    observed_groups: dict[str, list[str]]
    missing: pd.DataFrame
    notes: tuple[str, ...] = field(default_factory=tuple)


def load_survey(
    source: str | os.PathLike | pd.DataFrame,
    sheet: str | None = None,
    mapping: str | os.PathLike | None = None,
    scale: Scale | None = None,
    key_account_spend: float = KEY_ACCOUNT_SPEND,
    *,
    labels: LabelMap | None = None,
) -> Survey:
    """Read and validate a satisfaction survey (see :class:`Survey`).

    ``labels``: the user's rating labels and their numbers (a label map), read
    beside the built-in label sets by every rating column.

    Raises the toolkit's errors (InputFileError, PairingError, MappingFileError,
    InvalidValueError naming the cell, OptionError).
    """
    table = read_table(source, sheet)
    records = read_mapping(mapping) if mapping else None
    cols = find_columns(table.frame, records, source=table.source)
    notes = list(table.notes) + list(cols.notes)
    declared = dict(cols.scales)
    sat_cols = [d.satisfaction for d in cols.drivers]
    sat, sat_scales, n1 = ratings(
        table, sat_cols, scale, declared, "satisfaction rating", labels=labels
    )
    notes += n1
    satisfaction = sat.rename(columns={d.satisfaction: d.name for d in cols.drivers})
    imp_cols = [d.importance for d in cols.drivers if d.importance]
    importance = None
    imp_scale = None
    if imp_cols:
        imp, imp_scales, n2 = ratings(
            table, imp_cols, scale, declared, "importance rating", labels=labels
        )
        notes += n2
        importance = imp.rename(
            columns={d.importance: d.name for d in cols.drivers if d.importance}
        )
        imp_scale = imp_scales[imp_cols[0]]
    sat_scale = sat_scales[sat_cols[0]]

    outcomes = pd.DataFrame(index=table.frame.index)
    oscales: dict[str, Scale] = {}
    if cols.overall:
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
        months = to_numeric(table, [tr["tenure"]], "tenure (months)")[tr["tenure"]]
        check_tenure(table, months, tr["tenure"])
        traits["tenure_months"] = months
        traits["tenure_band"] = tenure_band(months)
    if "segment" in tr:
        traits["value_segment"] = _text(table.frame[tr["segment"]])
    elif "spend" in tr:
        spend = to_numeric(table, [tr["spend"]], "monthly spend")[tr["spend"]]
        ctype = table.frame[tr["customer_type"]] if "customer_type" in tr else None
        traits["value_segment"] = value_segment(spend, ctype, key_account_spend)
        if ctype is None:
            notes.append("no customer-type column: value segments are key account / public only")
    for role in ("age", "region"):
        if role in tr:
            traits[role] = _text(table.frame[tr[role]])
    if "competitor_offer" in tr:
        traits["competitor_offer"] = to_binary(
            table, [tr["competitor_offer"]], "competitor-offer answer"
        )[tr["competitor_offer"]]
    if "competitor_price" in tr:
        v, _, n5 = ratings(
            table,
            [tr["competitor_price"]],
            None,
            declared,
            "competitor-price rating",
            labels=labels,
        )
        traits["competitor_price"] = v[tr["competitor_price"]]
        notes += n5

    observed, groups = _observed_predictors(traits)
    items = pd.concat([sat.rename(columns=lambda c: c), outcomes], axis=1)
    missing = missing_counts(items)
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
        notes=tuple(notes),
    )


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


def _observed_predictors(traits: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    parts, groups = [], {}
    if "tenure_months" in traits:
        parts.append(traits[["tenure_months"]])
        groups["tenure"] = ["tenure_months"]
    trait_parts = []
    if "value_segment" in traits:
        trait_parts.append(_dummies(traits["value_segment"], "segment"))
    if "age" in traits:
        age = pd.to_numeric(traits["age"], errors="coerce")
        if age.notna().sum() == traits["age"].notna().sum():
            trait_parts.append(age.rename("age").to_frame())
        else:
            trait_parts.append(_dummies(traits["age"], "age"))
    trait_frame = pd.concat(trait_parts, axis=1) if trait_parts else pd.DataFrame()
    if trait_frame.shape[1]:
        parts.append(trait_frame)
        groups["customer_traits"] = list(trait_frame.columns)
    comp = [c for c in ("competitor_offer", "competitor_price") if c in traits]
    if comp:
        parts.append(traits[comp])
        groups["competitors"] = comp
    observed = pd.concat(parts, axis=1) if parts else pd.DataFrame(index=traits.index)
    return observed, groups


def _outcome(survey: Survey, outcome: str | None) -> pd.Series:
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
    if outcome in survey.table.frame.columns:
        return to_numeric(survey.table, [outcome], "outcome value")[outcome]
    available = [k for k in ("overall", "loyalty") if {"loyalty": "loyalty_index"}.get(k, k) in o]
    raise OptionError(
        f"--outcome {outcome!r}: not a column of {survey.table.source}; "
        f"built-in outcomes here: {', '.join(available) or 'none'}"
    )


def derived_importance(
    survey: Survey,
    outcome: str | None = None,
    bootstrap: int = 0,
    seed: int = 0,
    counts: np.ndarray | None = None,
    observed: bool = True,
) -> DerivedImportance:
    """Derived importance of every driver for ``outcome`` (default: overall, else loyalty index).

    Predictors: each rated driver's satisfaction, and with ``observed`` the
    drivers without a rating: tenure, customer traits (value segment and age
    dummies, one player), competitors (competitor offer/price, one player).
    """
    y = _outcome(survey, outcome)
    x = pd.concat([survey.satisfaction, survey.observed if observed else None], axis=1)
    groups = {d: [d] for d in survey.satisfaction.columns}
    if observed:
        groups.update(survey.observed_groups)
    return relative_importance(x, y.rename(outcome or y.name), groups, bootstrap, seed, counts)


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


@dataclass(frozen=True)
class ReportResult:
    """What a job wrote: ``workbook``, ``charts`` and the main tables."""

    workbook: Path
    charts: tuple[Path, ...]
    drivers: pd.DataFrame | None
    derived: DerivedImportance | None
    nps: NPSResult | None
    notes: tuple[str, ...]


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


def _method(survey: Survey, options: dict, notes: list[str]) -> dict:
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
    info["satisfaction scale"] = str(survey.satisfaction_scale)
    if survey.importance_scale:
        info["importance scale"] = str(survey.importance_scale)
    for _, r in survey.columns.roles().iterrows():
        info[f"column {r['column']}"] = r["role"] + (f" ({r['driver']})" if r["driver"] else "")
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


def _default_out(survey: Survey, out, suffix: str) -> Path:
    if out is not None:
        return Path(out)
    if survey.table.path is None:
        raise OptionError("give an output path (-o) when the input is a DataFrame")
    p = survey.table.path
    return p.with_name(f"{p.stem}_{suffix}.xlsx")


@dataclass(frozen=True)
class IPAAnalysis:
    """Everything ``kano ipa`` computes for one survey, before anything is written.

    ``result``: the IPA table; ``derived``: derived importance (or ``None``);
    ``nps``: NPS (or ``None``); ``sheets``: the workbook sheets in ``lang``;
    ``notes``: what the user should know; ``importance``: stated or derived.
    """

    survey: Survey
    result: IPAResult
    derived: DerivedImportance | None
    nps: NPSResult | None
    sheets: list[SheetSpec]
    notes: list[str]
    importance: str


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
    """The IPA, derived importance, loyalty, zones and segment analyses of a loaded survey."""
    labels.check_lang(lang)
    rule = parse_crosshair(crosshair)
    if bootstrap < 0:
        raise OptionError("--bootstrap must be 0 or more")
    if importance not in (None, "stated", "derived"):
        raise OptionError(f"--importance must be stated or derived, not {importance!r}")
    notes = list(survey.notes)
    if importance is None:
        importance = "stated" if survey.importance is not None else "derived"
        if importance == "derived":
            notes.append("no importance ratings found: the importance axis is derived importance")
    if importance == "stated" and survey.importance is None:
        raise OptionError(
            f"{survey.table.source}: no importance rating columns; use --importance derived"
        )
    counts = bootstrap_counts(len(survey.table.frame), bootstrap, seed) if bootstrap else None
    derived = None
    try:
        derived = derived_importance(survey, outcome, bootstrap, seed, counts)
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
    sheets = [_spec("drivers", result.table, lang)]
    if derived is not None:
        sheets.append(_spec("derived", derived.table, lang, _derived_title(derived, lang)))
        if survey.importance is not None:
            stated = (
                result
                if importance == "stated"
                else ipa(
                    sat[list(imp.columns)], imp, survey.satisfaction_scale, survey.importance_scale
                )
            )
            sheets.append(_spec("compare", compare_importance(stated, derived), lang))
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
        sheets.append(_spec("loyalty", pd.concat(loyalty_rows, ignore_index=True), lang))
    if "loyalty_index" in o and "overall" in o:
        sc = survey.outcome_scales["overall"]
        x1, x2 = zones if zones else default_thresholds(sc)
        z = satisfaction_zones(o["overall"], o["loyalty_index"], x1, x2)
        z["sat_from"] = z["sat_from"].clip(lower=sc.low)
        z["sat_to"] = z["sat_to"].clip(upper=sc.high)
        sheets.append(_spec("zones", z, lang, f"X1 = {x1:g}, X2 = {x2:g}"))
    elif zones:
        raise OptionError("--zones needs an overall-satisfaction column and loyalty items")
    if by:
        groups = _split_by(survey, by)
        segment_sheets, skipped = _segment_sheets(
            survey, groups, importance, rule, lang, result, outcome
        )
        sheets += segment_sheets
        notes += skipped
    sheets.append(_spec("missing", survey.missing, lang))
    return IPAAnalysis(survey, result, derived, nps_result, sheets, notes, importance)


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
    label_map: LabelMap | None = None,
    chart: bool = True,
) -> ReportResult:
    """Run the whole ``kano ipa`` job and write ``<stem>_ipa.xlsx`` plus the IPA map.

    ``importance``: ``stated`` (default when importance ratings exist) or ``derived``.
    ``zones``: satisfaction thresholds (X1, X2) on the outcome's scale.
    ``label_map``: the user's rating labels and their numbers (see :func:`load_survey`).
    """
    survey = load_survey(source, sheet, mapping, scale, key_account_spend, labels=label_map)
    target = _default_out(survey, out, "ipa")
    inputs = [p for p in (survey.table.path, mapping, label_map and label_map.path) if p]
    check_output_path(target, inputs)
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
    }
    write_workbook(
        target,
        sheets,
        _method(survey, options, notes),
        method_sheet_name=labels.sheet("method", lang),
    )
    return ReportResult(target, tuple(charts), result.table, derived, nps_result, tuple(notes))


def _derived_title(d: DerivedImportance, lang: str) -> str:
    ci = f" [{d.r2_low:.3f}, {d.r2_high:.3f}]" if d.bootstrap else ""
    if lang == "zh":
        return (
            f"结果变量 {d.outcome}: R² = {d.r2:.3f}{ci}; 完整样本 {d.n_used}, 剔除 {d.n_dropped} 行"
        )
    return f"Outcome {d.outcome}: R² = {d.r2:.3f}{ci}; {d.n_used} complete cases, {d.n_dropped} rows dropped"


def _segment_sheets(survey, groups, importance, rule, lang, overall_result, outcome):
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
                    derived_importance(sub, outcome),
                )
        except OptionError as exc:
            skipped.append(f"segment {name!r} left out of the per-segment IPA: {exc}")
            continue
        frames.append(r.table.assign(segment=name))
    sheets = []
    if frames:
        seg = pd.concat(frames, ignore_index=True)
        seg = seg[["segment", *[c for c in seg.columns if c != "segment"]]]
        sheets.append(_spec("segments", seg, lang, "; ".join(skipped) or None))
    data = pd.concat(
        [
            sat.add_prefix("sat: "),
            None if imp is None else imp.add_prefix("imp: "),
            survey.outcomes,
        ],
        axis=1,
    )
    means = group_means(data, groups)
    tests = compare_groups(data, groups)
    title = (
        "Kruskal-Wallis per variable; p adjusted by Benjamini-Hochberg"
        if lang == "en"
        else "逐变量Kruskal-Wallis检验;p值经Benjamini-Hochberg校正"
    )
    sheets.append(
        SheetSpec(
            labels.sheet("segment_means", lang),
            _localise(means, lang),
            number_formats={labels.header("mean", lang): "0.000"},
        )
    )
    sheets.append(_spec("segment_tests", tests, lang, title))
    return sheets, skipped


def _subset_survey(survey: Survey, idx) -> Survey:
    def sub(f):
        return None if f is None else f.loc[idx]

    return Survey(
        table=survey.table,
        columns=survey.columns,
        satisfaction=sub(survey.satisfaction),
        importance=sub(survey.importance),
        satisfaction_scale=survey.satisfaction_scale,
        importance_scale=survey.importance_scale,
        outcomes=sub(survey.outcomes),
        outcome_scales=survey.outcome_scales,
        traits=sub(survey.traits),
        observed=sub(survey.observed),
        observed_groups=survey.observed_groups,
        missing=survey.missing,
        notes=survey.notes,
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
    label_map: LabelMap | None = None,
) -> ReportResult:
    """Run ``kano drivers``: derived importance alone, written to ``<stem>_drivers.xlsx``.

    ``label_map``: the user's rating labels and their numbers (see :func:`load_survey`).
    """
    labels.check_lang(lang)
    if bootstrap < 0:
        raise OptionError("--bootstrap must be 0 or more")
    survey = load_survey(source, sheet, mapping, scale, key_account_spend, labels=label_map)
    target = _default_out(survey, out, "drivers")
    check_output_path(
        target, [p for p in (survey.table.path, mapping, label_map and label_map.path) if p]
    )
    derived = derived_importance(survey, outcome, bootstrap, seed, None, observed)
    notes = list(survey.notes) + list(derived.notes)
    sheets = [
        _spec("derived", derived.table, lang, _derived_title(derived, lang)),
        _spec("missing", survey.missing, lang),
    ]
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
        "R2": f"{derived.r2:.4f}",
        "complete cases": derived.n_used,
        "rows dropped": derived.n_dropped,
    }
    write_workbook(
        target,
        sheets,
        _method(survey, options, notes),
        method_sheet_name=labels.sheet("method", lang),
    )
    return ReportResult(target, (), None, derived, None, tuple(notes))


__all__ = [
    "ReportResult",
    "Survey",
    "derived_importance",
    "infer_scale",
    "load_survey",
    "run_drivers",
    "run_ipa",
    "sha256",
]
