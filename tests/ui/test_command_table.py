"""The command table (ui/commands.py) is the one source of the keys: every action
exists, the bindings, the palette, README and ``meeting-tui --keys`` come from it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import cast

import pytest
from textual.app import App
from textual.binding import Binding

from meeting_tui.cli import main
from meeting_tui.ui.app import MeetingApp
from meeting_tui.ui.commands import BY_ACTION, COMMANDS, SETTING_COMMANDS, keys_markdown

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.action)
def test_every_command_has_its_action_on_the_app(command):
    method = getattr(MeetingApp, f"action_{command.action}", None)
    assert callable(method), f"MeetingApp has no action_{command.action}"
    if not command.bound:  # Textual's own action, run by Textual's own binding
        assert getattr(App, f"action_{command.action}", None) is not None


def test_one_command_per_action_and_per_key():
    assert len(BY_ACTION) == len(COMMANDS)
    keys = [part.strip() for c in COMMANDS for part in c.key.split(",")]
    assert len(keys) == len(set(keys))


def test_the_bindings_come_from_the_table():
    bound = {b.action: b for b in MeetingApp.BINDINGS if isinstance(b, Binding)}
    for command in COMMANDS:
        if not command.bound:
            assert command.action not in bound
            continue
        binding = bound[command.action]
        assert (binding.key, binding.description, binding.show, binding.priority) == (
            command.key, command.label, command.show, True)
        assert (binding.group.description if binding.group else None) == command.group


def test_the_palette_titles_are_distinct():
    titles = [c.palette for c in COMMANDS if c.palette] + [s.title for s in SETTING_COMMANDS]
    assert len(titles) == len(set(titles))


def test_the_readme_key_table_is_the_generated_one():
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- keys[^>]*-->\n(.*?)<!-- /keys -->", text, re.S)
    assert found, "README.md has no <!-- keys --> ... <!-- /keys --> table"
    assert found.group(1) == keys_markdown(), (
        "README's table of keys differs from the command table: paste `meeting-tui --keys`")


def test_keys_prints_the_table(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--keys"])
    assert exit_.value.code in (0, None)
    assert capsys.readouterr().out == keys_markdown()


async def test_the_help_screen_and_the_palette_list_the_table(make_app):
    from rich.table import Table
    from textual.widgets import Static

    from meeting_tui.ui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {c.palette for c in COMMANDS if c.palette} <= titles
        assert {s.title for s in SETTING_COMMANDS} <= titles
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = next(w for w in app.screen.query(Static) if type(w) is Static).content
        table = cast(Table, keys.renderable)  # drawn once per width (help.Rendered)
        assert list(table.columns[0].cells) == [c.display for c in COMMANDS]
