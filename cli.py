"""The `kano` command: a thin Typer layer over the `kano` and `satisfaction` libraries.

Every command is registered with :func:`command`, which turns the library's
:class:`~kano.shared.errors.KanoError` into one line on stderr and exit code 1, and any
other exception (a bug) into one line plus a log file with the traceback and
exit code 2. Mistyped options are user errors too: :class:`_OneLineErrors`
prints click's usage errors on one line and exits 1.
"""

from __future__ import annotations

import functools
import sys
import tempfile
import traceback
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from kano.shared.errors import KanoError


class _OneLineErrors(TyperGroup):
    """Usage errors (unknown option, bad value) as one line on stderr and exit code 1."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.TyperException as exc:  # Typer's (vendored) click usage errors
            if type(exc).__name__ == "NoArgsIsHelpError":
                typer.echo(exc.ctx.get_help() if getattr(exc, "ctx", None) else "", err=True)
                sys.exit(0)
            typer.echo(f"Error: {' '.join(exc.format_message().split())}", err=True)
            sys.exit(1)
        except (typer.Abort, KeyboardInterrupt):
            typer.echo("Aborted.", err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)


app = typer.Typer(
    cls=_OneLineErrors,
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
                fail(exc.cli_message())
            except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
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


class Codes(StrEnum):
    standard = "standard"
    reversed = "reversed"


class Layout(StrEnum):
    auto = "auto"
    wide = "wide"
    long = "long"


class ChartFormat(StrEnum):
    png = "png"
    svg = "svg"
    pdf = "pdf"


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
LabelsOpt = Annotated[
    Path | None,
    typer.Option(
        "--labels",
        help="YAML/CSV label map for rating labels without a built-in scale, "
        "e.g. 'Rather important: 4' (importance, satisfaction, loyalty, NPS).",
    ),
]
CodesOpt = Annotated[
    Codes,
    typer.Option(
        "--codes",
        help="Numeric answer codes: standard (1 like ... 5 dislike) or reversed (1 dislike ... "
        "5 like, as SPSSAU writes them). Text answers are read the same either way.",
    ),
]
ScaleOpt = Annotated[
    int,
    typer.Option("--scale", help="5 (codes 1-5) or 3 (short form: 1 like, 2 neutral, 3 dislike)."),
]
LayoutOpt = Annotated[Layout, typer.Option("--layout", help="wide, long, or auto-detect.")]
LongColsOpt = Annotated[
    str | None,
    typer.Option(
        "--long-columns",
        help="Column names of a long table, e.g. 'respondent=ID,service=Item,functional=Q1,"
        "dysfunctional=Q2[,importance=Imp]'.",
    ),
]
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


def _with_suggestion(exc, inputs, lang: str, use: str):
    """``exc`` (an UnknownAnswerError) with a hint naming the suggested answer map written.

    ``use`` says how to use the map with this command.
    """
    from kano.io.answers import text_wordings, write_answer_suggestion

    if not text_wordings(exc.wordings):
        return exc.with_hint(
            "These values are not answer codes: fix those cells, or recode the numbers in an "
            f"answer map (e.g. '0: missing') and {use}"
        )
    try:
        written = write_answer_suggestion(exc, inputs, lang)
    except OSError as err:
        return exc.with_hint(
            f"The suggested answer map could not be written beside the survey "
            f"({err.strerror or err}); write the map yourself and {use}"
        )
    return (
        exc if written is None else exc.with_hint(f"Check the suggested map in {written} and {use}")
    )


_USE_ANSWERS = (
    "pass it with --answers, or use --on-invalid skip to leave these answers out "
    "(they are then counted)"
)


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


ByOpt = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Split results by a column (segment, region ...) or a derived segment: value_segment "
        "(key accounts > 3000 yuan/month, business, public) or tenure_band; tests the differences.",
    ),
]
CustomerTypesOpt = Annotated[
    str | None,
    typer.Option(
        "--customer-types",
        help="Segment of customer types the toolkit does not know, for --by value_segment: "
        "'VIP=key_account,集团=business' or a YAML/CSV file.",
    ),
]
BootOpt = Annotated[int, typer.Option("--bootstrap", help="Bootstrap resamples for CIs and tests.")]
SeedOpt = Annotated[
    int, typer.Option("--seed", help="Seed of the bootstrap (same seed, same numbers).")
]
OnInvalidOpt = Annotated[
    OnInvalid,
    typer.Option(
        "--on-invalid",
        help="error: stop at unreadable answers; skip: leave them out and count them.",
    ),
]


def _given(path: Path | None) -> list[Path]:
    return [path] if path else []


def _label_map(path: Path | None):
    from kano.shared.ratings import load_label_map

    return load_label_map(path) if path else None


def _long_columns(text: str | None) -> dict[str, str] | None:
    from kano.shared.errors import OptionError

    if not text:
        return None
    roles = {"respondent", "service", "functional", "dysfunctional", "importance"}
    out = {}
    for part in text.split(","):
        role, sep, column = part.partition("=")
        if not sep or role.strip() not in roles or not column.strip():
            raise OptionError(
                f"--long-columns: {part.strip()!r} is not role=column with a role among {', '.join(sorted(roles))}"
            )
        out[role.strip()] = column.strip()
    return out


def _read(path, sheet, layout, mapping, answers, scale, on_invalid, long_columns=None, *,
          codes: Codes = Codes.standard, inputs=(), lang: str = "en", labels=None):  # fmt: skip
    """Read a Kano survey; unknown answers write a suggested map beside it (never over ``inputs``)."""
    from kano.io.answers import answer_map
    from kano.io.survey import read_survey
    from kano.shared.errors import UnknownAnswerError

    columns = _long_columns(long_columns)
    amap = answer_map(codes=codes.value, scale=scale, extra=answers)
    try:
        return read_survey(
            path,
            sheet=sheet,
            layout="long" if columns and layout is Layout.auto else layout.value,
            mapping=mapping,
            answers=amap,
            on_invalid=on_invalid.value,
            long_columns=columns,
            labels=labels,
        )
    except UnknownAnswerError as exc:
        raise _with_suggestion(exc, [path, *inputs], lang, _USE_ANSWERS) from None


def _table_file(spec: str) -> Path | None:
    """The file of a ``--table`` given as a .csv/.xlsx path (an input too), else ``None``."""
    path = Path(spec)
    return path if path.suffix.lower() in {".csv", ".xlsx"} else None


def _unpaired_line(columns) -> str:
    shown = ", ".join(repr(c) for c in columns[:8]) + (" ..." if len(columns) > 8 else "")
    return (
        f"Not paired: {len(columns)} column(s) hold Kano answers but were not paired with a "
        f"partner ({shown}); pair them with a mapping file (--mapping)"
    )


def _reading_settings(data, sheet, mapping, on_invalid) -> dict[str, object]:
    return {"sheet": sheet or "", "layout": data.layout, "mapping file": str(mapping or ""),
            "answer map": data.answer_map, "invalid answers": on_invalid.value}  # fmt: skip


@command("classify")
def classify_cmd(
    surveys: Annotated[
        list[Path],
        typer.Argument(
            help="Survey export(s) (.xlsx, .csv, .sav); several files (cohorts, channels) are "
            "read as one survey with a 'source' column for --by."
        ),
    ],
    output: OutOpt = None,
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    long_columns: LongColsOpt = None,
    mapping: MappingOpt = None,
    answers: AnswersOpt = None,
    label_file: LabelsOpt = None,
    codes: CodesOpt = Codes.standard,
    scale: ScaleOpt = 5,
    table: TableOpt = "standard",
    rule: RuleOpt = RuleName.max,
    threshold: ThresholdOpt = 0.05,
    worse_positive: WorseOpt = False,
    on_invalid: OnInvalidOpt = OnInvalid.error,
    by: ByOpt = None,
    customer_types: CustomerTypesOpt = None,
    ci: Annotated[
        bool,
        typer.Option(
            "--ci", help="Wilson CIs of shares, bootstrap CIs of Better/Worse, category stability."
        ),
    ] = False,
    n_boot: BootOpt = 2000,
    seed: SeedOpt = 0,
    continuous: Annotated[
        bool, typer.Option("--continuous", help="DuMouchel's continuous analysis (scores, CIs).")
    ] = False,
    max_q: Annotated[
        int | None,
        typer.Option("--max-q", help="Leave out respondents with more than this many Q answers."),
    ] = None,
    exclude_qr: Annotated[
        bool,
        typer.Option("--exclude-qr", help="Shares of A, O, M, I over A+O+M+I (R and Q left out)."),
    ] = False,
    detail: Annotated[
        bool, typer.Option("--detail", help="Add a sheet with every respondent's categories.")
    ] = False,
    lang: LangOpt = Lang.en,
    charts: Annotated[
        bool,
        typer.Option(
            "--charts", help="Also write the charts as files (the workbook has native charts)."
        ),
    ] = False,
    chart_format: Annotated[
        ChartFormat,
        typer.Option("--chart-format", help="File format of --charts: png, svg or pdf."),
    ] = ChartFormat.png,
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of PNG charts.")] = 150,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Print only the output paths.")
    ] = False,
) -> None:
    """Classify a Kano survey and write the summary matrix with its statistics.

    Example: kano classify survey.xlsx --lang zh --ci --by value_segment --charts
    (writes survey_kano.xlsx beside the input, and with --charts its charts as PNG)
    """
    from kano.analysis import analyze
    from kano.labels import WARNING_WORD
    from kano.report import classify_sheets, method_info, summary_settings, write_summary
    from kano.shared.output import check_output_path
    from kano.shared.segments import derive_segments, named_segments, read_customer_types
    from kano.stats import SummaryOptions
    from kano.tables import evaluation_table

    survey = surveys[0]
    inputs = [*surveys, *(p for p in (mapping, answers, label_file, _table_file(table)) if p)]
    out = check_output_path(output or survey.with_name(f"{survey.stem}_kano.xlsx"), inputs)
    tbl = evaluation_table(table)
    options = SummaryOptions(
        rule=rule.value,
        threshold=threshold,
        worse_positive=worse_positive,
        shares_exclude_qr=exclude_qr,
    )
    from kano.io.survey import combine_surveys

    label_map = _label_map(label_file)
    data = combine_surveys(
        [(p.name, _read(p, sheet, layout, mapping, answers, scale, on_invalid, long_columns,
                        codes=codes, inputs=[mapping, answers, label_file], lang=lang.value,
                        labels=label_map))
         for p in surveys]
    )  # fmt: skip
    split = (
        derive_segments(data.extra, by, types=read_customer_types(customer_types),
                        source=data.source, rows=data.rows)
        if by else None
    )  # fmt: skip
    labels = named_segments(split, lang.value) if split else None
    result = analyze(
        data, tbl, options, ci=ci, n_boot=n_boot, seed=seed, continuous=continuous, by=labels,
        max_q=max_q, detail=detail, lang=lang.value,
    )  # fmt: skip
    settings = summary_settings(
        tbl,
        options,
        _reading_settings(data, sheet, mapping, on_invalid)
        | result.settings
        | {"language": lang.value},
    )
    files = (
        {"input": survey}
        if len(surveys) == 1
        else {f"input {k}": p for k, p in enumerate(surveys, 1)}
    )
    method = method_info(
        {**files, "mapping": mapping, "answer map file": answers, "label map file": label_file},
        settings,
    )
    is_book = out.suffix.lower() == ".xlsx"
    write_summary(
        out,
        result.summary,
        classify_sheets(result, lang.value) if is_book else None,
        method,
        lang.value,
    )
    for warning in result.warnings:
        typer.echo(f"{WARNING_WORD[lang.value]}: {warning.text(lang.value)}", err=True)
    written = [out]
    if charts and is_book:
        from kano import charts as kc
        from kano.shared.plotting import save_figure

        for name, draw in (("shares", kc.category_shares), ("better_worse", kc.better_worse_grid)):
            path = out.with_name(f"{out.stem}_{name}.{chart_format.value}")
            written.append(save_figure(draw(result.summary, lang.value), path, dpi=dpi))
    if not quiet:
        _print_summary(
            result.summary,
            lang.value,
            f"{data.source}: {len(result.survey.functional)} respondents",
        )
        missing = int(result.survey.quality["n_missing"].sum())
        invalid = int(result.survey.quality["n_invalid"].sum())
        typer.echo(
            f"Missing pairs: {missing}; invalid (skipped): {invalid}; table: {tbl.name}; rule: {rule.value}"
        )
        for note in (*data.notes, *(split.notes if split else ())):
            typer.echo(f"Note: {note}")
        if data.unpaired:
            typer.echo(_unpaired_line(data.unpaired))
        for line in (
            result.settings.get("respondent filter", None),
            *(result.segments.findings if result.segments else ()),
        ):
            if line:
                typer.echo(line)
        if ci:
            unstable = result.summary.loc[result.summary["unstable"], "service"].tolist()
            if unstable:
                typer.echo(
                    f"Unstable categories (win < 70% of resamples): {', '.join(map(str, unstable))}"
                )
    for path in written:
        typer.echo(f"Wrote {path}")


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

    from kano.io.answers import AnswerMap
    from kano.io.pairing import find_pairs, read_mapping
    from kano.io.survey import answer_columns, long_layout_columns, read_survey
    from kano.shared.files import read_table

    raw = read_table(survey, sheet=sheet)
    cols = list(raw.frame.columns)
    if mapping:
        pairing = read_mapping(mapping, cols, raw.aliases)
    elif layout.value != "wide" and long_layout_columns(cols, None):
        pairing = None
    else:
        pairing = find_pairs(cols, raw.source, answer_columns(raw, AnswerMap()))
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
        others = [c for c in pairing.unused if c not in pairing.unpaired]
        console.print(f"Other columns carried through: {', '.join(others) or '(none)'}")
        if pairing.unpaired:
            console.print(_unpaired_line(pairing.unpaired))
    for note in (*raw.notes, *(pairing.notes if pairing is not None else ())):
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
    from kano.io.counts import counts_table
    from kano.report import method_info, summary_sheet, write_summary
    from kano.shared.files import read_table
    from kano.shared.output import check_output_path
    from kano.stats import SummaryOptions, summarize_counts

    out = check_output_path(output or counts.with_name(f"{counts.stem}_kano.xlsx"), [counts])
    options = SummaryOptions(rule=rule.value, threshold=threshold, worse_positive=worse_positive)
    raw = read_table(counts, sheet=sheet)
    found = counts_table(raw)
    summary = summarize_counts(found.counts, options, source=raw.source)
    settings = {"category rule": rule.value, "rule threshold": threshold if rule.value == "moai" else "",
                "Worse sign": "positive" if worse_positive else "negative", "language": lang.value}  # fmt: skip
    method = method_info({"input": counts}, settings)
    sheets = [summary_sheet(summary, lang.value)]
    write_summary(out, summary, sheets, method, lang.value)
    _print_summary(summary, lang.value, raw.source)
    for note in found.notes:
        typer.echo(f"Note: {note}")
    typer.echo(f"Wrote {out}")


@command("compare")
def compare_cmd(
    surveys: Annotated[
        list[Path], typer.Argument(help="Two or more waves of the same survey, oldest first.")
    ],
    wave: Annotated[
        list[str] | None,
        typer.Option(
            "--wave",
            help="Label of each wave, in the same order (e.g. 2026Q2); default: file names.",
        ),
    ] = None,
    output: OutOpt = None,
    sheet: SheetOpt = None,
    layout: LayoutOpt = Layout.auto,
    long_columns: LongColsOpt = None,
    mapping: MappingOpt = None,
    answers: AnswersOpt = None,
    label_file: LabelsOpt = None,
    codes: CodesOpt = Codes.standard,
    scale: ScaleOpt = 5,
    table: TableOpt = "standard",
    rule: RuleOpt = RuleName.max,
    threshold: ThresholdOpt = 0.05,
    on_invalid: OnInvalidOpt = OnInvalid.error,
    n_boot: BootOpt = 2000,
    seed: SeedOpt = 0,
    lang: LangOpt = Lang.en,
) -> None:
    """Compare waves of a survey: per service and wave, the changes and category migrations.

    Example: kano compare q2.xlsx q3.xlsx --wave 2026Q2 --wave 2026Q3 -o waves.xlsx
    """
    from kano.compare import compare_waves
    from kano.report import compare_sheets, method_info, summary_settings, write_summary
    from kano.shared.errors import OptionError
    from kano.shared.output import check_output_path
    from kano.stats import SummaryOptions
    from kano.tables import evaluation_table

    labels = list(wave or [p.stem for p in surveys])
    if len(surveys) < 2:
        raise OptionError("compare needs at least two survey files")
    if len(labels) != len(surveys):
        raise OptionError(
            f"give one --wave label per file: {len(surveys)} files, {len(labels)} labels"
        )
    last = surveys[-1]
    out = check_output_path(
        output or last.with_name(f"{last.stem}_compare.xlsx"), [*surveys, *_given(label_file)]
    )
    if out.suffix.lower() != ".xlsx":
        raise OptionError(f"{out}: the comparison is a workbook; give an .xlsx output")
    tbl = evaluation_table(table)
    options = SummaryOptions(rule=rule.value, threshold=threshold)
    label_map = _label_map(label_file)
    read_inputs = [*surveys, mapping, answers, label_file]
    waves = [
        (label, _read(p, sheet, layout, mapping, answers, scale, on_invalid, long_columns,
                      codes=codes, inputs=read_inputs, lang=lang.value, labels=label_map))
        for label, p in zip(labels, surveys, strict=True)
    ]  # fmt: skip
    result = compare_waves(waves, tbl, options, n_boot=n_boot, seed=seed, lang=lang.value)
    settings = summary_settings(tbl, options, {"waves": ", ".join(labels), "answer map": waves[0][1].answer_map,
                                               "bootstrap resamples": n_boot,
                                               "bootstrap seed": seed, "language": lang.value,
                                               "tests": "χ² or Fisher exact per consecutive pair; BH across services"})  # fmt: skip
    inputs = {f"input {label}": p for label, p in zip(labels, surveys, strict=True)}
    inputs["label map file"] = label_file
    method = method_info(inputs, settings)
    write_summary(out, result.groups, compare_sheets(result, lang.value), method, lang.value)
    for line in result.findings:
        typer.echo(line)
    if result.unmatched is not None and len(result.unmatched):
        typer.echo(f"Services not in every wave: {', '.join(result.unmatched['service'])}")
    typer.echo(f"Wrote {out}")


@command("priority")
def priority_cmd(
    survey: Annotated[Path, typer.Argument(help="Kano survey (.xlsx or .csv).")],
    satisfaction_file: Annotated[
        Path | None,
        typer.Option(
            "--satisfaction",
            help="Satisfaction survey with importance and satisfaction per service (default: the Kano file).",
        ),
    ] = None,
    output: OutOpt = None,
    sheet: SheetOpt = None,
    mapping: MappingOpt = None,
    answers: AnswersOpt = None,
    label_file: LabelsOpt = None,
    codes: CodesOpt = Codes.standard,
    table: TableOpt = "standard",
    rule: RuleOpt = RuleName.max,
    threshold: ThresholdOpt = 0.05,
    on_invalid: OnInvalidOpt = OnInvalid.error,
    sat_sheet: Annotated[
        str | None, typer.Option("--sat-sheet", help="Sheet of the satisfaction file.")
    ] = None,
    sat_mapping: Annotated[
        Path | None, typer.Option("--sat-mapping", help="Column mapping of the satisfaction file.")
    ] = None,
    lang: LangOpt = Lang.en,
) -> None:
    """One ranked action list from Kano categories and importance-satisfaction gaps.

    Must-be services with low satisfaction first, then one-dimensional services
    with large gaps, then attractive differentiators (docs/methods.md).
    Example: kano priority kano_q3.xlsx --satisfaction sat_q3.xlsx --lang zh
    """
    from kano.priority import priority_list
    from kano.report import method_info, priority_sheets, summary_settings, write_summary
    from kano.shared.output import check_output_path
    from kano.stats import SummaryOptions, summarize
    from kano.tables import evaluation_table
    from satisfaction import ipa, load_survey

    sat_path = satisfaction_file or survey
    inputs = [survey, *_given(satisfaction_file), *_given(label_file)]
    out = check_output_path(output or survey.with_name(f"{survey.stem}_priority.xlsx"), inputs)
    tbl = evaluation_table(table)
    options = SummaryOptions(rule=rule.value, threshold=threshold)
    label_map = _label_map(label_file)
    data = _read(survey, sheet, Layout.auto, mapping, answers, 5, on_invalid, codes=codes,
                 inputs=[satisfaction_file, mapping, answers, label_file], lang=lang.value,
                 labels=label_map)  # fmt: skip
    summary = summarize(data, tbl, options)
    sat = load_survey(
        sat_path,
        sheet=sat_sheet if satisfaction_file else sheet,
        mapping=sat_mapping,
        labels=label_map,
    )
    if sat.importance is None:
        from kano.shared.errors import OptionError

        raise OptionError(
            f"{sat_path}: the priority list needs stated importance ratings per service"
        )
    result = ipa(sat, bootstrap=0)
    priorities, unmatched = priority_list(summary, result.table, lang=lang.value)
    settings = summary_settings(
        tbl, options, {"rule of the list": "docs/methods.md, Kano x IPA priority list",
                       "answer map": data.answer_map,
                       "satisfaction crosshair": "mean satisfaction of the matched services",
                       "language": lang.value},
    )  # fmt: skip
    method = method_info(
        {"Kano input": survey, "satisfaction input": satisfaction_file,
         "label map file": label_file}, settings,
    )  # fmt: skip
    write_summary(
        out, priorities, priority_sheets(priorities, unmatched, lang.value), method, lang.value
    )
    for row in priorities.itertuples():
        typer.echo(f"{row.rank:>2}. {row.service} [{row.tier}]: {row.reason}")
    if len(unmatched):
        typer.echo(f"Not in both tables: {', '.join(map(str, unmatched['service']))}")
    typer.echo(f"Wrote {out}")


@command("report")
def report_cmd(
    survey: Annotated[Path, typer.Argument(help="This quarter's Kano survey (.xlsx or .csv).")],
    wave: Annotated[
        str, typer.Option("--wave", help="Label of this quarter, e.g. 2026Q3.")
    ] = "current",
    previous: Annotated[
        list[Path] | None,
        typer.Option("--previous", help="An earlier wave (repeat for several, oldest first)."),
    ] = None,
    previous_wave: Annotated[
        list[str] | None,
        typer.Option(
            "--previous-wave", help="Labels of the --previous files (default: file names)."
        ),
    ] = None,
    waves_dir: Annotated[
        Path | None,
        typer.Option("--waves", help="A folder of earlier waves; each file's name is its label."),
    ] = None,
    satisfaction_file: Annotated[
        Path | None, typer.Option("--satisfaction", help="This quarter's satisfaction survey.")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Output stem, or a name ending .xlsx or .pdf: writes STEM.xlsx, STEM.pdf, "
            "STEM_*.png (default: report_<wave> beside the survey).",
        ),
    ] = None,
    sheet: SheetOpt = None,
    mapping: MappingOpt = None,
    label_file: LabelsOpt = None,
    table: TableOpt = "standard",
    rule: RuleOpt = RuleName.max,
    threshold: ThresholdOpt = 0.05,
    n_boot: BootOpt = 2000,
    seed: SeedOpt = 0,
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of the PNG charts.")] = 150,
    lang: LangOpt = Lang.en,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar; print only the files.")
    ] = False,
) -> None:
    """The quarterly report: a workbook and a PDF with key findings, Kano, IPA, segments and waves.

    Example: kano report q3.xlsx --previous q2.xlsx --wave 2026Q3 --satisfaction sat_q3.xlsx --lang zh -o report_2026Q3
    """
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from kano.quarterly import (
        build_report,
        chart_paths,
        findings_blocks,
        report_paths,
        report_stem,
        write_report,
    )
    from kano.shared.errors import OptionError, UnknownAnswerError
    from kano.shared.output import check_output_path
    from kano.stats import SummaryOptions

    earlier = list(previous or [])
    if waves_dir is not None:
        if not waves_dir.is_dir():
            raise OptionError(f"--waves {waves_dir}: not a folder")
        found = sorted(p for p in waves_dir.iterdir() if p.suffix.lower() in {".xlsx", ".csv"})
        earlier += [p for p in found if p.resolve() != survey.resolve()]
    labels = list(previous_wave or []) + [p.stem for p in earlier[len(previous_wave or []) :]]
    if len(labels) != len(earlier):
        raise OptionError(f"{len(labels)} --previous-wave labels for {len(earlier)} earlier files")
    stem = report_stem(output) if output else survey.with_name(f"report_{wave}")
    inputs = [survey, *earlier, *_given(satisfaction_file), *_given(label_file)]
    for path in [*report_paths(stem), *chart_paths(stem)]:
        check_output_path(path, inputs)
    options = SummaryOptions(rule=rule.value, threshold=threshold)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  disable=quiet, transient=True) as bar:  # fmt: skip
        task = bar.add_task("starting", total=None)

        def step(name: str) -> None:
            bar.update(task, description=name)

        try:
            report = build_report(
                survey, wave=wave, previous=list(zip(labels, earlier, strict=True)), satisfaction=satisfaction_file,
                lang=lang.value, table=table, options=options, n_boot=n_boot, seed=seed, sheet=sheet,
                mapping=mapping, progress=step, labels=_label_map(label_file),
            )  # fmt: skip
        except UnknownAnswerError as exc:  # the report reads the built-in wordings and codes only
            use = ("use it with kano classify, compare or priority --answers (kano report takes no "
                   "answer map yet), or fix those cells")  # fmt: skip
            raise _with_suggestion(exc, [*inputs, mapping], lang.value, use) from None
        written = write_report(report, stem, dpi=dpi, progress=step)
    if not quiet:
        for _heading, lines in findings_blocks(report):
            for line in lines:
                typer.echo(line)
    for path in written:
        typer.echo(f"Wrote {path}")


# --- satisfaction commands ---


def _satisfaction_summary(result) -> None:
    """Print the short summary shared by ``ipa`` and ``drivers`` (a JobResult)."""
    from satisfaction.render import finding_text

    for note in result.notes:
        typer.echo(f"Note: {note.text(result.lang)}", err=True)
    if "drivers" in result.tables:
        cols = ["driver", "importance", "satisfaction", "quadrant", "priority"]
        typer.echo(
            result.tables["drivers"][cols].to_string(index=False, float_format=lambda v: f"{v:.2f}")
        )
    else:
        for finding in result.findings:
            typer.echo(finding_text(finding, result.lang))
        cols = ["driver", "r", "johnson", "shapley", "shapley_share", "rank"]
        table = result.tables["derived"][cols]
        typer.echo(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    for path in result.written:
        typer.echo(f"Wrote {path}")


SatSurveyArg = Annotated[Path, typer.Argument(help="Survey table (.xlsx or .csv).")]
SatMappingOpt = Annotated[
    Path | None,
    typer.Option("--mapping", help="Column mapping (.csv/.yaml): column, role, driver, scale."),
]
RatingScaleOpt = Annotated[
    str | None,
    typer.Option("--scale", help="Rating scale of drivers, e.g. 1-5 (default: inferred)."),
]
SatBootOpt = Annotated[
    int, typer.Option("--bootstrap", help="Bootstrap resamples (default 2000); 0 for none.")
]
SatSeedOpt = Annotated[
    int, typer.Option("--seed", help="Seed of the bootstrap (same seed, same numbers).")
]
MinItemsOpt = Annotated[
    int | None,
    typer.Option(
        "--min-items",
        help="Answered items a respondent needs for a multi-item driver's score "
        "(default: half of the driver's items, rounded up).",
    ),
]


@command("ipa")
def ipa_command(
    survey: SatSurveyArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Output by suffix: .xlsx workbook and IPA map (default: <input>_ipa.xlsx), "
            ".csv the drivers table, .json every table and the method record.",
        ),
    ] = None,
    sheet: SheetOpt = None,
    mapping: SatMappingOpt = None,
    scale: RatingScaleOpt = None,
    label_file: LabelsOpt = None,
    importance: Annotated[
        str | None, typer.Option("--importance", help="stated (default when rated) or derived.")
    ] = None,
    outcome: Annotated[
        str | None,
        typer.Option(
            "--outcome", help="Outcome of derived importance: overall, loyalty or a column."
        ),
    ] = None,
    crosshair: Annotated[
        str, typer.Option("--crosshair", help="mean, median, midpoint or X,Y.")
    ] = "mean",
    by: Annotated[
        str | None, typer.Option("--by", help="Split by value_segment, tenure_band or a column.")
    ] = None,
    bootstrap: SatBootOpt = 2000,
    seed: SatSeedOpt = 0,
    lang: LangOpt = Lang.en,
    diagonal: Annotated[
        bool, typer.Option("--diagonal", help="Draw the iso-priority diagonal.")
    ] = False,
    zones: Annotated[
        str | None,
        typer.Option("--zones", help="Satisfaction thresholds X1,X2 of the loyalty zones."),
    ] = None,
    key_account: Annotated[
        float,
        typer.Option("--key-account-spend", help="Monthly spend (yuan) above which a key account."),
    ] = 3000.0,
    min_items: MinItemsOpt = None,
    customer_types: CustomerTypesOpt = None,
) -> None:
    """Importance-performance analysis of loyalty drivers (workbook + IPA map).

    Example: kano ipa satisfaction_q3.xlsx --by value_segment --bootstrap 1000 --seed 1 --lang zh
    """
    from satisfaction.jobs import IPAOptions, run_ipa

    result = run_ipa(IPAOptions(
        survey, output=output, sheet=sheet, mapping=mapping, scale=scale, labels=label_file,
        importance=importance, outcome=outcome, crosshair=crosshair, by=by, bootstrap=bootstrap,
        seed=seed, lang=lang.value, diagonal=diagonal, zones=zones, key_account_spend=key_account,
        min_items=min_items, customer_types=customer_types,
    ))  # fmt: skip
    _satisfaction_summary(result)


@command("drivers")
def drivers_command(
    survey: SatSurveyArg,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="Output by suffix: .xlsx workbook (default: <input>_drivers.xlsx), "
            ".csv the derived-importance table, .json every table and the method record.",
        ),
    ] = None,
    sheet: SheetOpt = None,
    mapping: SatMappingOpt = None,
    scale: RatingScaleOpt = None,
    label_file: LabelsOpt = None,
    outcome: Annotated[
        str | None,
        typer.Option("--outcome", help="Outcome: overall (default), loyalty or a column."),
    ] = None,
    bootstrap: SatBootOpt = 2000,
    seed: SatSeedOpt = 0,
    lang: LangOpt = Lang.en,
    rated_only: Annotated[
        bool,
        typer.Option(
            "--rated-only",
            help="Leave out the observed tenure, customer traits and competitors "
            "(declared drivers, numeric ones too, stay).",
        ),
    ] = False,
    key_account: Annotated[
        float,
        typer.Option("--key-account-spend", help="Monthly spend (yuan) above which a key account."),
    ] = 3000.0,
    min_items: MinItemsOpt = None,
    customer_types: CustomerTypesOpt = None,
) -> None:
    """Derived importance of drivers: correlation, beta, Johnson weights, Shapley/LMG.

    Example: kano drivers satisfaction_q3.xlsx --outcome loyalty --bootstrap 1000 --seed 1
    """
    from satisfaction.jobs import DriversOptions, run_drivers

    result = run_drivers(DriversOptions(
        survey, output=output, sheet=sheet, mapping=mapping, scale=scale, labels=label_file,
        outcome=outcome, bootstrap=bootstrap, seed=seed, lang=lang.value, rated_only=rated_only,
        min_items=min_items, customer_types=customer_types, key_account_spend=key_account,
    ))  # fmt: skip
    _satisfaction_summary(result)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
