"""The time report's dialog (r), as `meeting-tui report` prints it: its lines drawn as
they come into view.

A module of its own, not with the other dialogs (``dialogs.py``): the first `r` of a
session imports only this screen and the widget that draws the lines, 4.6 million
instructions (every subclass of a Textual widget costs some 3 million to make: the
other dialogs' module, 10.6 million more, was a twentieth of the first opening).
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, visualize
from textual.widget import Widget
from textual.widgets import Label

from ...core.printable import printable
from .dialog import Dialog


class TextLines(Widget):
    """Lines of plain text, each drawn only when it is in view, cut with an ellipsis
    where too long. A Static draws every line when it opens: the time report of 5,000
    items took 0.4 s to appear, of 20,000 items 9 s. The lines may be a sequence that
    makes each line when it is asked for (the time report's ``ReportText``): only
    their count is needed to lay them out, and the lines in view to draw them."""

    DEFAULT_CSS = "TextLines { height: auto; }"

    def __init__(self, lines: str | Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lines: Sequence[str] = lines.split("\n") if isinstance(lines, str) else lines
        # Drawn lines by (line, width, style), some 0.2 ms each: drawn again when the
        # dialog is laid out again or scrolled back to them.
        self._drawn: dict[tuple[int, int, Style], Strip] = {}

    def get_content_width(self, container: Size, viewport: Size) -> int:
        # Only asked for with ``width: auto`` (the dialog gives the width): it makes
        # every line.
        return max(map(cell_len, self.lines), default=0)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines)

    def render_line(self, y: int) -> Strip:
        """The line as a Static draws it (Textual's own path, the widget's styles)."""
        width, style = self.size.width, self.visual_style
        if y >= len(self.lines):
            return Strip.blank(width, style.rich_style)
        key = (y, width, style)
        strip = self._drawn.get(key)
        if strip is None:
            if len(self._drawn) >= DRAWN:
                self._drawn.clear()
            line = Text(printable(self.lines[y]), no_wrap=True, overflow="ellipsis", end="")
            strips = Visual.to_strips(self, visualize(self, line), width, 1, style)
            strip = strips[0] if strips else Strip.blank(width, style.rich_style)
            self._drawn[key] = strip
        return strip


DRAWN = 1024  # lines of a TextLines kept drawn (a screen shows some 40)


class ReportScreen(Dialog[None]):
    """The time report, as `meeting-tui report` prints it: its lines are made as they
    come into view (core/report.py ``ReportText``)."""

    BINDINGS = [Binding("escape,q,r", "app.pop_screen", "Close")]

    def __init__(self, text: str | Sequence[str]) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        lines = TextLines(self.text, id="report-text")
        scroll = VerticalScroll(classes="dialog report")
        if len(lines.lines) > self.app.size.height:
            # Longer than the screen: its scrollbar is shown whatever happens, so shown
            # from the start, not after the report was laid out and drawn without it.
            scroll.styles.overflow_y = "scroll"
        with scroll:
            yield lines
            yield Label("escape closes · the command meeting-tui report SESSION prints it too",
                        classes="hint")
