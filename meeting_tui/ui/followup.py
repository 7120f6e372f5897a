"""What comes after the decisions, in the app (``FollowUp``): the command line (`:`),
undo (`u`), the notes of the selected item (`N`), the follow-up actions (`A`), and the
exports of the abridged report and of the actions (the palette).

Each entry is saved at once and repainted where it shows; the work on the session is
``core/entries.py``'s and ``core/undo.py``'s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..core.entries import EntryError, Scribe, complete
from ..core.undo import History, NothingToUndo
from .command_line import CommandLineScreen
from .host import Host
from .previous import PreviousAdoption


class FollowUp:
    def __init__(self, app: Host, session_path: Callable[[], Path]) -> None:
        self.app = app
        self.session = app.session
        self.session_path = session_path
        self.history = History()
        self.scribe = Scribe(self.session, self.history)
        self.lines: list[str] = []  # the command line's history, for this run of the app
        # The floor's entries (q+ NAME, next speaker, vote 30-2-3: ui/floor.py), tried
        # first: each returns None for a line that is not its own.
        self.floor_lines: Callable[[str, str | None], str | None] | None = None
        self.floor_complete: Callable[[str], list[str] | None] | None = None
        # The previous meeting's carried decisions: its file marked once they are adopted.
        self.previous = PreviousAdoption(app, session_path,
                                         lambda: bool(getattr(app, "read_only", False)))

    # ------------------------------------------------------------ the command line
    def open_command_line(self) -> None:
        self.app.push_screen(CommandLineScreen(self.run, self.complete, self.lines))

    def complete(self, line: str) -> list[str]:
        floor = self.floor_complete(line) if self.floor_complete is not None else None
        if floor is not None:
            return floor
        return complete(self.session, line, self.session.roll_names())

    def run(self, line: str, key: str | None = None) -> str:
        """One entry into the selected item (or ``key``): done, saved at once,
        repainted; EntryError when not done."""
        if self.floor_lines is not None:
            floor = self.floor_lines(line, key or self.session.selected)
            if floor is not None:
                return floor
        amendments = list(self.session.amendments)
        said = self.scribe.run(line, key or self.session.selected)
        self.changed(amended=self.session.amendments != amendments)
        self.previous.mark()  # an adoption (or its undo) of the carried decisions
        return said

    def changed(self, amended: bool = False) -> None:
        tree = self.app.agenda_tree
        if amended:
            tree.populate()
        else:
            tree.refresh()
        if self.session.selected:
            tree.select_key(self.session.selected)
        self.app.panel.show(self.session.selected)
        self.app.top_bar.refresh()
        self.app.save_now()

    # ------------------------------------------------------------ undo
    def undo(self) -> None:
        amendments = list(self.session.amendments)
        try:
            said = self.history.undo()
        except NothingToUndo:
            self.app.notify("Nothing to undo", severity="warning")
            return
        self.scribe.last = None
        self.changed(amended=self.session.amendments != amendments)
        self.app.notify(said)
        self.previous.mark()

    # ------------------------------------------------------------ notes, actions
    def notes(self) -> None:
        key = self.session.selected
        if key is not None and self.session.has(key):
            from .screens.followup import NotesScreen  # the dialog's, when opened
            self.app.push_screen(NotesScreen(self.session, key,
                                             lambda text: self.run(f"n {text}", key)))

    def actions(self) -> None:
        def toggled(key: str, action_id: int) -> None:
            self.session.toggle_action_done(key, action_id)
            self.app.save_now()

        from .screens.followup import ActionsScreen  # the dialog's, when opened
        self.app.push_screen(ActionsScreen(self.session, toggled))

    # ------------------------------------------------------------ exports
    def export(self, what: str) -> None:
        """The export dialog (ui/exporting.py), on the report or the actions."""
        from .decisions import docx_available
        from .exporting import Exporter

        Exporter(self.app, self.session_path, docx_available).open(what)


__all__ = ["EntryError", "FollowUp"]
