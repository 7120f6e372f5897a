"""User text made safe to show: agenda titles and decisions are data, never commands.

A title copied from a PDF or typed by anyone may hold control characters: ESC starts
terminal commands (``ESC ] 52 ; c ; …`` sets the clipboard, ``ESC ] 2 ; …`` the window
title), and bidirectional overrides make text read differently from what it is. The
session file keeps the text exactly (TOML escapes it); everything that shows it or
writes it for people (the screen, the command line, Markdown and text exports) shows
these characters visibly instead: C0 controls as the Control Pictures (``␛``, ``␇``),
DEL as ``␡``, C1 controls and the bidi embeddings, overrides and isolates as ``�``.
Documents in XML (DOCX) cannot hold most of them at all: ``xml_safe`` drops them.
What is typed into a field never holds them (``typed``), and JSON output escapes them
(``json_escaped``), since ``json.dumps(..., ensure_ascii=False)`` leaves DEL, C1 and the
bidi controls raw.
"""

from __future__ import annotations

import re
from functools import cache

# The patterns are compiled on first use, not at import: a class of characters beyond
# Latin-1 costs Python's compiler some 3.5 million instructions each, and the usual
# text (``str.isprintable``) needs neither (issue 19: start-up).


@cache
def _unsafe() -> re.Pattern[str]:
    """Tab and newline are text; every other C0 control, DEL, C1, and the bidi controls."""
    return re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069]")


@cache
def _not_xml() -> re.Pattern[str]:
    """What XML 1.0 cannot hold (C0 but tab, newline and CR; surrogates; U+FFFE, U+FFFF)."""
    return re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def printable(text: str) -> str:
    """``text`` with every control character shown as a visible sign."""
    if text.isprintable():  # the usual case, and fast (newline and tab are not printable)
        return text
    return _unsafe().sub(_picture, text)


def printable_line(text: str) -> str:
    """One line of ``text``: its line breaks shown as spaces, controls made visible."""
    return printable(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML document cannot hold, other controls
    made visible."""
    return printable(_not_xml().sub("", text))


def typed(text: str) -> str:
    """``text`` as a field takes it (a paste, a key): line ends made newlines, every
    other control and bidi control dropped, so that nothing unprintable is stored."""
    if text.isprintable():
        return text
    return _unsafe().sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def json_escaped(text: str) -> str:
    """JSON text (``json.dumps`` output) with the characters it leaves raw (DEL, C1,
    the bidi controls) written as ``\\uXXXX`` escapes: in JSON they occur only
    inside strings, where the escape means the same character."""
    return _unsafe().sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def is_safe(text: str) -> bool:
    """Nothing in ``text`` that a terminal would take as a command or a direction."""
    return _unsafe().search(text) is None
