"""What happens to decisions: drafted, made final, adopted by the body, withdrawn;
moved to another item or within their item.

Functions over the item states a session keeps; the session numbers new decisions,
stamps the times and counts the change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime

from .state import Decision, DecisionStatus, ItemState


def find(state: ItemState, decision_id: int) -> Decision:
    for decision in state.decisions:
        if decision.id == decision_id:
            return decision
    raise KeyError(decision_id)


def counts(state: ItemState | None) -> tuple[int, int]:
    """(drafts, finals) of an item."""
    if not state:
        return 0, 0
    finals = sum(1 for d in state.decisions if d.final)
    return len(state.decisions) - finals, finals


def move(source: ItemState, target: ItemState, decision_id: int,
         position: int | None = None) -> Decision:
    """Take the decision out of ``source`` and put it among ``target``'s decisions at
    ``position`` (None, or past the end: after the last; the same state: a reorder).
    It keeps its id, text and status: a decision written under the wrong item is the
    same decision, and the session file keeps each item's decisions in their order."""
    decision = find(source, decision_id)
    source.decisions.remove(decision)
    size = len(target.decisions)
    at = size if position is None else max(0, min(position, size))
    target.decisions.insert(at, decision)
    return decision


def reorder(state: ItemState, decision_id: int, step: int) -> bool:
    """Move the decision ``step`` places up (negative) or down among the item's
    decisions; False when it is already at that end (nothing changes)."""
    index = state.decisions.index(find(state, decision_id))
    at = index + step
    if step == 0 or not 0 <= at < len(state.decisions):
        return False
    state.decisions.insert(at, state.decisions.pop(index))
    return True


def toggle_final(decision: Decision, at: datetime) -> DecisionStatus:
    """Draft to final, final back to draft; an adopted decision goes back to final
    (its adoption withdrawn: the app asks first)."""
    if decision.status is DecisionStatus.ADOPTED:
        decision.status = DecisionStatus.FINAL
        decision.adopted = None
    elif decision.status is DecisionStatus.FINAL:
        decision.status = DecisionStatus.DRAFT
    else:
        decision.status = DecisionStatus.FINAL
    decision.modified = at
    return decision.status


def adopt(states: Iterable[ItemState], on: date, stamp: Callable[[], datetime]) -> int:
    """Every final (or already adopted) decision is adopted on ``on``; drafts stay
    drafts. Returns how many."""
    count = 0
    for state in states:
        for decision in state.decisions:
            if decision.final:
                if decision.status is not DecisionStatus.ADOPTED or decision.adopted != on:
                    decision.modified = stamp()
                decision.status = DecisionStatus.ADOPTED
                decision.adopted = on
                count += 1
    return count


def withdraw_adoption(states: Iterable[ItemState], stamp: Callable[[], datetime]) -> int:
    """Undo ``adopt``: adopted decisions are final again. Returns how many."""
    count = 0
    for state in states:
        for decision in state.decisions:
            if decision.status is DecisionStatus.ADOPTED:
                decision.status = DecisionStatus.FINAL
                decision.adopted = None
                decision.modified = stamp()
                count += 1
    return count
