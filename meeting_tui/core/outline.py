"""The agenda as amended during the meeting, and what is indexed on its items.

The parsed agenda never changes; the session's amendments are applied to it to give
the agenda everything shows, navigates, reports and exports (``amend.apply``). The
outline holds both, the items in agenda order with their positions and parents, and
makes the amendments the meeting asks for, checked against the agenda as amended.
Which item is current, the item states and the clocks are the Session's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from .agenda import Agenda, Item
from .amend import (
    ADD,
    AFTER,
    MOVE,
    REMOVE,
    RENAME,
    UNDER,
    Amended,
    AmendError,
    Amendment,
    Finder,
    apply,
    next_added_key,
)


class Outline:
    def __init__(self, base: Agenda, amendments: Sequence[Amendment] = (),
                 finder: Finder | None = None) -> None:
        self.base = base
        self.amendments = list(amendments)
        self._finder = finder
        self.amended: Amended = apply(base, self.amendments, finder)
        self.agenda = self.amended.agenda
        self.order: list[Item] = list(self.agenda.walk())
        self.index = {item.key: i for i, item in enumerate(self.order)}
        self._parents: dict[str, str | None] | None = None

    @property
    def finder(self) -> Finder:
        """Finds the items amendments name in the parsed agenda (kept: it never changes)."""
        if self._finder is None:
            self._finder = Finder(self.base)
        return self._finder

    def amend(self, amendments: Sequence[Amendment]) -> Outline:
        """The outline of the same agenda with these amendments (its finder shared)."""
        return Outline(self.base, amendments, self.finder)

    # ---------------------------------------------------------------- queries
    def has(self, key: str) -> bool:
        return key in self.index

    def item(self, key: str) -> Item:
        return self.order[self.index[key]]

    def parent(self, key: str) -> str | None:
        """The key of the item's parent (None at the top)."""
        if self._parents is None:
            parents: dict[str, str | None] = {}
            stack: list[tuple[Item, str | None]] = [(item, None) for item in self.agenda.items]
            while stack:
                item, parent = stack.pop()
                parents[item.key] = parent
                stack.extend((child, item.key) for child in item.children)
            self._parents = parents
        return self._parents[key]

    def siblings(self, key: str) -> tuple[Item, ...]:
        parent = self.parent(key)
        return self.item(parent).children if parent is not None else self.agenda.items

    def marks(self, key: str) -> frozenset[str]:
        """How the item was amended: ADDED, RENAMED, MOVED (empty: as in the agenda)."""
        return self.amended.marks.get(key, frozenset())

    def can_move(self, key: str, step: int) -> bool:
        row = [item.key for item in self.siblings(key)]
        return 0 <= row.index(key) + step < len(row)

    # ---------------------------------------------------------------- amendments
    def adding(self, anchor: str, place: str, number: str | None, title: str,
               at: datetime) -> Amendment:
        """An item after or under (as its last sub-item) ``anchor``."""
        if anchor not in self.index:
            raise KeyError(anchor)
        if place not in (AFTER, UNDER):
            raise ValueError(place)
        title = " ".join(title.split())
        if not title:
            raise AmendError("an item needs a title")
        return Amendment(ADD, self.finder.ref(anchor), at, key=next_added_key(self.amendments),
                         place=place, number=_number(number), title=title)

    def renaming(self, key: str, number: str | None, title: str,
                 at: datetime) -> Amendment | None:
        """Another number and title for the item; None when they are the same."""
        item = self.item(key)
        title = " ".join(title.split())
        if not title:
            raise AmendError("an item needs a title")
        number = _number(number)
        if (number, title) == (item.number, item.title):
            return None
        return Amendment(RENAME, self.finder.ref(key), at, number=number, title=title)

    def moving(self, key: str, step: int, at: datetime) -> Amendment | None:
        """Up (-1) or down (+1) among its siblings; None at the end of its row."""
        if step not in (-1, 1):
            raise ValueError(step)
        if not self.can_move(key, step):
            return None
        return Amendment(MOVE, self.finder.ref(key), at, step=step)

    def removing(self, key: str, at: datetime) -> Amendment:
        return Amendment(REMOVE, self.finder.ref(key), at)


def _number(number: str | None) -> str | None:
    """An item number as typed: spaces and a closing dot are decoration."""
    number = "".join((number or "").split()).rstrip(".")
    return number or None
