"""The time report's figures per item are the session's own, however the meeting went.

build_report sums each section from its sub-items up in one pass (issue 19: `r` at
5,000 items); the session answers item by item (``spent``, ``section_spent``): both
must agree on every item, after any run of takes-up, breaks, skips and days.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from helpers.clock import FakeClock
from helpers.report_agendas import PLANNED_BOARD
from hypothesis import given, settings
from hypothesis import strategies as st

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.report import build_report
from meeting_tui.core.session import Session

STEPS = st.lists(
    st.tuples(st.sampled_from(["next", "previous", "break", "resume", "skip", "end day",
                               "select"]),
              st.integers(0, 9), st.integers(0, 3_600)),
    max_size=25,
)


@settings(max_examples=60, deadline=None)
@given(STEPS)
def test_every_item_reads_as_the_session_says(steps):
    clock = FakeClock(datetime(2021, 3, 3, 8, tzinfo=UTC))
    session = Session(parse_agenda(PLANNED_BOARD), now=clock)
    keys = [item.key for item in session.order]
    for action, index, seconds in steps:
        clock.now += timedelta(seconds=seconds)
        try:
            if action == "next":
                session.take_up_next()
            elif action == "previous":
                session.take_up_previous()
            elif action == "break":
                session.pause()
            elif action == "resume":
                session.start()
            elif action == "skip":
                session.toggle_skip(keys[index % len(keys)])
            elif action == "end day":
                session.end_day()
            else:
                session.take_up(keys[index % len(keys)])
        except ValueError:
            pass  # not possible in this state: the session says so and changes nothing
    report = build_report(session)
    now = report.at
    for figures in report.items:
        key = figures.key
        assert figures.spent_seconds == round(session.spent(key, now))
        assert figures.section_seconds == round(session.section_spent(key, now))
        assert figures.status == session.state_status(key).value
        assert figures.planned_minutes == session.planned_minutes(key)
