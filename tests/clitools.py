"""What the CLI tests share: running a command through Typer's CliRunner and reading
its one-line error (exit 1, one line on stderr, no traceback)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from typer.testing import CliRunner

from cli import app

runner = CliRunner()


def invoke(*args: object):
    """Run ``kano ARGS…`` in-process; every argument is passed as text."""
    return runner.invoke(app, [str(a) for a in args])


def one_line_error(result) -> str:
    """The error line of a failed command; fails unless it is exit 1, one line on stderr
    starting 'Error: ', and no traceback anywhere."""
    assert result.exit_code == 1, result.output
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "Traceback" not in result.output
    return lines[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
