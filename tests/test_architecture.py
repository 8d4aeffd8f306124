"""The layers of the toolkit (docs/architecture.md), read from the import statements of the
source (lazy imports inside functions too), and the size of every CLI command.

shared < io < computation < render < jobs < cli: a module imports only from its own layer
or below; kano never imports satisfaction; computation takes no language. The satisfaction package's
own layers: tests/satisfaction/test_sat_layers.py.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

import pytest
from layers import defined_functions, imported_modules

ROOT = Path(__file__).resolve().parents[1]
KANO = ROOT / "kano"
#: The Kano modules that compute: language-free.
COMPUTING = ("analysis", "classification", "compare", "continuous", "filters", "priority",
             "stats", "tables", "uncertainty", "io.survey", "io.pairing", "io.answers",
             "io.counts")  # fmt: skip
#: Layer of each part of kano/ (lower numbers lie below).
#: kano.tables (categories, evaluation tables) is the vocabulary the readers need too.
LAYERS = {"kano.shared": 0, "kano.io": 1, "kano.tables": 1, "kano": 2, "kano.render": 3,
          "kano.jobs": 4}  # fmt: skip
MAX_COMMAND_LINES = 25


def layer_of(module: str) -> int | None:
    """The layer of a kano module, ``None`` outside kano."""
    parts = module.split(".")
    if parts[0] != "kano":
        return None
    if len(parts) > 1 and f"kano.{parts[1]}" in LAYERS:
        return LAYERS[f"kano.{parts[1]}"]
    return LAYERS["kano"]


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def kano_files() -> list[Path]:
    return sorted(KANO.rglob("*.py"))


def test_each_kano_module_imports_only_its_layer_or_below():
    files = kano_files()
    assert len(files) > 30
    for path in files:
        name = module_name(path)
        if name == "kano":  # the public face re-exports every layer, lazily
            continue
        own = layer_of(name)
        for module in imported_modules(path):
            if module == "kano":  # ``from kano import __version__``
                continue
            other = layer_of(module)
            if other is not None:
                assert other <= own, f"{name} (layer {own}) imports {module} (layer {other})"


def test_kano_never_imports_satisfaction():
    for path in kano_files():
        for module in imported_modules(path):
            assert module.split(".")[0] != "satisfaction", f"{path} imports {module}"


@pytest.mark.parametrize("name", COMPUTING)
def test_kano_computation_takes_no_language(name):
    module = importlib.import_module(f"kano.{name}")
    functions = defined_functions(module)
    assert functions
    for f in functions:
        assert "lang" not in inspect.signature(f).parameters, f"{name}.{f.__qualname__}"


@pytest.mark.parametrize("name", COMPUTING)
def test_kano_computation_looks_up_no_words(name):
    source = Path(importlib.import_module(f"kano.{name}").__file__).read_text(encoding="utf-8")
    assert "i18n" not in source


def _commands() -> list[ast.FunctionDef]:
    tree = ast.parse((ROOT / "cli.py").read_text(encoding="utf-8"))
    out = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call) and getattr(d.func, "id", "") == "command"
            for d in node.decorator_list
        ):
            out.append(node)
    return out


def test_every_cli_command_is_short():
    commands = _commands()
    assert {c.name for c in commands} >= {"classify_cmd", "columns_cmd", "summarize_cmd",
                                          "compare_cmd", "priority_cmd", "report_cmd",
                                          "ipa_command", "drivers_command"}  # fmt: skip
    for fn in commands:
        body = fn.body[1:] if isinstance(fn.body[0].value, ast.Constant) else fn.body  # docstring
        lines = body[-1].end_lineno - body[0].lineno + 1
        assert lines <= MAX_COMMAND_LINES, f"{fn.name}: {lines} lines"


def test_the_old_modules_are_gone():
    for old in ("report", "quarterly", "labels", "charts", "classify"):
        assert not (KANO / f"{old}.py").exists(), old


def test_public_api_is_curated_and_documented():
    import kano
    import satisfaction

    for package in (kano, satisfaction):
        names = [n for n in package.__all__ if not n.startswith("__")]
        assert len(names) == len(set(names)) > 15
        for n in names:
            obj = getattr(package, n)
            assert (obj.__doc__ or "").strip(), f"{package.__name__}.{n} has no docstring"
            if inspect.isfunction(obj):
                hints = inspect.signature(obj)
                assert hints.return_annotation is not inspect.Signature.empty, n
                for p in hints.parameters.values():
                    if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                        assert p.annotation is not inspect.Parameter.empty, f"{n}({p.name})"


def test_all_names_exactly_the_lazy_exports():
    import kano

    assert set(kano.__all__) - {"__version__"} == set(kano._WHERE)
    assert "classify" in dir(kano) and callable(kano.classify)  # the function, not a module


def test_import_kano_is_cheap():
    import subprocess
    import sys

    code = ("import sys, kano; print(sorted(m for m in sys.modules "
            "if m.split('.')[0] in ('kano', 'satisfaction', 'pandas', 'numpy', 'matplotlib')))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout  # fmt: skip
    assert out.strip() == "['kano', 'kano.shared', 'kano.shared.lazy']"
