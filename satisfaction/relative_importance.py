"""Derived importance of drivers: correlation, standardised beta, Johnson's
relative weights and the Shapley/LMG decomposition of R², with bootstrap CIs.

Everything is computed from the correlation matrix of the complete cases:

- R² of a subset S of predictors: ``R²_S = r_S' R_SS^{-1} r_S`` (batched over
  all 2^m subsets and all bootstrap resamples with ``numpy.linalg.solve``);
- Shapley/LMG (Lindeman, Merenda & Gold 1980; Grömping 2007):
  ``φ_j = Σ_{S ⊆ P∖{j}} |S|! (m-|S|-1)! / m! · (R²_{S∪j} − R²_S)``, which sums to
  the full-model R²; players may be groups of columns (e.g. the dummies of a
  segment), and then the value is the group's Shapley value;
- Johnson (2000), Multivariate Behavioral Research 35(1), 1-19:
  ``R = V diag(e) V'``, ``Λ = V diag(√e) V'`` (= R^{1/2}), ``β* = Λ^{-1} r``,
  ``ε_j = Σ_k Λ_jk² β*_k²``, summing to R². This is Johnson's own method,
  not the variant that decomposes on principal components.

Bootstrap: respondents are resampled with replacement (counts per respondent,
seeded), the weighted correlation matrix of every resample is formed with one
matrix product, and percentile 95% intervals are reported.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kano.shared.errors import OptionError
from kano.shared.records import Note
from satisfaction.display import html_view, text_view
from satisfaction.notes import note

_MAX_PLAYERS = 16
_CHUNK_ELEMENTS = 4_000_000


# ---------------------------------------------------------------- numerics


def _as_groups(p: int, groups: Sequence[Sequence[int]] | None) -> list[list[int]]:
    if groups is None:
        return [[j] for j in range(p)]
    return [list(g) for g in groups]


def subset_r2(
    rxx: np.ndarray, rxy: np.ndarray, groups: Sequence[Sequence[int]] | None = None
) -> np.ndarray:
    """R² of every subset of players from correlations.

    Parameters
    ----------
    rxx: ``(..., p, p)`` predictor correlation matrices (a leading batch axis is allowed).
    rxy: ``(..., p)`` predictor-outcome correlations.
    groups: player -> column indices; one player per column when ``None``.

    Returns
    -------
    ``(..., 2**m)`` array; entry ``mask`` is the R² of the union of the players
    whose bits are set in ``mask`` (entry 0 is 0).
    """
    rxx = np.asarray(rxx, dtype=float)
    rxy = np.asarray(rxy, dtype=float)
    batch = rxx.shape[:-2]
    p = rxx.shape[-1]
    rxx = rxx.reshape(-1, p, p)
    rxy = rxy.reshape(-1, p)
    groups = _as_groups(p, groups)
    m = len(groups)
    if m > _MAX_PLAYERS:
        raise OptionError(f"exact Shapley values need at most {_MAX_PLAYERS} drivers, not {m}")
    nb = rxx.shape[0]
    masks = np.arange(1, 2**m)
    members = (masks[:, None] >> np.arange(m)) & 1  # (2^m-1, m)
    sizes = np.array([len(g) for g in groups])
    ncols = members @ sizes
    out = np.zeros((nb, 2**m))
    for s in np.unique(ncols):
        sel = masks[ncols == s]
        idx = np.array(
            [[c for j in range(m) if (mask >> j) & 1 for c in groups[j]] for mask in sel],
            dtype=np.intp,
        )  # (n_s, s) column indices of each subset
        step = max(1, _CHUNK_ELEMENTS // max(1, len(sel) * s * s))
        for b0 in range(0, nb, step):
            a = rxx[b0 : b0 + step][:, idx[:, :, None], idx[:, None, :]]
            r = rxy[b0 : b0 + step][:, idx]
            x = np.linalg.solve(a, r[..., None])[..., 0]
            out[b0 : b0 + step, sel] = np.einsum("bks,bks->bk", r, x)
    return out.reshape(*batch, 2**m)


def shapley_from_subsets(v: np.ndarray) -> np.ndarray:
    """Shapley values ``(..., m)`` of the game with values ``v`` ``(..., 2**m)``."""
    v = np.asarray(v, dtype=float)
    m = int(round(math.log2(v.shape[-1])))
    masks = np.arange(2**m)
    pop = np.bitwise_count(masks.astype(np.uint64)).astype(int)
    weight = np.array(
        [math.factorial(s) * math.factorial(m - s - 1) / math.factorial(m) for s in range(m)]
    )
    phi = np.empty((*v.shape[:-1], m))
    for j in range(m):
        without = masks[((masks >> j) & 1) == 0]
        gain = v[..., without | (1 << j)] - v[..., without]
        phi[..., j] = gain @ weight[pop[without]]
    return phi


def shapley_values(
    rxx: np.ndarray, rxy: np.ndarray, groups: Sequence[Sequence[int]] | None = None
) -> np.ndarray:
    """Shapley/LMG shares of R² per player (sum = full-model R²)."""
    return shapley_from_subsets(subset_r2(rxx, rxy, groups))


def johnson_weights(rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """Johnson's (2000) relative weights per column (sum = R²); batched over leading axes."""
    rxx = np.asarray(rxx, dtype=float)
    rxy = np.asarray(rxy, dtype=float)
    e, vec = np.linalg.eigh(rxx)
    lam = (vec * np.sqrt(np.clip(e, 0, None))[..., None, :]) @ np.swapaxes(vec, -1, -2)
    beta_star = np.linalg.solve(lam, rxy[..., None])[..., 0]
    return np.einsum("...jk,...k->...j", lam**2, beta_star**2)


def standardized_betas(rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """Standardised regression coefficients ``R^{-1} r``."""
    return np.linalg.solve(np.asarray(rxx, float), np.asarray(rxy, float)[..., None])[..., 0]


def corr_from_counts(z: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Weighted correlation matrices ``(B, q, q)`` of ``z`` ``(n, q)`` with counts ``(B, n)``.

    Each row of ``counts`` is one bootstrap resample (how often each respondent
    was drawn). A resample where a column is constant gives NaN.
    """
    z = np.asarray(z, dtype=float)
    z = (z - z.mean(0)) / np.where(z.std(0) > 0, z.std(0), 1.0)
    nb = counts.shape[0]
    q = z.shape[1]
    out = np.empty((nb, q, q))
    for b in range(nb):  # a loop over resamples, not respondents
        w = counts[b].astype(float)
        tot = w.sum()
        # a small sample may draw no complete case at all: NaN, and the resample is skipped
        with np.errstate(invalid="ignore", divide="ignore"):
            mean = (w @ z) / tot
            cov = ((z.T * w) @ z) / tot - np.outer(mean, mean)
            sd = np.sqrt(np.clip(np.diag(cov), 0, None))
            out[b] = cov / np.outer(sd, sd)
    return out


def bootstrap_counts(n: int, resamples: int, seed: int) -> np.ndarray:
    """``(resamples, n)`` int32 counts: how often each of ``n`` rows is drawn per resample."""
    rng = np.random.default_rng(seed)
    out = np.empty((resamples, n), dtype=np.int32)
    step = max(1, 20_000_000 // max(n, 1))
    for b0 in range(0, resamples, step):
        k = min(step, resamples - b0)
        draws = rng.integers(0, n, size=(k, n)) + (np.arange(k) * n)[:, None]
        out[b0 : b0 + k] = np.bincount(draws.ravel(), minlength=k * n).reshape(k, n)
    return out


# ---------------------------------------------------------------- tidy API


@dataclass(frozen=True)
class DerivedImportance:
    """Derived importance of drivers for one outcome.

    ``table`` has one row per driver (player) with columns:

    - ``driver``: driver name; ``columns``: the predictor columns it stands for;
    - ``r``: correlation with the outcome (for a multi-column driver, the
      multiple correlation of the outcome with its columns);
    - ``beta``: standardised coefficient in the full model (NaN for multi-column drivers);
    - ``johnson``: Johnson's relative weight (summed over a driver's columns);
      ``johnson_share`` = johnson / R²;
    - ``shapley``: Shapley/LMG value; ``shapley_share`` = shapley / R²;
    - ``rank``: 1 = largest Shapley value;
    - with a bootstrap, ``shapley_low/high`` and ``johnson_low/high`` (percentile 95%).

    ``samples`` holds the bootstrap Shapley values ``(B, drivers)``; ``notes``
    what the user should know (rows dropped, resamples skipped).
    """

    table: pd.DataFrame
    outcome: str
    r2: float
    r2_low: float
    r2_high: float
    n_used: int
    n_dropped: int
    bootstrap: int
    seed: int | None
    samples: np.ndarray | None = None
    notes: tuple[Note, ...] = field(default_factory=tuple)

    def _facts(self) -> list[str]:
        ci = f" [{self.r2_low:.3f}, {self.r2_high:.3f}]" if self.bootstrap else ""
        top = self.table.sort_values("rank").head(3)
        lead = ", ".join(f"{d} {s:.0%}" for d, s in zip(top["driver"], top["shapley_share"],
                                                         strict=True))  # fmt: skip
        return [f"outcome={self.outcome!r}", f"R²={self.r2:.3f}{ci}", f"n={self.n_used}",
                f"{len(self.table)} drivers", f"largest shares: {lead}"]  # fmt: skip

    def __repr__(self) -> str:
        return text_view("DerivedImportance", self._facts())

    def _repr_html_(self) -> str:
        return html_view("Derived importance", self._facts(), self.table,
                         ("driver", "r", "beta", "johnson", "shapley", "shapley_share", "rank"))  # fmt: skip


def relative_importance(
    x: pd.DataFrame,
    y: pd.Series,
    groups: Mapping[str, Sequence[str]] | None = None,
    bootstrap: int = 0,
    seed: int = 0,
    counts: np.ndarray | None = None,
    level: float = 0.95,
) -> DerivedImportance:
    """Derived importance of the predictors ``x`` for outcome ``y`` (complete cases).

    Parameters
    ----------
    x: numeric predictors, one column each; ``y``: numeric outcome (same index).
    groups: driver name -> columns of ``x`` (a driver may span several columns,
        e.g. segment dummies); by default every column is its own driver.
    bootstrap, seed: number of resamples and seed for percentile CIs.
    counts: resampling counts ``(B, len(x))`` to use instead of drawing them
        (so that other statistics can share the same resamples).

    Raises
    ------
    OptionError
        Fewer complete cases than drivers + 2, a constant predictor, or
        perfectly collinear predictors.
    """
    groups = dict(groups) if groups else {c: [c] for c in x.columns}
    cols = [c for g in groups.values() for c in g]
    data = pd.concat([x[cols], y.rename("__y__")], axis=1)
    complete = data.notna().all(axis=1).to_numpy()
    n_used = int(complete.sum())
    n_dropped = int(len(data) - n_used)
    if n_used < len(cols) + 2:
        raise OptionError(
            f"derived importance of {y.name!r}: only {n_used} complete cases for "
            f"{len(cols)} predictors ({n_dropped} rows with a blank dropped)"
        )
    z = data.to_numpy(dtype=float)[complete]
    sd = z.std(axis=0)
    if (sd == 0).any():
        const = [c for c, s in zip([*cols, str(y.name)], sd, strict=True) if s == 0]
        raise OptionError(
            f"derived importance: {', '.join(map(repr, const))} has the same value for every "
            "complete case; drop it from the model"
        )
    c = np.corrcoef(z, rowvar=False)
    p = len(cols)
    rxx, rxy = c[:p, :p], c[:p, p]
    if np.linalg.eigvalsh(rxx).min() < 1e-10:
        raise OptionError(
            "derived importance: the predictors are perfectly collinear "
            f"({', '.join(map(repr, cols))}); remove a redundant one"
        )
    pos = {col: i for i, col in enumerate(cols)}
    gidx = [[pos[col] for col in g] for g in groups.values()]
    v = subset_r2(rxx, rxy, gidx)
    phi = shapley_from_subsets(v)
    eps = johnson_weights(rxx, rxy)
    beta = standardized_betas(rxx, rxy)
    r2 = float(v[-1])
    names = list(groups)
    table = pd.DataFrame(
        {
            "driver": names,
            "columns": [", ".join(g) for g in groups.values()],
            "n": n_used,
            "r": [
                rxy[g[0]] if len(g) == 1 else math.sqrt(max(v[1 << j], 0.0))
                for j, g in enumerate(gidx)
            ],
            "beta": [beta[g[0]] if len(g) == 1 else np.nan for g in gidx],
            "johnson": [eps[g].sum() for g in gidx],
            "shapley": phi,
        }
    )
    table["johnson_share"] = table["johnson"] / r2
    table["shapley_share"] = table["shapley"] / r2
    r2_low = r2_high = math.nan
    samples = None
    notes = []
    if n_dropped:
        notes.append(note("rows_dropped", n=n_dropped))
    if counts is None and bootstrap:
        counts = bootstrap_counts(len(data), bootstrap, seed)
    if counts is not None and len(counts):
        cb = corr_from_counts(z, counts[:, complete])
        ok = np.isfinite(cb).all(axis=(1, 2))
        ok[ok] = np.linalg.eigvalsh(cb[ok][:, :p, :p]).min(axis=1) > 1e-10
        if (~ok).any():
            notes.append(note("resamples_skipped", n=int((~ok).sum())))
        vb = np.full((len(cb), 2 ** len(gidx)), np.nan)
        vb[ok] = subset_r2(cb[ok][:, :p, :p], cb[ok][:, :p, p], gidx)
        samples = np.full((len(cb), len(gidx)), np.nan)
        samples[ok] = shapley_from_subsets(vb[ok])
        eb = np.full((len(cb), p), np.nan)
        eb[ok] = johnson_weights(cb[ok][:, :p, :p], cb[ok][:, :p, p])
        jb = np.stack([eb[:, g].sum(axis=1) for g in gidx], axis=1)
        a = (1 - level) / 2
        q = [100 * a, 100 * (1 - a)]
        table["shapley_low"], table["shapley_high"] = np.nanpercentile(samples, q, axis=0)
        table["johnson_low"], table["johnson_high"] = np.nanpercentile(jb, q, axis=0)
        r2_low, r2_high = (float(t) for t in np.nanpercentile(vb[:, -1], q))
    table["rank"] = table["shapley"].rank(ascending=False, method="min").astype(int)
    return DerivedImportance(
        table=table,
        outcome=str(y.name),
        r2=r2,
        r2_low=r2_low,
        r2_high=r2_high,
        n_used=n_used,
        n_dropped=n_dropped,
        bootstrap=0 if counts is None else len(counts),
        seed=seed,
        samples=samples,
        notes=tuple(notes),
    )
