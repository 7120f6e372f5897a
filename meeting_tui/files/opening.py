"""Open the live meeting screen: load the agenda, resume or start its session.

Everything that must happen before the app owns the terminal happens here, in this
order: take the session's lock (or offer to open it read-only), offer to recover a
version a crash left in a temporary file, move a bad file aside (--fresh), load and
upgrade the file, match its items to a changed agenda. Questions are asked on the
terminal only when there is one; without it the safe answer is taken and said.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.agenda import Agenda
from ..core.clock import local_zone_name
from ..core.errors import InputError
from ..core.session import Session
from ..core.settings import BULLETS_AS_NOTES
from .agenda_file import load_agenda, read_agenda_text
from .durable import (
    aside_path,
    backup_path,
    is_complete,
    leftover_backup_temporaries,
    leftover_temporaries,
    real_path,
    write_atomic,
)
from .lock import Locked, SessionLock
from .session_file import RawSession, SessionFile, backup_hint, read
from .session_toml import FORMAT_VERSION, agenda_hash, default_session_path

if TYPE_CHECKING:
    from ..core.roll import Participant
    from .session_reading import Loaded

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


class Opened:
    """A session ready for the app. A plain class: a dataclass of these eight fields
    took some 3 million instructions to make at every start-up (issue 19)."""

    def __init__(self, agenda: Agenda, session: Session, path: Path, digest: str,
                 file: SessionFile | None, lock: SessionLock | None,
                 read_only: bool = False, notes: list[str] | None = None) -> None:
        self.agenda = agenda
        self.session = session
        self.path = path
        self.digest = digest
        self.file = file  # None when read-only
        self.lock = lock
        self.read_only = read_only
        self.notes: list[str] = [] if notes is None else notes  # what the user must be told


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
    bullets: str | None = None,
    roll: list[Participant] | None = None,
) -> Opened:
    """``bullets``: "notes" or "items" as asked on the command line, kept in the
    session's settings (None: as the session has it, else items). ``roll``: the
    participants of ``--roll FILE``, merged into the session's roll and saved."""
    path = Path(session_path) if session_path else default_session_path(agenda_path)
    if not path.parent.is_dir():  # the lock would make the folders: a typo, most likely
        raise InputError(path, f"no such folder: {path.parent}")
    as_notes = bullets == BULLETS_AS_NOTES
    if path.exists():
        raw = read(path)  # a FIFO, a device, a file too large: said here, before any lock
        if bullets is None and not fresh:
            # a file that does not parse is said when it is loaded, below
            with contextlib.suppress(InputError):
                as_notes = raw.bullets_as_notes
    agenda = load_agenda(agenda_path, as_notes)
    digest = agenda_hash(read_agenda_text(agenda_path))
    opened = _open(agenda, digest, path, title, fresh=fresh, read_only=read_only, ask=ask)
    if bullets is not None:
        _keep_bullets(opened, agenda_path, BULLETS_AS_NOTES if as_notes else None)
    if roll and not opened.read_only:
        _take_roll(opened, agenda_path, roll)
    return opened


def _take_roll(opened: Opened, agenda_path: str, roll: list[Participant]) -> None:
    """The roll file over the session's roll (names added during the meeting kept)."""
    from ..core.roll import merge_roll  # the floor's: imported with --roll only

    merged = merge_roll(roll, opened.session.roll)
    if merged == opened.session.roll:
        return
    opened.session.set_roll(merged)
    if opened.file is not None:
        opened.file.save_session(opened.session, agenda_path, opened.digest)


def _keep_bullets(opened: Opened, agenda_path: str, wanted: str | None) -> None:
    """The session remembers how its agenda's bullets are read: reopened without
    --bullets, the agenda is parsed the same way and its items keep their keys."""
    settings = opened.session.settings
    if settings.bullets == wanted:
        return
    settings.bullets = wanted
    if opened.file is not None and not opened.read_only:
        opened.file.save_session(opened.session, agenda_path, opened.digest)


def _open(
    agenda: Agenda,
    digest: str,
    path: Path,
    title: str | None,
    *,
    fresh: bool,
    read_only: bool,
    ask: Ask,
) -> Opened:
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
        notes += recover_leftovers(real_path(path), ask)  # left beside the real file
        notes += offer_conflict_copy(real_path(path), ask)
        if fresh and (path.exists() or path.is_symlink()):
            aside = aside_path(path)
            os.replace(path, aside)
            notes.append(f"Moved {path} aside to {aside}; starting a new session.")
        opened = _load(agenda, digest, path, title, lock, ask=ask)
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
    ask: Ask | None = None,
) -> Opened:
    # What the parser had to say about the agenda (a repeated number, lines that became
    # notes rather than items): said on opening, as `meeting-tui agenda` says it.
    notes = [f"{Path(agenda.source).name}:{w.line}: {w.message}" for w in agenda.warnings]
    if read_only:
        notes.append(f"Read-only: {path} is shown, never written.")
    if not (path.exists() or path.is_symlink()):
        session = Session(agenda, title=title, timezone=local_zone_name())
        file = None if read_only else SessionFile(path, None, None)
        if file is not None:
            file.lock = lock
        return Opened(agenda, session, path, digest, file, lock, read_only, notes)
    raw = read(path)  # one that cannot be read at all: no backup to go back to
    with backup_hint(path, fresh=True):
        loaded = raw.load(agenda, digest)
    if ask is not None:  # it will be written: not over another meeting's unasked
        check_same_meeting(raw, loaded, agenda, ask)
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
    if file is not None:
        file.lock = lock
    return Opened(agenda, session, path, digest, file, lock, read_only, notes)


def check_same_meeting(raw: RawSession, loaded: Loaded, agenda: Agenda, ask: Ask) -> None:
    """Refuse, unless the user says so, a session file of another meeting.

    ``--session`` naming another meeting's file would show that meeting, and on the
    first save record this agenda in it and put every entry under "Unmatched". So when
    the file names another agenda file and fewer than half its items match this
    agenda, the user is asked (no, by default); with nobody to ask it is refused. The
    same agenda file changed since (a new version, renumbered) is not asked about."""
    change = loaded.change
    if not change.changed or not change.entries or change.matched * 2 >= change.entries:
        return
    try:
        recorded, _digest = raw.recorded_agenda()
    except InputError:  # no agenda recorded: nothing to tell it from
        return
    given = Path(agenda.source)
    if Path(recorded).name == given.name or any(
            _same_file(candidate, given) for candidate in (Path(recorded),
                                                            raw.path.parent / recorded)):
        return
    found = (f"{raw.path.name} was saved for another agenda, {recorded}: "
             f"{change.matched} of its {change.entries} items match {given.name}")
    if ask(f"{found}.\nOpen it with {given.name} anyway (it then records {given.name}, and "
           "the items that do not match go under \"Unmatched\")?", False):
        return
    raise InputError(raw.path, f"saved for another agenda ({recorded}): {change.matched} of "
                               f"its {change.entries} items match {given.name}; open it with "
                               "that agenda, or give --session another file")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


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


def newer_conflict_copy(path: Path) -> Path | None:
    """The newest conflict copy beside ``path`` when it is newer than ``path``: the app
    went on saving there because someone else changed the file, and was quit since.
    Saving the session file again (any change) makes it older: it is not offered then."""
    stem = re.escape(path.name.removesuffix(".toml"))
    pattern = re.compile(rf"{stem}\.conflict-\d{{8}}-\d{{6}}(-\d+)?\.toml")
    try:
        found = [(f.stat().st_mtime_ns, f) for f in path.parent.iterdir()
                 if pattern.fullmatch(f.name) and f.is_file()]
        since = path.stat().st_mtime_ns if path.exists() else -1
    except OSError:
        return None
    if not found:
        return None
    mtime, newest = max(found)
    return newest if mtime > since and is_complete(newest) else None


def offer_conflict_copy(path: Path, ask: Ask) -> list[str]:
    """A conflict copy newer than the session file is offered, as a crash's leftover is.
    Taken, the file as it is goes aside (``*.aside-<time>.toml``) and the copy's text
    becomes the session file; the copy itself stays. Refused or with nobody to ask, the
    file is loaded as it is, and the copy is named."""
    copy = newer_conflict_copy(path)
    if copy is None:
        return []
    data = copy.read_bytes()
    current = path.read_bytes() if path.is_file() else None
    if data == current:
        return []
    when = datetime.fromtimestamp(copy.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
    answer = ask(f"{path.name}: {copy.name}, written at {when}, is newer: this session "
                 "was saved there because the file had been changed by someone else.\n"
                 "Use it (the file as it is now is kept aside)?", True)
    if not answer:
        why = "not used" if answer is False else "not used (no terminal to ask)"
        return [f"{copy} is newer than {path.name} (saved there when {path.name} was "
                f"changed by someone else): {why}; --session {copy} opens it."]
    notes = []
    if current is not None:
        aside = aside_path(path)
        write_atomic(aside, current)  # the bytes as they are
        notes.append(f"{path.name} as it was is kept as {aside}.")
    SessionFile.as_it_is(path).save(data.decode("utf-8"))
    notes.insert(0, f"Took up {copy.name}, the newer conflict copy, as {path.name}.")
    return notes
