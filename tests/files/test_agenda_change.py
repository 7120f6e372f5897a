"""An agenda edited between two days of the meeting: items renamed, removed,
renumbered. Decisions follow their items; those of items that no longer match are
kept under "Unmatched", never dropped; the user is told how many matched."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from meeting_tui.cli import main
from meeting_tui.core.errors import InputError
from meeting_tui.core.matching import Entry, match
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import UNMATCHED_NODE, unmatched_node
from meeting_tui.files.opening import open_meeting
from meeting_tui.files.session_reading import build
from meeting_tui.files.session_toml import agenda_hash, dumps
from meeting_tui.ui.app import MeetingApp
from meeting_tui.ui.widgets.agenda_tree import AgendaTree
from meeting_tui.ui.widgets.item_panel import DecisionList, ItemPanel

BEFORE = """\
Board meeting

1. Opening
2. Reports
3. Budget
4. Any other business
5. Close
"""
# Reports removed, the rest renumbered.
REMOVED = """\
Board meeting

1. Opening
2. Budget
3. Any other business
4. Close
"""
# Item 2 renamed (the old title still in it), item 3 renamed beyond recognition.
RENAMED = """\
Board meeting

1. Opening
2. Reports of the committees
3. Financial statements
4. Any other business
5. Close
"""


def written(text: str, now) -> tuple[str, dict]:
    """A session over ``text`` with a decision on every item; item 4 is current."""
    from meeting_tui.core.session import Session

    agenda = parse_agenda(text)
    session = Session(agenda, now=now)
    for item in agenda.walk():
        session.add_decision(item.key, f"Decision on {item.title}")
    session.take_up("4")
    session.select("3")
    doc = tomllib.loads(dumps(session, "board.txt", agenda_hash(text)))
    return text, doc


def decisions_by_title(session) -> dict[str, list[str]]:
    return {session.item(key).title: [d.text for d in state.decisions]
            for key, state in session.states.items() if state.decisions}


def unmatched_texts(session) -> dict[str, list[str]]:
    return {e.title: [d.text for d in e.state.decisions] for e in session.unmatched}


def test_removed_and_renumbered(clock):
    _, doc = written(BEFORE, clock)
    loaded = build(doc, parse_agenda(REMOVED), "s.toml", clock, agenda_hash(REMOVED))
    session = loaded.session
    assert decisions_by_title(session) == {
        "Opening": ["Decision on Opening"],
        "Budget": ["Decision on Budget"],
        "Any other business": ["Decision on Any other business"],
        "Close": ["Decision on Close"],
    }
    assert session.item("2").title == "Budget"  # the decision moved with its item
    assert unmatched_texts(session) == {"Reports": ["Decision on Reports"]}
    assert session.unmatched[0].key == "2" and session.unmatched[0].number == "2"
    # the meeting stays where it was: on "Any other business", now item 3
    assert session.current == "3" and session.selected == "2"
    change = loaded.change
    assert (change.changed, change.entries, change.matched, change.renumbered,
            change.unmatched) == (True, 5, 4, 3, 1)
    message = change.message()
    assert "4 of 5 items" in message and "1 did not" in message and "Unmatched" in message


def test_renamed(clock):
    _, doc = written(BEFORE, clock)
    loaded = build(doc, parse_agenda(RENAMED), "s.toml", clock, agenda_hash(RENAMED))
    session = loaded.session
    assert decisions_by_title(session)["Reports of the committees"] == ["Decision on Reports"]
    assert "Financial statements" not in decisions_by_title(session)
    assert unmatched_texts(session) == {"Budget": ["Decision on Budget"]}
    assert (loaded.change.matched, loaded.change.renamed, loaded.change.unmatched) == (4, 1, 1)
    assert session.selected == "1"  # the selected item (3) matched nothing: back to the top


def test_unmatched_entries_round_trip_and_never_collide(clock):
    _, doc = written(BEFORE, clock)
    agenda = parse_agenda(REMOVED)
    session = build(doc, agenda, "s.toml", clock, agenda_hash(REMOVED)).session
    again = tomllib.loads(dumps(session, "board.txt", agenda_hash(REMOVED)))
    assert again["items"]["2"]["title"] == "Budget"  # key 2 is Budget now...
    [kept] = again["unmatched"]  # ...and the old item 2 is kept apart
    assert kept["key"] == "2" and kept["title"] == "Reports"
    assert kept["decisions"][0]["text"] == "Decision on Reports"
    reloaded = build(again, agenda, "s.toml", clock, agenda_hash(REMOVED))
    assert not reloaded.change.changed and reloaded.change.message() is None
    assert dumps(reloaded.session, "board.txt", agenda_hash(REMOVED)) == dumps(
        session, "board.txt", agenda_hash(REMOVED))


def test_an_item_put_back_gets_its_decisions_back(clock):
    _, doc = written(BEFORE, clock)
    removed = build(doc, parse_agenda(REMOVED), "s.toml", clock, agenda_hash(REMOVED)).session
    saved = tomllib.loads(dumps(removed, "board.txt", agenda_hash(REMOVED)))
    restored = build(saved, parse_agenda(BEFORE), "s.toml", clock, agenda_hash(BEFORE))
    assert restored.session.unmatched == []
    assert decisions_by_title(restored.session)["Reports"] == ["Decision on Reports"]
    assert restored.change.matched == 4 and restored.change.unmatched == 0


def test_decision_ids_stay_unique_with_unmatched_entries(clock):
    _, doc = written(BEFORE, clock)
    session = build(doc, parse_agenda(REMOVED), "s.toml", clock).session
    ids = [d.id for e in session.unmatched for d in e.state.decisions]
    ids += [d.id for state in session.states.values() for d in state.decisions]
    assert session.next_decision_id > max(ids)


def test_an_unchanged_agenda_matches_by_key_even_if_titles_read_differently(clock):
    """Same agenda text: keys are trusted (a parser that now reads a title a little
    differently must not scatter the decisions)."""
    _, doc = written(BEFORE, clock)
    doc["items"]["3"]["title"] = "Budget (as the old parser read it)"
    doc["items"]["2"]["title"] = "Something else entirely"
    loaded = build(doc, parse_agenda(BEFORE), "s.toml", clock, agenda_hash(BEFORE))
    assert loaded.session.unmatched == []
    assert not loaded.change.changed


@pytest.mark.parametrize(
    ("entries", "expected"),
    [
        ([Entry("1", "1", "Opening")], {0: "1"}),
        ([Entry("9", "9", "opening.")], {0: "1"}),  # case and punctuation
        ([Entry("2", None, None)], {0: "2"}),  # a hand-written entry: its key
        ([Entry("2", "2", "Lunch")], {}),  # same number, another item
        ([Entry("x", "7", "Budget"), Entry("y", "8", "Budget")], {}),  # ambiguous
    ],
)
def test_matching_rules(entries, expected):
    result = match(entries, parse_agenda(BEFORE).walk())
    assert result.keys == expected


def test_the_user_is_told_on_the_command_line_and_in_the_app(tmp_path, clock, monkeypatch):
    agenda = tmp_path / "board.txt"
    agenda.write_text(BEFORE)
    opened = open_meeting(str(agenda), None, None, ask=lambda q, d: None)
    for item in opened.session.order:
        opened.session.add_decision(item.key, f"Decision on {item.title}")
    opened.file.save(dumps(opened.session, str(agenda), opened.digest))
    opened.lock.release()
    agenda.write_text(REMOVED)

    import contextlib
    import io

    seen: list[MeetingApp] = []
    monkeypatch.setattr(MeetingApp, "run", lambda self: seen.append(self))
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main([str(agenda)]) == 0
    assert "4 of 5 items in the session matched (3 renumbered); 1 did not" in err.getvalue()
    assert any("Unmatched" in note for note in seen[0].notes)


async def test_the_tree_shows_unmatched_entries_read_only(tmp_path, clock):
    agenda = tmp_path / "board.txt"
    agenda.write_text(BEFORE)
    opened = open_meeting(str(agenda), None, None, ask=lambda q, d: None)
    opened.session.add_decision("2", "Reports were noted.")
    opened.session.add_decision("3", "The budget was adopted.")
    opened.file.save(dumps(opened.session, str(agenda), opened.digest))
    opened.lock.release()
    agenda.write_text(REMOVED)
    opened = open_meeting(str(agenda), None, None, ask=lambda q, d: None)
    opened.session.now = clock
    app = MeetingApp(opened.session, opened.path, str(agenda), opened.digest,
                     session_file=opened.file, lock=opened.lock, notes=opened.notes,
                     blink=False, tick=False)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        assert any("1 did not" in n.message for n in app._notifications)
        tree = app.query_one(AgendaTree)
        node = tree.unmatched_nodes[UNMATCHED_NODE]
        assert "Unmatched (1)" in str(tree.render_label(node, tree.rich_style, tree.rich_style))
        tree.move_cursor(tree.unmatched_nodes[unmatched_node(0)])
        await pilot.pause()
        panel = app.query_one(ItemPanel)
        assert panel.border_title == "Unmatched"
        assert "Reports" in str(panel.query_one("#item-heading").render())
        assert app.query_one(DecisionList).option_count == 1
        revision = app.session.revision
        for key in ("a", "e", "f", "s", "enter", "delete", "t"):
            await pilot.press(key)
        await pilot.pause()
        assert app.session.revision == revision  # nothing changed anywhere
        assert len(app.session.state("2").decisions) == 1  # Budget, now item 2
        await pilot.press("up")  # the "Unmatched" node itself
        await pilot.pause()
        assert "Unmatched: 1 entry" in str(panel.query_one("#item-heading").render())
        await pilot.press("up")  # back to a real item
        await pilot.pause()
        assert panel.border_title != "Unmatched" and panel.unmatched_view is None
        assert app.session.selected == "4"
        await pilot.press("q")
    app.lock.release()
    doc = tomllib.loads(opened.path.read_text())
    assert doc["unmatched"][0]["decisions"][0]["text"] == "Reports were noted."
    assert doc["items"]["2"]["decisions"][0]["text"] == "The budget was adopted."


def test_a_file_without_titles_is_matched_by_key(tmp_path, clock):
    agenda = parse_agenda(BEFORE)
    doc = {"format": 2, "items": {"3": {"status": "done"}}}
    session = build(doc, agenda, Path("s.toml"), clock).session
    assert session.state_status("3").value == "done"


# ------------------------------------------------------------------ another meeting's session

COUNCIL = """\
City council

1. Call to order
2. Minutes
3. Zoning appeals
4. Public comment
5. Adjournment
"""


def another_meetings_session(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """board.txt's session, with a decision on each item; and council.txt beside it."""
    board = tmp_path / "board.txt"
    board.write_text(BEFORE)
    opened = open_meeting(str(board), None, None, ask=lambda q, d: None)
    for item in opened.session.order:
        opened.session.add_decision(item.key, f"Decision on {item.title}")
    opened.file.save(dumps(opened.session, str(board), opened.digest))
    opened.lock.release()
    council = tmp_path / "council.txt"
    council.write_text(COUNCIL)
    return council, opened.path, opened.path.read_bytes()


def test_another_meetings_session_is_refused_with_nobody_to_ask(tmp_path, clock, capsys):
    """`meeting-tui council.txt --session board.session.toml` from a script: one line,
    exit 2, the board's session file untouched (it was rewritten on the first key)."""
    council, session, before = another_meetings_session(tmp_path)
    assert main([str(council), "--session", str(session)]) == 2
    err = capsys.readouterr().err
    assert err == (f"meeting-tui: {session}: saved for another agenda ({tmp_path / 'board.txt'})"
                   ": 0 of its 5 items match council.txt; open it with that agenda, or give "
                   "--session another file\n")
    assert session.read_bytes() == before


def test_another_meetings_session_is_opened_only_if_the_user_says_so(tmp_path, clock):
    council, session, _ = another_meetings_session(tmp_path)
    questions: list[tuple[str, bool]] = []

    def no(question: str, default: bool) -> bool:
        questions.append((question, default))
        return False

    with pytest.raises(InputError, match="saved for another agenda"):
        open_meeting(str(council), str(session), None, ask=no)
    [(question, default)] = questions
    assert question.startswith(f"{session.name} was saved for another agenda, "
                               f"{tmp_path / 'board.txt'}: 0 of its 5 items match council.txt")
    assert default is False
    opened = open_meeting(str(council), str(session), None, ask=lambda q, d: True)
    assert len(opened.session.unmatched) == 5  # as the user agreed: kept under Unmatched
    opened.lock.release()


def test_the_same_agenda_changed_is_not_asked_about(tmp_path, clock):
    """board.txt rewritten beyond recognition is still the board's agenda: no question."""
    council, session, _ = another_meetings_session(tmp_path)
    (tmp_path / "board.txt").write_text(COUNCIL)

    def never(question: str, default: bool) -> bool:
        raise AssertionError(question)

    opened = open_meeting(str(tmp_path / "board.txt"), str(session), None, ask=never)
    assert len(opened.session.unmatched) == 5
    opened.lock.release()


def test_a_session_most_of_whose_items_match_is_not_asked_about(tmp_path, clock):
    """Another file name, but most items match (a copy of the agenda, renamed)."""
    council, session, _ = another_meetings_session(tmp_path)
    council.write_text(REMOVED)  # 4 of 5 match

    def never(question: str, default: bool) -> bool:
        raise AssertionError(question)

    opened = open_meeting(str(council), str(session), None, ask=never)
    assert len(opened.session.unmatched) == 1
    opened.lock.release()
