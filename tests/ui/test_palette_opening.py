"""What the palette and the dialogs do as they open (issue 19: `ctrl+p`, `x`, `t`, `?`
at 5,000 items): no restyling for the app's breakpoints, and the items' index made once
the palette has listed, not at a fixed delay that can come first."""

from __future__ import annotations

import asyncio
import subprocess
import sys

from helpers.paths import SEPTEMBER
from textual.css.stylesheet import Stylesheet
from textual.widgets import OptionList

from meeting_tui.ui import providers
from meeting_tui.ui.item_search import ItemSearch
from meeting_tui.ui.screens.dialog import Dialog, Palette


async def test_the_palette_and_the_dialogs_take_no_breakpoint_class(make_app) -> None:
    """The breakpoints are the meeting screen's: set on a dialog as it was sized, each
    restyled the whole dialog once more as it opened."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.screen.has_class("-wide")
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        assert isinstance(app.screen, Palette)
        assert not app.screen.has_class("-wide") and not app.screen.has_class("-narrow")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause(0.2)
        assert isinstance(app.screen, Dialog)
        assert not app.screen.has_class("-wide") and not app.screen.has_class("-narrow")


async def test_the_items_index_is_made_once_the_palette_has_listed(make_app,
                                                                    monkeypatch) -> None:
    """At 5,000 items on a loaded machine, the index made 0.1 s after the palette opened
    (some 25 ms) came before the palette was drawn."""
    listed_then: list[int] = []
    prepare = ItemSearch.prepare
    app = make_app()

    def recorded(self: ItemSearch) -> None:
        listed_then.append(app.screen.query_one("CommandList", OptionList).option_count)
        prepare(self)

    discover = providers.CommandsProvider.discover

    async def slow_discover(self):  # type: ignore[no-untyped-def]
        await asyncio.sleep(0.4)  # the palette lists later than 0.1 s after it opens
        async for hit in discover(self):
            yield hit

    monkeypatch.setattr(ItemSearch, "prepare", recorded)
    monkeypatch.setattr(providers.CommandsProvider, "discover", slow_discover)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        for _ in range(40):
            await pilot.pause(0.05)
            if listed_then:
                break
        assert listed_then and listed_then[0] > 0


async def test_a_dialog_is_not_styled_whole_again_as_it_opens(make_app,
                                                                monkeypatch) -> None:
    """Styled as it mounted: Textual styled it whole again as it was first shown, and
    once more for the breakpoints as it was sized."""
    restyled: list[str] = []
    update_nodes = Stylesheet.update_nodes

    def recorded(self, nodes, animate=False):  # type: ignore[no-untyped-def]
        nodes = list(nodes)
        if nodes and isinstance(nodes[0], Dialog):
            restyled.append(type(nodes[0]).__name__)
        return update_nodes(self, nodes, animate)

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr(Stylesheet, "update_nodes", recorded)
        await pilot.press("question_mark")
        await pilot.pause(0.3)
        assert isinstance(app.screen, Dialog)
        assert restyled == []


def test_a_commands_help_is_shown_as_it_is() -> None:
    """A help is plain text: a backslash before a bracket (a file's name) is kept, not
    read as markup's escape."""
    prompt = providers.command_prompt("Mark the adoption", r"C:\[2020] minutes [C]",
                                      providers.Style())
    assert prompt.plain == "Mark the adoption\n" + r"C:\[2020] minutes [C]"


_FIRST_OPENING = """
import asyncio, shutil, sys, tempfile
from pathlib import Path
from meeting_tui.files.opening import open_session
from meeting_tui.ui.app import MeetingApp

LATER = ("meeting_tui.ui.floor", "meeting_tui.ui.followup", "meeting_tui.core.decision_list")

async def main():
    folder = Path(tempfile.mkdtemp())
    agenda = folder / "agenda.txt"
    shutil.copyfile(sys.argv[1], agenda)
    _agenda, session, path, digest = open_session(str(agenda), None, None)
    app = MeetingApp(session, path, str(agenda), digest, blink=False, tick=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        for _ in range(100):
            await pilot.pause(0.05)
            if app.screen.query("CommandList") and app.screen.query_one("CommandList").option_count:
                break
        listed = [option.prompt.plain.split(chr(10))[0] for option in
                  app.screen.query_one("CommandList").options]
        print(" ".join(name for name in LATER if name in sys.modules))
        print("Settings: quorum" in listed, "Export the follow-up actions" in listed)
        await pilot.press(*"Settings: quorum", "enter")
        await pilot.pause(0.3)
        print(type(app.screen).__name__, "meeting_tui.ui.floor" in sys.modules)
    shutil.rmtree(folder)

asyncio.run(main())
"""


def test_the_palette_lists_the_floors_commands_without_making_its_controller() -> None:
    """The floor's and the follow-up's commands are listed from the command table: the
    palette's first opening made both controllers, importing their modules (some 30 ms
    on a loaded machine), and the provider the whole List of decisions' module; the
    controller is made when one of its commands is chosen."""
    out = subprocess.run([sys.executable, "-c", _FIRST_OPENING, str(SEPTEMBER)],
                         capture_output=True, text=True, check=True, timeout=120)
    imported, listed, chosen = out.stdout.splitlines()
    assert imported == ""
    assert listed == "True True"
    assert chosen == "PromptScreen True"  # the quorum asked for
