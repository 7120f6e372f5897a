"""Due dates as secretaries write them: ``15/10``, ``15 October``, ``2020-10-15``,
``tomorrow``, or words that are no date at all (``next meeting``, ``asap``).

What was written is always kept; the date read from it, when there is one, sorts the
actions. Words are not an error (a due date may well be "next meeting"); what looks like
a date but is none (``32/13``, ``31 February``) is, so that a slip of the finger is
said at once rather than kept as text nobody sorts.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from .settings import MONTHS

# Day first, as in Europe: 15/10, 15.10.2020, 15-10-20.
_NUMERIC_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?")
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_NAMES = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NAMES.update({name[:3].lower(): i + 1 for i, name in enumerate(MONTHS)})
_MONTH_NAMES["sept"] = 9
_WORDY_RE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,?(?: (\d{4}))?")
_WORDY_US_RE = re.compile(r"([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,?(?: (\d{4}))?")


class DateError(ValueError):
    """Text that looks like a date but is none: the one line says which and why."""


def _year(year: str | None, today: date) -> int | None:
    if year is None:
        return None
    value = int(year)
    return value + 2000 if value < 100 else value


def _make(day: int, month: int, year: int | None, today: date, written: str) -> date:
    """The date; with no year, the next one from today (an action is due ahead)."""
    try:
        if year is not None:
            return date(year, month, day)
        candidate = date(today.year, month, day) if _valid(today.year, month, day) else None
        if candidate is None or candidate < today - timedelta(days=31):
            # Past by more than a month: next year's (a due date is ahead, give or take
            # the one just missed).
            return date(today.year + 1, month, day)
        return candidate
    except ValueError:
        raise DateError(f"{written!r} is not a date (day {day} of month {month})") from None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def parse_due(text: str, today: date) -> date | None:
    """The date ``text`` names, None when it names none (words such as "next meeting"),
    DateError when it looks like a date and is not one."""
    written = " ".join(text.strip().split())
    lowered = written.lower()
    if not lowered:
        return None
    if lowered == "today":
        return today
    if lowered == "tomorrow":
        return today + timedelta(days=1)
    m = _ISO_RE.fullmatch(lowered)
    if m:
        return _make(int(m[3]), int(m[2]), int(m[1]), today, written)
    m = _NUMERIC_RE.fullmatch(lowered)
    if m:
        day, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise DateError(f"{written!r} is not a date (no month {month}; day first: 15/10)")
        return _make(day, month, _year(m[3], today), today, written)
    m = _WORDY_RE.fullmatch(lowered)
    if m and m[2] in _MONTH_NAMES:
        return _make(int(m[1]), _MONTH_NAMES[m[2]], _year(m[3], today), today, written)
    m = _WORDY_US_RE.fullmatch(lowered)
    if m and m[1] in _MONTH_NAMES:
        return _make(int(m[2]), _MONTH_NAMES[m[1]], _year(m[3], today), today, written)
    if re.fullmatch(r"[\d/.\- ]+", lowered):
        raise DateError(f"{written!r} is not a date (write 15/10, 15 October or 2020-10-15)")
    return None


def format_due(due: str, due_date: date | None) -> str:
    """How a due date reads in a list: what was written, and the date it names when
    that says more ("15/10 (15 October 2020)")."""
    if due_date is None:
        return due
    full = f"{due_date.day} {MONTHS[due_date.month - 1]} {due_date.year}"
    return due if due == full else f"{due} ({full})" if due else full
