"""The PDF writer (kano.shared.pdf, Typst): text from the data is shown as written (never
Typst markup), figures print as figures, Chinese is set, the contents list every section,
the bytes repeat."""

from __future__ import annotations

import pandas as pd
from pypdf import PdfReader

from kano.shared.pdf import Bullets, Document, Paragraph, Section, Table, write_pdf


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def document(lang="en") -> Document:
    frame = pd.DataFrame({"driver": ["资费/价格", "#set page(width: 1cm)"],
                          "importance": [85.525000000000006, 1234567.8]})  # fmt: skip
    return Document(
        title="Report", lang=lang, contents="Contents",
        sections=(Section("Findings", (Paragraph("*not bold* $x$ <tag>"),
                                       Bullets(("a", "b")))),
                  Section("Tables", (Table(frame, "IPA"),))),
    )  # fmt: skip


def test_data_text_is_shown_as_written_and_floats_as_figures(tmp_path):
    out = write_pdf(document(), tmp_path / "r.pdf")
    text = pdf_text(out)
    assert "*not bold* $x$ <tag>" in text  # markup characters stay characters
    assert "#set page(width: 1cm)" in text
    assert "85.53" in text and "85.525" not in text
    assert "1,234,568" in text
    assert "资费/价格" in text


def test_contents_list_the_sections_and_bytes_repeat(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    a = write_pdf(document(), tmp_path / "a.pdf")
    b = write_pdf(document(), tmp_path / "b.pdf")
    assert a.read_bytes() == b.read_bytes()
    first = PdfReader(a).pages[0].extract_text()
    assert "Contents" in first and "Findings" in first and "Tables" in first
