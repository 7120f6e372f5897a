"""What one meeting hands to the next: its final decisions not yet adopted (to adopt),
its open follow-up actions (to follow up) and the items it skipped (to take up again),
set as notes under the new agenda's items.

Notes, not decisions nor actions, on purpose: the decisions were taken at the old
meeting and are adopted at the new one, not taken again; an action stays the old
meeting's, so it is never open in one session and done in the other. Each carried note
says where it came from ("28th meeting, 2.1"), the form the list of actions uses.

Each "To adopt" note knows the decision it carries (``Carried.decision``), and
``apply`` records them with the old session file's path (``core.previous``): adopting
them at the new meeting marks them adopted in the old session too.

Pure: the old session and the new agenda in, the plan out; ``apply`` writes it into
the new session. Reading and writing the files is the command's (``cli_followup``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .agenda import Agenda, Item
from .dates import format_due
from .previous import CarriedDecision, PreviousMeeting
from .session import ItemState, ItemStatus, Session
from .settings import MONTHS, default_meeting, default_venue_and_dates

# The item where the last meeting's list is adopted, best first. A title naming the
# previous meeting's record wins over the adoption of the agenda; "the list of
# decisions of the meeting" at the end of an agenda is that meeting's own, so a bare
# "adoption of the list of decisions" is only as good as the adoption of the agenda.
_PREVIOUS = r"(?:previous|last|preceding|\d+(?:st|nd|rd|th)|précédente|dernière|\d+e)"
_RECORD = (r"(?:minutes|list of decisions|report|procès-verbal|compte[- ]rendu|"
           r"liste des décisions|rapport)")
_ADOPTION_RANKS = (
    re.compile(rf"\b(?:adoption|approval|adopt|approve|approbation)\b.*\b{_RECORD}\b"
               rf".*\b{_PREVIOUS}\b", re.I),
    re.compile(r"\badoption of the agenda\b|\badoption of the list of decisions\b|"
               r"\bapproval of the minutes\b|\badoption de l[’']ordre du jour\b|"
               r"\badoption de la liste des décisions\b|\bapprobation du procès-verbal\b|"
               r"\bapprobation du compte[- ]rendu\b", re.I),
)
# The item where open actions are followed up. "Follow-up by Parties to the
# recommendations" is a topic, not the follow-up of the actions: the bare word is not
# enough, it must say of what, or be the whole title.
_FOLLOW_UP = re.compile(
    r"\bmatters arising\b|\baction points\b|\bactions? (?:arising|from|of|taken)\b|"
    r"\bfollow[- ]?up (?:of|to|on) (?:the )?(?:actions|decisions|previous|last|preceding|"
    r"\d+(?:st|nd|rd|th) meeting)|\bsuivi des (?:actions|décisions)\b|\bsuites données\b|"
    r"\bquestions découlant\b|^(?:follow[- ]?up|actions|suivi)\W*$", re.I)

TO_ADOPT = "To adopt"
OPEN_ACTION = "Open action"
SKIPPED = "Skipped"


@dataclass(frozen=True)
class Carried:
    """One note for the new session: under ``key``, ``text`` (which says its origin);
    ``decision``: the id, in the old session, of the decision it carries to adopt."""

    key: str
    text: str
    decision: int | None = None


@dataclass
class Carry:
    """The plan: where the carried entries go, why there, and the notes themselves."""

    adoption: Item | None  # None: the new agenda has no item at all
    adoption_reason: str  # "its title" or "the first item"
    follow_up: Item | None
    follow_up_reason: str  # "its title" or "the adoption item"
    first: Item | None
    notes: list[Carried] = field(default_factory=list)
    meeting: str = ""  # the old meeting, as the notes name it: "28th meeting"
    decisions: int = 0
    actions: int = 0
    skipped: list[str] = field(default_factory=list)  # "28th meeting, 3: Any other business"


def _label(number: str | None, title: str) -> str:
    return number or title


def find_adoption_item(agenda: Agenda) -> tuple[Item | None, str]:
    """The item the last meeting's decisions are adopted under, and why that one."""
    items = list(agenda.walk())
    for rank in _ADOPTION_RANKS:
        found = next((item for item in items if rank.search(item.title)), None)
        if found is not None:
            return found, "its title"
    return (items[0] if items else None), "the first item"


def find_follow_up_item(agenda: Agenda) -> Item | None:
    return next((item for item in agenda.walk() if _FOLLOW_UP.search(item.title.strip())),
                None)


def _states(old: Session) -> list[tuple[str | None, str, ItemState, str]]:
    """(number, title, state, status-bearing key) of every item of the old session, in
    agenda order, then its entries the agenda no longer has."""
    found: list[tuple[str | None, str, ItemState, str]] = []
    for item in old.order:
        state = old.peek(item.key)
        if state is not None:
            found.append((item.number, item.title, state, item.key))
    found += [(e.number, e.title, e.state, "") for e in old.unmatched]
    return found


def plan(old: Session, new: Agenda) -> Carry:
    """What ``old`` hands to a session of ``new``."""
    adoption, reason = find_adoption_item(new)
    follow_up = find_follow_up_item(new)
    items = list(new.walk())
    carry = Carry(adoption, reason, follow_up or adoption,
                  "its title" if follow_up else "the adoption item",
                  items[0] if items else None)
    meeting = carry.meeting = old.settings.resolved_meeting(old.agenda)

    def origin(number: str | None, title: str) -> str:
        where = _label(number, title)
        return f"{meeting}, {where}" if meeting else where

    for number, title, state, key in _states(old):
        for decision in state.decisions:
            if decision.final and decision.adopted is None and carry.adoption:
                carry.notes.append(Carried(carry.adoption.key, f"{TO_ADOPT}: "
                                           f"{origin(number, title)}: {decision.text}",
                                           decision.id))
                carry.decisions += 1
        for action in state.actions:
            if action.open and carry.follow_up:
                due = format_due(action.due, action.due_date) or "no date"
                carry.notes.append(Carried(carry.follow_up.key, f"{OPEN_ACTION}: "
                                           f"{origin(number, title)}: {action.owner}, due "
                                           f"{due}: {action.text}"))
                carry.actions += 1
        if key and state.status is ItemStatus.SKIPPED:
            carry.skipped.append(origin(number, title) + (f": {title}" if number else ""))
    if carry.first is not None:
        carry.notes += [Carried(carry.first.key, f"{SKIPPED}: {text}") for text in carry.skipped]
    return carry


def apply(carry: Carry, session: Session, old_session: str = "") -> None:
    """Write the plan's notes into the new session, in order; with ``old_session`` (the
    old file's path, as the new session will find it), the record of which note carries
    which decision, for their adoption (``core.previous``)."""
    carried = []
    for note in carry.notes:
        written = session.add_note(note.key, note.text)
        if note.decision is not None:
            carried.append(CarriedDecision(written.id, note.decision))
    if old_session and carried:
        session.settings.previous = PreviousMeeting(old_session, carry.meeting, carried)


_FIRST_DAY_RE = re.compile(rf"\b(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})? ({'|'.join(MONTHS)}) "
                           r"(\d{4})\b")


def meeting_name(agenda: Agenda) -> str:
    return default_meeting(agenda)


def meeting_day(agenda: Agenda) -> str:
    """The new meeting's first day as ISO ("2020-11-23"), from the venue-and-dates line
    of its header (where its list is adopted: at its opening); "today" if none is read."""
    line = default_venue_and_dates(agenda)
    m = _FIRST_DAY_RE.search(line)
    # "28 June - 2 July 2021": the first day has no year of its own; not guessed.
    if m is None or sum(line.count(month) for month in MONTHS) != 1:
        return "today"
    try:
        return date(int(m[3]), MONTHS.index(m[2]) + 1, int(m[1])).isoformat()
    except ValueError:
        return "today"
