"""The roll of a meeting: who may take part (voting or not), who was present each day,
and the quorum rule the body counts those present against.

Plain data and pure functions; the Session keeps the roll and the attendance and
stamps the marks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple

from .languages import words


@dataclass
class Participant:
    """A member of the roll. ``kind`` is the body's own word (member, delegation,
    observer, …), free text."""

    name: str
    voting: bool = True
    kind: str = ""


class Presence(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    EXCUSED = "excused"


@dataclass
class Attendance:
    """The attendance of one day: each name's mark, and when it was last taken."""

    day: date
    taken: datetime
    marks: dict[str, Presence] = field(default_factory=dict)

    def names(self, presence: Presence) -> list[str]:
        return [name for name, mark in self.marks.items() if mark is presence]


_FIELD_SEP_RE = re.compile(r"\s*[;|\t]\s*")
_NON_VOTING = {"non-voting", "nonvoting", "non voting", "no vote", "observer"}


def parse_roll_line(line: str) -> Participant | None:
    """One line of a roll (pasted or a file): "Name", "Name; non-voting",
    "Name; observer", "Name; delegation; voting" (fields after ';', '|' or a tab; a
    comma belongs to the name: "Smith, John"). Blank lines and lines starting with '#'
    are None. ValueError for a line that names no one."""
    text = line.strip()
    if not text or text.startswith("#"):
        return None
    name, *fields = _FIELD_SEP_RE.split(text.replace("\ufeff", "").replace("\u200b", ""))
    name = " ".join(name.split())
    if not name:
        raise ValueError("the line names no one")
    voting, kind = True, ""
    for raw in fields:
        word = " ".join(raw.split())
        lowered = word.lower()
        if lowered in _NON_VOTING:
            voting = False
            if lowered == "observer":
                kind = kind or word
        elif lowered == "voting":
            voting = True
        elif word:
            kind = word
    return Participant(name, voting, kind)


class RollLineError(ValueError):
    """A bad line of a roll: its number (from 1) and the problem."""

    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


def parse_roll(text: str) -> list[Participant]:
    """A roll, one participant a line. RollLineError ("line N: problem") for a bad
    line; a name given twice is kept once (the first)."""
    out: list[Participant] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        try:
            participant = parse_roll_line(line)
        except ValueError as error:
            raise RollLineError(number, str(error)) from None
        if participant is None:
            continue
        if any(ord(c) < 32 or 127 <= ord(c) < 160 for c in participant.name):
            raise RollLineError(number, "a control character in the name")
        if participant.name.casefold() in seen:
            continue
        seen.add(participant.name.casefold())
        out.append(participant)
    return out


def merge_roll(given: list[Participant], kept: Iterable[Participant]) -> list[Participant]:
    """A roll read again (``--roll FILE`` at each start) over the session's: the file's
    participants, as it has them, then those the session had and the file has not
    (added during the meeting): no name is lost."""
    out = list(given)
    for participant in kept:
        if find(out, participant.name) is None:
            out.append(participant)
    return out


def find(roll: Iterable[Participant], name: str) -> Participant | None:
    """The participant of that name (case and spacing aside)."""
    wanted = " ".join(name.split()).casefold()
    return next((p for p in roll if p.name.casefold() == wanted), None)


# ------------------------------------------------------------------ the quorum


@dataclass(frozen=True)
class Quorum:
    """A number of voting members present (``count``), or a share of the voting
    members (``numerator``/``denominator``; ``more_than`` for "majority": more than
    half, not half)."""

    count: int | None = None
    numerator: int = 0
    denominator: int = 1
    more_than: bool = False

    def needed(self, voting: int) -> int:
        """How many voting members must be present, out of ``voting``."""
        if self.count is not None:
            return self.count
        if self.more_than:
            return voting * self.numerator // self.denominator + 1
        return math.ceil(voting * self.numerator / self.denominator)


_FRACTION_RE = re.compile(r"(\d{1,3})\s*/\s*(\d{1,3})")
_PERCENT_RE = re.compile(r"(\d{1,3})\s*%")


def parse_quorum(text: str) -> Quorum:
    """'31' (members), '1/2', '2/3', '50%' (of the voting members, rounded up),
    'majority' (more than half). ValueError with a message for the user."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned.isdigit():
        count = int(cleaned)
        if count < 1:
            raise ValueError("a quorum is at least 1 member")
        return Quorum(count=count)
    if cleaned in ("majority", "simple majority", "more than half"):
        return Quorum(numerator=1, denominator=2, more_than=True)
    m = _FRACTION_RE.fullmatch(cleaned)
    if m:
        num, den = int(m[1]), int(m[2])
    elif (m := _PERCENT_RE.fullmatch(cleaned)):
        num, den = int(m[1]), 100
    else:
        raise ValueError(f"not a quorum: {text!r} (a number such as 31, a share such as "
                         "1/2 or 2/3, or 'majority')")
    if den == 0 or not 0 < num <= den:
        raise ValueError(f"not a share of the members: {text!r}")
    return Quorum(numerator=num, denominator=den)


def quorum_text(quorum: Quorum) -> str:
    """The rule written out: '31 members', '2/3 of the voting members', 'more than
    half of the voting members'."""
    if quorum.count is not None:
        return f"{quorum.count} member{'s' if quorum.count != 1 else ''}"
    if quorum.more_than:
        return "more than half of the voting members"
    return f"{quorum.numerator}/{quorum.denominator} of the voting members"


class QuorumStatus(NamedTuple):
    present_voting: int
    needed: int
    voting: int
    met: bool

    def text(self) -> str:
        """'quorum 31/48 ✓' ('✗' short of it): the top bar's words. 31 of the 48
        voting members are present."""
        return f"quorum {self.present_voting}/{self.voting} {'✓' if self.met else '✗'}"


def quorum_status(quorum: Quorum, roll: Iterable[Participant],
                  attendance: Attendance | None) -> QuorumStatus:
    voting = [p for p in roll if p.voting]
    marks = attendance.marks if attendance else {}
    present = sum(1 for p in voting if marks.get(p.name) is Presence.PRESENT)
    needed = quorum.needed(len(voting))
    return QuorumStatus(present, needed, len(voting), present >= needed)


# ------------------------------------------------------------------ in the List of decisions

_LISTED = (Presence.PRESENT, Presence.EXCUSED, Presence.ABSENT)
# Present, excused, absent; then the word before a day ("Present on 3 March 2025").
_ATTENDANCE_WORDS = {
    "en": (("Present", "Excused", "Absent"), "on"),
    "fr": (("Présents", "Excusés", "Absents"), "le"),
    "de": (("Anwesend", "Entschuldigt", "Abwesend"), "am"),
    "es": (("Presentes", "Excusados", "Ausentes"), "el"),
}


def attendance_lines(roll: list[Participant], attendance: list[Attendance],
                     language: str = "en") -> tuple[str, ...]:
    """What ``decisions --with-attendance`` sets after the List's header: "Present:
    Anna, Bo." "Excused: Cy." (with the day, "Present on 3 March 2025: …", when the
    meeting sat more than one day), names in the order of the roll."""
    labels, on = _ATTENDANCE_WORDS.get(language, _ATTENDANCE_WORDS["en"])
    colon = "\u00a0: " if language == "fr" else ": "  # French: a no-break space before
    order = {p.name: i for i, p in enumerate(roll)}
    several = len(attendance) > 1
    lines: list[str] = []
    for day in attendance:
        for presence, label in zip(_LISTED, labels, strict=True):
            names = sorted(day.names(presence), key=lambda n: order.get(n, len(order)))
            if names:
                when = f" {on} {words(language).day(day.day)}" if several else ""
                lines.append(f"{label}{when}{colon}{', '.join(names)}.")
    return tuple(lines)
