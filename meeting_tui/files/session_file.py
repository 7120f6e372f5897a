"""The session file: the one way in (``read``, then ``RawSession.load``) and the one
way out (``SessionFile.save``).

Reading gives one line on any problem; a file that does not load names its backup
when that loads (``backup_hint``). The writer never overwrites a file someone else
changed on disk: our version goes to a conflict copy. The autosave, save-as, crash
recovery and the `adopt` command all write through ``SessionFile``; the TOML is
``session_toml``'s. A session file can also be opened on its own, with the agenda it
names (``load_alone``), for the commands that work without the app.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.agenda import Agenda
from ..core.clock import Now
from ..core.errors import InputError, read_problem
from ..core.session import Session
from ..core.settings import BULLETS_AS_NOTES
from .durable import (
    FileStamp,
    backup_path,
    conflict_path,
    digest_of,
    file_stamp,
    real_path,
    write_atomic,
)
from .lock import SessionLock
from .session_toml import agenda_hash, dumps

if TYPE_CHECKING:  # the reader is imported when a session is read: a new meeting has none
    from .session_reading import Loaded


class SessionFile:
    """The session file as the writer sees it: where to write, and which version of it
    we last read or wrote, so a change made by someone else is never overwritten.

    Used by one thread at a time (the autosaver's)."""

    def __init__(self, path: str | Path, stamp: FileStamp | None, digest: str | None) -> None:
        # The file itself, not a symlink to it: its backup and conflict copies go beside
        # it, and what is compared is what is written.
        self.path = real_path(path)
        self.stamp = stamp  # None: we know of no file there
        self.digest = digest
        self.lock: SessionLock | None = None  # follows the file to each new version

    @classmethod
    def as_it_is(cls, path: str | Path) -> SessionFile:
        """Take the file as it is on disk now as ours (or no file, if there is none)."""
        p = Path(path)
        if not (p.exists() or p.is_symlink()):
            return cls(p, None, None)
        raw = read(p)  # a FIFO or a device: InputError, not a hang
        return cls(p, raw.stamp, raw.digest)

    def changed_on_disk(self) -> bool:
        """Someone else wrote the file since we last read or wrote it (removed is not
        changed: there is nothing to overwrite)."""
        now = file_stamp(self.path)
        if now is None or now == self.stamp:
            return False  # the ctime is in the stamp: an edit in place moves it
        if self.digest is None:
            return True  # a file appeared where there was none
        # Only when the stamp moved: some 2 ms for a 1.5 MB session, on the writer thread.
        try:
            data = read(self.path).data
        except InputError:  # gone meanwhile: not changed; anything else is not ours
            return self.path.exists() or self.path.is_symlink()
        if digest_of(data) == self.digest:
            self.stamp = now  # touched, not changed
            return False
        return True

    def save(self, text: str | bytes) -> Path | None:
        """Write ``text`` (or its UTF-8 bytes); returns the path left alone if the file had
        been changed by someone else (our text then went to a conflict copy, which is
        where later saves go too). The version replaced is kept as the backup."""
        left_alone = None
        if self.changed_on_disk():
            left_alone = self.path
            self.path = conflict_path(self.path)
            self.stamp = self.digest = None
        backup = None if left_alone else backup_path(self.path)
        data = text if isinstance(text, bytes) else text.encode("utf-8")  # encoded once
        self.stamp = write_atomic(self.path, data, backup=backup)
        self.digest = digest_of(data)
        if self.lock is not None and not left_alone:
            self.lock.follow(self.stamp.device, self.stamp.inode)
        return left_alone

    def save_session(self, session: Session, agenda_path: str, digest: str) -> Path | None:
        """``save`` the session's TOML (see ``save`` for what it returns)."""
        return self.save(dumps(session, agenda_path, digest))


# ------------------------------------------------------------------ reading


class RawSession:
    """A session file as read: its bytes and the version they are (``stamp``); the
    document is parsed from them when first asked for (InputError with the line). A
    plain class: as a dataclass it took some 2 million instructions to make at every
    start-up (issue 19); two are equal when they hold the same file's same bytes."""

    def __init__(self, path: Path, data: bytes, stamp: FileStamp | None = None) -> None:
        self.path = path
        self.data = data
        self.stamp = stamp

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RawSession):
            return NotImplemented
        return (self.path, self.data) == (other.path, other.data)

    @property
    def digest(self) -> str:
        return digest_of(self.data)

    @property
    def bullets_as_notes(self) -> bool:
        """The meeting reads its agenda's bullets as notes (settings.bullets): the agenda
        must be parsed so before the session is loaded over it."""
        settings = self.document.get("settings")
        return isinstance(settings, dict) and settings.get("bullets") == BULLETS_AS_NOTES

    @cached_property
    def document(self) -> dict[str, Any]:
        import tomllib  # imported when a session is read: a new meeting has none

        try:
            return tomllib.loads(self.data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise InputError(self.path, "not a session file (not UTF-8 text)") from None
        except RecursionError:  # tomllib recurses into nested arrays and tables
            raise InputError(self.path, "not a session file (arrays or tables nested "
                                        "too deep)") from None
        except tomllib.TOMLDecodeError as exc:
            line = getattr(exc, "lineno", None)
            reason = getattr(exc, "msg", str(exc))
            # Before Python 3.14 the position is only in the message: "... (at line 4,
            # column 6)".
            at = re.search(r" \(at line (\d+), column (\d+)\)$", reason)
            if at:
                line = line or int(at.group(1))
                reason = f"{reason[: at.start()]} (column {at.group(2)})"
            raise InputError(self.path, f"not a valid session file: {reason}", line) from None

    def load(self, agenda: Agenda, digest: str | None = None, now: Now | None = None
             ) -> Loaded:
        """The session over ``agenda`` (whose text hashes to ``digest``, when given)."""
        from .session_reading import build

        return build(self.document, agenda, self.path, now, digest)

    def recorded_agenda(self) -> tuple[str, str]:
        """The agenda the file was written for: its path and digest, as recorded."""
        doc = self.document
        table = doc.get("agenda")
        if not isinstance(doc.get("format"), int) or not isinstance(table, dict):
            raise InputError(self.path, "not a meeting-tui session file (no 'format' number "
                                        "or no [agenda] table)")
        recorded = table.get("path")
        if not isinstance(recorded, str) or not recorded:
            raise InputError(self.path, "[agenda]: missing 'path' (the agenda file)")
        return recorded, str(table.get("sha256", ""))

    def writer(self) -> SessionFile:
        """The writer's view of the version read: saved over unless it changed since."""
        return SessionFile(self.path, self.stamp, self.digest)


# A five-day meeting's session is some 1.5 MB; a file ten times that is not a session
# (a log, a disk image, /dev/zero behind a symlink): refused before it fills the memory.
SIZE_LIMIT = 16 * 1024 * 1024

_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read as a session file (None: it is read)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a session file"
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"not a regular file ({kind}): not a session file"


def _opener(path: str, flags: int) -> int:
    # A FIFO swapped in after the stat must not block the open (nor the read).
    return os.open(path, flags | os.O_NONBLOCK)


def read(path: str | Path) -> RawSession:
    """The session file's bytes and the stamp of the version read, or InputError with
    a one-line reason. Only a regular file of at most SIZE_LIMIT bytes is read: a FIFO
    would hang every command, a device never end."""
    p = Path(path)
    try:
        why = _not_regular(os.stat(p).st_mode)
        if why:
            raise InputError(p, why)
        with open(p, "rb", opener=_opener) as handle:
            st = os.fstat(handle.fileno())
            why = _not_regular(st.st_mode)
            if why:
                raise InputError(p, why)
            data = handle.read(SIZE_LIMIT + 1)
    except OSError as exc:
        raise read_problem(p, exc, "session file") from None
    if len(data) > SIZE_LIMIT:
        raise InputError(p, f"too large for a session file (over {SIZE_LIMIT // 2**20} MB)")
    return RawSession(p, data, FileStamp.of(st))


def load(path: str | Path, agenda: Agenda, digest: str | None = None,
         now: Now | None = None) -> Loaded:
    """``read`` the file and load it over ``agenda``."""
    return read(path).load(agenda, digest, now)


@contextmanager
def backup_hint(path: str | Path, *, fresh: bool = False) -> Iterator[None]:
    """An InputError raised inside, for the session file at ``path``, says what to do
    about it (see ``with_backup_hint``)."""
    try:
        yield
    except InputError as error:
        raise with_backup_hint(error, path, fresh) from None


def with_backup_hint(error: InputError, path: str | Path, fresh: bool = False) -> InputError:
    """A session file that will not load: the error, with what to do about it: the
    backup, when it loads, and (for the app's command, ``fresh``) --fresh."""
    p = Path(path)
    if not (p.exists() or p.is_symlink()):
        return error  # nothing there to go back from
    backup = backup_path(p)
    fresh_hint = "--fresh starts a new session (the file is moved aside, never deleted)"
    hint = f"{fresh_hint}." if fresh else ""
    if backup.exists():
        try:
            read(backup).load(Agenda(header=(), items=()))
        except InputError:
            hint = f"The backup {backup} does not load either" + (
                f"; {fresh_hint}." if fresh else ".")
        else:
            from shlex import quote  # only this message needs it; start-up does not

            q, b = quote(str(p)), quote(str(backup))
            hint = (f"The previous version is in {backup}: `mv {q} {q}.broken && cp {b} {q}` "
                    "goes back to it" + (f"; {fresh_hint}." if fresh else "."))
    if not hint:
        return error
    problem = error.problem.rstrip(".")
    return InputError(error.path, f"{problem}. {hint}", error.line)


# ------------------------------------------------------------------ a session on its own


def find_agenda(session_path: str | Path, recorded: str) -> Path:
    """The agenda a session file names: as written (relative to the working folder),
    else relative to the session file's folder, else by its name in that folder."""
    folder = Path(session_path).parent
    given = Path(recorded)
    for candidate in (given, folder / given, folder / given.name):
        if candidate.is_file():
            return candidate
    raise InputError(session_path, f"the agenda it was made from is not found: {recorded} "
                                   f"(looked as given and in {folder or '.'})")


def load_alone(path: str | Path, now: Now | None = None) -> tuple[RawSession, Loaded]:
    """A session file with the agenda it names (for commands that work without the
    app): the file as read (to write back through ``writer``, with the agenda as
    recorded) and the session loaded, with how its items met the agenda, which may
    have changed."""
    from .agenda_file import load_agenda, read_agenda_text

    with backup_hint(path):
        raw = read(path)
        _ = raw.document  # parsed here: a file that does not parse names its backup
    agenda_path = find_agenda(path, raw.recorded_agenda()[0])
    agenda = load_agenda(agenda_path, raw.bullets_as_notes)
    digest = agenda_hash(read_agenda_text(agenda_path))
    with backup_hint(path):
        return raw, raw.load(agenda, digest, now)


def load_report_session(path: str | Path) -> tuple[Session, list[str]]:
    """A session file with its agenda, for a report; (session, warnings).

    Raises InputError (one line naming the file) on anything unusable."""
    try:
        _raw, loaded = load_alone(path)
    except InputError as exc:
        if Path(exc.path) == Path(path):
            raise
        raise InputError(path, f"its agenda {exc}") from None  # name both files
    message = loaded.change.message()
    return loaded.session, [f"{path}: warning: {message}"] if message else []
