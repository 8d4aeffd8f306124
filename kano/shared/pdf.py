"""A small document model and its PDF, typeset by Typst (the ``typst`` package).

A :class:`Document` is a title and sections; a section holds blocks: paragraphs,
bullet lists, tables (a DataFrame with headers already in words), figures (an
SVG or PNG file) and notes. :func:`write_pdf` turns it into Typst markup and
compiles it: A4 pages with a running title and page numbers, a contents page,
a PDF outline from the headings, tables that wrap long names within the
margins, fonts embedded (the CJK font ships with ``mplfonts``) and text that
stays selectable. Every text from the data goes in as a Typst string, never as
markup, so a service named ``*bold* #eval`` prints as written.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kano.shared.output import atomic_path


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Heading:
    """A heading inside a section (level 2 by default): listed in the contents and the
    PDF outline."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table to print: ``frame`` with headers in words; ``widths`` the relative width of
    each column (default: the first column twice the others)."""

    frame: pd.DataFrame
    title: str = ""
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A chart file (SVG or PNG) at ``width`` of the text width, with a caption."""

    path: Path
    caption: str = ""
    width: float = 1.0


@dataclass(frozen=True)
class Section:
    title: str
    blocks: tuple[object, ...] = ()
    level: int = 1


@dataclass(frozen=True)
class Document:
    """``title``, an optional ``subtitle``, the ``sections``, the words of the contents
    heading and the language (for line breaking and the CJK font)."""

    title: str
    sections: tuple[Section, ...]
    contents: str = "Contents"
    subtitle: str = ""
    lang: str = "en"
    metadata: dict[str, str] = field(default_factory=dict)


def _s(text: object) -> str:
    """A Typst string literal: the text is shown as written, never read as markup."""
    return json.dumps("" if text is None else str(text), ensure_ascii=False)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "[]"
    if isinstance(value, float):  # a page shows figures, not float noise: 85.525000000001
        value = f"{value:.2f}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"[#{_s(value)}]"


def _numeric(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _table(block: Table) -> str:
    frame = block.frame
    n = frame.shape[1]
    widths = block.widths or (2.0, *([1.0] * (n - 1)))
    cols = "(" + ", ".join(f"{w:g}fr" for w in widths[:n]) + ",)"
    # Figures align right so that digits line up; words align left so that they read.
    align = "(" + ", ".join("right" if _numeric(frame.iloc[:, k]) else "left"
                            for k in range(n)) + ",)"  # fmt: skip
    head = ", ".join(f"[#{_s(c)}]" for c in frame.columns)
    body = ",\n  ".join(", ".join(_cell(v) for v in row) for row in frame.itertuples(index=False))
    title = f"#block(below: 0.4em)[#{_s(block.title)}]\n" if block.title else ""
    return (
        f"{title}#table(columns: {cols}, inset: 4pt, stroke: 0.4pt + luma(180),\n"
        f"  align: {align}, fill: (x, y) => if y == 0 {{ luma(232) }},\n"
        f"  table.header({head}),\n  {body}\n)\n"
    )


def _block(block: object, images: dict[Path, str]) -> str:
    if isinstance(block, Heading):
        return f"#heading(level: {block.level}, {_s(block.text)})\n"
    if isinstance(block, Paragraph):
        return f"#par({_s(block.text)})\n"
    if isinstance(block, Bullets):
        return "".join(f"- #{_s(item)}\n" for item in block.items) + "\n"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        name = images[block.path]
        caption = f", caption: [#{_s(block.caption)}]" if block.caption else ""
        return f'#figure(image("{name}", width: {100 * block.width:g}%){caption})\n'
    raise TypeError(f"unknown block {type(block).__name__}")


def to_typst(doc: Document, images: dict[Path, str]) -> str:
    """The Typst source of ``doc``; ``images`` maps each figure to its file name."""
    lang = "zh" if doc.lang == "zh" else "en"
    out = [
        "#set document(title: " + _s(doc.title) + ', author: "kano-toolkit", date: none)',
        '#set page(paper: "a4", margin: (x: 2cm, y: 2.2cm), numbering: "1 / 1",',
        "  header: context { if counter(page).get().first() > 1 [",
        f"    #set text(size: 8pt, fill: luma(110)); #{_s(doc.title)} #h(1fr)",
        "  ] })",
        f'#set text(font: ("DejaVu Sans", "Noto Sans CJK SC"), size: 10pt, lang: "{lang}")',
        "#set par(justify: false, leading: 0.65em)",
        '#set heading(numbering: "1.1")',
        "#show heading.where(level: 1, outlined: true): it => { pagebreak(weak: true); it }",
        "#show table: set text(size: 8.5pt)",
        # The CJK font ships in one weight: bold would mix bold Latin with regular hanzi,
        # so headings and titles stand out by size and colour instead.
        '#show heading: set text(weight: "regular", fill: rgb("#1f3a5f"))',
        "#show heading.where(level: 1): set text(size: 15pt)",
        "#show heading.where(level: 2): set text(size: 11.5pt)",
        f'#align(center)[#text(size: 22pt, fill: rgb("#1f3a5f"), {_s(doc.title)})]',
    ]
    if doc.subtitle:
        out.append(f"#align(center)[#text(size: 11pt, fill: luma(90), {_s(doc.subtitle)})]")
    out.append(f"#v(1em)\n#outline(title: {_s(doc.contents)}, depth: 2)\n")
    for section in doc.sections:
        out.append(f"#heading(level: {section.level}, {_s(section.title)})\n")
        out.extend(_block(b, images) for b in section.blocks)
    return "\n".join(out)


def font_folders() -> list[str]:
    """The folders of the fonts the PDF uses: the CJK font shipped with ``mplfonts`` and
    matplotlib's DejaVu Sans (both installed with the toolkit)."""
    folders = []
    spec = importlib.util.find_spec("mplfonts")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if (Path(folder) / "fonts").is_dir():
            folders.append(str(Path(folder) / "fonts"))
    import matplotlib

    folders.append(str(Path(matplotlib.get_data_path()) / "fonts" / "ttf"))
    return folders


def write_pdf(doc: Document, path: str | os.PathLike) -> Path:
    """Typeset ``doc`` and write the PDF atomically to ``path``.

    Figures are copied beside the Typst source in a private temporary folder,
    so that nothing outside it is read by the compiler.
    """
    import typst

    path = Path(path)
    figures = [b.path for s in doc.sections for b in s.blocks if isinstance(b, Figure)]
    with tempfile.TemporaryDirectory(prefix="kano-pdf-") as tmp:
        folder = Path(tmp)
        images = {}
        for k, fig in enumerate(dict.fromkeys(figures)):
            name = f"figure{k}{Path(fig).suffix.lower()}"
            shutil.copyfile(fig, folder / name)
            images[fig] = name
        source = folder / "report.typ"
        source.write_text(to_typst(doc, images), encoding="utf-8")
        data = typst.compile(str(source), root=str(folder), font_paths=font_folders())
    with atomic_path(path) as out:
        out.write_bytes(data)
    return path


__all__ = ["Bullets", "Document", "Figure", "Heading", "Paragraph", "Section", "Table", "write_pdf"]
