"""The List of decisions as a Word document, through the optional python-docx.

python-docx is imported only when a DOCX is made: the other formats, and start-up,
do without it. With the body's own Word template, the document is written into it, as
pandoc's ``--reference-doc`` does (``docx_template``): its styles, page set-up, headers
and footers are the template's. XML cannot hold every character a title or a decision
may (VT, FF, NUL, U+FFFE, common in text copied from a PDF): python-docx refuses them
with an error, so the document's text is made XML-safe first (``xml_safe``), in one
place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from io import BytesIO
from typing import TYPE_CHECKING

from .decision_list import Document, Entry, Section
from .printable import xml_safe

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph

DOCX_MISSING = (
    "DOCX needs python-docx, which is not installed: pip install 'meeting-tui[docx]'"
)


class DocxUnavailable(RuntimeError):
    """python-docx is not installed (the optional extra ``docx``)."""

    def __init__(self) -> None:
        super().__init__(DOCX_MISSING)


def docx_available() -> bool:
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Made:
    """A DOCX, and the styles a template lacked that were added to it."""

    data: bytes
    added_styles: tuple[str, ...] = ()


def render_docx(doc: Document, template: bytes | None = None) -> bytes:
    return make_docx(doc, template).data


def make_docx(doc: Document, template: bytes | None = None) -> Made:
    """A Word document with real headings (Heading 1…) and numbered paragraphs; in
    ``template`` (a .docx or .dotx's bytes) when one is given.

    Decisions use Word's "List Number" style: Word itself numbers them. One numbering
    instance runs through the document, or one per item with --number-per-item, each
    starting at the section's first number. A decision's further paragraphs use
    "List Continue" (indented, not numbered).
    """
    try:
        from docx.enum.text import WD_BREAK
        from docx.shared import Inches
    except ImportError:
        raise DocxUnavailable() from None
    from . import docx_template

    doc = xml_text(doc)
    words = doc.words
    document, added = docx_template.new_document(
        template, max((s.depth for s in doc.sections), default=0),
        {"meeting": doc.meeting, "date": doc.dated, "symbol": doc.symbol,
         "body": doc.body, "title": words.title})
    document.core_properties.title = " – ".join(p for p in (words.title, doc.meeting) if p)
    document.core_properties.author = doc.body or ""
    document.core_properties.language = words.code
    if doc.body:
        para = document.add_paragraph()
        para.add_run(doc.body).bold = True
    document.add_heading(words.title, level=0)
    for line in (doc.meeting, doc.venue_and_dates):
        if line:
            document.add_paragraph(line)
    for line in (doc.adopted, doc.untranslated):
        if line:
            document.add_paragraph().add_run(line).italic = True

    def add_lines(para: Paragraph, lines: Sequence[str]) -> None:
        for i, line in enumerate(lines):
            run = para.add_run(line.strip())
            if i < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)

    if doc.attendance:  # --with-attendance
        add_lines(document.add_paragraph(), doc.attendance)
    for paragraph in doc.preamble:
        add_lines(document.add_paragraph(), paragraph)
    if doc.lead_in:
        document.add_paragraph(doc.lead_in)

    numbering = _Numbering(document)
    current_num: int | None = None
    for section in doc.sections:
        heading = document.add_heading(section.heading, level=min(section.depth + 1, 9))
        if section.bullet:  # set in under its item
            heading.paragraph_format.left_indent = Inches(0.25)
        if section.no_decision:
            document.add_paragraph().add_run(words.no_decision).italic = True
        for entry in section.entries:
            if current_num is None or entry.number != numbering.next_value:
                current_num = numbering.restart(entry.number)  # the count starts again
            numbering.next_value = entry.number + 1
            for i, lines in enumerate(entry.paragraphs):
                if i == 0:
                    para = document.add_paragraph(style="List Number")
                    numbering.apply(para, current_num)
                    if entry.draft:
                        para.add_run(f"{words.draft} ").bold = True
                else:
                    para = document.add_paragraph(style="List Continue")
                add_lines(para, lines)
            add_vote(document, entry.vote)
    buffer = BytesIO()
    document.save(buffer)
    return Made(buffer.getvalue(), added)


def add_vote(document: WordDocument, vote: Sequence[str]) -> None:
    """A decision's vote after its text (XML-safe already): the result in italics, then
    the roll call, in one indented paragraph; nothing by consensus. The abridged
    report's decisions have it too."""
    if not vote:
        return
    from docx.enum.text import WD_BREAK

    para = document.add_paragraph(style="List Continue")
    run = para.add_run(vote[0].strip())
    run.italic = True
    for line in vote[1:]:
        run.add_break(WD_BREAK.LINE)
        run = para.add_run(line.strip())


def xml_text(doc: Document) -> Document:
    """``doc`` with every text in it XML-safe."""

    def lines(paragraph: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(xml_safe(line) for line in paragraph)

    def entry(e: Entry) -> Entry:
        return replace(e, paragraphs=tuple(lines(p) for p in e.paragraphs),
                       vote=lines(e.vote))

    def section(s: Section) -> Section:
        return replace(s, number=xml_safe(s.number) if s.number else s.number,
                       title=xml_safe(s.title), entries=tuple(entry(e) for e in s.entries))

    return replace(
        doc, body=xml_safe(doc.body), meeting=xml_safe(doc.meeting),
        venue_and_dates=xml_safe(doc.venue_and_dates), adopted=xml_safe(doc.adopted),
        preamble=tuple(lines(p) for p in doc.preamble), lead_in=xml_safe(doc.lead_in),
        sections=tuple(section(s) for s in doc.sections), attendance=lines(doc.attendance),
    )


class _Numbering:
    """New numbering instances (w:num) of the "List Number" list, each with a start."""

    def __init__(self, document: WordDocument) -> None:
        from . import docx_template

        self.part = docx_template.numbering(document)
        self.abstract_id = docx_template.list_abstract(document, self.part)
        self.next_value = 1

    def restart(self, start: int) -> int:
        num = self.part.add_num(self.abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        num_id: int = num.numId
        return num_id

    @staticmethod
    def apply(para: Paragraph, num_id: int) -> None:
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id
