"""The List of decisions written into the body's Word template: the template's styles,
page set-up, headers and footers; placeholders filled; the styles it lacks added and
named; a file that is no Word document refused."""

from __future__ import annotations

from io import BytesIO

import pytest
from helpers.decisions import adopted_session
from helpers.templates import HOUSE_FONT, house_template

from meeting_tui.core.decision_list import build_document
from meeting_tui.core.docx_template import TemplateError
from meeting_tui.core.export_docx import make_docx

docx = pytest.importorskip("docx")


def french_doc():
    session = adopted_session()
    session.settings.language = "fr"
    session.settings.body = "Comité de Lanzarote"
    session.settings.symbol = "T-ES(2020)14"
    return build_document(session)


def reopened(data: bytes):
    return docx.Document(BytesIO(data))


def header_footer_text(document) -> list[str]:
    section = document.sections[0]
    return [p.text for p in (*section.header.paragraphs, *section.footer.paragraphs)]


def test_the_list_takes_the_templates_styles_and_page():
    made = make_docx(french_doc(), house_template())
    assert made.added_styles == ()
    document = reopened(made.data)
    headings = [p for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings and headings[0].text.startswith("1. Opening of the meeting")
    assert document.styles["Heading 1"].font.name == HOUSE_FONT
    assert round(document.sections[0].left_margin.cm, 1) == 3.5
    texts = [p.text for p in document.paragraphs]
    assert "Sample body text of the template, to be cleared." not in texts
    assert texts[:2] == ["Comité de Lanzarote", "Liste des décisions"]
    assert [p.text for p in document.paragraphs if p.style.name == "List Number"] == [
        "Adopted its agenda.",
        "Took note of the “preliminary draft” implementation report prepared by the "
        "Secretariat’s team, and of the comments made by the Parties during the first "
        "reading, which will be reflected in the second draft.",
        "Agreed to hold the second reading at its 29th meeting (‘Strasbourg’ or online)."]


def test_the_placeholders_of_header_and_footer_are_filled():
    document = reopened(make_docx(french_doc(), house_template()).data)
    assert header_footer_text(document) == [
        "Council of Europe – 28e réunion – 25 septembre 2020",
        "T-ES(2020)14",  # a placeholder Word split over two runs
        "Symbol T-ES(2020)14",
    ]


def test_styles_the_template_lacks_are_added_and_named():
    template = house_template(drop_styles=("List Number", "Heading 2", "Title"))
    made = make_docx(french_doc(), template)
    assert made.added_styles == ("Title", "Heading 2", "List Number")
    document = reopened(made.data)
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert len(numbered) == 3
    # Numbered by Word all the same: each paragraph carries a numbering of the document.
    num_ids = {p._p.pPr.numPr.numId.val for p in numbered}
    assert num_ids and all(document.part.numbering_part.element.num_having_numId(n)
                           is not None for n in num_ids)
    assert document.styles["Heading 1"].font.name == HOUSE_FONT  # the template's kept


def test_a_template_without_numbering_gets_one():
    """A template Word saved with no list ever used has no numbering part, which
    python-docx cannot make: it is made."""
    import zipfile

    source = zipfile.ZipFile(BytesIO(house_template(drop_styles=("List Number",))))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            if info.filename == "word/numbering.xml":
                continue
            content = source.read(info.filename)
            if info.filename == "word/_rels/document.xml.rels":
                content = content.replace(b'Target="numbering.xml"', b'Target="gone.xml"')
                import re

                content = re.sub(rb'<Relationship [^>]*Target="gone.xml"/>', b"", content)
            archive.writestr(info, content)
    document = reopened(make_docx(french_doc(), out.getvalue()).data)
    assert len([p for p in document.paragraphs if p.style.name == "List Number"]) == 3


def test_a_dotx_template_is_taken_too():
    import zipfile

    source = zipfile.ZipFile(BytesIO(house_template()))
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                content = content.replace(b"document.main+xml", b"template.main+xml")
            archive.writestr(info, content)
    document = reopened(make_docx(french_doc(), out.getvalue()).data)
    assert document.styles["Heading 1"].font.name == HOUSE_FONT


@pytest.mark.parametrize("data", [b"not a zip at all", b"PK\x03\x04broken"])
def test_a_file_that_is_no_word_document_is_refused(data):
    with pytest.raises(TemplateError, match="not a Word document"):
        make_docx(french_doc(), data)


def test_a_zip_that_is_no_word_document_is_refused():
    import zipfile

    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(TemplateError, match="not a Word document"):
        make_docx(french_doc(), out.getvalue())
