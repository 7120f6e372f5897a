"""The command line (`:`): a one-line prompt at the bottom of the screen, with history
(up, down) and completion (tab), that writes into the selected item.

The prompt stays open for the next entry: each entry's one line of what it did shows
above it. A line that cannot be done stays in the prompt, with the line that says what
was understood; nothing typed is lost. Escape closes it. What the lines do is
``core/entries.py``'s; the app's side (saving, repainting) is ``followup.py``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from os.path import commonprefix

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from ..core.entries import EntryError
from .display import plain
from .screens.dialog import Dialog
from .widgets.plain_input import PlainInput

PROMPT_HINT = ("d draft · f final · n note · a OWNER DUE action · tr fr translation · "
               "take 2.1 · next · "
               "s/old/new/ · undo · q+ NAME speaker · next speaker · vote 30-2-3")


class CommandLineScreen(Dialog[None]):
    """The prompt. ``run(line)`` does a line and returns what it did (EntryError: not
    done); ``complete(line)`` the lines it may become; ``lines`` the history, shared
    with the next opening."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("up", "history(-1)", "Earlier", show=False),
        Binding("down", "history(1)", "Later", show=False),
        Binding("tab", "complete", "Complete", show=False, priority=True),
    ]
    DEFAULT_CSS = """
    CommandLineScreen { align: left bottom; background: $background 0%; }
    CommandLineScreen > Vertical { height: auto; width: 100%; background: $panel; }
    CommandLineScreen #command-said { width: 100%; height: auto; padding: 0 1; }
    CommandLineScreen #command-said.error { color: $error; }
    CommandLineScreen #command-input { border: none; height: 1; padding: 0 1; }
    """

    def __init__(self, run: Callable[[str], str], complete: Callable[[str], list[str]],
                 lines: list[str], initial: str = "") -> None:
        super().__init__()
        self.run = run
        self.completer = complete
        self.lines = lines
        self.position = len(lines)
        self.initial = initial
        self.said = ""

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(PROMPT_HINT, id="command-said")
            yield PlainInput(self.initial, placeholder=": an entry (escape closes)",
                             id="command-input")

    def on_mount(self) -> None:
        self.input.focus()

    @property
    def input(self) -> Input:
        return self.query_one("#command-input", Input)

    def say(self, text: str, error: bool = False) -> None:
        self.said = text
        label = self.query_one("#command-said", Label)
        label.update(plain(text))
        label.set_class(error, "error")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        line = event.value
        if not line.strip():
            return
        if not self.lines or self.lines[-1] != line:
            self.lines.append(line)
        self.position = len(self.lines)
        try:
            said = self.run(line)
        except EntryError as exc:
            self.say(str(exc), error=True)  # the line stays in the prompt
            return
        self.input.value = ""
        self.say(said)

    def action_history(self, step: int) -> None:
        if not self.lines:
            return
        self.position = max(0, min(len(self.lines), self.position + step))
        self.input.value = self.lines[self.position] if self.position < len(self.lines) else ""
        self.input.cursor_position = len(self.input.value)

    def action_complete(self) -> None:
        value = self.input.value
        options = self.completer(value)
        if not options:
            return
        common = commonprefix(options)
        if len(common) > len(value):
            self.input.value = common
            self.input.cursor_position = len(common)
        if len(options) > 1:
            self.say("  ".join(o[len(value.rpartition(" ")[0]):].strip() for o in options[:12]))

    def action_close(self) -> None:
        self.dismiss(None)
