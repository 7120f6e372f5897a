"""Following a session file from another process, read-only.

The follow view (``meeting-tui follow``, ``serve``) shows a meeting that another
meeting-tui is writing. It never takes the lock and never writes: it stats the file
on a short interval and loads it again when its stamp (inode, size, mtime) changes.
The writer replaces the file atomically, so a read gives either the old version or
the new one; a file that is briefly missing or will not load keeps the last good
version on screen, with the problem said, until a good one comes.

No Textual here: the view polls ``SessionWatcher.poll`` from its own timer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..core.agenda import Agenda
from ..core.clock import Now, utc_now
from ..core.errors import InputError
from ..core.session import Session
from .agenda_file import load_agenda, read_agenda_text
from .durable import FileStamp, file_stamp
from .session_file import find_agenda, read
from .session_reading import build
from .session_toml import agenda_hash


@dataclass(frozen=True)
class FollowState:
    """What the view shows: the last session that loaded, and what is wrong now."""

    session: Session | None
    problem: str | None = None  # one line: the file is missing, will not load, ...
    loaded_at: datetime | None = None  # when the last good version was read (UTC)
    version: int = 0  # bumped on every good load: the view redraws what depends on it


class SessionWatcher:
    """Loads a session file again whenever it changes on disk; never writes."""

    def __init__(self, path: str | Path, now: Now = utc_now, *, drafts: bool = False) -> None:
        self.path = Path(path)
        self.now = now
        self.drafts = drafts
        self._stamp: FileStamp | None = None
        self._agenda: tuple[Path, FileStamp | None, Agenda, str, bool] | None = None
        self.state = FollowState(None)

    def load(self) -> FollowState:
        """The first load: InputError (one line naming the file) when it will not do."""
        self._stamp = None
        self._reload(raise_errors=True)
        return self.state

    def poll(self) -> bool:
        """Stat the file (and its agenda); load again if either changed. True when
        what the view shows changed (a new version, or a problem came or went)."""
        try:
            stamp = file_stamp(self.path)
        except OSError:  # not readable, not a folder any more, ...: let the load say
            return self._reload(raise_errors=False)
        if stamp is None:
            if self._stamp is None and self.state.problem:
                return False
            self._stamp = None
            return self._set_problem(f"{self.path.name}: missing (moved or removed?); "
                                     "showing the last version read")
        try:
            agenda_changed = self._agenda is not None and (
                file_stamp(self._agenda[0]) != self._agenda[1])
        except OSError:
            agenda_changed = True  # loading it again says what is wrong
        if stamp == self._stamp and not agenda_changed:
            return False
        return self._reload(raise_errors=False)

    # ------------------------------------------------------------ internals
    def _set_problem(self, problem: str | None) -> bool:
        if problem == self.state.problem:
            return False
        self.state = FollowState(self.state.session, problem, self.state.loaded_at,
                                 self.state.version)
        return True

    def _agenda_for(self, recorded: str, bullets_as_notes: bool = False) -> tuple[Agenda, str]:
        """The agenda the session names, parsed once and again only when it changes."""
        path = find_agenda(self.path, recorded)
        stamp = file_stamp(path)
        cached = self._agenda
        if (cached is not None and cached[0] == path and cached[1] == stamp
                and cached[4] == bullets_as_notes):
            return cached[2], cached[3]
        agenda = load_agenda(path, bullets_as_notes)
        digest = agenda_hash(read_agenda_text(path))
        self._agenda = (path, stamp, agenda, digest, bullets_as_notes)
        return agenda, digest

    def _reload(self, raise_errors: bool) -> bool:
        try:
            raw = read(self.path)
            self._stamp = raw.stamp  # the stamp of the very version read
            agenda, digest = self._agenda_for(raw.recorded_agenda()[0], raw.bullets_as_notes)
            loaded = build(raw.document, agenda, self.path, self.now, digest)
        except InputError as exc:
            if raise_errors:
                raise
            # The file's name, not its whole path: this goes on one line of a screen.
            where = Path(exc.path).name + (f":{exc.line}" if exc.line is not None else "")
            return self._set_problem(f"{where}: {exc.problem}; showing the last version read")
        except Exception as exc:  # a hand-edited file that trips the loader: not a crash
            error = InputError(self.path, f"cannot be loaded ({type(exc).__name__}: {exc})")
            if raise_errors:
                raise error from None
            return self._set_problem(f"{self.path.name}: {error.problem}; showing the last "
                                     "version read")
        if not self.drafts:
            without_drafts(loaded.session)
        self.state = FollowState(loaded.session, None, self.now(), self.state.version + 1)
        return True


def without_drafts(session: Session) -> None:
    """Drop the draft decisions of this in-memory copy: they are the secretary's work in
    progress, not for a room to read (and the follow view never writes it back)."""
    states = list(session.states.values()) + [entry.state for entry in session.unmatched]
    for state in states:
        state.decisions = [d for d in state.decisions if d.final]
