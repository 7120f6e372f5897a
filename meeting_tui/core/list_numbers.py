"""The numbers decisions have in the List of decisions, without building the List.

The item panel and the editor number each final decision as the List does, from the
first screen on; the List itself (``decision_list.build_document``, its entries and
sections) is made only when it is copied, exported or followed, so its module is not
imported by the start-up (tests/cli/test_startup_imports.py). No Textual.
"""

from __future__ import annotations

from itertools import chain

from .session import Decision, Session, unmatched_node


def count_phrase(n: int) -> str:
    return f"{n} decision" if n == 1 else f"{n} decisions"


def _in_list(decision: Decision) -> bool:
    """Final (or adopted) and not empty: in the List (what build_document keeps)."""
    return decision.final and not decision.text.isspace() and decision.text != ""


def list_numbers(session: Session, key: str) -> dict[int, int]:
    """The numbers the item's decisions have in the List of decisions, by decision id
    (a draft, or an empty decision, is not in it and has none); ``key`` may be an
    entry under "Unmatched" (``unmatched_node``). The item panel and the
    editor number decisions as notices and the List do. One pass over the items before
    it: the panel redraws at every keystroke, under 1 ms at 5,000 items."""
    before = 0
    states = session.states
    # The List's order: the agenda's items, then the entries under "Unmatched".
    rows = chain(((item.key, states.get(item.key)) for item in session.order),
                 ((unmatched_node(i), entry.state) for i, entry in enumerate(session.unmatched)))
    for row_key, state in rows:
        if state is None:
            continue
        if row_key == key:
            numbers: dict[int, int] = {}
            for decision in state.decisions:
                if _in_list(decision):
                    before += 1
                    numbers[decision.id] = before
            return numbers
        for decision in state.decisions:
            if _in_list(decision):
                before += 1
    return {}


def list_number(session: Session, key: str, decision_id: int) -> int | None:
    """The number a decision has in the List of decisions (numbered through the whole
    list, as build_document numbers it), or None: a draft, or empty, is not in it."""
    return list_numbers(session, key).get(decision_id)
