"""Small hand-written files that map one thing to another (YAML or CSV), read safely.

Answer maps, label maps, customer-type maps and mapping files are written by
hand, so they are read strictly and in one way:

* YAML through PyYAML's safe loader (no Python objects), with at most
  :data:`MAX_ALIASES` aliases, which together stand for at most
  :data:`MAX_EXPANDED` nodes (an alias bomb expands a 3 KB file into
  gigabytes; both are counted as the file is composed, before any object is
  built) and no key given twice in a mapping (PyYAML would silently keep the
  last). ``yes``/``no``/``on``/``off``, ``null`` and dates stay text: in a map,
  ``No: dislike`` means the wording "No", not the key False.
* CSV through the survey reader (:func:`kano.shared.files.read_table`), so that a
  GBK file saved by Excel is read like any survey.
"""

from __future__ import annotations

import stat
from collections.abc import Sequence
from pathlib import Path

import yaml

from kano.shared.errors import InputFileError, MappingFileError

MAX_ALIASES = 20
MAX_EXPANDED = 10_000  # nodes the aliases of one file may stand for
MAX_BYTES = 10 << 20  # a map of 10 MB is not written by hand
# plain text, not PyYAML's booleans, nulls and dates
_TEXT_TAGS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp"}


class _TooManyAliases(Exception):
    def __init__(self, line: int, nodes: int = 0):
        self.line, self.nodes = line, nodes


class _RepeatedKey(Exception):
    def __init__(self, key: object, first: int, line: int):
        self.key, self.first, self.line = key, first, line


class _StrictLoader(yaml.SafeLoader):
    """The safe loader with the text scalars above, an alias cap and no repeated keys."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _TEXT_TAGS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str):
        super().__init__(stream)
        self.aliases = 0
        self.expanded = 0
        self.sizes: dict[int, int] = {}
        self.open: set[str] = set()  # anchors of the collections being composed

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            line = event.start_mark.line + 1
            self.aliases += 1
            if self.aliases > MAX_ALIASES:  # refuse alias bombs ("billion laughs")
                raise _TooManyAliases(line)
            if event.anchor in self.open:  # a structure that holds itself never ends
                raise _TooManyAliases(line, -1)
            if event.anchor in self.anchors:  # else PyYAML says "found undefined alias"
                self.expanded += self._size(self.anchors[event.anchor])
                if self.expanded > MAX_EXPANDED:  # few aliases of a large nested node
                    raise _TooManyAliases(line, self.expanded)
        return super().compose_node(parent, index)

    def compose_sequence_node(self, anchor):
        return self._compose_open(super().compose_sequence_node, anchor)

    def compose_mapping_node(self, anchor):
        return self._compose_open(super().compose_mapping_node, anchor)

    def _compose_open(self, compose, anchor):
        if anchor is not None:
            self.open.add(anchor)
        try:
            return compose(anchor)
        finally:
            self.open.discard(anchor)

    def _size(self, node) -> int:
        """Nodes ``node`` stands for once its aliases are expanded (each distinct node
        measured once, so a nested bomb costs its composed size, not its expansion)."""
        known = self.sizes.get(id(node))
        if known is None:
            if isinstance(node, yaml.MappingNode):
                children = [n for pair in node.value for n in pair]
            elif isinstance(node, yaml.SequenceNode):
                children = node.value
            else:
                children = []
            known = 1 + sum(self._size(c) for c in children)
            self.sizes[id(node)] = known
        return known

    def construct_mapping(self, node, deep=False):
        seen: dict[tuple[type, object], int] = {}  # 1 and 1.0 are two keys to YAML
        for key_node, _value in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            try:
                first = seen.setdefault((type(key), key), line)
            except TypeError:
                continue  # unhashable: the base class says so
            if first != line:
                raise _RepeatedKey(key, first, line)
        return super().construct_mapping(node, deep=deep)


def _check_file(path: Path, what: str) -> None:
    if not path.exists():
        raise MappingFileError(f"{path}: {what} not found")
    if path.is_dir():
        raise MappingFileError(f"{path}: the {what} is a folder, not a file")
    if path.is_file() and path.stat().st_size > MAX_BYTES:
        raise MappingFileError(f"{path}: the {what} is larger than {MAX_BYTES >> 20} MB")


def _yaml_text(path: Path, what: str) -> str:
    _check_file(path, what)
    with path.open("rb") as fh:  # a named pipe too (process substitution)
        data = fh.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise MappingFileError(f"{path}: the {what} is larger than {MAX_BYTES >> 20} MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MappingFileError(f"{path}: the {what} is not UTF-8 text; save it as UTF-8") from None


def _parse(path: Path, what: str, read):
    """Run ``read(loader)`` on the file's YAML, turning every PyYAML error into one line."""
    loader = None
    try:
        loader = _StrictLoader(_yaml_text(path, what))  # refuses control characters
        return read(loader)
    except _RepeatedKey as exc:
        raise MappingFileError(
            f"{path}: lines {exc.first} and {exc.line}: the key {exc.key!r} is given twice; "
            "keep one of them"
        ) from None
    except _TooManyAliases as exc:
        if exc.nodes < 0:
            many = "a YAML alias (*name) inside the entry it names"
        elif exc.nodes:
            many = f"YAML aliases (*name) that stand for more than {MAX_EXPANDED:,} values"
        else:
            many = f"more than {MAX_ALIASES} YAML aliases (*name)"
        raise MappingFileError(
            f"{path}: line {exc.line}: {many}; the {what} needs none: write each entry out"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" line {mark.line + 1}:" if mark is not None else ""
        problem = " ".join(str(exc.problem or exc.context or "not valid YAML").split())
        raise MappingFileError(f"{path}:{where} not a plain YAML {what} ({problem})") from None
    except yaml.YAMLError as exc:
        problem = " ".join(str(exc).split())
        raise MappingFileError(f"{path}: cannot read the {what}: {problem}") from None
    finally:
        if loader is not None:
            loader.dispose()


def load_yaml(path: str | Path, what: str = "file") -> object:
    """The document of a hand-written YAML file (UTF-8, BOM allowed), read strictly.

    Raises
    ------
    MappingFileError
        Missing or oversized file, not UTF-8, a non-data tag, too many aliases,
        a repeated key.
    """
    return _parse(Path(path), what, lambda loader: loader.get_single_data())


def read_pairs(
    path: str | Path, names: Sequence[str] = ("key", "value"), what: str = "map"
) -> list[tuple[object, object, int]]:
    """``(key, value, line)`` per entry, in file order, of a YAML mapping or a CSV whose
    first two columns are ``names`` (line 1 is its header).

    The caller decides what the keys mean and checks for keys that collide
    after its own normalisation. A YAML file of comments only has no entries.

    Raises
    ------
    MappingFileError
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in {".yaml", ".yml"}:

        def entries(loader):
            node = loader.get_single_node()
            if node is None:
                return []
            if not isinstance(node, yaml.MappingNode):
                raise MappingFileError(
                    f"{path}: the {what} must be a mapping, one '{names[0]}: {names[1]}' per line"
                )
            loader.construct_mapping(node)  # refuses repeated keys
            return [
                (loader.construct_object(k, deep=True), loader.construct_object(v, deep=True),
                 k.start_mark.line + 1)
                for k, v in node.value
            ]  # fmt: skip

        return _parse(path, what, entries)
    if suffix == ".csv":
        from kano.shared.files import read_table

        _check_file(path, what)
        try:
            table = read_table(path)
        except InputFileError as exc:
            raise MappingFileError(str(exc)) from None
        if table.frame.shape[1] < 2:
            raise MappingFileError(f"{path}: the {what} needs two columns: {', '.join(names)}")
        first, second = table.frame.iloc[:, 0], table.frame.iloc[:, 1]
        return [
            (k, v, table.row_number(i))
            for i, k, v in zip(table.frame.index, first, second, strict=True)
        ]
    raise MappingFileError(f"{path}: the {what} must be a .yaml, .yml or .csv file")


def is_pipe(path: Path) -> bool:
    """Whether ``path`` is a named pipe (``<(...)`` process substitution)."""
    try:
        return stat.S_ISFIFO(path.stat().st_mode)
    except OSError:
        return False
