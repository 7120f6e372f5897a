"""The app says so when the computer's wall clock jumped (ui/timekeeping.check_clock,
on the app's tick), once per jump, and its clocks go on counting the time that really
passed (core/clock.SteadyClock)."""

from __future__ import annotations

from helpers.clock import JumpingClock
from textual.widgets._toast import Toast

from meeting_tui.core.clock import SteadyClock


def _notices(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


async def test_a_jump_of_the_wall_clock_is_said_once_and_the_clocks_keep_time(make_app):
    wall = JumpingClock()
    app = make_app()
    app.session.now = SteadyClock(wall, wall.monotonic)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.press("n")  # the first item taken up: the meeting's clock runs
        await pilot.pause()
        key = app.session.current
        wall.advance(minutes=10)
        app.tick()
        await pilot.pause()
        assert not [m for m in _notices(app) if "clock was" in m]  # no jump: no news
        wall.jump(hours=-2)
        wall.advance(minutes=5)
        app.tick()
        await pilot.pause()
        said = [m for m in _notices(app) if "clock was" in m]
        assert said == ["The computer's clock was set back 2:00:00: the meeting's clocks "
                        "keep counting the time that really passed (restarting the app "
                        "takes the computer's time again)"]
        assert any("set back 2:00:00" in str(toast.render()) for toast in app.query(Toast))
        app.tick()  # the next tick: the same jump is not said again
        await pilot.pause()
        assert len([m for m in _notices(app) if "clock was" in m]) == 1
        assert app.session.spent(key) == 15 * 60
        wall.jump(days=3)
        app.tick()
        await pilot.pause()
        assert [m for m in _notices(app) if "put forward 3 days, 0:00:00" in m]
        assert app.session.spent(key) == 15 * 60
