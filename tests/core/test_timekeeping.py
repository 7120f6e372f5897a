"""Time-keeping: plans, overruns, breaks, sittings (days) and the estimated end.

The long test drives the clock through a five-day meeting (breaks, a crash mid-item,
a daylight-saving change, a restart) and checks every figure of the report to the
second, figures worked out by hand below rather than by the code under test.
"""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime

import pytest
from helpers.clock import FakeClock
from helpers.session_files import from_document

from meeting_tui.core.clock import Span, group_sittings, parse_minutes
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.report import build_report, render_text, report_json
from meeting_tui.core.session import ItemStatus, MeetingState, Session
from meeting_tui.files.session_toml import dumps

AGENDA = """\
Committee, 22-27 October 2020

1. Opening [15 min]
2. Monitoring
2.1 First reading [2h]
2.2 Follow-up [1h30]
3. Exchange of views
3.1 National reports [45 min]
3.2 Other events
4. Procedural matters [30 min]
5. Any other business
"""
KEYS = ["1", "2", "2.1", "2.2", "3", "3.1", "3.2", "4", "5"]


class Clock(FakeClock):
    """'Now', set to UTC moments by hand."""

    def __init__(self, moment: str = "2020-10-22T07:00:00") -> None:
        super().__init__(utc(moment))

    def at(self, moment: str) -> None:
        self.now = utc(moment)


def utc(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def agenda():
    return parse_agenda(AGENDA)


@pytest.fixture
def session(agenda, clock) -> Session:
    return Session(agenda, timezone="Europe/Paris", now=clock)


def reload(session: Session, clock) -> Session:
    """Through the session file's text, as after a crash or a restart."""
    doc = tomllib.loads(dumps(session, "agenda.txt", "0" * 64))
    return from_document(doc, session.agenda, "meeting.session.toml", clock)


# ------------------------------------------------------------------ typed plans


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("15", 15), (" 15 ", 15), ("15 min", 15), ("15m", 15), ("90'", 90), ("1h", 60),
     ("1h30", 90), ("1 h 30", 90), ("1:30", 90), ("2H05M", 125), ("9999", 9999),
     ("", None), ("   ", None)],
)
def test_typed_plans(text, minutes):
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize("text", ["0", "abc", "-5", "1.5", "1h75", "10000", "15 hours x"])
def test_bad_typed_plans_say_why(text):
    with pytest.raises(ValueError, match=r"minutes|time"):
        parse_minutes(text)


# ------------------------------------------------------------------ plans


def test_plans_come_from_the_agenda_and_a_parent_adds_up_its_sub_items(session):
    # 3 has 3.1's 45 min but 3.2 has no plan: the sum is not the section's plan.
    assert [session.planned_minutes(k) for k in KEYS] == [15, 210, 120, 90, None, 45, None,
                                                          30, None]
    assert session.partly_planned("3") == 45
    assert [session.partly_planned(k) for k in KEYS if k != "3"] == [None] * 8
    assert session.total_planned_minutes() == 15 + 210 + 45 + 30


def test_a_parent_is_planned_only_when_every_sub_item_is(session, clock):
    """A plan on one bullet does not plan its item, nor the items above it: the
    bullet goes over, they do not."""
    agenda = parse_agenda("3. Exchange\n3.1 Presentations\n3.1.1 Progress\n"
                          "  • First talk\n  • Second talk\n3.1.2 Events\n4. Close\n")
    session = Session(agenda, now=clock)
    bullet = agenda.items[0].children[0].children[0].children[0].key
    session.set_plan(bullet, 1)
    session.take_up(bullet)
    clock.advance(minutes=2)
    assert session.over(bullet)
    assert [session.time_level(k) for k in ("3.1.1", "3.1", "3")] == [None] * 3
    assert [session.partly_planned(k) for k in ("3.1.1", "3.1", "3")] == [1] * 3
    assert session.total_planned_minutes() == 1
    for key in ("3.1.1/#2", "3.1.2"):
        session.set_plan(key, 5)
    assert session.planned_minutes("3.1") == 11  # now every sub-item has a plan
    assert session.partly_planned("3.1") is None
    assert session.planned_minutes("3") == 11
    assert session.over("3.1.1/#1") and not session.over("3.1.1")  # 2 min of 6


def test_a_plan_set_in_the_app_replaces_the_agenda_and_updates_the_parent(session):
    session.set_plan("2.2", 60)
    session.set_plan("3.2", 20)
    assert session.planned_minutes("2.2") == 60
    assert session.planned_minutes("2") == 180
    assert session.planned_minutes("3") == 65
    assert session.total_planned_minutes() == 15 + 180 + 65 + 30


def test_a_parent_plan_of_its_own_wins_over_the_sum(session):
    session.set_plan("2", 150)
    assert session.planned_minutes("2") == 150
    assert session.total_planned_minutes() == 15 + 150 + 45 + 30


def test_clearing_a_plan(session):
    revision = session.revision
    session.set_plan("1", None)  # the agenda's 15 min: cleared
    assert session.planned_minutes("1") is None
    assert session.revision > revision
    session.set_plan("2", 150)
    session.set_plan("2", None)  # a parent: back to the sum of its sub-items
    assert session.planned_minutes("2") == 210
    session.set_plan("1", 15)  # the agenda's value again: nothing left to store
    assert not session.state("1").plan_set
    assert session.planned_minutes("1") == 15


def test_plans_set_in_the_app_are_saved(session, clock):
    session.set_plan("3.2", 20)
    session.set_plan("1", None)
    text = dumps(session, "agenda.txt", "0" * 64)
    doc = tomllib.loads(text)
    assert doc["items"]["3.2"]["planned_minutes"] == 20
    assert doc["items"]["1"]["planned_minutes"] == "none"
    assert "2" not in doc["items"]  # nothing set there: nothing written
    loaded = reload(session, clock)
    assert loaded.planned_minutes("3.2") == 20
    assert loaded.planned_minutes("3") == 65
    assert loaded.planned_minutes("1") is None
    assert loaded.planned_minutes("2.1") == 120


def test_a_file_without_the_time_keeping_fields_loads(agenda, clock):
    doc = {
        "format": 1,
        "title": "Old file",
        "meeting": {"ended": False, "spans": [{"start": utc("2020-10-22T07:00:00"),
                                                "end": utc("2020-10-22T08:00:00")}]},
        "items": {"1": {"status": "done", "spans": [{"start": utc("2020-10-22T07:00:00"),
                                                      "end": utc("2020-10-22T08:00:00")}]}},
    }
    session = from_document(doc, agenda, "old.session.toml", clock)
    assert session.day_ends == []
    assert session.planned_minutes("1") == 15
    assert [s.number for s in session.sittings()] == [1]
    assert session.meeting_state is MeetingState.BREAK


@pytest.mark.parametrize("value", ["lots", -5, True, 1.5])
def test_a_bad_plan_in_the_file_is_a_clear_error(agenda, clock, value):
    from meeting_tui.core.errors import InputError

    doc = {"format": 1, "items": {"1": {"status": "pending", "planned_minutes": value}}}
    with pytest.raises(InputError, match="planned_minutes"):
        from_document(doc, agenda, "bad.session.toml", clock)


# ------------------------------------------------------------------ overruns


def test_colour_levels_at_80_percent_and_past_the_plan(session, clock):
    session.take_up("1")  # 15 min
    assert session.time_level("1") == "ok"
    clock.advance(minutes=11, seconds=59)
    assert session.time_level("1") == "ok"
    clock.advance(seconds=1)  # 12:00 = 80 %
    assert session.time_level("1") == "near"
    clock.advance(minutes=3)  # 15:00: all used, not over
    assert session.time_level("1") == "near"
    assert not session.over("1")
    clock.advance(seconds=1)
    assert session.time_level("1") == "over"
    assert session.over("1")
    assert session.time_level("5") is None  # no plan


def test_a_parent_plan_is_measured_against_its_whole_section(session, clock):
    session.set_plan("3.1", 10)
    session.set_plan("3.2", 10)
    session.take_up("3")
    clock.advance(minutes=2)
    session.take_up("3.1")
    clock.advance(minutes=9)
    session.take_up("3.2")
    clock.advance(minutes=9)
    assert not session.over("3.1") and not session.over("3.2")
    assert session.section_spent("3") == 20 * 60  # its plan: 3.1 + 3.2 = 20 min
    assert session.time_level("3") == "near"
    clock.advance(seconds=1)
    assert not session.over("3.2")
    assert session.over("3")  # its own 2 min and its sub-items' 18:01
    session.set_plan("3", 30)
    assert session.time_level("3") == "ok"


# ------------------------------------------------------------------ the estimate


def test_remaining_plan_counts_items_not_yet_done(session, clock):
    remaining, unplanned = session.remaining_plan()
    # 1 + 2.1 + 2.2 + 3.1 + 4 = 15 + 120 + 90 + 45 + 30; unplanned: 3.2 and 5
    assert remaining == 300 * 60
    assert unplanned == 2
    session.take_up("1")
    clock.advance(minutes=10)
    assert session.remaining_plan() == (290 * 60, 2)
    clock.advance(minutes=20)  # over: counts as nothing left, never negative
    assert session.remaining_plan() == (285 * 60, 2)
    session.take_up("2.1")  # 1 is done
    assert session.remaining_plan() == (285 * 60, 2)
    session.toggle_skip("4")
    assert session.remaining_plan() == (255 * 60, 2)
    session.toggle_skip("5")
    assert session.remaining_plan() == (255 * 60, 1)
    session.set_plan("3.2", 20)
    assert session.remaining_plan() == (275 * 60, 0)


def test_a_parent_with_its_own_plan_covers_its_section(session, clock):
    session.set_plan("2", 150)  # instead of 2.1 + 2.2 = 210
    assert session.remaining_plan() == ((15 + 150 + 45 + 30) * 60, 2)
    session.take_up("2.1")
    clock.advance(minutes=100)
    session.take_up("2.2")
    clock.advance(minutes=20)
    assert session.remaining_plan() == ((15 + 30 + 45 + 30) * 60, 2)
    session.take_up("3.1")  # 2.2 done, 2 itself never taken up: section 2 is past
    assert session.remaining_plan()[0] == (15 + 45 + 30) * 60
    session.take_up("2")  # heading 2 itself: back in the section, its 30 min count
    assert session.remaining_plan()[0] == (15 + 30 + 30) * 60  # 3.1 done
    session.toggle_skip("2")
    assert session.remaining_plan()[0] == (15 + 30) * 60


def test_a_section_the_meeting_moved_past_counts_for_nothing(session, clock):
    """Heading 2 never taken up: once the meeting is at 3, section 2's plan is not
    left any more, whatever 2 itself says (pending)."""
    session.set_plan("2", 45)
    session.take_up("1")
    clock.advance(minutes=15)
    session.take_up("2.1")
    clock.advance(minutes=10)
    assert session.remaining_plan() == ((35 + 45 + 30) * 60, 2)  # unplanned: 3.2, 5
    session.take_up("3.1")  # 2.1 done; 2 and 2.2 never taken up
    assert session.state_status("2") is ItemStatus.PENDING
    assert session.remaining_plan() == ((45 + 30) * 60, 2)
    session.take_up("2.2")  # back in section 2: what is left of its plan counts again
    assert session.remaining_plan() == ((35 + 30) * 60, 2)
    session.take_up("4")
    clock.advance(minutes=5)
    # Moved past 2 and 3 (3 and 3.2 untouched, 3.1 done): 25 min left of 4; 5 unplanned.
    assert session.remaining_plan() == (25 * 60, 1)


def test_a_section_not_yet_taken_up_still_counts_when_passed_over(session, clock):
    """Jumping ahead leaves the items jumped over to come: they count."""
    session.take_up("4")
    assert session.remaining_plan() == ((15 + 210 + 45 + 30) * 60, 2)


# ------------------------------------------------------------------ sittings


def test_group_sittings_by_day_ends():
    t = [utc(f"2020-10-22T0{h}:00:00") for h in range(10)]
    spans = [Span(t[0], t[1]), Span(t[2], t[3]), Span(t[4], t[5]), Span(t[6])]
    days = group_sittings(spans, [t[3], t[5]])
    assert [len(d.spans) for d in days] == [2, 1, 1]
    assert [d.end for d in days] == [t[3], t[5], None]
    assert [d.number for d in days] == [1, 2, 3]
    assert [(b.start, b.end) for b in days[0].breaks()] == [(t[1], t[2])]
    assert days[2].breaks() == []
    assert group_sittings([], [t[1]]) == []
    # a day end with no span before it is ignored
    assert [d.end for d in group_sittings(spans[2:], [t[1], t[5]])] == [t[5], None]


def test_ending_the_day_while_running(session, clock):
    session.take_up("1")
    clock.advance(minutes=30)
    revision = session.revision
    sitting = session.end_day()
    assert sitting is not None and sitting.number == 1
    assert sitting.end == clock.now
    assert session.revision > revision
    assert session.meeting_state is MeetingState.DAY_ENDED
    assert session.current == "1"  # still under discussion tomorrow
    assert session.state_status("1") is ItemStatus.CURRENT
    assert session.end_day() is None  # nothing left to end
    clock.advance(minutes=600)
    assert session.spent("1") == 1800
    session.start()  # Day 2
    assert session.meeting_state is MeetingState.RUNNING
    clock.advance(minutes=5)
    days = session.sittings()
    assert [d.number for d in days] == [1, 2]
    assert days[0].break_seconds(clock.now) == 0  # the night is not a break
    assert days[1].spent(clock.now) == 300
    assert session.spent("1") == 2100
    assert len(session.state("1").spans) == 2  # both spans kept


def test_ending_the_day_on_a_break_ends_it_where_the_break_began(session, clock):
    session.take_up("1")
    clock.advance(minutes=30)
    session.pause()
    paused = clock.now
    clock.advance(minutes=20)
    sitting = session.end_day()
    assert sitting is not None and sitting.end == paused
    assert sitting.break_seconds(clock.now) == 0


def test_ending_a_day_that_has_not_started(session):
    assert session.end_day() is None
    assert session.day_ends == []
    assert session.meeting_state is MeetingState.NOT_STARTED


def test_taking_up_an_item_after_the_day_ended_waits_for_the_start(session, clock):
    session.take_up("1")
    clock.advance(minutes=30)
    session.end_day()
    clock.advance(minutes=900)
    session.take_up("2.1")
    assert session.meeting_state is MeetingState.DAY_ENDED
    assert session.current == "2.1"
    clock.advance(minutes=5)
    assert session.spent("2.1") == 0
    session.start()
    clock.advance(minutes=5)
    assert session.spent("2.1") == 300


def test_day_ends_are_saved(session, clock):
    session.take_up("1")
    clock.advance(minutes=30)
    session.end_day()
    doc = tomllib.loads(dumps(session, "agenda.txt", "0" * 64))
    assert doc["meeting"]["day_ends"] == [utc("2020-10-22T07:30:00")]
    loaded = reload(session, clock)
    assert loaded.meeting_state is MeetingState.DAY_ENDED
    assert loaded.day_ends == session.day_ends


def test_the_break_under_way(session, clock):
    assert session.break_start() is None
    session.take_up("1")
    clock.advance(minutes=30)
    assert session.break_start() is None
    session.pause()
    assert session.break_start() == utc("2020-10-22T07:30:00")
    session.end_day()
    assert session.break_start() is None


# ------------------------------------------------------------------ five days


def five_day_meeting(agenda, clock: Clock) -> Session:
    """Thu 22 - Tue 27 October 2020 in Paris (summer time ends Sun 25 at 03:00 CEST,
    01:00 UTC). All moments below are UTC."""
    s = Session(agenda, timezone="Europe/Paris", now=clock)
    # Day 1, Thursday: a coffee break and lunch; ended while running.
    clock.at("2020-10-22T07:00:00")
    s.take_up("1")
    clock.at("2020-10-22T07:20:30")
    s.take_up("2")
    clock.at("2020-10-22T07:22:00")
    s.take_up("2.1")
    clock.at("2020-10-22T08:30:00")
    s.pause()
    clock.at("2020-10-22T08:45:15")
    s.start()
    clock.at("2020-10-22T09:30:00")
    s.pause()
    clock.at("2020-10-22T11:00:00")
    s.start()
    clock.at("2020-10-22T12:10:45")
    s.end_day()
    # Day 2, Friday: 2.1 goes on; a crash mid-item; a clean restart.
    clock.at("2020-10-23T07:05:00")
    s.start()
    clock.at("2020-10-23T07:40:00")
    s.take_up("2.2")
    clock.at("2020-10-23T08:00:00")
    s.set_plan("3.2", 20)
    clock.at("2020-10-23T08:10:00")
    saved = dumps(s, "agenda.txt", "0" * 64)  # the last save before the crash
    clock.at("2020-10-23T08:25:00")  # the app is back: the meeting went on meanwhile
    s = from_document(tomllib.loads(saved), agenda, "meeting.session.toml", clock)
    clock.at("2020-10-23T09:00:00")
    s.pause()  # "pause and quit"
    s = reload(s, clock)
    clock.at("2020-10-23T09:20:00")  # restarted
    s = reload(s, clock)
    s.start()
    clock.at("2020-10-23T10:00:00")
    s.take_up("3")
    clock.at("2020-10-23T10:02:00")
    s.take_up("3.1")
    clock.at("2020-10-23T10:30:00")
    s.end_day()
    # Day 3, Saturday evening into Sunday: summer time ends during the sitting, and
    # the app crashes at 01:00 (CEST) with the clock running; back at 02:30 (CET).
    clock.at("2020-10-24T18:00:00")
    s.start()
    clock.at("2020-10-24T18:30:00")
    s.take_up("3.2")
    clock.at("2020-10-24T19:00:00")
    s.pause()
    clock.at("2020-10-24T19:10:00")
    s.start()
    clock.at("2020-10-24T23:00:00")
    saved = dumps(s, "agenda.txt", "0" * 64)
    clock.at("2020-10-25T01:30:00")
    s = from_document(tomllib.loads(saved), agenda, "meeting.session.toml", clock)
    s.end_day()
    # Day 4, Monday: ended during a break (the trailing pause is not a break).
    clock.at("2020-10-26T08:00:00")
    s.start()
    clock.at("2020-10-26T08:05:00")
    s.take_up("4")
    clock.at("2020-10-26T08:30:00")
    s.pause()
    clock.at("2020-10-26T08:45:00")
    s.end_day()
    # Day 5, Tuesday: on a break when the report is made.
    clock.at("2020-10-27T08:00:00")
    s.start()
    clock.at("2020-10-27T08:10:00")
    s.take_up("5")
    clock.at("2020-10-27T08:20:00")
    s.pause()
    clock.at("2020-10-27T08:50:00")
    return s


EXPECTED = {
    "sittings": [
        {"start": "2020-10-22T07:00:00Z", "end": "2020-10-22T12:10:45Z",
         "spent_seconds": 5400 + 2685 + 4245, "break_seconds": 915 + 5400},
        {"start": "2020-10-23T07:05:00Z", "end": "2020-10-23T10:30:00Z",
         "spent_seconds": 6900 + 4200, "break_seconds": 1200},
        {"start": "2020-10-24T18:00:00Z", "end": "2020-10-25T01:30:00Z",
         "spent_seconds": 3600 + 22800, "break_seconds": 600},
        {"start": "2020-10-26T08:00:00Z", "end": "2020-10-26T08:30:00Z",
         "spent_seconds": 1800, "break_seconds": 0},
        {"start": "2020-10-27T08:00:00Z", "end": None,
         "spent_seconds": 1200, "break_seconds": 1800},
    ],
    "items": [
        {"number": "1", "title": "Opening", "planned_minutes": 15,
         "spent_seconds": 1230, "status": "done"},
        {"number": "2", "title": "Monitoring", "planned_minutes": 210,
         "spent_seconds": 90, "status": "done"},
        {"number": "2.1", "title": "First reading", "planned_minutes": 120,
         "spent_seconds": 4080 + 2685 + 4245 + 2100, "status": "done"},
        {"number": "2.2", "title": "Follow-up", "planned_minutes": 90,
         "spent_seconds": 4800 + 2400, "status": "done"},
        {"number": "3", "title": "Exchange of views", "planned_minutes": 65,
         "spent_seconds": 120, "status": "done"},
        {"number": "3.1", "title": "National reports", "planned_minutes": 45,
         "spent_seconds": 1680 + 1800, "status": "done"},
        {"number": "3.2", "title": "Other events", "planned_minutes": 20,
         "spent_seconds": 1800 + 22800 + 300, "status": "done"},
        {"number": "4", "title": "Procedural matters", "planned_minutes": 30,
         "spent_seconds": 1500 + 600, "status": "done"},
        {"number": "5", "title": "Any other business", "planned_minutes": None,
         "spent_seconds": 600, "status": "current"},
    ],
    "meeting": {"spent_seconds": 12330 + 11100 + 26400 + 1800 + 1200,
                "break_seconds": 6315 + 1200 + 600 + 0 + 1800,
                "planned_minutes": 15 + 210 + 65 + 30},
}


def test_five_day_meeting_every_figure(agenda, clock, zone):
    zone("Europe/Paris")
    session = five_day_meeting(agenda, clock)
    report = build_report(session)
    assert report_json(report) == EXPECTED
    # The items' own time adds up to the meeting's: no second counted twice or lost.
    assert sum(i["spent_seconds"] for i in EXPECTED["items"]) == 52830
    assert EXPECTED["meeting"]["spent_seconds"] == 52830
    assert session.meeting_state is MeetingState.BREAK
    assert [i.days for i in report.items] == [(1,), (1,), (1, 2), (2,), (2,), (2, 3),
                                              (3, 4), (4, 5), (5,)]
    assert [[(b.start, b.end, b.seconds) for b in s.breaks] for s in report.sittings] == [
        [(utc("2020-10-22T08:30:00"), utc("2020-10-22T08:45:15"), 915),
         (utc("2020-10-22T09:30:00"), utc("2020-10-22T11:00:00"), 5400)],
        [(utc("2020-10-23T09:00:00"), utc("2020-10-23T09:20:00"), 1200)],
        [(utc("2020-10-24T19:00:00"), utc("2020-10-24T19:10:00"), 600)],
        [],
        [(utc("2020-10-27T08:20:00"), None, 1800)],
    ]
    assert (report.remaining_seconds, report.unplanned) == (0, 1)


def test_five_day_meeting_reads_the_same_in_any_zone(agenda, zone):
    """Figures never depend on the zone the machine is in, nor on a zone change
    between the crash and the restart; only the clock times shown do."""
    figures = []
    for name in ("Europe/Paris", "UTC", "America/New_York", "Asia/Kolkata"):
        zone(name)
        session = five_day_meeting(agenda, Clock())
        figures.append(report_json(build_report(session)))
    assert all(f == EXPECTED for f in figures)


def test_five_day_meeting_text_in_paris_time(agenda, clock, zone):
    zone("Europe/Paris")
    text = render_text(build_report(five_day_meeting(agenda, clock)))
    lines = text.splitlines()
    assert lines[0] == "Time report: Committee, 22-27 October 2020"
    assert lines[1] == "At Tue 27 Oct 2020 09:50 (Europe/Paris); the meeting is on a break."
    sittings = [line for line in lines if line.startswith("  Day ")]
    assert sittings == [
        "  Day 1  Thu 22 Oct 2020  09:00–14:10  spent 3:25:30  breaks 1:45:15",
        "  Day 2  Fri 23 Oct 2020  09:05–12:30  spent 3:05:00  breaks 0:20:00",
        # 20:00 summer time to 02:30 winter time: 7 h 30 on the clock of the world.
        "  Day 3  Sat 24 Oct 2020  20:00–Sun 25 02:30  spent 7:20:00  breaks 0:10:00",
        "  Day 4  Mon 26 Oct 2020  09:00–09:30  spent 0:30:00  breaks 0:00:00",
        "  Day 5  Tue 27 Oct 2020  09:00–…  spent 0:20:00  breaks 0:30:00",
    ]
    assert "      break 10:30–10:45  0:15:15" in lines
    assert "      break 11:30–13:00  1:30:00" in lines
    assert "      break 09:20–now (under way)  0:30:00" in lines
    item_2_1 = next(line for line in lines if " First reading " in line)
    assert item_2_1.split()[-6:] == ["min", "3:38:30", "+1:38:30", "over", "1,2", "done"]
    item_5 = next(line for line in lines if " Any other business " in line)
    assert item_5.split()[-4:] == ["-", "0:10:00", "5", "current"]
    assert lines[-2] == ("Meeting: spent 14:40:30 in 5 days, breaks 2:45:15, "
                         "planned 5:20:00 (320 min).")
    assert lines[-1] == ("Planned time left on the items not yet done: 0:00:00; 1 of them "
                         "has no plan and counts for nothing.")


def test_five_day_meeting_in_the_file(agenda, clock):
    session = five_day_meeting(agenda, clock)
    doc = tomllib.loads(dumps(session, "agenda.txt", "0" * 64))
    assert doc["meeting"]["day_ends"] == [
        utc("2020-10-22T12:10:45"), utc("2020-10-23T10:30:00"),
        utc("2020-10-25T01:30:00"), utc("2020-10-26T08:30:00"),
    ]
    assert len(doc["items"]["2.1"]["spans"]) == 4  # three on day 1, one on day 2
    loaded = reload(session, clock)
    assert report_json(build_report(loaded)) == EXPECTED


def test_a_paused_clock_does_not_count_while_the_app_is_closed(agenda, clock):
    session = Session(agenda, now=clock)
    session.take_up("1")
    clock.advance(minutes=10)
    session.pause()
    saved = dumps(session, "agenda.txt", "0" * 64)
    clock.advance(minutes=50)  # closed
    again = from_document(tomllib.loads(saved), agenda, "m.session.toml", clock)
    assert again.spent("1") == 600
    assert again.elapsed() == 600
    again.start()
    clock.advance(minutes=1)
    assert again.spent("1") == 660
    assert again.sittings()[0].break_seconds(clock.now) == 3000


def test_a_report_with_microseconds_in_now_is_whole_seconds(agenda, clock):
    session = Session(agenda, now=clock)
    session.take_up("1")
    clock.advance(seconds=61.75)
    doc = report_json(build_report(session))
    assert doc["items"][0]["spent_seconds"] == 61
    assert doc["sittings"][0]["spent_seconds"] == 61
    assert doc["meeting"]["spent_seconds"] == 61


# ------------------------------------------------------------------ in the app (Pilot)

SIZE = (120, 40)


def read_file(app) -> dict:
    app.autosaver.flush()
    return tomllib.loads(app.session_path.read_text(encoding="utf-8"))


def plain(renderable) -> str:
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(renderable)
    return console.export_text()


def top_bar_text(app) -> str:
    from meeting_tui.ui.widgets.top_bar import TopBar

    return plain(app.query_one(TopBar).render())


def last_notification(app) -> str:
    return list(app._notifications)[-1].message


def painted_line(app, key: str) -> str:
    """The item's line as the tree paints it (from its line cache, unless refreshed)."""
    from meeting_tui.ui.widgets.agenda_tree import AgendaTree

    tree = app.query_one(AgendaTree)
    return tree.render_line(tree.nodes[key].line - int(tree.scroll_offset.y)).text.rstrip()


async def test_t_sets_the_planned_minutes_of_the_selected_item(make_app, clock):
    from textual.widgets import Input

    from meeting_tui.ui.screens.dialogs import PlanScreen

    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down")  # 2.2, 90 min in the agenda
        assert app.session.selected == "2.2"
        await pilot.press("t")
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.query_one(Input).value == "90"  # the plan as it is
        await pilot.press("ctrl+u", *"1h", "enter")
        assert not isinstance(app.screen, PlanScreen)
        assert app.session.planned_minutes("2.2") == 60
        assert app.session.planned_minutes("2") == 180  # the parent's sum follows
        assert read_file(app)["items"]["2.2"]["planned_minutes"] == 60
        assert "planned 60 min" in plain(app.query_one("#item-clock").render())


async def test_t_with_an_empty_field_clears_the_plan(make_app, clock):
    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "ctrl+u", "enter")  # item 1: 15 min in the agenda
        assert app.session.planned_minutes("1") is None
        assert read_file(app)["items"]["1"]["planned_minutes"] == "none"
        assert "no plan" in plain(app.query_one("#item-clock").render())


async def test_the_item_panel_says_a_parent_is_partly_planned(make_app, clock):
    """3 has 3.1's 45 min, 3.2 none: the panel and t's hint say so, not "planned 45"."""
    from textual.widgets import Label

    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*["down"] * 4)
        assert app.session.selected == "3"
        clock_text = plain(app.query_one("#item-clock").render())
        assert "partly planned (45 min in some sub-items; t sets its plan)" in clock_text
        assert "planned 45 min" not in clock_text
        await pilot.press("t")
        hint = plain(app.screen.query_one("#plan-hint", Label).render())
        assert "only 1 of its 2 sub-items are planned" in hint


async def test_t_refuses_what_is_not_minutes_and_escape_cancels(make_app, clock):
    from textual.widgets import Label

    from meeting_tui.ui.screens.dialogs import PlanScreen

    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", "ctrl+u", *"soon", "enter")
        assert isinstance(app.screen, PlanScreen)  # still open, saying why
        hint = app.screen.query_one("#plan-hint", Label)
        assert "not a number of minutes" in plain(hint.render())
        await pilot.press("escape")
        assert not isinstance(app.screen, PlanScreen)
        assert app.session.planned_minutes("1") == 15
        assert not app.session.state("1").plan_set


async def test_t_in_the_editor_types_a_t(make_app, clock):
    from meeting_tui.ui.screens.dialogs import PlanScreen

    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"tt")
        assert not isinstance(app.screen, PlanScreen)
        assert app.session.state("1").decisions[0].text == "tt"


async def test_r_opens_the_time_report(make_app, clock):
    from meeting_tui.ui.screens.report import ReportScreen, TextLines

    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(minutes=12, seconds=5)
        await pilot.press("r")
        assert isinstance(app.screen, ReportScreen)
        text = "\n".join(app.screen.query_one("#report-text", TextLines).lines)
        assert "Time report: Committee, 22-27 October 2020" in text
        assert "spent 0:12:05  breaks 0:00:00" in text
        assert "Opening" in text and "2:55 left" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, ReportScreen)
        await pilot.press("r", "r")  # r closes it too
        assert not isinstance(app.screen, ReportScreen)


async def test_ctrl_d_ends_the_day_after_a_confirmation(make_app, clock):
    from meeting_tui.ui.screens.dialogs import ConfirmScreen

    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(minutes=40)
        await pilot.press("ctrl+d")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # no: the day goes on
        assert app.session.running
        await pilot.press("ctrl+d", "y")
        assert app.session.meeting_state is MeetingState.DAY_ENDED
        assert "Day 1 ended" in top_bar_text(app)
        assert read_file(app)["meeting"]["day_ends"] == [clock.now.replace(microsecond=0)]
        clock.advance(minutes=60 * 16)
        await pilot.press("space")  # the next morning: Day 2
        assert app.session.running
        assert "Day 2 · running" in top_bar_text(app)
        clock.advance(minutes=5)
        assert app.session.spent("1") == 45 * 60  # both days' spans
        assert len(app.session.state("1").spans) == 2


async def test_ctrl_d_before_the_start_or_twice_says_why(make_app, clock):
    from meeting_tui.ui.screens.dialogs import ConfirmScreen

    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+d")
        assert not isinstance(app.screen, ConfirmScreen)
        assert "has not started" in last_notification(app)
        await pilot.press("n", "ctrl+d", "y", "ctrl+d")
        assert not isinstance(app.screen, ConfirmScreen)
        assert "Day 1 has ended" in last_notification(app)


async def test_ctrl_d_in_the_editor_deletes_forward(make_app, clock):
    from textual.widgets import TextArea

    from meeting_tui.ui.screens.dialogs import ConfirmScreen

    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Noted", "home", "ctrl+d")
        assert not isinstance(app.screen, ConfirmScreen)
        assert app.query_one("#editor", TextArea).text == "oted"
        await pilot.press("escape", "ctrl+d")  # out of the editor: it ends the day
        assert isinstance(app.screen, ConfirmScreen)


async def test_resuming_a_break_from_yesterday_asks_if_it_is_a_new_day(
    make_app, clock, zone
):
    from meeting_tui.ui.screens.dialogs import NewDayScreen

    zone("Europe/Paris")
    clock.now = utc("2020-09-21T15:00:00")  # 17:00 in Paris
    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(minutes=30)
        await pilot.press("space")  # a break...
        clock.advance(minutes=20)
        await pilot.press("space")  # ...the same day: no question
        assert app.session.running
        clock.advance(minutes=30)
        await pilot.press("space")  # 18:20: the break that lasts the night
        clock.now = utc("2020-09-22T07:00:00")
        await pilot.press("space")
        assert isinstance(app.screen, NewDayScreen)
        await pilot.press("c")  # cancel: still on the break
        assert app.session.meeting_state is MeetingState.BREAK
        await pilot.press("space", "d")
        assert app.session.running
        days = app.session.sittings()
        assert [d.number for d in days] == [1, 2]
        assert days[0].end == utc("2020-09-21T16:20:00")  # where the break began
        assert days[0].break_seconds(clock.now) == 20 * 60  # the night is not a break
        assert "Day 2 · running" in top_bar_text(app)


async def test_resuming_a_break_from_yesterday_can_continue_the_day(
    make_app, clock, zone
):
    zone("UTC")
    clock.now = utc("2020-09-21T23:00:00")
    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        clock.advance(minutes=30)
        await pilot.press("space")
        clock.advance(minutes=45)  # past midnight
        await pilot.press("space", "k")
        assert app.session.running
        assert len(app.session.sittings()) == 1
        assert app.session.sittings()[0].break_seconds(clock.now) == 45 * 60


async def test_the_top_bar_shows_today_breaks_and_the_estimated_end(
    make_app, clock, zone
):
    zone("UTC")
    clock.now = utc("2020-10-22T07:00:00")
    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        assert "ends ~12:00 +2 unplanned" in top_bar_text(app)  # 300 min of plans
        await pilot.press("n")
        clock.advance(minutes=10)
        text = top_bar_text(app)
        assert "Day 1 · running" in text
        assert "today 0:10:00 breaks 0:00:00" in text
        assert "10:00 of 15 min · 5:00 left" in text
        assert "ends ~12:00 +2 unplanned" in text  # 07:10 + 290 min
        await pilot.press("space")
        clock.advance(minutes=15)
        text = top_bar_text(app)
        assert "today 0:10:00 breaks 0:15:00" in text
        assert "ends ~12:15" in text
        await pilot.press("space")
        clock.advance(minutes=10)  # 20 min on a 15 min item: 5 over
        text = top_bar_text(app)
        assert "20:00 of 15 min · 5:00 over" in text
        assert "ends ~12:20" in text  # the overrun adds nothing: 285 min from now


async def test_the_top_bar_without_any_plan(make_app, clock):
    from helpers.paths import SEPTEMBER

    app = make_app(SEPTEMBER)
    async with app.run_test(size=SIZE):
        assert "no plans (t sets one)" in top_bar_text(app)


async def test_the_tree_marks_an_overrun_on_the_clock_tick(make_app, clock):
    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "enter")  # 2.1, two hours
        clock.advance(minutes=120)
        app.tick()
        await pilot.pause()
        assert not painted_line(app, "2.1").endswith("over")
        clock.advance(seconds=1)  # over, though the minutes shown ("2h00") are the same
        app.tick()
        await pilot.pause()
        assert painted_line(app, "2.1").endswith("over")
        assert not painted_line(app, "2").endswith("over")  # 2h01 of its 3h30
        app.session.set_plan("2.2", 1)  # 2: 121 min; its section has had 120:01
        app.tick()
        await pilot.pause()
        assert not painted_line(app, "2").endswith("over")
        clock.advance(seconds=60)
        app.tick()
        await pilot.pause()
        assert painted_line(app, "2").endswith("over")


async def test_the_item_clock_changes_colour_at_80_percent_and_when_over(make_app, clock):
    from meeting_tui.ui.display import LEVEL_CLASS as LEVEL_STYLE
    from meeting_tui.ui.display import item_clock

    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")  # 15 min
        session = app.session
        styles = []
        for minutes in (0, 11, 1, 4):
            clock.advance(minutes=minutes)
            styles.append(item_clock(session, "1", clock.now, str).style)  # class names
        assert styles == [LEVEL_STYLE["ok"], LEVEL_STYLE["ok"], LEVEL_STYLE["near"],
                          LEVEL_STYLE["over"]]
        assert len(set(LEVEL_STYLE.values())) == len(LEVEL_STYLE)


async def test_the_palette_opens_the_time_report(make_app, clock):
    from meeting_tui.ui.screens.report import ReportScreen

    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Time report")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)


async def test_taking_up_an_item_on_a_break_or_after_the_day_says_how_the_clock_goes(
    make_app, clock
):
    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("n", "space")  # item 1, then a break
        await pilot.press("n")
        assert app.session.meeting_state is MeetingState.BREAK
        assert any("space resumes" in n.message for n in app._notifications)
        await pilot.press("space", "ctrl+d", "y", "n")
        assert app.session.meeting_state is MeetingState.DAY_ENDED
        assert any("space starts the next day" in n.message for n in app._notifications)
