"""The key table: one list feeds the bindings, the footer, the help screen and README."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Key:
    key: str  # Textual key name(s), comma-separated
    action: str  # app action name (without "action_")
    label: str  # short footer label
    help: str  # one line for the help screen and the README
    show: bool = True  # shown in the footer
    group: str | None = None  # keys of a group share one footer label

    @property
    def display(self) -> str:
        return " / ".join(SHOWN.get(part.strip(), part.strip()) for part in self.key.split(","))


# Textual names some keys by words; people know them by their characters.
SHOWN = {"question_mark": "?", "full_stop": ".", "comma": ",", "slash": "/",
         "left_square_bracket": "[", "right_square_bracket": "]"}


# The footer label of the keys that amend the agenda.
AGENDA = "Agenda"

KEYS: tuple[Key, ...] = (
    Key("space", "toggle_clock", "Clock", "start the meeting / pause for a break / resume"),
    Key("enter", "take_up", "Take up", "take up the selected item: it becomes current, the "
        "previous current item is done"),
    Key("n", "take_up_next", "Next", "take up the next item in agenda order (sub-items "
        "included; skipped items are passed over)"),
    Key("p", "take_up_previous", "Prev", "take up the previous item in agenda order"),
    Key("a", "add_decision", "Add", "add a decision to the selected item and "
        "focus the editor"),
    Key("e", "edit_decision", "Edit", "edit the selected decision"),
    Key("escape", "leave_editor", "Done", "leave the editor (the text is kept, and "
        "that decision stays selected)"),  # the footer shows it only in the editor
    Key("f", "toggle_final", "Final", "mark the selected decision final / back to draft"),
    Key("delete", "delete_decision", "Del", "delete the selected decision, after a "
        "confirmation", show=False),
    Key("s", "toggle_skip", "Skip", "mark the selected item skipped / pending again"),
    Key("c", "copy_item_decisions", "Copy", "copy the selected item's final decisions "
        "(numbered as in the List of decisions)", show=False),
    Key("C", "copy_all_decisions", "Copy all", "copy the whole List of decisions (Markdown)",
        show=False),
    Key("x", "export_decisions", "Export", "export the List of decisions to a file beside "
        "the session (Markdown, text, HTML or DOCX)", show=False),
    Key("t", "set_plan", "Plan", "set the planned minutes of the selected item (15, 1h30; "
        "empty clears)", show=False),
    Key("r", "time_report", "Report", "the time report: days, breaks, items against "
        "their plans", show=False),
    Key("ctrl+d", "end_day", "End day", "end the day's sitting, after a confirmation (the "
        "next start opens a new day; in the editor ctrl+d deletes forward)", show=False),
    Key("tab", "focus_next", "Next pane", "move between the agenda, the decisions and the "
        "editor", show=False),
    Key("ctrl+s", "save", "Save", "save now (the session is also saved continuously)",
        show=False),
    Key("w", "save_as", "Save as", "save the session to another file, which it is saved to "
        "from then on (when the disk is full or the folder is gone)", show=False),
    Key("question_mark,f1", "help", "Help", "show this list of keys"),
    Key("ctrl+p", "command_palette", "Palette", "command palette: jump to an item by number "
        "or title, run any action", show=False),
    Key("q", "quit_meeting", "Quit", "quit (saves first; if the meeting clock is running, "
        "asks whether to pause it)"),
    # Amending the agenda: one footer group, last, so a narrow footer leaves it out
    # rather than cut help and quit (see MeetingApp.HORIZONTAL_BREAKPOINTS).
    Key("i", "insert_item", "Insert", "amend the agenda: add an item after the selected one "
        "(number proposed, editable)", group=AGENDA),
    Key("I", "insert_sub_item", "Insert under", "add a sub-item under the selected item "
        "(after its last sub-item)", group=AGENDA),
    Key("R", "rename_item", "Rename", "rename the selected item: its number and title",
        group=AGENDA),
    Key("left_square_bracket,alt+up", "move_item_up", "Move up", "move the selected item up "
        "among its siblings (sub-items move with it)", group=AGENDA),
    Key("right_square_bracket,alt+down", "move_item_down", "Move down", "move the selected "
        "item down among its siblings", group=AGENDA),
    Key("D", "remove_item", "Remove", "remove the selected item (and its sub-items) from the "
        "agenda, after a confirmation; refused if it has decisions", group=AGENDA),
)


# Keys that move a cursor in the agenda or the decision list (see MeetingApp.BINDINGS).
NAVIGATION_KEYS = ("up", "down", "left", "right", "pageup", "pagedown", "home", "end",
                   "shift+up", "shift+down", "shift+left", "shift+right")


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
