"""Page furniture: what a PDF, a word processor or a browser prints on every page.

Text extracted or pasted from a PDF carries, among the agenda's lines, the running
header that opened page 1 (repeated at the top of every page), "Page 2 of 4", bare
page numbers, and a browser's print header and footer ("12/6/22, 4:09 PM  Agenda",
"https://…  1 of 2"). They are never items, never part of a title and never notes:
the parser places them as "furniture". Each rule is for the family, not a document:
page-number phrases in the languages of the bodies we serve, any block of header
lines that comes back later, any date-time stamp of a print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache

from .numbering import split_line

_PAGE_WORDS = r"(?:page|p\.|pg\.?|seite|página|pagina|pag\.|sida|side|strona|str\.)"
_OF_WORDS = r"(?:of|von|de|sur|di|av|af|z|/)"
# The patterns are compiled on first use (``functools.cache``): most agendas, typed
# rather than printed, have no line they could match.


@cache
def _page() -> re.Pattern[str]:
    return re.compile(
        rf"^[-–—\s]*{_PAGE_WORDS}\s*\d{{1,4}}(?:\s*{_OF_WORDS}\s*\d{{1,4}})?[-–—\s]*$",
        re.IGNORECASE,
    )


@cache
def _n_of_m() -> re.Pattern[str]:
    return re.compile(rf"^\d{{1,4}}\s*{_OF_WORDS}\s*\d{{1,4}}$", re.IGNORECASE)


@cache
def _dashed_number() -> re.Pattern[str]:
    return re.compile(r"^[-–—]\s*\d{1,4}\s*[-–—]$")  # "- 2 -"


# A print's time stamp: "12/6/22, 4:09 PM", "06.12.2022 16:09", "2022-12-06 16:09".
_STAMP = (r"(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2}),?\s+\d{1,2}:\d{2}"
          r"(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?")
_URL = r"(?:https?://|file://|www\.)\S+"


@cache
def _browser_header() -> re.Pattern[str]:
    return re.compile(rf"^{_STAMP}(?:\s.*)?$")


@cache
def _browser_footer() -> re.Pattern[str]:
    return re.compile(
        rf"^{_URL}\s+{_STAMP}\s*$"
        rf"|^(?:{_URL}\s+)?\d{{1,4}}\s*{_OF_WORDS}\s*\d{{1,4}}\s+{_STAMP}\s*$"
        rf"|^{_URL}\s+\d{{1,4}}\s*{_OF_WORDS}\s*\d{{1,4}}\s*$",
        re.IGNORECASE,
    )


_MARK_FIRST = frozenset("0123456789-–—hHfFwWpPsS")  # what a page mark starts with
_HEADER_BLOCK = 4  # a running header is at most this many lines
_MIN_HEADER_CHARS = 6  # "Agenda" again later is a word, not a page's header


def is_page_mark(text: str) -> bool:
    """'Page 2 of 4', '2 of 4', '- 2 -', a browser's print header or footer.

    Each pattern is tried only on a line that has what every line it matches has (a
    cheap string test first): an item's line ("2.1 Chapter I: Legal frameworks", "Welcome
    and introductions") then compiles none of them, some 1.5 to 6 million instructions
    each (issue 19)."""
    first = text[:1]
    if first.isdigit():  # most item lines: the cheap tests first
        # "2 of 4" ends with a digit ("$" is also before a last newline); "1. Opening" not
        if len(text) <= 15 and text.removesuffix("\n")[-1:].isdecimal() and _n_of_m().match(text):
            return True
        head = text[:25]
        return (":" in head and ("/" in head or "." in head[:6] or "-" in head[:8])
                and bool((_starts_like_stamp(text) and _browser_header().match(text))
                         or (_ends_like_stamp(text) and _browser_footer().match(text))))
    if first in "-–—":
        return _ends_with_number(text) and bool(
            _dashed_number().match(text) or _page().match(text))
    if first in "hHfFwW":
        return _ends_like_stamp(text) and bool(_browser_footer().match(text))
    return _ends_with_number(text) and bool(_page().match(text)) if first in "pPsSfF" else False


def _starts_like_stamp(text: str) -> bool:
    """What a print's time stamp starts with (``_STAMP``): a date's two separators in its
    first six characters ("12/6/22", "06.12.2022"), or a year and a dash ("2022-")."""
    head = text[:6]
    return head.count("/") + head.count(".") >= 2 or text[4:5] == "-"


def _ends_like_stamp(text: str) -> bool:
    """What every browser footer ends with, spaces aside: a time stamp's last digit or
    its "PM" / "p.m.", or a page count's last digit (a pattern's digit: ``str.isdecimal``)."""
    last = text.rstrip()[-1:]
    return last.isdecimal() or last in ("m", "M", ".")


def _ends_with_number(text: str) -> bool:
    """What "Page 2 of 4" and "- 2 -" end with: a digit, then only dashes and spaces."""
    for char in reversed(text):
        if char.isdecimal():
            return True
        if not (char in "-–—" or char.isspace()):
            return False
    return False


def furniture_lines(text: str, candidates: Iterable[tuple[int, str]]) -> set[int]:
    """Numbers (1-based) of the lines of normalized ``text`` that are page furniture;
    ``candidates`` holds (number, stripped text) of every line where a page mark may stand,
    and maybe others: each is tested here. A page mark's line starts with what one
    starts with (``_MARK_FIRST``) and, if that is a digit, is short (15 characters) or
    has a ":" near its start (in its first 25): the cheap tests of is_page_mark.

    A page's running header is the block of lines that opened the document, met again
    later (the same lines, in the same order, or part of them at the top of a page);
    page marks are recognized wherever they stand. A bare page number ("2") counts
    only beside one of these, where it cannot be an item's number. Each rule looks
    only at the lines that could be one, found by one search over the text: most
    lines of a long agenda are items, and a Python loop over them all cost more than
    the rest of the parse of such a line. That search is the parser's, shared with
    the timetable's (``timing.is_timetable``): each search costs some 800
    instructions for every line of the text, blank ones too."""
    found: set[int] = set()
    opening: list[tuple[int, str]] = []  # the lines above the first item
    for no, raw in enumerate(_first_lines(text), start=1):
        line_text = raw.strip()
        if not line_text:
            continue
        if len(opening) == _HEADER_BLOCK:
            break
        line = split_line(no, line_text, line_text)
        if line.number is not None or line.kind != "text":
            break
        opening.append((no, line_text))
    opening_lines = {no for no, _ in opening}
    for no, line_text in candidates:
        if (line_text[0] in _MARK_FIRST and len(line_text) < 120
                and (len(line_text) <= 15 or ":" in line_text[:25]
                     or not line_text[0].isdigit())
                and is_page_mark(line_text)):
            found.add(no)
    heads = {squashed for _, line_text in opening
             if len(squashed := " ".join(line_text.split())) >= _MIN_HEADER_CHARS
             and not line_text[0].isdigit() and not is_page_mark(squashed)}
    if heads:  # found by their first words: str.find skips through the text in C
        starts: set[int] = set()  # where each line holding a head again starts
        for head in heads:
            word = head.split(" ", 1)[0]
            at = text.find(word, 1)
            while at >= 0:
                start = text.rfind("\n", 0, at) + 1
                if not text[start:at].strip(" \t"):  # the word starts its line
                    end = text.find("\n", at)
                    line_text = text[start:end] if end >= 0 else text[start:]
                    if " ".join(line_text.split()) in heads:
                        starts.add(start)
                at = text.find(word, at + 1)
        no, counted = 1, 0
        for start in sorted(starts):  # line numbers counted once over the text
            no += text.count("\n", counted, start)
            counted = start
            if no not in opening_lines:
                found.add(no)
    if found:  # bare page numbers beside the furniture: "2" above "Page 2 of 4" …
        stripped = [line.strip() for line in text.split("\n")]
        for no, line_text in enumerate(stripped, start=1):
            if line_text.isdigit() and len(line_text) <= 4 and no not in found and (
                    _near(no, found, stripped)):
                found.add(no)
    return found


def _first_lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one by one, from the first, without splitting it whole."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def _near(no: int, found: set[int], stripped: list[str]) -> bool:
    """Is line ``no`` next to furniture, blank lines apart?"""
    for step in (-1, 1):
        other = no + step
        while 1 <= other <= len(stripped) and not stripped[other - 1]:
            other += step
        if other in found:
            return True
    return False
