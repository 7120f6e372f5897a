"""Pilot tests of the command line (`:`), undo (`u`), the notes (`N`) and the actions
(`A`) dialogs, and the exports of the abridged report and the actions."""

from __future__ import annotations

import tomllib

from meeting_tui.core.session import ActionStatus, DecisionStatus, ItemStatus
from meeting_tui.ui.command_line import CommandLineScreen
from meeting_tui.ui.screens.export import ExportScreen
from meeting_tui.ui.screens.followup import ActionsScreen, NotesScreen

SIZE = (120, 40)


def read(app) -> dict:
    app.autosaver.flush()
    return tomllib.loads(app.session_path.read_text(encoding="utf-8"))


def said(app) -> str:
    screen = app.screen
    assert isinstance(screen, CommandLineScreen)
    return screen.said


async def enter(pilot, line: str) -> None:
    await pilot.press(*line, "enter")
    await pilot.pause()


async def test_colon_opens_the_command_line_and_each_entry_is_saved_at_once(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        assert isinstance(app.screen, CommandLineScreen)
        await enter(pilot, "d Agreed to meet again.")
        assert said(app) == "Draft decision added to 1"
        await enter(pilot, "f Adopted the agenda.")
        await enter(pilot, "n Chair: Welcome to all.")
        assert said(app) == "Note by Chair added to 1"
        await enter(pilot, "a Secretariat 15/10")
        assert "Action for Secretariat, due 15/10" in said(app)
        await enter(pilot, "s/Adopted/Agreed/")
        assert "Corrected the action" in said(app)
        doc = read(app)  # saved, without closing the prompt or quitting
        item = doc["items"]["1"]
        assert [(d["status"], d["text"]) for d in item["decisions"]] == [
            ("draft", "Agreed to meet again."), ("final", "Adopted the agenda.")]
        assert item["notes"][0]["speaker"] == "Chair"
        assert item["notes"][0]["text"] == "Welcome to all."
        assert item["actions"][0]["owner"] == "Secretariat"
        assert item["actions"][0]["text"] == "Agreed the agenda."
        assert item["actions"][0]["decision"] == item["decisions"][1]["id"]
        # Never in the List of decisions' counts: the tree shows the decisions only.
        assert app.session.counts("1") == (1, 1)
        await pilot.press("escape")
        assert not isinstance(app.screen, CommandLineScreen)


async def test_take_next_and_undo_move_the_meeting_and_back(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        await enter(pilot, "take 2.1")
        assert app.session.current == "2.1"
        assert said(app).startswith("Took up 2.1")
        await enter(pilot, "next")
        assert app.session.current == "2.1.1"
        await enter(pilot, "undo")
        assert said(app) == "Undone: taking up 2.1.1"
        assert app.session.current == "2.1"
        assert app.session.state_status("2.1") is ItemStatus.CURRENT
        assert read(app)["current"] == "2.1"


async def test_an_entry_not_understood_says_so_and_stays_in_the_prompt(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        for line, words in (("take 99.9", "no item numbered 99.9"),
                            ("a Bureau 32/13 Prepare it", "not a date"),
                            ('a "" 15/10 Prepare it', "who, by when"),
                            ("adopt", "no decision carried from a previous meeting"),
                            ("zap the thing", "not understood")):
            await enter(pilot, line)
            assert words in said(app)
            assert app.screen.input.value == line  # nothing typed is lost
            app.screen.input.value = ""
        assert app.session.peek("1") is None or not app.session.peek("1").actions
        assert app.session.current is None


async def test_history_and_completion(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        await enter(pilot, "n first")
        await enter(pilot, "n second")
        await pilot.press("up")
        assert app.screen.input.value == "n second"
        await pilot.press("up")
        assert app.screen.input.value == "n first"
        await pilot.press("down", "down")
        assert app.screen.input.value == ""
        await pilot.press(*"ta", "tab")
        assert app.screen.input.value == "take "
        await pilot.press(*"2.1.", "tab")
        assert app.screen.input.value.startswith("take 2.1.")
        # The history outlives the prompt.
        await pilot.press("escape", "colon")
        await pilot.press("up")
        assert app.screen.input.value == "n second"


async def test_at_writes_into_the_item_named(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        await enter(pilot, "@3 f Took note of the report.")
        assert said(app) == "Final decision added to 3"
        decision = app.session.state("3").decisions[0]
        assert decision.status is DecisionStatus.FINAL
        assert app.session.selected == "1"  # the cursor stays where it was


async def test_u_undoes_the_last_entry(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        await enter(pilot, "d To be taken back")
        await pilot.press("escape", "u")
        assert not app.session.state("1").decisions
        assert "decisions" not in read(app).get("items", {}).get("1", {})
        await pilot.press("u")  # nothing left: says so, changes nothing
        await pilot.pause()


async def test_the_notes_dialog_shows_and_adds_notes(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("N")
        assert isinstance(app.screen, NotesScreen)
        await enter(pilot, "Marie Dupont: the text is agreed")
        await enter(pilot, "no speaker here")
        notes = app.session.state("1").notes
        assert [(n.speaker, n.text) for n in notes] == [
            ("Marie Dupont", "the text is agreed"), ("", "no speaker here")]
        assert read(app)["items"]["1"]["notes"][1]["text"] == "no speaker here"
        await pilot.press("escape")
        assert not isinstance(app.screen, NotesScreen)


async def test_the_actions_dialog_marks_an_action_done(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        await enter(pilot, 'a "the Bureau" "next meeting" Prepare the draft')
        await pilot.press("escape", "A")
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("enter")
        action = app.session.state("1").actions[0]
        assert action.status is ActionStatus.DONE
        assert read(app)["items"]["1"]["actions"][0]["status"] == "done"
        await pilot.press("enter")
        assert action.status is ActionStatus.OPEN
        await pilot.press("escape")


async def test_the_palette_exports_the_abridged_report_and_the_actions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        await enter(pilot, "n Chair: opening words")
        await enter(pilot, "f Adopted the agenda.")
        await enter(pilot, "a Secretariat 1/12 Circulate the list")
        await pilot.press("escape")
        app.followup.export("minutes")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("t")
        await pilot.pause()
        minutes = app.session_path.with_name(
            app.session_path.name.replace(".session.toml", ".minutes.txt"))
        text = minutes.read_text(encoding="utf-8")
        assert "Chair: opening words" in text and "1. Adopted the agenda." in text
        app.followup.export("actions")
        await pilot.pause()
        await pilot.press("m")
        await pilot.pause()
        actions = minutes.with_name(minutes.name.replace(".minutes.txt", ".actions.md"))
        assert "Circulate the list" in actions.read_text(encoding="utf-8")


async def test_u_undoes_a_deleted_decision(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        await enter(pilot, "d first")
        await enter(pilot, "d second")
        await pilot.press("escape", "tab")
        await pilot.pause()
        assert app.selected_decision() is not None
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")  # the confirmation
        await pilot.pause()
        assert len(app.session.state("1").decisions) == 1
        await pilot.press("u")
        await pilot.pause()
        assert [d.text for d in app.session.state("1").decisions] == ["first", "second"]
        assert len(read(app)["items"]["1"]["decisions"]) == 2


async def test_u_undoes_an_amendment_and_a_removal(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        before = [item.key for item in app.session.order]
        await pilot.press("right_square_bracket")  # item 1 down
        await pilot.pause()
        assert [item.key for item in app.session.order] != before
        await pilot.press("u")
        await pilot.pause()
        assert [item.key for item in app.session.order] == before
        assert not app.session.amendments and "amendments" not in read(app)
        app.session.set_plan("2", 25)
        app.go_to_item("2")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.session.has("2")
        await pilot.press("u")
        await pilot.pause()
        assert app.session.has("2") and app.session.own_plan("2") == 25


async def test_an_item_with_notes_is_not_removed(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        await enter(pilot, "@3 n a note to keep")
        await pilot.press("escape")
        app.go_to_item("3")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert app.session.has("3")
        assert "notes or actions" in app.session.removal_problem("3")
