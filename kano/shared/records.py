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


def _words(params: Mapping[str, object], lang: str) -> dict[str, object]:
    from kano.shared.i18n import text

    def one(value: object) -> object:
        if isinstance(value, Note):
            return value.text(lang)
        if isinstance(value, list | tuple):
            return text("word.list_sep", lang).join(str(one(v)) for v in value)
        return value

    return {k: one(v) for k, v in params.items()}


@dataclass(frozen=True)
class Note:
    """Something the user should know about how the data were read or analysed."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)
    #: option -> the name a job gives it (``scale`` -> ``sat_scale`` for a second file)
    options: Mapping[str, str] = field(
        default_factory=dict, compare=False, repr=False, kw_only=True
    )

    def __post_init__(self):
        object.__setattr__(self, "params", _frozen(self.params))
        object.__setattr__(self, "options", _frozen(self.options))

    def text(self, lang: str = "en") -> str:
        """The note in ``lang`` (a note or list given as a value is put in words too)."""
        from kano.shared.i18n import text

        return text(f"note.{self.code}", lang, options=self.options,
                    **_words(self.params, lang))  # fmt: skip

    def renamed(self, names: Mapping[str, str]) -> Note:
        """The note with its options named as a job names them (see :attr:`options`)."""
        import dataclasses

        return dataclasses.replace(self, options={**self.options, **names})

    def __str__(self) -> str:
        return self.text("en")


def note_text(note: object, lang: str = "en") -> str:
    """A note in ``lang``, whether a :class:`Note` or (from older code) a plain text."""
    return note.text(lang) if isinstance(note, Note) else str(note)


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
