"""Text as word processors leave it, made plain: one kind of line end, one kind of space."""

from __future__ import annotations

import re
from collections.abc import Iterator

# Characters that look like spaces or nothing at all in a word processor. Every
# Unicode space (no-break, thin, em, ideographic, ...) becomes a plain space, and so do
# the vertical tab and form feed Word leaves for manual line and page breaks: after
# normalize() the only whitespace left is " ", "\t" and "\n".
# They are written out (every character below U+3001 that str.isspace() calls a space,
# but " ", tab and the line ends; tests/core/test_text.py checks it): working them out
# at import took a millisecond of every start-up.
_SPACES = ("\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
           "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_REPLACEMENTS = tuple((ch, " ") for ch in _SPACES) + tuple((ch, "") for ch in _INVISIBLE)


def normalize(text: str) -> str:
    """Unify line endings and replace look-alike spaces; tabs stay for indentation."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, replacement in _REPLACEMENTS:
        if char in text:  # faster than str.translate or re.sub on a long text
            text = text.replace(char, replacement)
    return text


def squash(text: str) -> str:
    """Runs of spaces and tabs to one space, none at the ends (``text`` is normalized)."""
    if "  " in text or "\t" in text or text[:1] == " " or text[-1:] == " ":
        return " ".join(text.split())
    return text


def matching_lines(text: str, pattern: re.Pattern[str]) -> Iterator[tuple[int, str]]:
    """The number (1-based) and the stripped text of each line of normalized ``text``
    that ``pattern`` finds at its start: the pattern begins with "\\n" (the line end
    before it; the first line is tried as if it had one) and never reaches past the
    line's end. A search for "\\n" runs at the speed of C, where a Python loop over
    the lines costs some hundred times more on a long agenda, most of whose lines
    could never be what is looked for."""
    end = text.find("\n")
    first = text if end < 0 else text[:end]
    if pattern.match("\n" + first):
        yield 1, first.strip()
    no, counted = 1, 0
    for found in pattern.finditer(text):
        start = found.start() + 1
        no += text.count("\n", counted, start)
        counted = start
        end = text.find("\n", start)
        yield no, (text[start:] if end < 0 else text[start:end]).strip()
