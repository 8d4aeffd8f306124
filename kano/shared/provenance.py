"""Provenance: what every output records about how it was made (the Method sheet).

Input files with their SHA-256, the settings, the notes, the toolkit version
and the time written (``SOURCE_DATE_EPOCH`` fixes it, so that the same inputs
give the same bytes). The record is language-free: each item's key is a
catalogue code (``method.<key>``) and its value a number, a path, a code
(``value.<code>`` when the catalogue has one), a yes/no or a
:class:`~kano.shared.records.Note`; :func:`method_rows` puts it into words.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


def file_sha256(path: str | os.PathLike) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def written_at() -> str:
    """The time of writing, UTC to the second; ``SOURCE_DATE_EPOCH`` when it is set."""
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        _dt.datetime.fromtimestamp(int(stamp), _dt.UTC)
        if stamp and stamp.strip().isdigit()
        else _dt.datetime.now(_dt.UTC).replace(microsecond=0)
    )
    return moment.isoformat(timespec="seconds")


@dataclass(frozen=True)
class MethodItem:
    """One line of the Method sheet: ``key`` (catalogue ``method.<key>``, filled with
    ``params``) and its value."""

    key: str
    value: object
    params: Mapping[str, object] = field(default_factory=dict)


def method_record(
    inputs: Iterable[tuple[str, str | os.PathLike | None, Mapping[str, object]]],
    settings: Mapping[str, object],
    notes: Iterable[object] = (),
) -> list[MethodItem]:
    """The Method record.

    Parameters
    ----------
    inputs:
        ``(role, path, params)`` per input file: role ``survey``, ``wave``,
        ``mapping``, ``answer_map``, ``label_map``, ``customer_types``,
        ``satisfaction`` …; missing files (``None``) are left out.
    settings:
        ``code -> value`` of everything that decided the numbers.
    notes:
        What the user should know (:class:`~kano.shared.records.Note` or text).
    """
    from kano import __version__

    items: list[MethodItem] = []
    for role, path, params in inputs:
        if path is None:
            continue
        items.append(MethodItem(f"input.{role}", str(path), params))
        if Path(path).is_file():
            items.append(MethodItem(f"sha256.{role}", file_sha256(path), params))
    items += [MethodItem(k, v) for k, v in settings.items()]
    items += [MethodItem("note", n, {"k": k}) for k, n in enumerate(notes, 1)]
    items.append(MethodItem("version", __version__))
    items.append(MethodItem("written_at", written_at()))
    return items


def method_rows(record: Iterable[MethodItem], lang: str) -> pd.DataFrame:
    """The Method sheet in ``lang``: one row per item, ``item`` and ``value``."""
    from kano.shared.i18n import boolean, has, header, text

    def key(item: MethodItem) -> str:
        code = f"method.{item.key}"
        return text(code, lang, **item.params) if has(code, lang) else item.key

    def value(v: object) -> object:
        if hasattr(v, "text"):
            return v.text(lang)
        if isinstance(v, bool):
            return boolean(v, lang)
        if isinstance(v, str) and has(f"value.{v}", lang):
            return text(f"value.{v}", lang)
        if isinstance(v, float | int | str) or v is None:
            return v
        return str(v)

    items = list(record)
    return pd.DataFrame(
        {header("item", lang): [key(i) for i in items],
         header("value", lang): [value(i.value) for i in items]}
    )  # fmt: skip
