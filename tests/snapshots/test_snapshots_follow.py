"""SVG snapshots of the follow view (a frozen clock, no polling, no tick).

Accept intended changes with `pytest tests/snapshots/test_snapshots_follow.py --snapshot-update`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.paths import NOVEMBER, SEPTEMBER


@pytest.fixture(autouse=True)
def utc(zone):
    zone("UTC")


@pytest.fixture
def follow_app(tmp_path, clock):
    """A session in progress, written through the store, and a follow view of it."""
    from meeting_tui.files.durable import write_atomic
    from meeting_tui.files.opening import open_session
    from meeting_tui.files.session_toml import dumps
    from meeting_tui.files.watcher import SessionWatcher
    from meeting_tui.ui.follow import FollowApp

    def factory(source: Path, plan: int | None = None) -> FollowApp:
        agenda = tmp_path / source.name
        agenda.write_bytes(source.read_bytes())
        _a, session, path, digest = open_session(str(agenda), None, None)
        session.now = clock
        session.take_up_next()
        clock.advance(minutes=6)
        first = session.add_decision(session.current, "Adopted the agenda.")
        session.toggle_final(session.current, first.id)
        session.add_decision(session.current, "A draft, never shown here.")
        session.take_up_next()
        session.take_up_next()
        if plan is not None:
            session.set_plan(session.current, plan)
        clock.advance(minutes=12, seconds=30)
        second = session.add_decision(
            session.current, "Took note of the preliminary draft report.\n\n"
            "Invited the Parties to send their comments by 15 October 2020.")
        session.toggle_final(session.current, second.id)
        write_atomic(path, dumps(session, str(agenda), digest))
        return FollowApp(SessionWatcher(path, now=clock), poll=None, tick=False)

    return factory


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_follow_screen(snap_compare, follow_app, size):
    assert snap_compare(follow_app(SEPTEMBER, plan=15), terminal_size=size)


def test_follow_screen_november(snap_compare, follow_app):
    assert snap_compare(follow_app(NOVEMBER), terminal_size=(120, 40))
