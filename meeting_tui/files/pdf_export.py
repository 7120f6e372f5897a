"""The List of decisions as a PDF for the archive: LibreOffice headless from the DOCX.

LibreOffice rather than a pure-Python renderer (fpdf2, ReportLab): the PDF is the DOCX
as Word would print it, in the body's template (its fonts, page set-up, headers and
footers), with no second layout to keep in step; and LibreOffice writes PDF/A, which
archives ask for (PDF/A-2b here: fonts embedded, no transparency groups lost), where
the pure-Python libraries write plain PDF. soffice runs with a profile of its own in a
temporary folder, so it never meets (or waits for) a LibreOffice the user has open.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PDF_MISSING = ("PDF needs LibreOffice (soffice), which is not installed: apt install "
               "libreoffice-writer, or from libreoffice.org; --format docx needs nothing")
# PDF/A-2 (SelectPdfVersion 2); 1 would be PDF/A-1b, 3 PDF/A-3b.
PDF_A_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
TIMEOUT = 180  # seconds: a cold LibreOffice start on a slow machine takes tens


class PdfUnavailable(RuntimeError):
    """No LibreOffice to make the PDF with."""

    def __init__(self) -> None:
        super().__init__(PDF_MISSING)


class PdfFailed(RuntimeError):
    """LibreOffice ran but made no PDF; the message says what it said."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    """The PDF/A of a DOCX, made by LibreOffice headless."""
    program = soffice()
    if program is None:
        raise PdfUnavailable()
    with tempfile.TemporaryDirectory(prefix="meeting-tui-pdf-") as folder:
        work = Path(folder)
        source = work / "decisions.docx"
        source.write_bytes(docx)
        command = [program, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", PDF_A_FILTER,
                   "--outdir", str(work), str(source)]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT,
                                  stdin=subprocess.DEVNULL, check=False)
        except subprocess.TimeoutExpired:
            raise PdfFailed(f"LibreOffice made no PDF within {TIMEOUT} s") from None
        except OSError as exc:
            raise PdfFailed(f"LibreOffice would not start ({exc.strerror or exc})") from None
        pdf = work / "decisions.pdf"
        if not pdf.is_file():
            said = " ".join((done.stderr or done.stdout or "").split())[:200]
            raise PdfFailed(f"LibreOffice made no PDF (exit {done.returncode}"
                            + (f": {said})" if said else ")"))
        return pdf.read_bytes()
