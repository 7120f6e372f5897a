"""The bar at the top: where the meeting is and how long it has run."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Static

from ...core.clock import format_duration
from ...core.session import Session
from .. import display
from ..display import StyleOf, estimate, item_clock, plain, state_badge, style_of
from .kept_styles import KeptStyles


class TopBar(KeptStyles, Static):
    """Redrawn on every clock tick; nothing else is. Its colours are kept from one
    drawing to the next (kept_styles.py)."""

    COMPONENT_CLASSES = display.TOP_BAR_CLASSES
    _strips: list[Strip] | None = None  # the lines, while render_lines draws them

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session

    def render_lines(self, crop: Region) -> list[Strip]:
        """The two lines drawn here, straight into strips, when each is one Text of the
        bar's width (as a rule): Textual's way, for Rich renderables and its own
        Content alike, wraps and splits them again, most of the bar's cost on every
        tick and every `n`. Otherwise (a narrow bar, not laid out yet) as a Static."""
        self._strips = None
        first, second = self.lines()
        width = self.content_size.width
        if isinstance(first, Text) and isinstance(second, Text) and width:
            base = self.rich_style
            console = self.app.console
            self._strips = [Strip(list(text.render(console))).apply_style(base)
                            .adjust_cell_length(width, base) for text in (first, second)]
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        strips = self._strips
        if strips is None:
            return super().render_line(y)
        return strips[y] if y < len(strips) else Strip.blank(self.content_size.width,
                                                            self.rich_style)

    def render(self) -> Group:
        return Group(*self.lines())

    def lines(self) -> tuple[Text | Table, Text | Table]:
        """Two lines, each a grid of its own (a long first line must not narrow the
        second's left part). The first line's right part drops words before the
        title loses its room: "today", "breaks", then the breaks time itself."""
        session = self.session
        style = style_of(self)
        now = session.now()
        sittings = session.sittings()
        today = sittings[-1] if sittings else None
        spent = format_duration(today.spent(now) if today else 0, hours=True)
        breaks = format_duration(today.break_seconds(now) if today else 0, hours=True)
        wall = (now.astimezone().strftime("%H:%M:%S"), "bold")
        badge = state_badge(session, style)
        title = plain(session.title, style="bold")
        choices = [
            Text.assemble(badge, " today ", (spent, "bold"), " breaks ", (breaks, "bold"),
                          "  ", wall),
            Text.assemble(badge, " ", (spent, "bold"), " +", (breaks, "bold"), " break  ",
                          wall),
            Text.assemble(badge, " ", (spent, "bold"), "  ", wall),
        ]
        quorum = quorum_badge(session, style)
        if quorum is not None:  # before the rest, and kept while words are dropped
            choices = [Text.assemble(quorum, "  ", choice) for choice in choices]
            choices.append(Text.assemble(quorum, "  ", badge, " ", (spent, "bold")))
        laid_out = self.content_size.width
        width = laid_out or self.size.width
        room = max(width - min(title.cell_len, TITLE_ROOM) - 1, 0)
        right = next((c for c in choices if c.cell_len <= room), choices[-1])
        current = session.current
        if current:
            item = session.item(current)
            left = Text.assemble(("Now: ", "bold"), plain(item.label))
            clock = Text.assemble(item_clock(session, current, now, style), "  ",
                                  estimate(session, now))
        else:
            left = Text("No item taken up yet: n takes up the first", style="dim")
            clock = estimate(session, now)
        return line(title, right, laid_out), line(left, clock, laid_out)


def quorum_badge(session: Session, style: StyleOf) -> Text | None:
    """'quorum 31/48 ✓', coloured met or not; None without a quorum rule."""
    status = session.quorum_status()
    if status is None:
        return None
    return Text(status.text(), style=style(QUORUM_MET if status.met else QUORUM_SHORT))


QUORUM_MET, QUORUM_SHORT = "clock--ok", "clock--over"

# The title keeps this many columns (or all it needs) before the top bar drops words.
TITLE_ROOM = 40


def line(left: Text, right: Text, width: int = 0) -> Text | Table:
    """One line: ``left`` cut with an ellipsis, ``right`` whole at the right edge.

    Drawn as a grid of two columns would draw it, but as one Text of ``width`` cells
    (the bar is drawn on every clock tick and every `n`, and a Rich table costs a few
    times more to draw); the grid itself where it would not give ``right`` its width
    and ``left`` a cell (a narrow bar, an unknown width), would strip ``right``'s end,
    or pads an empty part its own way: the bar reads the same either way
    (tests/ui/test_top_bar.py).
    """
    right_width = cell_len(right.plain)
    if (width < right_width + 2 or not left.plain or not right.plain
            or right.plain[-1].isspace() or "\n" in left.plain or "\n" in right.plain):
        return grid(left, right)
    cut = left.copy()
    cut.truncate(width - right_width - 1, overflow="ellipsis", pad=True)
    drawn = Text(no_wrap=True, overflow="crop")
    drawn.append_text(cut)
    drawn.append(" ")
    drawn.append_text(right)
    return drawn


def grid(left: Text, right: Text) -> Table:
    """The line as a grid: ``left`` takes the room ``right`` leaves."""
    table = Table.grid(expand=True, padding=(0, 1))
    table.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
    table.add_column(justify="right", no_wrap=True)
    table.add_row(left, right)
    return table
