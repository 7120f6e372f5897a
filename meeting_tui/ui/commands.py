"""The command table: one definition per command of the live meeting screen.

The app's bindings, the footer, the help screen, the command palette, the app's
``check_action`` (where a key acts), README's table of keys and ``meeting-tui --keys``
all come from ``COMMANDS``. The meeting settings, which have no key, are the palette's
alone (``SETTING_COMMANDS``, below), as are the floor's and the follow-up's commands
without a key (``PALETTE_COMMANDS``).
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from textual.binding import Binding, BindingType


class Where(Enum):
    """Where a command's key acts, as to the decision editor."""

    OUTSIDE_EDITOR = "outside"  # in the editor the key types (letters, space, enter ...)
    ANYWHERE = "anywhere"  # in the editor too (ctrl+s)
    IN_EDITOR = "in editor"  # only in the editor (escape leaves it)


# The footer label of the keys that amend the agenda.
AGENDA = "Agenda"


# The rows are named tuples rather than frozen dataclasses: as read-only, and some 9
# million instructions less to make at start-up (Python 3.11 compiles each generated
# method of a dataclass; issue 19).
class Command(NamedTuple):
    key: str  # Textual key name(s), comma-separated
    action: str  # app action name (without "action_")
    label: str  # short footer label
    help: str  # one line for the help screen, the palette, README and --keys
    palette: str | None = None  # the palette's title; None: not in the palette
    read_only: bool = False  # runs in a read-only app (it changes nothing)
    needs_item: bool = False  # acts on the selected item: not on an "Unmatched" entry
    needs_decision: bool = False  # acts on the selected decision (dimmed without one)
    amends: bool = False  # amends the agenda (one footer group, "Agenda")
    where: Where = Where.OUTSIDE_EDITOR
    show: bool = True  # shown in the footer
    bound: bool = True  # bound by the app (False: Textual's own binding runs it)

    @property
    def display(self) -> str:
        return " / ".join(SHOWN.get(part.strip(), part.strip()) for part in self.key.split(","))

    @property
    def group(self) -> str | None:
        """Keys of a group share one footer label."""
        return AGENDA if self.amends else None


# Textual names some keys by words; people know them by their characters.
SHOWN = {"question_mark": "?", "full_stop": ".", "comma": ",", "slash": "/",
         "left_square_bracket": "[", "right_square_bracket": "]", "less_than_sign": "<",
         "greater_than_sign": ">"}


SHOWN["colon"] = ":"  # the command line's key


def _amend(key: str, action: str, label: str, help: str, palette: str) -> Command:
    return Command(key, action, label, help, palette, needs_item=True, amends=True)


COMMANDS: tuple[Command, ...] = (
    Command("space", "toggle_clock", "Clock", "start the meeting / pause for a break / resume",
            "Start / pause / resume the meeting"),
    Command("enter", "take_up", "Take up", "take up the selected item: it becomes current, "
            "the previous current item is done", "Take up the selected item", needs_item=True),
    Command("n", "take_up_next", "Next", "take up the next item in agenda order (sub-items "
            "included; skipped items and bullets are passed over: enter takes a bullet up)",
            "Take up the next item"),
    Command("p", "take_up_previous", "Prev", "take up the previous item in agenda order "
            "(skipped items and bullets passed over)", "Take up the previous item"),
    Command("a", "add_decision", "Add", "add a decision to the selected item and "
            "focus the editor", "Add a decision", needs_item=True),
    Command("e", "edit_decision", "Edit", "edit the selected decision",
            "Edit the selected decision", needs_item=True, needs_decision=True),
    Command("escape", "leave_editor", "Done", "leave the editor (the text is kept, and "
            "that decision stays selected)", read_only=True, where=Where.IN_EDITOR),
    Command("f", "toggle_final", "Final", "mark the selected decision final / back to draft",
            "Final / draft", needs_item=True, needs_decision=True),
    Command("delete", "delete_decision", "Del", "delete the selected decision, after a "
            "confirmation", "Delete the selected decision", needs_item=True,
            needs_decision=True, show=False),
    Command("m", "move_decision", "Move", "move the selected decision to another item (a "
            "list of the items to choose from, as in the palette)", "Move the selected "
            "decision to another item", needs_item=True, needs_decision=True, show=False),
    Command("less_than_sign,ctrl+up", "move_decision_up", "Decision up", "move the selected "
            "decision up among its item's decisions (their order is the List's)",
            "Move the selected decision up", needs_item=True, needs_decision=True,
            show=False),
    Command("greater_than_sign,ctrl+down", "move_decision_down", "Decision down", "move the "
            "selected decision down among its item's decisions", "Move the selected "
            "decision down", needs_item=True, needs_decision=True, show=False),
    Command("T", "translate_decision", "Translate", "write the selected decision in the "
            "meeting's second language, the decision shown above (the bilingual List of "
            "decisions gives it)", "Translate the selected decision", needs_item=True,
            needs_decision=True, show=False),
    Command("s", "toggle_skip", "Skip", "mark the selected item skipped / pending again",
            "Skip / unskip the selected item", needs_item=True),
    Command("c", "copy_item_decisions", "Copy", "copy the selected item's final decisions "
            "(numbered as in the List of decisions)", "Copy the selected item's final "
            "decisions", read_only=True, needs_item=True, show=False),
    Command("C", "copy_all_decisions", "Copy all", "copy the whole List of decisions "
            "(Markdown)", "Copy the List of decisions", read_only=True, show=False),
    Command("x", "export_decisions", "Export", "export to a file beside the session: the "
            "List of decisions (in one language, two, or side by side), the abridged report "
            "or the actions; Markdown, text, HTML, DOCX or PDF", "Export the List of "
            "decisions to a file", read_only=True, show=False),
    Command("t", "set_plan", "Plan", "set the planned minutes of the selected item (15, "
            "1h30; empty clears)", "Set the planned time of the selected item",
            needs_item=True, show=False),
    Command("r", "time_report", "Report", "the time report: days, breaks, items against "
            "their plans", "Time report", read_only=True, show=False),
    # The floor (ui/floor.py): the list of speakers, the roll, votes.
    Command("S", "add_speaker", "Speaker", "add a speaker to the selected item's list of "
            "speakers (names complete from the roll with →; ctrl+o: a point of order, "
            "which goes first)", "Floor: add a speaker", needs_item=True, show=False),
    Command("g", "give_floor", "Give floor", "give the floor to the next speaker (their "
            "countdown starts); again: that speech ends and the next speaker has the floor",
            "Floor: give the floor to the next speaker", show=False),
    Command("P", "pause_speech", "Pause speech", "pause the speech under way for an "
            "interruption / resume it", "Floor: pause / resume the speech", show=False),
    Command("l", "speakers", "Speakers", "the list of speakers: who spoke and how long, "
            "the queue; reorder, remove, give the floor", "Floor: list of speakers",
            read_only=True, show=False),
    Command("L", "roll", "Roll", "the roll and the day's attendance (present, absent, "
            "excused) and the quorum; a paste of names adds them", "Floor: roll and "
            "attendance", read_only=True, show=False),
    Command("v", "vote", "Vote", "the vote on the selected decision: a tally (30-2-3) or a "
            "roll call, the rule, the result as the List writes it", "Floor: vote on the "
            "selected decision", needs_item=True, needs_decision=True, show=False),
    # Notes, actions, the command line (ui/followup.py).
    Command("colon", "command_line", "Command", "the command line at the bottom: d TEXT, f "
            "TEXT, n TEXT (a note), a OWNER DUE TEXT (an action), tr fr TEXT (a "
            "translation), take 2.1, next, "
            "s/old/new/, undo, adopt (the decisions carried from the last meeting); the "
            "floor's q+ NAME, q! NAME, q- NAME, next speaker, here "
            "NAME, limit 3 min, vote 30-2-3; up and down for history, tab completes",
            "Command line (: d, f, n, a, take, next, s/old/new/, undo)", show=False),
    Command("u", "undo", "Undo", "undo the last entry or change (of the command line, a "
            "deleted decision, an amendment of the agenda)", "Undo the last entry or change",
            show=False),
    Command("N", "notes", "Notes", "the selected item's notes (the secretary's: not in the "
            "List of decisions); add one", "Notes of the selected item", needs_item=True,
            show=False),
    Command("A", "actions", "Actions", "the follow-up actions of the meeting; enter marks "
            "one done", "Follow-up actions", show=False),
    Command("ctrl+d", "end_day", "End day", "end the day's sitting, after a confirmation "
            "(the next start opens a new day; in the editor ctrl+d deletes forward)",
            "End the day (close today's sitting)", show=False),
    Command("tab", "focus_next", "Next pane", "move between the agenda, the decisions and "
            "the editor", read_only=True, show=False, bound=False),
    Command("ctrl+s", "save", "Save", "save now (the session is also saved continuously)",
            "Save now", where=Where.ANYWHERE, show=False),
    Command("w", "save_as", "Save as", "save the session to another file, which it is "
            "saved to from then on (when the disk is full or the folder is gone)",
            "Save as… (to another file)", show=False),
    Command("question_mark,f1", "help", "Help", "show this list of keys", "Keys (help)",
            read_only=True),
    Command("ctrl+p", "command_palette", "Palette", "command palette: jump to an item by "
            "number or title, or to a decision by words of its text; run any action",
            read_only=True, show=False, bound=False),
    Command("q", "quit_meeting", "Quit", "quit (saves first; if the meeting clock is "
            "running, asks whether to pause it)", "Quit the meeting", read_only=True),
    # Amending the agenda: one footer group, last, so a narrow footer leaves it out
    # rather than cut help and quit (see MeetingApp.HORIZONTAL_BREAKPOINTS).
    _amend("i", "insert_item", "Insert", "amend the agenda: add an item after the selected "
           "one (number proposed, editable)", "Agenda: add an item after the selected one"),
    _amend("I", "insert_sub_item", "Insert under", "add a sub-item under the selected item "
           "(after its last sub-item)", "Agenda: add a sub-item under the selected item"),
    _amend("R", "rename_item", "Rename", "rename the selected item: its number and title",
           "Agenda: rename the selected item"),
    _amend("left_square_bracket,alt+up", "move_item_up", "Move up", "move the selected "
           "item up among its siblings (sub-items move with it)",
           "Agenda: move the selected item up"),
    _amend("right_square_bracket,alt+down", "move_item_down", "Move down", "move the "
           "selected item down among its siblings", "Agenda: move the selected item down"),
    _amend("D", "remove_item", "Remove", "remove the selected item (and its sub-items) from "
           "the agenda, after a confirmation; refused if it has decisions",
           "Agenda: remove the selected item"),
)

BY_ACTION: dict[str, Command] = {command.action: command for command in COMMANDS}


def bindings() -> list[BindingType]:
    """The app's bindings of the table. Priority bindings run as the key is read, before
    any later key is routed: a fast typist's "a" followed by text lands that text in the
    editor, and "escape f" never types the f. The app's check_action lets a key through
    to the editor (or a dialog) instead."""
    return [
        Binding(c.key, c.action, c.label, show=c.show, id=c.action, priority=True,
                group=Binding.Group(c.group) if c.group else None)
        for c in COMMANDS
        if c.bound
    ]


def keys_markdown() -> str:
    """The table of keys as README shows it (and ``meeting-tui --keys`` prints it)."""
    lines = ["| key | action |", "|---|---|"]
    lines += [f"| {c.display} | {c.help} |" for c in COMMANDS]
    return "\n".join(lines) + "\n"


class SettingCommand(NamedTuple):
    """A meeting setting edited from the command palette (no key)."""

    name: str  # MeetingSettings field
    title: str  # palette line
    help: str
    placeholder: str = ""


SETTING_COMMANDS: tuple[SettingCommand, ...] = (
    SettingCommand("body", "Settings: body name", "the body whose decisions these are, "
                   "e.g. Lanzarote Committee (header, lead-in, adoption line)",
                   "e.g. Lanzarote Committee"),
    SettingCommand("meeting", "Settings: meeting", "the meeting, e.g. 28th meeting "
                   "(default: from the agenda)", "e.g. 28th meeting"),
    SettingCommand("venue_and_dates", "Settings: venue and dates", "e.g. Strasbourg, "
                   "21-25 September 2020 (default: the agenda's header line with a year)",
                   "e.g. Strasbourg, 21-25 September 2020"),
    SettingCommand("lead_in", "Settings: lead-in", "the sentence before the decisions "
                   "(default: During this meeting, the <body>:)",
                   "During this meeting, the Committee:"),
    SettingCommand("phrases", "Settings: opening phrases", "the meeting's own opening "
                   "phrases, offered first in the editor (one a line)"),
    SettingCommand("language", "Settings: language", "the meeting's language: en, fr, de "
                   "or es (the List's fixed words and dates, the editor's opening phrases)",
                   "en, fr, de or es"),
    SettingCommand("second_language", "Settings: second language", "the language T "
                   "translates decisions into: en, fr, de or es (default: French, or "
                   "English for a meeting in another)", "en, fr, de or es"),
    SettingCommand("template", "Settings: Word template", "the body's Word template for "
                   "the DOCX export (its styles, headers, footers); relative to the session "
                   "file's folder", "e.g. house.docx"),
    SettingCommand("symbol", "Settings: document symbol", "the List's symbol, for a "
                   "template's {symbol}", "e.g. T-ES(2020)14"),
)


class PaletteCommand(NamedTuple):
    """A command of the palette alone (no key) that one of the app's controllers made
    on first use carries out (``MeetingApp.floor``, ``MeetingApp.followup``): listed
    without making the controller, whose module is imported when the command is chosen
    (making both took some 30 ms of the palette's first opening)."""

    title: str  # palette line
    help: str
    controller: str  # the app's attribute
    method: str  # the controller's, called with ``args``
    args: tuple[str | bool, ...] = ()
    changes: bool = True  # it changes the session: not offered read-only


PALETTE_COMMANDS: tuple[PaletteCommand, ...] = (
    PaletteCommand("Floor: end the speech under way", "end it without giving the floor to "
                   "the next speaker", "floor", "end_speech"),
    PaletteCommand("Settings: speaking time limit", "the meeting's limit per speech: 3 min, "
                   "90 s, 2:30; empty: none", "floor", "ask_limit"),
    PaletteCommand("Floor: speaking time of the selected item", "this item's limit per "
                   "speech (empty: the meeting's)", "floor", "ask_limit", (True,)),
    PaletteCommand("Settings: quorum", "31, 1/2, 2/3 or majority of the voting members "
                   "present; empty: none", "floor", "ask_quorum"),
    PaletteCommand("Settings: voting rule", "simple majority / two-thirds of the votes "
                   "cast, abstentions counted or not", "floor", "ask_rule"),
    PaletteCommand("Settings: bell at the speaking limit", "on / off: the terminal's bell "
                   "when a speech passes its limit", "floor", "toggle_bell"),
    PaletteCommand("Export the abridged report (notes and decisions)", "per item the notes, "
                   "then the decisions: Markdown, text, HTML or DOCX", "followup", "export",
                   ("minutes",), changes=False),
    PaletteCommand("Export the follow-up actions", "the open actions by due date: Markdown, "
                   "text, HTML or DOCX", "followup", "export", ("actions",), changes=False),
)
# The adoption of the List of decisions: a palette command too (the app's adopt_decisions).
ADOPT_TITLE = "Settings: adoption date"
ADOPT_HELP = ("the day the body adopted the list: every final decision becomes adopted on it "
              "(empty withdraws the adoption)")


# Keys that move a cursor in the agenda or the decision list (see MeetingApp.BINDINGS).
NAVIGATION_KEYS = ("up", "down", "left", "right", "pageup", "pagedown", "home", "end",
                   "shift+up", "shift+down", "shift+left", "shift+right")


def navigation_bindings() -> list[BindingType]:
    """The keys that move a cursor are read as priority bindings too, so that "down down
    s" skips the item the cursor reached: from the widget's own queue they would act
    after s."""
    return [Binding(key, f"navigate('{key}')", show=False, priority=True)
            for key in NAVIGATION_KEYS]


def bound_action(widget: object, key: str) -> str | None:
    """The action a widget's own bindings (its class's, then its bases') give ``key``."""
    for cls in type(widget).__mro__:
        for binding in vars(cls).get("BINDINGS", ()):
            if isinstance(binding, Binding):
                keys, action = binding.key, binding.action
            else:
                keys, action = binding[0], binding[1]
            if key in (part.strip() for part in keys.split(",")):
                return action
    return None
