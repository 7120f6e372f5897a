"""The autosave's snapshot: ``to_document`` made again from the entries of the items
that changed since the last one.

A save follows every change (every `n`, a few times a second while typing), and its
snapshot is taken on the UI thread, where the session changes. Made whole, it walks
every item of the agenda and builds every entry: at 20,000 items that was most of the
time `n` took, and with 2,000 decisions of 500 characters most of what a keystroke's
save kept the UI waiting. The session notes which items each change touched
(``Session._changed``); the entries of the others are the ones of the last snapshot,
the very same dicts (never changed once made, so the writer thread may be reading an
older document while this one is made; ``Serializer`` then keeps their TOML without
comparing them).

Everything is made again when the session cannot say what changed: a change that named
no item (an amendment, an undo, an adoption), a revision bumped by hand, the agenda
as amended replaced, or a save asked for although nothing was counted since the last
(something may have changed without saying so).
"""

from __future__ import annotations

from typing import Any

from ..core.session import Session
from .session_toml import document_head, document_tail, item_entry


class Snapshot:
    """``to_document(session, agenda_path, digest)``, again and again, for one app."""

    def __init__(self) -> None:
        self._session: Session | None = None
        self._outline: object | None = None
        self._revision = -1
        self._items: dict[str, dict[str, Any]] = {}

    def document(self, session: Session, agenda_path: str, digest: str) -> dict[str, Any]:
        """The same document as ``to_document``; a new dict, with a new ``items`` dict,
        each time."""
        doc = document_head(session, agenda_path, digest)
        doc["items"] = self._items = (self._changed_items(session) if self._known(session)
                                      else self._all_items(session))
        doc.update(document_tail(session))
        self._session, self._outline = session, session.outline
        self._revision = session.revision
        return doc

    def _known(self, session: Session) -> bool:
        """Whether the session says which items changed since the last snapshot."""
        return (session is self._session and session.outline is self._outline
                and session.revision != self._revision
                and session.noted_revision == session.revision
                and session.all_changed <= self._revision)

    @staticmethod
    def _all_items(session: Session) -> dict[str, dict[str, Any]]:
        items: dict[str, dict[str, Any]] = {}
        for item in session.order:
            state = session.peek(item.key)
            if state is not None and not state.is_blank:
                items[item.key] = item_entry(item, state)
        return items

    def _changed_items(self, session: Session) -> dict[str, dict[str, Any]]:
        since = self._revision
        items = dict(self._items)  # the last one may be in the writer thread's hands
        added = False
        for key, revision in session.items_changed.items():
            if revision <= since:
                continue
            state = session.peek(key)
            if state is None or state.is_blank or not session.has(key):
                items.pop(key, None)
                continue
            added = added or key not in items
            items[key] = item_entry(session.item(key), state)
        if added:  # in agenda order, as to_document has them
            index = session.outline.index
            items = {key: items[key] for key in sorted(items, key=index.__getitem__)}
        return items
