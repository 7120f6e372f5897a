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


def two_meetings(folder) -> tuple:
    """A 28th meeting's session (two final decisions on 2.1.1, a draft on 2.3) in
    ``folder``/28th, and the 29th's agenda in ``folder``/29th: (old session, new agenda)."""
    import shutil
    from datetime import UTC, datetime

    from helpers.paths import NOVEMBER, SEPTEMBER
    from meeting_tui.files.agenda_file import load_agenda, read_agenda_text
    from meeting_tui.files.session_toml import agenda_hash, default_session_path, dumps

    old_folder, new_folder = folder / "28th", folder / "29th"
    old_folder.mkdir()
    new_folder.mkdir()
    agenda_path = old_folder / SEPTEMBER.name
    shutil.copy(SEPTEMBER, agenda_path)
    now = datetime(2020, 9, 21, 9, 0, tzinfo=UTC)
    session = Session(load_agenda(agenda_path), now=lambda: now)
    for text in ("Took note of the preliminary draft report.", "Agreed to a second reading."):
        session.toggle_final("2.1.1", session.add_decision("2.1.1", text).id)
    session.add_decision("2.3", "A draft stays behind.")
    old = default_session_path(agenda_path)
    old.write_text(dumps(session, agenda_path.name,
                         agenda_hash(read_agenda_text(agenda_path))), encoding="utf-8")
    new_agenda = new_folder / NOVEMBER.name
    shutil.copy(NOVEMBER, new_agenda)
    return old, new_agenda
