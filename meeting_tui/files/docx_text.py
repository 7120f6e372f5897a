"""A Word (.docx) agenda as the text Word shows: list numbers included.

The numbers of a Word agenda are usually not in its text: Word draws them from the
list numbering (``w:numPr``: a list instance ``w:numId`` and a level ``w:ilvl``, given on
the paragraph or by its style), whose ``w:abstractNum`` levels say the format
(decimal, letters, Roman, bullet …), the pattern (``%1.%2.``) and the start, and
whose ``w:lvlOverride`` can restart it. python-docx does not expand them (its issues
#180 and #471), so we read the document's XML with the standard library: a .docx is a
zip of a few XML parts, and we need three of them.

The text goes to the same parser as any agenda: each paragraph is a line, a list
paragraph gets the number Word shows and two spaces of indent per level, an
unnumbered heading becomes a Markdown heading of its outline level, and a table row
becomes one line (number, title, then the other cells), in document order.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from ..core.errors import InputError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_PART_BYTES = 50 * 1024 * 1024  # an agenda's document.xml is some kilobytes

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_HEADING_STYLE = re.compile(r"^(?:heading|titre|überschrift|título|titolo|kop)\s*(\d)$",
                            re.IGNORECASE)
_SPACES = re.compile(r"[ \t]+")


def is_docx(data: bytes) -> bool:
    """A zip whose parts include word/document.xml (not only a .docx by its name)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    return b"word/document.xml" in data


def _roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter: aa, bb …)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in a level's number format (w:numFmt)."""
    if fmt in ("lowerLetter",):
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n) if n > 0 else str(n)
    if fmt == "upperRoman":
        return _roman(n).upper() if n > 0 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)  # decimal and the formats an agenda does not use


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None  # w:lvlRestart: restarts after this (1-based) level
    legal: bool = False  # w:isLgl: the numbers of the levels above shown as decimals


@dataclass
class Instance:
    """A list instance (w:num): its abstract definition and what it overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # level → w:startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # level → w:lvl override


def _val(element: ElementTree.Element | None, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(W + tag)
    return None if child is None else child.get(W + "val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(lvl: ElementTree.Element) -> Level:
    restart = _val(lvl, "lvlRestart")
    return Level(
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") or "",
        start=_int(_val(lvl, "start"), 1),
        restart=_int(restart, 0) if restart is not None else None,
        legal=lvl.find(W + "isLgl") is not None,
    )


class Numbering:
    """The counters of every list, as Word advances them paragraph by paragraph.

    Instances that share an abstract definition continue one another's numbers (as
    Word and LibreOffice do) unless an instance restarts a level (w:startOverride)."""

    def __init__(self, root: ElementTree.Element | None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.instances: dict[str, Instance] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[tuple[str, int]] = set()  # (numId, level) restarts done
        if root is None:
            return
        for abstract in root.iter(W + "abstractNum"):
            levels = {_int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in abstract.iter(W + "lvl")}
            self.abstracts[abstract.get(W + "abstractNumId") or ""] = levels
        for num in root.iter(W + "num"):
            instance = Instance(_val(num, "abstractNumId") or "")
            for override in num.iter(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    instance.starts[ilvl] = _int(start, 1)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    instance.levels[ilvl] = _level(lvl)
            self.instances[num.get(W + "numId") or ""] = instance

    def level(self, num_id: str, ilvl: int) -> Level | None:
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        return instance.levels.get(ilvl) or self.abstracts.get(instance.abstract, {}).get(ilvl)

    def next(self, num_id: str, ilvl: int) -> tuple[str, Level] | None:
        """The number shown on the next paragraph of this list at this level."""
        instance = self.instances.get(num_id)
        level = self.level(num_id, ilvl)
        if instance is None or level is None or num_id == "0":
            return None
        counters = self.counters.setdefault(instance.abstract, [None] * 9)
        if not 0 <= ilvl < 9:
            return None
        if ilvl in instance.starts and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = instance.starts[ilvl]
            for below in range(ilvl + 1, 9):
                counters[below] = None
        elif counters[ilvl] is None:
            counters[ilvl] = level.start
        else:
            counters[ilvl] = (counters[ilvl] or 0) + 1
        for below in range(ilvl + 1, 9):
            deeper = self.level(num_id, below)
            if deeper is None or deeper.restart is None or deeper.restart > ilvl:
                counters[below] = None  # restarts when this level advances (the default)
        for above in range(ilvl):
            if counters[above] is None:
                upper = self.level(num_id, above)
                counters[above] = upper.start if upper else 1

        def part(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            value = counters[k] if 0 <= k < 9 else None
            shown = self.level(num_id, k)
            if value is None or shown is None:
                return ""
            fmt = "decimal" if level.legal and k < ilvl else shown.fmt
            return format_number(value, fmt) if fmt != "bullet" else ""

        return re.sub(r"%(\d)", part, level.text), level


@dataclass
class Style:
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    based_on: str | None = None


def _styles(root: ElementTree.Element | None) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    if root is None:
        return styles
    for element in root.iter(W + "style"):
        style_id = element.get(W + "styleId") or ""
        ppr = element.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        outline = _val(ppr, "outlineLvl")
        name = _val(element, "name") or ""
        heading = _HEADING_STYLE.match(name) or _HEADING_STYLE.match(style_id)
        styles[style_id] = Style(
            num_id=_val(num_pr, "numId"),
            ilvl=_int(_val(num_pr, "ilvl"), 0) if _val(num_pr, "ilvl") is not None else None,
            outline=(_int(outline, 0) if outline is not None
                     else int(heading.group(1)) - 1 if heading else None),
            based_on=_val(element, "basedOn"),
        )
    return styles


def _style_chain(styles: dict[str, Style], style_id: str | None) -> Iterator[Style]:
    seen: set[str] = set()
    while style_id and style_id in styles and style_id not in seen:
        seen.add(style_id)
        yield styles[style_id]
        style_id = styles[style_id].based_on


def _text(paragraph: ElementTree.Element) -> str:
    """The paragraph's visible text: runs, tabs and breaks; not deleted text or fields."""
    parts: list[str] = []
    for element in paragraph.iter():
        tag = element.tag
        if tag == W + "t":
            parts.append(element.text or "")
        elif tag in (W + "tab", W + "ptab"):
            parts.append("\t")
        elif tag in (W + "br", W + "cr"):
            parts.append(" ")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
    return _SPACES.sub(" ", "".join(parts)).strip()


class _Converter:
    def __init__(self, numbering: Numbering, styles: dict[str, Style]) -> None:
        self.numbering = numbering
        self.styles = styles
        self.lines: list[str] = []

    def paragraph(self, p: ElementTree.Element) -> str | None:
        """The line for one paragraph (None: an empty one)."""
        text = _text(p)
        ppr = p.find(W + "pPr")
        style_id = _val(ppr, "pStyle")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = _val(num_pr, "numId"), _val(num_pr, "ilvl")
        level = _int(ilvl, 0) if ilvl is not None else None
        outline = _int(_val(ppr, "outlineLvl"), 0) if _val(ppr, "outlineLvl") else None
        for style in _style_chain(self.styles, style_id):
            num_id = num_id if num_id is not None else style.num_id
            level = level if level is not None else style.ilvl
            outline = outline if outline is not None else style.outline
        if not text:
            return None
        if num_id is not None and num_id != "0":
            shown = self.numbering.next(num_id, level or 0)
            if shown is not None:
                number, lvl = shown
                indent = "  " * (level or 0)
                if lvl.fmt == "bullet" or not number.strip():
                    return f"{indent}• {text}"
                return f"{indent}{number.strip()} {text}"
        if outline is not None and 0 <= outline < 6:
            return f"{'#' * (outline + 1)} {text}"
        return text

    def table(self, tbl: ElementTree.Element) -> None:
        """One line a row, in row order: the number cell, the title, the other cells
        (a presenter after a dash, a duration as the item's plan). A first row of
        column labels over rows that start with numbers is not an item."""
        rows: list[list[str]] = []
        for row in tbl.iter(W + "tr"):
            cells = []
            for cell in row.findall(W + "tc"):
                texts = [line for p in cell.iter(W + "p")
                         if (line := self.paragraph(p)) is not None]
                cells.append(" ".join(texts))
            if any(cells):
                rows.append(cells)
        numbered = [bool(_CELL_NUMBER.match(row[0])) for row in rows]
        if len(rows) > 1 and not numbered[0] and sum(numbered[1:]) >= (len(rows) - 1) / 2:
            rows, numbered = rows[1:], numbered[1:]  # the column labels
        for cells_of_row, is_item in zip(rows, numbered, strict=True):
            self.lines.append(_row_line(cells_of_row) if is_item
                              else "  ".join(c for c in cells_of_row if c))

    def body(self, parent: ElementTree.Element) -> None:
        for child in parent:
            if child.tag == W + "p":
                line = self.paragraph(child)
                self.lines.append(line if line is not None else "")
            elif child.tag == W + "tbl":
                self.table(child)
                self.lines.append("")
            elif child.tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.body(content)


# A table's number cell: "1", "1.2", "a)", "IV.", "TOP 3", "*4" (a consent item).
_CELL_NUMBER = re.compile(r"^(?:TOP\s*)?\*?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[IVXLC]{1,6})[.)]?$")
_DURATION = re.compile(r"^(?:\d{1,3}\s*(?:min(?:ute)?s?|mn|m|')|\d{1,2}\s*h(?:\s*\d{1,2})?"
                       r"(?:\s*min)?)\.?$", re.IGNORECASE)


def _row_line(cells: list[str]) -> str:
    """An item row as an agenda line: '3 Finance report – Treasurer [15 min]'."""
    number, rest = cells[0], [c for c in cells[1:] if c]
    plans = [c for c in rest if _DURATION.match(c)]
    others = [c for c in rest if c not in plans]
    line = number if not others else f"{number} {others[0]}"
    if len(others) > 1:
        line += " – " + ", ".join(others[1:])
    if plans:
        line += f" [{plans[0]}]"
    return line


def _part(archive: zipfile.ZipFile, name: str, path: Path) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise InputError(path, f"this Word file's {name} is too large to be an agenda")
    try:
        return ElementTree.fromstring(archive.read(info))
    except ElementTree.ParseError as exc:
        raise InputError(path, f"a damaged Word file ({name}: {exc})") from None


def docx_text(data: bytes, path: str | Path) -> str:
    """The agenda text of a .docx file's bytes; InputError on anything unreadable."""
    import io

    p = Path(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(p, "a damaged Word file (not a readable zip)") from None
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            kind = ("an Excel workbook" if "xl/workbook.xml" in names
                    else "a PowerPoint file" if "ppt/presentation.xml" in names
                    else "an OpenDocument file" if "content.xml" in names
                    else "a zip archive")
            raise InputError(p, f"this is {kind}, not a Word agenda (.docx)")
        try:
            document = _part(archive, "word/document.xml", p)
            numbering = Numbering(_part(archive, "word/numbering.xml", p))
            styles = _styles(_part(archive, "word/styles.xml", p))
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
            raise InputError(p, f"a damaged Word file ({exc})") from None
    body = document.find(W + "body") if document is not None else None
    if body is None:
        raise InputError(p, "a damaged Word file (no document body)")
    converter = _Converter(numbering, styles)
    converter.body(body)
    return "\n".join(converter.lines).strip("\n") + "\n"
