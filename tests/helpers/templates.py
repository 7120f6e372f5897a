"""Word templates for the tests of the List of decisions in a body's template, made
with python-docx: a house font on the headings, a header and footer with placeholders
(one split over runs, as Word leaves them), wide margins, a paragraph of body text that
must not survive."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

HOUSE_FONT = "Garamond"
SPLIT_HEADER = ("{sym", "bol}")  # one placeholder in two runs


def house_template(path: Path | None = None, *, drop_styles: tuple[str, ...] = ()) -> bytes:
    """The template's bytes (written to ``path`` too when given). ``drop_styles``
    takes styles out, as a template made in Word lacks the ones never used."""
    import docx
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    heading = document.styles["Heading 1"]
    heading.font.name = HOUSE_FONT
    heading.font.size = Pt(15)
    heading.font.color.rgb = RGBColor(0x00, 0x33, 0x99)
    section = document.sections[0]
    section.left_margin = Cm(3.5)
    section.header.paragraphs[0].text = "Council of Europe – {meeting} – {date}"
    para = section.header.add_paragraph()
    for part in SPLIT_HEADER:
        para.add_run(part)
    section.footer.paragraphs[0].text = "Symbol {symbol}"
    document.add_paragraph("Sample body text of the template, to be cleared.")
    for name in drop_styles:
        element = document.styles[name].element
        element.getparent().remove(element)
    buffer = BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        path.write_bytes(data)
    return data
