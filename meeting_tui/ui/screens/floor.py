"""The floor's dialogs: the list of speakers of an item (`l`, `S`), the roll and the
day's attendance (`L`); the vote of a decision (`v`) is vote.py's. Keyboard only; names typed
complete from the roll (→ accepts the suggestion); user text is drawn as plain text.

Each change is made on the session at once and reported through ``changed`` (the app
saves and repaints): closing a dialog loses nothing. In a read-only app (another app
holds the session) both lists are shown with no name field and no key that changes them.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from ...core.clock import format_duration
from ...core.floor import Speech, limit_text
from ...core.printable import printable
from ...core.roll import Participant, Presence, parse_quorum, parse_roll, quorum_text
from ...core.session import Session
from ..display import plain
from ..widgets.floor_strip import POINT_OF_ORDER
from ..widgets.names import RollSuggester
from ..widgets.plain_input import PlainInput
from .dialog import Dialog


class FloorList(OptionList):
    """The list of a floor dialog; its keys act only while it has the focus."""


class FloorDialog(Dialog[object]):
    """Tab and shift+tab move between the dialog's list and its field (the app's own
    tab acts on the meeting screen only)."""

    BINDINGS = [
        Binding("tab", "move_focus(1)", "Next field", show=False),
        Binding("shift+tab", "move_focus(-1)", "Previous field", show=False),
    ]

    LIST_ACTIONS: tuple[str, ...] = ()  # the list's keys: only while it has the focus
    read_only = False  # shown only: no key that changes anything, no name field

    def action_move_focus(self, step: int) -> None:
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.LIST_ACTIONS or action == "add":
            return not self.read_only and (action == "add" or
                                           isinstance(self.focused, FloorList))
        return True

    def read_only_hint(self) -> Label:
        return Label("read-only: another app holds this session, nothing can be changed "
                     "here · escape closes", classes="hint")


def _row_id(option: Option | None) -> int | None:
    return int(option.id) if option is not None and option.id is not None else None


# ------------------------------------------------------------------ speakers
class SpeakersScreen(FloorDialog):
    """The list of speakers of one item: those who spoke (their time), the speech under
    way, the queue in order. Enter on the field adds the name, ctrl+o as a point of
    order (it goes first)."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("ctrl+o", "add(True)", "Point of order", priority=True),
        Binding("delete,backspace", "remove", "Remove", show=False),
        Binding("less_than_sign,ctrl+up", "move(-1)", "Up", show=False),
        Binding("greater_than_sign,ctrl+down", "move(1)", "Down", show=False),
        Binding("g", "give", "Give the floor", show=False),
        Binding("P", "pause", "Pause", show=False),
        Binding("r", "to_roll", "To the roll", show=False),
    ]
    LIST_ACTIONS = ("remove", "move", "give", "pause", "to_roll")

    def __init__(self, session: Session, key: str, changed: Callable[[], None], *,
                 adding: bool = False,
                 removed: Callable[[str, Speech, int], None] | None = None,
                 read_only: bool = False) -> None:
        super().__init__()
        self.read_only = read_only
        self.session = session
        self.key = key
        self.changed = changed
        self.adding = adding
        self.removed = removed  # (key, speech, its index): u puts it back

    def compose(self) -> ComposeResult:
        item = self.session.item(self.key)
        with Vertical(classes="dialog floor"):
            yield Label(plain(f"List of speakers · {item.label}"), classes="question")
            yield Label(id="speakers-limit")
            yield FloorList(id="speakers")
            if self.read_only:
                yield self.read_only_hint()
                return
            yield PlainInput(placeholder="a speaker's name (→ completes from the roll)",
                             id="speaker-name", suggester=RollSuggester(self.session))
            yield Label("enter adds · ctrl+o a point of order (first) · tab: the list: g "
                        "gives the floor, P pauses, delete removes, < > reorder, r to the "
                        "roll · escape closes", classes="hint")

    def on_mount(self) -> None:
        self.show()
        if not self.read_only and (self.adding or not self.session.state(self.key).speeches):
            self.query_one("#speaker-name", Input).focus()
        else:
            self.query_one(FloorList).focus()

    def show(self, keep: int | None = None) -> None:
        session = self.session
        limit = session.speaking_limit(self.key)
        own = session.state(self.key).speaking_limit is not None
        words = (f"speaking time {limit_text(limit)} ({'this item' if own else 'the meeting'})"
                 if limit else "no speaking time limit (the palette sets one)")
        self.query_one("#speakers-limit", Label).update(Text(words, style="dim"))
        listing = self.query_one(FloorList)
        previous = keep if keep is not None else _row_id(listing.highlighted_option)
        listing.clear_options()
        place = 0
        now = session.now()
        for speech in session.state(self.key).speeches:
            if speech.waiting:
                place += 1
            listing.add_option(Option(self._row(speech, place, now), id=str(speech.id)))
        if listing.option_count:  # else the speech under way, else the next one
            speeches = session.state(self.key).speeches
            ids = [s.id for s in speeches]
            first = next((i for i, s in enumerate(speeches) if not s.done), len(ids) - 1)
            listing.highlighted = ids.index(previous) if previous in ids else first

    def _row(self, speech: Speech, place: int, now: object) -> Text:
        row = Text()
        seconds = self.session.speech_seconds(speech)
        if speech.done:
            row.append("✓ ", "green")
        elif speech.in_progress:
            row.append("▶ ", "bold reverse")
        else:
            row.append(f"{place}. ", "bold")
        if speech.point_of_order:
            row.append(f"{POINT_OF_ORDER} point of order: ", "bold")
        row.append(printable(speech.speaker), "bold" if speech.in_progress else "")
        roll_hint = "" if self.read_only else " (r adds)"
        if not speech.waiting:
            row.append(f"  {format_duration(seconds)}", "dim")
        if speech.paused:
            row.append(" (paused)", "italic")
        if self.session.roll and self.session.participant(speech.speaker) is None:
            row.append(f"  not on the roll{roll_hint}", "dim italic")
        return row

    def _selected(self) -> Speech | None:
        speech_id = _row_id(self.query_one(FloorList).highlighted_option)
        return None if speech_id is None else self.session.speech(self.key, speech_id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.read_only:
            self.action_add(False)

    def action_add(self, point_of_order: bool) -> None:
        field = self.query_one("#speaker-name", Input)
        name = " ".join(field.value.split())
        if not name:
            return
        speech = self.session.add_speaker(self.key, name, point_of_order=point_of_order)
        field.value = ""
        self.changed()
        self.show(speech.id)

    def action_remove(self) -> None:
        speech = self._selected()
        if speech is not None:
            index = self.session.state(self.key).speeches.index(speech)
            self.session.remove_speaker(self.key, speech.id)
            if self.removed is not None:
                self.removed(self.key, speech, index)
            self.changed()
            self.show()

    def action_move(self, delta: int) -> None:
        speech = self._selected()
        if speech is not None and self.session.move_speaker(self.key, speech.id, delta):
            self.changed()
            self.show(speech.id)

    def action_give(self) -> None:
        speech = self.session.give_floor(self.key)
        self.changed()
        self.show(speech.id if speech else None)

    def action_pause(self) -> None:
        if self.session.pause_speech() is not None:
            self.changed()
            self.show()

    def action_to_roll(self) -> None:
        speech = self._selected()
        if speech is not None and self.session.participant(speech.speaker) is None:
            self.session.add_participant(speech.speaker)
            self.changed()
            self.show(speech.id)

    def action_close(self) -> None:
        self.dismiss(None)


# ------------------------------------------------------------------ the roll
MARKS = {Presence.PRESENT: ("✓ present", "green"), Presence.ABSENT: ("✗ absent ", "red"),
         Presence.EXCUSED: ("E excused", "yellow"), None: ("· —      ", "dim")}
CYCLE = {None: Presence.PRESENT, Presence.PRESENT: Presence.ABSENT,
         Presence.ABSENT: Presence.EXCUSED, Presence.EXCUSED: Presence.PRESENT}


class RollInput(PlainInput):
    """The roll's name field: a paste of several lines is a roll, each line a name."""

    class Pasted(events.Message):
        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def _on_paste(self, event: events.Paste) -> None:
        if "\n" in event.text.strip() or "\r" in event.text.strip():
            event.stop()
            event.prevent_default()  # Input's own handler would type the first line
            self.post_message(self.Pasted(event.text))


class RollScreen(FloorDialog):
    """The roll and the day's attendance, with the quorum line. In the list: p present,
    a absent, e excused, space the next mark, v voting or not, delete off the roll; a
    paste of lines (anywhere in the dialog) adds them to the roll."""

    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("p", "mark('present')", "Present", show=False),
        Binding("a", "mark('absent')", "Absent", show=False),
        Binding("e", "mark('excused')", "Excused", show=False),
        Binding("space", "cycle", "Next mark", show=False),
        Binding("v", "voting", "Voting", show=False),
        Binding("delete,backspace", "remove", "Remove", show=False),
    ]
    LIST_ACTIONS = ("mark", "cycle", "voting", "remove")

    def __init__(self, session: Session, changed: Callable[[], None], *,
                 read_only: bool = False,
                 removed: Callable[[Participant, int], None] | None = None) -> None:
        super().__init__()
        self.read_only = read_only
        self.session = session
        self.changed = changed
        self.removed = removed  # (participant, its index): u puts it back

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog floor"):
            yield Label(id="roll-title", classes="question")
            yield Label(id="roll-quorum")
            yield FloorList(id="roll")
            if self.read_only:
                yield self.read_only_hint()
                return
            yield RollInput(placeholder="add a name (a paste of several lines adds each)",
                            id="roll-name", suggester=RollSuggester(self.session))
            yield Label("p present · a absent · e excused · space next mark · v voting or "
                        "not · delete off the roll · tab: the name field · escape closes",
                        classes="hint")

    def on_mount(self) -> None:
        self.show()
        target = self.query_one(FloorList) if self.session.roll or self.read_only else (
            self.query_one("#roll-name", Input))
        target.focus()

    def show(self, keep: int | None = None) -> None:
        session = self.session
        day = session.sitting_day()
        attendance = session.attendance_for(day)
        taken = (f" · taken {attendance.taken.astimezone().strftime('%H:%M')}"
                 if attendance else " · not taken yet")
        self.query_one("#roll-title", Label).update(
            plain(f"Roll and attendance · {day.isoformat()}{taken}"))
        self.query_one("#roll-quorum", Label).update(self.quorum_line())
        listing = self.query_one(FloorList)
        previous = keep if keep is not None else listing.highlighted
        listing.clear_options()
        marks = attendance.marks if attendance else {}
        for index, participant in enumerate(session.roll):
            words, colour = MARKS[marks.get(participant.name)]
            row = Text.assemble((words, colour), "  ", printable(participant.name))
            extra = [w for w in (participant.kind, "" if participant.voting else "non-voting")
                     if w]
            if extra:
                row.append(f"  {printable(', '.join(extra))}", "dim")
            listing.add_option(Option(row, id=str(index)))
        if listing.option_count:
            listing.highlighted = min(previous or 0, listing.option_count - 1)

    def quorum_line(self) -> Text:
        session = self.session
        attendance = session.attendance_for()
        marks = attendance.marks if attendance else {}
        counts = {p: sum(1 for m in marks.values() if m is p) for p in Presence}
        unmarked = sum(1 for p in session.roll if p.name not in marks)
        tail = (f"{counts[Presence.PRESENT]} present · {counts[Presence.ABSENT]} absent · "
                f"{counts[Presence.EXCUSED]} excused · {unmarked} not marked")
        status = session.quorum_status()
        if status is None:
            return Text.assemble(("no quorum rule (the palette sets one) · ", "dim"), tail)
        rule = quorum_text(parse_quorum(session.settings.quorum or ""))
        return Text.assemble((status.text(), "bold green" if status.met else "bold red"),
                             f" ({rule}; {status.needed} needed) · {tail}")

    def _participant(self) -> int | None:
        return self.query_one(FloorList).highlighted

    def action_mark(self, presence: str) -> None:
        index = self._participant()
        if index is None:
            return
        self.session.mark(self.session.roll[index].name, Presence(presence))
        self.changed()
        self.show(min(index + 1, len(self.session.roll) - 1))  # on to the next name

    def action_cycle(self) -> None:
        index = self._participant()
        if index is None:
            return
        name = self.session.roll[index].name
        attendance = self.session.attendance_for()
        mark = attendance.marks.get(name) if attendance else None
        self.session.mark(name, CYCLE[mark])
        self.changed()
        self.show(index)

    def action_voting(self) -> None:
        index = self._participant()
        if index is None:
            return
        roll = list(self.session.roll)
        participant = roll[index]
        participant.voting = not participant.voting
        self.session.set_roll(roll)
        self.changed()
        self.show(index)

    def action_remove(self) -> None:
        index = self._participant()
        if index is None:
            return
        participant = self.session.roll[index]
        self.session.set_roll([p for i, p in enumerate(self.session.roll) if i != index])
        if self.removed is not None:
            self.removed(participant, index)
        self.changed()
        self.show(index)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = " ".join(event.value.split())
        if name and not self.read_only:
            self.session.add_participant(name)
            event.input.value = ""
            self.changed()
            self.show(len(self.session.roll) - 1)

    def on_roll_input_pasted(self, event: RollInput.Pasted) -> None:
        self.add_lines(event.text)

    def on_paste(self, event: events.Paste) -> None:
        self.add_lines(event.text)

    def add_lines(self, text: str) -> None:
        if self.read_only:
            self.notify("Read-only: nothing can be changed here", severity="warning")
            return
        try:
            added = parse_roll(text.replace("\r\n", "\n").replace("\r", "\n"))
        except ValueError as exc:
            self.notify(f"The roll pasted: {exc}", severity="error")
            return
        before = len(self.session.roll)
        self.session.set_roll([*self.session.roll, *added])
        self.changed()
        self.show()
        self.notify(f"{len(self.session.roll) - before} added to the roll")

    def action_close(self) -> None:
        self.dismiss(None)
