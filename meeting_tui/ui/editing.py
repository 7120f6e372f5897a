"""Writing decisions in the app: add (a), edit (e), final / draft (f), delete; move
to another item (m) and within the item (< >).

The editor is open on one decision at a time (``editing``); what is typed is the
session's at once (MeetingApp's TextArea.Changed handler), and leaving the editor keeps
it, or discards a new decision left empty.
"""

from __future__ import annotations

from textual.widgets import TextArea

from ..core.list_numbers import list_number
from ..core.printable import printable
from ..core.session import DecisionStatus
from ..core.settings import format_date
from .display import kept
from .host import Host


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
        editor.border_title = self.title(key, decision_id)
        self.app.focus_now(editor)

    def title(self, key: str, decision_id: int) -> str:
        """The editor's title: the decision as the List, the item panel and the notices
        number it ("Decision 5 of the List"), or "Draft decision": a draft is not in it."""
        number = list_number(self.session, key, decision_id)
        if number is not None:
            return f"Decision {number} of the List"
        final = self.session.decision(key, decision_id).final
        return "Final, empty: not in the List" if final else "Draft decision"

    def retitle(self) -> None:
        """The List's numbers moved (a decision made final, moved, deleted): the
        editor's title follows."""
        if self.editing is not None:
            self.app.editor.border_title = self.title(*self.editing)

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

            from .screens.dialogs import ConfirmScreen  # the dialog's, when opened
            self.app.push_screen(ConfirmScreen(question, "Withdraw"), answer)
            return
        self._toggle_final(key, decision_id)

    def _toggle_final(self, key: str, decision_id: int) -> None:
        status = self.session.toggle_final(key, decision_id)
        self.app.panel.show(key, decision_id)
        self.app.agenda_tree.refresh_item(key)
        self.retitle()
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
            from ..core import undo  # imported on first use, with the history

            kind, entry, index = self.session.take_entry(key, decision_id)
            self.app.history.push(f"deleting {name}",
                                  undo.put_back(self.session, key, kind, entry, index))
            self.app.panel.show(self.session.selected)
            self.app.agenda_tree.refresh_item(key)
            self.retitle()
            self.app.save_now()
            self.app.notify(f"{upper(name)} deleted (u undoes it)")

        text = self.session.decision(key, decision_id).text
        preview = text if len(text) <= 60 else text[:59] + "…"
        from .screens.dialogs import ConfirmScreen  # the dialog's, when opened
        self.app.push_screen(ConfirmScreen(f"Delete {name}?\n{preview}", "Delete"),
                             answer)


    # ------------------------------------------------------------ moving
    def move(self) -> None:
        """m: the palette lists the other items (those around this one first); the
        one chosen takes the decision, after its last."""
        target = self.app.selected_decision()
        if target is None:
            return
        key, decision_id = target
        if self.editing == target and self.stop() is None:
            return  # a new decision left empty was discarded: nothing to move
        name = self.named(key, decision_id)
        from .providers import move_targets  # the palette's, imported when it opens
        from .screens.dialog import Palette

        self.app.push_screen(Palette(
            providers=[move_targets(self.session, key,
                                    lambda to: self.move_to(key, decision_id, to))],
            placeholder=f"Move {name} to which item? Its number or title words…"))

    def move_to(self, key: str, decision_id: int, to_key: str) -> None:
        """The decision now under ``to_key``, after its decisions; the cursor follows
        it there."""
        session = self.session
        if not session.has(key) or not session.has(to_key) or to_key == key:
            return
        session.move_decision(key, decision_id, to_key)
        self.app.refresh_items(key, to_key)
        self.app.go_to_decision(to_key, decision_id)
        self.retitle()
        self.app.save_now()
        self.app.notify(f"{upper(self.named(to_key, decision_id))} moved to "
                        f"{session.item(to_key).label}")

    def reorder(self, step: int) -> None:
        """< and >: up (-1) or down (+1) among the item's decisions."""
        target = self.app.selected_decision()
        if target is None:
            return
        key, decision_id = target
        if not self.session.reorder_decision(key, decision_id, step):
            where = "first" if step < 0 else "last"
            self.app.notify(f"{upper(self.named(key, decision_id))} is already the {where} "
                            f"of {self.session.item(key).label}")
            return
        self.app.panel.show(key, decision_id)
        self.retitle()
        self.app.save_now()
        self.app.notify(f"Moved {'up' if step < 0 else 'down'}: "
                        f"{self.named(key, decision_id)}")


def upper(text: str) -> str:
    """The first letter a capital, the rest as it is ("the List" stays)."""
    return text[:1].upper() + text[1:]
