"""Safety properties, each with its own test: inputs never change, outputs are
atomic and never over an input, no formula from user data reaches a workbook,
a user error is one line, an internal error is one line + a log file (exit 2),
and a 1M-row survey stays within the memory target."""

from __future__ import annotations

import hashlib
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from cli import app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import kano_rows, sat_rows, write_csv, write_xlsx
from test_corpus import assert_no_formulas

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()
EVIL = ('=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1)")


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def big_csv(path: Path, n: int, services: int = 5, seed: int = 0) -> Path:
    """A wide Kano CSV of ``n`` respondents, built with numpy in about a second per 1M rows."""
    rng = np.random.default_rng(seed)
    head = ["id"] + [f"S{j}_{s}" for j in range(services) for s in ("functional", "dysfunctional")]
    with path.open("wb") as fh:
        fh.write((",".join(head) + "\n").encode())
        for start in range(0, n, 100_000):
            m = min(100_000, n - start)
            cells = np.full((m, 4 * services), ord(","), dtype=np.uint8)
            cells[:, 0::2] = rng.integers(1, 6, size=(m, 2 * services), dtype=np.uint8) + 48
            cells[:, -1] = ord("\n")
            rows = cells.tobytes()
            width = 4 * services
            fh.write(
                b"".join(
                    f"{start + i + 1},".encode() + rows[i * width : (i + 1) * width]
                    for i in range(m)
                )
            )
    return path


@pytest.fixture
def inputs(tmp_path) -> dict[str, Path]:
    kano = tmp_path / "kano.csv"
    write_csv(kano_rows(("Price", "Network"), extra={"segment": list("abababab")}))(kano)
    kano_x = tmp_path / "kano.xlsx"
    write_xlsx(kano_rows())(kano_x)
    sat = tmp_path / "sat.csv"
    write_csv(sat_rows(segment=["a", "b"]))(sat)
    counts = tmp_path / "counts.csv"
    write_csv([["service", *"AOMIRQ"], ["Hotline", 3, 2, 1, 1, 0, 0]])(counts)
    return {"kano": kano, "kano_x": kano_x, "sat": sat, "counts": counts}


def commands(p: dict[str, Path], out: Path) -> list[list[str]]:
    o = ["-o", str(out)]
    return [
        ["classify", str(p["kano"]), *o, "--detail", "--by", "segment", "--bootstrap", "50"],
        ["classify", str(p["kano_x"]), *o, "--ci", "--bootstrap", "50", "--continuous"],
        ["columns", str(p["kano"])],
        ["summarize", str(p["counts"]), *o],
        [
            "compare",
            str(p["kano"]),
            str(p["kano_x"]),
            *o,
            "--bootstrap",
            "50",
            "--wave",
            "q2",
            "--wave",
            "q3",
        ],
        ["priority", str(p["kano"]), "--satisfaction", str(p["sat"]), *o],
        ["ipa", str(p["sat"]), *o, "--by", "segment"],
        ["drivers", str(p["sat"]), *o],
    ]


def test_inputs_byte_identical_after_every_command(inputs, tmp_path):
    before = {k: sha(v) for k, v in inputs.items()}
    stamps = {k: v.stat().st_mtime_ns for k, v in inputs.items()}
    for args in commands(inputs, tmp_path / "out.xlsx"):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert {k: sha(v) for k, v in inputs.items()} == before, args
        assert {k: v.stat().st_mtime_ns for k, v in inputs.items()} == stamps, args


@pytest.mark.parametrize(
    "which", ["classify", "summarize", "compare", "priority", "ipa", "drivers"]
)
def test_output_over_input_refused(inputs, tmp_path, which):
    link = tmp_path / "link.csv"
    for target in ("same", "symlink"):
        args = next(a for a in commands(inputs, tmp_path / "o.xlsx") if a[0] == which)
        victim = Path(args[1])
        if target == "symlink":
            link.unlink(missing_ok=True)
            link.symlink_to(victim)
            victim_arg = str(link)
        else:
            victim_arg = str(victim)
        args = [victim_arg if a == str(tmp_path / "o.xlsx") else a for a in args]
        before = sha(victim)
        result = runner.invoke(app, args)
        assert result.exit_code == 1, (args, result.output)
        assert "refusing to write the output over the input" in result.output
        assert sha(victim) == before


def test_no_formula_from_user_data_in_any_workbook(tmp_path):
    kano = tmp_path / "evil.xlsx"
    write_xlsx(kano_rows(EVIL[:2], extra={"segment": list(EVIL) * 2}), title="=SUM(1)")(kano)
    sat = tmp_path / "evil_sat.csv"
    write_csv(sat_rows(segment=list(EVIL)))(sat)
    runs = [
        ["classify", str(kano), "-o", str(tmp_path / "a.xlsx"), "--detail", "--ci",
         "--bootstrap", "50", "--by", "segment", "--continuous"],
        ["classify", str(kano), "-o", str(tmp_path / "b.xlsx"), "--lang", "zh", "--detail"],
        ["ipa", str(sat), "-o", str(tmp_path / "c.xlsx"), "--by", "segment"],
        ["drivers", str(sat), "-o", str(tmp_path / "d.xlsx")],
        ["compare", str(kano), str(kano), "-o", str(tmp_path / "e.xlsx"), "--bootstrap", "50",
         "--wave", "=1+1", "--wave", "@w"],
    ]  # fmt: skip
    for args in runs:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        assert_no_formulas(Path(args[args.index("-o") + 1]))
    import openpyxl

    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    texts = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert EVIL[0] in texts and "-1+1" in texts  # kept, as text


def test_user_error_is_one_line_without_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    write_csv([["id", "x_functional", "x_dysfunctional"], [1, "banana", 5]])(bad)
    result = runner.invoke(app, ["classify", str(bad)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert "'banana' (1 cell, row 2, column 'x_functional')" in result.output


@pytest.mark.parametrize(
    ("module", "name", "args"),
    [
        ("kano.jobs.reading", "read_survey", ["classify", "{kano}"]),
        ("kano.jobs.columns", "read_table", ["columns", "{kano}"]),
        ("kano.jobs.summarize", "summarize_counts", ["summarize", "{counts}"]),
        ("satisfaction.jobs", "run_ipa", ["ipa", "{sat}"]),
        ("satisfaction.jobs", "run_drivers", ["drivers", "{sat}"]),
    ],
)
def test_internal_error_is_one_line_plus_log_exit_2(inputs, monkeypatch, module, name, args):
    import importlib
    import tempfile

    def boom(*a, **k):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(importlib.import_module(module), name, boom)
    argv = [a.format(**{k: str(v) for k, v in inputs.items()}) for a in args]
    result = runner.invoke(app, argv)
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert "internal error RuntimeError: simulated bug" in lines[0]
    # the traceback goes to a private file of its own in this user's folder of the temp dir
    log = Path(lines[0].split("traceback in ")[1].split()[0].rstrip(";,)"))
    assert log.parent.parent == Path(tempfile.gettempdir())
    assert log.stat().st_mode & 0o077 == 0
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "simulated bug" in text


def _kano_process(args: list[str], **kw) -> subprocess.Popen:
    code = "import sys; sys.argv[0] = 'kano'; from cli import main; main()"
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, **kw)


@pytest.mark.parametrize("previous", [True, False], ids=["previous-output", "no-output"])
def test_sigkill_while_writing_leaves_previous_output_or_none(tmp_path, previous):
    src = big_csv(tmp_path / "big.csv", 200_000, services=3)
    out = tmp_path / "result.xlsx"
    if previous:
        write_xlsx(kano_rows())(out)
        old = sha(out)
    proc = _kano_process(
        ["classify", str(src), "-o", str(out), "--detail", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    try:
        while not list(tmp_path.glob(".result.xlsx.*.tmp")):
            assert proc.poll() is None, "the run ended before it started writing"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        time.sleep(0.3)  # well inside the write of a 200,000-row detail sheet
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    if previous:
        assert sha(out) == old
    else:
        assert not out.exists()
    # what is left is only the hidden temporary file, never a file under the output name
    assert {p.name for p in tmp_path.iterdir()} - {"big.csv", out.name} <= {
        p.name for p in tmp_path.glob(".result.xlsx.*.tmp")
    }


def test_million_rows_within_memory_target(tmp_path):
    """1,000,000 respondents x 5 services (27 MB CSV): classify in a child process,
    peak RSS (ru_maxrss of the child) under the 1 GB target of the Kano core."""
    src = big_csv(tmp_path / "million.csv", 1_000_000)
    out = tmp_path / "million_kano.xlsx"
    code = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run([sys.executable, '-c', "
        "\"import sys; from cli import main; sys.argv[0] = 'kano'; main()\", *sys.argv[1:]])\n"
        "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    started = time.monotonic()
    res = subprocess.run(
        [sys.executable, "-c", code, "classify", str(src), "-o", str(out), "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    elapsed = time.monotonic() - started
    rc, peak_kb = res.stdout.strip().splitlines()[-1].split()
    assert rc == "0", res.stderr
    assert int(peak_kb) * 1024 < 1 << 30, f"peak RSS {int(peak_kb) / 1024:.0f} MB"
    assert out.exists() and elapsed < 120
    import openpyxl

    ws = openpyxl.load_workbook(out, read_only=True)["Summary"]
    rows = list(ws.iter_rows(values_only=True))
    total = rows[0].index("Total")
    assert [r[total] for r in rows[1:]] == [1_000_000] * 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0


def test_report_hostile_names_inputs_unchanged_no_formulas(tmp_path):
    """`kano report` (issue 5): formula-like service names, segments and wave label."""
    names = ('=HYPERLINK("http://evil.example","x")', "-1+1")
    q2, q3, sat = tmp_path / "q2.csv", tmp_path / "q3.csv", tmp_path / "sat.csv"
    write_csv(kano_rows(names))(q2)
    write_csv(kano_rows(names))(q3)
    write_csv(sat_rows(segment=["=1+1", "@x"]))(sat)
    before = {p: sha(p) for p in (q2, q3, sat)}
    args = ["report", str(q3), "--wave", "=Q3", "--previous", str(q2), "--satisfaction",
            str(sat), "-o", str(tmp_path / "rep"), "-q"]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert {p: sha(p) for p in before} == before
    assert_no_formulas(tmp_path / "rep.xlsx")
    assert (tmp_path / "rep.pdf").read_bytes()[:4] == b"%PDF"


def test_report_hostile_input_is_one_line(tmp_path):
    q3, sat = tmp_path / "q3.csv", tmp_path / "sat.xlsx"
    write_csv(kano_rows())(q3)
    sat.write_bytes(b"PK\x03\x04" + b"\x00" * 100)  # truncated workbook
    result = runner.invoke(app, ["report", str(q3), "--wave", "Q3", "--satisfaction", str(sat),
                                 "-o", str(tmp_path / "rep"), "-q"])  # fmt: skip
    assert result.exit_code == 1, result.output
    assert result.output.count("\n") == 1 and "sat.xlsx" in result.output
    assert not list(tmp_path.glob("rep*"))
