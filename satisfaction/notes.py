"""The satisfaction side's notes: language-free records put into words when rendered.

A note is a :class:`kano.shared.records.Note` with a code ``sat_<name>``
(catalogue key ``note.sat_<name>``). Some notes name drivers; their
parameters hold the driver keys (``price``, ``tenure`` or the user's own
driver name), and :class:`NamedNote` names them in the language of the
output, so that the record itself stays language-free.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from kano.shared.records import Note


@dataclass(frozen=True)
class NamedNote(Note):
    """A note whose parameters listed in ``kinds`` hold codes that are named when rendered.

    ``kinds`` maps a parameter to the kind of its codes (``driver``); the
    parameter holds one code or a tuple of codes (joined with commas).
    """

    kinds: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self):
        super().__post_init__()
        object.__setattr__(self, "kinds", MappingProxyType(dict(self.kinds)))

    def text(self, lang: str = "en") -> str:
        """The note in ``lang``, its codes named (``price`` -> 'Price' / '资费/价格'); a
        tuple of codes is listed as :class:`~kano.shared.records.Note` lists values."""
        from kano.shared.i18n import name

        params = dict(self.params)
        for key, kind in self.kinds.items():
            codes = params[key]
            named = [name(kind, c, lang) for c in (codes if isinstance(codes, tuple) else (codes,))]
            params[key] = tuple(named) if isinstance(codes, tuple) else named[0]
        return Note(self.code, params, options=self.options).text(lang)


def note(code: str, **params: object) -> Note:
    """The satisfaction note ``sat_<code>`` with ``params``."""
    return Note(f"sat_{code}", params)


def driver_note(code: str, drivers: Iterable[str], **params: object) -> NamedNote:
    """The note ``sat_<code>`` naming ``drivers`` (parameter ``drivers``) in the output's language."""
    return NamedNote(
        f"sat_{code}", {**params, "drivers": tuple(drivers)}, kinds={"drivers": "driver"}
    )
