"""Modal screens that ask: confirmations, the quit and new-day questions, the plan of an
item; and the time report. Questions and hints quote titles and decisions: they are
drawn as plain text (``display.plain``), never read as markup."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.geometry import Size
from textual.strip import Strip
from textual.style import Style
from textual.visual import Visual, visualize
from textual.widget import Widget
from textual.widgets import Button, Input, Label

from ...core.clock import parse_minutes
from ...core.printable import printable
from ..display import plain
from .dialog import Dialog


class ConfirmScreen(Dialog[bool]):
    """Yes / no; escape means no."""

    BINDINGS = [
        Binding("escape,n", "answer(False)", "No"),
        Binding("y", "answer(True)", "Yes"),
    ]

    def __init__(self, question: str, yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.yes, self.no = yes, no

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class QuitScreen(Dialog[str | None]):
    """The meeting clock is running: pause it before quitting, keep it, or stay."""

    BINDINGS = [
        Binding("escape,c", "answer(None)", "Cancel"),
        Binding("p", "answer('pause')", "Pause and quit"),
        Binding("k", "answer('keep')", "Keep running and quit"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(
                "The meeting clock is running. Pause it before quitting?\n"
                "(If you keep it running, the time until you come back counts.)",
                classes="question",
            )
            with Horizontal(classes="buttons"):
                yield Button("Pause and quit (p)", id="pause", variant="primary")
                yield Button("Keep running (k)", id="keep")
                yield Button("Cancel (c)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#pause", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)


class PlanScreen(Dialog["tuple[int | None] | None"]):
    """Planned minutes for one item: (minutes,) or (None,) to clear; None on cancel."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, label: str, current: int | None, hint: str) -> None:
        super().__init__()
        self.label = label
        self.current = current
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(f"Planned time for {self.label}"), classes="question")
            yield Input(
                "" if self.current is None else str(self.current),
                placeholder="minutes: 15, 1h30, 1:30 (empty: no plan)",
                id="plan-input",
            )
            yield Label(plain(self.hint), id="plan-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            minutes = parse_minutes(event.value)
        except ValueError as exc:
            hint = self.query_one("#plan-hint", Label)
            hint.update(plain(str(exc)))
            hint.add_class("error")
            return
        self.dismiss((minutes,))

    def action_cancel(self) -> None:
        self.dismiss(None)


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


class NewDayScreen(Dialog[str | None]):
    """Resuming after a break that began on an earlier day: is this a new day?"""

    BINDINGS = [
        Binding("escape,c", "answer(None)", "Cancel"),
        Binding("d", "answer('new')", "New day"),
        Binding("k", "answer('continue')", "Continue the day"),
    ]

    def __init__(self, question: str, day: int) -> None:
        super().__init__()
        self.question = question
        self.day = day

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"Start Day {self.day + 1} (d)", id="new", variant="primary")
                yield Button(f"Continue Day {self.day} (k)", id="continue")
                yield Button("Cancel (c)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
