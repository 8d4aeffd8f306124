"""Vectorised classification and per-service counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kano.classification import category_counts, classify, classify_codes
from kano.io.survey import read_survey
from kano.tables import CATEGORIES, evaluation_table


def test_classify_canonical_survey_per_respondent(canonical):
    survey = read_survey(canonical.wide())
    result = classify(survey)
    assert list(result.columns) == ["Hotline", "Lounge"]
    assert list(result.index) == canonical.ids
    # categories read off the table by hand (conftest docstring)
    assert list(result["Hotline"].astype(object).fillna("-")) == list("OOAMIRQ-")
    assert list(result["Lounge"].astype(object)) == list("AAAMIIRQ")
    assert isinstance(result["Hotline"].dtype, pd.CategoricalDtype)
    assert list(result["Hotline"].cat.categories) == list(CATEGORIES)
    assert pd.isna(result.loc[108, "Hotline"])


def test_classify_with_modified_table(canonical):
    survey = read_survey(canonical.wide())
    result = classify(survey, "modified")
    # Lounge respondent 105 answered (2,2): I in the standard table, Q in the modified one
    assert result.loc[105, "Lounge"] == "Q"
    assert classify(survey).loc[105, "Lounge"] == "I"


def test_category_counts_canonical(canonical):
    survey = read_survey(canonical.wide())
    codes = classify_codes(
        survey.functional.to_numpy(), survey.dysfunctional.to_numpy(), evaluation_table()
    )
    counts = category_counts(codes, survey.services)
    for service in canonical.services:
        for cat in CATEGORIES:
            assert counts.loc[service, cat] == canonical.counts[service][cat], (service, cat)
    assert counts.loc["Hotline", "n_blank"] == 1
    assert counts.loc["Lounge", "n_blank"] == 0


def test_category_counts_hand_matrix():
    # 3 respondents x 2 services; codes A=0 O=1 M=2 I=3 R=4 Q=5, -1 blank
    codes = np.array([[0, 5], [0, -1], [3, -1]], dtype=np.int8)
    counts = category_counts(codes, ["s1", "s2"])
    assert counts.loc["s1"].tolist() == [2, 0, 0, 1, 0, 0, 0]  # A A I
    assert counts.loc["s2"].tolist() == [0, 0, 0, 0, 0, 1, 2]  # Q + two blanks


def test_classify_codes_whole_grid_in_one_call():
    # all 36 (f, d) combinations 0..5 at once; blanks (0) give -1
    f, d = np.meshgrid(np.arange(6, dtype=np.uint8), np.arange(6, dtype=np.uint8), indexing="ij")
    codes = classify_codes(f.ravel(), d.ravel(), evaluation_table()).reshape(6, 6)
    assert (codes[0, :] == -1).all() and (codes[:, 0] == -1).all()
    letters = np.array(CATEGORIES)[codes[1:, 1:]]
    assert ["".join(r) for r in letters] == ["QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"]


def test_classify_codes_does_not_modify_inputs():
    f = np.array([1, 2], np.uint8)
    d = np.array([5, 5], np.uint8)
    classify_codes(f, d, evaluation_table())
    assert f.tolist() == [1, 2] and d.tolist() == [5, 5]


@pytest.mark.parametrize("table", ["standard", "modified"])
def test_classify_no_category_for_missing_pair(table):
    frame = pd.DataFrame({"x_functional": [1, None, 1], "x_dysfunctional": [None, 5, 5]})
    result = classify(read_survey(frame), table)
    assert result["x"].isna().tolist() == [True, True, False]
    assert result["x"].iloc[2] == "O"
