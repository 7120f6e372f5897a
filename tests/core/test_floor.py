"""The floor in the core: the roll, attendance, the quorum, the list of speakers, the
speeches' clock through breaks and days, speaking-time limits and the countdown."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from helpers.clock import FakeClock

from meeting_tui.core.floor import Countdown, level, limit_text, parse_limit
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.roll import (
    Participant,
    Presence,
    parse_quorum,
    parse_roll,
    quorum_text,
)
from meeting_tui.core.session import Session

AGENDA = """\
Board meeting, 3 March 2025

1. Opening
2. Budget
3. Close
"""
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def now() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def session(now: FakeClock) -> Session:
    s = Session(parse_agenda(AGENDA), now=now, timezone="Europe/Paris")
    s.take_up("1")
    return s


# ------------------------------------------------------------------ the roll


def test_parse_roll_lines_fields_and_duplicates() -> None:
    roll = parse_roll("# the roll\nAnna Berg\n\nSmith, John; non-voting\n"
                      "France | delegation\nObs Person\tobserver\nanna  berg\n")
    assert roll == [Participant("Anna Berg"), Participant("Smith, John", False),
                    Participant("France", True, "delegation"),
                    Participant("Obs Person", False, "observer")]


def test_parse_roll_bad_line_names_it() -> None:
    with pytest.raises(ValueError, match="line 2: "):
        parse_roll("Anna\n; non-voting\n")


def test_roll_names_roll_first_then_others(session: Session) -> None:
    session.set_roll([Participant("Anna"), Participant("Bo")])
    session.add_note("1", "we open", speaker="Chair")
    session.add_action("1", "send it", "Dan", "")
    session.add_speaker("1", "Eve")
    session.add_speaker("1", "anna")
    assert session.roll_names() == ["Anna", "Bo", "Chair", "Dan", "Eve"]


def test_add_participant_once(session: Session) -> None:
    first = session.add_participant("Anna  Berg")
    assert session.add_participant("anna berg") is first
    assert [p.name for p in session.roll] == ["Anna Berg"]
    with pytest.raises(ValueError):
        session.add_participant("  ")


# ------------------------------------------------------------------ attendance and quorum


def test_mark_attendance_day_and_taken(session: Session, now: FakeClock) -> None:
    session.set_roll([Participant("Anna"), Participant("Bo"), Participant("Obs", False)])
    now.advance(minutes=5)
    revision = session.revision
    attendance = session.mark("Anna", Presence.PRESENT)
    assert session.revision > revision
    assert attendance.day == date(2025, 3, 3)
    assert attendance.taken == now()
    session.mark("Bo", Presence.EXCUSED)
    session.mark("Newcomer", Presence.PRESENT)  # not on the roll: added to it
    assert session.present() == ["Anna", "Newcomer"]
    assert session.participant("Newcomer") is not None
    assert session.attendance_for(date(2025, 3, 4)) is None


def test_sitting_past_midnight_keeps_its_day(now: FakeClock) -> None:
    s = Session(parse_agenda(AGENDA), now=FakeClock(datetime(2025, 3, 3, 22, 0, tzinfo=UTC)),
                timezone="Europe/Paris")
    s.start()
    s.now.advance(minutes=90)  # type: ignore[attr-defined]
    assert s.mark("Anna", Presence.PRESENT).day == date(2025, 3, 3)


@pytest.mark.parametrize(("text", "voting", "needed"), [
    ("31", 48, 31), ("1/2", 48, 24), ("1/2", 47, 24), ("2/3", 48, 32), ("2/3", 47, 32),
    ("majority", 48, 25), ("majority", 47, 24), ("50%", 9, 5),
])
def test_quorum_needed(text: str, voting: int, needed: int) -> None:
    assert parse_quorum(text).needed(voting) == needed


@pytest.mark.parametrize("text", ["", "0", "3/2", "half", "1/0", "-4"])
def test_bad_quorum(text: str) -> None:
    with pytest.raises(ValueError):
        parse_quorum(text)


def test_quorum_text() -> None:
    assert quorum_text(parse_quorum("31")) == "31 members"
    assert quorum_text(parse_quorum("2/3")) == "2/3 of the voting members"
    assert quorum_text(parse_quorum("majority")) == "more than half of the voting members"


def test_quorum_status(session: Session) -> None:
    session.set_roll([Participant("A"), Participant("B"), Participant("C"),
                      Participant("Obs", False)])
    assert session.quorum_status() is None
    session.set_quorum("majority")
    assert session.settings.quorum == "majority"
    session.mark("A", Presence.PRESENT)
    session.mark("Obs", Presence.PRESENT)
    status = session.quorum_status()
    assert status is not None
    assert (status.present_voting, status.needed, status.voting, status.met) == (1, 2, 3,
                                                                                 False)
    session.mark("B", Presence.PRESENT)
    status = session.quorum_status()
    assert status is not None and status.met and status.text() == "quorum 2/3 ✓"
    with pytest.raises(ValueError):
        session.set_quorum("lots")
    session.set_quorum("")
    assert session.quorum_status() is None


# ------------------------------------------------------------------ the list of speakers


def names(speeches: list) -> list[str]:
    return [s.speaker for s in speeches]


def test_queue_order_point_of_order_and_moves(session: Session) -> None:
    a = session.add_speaker(None, "Anna")
    b = session.add_speaker(None, "Bo")
    p = session.add_speaker(None, "Pat", point_of_order=True)
    q = session.add_speaker(None, "Quinn", point_of_order=True)
    assert names(session.waiting_speakers()) == ["Pat", "Quinn", "Anna", "Bo"]
    assert len({a.id, b.id, p.id, q.id}) == 4
    assert session.move_speaker("1", b.id, -1)
    assert names(session.waiting_speakers("1")) == ["Pat", "Quinn", "Bo", "Anna"]
    assert not session.move_speaker("1", p.id, -1)
    assert session.move_speaker("1", p.id, +10)
    assert names(session.waiting_speakers("1")) == ["Quinn", "Bo", "Anna", "Pat"]
    session.remove_speaker("1", a.id)
    assert names(session.waiting_speakers("1")) == ["Quinn", "Bo", "Pat"]


def test_ids_come_from_the_entry_counter(session: Session) -> None:
    decision = session.add_decision("1", "x")
    speech = session.add_speaker("1", "Anna")
    note = session.add_note("1", "y")
    assert decision.id < speech.id < note.id


def test_give_floor_cycles_through_the_queue(session: Session, now: FakeClock) -> None:
    session.add_speaker(None, "Anna")
    session.add_speaker(None, "Bo")
    first = session.give_floor()
    assert first is not None and first.speaker == "Anna" and first.running
    now.advance(seconds=70)
    assert session.speech_in_progress() == ("1", first)
    second = session.give_floor()
    assert second is not None and second.speaker == "Bo"
    assert first.done and session.speech_seconds(first) == 70
    now.advance(seconds=30)
    assert session.give_floor() is None  # nobody waits: Bo's speech ends
    assert second.done and session.speech_seconds(second) == 30
    assert session.speech_in_progress() is None
    assert session.waiting_speakers() == []


def test_give_floor_ends_a_speech_on_another_item(session: Session, now: FakeClock) -> None:
    session.add_speaker("1", "Anna")
    session.add_speaker("2", "Bo")
    anna = session.give_floor("1")
    now.advance(seconds=10)
    bo = session.give_floor("2")
    assert anna is not None and anna.done and bo is not None and bo.running


def test_pause_by_hand_and_breaks(session: Session, now: FakeClock) -> None:
    session.add_speaker(None, "Anna")
    speech = session.give_floor()
    assert speech is not None
    now.advance(seconds=20)
    session.pause_speech()  # an interruption
    assert speech.paused and not speech.running
    now.advance(seconds=100)
    session.pause_speech()  # resumed
    now.advance(seconds=10)
    assert session.speech_seconds(speech) == 30
    session.pause()  # a break: the speech stops with the meeting
    now.advance(minutes=15)
    assert session.speech_seconds(speech) == 30 and not speech.paused
    session.start()  # resumes with it
    now.advance(seconds=5)
    assert session.speech_seconds(speech) == 35
    session.pause_speech()
    session.pause()
    session.start()  # paused by hand: the meeting's resuming leaves it paused
    now.advance(seconds=50)
    assert session.speech_seconds(speech) == 35 and speech.paused
    session.end_day()
    session.start()
    assert not speech.running


def test_floor_given_on_a_break_starts_with_the_meeting(session: Session,
                                                        now: FakeClock) -> None:
    session.pause()
    session.add_speaker(None, "Anna")
    speech = session.give_floor()
    assert speech is not None and not speech.waiting and speech.in_progress
    now.advance(minutes=3)
    assert session.speech_seconds(speech) == 0
    session.start()
    now.advance(seconds=12)
    assert session.speech_seconds(speech) == 12


def test_end_speech(session: Session) -> None:
    assert session.end_speech() is None
    assert session.pause_speech() is None
    session.add_speaker(None, "Anna")
    session.give_floor()
    speech = session.end_speech()
    assert speech is not None and speech.done


def test_give_floor_without_item_refused(now: FakeClock) -> None:
    s = Session(parse_agenda(AGENDA), now=now)
    s.selected = None
    with pytest.raises(KeyError):
        s.give_floor()
    assert s.waiting_speakers() == []


# ------------------------------------------------------------------ limits and countdown


@pytest.mark.parametrize(("text", "seconds"), [
    ("3 min", 180), ("3", 180), ("90 s", 90), ("2:30", 150), ("1h", 3600),
    ("1.5 min", 90), ("45sec", 45), ("", None), ("1h30", 5400),
])
def test_parse_limit(text: str, seconds: int | None) -> None:
    assert parse_limit(text) == seconds


@pytest.mark.parametrize("text", ["abc", "2:75", "0", "5h", "-3"])
def test_bad_limit(text: str) -> None:
    with pytest.raises(ValueError):
        parse_limit(text)


def test_limit_text() -> None:
    assert limit_text(180) == "3 min" and limit_text(150) == "2:30" and limit_text(None) == ""


def test_speaking_limit_item_over_meeting(session: Session) -> None:
    assert session.speaking_limit("1") is None
    session.set_speaking_limit(180)
    assert session.speaking_limit("1") == 180 and session.speaking_limit() == 180
    session.set_speaking_limit(60, "1")
    assert session.speaking_limit("1") == 60 and session.speaking_limit("2") == 180
    session.set_speaking_limit(None, "1")
    assert session.speaking_limit("1") == 180
    with pytest.raises(ValueError):
        session.set_speaking_limit(0)


def test_countdown_levels(session: Session, now: FakeClock) -> None:
    assert session.countdown() is None
    session.set_speaking_limit(100)
    session.add_speaker(None, "Anna")
    session.give_floor()
    now.advance(seconds=79)
    countdown = session.countdown()
    assert countdown == Countdown(79.0, 100, 21.0, "ok", True, False)
    now.advance(seconds=1)
    assert session.countdown().level == "warn"  # type: ignore[union-attr]
    now.advance(seconds=21)
    countdown = session.countdown()
    assert countdown is not None and countdown.level == "over" and countdown.remaining == -1
    assert level(10, None) == "ok"


def test_attendance_lines_one_day_and_several() -> None:
    from meeting_tui.core.roll import Attendance, attendance_lines

    roll = [Participant("Anna"), Participant("Bo"), Participant("Cy")]
    taken = datetime(2025, 3, 3, 9, tzinfo=UTC)
    first = Attendance(date(2025, 3, 3), taken, {"Cy": Presence.PRESENT,
                                                 "Anna": Presence.PRESENT,
                                                 "Bo": Presence.ABSENT})
    assert attendance_lines(roll, [first]) == ("Present: Anna, Cy.", "Absent: Bo.")
    second = Attendance(date(2025, 3, 4), taken, {"Bo": Presence.EXCUSED})
    assert attendance_lines(roll, [first, second], "de") == (
        "Anwesend am 3. März 2025: Anna, Cy.", "Abwesend am 3. März 2025: Bo.",
        "Entschuldigt am 4. März 2025: Bo.")
    assert attendance_lines(roll, []) == ()


def test_merge_roll_keeps_every_name() -> None:
    from meeting_tui.core.roll import merge_roll

    merged = merge_roll([Participant("Bo", False)], [Participant("Anna"), Participant("bo")])
    assert merged == [Participant("Bo", False), Participant("Anna")]


def test_removing_an_item_with_speakers_is_refused(session: Session) -> None:
    session.add_speaker("2", "Anna")
    assert session.removal_problem("2") == "It has a list of speakers: it would be lost"


def test_a_speaker_removed_is_put_back(session: Session) -> None:
    session.add_speaker(None, "Anna")
    bo = session.add_speaker(None, "Bo")
    session.add_speaker(None, "Cy")
    index = session.state("1").speeches.index(bo)
    removed = session.remove_speaker("1", bo.id)
    session.put_speaker("1", removed, index)
    assert names(session.waiting_speakers()) == ["Anna", "Bo", "Cy"]
