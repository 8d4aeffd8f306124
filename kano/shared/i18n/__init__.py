"""The one catalogue that turns codes into English or Chinese words (``--lang en|zh``).

Computation returns codes (category letters, quadrant keys, segment keys,
finding and note records); only renderers (sheets, charts, PDF, terminal)
call this module. Keys are dotted: ``category.M``, ``sheet.summary``,
``column.better``, ``quadrant.improve``, ``note.qualtrics_headers`` … The words
live in three modules, one per part of the toolkit (:mod:`.common`,
:mod:`.kano_words`, :mod:`.satisfaction_words`), merged here into one table per
language; a key given twice, or in one language only, is a bug that the test
suite catches (``tests/shared/test_i18n.py``).

Chinese terms follow the source documents (``../shared/domain.md``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

from kano.shared.errors import OptionError
from kano.shared.i18n import common, kano_words, satisfaction_words

LANGS = ("en", "zh")


def _merge(*parts: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for part in parts:
        for key, value in part.items():
            if key in out:
                raise AssertionError(f"catalogue key {key!r} is defined twice")
            out[key] = value
    return out


CATALOGUE: dict[str, dict[str, str]] = {
    "en": _merge(common.EN, kano_words.EN, satisfaction_words.EN),
    "zh": _merge(common.ZH, kano_words.ZH, satisfaction_words.ZH),
}


def check_lang(lang: object) -> str:
    """``lang`` as ``en`` or ``zh`` (case and spaces ignored), else :class:`OptionError`."""
    code = str(lang).strip().lower()
    if code not in LANGS:
        raise OptionError(f"unknown language {lang!r}: use en or zh")
    return code


_OPTION = re.compile(r"\{opt:([a-z_]+)\}")


def text(key: str, lang: str, *, options: Mapping[str, str] | None = None,
         **params: object) -> str:  # fmt: skip
    """The words of ``key`` in ``lang``, with ``{name}`` fields filled from ``params``;
    ``{opt:name}`` is the command-line flag ``--name`` (outputs are read beside the CLI),
    or ``--<options[name]>`` where a job names the option otherwise (``--sat-scale``)."""
    names = options or {}

    def flag(m: re.Match) -> str:
        return "--" + names.get(m.group(1), m.group(1)).replace("_", "-")

    template = _OPTION.sub(flag, CATALOGUE[lang][key])
    return template.format(**params) if params else template.replace("{{", "{").replace("}}", "}")


def has(key: str, lang: str = "en") -> bool:
    """Whether the catalogue has ``key``."""
    return key in CATALOGUE[lang]


def name(kind: str, code: object, lang: str) -> str:
    """The name of a code of some ``kind`` (``driver``, ``segment``, ``quadrant`` …), or the
    code itself when it is the user's own word (a service or driver named in the data)."""
    return CATALOGUE[lang].get(f"{kind}.{code}", str(code))


def category_label(letter: object, lang: str) -> str:
    """``'M Must-be'`` / ``'M 必备'``; combined categories like ``'O/M'`` stay letters."""
    key = f"category.{letter}"
    words = CATALOGUE[lang]
    return f"{letter} {words[key]}" if key in words else ("" if letter is None else str(letter))


_STATS = ("mean", "sd", "ci_low", "ci_high")


def header(column: str, lang: str) -> str:
    """The header of a table column named ``column`` by the library (``share_A`` -> 'A %')."""
    words = CATALOGUE[lang]
    direct = words.get(f"column.{column}")
    if direct is not None:
        return direct
    if column.startswith("share_") and len(column) == 7:
        return text("column.share_of", lang, category=column[-1])
    if column.startswith("win_") and len(column) == 5:
        return text("column.wins_of", lang, category=column[-1])
    if column.startswith("p_") and f"quadrant.{column[2:]}" in words:
        return text("column.probability_of", lang, what=words[f"quadrant_short.{column[2:]}"])
    for part in ("functional", "dysfunctional", "importance"):
        stat = column[len(part) + 1 :] if column.startswith(part + "_") else ""
        if stat in _STATS:
            return text("column.stat_of", lang, what=words[f"score.{part}"],
                        stat=words[f"stat.{stat}"])  # fmt: skip
    return column


def boolean(value: object, lang: str) -> str:
    """Yes/no in ``lang`` (是/否); blank for a missing value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return text("bool.true" if bool(value) else "bool.false", lang)


def p_value(p: float, lang: str = "en") -> str:
    """A p-value as printed: three decimals below 0.1 (0.031), two above (0.50), and
    ``< 0.001`` below the print precision (APA style)."""
    if p is None or not math.isfinite(p):
        return ""
    return "< 0.001" if p < 0.001 else f"{p:.3f}".rstrip("0").rstrip(".") if p < 0.1 else f"{p:.2f}"


__all__ = [
    "CATALOGUE", "LANGS", "boolean", "category_label", "check_lang", "has", "header", "name",
    "p_value", "text",
]  # fmt: skip
