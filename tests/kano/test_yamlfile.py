"""kano.io.yamlfile: the strict safe loader for user maps."""

from __future__ import annotations

import pytest

from kano.errors import MappingFileError
from kano.io.yamlfile import MAX_ALIASES, MAX_BYTES, load_yaml


def write(tmp_path, text: str, name: str = "m.yaml", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_plain_mapping_with_bom_and_yes_no_words_kept(tmp_path):
    path = write(tmp_path, "No: 1\nyes: 2\nOn: off\nscore: 4.5\n", encoding="utf-8-sig")
    # YAML 1.1 would read No/yes/On/off as booleans; a label map needs the words
    assert load_yaml(path, "label map") == {"No": 1, "yes": 2, "On": "off", "score": 4.5}


def test_repeated_keys_refused_with_lines(tmp_path):
    path = write(tmp_path, "a: 1\nb: 2\na: 3\n")
    with pytest.raises(MappingFileError, match=r"the key 'a' appears twice \(lines 1 and 3\)"):
        load_yaml(path, "label map")


def test_alias_flood_refused(tmp_path):
    few = "a: &x 1\n" + "".join(f"k{i}: *x\n" for i in range(MAX_ALIASES))
    assert load_yaml(write(tmp_path, few), "map")["k0"] == 1
    # the "billion laughs" shape: each level repeats the one before
    bomb = "a: &a [x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n"
    with pytest.raises(MappingFileError, match=f"more than {MAX_ALIASES} aliases"):
        load_yaml(write(tmp_path, bomb, "bomb.yaml"), "map")


def test_unsafe_tags_refused(tmp_path):
    path = write(tmp_path, "a: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(MappingFileError, match="cannot read the map"):
        load_yaml(path, "map")


def test_not_utf8_missing_and_oversized(tmp_path):
    with pytest.raises(MappingFileError, match="not UTF-8"):
        load_yaml(write(tmp_path, "满意: 4\n", encoding="gbk"), "label map")
    with pytest.raises(MappingFileError, match="label map not found"):
        load_yaml(tmp_path / "none.yaml", "label map")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(MappingFileError, match="too large"):
        load_yaml(big, "label map")
