"""Multiple testing, shared by the Kano and the satisfaction tests."""

from __future__ import annotations

import numpy as np
import pandas as pd


def bh_adjust(p: pd.Series | np.ndarray) -> pd.Series:
    """Benjamini–Hochberg adjusted p-values of a family of tests; NaN stays NaN.

    Reference: Benjamini, Y. & Hochberg, Y. (1995). Controlling the false
    discovery rate. JRSS B 57(1), 289-300 (computed with
    ``scipy.stats.false_discovery_control``).
    """
    from scipy.stats import false_discovery_control

    p = pd.Series(p, dtype=float) if not isinstance(p, pd.Series) else p.astype(float)
    out = pd.Series(np.nan, index=p.index)
    ok = p.notna()
    if ok.any():
        out[ok] = false_discovery_control(p[ok].to_numpy())
    return out
