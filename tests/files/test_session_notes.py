"""Notes and follow-up actions in the session file: format 4, the upgrade of format 3
files, the round trip, unmatched entries, bad values in one line."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime

import pytest
from helpers.clock import FakeClock
from helpers.session_files import from_document

from meeting_tui.core.errors import InputError
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import ActionStatus, Session
from meeting_tui.files import session_reading
from meeting_tui.files.session_toml import FORMAT_VERSION, dumps

AGENDA = "Board\n\n1. Opening\n2. Reports\n3. Close\n"
T0 = datetime(2020, 9, 21, 9, tzinfo=UTC)


def noted() -> Session:
    session = Session(parse_agenda(AGENDA), now=FakeClock(T0))
    decision = session.add_decision("2", "Instructed the Secretariat to report.")
    session.add_note("2", "The report was late.", "Chair")
    session.add_action("2", decision.text, "Secretariat", "15/10", date(2020, 10, 15),
                       decision.id)
    session.add_action("3", "Book the room", "Bureau", "next meeting")
    session.toggle_action_done("3", session.state("3").actions[0].id)
    return session


def test_notes_and_actions_round_trip():
    session = noted()
    text = dumps(session, "a.txt", "x")
    doc = tomllib.loads(text)
    assert doc["format"] == FORMAT_VERSION >= 4  # notes came with format 4
    assert doc["items"]["2"]["notes"] == [{"id": 2, "created": T0, "speaker": "Chair",
                                           "text": "The report was late."}]
    assert doc["items"]["2"]["actions"][0]["due_date"] == date(2020, 10, 15)
    assert doc["items"]["3"]["actions"][0]["status"] == "done"
    again = from_document(doc, parse_agenda(AGENDA), "s.toml")
    assert dumps(again, "a.txt", "x") == text
    assert again.state("3").actions[0].status is ActionStatus.DONE
    assert again.next_decision_id == 5
    # An item with a note only is written (it is not blank).
    session.add_note("1", "Only a note")
    assert "Only a note" in tomllib.loads(dumps(session, "a.txt", "x"))["items"]["1"][
        "notes"][0]["text"]


def test_a_format_3_file_is_upgraded():
    doc = tomllib.loads(dumps(noted(), "a.txt", "x"))
    for entry in doc["items"].values():
        entry.pop("notes", None)
        entry.pop("actions", None)
    doc["format"] = 3
    loaded = session_reading.build(doc, parse_agenda(AGENDA), "old.toml")
    assert loaded.version == 3
    assert [d.text for d in loaded.session.state("2").decisions] == [
        "Instructed the Secretariat to report."]
    assert not loaded.session.state("2").notes and not loaded.session.state("2").actions
    assert 3 in session_reading.UPGRADES


def test_ids_go_on_after_the_highest_note_or_action():
    doc = tomllib.loads(dumps(noted(), "a.txt", "x"))
    doc["next_decision_id"] = 1  # a hand edit: ids must not be given twice
    session = from_document(doc, parse_agenda(AGENDA), "s.toml")
    assert session.add_note("1", "new").id == 5


def test_notes_and_actions_of_an_item_gone_are_kept():
    doc = tomllib.loads(dumps(noted(), "a.txt", "x"))
    changed = parse_agenda("Board\n\n1. Opening\n3. Close\n")
    session = from_document(doc, changed, "s.toml", digest="other")
    kept = [entry for entry in session.unmatched if entry.title == "Reports"]
    assert kept and kept[0].state.notes[0].text == "The report was late."
    assert kept[0].state.actions[0].owner == "Secretariat"
    assert "The report was late." in dumps(session, "a.txt", "other")


@pytest.mark.parametrize("edit, words", [
    (lambda d: d["items"]["2"]["notes"][0].pop("id"), "items.2.notes[0]: missing 'id'"),
    (lambda d: d["items"]["2"]["notes"][0].update(text=3), "'text' has the wrong type"),
    (lambda d: d["items"]["2"]["actions"][0].update(status="maybe"), "unknown status"),
    (lambda d: d["items"]["2"]["actions"][0].update(due_date="soon"), "expected a date"),
    (lambda d: d["items"]["2"].update(notes="x"), "'notes' has the wrong type"),
])
def test_bad_values_are_refused_in_one_line(edit, words):
    doc = tomllib.loads(dumps(noted(), "a.txt", "x"))
    edit(doc)
    with pytest.raises(InputError) as info:
        from_document(doc, parse_agenda(AGENDA), "s.toml")
    assert words in str(info.value) and "\n" not in str(info.value)
