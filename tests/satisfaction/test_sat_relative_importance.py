"""Derived importance: Shapley/LMG against brute-force OLS, Johnson against hand arithmetic."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kano.shared.errors import OptionError
from satisfaction.relative_importance import (
    bootstrap_counts,
    corr_from_counts,
    johnson_weights,
    relative_importance,
    shapley_values,
    subset_r2,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def ols_r2(x: np.ndarray, y: np.ndarray, cols: list[int]) -> float:
    """R² of y on an intercept and x[:, cols], refitted with lstsq on the raw data."""
    if not cols:
        return 0.0
    a = np.column_stack([np.ones(len(y)), x[:, cols]])
    coef = np.linalg.lstsq(a, y, rcond=None)[0]
    resid = y - a @ coef
    return 1 - resid.var() / y.var()


def brute_shapley(x: np.ndarray, y: np.ndarray, groups: list[list[int]]) -> list[float]:
    """Shapley value of each player: weighted mean of marginal R² gains over all coalitions."""
    m = len(groups)
    phi = []
    for j in range(m):
        others = [k for k in range(m) if k != j]
        total = 0.0
        for size in range(m):
            w = math.factorial(size) * math.factorial(m - size - 1) / math.factorial(m)
            for coal in itertools.combinations(others, size):
                cols = [c for k in coal for c in groups[k]]
                total += w * (ols_r2(x, y, cols + groups[j]) - ols_r2(x, y, cols))
        phi.append(total)
    return phi


def make_data(n: int, p: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, p)) @ (np.eye(p) + 0.4 * rng.normal(size=(p, p)))
    y = x @ rng.normal(size=p) + rng.normal(size=n)
    return x, y


@pytest.mark.parametrize(("p", "seed"), [(2, 1), (3, 2), (4, 3), (5, 4)])
def test_shapley_equals_all_subsets_definition(p, seed):
    x, y = make_data(200, p, seed)
    res = relative_importance(pd.DataFrame(x, columns=list("abcde"[:p])), pd.Series(y, name="y"))
    expected = brute_shapley(x, y, [[j] for j in range(p)])
    np.testing.assert_allclose(res.table["shapley"], expected, atol=1e-10)
    assert res.table["shapley"].sum() == pytest.approx(ols_r2(x, y, list(range(p))), abs=1e-10)
    assert res.r2 == pytest.approx(ols_r2(x, y, list(range(p))), abs=1e-10)


def test_subset_r2_every_entry_matches_ols():
    x, y = make_data(150, 4, 7)
    c = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    v = subset_r2(c[:4, :4], c[:4, 4])
    for mask in range(16):
        cols = [j for j in range(4) if mask >> j & 1]
        assert v[mask] == pytest.approx(ols_r2(x, y, cols), abs=1e-10)


def test_group_shapley_matches_brute_force():
    x, y = make_data(200, 5, 11)
    groups = [[0, 1], [2], [3, 4]]
    frame = pd.DataFrame(x, columns=["a", "b", "c", "d", "e"])
    res = relative_importance(
        frame, pd.Series(y, name="y"), {"ab": ["a", "b"], "c": ["c"], "de": ["d", "e"]}
    )
    np.testing.assert_allclose(res.table["shapley"], brute_shapley(x, y, groups), atol=1e-10)
    # r of a two-column driver is its multiple correlation: sqrt of its own R²
    assert res.table.loc[0, "r"] == pytest.approx(math.sqrt(ols_r2(x, y, [0, 1])), abs=1e-10)
    assert np.isnan(res.table.loc[0, "beta"])


def test_shapley_two_predictors_closed_form():
    # two players: phi_1 = (R²_1 + R²_12 - R²_2) / 2
    rho, r1, r2 = 0.3, 0.5, 0.4
    r2_full = (r1**2 + r2**2 - 2 * rho * r1 * r2) / (1 - rho**2)
    phi = shapley_values(np.array([[1, rho], [rho, 1]]), np.array([r1, r2]))
    assert phi[0] == pytest.approx((r1**2 + r2_full - r2**2) / 2)
    assert phi[1] == pytest.approx((r2**2 + r2_full - r1**2) / 2)


def test_johnson_worked_example_two_predictors():
    """Johnson (2000) by hand for R = [[1, .5], [.5, 1]], r = (.6, .4).

    Eigenvalues 1.5 and 0.5 with eigenvectors (1,1)/√2 and (1,-1)/√2, so
    Λ = R^{1/2} = [[a, b], [b, a]] with a = (√1.5 + √.5)/2, b = (√1.5 - √.5)/2;
    β* = Λ^{-1} r = [[a, -b], [-b, a]] r / (a² - b²); ε_j = Σ_k λ_jk² β*_k².
    """
    a = (math.sqrt(1.5) + math.sqrt(0.5)) / 2
    b = (math.sqrt(1.5) - math.sqrt(0.5)) / 2
    det = a * a - b * b
    beta1 = (a * 0.6 - b * 0.4) / det
    beta2 = (-b * 0.6 + a * 0.4) / det
    eps1 = a**2 * beta1**2 + b**2 * beta2**2
    eps2 = b**2 * beta1**2 + a**2 * beta2**2
    # R² = r' R^{-1} r = (.36 + .16 - 2·.5·.6·.4) / (1 - .25)
    r2 = (0.36 + 0.16 - 0.24) / 0.75
    got = johnson_weights(np.array([[1, 0.5], [0.5, 1]]), np.array([0.6, 0.4]))
    np.testing.assert_allclose(got, [eps1, eps2], atol=1e-12)
    assert got.sum() == pytest.approx(r2)
    assert eps1 + eps2 == pytest.approx(r2)


def test_johnson_worked_example_three_predictors_by_eigendecomposition():
    rxx = np.array([[1.0, 0.6, 0.3], [0.6, 1.0, 0.2], [0.3, 0.2, 1.0]])
    rxy = np.array([0.5, 0.45, 0.3])
    e, v = np.linalg.eigh(rxx)
    lam = v @ np.diag(np.sqrt(e)) @ v.T  # Λ = V diag(√e) V'
    assert lam @ lam == pytest.approx(rxx)  # Λ is R^{1/2}
    beta_star = np.linalg.inv(lam) @ rxy  # β* = Λ^{-1} r
    eps = [sum(lam[j, k] ** 2 * beta_star[k] ** 2 for k in range(3)) for j in range(3)]
    r2 = rxy @ np.linalg.inv(rxx) @ rxy
    got = johnson_weights(rxx, rxy)
    np.testing.assert_allclose(got, eps, atol=1e-12)
    assert got.sum() == pytest.approx(r2)


def test_johnson_orthogonal_predictors_are_squared_correlations():
    got = johnson_weights(np.eye(3), np.array([0.5, -0.3, 0.1]))
    np.testing.assert_allclose(got, [0.25, 0.09, 0.01])


def test_johnson_is_not_the_principal_component_variant():
    # Decomposing on principal components (eigenvectors instead of R^{1/2})
    # gives different weights whenever predictors correlate.
    rxx = np.array([[1.0, 0.7], [0.7, 1.0]])
    rxy = np.array([0.6, 0.2])
    e, v = np.linalg.eigh(rxx)
    pc_loadings = v * np.sqrt(e)  # correlations of X with the principal components
    pc_beta = np.linalg.solve(pc_loadings, rxy)
    pc_eps = (pc_loadings**2) @ (pc_beta**2)
    assert not np.allclose(johnson_weights(rxx, rxy), pc_eps)


@st.composite
def datasets(draw):
    p = draw(st.integers(2, 6))
    n = draw(st.integers(p + 5, 60))
    seed = draw(st.integers(0, 2**32 - 1))
    return make_data(n, p, seed)


@settings(max_examples=60, deadline=None)
@given(datasets())
def test_property_shares_sum_to_r2_and_lie_in_range(data):
    x, y = data
    p = x.shape[1]
    c = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    rxx, rxy = c[:p, :p], c[:p, p]
    r2 = ols_r2(x, y, list(range(p)))
    phi = shapley_values(rxx, rxy)
    eps = johnson_weights(rxx, rxy)
    assert phi.sum() == pytest.approx(r2, abs=1e-8)
    assert eps.sum() == pytest.approx(r2, abs=1e-8)
    assert (phi >= -1e-10).all() and (phi <= r2 + 1e-10).all()
    assert (eps >= 0).all() and (eps <= r2 + 1e-10).all()


def test_bootstrap_reproducible_with_seed():
    x, y = make_data(300, 3, 5)
    frame, target = pd.DataFrame(x, columns=["a", "b", "c"]), pd.Series(y, name="y")
    r1 = relative_importance(frame, target, bootstrap=100, seed=42)
    r2 = relative_importance(frame, target, bootstrap=100, seed=42)
    r3 = relative_importance(frame, target, bootstrap=100, seed=43)
    pd.testing.assert_frame_equal(r1.table, r2.table)
    assert not np.allclose(r1.table["shapley_low"], r3.table["shapley_low"])
    lo, hi = r1.table["shapley_low"], r1.table["shapley_high"]
    assert (lo <= hi).all()
    assert r1.r2_low <= r1.r2 <= r1.r2_high


def test_bootstrap_counts_and_weighted_correlation():
    counts = bootstrap_counts(50, 7, seed=1)
    assert counts.shape == (7, 50) and (counts.sum(axis=1) == 50).all()
    x, _ = make_data(50, 3, 2)
    # the weighted correlation equals the correlation of the rows drawn, repeated
    rows = np.repeat(np.arange(50), counts[3])
    np.testing.assert_allclose(
        corr_from_counts(x, counts[3:4])[0], np.corrcoef(x[rows], rowvar=False), atol=1e-12
    )


def test_complete_cases_are_counted():
    x, y = make_data(100, 3, 9)
    frame = pd.DataFrame(x, columns=["a", "b", "c"])
    frame.loc[[3, 10, 20], "b"] = np.nan
    res = relative_importance(frame, pd.Series(y, name="y"))
    assert (res.n_used, res.n_dropped) == (97, 3)
    assert any("3 rows" in str(n) for n in res.notes)


def test_errors():
    x, y = make_data(40, 2, 3)
    frame = pd.DataFrame({"a": x[:, 0], "b": x[:, 1], "a2": 2 * x[:, 0] + 1})
    with pytest.raises(OptionError, match="collinear"):
        relative_importance(frame, pd.Series(y, name="y"))
    with pytest.raises(OptionError, match="same value"):
        relative_importance(frame[["a"]].assign(k=1.0), pd.Series(y, name="y"))
    with pytest.raises(OptionError, match="complete cases"):
        relative_importance(frame.iloc[:3], pd.Series(y[:3], name="y"))


def test_example_recovers_true_driver_order():
    """The generator's true effects: network > price > service > billing > value_added > points."""
    from satisfaction import load_survey
    from satisfaction.analysis import derived_importance

    for name in ("satisfaction_2026Q2.xlsx", "satisfaction_2026Q3.xlsx"):
        res = derived_importance(load_survey(EXAMPLES / name))  # observed predictors included
        rated = res.table.set_index("driver").loc[
            ["network", "price", "service", "billing", "value_added", "loyalty_points"], "shapley"
        ]
        assert list(rated.sort_values(ascending=False).index) == list(rated.index), name
        # the five driver families of the source documents all get an importance
        assert {"tenure", "customer_traits", "competitors"} <= set(res.table["driver"])
