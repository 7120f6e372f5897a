"""What happens to decisions: drafted, made final, adopted by the body, withdrawn.

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
