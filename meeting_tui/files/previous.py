"""The old session file told what the next meeting did with its carried decisions.

Through the old session's lock and ``SessionFile.save``, never behind an app's back:
while another meeting-tui holds the old file it is not touched at all (not a byte),
the adoption stays pending in the new session (``PreviousMeeting.pending``) and the one
line returned says so and when it will be done. No Textual here: the app runs this on a
worker thread, the `adopt` command directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..core.errors import InputError
from ..core.previous import PreviousMeeting, all_adopted_on, mark
from ..core.settings import format_date
from .durable import real_path
from .lock import Locked, SessionLock


@dataclass(frozen=True)
class Marked:
    """What came of it: ``done`` when the old file says what this meeting did (the
    record's ``marked_on`` then is ``adopted_on``), and the one line that says so."""

    done: bool
    line: str
    changed: int = 0  # the old file's decisions changed


def old_session_path(session_path: str | Path, record: PreviousMeeting) -> Path:
    """The old file: as recorded, relative to the (real) folder of this session."""
    given = Path(record.session)
    if given.is_absolute():
        return given
    return Path(os.path.normpath(real_path(session_path).parent / given))


def recorded_path(session_path: str | Path, old: str | Path) -> str:
    """How the new session records the old file: relative to its own folder, so the
    two meetings' folders can move together."""
    folder = real_path(session_path).parent
    try:
        return os.path.relpath(real_path(old), folder)
    except ValueError:  # another drive (Windows): the full path
        return str(real_path(old))


def _plural(count: int) -> str:
    return f"{count} decision" + ("" if count == 1 else "s")


def mark_old_session(session_path: str | Path, record: PreviousMeeting,
                     retry_hint: str) -> Marked:
    """Make the old file say ``record.adopted_on`` for the carried decisions (adopted on
    that day, or final again when None). ``retry_hint`` ends the line of a refusal: how
    the pending adoption will be done ("on the next open of this meeting")."""
    name = record.name
    if not record.pending:
        return Marked(True, f"{name}'s session already says so")
    path = old_session_path(session_path, record)
    what = (f"adopted on {format_date(record.adopted_on)}" if record.adopted_on
            else "final again (adoption withdrawn)")
    pending = f"its decisions are to be marked {what} there {retry_hint}"
    lock = SessionLock(path)
    try:
        lock.acquire()
    except Locked as exc:
        return Marked(False, f"{name}'s session {path} is open in another meeting-tui "
                             f"({exc.holder.describe()}), not changed: {pending}")
    except OSError as exc:
        return Marked(False, f"{name}'s session {path}: cannot take its lock "
                             f"({exc.strerror or exc}): {pending}")
    try:
        return _mark(path, record, what, pending)
    finally:
        lock.release()


def _mark(path: Path, record: PreviousMeeting, what: str, pending: str) -> Marked:
    from .session_file import load_alone  # session_file imports this module's lock too

    try:
        raw, loaded = load_alone(path)
    except InputError as exc:
        return Marked(False, f"{record.name}'s session not marked: {exc}; {pending}")
    old = loaded.session
    states = list(old.states.values())
    ids = {c.decision for c in record.decisions}
    count = mark(states, ids, record.adopted_on, record.marked_on,
                 lambda: old.now().replace(microsecond=0))
    if count:
        day = all_adopted_on(states)
        if day is not None:
            old.settings.adopted_on = day  # its List says when it was adopted
        elif old.settings.adopted_on == record.marked_on:
            old.settings.adopted_on = None
        try:
            left_alone = raw.writer().save_session(old, *raw.recorded_agenda())
        except (OSError, InputError) as exc:
            problem = exc.strerror if isinstance(exc, OSError) else exc
            return Marked(False, f"{record.name}'s session {path} cannot be written "
                                 f"({problem or exc}), unchanged: {pending}")
        if left_alone is not None:
            return Marked(False, f"{record.name}'s session {path} changed while it was "
                                 f"marked: left as it is (the marked copy is beside it); "
                                 f"{pending}")
    record.marked_on = record.adopted_on
    if not count:
        return Marked(True, f"nothing to change in {record.name}'s session {path}: its "
                            "decisions say so already (or are no longer final there)")
    return Marked(True, f"{_plural(count)} marked {what} in {record.name}'s session "
                        f"{path}", count)
