"""The bar at the top: where the meeting is and how long it has run."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from ...core.clock import format_duration
from ...core.session import Session
from .. import display
from ..display import estimate, item_clock, state_badge, style_of


class TopBar(Static):
    """Redrawn on every clock tick; nothing else is."""

    COMPONENT_CLASSES = display.COMPONENT_CLASSES

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session

    def render(self) -> Table:
        session = self.session
        style = style_of(self)
        now = session.now()
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(justify="right", no_wrap=True)
        wall = now.astimezone().strftime("%H:%M:%S")
        sittings = session.sittings()
        today = sittings[-1] if sittings else None
        right = Text.assemble(
            state_badge(session, style),
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
                Text.assemble(item_clock(session, current, now, style), "  ",
                              estimate(session, now)),
            )
        else:
            grid.add_row(Text("No item taken up yet: n takes up the first", style="dim"),
                         estimate(session, now))
        return grid
