"""Atomic output: leftovers of a killed run are cleaned by the next write, live ones kept."""

from __future__ import annotations

import os
import subprocess
import sys

from kano.shared.output import atomic_path


def test_next_write_removes_the_temp_file_of_a_dead_run_only(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    orphan = tmp_path / f".out.xlsx.{dead.pid}.x1.tmp"
    live = tmp_path / f".out.xlsx.{os.getpid()}.x2.tmp"  # a write in progress in this process
    other = tmp_path / f".other.xlsx.{dead.pid}.x3.tmp"  # another output's leftover
    for path in (orphan, live, other):
        path.write_text("partial", encoding="utf-8")
    with atomic_path(tmp_path / "out.xlsx") as tmp:
        tmp.write_text("done", encoding="utf-8")
    assert (tmp_path / "out.xlsx").read_text(encoding="utf-8") == "done"
    assert not orphan.exists()
    assert live.exists() and other.exists()
