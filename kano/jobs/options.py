"""Typed options of the Kano jobs, validated where they enter (scikit-learn's way).

The same option means the same thing in every job: ``read`` how a Kano survey
is read, ``stats`` how the category and the coefficients are chosen,
``bootstrap`` the resamples and their seed, ``segments`` how respondents are
split, ``output`` where and in which language results are written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from kano.shared.bounds import check_resamples, check_seed
from kano.shared.errors import OptionError
from kano.shared.files import text_encoding
from kano.shared.i18n import check_lang
from kano.stats import SummaryOptions

DPI_RANGE = (20, 1200)


def _path(value: str | Path | None) -> Path | None:
    return None if value is None or value == "" else Path(value)


@dataclass(frozen=True)
class ReadOptions:
    """How a Kano survey is read.

    ``sheet``: workbook sheet (first visible by default); ``layout``: ``auto``,
    ``wide`` or ``long``; ``long_columns``: role -> column of a long table;
    ``mapping``: pairing file; ``answers``: answer map extending the built-in
    wordings; ``codes``: ``standard`` (1 like … 5 dislike) or ``reversed``
    (SPSSAU's 1 dislike … 5 like); ``points``: 5, or 3 for the short form;
    ``labels``: label map for rating labels; ``on_invalid``: ``error`` or ``skip``;
    ``weight``: the column of survey weights (:mod:`kano.shared.weights`);
    ``encoding``: the text encoding of CSV surveys (detected by default).
    """

    sheet: str | None = None
    layout: Literal["auto", "wide", "long"] = "auto"
    long_columns: Mapping[str, str] | None = None
    mapping: Path | None = None
    answers: Path | None = None
    codes: Literal["standard", "reversed"] = "standard"
    points: int = 5
    labels: Path | None = None
    on_invalid: Literal["error", "skip"] = "error"
    weight: str | None = None
    encoding: str | None = None

    def __post_init__(self):
        for name in ("mapping", "answers", "labels"):
            object.__setattr__(self, name, _path(getattr(self, name)))
        if self.encoding is not None:
            object.__setattr__(self, "encoding", text_encoding(self.encoding))
        if self.layout not in ("auto", "wide", "long"):
            raise OptionError(f"{{opt:layout}} must be auto, wide or long, not {self.layout!r}")
        if self.codes not in ("standard", "reversed"):
            raise OptionError(f"{{opt:codes}} must be standard or reversed, not {self.codes!r}")
        if self.points not in (3, 5):
            raise OptionError(f"{{opt:points}} must be 5 or 3, not {self.points!r}")
        if self.on_invalid not in ("error", "skip"):
            raise OptionError(f"{{opt:on_invalid}} must be error or skip, not {self.on_invalid!r}")

    def inputs(self) -> list[tuple[str, Path | None, dict]]:
        """The files these options read, as (role, path, params) for the Method record."""
        return [("mapping", self.mapping, {}), ("answer_map", self.answers, {}),
                ("label_map", self.labels, {})]  # fmt: skip


@dataclass(frozen=True)
class StatsOptions:
    """The evaluation table and how a service's category and coefficients are reported."""

    table: str = "standard"
    rule: Literal["max", "moai", "berger"] = "max"
    threshold: float = 0.05
    worse_positive: bool = False
    exclude_qr: bool = False

    @property
    def summary(self) -> SummaryOptions:
        return SummaryOptions(rule=self.rule, threshold=self.threshold,
                              worse_positive=self.worse_positive,
                              shares_exclude_qr=self.exclude_qr)  # fmt: skip

    def __post_init__(self):
        self.summary  # noqa: B018 - SummaryOptions validates rule and threshold

    def table_file(self) -> Path | None:
        """The table's file when it is given as a .csv/.xlsx path (an input too)."""
        path = Path(self.table)
        return path if path.suffix.lower() in {".csv", ".xlsx"} else None


@dataclass(frozen=True)
class BootstrapOptions:
    """Resamples (0 for none where intervals are optional) and the seed of every random step."""

    n_boot: int = 2000
    seed: int = 0

    def __post_init__(self):
        check_resamples(self.n_boot)
        check_seed(self.seed)


@dataclass(frozen=True)
class SegmentOptions:
    """How respondents are split: ``by`` a column, ``value_segment`` or ``tenure_band``;
    ``customer_types`` assigns customer types the toolkit does not know
    ('VIP=key_account,…' or a YAML/CSV file); ``key_account_spend`` in yuan a month."""

    by: str | None = None
    customer_types: str | None = None
    key_account_spend: float = 3000.0

    def __post_init__(self):
        import math

        if not (math.isfinite(self.key_account_spend) and self.key_account_spend >= 0):
            raise OptionError(
                f"{{opt:key_account_spend}} must be an amount of 0 or more, "
                f"not {self.key_account_spend!r}"
            )

    def types_file(self) -> Path | None:
        """The customer-type map when it is a file (an input too)."""
        if self.customer_types and Path(self.customer_types).suffix.lower() in {
            ".yaml", ".yml", ".csv"
        }:  # fmt: skip
            return Path(self.customer_types)
        return None


@dataclass(frozen=True)
class OutputOptions:
    """Where and how results are written: ``output`` path (a default beside the input),
    ``lang`` (en or zh), chart files (``charts``, ``chart_format``, ``dpi``)."""

    output: Path | None = None
    lang: str = "en"
    charts: bool = False
    chart_format: Literal["png", "svg", "pdf"] = "png"
    dpi: int = 150

    def __post_init__(self):
        object.__setattr__(self, "output", _path(self.output))
        object.__setattr__(self, "lang", check_lang(self.lang))
        if self.chart_format not in ("png", "svg", "pdf"):
            raise OptionError(
                f"{{opt:chart_format}} must be png, svg or pdf, not {self.chart_format!r}"
            )
        low, high = DPI_RANGE
        if not isinstance(self.dpi, int) or not low <= self.dpi <= high:
            raise OptionError(f"{{opt:dpi}} must be from {low} to {high}, not {self.dpi!r}")


@dataclass(frozen=True)
class ClassifyOptions:
    """``kano classify``: one survey from one or several files (cohorts, channels)."""

    surveys: tuple[Path, ...]
    read: ReadOptions = field(default_factory=ReadOptions)
    stats: StatsOptions = field(default_factory=StatsOptions)
    bootstrap: BootstrapOptions = field(default_factory=BootstrapOptions)
    segments: SegmentOptions = field(default_factory=SegmentOptions)
    output: OutputOptions = field(default_factory=OutputOptions)
    ci: bool = False
    continuous: bool = False
    max_q: int | None = None
    detail: bool = False

    def __post_init__(self):
        object.__setattr__(self, "surveys", tuple(Path(p) for p in self.surveys))
        if not self.surveys:
            raise OptionError("give at least one survey file")
        if self.max_q is not None and self.max_q < 0:
            raise OptionError(f"{{opt:max_q}} must be 0 or more, not {self.max_q}")


@dataclass(frozen=True)
class ColumnsOptions:
    """``kano columns``: which columns would be paired."""

    survey: Path
    read: ReadOptions = field(default_factory=ReadOptions)
    lang: str = "en"

    def __post_init__(self):
        object.__setattr__(self, "lang", check_lang(self.lang))


@dataclass(frozen=True)
class SummarizeOptions:
    """``kano summarize``: statistics from a published counts table."""

    counts: Path
    sheet: str | None = None
    stats: StatsOptions = field(default_factory=StatsOptions)
    output: OutputOptions = field(default_factory=OutputOptions)
    encoding: str | None = None

    def __post_init__(self):
        if self.encoding is not None:
            object.__setattr__(self, "encoding", text_encoding(self.encoding))


@dataclass(frozen=True)
class CompareOptions:
    """``kano compare``: waves of one questionnaire, oldest first, with their labels."""

    surveys: tuple[Path, ...]
    waves: tuple[str, ...] = ()
    read: ReadOptions = field(default_factory=ReadOptions)
    stats: StatsOptions = field(default_factory=StatsOptions)
    bootstrap: BootstrapOptions = field(default_factory=BootstrapOptions)
    output: OutputOptions = field(default_factory=OutputOptions)

    def __post_init__(self):
        object.__setattr__(self, "surveys", tuple(Path(p) for p in self.surveys))
        waves = tuple(self.waves) or tuple(p.stem for p in self.surveys)
        object.__setattr__(self, "waves", waves)
        if len(self.surveys) < 2:
            raise OptionError("compare needs at least two survey files")
        if len(waves) != len(self.surveys):
            raise OptionError(
                f"give one {{opt:wave}} label per file: {len(self.surveys)} files, "
                f"{len(waves)} labels"
            )
        if len(set(waves)) != len(waves):
            raise OptionError(f"wave labels must differ: {list(waves)}")
