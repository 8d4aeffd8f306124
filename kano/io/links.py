"""The link file (``--links``): which satisfaction driver measures each Kano service, when
the two surveys name them differently.

A YAML mapping or a two-column CSV, one line per Kano service::

    service,driver
    10000/1860免费客服热线,服务质量
    月度账单短信,账单准确性

Several services may share one driver (its importance and satisfaction stand for each).
A service named alike in both surveys needs no line. Every line must name a service of
the Kano survey and a driver of the satisfaction survey: a typo is an error naming the
line, never a link silently dropped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from kano.shared.errors import MappingFileError
from kano.shared.mapfiles import read_pairs
from kano.shared.text import key


def read_links(
    path: str | os.PathLike,
    services: Iterable[str],
    drivers: Mapping[str, str],
) -> dict[str, str]:
    """Kano service -> satisfaction driver, read from ``path``.

    Parameters
    ----------
    path:
        The link file (YAML or CSV, columns ``service, driver``).
    services:
        The services of the Kano survey.
    drivers:
        Every name a driver may go by (its code and its names, in any case or width)
        -> the driver as the IPA table names it.

    Raises
    ------
    MappingFileError
        A line names no Kano service or no driver (the message names the line and lists
        the choices), or links one service twice.
    """
    path = Path(path)
    known = {key(s): s for s in services}
    targets = {key(name): driver for name, driver in drivers.items()}
    out: dict[str, str] = {}
    lines: dict[str, int] = {}
    for service, driver, line in read_pairs(path, ("service", "driver"), "link file"):
        found = known.get(key(service))
        if found is None:
            raise MappingFileError(
                f"{path}: line {line}: {service!r} is no service of the Kano survey; the "
                f"services are: {', '.join(map(repr, known.values()))}"
            )
        target = targets.get(key(driver))
        if target is None:
            names = sorted(set(drivers))
            raise MappingFileError(
                f"{path}: line {line}: {driver!r} is no driver of the satisfaction survey; "
                f"use one of: {', '.join(map(repr, names))}"
            )
        if found in out:
            raise MappingFileError(
                f"{path}: lines {lines[found]} and {line}: {found!r} is linked twice "
                f"({out[found]!r} and {target!r}); keep one line"
            )
        out[found], lines[found] = target, line
    return out
