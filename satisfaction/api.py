"""The public functions of the satisfaction side (pingouin's way): each takes a
:class:`~satisfaction.Survey` or a DataFrame with column names, and returns a
result or a tidy DataFrame with the library's column names and codes.

A DataFrame's cells are read like a survey's (:func:`satisfaction.validate.frame_columns`:
numbers, numbered labels, label sets; a bad cell is named by row and column),
then handed to the computation of the statistics modules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from kano.shared.errors import OptionError
from satisfaction.analysis import (
    BOOTSTRAP,
    analyze_ipa,
    check_bootstrap,
    derived_importance,
    segment_data,
    split_by,
)
from satisfaction.loyalty import (
    RECOMMEND_SCALE,
    NPSResult,
    default_thresholds,
    loyalty_scores,
    net_promoter,
    zone_table,
)
from satisfaction.quadrants import IPAResult, ipa_table, parse_crosshair
from satisfaction.relative_importance import (
    DerivedImportance,
    bootstrap_counts,
    relative_importance,
)
from satisfaction.segments import group_tests
from satisfaction.survey import Survey
from satisfaction.validate import Scale, as_scale, frame_columns


def drivers(
    data: Survey | pd.DataFrame,
    outcome: str | None = None,
    predictors: Sequence[str] | Mapping[str, str | Sequence[str]] | None = None,
    *,
    rated_only: bool = False,
    bootstrap: int = BOOTSTRAP,
    seed: int = 0,
) -> DerivedImportance:
    """Derived importance of drivers: correlation, beta, Johnson's weights, Shapley/LMG.

    Parameters
    ----------
    data:
        A :class:`~satisfaction.Survey` (its drivers, tenure, traits and
        competitors; see :func:`derived_importance`) or a DataFrame of numbers.
    outcome:
        The outcome: for a survey ``overall`` (default), ``loyalty`` or a
        column; for a DataFrame the outcome column (required).
    predictors:
        For a DataFrame: the predictor columns (each its own driver), or
        driver -> column(s) (a driver may span several columns, e.g. dummies).
        Default: every other column.
    rated_only:
        For a survey: leave out tenure, customer traits and competitors.
    bootstrap, seed:
        Resamples (0 = none) and seed of the percentile 95% intervals.

    Returns :class:`DerivedImportance`. References: Lindeman, Merenda & Gold
    (1980); Grömping (2007); Johnson (2000). docs/methods.md §S3.
    """
    check_bootstrap(bootstrap, seed)
    if isinstance(data, Survey):
        return derived_importance(data, outcome, bootstrap, seed, rated_only=rated_only)
    if outcome is None:
        raise OptionError("name the outcome column ({opt:outcome})")
    if predictors is None:
        predictors = [c for c in data.columns if c != outcome]
    groups = (
        {str(k): [v] if isinstance(v, str) else list(v) for k, v in predictors.items()}
        if isinstance(predictors, Mapping)
        else {str(c): [c] for c in predictors}
    )
    columns = [c for g in groups.values() for c in g]
    values, _ = frame_columns(data, [*columns, outcome], what="value", numbers_only=True)
    return relative_importance(values[columns], values[outcome], groups, bootstrap, seed)


def _driver_columns(spec: str | Sequence[str] | Mapping[str, str]) -> dict[str, str]:
    """Driver -> column from a column, a list of columns (the driver is the column) or a
    mapping."""
    if isinstance(spec, Mapping):
        return {str(k): v for k, v in spec.items()}
    return {str(c): c for c in ([spec] if isinstance(spec, str) else spec)}


def ipa(
    data: Survey | pd.DataFrame,
    satisfaction: str | Sequence[str] | Mapping[str, str] | None = None,
    importance: str | Sequence[str] | Mapping[str, str] | None = None,
    *,
    scale: Scale | str | None = None,
    importance_scale: Scale | str | None = None,
    crosshair: str | tuple[float, float] = "mean",
    outcome: str | None = None,
    bootstrap: int = BOOTSTRAP,
    seed: int = 0,
) -> IPAResult:
    """Importance-performance analysis: each driver's quadrant, gap and priority.

    Parameters
    ----------
    data:
        A :class:`~satisfaction.Survey` (its drivers; the importance axis is
        ``importance``: ``stated`` or ``derived``, by default stated when the
        survey rates importance) or a DataFrame.
    satisfaction, importance:
        For a DataFrame: the satisfaction and stated-importance rating columns,
        as a column, a list (the driver is the column) or driver -> column.
        Without ``importance``, the importance axis is derived importance for
        ``outcome``.
    scale, importance_scale:
        Rating scales (``"1-5"``); default: from the labels or inferred
        (``importance_scale`` defaults to ``scale``).
    crosshair:
        ``mean`` (default), ``median``, ``midpoint`` or ``(satisfaction, importance)``.
    outcome:
        The outcome of derived importance (a column of the DataFrame, or for a
        survey ``overall``/``loyalty``/a column).
    bootstrap, seed:
        Resamples (0 = none) and seed of the quadrant probabilities.

    Returns :class:`IPAResult`. Reference: Martilla, J. A. & James, J. C. (1977).
    Importance-performance analysis. Journal of Marketing 41(1), 77-79.
    """
    check_bootstrap(bootstrap, seed)
    rule = parse_crosshair(crosshair)
    if isinstance(data, Survey):
        if satisfaction is not None:
            raise OptionError(
                "a survey's drivers are its own; {opt:satisfaction} is for a DataFrame"
            )
        analysis = analyze_ipa(data, importance=importance, outcome=outcome, crosshair=rule,
                               bootstrap=bootstrap, seed=seed)  # fmt: skip
        return analysis.result
    if not satisfaction:
        raise OptionError("name the satisfaction rating columns ({opt:satisfaction})")
    sat_cols = _driver_columns(satisfaction)
    sat, sscale = frame_columns(data, list(sat_cols.values()), what="satisfaction rating",
                                scale=as_scale(scale))  # fmt: skip
    sat = pd.DataFrame({d: sat[c] for d, c in sat_cols.items()})
    counts = bootstrap_counts(len(data), bootstrap, seed) if bootstrap else None
    if importance:
        imp_cols = _driver_columns(importance)
        absent = [d for d in sat_cols if d not in imp_cols]
        if absent:
            raise OptionError(f"no importance column for driver(s) {', '.join(absent)}")
        iscale_given = as_scale(importance_scale) or as_scale(scale)
        imp, iscale = frame_columns(data, [imp_cols[d] for d in sat_cols],
                                    what="importance rating", scale=iscale_given)  # fmt: skip
        imp = pd.DataFrame({d: imp[imp_cols[d]] for d in sat_cols})
        return ipa_table(sat, imp, sscale, iscale, rule, None, counts)
    if outcome is None:
        raise OptionError(
            "give the importance columns ({opt:importance}) or the outcome of derived "
            "importance ({opt:outcome})"
        )
    y, _ = frame_columns(data, [outcome], what="outcome value", numbers_only=True)
    derived = relative_importance(sat, y[outcome], None, bootstrap, seed, counts)
    return ipa_table(sat, None, sscale, None, rule, derived, counts)


def nps(
    data: Survey | pd.DataFrame | pd.Series | Sequence[float],
    column: str | None = None,
    *,
    level: float = 0.95,
) -> NPSResult:
    """Net Promoter Score of 0-10 likelihood-to-recommend answers (blanks ignored).

    Parameters
    ----------
    data:
        A :class:`~satisfaction.Survey` (its recommend column), a DataFrame
        (``column`` names the answers; ``10 - Extremely likely`` reads 10), or
        the scores themselves.
    level:
        Level of the Wald interval.

    Returns :class:`NPSResult` (docs/methods.md §S4). Reference: Reichheld, F. F.
    (2003). The one number you need to grow. Harvard Business Review 81(12), 46-54.

    Raises
    ------
    OptionError
        No recommend column in the survey, no such column, a score outside 0-10.
    """
    if isinstance(data, Survey):
        if "recommend" not in data.outcomes:
            raise OptionError(f"{data.table.source}: no likelihood-to-recommend (0-10) column")
        return net_promoter(data.outcomes["recommend"], level)
    if isinstance(data, pd.DataFrame):
        values, _ = frame_columns(data, [column], what="recommend score", scale=RECOMMEND_SCALE)
        return net_promoter(values[column], level)
    return net_promoter(data, level)


def loyalty_index(
    data: Survey | pd.DataFrame,
    kinds: Mapping[str, Sequence[str]] | None = None,
    scales: Mapping[str, Scale | str] | None = None,
) -> pd.Series:
    """Loyalty index 0-100 per respondent: the mean of the behavioural, intentional and
    emotional scores, each the mean of its items on 0-100 (docs/methods.md §S4).

    Parameters
    ----------
    data:
        A :class:`~satisfaction.Survey` (its index, from the loyalty items it
        found) or a DataFrame of numeric item columns.
    kinds:
        For a DataFrame: kind (``behavioural``, ``intentional``, ``emotional``)
        -> its item columns.
    scales:
        For a DataFrame: item column -> its scale (a :class:`Scale` or
        ``"1-5"``; yes/no items ``"0-1"``).

    Returns the index as a Series named ``loyalty_index``.

    Raises
    ------
    OptionError
        No loyalty items; an item without a scale.
    """
    if isinstance(data, Survey):
        if "loyalty_index" not in data.outcomes:
            raise OptionError(f"{data.table.source}: no loyalty items found (behavioural, "
                              "intentional or emotional)")  # fmt: skip
        return data.outcomes["loyalty_index"]
    if not kinds:
        raise OptionError("name the loyalty items of each kind ({opt:kinds})")
    items = [c for cols in kinds.values() for c in cols]
    missing = [c for c in items if c not in (scales or {})]
    if missing:
        raise OptionError(f"give the scale of the loyalty items {', '.join(map(repr, missing))} "
                          "({opt:scales}, e.g. '1-5'; yes/no items '0-1')")  # fmt: skip
    values, _ = frame_columns(data, items, what="loyalty item", numbers_only=True)
    return loyalty_scores(values, kinds, {c: as_scale(s) for c, s in scales.items()})


def satisfaction_zones(
    data: Survey | pd.DataFrame,
    satisfaction: str | None = None,
    loyalty: str | None = None,
    *,
    thresholds: tuple[float, float] | None = None,
    scale: Scale | str | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Mean loyalty per satisfaction zone: dissatisfied, neither, satisfied (docs/methods.md §S4).

    Parameters
    ----------
    data:
        A :class:`~satisfaction.Survey` (overall satisfaction and the loyalty
        index) or a DataFrame of numbers, with ``satisfaction`` and ``loyalty``
        naming its columns.
    thresholds:
        (X1, X2) on the satisfaction scale; default: the midpoint of ``scale``
        and three quarters up (a survey's overall scale when ``data`` is one).
    scale:
        The satisfaction scale (``"1-10"``): the default thresholds, and where
        the outer zones end.

    Returns the table of :func:`satisfaction.loyalty.zone_table`.

    Raises
    ------
    OptionError
        No overall satisfaction or loyalty index; no thresholds and no scale.
    """
    if isinstance(data, Survey):
        o = data.outcomes
        if "overall" not in o or "loyalty_index" not in o:
            raise OptionError(f"{data.table.source}: zones need an overall-satisfaction column "
                              "and loyalty items")  # fmt: skip
        sat, loy = o["overall"], o["loyalty_index"]
        scale = as_scale(scale) or data.outcome_scales.get("overall")
    else:
        values, _ = frame_columns(data, [satisfaction, loyalty], what="zone value",
                                  numbers_only=True)  # fmt: skip
        sat, loy = values[satisfaction], values[loyalty]
        scale = as_scale(scale)
    if thresholds is None:
        if scale is None:
            raise OptionError("give the zone thresholds ({opt:thresholds}) or the satisfaction "
                              "scale ({opt:scale})")  # fmt: skip
        thresholds = default_thresholds(scale)
    return zone_table(sat, loy, *thresholds, level=level, scale=scale)


def compare_groups(
    data: Survey | pd.DataFrame,
    by: str | pd.Series,
    columns: Sequence[str] | None = None,
    test: str = "kruskal",
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Test, for each variable, whether it differs between groups (Kruskal-Wallis or ANOVA,
    Benjamini-Hochberg over the variables; docs/methods.md §S6).

    Parameters
    ----------
    data:
        A :class:`~satisfaction.Survey` (its satisfaction scores ``sat: <driver>``,
        importance scores ``imp: <driver>`` and outcomes) or a DataFrame of numbers.
    by:
        The groups: a Series aligned with ``data``, a column of the DataFrame,
        or for a survey ``value_segment``, ``tenure_band`` or a column.
    columns:
        The variables to test (default: all).
    test:
        ``kruskal`` (default) or ``anova``.
    alpha:
        Level of ``significant`` (adjusted p below it).

    Returns ``variable, test, n, n_groups, statistic, df, p, p_adjusted, significant``.
    References: Kruskal & Wallis (1952); Benjamini & Hochberg (1995).
    """
    if isinstance(data, Survey):
        groups = split_by(data, by) if isinstance(by, str) else by
        return group_tests(segment_data(data), groups, columns, test, alpha)
    if isinstance(by, str):
        if by not in data.columns:
            raise OptionError(f"{{opt:by}} {by!r}: not a column of the DataFrame")
        data, by = data.drop(columns=[by]), data[by]
    return group_tests(data, by, columns, test, alpha)
