"""Modal screens that take a value: a text (or lines), an agenda item's number and title
(the export dialog is screens/export.py). Questions, hints and values quote user text:
drawn as plain text, never markup; a value is shown with its controls visible and, if
left as shown, given back as it was (``display.kept``); what is typed takes no control
character (``PlainInput``, ``PlainTextArea``)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, TextArea

from ...core.printable import printable
from ..display import kept, plain
from ..widgets.plain_input import PlainInput
from ..widgets.plain_text import PlainTextArea
from .dialog import Dialog


class PromptScreen(Dialog["str | None"]):
    """One value typed in a dialog: the text, or None on escape.

    ``check`` may raise ValueError with a message: it is shown and the dialog stays.
    With ``multiline`` the value is a TextArea (one entry a line) saved with ctrl+s.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save", priority=True),
    ]

    def __init__(self, question: str, value: str, hint: str, *, placeholder: str = "",
                 multiline: bool = False,
                 check: Callable[[str], object] | None = None) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self.hint = hint
        self.placeholder = placeholder
        self.multiline = multiline
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="question")
            if self.multiline:
                area = PlainTextArea(printable(self.value), id="prompt-input", soft_wrap=True,
                                     placeholder=self.placeholder, classes="prompt-area")
                area.cursor_blink = getattr(self.app, "blink", True)
                yield area
            else:
                yield PlainInput(printable(self.value), placeholder=self.placeholder,
                                 id="prompt-input")
            yield Label(plain(self.hint), id="prompt-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#prompt-input").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        widget = self.query_one("#prompt-input")
        value = kept(self.value, widget.text if isinstance(widget, TextArea)
                     else self.query_one("#prompt-input", Input).value)
        if self.check is not None:
            try:
                self.check(value)
            except ValueError as exc:
                hint = self.query_one("#prompt-hint", Label)
                hint.update(plain(str(exc)))
                hint.add_class("error")
                return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ItemScreen(Dialog["tuple[str, str] | None"]):
    """An agenda item's number and title, for an item added or renamed during the
    meeting: (number, title), or None on escape. The title cannot be empty."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, question: str, number: str, title: str, hint: str) -> None:
        super().__init__()
        self.question = question
        self.number = number
        self.title = title
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.question), classes="question")
            with Horizontal(id="item-fields"):
                # The cursor at the end, nothing selected: R then a key adds to the title
                # rather than replace it.
                yield PlainInput(printable(self.number), placeholder="number", id="item-number",
                                 select_on_focus=False)
                yield PlainInput(printable(self.title or ""), placeholder="title",
                                 id="item-title", select_on_focus=False)
            yield Label(plain(self.hint), id="item-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#item-title", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        title = self.query_one("#item-title", Input)
        if event.input.id == "item-number" and not title.value.strip():
            title.focus()  # enter in the number goes on to the title
            return
        if not title.value.strip():
            hint = self.query_one("#item-hint", Label)
            hint.update("An item needs a title.")
            hint.add_class("error")
            title.focus()
            return
        self.dismiss((kept(self.number, self.query_one("#item-number", Input).value),
                      kept(self.title or "", title.value)))

    def action_cancel(self) -> None:
        self.dismiss(None)
