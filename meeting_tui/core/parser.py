"""The agenda parser: text written by people in word processors, mail clients and
Markdown editors, turned into an ``Agenda``.

Its rules are for families of real agendas (decimal, lettered, Roman and outline
numbering, bullets, Markdown headings, wrapped titles, plans in the title), never for
one document.
"""

from __future__ import annotations

import gc
import re

from .agenda import Agenda, Item, Warning_
from .text import normalize

# --------------------------------------------------------------------------- lines

_BULLETS = "•◦▪‣·○●■□►➢➤–—-*+"
_BULLET_RE = re.compile(rf"^(?:[{re.escape(_BULLETS)}]|o(?=\t))\s+(?:\[[ xX]\]\s+)?")
_BULLET_FIRST = frozenset(_BULLETS + "o")
_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_BOLD_RE = re.compile(r"^(\*\*|__)\s*(\S.*?)\s*\1$")
# A Markdown rule ("---", "* * *") or a bullet with nothing after it is not an item.
_RULE_RE = re.compile(rf"^[{re.escape(_BULLETS)}_=~\s]*$")

_ROMAN_RE = re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_SEP = r"(?:\s*[:.\-–—]\s+|\s+|$)"

# Outline numbers; each is followed by the title. Decimal: "2.1.3." or "2.1" (any
# depth, "2.a" too), then "3." / "3)" / "3.Title".
_DECIMAL_MULTI_RE = re.compile(r"(\d{1,3}(?:\.(?:\d{1,3}|[a-z]))+)\.?(?:\s+|$)")
_DECIMAL_RE = re.compile(r"(\d{1,3})([.)])(?:\s+|$|(?=[^\W\d_]))")
# A roman or letter head with decimal parts: "I.1", "III.2.1", "A.1".
_OUTLINE_MULTI_RE = re.compile(r"((?:[IVXLCDM]{1,6}|[A-Z])(?:\.\d{1,3})+)\.?(?:\s+|$)")
# One letter or a roman numeral: "a)", "A.", "iv.", "IV)".
_LETTER_RE = re.compile(r"([ivxlcdm]{2,6}|[IVXLCDM]{2,6}|[a-zA-Z])([.)])(?:\s+|$)")
# In parentheses: "(1)", "(a)", "(iv)", "(B)".
_PAREN_RE = re.compile(r"\((\d{1,3}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[a-zA-Z])\)\s*")
_ITEM_WORD_RE = re.compile(
    r"^(?:agenda\s+)?(?:item|point)\s+(\d{1,3}(?:\.\d{1,3})*(?:\s?\([a-z]\)|[a-z])?)" + _SEP,
    re.IGNORECASE,
)
_HEADING_NUMBER_RE = re.compile(r"^(\d{1,3})(?:\s+|$)")
# "1 Welcome" without any decoration: only a candidate, like a lone letter (see
# resolve_letters), so "10 members present" or "2025 Annual Meeting" stay text.
_BARE_NUMBER_RE = re.compile(r"^(\d{1,3})\s+(?=[A-Z\u00c0-\u00de\"“‘«'])")
_MONTHS_RE = re.compile(
    r"^(?:jan|feb|fév|fev|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|août|sep|oct|nov|dec|déc)",
    re.IGNORECASE,
)

_PLAN_RE = re.compile(
    r"\s*[\[(]\s*(?:(?P<h>\d{1,2})\s*h(?:ours?|rs?)?\.?\s*(?P<hm>\d{1,2})?\s*(?:min(?:utes?)?|m|')?"
    r"|(?P<m>\d{1,3})\s*(?:min(?:ute)?s?\.?|mn|m|'|′|’))\s*[\])]\s*$",
    re.IGNORECASE,
)


def _find_plan(text: str) -> re.Match[str] | None:
    """The time allocation at the end of a line, if any (cheap for the usual none)."""
    if not text.endswith((")", "]")):
        return None
    return _PLAN_RE.search(text, max(0, len(text) - 32))


_NEXT_MEETING_RE = re.compile(
    r"^(?:(?:dates?\s+(?:of\s+|for\s+)?(?:the\s+)?)?next\s+meetings?"
    r"|(?:dates?\s+(?:de\s+la\s+|des\s+))?prochaines?\s+réunions?)"
    r"\s*[:.\-–]?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
_END_MARKER_RE = re.compile(r"^(?:list\s+of|liste\s+des)\s+d[ée]cisions\s*[.:]?$", re.IGNORECASE)
# A link or an address is a note even when it starts in lower case.
_LINK_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|www\.|mailto:|\S+@\S+\.\w+)", re.IGNORECASE)
# A title line that breaks off mid-phrase (after one of these characters or words):
# the next line continues it.
_OPEN_END_CHARS = frozenset(",([{“‘«/&+-–—")
_OPEN_END_WORDS = frozenset((
    "and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "with", "by", "at", "from",
    "into", "between", "including", "concerning", "regarding",
    "des", "du", "de", "la", "le", "les", "et",
))


def _breaks_off(title: str) -> bool:
    if title[-1] in _OPEN_END_CHARS:
        return True
    last_word = title[title.rfind(" ") + 1 :]
    return last_word.lower() in _OPEN_END_WORDS


# The parser's working objects are plain slotted classes: one of each per line of a
# 20,000-item agenda, so they are kept small and cheap to make.


class _Number:
    __slots__ = ("text", "parts", "style", "candidates", "guarded", "canonical", "prefix")

    def __init__(
        self,
        text: str,
        parts: tuple[str, ...],
        style: tuple,
        candidates: tuple[tuple[tuple, int], ...] = (),
        guarded: bool = False,
    ) -> None:
        self.text = text  # as kept: without decoration
        self.parts = parts
        self.style = style  # decides siblings: same style + same indent
        # (style, value) readings of a one-part number: "c)" is letter 3 or roman 100.
        self.candidates = candidates
        # Only a number if it starts or continues a sequence: "M." and "J." are
        # initials, "12 members" is a count.
        self.guarded = guarded
        self.canonical = canonical = ".".join(parts)  # "2.1", "I.3"
        self.prefix = canonical.rpartition(".")[0]  # "2" for "2.1"; "" for one part

    @property
    def family(self) -> str:
        """Numbers that can stand for each other's parents: "3" and "3.1", "II" and "IV.1"."""
        if self.style[0] == "item":
            return "item"
        first = self.parts[0]
        return "dec" if first.isdigit() else "upper" if first.isupper() else "lower"

    def resolved(self, style: tuple, value: int) -> _Number:
        return _Number(self.text, self.parts, style, ((style, value),))


class _Line:
    """One non-blank line as read; a line that is an item is also its node in the tree."""

    __slots__ = ("no", "indent", "kind", "text", "level", "number", "style", "title",
                 "depth", "children", "notes", "child_styles")

    def __init__(self, no: int, indent: int, kind: str, text: str, level: int = 0) -> None:
        self.no = no
        self.indent = indent
        self.kind = kind  # "text", "bullet", "heading"
        self.text = text  # without bullet/heading marks
        self.level = level  # heading level
        self.number: _Number | None = None
        self.style: tuple | None = None  # the number's, once resolved
        self.title = ""
        # as a node (its parent is in _Parser.parents: no reference cycles to collect)
        self.depth = 0  # its index in the parser's stack of open items
        # made on first use: most lines have no children and no notes
        self.children: list[_Line] | None = None
        self.notes: list[str] | None = None
        # (style, indent) of every numbered child: where a new "c)" finds its siblings.
        self.child_styles: set[tuple] | None = None


def _roman_value(text: str) -> int | None:
    upper = text.upper()
    if not _ROMAN_RE.match(upper):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for ch, nxt in zip(upper, upper[1:] + " ", strict=True):
        v = values[ch]
        total += -v if nxt != " " and values[nxt] > v else v
    return total


def _parse_number(text: str, heading: bool) -> tuple[_Number, str] | None:
    """Recognize a leading outline number; returns it and the rest of the line."""
    first = text[:1]
    if first.isdigit():
        return _decimal_number(text, heading)
    if first.isalpha():
        return _lettered_number(text)
    if first == "(":
        return _paren_number(text)
    return None


def _paren_number(text: str) -> tuple[_Number, str] | None:
    m = _PAREN_RE.match(text)
    return _one_part(m.group(1), "()", text[m.end() :]) if m else None


def _decimal_number(text: str, heading: bool) -> tuple[_Number, str] | None:
    m = _DECIMAL_MULTI_RE.match(text)
    if m:
        raw = m.group(1)
        parts = tuple(raw.split("."))
        return _Number(raw, parts, ("dec", len(parts))), text[m.end() :]
    m = _DECIMAL_RE.match(text)
    if m:
        return _one_part(m.group(1), m.group(2), text[m.end() :])
    if heading:  # "## 1 Opening"
        m = _HEADING_NUMBER_RE.match(text)
        if m:
            return _Number(m.group(1), (m.group(1),), ("dec", "")), text[m.end() :]
        return None
    m = _BARE_NUMBER_RE.match(text)
    if m and not _MONTHS_RE.match(text[m.end() :]):
        raw, value = m.group(1), int(m.group(1))
        # it may also continue "1." or "1)" items: then it takes their style
        styles = (("dec", "bare"), ("dec", "."), ("dec", ")"))
        candidates = tuple((style, value) for style in styles)
        return _Number(raw, (raw,), styles[0], candidates, guarded=True), text[m.end() :]
    return None


def _lettered_number(text: str) -> tuple[_Number, str] | None:
    # "Item 3", "Agenda item 4(b)", "Point 2"
    m = _ITEM_WORD_RE.match(text) if text[:2].lower() in ("it", "ag", "po") else None
    if m:
        raw = re.sub(r"\s", "", m.group(1))
        parts = tuple(p for p in re.split(r"[.()]", raw.replace("(", ".(")) if p)
        if len(parts) == 1 and re.fullmatch(r"\d+[a-z]", raw):
            parts = (raw[:-1], raw[-1])
        return _Number(raw, parts, ("item", len(parts))), text[m.end() :]
    head = text[1:8]
    if "." not in head and ")" not in head:
        return None  # the other styles have a "." or ")" right after the number
    m = _OUTLINE_MULTI_RE.match(text) if text[0].isupper() else None
    if m:
        raw = m.group(1)
        parts = tuple(raw.split("."))
        return _Number(raw, parts, ("outline", len(parts))), text[m.end() :]
    m = _LETTER_RE.match(text)
    return _one_part(m.group(1), m.group(2), text[m.end() :]) if m else None


def _one_part(raw: str, decoration: str, rest: str) -> tuple[_Number, str] | None:
    """'3.', 'c)', '(iv)', 'A.': a number with its readings (see resolve_letters)."""
    if raw.isdigit():
        style = ("dec", decoration)
        return _Number(raw, (raw,), style, ((style, int(raw)),)), rest
    case = "lower" if raw.islower() else "upper"
    candidates: list[tuple[tuple, int]] = []
    roman = _roman_value(raw)
    if roman is not None:
        candidates.append((("roman", case, decoration), roman))
    if len(raw) == 1:
        candidates.append((("alpha", case, decoration), ord(raw.lower()) - ord("a") + 1))
    if not candidates:
        return None
    initial = len(raw) == 1 and decoration == "."
    return _Number(raw, (raw,), candidates[0][0], tuple(candidates), initial), rest


def _split_line(no: int, raw: str, text: str) -> _Line:
    """One non-blank line (`text` is `raw` stripped): its shape, indent and number."""
    indent = 0
    if raw[0] in " \t":
        expanded = raw.expandtabs(4)
        indent = len(expanded) - len(expanded.lstrip())
    first = text[0]
    bold = _BOLD_RE.match(text) if first in "*_" else None
    if bold:
        text = bold.group(2)
        first = text[0]
    heading = _HEADING_RE.match(text) if first == "#" else None
    if heading and heading.group(2):
        inner = heading.group(2)
        bold = _BOLD_RE.match(inner)
        line = _Line(no, -1, "heading", bold.group(2) if bold else inner, len(heading.group(1)))
    elif first in _BULLET_FIRST and (bullet := _BULLET_RE.match(stripped := raw.lstrip(" \t"))):
        after = stripped[bullet.end() :].strip()
        if _RULE_RE.match(after):
            line = _Line(no, indent, "text", text)
        else:
            line = _Line(no, indent, "bullet", after)
    else:
        line = _Line(no, indent, "text", text)
    parsed = _parse_number(line.text, heading=line.kind == "heading")
    if parsed:
        line.number, line.title = parsed
    return line


def _squash(text: str) -> str:
    """Runs of spaces and tabs to one space, none at the ends (text is normalized)."""
    if "  " in text or "\t" in text or text[:1] == " " or text[-1:] == " ":
        return " ".join(text.split())
    return text


# --------------------------------------------------------------------------- parser


class _Parser:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.has_headings = "#" in text
        self.parents: dict[int, _Line | None] = {}  # by line number
        self.roots: list[_Line] = []
        self.stack: list[_Line] = []
        self.by_number: dict[str, _Line] = {}
        self.by_prefix: dict[tuple[str, int], _Line] = {}
        self.root_styles: set[tuple] = set()
        self.header: list[str] = []
        self.next_meetings: list[str] = []
        self.end_marker: str | None = None
        self.placement: list[tuple[int, str]] = []
        self.mode = "header"  # header, items, next, after
        self.last_title_node: _Line | None = None  # the node whose title the last line was

    def chain(self, node: _Line | None) -> list[_Line]:
        """The node and its ancestors, outermost first."""
        chain: list[_Line] = []
        while node is not None:
            chain.append(node)
            node = self.parents[node.no]
        return chain[::-1]

    # ------------------------------------------------------------ helpers
    def place(self, no: int, where: str) -> None:
        self.placement.append((no, where))

    def attach(self, node: _Line, parent: _Line | None) -> None:
        self.parents[node.no] = parent
        stack = self.stack
        if parent is None:
            self.roots.append(node)
            self.stack = [node]
        else:
            if parent.children is None:
                parent.children = []
            parent.children.append(node)
            node.depth = parent.depth + 1
            if len(stack) > parent.depth and stack[parent.depth] is parent:
                del stack[node.depth :]
                stack.append(node)
            else:
                self.stack = [*self.chain(parent), node]
        number = node.number
        if number:
            if parent is None:
                self.root_styles.add((node.style, node.indent))
            elif parent.child_styles is None:
                parent.child_styles = {(node.style, node.indent)}
            else:
                parent.child_styles.add((node.style, node.indent))
            if number.prefix and number.prefix not in self.by_number:
                # "I.2" will find its sibling "I.1" here when there is no "I"
                self.by_prefix[(number.prefix, len(number.parts))] = node
            self.by_number[number.canonical] = node

    def resolve_letters(self, number: _Number) -> _Number | None:
        """Pick roman or alphabetic for 'I.', 'c)', 'v.': whichever continues a sequence,
        else whichever starts one (1, a, i), else the smaller value ("c" is 3, "x" 10).

        A guarded number that neither starts nor continues a sequence is not a number.
        """
        if len(number.candidates) < 2 and not number.guarded:
            return number  # "12.", "(iv)": one reading, and a number wherever it stands
        for style, value in number.candidates:
            # the innermost open item of this style: is this number the next one?
            prev = next((node for node in reversed(self.stack) if node.style == style), None)
            if prev is not None and prev.number and self._value(prev.number, style) == value - 1:
                return number.resolved(style, value)
        for style, value in number.candidates:
            if value == 1:
                return number.resolved(style, value)
        if number.guarded:
            return None  # "M. Dupont", "J. Smith", "12 members": text, not an item
        style, value = min(number.candidates, key=lambda candidate: candidate[1])
        return number.resolved(style, value)

    @staticmethod
    def _value(number: _Number, style: tuple) -> int | None:
        for cand_style, value in number.candidates:
            if cand_style == style:
                return value
        return None

    # ------------------------------------------------------------ placement
    def parent_for(self, line: _Line, number: _Number | None) -> _Line | None:
        if line.kind == "heading":
            stack = [n for n in self.stack if n.kind == "heading" and n.level < line.level]
            return stack[-1] if stack else None
        if number and number.prefix:
            parent = self.by_number.get(number.prefix)
            if parent is not None:
                return parent
            sibling = self.by_prefix.get((number.prefix, len(number.parts)))
            if sibling is not None:
                return self.parents[sibling.no]
            # No "3" for this "3.1": it stands beside the open "2", not inside it.
            for node in reversed(self.stack):
                if (node.number and node.number.family == number.family
                        and len(node.number.parts) == len(number.parts) - 1):
                    return self.parents[node.no]
        if line.kind == "bullet":
            stack = list(self.stack)
            while stack and stack[-1].kind == "bullet" and stack[-1].indent >= line.indent:
                stack.pop()
            return stack[-1] if stack else None
        # A numbered line: close deeper-indented items and bullets at its own indent
        # (a numbered line beside a bullet is its sibling), then join the innermost
        # open item that already holds numbers of this style at this indent.
        stack = list(self.stack)
        while stack and stack[-1].kind != "heading" and (
            stack[-1].indent > line.indent
            or (stack[-1].kind == "bullet" and stack[-1].indent == line.indent)
        ):
            stack.pop()
        assert number is not None
        wanted = (number.style, line.indent)
        for node in reversed(stack):
            if node.child_styles and wanted in node.child_styles:
                return node
            if node.kind == "heading":
                return stack[-1]
        if wanted in self.root_styles:
            return None
        return stack[-1] if stack else None

    # ------------------------------------------------------------ lines
    def feed(self, no: int, raw: str, text: str, blanks: int) -> None:
        """Line `no` (`text` is `raw` stripped, non-blank; `blanks` blank lines above)."""
        line = _split_line(no, raw, text)
        if self.mode == "after":
            self.place(no, "skipped")
            return
        number = line.number
        if number is None and self.marker_line(line):
            return
        if self.mode == "next":
            if not self.leaves_next_meetings(line):
                self.next_meetings.append(_squash(line.text))
                self.place(no, "next_meetings")
                return
            self.mode = "items"
        if number is not None and number.candidates:
            number = self.resolve_letters(number)
        if number is None:
            if line.kind == "text":
                self.text_line(line, blanks)
                return
            line.title = line.text  # a bullet or heading without a number
        else:
            line.style = number.style
        line.number = number
        self.attach(line, self.parent_for(line, number))
        self.mode = "items"
        self.last_title_node = line
        self.placement.append((no, "item"))

    def marker_line(self, line: _Line) -> bool:
        """The title heading, the end marker or the next-meetings heading: place it."""
        no, text = line.no, line.text
        if (self.mode == "header" and line.kind == "heading"
                and self.heading_is_title(no)):
            self.header.append(_squash(text))
            self.place(no, "header")
            return True
        if self.roots and text[:1] in "lL" and _END_MARKER_RE.match(text):
            self.end_marker = _squash(text)
            self.mode = "after"
            self.place(no, "end_marker")
            return True
        if line.kind != "bullet" and text[:1] in "dDnNpP":
            nxt = _NEXT_MEETING_RE.match(text)
            if nxt and (self.roots or self.mode == "items"):
                self.mode = "next"
                self.last_title_node = None
                if nxt.group("rest"):
                    self.next_meetings.append(_squash(nxt.group("rest")))
                    self.place(no, "next_meetings")
                else:
                    self.place(no, "next_meetings_heading")
                return True
        return False

    def heading_is_title(self, no: int) -> bool:
        """'# Board meeting' above '## 1. Opening' (or above numbered '# 1. ...')."""
        return self.title_heading == no

    def leaves_next_meetings(self, line: _Line) -> bool:
        """A top-level item after the next-meeting dates (e.g. '7. Any other business')."""
        if line.kind == "heading":
            return True
        if line.kind != "text" or not line.number or not self.roots:
            return False
        last = self.roots[-1]
        if not last.number or last.number.style != line.number.style:
            return False
        a, b = last.number.parts[0], line.number.parts[0]
        return a.isdigit() and b.isdigit() and int(b) == int(a) + 1

    def text_line(self, line: _Line, blanks: int) -> None:
        text = _squash(line.text)
        if self.mode == "header":
            self.header.append(text)
            self.place(line.no, "header")
            return
        node = self.stack[-1]
        title_node = self.last_title_node
        if title_node is node and self.continues(node.title, text, blanks):
            # "Vice-" + "Chair", "self-" + "generated": the hyphen is the word's own.
            title = node.title
            joiner = "" if title[-1:] == "-" and title[-2:-1].isalnum() else " "
            node.title = f"{title}{joiner}{text}" if title else text
            self.place(line.no, "continuation")
            return
        if node.notes is None:
            node.notes = []
        node.notes.append(text)
        self.last_title_node = None
        self.place(line.no, "note")

    @staticmethod
    def continues(title: str, text: str, blanks: int) -> bool:
        if _LINK_RE.match(text):
            return False
        if not title:  # "3." alone, its title on the next line
            return blanks <= 1 and not _RULE_RE.match(text)
        if _find_plan(title):
            return False
        if blanks == 0 and _find_plan(text):
            # "... of the Municipal" / "Code [1h]": the time allocation ends an item line.
            return True
        open_phrase = (
            _breaks_off(title)
            or title.count("(") > title.count(")")
            or title.count("“") > title.count("”")
            or title.count('"') % 2 == 1
        )
        if open_phrase:
            return blanks <= 1
        return blanks == 0 and text[:1].islower()

    def run(self) -> None:
        headings = [
            (i + 1, len(m.group(1)), _parse_number(m.group(2), heading=True) is not None)
            for i, raw in enumerate(self.lines if self.has_headings else ())
            if "#" in raw and (m := _HEADING_RE.match(raw.strip()))
        ]
        self.title_heading = 0
        if headings and not headings[0][2]:
            first_no, first_level, _ = headings[0]
            if all(level > first_level or numbered for _, level, numbered in headings[1:]):
                self.title_heading = first_no
        blanks = 0
        for no, raw in enumerate(self.lines, start=1):
            text = raw.strip()
            if text:
                self.feed(no, raw, text, blanks)
                blanks = 0
            else:
                blanks += 1


def parse_agenda(text: str, source: str = "") -> Agenda:
    """Parse agenda text. Never raises: anything odd becomes a note or a warning."""
    # Parsing makes a few objects per line, all alive until the end and then freed by
    # reference counting (they hold no cycles): the cyclic collector would only walk
    # them again and again, a third of the time on a 20,000-item agenda.
    collecting = gc.isenabled()
    gc.disable()
    try:
        parser = _Parser(normalize(text))
        parser.run()
        warnings: list[Warning_] = []
        items = _freeze(parser.roots, None, warnings, {})
        return Agenda(
            header=tuple(parser.header),
            items=items,
            next_meetings=tuple(parser.next_meetings),
            end_marker=parser.end_marker,
            warnings=tuple(sorted(warnings, key=lambda w: w.line)),
            placement=tuple(parser.placement),
            source=source,
        )
    finally:
        if collecting:
            gc.enable()


def _split_plan(title: str) -> tuple[str, int | None]:
    m = _find_plan(title)
    if not m or not title[: m.start()].strip():
        return title, None  # no allocation, or nothing but one: then that is the title
    if m.group("m"):
        minutes = int(m.group("m"))
    else:
        minutes = int(m.group("h")) * 60 + int(m.group("hm") or 0)
    return title[: m.start()].rstrip(), minutes


def _freeze(
    nodes: list[_Line], parent_key: str | None, warnings: list[Warning_], seen: dict[str, int]
) -> tuple[Item, ...]:
    """Turn parser nodes into Items with keys; a repeated number gets a warning."""
    items: list[Item] = []
    unnumbered = 0
    for node in nodes:
        title = _squash(node.title)
        minutes = None
        if title[-1:] in (")", "]"):  # "[15 min]", "(20')"
            title, minutes = _split_plan(title)
        number = node.number
        if number:
            key = number.canonical
            if not number.prefix and parent_key is not None:
                key = f"{parent_key}/{number.text}"
            if key in seen:
                warnings.append(Warning_(
                    node.no,
                    f"item number {number.text} on line {node.no} "
                    f"repeats the one on line {seen[key]}",
                ))
                key = f"{key}@{node.no}"
        else:  # unique by construction: numbers never hold a "#"
            unnumbered += 1
            key = f"{parent_key}/#{unnumbered}" if parent_key else f"#{unnumbered}"
        seen[key] = node.no
        items.append(Item(
            number.text if number else None,
            title,
            node.no,
            minutes,
            tuple(node.notes) if node.notes else (),
            _freeze(node.children, key, warnings, seen) if node.children else (),
            key,
        ))
    return tuple(items)
