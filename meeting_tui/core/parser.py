"""The agenda parser: text written by people in word processors, mail clients and
Markdown editors, turned into an ``Agenda``.

Its rules are for families of real agendas (decimal, lettered, Roman and outline
numbering, bullets, Markdown headings, wrapped titles, plans in the title), never for
one document. How one line reads (its shape, indent and number) is ``numbering``;
here is where each line goes: the header, an item, its title's continuation, a note,
the next-meeting dates, the end marker.

Longer than our modules usually are, for a reason: the short way of the commonest line
(``sub_item``, "2.1.3. Title" under "2.1") must stay beside ``feed`` and ``attach``,
whose result it repeats, so that a change to one is seen to need the other.
"""

from __future__ import annotations

import gc
import re
from functools import cache

from .agenda import Agenda, Warning_
from .continuation import goes_on
from .furniture import furniture_lines
from .header import instructions, unlabel
from .markdown import looks_like_markdown, plain, renumber
from .numbering import (
    BULLET_FIRST,
    DECIMAL_LINE_RE,
    MULTI_GROUP,
    Line,
    Number,
    Style,
    indent_of,
    parse_heading,
    parse_number,
    split_line,
)
from .text import matching_lines, normalize, squash
from .timing import bare_plan_re, clock_line_re, clock_span, is_timetable
from .tree import PLAN_ENDS, freeze, mostly_not_items

# ------------------------------------------------- what a line says: plans, markers

# Compiled on first use (``functools.cache``, as in ``printable``), not at import.


@cache
def _next_meeting() -> re.Pattern[str]:
    return re.compile(
        r"^(?:(?:dates?\s+(?:of\s+|for\s+)?(?:the\s+)?)?next\s+meetings?"
        r"|(?:dates?\s+(?:de\s+la\s+|des\s+))?prochaines?\s+réunions?)"
        r"\s*[:.\-–]?\s*(?P<rest>.*)$",
        re.IGNORECASE,
    )


@cache
def _end_marker() -> re.Pattern[str]:
    return re.compile(r"^(?:list\s+of|liste\s+des)\s+d[ée]cisions\s*[.:]?$", re.IGNORECASE)


# The lines that may be a page mark or a timetable's, found by one search over the text
# (see matching_lines): a search of its own for each cost as much again, some 800
# instructions for every line of the text. After the indent: what a page mark starts
# with, or a digit then what makes a digit's line a page mark's (short, or with a ":"
# near its start: see furniture_lines) or the rest of a clock time's start (its mark
# and minutes, after an hour's one digit or two: see is_timetable). It finds more
# lines than either wants ("12.15. Budget"): both test each line they are given.
_STARTS_RE = re.compile(
    r"\n[ \t]*+(?:[-–—hHfFwWpPsS]|\d(?:[:h.][0-5]\d|(?<=[0-2])\d[:h.][0-5]\d"
    r"|(?![^\n]{14}[ \t]*+[^ \t\n])|[^\n:]{0,23}+:))")
# --------------------------------------------------------------------------- parser

# Bounds that keep any text, however odd, parsed in linear time and shallow enough for
# every walk of the tree: no real agenda comes near them.
MAX_DEPTH = 24  # levels of sub-items
MAX_TITLE = 1000  # characters a title may grow to from its continuation lines


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.wrap_margin: int | None = None  # where long lines end (see wrapped)
        self.too_deep: list[int] = []  # lines nested deeper than MAX_DEPTH
        self.bullets_as_notes = False  # a bullet under an item is one of its notes
        self.last_width = 0  # how far the last line of the open title ran
        # or, when that line was the item's own, the line itself (measured only if asked)
        self.last_raw: str | None = None
        self.has_headings = "#" in text
        self.parents: dict[int, Line | None] = {}  # by line number
        self.roots: list[Line] = []
        self.stack: list[Line] = []
        self.by_number: dict[str, Line] = {}
        self.by_prefix: dict[tuple[str, int], Line] = {}
        self.root_styles: set[tuple[Style, int]] = set()
        self.header: list[str] = []
        self.next_meetings: list[str] = []
        self.end_marker: str | None = None
        self.placement: list[tuple[int, str]] = []
        self.mode = "header"  # header, items, next, after
        self.last_title_node: Line | None = None  # the node whose title the last line was

    def chain(self, node: Line | None) -> list[Line]:
        """The node and its ancestors, outermost first."""
        chain: list[Line] = []
        while node is not None:
            chain.append(node)
            node = self.parents[node.no]
        return chain[::-1]

    # ------------------------------------------------------------ helpers
    def place(self, no: int, where: str) -> None:
        self.placement.append((no, where))

    def attach(self, node: Line, parent: Line | None) -> None:
        if parent is not None and parent.depth + 1 >= MAX_DEPTH:
            parent = self.chain(parent)[MAX_DEPTH - 2]  # kept at the deepest level
            self.too_deep.append(node.no)
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
            placed = (number.style, node.indent)  # the node's style is its number's
            if parent is None:
                self.root_styles.add(placed)
            elif parent.child_styles is None:
                parent.child_styles = {placed}
            else:
                parent.child_styles.add(placed)
            if number.prefix and number.prefix not in self.by_number:
                # "I.2" will find its sibling "I.1" here when there is no "I"
                self.by_prefix[(number.prefix, len(number.parts))] = node
            self.by_number[number.canonical] = node

    def resolve_letters(self, number: Number) -> Number | None:
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
    def _value(number: Number, style: Style) -> int | None:
        for cand_style, value in number.candidates:
            if cand_style == style:
                return value
        return None

    # ------------------------------------------------------------ placement
    def parent_for(self, line: Line, number: Number | None) -> Line | None:
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
        if self.mode == "after":
            self.placement.append((no, "skipped"))
            return
        if self.timed and self.timed_line(no, raw, text):
            return
        self.feed_line(split_line(no, raw, text), raw, blanks)

    def feed_line(self, line: Line, raw: str, blanks: int) -> None:
        """``feed``'s work once the line is read (``split_line``)."""
        no = line.no
        number = line.number
        if number is None and self.marker_line(line):
            return
        if self.mode == "next":
            if not self.leaves_next_meetings(line):
                self.next_meetings.append(squash(line.text))
                self.place(no, "next_meetings")
                return
            self.mode = "items"
        if (self.bullets_as_notes and line.kind == "bullet" and number is None
                and self.mode == "items" and self.stack):
            self.note_line(line)
            return
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
        self.last_raw = raw
        self.placement.append((no, "item"))

    def timed_line(self, no: int, raw: str, text: str) -> bool:
        """In a timetable, "09:30 – 10:00 Opening" and "Closing remarks 5m" are items
        (the times their plan and start), whatever their numbers look like."""
        clock = clock_line_re().match(text) if text[:1].isdigit() else None
        if clock is None:
            duration = bare_plan_re().search(text) if text[-1:] in PLAN_ENDS else None
            if duration is None or duration.start() == 0 or split_line(no, raw, text).number:
                return False
            line = Line(no, 0, "timed", text)
        else:
            line = Line(no, 0, "timed", text[clock.end():])
            line.start, line.end = clock_span(clock)
        line.title = line.text
        headings = [n for n in self.stack if n.kind == "heading"]
        self.attach(line, headings[-1] if headings else None)
        self.mode = "items"
        self.last_title_node = line
        self.last_raw = raw
        self.placement.append((no, "item"))
        return True

    def note_line(self, line: Line) -> None:
        """A bullet kept as a note of the item above it (``bullets_as_notes``)."""
        node = self.stack[-1]
        if node.notes is None:
            node.notes = []
        node.notes.append(squash(line.text))
        self.last_title_node = None
        self.place(line.no, "note")

    def marker_line(self, line: Line) -> bool:
        """The title heading, the end marker or the next-meetings heading: place it."""
        no, text = line.no, line.text
        if (self.mode == "header" and line.kind == "heading"
                and self.heading_is_title(no)):
            self.header.append(squash(text))
            self.place(no, "header")
            return True
        if self.roots and text[:1] in "lL" and _end_marker().match(text):
            self.end_marker = squash(text)
            self.mode = "after"
            self.place(no, "end_marker")
            return True
        if line.kind != "bullet" and text[:1] in "dDnNpP":
            nxt = _next_meeting().match(text)
            if nxt and (self.roots or self.mode == "items"):
                self.mode = "next"
                self.last_title_node = None
                if nxt.group("rest"):
                    self.next_meetings.append(squash(nxt.group("rest")))
                    self.place(no, "next_meetings")
                else:
                    self.place(no, "next_meetings_heading")
                return True
        return False

    def heading_is_title(self, no: int) -> bool:
        """'# Board meeting' above '## 1. Opening' (or above numbered '# 1. ...')."""
        return self.title_heading == no

    def leaves_next_meetings(self, line: Line) -> bool:
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

    def text_line(self, line: Line, blanks: int) -> None:
        text = squash(line.text)
        if self.mode == "header":
            self.header.append(text)
            self.place(line.no, "header")
            return
        node = self.stack[-1]
        title_node = self.last_title_node
        if title_node is node and len(node.title) < MAX_TITLE and goes_on(
                node.title, text, blanks, self.width, self.margin):
            # "Vice-" + "Chair", "self-" + "generated": the hyphen is the word's own.
            self.last_width = line.indent + len(line.text)
            self.last_raw = None
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

    def width(self) -> int:
        """How far the last line of the open title ran."""
        raw = self.last_raw
        return self.last_width if raw is None else len(raw.rstrip().expandtabs(4))

    def margin(self) -> int:
        """Where the long lines end: the widest but for a few (a link, a stray line)."""
        if self.wrap_margin is None:
            if "\t" in self.text:
                widths = [len(line.rstrip().expandtabs(4)) for line in self.lines
                          if len(line) > 20]
            else:  # no tab to expand
                widths = [len(line.rstrip()) for line in self.lines if len(line) > 20]
            widths.sort()
            self.wrap_margin = widths[(len(widths) - 1) * 19 // 20] if widths else 0
        return self.wrap_margin

    def run(self) -> None:
        headings = [
            (i + 1, found[0], parse_number(found[1], heading=True) is not None)
            for i, raw in enumerate(self.lines if self.has_headings else ())
            if "#" in raw and (found := parse_heading(raw.strip()))
        ]
        self.title_heading = 0
        if headings and not headings[0][2]:
            first_no, first_level, _ = headings[0]
            if all(level > first_level or numbered for _, level, numbered in headings[1:]):
                self.title_heading = first_no
        lines = self.lines
        starts = list(matching_lines(self.text, _STARTS_RE))
        furniture = furniture_lines(self.text, starts)
        self.timed = is_timetable(starts)
        blanks = 0
        feed, sub_item, placement = self.feed, self.sub_item, self.placement
        by_number = self.by_number
        match_decimal = DECIMAL_LINE_RE.match
        quick = not self.timed  # a timetable's lines take feed's way, every one
        no = 0
        for raw in lines:
            no += 1
            if not raw:  # an empty line, the commonest: no strip to make
                blanks += 1
                continue
            text = raw.strip()  # here, not in a list of its own: most lines are read once
            if not text:
                blanks += 1
                continue
            if furniture and no in furniture and self.mode != "after":
                placement.append((no, "furniture"))  # a page's header or number: as if not there
                continue
            blanks_above, blanks = blanks, 0
            # Most lines of a long agenda are sub-items ("2.1.3. Title") under their
            # parent ("2.1"): they take the short way, with the same result as feed's.
            if quick and text[0].isdigit() and self.mode == "items":
                decimal = match_decimal(text)
                # the many-part branch ("multi") matched: its group holds the number
                if decimal is not None and (canonical := decimal.group(MULTI_GROUP)):
                    prefix = canonical[:canonical.rfind(".")]
                    parent = by_number.get(prefix)
                    if parent is not None and parent.depth + 1 < MAX_DEPTH:
                        sub_item(no, raw, text, decimal, parent, canonical, prefix)
                        continue
            # A bullet ("  • Presentation by …") under the open item: feed's way without
            # the tests that cannot apply to it (the markers, the next meetings).
            elif quick and text[0] in BULLET_FIRST and self.mode == "items":
                line = split_line(no, raw, text)
                if (line.kind == "bullet" and line.number is None
                        and not self.bullets_as_notes and line.text[0] not in "lL"):
                    self.bullet(line, raw)
                else:
                    self.feed_line(line, raw, blanks_above)
                continue
            feed(no, raw, text, blanks_above)

    def bullet(self, line: Line, raw: str) -> None:
        """``feed`` for an unnumbered bullet in the items (not the end marker, which
        starts with "l"): it goes under the innermost open item that is not a bullet
        indented as much or more (``parent_for``'s rule for bullets)."""
        stack = self.stack
        depth = len(stack)
        indent = line.indent
        while depth and stack[depth - 1].kind == "bullet" and stack[depth - 1].indent >= indent:
            depth -= 1
        line.title = line.text
        self.attach(line, stack[depth - 1] if depth else None)
        self.last_title_node = line
        self.last_raw = raw
        self.placement.append((line.no, "item"))

    def sub_item(self, no: int, raw: str, text: str, found: re.Match[str],
                 parent: Line, canonical: str, prefix: str) -> None:
        """``feed`` and ``attach`` for the commonest line: "2.1.3. Title" (``found``, a
        DECIMAL_LINE_RE match of its many-part number ``canonical``), in the items,
        under its parent (numbered ``prefix``)."""
        parts = tuple(canonical.split("."))
        style = ("dec", len(parts))
        indent = indent_of(raw) if raw[0] in " \t" else 0
        node = Line(no, indent, "text", text)
        node.number = Number(canonical, parts, style, (), False, canonical, prefix)
        node.title = text[found.end():]
        node.style = style
        self.parents[no] = parent
        if parent.children is None:
            parent.children = [node]
        else:
            parent.children.append(node)
        depth = node.depth = parent.depth + 1
        stack = self.stack
        if len(stack) > parent.depth and stack[parent.depth] is parent:
            del stack[depth:]
            stack.append(node)
        else:
            self.stack = [*self.chain(parent), node]
        placed = (style, indent)
        if parent.child_styles is None:
            parent.child_styles = {placed}
        else:
            parent.child_styles.add(placed)
        self.by_number[canonical] = node  # its prefix is there: no by_prefix entry
        self.last_title_node = node
        self.last_raw = raw
        self.placement.append((no, "item"))


def parse_agenda(text: str, source: str = "", bullets_as_notes: bool = False) -> Agenda:
    """Parse agenda text. Never raises: anything odd becomes a note or a warning."""
    # Parsing makes a few objects per line, all alive until the end and then freed by
    # reference counting (they hold no cycles): the cyclic collector would only walk
    # them again and again, a third of the time on a 20,000-item agenda.
    collecting = gc.isenabled()
    gc.disable()
    try:
        parser = _Parser(normalize(text))
        parser.bullets_as_notes = bullets_as_notes
        parser.run()
        inline = None
        if looks_like_markdown(parser.text, source):
            renumber(parser.roots)
            inline = plain
        unlabel(parser)
        instructions(parser)
        warnings: list[Warning_] = [
            Warning_(no, f"line {no} is nested deeper than {MAX_DEPTH} levels: kept at "
                         f"level {MAX_DEPTH}") for no in parser.too_deep[:1]]
        warnings += mostly_not_items(parser.placement)
        items = freeze(parser.roots, None, warnings, {}, inline)
        header = parser.header if inline is None else [plain(line) for line in parser.header]
        return Agenda(
            header=tuple(header),
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
