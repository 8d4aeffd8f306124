"""The analyses of a satisfaction survey, language-free.

:func:`derived_importance` builds the derived-importance model of a survey
(rated and numeric drivers + tenure + customer traits + competitors, never
counting one input twice); :func:`analyze_ipa` runs everything ``kano ipa``
reports (IPA, derived importance, stated vs derived, loyalty and NPS, zones,
segments, missing values).

Results carry codes (quadrant, zone and segment keys; drivers as named in the
data) and tidy tables with the library's column names; what the user should
know is kept as :class:`~kano.shared.records.Note` records and the results
worth reporting as :class:`~kano.shared.records.Finding` records. Words come
only when :mod:`satisfaction.render` renders them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kano.shared.bounds import check_resamples, check_seed
from kano.shared.errors import OptionError
from kano.shared.records import Finding, Note
from satisfaction.display import html_view, text_view
from satisfaction.loyalty import NPSResult, default_thresholds, net_promoter, zone_table
from satisfaction.notes import NamedNote, driver_note, note
from satisfaction.quadrants import (
    IPAResult,
    compare_importance,
    ipa_table,
    mean_interval,
    parse_crosshair,
)
from satisfaction.relative_importance import (
    DerivedImportance,
    bootstrap_counts,
    relative_importance,
)
from satisfaction.segments import group_means, group_tests
from satisfaction.survey import Survey, number_column, text_column

#: Resamples of every bootstrap unless told otherwise (0 = none), the same on both sides.
BOOTSTRAP = 2000
#: The segments that ``by`` derives; any other value names a column.
DERIVED_SPLITS = ("value_segment", "tenure_band")
#: Smallest segment given its own IPA.
MIN_SEGMENT = 3


# --- derived importance ------------------------------------------------------------------


def _outcome(survey: Survey, outcome: str | None, predictors: Mapping[str, str]) -> pd.Series:
    o = survey.outcomes
    if outcome is None:
        for key in ("overall", "loyalty_index"):
            if key in o:
                return o[key]
        raise OptionError(
            f"{survey.table.source}: no outcome for derived importance (no overall-satisfaction "
            "column and no loyalty items); name one with {opt:outcome}"
        )
    key = {"loyalty": "loyalty_index", "overall_satisfaction": "overall"}.get(outcome, outcome)
    if key in o:
        return o[key]
    if outcome in predictors:
        what = predictors[outcome]
        hint = " (or leave it out with {opt:rated_only})" if what.startswith("the source") else ""
        raise OptionError(
            f"{{opt:outcome}} {outcome!r}: that column is {what}, a predictor of the model; "
            f"choose another outcome{hint}"
        )
    if outcome in survey.table.frame.columns:
        return number_column(survey.table, outcome, "outcome value", "outcome")
    available = [k for k in ("overall", "loyalty") if {"loyalty": "loyalty_index"}.get(k, k) in o]
    raise OptionError(
        f"{{opt:outcome}} {outcome!r}: not a column of {survey.table.source}; "
        f"built-in outcomes here: {', '.join(available) or 'none'}"
    )


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
    rated_only: bool = False,
) -> DerivedImportance:
    """Derived importance of every driver of a survey for ``outcome``.

    Parameters
    ----------
    survey:
        The survey (:func:`~satisfaction.load_survey`).
    outcome:
        ``overall``, ``loyalty`` or a column (default: overall satisfaction,
        else the loyalty index).
    bootstrap, seed:
        Resamples and seed of the percentile intervals; ``counts`` gives the
        resamples instead (shared with the IPA's quadrant probabilities).
    rated_only:
        Leave out the observed predictors: tenure, customer traits (value
        segment and age dummies, one player), competitors (competitor
        offer/price, one player). Those a declared driver stands for are left
        out anyway, with a note.

    Returns :class:`DerivedImportance`; the ``columns`` of a declared driver
    are its input columns. Method: docs/methods.md §S3.
    """
    observed = not rated_only
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
            driver_note(
                "observed_dropped", dict.fromkeys(dropped.values()), names=", ".join(dropped)
            )  # fmt: skip
        )
    return dataclasses.replace(res, table=table, notes=tuple(notes))


# --- IPA ---------------------------------------------------------------------------------


def check_bootstrap(bootstrap: int, seed: int = 0) -> None:
    """Refuse resamples out of 0 … MAX_BOOTSTRAP and a seed numpy cannot take (the bounds
    of both sides: :mod:`kano.shared.bounds`)."""
    check_resamples(bootstrap)
    check_seed(seed)


@dataclass(frozen=True)
class IPAAnalysis:
    """Everything ``kano ipa`` computes for one survey, language-free.

    ``result``: the IPA; ``derived``: derived importance (or ``None``);
    ``nps``: NPS (or ``None``); ``importance``: ``stated`` or ``derived``;
    ``tables``: key -> tidy table with the library's column names and codes
    (``drivers``, ``derived``, ``compare``, ``loyalty``, ``zones``,
    ``segments``, ``segment_means``, ``segment_tests``, ``missing``, as
    computed); ``notes``: what the user should know; ``findings``: the
    results worth reporting (``sat_improve`` per driver to improve first,
    ``sat_nps``, ``sat_zones``); ``thresholds``: the zones' (X1, X2);
    ``by``, ``bootstrap``, ``seed``: the settings used; ``segment_notes``: the
    segments left out of the per-segment IPA.
    """

    survey: Survey
    result: IPAResult
    derived: DerivedImportance | None
    nps: NPSResult | None
    importance: str
    tables: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    findings: tuple[Finding, ...] = ()
    thresholds: tuple[float, float] | None = None
    by: str | None = None
    bootstrap: int = 0
    seed: int = 0
    segment_notes: tuple[Note, ...] = ()

    def _facts(self) -> list[str]:
        return [
            self.survey.table.source,
            f"importance {self.importance}",
            f"{len(self.result.table)} drivers",
            f"tables: {', '.join(self.tables)}",
            f"{len(self.findings)} findings",
            f"{len(self.notes)} notes",
        ]

    def __repr__(self) -> str:
        return text_view("IPAAnalysis", self._facts())

    def _repr_html_(self) -> str:
        return html_view("IPA analysis", self._facts(), self.result.table,
                         ("driver", "importance", "satisfaction", "priority", "quadrant"))  # fmt: skip


def analyze_ipa(
    survey: Survey,
    *,
    importance: str | None = None,
    outcome: str | None = None,
    crosshair: str | tuple[float, float] = "mean",
    by: str | None = None,
    bootstrap: int = BOOTSTRAP,
    seed: int = 0,
    zones: tuple[float, float] | None = None,
) -> IPAAnalysis:
    """The IPA, derived importance, loyalty, zones and segment analyses of a survey.

    Parameters
    ----------
    survey:
        The survey (:func:`~satisfaction.load_survey`).
    importance:
        ``stated`` (default when importance ratings exist) or ``derived``.
    outcome:
        Outcome of derived importance (``overall``, ``loyalty`` or a column).
    crosshair:
        ``mean``, ``median``, ``midpoint`` or ``"X,Y"``.
    by:
        ``value_segment``, ``tenure_band`` or a column: per-segment IPA, means and tests.
    bootstrap, seed:
        Resamples (0 = none) and seed, shared by the quadrant probabilities and
        the derived-importance intervals.
    zones:
        Satisfaction thresholds (X1, X2) on the overall scale (default: its
        midpoint and three quarters up).

    Returns :class:`IPAAnalysis`. Numeric drivers enter derived importance
    only; a note names them.
    """
    rule = parse_crosshair(crosshair)
    check_bootstrap(bootstrap, seed)
    if importance not in (None, "stated", "derived"):
        raise OptionError(f"{{opt:importance}} must be stated or derived, not {importance!r}")
    notes: list[Note] = list(survey.notes)
    numeric = list(map(str, survey.numeric.columns))
    if survey.satisfaction.shape[1] == 0:
        raise OptionError(
            f"{survey.table.source}: no rated driver to place on the IPA map (numeric drivers "
            f"{', '.join(numeric)} have no satisfaction position); compute their derived "
            "importance alone (drivers)"
        )
    if numeric:
        notes.append(driver_note("numeric_left_out", numeric))
    if importance is None:
        importance = "stated" if survey.importance is not None else "derived"
        if importance == "derived":
            notes.append(note("importance_derived"))
    if importance == "stated" and survey.importance is None:
        raise OptionError(
            f"{survey.table.source}: no importance rating columns; use {{opt:importance}} derived"
        )
    overall_scale = survey.outcome_scales.get("overall")
    if zones and "overall" in survey.outcomes and overall_scale is None:
        raise OptionError(
            "{opt:zones} needs overall satisfaction on a rating scale; the overall column "
            f"{survey.columns.overall!r} is numeric"
        )
    counts = bootstrap_counts(len(survey.table.frame), bootstrap, seed) if bootstrap else None
    derived = None
    try:
        derived = derived_importance(survey, outcome, bootstrap, seed, counts)
        notes += list(derived.notes)
    except OptionError as exc:
        if importance == "derived" or outcome is not None:
            raise
        notes.append(note("derived_not_computed", reason=exc.cli_message()))
    sat, imp = survey.satisfaction, survey.importance
    if importance == "stated":
        rated = [d for d in sat.columns if d in imp.columns]
        left = [d for d in sat.columns if d not in imp.columns]
        if left:
            notes.append(driver_note("no_stated_importance", left))
        result = ipa_table(sat[rated], imp[rated], survey.satisfaction_scale,
                           survey.importance_scale, rule, None, counts)  # fmt: skip
    else:
        result = ipa_table(sat, None, survey.satisfaction_scale, None, rule, derived, counts)
    result = dataclasses.replace(
        result, table=_with_n_items(result.table, survey, importance == "stated")
    )
    tables: dict[str, pd.DataFrame] = {"drivers": result.table}
    if derived is not None:
        tables["derived"] = derived.table
        if imp is not None:
            stated = (
                result
                if importance == "stated"
                else ipa_table(
                    sat[list(imp.columns)], imp, survey.satisfaction_scale, survey.importance_scale
                )  # fmt: skip
            )
            tables["compare"] = compare_importance(stated, derived)
    o = survey.outcomes
    nps_result = net_promoter(o["recommend"]) if "recommend" in o else None
    loyalty = loyalty_table(survey, nps_result)
    if loyalty is not None:
        tables["loyalty"] = loyalty
    thresholds = None
    if "loyalty_index" in o and overall_scale is not None:
        thresholds = zones or default_thresholds(overall_scale)
        tables["zones"] = zone_table(o["overall"], o["loyalty_index"], *thresholds,
                                     scale=overall_scale)  # fmt: skip
    elif zones:
        raise OptionError("{opt:zones} needs an overall-satisfaction column and loyalty items")
    segment_notes: tuple[Note, ...] = ()
    if by:
        groups = split_by(survey, by)
        segment_tables, segment_notes = _segment_tables(survey, groups, importance, rule,
                                                        outcome, by)  # fmt: skip
        tables.update(segment_tables)
        notes += segment_notes
    tables["missing"] = missing_table(survey)
    findings = _findings(result, nps_result, tables.get("zones"), thresholds)
    return IPAAnalysis(
        survey=survey, result=result, derived=derived, nps=nps_result, importance=importance,
        tables=tables, notes=tuple(notes), findings=findings, thresholds=thresholds, by=by,
        bootstrap=bootstrap, seed=seed, segment_notes=segment_notes,
    )  # fmt: skip


def _findings(
    result: IPAResult,
    nps_result: NPSResult | None,
    zones: pd.DataFrame | None,
    thresholds: tuple[float, float] | None,
) -> tuple[Finding, ...]:
    """A finding per driver to improve first (by priority), the NPS and the zones."""
    out = []
    t = result.table.sort_values("priority", kind="stable")
    for row in t[t["quadrant"] == "improve"].itertuples(index=False):
        params = {"quadrant": "improve", "importance_pct": float(row.importance_pct),
                  "satisfaction_pct": float(row.satisfaction_pct)}  # fmt: skip
        if result.bootstrap:
            params["p"] = float(row.p_improve)
        out.append(Finding("sat_improve", str(row.driver), params))
    if nps_result is not None and nps_result.n:
        out.append(Finding("sat_nps", "", {"nps": nps_result.nps, "ci_low": nps_result.ci_low,
                                           "ci_high": nps_result.ci_high, "n": nps_result.n}))  # fmt: skip
    if zones is not None and thresholds is not None:
        means = dict(zip(zones["zone"], zones["mean_loyalty"].astype(float), strict=True))
        out.append(Finding("sat_zones", "", {"x1": thresholds[0], "x2": thresholds[1], **means}))
    return tuple(out)


def loyalty_table(survey: Survey, nps_result: NPSResult | None) -> pd.DataFrame | None:
    """NPS and the loyalty index: ``measure`` (codes), ``value, ci_low, ci_high``; or ``None``."""
    rows = []
    if nps_result is not None:
        rows.append(nps_result.as_frame())
    if "loyalty_index" in survey.outcomes:
        li = survey.outcomes["loyalty_index"]
        _, m, lo, hi = mean_interval(li.to_frame(), 0.95)
        rows.append(
            pd.DataFrame(
                {
                    "measure": ["loyalty_index", "no_loyalty_index"],
                    "value": [m[0], int(li.isna().sum())],
                    "ci_low": [lo[0], np.nan],
                    "ci_high": [hi[0], np.nan],
                }
            )
        )
    return pd.concat(rows, ignore_index=True) if rows else None


# --- segments ----------------------------------------------------------------------------


def split_by(survey: Survey, by: str) -> pd.Series:
    """The segment of each respondent: ``value_segment`` (codes), ``tenure_band`` or a column.

    Raises
    ------
    OptionError
        No spend or segment column for value segments, no tenure column for
        tenure bands, no such column.
    """
    t = survey.traits
    if by == "value_segment":
        if "value_segment" not in t:
            raise OptionError(
                f"{{opt:by}} value_segment needs a monthly-spend or segment column in "
                f"{survey.table.source} (e.g. monthly_spend, 月消费额); or give a column"
            )
        return t["value_segment"]
    if by == "tenure_band":
        if "tenure_band" not in t:
            raise OptionError(
                f"{{opt:by}} tenure_band needs a tenure column in months in {survey.table.source} "
                "(e.g. tenure_months, 在网时长); or give a column"
            )
        return t["tenure_band"].astype(object)
    if by in t.columns:
        return t[by]
    if by in survey.table.frame.columns:
        return text_column(survey.table.frame[by])
    raise OptionError(
        f"{{opt:by}} {by!r}: no such column in {survey.table.source}; use "
        f"{', '.join(DERIVED_SPLITS)} or a column name"
    )


def segment_data(survey: Survey) -> pd.DataFrame:
    """What the segment tests compare: ``sat: <driver>``, ``imp: <driver>`` and the outcomes."""
    imp = survey.importance
    return pd.concat(
        [survey.satisfaction.add_prefix("sat: "),
         None if imp is None else imp.add_prefix("imp: "), survey.outcomes],
        axis=1,
    )  # fmt: skip


def _segment_note(code: str, segment: object, by: str, **params: object) -> Note:
    """A note about one segment; value-segment codes are named when rendered."""
    kinds = {"segment": "segment"} if by == "value_segment" else {}
    return NamedNote(f"sat_{code}", {"segment": str(segment), **params}, kinds=kinds)


def _segment_tables(
    survey: Survey,
    groups: pd.Series,
    importance: str,
    rule: str | tuple[float, float],
    outcome: str | None,
    by: str,
) -> tuple[dict[str, pd.DataFrame], tuple[Note, ...]]:
    """The per-segment IPA, means and tests by table key; and the segments left out."""
    frames, skipped = [], []
    sat, imp = survey.satisfaction, survey.importance
    for name, idx in groups.groupby(groups, observed=True, sort=True).groups.items():
        if len(idx) < MIN_SEGMENT:
            skipped.append(_segment_note("segment_small", name, by, n=len(idx)))
            continue
        try:
            if importance == "stated":
                rated = [d for d in sat.columns if d in imp.columns]
                r = ipa_table(sat.loc[idx, rated], imp.loc[idx, rated], survey.satisfaction_scale,
                              survey.importance_scale, rule)  # fmt: skip
            else:
                sub = _subset_survey(survey, idx)
                r = ipa_table(sub.satisfaction, None, survey.satisfaction_scale, None, rule,
                              derived_importance(sub, outcome))  # fmt: skip
        except OptionError as exc:
            skipped.append(_segment_note("segment_failed", name, by, reason=exc.cli_message()))
            continue
        table = _with_n_items(r.table, survey, importance == "stated")
        frames.append(table.assign(segment=name))
    tables: dict[str, pd.DataFrame] = {}
    if frames:
        seg = pd.concat(frames, ignore_index=True)
        tables["segments"] = seg[["segment", *[c for c in seg.columns if c != "segment"]]]
    data = segment_data(survey)
    tables["segment_means"] = group_means(data, groups)
    tables["segment_tests"] = group_tests(data, groups)
    return tables, tuple(skipped)


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


def nps_segments(survey: Survey) -> pd.DataFrame | None:
    """NPS of every customer (segment ``all``) and per value segment (codes), or ``None``
    without a recommend column: ``segment, nps, ci_low, ci_high, n``."""
    if "recommend" not in survey.outcomes:
        return None
    scores = survey.outcomes["recommend"]
    groups = survey.traits.get("value_segment")
    rows = [("all", net_promoter(scores))]
    if groups is not None:
        rows += [(str(g), net_promoter(scores[groups == g]))
                 for g in sorted(groups.dropna().unique(), key=str)]  # fmt: skip
    return pd.DataFrame(
        [(g, r.nps, r.ci_low, r.ci_high, r.n) for g, r in rows if r.n],
        columns=["segment", "nps", "ci_low", "ci_high", "n"],
    )


# --- missing values ----------------------------------------------------------------------


def missing_table(survey: Survey) -> pd.DataFrame:
    """Blanks per column, then respondents without a score of each multi-item driver.

    Columns ``column`` (the input column; blank on a score row), ``driver``,
    ``role``, ``n_items``, ``min_items`` (score rows only), ``n``, ``n_missing``.
    """
    it = survey.items
    scores = it[it["n_items"] > 1]
    rows = pd.DataFrame(
        {
            "column": None,
            "driver": scores["driver"],
            "role": scores["role"],
            "n_items": scores["n_items"],
            "min_items": scores["min_items"],
            "n": scores["n"],
            "n_missing": scores["n_missing"],
        }  # fmt: skip
    )
    blanks = survey.missing.assign(driver=None, role=None, n_items=np.nan, min_items=np.nan)
    columns = ["column", "driver", "role", "n_items", "min_items", "n", "n_missing"]
    return (
        pd.concat([blanks[columns], rows[columns]], ignore_index=True)
        if len(rows)
        else (blanks[columns])
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
