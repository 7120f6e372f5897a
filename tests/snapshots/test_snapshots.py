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


LONG_TITLE = ("Extraordinary joint meeting of the Committee of the Parties and of its Bureau, "
              "Strasbourg and online, 21-25 September 2020")


def test_80x24_long_title_long_decisions_and_notices(snap_compare, make_app, clock):
    """80x24 first: a long meeting title; a decision list longer than the panel, with
    multi-line decisions whole (beside the scrollbar); three notices, two shown."""

    async def meeting(pilot):
        await pilot.press("n")
        clock.advance(minutes=3)
        for n in range(1, 5):
            await pilot.press("a", *f"Decision {n} on three lines:", "enter", *"second line",
                              "enter", *"third line", "escape")
        await pilot.press("f")
        app = pilot.app
        for text in ("First notice", "Second notice", "Third notice, the newest"):
            app.notify(text, timeout=60)
        app.tick()
        await pilot.pause()

    app = make_app(title=LONG_TITLE)
    assert snap_compare(app, terminal_size=(80, 24), run_before=meeting)


def test_80x24_the_editor_open(snap_compare, make_app, clock):
    """Writing: the editor grows with the decision, the decisions keep their room."""

    async def meeting(pilot):
        await pilot.press("n", "a", *"Took note of the report", "enter",
                          *"and asked the Secretariat to circulate it.")
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=meeting)


def test_80x24_sub_item_dialog(snap_compare, make_app):
    """The number field shows the whole proposed number."""

    async def dialog(pilot):
        await pilot.press("down", "down", "down", "down", "down", "I")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=dialog)


def test_80x24_notes_under_the_decisions(snap_compare, make_app, clock):
    """The secretary's notes under the item's decisions: the newest two at 80x24, a line
    each (a long one cut with …), and how many came before; the decisions keep rows."""

    async def meeting(pilot):
        app = pilot.app
        for line in ("f Adopted the agenda.", "d Agreed to meet again in spring.",
                     "n Chair: Welcome to all.", "n Secretariat: Presented the draft report.",
                     "n Parties commented at length on the draft, paragraph by paragraph, "
                     "and asked for a second reading."):
            app.followup.run(line)
        app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=meeting)
