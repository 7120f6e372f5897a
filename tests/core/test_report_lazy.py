"""The time report's figures and lines are made when asked for (issue 19: `r` at 5,000
items built and formatted every item before the dialog opened): building a report
makes no item's figures, and its text no item's line, until one is asked for; asked
for in any order, the lines are the text `meeting-tui report` prints."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from helpers.clock import FakeClock
from helpers.report_agendas import PLANNED_BOARD, planned_sections
from hypothesis import given, settings
from hypothesis import strategies as st

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.report import ReportText, build_report, render_text
from meeting_tui.core.session import Session

STEPS = st.lists(
    st.tuples(st.sampled_from(["next", "break", "resume", "skip", "end day", "select",
                               "plan", "speak"]),
              st.integers(0, 9), st.integers(0, 3_600)),
    max_size=20,
)




@settings(max_examples=40, deadline=None)
@given(STEPS, st.sampled_from([None, 60, 74, 100]), st.randoms(use_true_random=False))
def test_the_lines_asked_in_any_order_are_the_text(steps, width, rng: random.Random):
    clock = FakeClock(datetime(2021, 3, 3, 8, tzinfo=UTC))
    session = Session(parse_agenda(PLANNED_BOARD), now=clock)
    keys = [item.key for item in session.order]
    for action, index, seconds in steps:
        clock.now += timedelta(seconds=seconds)
        key = keys[index % len(keys)]
        try:
            if action == "next":
                session.take_up_next()
            elif action == "break":
                session.pause()
            elif action == "resume":
                session.start()
            elif action == "skip":
                session.toggle_skip(key)
            elif action == "end day":
                session.end_day()
            elif action == "plan":
                session.set_plan(key, None if index % 3 == 0 else index)
            elif action == "speak" and session.current is not None:
                session.add_speaker(None, f"Speaker {index % 3}")
                session.give_floor()
            else:
                session.take_up(key)
        except ValueError:
            pass  # not possible in this state: the session says so and changes nothing
    report = build_report(session)
    text = render_text(report, tz=UTC, zone_name="UTC", width=width)
    lines = ReportText(report, tz=UTC, zone_name="UTC", width=width)
    order = list(range(len(lines)))
    rng.shuffle(order)
    asked = {n: lines[n] for n in order}
    assert [asked[n] for n in range(len(lines))] == text.split("\n")
    assert list(lines) == text.split("\n") and lines[-1] == "" and text.endswith("\n")
    assert [f.key for f in report.items] == keys


def test_nothing_is_made_for_an_item_until_it_is_asked_for():
    clock = FakeClock(datetime(2021, 3, 3, 8, tzinfo=UTC))
    session = Session(parse_agenda(planned_sections(2_000)), now=clock)
    session.take_up_next()
    clock.advance(minutes=3)
    session.take_up_next()
    report = build_report(session)
    lines = ReportText(report, width=100)
    assert report.items.made == 0 and lines.made == 0
    assert len(lines) == len(lines.head) + 2_000 + len(lines.tail)  # counted, not made
    first = len(lines.head)
    assert lines[first].split()[:3] == ["1", "Section", "1"]
    assert "0:03:00" in lines[first] and lines[first].endswith("done")  # 3 minutes on 1
    assert lines[first + 1].endswith("current")  # 1.1
    assert lines[first + 1_999].split()[:2] == ["200.9", "Item"]
    assert report.items.made == 3 and lines.made == 3
    assert report.items[0].section_seconds == 180
