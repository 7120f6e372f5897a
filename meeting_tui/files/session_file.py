"""The session file as a whole: reading it (one line on any problem), the writer's
view of it (a file changed on disk by someone else is never overwritten: our version
goes to a conflict copy), and a session file opened on its own, with its agenda, for
the commands that work without the app.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from ..core.agenda import Agenda
from ..core.clock import Now
from ..core.errors import InputError, read_problem
from ..core.session import Session
from .durable import FileStamp, backup_path, conflict_path, digest_of, file_stamp, write_atomic
from .session_toml import Loaded, agenda_hash, build, from_document


class SessionFile:
    """The session file as the writer sees it: where to write, and which version of it
    we last read or wrote, so a change made by someone else is never overwritten.

    Used by one thread at a time (the autosaver's)."""

    def __init__(self, path: str | Path, stamp: FileStamp | None, digest: str | None) -> None:
        self.path = Path(path)
        self.stamp = stamp  # None: we know of no file there
        self.digest = digest

    @classmethod
    def as_it_is(cls, path: str | Path) -> SessionFile:
        """Take the file as it is on disk now as ours (or no file, if there is none)."""
        p = Path(path)
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            return cls(p, None, None)
        return cls(p, file_stamp(p), digest_of(data))

    def changed_on_disk(self) -> bool:
        """Someone else wrote the file since we last read or wrote it (removed is not
        changed: there is nothing to overwrite)."""
        now = file_stamp(self.path)
        if now is None or now == self.stamp:
            return False
        if self.digest is None:
            return True  # a file appeared where there was none
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return False
        if digest_of(data) == self.digest:
            self.stamp = now  # touched, not changed
            return False
        return True

    def save(self, text: str) -> Path | None:
        """Write ``text``; returns the path left alone if the file had been changed by
        someone else (our text then went to a conflict copy, which is where later saves
        go too)."""
        left_alone = None
        if self.changed_on_disk():
            left_alone = self.path
            self.path = conflict_path(self.path)
            self.stamp = self.digest = None
        backup = None if left_alone else backup_path(self.path)
        self.stamp = write_atomic(self.path, text, backup=backup)
        self.digest = digest_of(text.encode("utf-8"))
        return left_alone


def read_bytes(path: str | Path) -> bytes:
    """The session file's bytes, or InputError with a one-line reason."""
    return read_file(path)[0]


def read_file(path: str | Path) -> tuple[bytes, FileStamp]:
    """The session file's bytes and the stamp of the version read (InputError if not)."""
    p = Path(path)
    try:
        with open(p, "rb") as handle:
            stamp = FileStamp.of(os.fstat(handle.fileno()))
            return handle.read(), stamp
    except OSError as exc:
        raise read_problem(p, exc, "session file") from None


def read_document(path: str | Path) -> dict[str, Any]:
    return parse_document(read_bytes(path), path)


def parse_document(data: bytes, path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError(p, "not a session file (not UTF-8 text)") from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        reason = getattr(exc, "msg", str(exc))
        # Before Python 3.14 the position is only in the message: "... (at line 4, column 6)".
        at = re.search(r" \(at line (\d+), column (\d+)\)$", reason)
        if at:
            line = line or int(at.group(1))
            reason = f"{reason[: at.start()]} (column {at.group(2)})"
        raise InputError(p, f"not a valid session file: {reason}", line) from None


def load_session(
    path: str | Path, agenda: Agenda, now: Now | None = None, digest: str | None = None
) -> Session:
    return from_document(read_document(path), agenda, path, now, digest)


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
            data, _ = read_file(backup)
            build(parse_document(data, backup), Agenda(header=(), items=()), backup)
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


def open_session_file(
    path: str | Path, now: Now | None = None
) -> tuple[Loaded, dict[str, Any]]:
    """A session file with its agenda (for commands that work without the app).

    Returns the loaded session (with how its items met the agenda, which may have
    changed) and the file's document: its [agenda] table names the agenda path and
    digest as recorded, to be written back unchanged."""
    from .agenda_file import load_agenda, read_agenda_text

    try:
        doc = read_document(path)
    except InputError as error:
        raise with_backup_hint(error, path) from None
    agenda_table = doc.get("agenda")
    if not isinstance(doc.get("format"), int) or not isinstance(agenda_table, dict):
        raise InputError(path, "not a meeting-tui session file (no 'format' number or "
                               "no [agenda] table)")
    recorded = agenda_table.get("path")
    if not isinstance(recorded, str) or not recorded:
        raise InputError(path, "[agenda]: missing 'path' (the agenda file)")
    agenda_path = find_agenda(path, recorded)
    agenda = load_agenda(agenda_path)
    digest = agenda_hash(read_agenda_text(agenda_path))
    try:
        return build(doc, agenda, path, now, digest), doc
    except InputError as error:
        raise with_backup_hint(error, path) from None


# ------------------------------------------------------------------ a session file alone


def load_report_session(path: str | Path) -> tuple[Session, list[str]]:
    """A session file with its agenda, for a report; (session, warnings).

    Raises InputError (one line naming the file) on anything unusable."""
    from ..files.session_file import open_session_file

    try:
        loaded, _doc = open_session_file(path)
    except InputError as exc:
        if Path(exc.path) == Path(path):
            raise
        raise InputError(path, f"its agenda {exc}") from None  # name both files
    message = loaded.change.message()
    return loaded.session, [f"{path}: warning: {message}"] if message else []
