"""What every Kano job records and checks: inputs, the Method settings, output paths."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from kano.jobs.options import ReadOptions, StatsOptions
from kano.shared.output import check_output_path
from kano.stats import FONG_Z
from kano.tables import EvaluationTable


def check_outputs(outputs: Iterable[Path], inputs: Iterable[Path | None]) -> None:
    """Refuse any output that is (or links to) one of the inputs, before any work."""
    files = [p for p in inputs if p is not None]
    for out in outputs:
        check_output_path(out, files)


def stats_settings(table: EvaluationTable, stats: StatsOptions) -> dict[str, object]:
    """The Method settings every Kano output records (catalogue codes ``method.<key>``)."""
    return {
        "evaluation_table": f"{table.name} ({table.compact()})",
        "category_rule": f"rule_{stats.rule}",
        "rule_threshold": stats.threshold if stats.rule == "moai" else "",
        "fong_z": FONG_Z,
        "worse_sign": "positive" if stats.worse_positive else "negative",
        **({"shares": "shares_without_qr"} if stats.exclude_qr else {}),
    }


def read_settings(read: ReadOptions, layout: str, answer_map: str) -> dict[str, object]:
    """How the survey was read, for the Method sheet."""
    return {"sheet": read.sheet or "", "layout": layout, "answer_map": answer_map,
            "invalid_answers": f"on_invalid_{read.on_invalid}"}  # fmt: skip


def input_files(surveys: Sequence[Path], read: ReadOptions, stats: StatsOptions,
                extra: Iterable[tuple[str, Path | None, dict]] = ()):  # fmt: skip
    """(role, path, params) of every input, surveys first."""
    if len(surveys) == 1:
        items = [("survey", surveys[0], {})]
    else:
        items = [("survey_k", p, {"k": k}) for k, p in enumerate(surveys, 1)]
    return [*items, *read.inputs(), ("table", stats.table_file(), {}), *extra]


def ipa_links(path: Path | None, services: Sequence[str], ipa) -> dict[str, str]:
    """The link file's Kano service -> IPA driver (none without a file). A driver may be
    named by its code or by its name in either language (the names the reports show)."""
    if path is None:
        return {}
    from kano.io.links import read_links
    from kano.shared.i18n import LANGS, has, name

    column = "driver" if "driver" in ipa else "service"
    aliases: dict[str, str] = {}
    for driver in ipa[column]:
        aliases[str(driver)] = str(driver)
        if has(f"driver.{driver}", "en"):
            aliases.update({name("driver", driver, lang): str(driver) for lang in LANGS})
    return read_links(path, services, aliases)
