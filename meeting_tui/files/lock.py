"""One writer per session file.

A lock file beside the session (``<session>.lock``) is held with ``flock`` for as long
as the app runs. The operating system holds that lock for the process: when the
process dies, however it dies, the lock is free again, so a lock left by a dead
process is simply taken over. Who holds the lock (pid, host, since when) is written to
``<session>.lock.info`` so that a second instance can say so; a process that dies
leaves that file behind, which is how we can tell the user we took over its lock.

One session is one file, whatever the path to it: the lock is taken beside the real
file (symlinks followed, ``..`` resolved), and a second lock is keyed on the file's
device and inode (in a folder of this user's under the temporary folder), so a hard
link, a second name for the same file, is the same session too. No Textual here.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import socket
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

import tomli_w

from .durable import real_path, write_atomic

# flock cannot be had on this file system (some network and FUSE file systems).
_NO_FLOCK = {errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOLCK}


class FileLock:
    """An exclusive ``flock`` on a lock file, never waited for.

    The operating system holds it for the open file, so it goes when the process dies,
    however it dies: a lock file left behind is free to take. The file is opened
    without truncating it (it may be the holder's) and without following a symlink (a
    link planted at its name must not make us open another file). The standard
    library's ``flock`` is all that is needed; the ``filelock`` package did the same
    for us at some 45 million instructions of start-up (docs/benchmarks.md).
    """

    def __init__(self, lock_file: str | Path) -> None:
        self.lock_file = str(lock_file)
        self._fd: int | None = None

    def acquire(self) -> bool:
        """Take the lock: False if another open file holds it; OSError if the file
        cannot be opened or its file system does not lock files."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | os.O_CLOEXEC
        try:
            fd = os.open(self.lock_file, flags, 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise OSError(exc.errno, "it is a symbolic link: not followed",
                              self.lock_file) from None
            raise
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        except OSError as exc:
            os.close(fd)
            if exc.errno in _NO_FLOCK:
                raise OSError(exc.errno, "its file system does not lock files",
                              self.lock_file) from None
            raise
        self._fd = fd
        return True

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing the only descriptor of the open file frees its lock


class Holder(NamedTuple):  # a named tuple: cheaper to make than a dataclass (issue 19)
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
    return read_holder_info(info_path(session_path))


def read_holder_info(path: Path) -> Holder | None:
    """What an info file says (None if there is none; UNKNOWN if it is unreadable)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        return UNKNOWN
    import tomllib  # only once there is a holder to read (start-up seldom has one)

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return UNKNOWN
    pid, host, since = doc.get("pid"), doc.get("host"), doc.get("since")
    return Holder(
        pid if isinstance(pid, int) and not isinstance(pid, bool) else None,
        host if isinstance(host, str) else None,
        since if isinstance(since, datetime) and since.tzinfo else None,
    )


def inode_lock_path(st: os.stat_result) -> Path | None:
    """Where the lock of the file with this device and inode is, or None if that folder
    cannot be made (the lock beside the file still holds)."""
    folder = Path(tempfile.gettempdir()) / f"meeting-tui-{os.getuid()}"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    return folder / f"{st.st_dev}-{st.st_ino}.lock"


class SessionLock:
    """The lock of one session file, for this process."""

    def __init__(self, session_path: str | Path) -> None:
        self.session_path = Path(session_path)
        self.real = real_path(self.session_path)  # a link or ../ leads to the same lock
        self._lock = FileLock(lock_path(self.real))
        self._inode_lock: FileLock | None = None
        self.held = False
        self.me: Holder | None = None

    def acquire(self) -> Holder | None:
        """Take the lock, or raise Locked naming its holder. Returns the holder of a lock
        that was left behind by a process that is gone (taken over), else None."""
        if not self._lock.acquire():
            raise Locked(self.session_path, read_holder(self.real) or UNKNOWN)
        try:
            self._lock_inode()
        except BaseException:
            self._lock.release()
            raise
        self.held = True
        left = read_holder(self.real)
        self.me = Holder(os.getpid(), socket.gethostname(),
                         datetime.now(UTC).replace(microsecond=0))
        info = tomli_w.dumps({"program": "meeting-tui", "pid": self.me.pid,
                              "host": self.me.host, "since": self.me.since,
                              "session": str(self.real)})
        # The lock holds without the info file; a second instance just cannot say who.
        with contextlib.suppress(OSError):
            write_atomic(info_path(self.real), info)
        if self._inode_lock is not None:
            with contextlib.suppress(OSError):
                write_atomic(Path(f"{self._inode_lock.lock_file}.info"), info)
        return left if left is not None and left.pid != os.getpid() else None

    def _lock_inode(self) -> None:
        """The file under its other names (hard links): refused while another holds it."""
        try:
            st = os.stat(self.real)
        except OSError:
            return  # no file yet: no other name for it either
        where = inode_lock_path(st)
        if where is None:
            return
        lock = FileLock(where)
        try:
            taken = lock.acquire()
        except OSError:
            return
        if not taken:
            holder = read_holder_info(Path(f"{where}.info"))
            raise Locked(self.session_path, holder or UNKNOWN)
        self._inode_lock = lock

    def follow(self, device: int, inode: int) -> None:
        """The session file is a new file after each save (an atomic replace): the lock
        of its other names moves to it, so a hard link made later is refused too, and an
        inode number freed by the old file is never held."""
        if not self.held:
            return
        old = self._inode_lock
        if old is not None and old.lock_file.endswith(f"/{device}-{inode}.lock"):
            return
        try:
            st = os.stat(self.real)
        except OSError:
            return
        if (st.st_dev, st.st_ino) != (device, inode):
            return  # replaced again meanwhile: the next save follows
        where = inode_lock_path(st)
        if where is None:
            return
        lock = FileLock(where)
        try:
            if not lock.acquire():
                return
        except OSError:
            return
        self._inode_lock = lock
        if old is not None:
            info = Path(f"{old.lock_file}.info")
            with contextlib.suppress(OSError):
                os.replace(info, f"{where}.info")
            old.release()

    def release(self) -> None:
        if not self.held:
            return
        mine = read_holder(self.real)
        if mine is not None and self.me is not None and mine.pid == self.me.pid:
            with contextlib.suppress(OSError):
                info_path(self.real).unlink()
        if self._inode_lock is not None:
            with contextlib.suppress(OSError):
                Path(f"{self._inode_lock.lock_file}.info").unlink()
            self._inode_lock.release()
            self._inode_lock = None
        self._lock.release()
        self.held = False

    def __enter__(self) -> SessionLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
