"""Modal screens: confirmations, the quit question and the help screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...core.clock import parse_minutes
from ..commands import KEYS


class ConfirmScreen(ModalScreen[bool]):
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
            yield Label(self.question, classes="question")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="error")
                yield Button(f"{self.no} (n)", id="no", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class QuitScreen(ModalScreen[str | None]):
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


class HelpScreen(ModalScreen[None]):
    """Every key, from the same table that makes the bindings."""

    BINDINGS = [Binding("escape,q,question_mark,f1", "app.pop_screen", "Close")]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key in KEYS:
            table.add_row(key.display, key.help)
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
            yield Static(table)
            yield Label("In the decision editor", classes="question")
            yield Static(editor)
            yield Label("Meeting settings (body, meeting, venue and dates, lead-in, opening "
                        "phrases, adoption date): ctrl+p, then type Settings.",
                        id="help-settings", classes="hint")
            yield Label("Marks in the agenda", classes="question")
            yield Static(legend)
            yield Label("In the top bar, \"ends ~12:40 +3 unplanned\": now plus the planned "
                        "time of the items not yet done; 3 of them have no plan and count for "
                        "nothing.", classes="hint")
            yield Label("Letter keys act when the editor is not focused; in the editor they "
                        "type. escape closes this screen.", classes="hint")


class PlanScreen(ModalScreen["tuple[int | None] | None"]):
    """Planned minutes for one item: (minutes,) or (None,) to clear; None on cancel."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, label: str, current: int | None, hint: str) -> None:
        super().__init__()
        self.label = label
        self.current = current
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"Planned time for {self.label}", classes="question")
            yield Input(
                "" if self.current is None else str(self.current),
                placeholder="minutes: 15, 1h30, 1:30 (empty: no plan)",
                id="plan-input",
            )
            yield Label(self.hint, id="plan-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        try:
            minutes = parse_minutes(event.value)
        except ValueError as exc:
            hint = self.query_one("#plan-hint", Label)
            hint.update(str(exc))
            hint.add_class("error")
            return
        self.dismiss((minutes,))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ReportScreen(ModalScreen[None]):
    """The time report, as `meeting-tui report` prints it."""

    BINDINGS = [Binding("escape,q,r", "app.pop_screen", "Close")]

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog report"):
            yield Static(Text(self.text, no_wrap=True, overflow="ellipsis"), id="report-text")
            yield Label("escape closes · `meeting-tui report SESSION` prints this report",
                        classes="hint")


class NewDayScreen(ModalScreen[str | None]):
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
            yield Label(self.question, classes="question")
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


class PromptScreen(ModalScreen["str | None"]):
    """One value typed in a dialog: the text, or None on escape.

    ``check`` may raise ValueError with a message: it is shown and the dialog stays.
    With ``multiline`` the value is a TextArea (one entry a line) saved with ctrl+s.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "submit", "Save", priority=True),
    ]

    def __init__(self, question: str, value: str, hint: str, *, placeholder: str = "",
                 multiline: bool = False, check=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__()
        self.question = question
        self.value = value
        self.hint = hint
        self.placeholder = placeholder
        self.multiline = multiline
        self.check = check

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="question")
            if self.multiline:
                area = TextArea(self.value, id="prompt-input", soft_wrap=True,
                                placeholder=self.placeholder, classes="prompt-area")
                area.cursor_blink = getattr(self.app, "blink", True)
                yield area
            else:
                yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Label(self.hint, id="prompt-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#prompt-input").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        widget = self.query_one("#prompt-input")
        value = widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[attr-defined]
        if self.check is not None:
            try:
                self.check(value)
            except ValueError as exc:
                hint = self.query_one("#prompt-hint", Label)
                hint.update(str(exc))
                hint.add_class("error")
                return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen["str | None"]):
    """Choose the format of the exported List of decisions; None on escape."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("m", "choose('md')", "Markdown", show=False),
        Binding("t", "choose('txt')", "Text", show=False),
        Binding("h", "choose('html')", "HTML", show=False),
        Binding("d", "choose('docx')", "DOCX", show=False),
    ]

    CHOICES = (
        ("md", "m", "Markdown (.md)"),
        ("txt", "t", "plain text, 80 columns (.txt)"),
        ("html", "h", "HTML, one self-contained file (.html)"),
        ("docx", "d", "Word (.docx)"),
    )

    def __init__(self, where: str, default: str = "md", docx: bool = True) -> None:
        super().__init__()
        self.where = where
        self.default = default
        self.docx = docx

    def compose(self) -> ComposeResult:
        options = []
        for fmt, key, label in self.CHOICES:
            text = Text.assemble((f"{key}  ", "bold"), label)
            if fmt == "docx" and not self.docx:
                text.append("  needs pip install 'meeting-tui[docx]'", "italic")
            options.append(Option(text, id=fmt, disabled=fmt == "docx" and not self.docx))
        with Vertical(classes="dialog"):
            yield Label("Export the List of decisions", classes="question")
            yield OptionList(*options, id="export-formats")
            yield Label(f"Written beside the session file:\n{self.where}\n"
                        "enter or the letter chooses · escape cancels", classes="hint")

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        ids = [fmt for fmt, _key, _label in self.CHOICES]
        formats.highlighted = ids.index(self.default) if self.default in ids else 0
        formats.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option.id or "md")

    def action_choose(self, fmt: str) -> None:
        if fmt == "docx" and not self.docx:
            self.notify("DOCX needs python-docx: pip install 'meeting-tui[docx]'",
                        severity="warning")
            return
        self.dismiss(fmt)

    def action_cancel(self) -> None:
        self.dismiss(None)



class ItemScreen(ModalScreen["tuple[str, str] | None"]):
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
            yield Label(self.question, classes="question")
            with Horizontal(id="item-fields"):
                yield Input(self.number, placeholder="number", id="item-number")
                yield Input(self.title, placeholder="title", id="item-title")
            yield Label(self.hint, id="item-hint", classes="hint")

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
        self.dismiss((self.query_one("#item-number", Input).value, title.value))

    def action_cancel(self) -> None:
        self.dismiss(None)
