"""The body's Word template as the List of decisions' document, through python-docx.

As pandoc's ``--reference-doc``: the template is opened as the document, its body is
cleared (its last section properties stay: page size, margins, and the headers and
footers they point to), and the list is written into it, so it takes the template's
styles (Title, Heading 1…, List Number, the body text). Placeholders in the headers and
footers (``{meeting}``, ``{date}``, ``{symbol}``) are filled.

A template made in Word often lacks the styles the list uses: Word writes a built-in
style only once it is used, and keeps the others latent. Those are copied from
python-docx's default template and named, so the caller can say so. Imported only
when a DOCX is made with a template.
"""

from __future__ import annotations

import copy
import re
import zipfile
from collections.abc import Iterator, Mapping
from io import BytesIO
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph

_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_PLACEHOLDER_RE = re.compile(r"\{(meeting|date|symbol|body|title)\}")
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# One level, "1.", hanging: the numbering of a template whose "List Number" has none.
_ABSTRACT_NUM = (
    f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{{id}}">'
    '<w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
)


class TemplateError(ValueError):
    """The template cannot be used; the message says why, without the file's name."""


def _as_document(data: bytes) -> bytes:
    """A .dotx is a .docx with another content type: python-docx opens only the latter."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            types = archive.read("[Content_Types].xml")
            if _TEMPLATE_TYPE.encode() not in types:
                return data
            out = BytesIO()
            with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy_to:
                for info in archive.infolist():
                    content = archive.read(info.filename)
                    if info.filename == "[Content_Types].xml":
                        content = content.replace(_TEMPLATE_TYPE.encode(),
                                                  _DOCUMENT_TYPE.encode())
                    copy_to.writestr(info, content)
            return out.getvalue()
    except (zipfile.BadZipFile, KeyError, OSError):
        raise TemplateError("not a Word document (.docx or .dotx): "
                            "save the template from Word as .docx") from None


def open_template(data: bytes) -> WordDocument:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(BytesIO(_as_document(data)))
    except TemplateError:
        raise
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise TemplateError(f"not a Word document that can be opened ({exc})") from None
    except Exception as exc:  # lxml's syntax errors: a damaged part
        raise TemplateError(f"a damaged Word document ({type(exc).__name__}: {exc})") \
            from None


def needed_styles(levels: int) -> list[str]:
    return ["Title", *(f"Heading {n}" for n in range(1, levels + 1)), "List Number",
            "List Continue"]


def prepare(document: WordDocument, levels: int) -> tuple[str, ...]:
    """Clear the template's body and add the styles it lacks; returns their names."""
    from docx.oxml.ns import qn

    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    missing = [name for name in needed_styles(levels) if name not in document.styles]
    if missing:
        import docx

        default = docx.Document().styles
        for name in missing:
            element = copy.deepcopy(default[name].element)
            ppr = element.pPr
            if ppr is not None and ppr.numPr is not None:  # its numbering is not here
                ppr.remove(ppr.numPr)
            document.styles.element.append(element)
    return tuple(missing)


def numbering(document: WordDocument) -> Any:
    """The document's numbering definitions (<w:numbering>), made when it has none
    (python-docx cannot make them: ``NumberingPart.new`` is not implemented)."""
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.parts.numbering import NumberingPart

    part = document.part
    try:
        return part.numbering_part.element
    except NotImplementedError:
        blob = f'<w:numbering xmlns:w="{_W}"/>'.encode()
        new = NumberingPart.load(PackURI("/word/numbering.xml"), CONTENT_TYPE.WML_NUMBERING,
                                 blob, part.package)
        part.relate_to(new, RELATIONSHIP_TYPE.NUMBERING)
        return new.element


def list_abstract(document: WordDocument, part: Any) -> int:
    """The abstract numbering of "List Number": the style's own, else a plain "1."."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    ppr = document.styles["List Number"].element.pPr
    num_pr = ppr.numPr if ppr is not None else None
    if num_pr is not None and num_pr.numId is not None:
        try:
            abstract: int = part.num_having_numId(num_pr.numId.val).abstractNumId.val
            return abstract
        except KeyError:
            pass
    ids = [int(a.get(qn("w:abstractNumId"))) for a in part.findall(qn("w:abstractNum"))]
    new_id = max(ids, default=-1) + 1
    element = parse_xml(_ABSTRACT_NUM.format(id=new_id))
    first_num = part.find(qn("w:num"))
    if first_num is not None:  # the schema puts every abstractNum before the nums
        first_num.addprevious(element)
    else:
        part.append(element)
    return new_id


def _header_footer_paragraphs(document: WordDocument) -> Iterator[Paragraph]:
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header,
                     section.first_page_footer, section.even_page_header,
                     section.even_page_footer):
            if part.is_linked_to_previous:  # no definition of its own (do not add one)
                continue
            yield from part.paragraphs
            for table in part.tables:
                for row in table.rows:
                    for cell in row.cells:
                        yield from cell.paragraphs


def fill_placeholders(document: WordDocument, values: Mapping[str, str]) -> None:
    """``{meeting}``, ``{date}``, ``{symbol}`` in the headers and footers. A placeholder
    split over runs (Word splits text where its editing history did) is filled too,
    the paragraph's text then taking its first run's formatting."""

    def fill(text: str) -> str:
        return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), ""), text)

    for para in _header_footer_paragraphs(document):
        found = len(_PLACEHOLDER_RE.findall(para.text))
        if not found or not para.runs:
            continue
        if found == sum(len(_PLACEHOLDER_RE.findall(run.text)) for run in para.runs):
            for run in para.runs:  # each placeholder in one run: its formatting kept
                run.text = fill(run.text)
        else:
            para.runs[0].text = fill(para.text)
            for run in para.runs[1:]:
                run.text = ""


def new_document(template: bytes | None, depth: int,
                 values: Mapping[str, str]) -> tuple[WordDocument, tuple[str, ...]]:
    """A blank document, or the template's with the styles for ``depth`` levels of
    headings added and its placeholders filled: (document, the styles it lacked)."""
    import docx

    if template is None:
        return docx.Document(), ()
    document = open_template(template)
    added = prepare(document, min(depth + 1, 9))
    fill_placeholders(document, values)
    return document, added
