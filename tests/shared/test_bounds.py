"""The shared bounds of --bootstrap and --seed: the same on every command of both sides,
checked before any file is read."""

from __future__ import annotations

import pytest
from clitools import invoke, one_line_error

from kano.shared.bounds import MAX_BOOTSTRAP, check_resamples, check_seed
from kano.shared.errors import OptionError


@pytest.mark.parametrize("n", [0, 1, MAX_BOOTSTRAP])
def test_resamples_in_bounds_pass(n):
    assert check_resamples(n) == n


@pytest.mark.parametrize("n", [-1, MAX_BOOTSTRAP + 1, 2.5, True, "100"])
def test_resamples_out_of_bounds_are_option_errors(n):
    with pytest.raises(OptionError, match="bootstrap= must be a whole number from 0 to 100000"):
        check_resamples(n)


@pytest.mark.parametrize("seed", [-1, 2**63, 1.0, False])
def test_bad_seeds_are_option_errors(seed):
    with pytest.raises(OptionError, match="seed= must be a whole number of 0 or more"):
        check_seed(seed)


@pytest.mark.parametrize(
    "command",
    [["classify", "{survey}", "--ci"], ["compare", "{survey}", "{survey}"], ["report", "{survey}"],
     ["ipa", "{missing}"], ["drivers", "{missing}"]],
)  # fmt: skip
@pytest.mark.parametrize(
    ("flag", "value", "words"),
    [("--bootstrap", "-1", "--bootstrap must be a whole number from 0 to 100000, not -1"),
     ("--bootstrap", "100001", "--bootstrap must be a whole number from 0 to 100000, not 100001"),
     ("--seed", "-1", "--seed must be a whole number of 0 or more, not -1")],
)  # fmt: skip
def test_every_command_refuses_the_same_bad_values_before_reading(tmp_path, command, flag, value,
                                                                   words):  # fmt: skip
    # the survey files do not exist: the option is refused before any file is opened
    paths = {"survey": tmp_path / "nope.csv", "missing": tmp_path / "nope.xlsx"}
    args = [a.format(**paths) for a in command]
    line = one_line_error(invoke(*args, flag, value, "-o", tmp_path / "out.xlsx"))
    assert line == f"Error: {words}"
