"""Distinct values of a column of raw cells, the one way every reader looks them up.

Readers look each distinct value up once (``pd.factorize``), never each cell.
``pd.factorize`` puts True with 1 and False with 0 (they compare and hash
equal), so a TRUE cell of a workbook would be read as the answer or rating 1;
:func:`factorize_cells` gives booleans values of their own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def factorize_cells(values: pd.Series) -> tuple[np.ndarray, list]:
    """``(labels, uniques)`` of ``pd.factorize(values)`` (blank cells -1) with TRUE/FALSE
    cells apart from 1 and 0.

    The cells of the groups concerned are told apart by their text ('True'/'False'
    versus '1', '1.0', '0'), converted in one vectorised step; the new uniques are
    appended.
    """
    labels, found = pd.factorize(values, use_na_sentinel=True)
    uniques = list(found)
    suspects = [
        k
        for k, u in enumerate(uniques)
        if isinstance(u, bool | np.bool_ | int | float | np.integer | np.floating) and u in (0, 1)
    ]
    if not suspects:
        return labels, uniques
    positions = np.flatnonzero(np.isin(labels, suspects))
    text = values.iloc[positions].astype(str).to_numpy()
    labels = labels.copy()
    for form in np.unique(text):
        if form in ("True", "False"):
            value: object = form == "True"
        else:
            value = int(form) if form.isdigit() else float(form)
        uniques.append(value)
        labels[positions[text == form]] = len(uniques) - 1
    return labels, uniques
