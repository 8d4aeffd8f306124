"""Respondent filters used in practice. Off by default; every use is recorded in the output.

* ``drop_questionable``: respondents who give more than ``max_q`` questionable
  (Q) answer pairs over the whole questionnaire are taken as inattentive and
  left out (a common screening rule, e.g. Berger et al. 1993 on Q answers as a
  sign of a misunderstood question or careless answering).
"""

from __future__ import annotations

from dataclasses import dataclass

from kano.classify import classify_codes
from kano.io.survey import KanoSurvey
from kano.shared.errors import OptionError
from kano.shared.records import Note
from kano.tables import CATEGORIES, EvaluationTable, evaluation_table

_Q = CATEGORIES.index("Q")


@dataclass(frozen=True)
class FilterResult:
    """The filtered survey, the rule's limit and how many respondents were dropped."""

    survey: KanoSurvey
    n_dropped: int
    max_q: int

    @property
    def note(self) -> Note:
        """The filter in words, for the Method and Data quality sheets."""
        return Note("questionable_filter", {"max_q": self.max_q, "n": self.n_dropped})


def drop_questionable(
    survey: KanoSurvey, max_q: int, table: str | EvaluationTable = "standard"
) -> FilterResult:
    """Leave out respondents with more than ``max_q`` Q answer pairs."""
    if max_q < 0:
        raise OptionError(f"{{opt:max_q}} must be 0 or more, not {max_q}")
    table = evaluation_table(table)
    codes = classify_codes(survey.functional.to_numpy(), survey.dysfunctional.to_numpy(), table)
    keep = (codes == _Q).sum(axis=1) <= max_q
    dropped = int((~keep).sum())
    return FilterResult(
        survey=survey.subset(keep) if dropped else survey,
        n_dropped=dropped,
        max_q=max_q,
    )
