"""KANO survey analysis: read paired answers, classify them through the evaluation table,
build the summary matrix and the statistics of the literature.

Every function takes a :class:`KanoSurvey` (from :func:`read_survey`) or a DataFrame
with column names and returns a tidy DataFrame or a small frozen record, with the
library's column names and codes (category letters, segment keys, finding records);
words come from the renderers, in English or Chinese::

    import kano

    survey = kano.read_survey("carrier_survey_wjx.xlsx")
    result = kano.analyze(survey, ci=True, by="value_segment", seed=1)
    result.summary                     # A O M I R Q, category, Better/Worse, CIs
    kano.better_worse_grid(result.summary, lang="zh")

Names are imported on first use, so that ``import kano`` is cheap (no pandas, scipy or
matplotlib until a function needs them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kano.shared.lazy import lazy_exports

__version__ = "0.1.0"

_WHERE = {
    # reading
    "read_survey": "kano.io.survey",
    "combine_surveys": "kano.io.survey",
    "KanoSurvey": "kano.io.survey",
    "answer_map": "kano.io.answers",
    "load_answer_map": "kano.io.answers",
    "AnswerMap": "kano.io.answers",
    "counts_table": "kano.io.counts",
    "read_table": "kano.shared.files",
    "derive_segments": "kano.shared.segments",
    # the evaluation table and classification
    "evaluation_table": "kano.tables",
    "EvaluationTable": "kano.tables",
    "classify": "kano.classification",
    # statistics
    "analyze": "kano.analysis",
    "KanoAnalysis": "kano.analysis",
    "summarize": "kano.stats",
    "summarize_counts": "kano.stats",
    "SummaryOptions": "kano.stats",
    "better_worse": "kano.stats",
    "fong_test": "kano.stats",
    "category_strength": "kano.stats",
    "wilson_intervals": "kano.uncertainty",
    "bootstrap_summary": "kano.uncertainty",
    "continuous_summary": "kano.continuous",
    "drop_questionable": "kano.filters",
    "compare_segments": "kano.compare",
    "compare_waves": "kano.compare",
    "GroupComparison": "kano.compare",
    "priority_list": "kano.priority",
    # charts
    "category_shares": "kano.render.charts",
    "better_worse_grid": "kano.render.charts",
    "continuous_plot": "kano.render.charts",
    "wave_trends": "kano.render.charts",
    # records and errors
    "Note": "kano.shared.records",
    "Finding": "kano.shared.records",
    "KanoError": "kano.shared.errors",
    "InputFileError": "kano.shared.errors",
    "PairingError": "kano.shared.errors",
    "MappingFileError": "kano.shared.errors",
    "OptionError": "kano.shared.errors",
    "OutputError": "kano.shared.errors",
    "InvalidValueError": "kano.shared.errors",
    "UnknownAnswerError": "kano.shared.errors",
}

__all__ = [
    "__version__",
    "AnswerMap",
    "EvaluationTable",
    "Finding",
    "GroupComparison",
    "InputFileError",
    "InvalidValueError",
    "KanoAnalysis",
    "KanoError",
    "KanoSurvey",
    "MappingFileError",
    "Note",
    "OptionError",
    "OutputError",
    "PairingError",
    "SummaryOptions",
    "UnknownAnswerError",
    "analyze",
    "answer_map",
    "better_worse",
    "better_worse_grid",
    "bootstrap_summary",
    "category_shares",
    "category_strength",
    "classify",
    "combine_surveys",
    "compare_segments",
    "compare_waves",
    "continuous_plot",
    "continuous_summary",
    "counts_table",
    "derive_segments",
    "drop_questionable",
    "evaluation_table",
    "fong_test",
    "load_answer_map",
    "priority_list",
    "read_survey",
    "read_table",
    "summarize",
    "summarize_counts",
    "wave_trends",
    "wilson_intervals",
]


__getattr__, __dir__ = lazy_exports(__name__, _WHERE, globals(), __all__)


if TYPE_CHECKING:  # for type checkers and IDEs; at run time the names come from __getattr__
    from kano.analysis import KanoAnalysis, analyze
    from kano.classification import classify
    from kano.compare import GroupComparison, compare_segments, compare_waves
    from kano.continuous import continuous_summary
    from kano.filters import drop_questionable
    from kano.io.answers import AnswerMap, answer_map, load_answer_map
    from kano.io.counts import counts_table
    from kano.io.survey import KanoSurvey, combine_surveys, read_survey
    from kano.priority import priority_list
    from kano.render.charts import (
        better_worse_grid,
        category_shares,
        continuous_plot,
        wave_trends,
    )
    from kano.shared.errors import (
        InputFileError,
        InvalidValueError,
        KanoError,
        MappingFileError,
        OptionError,
        OutputError,
        PairingError,
        UnknownAnswerError,
    )
    from kano.shared.files import read_table
    from kano.shared.records import Finding, Note
    from kano.shared.segments import derive_segments
    from kano.stats import (
        SummaryOptions,
        better_worse,
        category_strength,
        fong_test,
        summarize,
        summarize_counts,
    )
    from kano.tables import EvaluationTable, evaluation_table
