"""Evaluation tables, checked cell by cell against domain.md typed here by hand."""

from __future__ import annotations

import numpy as np
import pytest

from kano.classification import classify_codes
from kano.shared.errors import MappingFileError, OptionError
from kano.tables import CATEGORIES, EvaluationTable, evaluation_table

# domain.md, "The evaluation table (需求评估矩阵)": functional answer in rows,
# dysfunctional in columns, answers 1 like .. 5 dislike. Typed from the document.
# The same table is published in Berger et al. (1993), "Kano's methods for understanding
# customer-defined quality", Center for Quality of Management Journal 2(4), the Kano
# evaluation table (like/must-be/neutral/live-with/dislike on both axes).
STANDARD = {
    (1, 1): "Q", (1, 2): "A", (1, 3): "A", (1, 4): "A", (1, 5): "O",
    (2, 1): "R", (2, 2): "I", (2, 3): "I", (2, 4): "I", (2, 5): "M",
    (3, 1): "R", (3, 2): "I", (3, 3): "I", (3, 4): "I", (3, 5): "M",
    (4, 1): "R", (4, 2): "I", (4, 3): "I", (4, 4): "I", (4, 5): "M",
    (5, 1): "R", (5, 2): "R", (5, 3): "R", (5, 4): "R", (5, 5): "Q",
}  # fmt: skip

# The modified table (issue 2): expect/expect and live-with/live-with are Q.
# The issue names those two cells; the test checks that they, and only they, differ.
MODIFIED_DIFFERS = {(2, 2): "Q", (4, 4): "Q"}


def _classify_one(f: int, d: int, table) -> str:
    code = classify_codes(np.array([f], np.uint8), np.array([d], np.uint8), table)[0]
    return CATEGORIES[code]


@pytest.mark.parametrize(("cell", "expected"), sorted(STANDARD.items()))
def test_standard_table_every_cell(cell, expected):
    f, d = cell
    assert _classify_one(f, d, evaluation_table("standard")) == expected


@pytest.mark.parametrize(("cell", "expected"), sorted(STANDARD.items()))
def test_modified_table_every_cell(cell, expected):
    f, d = cell
    want = MODIFIED_DIFFERS.get(cell, expected)
    assert _classify_one(f, d, evaluation_table("modified")) == want


@pytest.mark.parametrize("cell", sorted(MODIFIED_DIFFERS))
def test_modified_differs_from_standard_exactly_in_named_cells(cell):
    std = evaluation_table("standard").as_frame()
    mod = evaluation_table("modified").as_frame()
    differing = {(f, d) for f in range(1, 6) for d in range(1, 6) if std.loc[f, d] != mod.loc[f, d]}
    assert differing == set(MODIFIED_DIFFERS)
    assert std.loc[cell] == "I" and mod.loc[cell] == "Q"


def test_as_frame_matches_domain_table():
    frame = evaluation_table().as_frame()
    assert list(frame.index) == [1, 2, 3, 4, 5]
    assert list(frame.columns) == [1, 2, 3, 4, 5]
    for (f, d), letter in STANDARD.items():
        assert frame.loc[f, d] == letter


def test_blank_answer_has_no_category():
    table = evaluation_table()
    f = np.array([0, 1, 0, 3], np.uint8)
    d = np.array([5, 0, 0, 3], np.uint8)
    # (0,5) (1,0) (0,0): a blank on either side -> -1; (3,3) -> I (code 3)
    assert classify_codes(f, d, table).tolist() == [-1, -1, -1, CATEGORIES.index("I")]


@pytest.mark.parametrize("alias", ["standard", "STANDARD", " default ", "kano", "berger"])
def test_aliases_resolve_to_the_standard_table(alias):
    assert evaluation_table(alias).rows == evaluation_table("standard").rows


def test_letter_spec_custom_table():
    # every functional "like" is A, everything else I: an obviously different table
    spec = "AAAAA/IIIII/IIIII/IIIII/IIIII"
    table = evaluation_table(spec)
    assert "custom" in table.name
    assert _classify_one(1, 5, table) == "A"
    assert _classify_one(5, 5, table) == "I"
    # comma separators and lower case are accepted too
    assert evaluation_table(spec.lower().replace("/", ",")).rows == table.rows


def test_letter_spec_round_trips_standard():
    table = evaluation_table("QAAAO/RIIIM/RIIIM/RIIIM/RRRRQ")
    for (f, d), letter in STANDARD.items():
        assert _classify_one(f, d, table) == letter


def test_csv_custom_table(tmp_path):
    path = tmp_path / "table.csv"
    rows = ["Q,A,A,A,O", "R,Q,I,I,M", "R,I,I,I,M", "R,I,I,Q,M", "R,R,R,R,Q"]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    table = evaluation_table(str(path))
    assert table.name == "custom (table.csv)"
    assert table.rows == evaluation_table("modified").rows


def test_csv_custom_table_with_headers(tmp_path):
    # a table with answer numbers as row/column headers still yields the 25 letters
    path = tmp_path / "t.csv"
    path.write_text(
        ",1,2,3,4,5\n1,Q,A,A,A,O\n2,R,I,I,I,M\n3,R,I,I,I,M\n4,R,I,I,I,M\n5,R,R,R,R,Q\n",
        encoding="utf-8",
    )
    assert evaluation_table(str(path)).rows == evaluation_table("standard").rows


def test_csv_table_with_wrong_cell_count(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("Q,A,A,A\nR,I,I,I\n", encoding="utf-8")
    with pytest.raises(MappingFileError, match="5 rows of 5 letters.*found 2 rows and 4 columns"):
        evaluation_table(str(path))


def test_missing_table_file(tmp_path):
    with pytest.raises(MappingFileError, match="not found"):
        evaluation_table(str(tmp_path / "nope.csv"))


@pytest.mark.parametrize("spec", ["nonsense", "QAAAO/RIIIM", "QAAAX/RIIIM/RIIIM/RIIIM/RRRRQ"])
def test_unknown_table_is_an_option_error(spec):
    with pytest.raises(OptionError, match="unknown evaluation table"):
        evaluation_table(spec)


def test_table_object_passes_through():
    table = EvaluationTable("mine", ("QAAAO", "RIIIM", "RIIIM", "RIIIM", "RRRRQ"))
    assert evaluation_table(table) is table
    assert table.compact() == "QAAAO/RIIIM/RIIIM/RIIIM/RRRRQ"


@pytest.mark.parametrize("encoding", ["gbk", "utf-16", "utf-8-sig"])
def test_table_file_in_any_encoding_the_survey_reader_knows(tmp_path, encoding):
    # a modified table whose row labels are Chinese (GBK): only the 25 letters count
    rows = ["功能,喜欢,理所当然,无所谓,能忍受,不喜欢", "喜欢,Q,A,A,A,O", "理所当然,R,I,I,I,M",
            "无所谓,R,I,I,I,M", "能忍受,R,I,I,I,M", "不喜欢,R,R,R,R,Q"]  # fmt: skip
    path = tmp_path / "table.csv"
    path.write_bytes("\n".join(rows).encode(encoding))
    table = evaluation_table(str(path))
    assert table.compact() == "QAAAO/RIIIM/RIIIM/RIIIM/RRRRQ"


def test_table_file_that_cannot_be_decoded_is_a_mapping_error(tmp_path):
    path = tmp_path / "table.csv"
    path.write_bytes(b"\xff\xfe\x00" + bytes(range(128, 256)) * 3)
    with pytest.raises(MappingFileError, match="table.csv"):
        evaluation_table(str(path))
