"""The previous meeting's carried decisions (core.previous, core.carry, the command
line's `adopt`): which note carries which decision, adopted here on a day, the old
session's decisions marked to say so, and the record kept in the settings."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from helpers.paths import NOVEMBER, SEPTEMBER

from meeting_tui.core import carry
from meeting_tui.core.entries import EntryError, Scribe
from meeting_tui.core.previous import CarriedDecision, PreviousMeeting, all_adopted_on, mark
from meeting_tui.core.session import DecisionStatus, Session
from meeting_tui.core.settings import MeetingSettings
from meeting_tui.core.undo import History
from meeting_tui.files.agenda_file import load_agenda

NOW = datetime(2020, 11, 23, 9, 0, tzinfo=UTC)
TODAY = date(2020, 11, 23)


def old_meeting() -> Session:
    session = Session(load_agenda(SEPTEMBER), now=lambda: NOW)
    for text in ("Took note of the draft report.", "Agreed to a second reading."):
        session.toggle_final("2.1.1", session.add_decision("2.1.1", text).id)
    session.add_decision("2.3", "A draft, never carried.")
    return session


def new_meeting(old: Session) -> Session:
    new = Session(load_agenda(NOVEMBER), now=lambda: NOW)
    carry.apply(carry.plan(old, new.agenda), new, "../28th/old.session.toml")
    return new


def scribe(session: Session) -> Scribe:
    return Scribe(session, History(), today=lambda: TODAY)


def test_apply_records_which_note_carries_which_decision():
    old = old_meeting()
    new = new_meeting(old)
    record = new.settings.previous
    assert record is not None
    assert record.session == "../28th/old.session.toml" and record.meeting == "28th meeting"
    notes = new.state("1").notes
    finals = [d.id for d in old.state("2.1.1").decisions]
    assert record.decisions == [CarriedDecision(n.id, d) for n, d in zip(notes, finals,
                                                                         strict=True)]
    assert (record.adopted_on, record.pending) == (None, False)


def test_nothing_to_adopt_leaves_no_record():
    old = Session(load_agenda(SEPTEMBER), now=lambda: NOW)
    old.toggle_skip("4.2")
    new = Session(load_agenda(NOVEMBER), now=lambda: NOW)
    carry.apply(carry.plan(old, new.agenda), new, "old.session.toml")
    assert new.settings.previous is None


def test_the_record_round_trips_through_the_settings_table():
    record = PreviousMeeting("../a/old.session.toml", "28th meeting",
                             [CarriedDecision(4, 1), CarriedDecision(5, 2)],
                             date(2020, 11, 23), None)
    settings = MeetingSettings(previous=record)
    back = MeetingSettings.from_table(settings.to_table(), ValueError)
    assert back.previous == record and back.previous.pending
    assert MeetingSettings.from_table({}, ValueError).previous is None  # optional


@pytest.mark.parametrize(("table", "words"), [
    ({"session": 3}, "'session'"),
    ({"session": "x", "adopted_on": "monday"}, "'adopted_on' is not a date"),
    ({"session": "x", "decisions": [{"note": 1}]}, "decisions[0]"),
    ({"session": "x", "decisions": "all"}, "must be a list"),
])
def test_a_bad_record_is_one_line(table, words):
    with pytest.raises(ValueError, match="settings.previous") as info:
        MeetingSettings.from_table({"previous": table}, ValueError)
    assert words in str(info.value)


def test_mark_adopts_moves_and_withdraws_only_the_carried_decisions():
    old = old_meeting()
    first, second = old.state("2.1.1").decisions
    states = list(old.states.values())
    stamp = lambda: NOW  # noqa: E731
    assert mark(states, {first.id}, TODAY, None, stamp) == 1
    assert (first.status, first.adopted) == (DecisionStatus.ADOPTED, TODAY)
    assert second.status is DecisionStatus.FINAL  # not carried: left as it is
    later = date(2020, 11, 24)
    assert mark(states, {first.id}, later, TODAY, stamp) == 1  # another day
    assert first.adopted == later
    assert mark(states, {first.id}, None, later, stamp) == 1  # withdrawn
    assert (first.status, first.adopted) == (DecisionStatus.FINAL, None)


def test_mark_leaves_a_decision_adopted_by_its_own_meeting():
    old = old_meeting()
    old.adopt(date(2020, 9, 25))
    states = list(old.states.values())
    ids = {d.id for d in old.state("2.1.1").decisions}
    assert mark(states, ids, TODAY, None, lambda: NOW) == 0
    assert mark(states, ids, None, TODAY, lambda: NOW) == 0  # nor withdrawn
    assert all_adopted_on(states) == date(2020, 9, 25)


def test_adopt_on_the_command_line_says_what_it_did_and_undo_takes_it_back():
    new = new_meeting(old_meeting())
    s = scribe(new)
    revision = new.revision
    assert s.run("adopt", None) == ("The 28th meeting's 2 decisions adopted on 23 "
                                    "November 2020")
    record = new.settings.previous
    assert record is not None and record.adopted_on == TODAY and record.pending
    assert new.revision > revision  # saved
    assert s.run("adopt 24/11", "3") == ("The 28th meeting's 2 decisions adopted on 24 "
                                         "November 2020")
    assert s.run("undo", None) == "Undone: adoption of the 28th meeting's decisions"
    assert record.adopted_on == TODAY
    assert s.run("adopt -", None) == "Adoption of the 28th meeting's 2 decisions withdrawn"
    assert record.adopted_on is None and not record.pending


def test_adopt_said_again_while_pending_is_a_retry_not_an_error():
    new = new_meeting(old_meeting())
    s = scribe(new)
    s.run("adopt", None)
    steps = len(s.history)
    assert s.run("adopt", None).endswith("are adopted on 23 November 2020 here")
    assert len(s.history) == steps  # nothing to undo: nothing changed
    new.settings.previous.marked_on = TODAY  # type: ignore[union-attr]
    with pytest.raises(EntryError, match="already: nothing changed"):
        s.run("adopt", None)


@pytest.mark.parametrize(("line", "words"), [
    ("adopt 32/13", "not a date"),
    ("adopt next week", "not a date (adopt 23/11"),
])
def test_a_bad_adoption_date_is_one_line_and_nothing_changes(line, words):
    new = new_meeting(old_meeting())
    with pytest.raises(EntryError, match="nothing adopted") as info:
        scribe(new).run(line, None)
    assert words in str(info.value) and "\n" not in str(info.value)
    assert new.settings.previous.adopted_on is None  # type: ignore[union-attr]


def test_adopt_without_carried_decisions_says_where_they_come_from():
    session = Session(load_agenda(NOVEMBER), now=lambda: NOW)
    with pytest.raises(EntryError, match="meeting-tui next"):
        scribe(session).run("adopt", "1")
