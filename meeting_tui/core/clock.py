"""Time accounting from stored UTC spans.

Every duration shown is derived from start/end timestamps, never from counting
ticks, so a restart, a suspended laptop or a time-zone change cannot corrupt it.
"Now" is injected so tests can drive a simulated meeting.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import NamedTuple

Now = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


class SteadyClock:
    """UTC "now" that moves as the monotonic clock moves, from the wall clock's time
    when it was made.

    The wall clock can be set back or forward while the app runs (a manual change, a
    suspended laptop's clock corrected on resume, a bad NTP step): a running span
    measured on it would end before it starts, or credit an item three days. Measured
    on this clock, a span lasts what it lasted. A jump is not followed but recorded,
    so the app can say so (``take_jumps``); a new process starts from the wall clock
    again (and the session never stores a moment before one it stored, see
    ``Session._stamp``).
    """

    JUMP_SECONDS = 2.0  # the wall clock moved this much more (or less) than time did

    def __init__(self, wall: Now = utc_now, monotonic: Callable[[], float] = time.monotonic,
                 ) -> None:
        self.wall = wall
        self.monotonic = monotonic
        self._start = wall()
        self._mono = monotonic()
        self._offset = 0.0  # the wall clock less this clock, as last seen
        self._jumps: list[float] = []

    def __call__(self) -> datetime:
        now = self._start + timedelta(seconds=self.monotonic() - self._mono)
        try:
            offset = (self.wall() - now).total_seconds()
        except OverflowError:
            return now
        if abs(offset - self._offset) > self.JUMP_SECONDS:
            self._jumps.append(offset - self._offset)
            self._offset = offset
        return now

    def take_jumps(self) -> list[float]:
        """The jumps of the wall clock (seconds, forward positive) since last asked."""
        self()
        jumps, self._jumps = self._jumps, []
        return jumps


def describe_jump(seconds: float) -> str:
    """'set back 2:00:00', 'put forward 3 days, 0:00:05'."""
    way = "put forward" if seconds > 0 else "set back"
    days, rest = divmod(abs(int(seconds)), 86400)
    span = format_duration(rest, hours=True)
    return f"{way} {days} day{'s' if days != 1 else ''}, {span}" if days else f"{way} {span}"


@dataclass
class Span:
    """A stretch of running time; ``end`` is None while it runs."""

    start: datetime
    end: datetime | None = None

    @property
    def running(self) -> bool:
        return self.end is None

    def seconds(self, now: datetime) -> float:
        end = self.end or now
        return max(0.0, (end - self.start).total_seconds())


def total_seconds(spans: Iterable[Span], now: datetime) -> float:
    return sum(span.seconds(now) for span in spans)


def close(spans: list[Span], now: datetime) -> None:
    """End the running span, if any."""
    if spans and spans[-1].running:
        spans[-1].end = now


def open_span(spans: list[Span], now: datetime) -> None:
    """Start a new span unless one is already running."""
    if not spans or not spans[-1].running:
        spans.append(Span(now))


def format_duration(seconds: float, hours: bool = False) -> str:
    """H:MM:SS for an hour or more (or always, with ``hours``), else M:SS."""
    total = int(seconds)
    h, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{h}:{minutes:02d}:{secs:02d}" if h or hours else f"{minutes}:{secs:02d}"


def format_minutes(seconds: float) -> str:
    """Short spent time for the tree: '4m', '1h05'."""
    minutes = int(seconds // 60)
    if minutes >= 60:
        return f"{minutes // 60}h{minutes % 60:02d}"
    return f"{minutes}m" if minutes else f"{int(seconds)}s"


def _is_zone_name(name: str) -> bool:
    from zoneinfo import ZoneInfo  # zoneinfo (and sysconfig) imported when first used

    try:
        ZoneInfo(name)
    except (ValueError, LookupError, OSError):
        return False
    return True


def local_zone_name() -> str:
    """The IANA name of the local zone (a fixed offset would lose DST changes)."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz:
        # TZ overrides /etc/localtime; it may be a name ("UTC", "Europe/Paris") or a
        # path into the zoneinfo folder. A POSIX rule string falls through to tzname().
        name = tz.split("zoneinfo/", 1)[-1]
        if _is_zone_name(name):
            return name
    else:
        try:
            target = Path("/etc/localtime").resolve()
            parts = target.parts
            if "zoneinfo" in parts:
                return "/".join(parts[parts.index("zoneinfo") + 1 :])
        except OSError:
            pass
    abbreviation = datetime.now().astimezone().tzname()
    return abbreviation or "UTC"


# ------------------------------------------------------------------ sittings and breaks


class Sitting(NamedTuple):  # a named tuple: cheaper to make than a dataclass (issue 19)
    """One day of the meeting: its running spans; the gaps between them are breaks.

    ``end`` is the moment the day was ended (the end of its last span), or None while
    the sitting is open.
    """

    number: int
    spans: tuple[Span, ...]
    end: datetime | None = None

    @property
    def start(self) -> datetime:
        return self.spans[0].start

    @property
    def closed(self) -> bool:
        return self.end is not None

    def spent(self, now: datetime) -> float:
        return total_seconds(self.spans, now)

    def breaks(self) -> list[Span]:
        """The breaks, in order; the last one is still running on an open sitting."""
        pairs = zip(self.spans, self.spans[1:], strict=False)
        out = [Span(a.end, b.start) for a, b in pairs if a.end is not None]
        last = self.spans[-1]
        if self.end is None and last.end is not None:
            out.append(Span(last.end))
        return out

    def break_seconds(self, now: datetime) -> float:
        return total_seconds(self.breaks(), now)


def group_sittings(spans: Iterable[Span], day_ends: Iterable[datetime]) -> list[Sitting]:
    """The meeting's spans grouped by day: a span that ended at or before a day's end
    belongs to that day; a later (or running) span to the next. A day end with no span
    before it is ignored."""
    ends = sorted(day_ends)
    out: list[Sitting] = []
    group: list[Span] = []
    j = 0
    for span in spans:
        while j < len(ends) and (span.end is None or span.end > ends[j]):
            if group:
                out.append(Sitting(len(out) + 1, tuple(group), ends[j]))
                group = []
            j += 1
        group.append(span)
    if group:
        out.append(Sitting(len(out) + 1, tuple(group), ends[j] if j < len(ends) else None))
    return out


# ------------------------------------------------------------------ planned minutes

MAX_PLAN_MINUTES = 9999


@cache  # compiled on first use: a plan is typed long after start-up
def _plan_re() -> re.Pattern[str]:
    return re.compile(
        r"(?:(?P<h>\d{1,3})\s*(?:h|hours?|:)\s*(?P<hm>\d{1,2})?\s*(?:m|min|minutes?)?"
        r"|(?P<m>\d{1,4})\s*(?:m|min|mins|minutes?|')?)"
    )


def parse_minutes(text: str) -> int | None:
    """A plan typed by the user: '15', '15 min', '1h', '1h30', '1:30'; empty is None.

    Raises ValueError with a message fit for the user."""
    text = text.strip().lower()
    if not text:
        return None
    m = _plan_re().fullmatch(text)
    if not m:
        raise ValueError(f"not a number of minutes: {text!r} (try 15, 1h30 or 1:30)")
    if m.group("m") is not None:
        minutes = int(m.group("m"))
    else:
        extra = int(m.group("hm") or 0)
        if extra >= 60:
            raise ValueError(f"not a time: {text!r} (minutes after the hours go up to 59)")
        minutes = int(m.group("h")) * 60 + extra
    if not 1 <= minutes <= MAX_PLAN_MINUTES:
        raise ValueError(f"a plan is 1 to {MAX_PLAN_MINUTES} minutes (empty clears it)")
    return minutes
