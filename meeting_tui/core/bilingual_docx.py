"""The List of decisions with its languages side by side, as a Word document: a table
of one column per language, through the optional python-docx.

The header lines (the meeting, its venue and dates, the adoption, the lead-in) are a
table of their own, one cell per language; each item's heading is a real heading
(Heading 1 …, the title as written) followed by a table whose rows are its decisions,
the number written in each cell ("1. …": Word's list numbering does not run across
table cells of two columns). In the body's template, as ``export_docx`` does it: its
styles, page set-up, headers and footers. Imported only when such a DOCX is made.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import TYPE_CHECKING

from .bilingual import aligned, distinct
from .decision_list import Document
from .export_docx import DocxUnavailable, Made, xml_text

if TYPE_CHECKING:
    from docx.table import _Cell


def render_docx(docs: Sequence[Document], template: bytes | None = None) -> Made:
    try:
        from docx.enum.text import WD_BREAK
        from docx.shared import Inches
    except ImportError:
        raise DocxUnavailable() from None
    from . import docx_template

    docs = [xml_text(doc) for doc in docs]
    first = docs[0]
    titles = " / ".join(distinct([d.words.title for d in docs]))
    document, added = docx_template.new_document(
        template, max((s.depth for s in first.sections), default=0), {
            "meeting": " / ".join(distinct([d.meeting for d in docs])),
            "date": " / ".join(distinct([d.dated for d in docs])),
            "symbol": first.symbol, "body": first.body, "title": titles,
        })
    document.core_properties.title = " – ".join(p for p in (titles, first.meeting) if p)
    document.core_properties.author = first.body or ""
    document.core_properties.language = first.words.code
    for body in distinct([d.body for d in docs]):
        document.add_paragraph().add_run(body).bold = True
    document.add_heading(titles, level=0)

    def table(rows: int) -> list[list[_Cell]]:
        grid = document.add_table(rows=rows, cols=len(docs))
        return [list(row.cells) for row in grid.rows]

    def put(cell: _Cell, paragraphs: Sequence[Sequence[str]], prefix: str = "",
            bold: str = "", italic: bool = False) -> None:
        """Paragraphs of lines into ``cell`` (its first, empty paragraph used first)."""
        for i, lines in enumerate(paragraphs):
            para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            if i == 0 and prefix:
                para.add_run(prefix)
            if i == 0 and bold:
                para.add_run(f"{bold} ").bold = True
            for j, line in enumerate(lines):
                run = para.add_run(line.strip())
                run.italic = italic
                if j < len(lines) - 1:
                    run.add_break(WD_BREAK.LINE)

    header = [name for name in ("meeting", "venue_and_dates", "adopted", "lead_in")
              if any(getattr(d, name) for d in docs)]
    if header:
        cells = table(len(header) + 1)
        for column, doc in enumerate(docs):
            name = doc.words.language_name(doc.words.code).capitalize()
            cells[0][column].paragraphs[0].add_run(name).bold = True
            for row, line in enumerate(header, start=1):
                put(cells[row][column], [[getattr(doc, line)]], italic=line == "adopted")
    for paragraph in first.preamble:
        para = document.add_paragraph()
        for j, line in enumerate(paragraph):
            run = para.add_run(line.strip())
            if j < len(paragraph) - 1:
                run.add_break(WD_BREAK.LINE)

    for section, columns in aligned(docs):
        heading = document.add_heading(section.heading, level=min(section.depth + 1, 9))
        if section.bullet:
            heading.paragraph_format.left_indent = Inches(0.25)
        if section.no_decision:
            cells = table(1)
            for column, doc in enumerate(docs):
                put(cells[0][column], [[doc.words.no_decision]], italic=True)
        if section.entries:
            cells = table(len(section.entries))
            for column, (doc, entries) in enumerate(zip(docs, columns, strict=True)):
                for row, entry in enumerate(entries):
                    cell = cells[row][column]
                    put(cell, entry.paragraphs, prefix=f"{entry.number}. ",
                        bold=doc.words.draft if entry.draft else "")
                    if entry.vote:  # the vote after the text, in this language
                        para = cell.add_paragraph()
                        for j, line in enumerate(entry.vote):
                            run = para.add_run(line)
                            run.italic = j == 0
                            if j < len(entry.vote) - 1:
                                run.add_break(WD_BREAK.LINE)
    buffer = BytesIO()
    document.save(buffer)
    return Made(buffer.getvalue(), added)

