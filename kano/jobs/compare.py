"""``kano compare``: waves of one questionnaire, per service the changes and migrations."""

from __future__ import annotations

from dataclasses import dataclass

from kano.compare import GroupComparison, compare_waves
from kano.jobs.common import check_outputs, read_settings, stats_settings
from kano.jobs.options import CompareOptions
from kano.jobs.reading import read_kano
from kano.render.sheets import OUTPUT_KINDS, OUTPUT_WHAT, compare_sheets, write_output
from kano.shared.jobs import JobResult
from kano.shared.output import output_kind
from kano.shared.provenance import method_record
from kano.tables import evaluation_table


@dataclass(frozen=True)
class CompareResult(JobResult):
    """A :class:`~kano.shared.jobs.JobResult` with the comparison itself."""

    comparison: GroupComparison | None = None


def run(options: CompareOptions) -> CompareResult:
    """Compare the waves and write the comparison workbook."""
    lang = options.output.lang
    last = options.surveys[-1]
    out = options.output.output or last.with_name(f"{last.stem}_compare.xlsx")
    output_kind(out, OUTPUT_KINDS, OUTPUT_WHAT)
    inputs = [("wave", p, {"wave": w}) for w, p in zip(options.waves, options.surveys, strict=True)]
    inputs += [*options.read.inputs(), ("table", options.stats.table_file(), {})]
    check_outputs([out], [p for _, p, _ in inputs])
    table = evaluation_table(options.stats.table)
    waves = [(w, read_kano(p, options.read, lang))
             for w, p in zip(options.waves, options.surveys, strict=True)]  # fmt: skip
    boot = options.bootstrap
    result = compare_waves(waves, table, options.stats.summary, n_boot=boot.n_boot, seed=boot.seed)
    settings = {
        **read_settings(options.read, waves[0][1].layout, waves[0][1].answer_map),
        **stats_settings(table, options.stats),
        "waves": ", ".join(options.waves),
        "bootstrap_resamples": boot.n_boot,
        "bootstrap_seed": boot.seed,
        "wave_tests": "wave_tests_chi2_fisher_bh",
        "language": lang,
    }
    notes = tuple(n for _, s in waves for n in s.notes)
    method = method_record(inputs, settings, notes)
    written = write_output(out, result.groups, compare_sheets(result, lang), method, lang)
    return CompareResult(written=(written,), tables={"waves": result.groups, "tests": result.tests},
                         notes=notes, findings=result.findings, lang=lang,
                         comparison=result)  # fmt: skip
