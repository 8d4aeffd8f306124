"""The `kano` command: a thin Typer layer over the `kano` and `satisfaction` libraries.

Every command is registered with :func:`command`, which turns the library's
:class:`~kano.errors.KanoError` into one line on stderr and exit code 1, and any
other exception (a bug) into one line plus a log file with the traceback and
exit code 2.
"""

from __future__ import annotations

import functools
import tempfile
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import click
import typer

from kano.errors import KanoError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="KANO surveys and customer-satisfaction analysis.",
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)


def fail(message: str, code: int = 1) -> None:
    """Print ``message`` as one line on stderr and exit with ``code``."""
    typer.echo(f"Error: {' '.join(str(message).split())}", err=True)
    raise typer.Exit(code)


def command(*args, **kwargs):
    """``app.command`` with the toolkit's error conventions."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*a, **k):
            try:
                return fn(*a, **k)
            except KanoError as exc:
                fail(str(exc))
            except (typer.Exit, typer.Abort, click.exceptions.ClickException, KeyboardInterrupt):
                raise
            except Exception as exc:  # a bug: keep the traceback for the report
                log = Path(tempfile.gettempdir()) / "kano-error.log"
                log.write_text(traceback.format_exc(), encoding="utf-8")
                fail(f"internal error {type(exc).__name__}: {exc} (traceback in {log})", code=2)

        return app.command(*args, **kwargs)(wrapper)

    return decorate


# --- kano commands ---


class Lang(StrEnum):
    en = "en"
    zh = "zh"


class OnInvalid(StrEnum):
    error = "error"
    skip = "skip"


class Layout(StrEnum):
    auto = "auto"
    wide = "wide"
    long = "long"


class RuleName(StrEnum):
    max = "max"
    moai = "moai"
    berger = "berger"


SheetOpt = Annotated[
    str | None, typer.Option("--sheet", help="Workbook sheet to read (default: the first).")
]
MappingOpt = Annotated[
    Path | None,
    typer.Option(
        "--mapping",
        help="CSV/YAML/xlsx listing service,functional,dysfunctional[,importance] columns.",
    ),
]
AnswersOpt = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        help="YAML/CSV answer map for other wordings or a reversed scale, e.g. '5: like'.",
    ),
]
ScaleOpt = Annotated[
    int,
    typer.Option("--scale", help="5 (codes 1-5) or 3 (short form: 1 like, 2 neutral, 3 dislike)."),
]
LayoutOpt = Annotated[Layout, typer.Option("--layout", help="wide, long, or auto-detect.")]
LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of headers and category names.")]
OutOpt = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Output .xlsx (workbook), .csv or .json (summary only)."),
]
TableOpt = Annotated[
    str,
    typer.Option(
        "--table",
        help="Evaluation table: standard, modified, a spec like QAAAO/RIIIM/RIIIM/RIIIM/RRRRQ, "
        "or a .csv with the 5x5 letters.",
    ),
]
RuleOpt = Annotated[
    RuleName,
    typer.Option(
        "--rule",
        help="Category rule: max (most frequent), moai (M>O>A>I among close shares), "
        "berger (O+A+M vs I+R+Q first).",
    ),
]
ThresholdOpt = Annotated[
    float,
    typer.Option(
        "--threshold", help="'Close' margin for --rule moai, as a share (0.05 = 5 points)."
    ),
]
WorseOpt = Annotated[
    bool, typer.Option("--worse-positive", help="Report Worse as a positive number.")
]


def _answer_map(answers: Path | None, scale: int):
    from kano.errors import OptionError
    from kano.io.answers import AnswerMap, load_answer_map, three_point_map

    if scale not in (3, 5):
        raise OptionError(f"--scale must be 5 or 3, not {scale}")
    base = three_point_map() if scale == 3 else AnswerMap()
    return load_answer_map(answers, base) if answers else base


def _print_summary(summary, lang: str, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from kano.labels import category_label, column_label

    table = Table(title=title, show_lines=False)
    cols = [
        "service",
        "n",
        "A",
        "O",
        "M",
        "I",
        "R",
        "Q",
        "category",
        "fong_category",
        "better",
        "worse",
    ]
    for c in cols:
        table.add_column(column_label(c, lang), justify="left" if c == "service" else "right")
    for row in summary.itertuples(index=False):
        cells = []
        for c in cols:
            v = getattr(row, c)
            if c == "category":
                v = category_label(v, lang) if v else ""
            elif isinstance(v, float):
                v = f"{v:.3f}"
            cells.append(str(v))
        table.add_row(*cells)
    Console(width=160).print(table)


@command("classify")
def classify_cmd(
    survey: Annotated[Path, typer.Argument(help="Survey export (.xlsx or .csv).")],
    output: OutOpt = None,
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    mapping: MappingOpt = None,
    answers: AnswersOpt = None,
    scale: ScaleOpt = 5,
    table: TableOpt = "standard",
    rule: RuleOpt = RuleName.max,
    threshold: ThresholdOpt = 0.05,
    worse_positive: WorseOpt = False,
    on_invalid: Annotated[
        OnInvalid,
        typer.Option(
            "--on-invalid",
            help="error: stop at unreadable answers; skip: leave them out and count them.",
        ),
    ] = OnInvalid.error,
    detail: Annotated[
        bool, typer.Option("--detail", help="Add a sheet with every respondent's categories.")
    ] = False,
    lang: LangOpt = Lang.en,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the output path.")
    ] = False,
) -> None:
    """Classify a Kano survey and write the summary matrix with its statistics.

    Example: kano classify survey.xlsx --lang zh  (writes survey_kano.xlsx beside it)
    """
    from kano.classify import classify
    from kano.io.survey import read_survey
    from kano.output import check_output_path
    from kano.report import classify_sheets, method_info, summary_settings, write_summary
    from kano.stats import SummaryOptions, summarize
    from kano.tables import evaluation_table

    out = check_output_path(output or survey.with_name(f"{survey.stem}_kano.xlsx"), [survey])
    tbl = evaluation_table(table)
    options = SummaryOptions(rule=rule.value, threshold=threshold, worse_positive=worse_positive)
    data = read_survey(
        survey,
        sheet=sheet,
        layout=layout.value,
        mapping=mapping,
        answers=_answer_map(answers, scale),
        on_invalid=on_invalid.value,
    )
    summary = summarize(data, tbl, options)
    settings = summary_settings(
        tbl,
        options,
        {"sheet": sheet or "", "layout": data.layout, "mapping file": str(mapping or ""),
         "answer map": data.answer_map, "invalid answers": on_invalid.value, "language": lang.value},
    )  # fmt: skip
    method = method_info(
        {"input": survey, "mapping": mapping, "answer map file": answers}, settings
    )
    sheets = None
    if out.suffix.lower() == ".xlsx":
        sheets = classify_sheets(
            data, summary, tbl, lang.value, classify(data, tbl) if detail else None
        )
    write_summary(out, summary, sheets, method, lang.value)
    if not quiet:
        _print_summary(summary, lang.value, f"{data.source}: {len(data.functional)} respondents")
        missing = int(data.quality["n_missing"].sum())
        invalid = int(data.quality["n_invalid"].sum())
        typer.echo(
            f"Missing pairs: {missing}; invalid (skipped): {invalid}; table: {tbl.name}; rule: {rule.value}"
        )
    typer.echo(f"Wrote {out}")


@command("columns")
def columns_cmd(
    survey: Annotated[Path, typer.Argument(help="Survey export (.xlsx or .csv).")],
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    mapping: MappingOpt = None,
) -> None:
    """Show which columns would be paired for each service, before trusting results.

    Example: kano columns survey.xlsx
    """
    from rich.console import Console
    from rich.table import Table

    from kano.io.files import read_table
    from kano.io.pairing import find_pairs, read_mapping
    from kano.io.survey import long_layout_columns, read_survey

    raw = read_table(survey, sheet=sheet)
    cols = list(raw.frame.columns)
    if mapping:
        pairing = read_mapping(mapping, cols)
    elif layout.value != "wide" and long_layout_columns(cols, None):
        pairing = None
    else:
        pairing = find_pairs(cols, raw.source)
    pairs = (
        read_survey(raw, layout=layout.value, on_invalid="skip").pairing
        if pairing is None
        else pairing.pairs
    )
    table = Table(title=f"{raw.source}" + (f" ({raw.encoding})" if raw.encoding else ""))
    for c in (
        "service",
        "functional column",
        "dysfunctional column",
        "importance column",
        "found by",
    ):
        table.add_column(c)
    for row in pairs.itertuples(index=False):
        table.add_row(
            row.service,
            row.functional_column,
            row.dysfunctional_column,
            row.importance_column,
            row.found_by,
        )
    console = Console(width=200)
    console.print(table)
    if pairing is not None:
        console.print(
            f"Respondent id column: {pairing.id_column or '(none: spreadsheet row numbers are used)'}"
        )
        console.print(f"Other columns carried through: {', '.join(pairing.unused) or '(none)'}")
    for note in raw.notes:
        console.print(f"Note: {note}")


@command("summarize")
def summarize_cmd(
    counts: Annotated[
        Path, typer.Argument(help="Counts table (.xlsx/.csv): service, A, O, M, I, R, Q.")
    ],
    output: OutOpt = None,
    sheet: SheetOpt = None,
    rule: RuleOpt = RuleName.max,
    threshold: ThresholdOpt = 0.05,
    worse_positive: WorseOpt = False,
    lang: LangOpt = Lang.en,
) -> None:
    """Statistics from an aggregated counts table (published or third-party results).

    Example: kano summarize counts.csv -o counts_kano.xlsx
    """
    from kano.excel import SheetSpec
    from kano.io.files import read_table
    from kano.labels import SHEETS
    from kano.output import check_output_path
    from kano.report import localized_summary, method_info, write_summary
    from kano.stats import SummaryOptions, summarize_counts

    out = check_output_path(output or counts.with_name(f"{counts.stem}_kano.xlsx"), [counts])
    options = SummaryOptions(rule=rule.value, threshold=threshold, worse_positive=worse_positive)
    raw = read_table(counts, sheet=sheet)
    summary = summarize_counts(raw.frame, options)
    settings = {"category rule": rule.value, "rule threshold": threshold if rule.value == "moai" else "",
                "Worse sign": "positive" if worse_positive else "negative", "language": lang.value}  # fmt: skip
    method = method_info({"input": counts}, settings)
    sheets = [SheetSpec(SHEETS[lang.value]["summary"], localized_summary(summary, lang.value))]
    write_summary(out, summary, sheets, method, lang.value)
    _print_summary(summary, lang.value, raw.source)
    typer.echo(f"Wrote {out}")


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()


# --- satisfaction commands ---
# Owned by the satisfaction package (issue 3); keep edits to this section.


def _satisfaction_summary(result) -> None:
    """Print the short summary shared by ``ipa`` and ``drivers``."""
    for note in result.notes:
        typer.echo(f"Note: {note}", err=True)
    if result.drivers is not None:
        cols = ["driver", "importance", "satisfaction", "quadrant", "priority"]
        typer.echo(result.drivers[cols].to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    elif result.derived is not None:
        d = result.derived
        typer.echo(f"Outcome {d.outcome}: R² = {d.r2:.3f} ({d.n_used} complete cases)")
        cols = ["driver", "r", "johnson", "shapley", "shapley_share", "rank"]
        typer.echo(d.table[cols].to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    typer.echo(f"Wrote {result.workbook}")
    for path in result.charts:
        typer.echo(f"Wrote {path}")


@command("ipa")
def ipa_command(
    survey: Path = typer.Argument(..., help="Survey table (.xlsx or .csv)."),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Workbook to write (default: <input>_ipa.xlsx)."
    ),
    sheet: str | None = typer.Option(None, "--sheet", help="Sheet of the workbook."),
    mapping: Path | None = typer.Option(None, "--mapping", help="Column mapping (.csv/.yaml)."),
    scale: str | None = typer.Option(None, "--scale", help="Rating scale of drivers, e.g. 1-5."),
    importance: str | None = typer.Option(
        None, "--importance", help="stated (default when rated) or derived."
    ),
    outcome: str | None = typer.Option(
        None, "--outcome", help="Outcome of derived importance: overall, loyalty or a column."
    ),
    crosshair: str = typer.Option("mean", "--crosshair", help="mean, median, midpoint or X,Y."),
    by: str | None = typer.Option(None, "--by", help="Split by segment, tenure_band or a column."),
    bootstrap: int = typer.Option(0, "--bootstrap", help="Bootstrap resamples (e.g. 1000)."),
    seed: int | None = typer.Option(None, "--seed", help="Seed of the bootstrap."),
    lang: str = typer.Option("en", "--lang", help="Output language: en or zh."),
    diagonal: bool = typer.Option(False, "--diagonal", help="Draw the iso-priority diagonal."),
    zones: str | None = typer.Option(
        None, "--zones", help="Satisfaction thresholds X1,X2 of the loyalty zones."
    ),
    key_account: float = typer.Option(
        3000.0, "--key-account-spend", help="Monthly spend (yuan) above which a key account."
    ),
) -> None:
    """Importance-performance analysis of loyalty drivers (workbook + IPA map)."""
    from satisfaction.report import parse_zones, run_ipa
    from satisfaction.validate import parse_scale_option

    result = run_ipa(
        survey,
        output,
        sheet=sheet,
        mapping=mapping,
        scale=parse_scale_option(scale),
        importance=importance,
        outcome=outcome,
        crosshair=crosshair,
        by=by,
        bootstrap=bootstrap,
        seed=seed,
        lang=lang,
        diagonal=diagonal,
        zones=parse_zones(zones),
        key_account_spend=key_account,
    )
    _satisfaction_summary(result)


@command("drivers")
def drivers_command(
    survey: Path = typer.Argument(..., help="Survey table (.xlsx or .csv)."),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Workbook to write (default: <input>_drivers.xlsx)."
    ),
    sheet: str | None = typer.Option(None, "--sheet", help="Sheet of the workbook."),
    mapping: Path | None = typer.Option(None, "--mapping", help="Column mapping (.csv/.yaml)."),
    scale: str | None = typer.Option(None, "--scale", help="Rating scale of drivers, e.g. 1-5."),
    outcome: str | None = typer.Option(
        None, "--outcome", help="Outcome: overall (default), loyalty or a column."
    ),
    bootstrap: int = typer.Option(0, "--bootstrap", help="Bootstrap resamples (e.g. 1000)."),
    seed: int | None = typer.Option(None, "--seed", help="Seed of the bootstrap."),
    lang: str = typer.Option("en", "--lang", help="Output language: en or zh."),
    rated_only: bool = typer.Option(
        False, "--rated-only", help="Leave out tenure, customer traits and competitors."
    ),
) -> None:
    """Derived importance of drivers: correlation, beta, Johnson weights, Shapley/LMG."""
    from satisfaction.report import run_drivers
    from satisfaction.validate import parse_scale_option

    result = run_drivers(
        survey,
        output,
        sheet=sheet,
        mapping=mapping,
        scale=parse_scale_option(scale),
        outcome=outcome,
        bootstrap=bootstrap,
        seed=seed,
        lang=lang,
        observed=not rated_only,
    )
    _satisfaction_summary(result)
