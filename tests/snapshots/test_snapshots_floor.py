"""SVG snapshots of the floor: the strip on the meeting screen (a speech under way, its
countdown highlighted from 80 %, the next speakers) at 80x24 and 120x40, with the editor
open at 80x24, and the follow view with a speaker.

Accept intended changes with
`pytest tests/snapshots/test_snapshots_floor.py --snapshot-update`.
"""

from __future__ import annotations

import pytest
from helpers.paths import SEPTEMBER

from meeting_tui.core.roll import Participant, Presence

SPEAKERS = ("Ms Dourthe", "Mr Labrador Jimenez", "Ms Harmatz", "Mr Bianchi", "Ms Okafor")


@pytest.fixture(autouse=True)
def utc(zone):
    zone("UTC")


def floor_under_way(session, clock) -> None:
    """Item 1 taken up; a roll of five with a quorum; a 3-minute limit; a point of order
    and five speakers asked; the first has spoken 2:30 (past 80 %)."""
    session.set_roll([Participant(name) for name in SPEAKERS])
    for name in SPEAKERS[:4]:
        session.mark(name, Presence.PRESENT)
    session.set_quorum("1/2")
    session.set_speaking_limit(180)
    session.take_up_next()
    clock.advance(minutes=3)
    for name in SPEAKERS:
        session.add_speaker(session.current, name)
    session.add_speaker(session.current, "Chair", point_of_order=True)
    session.give_floor()
    clock.advance(seconds=150)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_the_floor_strip(snap_compare, make_app, clock, size):
    app = make_app()
    floor_under_way(app.session, clock)

    async def settle(pilot):
        pilot.app.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_the_floor_strip_with_the_editor_open_80x24(snap_compare, make_app, clock):
    """The editor keeps its room: the strip's one line comes from the decisions."""
    app = make_app()
    floor_under_way(app.session, clock)

    async def write(pilot):
        await pilot.press("a", *"Took note of the statement by the delegation.")
        pilot.app.tick()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=write)


def test_the_list_of_speakers_dialog_80x24(snap_compare, make_app, clock):
    app = make_app()
    floor_under_way(app.session, clock)
    assert snap_compare(app, terminal_size=(80, 24), press=["l"])


def test_the_roll_dialog_80x24(snap_compare, make_app, clock):
    app = make_app()
    floor_under_way(app.session, clock)
    assert snap_compare(app, terminal_size=(80, 24), press=["L"])


@pytest.fixture
def follow_floor(tmp_path, clock):
    """A follow view of a session whose current item has a speech under way."""
    from meeting_tui.files.durable import write_atomic
    from meeting_tui.files.opening import open_session
    from meeting_tui.files.session_toml import dumps
    from meeting_tui.files.watcher import SessionWatcher
    from meeting_tui.ui.follow import FollowApp

    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    _a, session, path, digest = open_session(str(agenda), None, None)
    session.now = clock
    floor_under_way(session, clock)
    write_atomic(path, dumps(session, str(agenda), digest))
    return FollowApp(SessionWatcher(path, now=clock), poll=None, tick=False)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_the_follow_view_with_a_speaker(snap_compare, follow_floor, size):
    assert snap_compare(follow_floor, terminal_size=size)
