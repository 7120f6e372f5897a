"""The times an agenda line gives: a time allocation at its end, a clock time at its start.

Agendas say how long an item takes in brackets ("[15 min]", "(20')"), or bare at the
end of the line ("Budget update 1h 30m", "Closing remarks 5m", "Reports – 20 minutes"),
and many, from boards and conferences, are a timetable: "09:30 – 10:00 Opening",
"08:30 08:35" then the title, "9.30am Coffee". The time goes to the item's plan (a
duration) or its scheduled start (a clock time), never into its title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

# The patterns are compiled on first use (``functools.cache``, as in ``printable``): with
# re.IGNORECASE and their many words they are among the parser's dearest to compile, and
# most agendas need one or none of them.


@cache
def plan_re() -> re.Pattern[str]:
    """A bracketed allocation at the end: "[15 min]", "(20')", "[1h30]"."""
    return re.compile(
        r"\s*[\[(]\s*(?:(?P<h>\d{1,2})\s*h(?:ours?|rs?)?\.?\s*(?P<hm>\d{1,2})?\s*(?:min(?:utes?)?|m|')?"
        r"|(?P<m>\d{1,3})\s*(?:min(?:ute)?s?\.?|mn|m|'|′|’))\s*[\])]\s*$",
        re.IGNORECASE,
    )


@cache
def bare_plan_re() -> re.Pattern[str]:
    """Bare at the end, after a space or a dash: "1h 30m", "1 h", "5m", "20 minutes", "15'"."""
    return re.compile(
        r"(?:\s*[-–—,]\s*|\s+)(?:(?P<h>\d{1,2})\s*(?:h|hrs?|hours?)\.?"
        r"(?:\s*(?P<hm>\d{1,2})\s*(?:m|min|mins|minutes)\.?)?"
        r"|(?P<m>\d{1,3})\s*(?:m|min|mins|minutes|'|’)\.?)$",
        re.IGNORECASE,
    )


# A clock time: "09:30", "9:30 am", "14h00"; with a dot ("9.30") only before am/pm or
# in a range ("9.30 – 10.00"), since "2.15" is also a sub-item's number.
_COLON_CLOCK = r"(?:[01]?\d|2[0-3])[:h][0-5]\d(?:\s*[ap]\.?m\.?)?"
_DOT_CLOCK = r"(?:[01]?\d|2[0-3])\.[0-5]\d"
_AMPM = r"\s*[ap]\.?m\.?"
_RANGE = r"\s*(?:[-–—]|to|bis|à)?\s*"
# "09:30", "9.30am", "09:30 – 10:00", "08:30 08:35", "14h00-15h30", then the title.


@cache
def clock_line_re() -> re.Pattern[str]:
    return re.compile(
        rf"^(?:(?P<start>{_COLON_CLOCK}|{_DOT_CLOCK}{_AMPM})(?:{_RANGE}(?P<end>{_COLON_CLOCK}"
        rf"|{_DOT_CLOCK}(?:{_AMPM})?))?"
        rf"|(?P<dstart>{_DOT_CLOCK}(?:{_AMPM})?)\s*[-–—]\s*(?P<dend>{_DOT_CLOCK}(?:{_AMPM})?))"
        r"(?:\s*[-–—:|]\s*|\s+)(?=\S)",
        re.IGNORECASE,
    )


def is_timetable(starts: Iterable[tuple[int, str]]) -> bool:
    """Two or more lines that start with a clock time ("09:30 – 10:00 Opening", "9.30am
    Coffee"), among ``starts``: (number, stripped text) of every line of the text that
    starts like one (a clock time's hours, its mark and its minutes: "9:3", "14h0",
    "9.30"), and maybe others. The full pattern is tried only on these lines, found by
    the parser's one search over the text."""
    clocks = 0
    for _, line in starts:
        if line[:1].isdigit() and _starts_like_clock(line) and clock_line_re().match(line):
            clocks += 1
            if clocks >= 2:
                return True
    return False


_CLOCK_MARKS = frozenset(":hH.")  # between a clock time's hours and minutes
_TENS_OF_MINUTES = frozenset("012345")


def _starts_like_clock(line: str) -> bool:
    """What every line ``clock_line_re()`` matches starts with: an hour's one or two
    digits, its mark, and the minutes' two digits ("9:30", "14h00", "9.30"). Most lines
    the parser's search gives (a sub-item's "2.1 Chapter I: …") have not: the pattern,
    some 6 million instructions to compile, is not compiled for them (issue 19)."""
    for mark in (1, 2):
        if (line[mark : mark + 1] in _CLOCK_MARKS and line[mark + 1 : mark + 2] in _TENS_OF_MINUTES
                and line[mark + 2 : mark + 3].isdecimal()):
            return True
    return False


def clock_span(match: re.Match[str]) -> tuple[str, str | None]:
    """The start and end times a ``clock_line_re()`` match found."""
    if match.group("dstart"):
        return match.group("dstart"), match.group("dend")
    return match.group("start"), match.group("end")


def find_plan(text: str) -> re.Match[str] | None:
    """The time allocation at the end of a line, bracketed or bare (cheap for none)."""
    last = text[-1:]
    if last in (")", "]"):
        # The brackets hold a number and a unit ("15 min", "1h30"), never a bracket: the
        # opening one is the last before the end. Most bracketed endings ("Article
        # 20(3)", "(the draft report)") are not: the pattern is not compiled for them.
        opening = max(text.rfind("(", 0, -1), text.rfind("[", 0, -1))
        inside = text[opening + 1 : -1].strip()
        if not inside[:1].isdecimal() or inside.isdecimal():
            return None
        return plan_re().search(text, max(0, len(text) - 32))
    ends = _BARE_BY_LAST.get(last)
    if ends is not None and text.endswith(ends) and _DIGIT.search(text, max(0, len(text) - 14)):
        return bare_plan_re().search(text, max(0, len(text) - 24))
    return None


_DIGIT = re.compile(r"\d")
# What a bare allocation ends with (most titles end otherwise: the regex is not tried).
_BARE_ENDS = ("m", "M", "min", "mins", "minutes", "h", "H", "hr", "hrs", "hour", "hours",
              "'", "’", "m.", "min.", "h.", "hrs.")
# The same by their last character: most titles end with one no allocation ends with,
# and the others are tried against a few endings, not all seventeen.
_BARE_BY_LAST = {last: tuple(end for end in _BARE_ENDS if end[-1] == last)
                 for last in {end[-1] for end in _BARE_ENDS}}
# What a line with a time allocation at its end ends with: find_plan is None for others.
PLAN_SUFFIXES = (")", "]", *_BARE_ENDS)


def plan_minutes(match: re.Match[str]) -> int:
    if match.group("m"):
        return int(match.group("m"))
    return int(match.group("h")) * 60 + int(match.group("hm") or 0)


def clock_minutes(text: str) -> int:
    """Minutes since midnight of "09:30", "9.30pm", "14h00"."""
    lowered = text.lower().replace(" ", "").replace(".", ":").replace("h", ":")
    pm = lowered.endswith(("pm", "p:m:", "p:m"))
    am = lowered.endswith(("am", "a:m:", "a:m"))
    digits = lowered.rstrip("apm:")
    hours, _, minutes = digits.partition(":")
    value = int(hours) % 24 * 60 + int(minutes or 0)
    if pm and int(hours) < 12:
        value += 12 * 60
    if am and int(hours) == 12:
        value -= 12 * 60
    return value


def clock_text(text: str) -> str:
    """A clock time as the item shows it: "09:30", "21:30" for "9.30pm"."""
    value = clock_minutes(text)
    return f"{value // 60:02d}:{value % 60:02d}"
