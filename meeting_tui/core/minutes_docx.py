"""The abridged report and the follow-up actions as Word documents, through the
optional python-docx (imported only when a DOCX is made, as for the List of
decisions). Every text is made XML-safe first: python-docx refuses what XML cannot
hold."""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING, Any

from .export_docx import DocxUnavailable, add_vote
from .printable import xml_safe

if TYPE_CHECKING:
    from .minutes import Minutes


def _new() -> tuple[Any, Any]:
    try:
        import docx
        from docx.enum.text import WD_BREAK
    except ImportError:
        raise DocxUnavailable() from None
    return docx.Document(), WD_BREAK


def _save(document: Any) -> bytes:
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_minutes_docx(minutes: Minutes) -> bytes:
    """Headings as in the List of decisions; notes as plain paragraphs; decisions as
    paragraphs led by their number in the List, each vote after its decision as the
    List has it (``add_vote``); with --with-attendance those present after the header."""
    from .minutes import TITLE

    document, line_break = _new()
    doc = minutes.list
    document.core_properties.title = xml_safe(" – ".join(p for p in (TITLE, doc.meeting) if p))
    if doc.body:
        document.add_paragraph().add_run(xml_safe(doc.body)).bold = True
    document.add_heading(TITLE, level=0)
    for line in (doc.meeting, doc.venue_and_dates):
        if line:
            document.add_paragraph(xml_safe(line))

    def add_lines(para: Any, lines: tuple[str, ...], lead: str = "") -> None:
        for i, text in enumerate(lines):
            run = para.add_run(xml_safe((lead if i == 0 else "") + text.strip()))
            if i < len(lines) - 1:
                run.add_break(line_break.LINE)

    if doc.attendance:  # --with-attendance
        add_lines(document.add_paragraph(), doc.attendance)
    if doc.lead_in and any(part.entries for part in minutes.parts):
        document.add_paragraph(xml_safe(doc.lead_in))
    for part in minutes.parts:
        document.add_heading(xml_safe(part.section.heading),
                             level=min(part.section.depth + 1, 9))
        for note in part.notes:
            for paragraph in note:
                add_lines(document.add_paragraph(), paragraph)
        for entry in part.entries:
            for i, paragraph in enumerate(entry.paragraphs):
                add_lines(document.add_paragraph(), paragraph,
                          f"{entry.number}. " if i == 0 else "")
            add_vote(document, tuple(xml_safe(line) for line in entry.vote))
    return _save(document)


def render_actions_docx(title: str, meeting: str,
                        rows: list[tuple[str, str, str, str, str]]) -> bytes:
    """A table: due, owner, action, from, status."""
    document, _ = _new()
    document.core_properties.title = xml_safe(title)
    document.add_heading(title, level=0)
    if meeting:
        document.add_paragraph(xml_safe(meeting))
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ("due", "owner", "action", "from", "status"),
                          strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = xml_safe(text)
    return _save(document)
