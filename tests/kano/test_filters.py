"""Respondent filters (issue 4): drop respondents with more than k Q answers; shares of
A, O, M, I over A+O+M+I. Both off by default and recorded when used."""

from __future__ import annotations

import numpy as np
import pytest

from kano.analysis import analyze
from kano.filters import drop_questionable
from kano.shared.errors import OptionError
from kano.stats import SummaryOptions, summarize

Q1, Q5 = (1, 1), (5, 5)  # the two Q cells of the standard table
A, O, M, I, R = (1, 3), (1, 5), (2, 5), (3, 3), (5, 1)  # noqa: E741 (Kano letters)


def q_survey(survey_of):
    # respondents 1..5 give 0, 1, 2, 3, 3 Q answers over three services
    return survey_of(
        {
            "x": [A, Q1, Q1, Q5, Q1],
            "y": [O, M, Q5, Q1, Q5],
            "z": [I, I, A, Q5, Q1],
        },
        ids=[11, 12, 13, 14, 15],
    )


@pytest.mark.parametrize(
    ("max_q", "kept"),
    [(0, [11]), (1, [11, 12]), (2, [11, 12, 13]), (3, [11, 12, 13, 14, 15])],
)
def test_drop_questionable_drops_exactly_those_above_k(survey_of, max_q, kept):
    res = drop_questionable(q_survey(survey_of), max_q)
    assert res.survey.functional.index.tolist() == kept
    assert res.n_dropped == 5 - len(kept)
    assert str(res.note).endswith(f"more than {max_q} Q answers left out: {5 - len(kept)}")
    # the counts follow the kept respondents: Q answers left in x = those of kept respondents
    x = summarize(res.survey).set_index("service").loc["x"]
    assert x["Q"] == {0: 0, 1: 1, 2: 2, 3: 4}[max_q]


def test_drop_questionable_rejects_negative_k(survey_of):
    with pytest.raises(OptionError, match="max_q= must be 0 or more, not -1"):
        drop_questionable(q_survey(survey_of), -1)


def test_filter_is_off_by_default_and_recorded_when_used(survey_of):
    survey = q_survey(survey_of)
    plain = analyze(survey)
    assert plain.respondent_filter is None and not plain.options.shares_exclude_qr
    assert len(plain.survey.functional) == 5
    filtered = analyze(survey, max_q=1, options=SummaryOptions(shares_exclude_qr=True))
    assert str(filtered.respondent_filter.note).endswith("left out: 3")
    assert filtered.options.shares_exclude_qr
    assert len(filtered.survey.functional) == 2


def test_shares_excluding_q_and_r_sum_to_one_over_a_o_m_i(survey_of):
    # x: A 2, O 1, M 1, I 0, R 3, Q 2 -> shares over A+O+M+I = 4
    survey = survey_of({"x": [A, A, O, M, R, R, R, Q1, Q5], "y": [I, I, I, A, A, M, O, O, O]})
    out = summarize(survey, options=SummaryOptions(shares_exclude_qr=True)).set_index("service")
    x = out.loc["x"]
    assert (x["share_A"], x["share_O"], x["share_M"], x["share_I"]) == (0.5, 0.25, 0.25, 0.0)
    assert np.isnan(x["share_R"]) and np.isnan(x["share_Q"])
    for s in ("x", "y"):
        assert sum(out.loc[s, f"share_{c}"] for c in "AOMI") == pytest.approx(1.0)
    assert x["n"] == 9  # the counts themselves are untouched
    # without the option the base is every answer: A 2/9
    assert summarize(survey).set_index("service").loc["x", "share_A"] == pytest.approx(2 / 9)


def test_intervals_follow_the_excluded_base(survey_of):
    survey = survey_of({"x": [A, A, O, M, R, R, R, Q1, Q5]})
    res = analyze(survey, options=SummaryOptions(shares_exclude_qr=True), ci=True, n_boot=50)
    rows = res.intervals.set_index("category")
    # the Intervals sheet agrees with the Summary shares: A 2 of A+O+M+I = 4
    assert rows.loc["A", "n"] == 4 and rows.loc["A", "share"] == pytest.approx(0.5)
    assert res.summary.loc[0, "share_A"] == pytest.approx(0.5)
    assert np.isnan(rows.loc["R", "share"])
