"""A PDF agenda's text layer, page by page, for the agenda parser.

pypdfium2 (PDFium, the PDF engine of Chromium, in a wheel) reads the text layer in
reading order, and fast: a 41-page agenda in 0.11 s where pure-Python pypdf took 2.0 s
(`benchmarks/bench_files.py`); PDFium is also what survives the broken PDFs a browser
meets. It is imported only when a PDF is opened. A PDF with no text layer (a scan)
has nothing to parse: we say so rather than show an empty agenda. Running headers and
page numbers, which a PDF repeats on every page, are left to the parser's
page-furniture rules, which serve text pasted from a PDF as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.errors import InputError

MAX_PAGES = 500  # a 40-page agenda is long; past this it is not an agenda


def is_pdf(data: bytes) -> bool:
    """'%PDF-' within the first kilobyte, as PDF readers accept it."""
    return b"%PDF-" in data[:1024]


def pdf_text(data: bytes, path: str | Path) -> str:
    """The text of every page, a blank line between pages; InputError when there is none."""
    import pypdfium2 as pdfium

    p = Path(path)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = str(exc).removeprefix("Failed to load document ").strip("().")
        if re.search(rb"/Count\s+0\b", data) and not re.search(rb"/Count\s+[1-9]", data):
            raise InputError(p, "this PDF has no pages") from None
        if "password" in reason.lower():
            raise InputError(p, "this PDF is encrypted with a password: open it, save an "
                                "unprotected copy or paste the text") from None
        raise InputError(p, f"a damaged PDF ({reason})") from None
    try:
        count = len(document)
        if count == 0:
            raise InputError(p, "this PDF has no pages")
        if count > MAX_PAGES:
            raise InputError(p, f"this PDF has {count} pages; an agenda may have "
                                f"{MAX_PAGES} at most")
        pages = []
        for index in range(count):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(_lines(textpage))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise InputError(p, f"a damaged PDF ({exc})") from None
    finally:
        document.close()
    if not any(page.strip() for page in pages):
        raise InputError(p, "no text in this PDF: it looks scanned; OCR it or paste the text")
    return "\n\n".join(page.strip("\n") for page in pages) + "\n"


def _bounded_text(textpage: Any) -> Callable[[float, float, float, float], str]:
    """pypdfium2's ``get_text_bounded`` in one call of PDFium's ``FPDFText_GetBoundedText``,
    not two (the length, then the text): each call looks at every character of the page,
    and the text of a rectangle was most of reading a PDF, some 30 million instructions
    of a 2-page agenda's start-up (issue 19). Into a buffer made once a page, as long as
    any rectangle's text can be (at most two UTF-16 units a character, a line break
    before each, and the terminator). The same text, or pypdfium2's own call where it
    might not be: a buffer filled to its end, or a character beyond the BMP (pypdfium2
    sizes its buffer by characters, not by UTF-16 units, and cuts such a text short)."""
    import ctypes

    import pypdfium2 as pdfium

    size = 4 * max(textpage.count_chars(), 0) + 16
    buffer = (ctypes.c_ushort * size)()

    def bounded(left: float, bottom: float, right: float, top: float) -> str:
        count = pdfium.raw.FPDFText_GetBoundedText(textpage, left, top, right, bottom,
                                                   buffer, size)
        if 0 <= count < size:
            text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", errors="ignore")
            if text.endswith("\x00"):  # PDFium writes its string's terminator too
                text, count = text[:-1], count - 1
            if len(text) == count:
                return text
        return str(textpage.get_text_bounded(left, bottom, right, top))

    return bounded


def _lines(textpage: Any) -> str:
    """The page's text a line per line of print: PDFium's runs of text (rectangles)
    that share a baseline, left to right, with two spaces where a gap separates
    columns (a table's cells). PDFium's own text joins the cells of a table row, and
    the rows themselves, with single spaces."""
    runs = []
    bounded = _bounded_text(textpage)
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = bounded(left, bottom, right, top)
        text = " ".join(text.split())
        if text:
            runs.append((top, bottom, left, right, text))
    runs.sort(key=lambda run: (-run[0], run[2]))
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for run in runs:
        line = lines[-1] if lines else None
        if line is not None:
            top, bottom = line[0][0], line[0][1]
            middle = (run[0] + run[1]) / 2
            if bottom <= middle <= top:  # beside the line's first run: the same line
                line.append(run)
                continue
        lines.append([run])
    out = []
    for line in lines:
        line.sort(key=lambda run: run[2])
        text, end = "", None
        for _top, _bottom, left, right, words in line:
            height = max(_top - _bottom, 1.0)
            if end is not None:
                text += "  " if left - end > height else " "
            text += words
            end = right
        out.append(text)
    return "\n".join(out)
