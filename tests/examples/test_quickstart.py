"""The quickstart notebook runs top to bottom, so it never rots."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "quickstart.ipynb"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_quickstart_notebook_executes_without_errors():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}
    ).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]  # fmt: skip
    assert not errors
    # the summary cell shows the ten services of the example
    summary_cell = next(
        c for c in nb.cells if c.cell_type == "code" and "summarize(survey)" in c.source
    )
    html = "".join(o.get("data", {}).get("text/html", "") for o in summary_cell["outputs"])
    assert html.count("<tr") >= 11  # header + ten services
    assert "来电显示" in html
    # every chart cell shows its chart inline (a PNG in the cell's output)
    chart_cells = [c for c in nb.cells if c.cell_type == "code" and c.source.startswith("ax = ")]
    assert len(chart_cells) == 3
    for cell in chart_cells:
        assert any("image/png" in o.get("data", {}) for o in cell["outputs"]), cell.source
