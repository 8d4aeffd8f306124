"""IPA: quadrants for every crosshair rule, CIs, gap, priority, quadrant probabilities."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kano.shared.errors import OptionError
from satisfaction.quadrants import assign_quadrants, compare_importance, ipa_table, parse_crosshair
from satisfaction.relative_importance import bootstrap_counts, relative_importance
from satisfaction.validate import Scale

S15 = Scale(1, 5)


def constant(means: dict[str, float], n: int = 4) -> pd.DataFrame:
    """Every respondent gives each driver its mean (so the means are known exactly)."""
    return pd.DataFrame({k: [v] * n for k, v in means.items()})


def quadrants(result) -> dict[str, str]:
    return dict(zip(result.table["driver"], result.table["quadrant"], strict=True))


def test_mean_crosshair_four_quadrants():
    imp = constant({"a": 4.5, "b": 4.0, "c": 2.0, "d": 2.5})
    sat = constant({"a": 2.0, "b": 4.5, "c": 4.0, "d": 2.5})
    r = ipa_table(sat, imp, S15, S15, "mean")
    # grand means: importance (4.5+4+2+2.5)/4 = 3.25, satisfaction (2+4.5+4+2.5)/4 = 3.25
    assert r.importance_cross == pytest.approx(3.25)
    assert r.satisfaction_cross == pytest.approx(3.25)
    assert quadrants(r) == {"a": "improve", "b": "keep", "c": "maintain", "d": "latent_churn"}


def test_median_crosshair_differs_from_mean():
    imp = constant({"a": 1.5, "b": 2.0, "c": 2.5, "d": 4.5, "e": 5.0})
    sat = constant({"a": 3.0, "b": 3.0, "c": 3.0, "d": 3.0, "e": 3.0})
    # mean importance 3.1 -> c (2.5) is low; median 2.5 -> c is high (on the line counts as high)
    by_mean = quadrants(ipa_table(sat, imp, S15, S15, "mean"))
    by_median = quadrants(ipa_table(sat, imp, S15, S15, "median"))
    assert by_mean["c"] == "maintain"  # satisfaction 3 = crosshair 3 -> high
    assert by_median["c"] == "keep"
    assert by_median["b"] == "maintain"


def test_midpoint_crosshair_uses_scale_midpoints():
    imp = constant({"a": 5.0, "b": 3.5})  # 1-7: midpoint 4
    sat = constant({"a": 6.0, "b": 3.0})  # 1-10: midpoint 5.5
    r = ipa_table(sat, imp, Scale(1, 10), Scale(1, 7), "midpoint")
    assert (r.importance_cross, r.satisfaction_cross) == (4.0, 5.5)
    assert quadrants(r) == {"a": "keep", "b": "latent_churn"}


def test_given_crosshair_x_is_satisfaction_y_is_importance():
    imp = constant({"a": 4.2, "b": 3.9})
    sat = constant({"a": 3.4, "b": 3.6})
    r = ipa_table(sat, imp, S15, S15, parse_crosshair("3.5,4"))
    assert (r.satisfaction_cross, r.importance_cross) == (3.5, 4.0)
    assert quadrants(r) == {"a": "improve", "b": "maintain"}
    assert r.crosshair_rule == "given (3.5, 4)"


def test_assign_quadrants_ties_count_as_high():
    got = assign_quadrants([3, 3, 2, 2], [3, 2, 3, 2], 3, 3)
    assert list(got) == ["keep", "improve", "maintain", "latent_churn"]


@pytest.mark.parametrize("bad", ["avg", "1", "a,b", "1,2,3"])
def test_parse_crosshair_errors(bad):
    with pytest.raises(OptionError, match="crosshair="):  # the keyword; --crosshair in the CLI
        parse_crosshair(bad)


def test_means_cis_gap_and_priority_by_hand():
    imp = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [5, 5, 5, 5, 5]})
    sat = pd.DataFrame({"a": [1, 1, 1, 1, 1], "b": [10, 10, 10, 10, 10]})
    r = ipa_table(sat, imp, Scale(1, 10), S15, "mean")
    t = r.table.set_index("driver")
    # a: mean 3, sd sqrt(2.5), t(.975, 4) = 2.776445 -> half width 2.776445 * 1.581139 / sqrt(5)
    half = 2.776445 * np.sqrt(2.5) / np.sqrt(5)
    assert t.loc["a", "importance"] == 3
    assert t.loc["a", "importance_low"] == pytest.approx(3 - half, abs=1e-5)
    assert t.loc["a", "importance_high"] == pytest.approx(3 + half, abs=1e-5)
    # 0-100: importance a = 100 (3-1)/4 = 50; satisfaction a = 100 (1-1)/9 = 0 -> gap 50
    assert t.loc["a", "importance_pct"] == pytest.approx(50)
    assert t.loc["a", "satisfaction_pct"] == pytest.approx(0)
    assert t.loc["a", "gap"] == pytest.approx(50)
    # b: importance 100, satisfaction 100, gap 0
    assert t.loc["b", "gap"] == pytest.approx(0)
    # crosshair (mean): importance 4 -> 75 %, satisfaction 5.5 -> 50 %
    # priority a = (50 - 75) - (0 - 50) = 25; b = (100 - 75) - (100 - 50) = -25
    assert t.loc["a", "priority_score"] == pytest.approx(25)
    assert t.loc["b", "priority_score"] == pytest.approx(-25)
    assert (t.loc["a", "priority"], t.loc["b", "priority"]) == (1, 2)
    assert t.loc["a", "n_importance"] == 5


def test_blanks_counted_per_driver():
    imp = pd.DataFrame({"a": [4, np.nan, 5], "b": [1, 2, 3]})
    sat = pd.DataFrame({"a": [2, 3, np.nan], "b": [np.nan, np.nan, 3]})
    t = ipa_table(sat, imp, S15, S15).table.set_index("driver")
    assert (t.loc["a", "n_importance"], t.loc["a", "n_satisfaction"]) == (2, 2)
    assert t.loc["a", "importance"] == 4.5
    assert t.loc["b", "n_satisfaction"] == 1


def make_survey(n: int, seed: int):
    rng = np.random.default_rng(seed)
    imp = pd.DataFrame(
        {
            "a": rng.choice([4, 5], n),  # clearly important
            "b": rng.choice([4, 5], n),
            "c": rng.choice([1, 2], n),
            "d": rng.choice([3, 4], n),  # near the importance crosshair
        }
    )
    sat = pd.DataFrame(
        {
            "a": rng.choice([1, 2], n),
            "b": rng.choice([4, 5], n),
            "c": rng.choice([4, 5], n),
            "d": rng.choice([2, 3, 4], n),
        }
    )
    return imp, sat


def test_quadrant_probabilities_from_bootstrap():
    imp, sat = make_survey(400, 3)
    counts = bootstrap_counts(400, 300, seed=9)
    r = ipa_table(sat, imp, S15, S15, "mean", counts=counts)
    p = r.table.set_index("driver")[["p_improve", "p_keep", "p_maintain", "p_latent_churn"]]
    np.testing.assert_allclose(p.sum(axis=1), 1.0)
    # a: importance ~4.5 vs crosshair ~3.6, satisfaction ~1.5 vs ~3.1: always "improve"
    assert p.loc["a", "p_improve"] == 1.0
    assert p.loc["c", "p_maintain"] == 1.0
    again = ipa_table(sat, imp, S15, S15, "mean", counts=bootstrap_counts(400, 300, seed=9))
    pd.testing.assert_frame_equal(r.table, again.table)


def test_quadrant_probability_near_crosshair_is_uncertain():
    # d's means are exactly on both midpoints (3); importance and satisfaction move
    # together row by row, so a resample puts d either in "keep" (both >= 3) or in
    # the latent-churn zone (both < 3), each about half of the time
    imp = pd.DataFrame({"a": [5, 4] * 50, "b": [1, 2] * 50, "d": [2, 4] * 50})
    sat = pd.DataFrame({"a": [1, 2] * 50, "b": [5, 4] * 50, "d": [2, 4] * 50})
    r = ipa_table(sat, imp, S15, S15, "midpoint", counts=bootstrap_counts(100, 400, seed=1))
    p = r.table.set_index("driver").loc[
        "d", ["p_improve", "p_keep", "p_maintain", "p_latent_churn"]
    ]
    assert p["p_keep"] + p["p_latent_churn"] == pytest.approx(1.0)
    assert 0.3 < p["p_keep"] < 0.8
    assert r.table.set_index("driver").loc["a", "p_improve"] == 1.0


def test_derived_importance_axis_and_comparison():
    rng = np.random.default_rng(4)
    n = 500
    sat = pd.DataFrame({k: rng.integers(1, 6, n).astype(float) for k in ["a", "b", "c"]})
    y = 0.8 * sat["a"] + 0.3 * sat["b"] + rng.normal(0, 1, n)
    derived = relative_importance(sat, y.rename("overall"))
    r = ipa_table(sat, None, S15, None, "midpoint", derived)
    t = r.table.set_index("driver")
    shares = 100 * derived.table.set_index("driver")["shapley_share"]
    np.testing.assert_allclose(t["importance"], shares.loc[["a", "b", "c"]])
    assert r.importance_cross == pytest.approx(100 / 3)  # equal shares of R²
    assert np.isnan(t["gap"]).all()
    stated = ipa_table(sat, constant({"a": 2.0, "b": 4.0, "c": 4.5}, n), S15, S15)
    cmp = compare_importance(stated, derived).set_index("driver")
    assert cmp.loc["a", "derived_rank"] == 1 and cmp.loc["a", "stated_rank"] == 3
    assert not cmp.loc["a", "agree"]
    assert cmp.loc["a", "rank_difference"] == 2
