"""Continuous analysis of Kano answers (DuMouchel, in Berger et al. 1993).

Each answer gets a score on an asymmetric scale, functional and dysfunctional
mirrored so that "more satisfied if present" and "more dissatisfied if
absent" are both positive:

================  ====  ========  =======  =========  =======
answer            like  must-be   neutral  live with  dislike
================  ====  ========  =======  =========  =======
functional score    4      2         0        -1        -2
dysfunctional      -2     -1         0         2         4
================  ====  ========  =======  =========  =======

Per service, the mean point (dysfunctional, functional) is read by quadrant
with the split at 2, the middle of the 0..4 range of the positive answers:
functional > 2 and dysfunctional > 2 → O; functional > 2 only → A;
dysfunctional > 2 only → M; neither → I.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

from kano.io.survey import KanoSurvey

# index = answer code; 0 (blank) → NaN
FUNCTIONAL_SCORES = np.array([np.nan, 4.0, 2.0, 0.0, -1.0, -2.0])
DYSFUNCTIONAL_SCORES = np.array([np.nan, -2.0, -1.0, 0.0, 2.0, 4.0])
QUADRANT_SPLIT = 2.0


def respondent_scores(survey: KanoSurvey) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-respondent functional and dysfunctional scores (respondents × services, NaN blank).

    A score is kept only where the respondent answered both questions of the
    pair, so the functional and dysfunctional means cover the same people.
    """
    f = survey.functional.to_numpy()
    d = survey.dysfunctional.to_numpy()
    both = (f > 0) & (d > 0)
    fs = np.where(both, FUNCTIONAL_SCORES.take(f), np.nan)
    ds = np.where(both, DYSFUNCTIONAL_SCORES.take(d), np.nan)
    index, columns = survey.functional.index, survey.functional.columns
    return pd.DataFrame(fs, index=index, columns=columns), pd.DataFrame(
        ds, index=index, columns=columns
    )


def mean_ci(frame: pd.DataFrame, level: float = 0.95) -> pd.DataFrame:
    """Per column: ``n, mean, sd, ci_low, ci_high`` (t interval, NaN ignored)."""
    n = frame.notna().sum()
    mean = frame.mean()
    sd = frame.std(ddof=1)
    t = special.stdtrit(np.maximum(n - 1, 1), 0.5 + level / 2)  # Student t quantile
    half = t * sd / np.sqrt(n.where(n > 0))
    return pd.DataFrame(
        {"n": n, "mean": mean, "sd": sd, "ci_low": mean - half, "ci_high": mean + half}
    )


def continuous_summary(survey: KanoSurvey, level: float = 0.95) -> pd.DataFrame:
    """Mean functional and dysfunctional scores per service with CIs, and the quadrant category.

    Returns one row per service: ``service, n, functional_mean, functional_sd,
    functional_ci_low, functional_ci_high, dysfunctional_mean, …,
    continuous_category`` and, when self-stated importance exists,
    ``importance_mean, importance_sd, importance_ci_low, importance_ci_high``
    (the third dimension of the continuous plot; Berger et al. 1993, §IVb).
    """
    fs, ds = respondent_scores(survey)
    f = mean_ci(fs, level)
    d = mean_ci(ds, level)
    out = pd.DataFrame({"service": survey.services, "n": f["n"].to_numpy()})
    for name, part in (("functional", f), ("dysfunctional", d)):
        for col in ("mean", "sd", "ci_low", "ci_high"):
            out[f"{name}_{col}"] = part[col].to_numpy()
    high_f = out["functional_mean"] > QUADRANT_SPLIT
    high_d = out["dysfunctional_mean"] > QUADRANT_SPLIT
    category = np.select([high_f & high_d, high_f, high_d], ["O", "A", "M"], default="I")
    out["continuous_category"] = np.where(out["n"] > 0, category, "")
    if survey.importance.shape[1]:
        imp = mean_ci(survey.importance, level).reindex(survey.services)
        for col in ("mean", "sd", "ci_low", "ci_high"):
            out[f"importance_{col}"] = imp[col].to_numpy()
    return out
