"""Lazy public names (PEP 562): ``import kano`` and ``import satisfaction`` stay cheap and a
name's module is imported the first time the name is used."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping, Sequence


def lazy_exports(
    package: str, where: Mapping[str, str], namespace: MutableMapping[str, object],
    names: Sequence[str],
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:  # fmt: skip
    """The module ``__getattr__`` and ``__dir__`` of ``package``: ``where`` maps each public
    name to the module that defines it; ``namespace`` is the package's ``globals()``, where a
    name is kept once imported; ``names``, its ``__all__``."""

    def __getattr__(name: str) -> object:
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(where[name]), name)
        namespace[name] = value  # later look-ups skip this function
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *names})

    return __getattr__, __dir__
