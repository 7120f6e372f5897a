"""The fixture meeting of the notes and actions tests: the List of decisions' fixture
meeting (``helpers.decisions``) with notes, a speaker, actions with and without a date,
one with the decision it came from."""

from __future__ import annotations

from datetime import date

from helpers.decisions import make_session
from meeting_tui.core.entries import Scribe
from meeting_tui.core.session import Session
from meeting_tui.core.undo import History

TODAY = date(2020, 9, 21)


def scribe(session: Session) -> Scribe:
    return Scribe(session, History(), today=lambda: TODAY)


def fixture_meeting() -> Session:
    session = make_session()
    s = scribe(session)
    s.run("n Chair: Welcomed the participants.", "1")
    s.run("n Secretariat: Presented the draft report.\n\nParties commented.", "2.1")
    s.run("a Secretariat 15/10", "2.1")
    s.run('a "the Bureau" "next meeting" Propose a theme', "2.2")
    s.run("a Parties 1/10 Send comments", "2.1")
    s.run("n No decision was taken.", "3")
    return session
