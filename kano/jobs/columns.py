"""``kano columns``: which columns would be paired, before any result is trusted."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kano.io.answers import answer_map
from kano.io.pairing import Pairing, find_pairs, read_mapping
from kano.io.survey import answer_columns, long_layout_columns
from kano.jobs.options import ColumnsOptions
from kano.jobs.reading import read_kano
from kano.shared.files import RawTable, read_table
from kano.shared.jobs import JobResult


@dataclass(frozen=True)
class ColumnsResult(JobResult):
    """The pairing (``tables["pairs"]``), the table read and the pairing's details."""

    table: RawTable | None = None
    pairing: Pairing | None = None


def run(options: ColumnsOptions) -> ColumnsResult:
    """Find the column pair of every service as :func:`kano.read_survey` would."""
    read = options.read
    raw = read_table(options.survey, sheet=read.sheet, encoding=read.encoding)
    cols = list(raw.frame.columns)
    amap = answer_map(codes=read.codes, scale=read.points, extra=read.answers)
    pairing = None
    if read.mapping:
        pairing = read_mapping(read.mapping, cols, raw.aliases)
    elif read.layout != "wide" and long_layout_columns(cols, read.long_columns):
        pairs = read_kano(options.survey, read, options.lang).pairing
    else:
        pairing = find_pairs(cols, raw.source, answer_columns(raw, amap))
    if pairing is not None:
        pairs = pairing.pairs
    notes = (*raw.notes, *(pairing.notes if pairing is not None else ()))
    return ColumnsResult(written=(), tables={"pairs": pd.DataFrame(pairs)}, notes=notes,
                         lang=options.lang, table=raw, pairing=pairing)  # fmt: skip
