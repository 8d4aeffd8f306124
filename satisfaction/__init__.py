"""Customer-satisfaction analysis: importance-performance (IPA), derived importance of the
loyalty drivers, loyalty index, NPS, satisfaction zones and segment tests.

Every function takes a :class:`Survey` (from :func:`load_survey`) or a
DataFrame with column names, and returns a result or a tidy DataFrame with
the library's column names and codes (words come from the renderers, in
English or Chinese)::

    import satisfaction as sat

    survey = sat.load_survey("satisfaction_2026Q3.xlsx")
    result = sat.ipa(survey, bootstrap=1000, seed=1)   # quadrants, gaps, priorities
    sat.ipa_map(result, lang="zh")
    sat.drivers(survey, outcome="loyalty")            # Shapley/LMG, Johnson, beta, r
    sat.nps(survey)

Names are imported on first use, so that ``import satisfaction`` is cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kano.shared.lazy import lazy_exports

_WHERE = {
    "Survey": "satisfaction.survey",
    "load_survey": "satisfaction.survey",
    "Scale": "satisfaction.validate",
    "ipa": "satisfaction.api",
    "drivers": "satisfaction.api",
    "analyze_ipa": "satisfaction.analysis",
    "IPAAnalysis": "satisfaction.analysis",
    "IPAResult": "satisfaction.quadrants",
    "DerivedImportance": "satisfaction.relative_importance",
    "nps": "satisfaction.api",
    "NPSResult": "satisfaction.loyalty",
    "loyalty_index": "satisfaction.api",
    "satisfaction_zones": "satisfaction.api",
    "compare_groups": "satisfaction.api",
    "ipa_map": "satisfaction.charts",
    "derived_importance_bars": "satisfaction.charts",
    "loyalty_by_zone": "satisfaction.charts",
    "nps_by_segment": "satisfaction.charts",
}

__all__ = [
    "DerivedImportance", "IPAAnalysis", "IPAResult", "NPSResult", "Scale", "Survey", "analyze_ipa",
    "compare_groups", "derived_importance_bars", "drivers", "ipa", "ipa_map", "load_survey",
    "loyalty_by_zone", "loyalty_index", "nps", "nps_by_segment", "satisfaction_zones",
]  # fmt: skip


__getattr__, __dir__ = lazy_exports(__name__, _WHERE, globals(), __all__)


if TYPE_CHECKING:  # for type checkers and IDEs; at run time the names come from __getattr__
    from satisfaction.analysis import IPAAnalysis, analyze_ipa
    from satisfaction.api import (
        compare_groups,
        drivers,
        ipa,
        loyalty_index,
        nps,
        satisfaction_zones,
    )
    from satisfaction.charts import (
        derived_importance_bars,
        ipa_map,
        loyalty_by_zone,
        nps_by_segment,
    )
    from satisfaction.loyalty import NPSResult
    from satisfaction.quadrants import IPAResult
    from satisfaction.relative_importance import DerivedImportance
    from satisfaction.survey import Survey, load_survey
    from satisfaction.validate import Scale
