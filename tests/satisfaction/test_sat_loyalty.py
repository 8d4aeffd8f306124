"""Loyalty index scaling, NPS and its CI by hand, satisfaction-loyalty zones."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kano.shared.errors import OptionError
from satisfaction import loyalty_index, nps
from satisfaction.loyalty import default_thresholds, zone_table
from satisfaction.validate import Scale


def test_nps_symmetric_example_by_hand():
    scores = [10, 9, 9, 8, 7, 6, 5, 0, 10, 3]
    r = nps(scores)
    # promoters 10,9,9,10 = 4; detractors 6,5,0,3 = 4; passives 8,7 = 2
    assert (r.n, r.promoters, r.passives, r.detractors) == (10, 4, 2, 4)
    assert r.nps == pytest.approx(0.0)
    # Var = (0.4 + 0.4 - 0²)/10 = 0.08 -> SE = 100 √0.08 = 28.2843
    assert r.se == pytest.approx(28.2843, abs=1e-4)
    assert r.ci_low == pytest.approx(-1.959964 * 28.2843, abs=1e-3)
    assert r.ci_high == pytest.approx(1.959964 * 28.2843, abs=1e-3)


def test_nps_asymmetric_example_by_hand():
    scores = [10] * 6 + [9] * 4 + [8] * 5 + [7] * 3 + [2, 6]
    r = nps(pd.Series(scores + [np.nan]))  # a blank is ignored
    # n 20, promoters 10 (.5), detractors 2 (.1): NPS 40
    assert (r.n, r.promoters, r.detractors) == (20, 10, 2)
    assert r.nps == pytest.approx(40.0)
    se = 100 * math.sqrt((0.5 + 0.1 - 0.4**2) / 20)  # 14.8324
    assert r.se == pytest.approx(se)
    assert (r.ci_low, r.ci_high) == pytest.approx(
        (40 - 1.959964 * se, 40 + 1.959964 * se), abs=1e-4
    )


def test_nps_ci_is_clipped_and_range_checked():
    r = nps([10, 10, 10, 9])
    assert r.nps == 100 and r.ci_high == 100
    with pytest.raises(OptionError):
        nps([11, 5])


def test_loyalty_index_scaling_by_hand():
    values = pd.DataFrame(
        {
            "renewed": [1.0, 0.0, 1.0],
            "stay": [4.0, 1.0, np.nan],
            "rec": [8.0, 0.0, np.nan],
            "attach": [2.0, 5.0, np.nan],
        }
    )
    kinds = {"behavioural": ["renewed"], "intentional": ["stay", "rec"], "emotional": ["attach"]}
    scales = {
        "renewed": Scale(0, 1),
        "stay": Scale(1, 5),
        "rec": Scale(0, 10),
        "attach": Scale(1, 5),
    }
    idx = loyalty_index(values, kinds, scales)
    # row 0: behavioural 100; intentional (75 + 80)/2 = 77.5; emotional 25 -> 67.5
    assert idx[0] == pytest.approx(67.5)
    # row 1: 0; (0 + 0)/2 = 0; 100 -> 33.33
    assert idx[1] == pytest.approx(100 / 3)
    # row 2: no intentional or emotional answer -> no index
    assert np.isnan(idx[2])


def test_zones_by_hand():
    sat = pd.Series([1, 2, 3, 4, 5])
    loy = pd.Series([10, 20, 30, 40, 90])
    z = zone_table(sat, loy, 3, 4).set_index("zone")
    assert list(z["n"]) == [2, 1, 2]
    assert z.loc["dissatisfied", "mean_loyalty"] == 15
    assert z.loc["neither", "mean_loyalty"] == 30
    assert z.loc["satisfied", "mean_loyalty"] == 65
    # within the satisfied zone loyalty rises 50 points per satisfaction point
    assert z.loc["satisfied", "slope"] == pytest.approx(50) or np.isnan(z.loc["satisfied", "slope"])


def test_zone_slope_and_thresholds():
    sat = pd.Series([1, 1, 2, 2, 5, 5, 6, 6, 9, 9, 10, 10])
    loy = pd.Series([10, 12, 14, 16, 30, 30, 31, 31, 70, 70, 90, 90])
    z = zone_table(sat, loy, 4, 8).set_index("zone")
    assert z.loc["dissatisfied", "slope"] == pytest.approx(4.0)  # (15-11)/1
    assert z.loc["satisfied", "slope"] == pytest.approx(20.0)
    assert default_thresholds(Scale(1, 5)) == (3.0, 4.0)
    assert default_thresholds(Scale(0, 10)) == (5.0, 7.5)
    with pytest.raises(OptionError, match="X1 < X2"):
        zone_table(sat, loy, 8, 4)
