"""Pilot tests of the previous meeting's carried decisions in the app: `adopt` on the
command line marks them adopted in the old session file, through its lock; while the
old meeting's app holds that file, one line says so, nothing of it changes, and the
adoption is done on the next open. And the item panel's notes, under the decisions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from helpers.clock import FakeClock
from helpers.followup import two_meetings
from textual.widgets import Static

from meeting_tui import cli
from meeting_tui.core.session import DecisionStatus
from meeting_tui.files import session_file
from meeting_tui.files.lock import SessionLock
from meeting_tui.files.opening import open_session
from meeting_tui.files.session_toml import default_session_path
from meeting_tui.ui.app import MeetingApp
from meeting_tui.ui.command_line import CommandLineScreen

SIZE = (120, 40)
DAY = date(2020, 11, 23)


@pytest.fixture
def meetings(tmp_path, capsys):
    old, new_agenda = two_meetings(tmp_path)
    assert cli.main(["next", str(old), str(new_agenda)]) == 0
    capsys.readouterr()
    return old, new_agenda


def new_app(new_agenda) -> MeetingApp:
    _agenda, session, path, digest = open_session(str(new_agenda), None, None)
    session.now = FakeClock(datetime(2020, 11, 23, 8, 0, tzinfo=UTC))
    return MeetingApp(session, path, str(new_agenda), digest, blink=False, tick=False)


def notes_box(app) -> str:
    box = app.query_one("#item-notes", Static)
    return str(box.render()) if box.display else ""


def old_statuses(old) -> set[tuple[str, date | None]]:
    decisions = session_file.load_alone(old)[1].session.state("2.1.1").decisions
    return {(d.status.value, d.adopted) for d in decisions}


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def entry(pilot, line: str) -> str:
    await pilot.press("colon")
    await pilot.press(*line, "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, CommandLineScreen)
    said = screen.said
    await pilot.press("escape")
    return said


async def test_adopt_on_the_command_line_marks_the_old_session(meetings):
    old, new_agenda = meetings
    app = new_app(new_agenda)
    async with app.run_test(size=SIZE) as pilot:
        assert "The 28th meeting's decisions: not adopted yet" in notes_box(app)
        said = await entry(pilot, "adopt")
        assert said == "The 28th meeting's 2 decisions adopted on 23 November 2020"
        assert any(m.startswith("2 decisions marked adopted on 23 November 2020 in the "
                                "28th meeting's session") for m in messages(app))
        assert old_statuses(old) == {("adopted", DAY)}
        assert "The 28th meeting's decisions: adopted on 23 November 2020" in notes_box(app)
        assert "not marked" not in notes_box(app)
        await pilot.press("u")  # undone here: final again there
        await pilot.pause()
        assert old_statuses(old) == {("final", None)}
        app.autosaver.flush()
    record = session_file.load_alone(default_session_path(new_agenda))[1].session \
        .settings.previous
    assert record is not None and record.adopted_on is None and not record.pending


async def test_the_old_meeting_open_refuses_in_one_line_and_the_next_open_marks(meetings):
    old, new_agenda = meetings
    before = old.read_bytes()
    with SessionLock(old):  # the 28th meeting's app is open
        app = new_app(new_agenda)
        async with app.run_test(size=SIZE) as pilot:
            said = await entry(pilot, "adopt")
            assert said.endswith("adopted on 23 November 2020")
            refused = [m for m in messages(app) if "open in another meeting-tui" in m]
            assert len(refused) == 1 and "\n" not in refused[0]
            assert "on the next open of this meeting" in refused[0]
            assert "(its session not marked yet)" in notes_box(app)
            assert any(c.title.startswith("Mark the adoption")
                       for c in app.get_system_commands(app.screen))
            app.autosaver.flush()
        assert old.read_bytes() == before  # not a byte
    saved = session_file.load_alone(default_session_path(new_agenda))[1].session
    assert saved.settings.previous is not None and saved.settings.previous.pending
    app = new_app(new_agenda)  # the next open, the old file free: marked now
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any(m.startswith("2 decisions marked adopted") for m in messages(app))
        assert not any(c.title.startswith("Mark the adoption")
                       for c in app.get_system_commands(app.screen))
    assert old_statuses(old) == {("adopted", DAY)}


async def test_the_panel_shows_the_items_notes_under_its_decisions(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.query_one("#item-notes", Static).display  # none: no room taken
        for line in ("f Adopted the agenda.", "n Chair: Welcome to all.",
                     "n Presented the draft report.", "n Parties commented at length on "
                     "the draft, paragraph by paragraph, and asked for a second reading."):
            await entry(pilot, line)
        text = notes_box(app)
        assert text.startswith("Notes · 3 · not in the List · N: all")
        assert "… 1 earlier" in text  # 80 columns: the newest two
        assert "Chair: Welcome" not in text and "Presented the draft report." in text
        box = app.query_one("#item-notes", Static)
        assert box.size.height == len(text.splitlines()) == 4  # a long note is cut with …,
        assert box.size.width < 80  # never wrapped: the decisions keep their rows
        assert app.query_one("#decisions").size.height >= 3
        assert app.session.state("1").decisions[0].status is DecisionStatus.FINAL
        app.followup.run("n Typed\x1b[2Jover")  # user text: never raw on the terminal
        await pilot.pause()
        assert "\x1b" not in notes_box(app) and "Typed" in notes_box(app)
        await pilot.press("down")  # another item: its own notes (none)
        await pilot.pause()
        assert notes_box(app) == ""
