"""SVG snapshots of time-keeping: the clock at 80 % and 120 % of a plan, the time report
and the plan dialog (a frozen clock, no cursor blink, no tick, UTC).

Accept intended changes with `pytest tests/snapshots/test_snapshots_time.py --snapshot-update`.
"""

from __future__ import annotations

import pytest

AGENDA = """\
Working party, 21-22 September 2020

1. Opening of the meeting and adoption of the agenda [15 min]
2. Reports
2.1 Finance [20 min]
2.2 Audit
3. Budget 2021 [1h]
4. Any other business
"""


@pytest.fixture(autouse=True)
def utc(zone):
    zone("UTC")


def at_share_of_plan(clock, minutes: int, seconds: int = 0):
    """Take up item 1 (15 min), let the clock run, show the picture."""

    async def run(pilot):
        await pilot.press("n")
        clock.advance(minutes=minutes, seconds=seconds)
        pilot.app.tick()
        pilot.app.clear_notifications()
        await pilot.pause()

    return run


def test_clock_at_80_percent_of_the_plan(snap_compare, make_app, clock):
    app = make_app(text=AGENDA)
    assert snap_compare(app, terminal_size=(120, 40), run_before=at_share_of_plan(clock, 12))


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_clock_at_120_percent_of_the_plan(snap_compare, make_app, clock, size):
    app = make_app(text=AGENDA)
    assert snap_compare(app, terminal_size=size, run_before=at_share_of_plan(clock, 18))


def test_time_report_screen(snap_compare, make_app, clock):
    """Day 1 with a break, ended; Day 2 under way; the report opened with r."""

    async def run(pilot):
        await pilot.press("n")
        clock.advance(minutes=14)
        await pilot.press("n", "n")  # 2, 2.1
        clock.advance(minutes=25)
        await pilot.press("space")
        clock.advance(minutes=20)
        await pilot.press("space")
        clock.advance(minutes=10)
        await pilot.press("ctrl+d", "y")
        clock.advance(minutes=60 * 23)
        await pilot.press("space", "n")  # Day 2: 2.2
        clock.advance(minutes=7, seconds=30)
        pilot.app.tick()
        pilot.app.clear_notifications()
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(make_app(text=AGENDA), terminal_size=(120, 40), run_before=run)


def test_plan_dialog(snap_compare, make_app, clock):
    async def run(pilot):
        await pilot.press("down", "t")
        await pilot.pause()

    assert snap_compare(make_app(text=AGENDA), terminal_size=(80, 24), run_before=run)
