"""Plans.remaining adds up sums made once and looks only at the items with a state
(core/plans.py); whatever the agenda's shape, its plans and the meeting's course, it
says what a walk over every item says. The walk is here: it is what remaining did
before, item by item."""

from __future__ import annotations

from bisect import bisect_left
from datetime import UTC, datetime

from helpers.clock import FakeClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import ItemStatus, Session

OPEN = (ItemStatus.PENDING, ItemStatus.CURRENT)
TAKEN_UP = (ItemStatus.CURRENT, ItemStatus.DONE)


def walked(session: Session) -> tuple[float, int]:
    """remaining, the long way: every unit and every planless item looked at."""
    plans, states, now = session.plans, session.states, session.now()
    units, planless = plans.units()
    index = session.outline.index
    taken = sorted(index[k] for k, s in states.items()
                   if (s.status in TAKEN_UP or s.spans) and k in index)
    current = next((index[k] for k, s in states.items()
                    if s.status is ItemStatus.CURRENT and k in index), -1)

    def passed(reach) -> bool:  # type: ignore[no-untyped-def]
        if not taken:
            return False
        for first, last in reach:
            if taken[-1] <= last or first <= current <= last:
                return False
            at = bisect_left(taken, first)
            if at < len(taken) and taken[at] <= last:
                return True
        return False

    seconds = 0.0
    for n, (plan, keys) in enumerate(units):
        found = [states.get(k) for k in keys]
        if any(s is None or s.status in OPEN for s in found) and not passed(plans._reach[n]):
            spent = sum(sum(sp.seconds(now) for sp in s.spans) for s in found if s)
            seconds += max(0.0, plan - spent)
    unplanned = sum(1 for n, key in enumerate(planless)
                    if (states.get(key) is None or states[key].status in OPEN)
                    and not passed(plans._planless_reach[n]))
    return seconds, unplanned


PLANS = ("", "", " [10 min]", " [1h]", " [5 min]")


@st.composite
def agendas(draw) -> str:  # type: ignore[no-untyped-def]
    """Numbered items three deep, some with a plan, some bullets."""
    lines = ["Meeting", ""]
    for a in range(1, draw(st.integers(1, 5)) + 1):
        lines.append(f"{a}. Item {a}{draw(st.sampled_from(PLANS))}")
        for b in range(1, draw(st.integers(0, 3)) + 1):
            lines.append(f"{a}.{b}. Sub {a}.{b}{draw(st.sampled_from(PLANS))}")
            for c in range(1, draw(st.integers(0, 2)) + 1):
                lines.append(f"{a}.{b}.{c}. Point{draw(st.sampled_from(PLANS))}")
    return "\n".join(lines) + "\n"


steps = st.lists(st.one_of(
    st.tuples(st.just("take_up"), st.integers(0, 60)),
    st.tuples(st.just("next")),
    st.tuples(st.just("previous")),
    st.tuples(st.just("skip"), st.integers(0, 60)),
    st.tuples(st.just("plan"), st.integers(0, 60), st.none() | st.integers(0, 90)),
    st.tuples(st.just("clock")),
    st.tuples(st.just("wait"), st.integers(0, 3600)),
), max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=agendas(), ops=steps)
def test_remaining_says_what_the_walk_says(text: str, ops: list[tuple]) -> None:
    clock = FakeClock(datetime(2025, 3, 3, 8, 0, tzinfo=UTC))
    session = Session(parse_agenda(text), now=clock)
    keys = [item.key for item in session.order]
    assert session.remaining_plan() == walked(session)
    for name, *args in ops:
        if name == "take_up":
            session.take_up(keys[args[0] % len(keys)])
        elif name == "next":
            session.take_up_next()
        elif name == "previous":
            session.take_up_previous()
        elif name == "skip":
            session.toggle_skip(keys[args[0] % len(keys)])
        elif name == "plan":
            session.set_plan(keys[args[0] % len(keys)], args[1])
        elif name == "clock":
            session.toggle_clock()
        else:
            clock.advance(seconds=args[0])
        assert session.remaining_plan() == walked(session), name
        assert session.total_planned_minutes() == sum(p for p, _ in session.plans.units()[0]) // 60
