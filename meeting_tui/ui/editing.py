"""Writing decisions in the app: add (a), edit (e), final / draft (f), delete.

The editor is open on one decision at a time (``editing``); what is typed is the
session's at once (MeetingApp's TextArea.Changed handler), and leaving the editor keeps
it, or discards a new decision left empty.
"""

from __future__ import annotations

from textual.widgets import TextArea

from ..core.decision_list import list_number
from ..core.printable import printable
from ..core.session import DecisionStatus
from ..core.settings import format_date
from .display import kept
from .host import Host
from .screens.dialogs import ConfirmScreen


class DecisionWriting:
    """The decision being edited, and the decisions' status."""

    def __init__(self, app: Host) -> None:
        self.app = app
        self.session = app.session
        self.editing: tuple[str, int] | None = None  # (item key, decision id) in the editor

    def add(self) -> None:
        key = self.session.selected
        if key is None:
            return
        self.stop()
        decision = self.session.add_decision(key)
        self.app.panel.show(key, decision.id)
        self.app.agenda_tree.refresh_item(key)
        self.start(key, decision.id)
        self.app.save_now()

    def edit(self) -> None:
        target = self.app.selected_decision()
        if target is None:
            self.app.notify("No decision selected: a adds one")
            return
        self.stop()
        self.start(*target)

    def start(self, key: str, decision_id: int) -> None:
        self.editing = (key, decision_id)
        editor = self.app.editor
        editor.disabled = False
        with editor.prevent(TextArea.Changed):
            # Shown with its controls visible (a session file edited by hand may hold
            # one); left unchanged, the decision keeps its text (stop).
            editor.load_text(printable(self.session.decision(key, decision_id).text))
        editor.move_cursor(editor.document.end)
        editor.border_title = f"Decision {self.number(key, decision_id)}"
        self.app.focus_now(editor)

    def number(self, key: str, decision_id: int) -> int:
        """Its number among the item's decisions, as the item panel shows it."""
        ids = [d.id for d in self.session.state(key).decisions]
        return ids.index(decision_id) + 1

    def named(self, key: str, decision_id: int) -> str:
        """"decision 5 of the List" (numbered as the List numbers it), or "the draft"."""
        number = list_number(self.session, key, decision_id)
        return "the draft" if number is None else f"decision {number} of the List"

    def stop(self) -> tuple[str, int] | None:
        """Leave the editor; an empty new decision is discarded rather than kept blank."""
        if self.editing is None:
            return None
        key, decision_id = self.editing
        self.editing = None
        original = self.session.decision(key, decision_id).text
        self.session.set_text(key, decision_id, kept(original, self.app.editor.text))
        editor = self.app.editor
        with editor.prevent(TextArea.Changed):
            editor.load_text("")
        editor.border_title = ""
        editor.disabled = True
        if not self.session.decision(key, decision_id).text.strip():
            self.session.delete_decision(key, decision_id)
            self.app.notify("Empty decision discarded")
            self.app.agenda_tree.refresh_item(key)
            self.app.panel.show(self.session.selected)
            self.app.save_now()
            return None
        self.app.panel.show(self.session.selected, decision_id)
        self.app.save_now()
        return key, decision_id

    def toggle_final(self) -> None:
        target = self.app.selected_decision()
        if target is None:
            return
        if self.editing == target:
            self.stop()
        key, decision_id = target
        decision = self.session.decision(key, decision_id)
        if decision.status is DecisionStatus.ADOPTED:
            # The body adopted it: going back to final withdraws that; ask first.
            adopted = format_date(decision.adopted) if decision.adopted else "?"
            question = (f"{upper(self.named(key, decision_id))} was adopted on "
                        f"{adopted}. Withdraw its adoption (it stays final)?")

            def answer(yes: bool | None) -> None:
                if yes:
                    self._toggle_final(key, decision_id)

            self.app.push_screen(ConfirmScreen(question, "Withdraw"), answer)
            return
        self._toggle_final(key, decision_id)

    def _toggle_final(self, key: str, decision_id: int) -> None:
        status = self.session.toggle_final(key, decision_id)
        self.app.panel.show(key, decision_id)
        self.app.agenda_tree.refresh_item(key)
        self.app.save_now()
        self.app.notify(f"Final: {self.named(key, decision_id)}" if status.value != "draft"
                        else "Back to draft: out of the List of decisions")

    def delete(self) -> None:
        target = self.app.selected_decision()
        if target is None:
            return
        key, decision_id = target
        name = self.named(key, decision_id)

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            if self.editing == target:
                self.editing = None
                self.app.editor.load_text("")
                self.app.editor.disabled = True
                self.app.focus_now(self.app.agenda_tree)
            self.session.delete_decision(key, decision_id)
            self.app.panel.show(self.session.selected)
            self.app.agenda_tree.refresh_item(key)
            self.app.save_now()
            self.app.notify(f"{upper(name)} deleted")

        text = self.session.decision(key, decision_id).text
        preview = text if len(text) <= 60 else text[:59] + "…"
        self.app.push_screen(ConfirmScreen(f"Delete {name}?\n{preview}", "Delete"),
                             answer)


def upper(text: str) -> str:
    """The first letter a capital, the rest as it is ("the List" stays)."""
    return text[:1].upper() + text[1:]
