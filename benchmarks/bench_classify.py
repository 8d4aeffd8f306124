"""Benchmark of the Kano core (not a test). Generates its data at run time.

Run from the repository root::

    python benchmarks/bench_classify.py            # full sizes (a few minutes)
    python benchmarks/bench_classify.py --quick    # sizes / 10, a smoke run

Measures, in one run, against the targets of issue 2:

1. Classification core: ``kano.classification.classify_codes`` on 10M answer pairs
   (uint8 codes 0..5), best of several repeats, and its ratio to a bare
   ``np.take`` of the evaluation-table lookup over the precomputed integer index
   ``f*6+d`` of the same codes. Target: <= 2x.
2. End to end: ``kano classify FILE -o OUT.xlsx`` in a subprocess on a
   100k-respondent x 20-service .xlsx (codes 1-5, ~2% blank), against only
   reading that file with ``pandas.read_excel(engine="calamine")``. Target <= 1.5x.
   If the CLI has no working ``classify`` command, the library path
   read_survey -> summarize -> kano.shared.workbook.write_workbook is timed instead and the
   output says so.
3. Peak memory (``ru_maxrss`` of the child process) of classifying a
   1M-row x 30-column CSV (15 services, codes). Target <= 1 GB.

Only the standard library, numpy and pandas (plus xlsxwriter, a dependency of
the toolkit, to write the workbook in constant-memory mode) are used.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kano.classification import classify_codes  # noqa: E402
from kano.tables import evaluation_table  # noqa: E402

SEED = 12345
BLANK_RATE = 0.02
GB = 1024**3

# What the child process runs when the CLI cannot be used (the library path).
LIBRARY_PATH = """
import sys
from kano.shared.workbook import SheetSpec, write_workbook
from kano.io.survey import read_survey
from kano.stats import summarize
survey = read_survey(sys.argv[1])
summary = summarize(survey)
write_workbook(sys.argv[2], [SheetSpec("Summary", summary)])
"""

# Wrapper that runs a command as its own child and reports that child's peak RSS.
MAXRSS_WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": proc.returncode, "wall": wall, "maxrss": rss,
                  "stderr": proc.stderr[-2000:], "stdout": proc.stdout[-500:]}))
"""


def maxrss_bytes(value: int) -> int:
    """ru_maxrss is in kilobytes on Linux, bytes on macOS."""
    return value if platform.system() == "Darwin" else value * 1024


def best_of(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def random_codes(rng: np.random.Generator, shape, blank_rate: float = BLANK_RATE) -> np.ndarray:
    """uint8 codes 1..5 with about ``blank_rate`` zeros (blank answers)."""
    codes = rng.integers(1, 6, size=shape, dtype=np.uint8)
    codes[rng.random(shape) < blank_rate] = 0
    return codes


# --------------------------------------------------------------------------- 1. core
def bench_core(n_pairs: int, repeats: int) -> dict:
    rng = np.random.default_rng(SEED)
    f = random_codes(rng, n_pairs)
    d = random_codes(rng, n_pairs)
    table = evaluation_table("standard")
    lut = table.lookup
    index = f.astype(np.intp) * 6 + d  # precomputed, outside the timing
    expected = np.take(lut, index)
    got = classify_codes(f, d, table)
    if not np.array_equal(expected, got):
        raise SystemExit("classify_codes disagrees with the bare lookup: benchmark aborted")
    t_take = best_of(lambda: np.take(lut, index), repeats)
    t_core = best_of(lambda: classify_codes(f, d, table), repeats)
    index_u8 = index.astype(np.uint8)
    t_take_u8 = best_of(lambda: np.take(lut, index_u8), repeats)
    return {"n": n_pairs, "core": t_core, "take": t_take, "take_u8": t_take_u8}


# --------------------------------------------------------------------------- 2. end to end
def write_xlsx(path: Path, n_resp: int, n_serv: int) -> None:
    import xlsxwriter

    rng = np.random.default_rng(SEED + 1)
    f = random_codes(rng, (n_resp, n_serv))
    d = random_codes(rng, (n_resp, n_serv))
    header = ["respondent_id"]
    for j in range(1, n_serv + 1):
        header += [f"service{j:02d}_functional", f"service{j:02d}_dysfunctional"]
    cells = np.empty((n_resp, 2 * n_serv), dtype=object)
    cells[:, 0::2] = f
    cells[:, 1::2] = d
    cells[cells == 0] = None
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = book.add_worksheet("Data")
    ws.write_row(0, 0, header)
    for i, row in enumerate(cells.tolist(), start=1):
        ws.write_number(i, 0, i)
        for j, value in enumerate(row, start=1):
            if value is not None:
                ws.write_number(i, j, value)
    book.close()


def cli_has_classify() -> tuple[bool, str]:
    proc = subprocess.run(
        [sys.executable, "cli.py", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    ok = proc.returncode == 0 and "classify" in proc.stdout
    return ok, "" if ok else (proc.stderr.strip().splitlines() or ["no classify command"])[-1]


def cli_has_option(option: str) -> bool:
    proc = subprocess.run(
        [sys.executable, "cli.py", "classify", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    return option in proc.stdout


def classify_command(src: Path, out: Path, use_cli: bool, *extra: str) -> list[str]:
    if use_cli:
        return [
            sys.executable,
            "-m",
            "cli",
            "classify",
            str(src),
            "-o",
            str(out),
            "--quiet",
            *extra,
        ]
    return [sys.executable, "-c", LIBRARY_PATH, str(src), str(out)]


def run_measured(cmd: list[str]) -> dict:
    """Run ``cmd`` under the wrapper; wall time and peak RSS of that child alone."""
    import json

    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.run(
        [sys.executable, "-c", MAXRSS_WRAPPER, *cmd],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )
    if proc.returncode != 0:
        raise SystemExit(f"measurement wrapper failed: {proc.stderr.strip()}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["maxrss"] = maxrss_bytes(result["maxrss"])
    return result


def bench_end_to_end(folder: Path, n_resp: int, n_serv: int, repeats: int) -> dict:
    src = folder / f"survey_{n_resp}x{n_serv}.xlsx"
    t = time.perf_counter()
    t_write = None  # reused from --data-dir
    if not src.exists():
        write_xlsx(src, n_resp, n_serv)
        t_write = time.perf_counter() - t
    t_read = best_of(lambda: pd.read_excel(src, engine="calamine"), repeats)
    read_child = run_measured(
        [sys.executable, "-c", f"import pandas; pandas.read_excel({str(src)!r}, engine='calamine')"]
    )
    use_cli, why = cli_has_classify()
    out = folder / "survey_kano.xlsx"
    runs = []
    for _ in range(repeats):
        result = run_measured(classify_command(src, out, use_cli))
        if result["rc"] != 0 and use_cli:
            why = (result["stderr"].strip().splitlines() or ["?"])[-1]
            use_cli = False  # the CLI exists but fails: time the library path instead
            result = run_measured(classify_command(src, out, use_cli))
        if result["rc"] != 0:
            raise SystemExit(f"end-to-end run failed: {result['stderr']}")
        runs.append(result["wall"])
    no_charts = None
    if use_cli and cli_has_option("--no-charts"):  # the PNG charts are on by default
        no_charts = min(
            run_measured(classify_command(src, out, use_cli, "--no-charts"))["wall"]
            for _ in range(repeats)
        )
    return {
        "n_resp": n_resp,
        "n_serv": n_serv,
        "size_mb": src.stat().st_size / 1e6,
        "write": t_write,
        "read": t_read,
        "read_child": read_child["wall"],
        "e2e": min(runs),
        "e2e_no_charts": no_charts,
        "via": "kano classify (CLI subprocess)" if use_cli else "library path (subprocess)",
        "why": why,
    }


# --------------------------------------------------------------------------- 3. memory
def write_csv(path: Path, n_rows: int, n_serv: int) -> None:
    rng = np.random.default_rng(SEED + 2)
    f = random_codes(rng, (n_rows, n_serv))
    d = random_codes(rng, (n_rows, n_serv))
    data = {}
    for j in range(n_serv):
        for name, codes in ((f"s{j + 1:02d}_functional", f), (f"s{j + 1:02d}_dysfunctional", d)):
            col = pd.Series(codes[:, j]).astype("Int64")
            data[name] = col.mask(col == 0)
    pd.DataFrame(data).to_csv(path, index=False)


def bench_memory(folder: Path, n_rows: int, n_serv: int) -> dict:
    src = folder / f"survey_{n_rows}x{2 * n_serv}.csv"
    if not src.exists():
        write_csv(src, n_rows, n_serv)
    use_cli, why = cli_has_classify()
    out = folder / "memory_kano.xlsx"
    result = run_measured(classify_command(src, out, use_cli))
    if result["rc"] != 0 and use_cli:
        why = (result["stderr"].strip().splitlines() or ["?"])[-1]
        use_cli = False
        result = run_measured(classify_command(src, out, use_cli))
    if result["rc"] != 0:
        raise SystemExit(f"memory run failed: {result['stderr']}")
    baseline = run_measured([sys.executable, "-c", f"import pandas; pandas.read_csv({str(src)!r})"])
    return {
        "rows": n_rows,
        "cols": 2 * n_serv,
        "size_mb": src.stat().st_size / 1e6,
        "peak": result["maxrss"],
        "wall": result["wall"],
        "read_peak": baseline["maxrss"],
        "via": "kano classify (CLI subprocess)" if use_cli else "library path (subprocess)",
        "why": why,
    }


# --------------------------------------------------------------------------- report
def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="sizes / 10, for a smoke run")
    parser.add_argument("--repeats", type=int, default=None, help="repeats (best is kept)")
    parser.add_argument(
        "--data-dir", type=Path, default=None, help="keep/reuse generated files here"
    )
    args = parser.parse_args(argv)
    scale = 10 if args.quick else 1
    repeats = args.repeats or (3 if args.quick else 5)
    n_pairs = 10_000_000 // scale
    n_resp, n_serv = 100_000 // scale, 20
    mem_rows, mem_serv = 1_000_000 // scale, 15

    print(
        f"Python {platform.python_version()}, numpy {np.__version__}, pandas {pd.__version__}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs{'  [--quick: sizes / 10]' if args.quick else ''}"
    )
    if args.data_dir:
        args.data_dir.mkdir(parents=True, exist_ok=True)
        ctx = None
        folder = args.data_dir
    else:
        ctx = tempfile.TemporaryDirectory(prefix="kano-bench-")
        folder = Path(ctx.name)
    try:
        core_repeats = max(repeats, 5)
        print(
            f"[1/3] classification core, {n_pairs:,} pairs, best of {core_repeats} ...", flush=True
        )
        core = bench_core(n_pairs, core_repeats)
        print(
            f"[2/3] end to end, {n_resp:,} x {n_serv} services .xlsx, best of "
            f"{min(repeats, 3)} ...",
            flush=True,
        )
        e2e = bench_end_to_end(folder, n_resp, n_serv, min(repeats, 3))
        print(f"[3/3] peak memory, {mem_rows:,} x {2 * mem_serv} CSV ...", flush=True)
        mem = bench_memory(folder, mem_rows, mem_serv)
    finally:
        if ctx is not None:
            ctx.cleanup()

    core_ratio = core["core"] / core["take"]
    e2e_ratio = e2e["e2e"] / e2e["read"]
    rows = [
        (
            f"1 classify_codes, {core['n'] / 1e6:g}M pairs",
            f"{core['core'] * 1e3:.1f} ms vs np.take {core['take'] * 1e3:.1f} ms",
            f"{core_ratio:.2f}x",
            "<= 2x",
            verdict(core_ratio <= 2),
        ),
        (
            f"2 end to end, {e2e['n_resp'] / 1e3:g}k x {e2e['n_serv']} .xlsx",
            f"{e2e['e2e']:.2f} s vs read_excel {e2e['read']:.2f} s",
            f"{e2e_ratio:.2f}x",
            "<= 1.5x",
            verdict(e2e_ratio <= 1.5),
        ),
        (
            f"3 peak RSS, {mem['rows'] / 1e6:g}M x {mem['cols']} CSV",
            f"{mem['peak'] / 2**20:.0f} MiB",
            f"{mem['peak'] / GB:.2f} GiB",
            "<= 1 GiB",
            verdict(mem["peak"] <= GB),
        ),
    ]
    headers = ("measure", "measured", "value", "target", "result")
    widths = [max(len(str(r[k])) for r in [headers, *rows]) for k in range(5)]
    line = "  ".join("-" * w for w in widths)
    print()
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    print(line)
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
    print(line)
    notes = [
        f"1: baseline = np.take over the precomputed intp index f*6+d. np.take over the same "
        f"index kept as uint8 takes {core['take_u8'] * 1e3:.1f} ms (numpy casts non-intp "
        f"indices to intp inside take); against that the core is "
        f"{core['core'] / core['take_u8']:.2f}x. Best of several repeats each.",
        f"2: measured via {e2e['via']}"
        + (f" (CLI not usable: {e2e['why']})" if e2e["why"] else "")
        + f"; the time includes interpreter start and imports. Reading the "
        f"{e2e['size_mb']:.1f} MB workbook in a fresh 'python -c \"import pandas; "
        f"read_excel\"' takes {e2e['read_child']:.2f} s (ratio against that: "
        f"{e2e['e2e'] / e2e['read_child']:.2f}x). "
        + (
            f"Writing it took {e2e['write']:.1f} s."
            if e2e["write"] is not None
            else "The workbook was reused from --data-dir."
        )
        + (
            f" With --no-charts (no PNGs, no matplotlib): {e2e['e2e_no_charts']:.2f} s = "
            f"{e2e['e2e_no_charts'] / e2e['read']:.2f}x."
            if e2e["e2e_no_charts"]
            else ""
        ),
        f"3: measured via {mem['via']}"
        + (f" (CLI not usable: {mem['why']})" if mem["why"] else "")
        + f", {mem['wall']:.1f} s; the {mem['size_mb']:.0f} MB CSV read alone by pandas "
        f"peaks at {mem['read_peak'] / 2**20:.0f} MiB.",
    ]
    for note in notes:
        print(textwrap.fill(note, width=100, subsequent_indent="   "))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
