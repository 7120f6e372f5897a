"""One writer per session file.

A lock file beside the session (``<session>.lock``) is held through ``filelock`` for as
long as the app runs. The operating system holds that lock for the process: when the
process dies, however it dies, the lock is free again, so a lock left by a dead
process is simply taken over. Who holds the lock (pid, host, since when) is written to
``<session>.lock.info`` so that a second instance can say so; a process that dies
leaves that file behind, which is how we can tell the user we took over its lock.
No Textual here.
"""

from __future__ import annotations

import contextlib
import os
import socket
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import tomli_w
from filelock import FileLock, Timeout

from .durable import write_atomic


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a session's lock."""

    pid: int | None
    host: str | None
    since: datetime | None

    def describe(self) -> str:
        parts = [f"process {self.pid}" if self.pid else "another process"]
        if self.host:
            parts.append(f"on {self.host}")
        if self.since:
            parts.append(f"since {self.since.astimezone().strftime('%Y-%m-%d %H:%M:%S')}")
        return " ".join(parts)


UNKNOWN = Holder(None, None, None)


class Locked(Exception):
    """The session is open in another meeting-tui."""

    def __init__(self, path: Path, holder: Holder) -> None:
        self.path = path
        self.holder = holder
        super().__init__(f"{path}: open in another meeting-tui ({holder.describe()})")


def lock_path(session_path: str | Path) -> Path:
    p = Path(session_path)
    return p.with_name(f"{p.name}.lock")


def info_path(session_path: str | Path) -> Path:
    p = Path(session_path)
    return p.with_name(f"{p.name}.lock.info")


def read_holder(session_path: str | Path) -> Holder | None:
    """What the info file says (None if there is none; UNKNOWN if it is unreadable)."""
    try:
        doc = tomllib.loads(info_path(session_path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return UNKNOWN
    pid, host, since = doc.get("pid"), doc.get("host"), doc.get("since")
    return Holder(
        pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
        host if isinstance(host, str) else None,
        since if isinstance(since, datetime) and since.tzinfo else None,
    )


class SessionLock:
    """The lock of one session file, for this process."""

    def __init__(self, session_path: str | Path) -> None:
        self.session_path = Path(session_path)
        self._lock = FileLock(str(lock_path(self.session_path)), timeout=0)
        self.held = False
        self.me: Holder | None = None

    def acquire(self) -> Holder | None:
        """Take the lock, or raise Locked naming its holder. Returns the holder of a lock
        that was left behind by a process that is gone (taken over), else None."""
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise Locked(self.session_path, read_holder(self.session_path) or UNKNOWN) from None
        self.held = True
        left = read_holder(self.session_path)
        self.me = Holder(os.getpid(), socket.gethostname(),
                         datetime.now(UTC).replace(microsecond=0))
        # The lock holds without the info file; a second instance just cannot say who.
        with contextlib.suppress(OSError):
            write_atomic(info_path(self.session_path), tomli_w.dumps(
                {"program": "meeting-tui", "pid": self.me.pid, "host": self.me.host,
                 "since": self.me.since}))
        return left if left is not None and left.pid != os.getpid() else None

    def release(self) -> None:
        if not self.held:
            return
        mine = read_holder(self.session_path)
        if mine is not None and self.me is not None and mine.pid == self.me.pid:
            with contextlib.suppress(OSError):
                info_path(self.session_path).unlink()
        self._lock.release()
        self.held = False

    def __enter__(self) -> SessionLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
