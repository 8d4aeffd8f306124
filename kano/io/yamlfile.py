"""Reading small user YAML files (maps, lists) without the traps of YAML.

The safe loader only builds plain data; on top of it this loader refuses
repeated keys (YAML would silently keep the last one), refuses more than a few
aliases (``&a`` / ``*a`` expansion is how "billion laughs" files blow up), reads
``yes``/``no``/``on``/``off`` as the words they are (YAML 1.1 would turn a label
``No`` into ``False``) and decodes UTF-8 with or without a BOM.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from kano.errors import MappingFileError

#: A user map needs no aliases; a few are tolerated for hand-written files.
MAX_ALIASES = 10
#: A map of labels or columns is a few kilobytes; anything far larger is not one.
MAX_BYTES = 1 << 20

_BOOL = "tag:yaml.org,2002:bool"


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys and alias floods, and keeps yes/no as text."""

    yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag != _BOOL]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream):
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                event = self.peek_event()
                raise yaml.constructor.ConstructorError(
                    None, None, f"more than {MAX_ALIASES} aliases", event.start_mark
                )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                first = seen.setdefault(key, key_node.start_mark.line + 1)
            except TypeError:  # an unhashable key: the base constructor names it
                continue
            if first != key_node.start_mark.line + 1:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"the key {key!r} appears twice (lines {first} and "
                    f"{key_node.start_mark.line + 1})",
                    key_node.start_mark,
                )
        return super().construct_mapping(node, deep)


def load_yaml(path: str | os.PathLike, what: str) -> object:
    """Parse the YAML file ``path`` (a ``what``, e.g. "label map") into plain data.

    Parameters
    ----------
    path:
        The file; UTF-8, with or without a BOM.
    what:
        What the file is, for the error messages.

    Returns
    -------
    The document: dicts, lists, strings and numbers (``None`` for an empty file).

    Raises
    ------
    MappingFileError
        Missing or oversized file, not UTF-8, YAML syntax error, a repeated key,
        too many aliases.
    """
    path = Path(path)
    if not path.is_file():
        raise MappingFileError(f"{path}: {what} not found")
    if path.stat().st_size > MAX_BYTES:
        raise MappingFileError(
            f"{path}: {path.stat().st_size >> 10} KB is too large for a {what} "
            f"(limit {MAX_BYTES >> 10} KB)"
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MappingFileError(f"{path}: the {what} is not UTF-8 text; save it as UTF-8") from None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader subclass: plain data only
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise MappingFileError(f"{path}: cannot read the {what}{where}: {problem}") from None
