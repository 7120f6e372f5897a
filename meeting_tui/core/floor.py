"""The list of speakers of an item and the speeches: who asked for the floor, in what
order, who has it, and for how long.

A speech's time is kept as UTC spans, like an item's: a crash or a break never loses
or miscounts it. A speech is *waiting* (no spans, not done), *in progress* (spans, not
done; at most one in the whole session) or *done*. ``paused`` is a pause by hand (an
interruption); a break of the meeting closes the speech's span without it, so the
speech resumes with the meeting.

Plain data and functions over an item's list; the Session numbers, stamps and keeps
them (``floor_session``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from .clock import Span, total_seconds


@dataclass
class Speech:
    id: int  # from the session's one entry counter
    speaker: str
    point_of_order: bool
    added: datetime
    spans: list[Span] = field(default_factory=list)
    done: bool = False
    paused: bool = False  # paused by hand (an interruption), not by a break

    @property
    def waiting(self) -> bool:
        return not self.spans and not self.done

    @property
    def in_progress(self) -> bool:
        return bool(self.spans) and not self.done

    @property
    def running(self) -> bool:
        """Its clock runs now."""
        return bool(self.spans) and self.spans[-1].running

    def seconds(self, now: datetime) -> float:
        return total_seconds(self.spans, now)


def find(speeches: list[Speech], speech_id: int) -> Speech:
    for speech in speeches:
        if speech.id == speech_id:
            return speech
    raise KeyError(speech_id)


def waiting(speeches: list[Speech]) -> list[Speech]:
    """The queue: waiting speeches in list order (points of order first, as they
    were put there)."""
    return [s for s in speeches if s.waiting]


def insert(speeches: list[Speech], speech: Speech) -> None:
    """Append a speech to the queue; a point of order goes before the first waiting
    speech that is not a point of order (after earlier points of order)."""
    if speech.point_of_order:
        for index, other in enumerate(speeches):
            if other.waiting and not other.point_of_order:
                speeches.insert(index, speech)
                return
    speeches.append(speech)


def move(speeches: list[Speech], speech_id: int, delta: int) -> bool:
    """Move a waiting speech ``delta`` places in the queue (among waiting speeches);
    False when it cannot move (not waiting, or at the end already)."""
    speech = find(speeches, speech_id)
    queue = waiting(speeches)
    if speech not in queue:
        return False
    position = queue.index(speech)
    target = max(0, min(len(queue) - 1, position + delta))
    if target == position:
        return False
    queue.remove(speech)
    queue.insert(target, speech)
    # The waiting speeches take the places waiting speeches had, in their new order.
    slots = [i for i, s in enumerate(speeches) if s.waiting]
    for slot, moved in zip(slots, queue, strict=True):
        speeches[slot] = moved
    return True


# ------------------------------------------------------------------ the limit

MAX_LIMIT_SECONDS = 4 * 3600
_LIMIT_RE = re.compile(
    r"(?:(?P<mm>\d{1,3}):(?P<ss>\d{2})"
    r"|(?P<h>\d{1,2})\s*h(?:ours?)?(?:\s*(?P<hm>\d{1,2})\s*(?:m|min|minutes?)?)?"
    r"|(?P<m>\d{1,3}(?:[.,]\d+)?)\s*(?:m|min|mins|minutes?|')"
    r"|(?P<s>\d{1,5})\s*(?:s|sec|secs|seconds?|\")"
    r"|(?P<bare>\d{1,3}))"
)


def parse_limit(text: str) -> int | None:
    """A speaking-time limit as typed: '3 min', '3' (minutes), '90 s', '2:30' (minutes
    and seconds), '1h'; empty is None (no limit). Seconds; ValueError with a message
    for the user."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    m = _LIMIT_RE.fullmatch(cleaned)
    if not m:
        raise ValueError(f"not a speaking time: {text!r} (try 3 min, 90 s or 2:30)")
    if m["mm"] is not None:
        if int(m["ss"]) >= 60:
            raise ValueError(f"not a time: {text!r} (seconds go up to 59)")
        seconds = int(m["mm"]) * 60 + int(m["ss"])
    elif m["h"] is not None:
        seconds = int(m["h"]) * 3600 + int(m["hm"] or 0) * 60
    elif m["m"] is not None:
        seconds = round(float(m["m"].replace(",", ".")) * 60)
    elif m["s"] is not None:
        seconds = int(m["s"])
    else:
        seconds = int(m["bare"]) * 60
    if not 1 <= seconds <= MAX_LIMIT_SECONDS:
        raise ValueError("a speaking time is 1 second to 4 hours (empty: no limit)")
    return seconds


def limit_text(seconds: int | None) -> str:
    """'3 min', '2:30', '90 s' is shown as '1:30'; '' for no limit."""
    if seconds is None:
        return ""
    minutes, secs = divmod(seconds, 60)
    if secs == 0:
        return f"{minutes} min"
    return f"{minutes}:{secs:02d}"


# ------------------------------------------------------------------ the countdown

WARN_SHARE = 0.8  # from 80 % of the limit the countdown is highlighted
Level = Literal["ok", "warn", "over"]


@dataclass(frozen=True)
class Countdown:
    """The speech in progress against its limit. ``remaining`` is the limit less the
    time spoken (negative past it), None without a limit; ``level`` is "ok", "warn"
    from 80 % of the limit, "over" past it ("ok" without a limit)."""

    elapsed: float
    limit: int | None
    remaining: float | None
    level: Level
    running: bool = True  # False while paused by hand or by a break
    paused: bool = False  # paused by hand

    @classmethod
    def of(cls, speech: Speech, limit: int | None, now: datetime) -> Countdown:
        elapsed = speech.seconds(now)
        return cls(elapsed, limit, None if limit is None else limit - elapsed,
                   level(elapsed, limit), speech.running, speech.paused)


def level(elapsed: float, limit: int | None) -> Level:
    if limit is None:
        return "ok"
    if elapsed > limit:
        return "over"
    if elapsed >= WARN_SHARE * limit:
        return "warn"
    return "ok"
