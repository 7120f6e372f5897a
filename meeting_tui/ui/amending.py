"""Amending the agenda in the app: insert (i, I), rename (R), move ([ ]), remove (D).

The amendments themselves are the session's (core/amend.py); here they get their
dialogs, and the tree is rebuilt from the agenda as amended.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..core import undo
from ..core.amend import AFTER, AmendError, describe, propose_number
from ..core.clock import format_duration
from ..core.session import ItemState
from .host import Host

if TYPE_CHECKING:  # the dialogs are imported when opened: start-up stays quick
    from .screens.prompts import ItemScreen


class Amender:
    """The agenda amended during the meeting (the agenda file is never changed)."""

    def __init__(self, app: Host) -> None:
        self.app = app
        self.session = app.session

    def _amend_target(self) -> str | None:
        """The item under the tree cursor, or None (said) when it is not an item."""
        node = self.app.agenda_tree.cursor_node
        key = node.data if node is not None else None
        if key is None or not self.session.has(key):
            self.app.notify("Amendments are for agenda items: move the cursor to one")
            return None
        return key

    def agenda_amended(self, key: str | None, message: str,
                       removed: dict[str, ItemState] | None = None) -> None:
        """After an amendment: the tree rebuilt, the cursor on ``key``, saved at once;
        ``u`` takes it back (the states of the items it ``removed`` with it)."""
        self.app.history.push(f"the amendment ({message})",
                              undo.amendment(self.session, self.session.amendments[:-1],
                                             removed))
        tree = self.app.agenda_tree
        tree.populate()
        if key is not None:
            self.session.select(key)
            tree.call_after_refresh(tree.select_key, key)
        self.app.panel.show(self.session.selected)
        self.app.top_bar.refresh()
        self.app.save_now()
        self.app.notify(message)

    # ---------------------------------------------------------------- insert
    def insert(self, place: str) -> None:
        """A new item AFTER or UNDER the selected one."""
        anchor = self._amend_target()
        if anchor is None:
            return
        session = self.session
        label = session.item(anchor).label
        question = (f"New item after {label}" if place == AFTER
                    else f"New sub-item under {label}")
        hint = ("The number is a proposal: change it as the meeting decides. "
                "enter saves, escape cancels. The agenda file is not changed.")

        def add(number: str, title: str) -> None:
            key = session.add_item(anchor, place, number, title)
            self.agenda_amended(key, f"Added {session.item(key).label}"
                                     + self._same_number(key))

        number = propose_number(session.agenda, anchor, place)
        from .screens.prompts import ItemScreen  # the dialog's, when opened
        self._ask_item(ItemScreen(question, number, "", hint), add)

    def _ask_item(self, dialog: ItemScreen, apply: Callable[[str, str], None]) -> None:
        """The number and title dialog; ``apply`` them, a refused amendment said."""

        def answer(result: tuple[str, str] | None) -> None:
            if result is None:
                return
            try:
                apply(*result)
            except AmendError as exc:
                self.app.notify(str(exc), severity="warning")

        self.app.push_screen(dialog, answer)

    def _same_number(self, key: str) -> str:
        """A note when another item has the same number (allowed: renumbering in two
        steps passes through it)."""
        item = self.session.item(key)
        if not item.number:
            return ""
        twins = [i.label for i in self.session.order if i.number == item.number and i is not item]
        return f" (note: {twins[0]} has the same number)" if twins else ""

    # ---------------------------------------------------------------- rename
    def rename(self) -> None:
        key = self._amend_target()
        if key is None:
            return
        session = self.session
        item = session.item(key)
        note = describe(session.amended, key)
        hint = (f"This item was {note}. " if note else "") + (
            "enter saves, escape cancels. The agenda file is not changed.")

        def rename(number: str, title: str) -> None:
            if session.rename_item(key, number, title):
                self.agenda_amended(key, f"Renamed: {session.item(key).label}"
                                         + self._same_number(key))

        from .screens.prompts import ItemScreen  # the dialog's, when opened
        self._ask_item(ItemScreen(f"Rename {item.label}", item.number or "", item.title, hint),
                       rename)

    # ---------------------------------------------------------------- move
    def move(self, step: int) -> None:
        """Up (-1) or down (+1) among its siblings."""
        key = self._amend_target()
        if key is None:
            return
        session = self.session
        if not session.move_item(key, step):
            where = "first" if step < 0 else "last"
            self.app.notify(f"{session.item(key).label} is already the {where} at its level")
            return
        self.agenda_amended(key, f"Moved {'up' if step < 0 else 'down'}: "
                                 f"{session.item(key).label}")

    # ---------------------------------------------------------------- remove
    def remove(self) -> None:
        key = self._amend_target()
        if key is None:
            return
        session = self.session
        item = session.item(key)
        problem = session.removal_problem(key)
        if problem:
            if any(session.counts(sub.key) != (0, 0) for sub in item.walk()):
                problem += " (m moves the selected decision to another item)"
            self.app.notify(f"{item.label} cannot be removed. {problem}.", severity="warning")
            return
        subs = sum(1 for _ in item.walk()) - 1
        what = item.label + (f" and its {subs} sub-item{'s' if subs > 1 else ''}"
                             if subs else "")
        spent = sum(session.spent(sub.key) for sub in item.walk())
        question = f"Remove {what} from the agenda?"
        if spent:
            question += (f"\nThe {format_duration(spent)} spent on it will no longer show "
                         "against an item (the meeting's time keeps it).")
        question += "\nThe agenda file is not changed."

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            states = {sub.key: state for sub in item.walk()
                      if (state := session.peek(sub.key)) is not None}
            try:
                session.remove_item(key)
            except AmendError as exc:
                self.app.notify(str(exc), severity="warning")
                return
            self.agenda_amended(session.selected, f"Removed {what}", states)

        from .screens.dialogs import ConfirmScreen  # the dialog's, when opened
        self.app.push_screen(ConfirmScreen(question, "Remove"), answer)
