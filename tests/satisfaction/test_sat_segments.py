"""Value segments, tenure bands, tests between segments with Benjamini-Hochberg."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kano.shared.segments import tenure_band, value_segment
from satisfaction import compare_groups
from satisfaction.segments import group_means


def test_value_segments_as_in_the_source_documents():
    spend = pd.Series([100, 3500, 500, 3000, np.nan, 4000])
    ctype = pd.Series(["个人", "个人", "企业", "企业", "个人", None])
    got = list(value_segment(spend, ctype))
    # 3500 > 3000 -> key account even when residential; 3000 is not above 3000
    assert got[:4] == ["public", "key_account", "business", "business"]
    assert pd.isna(got[4])  # spend unknown: a key account cannot be ruled out
    assert got[5] == "key_account"


def test_value_segment_threshold_configurable_and_english_types():
    spend = pd.Series([1500, 2500])
    ctype = pd.Series(["Residential", "government"])
    assert list(value_segment(spend, ctype, threshold=2000)) == ["public", "key_account"]
    assert list(value_segment(spend, ctype)) == ["public", "business"]


def test_tenure_bands():
    months = pd.Series([0, 6, 7, 12, 13, 24, 25, 36, 37, 48, 49, 60, 61, 200])
    got = list(tenure_band(months).astype(str))
    assert got == [
        "0-6", "0-6", "7-12", "7-12", "13-24", "13-24", "25-36",
        "25-36", "37-48", "37-48", "49-60", "49-60", "61+", "61+",
    ]  # fmt: skip


def test_kruskal_wallis_statistic_by_hand_and_bh():
    # no ties: ranks of g1 = 1,2,3 ; g2 = 4,5,6 -> H = 12/(6·7)(6²/3 + 15²/3) - 3·7 = 3.857
    data = pd.DataFrame(
        {
            "x": [1.0, 2.0, 3.0, 10.0, 11.0, 12.0],
            "y": [1.0, 5.0, 3.0, 2.0, 6.0, 4.0],
            "z": [1.0, 2.0, 4.0, 3.0, 5.0, 6.0],
        }
    )
    by = pd.Series(["a", "a", "a", "b", "b", "b"])
    t = compare_groups(data, by).set_index("variable")
    assert t.loc["x", "statistic"] == pytest.approx(12 / 42 * (36 / 3 + 225 / 3) - 21)
    assert t.loc["x", "df"] == 1 and t.loc["x", "n"] == 6
    # BH by hand: sort p ascending, p_(i) m / i, then running minimum from the largest
    p = t["p"].to_numpy()
    order = np.argsort(p)
    m = len(p)
    scaled = p[order] * m / np.arange(1, m + 1)
    adjusted = np.minimum.accumulate(scaled[::-1])[::-1]
    expected = np.empty(m)
    expected[order] = np.minimum(adjusted, 1)
    np.testing.assert_allclose(t["p_adjusted"], expected)
    assert (t["p_adjusted"] >= t["p"]).all()


def test_groups_too_small_are_not_tested():
    data = pd.DataFrame({"x": [1.0, 2.0, 3.0]})
    t = compare_groups(data, pd.Series(["a", "a", "b"]))
    assert np.isnan(t.loc[0, "p"]) and t.loc[0, "n_groups"] == 1
    assert not t.loc[0, "significant"]


def test_group_means_tidy():
    data = pd.DataFrame({"x": [1.0, 3.0, 5.0, np.nan]})
    g = group_means(data, pd.Series(["a", "a", "b", "b"])).set_index("segment")
    assert g.loc["a", "mean"] == 2 and g.loc["a", "n"] == 2
    assert g.loc["b", "mean"] == 5 and g.loc["b", "n"] == 1
