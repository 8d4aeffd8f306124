"""Summary statistics against numbers computed by hand (arithmetic in the comments).

Formulas:
- Better = (A+O)/(A+O+M+I), Worse = -(O+M)/(A+O+M+I) (Berger et al. 1993,
  CQM Journal 2(4), "customer satisfaction coefficient");
- Fong (1996): |a-b| < 1.65*sqrt((a+b)(2n-a-b)/(2n)) -> not significant;
- chi2 goodness-of-fit of M, O, A, I against equal shares, 3 df;
- category strength = top share - second share, total strength = A+O+M share
  (Lee & Newcomb 1997).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from kano.io.answers import answer_map
from kano.io.survey import read_survey
from kano.shared.errors import InvalidValueError, OptionError
from kano.shared.records import Note
from kano.stats import (
    SUMMARY_COLUMNS,
    SummaryOptions,
    better_worse,
    category_strength,
    chi2_fit,
    coding_warnings,
    dominant_category,
    fong_test,
    summarize,
    summarize_counts,
)


def counts(**kw) -> pd.DataFrame:
    """One-service counts table; unspecified categories are 0."""
    row = {"service": kw.pop("service", "s"), "A": 0, "O": 0, "M": 0, "I": 0, "R": 0, "Q": 0}
    row.update(kw)
    return pd.DataFrame([row])


def chi2_sf_3df(x: float) -> float:
    """Upper tail of chi2 with 3 df in closed form: erfc(sqrt(x/2)) + sqrt(2x/pi) e^(-x/2)."""
    return math.erfc(math.sqrt(x / 2)) + math.sqrt(2 * x / math.pi) * math.exp(-x / 2)


# ---------------------------------------------------------------- Better / Worse


def test_better_worse_by_hand():
    # A=10, O=20, M=30, I=40: base = 10+20+30+40 = 100
    # Better = (10+20)/100 = 0.30 ; Worse = -(20+30)/100 = -0.50
    bw = better_worse(counts(A=10, O=20, M=30, I=40))
    assert bw["better"].iloc[0] == pytest.approx(0.30)
    assert bw["worse"].iloc[0] == pytest.approx(-0.50)


def test_better_worse_ignore_reverse_and_questionable():
    # R and Q are not in the denominator: A=10,O=20,M=30,I=40,R=7,Q=3 -> still 0.30 / -0.50
    bw = better_worse(counts(A=10, O=20, M=30, I=40, R=7, Q=3))
    assert bw["better"].iloc[0] == pytest.approx(0.30)
    assert bw["worse"].iloc[0] == pytest.approx(-0.50)


def test_better_worse_second_example():
    # A=3, O=0, M=1, I=2: base 6; Better = 3/6 = 0.5; Worse = -(0+1)/6 = -0.1667
    bw = better_worse(counts(A=3, M=1, I=2, R=1, Q=1))
    assert bw["better"].iloc[0] == pytest.approx(0.5)
    assert bw["worse"].iloc[0] == pytest.approx(-1 / 6)


def test_worse_positive_option():
    bw = better_worse(counts(A=10, O=20, M=30, I=40), worse_positive=True)
    assert bw["worse"].iloc[0] == pytest.approx(0.50)
    out = summarize_counts(counts(A=10, O=20, M=30, I=40), SummaryOptions(worse_positive=True))
    assert out["worse"].iloc[0] == pytest.approx(0.50)


def test_better_worse_undefined_without_a_o_m_i():
    # only R and Q answers: A+O+M+I = 0, the coefficients are undefined (NaN), not 0
    bw = better_worse(counts(R=4, Q=1))
    assert np.isnan(bw["better"].iloc[0]) and np.isnan(bw["worse"].iloc[0])


# ---------------------------------------------------------------- Fong


def test_fong_not_significant_by_hand():
    # a=30 (O), b=25 (M), n = 30+25+20 (A) +20 (I) +5 (R) = 100
    # critical = 1.65*sqrt((30+25)(200-30-25)/200) = 1.65*sqrt(55*145/200)
    #          = 1.65*sqrt(39.875) = 1.65*6.31467 = 10.4192
    # difference 30-25 = 5 < 10.42 -> not significant -> "O/M"
    c = counts(O=30, M=25, A=20, I=20, R=5)
    f = fong_test(c).iloc[0]
    assert (f["fong_first"], f["fong_second"]) == ("O", "M")
    assert f["fong_difference"] == 5
    assert f["fong_critical"] == pytest.approx(10.4192, abs=1e-4)
    assert not f["fong_significant"]
    assert summarize_counts(c)["fong_category"].iloc[0] == "O/M"


def test_fong_significant_by_hand():
    # a=50 (A), b=20 (I), n=100 (O=15, M=15)
    # critical = 1.65*sqrt(70*130/200) = 1.65*sqrt(45.5) = 1.65*6.74537 = 11.1299
    # difference 30 > 11.13 -> significant -> "A"
    c = counts(A=50, I=20, O=15, M=15)
    f = fong_test(c).iloc[0]
    assert (f["fong_first"], f["fong_second"]) == ("A", "I")
    assert f["fong_difference"] == 30
    assert f["fong_critical"] == pytest.approx(11.1299, abs=1e-4)
    assert f["fong_significant"]
    assert summarize_counts(c)["fong_category"].iloc[0] == "A"


def test_fong_second_place_tie_uses_m_o_a_i_order():
    # I=40 first; O=30 and M=30 tie for second -> M (M > O > A > I)
    # critical = 1.65*sqrt(70*130/200) = 11.1299 (n=100); diff 10 -> not significant: "I/M"
    c = counts(I=40, O=30, M=30)
    f = fong_test(c).iloc[0]
    assert (f["fong_first"], f["fong_second"]) == ("I", "M")
    assert f["fong_critical"] == pytest.approx(11.1299, abs=1e-4)
    assert summarize_counts(c)["fong_category"].iloc[0] == "I/M"


def test_fong_just_above_and_below_the_critical_value():
    # n=200, a+b=100: critical = 1.65*sqrt(100*300/400) = 1.65*sqrt(75) = 14.2894
    # a=57, b=43: diff 14 < 14.29 -> not significant; a=58, b=42: diff 16 -> significant
    # (I=40, M=40, R=20 fill n to 200 without entering the top two)
    c_below = counts(A=57, O=43, I=40, M=40, R=20)
    c_above = counts(A=58, O=42, I=40, M=40, R=20)
    below, above = fong_test(c_below).iloc[0], fong_test(c_above).iloc[0]
    assert (below["fong_first"], below["fong_second"]) == ("A", "O")
    assert (below["fong_difference"], above["fong_difference"]) == (14, 16)
    assert below["fong_critical"] == pytest.approx(14.2894, abs=1e-4)
    assert not below["fong_significant"]
    assert above["fong_critical"] == pytest.approx(14.2894, abs=1e-4)
    assert above["fong_significant"]


# ---------------------------------------------------------------- chi2


def test_chi2_by_hand():
    # M=30, O=20, A=10, I=40, total 100, expected 25 each:
    # chi2 = (30-25)^2/25 + (20-25)^2/25 + (10-25)^2/25 + (40-25)^2/25
    #      = (25 + 25 + 225 + 225)/25 = 500/25 = 20.0
    # p (3 df) = erfc(sqrt(10)) + sqrt(40/pi) e^-10 = 7.74e-6 + 3.5682*4.540e-5 = 1.6975e-4
    g = chi2_fit(counts(A=10, O=20, M=30, I=40, R=9, Q=9)).iloc[0]  # R, Q not in the test
    assert g["chi2"] == pytest.approx(20.0)
    assert g["chi2_p"] == pytest.approx(chi2_sf_3df(20.0), rel=1e-9)
    assert g["chi2_p"] == pytest.approx(1.6975e-4, rel=1e-3)


def test_chi2_even_spread_is_zero():
    # 25 each: every term (25-25)^2/25 = 0 -> chi2 = 0, p = 1
    g = chi2_fit(counts(A=25, O=25, M=25, I=25)).iloc[0]
    assert g["chi2"] == pytest.approx(0.0)
    assert g["chi2_p"] == pytest.approx(1.0)


def test_chi2_second_example():
    # M=8, O=0, A=0, I=0: expected 2 each: (6^2 + 2^2*3)/2 = (36+12)/2 = 24.0
    g = chi2_fit(counts(M=8)).iloc[0]
    assert g["chi2"] == pytest.approx(24.0)
    assert g["chi2_p"] == pytest.approx(chi2_sf_3df(24.0), rel=1e-9)


def test_chi2_undefined_without_answers():
    g = chi2_fit(counts(R=3)).iloc[0]
    assert np.isnan(g["chi2"]) and np.isnan(g["chi2_p"])


# ---------------------------------------------------------------- strengths


def test_category_and_total_strength_by_hand():
    # A=10, O=20, M=30, I=40, n=100: top I=40, second M=30
    # category strength = 0.40 - 0.30 = 0.10; total strength = (10+20+30)/100 = 0.60
    s = category_strength(counts(A=10, O=20, M=30, I=40)).iloc[0]
    assert s["category_strength"] == pytest.approx(0.10)
    assert s["total_strength"] == pytest.approx(0.60)


def test_strengths_count_r_and_q_in_n():
    # A=12, O=6, M=2, I=0, R=4, Q=1: n=25
    # category strength = (12-6)/25 = 0.24; total strength = (12+6+2)/25 = 0.80
    s = category_strength(counts(A=12, O=6, M=2, R=4, Q=1)).iloc[0]
    assert s["category_strength"] == pytest.approx(0.24)
    assert s["total_strength"] == pytest.approx(0.80)


# ---------------------------------------------------------------- rules


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        ({"A": 10, "O": 20, "M": 30, "I": 40}, "I"),  # plain maximum
        ({"A": 11, "M": 10}, "A"),  # near tie: the strict maximum wins
        ({"M": 10, "O": 10, "A": 10, "I": 10}, "M"),  # four-way tie -> M first
        ({"O": 10, "A": 10, "I": 3}, "O"),  # O > A
        ({"A": 10, "I": 10}, "A"),  # A > I
        ({"I": 5, "R": 5, "Q": 5}, "I"),  # I > R > Q
        ({"R": 5, "Q": 5}, "R"),
        ({"Q": 1}, "Q"),
    ],
)
def test_rule_max(kw, expected):
    assert dominant_category(counts(**kw), "max").iloc[0] == expected


@pytest.mark.parametrize(
    ("kw", "threshold", "expected"),
    [
        # shares .30 (A), .28 (O): within 0.05 -> O before A in M > O > A > I
        ({"A": 30, "O": 28, "M": 20, "I": 22}, 0.05, "O"),
        # M at .26 also within .05 of .30 -> M
        ({"A": 30, "O": 24, "M": 26, "I": 20}, 0.05, "M"),
        # boundary: M .25 = .30 - .05 exactly -> counts as within -> M
        ({"A": 30, "O": 20, "M": 25, "I": 25}, 0.05, "M"),
        # M .24 is .06 below: not within; I .25 within, but A ranks before I -> A
        ({"A": 30, "O": 21, "M": 24, "I": 25}, 0.05, "A"),
        # same counts, threshold 0.10: M .24 within .10 of .30 -> M
        ({"A": 30, "O": 21, "M": 24, "I": 25}, 0.10, "M"),
        # threshold 0: plain maximum (with priority on exact ties)
        ({"A": 30, "O": 28, "M": 20, "I": 22}, 0.0, "A"),
        ({"A": 30, "O": 30, "M": 20, "I": 20}, 0.0, "O"),
        # I leads, A within: A ranks before I
        ({"I": 30, "A": 28, "O": 22, "M": 20}, 0.05, "A"),
    ],
)
def test_rule_moai(kw, threshold, expected):
    assert dominant_category(counts(**kw), "moai", threshold).iloc[0] == expected


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        # O+A+M = 20+25+20 = 65 > I+R+Q = 35: largest of O, A, M -> O (max rule says I)
        ({"A": 20, "O": 25, "M": 20, "I": 35}, "O"),
        # O+A+M = 40 < I+R+Q = 30+20+10 = 60: largest of I, R, Q -> I (max rule says A)
        ({"A": 40, "I": 30, "R": 20, "Q": 10}, "I"),
        # exact tie 50 = 50 goes to the I/R/Q side ("if O+A+M > I+R+Q ... else")
        ({"A": 50, "I": 20, "R": 30}, "R"),
        # near tie 51 > 50: the O/A/M side
        ({"A": 51, "I": 20, "R": 30}, "A"),
        # tie inside the winning side: A=O=20 -> O (M > O > A)
        ({"A": 20, "O": 20, "I": 10}, "O"),
        ({"M": 20, "O": 20, "I": 10}, "M"),
    ],
)
def test_rule_berger(kw, expected):
    assert dominant_category(counts(**kw), "berger").iloc[0] == expected


def test_rules_differ_on_the_same_counts():
    c = counts(A=20, O=25, M=20, I=35)
    assert dominant_category(c, "max").iloc[0] == "I"
    assert dominant_category(c, "berger").iloc[0] == "O"
    # moai: shares .20 .25 .20 .35; nothing within .05 of .35 -> I
    assert dominant_category(c, "moai").iloc[0] == "I"
    assert summarize_counts(c, SummaryOptions(rule="berger"))["category"].iloc[0] == "O"


def test_unknown_rule_and_bad_threshold():
    with pytest.raises(OptionError, match="unknown rule"):
        SummaryOptions(rule="majority")
    with pytest.raises(OptionError, match="threshold"):
        SummaryOptions(threshold=1.5)
    with pytest.raises(OptionError, match="unknown rule"):
        dominant_category(counts(A=1), "majority")


# ---------------------------------------------------------------- summarize_counts


def test_summarize_counts_full_row_by_hand():
    # A=10, O=20, M=30, I=40, R=0, Q=0
    out = summarize_counts(counts(service="Hotline", A=10, O=20, M=30, I=40))
    assert list(out.columns) == SUMMARY_COLUMNS
    row = out.iloc[0]
    assert row["service"] == "Hotline"
    assert row["n"] == 100
    assert [row[f"share_{c}"] for c in "AOMIRQ"] == pytest.approx([0.1, 0.2, 0.3, 0.4, 0, 0])
    assert row["category"] == "I"
    assert row["better"] == pytest.approx(0.30)
    assert row["worse"] == pytest.approx(-0.50)
    # Fong: a=40 (I), b=30 (M), critical 11.1299, diff 10 -> "I/M"
    assert row["fong_category"] == "I/M"
    assert row["chi2"] == pytest.approx(20.0)
    assert row["category_strength"] == pytest.approx(0.10)
    assert row["total_strength"] == pytest.approx(0.60)
    assert row["n_missing"] == 0 and row["n_invalid"] == 0
    assert np.isnan(row["importance_mean"])


def test_summarize_counts_accepts_index_and_lowercase():
    frame = pd.DataFrame(
        {"a": [3, 0], "o": [0, 5], "m": [1, 0], "i": [2, 0], "r": [1, 0], "q": [1, 0]},
        index=["Lounge", "Repair"],
    )
    out = summarize_counts(frame)
    assert out["service"].tolist() == ["Lounge", "Repair"]
    assert out["n"].tolist() == [8, 5]
    assert out["category"].tolist() == ["A", "O"]


def test_summarize_counts_carries_optional_columns():
    c = counts(A=1, O=1).assign(n_missing=4, n_invalid=2, importance_mean=3.5, importance_n=9)
    row = summarize_counts(c).iloc[0]
    assert (row["n_missing"], row["n_invalid"]) == (4, 2)
    assert (row["importance_mean"], row["importance_n"]) == (3.5, 9)


def test_service_without_answers_has_no_category():
    out = summarize_counts(counts(service="Empty"))
    row = out.iloc[0]
    assert row["n"] == 0
    assert row["category"] == "" and row["fong_category"] == ""
    assert np.isnan(row["better"]) and np.isnan(row["share_A"])


@pytest.mark.parametrize("bad", [-1, 2.5, "x"])
def test_counts_must_be_whole_non_negative(bad):
    c = counts(A=3, O=1)
    c["O"] = c["O"].astype(object)
    c.loc[0, "O"] = bad
    with pytest.raises(InvalidValueError) as err:
        summarize_counts(c)
    msg = str(err.value)
    assert "row 2" in msg and "'O'" in msg and repr(bad) in msg


def test_counts_table_missing_column():
    with pytest.raises(OptionError, match="R, Q"):
        summarize_counts(pd.DataFrame({"service": ["s"], "A": [1], "O": [1], "M": [1], "I": [1]}))


# ---------------------------------------------------------------- summarize (respondent data)


def test_summarize_canonical_survey(canonical):
    out = summarize(read_survey(canonical.wide())).set_index("service")
    for s in canonical.services:
        for cat, k in canonical.counts[s].items():
            assert out.loc[s, cat] == k
        assert out.loc[s, "n_missing"] == canonical.n_missing[s]
    # Hotline: A1 O2 M1 I1 R1 Q1, n=7 (one blank pair)
    # Better = (1+2)/(1+2+1+1) = 3/5 = 0.6 ; Worse = -(2+1)/5 = -0.6
    # Fong: a=2 (O), b=1 (M by priority), crit = 1.65*sqrt(3*11/14) = 1.65*1.53530 = 2.5332
    assert out.loc["Hotline", "n"] == 7
    assert out.loc["Hotline", "better"] == pytest.approx(0.6)
    assert out.loc["Hotline", "worse"] == pytest.approx(-0.6)
    assert out.loc["Hotline", "category"] == "O"
    assert out.loc["Hotline", "fong_critical"] == pytest.approx(2.5332, abs=1e-4)
    assert out.loc["Hotline", "fong_category"] == "O/M"
    # Lounge: A3 O0 M1 I2 R1 Q1, n=8; Better 3/6 = 0.5; Worse -1/6
    # Fong: a=3 (A), b=2 (I), crit = 1.65*sqrt(5*11/16) = 1.65*1.85405 = 3.0592 -> "A/I"
    assert out.loc["Lounge", "n"] == 8
    assert out.loc["Lounge", "better"] == pytest.approx(0.5)
    assert out.loc["Lounge", "worse"] == pytest.approx(-1 / 6)
    assert out.loc["Lounge", "fong_critical"] == pytest.approx(3.0592, abs=1e-4)
    assert out.loc["Lounge", "fong_category"] == "A/I"


def test_summarize_with_modified_table(canonical):
    # Lounge 105 (2,2): I -> Q under the modified table: I=1, Q=2
    out = summarize(read_survey(canonical.wide()), "modified").set_index("service")
    assert out.loc["Lounge", "I"] == 1 and out.loc["Lounge", "Q"] == 2
    assert out.loc["Hotline", "Q"] == 1  # Hotline has no (2,2) or (4,4)


def test_summarize_importance_mean():
    frame = pd.DataFrame(
        {
            "Hotline_functional": [1, 1, 2, 3],
            "Hotline_dysfunctional": [5, 3, 5, 3],
            "Hotline_importance": [5, 4, None, 2],
        }
    )
    survey = read_survey(frame)
    assert survey.pairing["importance_column"].tolist() == ["Hotline_importance"]
    row = summarize(survey).iloc[0]
    # mean of 5, 4, 2 (the blank is left out) = 11/3 = 3.6667, from 3 answers
    assert row["importance_mean"] == pytest.approx(11 / 3)
    assert row["importance_n"] == 3


# --- the reversed-coding warning (docs/methods.md §1) -----------------------------------


def _table(*rows: tuple[int, int, int]) -> pd.DataFrame:
    """Services from (A, R, Q): n = A + R + Q."""
    frame = pd.DataFrame(
        [{"service": f"s{k}", "A": a, "O": 0, "M": 0, "I": 0, "R": r, "Q": q}
         for k, (a, r, q) in enumerate(rows)]
    )  # fmt: skip
    return summarize_counts(frame)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        # R+Q = 3 of n = 10 is 30%: flagged; 2 of 2 checked -> warn
        (((7, 2, 1), (7, 3, 0)), (2, 2)),
        # 29 of 100 is below 30% for the second: 1 of 2 flagged is not more than half
        (((7, 2, 1), (71, 29, 0)), None),
        # n = 9 is not checked (fewer than 10 pairs): 1 of 1 checked flagged -> warn
        (((7, 2, 1), (0, 9, 0)), (1, 1)),
        # 2 of 3 flagged is more than half
        (((7, 2, 1), (0, 10, 0), (10, 0, 0)), (2, 3)),
        # nothing checked: no warning
        (((0, 9, 0), (0, 5, 4)), None),
    ],
)
def test_coding_warnings_rule(rows, expected):
    warnings = coding_warnings(_table(*rows))
    if expected is None:
        assert warnings == ()
    else:
        flagged, checked = expected
        assert warnings == (Note("reversed_codes", {"flagged": flagged, "checked": checked}),)


def _doubled(canonical, answer):
    frame = canonical.wide(answer=answer)
    return pd.concat([frame, frame.assign(id=frame["id"] + 100)], ignore_index=True)


def test_coding_warning_on_a_reversed_file(canonical):
    # canonical survey twice (16 respondents) written with SPSSAU's codes 6 - k. Read with the
    # standard codes, Hotline's (1,5)O x2, (1,3)A and (2,5)M become (5,1), (5,3), (4,1): R;
    # (3,3)I stays I, (5,1)R becomes (1,5)O, (1,1)Q becomes (5,5)Q: R+Q = 2*(4+1) = 10 of
    # n = 14 (71%). Lounge's A x3 and M become R, its R becomes M, Q stays Q: R+Q = 2*(4+1)
    # = 10 of 16 (63%). Both services have n >= 10 and are flagged: 2 of 2.
    reversed_file = _doubled(canonical, lambda c: 6 - c)
    warnings = coding_warnings(summarize(read_survey(reversed_file)))
    assert warnings == (Note("reversed_codes", {"flagged": 2, "checked": 2}),)
    assert (
        warnings[0]
        .text("en")
        .startswith(
            "R+Q is 30% or more for 2 of 2 services (with at least 10 classified pairs): the answer "
            "codes look reversed (1 = dislike … 5 = like, as SPSSAU writes them). If the "
            "questionnaire listed the answers from dislike to like, rerun with --codes reversed"
        )
    )
    assert "--codes reversed" in warnings[0].text("zh") and "反向" in warnings[0].text("zh")
    # read with --codes reversed it is the canonical survey: Hotline R+Q = 2*2 of 14 (29%),
    # Lounge 2*2 of 16 (25%): nothing flagged
    right = read_survey(reversed_file, answers=answer_map(codes="reversed"))
    assert coding_warnings(summarize(right)) == ()
    assert coding_warnings(summarize(read_survey(_doubled(canonical, lambda c: c)))) == ()


def test_coding_warning_uses_counts_when_shares_leave_out_r_and_q(canonical):
    reversed_file = _doubled(canonical, lambda c: 6 - c)
    summary = summarize(read_survey(reversed_file), options=SummaryOptions(shares_exclude_qr=True))
    assert summary["share_R"].isna().all()
    assert coding_warnings(summary) == (Note("reversed_codes", {"flagged": 2, "checked": 2}),)
