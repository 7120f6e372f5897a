"""Word files made here, the way Word writes them: paragraphs whose numbers come from
list numbering (numbering.xml), from a paragraph style (styles.xml), headings, tables.

Each paragraph is given as ``P(text, num=..., level=..., style=...)``; a list
definition as ``List(formats, texts, starts)``. The result is a real .docx that
Word and LibreOffice open (the tests convert some of them to PDF with LibreOffice).
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""  # noqa: E501

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""  # noqa: E501

DOCUMENT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""  # noqa: E501


@dataclass
class P:
    """A paragraph: its text, its list (numId) and level, or its style."""

    text: str
    num: int | None = None
    level: int = 0
    style: str | None = None


@dataclass
class Table:
    rows: list[list[str]]


@dataclass
class List:
    """An abstract list definition: per level its w:numFmt and w:lvlText."""

    formats: list[str]
    texts: list[str]
    starts: list[int] = field(default_factory=list)


@dataclass
class Num:
    """A list instance (w:num) of an abstract list, with level restarts."""

    abstract: int
    restarts: dict[int, int] = field(default_factory=dict)


@dataclass
class Style:
    """A paragraph style; with ``num``, paragraphs in it are numbered by that list."""

    id: str
    name: str
    num: int | None = None
    level: int = 0
    outline: int | None = None


DECIMAL = List(["decimal"] * 3, ["%1.", "%1.%2.", "%1.%2.%3."])
OUTLINE = List(["decimal", "lowerLetter", "lowerRoman"], ["%1.", "%2)", "(%3)"])
ROMAN = List(["upperRoman", "upperLetter", "decimal"], ["%1.", "%2.", "%3."])
BULLETS = List(["bullet"] * 3, ["•", "o", "▪"])


def _paragraph(p: P) -> str:
    ppr = ""
    if p.style or p.num is not None:
        style = f'<w:pStyle w:val="{p.style}"/>' if p.style else ""
        num = (f'<w:numPr><w:ilvl w:val="{p.level}"/><w:numId w:val="{p.num}"/></w:numPr>'
               if p.num is not None else "")
        ppr = f"<w:pPr>{style}{num}</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(p.text)}</w:t></w:r></w:p>'


def _table(table: Table) -> str:
    rows = "".join(
        "<w:tr>" + "".join(f"<w:tc>{_paragraph(P(cell))}</w:tc>" for cell in row) + "</w:tr>"
        for row in table.rows)
    return f"<w:tbl>{rows}</w:tbl>"


def _numbering(lists: list[List], nums: dict[int, Num]) -> str:
    abstracts = []
    for i, definition in enumerate(lists):
        levels = "".join(
            f'<w:lvl w:ilvl="{lvl}"><w:start w:val="'
            f'{definition.starts[lvl] if lvl < len(definition.starts) else 1}"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{escape(text)}"/></w:lvl>'
            for lvl, (fmt, text) in enumerate(zip(definition.formats, definition.texts,
                                                  strict=True)))
        abstracts.append(f'<w:abstractNum w:abstractNumId="{i}">{levels}</w:abstractNum>')
    instances = []
    for num_id, num in nums.items():
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for lvl, start in num.restarts.items())
        instances.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{num.abstract}"/>'
                         f"{overrides}</w:num>")
    return f'<w:numbering {NS}>{"".join(abstracts)}{"".join(instances)}</w:numbering>'


def _styles(styles: list[Style]) -> str:
    out = []
    for style in styles:
        ppr = ""
        if style.num is not None:
            ppr += (f'<w:numPr><w:ilvl w:val="{style.level}"/>'
                    f'<w:numId w:val="{style.num}"/></w:numPr>')
        if style.outline is not None:
            ppr += f'<w:outlineLvl w:val="{style.outline}"/>'
        out.append(f'<w:style w:type="paragraph" w:styleId="{style.id}">'
                   f'<w:name w:val="{escape(style.name)}"/>'
                   + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + "</w:style>")
    return f'<w:styles {NS}>{"".join(out)}</w:styles>'


def write_docx(
    path: Path,
    body: list[P | Table],
    lists: list[List] | None = None,
    nums: dict[int, Num] | None = None,
    styles: list[Style] | None = None,
) -> Path:
    """A .docx of ``body``; list instance N uses ``nums[N]`` (default: list N-1)."""
    lists = lists if lists is not None else [DECIMAL]
    if nums is None:
        nums = {i + 1: Num(i) for i in range(len(lists))}
    heading_styles = [Style(f"Heading{n}", f"heading {n}", outline=n - 1) for n in (1, 2, 3)]
    xml = "".join(_paragraph(part) if isinstance(part, P) else _table(part) for part in body)
    document = f'<w:document {NS}><w:body>{xml}<w:sectPr/></w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        archive.writestr("word/_rels/document.xml.rels", DOCUMENT_RELS)
        archive.writestr("word/document.xml", document)
        archive.writestr("word/numbering.xml", _numbering(lists, nums))
        archive.writestr("word/styles.xml", _styles(heading_styles + (styles or [])))
    return path


def to_pdf(docx: Path) -> Path | None:
    """LibreOffice's PDF of a Word file, beside it (its own profile, so conversions may
    run side by side); None without LibreOffice."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = docx.parent / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                   check=True, capture_output=True, timeout=300)
    pdf = docx.with_suffix(".pdf")
    return pdf if pdf.exists() else None
