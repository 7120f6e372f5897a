"""The previous meeting's carried decisions, in the app (``PreviousAdoption``): once this
meeting adopts them (`adopt` on the command line), the old session file is marked
through its lock (``files.previous``); while another meeting-tui holds it, one line says
so and the adoption stays pending in this session, done on the next open of this
meeting, by the palette's command, or by `meeting-tui adopt THIS --previous`.

Run on the app's thread: an explicit act, once a meeting, of a few hundredths of a
second (the old session and its agenda read, one atomic write).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from textual.app import SystemCommand

from ..core.printable import printable
from ..core.settings import format_date
from ..files.previous import mark_old_session
from .host import Host

RETRY = ("when it is free: on the next open of this meeting, or the palette's "
         "'Mark the adoption in the previous meeting's session'")


class PreviousAdoption:
    def __init__(self, app: Host, session_path: Callable[[], Path],
                 read_only: Callable[[], bool]) -> None:
        self.app = app
        self.session = app.session
        self.session_path = session_path
        self.read_only = read_only

    def mark(self, quiet: bool = False) -> bool | None:
        """The old file told what this meeting did, if it does not say so yet; the line
        of what came of it notified (unless ``quiet`` and done). None: nothing to do."""
        record = self.session.settings.previous
        if record is None or not record.pending or self.read_only():
            return None
        result = mark_old_session(self.session_path(), record, RETRY)
        if result.done:
            self.session.revision += 1  # marked_on changed: saved with this session
            self.app.save_now()
            self.app.panel.show(self.session.selected)
        if not (quiet and result.done):
            self.app.notify(printable(result.line[:1].upper() + result.line[1:]), markup=False,
                            severity="information" if result.done else "warning",
                            timeout=10 if result.done else 20)
        return result.done

    def on_open(self) -> None:
        """A pending adoption is done as the meeting opens, if the old file is free."""
        self.mark(quiet=False)

    def palette_commands(self) -> Iterable[SystemCommand]:
        record = self.session.settings.previous
        if record is None or not record.pending or self.read_only():
            return
        what = (f"adopted on {format_date(record.adopted_on)}" if record.adopted_on
                else "not adopted")
        yield SystemCommand("Mark the adoption in the previous meeting's session",
                            f"{record.name}'s carried decisions are {what} here; its "
                            "session does not say so yet", self.mark)
