"""Amending the agenda during the meeting: items added, renamed, moved, removed.

Agendas change at the start of a meeting ("adoption of the agenda") and sometimes
during it, but the agenda file is never touched and the parsed ``Agenda`` stays
immutable. The session keeps an ordered list of amendments; the agenda as amended is
derived by applying them in order (``apply``), a pure function, so what the app shows,
what is saved and what a reload gives back agree by construction.

An amendment names its item by key, with the number and title the agenda file gave
it, so when the file itself is edited between two days the item is found again the
way session entries are (``matching``). An amendment whose item is no longer found
does nothing (it stays in the session file); an item added after or under one no
longer found goes at the end of the agenda, so its decisions stay reachable. Added
items get the keys "+1", "+2" …, never reused. No Textual here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from functools import cache
from typing import NamedTuple

from .agenda import Agenda, Item

ADD, RENAME, MOVE, REMOVE = "add", "rename", "move", "remove"
OPS = (ADD, RENAME, MOVE, REMOVE)
AFTER, UNDER = "after", "under"
# What an item shows in the tree and the printed agenda.
ADDED, RENAMED, MOVED = "added", "renamed", "moved"
ADDED_PREFIX = "+"


class AmendError(ValueError):
    """An amendment the meeting cannot make (the message says why, for the user)."""


# Ref and Amendment are named tuples: read-only records, cheaper to make at start-up than
# frozen dataclasses (Python 3.11 compiles each generated method; issue 19).
class Ref(NamedTuple):
    """An item as an amendment names it: its key, and for an item of the agenda file
    its number and title there (to find it again if the file changes)."""

    key: str
    number: str | None = None
    title: str | None = None

    @property
    def added(self) -> bool:
        return is_added(self.key)


def is_added(key: str) -> bool:
    return key.startswith(ADDED_PREFIX)


class Amendment(NamedTuple):
    """One change to the agenda. ``item`` is the item changed; for ``add``, the item the
    new one goes after or under (``place``)."""

    op: str
    item: Ref
    at: datetime | None = None  # when it was made (UTC), for the record
    key: str = ""  # add: the new item's key
    place: str = AFTER  # add
    number: str | None = None  # add, rename
    title: str = ""  # add, rename
    step: int = 0  # move: -1 up, +1 down among its siblings


@dataclass(frozen=True)
class Amended:
    """The agenda as amended, and what each amendment did."""

    agenda: Agenda
    marks: dict[str, frozenset[str]] = field(default_factory=dict)  # key -> ADDED… marks
    # Items of the agenda file renamed: (number, title) as the file has them.
    was: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    unapplied: tuple[int, ...] = ()  # amendments whose item is not found


class Finder:
    """Finds the items amendments name in one parsed agenda (which never changes, so
    what was found is kept)."""

    def __init__(self, agenda: Agenda) -> None:
        self.items = list(agenda.walk())
        self.by_key = {item.key: item for item in self.items}
        self._found: dict[Ref, str | None] = {}

    def ref(self, key: str) -> Ref:
        """How an amendment names the item ``key`` (an added one, or one of this agenda)."""
        if is_added(key):
            return Ref(key)
        item = self.by_key[key]
        return Ref(key, item.number, item.title)

    def find(self, ref: Ref) -> str | None:
        """The key of the agenda item ``ref`` names, None if it has none any more."""
        if ref in self._found:
            return self._found[ref]
        item = self.by_key.get(ref.key)
        if item is not None and (item.number, item.title) == (ref.number, ref.title):
            key: str | None = ref.key  # the agenda it was made on: the usual case
        else:
            from .matching import Entry, match  # a renamed or renumbered item: seldom

            found = match([Entry(ref.key, ref.number, ref.title)], self.items)
            key = found.keys.get(0)
        self._found[ref] = key
        return key


class _Node:
    """A mutable item while amendments are applied."""

    __slots__ = ("item", "number", "title", "children", "parent")

    def __init__(self, item: Item, parent: _Node | None) -> None:
        self.item = item
        self.number = item.number
        self.title = item.title
        self.children: list[_Node] = []
        self.parent = parent


def apply(agenda: Agenda, amendments: Sequence[Amendment], finder: Finder | None = None
          ) -> Amended:
    """The agenda with ``amendments`` applied in order (``finder``: of this agenda)."""
    if not amendments:
        return Amended(agenda)
    finder = finder or Finder(agenda)
    nodes: dict[str, _Node] = {}
    top: list[_Node] = []

    def build(items: Iterable[Item], parent: _Node | None, into: list[_Node]) -> None:
        for item in items:
            node = _Node(item, parent)
            nodes[item.key] = node
            into.append(node)
            build(item.children, node, node.children)

    build(agenda.items, None, top)

    def siblings(node: _Node) -> list[_Node]:
        return node.parent.children if node.parent else top

    def locate(ref: Ref) -> _Node | None:
        key = ref.key if ref.added else finder.find(ref)
        return nodes.get(key) if key is not None else None

    def drop(node: _Node) -> None:
        nodes.pop(node.item.key, None)
        for child in node.children:
            drop(child)

    marks: dict[str, set[str]] = {}
    was: dict[str, tuple[str | None, str]] = {}
    unapplied: list[int] = []
    for index, amendment in enumerate(amendments):
        target = locate(amendment.item)
        if amendment.op == ADD:
            if not amendment.key or amendment.key in nodes:
                unapplied.append(index)
                continue
            new = _Node(Item(amendment.number or None, amendment.title, 0, key=amendment.key),
                        None)
            if target is None:
                top.append(new)  # its anchor is gone: at the end, never lost
            elif amendment.place == UNDER:
                new.parent = target
                target.children.append(new)
            else:
                new.parent = target.parent
                row = siblings(target)
                row.insert(row.index(target) + 1, new)
            nodes[amendment.key] = new
            marks.setdefault(amendment.key, set()).add(ADDED)
            continue
        if target is None:
            unapplied.append(index)
            continue
        key = target.item.key
        if amendment.op == RENAME:
            target.number, target.title = amendment.number or None, amendment.title
            if not is_added(key):
                was.setdefault(key, (target.item.number, target.item.title))
                if (target.number, target.title) == was[key]:
                    del was[key]  # renamed back as the agenda has it
                    marks.get(key, set()).discard(RENAMED)
                else:
                    marks.setdefault(key, set()).add(RENAMED)
        elif amendment.op == MOVE:
            row = siblings(target)
            i = row.index(target)
            j = i + amendment.step
            if 0 <= j < len(row) and amendment.step:
                row[i], row[j] = row[j], row[i]
                marks.setdefault(key, set()).add(MOVED)
        elif amendment.op == REMOVE:
            siblings(target).remove(target)
            drop(target)
        else:
            unapplied.append(index)

    def freeze(node: _Node) -> Item:
        children = tuple(freeze(child) for child in node.children)
        item = node.item
        if (node.number, node.title) == (item.number, item.title) and (
            len(children) == len(item.children)
            and all(a is b for a, b in zip(children, item.children, strict=True))
        ):
            return item  # untouched: the parsed item itself
        return Item(node.number, node.title, item.line, item.planned_minutes, item.notes,
                    children, item.key)

    amended = replace(agenda, items=tuple(freeze(node) for node in top))
    return Amended(
        amended,
        {key: frozenset(found) for key, found in marks.items() if found and key in nodes},
        {key: old for key, old in was.items() if key in nodes},
        tuple(unapplied),
    )


def describe(amended: Amended, key: str) -> str:
    """What the meeting did to the item, in a few words ("" if nothing)."""
    marks = amended.marks.get(key, frozenset())
    if not marks:
        return ""
    if ADDED in marks:
        return "added during the meeting"
    done = " and ".join(word for word in (RENAMED, MOVED) if word in marks)
    text = f"{done} during the meeting"
    if key in amended.was:
        number, title = amended.was[key]
        text += f" (the agenda: {number} {title})" if number else f" (the agenda: {title})"
    return text


def next_added_key(amendments: Iterable[Amendment]) -> str:
    """A key no added item ever had ("+1", "+2" …): removed ones are not reused."""
    highest = 0
    for amendment in amendments:
        if amendment.op == ADD and is_added(amendment.key):
            digits = amendment.key[len(ADDED_PREFIX):]
            if digits.isdigit():
                highest = max(highest, int(digits))
    return f"{ADDED_PREFIX}{highest + 1}"


# ------------------------------------------------------------------ numbers

# The last letter or run of digits of a number, and what is before and after it.
_LATIN = ("bis", "ter", "quater", "quinquies", "sexies")


@cache  # compiled on first use: only amending the agenda numbers items
def _last_part() -> re.Pattern[str]:
    return re.compile(r"^(.*?)([A-Za-z]|\d+)(\W*)$")


def following_number(number: str) -> str | None:
    """The number after ``number`` in its sequence ("2.1" → "2.2", "b" → "c"), None when
    it has no obvious successor (a roman numeral, "z")."""
    found = _last_part().match(number)
    if not found:
        return None
    head, part, tail = found.groups()
    if part.isdigit():
        return f"{head}{int(part) + 1}{tail}"
    if part in "zZ" or (head and head[-1].isalpha()):
        return None  # a roman numeral ("IV"), a word, or the end of the alphabet
    return f"{head}{chr(ord(part) + 1)}{tail}"


def propose_number(agenda: Agenda, key: str, place: str) -> str:
    """A number for an item added after or under the item ``key``: the next in its
    sequence if free, else "3bis", "3ter" … (as agendas amended at the table are);
    empty when the item has no number to go from."""
    anchor = next(item for item in agenda.walk() if item.key == key)
    used = {item.number for item in agenda.walk() if item.number}
    if place == UNDER:
        if anchor.children:
            return propose_number(agenda, anchor.children[-1].key, AFTER)
        if not anchor.number:
            return ""
        candidate = f"{anchor.number.rstrip('.')}.1"
        return candidate if candidate not in used else _latin(f"{candidate}", used)
    if not anchor.number:
        return ""
    following = following_number(anchor.number)
    if following and following not in used:
        return following
    return _latin(anchor.number, used)


def _latin(number: str, used: set[str]) -> str:
    for suffix in _LATIN:
        if f"{number}{suffix}" not in used:
            return f"{number}{suffix}"
    return ""
