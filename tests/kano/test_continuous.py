"""Continuous analysis (issue 4): DuMouchel's scores (Berger et al. 1993) for every answer
pair, per-service means, SDs and t intervals by hand, and the category of the quadrant."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kano.analysis import analyze
from kano.continuous import continuous_summary, respondent_scores
from kano.io.survey import read_survey

# Every (functional, dysfunctional) answer pair with its (functional score, dysfunctional
# score), typed from the table of Berger et al. (1993): functional like 4, must-be 2,
# neutral 0, live with -1, dislike -2; dysfunctional like -2, must-be -1, neutral 0,
# live with 2, dislike 4.
SCORES = {
    (1, 1): (4, -2), (1, 2): (4, -1), (1, 3): (4, 0), (1, 4): (4, 2), (1, 5): (4, 4),
    (2, 1): (2, -2), (2, 2): (2, -1), (2, 3): (2, 0), (2, 4): (2, 2), (2, 5): (2, 4),
    (3, 1): (0, -2), (3, 2): (0, -1), (3, 3): (0, 0), (3, 4): (0, 2), (3, 5): (0, 4),
    (4, 1): (-1, -2), (4, 2): (-1, -1), (4, 3): (-1, 0), (4, 4): (-1, 2), (4, 5): (-1, 4),
    (5, 1): (-2, -2), (5, 2): (-2, -1), (5, 3): (-2, 0), (5, 4): (-2, 2), (5, 5): (-2, 4),
}  # fmt: skip

T_975_DF2 = 4.302653  # Student t, 97.5% quantile, 2 degrees of freedom (tables)


def test_scores_of_all_25_answer_pairs(survey_of):
    pairs = list(SCORES)
    fs, ds = respondent_scores(survey_of({"svc": pairs}))
    for rid, pair in enumerate(pairs, start=1):
        assert (fs.loc[rid, "svc"], ds.loc[rid, "svc"]) == SCORES[pair], pair


def test_scores_only_where_both_questions_are_answered():
    frame = {"id": [1, 2, 3, 4], "x_functional": [1, None, 3, None],
             "x_dysfunctional": [5, 4, None, None]}  # fmt: skip
    fs, ds = respondent_scores(read_survey(pd.DataFrame(frame)))
    assert fs["x"].tolist()[0] == 4 and ds["x"].tolist()[0] == 4
    # a half-answered pair gives no score on either side, so both means cover the same people
    assert fs["x"].iloc[1:].isna().all() and ds["x"].iloc[1:].isna().all()


def test_means_sds_and_t_intervals_by_hand(survey_of):
    # (1,5) -> (4, 4); (2,5) -> (2, 4); (3,4) -> (0, 2); plus a blank respondent
    out = continuous_summary(survey_of({"x": [(1, 5), (2, 5), (3, 4), None]})).iloc[0]
    assert out["n"] == 3
    # functional 4, 2, 0: mean 2, sd = sqrt((2² + 0² + 2²)/2) = 2,
    # half = t(0.975, 2)·2/sqrt(3) = 4.302653·1.154701 = 4.968275
    assert out["functional_mean"] == pytest.approx(2.0)
    assert out["functional_sd"] == pytest.approx(2.0)
    assert out["functional_ci_low"] == pytest.approx(2 - 4.968275, abs=1e-5)
    assert out["functional_ci_high"] == pytest.approx(2 + 4.968275, abs=1e-5)
    # dysfunctional 4, 4, 2: mean 10/3, sd = sqrt(((2/3)²·2 + (4/3)²)/2) = sqrt(4/3) = 1.154701,
    # half = 4.302653·1.154701/1.732051 = 2.868435
    assert out["dysfunctional_mean"] == pytest.approx(10 / 3)
    assert out["dysfunctional_sd"] == pytest.approx(np.sqrt(4 / 3))
    assert out["dysfunctional_ci_low"] == pytest.approx(10 / 3 - 2.868435, abs=1e-5)
    assert out["dysfunctional_ci_high"] == pytest.approx(10 / 3 + 2.868435, abs=1e-5)
    # functional mean exactly 2 is not above the split; dysfunctional 3.33 is -> must-be
    assert out["continuous_category"] == "M"


def test_quadrant_category(survey_of):
    survey = survey_of(
        {
            "both": [(1, 5), (1, 5)],  # (4, 4): functional > 2 and dysfunctional > 2 -> O
            "func": [(1, 3), (1, 4)],  # (4, 0), (4, 2): means (4, 1) -> A
            "dys": [(3, 5), (2, 5)],  # (0, 4), (2, 4): means (1, 4) -> M
            "neither": [(3, 3), (4, 4)],  # (0, 0), (-1, 2): means (-0.5, 1) -> I
            "edge": [(1, 5), (4, 2)],  # (4, 4), (-1, -1): means (1.5, 1.5) -> I
            "empty": [None, None],
        }
    )
    out = continuous_summary(survey).set_index("service")
    assert out["continuous_category"].to_dict() == {
        "both": "O", "func": "A", "dys": "M", "neither": "I", "edge": "I", "empty": "",
    }  # fmt: skip
    assert out.loc["func", "functional_mean"] == 4 and out.loc["func", "dysfunctional_mean"] == 1
    assert out.loc["empty", "n"] == 0 and np.isnan(out.loc["empty", "functional_mean"])


def test_importance_mean_and_ci_by_hand():
    frame = pd.DataFrame({"id": [1, 2, 3], "x_functional": [1, 2, 3],
                          "x_dysfunctional": [5, 5, 3], "x_importance": [5, 3, 4]})  # fmt: skip
    out = continuous_summary(read_survey(frame)).iloc[0]
    # importance 5, 3, 4: mean 4, sd 1, half = 4.302653/sqrt(3) = 2.484138
    assert out["importance_mean"] == pytest.approx(4.0)
    assert out["importance_sd"] == pytest.approx(1.0)
    assert out["importance_ci_low"] == pytest.approx(4 - T_975_DF2 / np.sqrt(3), abs=1e-5)
    assert out["importance_ci_high"] == pytest.approx(4 + T_975_DF2 / np.sqrt(3), abs=1e-5)


def test_analyze_continuous_only_when_asked(survey_of):
    survey = survey_of({"x": [(1, 5), (1, 3)]})
    assert analyze(survey).continuous is None
    cont = analyze(survey, continuous=True).continuous
    # (4, 4) and (4, 0): means (4, 2) -> dysfunctional not above 2 -> A
    assert cont.iloc[0]["continuous_category"] == "A"
    assert "importance_mean" not in cont.columns
