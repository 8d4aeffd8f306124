"""The quarterly report put into words: its workbook, its PDF and its charts.

Every chart is drawn once and saved twice from the same figure: a PNG file for
the workbook and the reader, an SVG (vectors) for the PDF. The PDF is a
:class:`kano.shared.pdf.Document` typeset by Typst: a contents page, headings,
page numbers, a PDF outline, tables within the margins and charts beside the
table they explain.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from kano import __version__
from kano.render import charts
from kano.render.findings import finding_text
from kano.render.sheets import (
    classify_sheets,
    compare_sheets,
    priority_sheets,
    priority_words,
    source_words,
    table_name,
    write_output,
)
from kano.shared.i18n import boolean, category_label, header, name, p_value, text
from kano.shared.pdf import (
    Bullets,
    Document,
    Figure,
    Heading,
    Paragraph,
    Section,
    Table,
    write_pdf,
)
from kano.shared.plotting import save_figure
from kano.shared.provenance import method_record
from kano.shared.records import Finding, note_text
from kano.shared.workbook import SheetSpec


def record_text(record: object, lang: str) -> str:
    """A finding or a note in words."""
    return finding_text(record, lang) if isinstance(record, Finding) else note_text(record, lang)


def findings_blocks(report, lang: str) -> list[tuple[str, list[str]]]:
    """The key findings as (heading, lines), in the order of the report's first page."""
    f = report.findings
    blocks = []
    if report.waves is not None:
        prev = report.previous or ""
        blocks.append((text("report.changed", lang, prev=prev),
                       [record_text(r, lang) for r in f["changes"]]))  # fmt: skip
        if f["shifts"]:
            blocks.append((text("report.shifts", lang, prev=prev),
                           [record_text(r, lang) for r in f["shifts"]]))  # fmt: skip
    key = "report.priorities" if report.priorities is not None else "report.priorities_kano"
    blocks.append((text(key, lang), [record_text(r, lang) for r in f["priorities"]]))
    if f["segments"]:
        blocks.append(
            (text("report.segments", lang), [record_text(r, lang) for r in f["segments"]])
        )
    sat = report.satisfaction
    if sat is not None and sat.finding_lines:
        blocks.append((text("report.satisfaction_findings", lang), list(sat.finding_lines)))
    quality = [record_text(r, lang) for r in f["quality"]]
    blocks.append((text("report.quality", lang), quality or [text("report.quality_ok", lang)]))
    return blocks


def drawers(report, lang: str) -> dict[str, Callable]:
    """Each chart of the report as ``draw(ax) -> Axes`` (``ax=None`` makes its own figure)."""
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
    if report.satisfaction is not None:
        out.update(report.satisfaction.charts)
    return out


def draw_charts(report, stem: Path, lang: str, dpi: int, folder: Path) -> dict[str, tuple[Path, Path]]:  # fmt: skip
    """Draw each chart once; save it as ``STEM_<name>.png`` and as an SVG in ``folder``."""
    import matplotlib.pyplot as plt

    out = {}
    for chart, draw in drawers(report, lang).items():
        ax = draw(None)
        png = stem.with_name(f"{stem.name}_{chart}.png")
        svg = folder / f"{chart}.svg"
        ax.figure.savefig(svg, format="svg")
        save_figure(ax, png, dpi=dpi)  # closes the figure
        plt.close(ax.figure)
        out[chart] = (png, svg)
    return out


def report_sheets(report, lang: str, images: list[Path]) -> list[SheetSpec]:
    """The workbook: key findings with their headings, the Kano sheets, the waves, the
    priority list, and the satisfaction side's sheets with its charts beside them."""
    rows = [(heading, line) for heading, lines in findings_blocks(report, lang) for line in lines]
    findings = pd.DataFrame(rows, columns=[header("section", lang), header("finding", lang)])
    sheets = [SheetSpec(text("report.findings_sheet", lang), findings)]
    sheets += classify_sheets(report.kano, lang)
    if report.waves is not None:
        sheets += compare_sheets(report.waves, lang)
    if report.priorities is not None:
        sheets += priority_sheets(report.priorities, report.unmatched, lang)
    if report.satisfaction is not None:
        part = list(report.satisfaction.sheets)
        if part and images:
            first = part[0]
            part[0] = SheetSpec(first.name, first.frame, first.percent, first.number_formats,
                                first.category_columns, title=first.title, images=images)  # fmt: skip
        sheets += part
    return sheets


def _kano_table(report, lang: str) -> pd.DataFrame:
    s = report.kano.summary
    cols = [c for c in ("service", "n", "A", "O", "M", "I", "R", "Q", "category", "better",
                        "worse", "stability") if c in s]  # fmt: skip
    frame = s[cols].copy()
    frame["category"] = [category_label(c, lang) if c else "" for c in frame["category"]]
    for c in ("better", "worse"):
        frame[c] = frame[c].map(lambda v: "" if pd.isna(v) else f"{v:.2f}")
    if "stability" in frame:
        frame["stability"] = frame["stability"].map(lambda v: "" if pd.isna(v) else f"{v:.0%}")
    return frame.rename(columns=lambda c: header(c, lang))


def _priority_table(report, lang: str) -> pd.DataFrame:
    words = priority_words(report.priorities, lang)
    cols = ["rank", "service", "tier", "category", "reason"]
    frame = words[cols].copy()
    frame["category"] = [category_label(c, lang) for c in frame["category"]]
    return frame.rename(columns=lambda c: header(c, lang))


def _quality_table(report, lang: str) -> pd.DataFrame:
    k = report.kano
    q = k.survey.quality.merge(k.summary[["service", "n", "share_Q"]], on="service")
    q["share_Q"] = q["share_Q"].map(lambda v: "" if pd.isna(v) else f"{v:.1%}")
    q = q[["service", "n_respondents", "n", "n_missing", "n_invalid", "share_Q"]]
    return q.rename(columns={"share_Q": "share_Q_quality"}).rename(
        columns=lambda c: header(c, lang)
    )


def _segment_table(report, lang: str) -> pd.DataFrame:
    """Per service, the category and its share in each segment, and the test of the
    difference: the evidence behind the segment findings, which the findings page words."""
    seg = report.kano.segments
    g = seg.groups
    label = (lambda v: name("segment", v, lang)) if seg.coded else str
    cells = g.assign(cell=[
        f"{category_label(c, lang)} {g.at[i, f'share_{c}']:.0%}" if c in "AOMIRQ" and c else ""
        for i, c in zip(g.index, g["category"], strict=True)
    ])  # fmt: skip
    wide = cells.pivot(index="service", columns="group", values="cell")
    wide = wide.reindex(index=pd.unique(g["service"]), columns=pd.unique(g["group"]))
    wide.columns = [label(c) for c in wide.columns]
    tests = seg.tests[seg.tests["group_a"] == "all"].set_index("service")
    wide[header("p_adjusted", lang)] = [
        p_value(tests.at[s, "p_adjusted"], lang) for s in wide.index
    ]
    wide[header("significant", lang)] = [
        boolean(tests.at[s, "significant"], lang) for s in wide.index
    ]
    return wide.rename_axis(header("service", lang)).reset_index()


def _segment_block(report, lang: str) -> Table:
    frame = _segment_table(report, lang)
    return Table(frame, widths=(2, *[1.3] * (frame.shape[1] - 3), 1, 0.8))


def _fig(files, chart: str, lang: str, width: float = 1.0) -> list[Figure]:
    if chart not in files:
        return []
    return [Figure(files[chart][1], text(f"report.figure_{chart}", lang), width)]


def report_document(report, lang: str, files: dict[str, tuple[Path, Path]]) -> Document:
    """The PDF: the key findings, the Kano analysis, the priority list, importance ×
    satisfaction, segments, wave trends, and methods and data quality."""
    sections = [Section(text("report.findings", lang), tuple(
        block for heading, lines in findings_blocks(report, lang)
        for block in (Heading(heading.rstrip(":：")), Bullets(tuple(lines)))
    ))]  # fmt: skip
    widths = (3, 0.9, *[0.75] * 6, 1.5, 1, 1, 1.1)  # the category needs its word: M 必备
    kano = [Table(_kano_table(report, lang), text("sheet.summary", lang), widths),
            *_fig(files, "better_worse", lang, 0.85), *_fig(files, "shares", lang),
            *_fig(files, "continuous", lang, 0.85)]  # fmt: skip
    sections.append(Section(text("report.kano", lang), tuple(kano)))
    if report.priorities is not None:
        sections.append(Section(text("sheet.priority", lang),
                                (Table(_priority_table(report, lang), "", (1, 3, 2, 2, 6)),)))  # fmt: skip
    sat = report.satisfaction
    if sat is not None:
        blocks = [Table(frame, title) for title, frame in sat.pdf_tables]
        for chart in sat.charts:
            blocks += _fig(files, chart, lang, 0.85)
        sections.append(Section(text("report.ipa", lang), tuple(blocks)))
    seg = report.findings["segments"]
    seg_blocks = (
        (Paragraph(text("report.segments_pointer", lang)), _segment_block(report, lang))
        if seg
        else (
            Paragraph(
                text(
                    "report.no_segments"
                    if report.kano.segments is None
                    else "report.no_segment_findings",
                    lang,
                )
            ),
        )  # fmt: skip
    )
    sections.append(Section(text("report.segments_title", lang), seg_blocks))
    if report.waves is not None:
        sections.append(Section(text("report.waves", lang), (
            *_fig(files, "trend_better", lang, 0.85), *_fig(files, "trend_worse", lang, 0.85),
        )))  # fmt: skip
    k = report.kano
    method = [
        text("report.table", lang, table=f"{table_name(k.table, lang)} ({k.table.compact()})",
             rule=text(f"value.rule_{k.options.rule}", lang)),
        text("report.tests", lang, boot=report.settings.get("bootstrap_resamples"),
             seed=report.settings.get("bootstrap_seed")),
        text("report.formulas", lang, version=__version__),
    ]  # fmt: skip
    data_line = text("report.n_line", lang, source=source_words(k.survey, lang), n=len(k.survey.functional),
                     services=len(k.summary))  # fmt: skip
    inputs = [f"{_input_label(role, params, lang)}: {path}" for role, path, params in report.inputs
              if path is not None]  # fmt: skip
    sections.append(Section(text("report.appendix", lang), (
        Paragraph(text("report.method", lang)), Bullets(tuple(method)),
        Paragraph(text("report.data", lang)), Paragraph(data_line),
        Table(_quality_table(report, lang)),
        Paragraph(text("report.inputs", lang)), Bullets(tuple(inputs)),
    )))  # fmt: skip
    return Document(
        title=text("report.title", lang, wave=report.wave),
        subtitle=source_words(k.survey, lang),
        sections=tuple(sections),
        contents=text("report.contents", lang),
        lang=lang,
    )


def _input_label(role: str, params, lang: str) -> str:
    from kano.shared.i18n import has

    key = f"method.input.{role}"
    return text(key, lang, **params) if has(key, lang) else role


def write_report(report, stem: Path, lang: str, dpi: int = 150,
                 progress: Callable[[str], None] | None = None) -> list[Path]:  # fmt: skip
    """Write ``STEM.xlsx``, ``STEM.pdf`` and every chart as ``STEM_<chart>.png``."""
    step = progress or (lambda _name: None)
    stem = Path(stem)
    with tempfile.TemporaryDirectory(prefix="kano-charts-") as tmp:
        step("draw_charts")
        files = draw_charts(report, stem, lang, dpi, Path(tmp))
        step("write_workbook")
        sat_charts = set(report.satisfaction.charts) if report.satisfaction is not None else set()
        images = [png for chart, (png, _svg) in files.items() if chart in sat_charts]
        workbook = stem.with_name(stem.name + ".xlsx")
        notes = [*report.kano.survey.notes,
                 *(report.satisfaction.notes if report.satisfaction is not None else ())]  # fmt: skip
        method = method_record(report.inputs, report.settings, notes)
        write_output(workbook, report.kano.summary, report_sheets(report, lang, images), method,
                     lang)  # fmt: skip
        step("write_pdf")
        pdf = write_pdf(report_document(report, lang, files), stem.with_name(stem.name + ".pdf"))
    return [workbook, pdf, *(png for png, _svg in files.values())]


__all__ = ["findings_blocks", "report_document", "report_sheets", "write_report"]
