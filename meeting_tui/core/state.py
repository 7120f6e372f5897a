"""What a session records about each item: its status, its clock, its decisions, the
secretary's notes and the follow-up actions, and the entries of a session file that
match no item of the agenda any more.

Plain data: the operations on it are the Session's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from .clock import Span

if TYPE_CHECKING:  # the floor's and the votes' modules are imported by their operations
    from .floor import Speech
    from .votes import Vote


class ItemStatus(StrEnum):
    PENDING = "pending"
    CURRENT = "current"
    DONE = "done"
    SKIPPED = "skipped"


class DecisionStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    ADOPTED = "adopted"  # final, and adopted by the body (on Decision.adopted)


class MeetingState(StrEnum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    BREAK = "on a break"
    DAY_ENDED = "day ended"
    ENDED = "ended"


@dataclass
class Decision:
    id: int
    text: str
    status: DecisionStatus
    created: datetime
    modified: datetime
    adopted: date | None = None  # the day the body adopted it (status ADOPTED)
    # Its text in the List's other languages, by code ("fr": "A adopté …"): written by
    # the secretary, never made up (core/translations.py).
    translations: dict[str, str] = field(default_factory=dict)
    vote: Vote | None = None  # the vote it was taken by; None: by consensus (core/votes.py)

    @property
    def final(self) -> bool:
        """Final or adopted: in the List of decisions."""
        return self.status is not DecisionStatus.DRAFT


@dataclass
class Note:
    """The secretary's working note on an item: never in the List of decisions nor the
    follow view, only in the minutes."""

    id: int  # from the same counter as decisions: one id names one entry of the session
    text: str
    created: datetime
    speaker: str = ""  # who spoke, as written (free text)


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


@dataclass
class Action:
    """A follow-up action: who does what by when, from the item it was decided under."""

    id: int
    text: str
    owner: str
    due: str  # as the secretary wrote it: "15/10", "15 October", "next meeting", ""
    due_date: date | None  # ``due`` read as a date, when it is one
    status: ActionStatus
    created: datetime
    decision: int | None = None  # the id of the decision it came with, if any

    @property
    def open(self) -> bool:
        return self.status is ActionStatus.OPEN


@dataclass
class ItemState:
    status: ItemStatus = ItemStatus.PENDING
    spans: list[Span] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    # A plan set in the app replaces the agenda's; plan None with plan_set means "no plan".
    plan: int | None = None
    plan_set: bool = False
    notes: list[Note] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    # The list of speakers, in queue order, and the speeches given (core/floor.py).
    speeches: list[Speech] = field(default_factory=list)
    speaking_limit: int | None = None  # seconds; None: the meeting's limit

    @property
    def is_blank(self) -> bool:
        """Nothing worth writing to the session file."""
        return (self.status is ItemStatus.PENDING and not self.spans and not self.decisions
                and not self.plan_set and not self.notes and not self.actions
                and not self.speeches and self.speaking_limit is None)

    def entry_ids(self) -> list[int]:
        """The ids of its decisions, notes, actions and speeches (one counter numbers
        them all)."""
        return ([d.id for d in self.decisions] + [n.id for n in self.notes]
                + [a.id for a in self.actions] + [s.id for s in self.speeches])


@dataclass
class UnmatchedEntry:
    """An item entry of the session file that matches no item of this agenda.

    ``raw`` is the entry as read, written back unchanged; ``state`` is it parsed, for
    showing its decisions."""

    key: str  # the item's key in the agenda the entry was written for
    number: str | None
    title: str
    state: ItemState
    raw: dict[str, Any]

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


# Keys of the tree nodes that show unmatched entries: no agenda item key starts with NUL.
UNMATCHED_NODE = "\0unmatched"


def unmatched_node(index: int) -> str:
    return f"{UNMATCHED_NODE}/{index}"


def unmatched_index(key: str | None) -> int | None:
    """-1 for the "Unmatched" node, the entry's index for one under it, else None."""
    if not key or not key.startswith(UNMATCHED_NODE):
        return None
    rest = key[len(UNMATCHED_NODE):]
    return int(rest[1:]) if rest.startswith("/") else -1
