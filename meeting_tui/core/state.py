"""What a session records about each item: its status, its clock and its decisions,
and the entries of a session file that match no item of the agenda any more.

Plain data: the operations on it are the Session's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from .clock import Span


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

    @property
    def final(self) -> bool:
        """Final or adopted: in the List of decisions."""
        return self.status is not DecisionStatus.DRAFT


@dataclass
class ItemState:
    status: ItemStatus = ItemStatus.PENDING
    spans: list[Span] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    # A plan set in the app replaces the agenda's; plan None with plan_set means "no plan".
    plan: int | None = None
    plan_set: bool = False

    @property
    def is_blank(self) -> bool:
        """Nothing worth writing to the session file."""
        return (self.status is ItemStatus.PENDING and not self.spans and not self.decisions
                and not self.plan_set)


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
