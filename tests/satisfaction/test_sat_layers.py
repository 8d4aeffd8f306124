"""The layers of the satisfaction package (issue 10): it imports nothing of kano but the
shared layer, the shared layer imports nothing of it, and computation takes no language."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from layers import defined_functions, imported_modules

ROOT = Path(__file__).resolve().parents[2]
#: Modules that compute: language-free, no ``lang`` anywhere.
COMPUTING = ("survey", "analysis", "api", "quadrants", "relative_importance", "loyalty",
             "segments", "columns", "validate")  # fmt: skip
#: The layers, bottom up (docs/architecture.md, the satisfaction side): a module imports its own layer
#: and those below it, never one above (``__init__`` imports lazily, on first use).
LAYERS = (("notes", "display"), ("columns", "validate"),
          ("quadrants", "relative_importance", "loyalty", "segments"), ("survey",),
          ("analysis",), ("api", "render", "charts"), ("jobs",))  # fmt: skip


def test_satisfaction_imports_only_the_shared_layer_of_kano():
    files = sorted((ROOT / "satisfaction").glob("*.py"))
    assert len(files) >= 12
    for path in files:
        for module in imported_modules(path):
            if module.split(".")[0] == "kano":
                assert module.startswith("kano.shared"), f"{path.name} imports {module}"


def test_each_module_imports_only_its_own_layer_and_those_below():
    level = {name: k for k, names in enumerate(LAYERS) for name in names}
    found = {p.stem for p in (ROOT / "satisfaction").glob("*.py")} - {"__init__"}
    assert found == set(level)  # every module has its place
    for name, k in level.items():
        for module in imported_modules(ROOT / "satisfaction" / f"{name}.py"):
            if module.startswith("satisfaction."):
                below = level[module.split(".")[1]]
                assert below <= k, f"{name} imports {module}, a layer above it"


def test_the_shared_layer_imports_no_satisfaction():
    for path in sorted((ROOT / "kano" / "shared").rglob("*.py")):
        for module in imported_modules(path):
            assert module.split(".")[0] != "satisfaction", f"{path} imports {module}"


@pytest.mark.parametrize("name", COMPUTING)
def test_computation_takes_no_language(name):
    module = importlib.import_module(f"satisfaction.{name}")
    functions = defined_functions(module)
    assert functions
    for f in functions:
        assert "lang" not in inspect.signature(f).parameters, f"{name}.{f.__qualname__}"
    source = Path(module.__file__).read_text(encoding="utf-8")
    assert "i18n" not in source  # no words are looked up while computing


def test_the_old_modules_are_gone():
    for old in ("report", "labels", "ipa", "drivers"):
        assert not (ROOT / "satisfaction" / f"{old}.py").exists(), old
