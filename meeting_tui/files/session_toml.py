"""The session file's TOML: a Session to the document tomli-w writes, and that
document to text (``dumps``, or ``Serializer`` for a session saved again and again).

This is the one place the file's format is written; ``session_reading`` reads it back
(upgrading older formats), ``session_file`` reads and writes the file itself.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import tomli_w

from ..core.agenda import Item
from ..core.amend import ADD, MOVE, RENAME, Amendment
from ..core.session import Action, ItemState, Note, Session
from .durable import digest_of
from .floor_toml import roll_tables, spans_table, speech_table, vote_table

# Format 2 added the [[unmatched]] list (and the optional fields of time-keeping and
# the List of decisions), format 3 the [[amendments]] of the agenda: a reader of an
# earlier format would drop them on its next save, so it must refuse the file rather
# than read it. Format 4 added the notes and follow-up actions of each item
# ([[items.KEY.notes]], [[items.KEY.actions]]). Format 5 added the floor: [[roll]],
# [[attendance]], each item's [[items.KEY.speeches]] and speaking_limit, a decision's
# vote (``floor_toml``).
FORMAT_VERSION = 5


def agenda_hash(text: str) -> str:
    return digest_of(text.encode("utf-8"))


def default_session_path(agenda_path: str | Path) -> Path:
    p = Path(agenda_path)
    return p.with_name(f"{p.stem}.session.toml")


# ------------------------------------------------------------------ writing


def to_document(session: Session, agenda_path: str, digest: str) -> dict[str, Any]:
    """The session as plain data for tomli-w (which cannot write None: absent = left out).

    Its parts, in this order: ``document_head``, ``items`` (``item_entry`` of each item
    with something to write, in agenda order), ``document_tail``; the autosave makes
    the same document again from the entries of the items that changed (``snapshot``).
    """
    doc = document_head(session, agenda_path, digest)
    items: dict[str, Any] = {}
    for item in session.order:
        state = session.peek(item.key)
        if state is not None and not state.is_blank:
            items[item.key] = item_entry(item, state)
    doc["items"] = items
    doc.update(document_tail(session))
    return doc


def document_head(session: Session, agenda_path: str, digest: str) -> dict[str, Any]:
    """What the document holds before its items."""
    doc: dict[str, Any] = {
        "format": FORMAT_VERSION,
        "title": session.title,
        "timezone": session.timezone,
        "agenda": {"path": agenda_path, "sha256": digest},
        "meeting": {"ended": session.ended, "spans": spans_table(session.meeting_spans)},
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
    doc.update(roll_tables(session))
    return doc


def item_entry(item: Item, state: ItemState) -> dict[str, Any]:
    """An item's ``[items.KEY]`` table (its state is not blank): a new dict each
    time, never changed after (the writer thread reads it while the UI goes on)."""
    entry: dict[str, Any] = {"status": str(state.status)}
    if item.number:
        entry["number"] = item.number
    entry["title"] = item.title
    if state.plan_set:
        entry["planned_minutes"] = state.plan if state.plan is not None else "none"
    if state.spans:
        entry["spans"] = spans_table(state.spans)
    if state.decisions:
        entry["decisions"] = [
            {
                "id": d.id,
                "status": str(d.status),
                "created": d.created,
                "modified": d.modified,
                **({"adopted": d.adopted} if d.adopted else {}),
                "text": d.text,
                # Optional: a file without it reads as a decision with none.
                **({"translations": dict(d.translations)} if d.translations else {}),
                **({"vote": vote_table(d.vote)} if d.vote is not None else {}),
            }
            for d in state.decisions
        ]
    if state.notes:
        entry["notes"] = [_note_table(n) for n in state.notes]
    if state.actions:
        entry["actions"] = [_action_table(a) for a in state.actions]
    if state.speaking_limit is not None:
        entry["speaking_limit"] = state.speaking_limit
    if state.speeches:
        entry["speeches"] = [speech_table(s) for s in state.speeches]
    return entry


def document_tail(session: Session) -> dict[str, Any]:
    """What the document holds after its items."""
    doc: dict[str, Any] = {}
    if session.unmatched:
        # Written back as read, after the key they had in the agenda they came from.
        doc["unmatched"] = [
            {"key": entry.key, **{k: v for k, v in entry.raw.items() if k != "key"}}
            for entry in session.unmatched
        ]
    return doc


def _note_table(note: Note) -> dict[str, Any]:
    table: dict[str, Any] = {"id": note.id, "created": note.created}
    if note.speaker:
        table["speaker"] = note.speaker
    table["text"] = note.text
    return table


def _action_table(action: Action) -> dict[str, Any]:
    table: dict[str, Any] = {"id": action.id, "status": str(action.status),
                             "owner": action.owner, "due": action.due}
    if action.due_date is not None:
        table["due_date"] = action.due_date
    if action.decision is not None:
        table["decision"] = action.decision
    table["created"] = action.created
    table["text"] = action.text
    return table


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
    document. Each item's TOML is kept as UTF-8 (``data``), so the file's bytes are the
    kept bytes joined: encoding the whole 1.5 MB of such a session took 3 ms a save."""

    def __init__(self) -> None:
        self._items: dict[str, tuple[dict[str, Any], bytes]] = {}
        self._lock = threading.Lock()  # one writer thread at a time uses it, in practice

    def text(self, doc: dict[str, Any]) -> str:
        """The TOML of a document made by ``to_document``."""
        return self.data(doc).decode("utf-8")

    def data(self, doc: dict[str, Any]) -> bytes:
        """The same TOML, as the file's bytes (UTF-8)."""
        with self._lock:
            return self._data(doc)

    def _data(self, doc: dict[str, Any]) -> bytes:
        items = doc.get("items")
        if not items or next(reversed(doc)) != "items":  # [[unmatched]] after them: rare
            self._items.clear()
            return tomli_w.dumps(doc, multiline_strings=True).encode("utf-8")
        # tomli-w writes the other keys first and then the items (the last key), each
        # item as its own [items.KEY] table after a blank line: the whole is these joined.
        head = tomli_w.dumps({k: v for k, v in doc.items() if k != "items"},
                             multiline_strings=True)
        cache, kept = self._items, {}
        parts = [head.encode("utf-8")]
        for key, entry in items.items():
            cached = cache.get(key)
            # The snapshot hands the same dict again for an unchanged item.
            if cached is None or (cached[0] is not entry and cached[0] != entry):
                cached = (entry, tomli_w.dumps({"items": {key: entry}},
                                               multiline_strings=True).encode("utf-8"))
            kept[key] = cached
            parts.append(cached[1])
        self._items = kept
        return b"\n".join(parts)
