"""SVG snapshots of the meeting screen (a frozen clock, no cursor blink, no tick).

Accept intended changes with `pytest tests/snapshots/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from helpers.paths import NOVEMBER, SEPTEMBER


@pytest.fixture(autouse=True)
def utc(zone):
    zone("UTC")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("agenda", [SEPTEMBER, NOVEMBER], ids=["september", "november"])
def test_main_screen_fresh(snap_compare, make_app, agenda, size):
    assert snap_compare(make_app(agenda), terminal_size=size)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
@pytest.mark.parametrize("agenda", [SEPTEMBER, NOVEMBER], ids=["september", "november"])
def test_main_screen_in_progress(snap_compare, make_app, clock, agenda, size):
    """Two items done, one current with a final and a draft decision, cursor moved on."""

    async def meeting(pilot):
        await pilot.press("n")
        clock.advance(minutes=4, seconds=30)
        await pilot.press("n", "n")
        clock.advance(minutes=7, seconds=5)
        await pilot.press("a", *"Took note of the preliminary draft.", "escape", "f")
        await pilot.press("a", *"Agreed to continue at the next meeting.", "escape")
        await pilot.press("tab", "down", "down")
        pilot.app.tick()
        pilot.app.clear_notifications()  # toasts time out: not part of the picture
        await pilot.pause()

    assert snap_compare(make_app(agenda), terminal_size=size, run_before=meeting)


def test_help_screen(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=(120, 40), press=["question_mark"])


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_main_screen_amended(snap_compare, make_app, size):
    """An item added (+), one renamed and one moved (~), the added one selected."""

    async def amend(pilot):
        app = pilot.app
        session = app.session
        session.rename_item("2.3", "2.3", "Decision on the theme of the next monitoring round")
        session.move_item("4", -1)
        key = session.add_item("1", "after", "1bis", "Urgent matter raised by a Party")
        app.agenda_amended(key, "amended")
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=size, run_before=amend)
