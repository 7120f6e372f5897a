"""Where a title goes on: the rules that join a line to the title above it.

A title broken off mid-phrase ("… of the" / "Municipal Code"), one whose time
allocation ends the next line, a line in lower case, and a title wrapped at the margin
by a PDF or a word processor go on; a link, an address or a document reference
("Paper B/25/07") never does: it is a note.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .numbering import RULE_RE
from .timing import find_plan

# A link or an address is a note even when it starts in lower case.
LINK_RE = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://|www\.|mailto:|\S+@\S+\.\w+)", re.IGNORECASE)
# A title line that breaks off mid-phrase (after one of these characters or words):
# the next line continues it.
_OPEN_END_CHARS = frozenset(",([{“‘«/&+-–—")
_OPEN_END_WORDS = frozenset((
    "and", "or", "of", "the", "a", "an", "to", "for", "in", "on", "with", "by", "at", "from",
    "into", "between", "including", "concerning", "regarding",
    "des", "du", "de", "la", "le", "les", "et",
))


# A document reference ("Paper B/25/07", "T-ES(2020)07", "A/HRC/55/1") is a note of
# its own, not the rest of a title.
_REFERENCE_RE = re.compile(r"\b[A-Z][A-Za-z]*[-/(][\w/().-]*\d|\b\d+/\d+\b")


def _breaks_off(title: str) -> bool:
    if title[-1] in _OPEN_END_CHARS:
        return True
    last_word = title[title.rfind(" ") + 1 :]
    return last_word.lower() in _OPEN_END_WORDS




def goes_on(title: str, text: str, blanks: int, width: Callable[[], int],
            margin: Callable[[], int]) -> bool:
    """Does ``text`` go on with the open ``title`` (``continues`` or ``wraps``)? Never
    a link or an address: looked for once, not by each (a match costs some 3,500
    instructions, on every note line)."""
    if LINK_RE.match(text):
        return False
    return continues(title, text, blanks) or wraps(title, text, blanks, width, margin)


def continues(title: str, text: str, blanks: int) -> bool:
    """Does ``text`` (a plain line, not a link: see ``goes_on``; ``blanks`` blank lines
    below the title) go on with the open ``title``: a title broken off mid-phrase, a
    time allocation ending it, a line in lower case?"""
    if not title:  # "3." alone, its title on the next line
        return blanks <= 1 and not RULE_RE.match(text)
    if find_plan(title):
        return False
    if blanks == 0 and find_plan(text):
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


def wraps(title: str, text: str, blanks: int, width: Callable[[], int],
          margin: Callable[[], int]) -> bool:
    """A title that ran to the margin goes on on the next line, whatever case that
    starts in ("... held on 12 April" / "2027 and ..."), as a PDF or a word processor
    wraps it: the next line's first word would not have fitted (``width()``: how far the
    title's last line ran; ``margin()``: where the long lines end). Both are asked for
    only when the line could wrap: measuring them is most of the cost. ``text`` is not
    a link (see ``goes_on``)."""
    if blanks or not title or title[-1] in ".:;!?" or _REFERENCE_RE.search(text):
        return False
    right = margin()
    return right >= 40 and width() + 1 + len(text.split(" ", 1)[0]) > right
