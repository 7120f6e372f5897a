"""Notes, follow-up actions, due dates, the command line's entries and undo; the
abridged report and the list of actions (golden files: ``UPDATE_GOLDEN=1``)."""

from __future__ import annotations

import contextlib
import os
import tomllib
from datetime import UTC, date, datetime

import pytest
from helpers.clock import FakeClock
from helpers.followup import TODAY, fixture_meeting, scribe
from helpers.paths import GOLDEN
from helpers.session_files import from_document
from hypothesis import given, settings
from hypothesis import strategies as st

from meeting_tui.core import action_list, minutes
from meeting_tui.core.dates import DateError, format_due, parse_due
from meeting_tui.core.decision_list import build_document
from meeting_tui.core.entries import EntryError, complete
from meeting_tui.core.export import render_md as render_list_md
from meeting_tui.core.follow_state import snapshot
from meeting_tui.core.notes import split_speaker
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.previous import CarriedDecision, PreviousMeeting
from meeting_tui.core.session import ActionStatus, Session
from meeting_tui.files.session_toml import dumps

AGENDA = "Board\n\n1. Opening\n2. Reports\n2.1 Finance\n2.2 Audit\n3. Close\n"


@pytest.fixture
def session() -> Session:
    return Session(parse_agenda(AGENDA), now=FakeClock(datetime(2020, 9, 21, 9, tzinfo=UTC)))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


# ------------------------------------------------------------------ due dates


@pytest.mark.parametrize("text, due", [
    ("15/10", date(2020, 10, 15)),
    ("15.10.2021", date(2021, 10, 15)),
    ("15/10/21", date(2021, 10, 15)),
    ("2020-12-01", date(2020, 12, 1)),
    ("15 October", date(2020, 10, 15)),
    ("15 Oct 2021", date(2021, 10, 15)),
    ("October 15", date(2020, 10, 15)),
    ("1st December", date(2020, 12, 1)),
    ("1/3", date(2021, 3, 1)),  # past by more than a month: next year's
    ("tomorrow", date(2020, 9, 22)),
    ("next meeting", None),
    ("asap", None),
    ("", None),
])
def test_due_dates_as_written(text, due):
    assert parse_due(text, TODAY) == due


@pytest.mark.parametrize("text", ["32/13", "31/02", "30 February", "15/10/20/1", "0/0"])
def test_a_date_that_is_none_is_refused(text):
    with pytest.raises(DateError):
        parse_due(text, TODAY)


def test_a_due_date_reads_as_written_and_as_the_date():
    assert format_due("15/10", date(2020, 10, 15)) == "15/10 (15 October 2020)"
    assert format_due("15 October 2020", date(2020, 10, 15)) == "15 October 2020"
    assert format_due("next meeting", None) == "next meeting"


def test_speakers():
    assert split_speaker("Chair: we resume") == ("Chair", "we resume")
    assert split_speaker("Marie Dupont: agreed") == ("Marie Dupont", "agreed")
    assert split_speaker("The point is: later") == ("", "The point is: later")
    assert split_speaker("no speaker") == ("", "no speaker")


# ------------------------------------------------------------------ the entries


def test_each_entry_says_what_it_did(session):
    s = scribe(session)
    assert s.run("take 1", session.selected).startswith("Took up 1")
    assert s.run("d Agreed to x", "1") == "Draft decision added to 1"
    assert s.run("f Adopted it", "1") == "Final decision added to 1"
    assert s.run("n Chair: hello", "1") == "Note by Chair added to 1"
    assert s.run("a Secretariat 15/10", "1") == (
        "Action for Secretariat, due 15/10 (15 October 2020), added to 1 "
        "(with its last decision)")
    assert s.run('@2.1 a "the Bureau" "next meeting" Prepare it', "1") == (
        "Action for the Bureau, due next meeting, added to 2.1")
    assert s.run("s/Prepare/Draft/", "1") == "Corrected the action on 2.1: Draft it"
    assert s.run("next", "1").startswith("Took up 2")
    state = session.state("1")
    assert [d.text for d in state.decisions] == ["Agreed to x", "Adopted it"]
    assert state.actions[0].decision == state.decisions[1].id
    assert state.actions[0].text == "Adopted it"
    assert session.state("2.1").actions[0].due == "next meeting"


@pytest.mark.parametrize("line, words", [
    ("", "d TEXT"),
    ("zap", "not understood"),
    ("take 9", "no item numbered 9"),
    ("take", "take what"),
    ("@9 d x", "no item numbered 9"),
    ("d", "of what"),
    ("a Bureau", "who, by when"),
    ('a "" 15/10 Prepare it', "who, by when"),  # no owner: free text, but not none
    ("a Bureau 32/13 Prepare", "not a date"),
    ("a Bureau 15/10", "no decision to take it from"),
    ('a "Bureau 15/10 x', "quote opened"),
    ("s/a/b/", "no entry to correct"),
    ("undo", "Nothing to undo"),
])
def test_bad_entries_say_what_was_understood_and_change_nothing(session, line, words):
    before = dumps(session, "a.txt", "x")
    with pytest.raises(EntryError) as info:
        scribe(session).run(line, "1")
    assert words in str(info.value)
    assert "\n" not in str(info.value)
    assert dumps(session, "a.txt", "x") == before


def test_undo_takes_back_each_entry_newest_first(session):
    s = scribe(session)
    empty = dumps(session, "a.txt", "x")
    s.run("d one", "1")
    after_one = dumps(session, "a.txt", "x")
    s.run("n two", "1")
    s.run("s/two/deux/", "1")
    assert session.state("1").notes[0].text == "deux"
    assert s.run("undo", "1") == "Undone: correction of the note on 1"
    assert session.state("1").notes[0].text == "two"
    assert s.run("undo", "1") == "Undone: note on 1"
    assert dumps(session, "a.txt", "x") == after_one.replace(
        "next_decision_id = 2", "next_decision_id = 3")
    s.run("undo", "1")
    assert not session.state("1").decisions
    assert dumps(session, "a.txt", "x").replace("next_decision_id = 3",
                                                "next_decision_id = 1") == empty


def test_undo_of_take_gives_the_meeting_back(session):
    s = scribe(session)
    s.run("take 1", None)
    session.now.advance(minutes=5)
    s.run("take 2", None)
    session.now.advance(minutes=5)
    s.run("undo", None)
    assert session.current == "1"
    assert session.peek("2") is None
    assert session.spent("1") == 600  # the minutes since count to the item taken back
    s.run("undo", None)
    assert session.current is None and not session.meeting_spans


def test_an_undo_whose_entry_is_gone_says_so(session):
    s = scribe(session)
    s.run("d one", "1")
    session.delete_decision("1", session.state("1").decisions[0].id)
    assert "gone already" in s.run("undo", "1")


def test_completion(session):
    assert complete(session, "ta") == ["take "]
    assert complete(session, "take 2.") == ["take 2.1", "take 2.2"]
    assert complete(session, "@2.") == ["@2.1 ", "@2.2 "]
    assert complete(session, "@2.1 n") == ["@2.1 next "]
    assert complete(session, "a Se", ["Secretariat", "Bureau"]) == ["a Secretariat "]
    assert complete(session, "d some text") == []


ENTRY = st.one_of(
    st.sampled_from(["take 1", "take 2.1", "next", "undo", "s/a/b/", "s/e/E/g",
                     "a Bureau 15/10", "@2.2 f x", "take 9", "a X 32/13 t",
                     "adopt", "adopt 24/11", "adopt -", "adopt 32/13"]),
    st.builds(lambda verb, text: f"{verb} {text}",
              st.sampled_from(["d", "f", "n", "a Secretariat 1/12", "a Chair tomorrow"]),
              st.text(st.characters(blacklist_categories=("Cs",)), min_size=1,
                      max_size=30).filter(lambda t: t.strip())),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(ENTRY, st.sampled_from(["1", "2", "2.1", None])), max_size=25))
def test_any_entries_and_undos_round_trip_through_the_session_file(lines):
    clock = FakeClock(datetime(2020, 9, 21, 9, tzinfo=UTC))
    agenda = parse_agenda(AGENDA)
    session = Session(agenda, now=clock)
    # As `next` made it: a decision carried from the 28th meeting, to adopt (or not).
    session.settings.previous = PreviousMeeting("../28th/s.toml", "28th meeting",
                                                [CarriedDecision(900, 4)])
    s = scribe(session)
    for line, key in lines:
        with contextlib.suppress(EntryError):
            s.run(line, key)
        clock.advance(seconds=7)
        text = dumps(session, "a.txt", "x")
        again = from_document(tomllib.loads(text), agenda, "s.toml", now=clock)
        assert dumps(again, "a.txt", "x") == text


# ------------------------------------------------------------------ apart from decisions


def test_notes_are_never_in_the_list_of_decisions_nor_the_follow_view():
    session = fixture_meeting()
    text = render_list_md(build_document(session, all_items=True))
    assert "Welcomed" not in text and "Propose a theme" not in text
    follow = repr(snapshot(session, datetime(2020, 9, 21, 10, tzinfo=UTC)))
    assert "Welcomed" not in follow and "Propose a theme" not in follow


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_golden_minutes(fmt):
    check_golden(f"minutes.{fmt}", str(minutes.render(minutes.build_minutes(
        fixture_meeting()), fmt)))


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_golden_actions(fmt):
    session = fixture_meeting()
    check_golden(f"actions.{fmt}", str(action_list.render(
        session, action_list.rows(session), fmt)))


def test_the_minutes_keep_the_list_numbers_and_leave_out_empty_items():
    report = minutes.build_minutes(fixture_meeting())
    headings = [part.section.heading for part in report.parts]
    assert headings[0].startswith("1. Opening")
    assert not any(h.startswith("2.2.") for h in headings)  # a draft and an action only
    assert headings[-1].startswith("3. Any other business")  # a note only
    numbers = [e.number for part in report.parts for e in part.entries]
    assert numbers == [1, 2, 3]


def test_open_actions_by_due_date_with_where_they_came_from():
    session = fixture_meeting()
    found = action_list.rows(session)
    assert [r.action.owner for r in found] == ["Parties", "Secretariat", "the Bureau"]
    assert [action_list.origin(session, r) for r in found] == [
        "28th meeting, 2.1", "28th meeting, 2.1", "28th meeting, 2.2"]
    session.toggle_action_done(found[0].key, found[0].action.id)
    assert len(action_list.rows(session)) == 2
    assert found[0].action.status is ActionStatus.DONE
    assert len(action_list.rows(session, open_only=False)) == 3


@pytest.mark.parametrize("fmt", ["docx"])
def test_docx_of_the_minutes_and_the_actions(fmt):
    docx = pytest.importorskip("docx")
    from io import BytesIO

    session = fixture_meeting()
    data = minutes.render(minutes.build_minutes(session), fmt)
    assert isinstance(data, bytes)
    paragraphs = [p.text for p in docx.Document(BytesIO(data)).paragraphs]
    assert "Chair: Welcomed the participants." in paragraphs
    assert "1. Adopted its agenda." in paragraphs
    data = action_list.render(session, action_list.rows(session), fmt)
    table = docx.Document(BytesIO(data)).tables[0]
    assert table.rows[1].cells[1].text == "Parties"
