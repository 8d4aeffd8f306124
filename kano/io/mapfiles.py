"""Small user files that map one thing to another (YAML or CSV), read safely.

Answer maps, label maps, customer-type maps and mapping files are written by
hand, so they are read strictly: YAML through the safe loader with no tags, at
most a few aliases (an alias bomb expands a 3 KB file into gigabytes) and no
repeated key (PyYAML silently keeps the last one); CSV through the survey
reader's encoding detection, so a GBK file saved by Excel is read too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from kano.errors import MappingFileError

MAX_ALIASES = 20
MAX_BYTES = 10 << 20  # a map file of 10 MB is not written by hand


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that counts aliases and refuses repeated keys."""

    def __init__(self, stream):
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases (&/*)")
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                continue  # the base class reports unhashable keys
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None,
                    f"the key {key!r} appears twice (lines {seen[key] + 1} and "
                    f"{key_node.start_mark.line + 1}); keep one",
                    key_node.start_mark,
                )  # fmt: skip
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: Path, what: str = "file") -> object:
    """Parse a hand-written YAML file (UTF-8, BOM allowed) with the rules of this module.

    Raises
    ------
    MappingFileError
        Missing or oversized file, not UTF-8, a tag, too many aliases, a repeated key.
    """
    path = Path(path)
    data = _read_bytes(path, what)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MappingFileError(f"{path}: the {what} is not UTF-8 text; save it as UTF-8") from None
    try:
        return yaml.load(text, Loader=_StrictLoader)  # a SafeLoader: no Python objects
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = " ".join(str(exc.problem or exc.context or "not valid YAML").split())
        raise MappingFileError(f"{path}{where}: cannot read the {what}: {problem}") from None
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        raise MappingFileError(f"{path}: cannot read the {what}: {problem}") from None


def read_pairs(path: Path, names: Sequence[str] = ("key", "value"), what: str = "map") -> list[tuple[object, object]]:  # fmt: skip
    """``(key, value)`` pairs, in file order, from a YAML mapping or a two-column CSV.

    ``names`` are the two CSV columns' roles (used in messages). The caller
    decides what the keys mean and checks for keys that collide after its own
    normalisation.

    Raises
    ------
    MappingFileError
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:
        data = load_yaml(path, what)
        if not isinstance(data, dict):
            raise MappingFileError(f"{path}: the {what} must be lines '{names[0]}: {names[1]}'")
        return list(data.items())
    if suffix in {".csv", ".txt"}:
        from kano.errors import InputFileError
        from kano.io.files import read_table

        _check_file(path, what)
        try:
            table = read_table(path)
        except InputFileError as exc:
            raise MappingFileError(str(exc)) from None
        if table.frame.shape[1] < 2:
            raise MappingFileError(f"{path}: the {what} needs two columns: {', '.join(names)}")
        frame = table.frame.iloc[:, :2]
        return [(k, v) for k, v in zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True)]
    raise MappingFileError(f"{path}: the {what} must be a .yaml, .yml or .csv file")


def _check_file(path: Path, what: str) -> None:
    if not path.exists():
        raise MappingFileError(f"{path}: {what} not found")
    if not path.is_file() and not _is_pipe(path):
        raise MappingFileError(f"{path}: the {what} is a folder, not a file")
    if path.is_file() and path.stat().st_size > MAX_BYTES:
        raise MappingFileError(f"{path}: the {what} is larger than {MAX_BYTES >> 20} MB")


def _read_bytes(path: Path, what: str) -> bytes:
    _check_file(path, what)
    with path.open("rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise MappingFileError(f"{path}: the {what} is larger than {MAX_BYTES >> 20} MB")
    return data


def _is_pipe(path: Path) -> bool:
    import stat

    try:
        return stat.S_ISFIFO(path.stat().st_mode)
    except OSError:
        return False
