"""The dialogs of the notes and the follow-up actions: `N`, the selected item's notes
(and a line to add one); `A`, every action of the meeting, open ones first, enter
marking one done or open again. User text is drawn as plain text, never markup."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from ...core.action_list import origin, rows
from ...core.dates import format_due
from ...core.entries import EntryError
from ...core.printable import printable
from ...core.session import Session
from ..display import plain
from ..widgets.names import SpeakerSuggester
from ..widgets.plain_input import PlainInput
from .dialog import Dialog


def _local(session: Session, moment: datetime) -> str:
    """The time of day where the meeting is held."""
    try:
        zone: ZoneInfo | None = ZoneInfo(session.timezone)
    except (KeyError, ValueError):
        zone = None
    return (moment.astimezone(zone) if zone else moment).strftime("%H:%M")


class NotesScreen(Dialog[None]):
    """The notes of one item: when, who, what. Enter on the line below adds one
    ("Chair: text" is the Chair's); escape closes."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, session: Session, key: str, add: Callable[[str], str]) -> None:
        super().__init__()
        self.session = session
        self.key = key
        self.add = add  # a note's text to the item: what it did (EntryError: not done)

    def compose(self) -> ComposeResult:
        item = self.session.item(self.key)
        with Vertical(classes="dialog notes"):
            yield Label(plain(f"Notes on {item.label}"), classes="question")
            with VerticalScroll(id="notes-list"):
                yield Static(self._text(), id="notes-text")
            yield PlainInput(placeholder="a note (Name: text tags who spoke); enter adds it",
                             id="note-input", suggester=SpeakerSuggester(self.session))
            yield Label("Notes are the secretary's: in the abridged report, never in the "
                        "List of decisions · escape closes", id="notes-hint", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#note-input", Input).focus()

    def _text(self) -> Text:
        state = self.session.peek(self.key)
        notes = state.notes if state else []
        if not notes:
            return Text("No note yet.", style="italic")
        text = Text()
        for i, note in enumerate(notes):
            if i:
                text.append("\n")
            text.append(f"{_local(self.session, note.created)}  ", style="dim")
            if note.speaker:
                text.append(printable(note.speaker) + ": ", style="bold")
            text.append(printable(note.text))
        return text

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value.strip():
            return
        hint = self.query_one("#notes-hint", Label)
        try:
            said = self.add(event.value)
        except EntryError as exc:
            hint.update(plain(str(exc)))
            hint.add_class("error")
            return
        event.input.value = ""
        hint.update(plain(said))
        hint.remove_class("error")
        self.query_one("#notes-text", Static).update(self._text())

    def action_close(self) -> None:
        self.dismiss(None)


class ActionsScreen(Dialog[None]):
    """Every follow-up action: open ones by due date, then the done ones. Enter marks
    the highlighted one done (or open again); escape closes."""

    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, session: Session, toggle: Callable[[str, int], None]) -> None:
        super().__init__()
        self.session = session
        self.toggle = toggle

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog actions"):
            yield Label("Follow-up actions", classes="question")
            yield OptionList(*self._options(), id="actions-list")
            yield Label("enter: done / open again · escape closes · : a OWNER DUE TEXT adds "
                        "one · meeting-tui actions SESSION lists them", classes="hint")

    def _options(self) -> list[Option]:
        found = rows(self.session, open_only=False)
        found.sort(key=lambda row: not row.action.open)  # stable: by date within
        options = []
        for row in found:
            if row.key is None:
                continue  # an entry the agenda no longer has: in the export, not here
            action = row.action
            text = Text()
            text.append("[x] " if not action.open else "[ ] ", style="bold")
            due = format_due(action.due, action.due_date) or "no date"
            text.append(printable(f"{due} · {action.owner}: {action.text}"))
            text.append(printable(f"  ({origin(self.session, row)})"), style="dim")
            options.append(Option(text, id=f"{row.key}\0{action.id}"))
        if not options:
            options.append(Option(Text("No action yet.", style="italic"), disabled=True))
        return options

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not event.option.id:
            return
        key, _, action_id = event.option.id.partition("\0")
        self.toggle(key, int(action_id))
        lst = self.query_one(OptionList)
        index = lst.highlighted
        lst.clear_options()
        lst.add_options(self._options())
        lst.highlighted = index

    def action_close(self) -> None:
        self.dismiss(None)
