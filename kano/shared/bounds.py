"""Bounds of the options both sides share, checked once where an option enters.

The resamples are bounded so that no option can ask for unbounded work or memory:
each bootstrap also works in chunks (docs/reliability.md).
"""

from __future__ import annotations

from kano.shared.errors import OptionError

#: Most bootstrap resamples any analysis takes.
MAX_BOOTSTRAP = 100_000
#: Seeds are numpy's: whole numbers from 0 below 2**63.
MAX_SEED = 2**63 - 1


def check_resamples(n: object, name: str = "bootstrap") -> int:
    """``n`` as a number of resamples from 0 to :data:`MAX_BOOTSTRAP`, else :class:`OptionError`."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= MAX_BOOTSTRAP:
        raise OptionError(
            f"{{opt:{name}}} must be a whole number from 0 to {MAX_BOOTSTRAP}, not {n!r}"
        )
    return n


def check_seed(seed: object) -> int:
    """``seed`` as a whole number from 0 to :data:`MAX_SEED`, else :class:`OptionError`."""
    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= MAX_SEED:
        raise OptionError(f"{{opt:seed}} must be a whole number of 0 or more, not {seed!r}")
    return seed
