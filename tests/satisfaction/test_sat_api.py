"""The public face of `satisfaction` (pingouin's way): every name of __all__ exists, is typed
and documented; each function takes a Survey or a DataFrame with column names; results show
a short repr and a small HTML table in a notebook.

DataFrame fixtures are built here; every expected number is worked out in the comments.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import typing
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import satisfaction
from kano.shared.errors import OptionError, UnknownLabelError
from satisfaction.analysis import derived_importance
from satisfaction.quadrants import ipa_table
from satisfaction.validate import Scale

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "satisfaction_2026Q2.xlsx"


@pytest.fixture(scope="module")
def survey():
    return satisfaction.load_survey(EXAMPLE)


# --- the names ------------------------------------------------------------------------------


def test_public_names_exist_are_documented_and_typed():
    hints = {name: getattr(satisfaction, name) for name in satisfaction.__all__}
    for name, obj in hints.items():
        assert not inspect.ismodule(obj), name  # a submodule never hides a function
        assert (obj.__doc__ or "").strip(), name
        if inspect.isfunction(obj):
            sig = inspect.signature(obj)
            for p in sig.parameters.values():
                assert p.annotation is not inspect.Parameter.empty, (name, p.name)
            assert sig.return_annotation is not inspect.Signature.empty, name
            typing.get_type_hints(obj, localns=hints)  # every annotation resolves
    expected = {"load_survey", "Survey", "ipa", "IPAResult", "drivers", "DerivedImportance",
                "nps", "NPSResult", "loyalty_index", "satisfaction_zones", "compare_groups",
                "analyze_ipa", "IPAAnalysis", "ipa_map", "derived_importance_bars",
                "loyalty_by_zone", "nps_by_segment"}  # fmt: skip
    assert expected <= set(satisfaction.__all__)
    assert sorted(dir(satisfaction)) == sorted(set(dir(satisfaction)))
    with pytest.raises(AttributeError):
        satisfaction.relative_importance_of  # noqa: B018 - not a public name


def test_import_is_cheap():
    code = ("import sys, satisfaction; print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('satisfaction', 'kano', 'pandas', 'numpy', 'matplotlib')))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout  # fmt: skip
    # the lazy-export helper of the shared layer and nothing that computes
    assert out.strip() == "['kano', 'kano.shared', 'kano.shared.lazy', 'satisfaction']"


# --- reprs ------------------------------------------------------------------------------------


def test_results_have_short_reprs_and_small_html(survey):
    analysis = satisfaction.analyze_ipa(survey, bootstrap=20, seed=1, by="tenure_band")
    for obj in (survey, analysis, analysis.result, analysis.derived, analysis.nps):
        text = repr(obj)
        assert "\n" not in text and len(text) < 500, text
        assert text.startswith(type(obj).__name__ + "(")
        html = obj._repr_html_()
        assert html.startswith("<div>") and html.endswith("</div>")
        assert len(html) < 5000
    assert "<table" in analysis.result._repr_html_()
    # the derived-importance view leads with R² and the largest shares
    assert "R²=0.779" in repr(analysis.derived) and "network 37%" in repr(analysis.derived)


def test_html_escapes_the_users_words():
    # a driver named like markup stays text in a notebook
    frame = pd.DataFrame({"<b>fee</b>": [1, 2, 3, 4], "imp": [4, 5, 4, 5]})
    result = satisfaction.ipa(frame, ["<b>fee</b>"], {"<b>fee</b>": "imp"}, bootstrap=0)
    html = result._repr_html_()
    assert "&lt;b&gt;fee&lt;/b&gt;" in html and "<b>fee</b>" not in html


# --- ipa ---------------------------------------------------------------------------------


STATED = pd.DataFrame(
    {
        # "5 - Extremely satisfied" is Qualtrics' numbered choice text: read as 5
        "sat_a": [1, 2, "3", 4, "5 - Extremely satisfied"],
        "sat_b": [5, 4, 3, 2, 1],
        "imp_a": [5, 5, 4, 4, 5],
        "imp_b": [1, 2, 1, 2, 1],
    }
)


def test_ipa_of_a_dataframe_by_hand():
    r = satisfaction.ipa(STATED, {"a": "sat_a", "b": "sat_b"}, {"a": "imp_a", "b": "imp_b"},
                         bootstrap=0)  # fmt: skip
    t = r.table.set_index("driver")
    # satisfaction a (1+2+3+4+5)/5 = 3, b 3; importance a 23/5 = 4.6, b 7/5 = 1.4 (scales 1-5)
    assert t.loc["a", "importance"] == pytest.approx(4.6)
    assert t.loc["b", "importance"] == pytest.approx(1.4)
    assert (t.loc["a", "satisfaction"], t.loc["b", "satisfaction"]) == (3, 3)
    # 0-100: importance a 100 (4.6 - 1)/4 = 90, b 10; satisfaction 50 and 50
    assert t.loc["a", "importance_pct"] == pytest.approx(90)
    assert t.loc["a", "gap"] == pytest.approx(40) and t.loc["b", "gap"] == pytest.approx(-40)
    # mean crosshair: importance (4.6 + 1.4)/2 = 3, satisfaction 3 (on the line counts as high)
    assert (r.importance_cross, r.satisfaction_cross) == pytest.approx((3.0, 3.0))
    assert dict(t["quadrant"]) == {"a": "keep", "b": "maintain"}
    # priority score (I% - I0%) - (S% - S0%): a (90 - 50) - 0 = 40, b -40
    assert t.loc["a", "priority_score"] == pytest.approx(40)
    # one column, or a list of columns: the driver is the column
    one = satisfaction.ipa(STATED, "sat_a", {"sat_a": "imp_a"}, bootstrap=0)
    assert list(one.table["driver"]) == ["sat_a"] and one.table["importance"].iloc[0] == 4.6
    listed = satisfaction.ipa(STATED, ["sat_a", "sat_b"], {"sat_a": "imp_a", "sat_b": "imp_b"},
                              bootstrap=0)  # fmt: skip
    assert list(listed.table["driver"]) == ["sat_a", "sat_b"]
    np.testing.assert_allclose(listed.table["importance"], r.table["importance"])


def test_ipa_of_a_dataframe_with_derived_importance():
    rng = np.random.default_rng(4)
    frame = pd.DataFrame({k: rng.integers(1, 6, 300) for k in ("a", "b")})
    frame["y"] = 0.8 * frame["a"] + 0.3 * frame["b"] + rng.normal(0, 1, 300)
    r = satisfaction.ipa(frame, ["a", "b"], outcome="y", crosshair="midpoint", bootstrap=0)
    d = satisfaction.drivers(frame, "y", ["a", "b"], bootstrap=0).table.set_index("driver")
    np.testing.assert_allclose(r.table.set_index("driver")["importance"],
                               100 * d["shapley_share"])  # fmt: skip
    assert r.importance_source == "derived" and r.importance_cross == pytest.approx(50)


def test_ipa_dataframe_errors_name_the_cell_or_the_column():
    bad = STATED.assign(sat_a=[1, "great", 3, 4, 5])
    with pytest.raises(UnknownLabelError, match=r"'great' \(1 cell, row 3, column 'sat_a'\)"):
        satisfaction.ipa(bad, ["sat_a"], {"sat_a": "imp_a"}, bootstrap=0)
    with pytest.raises(OptionError, match="'sat_x': not a column of the DataFrame"):
        satisfaction.ipa(STATED, ["sat_x"], ["imp_a"], bootstrap=0)
    with pytest.raises(OptionError, match=r"satisfaction="):
        satisfaction.ipa(STATED)
    with pytest.raises(OptionError, match=r"importance=.*outcome="):
        satisfaction.ipa(STATED, ["sat_a"])
    with pytest.raises(OptionError, match="no importance column for driver"):
        satisfaction.ipa(STATED, ["sat_a", "sat_b"], {"sat_a": "imp_a"})
    with pytest.raises(OptionError, match="bootstrap= must be a whole number from 0 to 100000"):
        satisfaction.ipa(STATED, ["sat_a"], ["imp_a"], bootstrap=-1)
    with pytest.raises(OptionError, match="seed= must be a whole number of 0 or more, not -1"):
        satisfaction.ipa(STATED, ["sat_a"], ["imp_a"], seed=-1)


def test_ipa_of_a_survey_is_the_analysis_result(survey):
    a = satisfaction.ipa(survey, bootstrap=30, seed=2)
    b = satisfaction.analyze_ipa(survey, bootstrap=30, seed=2).result
    pd.testing.assert_frame_equal(a.table, b.table)
    assert a.importance_source == "stated"  # the survey rates importance
    derived = satisfaction.ipa(survey, importance="derived", bootstrap=0)
    assert derived.importance_source == "derived"
    with pytest.raises(OptionError, match="satisfaction= is for a DataFrame"):
        satisfaction.ipa(survey, ["sat_price"])


# --- drivers -----------------------------------------------------------------------------


def test_drivers_of_a_dataframe_two_predictors_closed_form():
    rng = np.random.default_rng(7)
    x1, x2 = rng.normal(size=200), rng.normal(size=200)
    y = x1 + 0.5 * x2 + rng.normal(size=200)
    frame = pd.DataFrame({"x1": x1, "x2": x2 + 0.3 * x1, "y": y})
    d = satisfaction.drivers(frame, "y", bootstrap=0).table.set_index("driver")
    # two players: phi_1 = (R² + r1² - r2²) / 2 with R² = (r1² + r2² - 2 r1 r2 r12) / (1 - r12²)
    c = np.corrcoef(frame.to_numpy(), rowvar=False)
    r1, r2, r12 = c[0, 2], c[1, 2], c[0, 1]
    r2_full = (r1**2 + r2**2 - 2 * r1 * r2 * r12) / (1 - r12**2)
    assert d.loc["x1", "shapley"] == pytest.approx((r2_full + r1**2 - r2**2) / 2, abs=1e-12)
    assert d.loc["x2", "shapley"] == pytest.approx((r2_full + r2**2 - r1**2) / 2, abs=1e-12)
    # a driver of two columns is one player holding the whole R²
    both = satisfaction.drivers(frame, "y", {"both": ["x1", "x2"]}, bootstrap=0)
    assert both.table["shapley"].iloc[0] == pytest.approx(r2_full, abs=1e-12)
    with pytest.raises(OptionError, match="outcome="):
        satisfaction.drivers(frame)


def test_drivers_of_a_survey(survey):
    got = satisfaction.drivers(survey, bootstrap=0)
    pd.testing.assert_frame_equal(got.table, derived_importance(survey).table)
    rated = satisfaction.drivers(survey, rated_only=True, bootstrap=0)
    assert set(rated.table["driver"]) == set(survey.satisfaction.columns)


# --- nps, loyalty index, zones, segment tests --------------------------------------------


def test_nps_of_a_survey_a_dataframe_and_scores(survey):
    assert satisfaction.nps(survey) == satisfaction.nps(survey.outcomes["recommend"])
    frame = pd.DataFrame({"ltr": ["10 - Extremely likely", "0 - Not at all likely", 9, None,
                                  7, "8"]})  # fmt: skip
    r = satisfaction.nps(frame, "ltr")
    # promoters 10, 9; detractor 0; passives 7, 8; the blank is left out: 100 (2 - 1)/5 = 20
    assert (r.n, r.promoters, r.passives, r.detractors) == (5, 2, 2, 1)
    assert r.nps == pytest.approx(20)
    with pytest.raises(OptionError, match="'nope': not a column"):
        satisfaction.nps(frame, "nope")


def test_loyalty_index_of_a_dataframe_by_hand(survey):
    frame = pd.DataFrame({"renewed": [1, 0], "stay": [5, 3]})
    kinds = {"behavioural": ["renewed"], "intentional": ["stay"]}
    idx = satisfaction.loyalty_index(frame, kinds, {"renewed": "0-1", "stay": "1-5"})
    # row 1: behavioural 100, intentional 100 (5-1)/4 = 100 -> 100; row 2: 0 and 50 -> 25
    assert idx.tolist() == pytest.approx([100, 25])
    with pytest.raises(OptionError, match=r"'stay'.*scales="):
        satisfaction.loyalty_index(frame, kinds, {"renewed": "0-1"})
    assert satisfaction.loyalty_index(survey).equals(survey.outcomes["loyalty_index"])


def test_satisfaction_zones_of_a_dataframe_by_hand(survey):
    frame = pd.DataFrame({"s": [1, 2, 3, 4, 5], "l": [10, 20, 30, 40, 90]})
    z = satisfaction.satisfaction_zones(frame, "s", "l", thresholds=(3, 4), scale="1-5")
    z = z.set_index("zone")
    # below 3: 10, 20 -> 15; [3, 4): 30; 4 and above: 40, 90 -> 65
    assert list(z["mean_loyalty"]) == [15, 30, 65]
    # the outer zones end where the scale does
    assert (z.loc["dissatisfied", "sat_from"], z.loc["satisfied", "sat_to"]) == (1, 5)
    # default thresholds from the scale: 1-5 -> 3 and 4
    again = satisfaction.satisfaction_zones(frame, "s", "l", scale="1-5").set_index("zone")
    pd.testing.assert_frame_equal(again, z)
    with pytest.raises(OptionError, match="thresholds=.*scale="):
        satisfaction.satisfaction_zones(frame, "s", "l")
    # a survey: overall satisfaction (1-10) and the loyalty index, X1 5.5, X2 7.75
    zs = satisfaction.satisfaction_zones(survey)
    assert list(zs["sat_from"]) == [1, 5.5, 7.75] and list(zs["sat_to"]) == [5.5, 7.75, 10]


def test_compare_groups_by_a_column_name_or_a_survey_split(survey):
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0, 10.0, 11.0, 12.0], "g": list("aaabbb")})
    by_name = satisfaction.compare_groups(frame, "g")
    by_series = satisfaction.compare_groups(frame[["x"]], frame["g"])
    pd.testing.assert_frame_equal(by_name, by_series)
    tests = satisfaction.compare_groups(survey, "tenure_band")
    analysis = satisfaction.analyze_ipa(survey, by="tenure_band", bootstrap=0)
    pd.testing.assert_frame_equal(tests, analysis.tables["segment_tests"])
    with pytest.raises(OptionError, match="by= 'h': not a column"):
        satisfaction.compare_groups(frame, "h")


# --- invariants ---------------------------------------------------------------------------

SCORES = st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(SCORES)
def test_nps_of_a_column_is_the_nps_of_its_numbers(scores):
    # Qualtrics writes the ends of the 0-10 scale with their labels
    cells = [{0: "0 - Not at all likely", 10: "10 - Extremely likely"}.get(v, v) for v in scores]
    got = satisfaction.nps(pd.DataFrame({"ltr": cells}), "ltr")
    numbers = [v for v in scores if v is not None]
    assert got.n == len(numbers) == got.promoters + got.passives + got.detractors
    assert got.promoters == sum(v >= 9 for v in numbers)
    assert got.detractors == sum(v <= 6 for v in numbers)
    if numbers:
        assert -100 <= got.ci_low <= got.nps <= got.ci_high <= 100


RATINGS = st.lists(st.tuples(*[st.integers(1, 5)] * 4), min_size=3, max_size=30)


@settings(max_examples=40, deadline=None)
@given(RATINGS)
def test_ipa_of_a_dataframe_is_the_ipa_of_its_numbers(rows):
    frame = pd.DataFrame(rows, columns=["sa", "sb", "ia", "ib"])
    got = satisfaction.ipa(frame, {"a": "sa", "b": "sb"}, {"a": "ia", "b": "ib"}, scale="1-5",
                           bootstrap=0)  # fmt: skip
    sat = frame[["sa", "sb"]].set_axis(["a", "b"], axis=1).astype(float)
    imp = frame[["ia", "ib"]].set_axis(["a", "b"], axis=1).astype(float)
    want = ipa_table(sat, imp, Scale(1, 5), Scale(1, 5))
    pd.testing.assert_frame_equal(got.table, want.table)
    # every driver lands in exactly one quadrant, on the side of each crosshair it is on
    t = got.table
    high_i = t["importance"] >= got.importance_cross
    high_s = t["satisfaction"] >= got.satisfaction_cross
    assert ((t["quadrant"] == "keep") == (high_i & high_s)).all()
    assert ((t["quadrant"] == "latent_churn") == (~high_i & ~high_s)).all()
