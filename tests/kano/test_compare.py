"""Group comparisons (issue 4): the category test against scipy and against an exact
enumeration, Benjamini–Hochberg by hand, and wave tracking with category migration."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from kano.compare import bh_adjust, category_test, compare_segments, compare_waves
from kano.render.findings import finding_text
from kano.shared.errors import OptionError


def exact_fisher_p(table: np.ndarray) -> float:
    """Fisher's exact p of an r×c table by enumerating every table with the same margins:
    the sum of the (multivariate hypergeometric) probabilities not above the observed one."""
    table = np.asarray(table)
    rows, cols = table.sum(axis=1), table.sum(axis=0)
    n = int(table.sum())

    def prob(t):
        num = math.prod(math.factorial(int(r)) for r in rows) * math.prod(
            math.factorial(int(c)) for c in cols
        )
        den = math.factorial(n) * math.prod(math.factorial(int(x)) for x in t.ravel())
        return num / den

    def fill(r, remaining):
        if r == len(rows) - 1:
            yield [list(remaining)]
            return
        ranges = [range(min(int(rows[r]), int(c)) + 1) for c in remaining]
        for first in itertools.product(*ranges):
            if sum(first) == rows[r]:
                rest = [c - f for c, f in zip(remaining, first, strict=True)]
                for tail in fill(r + 1, rest):
                    yield [list(first), *tail]

    p_obs = prob(table)
    return sum(p for t in fill(0, list(cols)) if (p := prob(np.array(t))) <= p_obs * (1 + 1e-9))


def test_chi2_matches_scipy_on_the_same_table():
    table = np.array([[30, 12, 25, 20, 10, 8], [18, 22, 40, 15, 9, 12]])
    assert sps.contingency.expected_freq(table).min() >= 5
    name, stat, p = category_test(table)
    ref = sps.chi2_contingency(table, correction=False)
    assert name == "chi2"
    assert stat == pytest.approx(ref.statistic)
    assert p == pytest.approx(ref.pvalue)


def test_sparse_r_and_q_are_pooled_before_the_chi2_test():
    # R and Q: 7 and 8 answers of 209; expected R in row 1 = 7·92/209 = 3.08 < 5;
    # pooled R+Q = 15: expected 15·92/209 = 6.60 and 15·117/209 = 8.40, all >= 5
    table = np.array([[30, 12, 25, 20, 3, 2], [18, 22, 40, 15, 4, 6]])
    assert sps.contingency.expected_freq(table).min() < 5
    pooled = np.array([[30, 12, 25, 20, 5], [18, 22, 40, 15, 10]])
    assert sps.contingency.expected_freq(pooled).min() >= 5
    name, stat, p = category_test(table)
    ref = sps.chi2_contingency(pooled, correction=False)
    assert name == "chi2 (R+Q pooled)"
    assert (stat, p) == (pytest.approx(ref.statistic), pytest.approx(ref.pvalue))
    assert ref.dof == 4


def test_small_expected_count_beyond_r_and_q_switches_to_fisher():
    # I has 2 + 3 answers: expected I in row 1 = 5·92/209 = 2.2 < 5 even with R+Q pooled
    table = np.array([[30, 12, 45, 2, 3, 2], [18, 22, 60, 3, 4, 6]])
    name, _, p = category_test(table)
    assert name == "fisher (Monte Carlo)"
    assert 0 <= p <= 1


def test_a_monte_carlo_p_at_its_floor_is_flagged_as_a_bound():
    # so different that no random table of the same margins is as extreme: p = 1/10000
    from kano.compare import p_is_bound

    table = np.array([[90, 2, 1, 0, 1, 0], [1, 3, 90, 2, 0, 1]])
    name, _, p = category_test(table)
    assert (name, p) == ("fisher (Monte Carlo)", 1 / 10_000)
    flags = p_is_bound(pd.Series([name, name, "chi2"]), pd.Series([p, 0.2, 1e-9]))
    assert flags.tolist() == [True, False, False]


def test_chi2_by_hand_on_a_2x2_table():
    # [[20, 30], [30, 20]]: every expected count 25, χ² = 4·(5²/25) = 4, df 1,
    # p = P(χ²₁ > 4) = 0.0455003 (no continuity correction)
    name, stat, p = category_test(np.array([[20, 30, 0, 0, 0, 0], [30, 20, 0, 0, 0, 0]]))
    assert name == "chi2"
    assert stat == pytest.approx(4.0)
    assert p == pytest.approx(0.0455003, abs=1e-6)
    assert p == pytest.approx(sps.chi2.sf(4, 1))


def test_fisher_exact_2x2_matches_scipy():
    table = np.array([[8, 2], [1, 5]])
    name, stat, p = category_test(table)
    ref = sps.fisher_exact(table)
    assert name == "fisher"
    assert (stat, p) == (pytest.approx(ref.statistic), pytest.approx(ref.pvalue))
    assert p == pytest.approx(exact_fisher_p(table))


def test_all_zero_categories_are_dropped_before_testing():
    # a segments × A O M I R Q table where O, R, Q never occur: 2×3 after dropping
    table = np.array([[40, 0, 10, 25, 0, 0], [15, 0, 35, 20, 0, 0]])
    reduced = table[:, [0, 2, 3]]
    name, stat, p = category_test(table)
    ref = sps.chi2_contingency(reduced, correction=False)
    assert name == "chi2"
    assert (stat, p) == (pytest.approx(ref.statistic), pytest.approx(ref.pvalue))
    assert ref.dof == 2
    # and a table with one category left cannot be tested
    name, stat, p = category_test(np.array([[5, 0, 0, 0, 0, 0], [7, 0, 0, 0, 0, 0]]))
    assert name == "" and np.isnan(p)
    name, stat, p = category_test(np.array([[5, 3, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]))
    assert name == "" and np.isnan(p)


@pytest.mark.parametrize(
    "table",
    [
        np.array([[5, 1, 0], [1, 2, 4]]),
        np.array([[0, 1, 0], [1, 0, 2]]),  # scipy returns shape-(1,) arrays for this one
        np.array([[3, 1, 2], [0, 4, 1], [2, 0, 3]]),
    ],
)
def test_fisher_monte_carlo_close_to_the_exact_enumeration(table):
    name, stat, p = category_test(table, seed=3)
    assert name == "fisher (Monte Carlo)"
    exact = exact_fisher_p(table)
    # 9999 resamples: SE of the p estimate <= sqrt(0.25/9999) = 0.005
    assert p == pytest.approx(exact, abs=0.02)
    assert category_test(table, seed=3) == (name, stat, p)  # seeded


def test_exact_enumeration_on_a_hand_case():
    # [[0,1,0],[1,0,2]]: row 1 holds a single answer, in column 1, 2 or 3 with
    # probabilities 1/4, 1/4, 2/4; observed column 2 (1/4) -> p = 1/4 + 1/4 = 0.5
    assert exact_fisher_p(np.array([[0, 1, 0], [1, 0, 2]])) == pytest.approx(0.5)


def test_bh_adjust_by_hand():
    p = pd.Series([0.01, 0.04, 0.03, np.nan, 0.5], index=list("abcde"))
    # m = 4 non-missing; sorted 0.01, 0.03, 0.04, 0.5 -> p·m/rank = 0.04, 0.06, 0.0533, 0.5,
    # then the running minimum from the top: 0.04, 0.0533, 0.0533, 0.5
    out = bh_adjust(p)
    assert out["a"] == pytest.approx(0.04)
    assert out["c"] == pytest.approx(0.16 / 3)
    assert out["b"] == pytest.approx(0.16 / 3)
    assert out["e"] == pytest.approx(0.5)
    assert np.isnan(out["d"])
    assert bh_adjust(pd.Series([np.nan, np.nan])).isna().all()


# --- waves --------------------------------------------------------------------------------


def test_migration_a_to_m_is_detected(survey_of):
    # "vip" is A-dominant in 2026Q2 and M-dominant in 2026Q3 (n = 300 each);
    # "hotline" is the same O-dominant distribution in both waves.
    q2 = survey_of({"vip": {"A": 150, "O": 60, "M": 60, "I": 30},
                    "hotline": {"A": 60, "O": 150, "M": 60, "I": 30}})  # fmt: skip
    q3 = survey_of({"vip": {"A": 60, "O": 60, "M": 150, "I": 30},
                    "hotline": {"A": 60, "O": 150, "M": 60, "I": 30}})  # fmt: skip
    res = compare_waves([("2026Q2", q2), ("2026Q3", q3)], n_boot=300, seed=1)
    tests = res.tests.set_index("service")
    vip = tests.loc["vip"]
    assert (vip["wave_a"], vip["wave_b"]) == ("2026Q2", "2026Q3")
    assert (vip["category_a"], vip["category_b"], vip["migration"]) == ("A", "M", "A → M")
    ref = sps.chi2_contingency(np.array([[150, 60, 60, 30], [60, 60, 150, 30]]), correction=False)
    assert vip["test"] == "chi2"
    assert vip["p"] == pytest.approx(ref.pvalue)
    assert vip["significant"] and vip["migration_significant"]
    # Better: (150+60)/300 = 0.7 -> (60+60)/300 = 0.4; Worse -(60+60)/300 -> -(60+150)/300
    assert vip["better_diff"] == pytest.approx(-0.3)
    assert vip["worse_diff"] == pytest.approx(-0.3)
    assert vip["better_diff_high"] < 0
    hot = tests.loc["hotline"]
    assert hot["migration"] == "" and not hot["migration_significant"]
    assert hot["p"] == pytest.approx(1.0)
    assert len(res.findings) == 1
    line = finding_text(res.findings[0], "en")
    assert "vip" in line and "2026Q2" in line and "2026Q3" in line
    # p = 2.5e-16, printed below the print precision of three decimals
    assert vip["p_adjusted"] < 0.001
    assert "(A)" in line and "(M)" in line and "; p < 0.001 (χ² test, BH-adjusted)" in line
    # per wave: counts, shares, category
    waves = res.groups.set_index(["service", "wave"])
    assert waves.loc[("vip", "2026Q2"), "category"] == "A"
    assert waves.loc[("vip", "2026Q3"), "share_M"] == pytest.approx(0.5)


def test_no_migration_flag_between_two_samples_of_one_distribution(survey_of):
    # twelve services, each drawn twice (n = 300) from the same close A/O distribution,
    # so the dominant category may flip by chance but the change is never significant
    rng = np.random.default_rng(77)
    probs = [0.36, 0.34, 0.18, 0.12]

    def wave():
        return survey_of(
            {
                f"s{k}": dict(zip("AOMI", rng.multinomial(300, probs).tolist(), strict=True))
                for k in range(12)
            }
        )

    res = compare_waves([("W1", wave()), ("W2", wave())], n_boot=200, seed=0)
    assert not res.tests["migration_significant"].any()
    assert not res.tests["significant"].any()
    assert res.findings == ()
    # a flip by chance is reported as a migration, but not flagged
    assert (res.tests["migration"] != "").any()


def test_constructed_flip_without_significance(survey_of):
    w1 = survey_of({"x": {"A": 120, "O": 110, "M": 40, "I": 30}})
    w2 = survey_of({"x": {"A": 110, "O": 120, "M": 40, "I": 30}})
    row = compare_waves([("W1", w1), ("W2", w2)], n_boot=200).tests.iloc[0]
    ref = sps.chi2_contingency(np.array([[120, 110, 40, 30], [110, 120, 40, 30]]), correction=False)
    assert row["p"] == pytest.approx(ref.pvalue) and ref.pvalue > 0.5
    assert row["migration"] == "A → O"
    assert not row["migration_significant"]


def test_three_waves_consecutive_pairs_and_unmatched_services(survey_of):
    w1 = survey_of({"a": {"A": 20}, "b": {"M": 20}})
    w2 = survey_of({"a": {"O": 20}, "b": {"M": 20}, "new": {"I": 20}})
    w3 = survey_of({"a": {"M": 20}, "new": {"I": 20}})
    res = compare_waves([("Q1", w1), ("Q2", w2), ("Q3", w3)], n_boot=100)
    pairs = res.tests[["service", "wave_a", "wave_b", "migration"]].values.tolist()
    assert sorted(map(tuple, pairs)) == [
        ("a", "Q1", "Q2", "A → O"), ("a", "Q2", "Q3", "O → M"),
        ("b", "Q1", "Q2", ""), ("new", "Q2", "Q3", ""),
    ]  # fmt: skip
    # 20 vs 20 answers all in different categories: 2x2 with expected 10 -> χ² = 40
    a12 = res.tests[(res.tests["service"] == "a") & (res.tests["wave_a"] == "Q1")].iloc[0]
    assert a12["statistic"] == pytest.approx(40.0)
    assert a12["migration_significant"]
    unmatched = res.unmatched.set_index("service")
    assert unmatched.loc["b", "present_in"] == "Q1, Q2"
    assert unmatched.loc["b", "missing_from"] == "Q3"
    assert unmatched.loc["new", "missing_from"] == "Q1"
    assert "a" not in unmatched.index


def test_waves_need_two_distinct_labels(survey_of):
    s = survey_of({"a": {"A": 3}})
    with pytest.raises(OptionError, match="at least two"):
        compare_waves([("Q1", s)])
    with pytest.raises(OptionError, match="differ"):
        compare_waves([("Q1", s), ("Q1", s)])


# --- segments -----------------------------------------------------------------------------


def test_segment_tests_match_scipy_and_bh(survey_of):
    # 60 key accounts then 60 public customers
    key = {"A": 9, "O": 12, "M": 33, "I": 6}
    pub = {"A": 28, "O": 12, "M": 12, "I": 8}
    flat = {"O": 30, "I": 30}
    survey = survey_of(
        {"manager": pairs(key) + pairs(pub), "hotline": pairs(flat) + pairs(flat)},
        extra={"segment": ["key"] * 60 + ["public"] * 60},
    )
    res = compare_segments(survey, survey.extra["segment"], n_boot=200, seed=0)
    overall = res.tests[res.tests["group_a"] == "all"].set_index("service")
    ref_m = sps.chi2_contingency(np.array([[9, 12, 33, 6], [28, 12, 12, 8]]), correction=False)
    assert overall.loc["manager", "test"] == "chi2"
    assert overall.loc["manager", "p"] == pytest.approx(ref_m.pvalue)
    assert overall.loc["hotline", "p"] == pytest.approx(1.0)
    # BH over the two services: sorted p1 < p2 = 1 -> p1·2/1 and 1·2/2 = 1
    assert overall.loc["manager", "p_adjusted"] == pytest.approx(2 * ref_m.pvalue)
    assert overall.loc["hotline", "p_adjusted"] == pytest.approx(1.0)
    assert overall.loc["manager", "significant"] and not overall.loc["hotline", "significant"]
    tests = res.tests
    pair = tests[(tests["group_a"] == "key") & (tests["service"] == "manager")].iloc[0]
    assert pair["group_b"] == "public"
    # Better key (9+12)/60 = 0.35, public (28+12)/60 = 0.6667: b − a = 19/60
    assert pair["better_diff"] == pytest.approx(19 / 60)
    # Worse key -(12+33)/60, public -(12+12)/60: b − a = 21/60
    assert pair["worse_diff"] == pytest.approx(21 / 60)
    assert pair["better_diff_low"] > 0
    assert len(res.findings) == 1


PAIR = {"A": (1, 3), "O": (1, 5), "M": (2, 5), "I": (3, 3), "R": (5, 1), "Q": (1, 1)}


def pairs(counts: dict[str, int]) -> list[tuple[int, int]]:
    return [PAIR[c] for c, k in counts.items() for _ in range(k)]
