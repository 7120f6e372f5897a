"""--bullets notes: an agenda's bullets read as notes of their item, and the session
remembers it, so every command that opens the session reads the agenda the same way."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from meeting_tui.cli import main
from meeting_tui.core.errors import InputError
from meeting_tui.core.parser import parse_agenda
from meeting_tui.files.opening import open_meeting
from meeting_tui.files.session_file import load_alone

AGENDA = """Board of the cooperative
1. Reports
• Presentation by the treasurer
• Questions from members
2. Budget
"""


def never(question: str, default: bool) -> bool | None:
    return None


@pytest.fixture
def agenda(tmp_path: Path) -> Path:
    path = tmp_path / "board.txt"
    path.write_text(AGENDA, encoding="utf-8")
    return path


def test_bullets_as_notes_are_notes_of_their_item():
    agenda = parse_agenda(AGENDA, bullets_as_notes=True)
    assert [(i.number, i.title, i.notes) for i in agenda.walk()] == [
        ("1", "Reports", ("Presentation by the treasurer", "Questions from members")),
        ("2", "Budget", ()),
    ]
    assert [i.title for i in parse_agenda(AGENDA).walk()] == [
        "Reports", "Presentation by the treasurer", "Questions from members", "Budget"]


def test_the_session_remembers_and_every_command_follows(agenda, capsys):
    opened = open_meeting(str(agenda), None, None, ask=never, bullets="notes")
    opened.session.add_decision("1", "Took note of the reports.")
    opened.file.save_session(opened.session, str(agenda), opened.digest)
    opened.lock.release()
    doc = tomllib.loads(opened.path.read_text(encoding="utf-8"))
    assert doc["settings"]["bullets"] == "notes"

    again = open_meeting(str(agenda), None, None, ask=never)  # no --bullets: as it was
    try:
        assert [i.key for i in again.session.order] == ["1", "2"]
        assert again.session.state("1").decisions[0].text == "Took note of the reports."
    finally:
        again.lock.release()

    _raw, loaded = load_alone(opened.path)  # decisions, report, adopt
    assert [i.key for i in loaded.session.order] == ["1", "2"]
    assert not loaded.session.unmatched
    assert main(["agenda", str(agenda), "--session", str(opened.path)]) == 0
    out = capsys.readouterr().out
    assert "| Presentation by the treasurer" in out and "• Presentation" not in out


def test_the_setting_is_saved_at_once_and_items_takes_it_back(agenda):
    opened = open_meeting(str(agenda), None, None, ask=never, bullets="notes")
    opened.lock.release()
    assert "bullets" in tomllib.loads(opened.path.read_text(encoding="utf-8"))["settings"]
    back = open_meeting(str(agenda), None, None, ask=never, bullets="items")
    back.lock.release()
    doc = tomllib.loads(back.path.read_text(encoding="utf-8"))
    assert "bullets" not in doc.get("settings", {})
    assert len(list(back.agenda.walk())) == 4


def test_a_bad_bullets_setting_is_one_line(agenda, tmp_path):
    opened = open_meeting(str(agenda), None, None, ask=never, bullets="notes")
    opened.lock.release()
    text = opened.path.read_text(encoding="utf-8").replace('bullets = "notes"',
                                                           'bullets = "both"')
    opened.path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="'bullets' must be"):
        load_alone(opened.path)
