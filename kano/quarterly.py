"""The quarterly satisfaction report: one workbook and one PDF from the survey files.

:func:`build_report` runs the analyses (Kano with intervals and segments, the
wave comparison, the IPA of the satisfaction survey, the Kano × IPA priority
list) and derives the key findings in plain words; :func:`write_report`
renders the workbook, the PDF (matplotlib's PdfPages: no browser, no LaTeX)
and every chart as a PNG file. Same inputs and seed, same numbers.
"""

from __future__ import annotations

import dataclasses
import os
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.backends.backend_pdf import PdfPages

from kano import __version__
from kano.analysis import KanoAnalysis, analyze
from kano.compare import GroupComparison, compare_waves
from kano.io.survey import KanoSurvey, read_survey
from kano.labels import CATEGORY_NAMES, column_label
from kano.render import charts
from kano.report import (
    classify_sheets,
    compare_sheets,
    method_info,
    priority_sheets,
    summary_settings,
    write_summary,
)
from kano.shared.errors import CustomerTypeError, OptionError, OutputError
from kano.shared.jobs import ReportPart
from kano.shared.plotting import save_figure, use_fonts
from kano.shared.ratings import LabelMap
from kano.shared.segments import derive_segments, named_segments
from kano.shared.workbook import SheetSpec
from kano.stats import SummaryOptions
from kano.tables import evaluation_table

Progress = Callable[[str], None]

MISSING_WARN = 0.05  # share of respondents without a complete pair
Q_WARN = 0.10  # share of questionable answers

_T = {
    "en": {
        "title": "Quarterly customer report {wave}",
        "findings": "Key findings",
        "findings_sheet": "Key findings",
        "changed": "Categories that changed since {prev}:",
        "no_change": "No service changed its Kano category significantly since {prev}.",
        "shifts": "Significant shifts in Better/Worse since {prev} (95% CI excludes 0):",
        "priorities": "Top priorities:",
        "priorities_kano": "Most harmful if missing (largest |Worse|; no satisfaction data for these services):",
        "segments": "Segment differences:",
        "quality": "Data quality:",
        "quality_ok": "No data-quality warnings.",
        "missing": "{service}: {share:.0%} of respondents without a complete answer pair",
        "qshare": "{service}: {share:.0%} questionable (Q) answers",
        "unstable": "{service}: category {cat} wins in only {stab:.0%} of bootstrap resamples",
        "invalid": "{n} unreadable answers were left out (--on-invalid skip)",
        "unpaired": "{n} column(s) hold Kano answers but were not paired and are left out of the "
        "analysis ({columns}); pair them with a mapping file (--mapping)",
        "kano": "Kano analysis",
        "ipa": "Importance × satisfaction and loyalty",
        "segments_title": "Segments",
        "waves": "Wave trends",
        "appendix": "Methods and data quality",
        "better": "Better",
        "worse": "Worse",
        "shift": "{service}: {metric} {a:.2f} → {b:.2f}",
        "n_line": "{source}: {n} respondents, {services} services",
        "tests": "Tests: Fong (α = 0.10), χ² goodness of fit; segments and waves: χ² or Fisher exact, "
        "Benjamini–Hochberg; intervals: Wilson (shares), bootstrap percentile ({boot} resamples, seed {seed}).",
        "table": "Evaluation table: {table}; category rule: {rule}.",
        "formulas": "Every formula and its source: docs/methods.md of kano-toolkit {version}.",
        "data": "Data",
        "method": "Method",
        "inputs": "Inputs",
    },
    "zh": {
        "title": "{wave} 季度客户报告",
        "findings": "主要发现",
        "findings_sheet": "关键发现",
        "changed": "与{prev}相比类别发生变化的服务：",
        "no_change": "与{prev}相比，没有服务的KANO类别发生显著变化。",
        "shifts": "与{prev}相比 Better/Worse 的显著变化(95%置信区间不含0)：",
        "priorities": "优先事项：",
        "priorities_kano": "缺失时危害最大的服务(|Worse|最大；这些服务没有满意度数据)：",
        "segments": "细分群体差异：",
        "quality": "数据质量：",
        "quality_ok": "没有数据质量警告。",
        "missing": "{service}：{share:.0%}的受访者没有完整的答案对",
        "qshare": "{service}：可疑(Q)答案占{share:.0%}",
        "unstable": "{service}：类别{cat}只在{stab:.0%}的自助抽样中胜出",
        "invalid": "{n}个无法识别的答案已被跳过(--on-invalid skip)",
        "unpaired": "{n}列含有KANO答案但未能配对, 未纳入分析({columns}); 请用映射文件(--mapping)配对",
        "kano": "KANO分析",
        "ipa": "重要性×满意度与忠诚度",
        "segments_title": "细分群体",
        "waves": "各期趋势",
        "appendix": "方法与数据质量",
        "better": "Better",
        "worse": "Worse",
        "shift": "{service}：{metric} {a:.2f} → {b:.2f}",
        "n_line": "{source}：{n}名受访者，{services}项服务",
        "tests": "检验：Fong检验(α = 0.10)、χ²拟合优度；细分群体与各期比较：χ²或Fisher精确检验，"
        "Benjamini–Hochberg校正；区间：Wilson(占比)、自助法百分位({boot}次，种子{seed})。",
        "table": "评估表：{table}；类别规则：{rule}。",
        "formulas": "全部公式及出处见 kano-toolkit {version} 的 docs/methods.md。",
        "data": "数据",
        "method": "方法",
        "inputs": "输入文件",
    },
}


@dataclass(frozen=True)
class QuarterlyReport:
    """Everything in the quarterly report, computed; nothing written yet."""

    wave: str
    lang: str
    kano: KanoAnalysis
    waves: GroupComparison | None
    ipa: ReportPart | None  # the satisfaction half (satisfaction.jobs.report_part)
    priorities: pd.DataFrame | None
    unmatched: pd.DataFrame | None
    nps_segments: pd.DataFrame | None
    findings: dict[str, list[str]]
    inputs: dict[str, Path]
    settings: dict[str, object]
    chart_files: list[Path] = field(default_factory=list)


def build_report(
    current: str | os.PathLike,
    *,
    wave: str,
    previous: Sequence[tuple[str, str | os.PathLike]] = (),
    satisfaction: str | os.PathLike | None = None,
    lang: str = "en",
    table: str = "standard",
    options: SummaryOptions | None = None,
    n_boot: int = 2000,
    seed: int = 0,
    sheet: str | None = None,
    mapping: str | os.PathLike | None = None,
    progress: Progress | None = None,
    labels: LabelMap | None = None,
) -> QuarterlyReport:
    """Run every analysis of the quarterly report.

    Parameters
    ----------
    current:
        This quarter's Kano survey.
    wave:
        Its label (e.g. ``2026Q3``).
    previous:
        Earlier waves as ``(label, path)``, oldest first.
    satisfaction:
        The satisfaction survey of the quarter (importance and satisfaction per
        driver/service, loyalty items); optional.
    labels:
        The user's rating labels and their numbers (a label map) for every
        rating column read (Kano importance, satisfaction survey).
    """
    step = progress or (lambda _name: None)
    tbl = evaluation_table(table)
    options = options or SummaryOptions()
    step("reading the Kano survey")
    survey = read_survey(current, sheet=sheet, mapping=mapping, labels=labels)
    by = _value_segments(survey, lang)
    step("Kano analysis and bootstrap")
    kano = analyze(survey, tbl, options, ci=True, n_boot=n_boot, seed=seed, continuous=True, by=by,
                   lang=lang)  # fmt: skip
    waves = None
    inputs = {f"Kano {wave}": Path(current)}
    if labels is not None and labels.path is not None:
        inputs["label map"] = labels.path
    if previous:
        step("reading earlier waves")
        earlier = [
            (label, read_survey(path, sheet=sheet, mapping=mapping, labels=labels))
            for label, path in previous
        ]
        inputs.update({f"Kano {label}": Path(path) for label, path in previous})
        step("comparing waves")
        waves = compare_waves(
            [*earlier, (wave, survey)], tbl, options, n_boot=n_boot, seed=seed, lang=lang
        )
    ipa = priorities = unmatched = nps_segments = None
    if satisfaction is not None:
        from kano.priority import priority_list
        from satisfaction.jobs import ReportPartOptions, report_part

        step("importance × satisfaction analysis")
        ipa = report_part(ReportPartOptions(satisfaction, labels=labels, bootstrap=n_boot,
                                            seed=seed, lang=lang))  # fmt: skip
        inputs["satisfaction"] = Path(satisfaction)
        if "ipa" in ipa.tables:  # stated importance
            try:
                priorities, unmatched = priority_list(kano.summary, ipa.tables["ipa"], lang=lang)
            except OptionError:  # no service in both surveys: the findings fall back to Kano alone
                priorities, unmatched = None, None
        nps_segments = ipa.tables.get("nps_segments")
    settings = summary_settings(tbl, options, {"wave": wave, "bootstrap resamples": n_boot, "bootstrap seed": seed,
                                               "language": lang, **kano.settings})  # fmt: skip
    report = QuarterlyReport(
        wave=wave, lang=lang, kano=kano, waves=waves, ipa=ipa, priorities=priorities,
        unmatched=unmatched, nps_segments=nps_segments, findings={}, inputs=inputs, settings=settings,
    )  # fmt: skip
    return _with_findings(report, n_boot, seed)


def _value_segments(survey: KanoSurvey, lang: str) -> pd.Series | None:
    """Value segments when the survey carries a spend or segment column; else no split.

    Unknown customer types and unreadable spend stop the report: they are errors
    in the data, not the absence of segments.
    """
    for by in ("value_segment", "segment", "客户类型"):
        try:
            split = derive_segments(survey.extra, by, source=survey.source, rows=survey.rows)
        except CustomerTypeError:
            raise
        except OptionError:
            continue
        labels = named_segments(split, lang)
        if labels.notna().sum() and labels.nunique() >= 2:
            return labels
    return None


def _with_findings(report: QuarterlyReport, n_boot: int, seed: int) -> QuarterlyReport:
    t = _T[report.lang]
    names = CATEGORY_NAMES[report.lang]
    findings: dict[str, list[str]] = {
        "changes": [],
        "shifts": [],
        "priorities": [],
        "segments": [],
        "quality": [],
    }
    if report.waves is not None and len(report.waves.tests):
        tests = report.waves.tests
        last = tests[tests["wave_b"] == report.wave]
        prev = str(last["wave_a"].iloc[0]) if len(last) else ""
        moved = last[last["migration_significant"]]
        colon = "：" if report.lang == "zh" else ": "
        findings["changes"] = [
            f"{r.service}{colon}{r.category_a} {names.get(r.category_a, '')} → {r.category_b} "
            f"{names.get(r.category_b, '')} (p = {r.p_adjusted:.3g})"
            for r in moved.itertuples()
        ] or [t["no_change"].format(prev=prev)]
        for metric in ("better", "worse"):
            low, high = last[f"{metric}_diff_low"], last[f"{metric}_diff_high"]
            sig = last[(low > 0) | (high < 0)]
            per_wave = report.waves.groups.set_index(["service", "wave"])[metric]
            for r in sig.itertuples():
                findings["shifts"].append(
                    t["shift"].format(
                        service=r.service,
                        metric=t[metric],
                        a=per_wave[(r.service, prev)],
                        b=per_wave[(r.service, report.wave)],
                    )  # fmt: skip
                )
    if report.priorities is not None:
        findings["priorities"] = [
            f"{r.rank}. {r.service} [{r.tier}]: {r.reason}"
            for r in report.priorities.head(5).itertuples()
        ]
    else:
        top = report.kano.summary.assign(w=report.kano.summary["worse"].abs()).nlargest(5, "w")
        findings["priorities"] = [
            f"{k}. {r.service} ({r.category}, |Worse| {r.w:.2f})"
            for k, r in enumerate(top.itertuples(), 1)
        ]
    if report.kano.segments is not None:
        findings["segments"] = list(report.kano.segments.findings)
    findings["quality"] = _quality_warnings(report.kano, t, report.lang)
    return QuarterlyReport(**{**report.__dict__, "findings": findings})


def _quality_warnings(kano: KanoAnalysis, t: dict, lang: str) -> list[str]:
    out = []
    q = kano.survey.quality
    for r in q.itertuples():
        share = r.n_missing / r.n_respondents if r.n_respondents else 0
        if share > MISSING_WARN:
            out.append(t["missing"].format(service=r.service, share=share))
    s = kano.summary
    for r in s.itertuples():
        if r.share_Q > Q_WARN:
            out.append(t["qshare"].format(service=r.service, share=r.share_Q))
        if "unstable" in s and r.unstable:
            out.append(t["unstable"].format(service=r.service, cat=r.category, stab=r.stability))
    invalid = int(q["n_invalid"].sum())
    if invalid:
        out.append(t["invalid"].format(n=invalid))
    unpaired = kano.survey.unpaired
    if unpaired:
        shown = ", ".join(unpaired[:5]) + (" …" if len(unpaired) > 5 else "")
        out.append(t["unpaired"].format(n=len(unpaired), columns=shown))
    out += [w.text(lang) for w in kano.warnings]
    if "respondent filter" in kano.settings:
        out.append(str(kano.settings["respondent filter"]))
    return out


# --- rendering ---------------------------------------------------------------


def write_report(report: QuarterlyReport, stem: str | os.PathLike, dpi: int = 150,
                 progress: Progress | None = None) -> list[Path]:  # fmt: skip
    """Write ``<stem>.xlsx``, ``<stem>.pdf`` and every chart as ``<stem>_<chart>.png``."""
    from kano.shared.output import atomic_path

    step = progress or (lambda _name: None)
    stem = Path(stem)
    drawers = _drawers(report)
    step("drawing charts")
    written = []
    for name, draw in drawers.items():
        written.append(save_figure(draw(None), stem.with_name(f"{stem.name}_{name}.png"), dpi=dpi))
    step("writing the workbook")
    images = [p for p in written if p.stem.rsplit("_", 1)[-1] in ("ipa", "derived", "zones", "nps")]
    workbook = stem.with_name(stem.name + ".xlsx")
    write_summary(workbook, report.kano.summary, _sheets(report, images),
                  method_info(report.inputs, report.settings), report.lang)  # fmt: skip
    step("writing the PDF")
    pdf = stem.with_name(stem.name + ".pdf")
    with atomic_path(pdf) as tmp:
        _write_pdf(report, drawers, tmp)
    return [workbook, pdf, *written]


#: Every chart a report may draw, written as ``<stem>_<name>.png``.
CHART_NAMES = ("shares", "better_worse", "continuous", "trend_better", "trend_worse", "ipa",
               "derived", "zones", "nps")  # fmt: skip
#: Suffixes of ``-o`` that name the report itself: ``r.xlsx`` and ``r.pdf`` mean the stem ``r``.
REPORT_SUFFIXES = (".xlsx", ".pdf")
#: Suffixes of other output types, refused rather than taken into the stem
#: (``r.csv`` would otherwise write ``r.csv.xlsx``).
OTHER_OUTPUT_SUFFIXES = (".csv", ".json", ".png", ".svg", ".xls", ".xlsm", ".ods", ".tsv",
                         ".txt", ".html", ".htm", ".docx", ".pptx", ".zip")  # fmt: skip


def report_stem(output: str | os.PathLike) -> Path:
    """The stem of the report files named by ``-o``.

    ``out/r``, ``out/r.xlsx`` and ``out/r.pdf`` all give ``out/r`` (the report
    writes ``out/r.xlsx``, ``out/r.pdf`` and ``out/r_*.png``); a suffix that is
    no output type (``out/report.2026Q3``) stays part of the stem.

    Raises
    ------
    OutputError
        The suffix is that of another output type (``.csv``, ``.json``, ``.png`` ...).
    """
    path = Path(output)
    suffix = path.suffix.lower()
    if suffix in REPORT_SUFFIXES:
        return path.with_name(path.stem)
    if suffix in OTHER_OUTPUT_SUFFIXES:
        raise OutputError(
            f"{path}: the report is a workbook and a PDF, not {path.suffix!r}; give a stem "
            "(out/report_2026Q3) or a name ending .xlsx or .pdf"
        )
    return path


def report_paths(stem: str | os.PathLike) -> list[Path]:
    """The workbook and PDF a report with this stem writes (for checks before any work)."""
    stem = Path(stem)
    return [stem.with_name(stem.name + ".xlsx"), stem.with_name(stem.name + ".pdf")]


def chart_paths(stem: str | os.PathLike) -> list[Path]:
    """Every chart PNG a report with this stem may write (for checks before any work)."""
    stem = Path(stem)
    return [stem.with_name(f"{stem.name}_{name}.png") for name in CHART_NAMES]


def _drawers(report: QuarterlyReport) -> dict[str, Callable]:
    """Each chart of the report as ``draw(ax) -> Axes`` (``ax=None`` makes its own figure)."""
    lang = report.lang
    s = report.kano.summary
    out: dict[str, Callable] = {
        "shares": lambda ax: charts.category_shares(s, lang, ax=ax),
        "better_worse": lambda ax: charts.better_worse_grid(s, lang, ax=ax),
    }
    if report.kano.continuous is not None:
        cont = report.kano.continuous.merge(s[["service", "total_strength"]], on="service")
        out["continuous"] = lambda ax: charts.continuous_plot(cont, lang, ax=ax)
    if report.waves is not None:
        groups = report.waves.groups
        out["trend_better"] = lambda ax: charts.wave_trends(groups, "better", lang, ax=ax)
        out["trend_worse"] = lambda ax: charts.wave_trends(groups, "worse", lang, ax=ax)
    if report.ipa is not None:
        out.update(report.ipa.charts)
    return out


def _sheets(report: QuarterlyReport, images: list[Path]) -> list[SheetSpec]:
    lang = report.lang
    t = _T[lang]
    lines = [line for _heading, block in findings_blocks(report) for line in block]
    findings = pd.DataFrame({column_label("finding", lang): lines})
    sheets = [SheetSpec(t["findings_sheet"], findings)]
    sheets += classify_sheets(report.kano, lang)
    if report.waves is not None:
        sheets += compare_sheets(report.waves, lang)
    if report.priorities is not None:
        sheets += priority_sheets(report.priorities, report.unmatched, lang)
    if report.ipa is not None:
        ipa_sheets = list(report.ipa.sheets)
        if images:
            ipa_sheets[0] = dataclasses.replace(ipa_sheets[0], images=images)
        sheets += ipa_sheets
    return sheets


# --- PDF ---------------------------------------------------------------------

_A4 = (8.27, 11.69)


def _write_pdf(report: QuarterlyReport, drawers: dict[str, Callable], path: Path) -> None:
    lang = report.lang
    t = _T[lang]
    use_fonts()
    with PdfPages(path, metadata=_pdf_metadata(report)) as pdf:
        _text_page(pdf, t["title"].format(wave=report.wave), findings_blocks(report), lang)
        _chart_page(pdf, t["kano"], [drawers["shares"], drawers["better_worse"]])
        _table_page(pdf, t["kano"], _summary_table(report))
        if "continuous" in drawers:
            _chart_page(pdf, t["kano"], [drawers["continuous"]])
        ipa = [drawers[k] for k in ("ipa", "derived", "zones", "nps") if k in drawers]
        for k in range(0, len(ipa), 2):
            _chart_page(pdf, t["ipa"], ipa[k : k + 2])
        if report.kano.segments is not None:
            _text_page(
                pdf,
                t["segments_title"],
                [(t["segments"], report.findings["segments"] or ["-"])],
                lang,
            )
        trend = [drawers[k] for k in ("trend_better", "trend_worse") if k in drawers]
        if trend:
            _chart_page(pdf, t["waves"], trend)
        _text_page(pdf, t["appendix"], _appendix_blocks(report), lang)


def _pdf_metadata(report: QuarterlyReport) -> dict:
    # a fixed date keeps the PDF byte-stable for the same inputs
    return {"Title": f"Quarterly report {report.wave}", "Creator": f"kano-toolkit {__version__}",
            "CreationDate": None}  # fmt: skip


def findings_blocks(report: QuarterlyReport) -> list[tuple[str, list[str]]]:
    """The key findings as (heading, lines), in the order of the report's first page."""
    t = _T[report.lang]
    f = report.findings
    blocks = []
    if report.waves is not None:
        prev = str(report.waves.tests["wave_a"].iloc[-1]) if len(report.waves.tests) else ""
        blocks.append((t["changed"].format(prev=prev), f["changes"]))
        if f["shifts"]:
            blocks.append((t["shifts"].format(prev=prev), f["shifts"]))
    blocks.append(
        (
            t["priorities"] if report.priorities is not None else t["priorities_kano"],
            f["priorities"],
        )
    )
    if f["segments"]:
        blocks.append((t["segments"], f["segments"]))
    blocks.append((t["quality"], f["quality"] or [t["quality_ok"]]))
    return blocks


def _appendix_blocks(report: QuarterlyReport) -> list[tuple[str, list[str]]]:
    t = _T[report.lang]
    k = report.kano
    q = k.survey.quality.merge(k.summary[["service", "n", "share_Q"]], on="service")
    lines = [
        t["n_line"].format(source=k.survey.source, n=len(k.survey.functional), services=len(q))
    ]
    lines += [
        f"{r.service}: n = {r.n}, missing = {r.n_missing}, invalid = {r.n_invalid}, Q = {r.share_Q:.1%}"
        for r in q.itertuples()
    ]
    method = [
        t["table"].format(table=f"{k.table.name} ({k.table.compact()})", rule=k.options.rule),
        t["tests"].format(
            boot=report.settings.get("bootstrap resamples"),
            seed=report.settings.get("bootstrap seed"),
        ),
        t["formulas"].format(version=__version__),
    ]
    inputs = [f"{label}: {path}" for label, path in report.inputs.items()]
    return [(t["method"], method), (t["data"], lines), (t["inputs"], inputs)]


def _summary_table(report: QuarterlyReport) -> pd.DataFrame:
    s = report.kano.summary
    lang = report.lang
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
        "better",
        "worse",
        "stability",
    ]
    frame = s[[c for c in cols if c in s]].copy()
    for c in ("better", "worse"):
        frame[c] = frame[c].map(lambda v: f"{v:.2f}")
    if "stability" in frame:
        frame["stability"] = frame["stability"].map(lambda v: f"{v:.0%}" if np.isfinite(v) else "")
    return frame.rename(columns=lambda c: column_label(c, lang))


def _wrap(text: str, lang: str, width: int = 95) -> list[str]:
    if lang == "zh":
        width = 48  # CJK characters are about twice as wide
    return textwrap.wrap(text, width=width, break_long_words=True) or [""]


def _text_page(pdf, title: str, blocks: list[tuple[str, list[str]]], lang: str) -> None:
    fig = plt.figure(figsize=_A4)
    y = 0.95
    fig.text(0.07, y, title, fontsize=16, weight="bold", va="top")
    y -= 0.05
    for heading, lines in blocks:
        if y < 0.08:
            pdf.savefig(fig)
            plt.close(fig)
            fig = plt.figure(figsize=_A4)
            y = 0.95
        fig.text(0.07, y, heading, fontsize=11, weight="bold", va="top")
        y -= 0.025
        for line in lines:
            for k, part in enumerate(_wrap(line, lang)):
                fig.text(
                    0.09 if k == 0 else 0.11,
                    y,
                    ("• " if k == 0 else "") + part,
                    fontsize=9,
                    va="top",
                )
                y -= 0.018
                if y < 0.05:
                    pdf.savefig(fig)
                    plt.close(fig)
                    fig = plt.figure(figsize=_A4)
                    y = 0.95
        y -= 0.015
    pdf.savefig(fig)
    plt.close(fig)


def _chart_page(pdf, title: str, drawers: list[Callable]) -> None:
    """Draw up to two charts, as vectors, on one A4 page."""
    page = plt.figure(figsize=_A4, layout="constrained")
    page.suptitle(title, fontsize=14, weight="bold", x=0.07, ha="left")
    axes = page.subplots(len(drawers), 1, squeeze=False)[:, 0]
    for draw, ax in zip(drawers, axes, strict=True):
        draw(ax)
    pdf.savefig(page)
    plt.close(page)


def _table_page(pdf, title: str, frame: pd.DataFrame) -> None:
    page = plt.figure(figsize=_A4)
    page.text(0.07, 0.97, title, fontsize=14, weight="bold", va="top")
    ax = page.add_axes([0.03, 0.05, 0.94, 0.88])
    ax.set_axis_off()
    table = ax.table(cellText=frame.astype(str).to_numpy(), colLabels=list(frame.columns), loc="upper center",
                     cellLoc="center")  # fmt: skip
    table.auto_set_font_size(False)
    table.set_fontsize(7)
    table.scale(1, 1.4)
    pdf.savefig(page)
    plt.close(page)
