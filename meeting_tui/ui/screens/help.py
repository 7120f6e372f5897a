"""The help screen: every key, from the command table that makes the bindings."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Label, Static

from ..commands import COMMANDS
from .dialog import Dialog


class Rendered:
    """A renderable drawn once per width. A Static asks its renderable for its width,
    then for its height (rendering it), then renders it again to draw it, and the
    screen's layout asks twice: the help's table of every key was drawn three times
    over when the screen opened (some 40 ms of it). The segments are the same each
    time for the same width; they are kept and given again."""

    def __init__(self, renderable: Table) -> None:
        self.renderable = renderable
        self._segments: dict[tuple[object, ...], list[Segment]] = {}
        self._measures: dict[tuple[object, ...], Measurement] = {}

    @staticmethod
    def _key(options: ConsoleOptions) -> tuple[object, ...]:
        return (options.max_width, options.min_width, options.ascii_only, options.encoding,
                options.legacy_windows, options.justify, options.overflow, options.no_wrap)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        key = self._key(options)
        segments = self._segments.get(key)
        if segments is None:
            segments = self._segments[key] = list(console.render(self.renderable, options))
        yield from segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        key = self._key(options)
        measure = self._measures.get(key)
        if measure is None:
            measure = self._measures[key] = Measurement.get(console, options,
                                                            self.renderable)
        return measure


class HelpScreen(Dialog[None]):
    """Every key, from the same table that makes the bindings."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for command in COMMANDS:
            table.add_row(command.display, command.help)
        legend = Table.grid(padding=(0, 2))
        legend.add_column(style="bold", no_wrap=True)
        legend.add_column()
        for mark, meaning in (
            ("▶", "current item (under discussion; its clock runs)"),
            ("✓ · ↷", "done · pending · skipped"),
            ("◇2 ◆1", "two draft decisions, one final"),
            ("12m", "time spent on the item"),
            ("over", "past its planned time (the item with its sub-items)"),
            ("+ ~", "agenda amended during the meeting: an item added · renamed or moved"),
        ):
            legend.add_row(mark, meaning)
        editor = Table.grid(padding=(0, 2))
        editor.add_column(style="bold cyan", no_wrap=True)
        editor.add_column()
        for key, meaning in (
            ("tab / →", "accept the opening phrase shown after the cursor (Took note of, "
                        "Adopted, …)"),
            ("ctrl+space", "show the next matching phrase"),
        ):
            editor.add_row(key, meaning)
        with VerticalScroll(classes="dialog help"):
            yield Label("meeting-tui: keys", classes="question")
            yield Static(Rendered(table))
            yield Label("In the decision editor", classes="question")
            yield Static(Rendered(editor))
            yield Label("Meeting settings (body, meeting, venue and dates, lead-in, opening "
                        "phrases, adoption date): ctrl+p, then type Settings.",
                        id="help-settings", classes="hint")
            yield Label("Marks in the agenda", classes="question")
            yield Static(Rendered(legend))
            yield Label("In the top bar, \"ends ~12:40 +3 unplanned\": now plus the planned "
                        "time of the items not yet done; 3 of them have no plan and count for "
                        "nothing.", classes="hint")
            yield Label("Letter keys act when the editor is not focused; in the editor they "
                        "type. escape closes this screen.", classes="hint")
