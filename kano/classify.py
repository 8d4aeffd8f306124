"""Classification of answer pairs through an evaluation table, vectorised.

One integer lookup per pair: ``lut[functional * 6 + dysfunctional]``, with code
0 (blank) mapping to -1 (no category). No Python loop over respondents.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kano.io.survey import KanoSurvey
from kano.tables import CATEGORIES, EvaluationTable, evaluation_table


def classify_codes(
    functional: np.ndarray, dysfunctional: np.ndarray, table: EvaluationTable
) -> np.ndarray:
    """Category codes (int8: 0..5 = A O M I R Q, -1 blank) of answer-code arrays (uint8 0..5)."""
    index = functional * np.uint8(6)
    index += dysfunctional
    return table.lookup.take(index)


def classify(survey: KanoSurvey, table: str | EvaluationTable = "standard") -> pd.DataFrame:
    """Per-respondent categories.

    Returns a DataFrame respondents × services of categorical dtype with the
    categories ``A, O, M, I, R, Q`` (NaN where the pair is blank).
    Reference: the evaluation table of the source documents / Berger et al. (1993).
    """
    table = evaluation_table(table)
    codes = classify_codes(survey.functional.to_numpy(), survey.dysfunctional.to_numpy(), table)
    dtype = pd.CategoricalDtype(list(CATEGORIES))
    return pd.DataFrame(
        {
            service: pd.Categorical.from_codes(codes[:, j], dtype=dtype)
            for j, service in enumerate(survey.services)
        },
        index=survey.functional.index,
    )


def category_counts(codes: np.ndarray, services: list[str]) -> pd.DataFrame:
    """Counts of each category per service from a codes matrix (respondents × services).

    Returns columns ``A, O, M, I, R, Q`` (int64) and ``n_blank``, indexed by service.
    """
    n_services = codes.shape[1]
    flat = codes.astype(np.int64) + 1  # -1 (blank) → 0
    flat += np.arange(n_services, dtype=np.int64)[None, :] * 7
    counts = np.bincount(flat.ravel(), minlength=7 * n_services).reshape(n_services, 7)
    frame = pd.DataFrame(
        counts[:, 1:], index=pd.Index(services, name="service"), columns=list(CATEGORIES)
    )
    frame["n_blank"] = counts[:, 0]
    return frame
