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
    uid = os.getuid() if hasattr(os, "getuid") else None  # no user ids on Windows
    try:
        folder = Path(tempfile.gettempdir()) / f"kano-toolkit-{uid if uid is not None else 'user'}"
        folder.mkdir(mode=0o700, exist_ok=True)
        info = os.lstat(folder)
        mine = uid is None or info.st_uid == uid
        if not os.path.isdir(folder) or os.path.islink(folder) or not mine:
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
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="Text encoding of a CSV survey: utf-8, gb18030, big5, shift_jis, euc-kr … (default: detected).",
    ),
]
WeightOpt = Annotated[
    str | None,
    typer.Option(
        "--weight",
        help="Column of survey weights (a number of 0 or more per respondent): a weight of 2 counts the respondent twice; intervals use Kish's effective n.",
    ),
]


def _read_options(sheet, layout, long_columns, mapping, answers, codes, points, labels, on_invalid,
                  weight=None, encoding=None):  # fmt: skip
    from kano.jobs.options import ReadOptions

    return ReadOptions(sheet=sheet, layout=layout.value, long_columns=_long_columns(long_columns),
                       mapping=mapping, answers=answers, codes=codes.value, points=points,
                       labels=labels, on_invalid=on_invalid.value, weight=weight,
                       encoding=encoding)  # fmt: skip


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
    dpi: DpiOpt = 150, weight: WeightOpt = None, encoding: EncodingOpt = None,
    quiet: QuietOpt = False,
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
                           on_invalid, weight, encoding),
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
    encoding: EncodingOpt = None, lang: LangOpt = Lang.en, quiet: QuietOpt = False,
) -> None:  # fmt: skip
    """Show which columns would be paired for each service, before trusting results.

    Example: kano columns survey.xlsx
    """
    from kano.jobs import columns
    from kano.jobs.options import ColumnsOptions
    from kano.render.terminal import columns_lines

    read = _read_options(sheet, layout, long_columns, mapping, answers, codes, points, labels,
                         on_invalid, encoding=encoding)  # fmt: skip
    result = columns.run(ColumnsOptions(survey, read, lang.value))
    _show(columns_lines(result), result, quiet)


@command("summarize")
def summarize_cmd(
    counts: Annotated[Path, typer.Argument(help="Counts table (.xlsx/.csv): a service column and A, O, M, I, R, Q (or 魅力, 期望 …).")],
    output: OutOpt = None, sheet: SheetOpt = None, rule: RuleOpt = RuleName.max,
    threshold: ThresholdOpt = 0.05, worse_positive: WorseOpt = False,
    encoding: EncodingOpt = None, lang: LangOpt = Lang.en, quiet: QuietOpt = False,
) -> None:  # fmt: skip
    """Statistics from an aggregated counts table (published or third-party results).

    Example: kano summarize counts.csv -o counts_kano.xlsx
    """
    from kano.jobs import summarize
    from kano.jobs.options import OutputOptions, SummarizeOptions
    from kano.render.terminal import summarize_lines

    options = SummarizeOptions(counts, sheet, _stats_options("standard", rule, threshold,
                                                             worse_positive),
                               OutputOptions(output, lang.value), encoding)  # fmt: skip
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
    n_boot: BootOpt = 2000, seed: SeedOpt = 0, weight: WeightOpt = None,
    encoding: EncodingOpt = None, lang: LangOpt = Lang.en, quiet: QuietOpt = False,
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
                           on_invalid, weight, encoding),
        stats=_stats_options(table, rule, threshold), bootstrap=BootstrapOptions(n_boot, seed),
        output=OutputOptions(output, lang.value),
    )  # fmt: skip
    result = compare.run(options)
    _show(compare_lines(result), result, quiet)


# --- the satisfaction survey, read by ipa and drivers, and beside the Kano one by priority and report

SatSheetOpt = Annotated[
    str | None, typer.Option("--sat-sheet", help="Sheet of the --satisfaction file.")
]
SatMappingOpt = Annotated[
    Path | None,
    typer.Option(
        "--sat-mapping",
        help="Column mapping of the --satisfaction file (.csv/.yaml): column, role, driver, scale.",
    ),
]
SatScaleOpt = Annotated[
    str | None,
    typer.Option(
        "--sat-scale", help="Rating scale of the --satisfaction file, e.g. 1-5 (default: inferred)."
    ),
]
LinksOpt = Annotated[
    Path | None,
    typer.Option(
        "--links",
        help="CSV/YAML 'service,driver': the satisfaction driver that measures each Kano service named differently (several services may share one).",
    ),
]
SatEncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--sat-encoding", help="Text encoding of a CSV --satisfaction file (default: detected)."
    ),
]
SatWeightOpt = Annotated[
    str | None,
    typer.Option("--sat-weight", help="Column of survey weights of the --satisfaction file."),
]
MinItemsOpt = Annotated[
    int | None,
    typer.Option(
        "--min-items",
        help="Answered items a respondent needs for a multi-item driver's score (default: half of the driver's items, rounded up).",
    ),
]


#: How priority and report name the reading options of their --satisfaction file.
SAT_OPTIONS = {"sheet": "sat_sheet", "mapping": "sat_mapping", "scale": "sat_scale",
               "weight": "sat_weight", "encoding": "sat_encoding"}  # fmt: skip


def _satisfaction_part(path, sheet, mapping, scale, labels, min_items, customer_types,
                       key_account_spend, bootstrap, seed, lang, weight=None,
                       encoding=None):  # fmt: skip
    """The satisfaction side's part of a Kano job (the IPA of ``kano priority``, the
    satisfaction half of ``kano report``), built once the job has checked its outputs."""
    from satisfaction.jobs import ReportPartOptions, pending_part

    return pending_part(ReportPartOptions(
        path, sheet=sheet, mapping=mapping, scale=scale, labels=labels, min_items=min_items,
        customer_types=customer_types, key_account_spend=key_account_spend,
        bootstrap=bootstrap, seed=seed, lang=lang, weight=weight, encoding=encoding,
        option_names=SAT_OPTIONS,
    ))  # fmt: skip


@command("priority")
def priority_cmd(
    survey: Annotated[Path, typer.Argument(help="Kano survey (.xlsx, .csv, .sav).")],
    satisfaction: Annotated[Path | None, typer.Option("--satisfaction", help="Satisfaction survey with importance and satisfaction per service (default: the Kano file).")] = None,
    output: OutOpt = None, sheet: SheetOpt = None, layout: LayoutOpt = Layout.auto,
    long_columns: LongColsOpt = None, mapping: MappingOpt = None, answers: AnswersOpt = None,
    codes: CodesOpt = Codes.standard, points: PointsOpt = 5, labels: LabelsOpt = None,
    on_invalid: OnInvalidOpt = OnInvalid.error, sat_sheet: SatSheetOpt = None,
    sat_mapping: SatMappingOpt = None, sat_scale: SatScaleOpt = None,
    min_items: MinItemsOpt = None, customer_types: CustomerTypesOpt = None,
    key_account_spend: KeySpendOpt = 3000.0, table: TableOpt = "standard",
    rule: RuleOpt = RuleName.max, threshold: ThresholdOpt = 0.05,
    worse_positive: WorseOpt = False, exclude_qr: ExcludeQROpt = False,
    weight: WeightOpt = None, sat_weight: SatWeightOpt = None, links: LinksOpt = None,
    encoding: EncodingOpt = None, sat_encoding: SatEncodingOpt = None,
    lang: LangOpt = Lang.en, quiet: QuietOpt = False,
) -> None:  # fmt: skip
    """One ranked action list from Kano categories and importance-satisfaction gaps.

    Must-be services with low satisfaction first, then one-dimensional services
    with large gaps, then attractive differentiators (docs/methods.md).
    Example: kano priority kano_q3.xlsx --satisfaction sat_q3.xlsx --lang zh
    """
    from kano.jobs import priority
    from kano.jobs.options import OutputOptions
    from kano.render.terminal import priority_lines

    options = priority.PriorityOptions(
        survey, read=_read_options(sheet, layout, long_columns, mapping, answers, codes, points,
                                   labels, on_invalid, weight, encoding),
        stats=_stats_options(table, rule, threshold, worse_positive, exclude_qr),
        output=OutputOptions(output, lang.value), links=links,
    )  # fmt: skip
    part = _satisfaction_part(
        satisfaction or survey, sat_sheet if satisfaction else sheet, sat_mapping, sat_scale,
        labels, min_items, customer_types, key_account_spend, 0, 0, lang.value,
        sat_weight if satisfaction else weight, sat_encoding if satisfaction else encoding,
    )  # fmt: skip
    result = priority.run(options, part)
    _show(priority_lines(result), result, quiet)


@command("report")
def report_cmd(
    survey: Annotated[Path, typer.Argument(help="This quarter's Kano survey (.xlsx, .csv, .sav).")],
    wave: Annotated[str, typer.Option("--wave", help="Label of this quarter, e.g. 2026Q3.")] = "current",
    previous: Annotated[list[Path] | None, typer.Option("--previous", help="An earlier wave (repeat for several, oldest first).")] = None,
    previous_wave: Annotated[list[str] | None, typer.Option("--previous-wave", help="Labels of the --previous files, in order (default: file names).")] = None,
    waves_dir: Annotated[Path | None, typer.Option("--waves", help="A folder of earlier waves; each file's name is its label.")] = None,
    satisfaction: Annotated[Path | None, typer.Option("--satisfaction", help="This quarter's satisfaction survey (IPA, derived importance, NPS).")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output stem, or a name ending .xlsx or .pdf: writes STEM.xlsx, STEM.pdf, STEM_*.png (default: report_<wave> beside the survey).")] = None,
    sheet: SheetOpt = None, layout: LayoutOpt = Layout.auto, long_columns: LongColsOpt = None,
    mapping: MappingOpt = None, answers: AnswersOpt = None, codes: CodesOpt = Codes.standard,
    points: PointsOpt = 5, labels: LabelsOpt = None, on_invalid: OnInvalidOpt = OnInvalid.error,
    sat_sheet: SatSheetOpt = None, sat_mapping: SatMappingOpt = None,
    sat_scale: SatScaleOpt = None, min_items: MinItemsOpt = None,
    table: TableOpt = "standard", rule: RuleOpt = RuleName.max, threshold: ThresholdOpt = 0.05,
    worse_positive: WorseOpt = False, exclude_qr: ExcludeQROpt = False, by: ByOpt = None,
    customer_types: CustomerTypesOpt = None, key_account_spend: KeySpendOpt = 3000.0,
    n_boot: BootOpt = 2000, seed: SeedOpt = 0, dpi: DpiOpt = 150, weight: WeightOpt = None,
    sat_weight: SatWeightOpt = None, links: LinksOpt = None, encoding: EncodingOpt = None,
    sat_encoding: SatEncodingOpt = None, lang: LangOpt = Lang.en,
    quiet: Annotated[bool, _flag("--quiet", "No progress spinner; print only the files written.", "-q")] = False,
) -> None:  # fmt: skip
    """The quarterly report: a workbook and a PDF with key findings, Kano, IPA, segments and waves.

    Example: kano report q3.xlsx --previous q2.xlsx --wave 2026Q3 --satisfaction sat_q3.xlsx --lang zh -o report_2026Q3
    """
    from kano.jobs import report
    from kano.jobs.options import BootstrapOptions, OutputOptions, SegmentOptions
    from kano.render.terminal import progress, report_lines

    options = report.ReportOptions(
        survey, wave=wave,
        previous=report.earlier_waves(survey, previous or (), previous_wave or (), waves_dir),
        read=_read_options(sheet, layout, long_columns, mapping, answers, codes, points, labels,
                           on_invalid, weight, encoding),
        stats=_stats_options(table, rule, threshold, worse_positive, exclude_qr),
        bootstrap=BootstrapOptions(n_boot, seed),
        segments=SegmentOptions(by, customer_types, key_account_spend),
        output=OutputOptions(output, lang.value, dpi=dpi), links=links,
    )  # fmt: skip
    part = None if satisfaction is None else _satisfaction_part(
        satisfaction, sat_sheet, sat_mapping, sat_scale, labels, min_items, customer_types,
        key_account_spend, n_boot, seed, lang.value, sat_weight, sat_encoding)  # fmt: skip
    with progress(lang.value, quiet) as step:
        result = report.run(options, part, step)
    _show(report_lines(result), result, quiet)


# --- satisfaction commands ---

SatSurveyArg = Annotated[Path, typer.Argument(help="Satisfaction survey (.xlsx, .csv, .sav).")]
SatFileMappingOpt = Annotated[
    Path | None,
    typer.Option("--mapping", help="Column mapping (.csv/.yaml): column, role, driver, scale."),
]
RatingScaleOpt = Annotated[
    str | None,
    typer.Option("--scale", help="Rating scale of drivers, e.g. 1-5 (default: inferred)."),
]
OutcomeOpt = Annotated[
    str | None,
    typer.Option(
        "--outcome", help="Outcome of derived importance: overall (default), loyalty or a column."
    ),
]


def _show_satisfaction(result, quiet: bool) -> None:
    from kano.render.terminal import notes_lines, show, warn, written_lines
    from satisfaction.render import terminal_lines

    warn(result)
    for line in notes_lines(result):  # notes on stderr: stdout stays the table
        typer.echo(line, err=True)
    show(terminal_lines(result), quiet, written_lines(result))


@command("ipa")
def ipa_command(
    survey: SatSurveyArg,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output by suffix: .xlsx workbook and IPA map (default: <input>_ipa.xlsx), .csv the drivers table, .json every table and the method record.")] = None,
    sheet: SheetOpt = None, mapping: SatFileMappingOpt = None, scale: RatingScaleOpt = None,
    labels: LabelsOpt = None, min_items: MinItemsOpt = None,
    customer_types: CustomerTypesOpt = None, key_account_spend: KeySpendOpt = 3000.0,
    importance: Annotated[str | None, typer.Option("--importance", help="stated (default when rated) or derived.")] = None,
    outcome: OutcomeOpt = None,
    crosshair: Annotated[str, typer.Option("--crosshair", help="mean, median, midpoint or X,Y.")] = "mean",
    by: ByOpt = None, n_boot: BootOpt = 2000, seed: SeedOpt = 0,
    diagonal: Annotated[bool, _flag("--diagonal", "Draw the iso-priority diagonal.")] = False,
    zones: Annotated[str | None, typer.Option("--zones", help="Satisfaction thresholds X1,X2 of the loyalty zones.")] = None,
    weight: WeightOpt = None, encoding: EncodingOpt = None, lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
) -> None:  # fmt: skip
    """Importance-performance analysis of loyalty drivers (workbook + IPA map).

    Example: kano ipa satisfaction_q3.xlsx --by value_segment --bootstrap 1000 --seed 1 --lang zh
    """
    from satisfaction.jobs import IPAOptions, run_ipa

    result = run_ipa(IPAOptions(
        survey, output=output, sheet=sheet, mapping=mapping, scale=scale, labels=labels,
        importance=importance, outcome=outcome, crosshair=crosshair, by=by, bootstrap=n_boot,
        seed=seed, lang=lang.value, diagonal=diagonal, zones=zones,
        key_account_spend=key_account_spend, min_items=min_items, customer_types=customer_types,
        weight=weight, encoding=encoding,
    ))  # fmt: skip
    _show_satisfaction(result, quiet)


@command("drivers")
def drivers_command(
    survey: SatSurveyArg,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output by suffix: .xlsx workbook (default: <input>_drivers.xlsx), .csv the derived-importance table, .json every table and the method record.")] = None,
    sheet: SheetOpt = None, mapping: SatFileMappingOpt = None, scale: RatingScaleOpt = None,
    labels: LabelsOpt = None, min_items: MinItemsOpt = None,
    customer_types: CustomerTypesOpt = None, key_account_spend: KeySpendOpt = 3000.0,
    outcome: OutcomeOpt = None, n_boot: BootOpt = 2000, seed: SeedOpt = 0,
    rated_only: Annotated[bool, _flag("--rated-only", "Leave out the observed tenure, customer traits and competitors (declared drivers, numeric ones too, stay).")] = False,
    weight: WeightOpt = None, encoding: EncodingOpt = None, lang: LangOpt = Lang.en,
    quiet: QuietOpt = False,
) -> None:  # fmt: skip
    """Derived importance of drivers: correlation, beta, Johnson weights, Shapley/LMG.

    Example: kano drivers satisfaction_q3.xlsx --outcome loyalty --bootstrap 1000 --seed 1
    """
    from satisfaction.jobs import DriversOptions, run_drivers

    result = run_drivers(DriversOptions(
        survey, output=output, sheet=sheet, mapping=mapping, scale=scale, labels=labels,
        outcome=outcome, bootstrap=n_boot, seed=seed, lang=lang.value, rated_only=rated_only,
        min_items=min_items, customer_types=customer_types, key_account_spend=key_account_spend,
        weight=weight, encoding=encoding,
    ))  # fmt: skip
    _show_satisfaction(result, quiet)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
