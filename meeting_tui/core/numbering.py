"""How the parser reads one line of an agenda: its shape (a bullet, a Markdown
heading, bold, plain text), its indent, and the outline number it starts with.

Numbers come in families: decimal ("2.1.3", "3)"), lettered and roman ("c)", "IV."),
in parentheses ("(iv)"), "Item 4(b)", and bare ("1 Welcome"). A one-part number can
have several readings ("c)" is letter 3 or roman 100): ``Number.candidates`` keeps
them all, and the parser picks one from what came before (``resolve_letters``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TypeAlias

# What decides siblings, with the indent: ("dec", "."), ("roman", "upper", ")"),
# ("dec", 2) for "2.1" …
Style: TypeAlias = tuple[str | int, ...]

# The private-use characters are the bullets of Word's Symbol and Wingdings fonts,
# as a PDF of such a list gives them.
_BULLETS = "•◦▪‣·○●■□►➢➤–—-*+∗⁃\uf0b7\uf0a7\uf076\uf0d8\uf0fc"
BULLET_FIRST = frozenset(_BULLETS + "o")  # what a bullet line starts with

# The patterns only some agendas need (headings, letters, roman numerals, "Item 3") are
# compiled on first use (``functools.cache``, as in ``printable``), not at import: the
# parser's patterns cost some 25 million instructions to compile at every start-up.


@cache
def _heading_mark() -> re.Pattern[str]:
    return re.compile(r"#{1,6}\s")


def parse_heading(text: str) -> tuple[int, str] | None:
    """An ATX heading ("## 1. Opening ##"): its level and its text, closing hashes off.

    Plain string work, not one regular expression: a lazy pattern with optional
    closing marks backtracks for ever on a long line of spaces."""
    if not _heading_mark().match(text):
        return None
    level = len(text) - len(text.lstrip("#"))
    inner = text[level:].strip()
    closed = inner.rstrip("#")
    if closed != inner and (not closed or closed[-1] in " \t"):
        inner = closed.rstrip()
    return level, inner


def _bold(text: str) -> str | None:
    """The text of a line wholly in strong emphasis ("**Opening**"), else None."""
    mark = text[:2]
    if mark not in ("**", "__") or len(text) < 5 or not text.endswith(mark):
        return None
    inner = text[2:-2].strip()
    return inner or None
# A Markdown rule ("---", "* * *") or a bullet with nothing after it is not an item.
_RULE = rf"[{re.escape(_BULLETS)}_=~\s]*$"
RULE_RE = re.compile("^" + _RULE)
# What follows a bullet ("•", "--", "o" before a tab) up to its text: blanks and maybe a
# task's box. The bullet itself is told by ``match_bullet`` in Python: in the pattern its
# class of characters beyond Latin-1 took ``re`` some 3 million instructions to compile,
# twice (the bullet, and the rule after it), at every start-up (issue 19).
_BULLET_TAIL_RE = re.compile(r"(?>\s+(?:\[[ xX]\]\s+)?)")
_BULLET_SET = frozenset(_BULLETS)


def match_bullet(text: str) -> re.Match[str] | None:
    """A bullet and the blanks after it (its ``end()`` is where the text starts), unless
    what follows is a rule or nothing ("- - -", "•"). The longest bullet is taken ("--"
    before "-") and the rule looked for after it only, as a pattern's atomic group does."""
    first = text[:1]
    if first in _BULLET_SET:
        start = 2 if text.startswith("--") else 1
    elif first == "o" and text[1:2] == "\t":
        start = 1
    else:
        return None
    tail = _BULLET_TAIL_RE.match(text, start)
    if tail is None or RULE_RE.match(text[tail.end() :]):
        return None
    return tail



@cache
def _roman() -> re.Pattern[str]:
    return re.compile(r"^(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


_SEP = r"(?:\s*[:.\-–—]\s+|\s+|$)"

# Outline numbers; each is followed by the title. Decimal: "2.1.3." or "2.1" (any
# depth, "2.a" too), then "3." / "3)" / "3.Title".
_DECIMAL_MULTI = r"(\d{1,3}(?:\.(?:\d{1,3}|[a-z]))+)\.?(?:\s+|$)"
_DECIMAL = r"(\d{1,3})([.)])(?:\s+|$|(?=[^\W\d_]))"


@cache
def _decimal_multi() -> re.Pattern[str]:
    return re.compile(_DECIMAL_MULTI)


@cache
def _decimal() -> re.Pattern[str]:
    return re.compile(_DECIMAL)


@cache
def _outline_multi() -> re.Pattern[str]:
    """A roman or letter head with decimal parts: "I.1", "III.2.1", "A.1"."""
    return re.compile(r"((?:[IVXLCDM]{1,6}|[A-Z])(?:\.\d{1,3})+)\.?(?:\s+|$)")


@cache
def _letter() -> re.Pattern[str]:
    """One letter or a roman numeral: "a)", "A.", "iv.", "IV)"."""
    return re.compile(r"([ivxlcdm]{2,6}|[IVXLCDM]{2,6}|[a-zA-Z])([.)])(?:\s+|$)")


@cache
def _paren() -> re.Pattern[str]:
    """In parentheses: "(1)", "(a)", "(iv)", "(B)"."""
    return re.compile(r"\((\d{1,3}|[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[a-zA-Z])\)\.?\s*")


@cache
def _item_word() -> re.Pattern[str]:
    return re.compile(
        r"^(?:(?:agenda\s+)?(?:item|point)\s+|(?-i:TOP|Top)\s*)"
        r"(\d{1,3}(?:\.\d{1,3})*(?:\s?\([a-z]\)|[a-z])?)" + _SEP,
        re.IGNORECASE,
    )


@cache
def _of_the_agenda() -> re.Pattern[str]:
    return re.compile(
        r"(?:of\s+the\s+(?:provisional\s+|annotated\s+|draft\s+)?agenda"
        r"|(?:de\s+l['’]|du\s+)ordre\s+du\s+jour)\b", re.IGNORECASE)


@cache
def _heading_number() -> re.Pattern[str]:
    return re.compile(r"^(\d{1,3})(?:\s+|$)")


# "1 Welcome" without any decoration: only a candidate, like a lone letter (see
# resolve_letters), so "10 members present" or "2025 Annual Meeting" stay text. The
# curly quotes are a lookahead of their own: in one class with the Latin-1 letters
# they made a map of all 65,536 characters to compile (some 1.5 million instructions).
_BARE_NUMBER = r"(\d{1,3})(?:\s+(?=[A-Z\u00c0-\u00de\"«']|(?=[“‘]))|$)"
_MONTHS = r"(?:jan|feb|fév|fev|mar|apr|avr|may|mai|jun|juin|jul|juil|aug|août|sep|oct|nov|dec|déc)"
# The three readings of a line that starts with a digit, in the order they are tried, as
# one pattern (an alternation tries its branches in order): a line's number in one match.
# "12 January": a date, not a bare number.
DECIMAL_LINE_RE = re.compile(
    rf"(?P<multi>{_DECIMAL_MULTI})|(?P<one>{_DECIMAL})"
    rf"|(?P<bare>{_BARE_NUMBER})(?!(?i:{_MONTHS}))"
)


# The parser's working objects are plain slotted classes: one of each per line of a
# 20,000-item agenda, so they are kept small and cheap to make.


class Number:
    """A leading outline number, with its readings until the parser picks one."""

    __slots__ = ("text", "parts", "style", "candidates", "guarded", "canonical", "prefix")

    def __init__(
        self,
        text: str,
        parts: tuple[str, ...],
        style: Style,
        candidates: tuple[tuple[Style, int], ...] = (),
        guarded: bool = False,
        canonical: str | None = None,
        prefix: str | None = None,
    ) -> None:
        self.text = text  # as kept: without decoration
        self.parts = parts
        self.style = style  # decides siblings: same style + same indent
        # (style, value) readings of a one-part number: "c)" is letter 3 or roman 100.
        self.candidates = candidates
        # Only a number if it starts or continues a sequence: "M." and "J." are
        # initials, "12 members" is a count.
        self.guarded = guarded
        # (the parser's sub-items come with both, read from the line's number)
        if canonical is None:
            canonical = ".".join(parts)
        self.canonical = canonical  # "2.1", "I.3"
        # "2" for "2.1"; "" for one part
        self.prefix = canonical.rpartition(".")[0] if prefix is None else prefix

    @property
    def family(self) -> str:
        """Numbers that can stand for each other's parents: "3" and "3.1", "II" and "IV.1"."""
        if self.style[0] == "item":
            return "item"
        first = self.parts[0]
        return "dec" if first.isdigit() else "upper" if first.isupper() else "lower"

    def resolved(self, style: Style, value: int) -> Number:
        return Number(self.text, self.parts, style, ((style, value),))


class Line:
    """One non-blank line as read; a line that is an item is also its node in the tree."""

    __slots__ = ("no", "indent", "kind", "text", "level", "number", "style", "title",
                 "depth", "children", "notes", "child_styles", "start", "end")

    def __init__(self, no: int, indent: int, kind: str, text: str, level: int = 0) -> None:
        self.no = no
        self.indent = indent
        self.kind = kind  # "text", "bullet", "heading", "timed"
        self.text = text  # without bullet/heading marks
        self.level = level  # heading level
        self.number: Number | None = None
        self.style: Style | None = None  # the number's, once resolved
        self.title = ""
        # as a node (its parent is in _Parser.parents: no reference cycles to collect)
        self.depth = 0  # its index in the parser's stack of open items
        # made on first use: most lines have no children and no notes
        self.children: list[Line] | None = None
        self.notes: list[str] | None = None
        # (style, indent) of every numbered child: where a new "c)" finds its siblings.
        self.child_styles: set[tuple[Style, int]] | None = None
        # the clock times of a timetable's line ("09:30 – 10:00 Opening"), kind "timed"
        self.start: str | None = None
        self.end: str | None = None


def _roman_value(text: str) -> int | None:
    upper = text.upper()
    if not _roman().match(upper):
        return None
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for ch, nxt in zip(upper, upper[1:] + " ", strict=True):
        v = values[ch]
        total += -v if nxt != " " and values[nxt] > v else v
    return total


def parse_number(text: str, heading: bool) -> tuple[Number, str] | None:
    """Recognize a leading outline number; returns it and the rest of the line."""
    first = text[:1]
    if first.isdigit():
        return _decimal_number(text, heading)
    if first == "*" and text[1:2].isdigit():  # "*4." a consent item: the star is shown
        found = _decimal_number(text[1:], heading)
        if found is None:
            return None
        number, rest = found
        return Number("*" + number.text, number.parts, number.style, number.candidates,
                      number.guarded), rest
    if first.isalpha():
        return _lettered_number(text)
    if first == "(":
        return _paren_number(text)
    return None


def _paren_number(text: str) -> tuple[Number, str] | None:
    m = _paren().match(text)
    return _one_part(m.group(1), "()", text[m.end() :]) if m else None


def _decimal_number(text: str, heading: bool) -> tuple[Number, str] | None:
    if not heading:
        return _decimal_text_number(text)
    m = _decimal_multi().match(text)  # a heading's number ("## 1.2 Budget")
    if m:
        raw = m.group(1)
        parts = tuple(raw.split("."))
        return Number(raw, parts, ("dec", len(parts))), text[m.end() :]
    m = _decimal().match(text)
    if m:
        return _one_part(m.group(1), m.group(2), text[m.end() :])
    m = _heading_number().match(text)  # "## 1 Opening"
    if m:
        return Number(m.group(1), (m.group(1),), ("dec", "")), text[m.end() :]
    return None


def _decimal_text_number(text: str) -> tuple[Number, str] | None:
    """``_decimal_number`` outside a heading, in one match: most item lines come here."""
    m = DECIMAL_LINE_RE.match(text)
    if m is None:
        return None
    kind = m.lastgroup
    if kind == "multi":
        raw = m.group(MULTI_GROUP)
        parts = tuple(raw.split("."))
        return Number(raw, parts, ("dec", len(parts))), text[m.end() :]
    if kind == "one":
        return _one_part(m.group(4), m.group(5), text[m.end() :])
    raw = m.group(7)
    value = int(raw)
    candidates = tuple((style, value) for style in _BARE_STYLES)
    return Number(raw, (raw,), _BARE_STYLES[0], candidates, guarded=True), text[m.end() :]


MULTI_GROUP = 2  # DECIMAL_LINE_RE's group of a many-part number ("2.1.3"), branch "multi"
# A bare number may also continue "1." or "1)" items: then it takes their style.
_BARE_STYLES: tuple[Style, ...] = (("dec", "bare"), ("dec", "."), ("dec", ")"))


# How "Item", "Agenda item", "Point" and "TOP" start, in any case: a set of the two
# characters, not ``text[:2].lower()`` (a slice, a new string and four comparisons on
# every line that starts with a letter). Only ASCII capitals lower to these letters.
_ITEM_HEADS = frozenset(a + b for head in ("it", "ag", "po", "to")
                        for a in (head[0], head[0].upper()) for b in (head[1], head[1].upper()))


def _lettered_number(text: str) -> tuple[Number, str] | None:
    # "Item 3", "Agenda item 4(b)", "Point 2"
    m = _item_word().match(text) if text[:2] in _ITEM_HEADS else None
    if m and _of_the_agenda().match(text, m.end()):
        return None  # "Item 3 of the provisional agenda": a UN document's header line
    if m:
        raw = re.sub(r"\s", "", m.group(1))
        parts = tuple(p for p in re.split(r"[.()]", raw.replace("(", ".(")) if p)
        if len(parts) == 1 and re.fullmatch(r"\d+[a-z]", raw):
            parts = (raw[:-1], raw[-1])
        return Number(raw, parts, ("item", len(parts))), text[m.end() :]
    head = text[1:8]
    if "." not in head and ")" not in head:
        return None  # the other styles have a "." or ")" right after the number
    m = _outline_multi().match(text) if text[0].isupper() else None
    if m:
        raw = m.group(1)
        parts = tuple(raw.split("."))
        return Number(raw, parts, ("outline", len(parts))), text[m.end() :]
    m = _letter().match(text)
    return _one_part(m.group(1), m.group(2), text[m.end() :]) if m else None


def _one_part(raw: str, decoration: str, rest: str) -> tuple[Number, str] | None:
    """'3.', 'c)', '(iv)', 'A.': a number with its readings (see resolve_letters)."""
    if raw.isdigit():
        style = ("dec", decoration)
        return Number(raw, (raw,), style, ((style, int(raw)),)), rest
    case = "lower" if raw.islower() else "upper"
    candidates: list[tuple[Style, int]] = []
    roman = _roman_value(raw)
    if roman is not None:
        candidates.append((("roman", case, decoration), roman))
    if len(raw) == 1:
        candidates.append((("alpha", case, decoration), ord(raw.lower()) - ord("a") + 1))
    if not candidates:
        return None
    initial = len(raw) == 1 and decoration == "."
    return Number(raw, (raw,), candidates[0][0], tuple(candidates), initial), rest


def indent_of(raw: str) -> int:
    """How far a line of normalized text is indented, a tab to the next multiple of 4:
    its leading blanks alone are expanded, not the whole line."""
    lead = raw[: len(raw) - len(raw.lstrip(" \t"))]
    return len(lead.expandtabs(4)) if "\t" in lead else len(lead)


def split_line(no: int, raw: str, text: str) -> Line:
    """One non-blank line (`text` is `raw` stripped): its shape, indent and number."""
    indent = indent_of(raw) if raw[0] in " \t" else 0
    first = text[0]
    if first.isdigit():  # most item lines ("2.1.3. Title"): not bold, a heading or a bullet
        line = Line(no, indent, "text", text)
        parsed = _decimal_text_number(text)
        if parsed:
            line.number, line.title = parsed
        return line
    bold = _bold(text) if first in "*_" else None
    if bold:
        text = bold
        first = text[0]
    heading = parse_heading(text) if first == "#" else None
    if heading and heading[1]:
        level, inner = heading
        line = Line(no, -1, "heading", _bold(inner) or inner, level)
    elif first in BULLET_FIRST and (bullet := match_bullet(stripped := raw.lstrip(" \t"))):
        line = Line(no, indent, "bullet", stripped[bullet.end() :].strip())
    else:  # a rule after a bullet too ("- - -"): plain text
        line = Line(no, indent, "text", text)
    parsed = parse_number(line.text, heading=line.kind == "heading")
    if parsed:
        line.number, line.title = parsed
    return line

