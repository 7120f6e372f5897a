"""Escape typed quickly before a key: the terminal sends alt+key, and both must act.

In tmux (escape-time 500 ms) or over SSH, escape and the next key arrive together;
the bytes go here through the app's parser (EscapeParser) into a Pilot app, as the
terminal driver feeds them (tests/e2e/test_e2e_tmux.py does it in a real tmux).
"""

from __future__ import annotations

import pytest
from textual import events

from meeting_tui.core.session import DecisionStatus, MeetingState
from meeting_tui.ui.keys import EscapeParser
from meeting_tui.ui.screens.help import HelpScreen

SIZE = (120, 40)


def parsed(data: str) -> list[events.Key]:
    """The keys the app reads from these bytes of a terminal, arrived at once."""
    parser = EscapeParser()
    found = [*parser.feed(data), *parser.feed("")]
    return [event for event in found if isinstance(event, events.Key)]


async def send(pilot, data: str) -> None:
    """Bytes from the terminal, as the driver posts their keys (one read, no pause)."""
    app = pilot.app
    for key in parsed(data):
        key.set_sender(app)
        app._driver.send_message(key)
    await pilot.pause()
    await pilot.pause()


def texts(app, key: str = "1") -> list[str]:
    return [d.text for d in app.session.state(key).decisions]


def test_escape_and_a_printable_key_are_alt_and_that_key_whatever_the_table_says():
    # Textual's table reads escape f as ctrl+right, escape 1 as "¡".
    assert [(k.key, k.character) for k in parsed("x\x1bf\x1b1\x1bA\x1b ")] == [
        ("x", "x"), ("alt+f", "f"), ("alt+1", "1"), ("alt+shift+a", "A"), ("alt+space", " ")]
    assert [k.key for k in parsed("\x1b[A\x1b\x1b[B\x1b[1;3A")] == [
        "up", "escape", "down", "alt+up"]  # the terminal's own sequences are kept


def test_a_burst_never_reads_an_escape_as_a_caret():
    keys = parsed("\x1b[" + "x" * 40 + "\x1bab")
    assert "circumflex_accent" not in [k.key for k in keys]


async def test_escape_n_typed_quickly_leaves_the_editor_and_takes_up_the_next(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a")
        await send(pilot, "Agreed.\x1bn")
        assert texts(app) == ["Agreed."]
        assert not app.editor_open()
        assert app.session.current == "2"


async def test_pressed_as_alt_too(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Agreed.", "alt+n")
        assert texts(app) == ["Agreed."]
        assert app.session.current == "2"


async def test_a_burst_of_two_decisions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await send(pilot, "aAgreed.\x1baNoted the report of the Bureau.\x1bf")
        assert texts(app) == ["Agreed.", "Noted the report of the Bureau."]
        statuses = [d.status for d in app.session.state("1").decisions]
        assert statuses == [DecisionStatus.DRAFT, DecisionStatus.FINAL]
        assert not app.editor_open()


@pytest.mark.parametrize("after", ["f", "b", "1", "A", " ", "?", "."])
async def test_nothing_of_an_escape_is_typed_into_a_decision(make_app, after):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a")
        await send(pilot, "Agreed.\x1b" + after)
        assert texts(app) == ["Agreed."]
        assert not app.editor_open()
        if after == "f":
            assert app.session.state("1").decisions[0].status is DecisionStatus.FINAL
        if after == " ":
            assert app.session.meeting_state is MeetingState.BREAK
        if after == "?":
            assert isinstance(app.screen, HelpScreen)


async def test_alt_keys_the_editor_binds_still_edit(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Agreed to", "alt+backspace")
        assert app.editor_open()
        assert app.editor.text == "Agreed "


# ------------------------------------------------------------------ in dialogs


async def test_escape_then_a_key_in_a_dialogs_field_closes_it_and_the_key_acts(make_app):
    from textual.widgets import Input

    from meeting_tui.ui.screens.dialogs import PlanScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        field = app.screen.query_one(Input)
        await send(pilot, "15\x1bn")
        assert field.value == "15"  # no "15n"
        assert not isinstance(app.screen, PlanScreen)  # escape cancelled it
        assert app.session.own_plan("1") is None
        assert app.session.current == "1"  # and n took up the next item


async def test_escape_then_a_key_in_a_question_does_not_answer_it(make_app):
    from meeting_tui.ui.screens.dialogs import ConfirmScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Agreed.", "escape", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await send(pilot, "\x1by")  # escape (no), then y: nothing on the main screen
        assert not isinstance(app.screen, ConfirmScreen)
        assert texts(app) == ["Agreed."]
        await pilot.press("delete")
        await pilot.pause()
        await send(pilot, "\x1bf")  # escape, then f marks it final
        assert texts(app) == ["Agreed."]
        assert app.session.state("1").decisions[0].status is DecisionStatus.FINAL


async def test_escape_then_a_in_the_help_closes_it_and_the_text_lands_in_the_editor(
        make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await send(pilot, "\x1baAgreed.\x1bf")
        assert not isinstance(app.screen, HelpScreen)
        assert texts(app) == ["Agreed."]
        assert app.session.state("1").decisions[0].status is DecisionStatus.FINAL


async def test_escape_then_a_key_in_the_palette_closes_it_and_the_key_acts(make_app):
    from textual.command import CommandPalette

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"refugee")
        assert isinstance(app.screen, CommandPalette)
        await send(pilot, "\x1bn")
        assert not isinstance(app.screen, CommandPalette)
        assert app.session.current == "1"


async def test_escape_then_a_key_in_a_text_dialog_never_types_it(make_app):
    from meeting_tui.ui.screens.prompts import ItemScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen)
        await send(pilot, "\x1bA")  # escape, then A: nothing is bound to it
        assert not isinstance(app.screen, ItemScreen)
        assert not app.session.amendments
