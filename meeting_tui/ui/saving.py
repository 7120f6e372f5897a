"""The app's side of durability.

After every change a snapshot of the session is taken on the UI thread; the
autosaver's thread turns it into TOML and writes it. What can go wrong is shown in a
persistent line above the footer (``SaveStatus``), not only in a toast: a write that
fails (the app keeps everything in memory and retries every few seconds; ``w`` saves to
another file), a file changed by someone else (left alone; the session goes to a
conflict copy), a read-only session.

A signal that ends the app (SIGHUP when the SSH connection drops, SIGTERM, SIGINT)
first writes what is pending, as quitting does: typing is otherwise only written up to
TYPING_SAVE_DELAY after the first unsaved key.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Callable
from pathlib import Path

from textual.message import Message
from textual.timer import Timer

from ..files.autosave import Autosaver
from ..files.lock import Locked, SessionLock
from ..files.session_file import SessionFile
from ..files.session_toml import Serializer, dumps
from ..files.snapshot import Snapshot
from .host import Host

TYPING_SAVE_DELAY = 0.4  # seconds from the first unsaved keystroke to the write
RETRY_SECONDS = 3.0  # while saving fails, the current state is written again this often
# Each ends the app after a last save. SIGHUP: the terminal is gone (an SSH connection
# dropped, the window closed); SIGTERM: a shutdown, `kill`; SIGINT: `kill -INT` (ctrl+c
# is a key in the app, not a signal).
ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
# Keys already read when the signal came are handled first; this long at most.
SIGNAL_DRAIN_SECONDS = 0.5
EXIT_GRACE_SECONDS = 3.0  # after the last save, for the app to end on its own


def describe_error(error: BaseException) -> str:
    """'No space left on device', not '[Errno 28] No space left on device: ...'."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


class SaveDone(Message):
    """Posted by the writer thread (post_message is thread-safe; it never blocks)."""

    def __init__(self, left_alone: Path | None, error: Exception | None,
                 file: SessionFile) -> None:
        super().__init__()
        self.left_alone = left_alone
        self.error = error
        self.file = file  # the file it was about


class Saver:
    """Saving the app's session: continuously, again after a failure, or elsewhere."""

    def __init__(
        self,
        app: Host,
        session_path: Path,
        agenda_path: str,
        digest: str,
        *,
        session_file: SessionFile | None,
        lock: SessionLock | None,
        read_only: bool,
        notes: list[str] | tuple[str, ...],
    ) -> None:
        self.app = app
        self.session = app.session
        self.session_path = session_path
        self.agenda_path = agenda_path
        self.digest = digest
        self.read_only = read_only
        self.lock = lock
        self.notes = list(notes)
        if session_file is None:
            session_file = (SessionFile(session_path, None, None) if read_only
                            else SessionFile.as_it_is(session_path))
        self.autosaver = Autosaver(session_file, on_result=self._saved)
        self.snapshot = Snapshot()  # used on the UI thread only
        self.serializer = Serializer()  # used on the writer thread only
        self.save_error: Exception | None = None
        self.left_alone: Path | None = None  # the file someone else changed
        self._typing_timer: Timer | None = None
        self.retry_timer: Timer | None = None
        self.catch_signals = False  # set by launch: only the real app owns the process
        self._before_exit: Callable[[], object] = lambda: None
        self._ending: int | None = None  # the signal being handled

    # ---------------------------------------------------------------- signals
    def started(self, before_exit: Callable[[], object]) -> None:
        """The app runs: from now on an ending signal saves first (``before_exit`` takes
        the editor's text into the session), then ends the app with 128 + the signal's
        number, as a shell reports a process a signal ended."""
        self._before_exit = before_exit
        if not self.catch_signals:
            return
        loop = asyncio.get_running_loop()
        for signum in ENDING_SIGNALS:
            loop.add_signal_handler(signum, self.signalled, signum)

    def signalled(self, signum: int) -> None:
        """On the UI loop. Keys read before the signal may still be on their way to the
        editor: the end is queued behind them (the editor's own queue), and a timer ends
        it anyway should that queue be stuck."""
        if self._ending is not None:
            return
        self._ending = signum
        self.app.editor.call_later(self._end)
        self.app.set_timer(SIGNAL_DRAIN_SECONDS, self._end)

    def _end(self) -> None:
        signum, self._ending = self._ending, -1
        if signum is None or signum < 0:
            return  # ended already
        try:
            self._before_exit()
        finally:
            self.save_now()
            self.autosaver.close(10.0)
            # Saved. Leaving the terminal as found can block on one that is gone (the
            # connection dropped): the process then ends without it.
            guard = threading.Timer(EXIT_GRACE_SECONDS, os._exit, (128 + signum,))
            guard.daemon = True
            guard.start()
            self.app.exit(return_code=128 + signum)

    # ---------------------------------------------------------------- saving
    def save_now(self) -> None:
        if self._typing_timer is not None:
            self._typing_timer.stop()
            self._typing_timer = None
        if self.read_only:
            return
        # The snapshot is taken here, where the session changes (plain new dicts of
        # immutable values; only the entries of the items that changed are new); the
        # TOML is made on the writer thread.
        doc = self.snapshot.document(self.session, self.agenda_path, self.digest)
        serializer = self.serializer
        self.autosaver.submit(self.session.revision, lambda: serializer.data(doc))

    def save_soon(self) -> None:
        """While typing: one write at most TYPING_SAVE_DELAY after the first change."""
        if self._typing_timer is None:
            self._typing_timer = self.app.set_timer(TYPING_SAVE_DELAY, self.save_now)

    def flush(self, timeout: float) -> bool:
        return self.autosaver.flush(timeout)

    def close(self, timeout: float) -> bool:
        """The last write before quitting; on failure a new autosaver goes on instead."""
        if self.autosaver.close(timeout):
            return True
        self.app.notify(
            f"Could not save {self.autosaver.path}: {self.autosaver.last_error}. "
            "Not quitting, so nothing is lost: w saves to another file.",
            severity="error",
            timeout=10,
        )
        self.autosaver = Autosaver(self.autosaver.file, on_result=self._saved)
        return False

    def _saved(self, revision: int, left_alone: Path | None, error: Exception | None,
               file: SessionFile) -> None:
        self.app.post_message(SaveDone(left_alone, error, file))

    def saved(self, message: SaveDone) -> None:
        """On the UI thread: what the writer thread's last write came to."""
        if message.file is not self.autosaver.file:
            return  # a write to the file left by save as: its outcome no longer matters
        notify = self.app.notify
        if message.left_alone is not None:
            self.left_alone = message.left_alone
            notify(
                f"{message.left_alone} was changed by someone else since the last save: it is "
                f"left as it is. This session is saved to {self.autosaver.path} from now on.",
                severity="warning",
                timeout=20,
            )
        error = message.error
        if error is not None:
            if self.save_error is None:
                notify(
                    f"Cannot save {self.autosaver.path}: {describe_error(error)}. Everything is "
                    "kept in memory; retrying. w saves to another file.",
                    severity="error",
                    timeout=10,
                )
            if self.retry_timer is None:
                self.retry_timer = self.app.set_interval(RETRY_SECONDS, self.save_now)
        elif self.save_error is not None:
            notify(f"Saved again to {self.autosaver.path}")
            self._stop_retrying()
        self.save_error = error
        self.show_status()

    def _stop_retrying(self) -> None:
        if self.retry_timer is not None:
            self.retry_timer.stop()
            self.retry_timer = None

    def show_status(self) -> None:
        if not self.app.is_running:
            # A save's result that comes as the app closes (its last save, a retry):
            # the status line went with the screen, and what the save did is the
            # exit's to say (a traceback at the exit, seen under load, was this).
            return
        lines: list[tuple[str, str]] = []
        if self.read_only:
            lines.append(("info", f"Read-only: {self.session_path} is shown, never written. "
                                  "Changes are refused."))
        if self.save_error is not None:
            lines.append(("error", f"Not saved: cannot write {self.autosaver.path} "
                                   f"({describe_error(self.save_error)}). Everything is kept in "
                                   f"memory; retrying every {RETRY_SECONDS:g} s. "
                                   "w: save to another file."))
        if self.left_alone is not None:
            lines.append(("warning", f"{self.left_alone} was changed by someone else and is "
                                     f"left as it is; this session is saved to "
                                     f"{self.autosaver.path}."))
        self.app.save_status.show_lines(lines)

    def show_notes(self) -> None:
        """What happened while opening (took over a lock, recovered, upgraded, the agenda
        changed): told once more in the app, where the user looks."""
        for note in self.notes:
            self.app.notify(note, timeout=20, severity="warning")
        self.show_status()

    # ---------------------------------------------------------------- save as
    def ask_save_as(self) -> None:
        if self.read_only:
            self.app.notify("Read-only: this app does not save", severity="warning")
            return
        current = self.autosaver.path
        suggestion = Path.home() / current.name
        if suggestion.exists() or suggestion == current:
            suggestion = suggestion.with_name(f"{current.name.removesuffix('.toml')}-copy.toml")

        def done(value: str | None) -> None:
            if value is None:
                return
            self.app.notify(f"Saved to {self.autosaver.path}; the session is saved there from "
                            f"now on (next time: --session {self.autosaver.path})", timeout=15)

        from .screens.prompts import PromptScreen  # the dialog's, when opened
        self.app.push_screen(
            PromptScreen(
                "Save the session to another file",
                str(suggestion),
                "A new file; later saves go there. enter saves, escape cancels.",
                check=self.save_as,
            ),
            done,
        )

    def save_as(self, value: str) -> None:
        """Write the session to a new file and go on saving there; ValueError says why not."""
        target = Path(value.strip()).expanduser()
        if not value.strip():
            raise ValueError("Type a file name")
        if target.is_dir():
            raise ValueError(f"{target} is a folder: add a file name")
        if target.exists():
            raise ValueError(f"{target} exists: choose another name (it is never overwritten)")
        lock = SessionLock(target)
        try:
            lock.acquire()
        except Locked as busy:
            raise ValueError(str(busy)) from None
        except OSError as exc:
            raise ValueError(f"Cannot write in {target.parent}: {describe_error(exc)}") from None
        new_file = SessionFile(target, None, None)
        new_file.lock = lock
        try:
            new_file.save(dumps(self.session, self.agenda_path, self.digest))
        except OSError as exc:
            lock.release()
            raise ValueError(f"Cannot write {target}: {describe_error(exc)}") from None
        self.autosaver.flush(2.0)
        self.autosaver.file = new_file
        if self.lock is not None:
            self.lock.release()
        self.lock = lock
        self.session_path = target
        self.save_error = None
        self.left_alone = None
        self._stop_retrying()
        self.show_status()
