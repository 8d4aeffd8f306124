"""Language-free records that computation returns and renderers put into words.

A :class:`Note` says what a reader or an analysis did that the user should know
("the headers came from a Qualtrics export", "paired by questionnaire order");
a :class:`Finding` is one result worth reporting (a category that changed, a
segment difference). Both carry a code and the values to fill in; the words
come from the catalogue (:mod:`kano.shared.i18n`, keys ``note.<code>`` and
``finding.<kind>``) only when they are rendered, in the language asked for.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def _frozen(values: Mapping[str, object]) -> Mapping[str, object]:
    return MappingProxyType(dict(values))


@dataclass(frozen=True)
class Note:
    """Something the user should know about how the data were read or analysed."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "params", _frozen(self.params))

    def text(self, lang: str = "en") -> str:
        """The note in ``lang``."""
        from kano.shared.i18n import text

        return text(f"note.{self.code}", lang, **self.params)

    def __str__(self) -> str:
        return self.text("en")


@dataclass(frozen=True)
class Finding:
    """One result worth reporting, of a ``kind`` (``segment_difference``, ``migration`` …).

    ``subject`` is what it is about (a service or driver, as named in the data);
    ``params`` the values its sentence needs.
    """

    kind: str
    subject: str = ""
    params: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self):
        object.__setattr__(self, "params", _frozen(self.params))
