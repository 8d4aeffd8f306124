"""`kano classify --long-columns` and `--charts --chart-format`."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from cli import app

runner = CliRunner()


@pytest.fixture
def long_csv(tmp_path):
    # names a reader cannot guess: the roles are given on the command line
    frame = pd.DataFrame(
        {
            "Kunde": [1, 1, 2, 2],
            "Merkmal": ["hotline", "lounge", "hotline", "lounge"],
            "Q_a": [1, 1, 2, 3],
            "Q_b": [5, 3, 5, 3],
        }
    )
    path = tmp_path / "long.csv"
    frame.to_csv(path, index=False)
    return path


def test_long_columns_named_on_the_command_line(long_csv, tmp_path):
    out = tmp_path / "s.json"
    spec = "respondent=Kunde,service=Merkmal,functional=Q_a,dysfunctional=Q_b"
    result = runner.invoke(app, ["classify", str(long_csv), "--long-columns", spec, "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = {r["service"]: r for r in json.loads(out.read_text(encoding="utf-8"))["summary"]}
    # hotline: (1,5) = O and (2,5) = M; lounge: (1,3) = A and (3,3) = I
    assert (rows["hotline"]["O"], rows["hotline"]["M"]) == (1, 1)
    assert (rows["lounge"]["A"], rows["lounge"]["I"]) == (1, 1)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("respondent=Kunde,service", "'service' is not role=column"),
        ("customer=Kunde", "'customer=Kunde' is not role=column"),
        ("respondent=Nope,service=Merkmal,functional=Q_a,dysfunctional=Q_b", "'Nope'"),
    ],
)
def test_long_columns_errors(long_csv, spec, expected):
    result = runner.invoke(app, ["classify", str(long_csv), "--long-columns", spec])
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and expected in lines[0]


@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<?xml"), ("pdf", b"%PDF")])
def test_chart_formats(long_csv, tmp_path, fmt, magic):
    out = tmp_path / "s.xlsx"
    spec = "respondent=Kunde,service=Merkmal,functional=Q_a,dysfunctional=Q_b"
    args = [
        "classify",
        str(long_csv),
        "--long-columns",
        spec,
        "-o",
        str(out),
        "--charts",
        "--chart-format",
        fmt,
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    for name in ("shares", "better_worse"):
        assert (tmp_path / f"s_{name}.{fmt}").read_bytes().startswith(magic)
