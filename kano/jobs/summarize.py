"""``kano summarize``: the statistics of a published counts table."""

from __future__ import annotations

from kano.io.counts import counts_table
from kano.jobs.common import check_outputs
from kano.jobs.options import SummarizeOptions
from kano.render.sheets import OUTPUT_KINDS, OUTPUT_WHAT, summary_sheet, write_output
from kano.shared.files import read_table
from kano.shared.jobs import JobResult
from kano.shared.output import output_kind
from kano.shared.provenance import method_record
from kano.stats import summarize_counts


def run(options: SummarizeOptions) -> JobResult:
    """Read a counts table (any service column, English or Chinese category headers,
    percentages with an n column), compute the statistics and write them."""
    lang = options.output.lang
    out = options.output.output or options.counts.with_name(f"{options.counts.stem}_kano.xlsx")
    output_kind(out, OUTPUT_KINDS, OUTPUT_WHAT)
    check_outputs([out], [options.counts])
    raw = read_table(options.counts, sheet=options.sheet, encoding=options.encoding)
    found = counts_table(raw)
    stats = options.stats
    summary = summarize_counts(found.counts, stats.summary, source=raw.source)
    settings = {
        "category_rule": f"rule_{stats.rule}",
        "rule_threshold": stats.threshold if stats.rule == "moai" else "",
        "worse_sign": "positive" if stats.worse_positive else "negative",
        "language": lang,
    }
    method = method_record([("survey", options.counts, {})], settings, found.notes)
    written = write_output(out, summary, [summary_sheet(summary, lang)], method, lang)
    return JobResult(written=(written,), tables={"summary": summary}, notes=found.notes,
                     lang=lang)  # fmt: skip
