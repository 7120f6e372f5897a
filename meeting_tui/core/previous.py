"""The previous meeting, as the next meeting's session remembers it: which session file
the carried decisions came from, which note carries which decision, the day this
meeting adopted them, and the day the old file was told so.

``meeting-tui next`` writes this record (``[settings.previous]``) with the "To adopt"
notes. Adopting them here (`adopt` on the command line, or `meeting-tui adopt NEW
--previous`) sets ``adopted_on``; the old session file is then marked through its
lock, and ``marked_on`` says what it holds. The two differ while the old file could
not be written (open in another app): the adoption is *pending*, and is done on the
next try (the next open of this meeting, the command again).

Pure data and the pure operations on the old session: reading and writing the old file
is ``files.previous``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

from .state import DecisionStatus, ItemState


@dataclass(frozen=True)
class CarriedDecision:
    """A "To adopt" note of this session and the decision of the old session it names."""

    note: int
    decision: int


@dataclass
class PreviousMeeting:
    session: str  # the old session file: relative to this session's folder, or absolute
    meeting: str = ""  # "28th meeting", as the carried notes say
    decisions: list[CarriedDecision] = field(default_factory=list)
    adopted_on: date | None = None  # the day this meeting adopted them (None: not yet)
    marked_on: date | None = None  # what the old file says now (None: not adopted)

    @property
    def pending(self) -> bool:
        """The old file does not say yet what this meeting did."""
        return self.adopted_on != self.marked_on

    @property
    def name(self) -> str:
        return f"the {self.meeting}" if self.meeting else "the previous meeting"

    def by_note(self) -> dict[int, int]:
        return {c.note: c.decision for c in self.decisions}

    # ------------------------------------------------------------ the session file
    def to_table(self) -> dict[str, object]:
        table: dict[str, object] = {"session": self.session}
        if self.meeting:
            table["meeting"] = self.meeting
        if self.adopted_on is not None:
            table["adopted_on"] = self.adopted_on
        if self.marked_on is not None:
            table["marked_on"] = self.marked_on
        table["decisions"] = [{"note": c.note, "decision": c.decision}
                              for c in self.decisions]
        return table

    @classmethod
    def from_table(cls, table: object, fail: Callable[[str], Exception]) -> PreviousMeeting:
        where = "settings.previous"
        if not isinstance(table, Mapping):
            raise fail(f"{where} is not a table")
        session = table.get("session")
        if not isinstance(session, str) or not session:
            raise fail(f"{where}: 'session' must be the old session file's path")
        meeting = table.get("meeting", "")
        if not isinstance(meeting, str):
            raise fail(f"{where}: 'meeting' must be text")
        days: dict[str, date | None] = {}
        for name in ("adopted_on", "marked_on"):
            value = table.get(name)
            if value is not None and (isinstance(value, datetime)
                                      or not isinstance(value, date)):
                raise fail(f"{where}: '{name}' is not a date ({value!r})")
            days[name] = value
        found = []
        rows = table.get("decisions", [])
        if not isinstance(rows, list):
            raise fail(f"{where}: 'decisions' must be a list")
        for i, row in enumerate(rows):
            ids = [row.get(k) if isinstance(row, Mapping) else None
                   for k in ("note", "decision")]
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in ids):
                raise fail(f"{where}.decisions[{i}]: 'note' and 'decision' must be ids")
            found.append(CarriedDecision(int(ids[0]), int(ids[1])))  # type: ignore[arg-type]
        return cls(session, meeting, found, days["adopted_on"], days["marked_on"])


# ------------------------------------------------------------------ the old session


def mark(states: list[ItemState], ids: set[int], adopted_on: date | None,
         marked_on: date | None, stamp: Callable[[], datetime]) -> int:
    """The old session's decisions ``ids`` made to say ``adopted_on``: adopted on that
    day, or (None) final again; ``marked_on`` is what an earlier mark wrote. A decision
    adopted by other means (its own `adopt`, on another day) is left as it is, and so is
    one made draft since. Returns how many changed."""
    count = 0
    for state in states:
        for decision in state.decisions:
            if decision.id not in ids or not decision.final:
                continue
            ours = decision.status is DecisionStatus.FINAL or (
                decision.adopted is not None and decision.adopted == marked_on)
            if not ours:
                continue
            if adopted_on is None:
                if decision.status is DecisionStatus.ADOPTED:
                    decision.status, decision.adopted = DecisionStatus.FINAL, None
                    decision.modified = stamp()
                    count += 1
            elif decision.adopted != adopted_on:
                decision.status, decision.adopted = DecisionStatus.ADOPTED, adopted_on
                decision.modified = stamp()
                count += 1
    return count


def all_adopted_on(states: list[ItemState]) -> date | None:
    """The day every final decision was adopted, when it is one day (for the old List's
    adoption line); None when some are not adopted, or on different days."""
    days = {d.adopted for s in states for d in s.decisions if d.final}
    return next(iter(days)) if len(days) == 1 else None
