"""Titles and decisions on the screen are data: markup in them is text (a `[/b]` stops
nothing, `[confidential]` stays), control characters are shown (`␛`), never sent to
the terminal, in the tree, the panels, the top bar, every dialog, toast and the
palette, the follow view; an export of text XML cannot hold never ends the app; the
editor stores no control character; looking at a title or a decision changes nothing."""

from __future__ import annotations

import pytest
from core.test_user_text import AGENDA, DECISIONS, FROM_PDF, MARKUP, OSC52, RENAME
from textual import events

from meeting_tui.core.printable import is_safe
from meeting_tui.files.session_toml import agenda_hash, dumps
from meeting_tui.files.watcher import SessionWatcher
from meeting_tui.ui.follow import FollowApp
from meeting_tui.ui.screens.help import HelpScreen

SIZE = (120, 40)


def screen_text(app) -> str:
    """Every character the screen would write to the terminal, layers and toasts
    included: the text of the segments the compositor makes."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def assert_safe(app) -> str:
    text = screen_text(app)
    assert is_safe(text), [line for line in text.splitlines() if not is_safe(line)]
    return text


def write_decisions(app, decisions: dict[str, str] = DECISIONS) -> None:
    session = app.session
    for key, text in decisions.items():
        decision = session.add_decision(key, text)
        session.toggle_final(key, decision.id)


async def test_every_view_and_dialog_with_hostile_titles(make_app, tmp_path):
    app = make_app(text=AGENDA)
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "n")  # 1. Opening ␛]52…: current, in the top bar
        await pilot.pause()
        text = assert_safe(app)
        assert "␛]52;c;cm0gLXJmIH4K␇" in text
        await pilot.press("down", "s")  # skipped: a toast that quotes the title
        await pilot.pause()
        assert any("[confidential]" in m and "[/b]" in m for m in messages(app))
        text = assert_safe(app)
        assert "[confidential]" in text
        for key in ("R", "t", "r", "question_mark", "x", "D"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is not app.screen_stack[0] or key == "D", key
            assert_safe(app)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"conf")
        await pilot.pause()
        await pilot.pause(0.3)
        assert_safe(app)
        await pilot.press("escape")
        await pilot.pause()
    assert app._exception is None


async def test_help_opens_with_hostile_settings(make_app):
    app = make_app(text=AGENDA)
    app.session.settings.body = f"Body [/b] {OSC52}"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert_safe(app)


@pytest.mark.parametrize("key, fmt", [("m", "md"), ("t", "txt"), ("h", "html"), ("d", "docx")])
async def test_export_of_text_xml_cannot_hold(make_app, tmp_path, key, fmt):
    if fmt == "docx":
        pytest.importorskip("docx")
    app = make_app(text=AGENDA)
    write_decisions(app, {"4": FROM_PDF, "2": "Agreed [/b] [confidential]."})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", key)
        await pilot.pause()
        path = tmp_path / f"agenda.decisions.{fmt}"
        assert path.exists()
        assert messages(app)[-1] == f"2 decisions exported to {path}"
        assert_safe(app)
    assert app._exception is None


async def test_a_pasted_escape_is_never_stored(make_app):
    app = make_app(text=AGENDA)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        # As the terminal sends it: to the app, which hands it to the focused editor.
        app.post_message(events.Paste(f"Agreed{OSC52}\r\nto \x9b2Jmeet\u202e."))
        await pilot.pause()
        assert_safe(app)
        await pilot.press("ctrl+a", "escape")  # ctrl+a: a control key, no character
        await pilot.pause()
    (decision,) = app.session.state(app.session.selected).decisions
    assert decision.text == "Agreed]52;c;cm0gLXJmIH4K\nto 2Jmeet."


async def test_looking_at_a_title_or_a_decision_changes_nothing(make_app):
    """A session file edited by hand may hold a control character: the editor and the
    rename dialog show it (␛), and leaving them unchanged keeps it as it was."""
    app = make_app(text=AGENDA)
    write_decisions(app, {"1": DECISIONS["1"]})
    app.session.selected = "1"
    title = app.session.item("1").title
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "e")
        await pilot.pause()
        assert "␛]52" in app.editor.text
        assert_safe(app)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        assert_safe(app)
        await pilot.press("enter")
        await pilot.pause()
    assert app.session.state("1").decisions[0].text == DECISIONS["1"]
    assert app.session.item("1").title == title == f"Opening {OSC52}"


async def test_follow_view_with_hostile_text(tmp_path):
    from core.test_user_text import meeting

    agenda = tmp_path / "agenda.txt"
    agenda.write_text(AGENDA, encoding="utf-8")
    path = tmp_path / "agenda.session.toml"
    session = meeting()
    session.take_up("2")
    path.write_text(dumps(session, str(agenda), agenda_hash(AGENDA)), encoding="utf-8")
    app = FollowApp(SessionWatcher(path), poll=None, tick=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = assert_safe(app)
        assert "[confidential]" in text and "␛]2;pwned␇" in text


# A fixed set of arbitrary texts (what the property tests of the renderers draw from):
# every screen, every dialog, with each as a title and as a decision.
ARBITRARY = [
    "".join(MARKUP),
    f"{OSC52}{RENAME}\x00\x0b\x0c\x7f\x85\x9b\ufffe\uffff",
    "\u202eevil\u202c\u2066\u2069 עברית العربية",
    "日本語の議題 👩‍👩‍👧 e\u0301\u200d\u200b",
    "[b]bold[/b] [@click=app.quit]quit[/] [link=http://x]x[/link] \\[/b]",
    "tab\tand \x1b[31mred\x1b[0m and \x1b[2J\x1b[H clear",
]


@pytest.mark.parametrize("text", ARBITRARY)
async def test_arbitrary_text_on_every_screen(make_app, text):
    one_line = " ".join(text.replace("\x00", "").splitlines())  # NUL: a binary file
    agenda = AGENDA.replace("1. Opening", f"1. Opening {one_line}")
    app = make_app(text=agenda)
    write_decisions(app, {"1": text, "2": text})
    app.session.settings.body = one_line
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("space", "n", "s")  # current, then skipped: toasts
        await pilot.pause()
        assert_safe(app)
        for key in ("R", "t", "r", "x"):
            await pilot.press(key)
            await pilot.pause()
            assert_safe(app)
            await pilot.press("escape")
        await pilot.press("tab", "e")
        await pilot.pause()
        assert_safe(app)
        await pilot.press("escape")
        await pilot.pause()
    assert app._exception is None
