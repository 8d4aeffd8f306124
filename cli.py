"""The `kano` command: a thin Typer layer over the jobs of `kano` and `satisfaction`.

Each command parses its options into the job's option record, runs the job and
prints its result (:mod:`kano.render.terminal`). A library error
(:class:`~kano.shared.errors.KanoError`) is one line on stderr and exit code 1,
with options named as flags; any other exception (a bug) is one line, a
private log file with the traceback, and exit code 2. Mistyped options are
user errors too: :class:`_OneLineErrors` prints click's usage errors on one line
and exits 1.
"""

from __future__ import annotations

import functools
import os
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
            message = " ".join(exc.format_message().split()).replace("Value error, ", "")
            typer.echo(f"Error: {message}", err=True)
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


def _error_log(trace: str) -> str:
    """Save a traceback in a private file (mode 600, unique name, in a folder of this
    user's that is no link) and say where; never raises."""
    try:
        folder = Path(tempfile.gettempdir()) / f"kano-toolkit-{os.getuid()}"
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
        if not os.path.isdir(folder) or os.path.islink(folder) or info.st_uid != os.getuid():
            return "the traceback was not saved: the log folder is not this user's"
        fd, name = tempfile.mkstemp(prefix="error-", suffix=".log", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(trace)
        return f"traceback in {name}"
    except BaseException:  # the handler of a bug must not fail in turn
        return "the traceback could not be saved"


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
            except MemoryError:
                fail("out of memory: the input or the options ask for more than this machine "
                     "has; use fewer resamples or a smaller file", code=2)  # fmt: skip
            except Exception as exc:  # a bug: keep the traceback for the report
                where = _error_log(traceback.format_exc())
                fail(f"internal error {type(exc).__name__}: {exc} ({where})", code=2)

        return app.command(*args, **kwargs)(wrapper)

    return decorate


# --- the options: one declaration each, the same meaning on every command ---


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


def _flag(name: str, help: str, *more: str):
    """A yes/no flag, shown as a flag (no ``<bool>``) in help."""
    return typer.Option(name, *more, help=help, metavar="")


def _choice(name: str, help: str):
    return typer.Option(name, help=help, case_sensitive=False)


SheetOpt = Annotated[
    str | None, typer.Option("--sheet", help="Workbook sheet (default: the first visible).")
]
LayoutOpt = Annotated[Layout, _choice("--layout", "wide, long, or auto-detect.")]
LongColsOpt = Annotated[
    str | None,
    typer.Option(
        "--long-columns",
        help="Columns of a long table: 'respondent=ID,service=Item,functional=Q1,dysfunctional=Q2[,importance=Imp]'.",
    ),
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
        help="YAML/CSV answer map adding wordings to the built-in ones, e.g. 'Love it: like'.",
    ),
]
CodesOpt = Annotated[
    Codes,
    _choice(
        "--codes",
        "Numeric answer codes: standard (1 like ... 5 dislike) or reversed (1 dislike ... 5 like, as SPSSAU writes them).",
    ),
]
PointsOpt = Annotated[
    int,
    typer.Option(
        "--points",
        help="Answers per Kano question: 5, or 3 for the short form (1 like, 2 neutral, 3 dislike).",
    ),
]
LabelsOpt = Annotated[
    Path | None,
    typer.Option(
        "--labels",
        help="YAML/CSV label map for rating labels of no built-in scale, e.g. 'Rather important: 4'.",
    ),
]
OnInvalidOpt = Annotated[
    OnInvalid,
    _choice(
        "--on-invalid", "error: stop at unreadable answers; skip: leave them out and count them."
    ),
]
TableOpt = Annotated[
    str,
    typer.Option(
        "--table",
        help="Evaluation table: standard, modified, a spec like QAAAO/RIIIM/RIIIM/RIIIM/RRRRQ, or a .csv with the 5x5 letters.",
    ),
]
RuleOpt = Annotated[
    RuleName,
    _choice(
        "--rule",
        "Category rule: max (most frequent), moai (M>O>A>I among close shares), berger (O+A+M vs I+R+Q first).",
    ),
]
ThresholdOpt = Annotated[
    float,
    typer.Option(
        "--threshold", help="'Close' margin for --rule moai, as a share (0.05 = 5 points)."
    ),
]
WorseOpt = Annotated[bool, _flag("--worse-positive", "Report Worse as a positive number.")]
ExcludeQROpt = Annotated[
    bool, _flag("--exclude-qr", "Shares of A, O, M, I over A+O+M+I (R and Q left out).")
]
ByOpt = Annotated[
    str | None,
    typer.Option(
        "--by",
        help="Split results by a column (region ...), value_segment (key accounts > 3000 yuan/month, business, public) or tenure_band; tests the differences.",
    ),
]
CustomerTypesOpt = Annotated[
    str | None,
    typer.Option(
        "--customer-types",
        help="Segments of customer types the toolkit does not know, for --by value_segment: 'VIP=key_account,集团=business' or a YAML/CSV file.",
    ),
]
KeySpendOpt = Annotated[
    float,
    typer.Option(
        "--key-account-spend", help="Monthly spend (yuan) above which a customer is a key account."
    ),
]
BootOpt = Annotated[
    int,
    typer.Option(
        "--bootstrap", help="Bootstrap resamples for intervals and tests (0: none where optional)."
    ),
]
SeedOpt = Annotated[
    int, typer.Option("--seed", help="Seed of every random step (same seed, same numbers).")
]
LangOpt = Annotated[Lang, _choice("--lang", "Language of every word written: en or zh.")]
QuietOpt = Annotated[bool, _flag("--quiet", "Print only the files written.", "-q")]
OutOpt = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Output .xlsx (workbook), .csv or .json (the main table)."),
]
DpiOpt = Annotated[int, typer.Option("--dpi", help="Resolution of PNG charts (20-1200).")]


def _read_options(sheet, layout, long_columns, mapping, answers, codes, points, labels, on_invalid):
    from kano.jobs.options import ReadOptions

    return ReadOptions(sheet=sheet, layout=layout.value, long_columns=_long_columns(long_columns),
                       mapping=mapping, answers=answers, codes=codes.value, points=points,
                       labels=labels, on_invalid=on_invalid.value)  # fmt: skip


def _long_columns(text: str | None) -> dict[str, str] | None:
    from kano.shared.errors import OptionError

    if not text:
        return None
    roles = {"respondent", "service", "functional", "dysfunctional", "importance"}
    out = {}
    for part in text.split(","):
        role, sep, column = part.partition("=")
        if not sep or role.strip() not in roles or not column.strip():
            raise OptionError(f"{{opt:long_columns}}: {part.strip()!r} is not role=column with "
                              f"a role among {', '.join(sorted(roles))}")  # fmt: skip
        out[role.strip()] = column.strip()
    return out


def _stats_options(table, rule, threshold, worse_positive=False, exclude_qr=False):
    from kano.jobs.options import StatsOptions

    return StatsOptions(table=table, rule=rule.value, threshold=threshold,
                        worse_positive=worse_positive, exclude_qr=exclude_qr)  # fmt: skip


def _show(lines, result, quiet: bool) -> None:
    from kano.render.terminal import show, warn, written_lines

    warn(result)
    show(lines, quiet, written_lines(result))


# --- kano commands ---


@command("classify")
def classify_cmd(
    surveys: Annotated[list[Path], typer.Argument(help="Survey export(s) (.xlsx, .csv, .sav); several files (cohorts, channels) are one survey with a 'source' column for --by.")],
    output: OutOpt = None, sheet: SheetOpt = None, layout: LayoutOpt = Layout.auto,
    long_columns: LongColsOpt = None, mapping: MappingOpt = None, answers: AnswersOpt = None,
    codes: CodesOpt = Codes.standard, points: PointsOpt = 5, labels: LabelsOpt = None,
    on_invalid: OnInvalidOpt = OnInvalid.error, table: TableOpt = "standard",
    rule: RuleOpt = RuleName.max, threshold: ThresholdOpt = 0.05,
    worse_positive: WorseOpt = False, exclude_qr: ExcludeQROpt = False, by: ByOpt = None,
    customer_types: CustomerTypesOpt = None, key_account_spend: KeySpendOpt = 3000.0,
    ci: Annotated[bool, _flag("--ci", "Wilson CIs of shares, bootstrap CIs of Better/Worse, category stability.")] = False,
    n_boot: BootOpt = 2000, seed: SeedOpt = 0,
    continuous: Annotated[bool, _flag("--continuous", "DuMouchel's continuous analysis (scores, CIs).")] = False,
    max_q: Annotated[int | None, typer.Option("--max-q", help="Leave out respondents with more than this many Q answers.")] = None,
    detail: Annotated[bool, _flag("--detail", "Add a sheet with every respondent's categories.")] = False,
    lang: LangOpt = Lang.en,
    charts: Annotated[bool, _flag("--charts", "Also write the charts as files (the workbook has native charts).")] = False,
    chart_format: Annotated[ChartFormat, _choice("--chart-format", "File format of --charts: png, svg or pdf.")] = ChartFormat.png,
    dpi: DpiOpt = 150, quiet: QuietOpt = False,
) -> None:  # fmt: skip
    """Classify a Kano survey and write the summary matrix with its statistics.

    Example: kano classify survey.xlsx --lang zh --ci --by value_segment --charts
    (writes survey_kano.xlsx beside the input, and with --charts its charts as PNG)
    """
    from kano.jobs import classify
    from kano.jobs.options import (
        BootstrapOptions,
        ClassifyOptions,
        OutputOptions,
        SegmentOptions,  # fmt: skip
    )
    from kano.render.terminal import classify_lines

    options = ClassifyOptions(
        surveys=tuple(surveys),
        read=_read_options(sheet, layout, long_columns, mapping, answers, codes, points, labels,
                           on_invalid),
        stats=_stats_options(table, rule, threshold, worse_positive, exclude_qr),
        bootstrap=BootstrapOptions(n_boot, seed),
        segments=SegmentOptions(by, customer_types, key_account_spend),
        output=OutputOptions(output, lang.value, charts, chart_format.value, dpi),
        ci=ci, continuous=continuous, max_q=max_q, detail=detail,
    )  # fmt: skip
    result = classify.run(options)
    _show(classify_lines(result), result, quiet)


@command("columns")
def columns_cmd(
    survey: Annotated[Path, typer.Argument(help="Survey export (.xlsx, .csv, .sav).")],
    sheet: SheetOpt = None, layout: LayoutOpt = Layout.auto, long_columns: LongColsOpt = None,
    mapping: MappingOpt = None, answers: AnswersOpt = None, codes: CodesOpt = Codes.standard,
    points: PointsOpt = 5, labels: LabelsOpt = None, on_invalid: OnInvalidOpt = OnInvalid.error,
    lang: LangOpt = Lang.en, quiet: QuietOpt = False,
) -> None:  # fmt: skip
    """Show which columns would be paired for each service, before trusting results.

    Example: kano columns survey.xlsx
    """
    from kano.jobs import columns
    from kano.jobs.options import ColumnsOptions
    from kano.render.terminal import columns_lines

    read = _read_options(sheet, layout, long_columns, mapping, answers, codes, points, labels,
                         on_invalid)  # fmt: skip
    result = columns.run(ColumnsOptions(survey, read, lang.value))
    _show(columns_lines(result), result, quiet)


@command("summarize")
def summarize_cmd(
    counts: Annotated[Path, typer.Argument(help="Counts table (.xlsx/.csv): a service column and A, O, M, I, R, Q (or 魅力, 期望 …).")],
    output: OutOpt = None, sheet: SheetOpt = None, rule: RuleOpt = RuleName.max,
    threshold: ThresholdOpt = 0.05, worse_positive: WorseOpt = False,
    lang: LangOpt = Lang.en, quiet: QuietOpt = False,
) -> None:  # fmt: skip
    """Statistics from an aggregated counts table (published or third-party results).

    Example: kano summarize counts.csv -o counts_kano.xlsx
    """
    from kano.jobs import summarize
    from kano.jobs.options import OutputOptions, SummarizeOptions
    from kano.render.terminal import summarize_lines

    options = SummarizeOptions(counts, sheet, _stats_options("standard", rule, threshold,
                                                             worse_positive),
                               OutputOptions(output, lang.value))  # fmt: skip
    result = summarize.run(options)
    _show(summarize_lines(result), result, quiet)


@command("compare")
def compare_cmd(
    surveys: Annotated[list[Path], typer.Argument(help="Two or more waves of the same survey, oldest first.")],
    wave: Annotated[list[str] | None, typer.Option("--wave", help="Label of each wave, in the same order (e.g. 2026Q2); default: file names.")] = None,
    output: OutOpt = None, sheet: SheetOpt = None, layout: LayoutOpt = Layout.auto,
    long_columns: LongColsOpt = None, mapping: MappingOpt = None, answers: AnswersOpt = None,
    codes: CodesOpt = Codes.standard, points: PointsOpt = 5, labels: LabelsOpt = None,
    on_invalid: OnInvalidOpt = OnInvalid.error, table: TableOpt = "standard",
    rule: RuleOpt = RuleName.max, threshold: ThresholdOpt = 0.05,
    n_boot: BootOpt = 2000, seed: SeedOpt = 0, lang: LangOpt = Lang.en, quiet: QuietOpt = False,
) -> None:  # fmt: skip
    """Compare waves of a survey: per service and wave, the changes and category migrations.

    Example: kano compare q2.xlsx q3.xlsx --wave 2026Q2 --wave 2026Q3 -o waves.xlsx
    """
    from kano.jobs import compare
    from kano.jobs.options import BootstrapOptions, CompareOptions, OutputOptions
    from kano.render.terminal import compare_lines

    options = CompareOptions(
        surveys=tuple(surveys), waves=tuple(wave or ()),
        read=_read_options(sheet, layout, long_columns, mapping, answers, codes, points, labels,
                           on_invalid),
        stats=_stats_options(table, rule, threshold), bootstrap=BootstrapOptions(n_boot, seed),
        output=OutputOptions(output, lang.value),
    )  # fmt: skip
    result = compare.run(options)
    _show(compare_lines(result), result, quiet)


# --- (being moved to jobs) ---


def _given(path: Path | None) -> list[Path]:
    return [path] if path else []


def _label_map(path: Path | None):
    from kano.shared.ratings import load_label_map

    return load_label_map(path) if path else None


def _read(path, sheet, layout, mapping, answers, scale, on_invalid, long_columns=None, *,
          codes: Codes = Codes.standard, inputs=(), lang: str = "en", labels=None):  # fmt: skip
    from kano.jobs.reading import read_kano

    read = _read_options(sheet, layout, long_columns, mapping, answers, codes, scale,
                         labels if labels is None or isinstance(labels, Path) else None,
                         on_invalid)  # fmt: skip
    return read_kano(path, read, lang)


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
            from kano.jobs.reading import _with_suggestion

            raise _with_suggestion(exc, [*inputs, mapping], lang.value) from None
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
