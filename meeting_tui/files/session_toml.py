"""The session file's TOML mapping: a Session to a document tomli-w writes, and a
document (of this or an older format) back to a Session over an agenda.

Files of an older format are upgraded on load (``UPGRADES``); entries for items the
agenda no longer has are kept (``matching``). The reader checks every type as it
reads, so a hand-edited file gives a clear one-line error.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import tomli_w

from ..core.agenda import Agenda
from ..core.amend import ADD, AFTER, MOVE, OPS, RENAME, UNDER, Amendment, Ref
from ..core.clock import Now, Span
from ..core.errors import InputError
from ..core.matching import Entry, Matching, match
from ..core.session import Decision, DecisionStatus, ItemState, ItemStatus, Session, UnmatchedEntry
from ..core.settings import MeetingSettings

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


