"""Reading agenda text files as people really have them.

Word processors and mail clients hand us UTF-8 (with or without a BOM), UTF-16
("Unicode text") and Windows-1252. We decode in a fixed order rather than guess:
guessing libraries get short texts wrong.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..core.agenda import Agenda
from ..core.errors import InputError, read_problem
from ..core.parser import parse_agenda
from ..core.text import normalize
from .pdf_text import is_pdf, pdf_text

MAX_BYTES = 10 * 1024 * 1024

_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"%PDF",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
)


def decode(data: bytes, path: str | Path = "<text>") -> str:
    """Bytes to text: BOM first, then strict UTF-8, then Windows-1252."""
    for bom, encoding in (
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                problem = f"not valid {encoding.upper()} text ({exc.reason})"
                raise InputError(path, problem) from None
    if data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise InputError(path, "this is a binary file, not a text agenda")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined: keep them as Latin-1 rather than fail.
        return data.decode("latin-1")


def file_text(data: bytes, path: str | Path) -> str:
    """The text of an agenda file told apart by its content, not its name: a Word
    file (a zip holding word/document.xml), a PDF, or text in any usual encoding."""
    if data.startswith(b"PK\x03\x04"):
        # Imported here: zip and XML are for Word agendas only, not every start-up's.
        from .docx_text import docx_text

        return docx_text(data, path)  # says what else a zip is (.xlsx, .odt …)
    if is_pdf(data):
        return pdf_text(data, path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(path, "an old Word (.doc) or Office file: save it as .docx, PDF "
                               "or text")
    if data.startswith(b"{\\rtf"):
        raise InputError(path, "an RTF file: save it as .docx, PDF or text")
    return decode(data, path)


def read_agenda_text(path: str | Path) -> str:
    """Read and decode an agenda file, or raise InputError with a one-line reason."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(p, "is a directory, not an agenda file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            problem = f"file is too large ({size:,} bytes; an agenda may be 10 MB at most)"
            raise InputError(p, problem)
        data = p.read_bytes()
    except OSError as exc:
        raise read_problem(p, exc, "file") from None
    text = normalize(file_text(data, p))
    if not text:
        raise InputError(p, "the file is empty")
    if not text.strip():
        raise InputError(p, "the file has only blank lines and spaces, no agenda")
    if _looks_binary(text):
        raise InputError(p, "this is a binary file, not a text agenda")
    return text


def _looks_binary(text: str) -> bool:
    """Control characters other than tab/newline in quantity mean it is not text."""
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\f\v")
    return controls > max(4, len(sample) // 100)


def load_agenda(path: str | Path, bullets_as_notes: bool = False) -> Agenda:
    """Read, decode and parse an agenda file; InputError on anything unusable."""
    text = read_agenda_text(path)
    agenda = parse_agenda(text, source=str(path), bullets_as_notes=bullets_as_notes)
    if not agenda.items:
        raise InputError(path, "no agenda item found (expected lines such as '1. Opening')")
    return agenda
