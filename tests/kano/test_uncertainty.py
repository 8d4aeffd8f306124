"""Uncertainty (issue 4): Wilson intervals by hand, the seeded respondent bootstrap of
Better/Worse (reproducibility and coverage), and the stability of the dominant category."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from kano.analysis import analyze
from kano.shared.errors import OptionError
from kano.stats import SummaryOptions
from kano.uncertainty import bootstrap_counts, bootstrap_summary, difference_ci, wilson_intervals

CATS7 = ["A", "O", "M", "I", "R", "Q", "n_blank"]


def counts_frame(**services: dict[str, int]) -> pd.DataFrame:
    """Counts of A O M I R Q (and n_blank) per service; categories not given are 0."""
    rows = [{"service": s} | {c: k.get(c, 0) for c in CATS7} for s, k in services.items()]
    return pd.DataFrame(rows)


def intervals_by(frame: pd.DataFrame) -> dict[tuple[str, str], pd.Series]:
    return {(r["service"], r["category"]): r for _, r in frame.iterrows()}


# --- Wilson -----------------------------------------------------------------------------

# z = Φ⁻¹(0.975) = 1.959964, z² = 3.841459. Wilson (1927) for k of n, p = k/n:
#   centre = (p + z²/(2n)) / (1 + z²/n),  half = z·sqrt(p(1-p)/n + z²/(4n²)) / (1 + z²/n)


def test_wilson_three_of_ten_by_hand():
    out = intervals_by(wilson_intervals(counts_frame(x={"A": 3, "O": 7})))
    a = out[("x", "A")]
    # k=3, n=10: centre = (0.3 + 3.841459/20) / (1 + 3.841459/10) = 0.492073/1.384146 = 0.355507
    # half = 1.959964·sqrt(0.3·0.7/10 + 3.841459/400) / 1.384146
    #      = 1.959964·sqrt(0.021 + 0.0096036) / 1.384146 = 1.959964·0.174939/1.384146 = 0.247715
    assert (a["count"], a["n"], a["share"]) == (3, 10, pytest.approx(0.3))
    assert a["ci_low"] == pytest.approx(0.355507 - 0.247715, abs=2e-6)  # 0.107791
    assert a["ci_high"] == pytest.approx(0.355507 + 0.247715, abs=2e-6)  # 0.603221
    o = out[("x", "O")]
    # k=7 mirrors k=3: (1 - 0.603221, 1 - 0.107791)
    assert o["ci_low"] == pytest.approx(0.396779, abs=2e-6)
    assert o["ci_high"] == pytest.approx(0.892209, abs=2e-6)


def test_wilson_zero_count_and_empty_service():
    out = intervals_by(wilson_intervals(counts_frame(x={"A": 3, "O": 7}, empty={})))
    m = out[("x", "M")]
    # k=0: centre = half = (z²/20)/(1 + z²/10), so the interval is [0, z²/(n + z²)]
    #      = [0, 3.841459/13.841459] = [0, 0.277533]
    assert m["share"] == 0
    assert m["ci_low"] == pytest.approx(0.0, abs=1e-12)
    assert m["ci_high"] == pytest.approx(0.277533, abs=2e-6)
    e = out[("empty", "A")]
    assert e["n"] == 0 and np.isnan(e["share"]) and np.isnan(e["ci_low"])
    assert len(out) == 12  # 2 services x 6 categories


def test_wilson_excluding_q_and_r_uses_a_o_m_i_as_base():
    counts = counts_frame(x={"A": 3, "O": 5, "R": 1, "Q": 1})
    out = intervals_by(wilson_intervals(counts, exclude_qr=True))
    a = out[("x", "A")]
    # base A+O+M+I = 8, k = 3: centre = (0.375 + z²/16)/(1 + z²/8) = 0.615091/1.480182 = 0.415551
    # half = z·sqrt(0.375·0.625/8 + z²/256)/1.480182 = 1.959964·0.210483/1.480182 = 0.278707
    assert (a["n"], a["share"]) == (8, pytest.approx(3 / 8))
    assert a["ci_low"] == pytest.approx(0.415551 - 0.278707, abs=2e-6)
    assert a["ci_high"] == pytest.approx(0.415551 + 0.278707, abs=2e-6)
    assert np.isnan(out[("x", "R")]["share"]) and np.isnan(out[("x", "Q")]["ci_high"])
    # without the option the base is all 10 answers
    assert intervals_by(wilson_intervals(counts))[("x", "A")]["n"] == 10


# --- bootstrap ---------------------------------------------------------------------------


def test_bootstrap_counts_keep_each_service_total():
    counts = np.array([[5, 3, 2, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0]])
    draws = bootstrap_counts(counts, 50, seed=3)
    assert draws.shape == (50, 2, 7)
    # resampling N respondents with replacement keeps N, and never invents an outcome
    assert (draws[:, 0].sum(axis=1) == 11).all()
    assert (draws[:, 0, 3:6] == 0).all()
    assert (draws[:, 1] == 0).all()


@pytest.mark.parametrize("n_boot", [0, -5])
def test_bootstrap_needs_at_least_one_resample(n_boot):
    with pytest.raises(OptionError, match="bootstrap="):
        bootstrap_counts(np.array([[1, 1, 0, 0, 0, 0, 0]]), n_boot, seed=0)


def test_bootstrap_is_reproducible_with_a_seed():
    counts = counts_frame(x={"A": 30, "O": 25, "M": 20, "I": 15, "R": 5, "n_blank": 5},
                          y={"M": 40, "I": 30, "Q": 2})  # fmt: skip
    first = bootstrap_summary(counts, n_boot=300, seed=11)
    again = bootstrap_summary(counts, n_boot=300, seed=11)
    pd.testing.assert_frame_equal(first, again)
    other = bootstrap_summary(counts, n_boot=300, seed=12)
    cols = ["better_ci_low", "better_ci_high", "worse_ci_low", "worse_ci_high", "stability"]
    assert not np.allclose(first[cols].to_numpy(), other[cols].to_numpy())


def test_bootstrap_ci_covers_true_better_and_worse_in_95_percent_of_samples():
    # 300 surveys of 300 respondents from a known distribution of outcomes
    # (A O M I R Q blank); R, Q and blanks are resampled but not in the base of Better/Worse.
    p = np.array([0.30, 0.15, 0.25, 0.15, 0.05, 0.05, 0.05])
    true_better = (0.30 + 0.15) / 0.85  # (A+O)/(A+O+M+I) = 0.529412
    true_worse = -(0.15 + 0.25) / 0.85  # -(O+M)/(A+O+M+I) = -0.470588
    reps = 300
    samples = np.random.default_rng(2024).multinomial(300, p, size=reps)
    counts = pd.DataFrame(samples, columns=CATS7)
    counts.insert(0, "service", [f"s{k}" for k in range(reps)])
    # each row is an independent survey: the bootstrap resamples each service on its own
    boot = bootstrap_summary(counts, n_boot=500, seed=5)
    cover_b = (
        (boot["better_ci_low"] <= true_better) & (true_better <= boot["better_ci_high"])
    ).mean()
    cover_w = ((boot["worse_ci_low"] <= true_worse) & (true_worse <= boot["worse_ci_high"])).mean()
    # binomial SE of a coverage of 0.95 over 300 repetitions: sqrt(0.95·0.05/300) = 0.0126
    assert abs(cover_b - 0.95) <= 0.035, cover_b
    assert abs(cover_w - 0.95) <= 0.035, cover_w
    # and the intervals are not trivially wide: mean width close to 2·1.96·SE,
    # SE of Better ≈ sqrt(p(1-p)/(0.85·300)) = sqrt(0.2491/255) = 0.03126 -> width ≈ 0.1225
    width = (boot["better_ci_high"] - boot["better_ci_low"]).mean()
    assert width == pytest.approx(0.1225, rel=0.1)


def test_fifty_fifty_a_o_is_unstable_and_ninety_percent_m_is_stable():
    counts = counts_frame(split={"A": 50, "O": 50}, must={"M": 90, "I": 10})
    boot = bootstrap_summary(counts, n_boot=1000, seed=1).set_index("service")
    split, must = boot.loc["split"], boot.loc["must"]
    # a coin flip between A and O: neither wins in 70% of resamples
    assert split["unstable"]
    assert 0.3 < split["stability"] < 0.7
    assert split["win_A"] + split["win_O"] == pytest.approx(1.0)
    assert split["win_A"] > 0.3 and split["win_O"] > 0.3
    # M at 90% of 100 answers: I would need > 50 of 100 in a resample
    assert not must["unstable"]
    assert must["stability"] == pytest.approx(1.0) and must["win_M"] == pytest.approx(1.0)
    # the threshold is a parameter
    lenient = bootstrap_summary(counts, n_boot=1000, seed=1, stable_share=0.3)
    assert not lenient["unstable"].any()


def test_win_shares_sum_to_one_and_observed_category_is_the_stability():
    counts = counts_frame(x={"A": 12, "O": 10, "M": 9, "I": 4, "R": 1})
    boot = bootstrap_summary(counts, n_boot=400, seed=8).iloc[0]
    wins = [boot[f"win_{c}"] for c in "AOMIRQ"]
    assert sum(wins) == pytest.approx(1.0)
    assert boot["stability"] == pytest.approx(boot["win_A"])  # A is observed most often


def test_difference_ci_by_hand_and_reproducible():
    a = np.array([[30, 10, 40, 20, 0, 0, 0], [25, 25, 25, 25, 0, 0, 0]])
    b = np.array([[50, 20, 20, 10, 0, 0, 0], [25, 25, 25, 25, 0, 0, 0]])
    out = difference_ci(a, b, n_boot=1000, seed=4)
    # service 0: Better a = 40/100 = 0.4, b = 70/100 = 0.7 -> +0.3;
    #            Worse a = -50/100 = -0.5, b = -40/100 = -0.4 -> +0.1
    assert out.loc[0, "better_diff"] == pytest.approx(0.3)
    assert out.loc[0, "worse_diff"] == pytest.approx(0.1)
    # SE of the Better difference ≈ sqrt(0.4·0.6/100 + 0.7·0.3/100) = 0.067: 0 is far outside
    assert 0 < out.loc[0, "better_diff_low"] < 0.3 < out.loc[0, "better_diff_high"]
    # service 1: the same counts -> difference 0 inside the interval
    assert out.loc[1, "better_diff"] == 0
    assert out.loc[1, "better_diff_low"] < 0 < out.loc[1, "better_diff_high"]
    pd.testing.assert_frame_equal(out, difference_ci(a, b, n_boot=1000, seed=4))


def test_analyze_adds_cis_that_bracket_better_and_worse(survey_of):
    survey = survey_of({"hot": {"A": 20, "O": 30, "M": 10, "I": 5, "blank": 2},
                        "vip": {"A": 8, "I": 12, "R": 3, "blank": 44}})  # fmt: skip
    res = analyze(survey, ci=True, n_boot=400, seed=2).summary.set_index("service")
    for s in ("hot", "vip"):
        row = res.loc[s]
        assert row["better_ci_low"] <= row["better"] <= row["better_ci_high"]
        assert row["worse_ci_low"] <= row["worse"] <= row["worse_ci_high"]
    # vip has no O and no M: Worse is 0 in every resample
    assert res.loc["vip", "worse_ci_low"] == res.loc["vip", "worse_ci_high"] == 0
    # with Worse reported positive, the interval is flipped too and still brackets it
    pos = analyze(survey, options=SummaryOptions(worse_positive=True), ci=True, n_boot=400, seed=2)
    hot = pos.summary.set_index("service").loc["hot"]
    # Worse = (O+M)/(A+O+M+I) = 40/65
    assert hot["worse"] == pytest.approx(40 / 65)
    assert 0 < hot["worse_ci_low"] <= hot["worse"] <= hot["worse_ci_high"]
    # the Wilson intervals come along: one row per service and category
    assert len(pos.intervals) == 12
