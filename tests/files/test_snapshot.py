"""The autosave's snapshot (files/snapshot.py): made from the entries of the items that
changed, it is always the document ``to_document`` makes of the whole session, key
order included, whatever the session went through; and it is incremental: an item
that did not change keeps the very same entry."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime

import tomli_w
from helpers.clock import FakeClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meeting_tui.core import undo
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import Session
from meeting_tui.files.session_toml import Serializer, to_document
from meeting_tui.files.snapshot import Snapshot

AGENDA = parse_agenda("""\
Committee meeting

1. Opening [5 min]
2. Adoption of the agenda
3. Reports
3.1 Finance (10')
3.2 Audit
   a) External auditor
   b) Internal audit
4. Budget [1h]
5. Close
""")
KEYS = [item.key for item in AGENDA.walk()]
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)

texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r"),
                max_size=20)
keys = st.sampled_from(KEYS)
picks = st.integers(0, 30)
operations = st.lists(st.one_of(
    st.tuples(st.just("take_up"), keys),
    st.tuples(st.just("take_up_undone"), keys),
    st.tuples(st.just("next")),
    st.tuples(st.just("clock")),
    st.tuples(st.just("skip"), keys),
    st.tuples(st.just("select"), keys),
    st.tuples(st.just("add"), keys, texts),
    st.tuples(st.just("edit"), picks, texts),
    st.tuples(st.just("final"), picks),
    st.tuples(st.just("delete"), picks),
    st.tuples(st.just("move_to"), picks, keys),
    st.tuples(st.just("reorder"), picks, st.sampled_from([-1, 1])),
    st.tuples(st.just("note"), keys, texts),
    st.tuples(st.just("action"), keys, texts),
    st.tuples(st.just("action_done"), picks),
    st.tuples(st.just("take_entry"), picks),
    st.tuples(st.just("plan"), keys, st.none() | st.integers(0, 600)),
    st.tuples(st.just("adopt")),
    st.tuples(st.just("setting"), texts),
    st.tuples(st.just("insert"), picks, texts),
    st.tuples(st.just("remove"), picks),
    st.tuples(st.just("by_hand"), picks, texts),
    st.tuples(st.just("wait"), st.integers(0, 3600)),
    st.tuples(st.just("save")),
), max_size=40)


WITH_KEY = ("take_up", "take_up_undone", "skip", "select", "add", "note", "action", "plan")
WITH_PICK = ("edit", "final", "delete", "move_to", "reorder", "by_hand")


def _decisions(session: Session) -> list[tuple[str, int]]:
    return [(key, d.id) for key, state in session.states.items() if session.has(key)
            for d in state.decisions]


def apply(session: Session, clock: FakeClock, op: tuple) -> None:  # noqa: C901 - a table
    name, *args = op
    if name in WITH_KEY and not session.has(args[0]):
        return  # removed from the agenda: no line of the tree has it
    found = _decisions(session)
    picked = found[args[0] % len(found)] if found and name in WITH_PICK else None
    if name == "take_up":
        session.take_up(args[0])
    elif name == "take_up_undone":  # u after a take-up: states put back, restored()
        if args[0] != session.current:
            revert = undo.take_up(session, args[0])
            session.take_up(args[0])
            revert()
    elif name == "next":
        session.take_up_next()
    elif name == "clock":
        session.toggle_clock()
    elif name == "skip":
        session.toggle_skip(args[0])
    elif name == "select":
        session.select(args[0])
    elif name == "add":
        session.add_decision(args[0], args[1])
    elif name == "edit" and picked:
        session.set_text(*picked, args[1])
    elif name == "final" and picked:
        session.toggle_final(*picked)
    elif name == "delete" and picked:
        session.delete_decision(*picked)
    elif name == "move_to" and picked and session.has(args[1]):
        session.move_decision(*picked, args[1])
    elif name == "reorder" and picked:
        session.reorder_decision(*picked, args[1])
    elif name == "note":
        session.add_note(args[0], args[1])
    elif name == "action":
        session.add_action(args[0], args[1], "Chair", "")
    elif name in ("action_done", "take_entry"):
        entries = [(k, a.id) for k, s in session.states.items() if session.has(k)
                   for a in s.actions]
        if entries:
            key, entry_id = entries[args[0] % len(entries)]
            if name == "action_done":
                session.toggle_action_done(key, entry_id)
            else:
                session.take_entry(key, entry_id)
    elif name == "plan":
        session.set_plan(args[0], args[1])
    elif name == "adopt":
        session.adopt(date(2025, 3, 5))
    elif name == "setting":
        session.set_setting("body", args[0] or None)
    elif name == "insert" and args[1].strip():
        session.add_item(session.order[args[0] % len(session.order)].key, "after", None,
                         args[1])
    elif name == "remove":
        key = session.order[args[0] % len(session.order)].key
        if session.removal_problem(key) is None:
            session.remove_item(key)
    elif name == "by_hand" and picked:  # changed elsewhere, the revision bumped by hand
        session.decision(*picked).text = args[1]
        session.revision += 1
    elif name == "wait":
        clock.advance(seconds=args[0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations)
def test_the_snapshot_is_always_the_whole_document(ops):
    clock = FakeClock(T0)
    session = Session(AGENDA, now=clock)
    snapshot, serializer = Snapshot(), Serializer()
    for n, op in enumerate(ops):
        apply(session, clock, op)
        if op[0] == "save" or n % 2:  # a save after one change or after several
            doc = snapshot.document(session, "agenda.txt", "abc")
            whole = to_document(session, "agenda.txt", "abc")
            assert doc == whole
            assert list(doc["items"]) == list(whole["items"])  # agenda order
            assert serializer.text(doc) == tomli_w.dumps(whole, multiline_strings=True)
    assert snapshot.document(session, "agenda.txt", "abc") == to_document(
        session, "agenda.txt", "abc")


def _busy_session() -> tuple[Session, FakeClock]:
    clock = FakeClock(T0)
    session = Session(AGENDA, now=clock)
    for key in KEYS:
        session.add_decision(key, f"Decision on {key}")
    session.take_up(KEYS[0])
    return session, clock


def test_an_unchanged_item_keeps_its_entry():
    session, clock = _busy_session()
    snapshot = Snapshot()
    first = snapshot.document(session, "a.txt", "x")["items"]
    decision = session.state(KEYS[2]).decisions[0]
    session.set_text(KEYS[2], decision.id, "Changed")
    second = snapshot.document(session, "a.txt", "x")["items"]
    assert second is not first  # a new dict: the writer thread may hold the last one
    assert [k for k in KEYS if second[k] is not first[k]] == [KEYS[2]]
    assert second[KEYS[2]]["decisions"][0]["text"] == "Changed"
    assert first[KEYS[2]]["decisions"][0]["text"] == f"Decision on {KEYS[2]}"
    clock.advance(seconds=30)
    session.take_up(KEYS[3])  # the item left and the item taken up, only
    third = snapshot.document(session, "a.txt", "x")["items"]
    assert [k for k in KEYS if third[k] is not second[k]] == [KEYS[0], KEYS[3]]
    session.select(KEYS[4])  # the meeting's own field: no entry made again
    fourth = snapshot.document(session, "a.txt", "x")
    assert fourth["selected"] == KEYS[4]
    assert all(fourth["items"][k] is third[k] for k in KEYS)


def test_what_cannot_be_told_makes_every_entry_again():
    session, _clock = _busy_session()
    snapshot = Snapshot()
    first = snapshot.document(session, "a.txt", "x")["items"]
    # Saved again with no change counted: something may have changed unsaid.
    session.state(KEYS[1]).decisions[0].text = "Unsaid"
    again = snapshot.document(session, "a.txt", "x")
    assert again["items"][KEYS[1]]["decisions"][0]["text"] == "Unsaid"
    assert all(again["items"][k] is not first[k] for k in KEYS)
    # A change naming no item (an adoption touches every final decision).
    before = copy.deepcopy(again)
    session.toggle_final(KEYS[1], session.state(KEYS[1]).decisions[0].id)
    session.adopt(date(2025, 3, 5))
    adopted = snapshot.document(session, "a.txt", "x")
    assert adopted == to_document(session, "a.txt", "x") != before
    assert adopted["items"][KEYS[1]]["decisions"][0]["status"] == "adopted"


def test_a_new_entry_goes_in_agenda_order():
    clock = FakeClock(T0)
    session = Session(AGENDA, now=clock)
    snapshot = Snapshot()
    session.add_decision(KEYS[4], "Late")
    snapshot.document(session, "a.txt", "x")
    session.add_note(KEYS[1], "Early")
    clock.advance(seconds=5)
    items = snapshot.document(session, "a.txt", "x")["items"]
    assert list(items) == [KEYS[1], KEYS[4]]
    session.take_entry(KEYS[1], session.state(KEYS[1]).notes[0].id)  # blank again
    assert list(snapshot.document(session, "a.txt", "x")["items"]) == [KEYS[4]]
