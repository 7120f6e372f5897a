"""The session file: TOML a person can read and diff, written atomically.

A crash at any moment leaves either the previous or the new file, never a torn one:
we write a temporary file in the same folder, flush and fsync it, keep the previous
version as ``<session>.bak``, replace the old file, then fsync the folder so the
renames themselves are durable. A file changed on disk by someone else since we last
read or wrote it is never overwritten: the session goes to a conflict copy instead
(``SessionFile``). Files of an older format are upgraded on load (``UPGRADES``);
entries for items the agenda no longer has are kept (``matching``).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomli_w

from .agenda import Agenda
from .amend import ADD, AFTER, MOVE, OPS, RENAME, UNDER, Amendment, Ref
from .clock import Now, Span
from .matching import Entry, Matching, match
from .session import Decision, DecisionStatus, ItemState, ItemStatus, Session, UnmatchedEntry
from .settings import MeetingSettings
from .textfile import InputError, read_problem

# Format 2 added the [[unmatched]] list (and the optional fields of time-keeping and
# the List of decisions), format 3 the [[amendments]] of the agenda: a reader of an
# earlier format would drop them on its next save, so it must refuse the file rather
# than read it.
FORMAT_VERSION = 3


def _upgrade_from_1(doc: dict[str, Any]) -> dict[str, Any]:
    """Format 1 kept entries of items the agenda no longer had in [items] under their
    old key; matching on load moves them to [[unmatched]]. Nothing else changed."""
    return {**doc, "format": 2}


def _upgrade_from_2(doc: dict[str, Any]) -> dict[str, Any]:
    """Format 2 had no amendments: its agenda is the agenda file's."""
    return {**doc, "format": 3}


# For each older format, the function that turns its document into the next format's.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _upgrade_from_1,
    2: _upgrade_from_2,
}


def agenda_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_session_path(agenda_path: str | Path) -> Path:
    p = Path(agenda_path)
    return p.with_name(f"{p.stem}.session.toml")


# ------------------------------------------------------------------ writing


def _spans(spans: list[Span]) -> list[dict[str, datetime]]:
    out = []
    for span in spans:
        entry = {"start": span.start}
        if span.end is not None:
            entry["end"] = span.end
        out.append(entry)
    return out


def to_document(session: Session, agenda_path: str, digest: str) -> dict[str, Any]:
    """The session as plain data for tomli-w (which cannot write None: absent = left out)."""
    doc: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "title": session.title,
        "timezone": session.timezone,
        "agenda": {"path": agenda_path, "sha256": digest},
        "meeting": {"ended": session.ended, "spans": _spans(session.meeting_spans)},
        "next_decision_id": session.next_decision_id,
    }
    if session.day_ends:
        doc["meeting"]["day_ends"] = list(session.day_ends)
    if session.current:
        doc["current"] = session.current
    if session.selected:
        doc["selected"] = session.selected
    settings = session.settings.to_table()
    if settings:
        doc["settings"] = settings
    if session.amendments:
        doc["amendments"] = [_amendment_table(a) for a in session.amendments]
    items: dict[str, Any] = {}
    for item in session.order:
        state = session.peek(item.key)
        if state is None or state.is_blank:
            continue
        entry: dict[str, Any] = {"status": str(state.status)}
        if item.number:
            entry["number"] = item.number
        entry["title"] = item.title
        if state.plan_set:
            entry["planned_minutes"] = state.plan if state.plan is not None else "none"
        if state.spans:
            entry["spans"] = _spans(state.spans)
        if state.decisions:
            entry["decisions"] = [
                {
                    "id": d.id,
                    "status": str(d.status),
                    "created": d.created,
                    "modified": d.modified,
                    **({"adopted": d.adopted} if d.adopted else {}),
                    "text": d.text,
                }
                for d in state.decisions
            ]
        items[item.key] = entry
    doc["items"] = items
    if session.unmatched:
        # Written back as read, after the key they had in the agenda they came from.
        doc["unmatched"] = [
            {"key": entry.key, **{k: v for k, v in entry.raw.items() if k != "key"}}
            for entry in session.unmatched
        ]
    return doc


def _amendment_table(amendment: Amendment) -> dict[str, Any]:
    """One amendment: what it did, and the item it names as the agenda file has it."""
    table: dict[str, Any] = {"op": amendment.op}
    if amendment.op == ADD:
        table["key"] = amendment.key
        table["place"] = amendment.place
    table["item"] = amendment.item.key
    if amendment.item.number is not None:
        table["item_number"] = amendment.item.number
    if amendment.item.title is not None:
        table["item_title"] = amendment.item.title
    if amendment.op in (ADD, RENAME):
        if amendment.number:
            table["number"] = amendment.number
        table["title"] = amendment.title
    if amendment.op == MOVE:
        table["direction"] = "up" if amendment.step < 0 else "down"
    if amendment.at is not None:
        table["at"] = amendment.at
    return table


def dumps(session: Session, agenda_path: str, digest: str) -> str:
    return tomli_w.dumps(to_document(session, agenda_path, digest), multiline_strings=True)


class Serializer:
    """``dumps`` for a session saved again and again: each item's TOML is kept while its
    entry is unchanged, so a save after a keystroke writes one item's TOML, not all of
    them (tomli-w formats strings a character at a time: 2,000 decisions of 500
    characters take it some 0.2 s). The text is the same as tomli-w's for the whole
    document."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[dict[str, Any], str]] = {}
        self._lock = threading.Lock()  # one writer thread at a time uses it, in practice

    def text(self, doc: dict[str, Any]) -> str:
        """The TOML of a document made by ``to_document``."""
        with self._lock:
            return self._text(doc)

    def _text(self, doc: dict[str, Any]) -> str:
        items = doc.get("items")
        if not items or next(reversed(doc)) != "items":  # [[unmatched]] after them: rare
            self._items.clear()
            return tomli_w.dumps(doc, multiline_strings=True)
        # tomli-w writes the other keys first and then the items (the last key), each
        # item as its own [items.KEY] table after a blank line: the whole is these joined.
        head = tomli_w.dumps({k: v for k, v in doc.items() if k != "items"},
                             multiline_strings=True)
        cache, kept = self._items, {}
        parts = [head]
        for key, entry in items.items():
            cached = cache.get(key)
            if cached is None or cached[0] != entry:
                cached = (entry, tomli_w.dumps({"items": {key: entry}},
                                               multiline_strings=True))
            kept[key] = cached
            parts.append(cached[1])
        self._items = kept
        return "\n".join(parts)


# The umask, read once (reading it means setting it, which is not thread-safe later).
_UMASK = os.umask(0o022)
os.umask(_UMASK)

# Temporary files of write_atomic: ".<name>.<8 random characters>.tmp" (mkstemp's names).
_TEMP_NAME = r"\.{name}\.[a-z0-9_]{{8}}\.tmp"


@dataclass(frozen=True)
class FileStamp:
    """What tells one version of a file from another without reading it."""

    inode: int
    size: int
    mtime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileStamp:
        return cls(st.st_ino, st.st_size, st.st_mtime_ns)


def file_stamp(path: str | Path) -> FileStamp | None:
    try:
        return FileStamp.of(os.stat(path))
    except FileNotFoundError:
        return None


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def backup_path(path: str | Path) -> Path:
    """Where the previous version of a session file is kept."""
    p = Path(path)
    return p.with_name(f"{p.name}.bak")


def _stamp_now() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _free_name(path: Path) -> Path:
    """``path``, or with -2, -3… before its suffix when it exists."""
    candidate, n = path, 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def conflict_path(path: str | Path) -> Path:
    """A name beside ``path`` for our version when the file changed under us."""
    p = Path(path)
    stem = p.name.removesuffix(".toml")
    return _free_name(p.with_name(f"{stem}.conflict-{_stamp_now()}.toml"))


def aside_path(path: str | Path) -> Path:
    """A name beside ``path`` for a file moved aside by --fresh."""
    p = Path(path)
    stem = p.name.removesuffix(".toml")
    return _free_name(p.with_name(f"{stem}.aside-{_stamp_now()}.toml"))


def _fsync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _keep_previous(target: Path, backup: Path) -> None:
    """Make ``backup`` the current version of ``target``, atomically: a hard link under
    a temporary name renamed over the backup (a copy where links are not supported)."""
    tmp = target.with_name(f".{backup.name}.{secrets.token_hex(4)}.tmp")
    try:
        os.link(target, tmp)
    except FileNotFoundError:
        return  # no previous version: the first save
    except OSError:
        try:
            shutil.copy2(target, tmp)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        except FileNotFoundError:
            Path(tmp).unlink(missing_ok=True)
            return
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    try:
        os.replace(tmp, backup)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, text: str, *, backup: Path | None = None) -> FileStamp:
    """Replace ``path`` with ``text`` so that a crash leaves the old or the new file.

    With ``backup``, the version being replaced is kept there first (same folder). An
    existing file's permissions (and, where allowed, owner) carry over to the new one;
    a new file gets the usual permissions for the umask. Returns the new file's stamp.
    """
    target = Path(path)
    folder = target.parent
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    data = text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), (old.st_mode & 0o7777) if old else 0o666 & ~_UMASK)
            if old is not None and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                with contextlib.suppress(OSError):  # not ours to give away: keep our own
                    os.fchown(handle.fileno(), old.st_uid, old.st_gid)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            stamp = FileStamp.of(os.fstat(handle.fileno()))
        if backup is not None and old is not None:
            _keep_previous(target, backup)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return stamp


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


def leftover_temporaries(path: str | Path) -> list[Path]:
    """Temporary files of a writer that died before replacing ``path``, newest first."""
    p = Path(path)
    pattern = re.compile(_TEMP_NAME.format(name=re.escape(p.name)))
    try:
        found = [f for f in p.parent.iterdir() if pattern.fullmatch(f.name)]
    except OSError:
        return []
    return sorted(found, key=lambda f: f.stat().st_mtime_ns, reverse=True)


def leftover_backup_temporaries(path: str | Path) -> list[Path]:
    """Temporary links of the backup a writer made before it died: safe to remove."""
    p = Path(path)
    pattern = re.compile(rf"\.{re.escape(backup_path(p).name)}\.[0-9a-f]{{8}}\.tmp")
    try:
        return [f for f in p.parent.iterdir() if pattern.fullmatch(f.name)]
    except OSError:
        return []


def is_complete(path: str | Path) -> bool:
    """A file that parses as a session document (has its format number)."""
    try:
        doc = tomllib.loads(Path(path).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    version = doc.get("format")
    return isinstance(version, int) and not isinstance(version, bool)


# ------------------------------------------------------------------ reading


class _Reader:
    """Checks types as it reads, so a hand-edited file gives a clear error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, problem: str) -> InputError:
        return InputError(self.path, problem)

    def get(self, table: dict, key: str, kind: type | tuple[type, ...], where: str, default=...):
        if key not in table:
            if default is ...:
                raise self.fail(f"{where}: missing '{key}'")
            return default
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"{where}: '{key}' has the wrong type ({type(value).__name__})")
        return value

    def moment(self, value: Any, where: str) -> datetime:
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise self.fail(f"{where}: expected a UTC date-time, got {value!r}")
        return value

    def day(self, value: Any, where: str) -> date | None:
        """An optional calendar date (TOML local date), such as an adoption date."""
        if value is None:
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            raise self.fail(f"{where}: expected a date such as 2020-09-25, got {value!r}")
        return value

    def amendment(self, raw: Any, where: str) -> Amendment:
        if not isinstance(raw, dict):
            raise self.fail(f"{where}: expected a table")
        op = self.get(raw, "op", str, where)
        if op not in OPS:
            raise self.fail(f"{where}: unknown amendment {op!r} (expected {', '.join(OPS)})")
        item = Ref(self.get(raw, "item", str, where),
                   self.get(raw, "item_number", str, where, None),
                   self.get(raw, "item_title", str, where, None))
        at = raw.get("at")
        fields: dict[str, Any] = {"at": self.moment(at, where) if at is not None else None}
        if op == ADD:
            fields["key"] = self.get(raw, "key", str, where)
            fields["place"] = self.get(raw, "place", str, where, AFTER)
            if fields["place"] not in (AFTER, UNDER):
                raise self.fail(f"{where}: 'place' must be \"{AFTER}\" or \"{UNDER}\"")
        if op in (ADD, RENAME):
            fields["number"] = self.get(raw, "number", str, where, None)
            fields["title"] = self.get(raw, "title", str, where)
        if op == MOVE:
            direction = self.get(raw, "direction", str, where)
            if direction not in ("up", "down"):
                raise self.fail(f"{where}: 'direction' must be \"up\" or \"down\"")
            fields["step"] = -1 if direction == "up" else 1
        return Amendment(op, item, **fields)

    def spans(self, table: dict, where: str) -> list[Span]:
        spans = []
        for i, raw in enumerate(self.get(table, "spans", list, where, [])):
            at = f"{where}.spans[{i}]"
            if not isinstance(raw, dict):
                raise self.fail(f"{at}: expected a table")
            end = raw.get("end")
            spans.append(Span(self.moment(raw.get("start"), at),
                              self.moment(end, at) if end is not None else None))
        return spans


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


@dataclass
class AgendaChange:
    """How the entries of a session file met the agenda they were loaded over."""

    changed: bool = False  # the agenda's text is not the one the session was saved with
    entries: int = 0  # item entries in the file's [items]
    matched: int = 0
    renumbered: int = 0
    renamed: int = 0
    unmatched: int = 0  # entries kept under "Unmatched" (the earlier ones included)
    unapplied: int = 0  # amendments whose item the agenda no longer has

    def message(self) -> str | None:
        """What to tell the user, or None when there is nothing to say."""
        if not self.changed:
            return None
        how = [f"{n} {word}" for n, word in ((self.renumbered, "renumbered"),
                                              (self.renamed, "renamed")) if n]
        text = (f"The agenda changed since this session was saved: {self.matched} of "
                f"{self.entries} items in the session matched"
                + (f" ({', '.join(how)})" if how else ""))
        lost = self.entries - self.matched
        if lost or self.unmatched:
            entries = "1 entry" if self.unmatched == 1 else f"{self.unmatched} entries"
            text += (f"; {lost} did not. Their decisions are kept under \"Unmatched\" at "
                     f"the end of the agenda ({entries} in all)")
        if self.unapplied:
            text += (f"; {self.unapplied} amendment{'s' if self.unapplied > 1 else ''} of the "
                     "agenda no longer appl" + ("y" if self.unapplied > 1 else "ies")
                     + " (the item is not found; kept in the session file)")
        return text + "."


@dataclass
class Loaded:
    """A session read from its file, and what happened on the way."""

    session: Session
    version: int  # the format the file was written in (upgraded if below FORMAT_VERSION)
    change: AgendaChange = field(default_factory=AgendaChange)


def upgrade(doc: dict[str, Any], path: str | Path) -> tuple[dict[str, Any], int]:
    """The document in the current format, and the format it was written in."""
    r = _Reader(Path(path))
    version = doc.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise r.fail("not a meeting-tui session file (no 'format' number)")
    if version < 1:
        raise r.fail(f"not a meeting-tui session file (unknown format {version})")
    if version > FORMAT_VERSION:
        raise r.fail(f"written by a newer meeting-tui (format {version}; this one reads "
                     f"up to {FORMAT_VERSION})")
    found = version
    while version < FORMAT_VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise r.fail(f"not a meeting-tui session file (unknown format {version})")
        doc = step(doc)
        version = doc["format"]
    return doc, found


def from_document(
    doc: dict[str, Any],
    agenda: Agenda,
    path: str | Path,
    now: Now | None = None,
    digest: str | None = None,
) -> Session:
    """Rebuild a session over ``agenda``; raises InputError on a foreign or newer file."""
    return build(doc, agenda, path, now, digest).session


def build(
    doc: dict[str, Any],
    agenda: Agenda,
    path: str | Path,
    now: Now | None = None,
    digest: str | None = None,
) -> Loaded:
    """The session, the format it was found in and how its items met ``agenda``
    (whose text hashes to ``digest``, when given)."""
    r = _Reader(Path(path))
    doc, version = upgrade(doc, path)
    kwargs = {"now": now} if now else {}
    session = Session(
        agenda,
        title=r.get(doc, "title", str, "top level", None),
        timezone=r.get(doc, "timezone", str, "top level", "UTC"),
        **kwargs,
    )
    meeting = r.get(doc, "meeting", dict, "top level", {})
    session.meeting_spans = r.spans(meeting, "meeting")
    session.ended = r.get(meeting, "ended", bool, "meeting", False)
    session.day_ends = [
        r.moment(value, f"meeting.day_ends[{i}]")
        for i, value in enumerate(r.get(meeting, "day_ends", list, "meeting", []))
    ]
    session.next_decision_id = r.get(doc, "next_decision_id", int, "top level", 1)
    session.settings = MeetingSettings.from_table(
        r.get(doc, "settings", dict, "top level", {}), r.fail
    )
    # The agenda as amended first: the item entries are matched to it.
    amended = session.set_amendments([
        r.amendment(raw, f"amendments[{i}]")
        for i, raw in enumerate(r.get(doc, "amendments", list, "top level", []))
    ])

    def item_state(raw: dict, where: str) -> ItemState:
        try:
            status = ItemStatus(r.get(raw, "status", str, where, "pending"))
        except ValueError:
            raise r.fail(f"{where}: unknown status {raw.get('status')!r}") from None
        state = ItemState(status=status, spans=r.spans(raw, where))
        if "planned_minutes" in raw:
            plan = raw["planned_minutes"]
            if plan != "none" and (not isinstance(plan, int) or isinstance(plan, bool)
                                   or plan < 0):
                raise r.fail(f"{where}: 'planned_minutes' must be minutes or \"none\", "
                             f"got {plan!r}")
            state.plan, state.plan_set = (None if plan == "none" else plan), True
        for i, d in enumerate(r.get(raw, "decisions", list, where, [])):
            at = f"{where}.decisions[{i}]"
            if not isinstance(d, dict):
                raise r.fail(f"{at}: expected a table")
            try:
                dstatus = DecisionStatus(r.get(d, "status", str, at, "draft"))
            except ValueError:
                raise r.fail(f"{at}: unknown status {d.get('status')!r}") from None
            decision = Decision(
                id=r.get(d, "id", int, at),
                text=r.get(d, "text", str, at, ""),
                status=dstatus,
                created=r.moment(d.get("created"), at),
                modified=r.moment(d.get("modified"), at),
                adopted=r.day(d.get("adopted"), at),
            )
            state.decisions.append(decision)
        return state

    # Every entry, from [items] and from earlier [[unmatched]], is matched to the agenda.
    entries: list[Entry] = []
    raws: list[tuple[dict, str]] = []
    for key, raw in r.get(doc, "items", dict, "top level", {}).items():
        where = f"items.{key}"
        if not isinstance(raw, dict):
            raise r.fail(f"{where}: expected a table")
        entries.append(Entry(key, r.get(raw, "number", str, where, None),
                             r.get(raw, "title", str, where, None)))
        raws.append((raw, where))
    in_items = len(entries)
    for i, raw in enumerate(r.get(doc, "unmatched", list, "top level", [])):
        where = f"unmatched[{i}]"
        if not isinstance(raw, dict):
            raise r.fail(f"{where}: expected a table")
        entries.append(Entry(r.get(raw, "key", str, where), r.get(raw, "number", str, where, None),
                             r.get(raw, "title", str, where, None)))
        raws.append((raw, where))
    states = [item_state(raw, where) for raw, where in raws]
    recorded = r.get(doc, "agenda", dict, "top level", {}).get("sha256")
    same_agenda = digest is not None and recorded == digest
    # On the agenda they were written for, earlier unmatched entries stay unmatched: a
    # save and a load must give back the same session. A changed agenda matches them all.
    candidates = entries[:in_items] if same_agenda else entries
    matching: Matching = match(candidates, session.order, trust_keys=same_agenda)
    matching.unmatched.extend(range(len(candidates), len(entries)))
    for i, entry in enumerate(entries):
        key = matching.keys.get(i)
        if key is not None:
            session.states[key] = states[i]
        else:
            raw = {k: v for k, v in raws[i][0].items() if k != "key"}
            session.unmatched.append(UnmatchedEntry(
                entry.key, entry.number, entry.title or entry.key, states[i], raw))
    highest = max((d.id for state in states for d in state.decisions), default=0)
    session.next_decision_id = max(session.next_decision_id, highest + 1)

    # The current and selected items, where the agenda moved them.
    moved = {entries[i].key: matching.keys.get(i) for i in range(in_items)}

    def where_now(key: str | None) -> str | None:
        if not key:
            return None
        if key in moved:
            return moved[key]
        return key if session.has(key) else None

    current = where_now(r.get(doc, "current", str, "top level", None))
    if current:
        session.current = current
    selected = where_now(r.get(doc, "selected", str, "top level", None))
    if selected:
        session.selected = selected

    matched = [i for i in range(in_items) if i in matching.keys]
    change = AgendaChange(
        changed=digest is not None and not same_agenda,
        entries=in_items,
        matched=len(matched),
        renumbered=sum(1 for i in matched if matching.how[i] == "renumbered"),
        renamed=sum(1 for i in matched if matching.how[i] == "renamed"),
        unmatched=len(session.unmatched),
        unapplied=len(amended.unapplied),
    )
    return Loaded(session, version, change)


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
    from .agenda import load_agenda
    from .textfile import read_agenda_text

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
