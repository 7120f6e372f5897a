"""Hypothesis: any session state the app can reach saves and loads back equal.

States are reached the way the app reaches them: by the session's own operations (the
app's keys are thin calls on these), in any order, with any text the editor can hold,
with time passing between them; some are then carried over a changed agenda (so that
they hold unmatched entries). Equal means every field of the session, compared as
data (the dataclasses compare all their fields, new ones included), and the file
written again byte for byte the same.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta

from helpers.clock import FakeClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import Session
from meeting_tui.files.session_reading import build
from meeting_tui.files.session_toml import agenda_hash, dumps

AGENDA_TEXT = """\
Committee meeting, 3-5 March 2025

1. Opening of the meeting [5 min]
2. Adoption of the agenda
3. Reports
3.1 Finance (10')
3.2 Audit
   a) External auditor
   b) Internal audit
4. Budget [1h]
5. Any other business
6. Close
"""
# The same meeting's agenda edited: 3.2 renamed, 4 removed, 5 and 6 renumbered.
CHANGED_TEXT = """\
Committee meeting, 3-5 March 2025

1. Opening of the meeting [5 min]
2. Adoption of the agenda
3. Reports
3.1 Finance (10')
3.2 Audit and accounts
   a) External auditor
   b) Internal audit
4. Any other business
5. Close
"""
AGENDA = parse_agenda(AGENDA_TEXT)
CHANGED = parse_agenda(CHANGED_TEXT)
KEYS = [item.key for item in AGENDA.walk()]
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)

# What the editor can hold: any text but carriage returns (it keeps line breaks as \n).
texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r"),
                max_size=40)
keys = st.sampled_from(KEYS)
places = st.integers(0, 60)
numbers = st.text(st.characters(exclude_categories=("Cs",)), max_size=6)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("take_up"), keys),
        st.tuples(st.just("next")),
        st.tuples(st.just("previous")),
        st.tuples(st.just("clock")),
        st.tuples(st.just("skip"), keys),
        st.tuples(st.just("select"), keys),
        st.tuples(st.just("add"), keys, texts),
        st.tuples(st.just("edit"), st.integers(0, 20), texts),
        st.tuples(st.just("final"), st.integers(0, 20)),
        st.tuples(st.just("delete"), st.integers(0, 20)),
        st.tuples(st.just("wait"), st.integers(0, 4 * 3600)),
        st.tuples(st.just("plan"), keys, st.none() | st.integers(0, 600)),
        st.tuples(st.just("end_day")),
        st.tuples(st.just("adopt"), st.dates(date(2025, 1, 1), date(2026, 12, 31))),
        st.tuples(st.just("withdraw")),
        st.tuples(st.just("setting"), st.sampled_from(["body", "meeting", "lead_in"]),
                  st.none() | texts),
        # Amendments of the agenda name items by their place in the agenda as amended.
        st.tuples(st.just("insert"), places, st.sampled_from(["after", "under"]),
                  st.none() | numbers, texts),
        st.tuples(st.just("rename"), places, st.none() | numbers, texts),
        st.tuples(st.just("move"), places, st.sampled_from([-1, 1])),
        st.tuples(st.just("remove"), places),
        st.tuples(st.just("decide_at"), places, texts),
        st.tuples(st.just("decide_added"), texts),
    ),
    max_size=40,
)


class Clock(FakeClock):
    def __init__(self) -> None:
        super().__init__(T0)


def all_decisions(session: Session) -> list[tuple[str, int]]:
    return [(key, d.id) for key, state in session.states.items() for d in state.decisions]


def apply(session: Session, clock: Clock, op: tuple) -> None:
    """One operation, as the app's keys do it (and only where the app would allow it)."""
    name, *args = op
    if name in ("take_up", "skip", "select", "add", "plan") and not session.has(args[0]):
        return  # removed from the agenda: the tree has no such line
    if name == "decide_added":  # on the item added last, if it is still there
        added = [item.key for item in session.order if item.key.startswith("+")]
        if added:
            session.add_decision(max(added, key=lambda k: int(k[1:])), args[0])
        return
    if name in ("insert", "rename", "move", "remove", "decide_at"):
        if not hasattr(session, "amendments") or not session.order:
            return
        key = session.order[args[0] % len(session.order)].key
        if name == "insert" and args[3].strip():
            session.add_item(key, args[1], args[2], args[3])
        elif name == "rename" and args[2].strip():
            session.rename_item(key, args[1], args[2])
        elif name == "move":
            session.move_item(key, args[1])
        elif name == "remove" and session.removal_problem(key) is None:
            session.remove_item(key)
        elif name == "decide_at":
            session.add_decision(key, args[1])
        return
    if name == "take_up":
        session.take_up(args[0])
    elif name == "next":
        session.take_up_next()
    elif name == "previous":
        session.take_up_previous()
    elif name == "clock":
        session.toggle_clock()
    elif name == "skip":
        session.toggle_skip(args[0])
    elif name == "select":
        session.select(args[0])
    elif name == "add":
        session.add_decision(args[0], args[1])
    elif name in ("edit", "final", "delete"):
        found = all_decisions(session)
        if not found:
            return
        key, decision_id = found[args[0] % len(found)]
        if name == "edit":
            session.set_text(key, decision_id, args[1])
        elif name == "final":
            session.toggle_final(key, decision_id)
        else:
            session.delete_decision(key, decision_id)
    elif name == "wait":
        clock.now += timedelta(seconds=args[0], microseconds=137)
    elif name == "plan" and hasattr(session, "set_plan"):
        session.set_plan(args[0], args[1])
    elif name == "end_day" and hasattr(session, "end_day"):
        session.end_day()
    elif name == "adopt" and hasattr(session, "adopt"):
        if any(d.final for state in session.states.values() for d in state.decisions):
            session.adopt(args[0])
    elif name == "withdraw" and hasattr(session, "withdraw_adoption"):
        session.withdraw_adoption()
    elif name == "setting" and hasattr(session, "set_setting"):
        session.set_setting(args[0], args[1])


def observable(session: Session) -> dict:
    """Everything a session holds that is worth keeping."""
    return {
        "title": session.title,
        "timezone": session.timezone,
        "meeting_spans": session.meeting_spans,
        "ended": session.ended,
        "day_ends": getattr(session, "day_ends", None),
        "settings": getattr(session, "settings", None),
        "current": session.current,
        "selected": session.selected,
        "next_decision_id": session.next_decision_id,
        "states": {k: v for k, v in session.states.items() if not v.is_blank},
        "unmatched": [(e.key, e.number, e.title, e.state, e.raw) for e in session.unmatched],
        "amendments": getattr(session, "amendments", None),
        "agenda": session.agenda,
    }


def reload(session: Session, agenda, text: str, clock: Clock,
           written_for: str | None = None) -> tuple[Session, str]:
    """Save and load again; ``written_for`` is the agenda text the session was for, when
    the agenda changed in between."""
    digest = agenda_hash(text)
    written = dumps(session, "agenda.txt", agenda_hash(written_for or text))
    loaded = build(tomllib.loads(written), agenda, "s.session.toml", clock, digest)
    return loaded.session, written


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations, title=st.none() | texts, timezone=st.sampled_from(
    ["UTC", "Europe/Paris", "America/New_York"]))
def test_any_reachable_state_saves_and_loads_back_equal(ops, title, timezone):
    clock = Clock()
    session = Session(AGENDA, title=title, timezone=timezone, now=clock)
    for op in ops:
        apply(session, clock, op)
    loaded, written = reload(session, AGENDA, AGENDA_TEXT, clock)
    assert observable(loaded) == observable(session)
    assert reload(loaded, AGENDA, AGENDA_TEXT, clock)[1] == written


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations, more=operations)
def test_states_carried_over_a_changed_agenda_save_and_load_back_equal(ops, more):
    clock = Clock()
    session = Session(AGENDA, now=clock)
    for op in ops:
        apply(session, clock, op)
    carried, _ = reload(session, CHANGED, CHANGED_TEXT, clock, written_for=AGENDA_TEXT)
    decisions_before = sorted(d.id for s in session.states.values() for d in s.decisions)
    decisions_after = sorted(
        [d.id for s in carried.states.values() for d in s.decisions]
        + [d.id for e in carried.unmatched for d in e.state.decisions])
    assert decisions_after == decisions_before  # none dropped
    for op in more:  # and the meeting goes on over the new agenda
        apply(carried, clock, op)
    loaded, written = reload(carried, CHANGED, CHANGED_TEXT, clock)
    assert observable(loaded) == observable(carried)
    assert reload(loaded, CHANGED, CHANGED_TEXT, clock)[1] == written
