"""The meeting state: current vs selected item, the clocks, skipping, decisions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from helpers.clock import FakeClock
from helpers.paths import AGENDAS

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import DecisionStatus, ItemStatus, MeetingState, Session
from meeting_tui.files.agenda_file import load_agenda

AGENDA = """\
Board meeting, 3 March 2025

1. Opening (5 min)
2. Reports
2.1 Finance (10 min)
2.2 Audit (15 min)
3. Budget
4. Any other business
5. Close
"""
ORDER = ["1", "2", "2.1", "2.2", "3", "4", "5"]
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def now() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def session(now) -> Session:
    return Session(parse_agenda(AGENDA), now=now)


def statuses(session: Session) -> dict[str, ItemStatus]:
    return {key: session.state_status(key) for key in ORDER}


# ------------------------------------------------------------------ the fixture agenda


def test_the_agenda_walks_in_the_expected_order(session):
    assert [item.key for item in session.order] == ORDER
    assert session.title == "Board meeting, 3 March 2025"


def test_a_new_session_has_not_started(session):
    assert session.meeting_state is MeetingState.NOT_STARTED
    assert not session.running
    assert session.current is None
    assert session.selected == "1"
    assert session.elapsed() == 0
    assert all(status is ItemStatus.PENDING for status in statuses(session).values())
    assert session.revision == 0


def test_title_and_timezone_can_be_given(now):
    session = Session(parse_agenda(AGENDA), title="Special", timezone="Europe/Paris", now=now)
    assert session.title == "Special"
    assert session.timezone == "Europe/Paris"


# ------------------------------------------------------------------ taking up items


def test_taking_up_an_item_starts_the_meeting_and_makes_it_current(session, now):
    session.take_up("2.1")
    assert session.current == "2.1"
    assert session.selected == "2.1"
    assert session.state_status("2.1") is ItemStatus.CURRENT
    assert session.meeting_state is MeetingState.RUNNING
    now.advance(minutes=3)
    assert session.spent("2.1") == 180
    assert session.elapsed() == 180


def test_taking_up_another_item_makes_the_previous_one_done(session, now):
    session.take_up("1")
    now.advance(minutes=4)
    session.take_up("3")
    now.advance(minutes=2)
    assert session.current == "3"
    assert session.state_status("1") is ItemStatus.DONE
    assert session.state_status("3") is ItemStatus.CURRENT
    assert session.spent("1") == 240  # stopped when 3 was taken up
    assert session.spent("3") == 120
    assert session.elapsed() == 360


def test_taking_up_a_done_item_again_reopens_it_and_adds_to_its_time(session, now):
    session.take_up("1")
    now.advance(60)
    session.take_up("2")
    now.advance(60)
    session.take_up("1")
    now.advance(30)
    assert session.state_status("1") is ItemStatus.CURRENT
    assert session.state_status("2") is ItemStatus.DONE
    assert session.spent("1") == 90
    assert len(session.state("1").spans) == 2


def test_taking_up_the_current_item_again_is_a_no_op(session, now):
    session.take_up("2")
    now.advance(60)
    before = session.revision
    spans = list(session.state("2").spans)
    session.take_up("2")
    assert session.current == "2"
    assert session.state_status("2") is ItemStatus.CURRENT
    assert session.state("2").spans == spans
    assert session.revision == before
    now.advance(60)
    assert session.spent("2") == 120


def test_taking_up_the_current_item_brings_the_cursor_back_to_it(session):
    session.take_up("2")
    session.select("4")
    before = session.revision
    session.take_up("2")
    assert session.selected == "2"
    assert session.revision > before  # the selection is saved too


def test_n_with_no_current_item_takes_up_the_first(session):
    assert session.take_up_next() == "1"
    assert session.current == "1"
    assert session.running


def test_p_with_no_current_item_does_nothing(session):
    assert session.take_up_previous() is None
    assert session.current is None
    assert session.meeting_state is MeetingState.NOT_STARTED
    assert session.revision == 0


def test_n_walks_the_whole_agenda_including_sub_items(session, now):
    visited = []
    while (key := session.take_up_next()) is not None:
        visited.append(key)
        now.advance(60)
    assert visited == ORDER
    assert session.current == "5"  # the last item stays current
    assert all(session.state_status(k) is ItemStatus.DONE for k in ORDER[:-1])
    assert all(session.spent(k) == 60 for k in ORDER)
    assert session.elapsed() == 60 * len(ORDER)


def test_p_walks_back_in_agenda_order(session):
    session.take_up("3")
    assert session.take_up_previous() == "2.2"
    assert session.take_up_previous() == "2.1"
    assert session.take_up_previous() == "2"
    assert session.take_up_previous() == "1"
    assert session.take_up_previous() is None
    assert session.current == "1"


def test_n_and_p_pass_over_skipped_items(session):
    session.toggle_skip("2.1")
    session.toggle_skip("2.2")
    session.toggle_skip("4")
    session.take_up("2")
    assert session.take_up_next() == "3"
    assert session.take_up_next() == "5"
    assert session.take_up_previous() == "3"
    assert session.take_up_previous() == "2"
    assert session.state_status("2.1") is ItemStatus.SKIPPED
    assert session.state_status("4") is ItemStatus.SKIPPED


def test_n_skips_a_skipped_first_item_when_nothing_is_current(session):
    session.toggle_skip("1")
    assert session.take_up_next() == "2"


def test_n_on_the_last_item_does_nothing(session, now):
    session.take_up("5")
    before = session.revision
    assert session.take_up_next() is None
    assert session.current == "5"
    assert session.revision == before


def test_taking_up_an_unknown_item_is_refused_without_changes(session):
    with pytest.raises(KeyError):
        session.take_up("99")
    assert session.current is None
    assert session.meeting_state is MeetingState.NOT_STARTED
    assert session.revision == 0
    assert session.take_up_next() == "1"


def test_selected_and_current_are_independent(session, now):
    session.take_up("1")
    now.advance(60)
    session.take_up("3")
    session.select("1")  # back to an earlier item to write its decision
    decision = session.add_decision("1", "The agenda was adopted.")
    session.set_text("1", decision.id, "The agenda was adopted as amended.")
    session.toggle_final("1", decision.id)
    assert session.selected == "1"
    assert session.current == "3"
    assert session.state_status("1") is ItemStatus.DONE
    assert session.state_status("3") is ItemStatus.CURRENT
    now.advance(60)
    assert session.spent("1") == 60  # its clock did not restart
    assert session.spent("3") == 60
    # n goes on from the current item, not from the cursor
    assert session.take_up_next() == "4"
    assert session.selected == "4"


def test_select_changes_only_the_cursor(session):
    session.select("2.2")
    assert session.selected == "2.2"
    assert session.current is None
    assert session.meeting_state is MeetingState.NOT_STARTED
    assert session.peek("2.2") is None  # nothing created just by looking


# ------------------------------------------------------------------ the clock


def test_space_starts_the_meeting_without_a_current_item(session, now):
    assert session.toggle_clock() is MeetingState.RUNNING
    now.advance(90)
    assert session.elapsed() == 90
    assert session.current is None
    assert all(session.spent(k) == 0 for k in ORDER)


def test_a_break_stops_the_meeting_and_the_current_item(session, now):
    session.take_up("1")
    now.advance(minutes=10)
    assert session.toggle_clock() is MeetingState.BREAK
    assert session.meeting_state is MeetingState.BREAK
    assert not session.running
    assert session.current == "1"  # still current, only paused
    now.advance(minutes=15)  # the break
    assert session.elapsed() == 600
    assert session.spent("1") == 600
    assert session.toggle_clock() is MeetingState.RUNNING
    now.advance(minutes=5)
    assert session.elapsed() == 900
    assert session.spent("1") == 900
    assert len(session.meeting_spans) == 2
    assert len(session.state("1").spans) == 2


def test_time_during_a_break_never_counts_even_when_items_change(session, now):
    session.take_up("1")
    now.advance(100)
    session.pause()
    now.advance(1000)
    session.take_up("2")  # chosen during the break: its clock waits for the resume
    now.advance(1000)
    assert session.spent("2") == 0
    assert session.spent("1") == 100
    assert session.state_status("1") is ItemStatus.DONE
    assert session.meeting_state is MeetingState.BREAK
    session.start()
    now.advance(7)
    assert session.spent("1") == 100
    assert session.spent("2") == 7
    assert session.elapsed() == 107


def test_items_never_count_more_than_the_meeting(session, now):
    session.toggle_clock()
    now.advance(30)
    session.take_up_next()
    for _ in range(5):
        now.advance(45)
        session.toggle_clock()
        now.advance(300)
        session.toggle_clock()
        session.take_up_next()
    now.advance(12)
    total = sum(session.spent(k) for k in ORDER)
    assert total == session.elapsed() - 30
    assert session.elapsed() == 30 + 5 * 45 + 12


def test_start_and_pause_twice_change_nothing(session, now):
    session.start()
    rev = session.revision
    session.start()
    assert session.revision == rev
    assert len(session.meeting_spans) == 1
    session.pause()
    rev = session.revision
    session.pause()
    assert session.revision == rev
    assert len(session.meeting_spans) == 1


def test_pause_before_the_start_does_nothing(session):
    session.pause()
    assert session.meeting_state is MeetingState.NOT_STARTED
    assert session.revision == 0


def test_durations_come_from_the_timestamps_alone(session, now):
    session.take_up("1")
    now.advance(seconds=65.5)
    # asking many times, or asking for another moment, does not accumulate anything
    for _ in range(10):
        assert session.spent("1") == 65.5
    assert session.spent("1", T0 + timedelta(seconds=5)) == 5
    assert session.elapsed(T0 + timedelta(hours=1)) == 3600
    assert session.spent("1") == 65.5


def test_spent_of_an_untouched_item_is_zero(session, now):
    session.take_up("1")
    now.advance(60)
    assert session.spent("4") == 0
    assert session.peek("4") is None


def test_an_ended_meeting_restarts_on_start(session, now):
    session.take_up("1")
    now.advance(60)
    session.pause()
    session.ended = True
    assert session.meeting_state is MeetingState.ENDED
    session.start()
    assert session.meeting_state is MeetingState.RUNNING
    assert not session.ended


# ------------------------------------------------------------------ skipping


def test_skipping_a_pending_item_and_unskipping_it(session):
    assert session.toggle_skip("4") is ItemStatus.SKIPPED
    assert session.toggle_skip("4") is ItemStatus.PENDING


def test_skipping_the_current_item_stops_its_clock(session, now):
    session.take_up("2")
    now.advance(120)
    assert session.toggle_skip("2") is ItemStatus.SKIPPED
    assert session.current is None
    assert session.running  # the meeting goes on
    now.advance(600)
    assert session.spent("2") == 120
    assert not session.state("2").spans[-1].running
    # unskipping an item that has had time gives done, not current
    assert session.toggle_skip("2") is ItemStatus.DONE
    assert session.current is None
    now.advance(60)
    assert session.spent("2") == 120


def test_n_after_skipping_the_current_item_goes_on_from_it(session, now):
    session.take_up("1")
    session.take_up("2")
    session.take_up("2.1")
    now.advance(60)
    session.toggle_skip("2.1")  # "we come back to the finances later"
    assert session.take_up_next() == "2.2"
    assert session.state_status("1") is ItemStatus.DONE
    assert session.state_status("2.1") is ItemStatus.SKIPPED


def test_p_after_skipping_the_current_item_goes_back_from_it(session, now):
    session.take_up("3")
    now.advance(60)
    session.take_up("4")
    now.advance(60)
    session.toggle_skip("4")
    assert session.take_up_previous() == "3"


def test_a_skipped_item_can_still_be_taken_up_directly(session, now):
    session.toggle_skip("3")
    session.take_up("3")
    assert session.current == "3"
    assert session.state_status("3") is ItemStatus.CURRENT
    now.advance(10)
    assert session.spent("3") == 10


def test_skipping_the_current_item_during_a_break(session, now):
    session.take_up("1")
    now.advance(50)
    session.pause()
    now.advance(50)
    session.toggle_skip("1")
    session.start()
    now.advance(50)
    assert session.spent("1") == 50
    assert session.elapsed() == 100
    assert session.current is None


# ------------------------------------------------------------------ decisions


def test_add_decision(session, now):
    decision = session.add_decision("2.1", "The accounts are approved.")
    assert decision.text == "The accounts are approved."
    assert decision.status is DecisionStatus.DRAFT
    assert not decision.final
    assert decision.created == decision.modified == T0
    assert session.state("2.1").decisions == [decision]
    assert session.decision("2.1", decision.id) is decision
    assert session.counts("2.1") == (1, 0)
    # adding a decision does not take the item up
    assert session.current is None
    assert session.state_status("2.1") is ItemStatus.PENDING


def test_decision_ids_are_unique_and_increasing_across_items(session):
    ids = [
        session.add_decision("1").id,
        session.add_decision("2.1").id,
        session.add_decision("1").id,
        session.add_decision("5").id,
    ]
    assert ids == sorted(set(ids))
    session.delete_decision("5", ids[-1])
    assert session.add_decision("5").id > ids[-1]  # a deleted id is never reused


def test_set_text_changes_modified_not_created(session, now):
    decision = session.add_decision("1", "draft")
    now.advance(30)
    session.set_text("1", decision.id, "The agenda was adopted.\nWith one amendment.")
    assert decision.text == "The agenda was adopted.\nWith one amendment."
    assert decision.created == T0
    assert decision.modified == T0 + timedelta(seconds=30)


def test_set_text_with_the_same_text_changes_nothing(session, now):
    decision = session.add_decision("1", "same")
    rev = session.revision
    now.advance(30)
    session.set_text("1", decision.id, "same")
    assert session.revision == rev
    assert decision.modified == T0


def test_toggle_final(session, now):
    decision = session.add_decision("3", "Budget adopted.")
    now.advance(5)
    assert session.toggle_final("3", decision.id) is DecisionStatus.FINAL
    assert decision.final
    assert decision.modified == T0 + timedelta(seconds=5)
    assert session.counts("3") == (0, 1)
    assert session.toggle_final("3", decision.id) is DecisionStatus.DRAFT
    assert session.counts("3") == (1, 0)
    assert decision.created == T0


def test_counts_drafts_and_finals(session):
    assert session.counts("4") == (0, 0)
    a = session.add_decision("4", "a")
    session.add_decision("4", "b")
    c = session.add_decision("4", "c")
    session.toggle_final("4", a.id)
    session.toggle_final("4", c.id)
    assert session.counts("4") == (1, 2)
    assert session.counts("3") == (0, 0)


def test_delete_decision(session):
    a = session.add_decision("1", "a")
    b = session.add_decision("1", "b")
    c = session.add_decision("1", "c")
    assert session.delete_decision("1", b.id) is b
    assert [d.id for d in session.state("1").decisions] == [a.id, c.id]
    with pytest.raises(KeyError):
        session.decision("1", b.id)
    with pytest.raises(KeyError):
        session.delete_decision("1", b.id)


def test_a_decision_belongs_to_its_item(session):
    decision = session.add_decision("1", "a")
    with pytest.raises(KeyError):
        session.decision("2", decision.id)
    with pytest.raises(KeyError):
        session.set_text("2", decision.id, "x")
    assert decision.text == "a"


def test_decisions_keep_their_order(session, now):
    texts = ["first", "second", "third"]
    for text in texts:
        session.add_decision("2", text)
        now.advance(1)
    assert [d.text for d in session.state("2").decisions] == texts


# ------------------------------------------------------------------ revision


def test_every_change_bumps_the_revision(session, now):
    changes = [
        lambda: session.take_up("1"),
        session.pause,
        session.start,
        session.toggle_clock,
        session.toggle_clock,
        session.take_up_next,
        session.take_up_previous,
        lambda: session.select("3"),
        lambda: session.toggle_skip("4"),
        lambda: session.toggle_skip("4"),
        lambda: session.add_decision("3", "x"),
        lambda: session.set_text("3", 1, "y"),
        lambda: session.toggle_final("3", 1),
        lambda: session.toggle_final("3", 1),
        lambda: session.delete_decision("3", 1),
        lambda: session.toggle_skip("1"),  # the current item
    ]
    for change in changes:
        before = session.revision
        now.advance(1)
        change()
        assert session.revision > before, change


def test_queries_do_not_bump_the_revision(session, now):
    session.take_up("2")
    session.add_decision("2", "x")
    rev = session.revision
    now.advance(100)
    session.spent("2")
    session.elapsed()
    session.counts("2")
    session.counts("3")
    session.decision("2", 1)
    session.state_status("4")
    session.peek("4")
    _ = session.meeting_state, session.running
    assert session.revision == rev


# ------------------------------------------------------------------ bundled agendas


@pytest.mark.parametrize("name", sorted(p.name for p in AGENDAS.glob("*.txt")))
def test_a_whole_meeting_on_a_bundled_agenda(name, now):
    agenda = load_agenda(AGENDAS / name)
    session = Session(agenda, now=now)
    keys = [item.key for item in agenda.walk()]
    assert len(keys) == len(set(keys))
    session.toggle_skip(keys[2])
    taken = []
    while (key := session.take_up_next()) is not None:
        taken.append(key)
        session.add_decision(key, f"Decision on {key}")
        now.advance(minutes=2)
        if len(taken) == 5:
            session.pause()
            now.advance(minutes=30)
            session.start()
    # n passes over skipped items and bullets ("Presentation by …": enter takes one up)
    bullets = {item.key for item in agenda.walk() if item.bullet}
    assert taken == [k for k in keys if k != keys[2] and k not in bullets]
    assert session.elapsed() == 120 * len(taken)
    assert sum(session.spent(k) for k in keys) == session.elapsed()
    assert session.spent(keys[2]) == 0


def test_n_and_p_pass_over_bullets_which_enter_still_takes_up(now):
    agenda = parse_agenda(
        "Board\n1. Reports\n• Presentation by the treasurer\n• Questions\n2. Budget\n")
    session = Session(agenda, now=now)
    bullets = [item.key for item in agenda.walk() if item.bullet]
    assert len(bullets) == 2
    assert session.take_up_next() == "1"
    assert session.take_up_next() == "2"
    assert session.take_up_previous() == "1"
    session.take_up(bullets[0])  # enter on a bullet
    assert session.current == bullets[0]
    assert session.take_up_next() == "2"
