"""Loyalty index, Net Promoter Score and satisfaction-loyalty zones.

Loyalty index (0-100). Every loyalty item is mapped onto 0-100 with
``100 (x - low) / (high - low)`` (a yes/no item gives 0 or 100, a 0-10
recommend item 10 points per step). Within each kind (behavioural, intentional,
emotional) the items answered are averaged; the index is the mean of the kinds'
scores, each kind weighing the same. A respondent with no answer in some kind
gets no index (counted, not imputed).

NPS (Reichheld 2003): % promoters (9-10) minus % detractors (0-6). Its
standard error treats (promoter, passive, detractor) as a multinomial:
``Var(p̂_P - p̂_D) = [p_P + p_D - (p_P - p_D)²] / n``; the interval is
``NPS ± z·SE`` (Wald), clipped to [-100, 100].

Zones (satisfaction is not loyalty): dissatisfied ``sat < X1``, neither
``X1 <= sat < X2``, satisfied ``sat >= X2``; by default X1 is the scale midpoint
and X2 three quarters of the way up the scale.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from kano.shared.errors import OptionError
from satisfaction.display import html_view, text_view
from satisfaction.validate import Scale

ZONES = ("dissatisfied", "neither", "satisfied")
#: The scale of likelihood to recommend (Reichheld 2003).
RECOMMEND_SCALE = Scale(0, 10)


@dataclass(frozen=True)
class NPSResult:
    """Net Promoter Score in points (-100..100) with its Wald interval.

    ``n`` answers; ``promoters``, ``passives``, ``detractors`` are counts.
    """

    n: int
    promoters: int
    passives: int
    detractors: int
    nps: float
    se: float
    ci_low: float
    ci_high: float
    level: float = 0.95

    def as_frame(self) -> pd.DataFrame:
        """Tidy ``measure, value, ci_low, ci_high``; ``measure`` holds codes (``nps``,
        ``promoters_pct``, ``passives_pct``, ``detractors_pct``, ``n``)."""
        return pd.DataFrame(
            {
                "measure": ["nps", "promoters_pct", "passives_pct", "detractors_pct", "n"],
                "value": [
                    self.nps,
                    100 * self.promoters / self.n if self.n else np.nan,
                    100 * self.passives / self.n if self.n else np.nan,
                    100 * self.detractors / self.n if self.n else np.nan,
                    self.n,
                ],
                "ci_low": [self.ci_low, np.nan, np.nan, np.nan, np.nan],
                "ci_high": [self.ci_high, np.nan, np.nan, np.nan, np.nan],
            }
        )

    def _facts(self) -> list[str]:
        return [f"NPS={self.nps:.1f}", f"{self.level:.0%} CI [{self.ci_low:.1f}, {self.ci_high:.1f}]",
                f"n={self.n}", f"promoters {self.promoters}", f"passives {self.passives}",
                f"detractors {self.detractors}"]  # fmt: skip

    def __repr__(self) -> str:
        return text_view("NPSResult", self._facts())

    def _repr_html_(self) -> str:
        return html_view("Net Promoter Score", self._facts(), self.as_frame())


def net_promoter(scores: pd.Series | Sequence[float], level: float = 0.95) -> NPSResult:
    """NPS of 0-10 likelihood-to-recommend answers (blanks ignored), with its Wald interval.

    The computation behind :func:`satisfaction.nps`. Reference: Reichheld, F. F.
    (2003). The one number you need to grow. Harvard Business Review 81(12), 46-54.

    Raises
    ------
    OptionError
        A score outside 0-10.
    """
    s = pd.Series(scores, dtype=float).dropna()
    if ((s < 0) | (s > 10)).any():
        raise OptionError("likelihood to recommend must lie between 0 and 10")
    n = len(s)
    promoters = int((s >= 9).sum())
    detractors = int((s <= 6).sum())
    passives = n - promoters - detractors
    if n == 0:
        return NPSResult(0, 0, 0, 0, np.nan, np.nan, np.nan, np.nan, level)
    pp, pd_ = promoters / n, detractors / n
    score = 100 * (pp - pd_)
    se = 100 * np.sqrt(max(pp + pd_ - (pp - pd_) ** 2, 0.0) / n)
    z = stats.norm.ppf((1 + level) / 2)
    return NPSResult(
        n,
        promoters,
        passives,
        detractors,
        float(score),
        float(se),
        float(max(-100.0, score - z * se)),
        float(min(100.0, score + z * se)),
        level,
    )


def loyalty_scores(
    values: pd.DataFrame,
    kinds: Mapping[str, Sequence[str]],
    scales: Mapping[str, Scale],
) -> pd.Series:
    """Loyalty index 0-100 per respondent (see the module docstring for the scaling).

    ``values``: numeric item columns; ``kinds``: kind -> its item columns;
    ``scales``: item column -> its scale. The computation behind
    :func:`satisfaction.loyalty_index`.

    Raises
    ------
    OptionError
        No loyalty items.
    """
    if not kinds:
        raise OptionError("no loyalty items found (behavioural, intentional or emotional)")
    scores = []
    for items in kinds.values():
        pct = pd.DataFrame(
            {c: scales[c].to_pct(values[c].to_numpy()) for c in items}, index=values.index
        )
        scores.append(pct.mean(axis=1, skipna=True))
    kind_scores = pd.concat(scores, axis=1)
    index = kind_scores.mean(axis=1, skipna=False)
    return index.rename("loyalty_index")


def default_thresholds(scale: Scale) -> tuple[float, float]:
    """(X1, X2): the scale midpoint and the point three quarters up the scale."""
    return scale.low + 0.5 * scale.width, scale.low + 0.75 * scale.width


def zone_table(
    satisfaction: pd.Series,
    loyalty: pd.Series,
    x1: float,
    x2: float,
    level: float = 0.95,
    scale: Scale | None = None,
) -> pd.DataFrame:
    """Mean loyalty per satisfaction zone, from the two series and the thresholds.

    Columns: ``zone`` (dissatisfied / neither / satisfied), ``sat_from``,
    ``sat_to`` (zone bounds: ``[from, to)``, the last one closed; the outer
    bounds are the ends of ``scale`` when given, else infinite), ``n``,
    ``mean_loyalty``, ``loyalty_low``, ``loyalty_high`` (t interval), and
    ``slope``: loyalty points per satisfaction point within the zone (OLS).
    The computation behind :func:`satisfaction.satisfaction_zones`.

    Raises
    ------
    OptionError
        ``x1 >= x2``.
    """
    if not x1 < x2:
        raise OptionError(f"zone thresholds need X1 < X2, got X1={x1:g}, X2={x2:g}")
    df = pd.DataFrame({"s": satisfaction, "l": loyalty}).dropna()
    zone = np.where(df["s"] < x1, "dissatisfied", np.where(df["s"] < x2, "neither", "satisfied"))
    rows = []
    low, high = (scale.low, scale.high) if scale is not None else (-np.inf, np.inf)
    bounds = {"dissatisfied": (low, x1), "neither": (x1, x2), "satisfied": (x2, high)}
    for z in ZONES:
        part = df[zone == z]
        n = len(part)
        mean = part["l"].mean() if n else np.nan
        sd = part["l"].std(ddof=1) if n > 1 else np.nan
        half = stats.t.ppf((1 + level) / 2, n - 1) * sd / np.sqrt(n) if n > 1 else np.nan
        slope = np.nan
        if n > 2 and part["s"].nunique() > 1:
            slope = float(np.polyfit(part["s"].to_numpy(), part["l"].to_numpy(), 1)[0])
        rows.append((z, *bounds[z], n, mean, mean - half, mean + half, slope))
    return pd.DataFrame(
        rows,
        columns=[
            "zone",
            "sat_from",
            "sat_to",
            "n",
            "mean_loyalty",
            "loyalty_low",
            "loyalty_high",
            "slope",
        ],
    )
