"""A PDF's text by rectangle in one call of PDFium's, not pypdfium2's two (issue 19):
the same text for every rectangle, the other scripts' and those beyond the BMP too."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from helpers.word import P, write_docx
from helpers.word import to_pdf as make_pdf_of

from meeting_tui.files import pdf_text


def _pdf(tmp_path: Path) -> Path:
    docx = write_docx(tmp_path / "mixed.docx", [
        P("Plenary of the regional council"),
        P("Opening of the meeting", num=1),
        P("Ελληνικά θέματα – Русский — 中文 (Article 20(3))", num=1),
        P("Budget in 𝐁𝐨𝐥𝐝 letters 😀 and more", num=1, level=1),
        P("Any other business", num=1),
    ])
    pdf = make_pdf_of(docx)
    if pdf is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    return pdf


def test_every_rectangle_has_pypdfium2s_text(tmp_path, monkeypatch) -> None:
    document = pdfium.PdfDocument(_pdf(tmp_path).read_bytes())
    calls = []
    real = pdfium.raw.FPDFText_GetBoundedText

    def counted(*args):
        calls.append(args[5] is not None)  # with a buffer
        return real(*args)

    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            expected = [textpage.get_text_bounded(*textpage.get_rect(k))
                        for k in range(textpage.count_rects())]
            monkeypatch.setattr(pdfium.raw, "FPDFText_GetBoundedText", counted)
            bounded = pdf_text._bounded_text(textpage)
            got = [bounded(*textpage.get_rect(k)) for k in range(textpage.count_rects())]
            monkeypatch.setattr(pdfium.raw, "FPDFText_GetBoundedText", real)
            assert got == expected
            assert any("😀" in text or "𝐁" in text for text in got) or index > 0
            # one call a rectangle, not two (but where a character beyond the BMP sends
            # it to pypdfium2's own two)
            assert got and len(calls) < 2 * len(got)
            calls.clear()
            textpage.close()
            page.close()
    finally:
        document.close()
