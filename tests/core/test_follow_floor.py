"""The floor in the follow state: who has the floor, the clock against the limit, the
next three speakers; names made printable."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from helpers.clock import FakeClock

from meeting_tui.core.follow_state import countdown_clock, floor_state, snapshot, speech_line
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import Session

T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def meeting() -> tuple[Session, FakeClock]:
    clock = FakeClock(T0)
    session = Session(parse_agenda("Board\n\n1. Budget\n2. Close\n"), now=clock)
    session.take_up("1")
    return session, clock


def test_nobody_speaks_nobody_waits() -> None:
    session, clock = meeting()
    assert floor_state(session, clock()) is None
    assert snapshot(session, clock())["floor"] is None


def test_waiting_but_nobody_has_the_floor() -> None:
    session, clock = meeting()
    session.add_speaker(None, "Anna")
    state = floor_state(session, clock())
    assert state == {"key": "1", "speaker": None,
                     "next": [{"speaker": "Anna", "point_of_order": False}], "waiting": 1}


def test_the_speaker_and_the_next_three() -> None:
    session, clock = meeting()
    session.set_speaking_limit(180)
    for name in ("Anna", "Bo", "Cy", "Dee", "Eve\x1b[2J"):
        session.add_speaker(None, name)
    session.add_speaker(None, "Pat", point_of_order=True)
    session.give_floor()  # Pat
    clock.advance(seconds=150)
    state = floor_state(session, clock())
    assert state is not None
    assert state["speaker"] == "Pat" and state["point_of_order"]
    assert [n["speaker"] for n in state["next"]] == ["Anna", "Bo", "Cy"]
    assert state["waiting"] == 5
    assert (state["elapsed"], state["limit"], state["remaining"], state["level"]) == (
        150, 180, 30, "warn")
    assert state["running"] and not state["paused"]
    assert state["clock"] == "0:30" and state["line"] == "2:30 of 3 min · 0:30 left"
    clock.advance(seconds=45)
    state = floor_state(session, clock())
    assert state is not None and state["level"] == "over" and state["clock"] == "+0:15"
    for _ in range(4):
        session.give_floor()
    state = floor_state(session, clock())
    assert state is not None and state["next"] == [{"speaker": "Eve\u241b[2J",
                                                    "point_of_order": False}]
    json.dumps(snapshot(session, clock()))


def test_a_paused_speech_on_a_break() -> None:
    session, clock = meeting()
    session.add_speaker(None, "Anna")
    session.give_floor()
    clock.advance(seconds=10)
    session.pause()
    state = floor_state(session, clock())
    assert state is not None and not state["running"] and not state["paused"]
    assert state["limit"] is None and state["remaining"] is None and state["level"] == "ok"
    assert state["clock"] == "0:10"


def test_clock_words() -> None:
    assert countdown_clock(70, None) == "1:10"
    assert countdown_clock(70, 180) == "1:50"
    assert countdown_clock(200, 180) == "+0:20"
    assert speech_line(70, None) == "1:10"
    assert speech_line(200, 150) == "3:20 of 2:30 · 0:50 over"


def test_a_final_decisions_vote_is_in_the_snapshot() -> None:
    from meeting_tui.core.votes import parse_tally

    session, clock = meeting()
    decision = session.add_decision("1", "Approved.")
    session.toggle_final("1", decision.id)
    session.set_vote("1", decision.id, parse_tally("4-0-0"))
    entry = snapshot(session, clock())["decisions"]["sections"][0]["entries"][0]
    assert entry == {"number": 1, "text": "Approved.", "vote": ["Adopted unanimously."]}
