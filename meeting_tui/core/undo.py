"""Undo: the last entry or change taken back, one at a time, newest first.

Each change that can be undone leaves a ``Step``: what it did, in the words the undo
says ("note on 2.1"), and how to take it back. The steps live as long as the app (they
are not in the session file: what undo would take back is saved already, and a
restarted meeting starts with nothing to undo). A step whose entry is gone meanwhile
(deleted by a key) says so and changes nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass

from .amend import Amendment
from .session import ItemState, MeetingState, Session

LIMIT = 200  # steps kept; a meeting's secretary never goes back further


class NothingToUndo(LookupError):
    pass


class Refused(Exception):
    """An undo that would lose what was written since (a decision on an item an undone
    amendment added): not done, and the message says why."""


@dataclass(frozen=True)
class Step:
    said: str  # what the change did: "decision on 2.1", "taking up 3"
    revert: Callable[[], None]  # takes it back; KeyError when its entry is gone


class History:
    def __init__(self, limit: int = LIMIT) -> None:
        self.steps: list[Step] = []
        self.limit = limit

    def push(self, said: str, revert: Callable[[], None]) -> None:
        self.steps.append(Step(said, revert))
        del self.steps[: -self.limit]

    def __len__(self) -> int:
        return len(self.steps)

    def undo(self) -> str:
        """Take back the newest step; the line that says so."""
        if not self.steps:
            raise NothingToUndo("nothing to undo")
        step = self.steps.pop()
        try:
            step.revert()
        except KeyError:
            return f"Nothing to undo for {step.said}: it is gone already"
        except Refused as exc:
            return f"Not undone ({step.said}): {exc}"
        return f"Undone: {step.said}"


# ------------------------------------------------------------------ the reverts


def remove_entry(session: Session, key: str, entry_id: int) -> Callable[[], None]:
    """Undo of a new decision, note or action: it goes."""
    return lambda: _ignore(session.take_entry(key, entry_id))


def _ignore(_value: object) -> None:
    return None


def put_back(session: Session, key: str, kind: str, entry: object, index: int
             ) -> Callable[[], None]:
    """Undo of a deletion: the entry back where it was."""
    return lambda: session.put_entry(key, kind, entry, index)


def set_text(session: Session, key: str, kind: str, entry_id: int, text: str
             ) -> Callable[[], None]:
    """Undo of a correction: the text it had."""
    setter = {"decision": session.set_text, "note": session.set_note_text,
              "action": session.set_action_text}[kind]
    return lambda: setter(key, entry_id, text)


def take_up(session: Session, key: str) -> Callable[[], None]:
    """Made before ``session.take_up(key)``: its undo, as if the item had not been taken
    up. The item goes back to how it was; the item that was current is current again,
    and the minutes since count to it, as they would have."""
    before = session.current
    states = {k: copy.deepcopy(session.peek(k)) for k in {key, before} if k is not None}
    started = session.meeting_state is MeetingState.NOT_STARTED
    selected = session.selected

    def revert() -> None:
        if session.current != key:
            raise KeyError(key)  # another item was taken up since: not undone
        for k, state in states.items():
            if state is None:
                session.states.pop(k, None)
            else:
                session.states[k] = state
        session.current = before
        if started:
            session.meeting_spans.clear()
        elif before is not None and not session.running:
            # Stopped since (a break): the item that is current again stopped with it.
            spans = session.state(before).spans
            if spans and spans[-1].end is None and session.meeting_spans:
                spans[-1].end = session.meeting_spans[-1].end
        session.selected = selected if selected and session.has(selected) else key
        session.restored()

    return revert


def amendment(session: Session, amendments: list[Amendment],
              removed: dict[str, ItemState] | None = None) -> Callable[[], None]:
    """The undo of an amendment of the agenda: the session's amendments back to
    ``amendments`` (those before it), and the states of the items a removal took with
    it back. Refused when an item it would take away has anything written on it."""
    amendments = list(amendments)
    selected = session.selected
    kept = dict(removed or {})

    def revert() -> None:
        outline = session.outline.amend(amendments)
        for key, state in session.states.items():
            if session.has(key) and not outline.has(key) and not state.is_blank:
                raise Refused(f"{session.item(key).label} has entries or time on it now")
        session.set_amendments(amendments)
        for k, state in kept.items():
            if session.has(k):
                session.states[k] = state
        if selected and session.has(selected):
            session.selected = selected
        session.restored()

    return revert
