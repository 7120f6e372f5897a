"""Saving off the UI thread, newest snapshot wins.

The UI takes a snapshot of the session (fast, and consistent because it happens where
the session changes) and hands it over; one writer thread turns it into text and
writes it, so neither the TOML nor the disk holds up typing. Snapshots
queued while a write is under way collapse into the newest, so the file on disk only
ever moves forward and typing never waits on the disk. A failed write is reported,
never retried here: the UI keeps everything in memory and submits again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from .session_file import SessionFile

# on_result(revision, file left alone because someone else changed it or None, error,
# the SessionFile written: a result about a file the writer has since left is moot)
OnResult = Callable[[int, Path | None, Exception | None, SessionFile], None]
Text = str | bytes  # the session's TOML, or its UTF-8 bytes


class Autosaver:
    def __init__(self, target: SessionFile | Path, on_result: OnResult | None = None) -> None:
        self.file = target if isinstance(target, SessionFile) else SessionFile.as_it_is(target)
        self._on_result = on_result
        self._cond = threading.Condition()
        self._pending: tuple[int, Text | Callable[[], Text]] | None = None
        self._busy = False
        self._closed = False
        self.saved_revision = -1
        self.last_error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name="autosave", daemon=True)
        self._thread.start()

    @property
    def path(self) -> Path:
        """Where the session goes (a conflict copy once the file changed under us)."""
        return self.file.path

    def submit(self, revision: int, text: Text | Callable[[], Text]) -> None:
        """Queue a save. ``text`` may be a function that makes it: it is then called on
        the writer thread, so turning a large session into TOML never holds up typing
        (and a snapshot superseded before its turn is never turned into text at all)."""
        with self._cond:
            self._pending = (revision, text)
            self._cond.notify_all()

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until everything submitted is written (or failed). True if all written."""
        with self._cond:
            self._cond.wait_for(lambda: self._pending is None and not self._busy, timeout)
            return self._pending is None and not self._busy and self.last_error is None

    def close(self, timeout: float = 10.0) -> bool:
        ok = self.flush(timeout)
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return ok

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending is not None or self._closed)
                if self._pending is None:
                    return
                revision, text = self._pending
                self._pending = None
                self._busy = True
            error: Exception | None = None
            left_alone: Path | None = None
            file = self.file
            try:
                left_alone = file.save(text if isinstance(text, (str, bytes)) else text())
            except Exception as exc:  # disk full, folder gone: the UI keeps everything
                error = exc
            with self._cond:
                self._busy = False
                self.last_error = error
                if error is None:
                    self.saved_revision = max(self.saved_revision, revision)
                self._cond.notify_all()
            if self._on_result:
                self._on_result(revision, left_alone, error, file)
