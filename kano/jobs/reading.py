"""Reading Kano surveys for the jobs: the answer map of the options, and a suggested
answer map written beside the survey when its wordings are unknown."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from kano.io.answers import answer_map, text_wordings
from kano.io.survey import KanoSurvey, combine_surveys, read_survey
from kano.jobs.options import ReadOptions
from kano.render.suggestion import write_answer_suggestion
from kano.shared.errors import OptionError, UnknownAnswerError
from kano.shared.ratings import load_label_map

_USE_ANSWERS = (
    "pass it with {opt:answers}, or use {opt:on_invalid} skip to leave these answers out "
    "(they are then counted)"
)


def read_kano(path: Path, read: ReadOptions, lang: str = "en") -> KanoSurvey:
    """Read one Kano survey with ``read``; unknown wordings raise with a suggestion written."""
    if read.weight is not None:  # being built (issue 11): refuse rather than ignore it
        raise OptionError("{opt:weight} is not supported yet by the Kano analyses")
    amap = answer_map(codes=read.codes, scale=read.points, extra=read.answers)
    labels = load_label_map(read.labels) if read.labels else None
    layout = "long" if read.long_columns and read.layout == "auto" else read.layout
    try:
        return read_survey(path, sheet=read.sheet, encoding=read.encoding, layout=layout,
                           mapping=read.mapping,
                           answers=amap, on_invalid=read.on_invalid,
                           long_columns=read.long_columns, labels=labels)  # fmt: skip
    except UnknownAnswerError as exc:
        inputs = [path, *(p for _, p, _ in read.inputs() if p is not None)]
        raise _with_suggestion(exc, inputs, lang) from None


def read_kano_files(paths: Iterable[Path], read: ReadOptions, lang: str = "en") -> KanoSurvey:
    """Several files of one questionnaire as one survey, with a ``source`` column."""
    return combine_surveys([(p.name, read_kano(p, read, lang)) for p in paths])


def _with_suggestion(exc: UnknownAnswerError, inputs, lang: str) -> UnknownAnswerError:
    """``exc`` with a hint naming the suggested answer map written beside the survey."""
    if not text_wordings(exc.wordings):
        return exc.with_hint(
            "These values are not answer codes: fix those cells, or recode the numbers in an "
            f"answer map (e.g. '0: missing') and {_USE_ANSWERS}"
        )
    try:
        written = write_answer_suggestion(exc, inputs, lang)
    except OSError as err:
        return exc.with_hint(
            f"The suggested answer map could not be written beside the survey "
            f"({err.strerror or err}); write the map yourself and {_USE_ANSWERS}"
        )
    if written is None:
        return exc
    return exc.with_hint(f"Check the suggested map in {written} and {_USE_ANSWERS}")
