"""Shared fixtures: small Kano surveys built by code, with counts known by hand.

The canonical survey has two services and eight respondents (ids 101-108).
Each answer pair is listed with the category the source documents' evaluation
table gives it (domain.md), so every expected count below is read off by eye:

Hotline  (functional, dysfunctional):
  101 (1,5) O   102 (1,5) O   103 (1,3) A   104 (2,5) M
  105 (3,3) I   106 (5,1) R   107 (1,1) Q   108 blank
  -> A=1 O=2 M=1 I=1 R=1 Q=1, n=7, n_missing=1

Lounge:
  101 (1,4) A   102 (1,2) A   103 (1,3) A   104 (4,5) M
  105 (2,2) I   106 (3,4) I   107 (4,1) R   108 (5,5) Q
  -> A=3 O=0 M=1 I=2 R=1 Q=1, n=8, n_missing=0
"""

from __future__ import annotations

import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is used from the checkout, not installed
    sys.path.insert(0, str(ROOT))
TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:  # tests/exports.py: platform exports in their real layouts
    sys.path.insert(1, str(TESTS))

# answer texts of the source questionnaire, codes 1-5 (domain.md)
EN = {1: "I like it", 2: "It must be that way", 3: "I am neutral", 4: "I can live with it",
      5: "I dislike it"}  # fmt: skip
ZH = {1: "我喜欢", 2: "它应该是那样", 3: "我持中立态度", 4: "我可以忍受", 5: "我不喜欢"}


@dataclass(frozen=True)
class Canonical:
    ids: list[int]
    services: list[str]
    # service -> list of (functional, dysfunctional) codes, None = blank pair
    pairs: dict[str, list[tuple[int, int] | None]]
    counts: dict[str, dict[str, int]]
    n_missing: dict[str, int]

    def wide(self, name=lambda s, side: f"{s}_{side}", answer=lambda c: c) -> pd.DataFrame:
        """Wide frame; ``name(service, 'functional'|'dysfunctional')`` gives column names."""
        data: dict[str, list] = {"id": self.ids}
        for s in self.services:
            f = [None if p is None else answer(p[0]) for p in self.pairs[s]]
            d = [None if p is None else answer(p[1]) for p in self.pairs[s]]
            data[name(s, "functional")] = f
            data[name(s, "dysfunctional")] = d
        return pd.DataFrame(data)

    def long(self, answer=lambda c: c) -> pd.DataFrame:
        rows = []
        for s in self.services:
            for rid, p in zip(self.ids, self.pairs[s], strict=True):
                f, d = (None, None) if p is None else (answer(p[0]), answer(p[1]))
                rows.append({"respondent": rid, "service": s, "functional": f, "dysfunctional": d})
        return pd.DataFrame(rows)


CANONICAL = Canonical(
    ids=list(range(101, 109)),
    services=["Hotline", "Lounge"],
    pairs={
        "Hotline": [(1, 5), (1, 5), (1, 3), (2, 5), (3, 3), (5, 1), (1, 1), None],
        "Lounge": [(1, 4), (1, 2), (1, 3), (4, 5), (2, 2), (3, 4), (4, 1), (5, 5)],
    },
    counts={
        "Hotline": {"A": 1, "O": 2, "M": 1, "I": 1, "R": 1, "Q": 1},
        "Lounge": {"A": 3, "O": 0, "M": 1, "I": 2, "R": 1, "Q": 1},
    },
    n_missing={"Hotline": 1, "Lounge": 0},
)


@pytest.fixture
def canonical() -> Canonical:
    return CANONICAL


@pytest.fixture
def en_labels() -> dict[int, str]:
    return dict(EN)


@pytest.fixture
def zh_labels() -> dict[int, str]:
    return dict(ZH)


def _write_xlsx(path: Path, frame: pd.DataFrame, sheet: str = "Sheet1", extra_sheets=()):
    """Write a workbook with openpyxl directly (not through the library)."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        ws.append([None if pd.isna(v) else v for v in row])
    for name, other in extra_sheets:
        ws2 = book.create_sheet(name)
        ws2.append([str(c) for c in other.columns])
        for row in other.itertuples(index=False):
            ws2.append([None if pd.isna(v) else v for v in row])
    book.save(path)
    return path


@pytest.fixture
def write_xlsx():
    return _write_xlsx


def _cell_text(v) -> str:
    if v is None or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))  # codes written as 1, not 1.0, as exports do
    return str(v)


def _write_csv(path: Path, frame: pd.DataFrame, encoding: str = "utf-8", sep: str = ","):
    """Write CSV text with Python's own codec, so the bytes are what the test says."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=sep, lineterminator="\r\n")
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([_cell_text(v) for v in row])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


@pytest.fixture
def write_csv():
    return _write_csv


# --- issue 4 (uncertainty, continuous, segments, waves): surveys from answer pairs ---

#: One answer pair (functional, dysfunctional) per category of the standard table (domain.md).
PAIR = {"A": (1, 3), "O": (1, 5), "M": (2, 5), "I": (3, 3), "R": (5, 1), "Q": (1, 1)}


def pairs_of(counts: dict[str, int]) -> list[tuple[int, int] | None]:
    """``{"A": 2, "M": 1, "blank": 1}`` -> [(1, 3), (1, 3), (2, 5), None]."""
    out: list[tuple[int, int] | None] = []
    for cat, k in counts.items():
        out += [None if cat == "blank" else PAIR[cat]] * k
    return out


def _survey_of(services: dict[str, list | dict], extra: dict[str, list] | None = None, ids=None):
    """A KanoSurvey read from a wide frame; per service a list of code pairs (None = blank)
    or a dict of category counts for :func:`pairs_of`."""
    from kano.io.survey import read_survey

    pairs = {s: pairs_of(v) if isinstance(v, dict) else list(v) for s, v in services.items()}
    n = len(next(iter(pairs.values())))
    data: dict[str, list] = {"id": list(ids) if ids is not None else list(range(1, n + 1))}
    data.update(extra or {})
    for service, ps in pairs.items():
        assert len(ps) == n, service
        data[f"{service}_functional"] = [None if p is None else p[0] for p in ps]
        data[f"{service}_dysfunctional"] = [None if p is None else p[1] for p in ps]
    return read_survey(pd.DataFrame(data))


@pytest.fixture
def survey_of():
    return _survey_of
