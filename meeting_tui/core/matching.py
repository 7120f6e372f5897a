"""Matching the items of a session file to an agenda whose text has changed.

A session file names each item's entry by its key in the agenda it was written for,
and carries the item's number and title for a human reader. When the agenda is edited
between two days of a meeting (an item renamed, one removed, the rest renumbered),
the keys alone would attach decisions to the wrong items. So entries are matched in
passes, the surest first, each item and each entry used at most once:

1. same number (or, for an entry without a title, the same key) and the same title;
2. the same title, found once among the entries left and once among the items left
   (the item was renumbered);
3. the same number and a similar title (the item was renamed).

What is left matches nothing: the caller keeps it, never drops it (see store.py and
the "Unmatched" node of the tree). No Textual here.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .agenda import Item

SIMILAR = 0.6  # SequenceMatcher ratio above which two titles name the same item

SAME = "same"
RENUMBERED = "renumbered"
RENAMED = "renamed"


@dataclass(frozen=True)
class Entry:
    """One item entry of a session file: its key there, and what it says it was."""

    key: str
    number: str | None = None
    title: str | None = None


@dataclass
class Matching:
    """Entry index -> agenda key and how it was found; the indexes that found nothing."""

    keys: dict[int, str] = field(default_factory=dict)
    how: dict[int, str] = field(default_factory=dict)
    unmatched: list[int] = field(default_factory=list)

    def count(self, how: str) -> int:
        return sum(1 for h in self.how.values() if h == how)


def normal_title(title: str | None) -> str:
    """Case, spacing and closing punctuation do not make a different item."""
    if not title:
        return ""
    return re.sub(r"\s+", " ", title).strip().rstrip(".:;,").strip().casefold()


def similar(a: str, b: str) -> bool:
    """Titles close enough to be one item renamed: one holds the other, or most letters
    are shared in order."""
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR


def match(entries: Sequence[Entry], items: Iterable[Item], trust_keys: bool = False) -> Matching:
    """Match session-file entries to agenda items (see the module docstring).

    ``trust_keys``: the agenda text is the one the entries were written for, so an entry
    whose key the agenda has is that item, whatever title the parser now finds."""
    items = list(items)
    by_key = {item.key: item for item in items}
    free = {item.key for item in items}  # items not matched yet
    left = list(range(len(entries)))  # entries not matched yet
    result = Matching()

    def take(index: int, key: str, how: str) -> None:
        result.keys[index] = key
        result.how[index] = how
        free.discard(key)
        left.remove(index)

    if trust_keys:
        for i in list(left):
            if entries[i].key in free:
                take(i, entries[i].key, SAME)

    # 1. Same number and title, or (no title to compare) the same key.
    numbered: dict[tuple[str, str], list[str]] = {}
    for item in items:
        if item.number:
            numbered.setdefault((item.number, normal_title(item.title)), []).append(item.key)
    for i in list(left):
        entry = entries[i]
        if entry.title is None:
            if entry.key in free:
                take(i, entry.key, SAME)
            continue
        title = normal_title(entry.title)
        known = by_key.get(entry.key)
        if known is not None and entry.key in free and normal_title(known.title) == title and (
            (known.number or None) == (entry.number or None)
        ):
            take(i, entry.key, SAME)
            continue
        if entry.number:
            keys = [k for k in numbered.get((entry.number, title), []) if k in free]
            if len(keys) == 1:
                take(i, keys[0], SAME)

    # 2. The same title, once on each side: the item moved or was renumbered.
    entry_titles = Counter(normal_title(entries[i].title) for i in left)
    item_titles = Counter(normal_title(by_key[k].title) for k in free)
    by_title = {normal_title(by_key[k].title): k for k in free}
    for i in list(left):
        title = normal_title(entries[i].title)
        if title and entry_titles[title] == 1 and item_titles[title] == 1:
            key = by_title[title]
            if key in free:
                take(i, key, RENUMBERED)

    # 3. The same number and a similar title: the item was renamed.
    by_number: dict[str, list[str]] = {}
    for key in free:
        number = by_key[key].number
        if number:
            by_number.setdefault(number, []).append(key)
    for i in list(left):
        entry = entries[i]
        if not entry.number:
            continue
        candidates = [
            k for k in by_number.get(entry.number, [])
            if k in free and similar(normal_title(entry.title), normal_title(by_key[k].title))
        ]
        if len(candidates) == 1:
            take(i, candidates[0], RENAMED)

    result.unmatched = list(left)
    return result
