"""What comes after the decisions, in the app (``FollowUp``): the command line (`:`),
undo (`u`), the notes of the selected item (`N`), the follow-up actions (`A`), and the
exports of the abridged report and of the actions (the palette).

Each entry is saved at once and repainted where it shows; the work on the session is
``core/entries.py``'s and ``core/undo.py``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from textual.app import SystemCommand

from ..core import action_list, minutes
from ..core.entries import EntryError, Scribe, complete, owners
from ..core.export_docx import DocxUnavailable, docx_available
from ..core.undo import History, NothingToUndo
from ..files.exports import export_path, write_file
from .command_line import CommandLineScreen
from .host import Host
from .screens.followup import ActionsScreen, NotesScreen
from .screens.prompts import ExportScreen


def followup_path(session_path: Path, what: str, fmt: str) -> Path:
    """Beside the session, as the List of decisions: 'x.minutes.md', 'x.actions.md'."""
    path = export_path(session_path, fmt)
    return path.with_name(path.name.replace(".decisions.", f".{what}.", 1))


class FollowUp:
    def __init__(self, app: Host, session_path: Callable[[], Path]) -> None:
        self.app = app
        self.session = app.session
        self.session_path = session_path
        self.history = History()
        self.scribe = Scribe(self.session, self.history)
        self.lines: list[str] = []  # the command line's history, for this run of the app

    # ------------------------------------------------------------ the command line
    def open_command_line(self) -> None:
        self.app.push_screen(CommandLineScreen(self.run, self.complete, self.lines))

    def complete(self, line: str) -> list[str]:
        return complete(self.session, line, owners(self.session))

    def run(self, line: str, key: str | None = None) -> str:
        """One entry into the selected item (or ``key``): done, saved at once,
        repainted; EntryError when not done."""
        amendments = list(self.session.amendments)
        said = self.scribe.run(line, key or self.session.selected)
        self.changed(amended=self.session.amendments != amendments)
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

    # ------------------------------------------------------------ notes, actions
    def notes(self) -> None:
        key = self.session.selected
        if key is not None and self.session.has(key):
            self.app.push_screen(NotesScreen(self.session, key,
                                             lambda text: self.run(f"n {text}", key)))

    def actions(self) -> None:
        def toggled(key: str, action_id: int) -> None:
            self.session.toggle_action_done(key, action_id)
            self.app.save_now()

        self.app.push_screen(ActionsScreen(self.session, toggled))

    # ------------------------------------------------------------ exports
    def export(self, what: str) -> None:
        title = ("Export the abridged report (notes and decisions)" if what == "minutes"
                 else "Export the follow-up actions")
        where = followup_path(self.session_path(), what, "…").name
        self.app.push_screen(ExportScreen(where, "md", docx_available(), title=title),
                             lambda fmt: self._export(what, fmt))

    def _export(self, what: str, fmt: str | None) -> None:
        if fmt is None:
            return
        path = followup_path(self.session_path(), what, fmt)
        try:
            if what == "minutes":
                data = minutes.render(minutes.build_minutes(self.session), fmt)
            else:
                data = action_list.render(self.session, action_list.rows(self.session), fmt)
            write_file(path, data)
        except DocxUnavailable as exc:
            self.app.notify(str(exc), severity="error", timeout=10)
            return
        except OSError as exc:
            self.app.notify(f"Cannot write {path}: {exc.strerror or exc}",
                            severity="error", timeout=10)
            return
        name = "The abridged report" if what == "minutes" else "The open actions"
        self.app.notify(f"{name} exported to {path}", timeout=10)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand("Export the abridged report (notes and decisions)",
                            "per item the notes, then the decisions: Markdown, text, "
                            "HTML or DOCX", lambda: self.export("minutes"))
        yield SystemCommand("Export the follow-up actions", "the open actions by due "
                            "date: Markdown, text, HTML or DOCX",
                            lambda: self.export("actions"))


__all__ = ["EntryError", "FollowUp", "followup_path"]
