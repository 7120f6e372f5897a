"""The bar at the top: where the meeting is and how long it has run."""

from __future__ import annotations

from datetime import datetime, timedelta

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...core.clock import format_duration
from ...core.session import MeetingState, Session

# The current item's clock against its plan: under 80 %, from 80 %, past it.
LEVEL_STYLE = {None: "bold", "ok": "bold green", "near": "bold black on yellow",
               "over": "bold white on red"}


def state_label(session: Session) -> str:
    """'not started', 'Day 2 · running', 'Day 2 · on a break', 'Day 2 ended'."""
    state = session.meeting_state
    day = len(session.sittings())
    if state is MeetingState.RUNNING or state is MeetingState.BREAK:
        return f"Day {day} · {state.value}"
    if state is MeetingState.DAY_ENDED:
        return f"Day {day} ended"
    return state.value


def item_clock(session: Session, key: str, now: datetime) -> Text:
    """'12:34 of 15 min · 2:26 left', coloured by how much of the plan is used."""
    plan = session.planned_minutes(key)
    if plan is None:
        return Text(format_duration(session.spent(key, now)), style="bold")
    spent = session.section_spent(key, now)
    left = plan * 60 - spent
    tail = f"{format_duration(-left)} over" if left < 0 else f"{format_duration(left)} left"
    return Text(f"{format_duration(spent)} of {plan} min · {tail}",
                style=LEVEL_STYLE[session.time_level(key, now)])


def estimate(session: Session, now: datetime) -> Text:
    """Now + the planned time left on the items not yet done; says how many have no plan."""
    if not session.total_planned_minutes():
        return Text("no plans (t sets one)", style="dim")
    remaining, unplanned = session.remaining_plan(now)
    end = (now + timedelta(seconds=remaining)).astimezone()
    when = end.strftime("%H:%M") if end.date() == now.astimezone().date() else end.strftime(
        "%a %H:%M")
    text = Text.assemble("ends ~", (when, "bold"))
    if unplanned:
        text.append(f" +{unplanned} unplanned", "dim")
    return text

STATE_STYLE = {
    MeetingState.NOT_STARTED: "bold white on grey37",
    MeetingState.RUNNING: "bold black on green",
    MeetingState.BREAK: "bold black on yellow",
    MeetingState.DAY_ENDED: "bold white on blue",
    MeetingState.ENDED: "bold white on blue",
}


class TopBar(Static):
    """Redrawn on every clock tick; nothing else is."""

    def __init__(self, session: Session, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session

    def render(self) -> Table:
        session = self.session
        now = session.now()
        state = session.meeting_state
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        wall = now.astimezone().strftime("%H:%M:%S")
        sittings = session.sittings()
        today = sittings[-1] if sittings else None
        right = Text.assemble(
            (f" {state_label(session)} ", STATE_STYLE[state]),
            " today ",
            (format_duration(today.spent(now) if today else 0, hours=True), "bold"),
            " breaks ",
            (format_duration(today.break_seconds(now) if today else 0, hours=True), "bold"),
            "  ",
            (wall, "bold"),
        )
        grid.add_row(Text(session.title, style="bold"), right)
        current = session.current
        if current:
            item = session.item(current)
            grid.add_row(
                Text.assemble(("Now: ", "bold"), item.label),
                Text.assemble(item_clock(session, current, now), "  ", estimate(session, now)),
            )
        else:
            grid.add_row(Text("No item taken up yet: n takes up the first", style="dim"),
                         estimate(session, now))
        return grid
