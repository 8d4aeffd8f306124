"""``kano priority``: one ranked action list from the Kano categories and the IPA.

The satisfaction side's IPA arrives as a :class:`~kano.shared.jobs.ReportPart`
(its language-free table ``ipa``), built by the caller with
:func:`satisfaction.jobs.report_part`, so that this package never imports the
satisfaction one. The rule of the list: :mod:`kano.priority`, docs/methods.md §16.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kano.jobs.common import (
    check_outputs,
    input_files,
    ipa_links,
    read_settings,
    stats_settings,
)
from kano.jobs.options import OutputOptions, ReadOptions, StatsOptions
from kano.jobs.reading import read_kano
from kano.priority import priority_list
from kano.render.sheets import OUTPUT_KINDS, OUTPUT_WHAT, priority_sheets, write_output
from kano.shared.errors import OptionError
from kano.shared.jobs import JobResult, PendingPart, ReportPart, built, part_inputs
from kano.shared.output import output_kind
from kano.shared.provenance import method_record
from kano.stats import summarize
from kano.tables import evaluation_table


@dataclass(frozen=True)
class PriorityOptions:
    """``kano priority``: the Kano survey, how it is read and summarised, where the list goes
    (default ``<survey>_priority.xlsx``); ``links``: the link file of Kano services to
    satisfaction drivers named differently (:mod:`kano.io.links`)."""

    survey: Path
    read: ReadOptions = field(default_factory=ReadOptions)
    stats: StatsOptions = field(default_factory=StatsOptions)
    output: OutputOptions = field(default_factory=OutputOptions)
    links: Path | None = None

    def __post_init__(self):
        object.__setattr__(self, "survey", Path(self.survey))
        object.__setattr__(self, "links", Path(self.links) if self.links else None)

    @property
    def target(self) -> Path:
        return self.output.output or self.survey.with_name(f"{self.survey.stem}_priority.xlsx")


@dataclass(frozen=True)
class PriorityResult(JobResult):
    """A :class:`~kano.shared.jobs.JobResult`; ``tables``: ``priorities`` (tier codes) and
    ``unmatched`` (services in one table only)."""


def run(options: PriorityOptions, satisfaction: ReportPart | PendingPart) -> PriorityResult:
    """Rank the services of the Kano survey by the Kano × IPA rule and write the list.

    Raises
    ------
    OptionError
        The satisfaction part has no stated-importance IPA table, or the languages differ,
        or no service is in both surveys (the error names the services of each).
    """
    lang = options.output.lang
    out = options.target
    output_kind(out, OUTPUT_KINDS, OUTPUT_WHAT)
    files = input_files([options.survey], options.read, options.stats,
                        [("links", options.links, {})])  # fmt: skip
    check_outputs([out], [*(p for _, p, _ in files), *part_inputs(satisfaction)])
    satisfaction = built(satisfaction)
    if satisfaction.lang != lang:
        raise OptionError(f"the satisfaction part is in {satisfaction.lang!r}, the list in "
                          f"{lang!r}; build both in one language")  # fmt: skip
    inputs = [*files, *satisfaction.inputs]
    ipa = satisfaction.tables.get("ipa")
    if ipa is None or not len(ipa):
        where = next((p for role, p, _ in satisfaction.inputs if role == "satisfaction"), "")
        raise OptionError(f"{where}: the priority list needs stated importance ratings per "
                          "service (an importance column beside each satisfaction rating)")  # fmt: skip
    survey = read_kano(options.survey, options.read, lang)
    table = evaluation_table(options.stats.table)
    summary = summarize(survey, table, options.stats.summary)
    links = ipa_links(options.links, survey.services, ipa)
    priorities, unmatched = priority_list(summary, ipa, links=links)
    settings = {
        **read_settings(options.read, survey.layout, survey.answer_map),
        **stats_settings(table, options.stats),
        **dict(satisfaction.settings),
        "priority_rule": "priority_rule",
        "satisfaction_crosshair": "crosshair_mean",
        "language": lang,
    }
    notes = (*survey.notes, *satisfaction.notes)
    method = method_record(inputs, settings, notes)
    sheets = priority_sheets(priorities, unmatched, lang)
    written = write_output(out, priorities, sheets, method, lang)
    return PriorityResult(written=(written,), notes=notes, lang=lang,
                          tables={"priorities": priorities, "unmatched": unmatched})  # fmt: skip
