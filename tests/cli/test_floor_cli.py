"""The floor on the command line: `--roll FILE` (read before the app starts; a bad
file is one line naming the file and the line, exit 2), `decisions --with-attendance`
and the vote in the List, `report` with speaking time."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime

import pytest
from helpers.clock import FakeClock

from meeting_tui.cli import main
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.roll import Participant, Presence
from meeting_tui.core.session import Session
from meeting_tui.core.votes import parse_tally
from meeting_tui.files.opening import open_meeting
from meeting_tui.files.roll_file import read_roll_file
from meeting_tui.files.session_toml import agenda_hash, dumps

AGENDA = "Board, 3 March 2025\n\n1. Opening\n2. Budget\n3. Close\n"
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc_zone(zone):
    zone("UTC")


def _err_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err.strip()


# ------------------------------------------------------------------ --roll FILE


@pytest.mark.parametrize(("content", "problem"), [
    (b"Anna\nBo\n; non-voting\n", ":3: the line names no one"),
    (b"Anna\nB\x07o\n", ":2: a control character in the name"),
    (b"# nobody\n\n", ": no names in it (one name a line)"),
    (b"\x00\x01\x02binary", ": this is a binary file, not a roll (one name a line)"),
])
def test_a_bad_roll_file_is_one_line_and_exit_2(tmp_path, capsys, content, problem,
                                                monkeypatch) -> None:
    agenda = tmp_path / "agenda.txt"
    agenda.write_text(AGENDA)
    roll = tmp_path / "roll.txt"
    roll.write_bytes(content)
    started = []
    monkeypatch.setattr("meeting_tui.ui.launch.run_app", lambda args: started.append(1))
    assert main([str(agenda), "--roll", str(roll)]) == 2
    assert _err_line(capsys) == f"meeting-tui: {roll}{problem}"
    assert not started  # read before the app starts
    assert not (tmp_path / "agenda.session.toml").exists()


def test_a_missing_roll_file(tmp_path, capsys) -> None:
    agenda = tmp_path / "agenda.txt"
    agenda.write_text(AGENDA)
    assert main([str(agenda), "--roll", str(tmp_path / "nope.txt")]) == 2
    assert _err_line(capsys).endswith("nope.txt: no such file")


def test_the_roll_reaches_the_app(tmp_path, monkeypatch) -> None:
    agenda = tmp_path / "agenda.txt"
    agenda.write_text(AGENDA)
    roll = tmp_path / "roll.txt"
    roll.write_text("\ufeffAnna Berg\nBo; non-voting\nCy | delegation\n", encoding="utf-8")
    seen = []
    monkeypatch.setattr("meeting_tui.ui.launch.run_app", lambda args: seen.append(args) or 0)
    assert main([str(agenda), "--roll", str(roll)]) == 0
    assert [p.name for p in seen[0].roll_participants] == ["Anna Berg", "Bo", "Cy"]
    assert seen[0].roll_participants[1].voting is False


def test_a_windows_1252_roll(tmp_path) -> None:
    roll = tmp_path / "roll.txt"
    roll.write_bytes("Zoë Müller\r\nJosé\r\n".encode("cp1252"))
    assert [p.name for p in read_roll_file(roll)] == ["Zoë Müller", "José"]


def test_the_roll_is_merged_into_the_session_and_saved(tmp_path) -> None:
    agenda = tmp_path / "agenda.txt"
    agenda.write_text(AGENDA)
    opened = open_meeting(str(agenda), None, None, roll=[Participant("Anna"),
                                                          Participant("Bo")])
    opened.session.add_participant("Walk-in")
    opened.file.save_session(opened.session, str(agenda), opened.digest)
    opened.lock.release()
    # Started again with the roll file changed: its names first, the others kept.
    again = open_meeting(str(agenda), None, None, roll=[Participant("Bo", False),
                                                         Participant("Cy")])
    again.lock.release()
    assert [(p.name, p.voting) for p in again.session.roll] == [
        ("Bo", False), ("Cy", True), ("Anna", True), ("Walk-in", True)]
    doc = tomllib.loads((tmp_path / "agenda.session.toml").read_text())
    assert [r["name"] for r in doc["roll"]] == ["Bo", "Cy", "Anna", "Walk-in"]


# ------------------------------------------------------------------ decisions, report


def session_file(tmp_path, language: str | None = None):
    agenda = tmp_path / "agenda.txt"
    agenda.write_text(AGENDA)
    clock = FakeClock(T0)
    session = Session(parse_agenda(AGENDA), now=clock, timezone="UTC")
    if language:
        session.set_setting("language", language)
    session.set_roll([Participant("Anna"), Participant("Bo"), Participant("Cy")])
    session.take_up("2")
    session.mark("Cy", Presence.PRESENT)
    session.mark("Anna", Presence.PRESENT)
    session.mark("Bo", Presence.EXCUSED)
    session.add_speaker(None, "Anna")
    session.give_floor()
    clock.advance(seconds=95)
    session.end_speech()
    decision = session.add_decision("2", "Approved the budget.")
    session.toggle_final("2", decision.id)
    session.set_vote("2", decision.id, parse_tally("30-2-3"))
    path = tmp_path / "agenda.session.toml"
    path.write_text(dumps(session, str(agenda), agenda_hash(AGENDA)))
    return path


def test_decisions_with_attendance_and_the_vote(tmp_path, capsys) -> None:
    path = session_file(tmp_path)
    assert main(["decisions", str(path), "--with-attendance"]) == 0
    out = capsys.readouterr().out
    assert "Present: Anna, Cy.  \nExcused: Bo.\n" in out
    assert out.index("Present:") < out.index("## 2. Budget")
    assert "   *Adopted by 30 votes to 2, with 3 abstentions.*" in out
    assert main(["decisions", str(path)]) == 0
    assert "Present:" not in capsys.readouterr().out  # only when asked


def test_decisions_with_attendance_in_french_text(tmp_path, capsys) -> None:
    path = session_file(tmp_path, "fr")
    assert main(["decisions", str(path), "--with-attendance", "--format", "txt"]) == 0
    out = capsys.readouterr().out
    assert "Présents\u00a0: Anna, Cy.\nExcusés\u00a0: Bo.\n" in out
    assert "Adopté par 30 voix contre 2, avec 3 abstentions." in out


def test_report_gives_speaking_time(tmp_path, capsys) -> None:
    path = session_file(tmp_path)
    assert main(["report", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["speaking"]["speakers"] == [{"name": "Anna", "speeches": 1, "seconds": 95,
                                            "points_of_order": 0}]
    assert main(["report", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Speaking time" in out and "1 speech, 1:35." in out
