"""`pytest -m slow` runs the property tests with 10,000 examples each; any other
run (the normal CI run) does 200 per property as a smoke test."""

from __future__ import annotations

import os


def pytest_configure(config):
    expr = config.getoption("markexpr", "") or ""
    if "slow" in expr and "not slow" not in expr:
        os.environ["KANO_SLOW_EXAMPLES"] = "1"
