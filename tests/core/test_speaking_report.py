"""Speaking time in the time report: per speaker and per item, counts of speeches, to
the second through breaks; the report of a meeting without speakers unchanged."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from helpers.clock import FakeClock

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.report import build_report, render_text, report_json
from meeting_tui.core.session import Session

AGENDA = "Board\n\n1. Opening\n2. Budget\n3. Close\n"
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def debated() -> Session:
    clock = FakeClock(T0)
    session = Session(parse_agenda(AGENDA), now=clock)
    session.take_up("1")
    session.add_speaker(None, "Anna")
    session.give_floor()
    clock.advance(seconds=90)
    session.end_speech()
    session.take_up("2")
    for name in ("Bo", "anna", "Cy"):
        session.add_speaker(None, name)
    session.add_speaker(None, "Dee", point_of_order=True)
    session.give_floor()  # Dee, a point of order
    clock.advance(seconds=20)
    session.give_floor()  # Bo
    clock.advance(seconds=60)
    session.pause()  # a break: Bo's time stops
    clock.advance(minutes=15)
    session.start()
    clock.advance(seconds=30)
    session.give_floor()  # anna
    clock.advance(seconds=45)
    session.end_speech()  # Cy still waits
    return session


def test_speaking_figures() -> None:
    speaking = build_report(debated()).speaking
    assert speaking is not None
    assert [(s.name, s.speeches, s.seconds, s.points_of_order) for s in speaking.speakers] == [
        ("Anna", 2, 135, 0), ("Bo", 1, 90, 0), ("Dee", 1, 20, 1)]
    assert [(i.number, i.speeches, i.seconds, i.waiting) for i in speaking.items] == [
        ("1", 1, 90, 0), ("2", 3, 155, 1)]
    assert (speaking.speeches, speaking.seconds, speaking.points_of_order,
            speaking.waiting) == (4, 245, 1, 1)


def test_speaking_in_json_and_text() -> None:
    report = build_report(debated())
    doc = report_json(report)
    assert doc["speaking"]["speakers"][0] == {"name": "Anna", "speeches": 2, "seconds": 135,
                                              "points_of_order": 0}
    assert doc["speaking"]["items"][1] == {"number": "2", "title": "Budget", "speeches": 3,
                                           "seconds": 155, "waiting": 1}
    assert doc["speaking"]["speeches"] == 4
    json.dumps(doc)
    text = render_text(report, tz=ZoneInfo("UTC"), zone_name="UTC")
    section = text.split("Speaking time\n", 1)[1].splitlines()
    assert section[1].split() == ["Anna", "2", "2:15"]
    assert "2 Budget" in text and "(1 waiting)" in text
    assert section[-1] == "  4 speeches, 4:05, 1 point of order; 1 still waiting."


def test_no_speakers_no_section() -> None:
    session = Session(parse_agenda(AGENDA), now=FakeClock(T0))
    session.take_up("1")
    report = build_report(session)
    assert report.speaking is None
    assert "speaking" not in report_json(report)
    assert "Speaking time" not in render_text(report)


def test_speaker_names_are_shown_printable() -> None:
    clock = FakeClock(T0)
    session = Session(parse_agenda(AGENDA), now=clock)
    session.take_up("1")
    session.add_speaker(None, "Eve\x1b[31m")
    session.give_floor()
    text = render_text(build_report(session))
    assert "\x1b" not in text
