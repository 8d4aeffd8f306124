"""Every hostile case of make_corpus.py through the CLI: a correct result or one clear line.

A result is checked against the numbers known by construction (Kano counts per
service, mean satisfaction per driver); an error must exit 1 with one line
that names the file/row/column/value, be raised as the library's own error
class, and never show a traceback. Every workbook written is checked for
formulas; every input is hashed before and after.
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import cli
from cli import app

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_corpus import Case, build, cases, command_line

CASES = cases()
#: The errors of reading a file (survey, map, table): each message names the file.
READING_ERRORS = {"InputFileError", "MappingFileError", "PairingError", "InvalidValueError",
                  "UnknownAnswerError", "UnknownLabelError", "ScaleError", "CustomerTypeError"}  # fmt: skip
runner = CliRunner()


def digest(path: Path) -> str:
    if path.is_dir():
        return "dir"
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_no_formulas(path: Path) -> None:
    """No cell of the workbook is a formula; chart labels are cell references."""
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{path.name}!{ws.title}!{cell.coordinate}"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith("=") or cell.data_type == "s"
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if name.startswith("xl/charts/chart"):
                xml = zf.read(name).decode("utf-8")
                # custom data labels are <c:f> references to the label cells, never user text
                for part in xml.split("<c:dLbl>")[1:]:
                    label = part.split("</c:dLbl>")[0]
                    if "<c:tx>" in label:
                        assert "<c:strRef><c:f>" in label, label[:200]


def run_case(case: Case, folder: Path, monkeypatch) -> tuple[object, BaseException | None]:
    subs = build(case, folder)
    inputs = [p for k, p in subs.items() if k not in ("{out}", "{dir}")]
    before = {p: digest(p) for p in inputs}
    seen: dict[str, BaseException | None] = {"exc": None}
    real_fail = cli.fail

    def spy(message: str, code: int = 1) -> None:
        seen["exc"] = sys.exc_info()[1]  # fail() is called inside the command's except block
        real_fail(message, code)

    monkeypatch.setattr(cli, "fail", spy)
    result = runner.invoke(app, command_line(case, subs))
    for p, h in before.items():
        assert digest(p) == h, f"{p} changed"
    return result, seen["exc"]


def summary_counts(path: Path) -> dict[str, dict[str, int]]:
    ws = openpyxl.load_workbook(path, read_only=True)["Summary"]
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    out = {}
    for r in rows[1:]:
        rec = dict(zip(head, r, strict=False))
        out[str(rec["Service"])] = {k: int(rec[k]) for k in "AOMIRQ"}
    return out


def driver_means(path: Path) -> dict[str, float]:
    ws = openpyxl.load_workbook(path, read_only=True)["Drivers"]
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    return {str(r[head.index("Driver")]): float(r[head.index("Satisfaction")]) for r in rows[1:]}


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case, tmp_path, monkeypatch):
    result, exc = run_case(case, tmp_path, monkeypatch)
    output = result.output
    assert "Traceback" not in output, output
    assert result.exit_code == case.expected_exit, output
    if case.error is not None:
        assert exc is not None and type(exc).__name__ == case.error, (type(exc), output)
        lines = [line for line in output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("Error: "), output
    for words in case.message:
        assert words in output, f"{words!r} not in {output!r}"
    if case.error in READING_ERRORS:  # an error raised while reading a file names the file
        names = [case.filename, *case.files]
        assert any(name in output for name in names), f"none of {names} in {output!r}"
    out = tmp_path / f"{Path(case.filename).stem}_out.xlsx"
    if case.error is not None:
        assert not out.exists()
        assert not list(tmp_path.glob(".*.tmp"))
        return
    if case.args[0] != "columns":
        assert out.exists(), output
        assert_no_formulas(out)
    if case.counts is not None:
        assert summary_counts(out) == case.counts
    if case.means is not None:
        got = driver_means(out)
        for driver, mean in case.means.items():
            (name,) = [n for n in got if n.casefold().startswith(driver)]
            assert got[name] == pytest.approx(mean)


def test_corpus_size_and_categories():
    names = [c.name for c in CASES]
    assert len(names) == len(set(names)) >= 60
    assert {c.category for c in CASES} >= {
        "encoding", "structure", "values", "formula text", "commands", "satisfaction"
    }  # fmt: skip
