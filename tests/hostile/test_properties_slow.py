"""Property tests of the readers and the classifier on generated hostile input.

Each property asserts: a correct result, or one of the library's own exceptions
(a :class:`~kano.shared.errors.KanoError` subclass) - never anything else. Run with
``pytest -m slow`` for 10,000 examples per property; the normal run does 200
per property as a smoke test (tests/hostile/conftest.py).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kano.classification import category_counts, classify_codes
from kano.io.answers import INVALID, MISSING, AnswerMap, encode_column
from kano.io.survey import read_survey
from kano.shared.errors import InvalidValueError, KanoError
from kano.shared.files import read_table
from kano.stats import summarize, summarize_counts
from kano.tables import CATEGORIES, evaluation_table
from satisfaction import load_survey

SLOW = os.environ.get("KANO_SLOW_EXAMPLES") == "1"
N = 10_000 if SLOW else 200
PROPS = settings(
    max_examples=N,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
pytestmark = pytest.mark.slow

STANDARD = evaluation_table("standard")
# what a hostile cell may hold: codes in and out of range, floats, text, blanks, dates
CELLS = st.one_of(
    st.none(),
    st.integers(-3, 9),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["1", " 2 ", "３", "I like it", "我不喜欢", "#N/A", "(跳过)", "=1+1", "nan"]),
    st.text(max_size=12),
    st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)),
)


_DIR: dict[str, object] = {}


def _tmp(tmp_path_factory, name: str):
    """One folder per session, the file overwritten by each example (creating a
    numbered folder per example costs O(examples) each)."""
    if "dir" not in _DIR:
        _DIR["dir"] = tmp_path_factory.mktemp("prop")
    return _DIR["dir"] / name


@PROPS
@given(data=st.binary(max_size=400))
def test_csv_reader_any_bytes(tmp_path_factory, data):
    path = _tmp(tmp_path_factory, "x.csv")
    path.write_bytes(data)
    try:
        table = read_table(path)
    except KanoError:
        return
    assert len(table.frame) >= 1 and table.frame.shape[1] >= 1
    assert len(set(table.frame.columns)) == table.frame.shape[1]  # no repeated headers


def _workbook_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["id", "x_functional", "x_dysfunctional"])
    ws.append([1, 1, 5])
    ws.append([2, 2, 5])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


WORKBOOK = _workbook_bytes()


@PROPS
@given(
    cut=st.integers(0, len(WORKBOOK)),
    flips=st.lists(st.tuples(st.integers(0, len(WORKBOOK) - 1), st.integers(0, 255)), max_size=6),
)
def test_xlsx_reader_damaged_workbooks(tmp_path_factory, cut, flips):
    data = bytearray(WORKBOOK[:cut] if cut else WORKBOOK)
    for pos, byte in flips:
        if pos < len(data):
            data[pos] = byte
    path = _tmp(tmp_path_factory, "x.xlsx")
    path.write_bytes(bytes(data))
    try:
        table = read_table(path)
    except KanoError:
        return
    assert table.frame.shape[1] >= 1


@PROPS
@given(
    members=st.dictionaries(
        st.sampled_from(["xl/workbook.xml", "xl/worksheets/sheet1.xml", "[Content_Types].xml",
                         "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "other.bin"]),
        st.binary(max_size=200) | st.sampled_from([b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>']),
        max_size=5,
    )
)  # fmt: skip
def test_xlsx_reader_arbitrary_zip(tmp_path_factory, members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    path = _tmp(tmp_path_factory, "z.xlsx")
    path.write_bytes(buf.getvalue())
    try:
        read_table(path)
    except KanoError:
        return


@PROPS
@given(values=st.lists(CELLS, min_size=1, max_size=30))
def test_answer_encoding_total_and_exact(values):
    series = pd.Series(values, dtype=object)
    codes = encode_column(series, AnswerMap()).codes
    assert codes.shape == (len(values),)
    assert set(np.unique(codes)) <= {MISSING, 1, 2, 3, 4, 5, INVALID}
    for v, c in zip(values, codes, strict=True):
        if isinstance(v, int) and not isinstance(v, bool):
            assert c == (v if 1 <= v <= 5 else INVALID)
        elif v is None:
            assert c == MISSING
        elif isinstance(v, dt.datetime):
            assert c == INVALID


@PROPS
@given(
    f=st.lists(CELLS, min_size=1, max_size=25),
    d=st.lists(CELLS, min_size=1, max_size=25),
    skip=st.booleans(),
)
def test_read_survey_then_counts(f, d, skip):
    n = min(len(f), len(d))
    frame = pd.DataFrame(
        {"x_functional": pd.Series(f[:n], dtype=object), "x_dysfunctional": pd.Series(d[:n], dtype=object)}
    )  # fmt: skip
    try:
        survey = read_survey(frame, on_invalid="skip" if skip else "error")
    except InvalidValueError as exc:
        assert not skip and exc.total >= 1 and exc.problems
        return
    except KanoError:
        return
    fc, dc = survey.functional.to_numpy(), survey.dysfunctional.to_numpy()
    assert fc.max(initial=0) <= 5 and dc.max(initial=0) <= 5
    summary = summarize(survey, STANDARD)
    q = survey.quality.iloc[0]
    row = summary.iloc[0]
    assert sum(int(row[c]) for c in CATEGORIES) == row["n"]
    assert row["n"] + q["n_missing"] + q["n_invalid"] == n
    # the counts are those of the evaluation table applied pair by pair
    both = (fc[:, 0] > 0) & (dc[:, 0] > 0)
    expected = {c: 0 for c in CATEGORIES}
    for a, b in zip(fc[both, 0], dc[both, 0], strict=True):
        expected[STANDARD.rows[a - 1][b - 1]] += 1
    assert {c: int(row[c]) for c in CATEGORIES} == expected


@PROPS
@given(
    f=st.lists(st.integers(0, 5), min_size=1, max_size=40),
    d=st.lists(st.integers(0, 5), min_size=1, max_size=40),
)
def test_classifier_matches_table(f, d):
    n = min(len(f), len(d))
    fa = np.array(f[:n], dtype=np.uint8).reshape(-1, 1)
    da = np.array(d[:n], dtype=np.uint8).reshape(-1, 1)
    codes = classify_codes(fa, da, STANDARD)
    for a, b, c in zip(fa[:, 0], da[:, 0], codes[:, 0], strict=True):
        if a == 0 or b == 0:
            assert c == -1
        else:
            assert CATEGORIES[c] == STANDARD.rows[a - 1][b - 1]
    counts = category_counts(codes, ["x"])
    assert int(counts.loc["x"].sum()) == n


@PROPS
@given(cells=st.lists(st.one_of(st.integers(-5, 50), st.floats(), st.text(max_size=5), st.none()),
                      min_size=6, max_size=6))  # fmt: skip
def test_counts_table_reader(cells):
    frame = pd.DataFrame([["x", *cells]], columns=["service", *CATEGORIES])
    try:
        summary = summarize_counts(frame)
    except KanoError:
        return
    row = summary.iloc[0]
    assert row["n"] == sum(int(row[c]) for c in CATEGORIES) and row["n"] >= 0


@PROPS
@given(cells=st.lists(CELLS, min_size=4, max_size=4), n=st.integers(1, 6))
def test_satisfaction_loader(cells, n):
    rng = np.random.default_rng(n)
    frame = pd.DataFrame(
        {
            "imp_price": rng.integers(1, 6, n + 3).astype(object),
            "sat_price": rng.integers(1, 6, n + 3).astype(object),
            "imp_network": rng.integers(1, 6, n + 3).astype(object),
            "sat_network": rng.integers(1, 6, n + 3).astype(object),
        }
    )
    for j, v in enumerate(cells):
        frame.iat[j % len(frame), j] = v
    try:
        survey = load_survey(frame)
    except KanoError:
        return
    sat = survey.satisfaction.to_numpy(dtype=float)
    ok = ~np.isnan(sat)
    assert np.all(np.isfinite(sat[ok]))
    assert np.all(
        (sat[ok] >= survey.satisfaction_scale.low) & (sat[ok] <= survey.satisfaction_scale.high)
    )
