"""What the layer tests share: the modules a source file imports, and the functions and
methods a module defines."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path
from types import ModuleType


def imported_modules(path: Path) -> list[str]:
    """Every module an import statement of ``path`` names, at any depth (lazy imports too)."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            out.append(node.module or "")
    return out


def defined_functions(module: ModuleType) -> list:
    """The functions of ``module`` and the methods of its classes (not imported ones)."""
    functions = [f for _, f in inspect.getmembers(module, inspect.isfunction)
                 if f.__module__ == module.__name__]  # fmt: skip
    for _, cls in inspect.getmembers(module, inspect.isclass):
        if cls.__module__ == module.__name__:
            functions += [f for _, f in inspect.getmembers(cls, inspect.isfunction)]
    return functions
