"""Pilot tests: every key of the live meeting screen, and resume after reopening."""

from __future__ import annotations

import asyncio
import tomllib

from textual.widgets import TextArea

from meeting_tui.core.session import DecisionStatus, ItemStatus, MeetingState
from meeting_tui.ui.screens.dialogs import ConfirmScreen, QuitScreen
from meeting_tui.ui.screens.help import HelpScreen
from meeting_tui.ui.widgets.agenda_tree import AgendaTree
from meeting_tui.ui.widgets.item_panel import DecisionList

SIZE = (120, 40)


def read(app) -> dict:
    app.autosaver.flush()
    return tomllib.loads(app.session_path.read_text(encoding="utf-8"))


async def test_space_starts_pauses_and_resumes(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.session.meeting_state is MeetingState.NOT_STARTED
        await pilot.press("space")
        assert app.session.meeting_state is MeetingState.RUNNING
        clock.advance(minutes=10)
        await pilot.press("space")
        assert app.session.meeting_state is MeetingState.BREAK
        clock.advance(minutes=5)
        await pilot.press("space")
        assert app.session.meeting_state is MeetingState.RUNNING
        clock.advance(minutes=1)
        assert app.session.elapsed() == 11 * 60
        doc = read(app)
        assert len(doc["meeting"]["spans"]) == 2


async def test_enter_takes_up_the_selected_item(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # cursor starts on item 1
        assert app.session.current == "1"
        assert app.session.running  # taking up an item starts the meeting
        await pilot.press("down", "down", "enter")
        assert app.session.current == "2.1"
        assert app.session.state_status("1") is ItemStatus.DONE
        assert app.session.state_status("2.1") is ItemStatus.CURRENT
        assert read(app)["current"] == "2.1"


async def test_n_and_p_move_the_meeting_in_agenda_order(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert app.session.current == "1"
        await pilot.press("n", "n", "n")
        assert app.session.current == "2.1.1"  # sub-items included
        assert app.query_one(AgendaTree).cursor_node.data == "2.1.1"
        await pilot.press("p")
        assert app.session.current == "2.1"
        assert app.session.selected == "2.1"


async def test_writing_for_an_earlier_item_does_not_move_the_meeting(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "n", "n")
        assert app.session.current == "2.1"
        await pilot.press("up", "up")  # back to item 1
        assert app.session.selected == "1"
        await pilot.press("a")
        await pilot.press(*"Adopted its agenda.")
        await pilot.press("escape")
        assert app.session.current == "2.1"
        assert [d.text for d in app.session.state("1").decisions] == ["Adopted its agenda."]
        assert app.session.peek("2.1").decisions == []


async def test_a_adds_a_decision_and_letters_type_in_the_editor(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a")
        editor = app.query_one("#editor", TextArea)
        assert app.focused is editor
        # n, p, s, f and q are letters here: they must type, not act.
        await pilot.press(*"nps fq")
        assert editor.text == "nps fq"
        assert app.session.current == "1"
        assert app.session.meeting_state is MeetingState.RUNNING
        assert app.session.state("1").decisions[0].text == "nps fq"


async def test_escape_keeps_the_text_and_the_decision_selected(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"First", "escape", "a", *"Second", "escape")
        decisions = app.session.state("1").decisions
        assert [d.text for d in decisions] == ["First", "Second"]
        dlist = app.query_one(DecisionList)
        assert app.focused is dlist
        assert dlist.selected_id == decisions[1].id
        assert app.query_one("#editor", TextArea).disabled


async def test_escape_on_an_empty_new_decision_discards_it(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", "escape")
        assert app.session.state("1").decisions == []


async def test_e_edits_the_selected_decision(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"One", "escape", "a", *"Two", "escape")
        await pilot.press("up")  # select decision 1 in the list
        await pilot.press("e")
        assert app.focused is app.query_one("#editor", TextArea)
        await pilot.press(*" more", "escape")
        texts = [d.text for d in app.session.state("1").decisions]
        assert texts == ["One more", "Two"]


async def test_f_marks_final_and_back_to_draft(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Took note.", "escape", "f")
        decision = app.session.state("1").decisions[0]
        assert decision.status is DecisionStatus.FINAL
        assert read(app)["items"]["1"]["decisions"][0]["status"] == "final"
        await pilot.press("f")
        assert decision.status is DecisionStatus.DRAFT


async def test_delete_asks_first(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Keep me", "escape", "delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert [d.text for d in app.session.state("1").decisions] == ["Keep me"]
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        assert app.session.state("1").decisions == []
        assert "decisions" not in read(app)["items"].get("1", {})


async def test_s_skips_and_unskips_the_selected_item(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "s")
        assert app.session.state_status("2") is ItemStatus.SKIPPED
        assert read(app)["items"]["2"]["status"] == "skipped"
        await pilot.press("s")
        assert app.session.state_status("2") is ItemStatus.PENDING
        # A skipped item is passed over by n.
        await pilot.press("s", "n", "n")
        assert app.session.current == "2.1"


async def test_ctrl_s_saves_now(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert not app.session_path.exists()
        await pilot.press("down")
        await pilot.press("ctrl+s")
        app.autosaver.flush()
        assert read(app)["selected"] == "2"


async def test_typing_is_on_disk_within_a_second_without_a_key(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Decided to hold")
        await asyncio.sleep(1.0)
        text = app.session_path.read_text(encoding="utf-8")
        assert "Decided to hold" in text


async def test_q_asks_to_pause_a_running_clock_then_saves(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Unsaved words", "escape")
        await pilot.press("q")
        assert isinstance(app.screen, QuitScreen)
        await pilot.press("c")  # cancel: still here, still running
        assert app.session.running
        await pilot.press("q", "p")
        await pilot.pause()
    assert app.session.meeting_state is MeetingState.BREAK
    doc = tomllib.loads(app.session_path.read_text(encoding="utf-8"))
    assert doc["items"]["1"]["decisions"][0]["text"] == "Unsaved words"
    assert all("end" in span for span in doc["meeting"]["spans"])


async def test_q_while_typing_keeps_the_text(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "space", "a", *"Half a sentence", "escape", "q")
        await pilot.pause()
    doc = tomllib.loads(app.session_path.read_text(encoding="utf-8"))
    assert doc["items"]["1"]["decisions"][0]["text"] == "Half a sentence"


async def test_ctrl_q_goes_through_the_safe_quit(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+q")
        assert isinstance(app.screen, QuitScreen)


async def test_resume_after_reopening(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Adopted its agenda.", "escape", "f")
        clock.advance(minutes=3)
        await pilot.press("n", "n")
        clock.advance(minutes=2)
        await pilot.press("down", "s", "up", "a", *"Draft text", "escape")
        await pilot.press("q", "k")  # keep the clock running
        await pilot.pause()
    clock.advance(minutes=10)  # the app was closed; the meeting went on
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        session = again.session
        assert session.current == "2.1"
        assert session.selected == "2.1"
        assert session.running
        assert session.state_status("1") is ItemStatus.DONE
        assert session.state_status("2") is ItemStatus.DONE
        assert session.state_status("2.1.1") is ItemStatus.SKIPPED
        assert session.spent("1") == 3 * 60
        assert session.spent("2.1") == 12 * 60
        assert session.elapsed() == 15 * 60
        finals = [d.text for d in session.state("1").decisions if d.final]
        assert finals == ["Adopted its agenda."]
        assert [d.text for d in session.state("2.1").decisions] == ["Draft text"]
        assert again.query_one(AgendaTree).cursor_node.data == "2.1"


async def test_palette_jumps_to_an_item_without_moving_the_meeting(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+p")
        await pilot.press(*"refugee crisis")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.selected == "2.2"
        assert app.session.current == "1"


async def test_palette_runs_actions(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Start / pause")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.running


async def test_help_screen_lists_every_key(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def _burst(app, pilot, keys: str) -> None:
    """Queue keys all at once, as a fast typist or tmux does, then let them run."""
    from textual import events

    names = {" ": "space", "\x1b": "escape"}
    for ch in keys:
        app.post_message(events.Key(names.get(ch, ch), None if ch == "\x1b" else ch))
    await pilot.pause(0.3)


async def test_keys_typed_ahead_after_a_reach_the_editor(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await _burst(app, pilot, "aTook note of the report and agreed.\x1bf")
        decisions = app.session.state("1").decisions
        assert [d.text for d in decisions] == ["Took note of the report and agreed."]
        assert decisions[0].final  # the f after escape acted; it was not typed
        assert app.session.current == "1"


async def test_the_footer_shows_the_keys_that_act_where_the_focus_is(make_app, clock):
    from textual.widgets._footer import FooterKey

    def footer(app) -> set[str]:
        return {key.description for key in app.screen.query(FooterKey)}

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert {"Next", "Add", "Quit"} <= footer(app) and "Done" not in footer(app)
        await pilot.press("a")  # in the editor letters type: escape is the way out
        await pilot.pause()
        assert "Done" in footer(app) and "Next" not in footer(app)
        await pilot.press("escape")
        await pilot.pause()
        assert "Next" in footer(app) and "Done" not in footer(app)


async def test_arrows_sent_just_before_an_item_key_move_the_cursor_first(make_app):
    """Down, down, s sent at once skip the item the cursor reached, not the one it left;
    the same for a, t and enter."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await _burst(app, pilot, "")
        for keys, check in (
            (["down", "down", "s"], lambda: app.session.state_status("2.1") is ItemStatus.SKIPPED),
            (["up", "enter"], lambda: app.session.current == "2"),
            (["down", "down", "down", "a"], lambda: bool(app.session.state("2.2").decisions)),
        ):
            from textual import events

            for key in keys:
                app.post_message(events.Key(key, key if len(key) == 1 else None))
            await pilot.pause(0.3)
            assert check(), (keys, app.session.selected)
            if app.focused is app.editor:
                await pilot.press("escape")


async def test_a_notice_never_covers_the_editor(make_app):
    """At 80x24 a toast at Textual's default place (bottom right) hid the text being
    typed; notices go over the agenda's lower left."""
    from textual.widgets._toast import Toast

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("a")
        app.notify("A notice long enough to take several lines of the toast's width, "
                   "as the lock and clipboard notices do")
        await pilot.pause(0.3)
        toasts = list(app.screen.query(Toast))
        assert toasts
        editor = app.editor.region
        for toast in toasts:
            assert not toast.region.overlaps(editor), (toast.region, editor)
            assert toast.region.x < app.agenda_tree.region.right
