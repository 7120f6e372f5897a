"""Modal screens that ask: confirmations, the quit and new-day questions, the plan of an
item (the time report's is ``report.py``). Questions and hints quote titles and
decisions: they are drawn as plain text (``display.plain``), never read as markup."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label

from ...core.clock import parse_minutes
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
