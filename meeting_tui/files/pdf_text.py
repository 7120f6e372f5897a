"""A PDF agenda's text layer, page by page, for the agenda parser.

pypdf is pure Python and maintained, and its text extraction keeps the reading order
of the agendas we tried (numbers, titles, wrapped lines); it is imported only when a
PDF is opened. A PDF with no text layer (a scan) has nothing to parse: we say so
rather than show an empty agenda. Running headers and page numbers, which a PDF
repeats on every page, are left to the parser's page-furniture rules, which serve
text pasted from a PDF as well.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..core.errors import InputError

MAX_PAGES = 500  # a 40-page agenda is long; past this it is not an agenda


def is_pdf(data: bytes) -> bool:
    """'%PDF-' within the first kilobyte, as PDF readers accept it."""
    return b"%PDF-" in data[:1024]


def pdf_text(data: bytes, path: str | Path) -> str:
    """The text of every page, a form feed between pages; InputError when there is none."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    p = Path(path)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are not ours to print
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many "protected" PDFs only restrict printing
            except Exception:  # noqa: BLE001 - a missing cipher library, an odd scheme
                opened = 0
            if not opened:
                raise InputError(p, "this PDF is encrypted with a password: open it, save "
                                    "an unprotected copy or paste the text")
        count = len(reader.pages)
        if count == 0:
            raise InputError(p, "this PDF has no pages")
        if count > MAX_PAGES:
            raise InputError(p, f"this PDF has {count} pages; an agenda may have "
                                f"{MAX_PAGES} at most")
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError) as exc:
        raise InputError(p, f"a damaged PDF ({exc or type(exc).__name__})") from None
    if not any(page.strip() for page in pages):
        raise InputError(p, "no text in this PDF: it looks scanned; OCR it or paste the text")
    return "\n\f\n".join(page.strip("\n") for page in pages) + "\n"
