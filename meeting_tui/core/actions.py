"""Follow-up actions: who does what by when, and where each came from.

An action belongs to the item it was decided under (so it follows the item through a
changed agenda, as decisions do) and may name the decision it came with ("Instructed
the Secretariat to …" is a decision, and an action owned by the Secretariat). The
list of open actions, sorted by due date, is ``open_actions``; its layouts are
``action_list``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .state import Action, ActionStatus, ItemState


def find(state: ItemState, action_id: int) -> Action:
    for action in state.actions:
        if action.id == action_id:
            return action
    raise KeyError(action_id)


def toggle_done(action: Action) -> ActionStatus:
    action.status = ActionStatus.OPEN if action.status is ActionStatus.DONE else ActionStatus.DONE
    return action.status


@dataclass(frozen=True)
class Row:
    """An action as the list shows it, with the item it came from."""

    key: str | None  # None: an entry of the session file the agenda no longer has
    item: str  # the item's number and title ("2.1 Adoption of the agenda")
    number: str | None
    action: Action
    decision: str = ""  # the text of the decision it came with, if any


def _sort_key(row: Row, position: int) -> tuple[int, date, int]:
    """Dated actions first, by date; then the undated ones, in agenda order."""
    due = row.action.due_date
    return (0, due, position) if due is not None else (1, date.max, position)


def sort_rows(rows: list[Row]) -> list[Row]:
    return [row for _, row in sorted(enumerate(rows), key=lambda p: _sort_key(p[1], p[0]))]
