"""Open the live meeting screen: load the agenda, resume or start its session.

Everything that must happen before the app owns the terminal happens here, in this
order: take the session's lock (or offer to open it read-only), offer to recover a
version a crash left in a temporary file, move a bad file aside (--fresh), load and
upgrade the file, match its items to a changed agenda. Questions are asked on the
terminal only when there is one; without it the safe answer is taken and said.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..core.agenda import Agenda
from ..core.clock import local_zone_name
from ..core.errors import InputError
from ..core.session import Session
from .agenda_file import load_agenda, read_agenda_text
from .durable import (
    aside_path,
    backup_path,
    is_complete,
    leftover_backup_temporaries,
    leftover_temporaries,
    write_atomic,
)
from .lock import Locked, SessionLock
from .session_file import SessionFile, backup_hint, read
from .session_toml import FORMAT_VERSION, agenda_hash, default_session_path

# ask(question, default) -> the answer, or None when there is nobody to ask.
Ask = Callable[[str, bool], bool | None]


def ask_terminal(question: str, default: bool) -> bool | None:
    """Ask on the terminal; None (never a wait) when stdin is not a terminal."""
    try:
        if sys.stdin is None or not sys.stdin.isatty():
            return None
    except (ValueError, OSError):  # closed
        return None
    hint = "[Y/n]" if default else "[y/N]"
    print(f"meeting-tui: {question} {hint} ", end="", file=sys.stderr, flush=True)
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        return None
    if not answer:  # end of input
        return None
    answer = answer.strip().lower()
    if not answer:
        return default
    return answer.startswith("y")


@dataclass
class Opened:
    """A session ready for the app."""

    agenda: Agenda
    session: Session
    path: Path
    digest: str
    file: SessionFile | None  # None when read-only
    lock: SessionLock | None
    read_only: bool = False
    notes: list[str] = field(default_factory=list)  # what the user must be told


def open_session(
    agenda_path: str, session_path: str | None, title: str | None
) -> tuple[Agenda, Session, Path, str]:
    """The agenda and its session (resumed when the session file exists), without a
    lock: for tests and tools that do not write."""
    opened = open_meeting(agenda_path, session_path, title, read_only=True)
    return opened.agenda, opened.session, opened.path, opened.digest


def open_meeting(
    agenda_path: str,
    session_path: str | None,
    title: str | None,
    *,
    fresh: bool = False,
    read_only: bool = False,
    ask: Ask = ask_terminal,
) -> Opened:
    agenda = load_agenda(agenda_path)
    digest = agenda_hash(read_agenda_text(agenda_path))
    path = Path(session_path) if session_path else default_session_path(agenda_path)
    if read_only:
        return _load(agenda, digest, path, title, None, read_only=True)
    lock = SessionLock(path)
    try:
        left = lock.acquire()
    except Locked as busy:
        if ask(f"{busy}.\nOpen it read-only?", False):
            return _load(agenda, digest, path, title, None, read_only=True)
        raise InputError(path, f"open in another meeting-tui ({busy.holder.describe()}); "
                               "--read-only opens it without writing") from None
    except OSError as exc:
        raise InputError(path, f"cannot take the lock {exc.filename or ''} "
                               f"({exc.strerror or exc}); --read-only opens it without "
                               "writing") from None
    try:
        notes = []
        if left is not None:
            notes.append(f"Took over the lock of {path.name} left by {left.describe()}, "
                         "which is no longer running.")
        notes += recover_leftovers(path, ask)
        if fresh and (path.exists() or path.is_symlink()):
            aside = aside_path(path)
            os.replace(path, aside)
            notes.append(f"Moved {path} aside to {aside}; starting a new session.")
        opened = _load(agenda, digest, path, title, lock)
        opened.notes[:0] = notes
        return opened
    except BaseException:
        lock.release()
        raise


def _load(
    agenda: Agenda,
    digest: str,
    path: Path,
    title: str | None,
    lock: SessionLock | None,
    *,
    read_only: bool = False,
) -> Opened:
    notes: list[str] = []
    if read_only:
        notes.append(f"Read-only: {path} is shown, never written.")
    if not (path.exists() or path.is_symlink()):
        session = Session(agenda, title=title, timezone=local_zone_name())
        file = None if read_only else SessionFile(path, None, None)
        return Opened(agenda, session, path, digest, file, lock, read_only, notes)
    raw = read(path)  # one that cannot be read at all: no backup to go back to
    with backup_hint(path, fresh=True):
        loaded = raw.load(agenda, digest)
    session = loaded.session
    if title:
        session.title = title
    if loaded.version < FORMAT_VERSION and not read_only:
        kept = keep_old_format(path, raw.data, loaded.version)
        notes.append(f"{path.name} was written by an older meeting-tui (format "
                     f"{loaded.version}); it is upgraded to format {FORMAT_VERSION} when "
                     f"saved, and the file as it was is kept as {kept}.")
    message = loaded.change.message()
    if message:
        notes.append(message)
    file = None if read_only else raw.writer()
    return Opened(agenda, session, path, digest, file, lock, read_only, notes)


def keep_old_format(path: Path, data: bytes, version: int) -> Path:
    """Keep a file of an older format beside it, once, under a name saying so (a copy
    beside the session, not the session file: no backup of it, no conflict check)."""
    kept = path.with_name(f"{path.name}.format{version}.bak")
    if kept.exists():
        if kept.read_bytes() == data:
            return kept
        stem = kept.name.removesuffix(".bak")
        kept = kept.with_name(f"{stem}-{datetime.now():%Y%m%d-%H%M%S}.bak")
    write_atomic(kept, data.decode("utf-8"))
    return kept


def recover_leftovers(path: Path, ask: Ask) -> list[str]:
    """Temporary files a writer left when it died (we hold the lock: it is gone).

    A torn one (died before it was complete) is removed: the session file holds the
    version before it. A complete one is the version that was about to replace the
    session file: offered, and used unless the user says no (the file it replaces
    goes to the backup); refused, it is kept under a visible name."""
    notes: list[str] = []
    for tmp in leftover_backup_temporaries(path):
        tmp.unlink(missing_ok=True)
    current = path.read_bytes() if path.is_file() else None
    file = SessionFile.as_it_is(path)
    for tmp in leftover_temporaries(path):
        data = tmp.read_bytes()
        if not is_complete(tmp) or data == current:
            tmp.unlink(missing_ok=True)
            continue
        when = datetime.fromtimestamp(tmp.stat().st_mtime).strftime("%H:%M:%S")
        answer = ask(f"{path.name}: a complete version written at {when} was left by a "
                     "crash before it replaced the file.\nUse it?", True)
        if answer is False:
            kept = path.with_name(f"{path.name.removesuffix('.toml')}.recovered-"
                                  f"{datetime.now():%Y%m%d-%H%M%S}.toml")
            os.replace(tmp, kept)
            notes.append(f"A version left by a crash was kept as {kept}, not used.")
            continue
        replaced = f"; the file it replaced is {backup_path(path)}" if current else ""
        file.save(data.decode("utf-8"))
        tmp.unlink(missing_ok=True)
        current = data
        notes.append(f"Recovered the version of {path.name} written at {when}, which a "
                     f"crash had left in a temporary file{replaced}.")
    return notes
