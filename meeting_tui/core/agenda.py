"""The agenda model: an immutable tree of items, and where each line of the text went.

The parser (``parser``) builds it without ever dropping a line: each non-blank line
ends up in exactly one place (header, an item title or its continuation, a note, the
next-meeting dates, the end marker, or the lines skipped after the end marker), and
``Agenda.placement`` records where.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple, TypeAlias

# The agenda's or an item's fields as plain data, what json.dumps writes.
Fields: TypeAlias = dict[str, object]


@dataclass(frozen=True)
class Item:
    """One agenda item. ``key`` identifies it within its agenda (used by sessions)."""

    number: str | None
    title: str
    line: int
    planned_minutes: int | None = None
    notes: tuple[str, ...] = ()
    children: tuple[Item, ...] = ()
    key: str = ""
    scheduled: str | None = None  # the clock time it starts at ("09:30"), if the agenda says
    bullet: bool = False  # a bullet line ("• Presentation by …"): n and p pass over it

    def __init__(
        self,
        number: str | None,
        title: str,
        line: int,
        planned_minutes: int | None = None,
        notes: tuple[str, ...] = (),
        children: tuple[Item, ...] = (),
        key: str = "",
        scheduled: str | None = None,
        bullet: bool = False,
    ) -> None:
        # Frozen: the fields are set once, here, straight into the instance dict; the
        # generated __init__ sets them one object.__setattr__ at a time, twice as slow
        # on an agenda of 20,000 items.
        fields = self.__dict__
        fields["number"] = number
        fields["title"] = title
        fields["line"] = line
        fields["planned_minutes"] = planned_minutes
        fields["notes"] = notes
        fields["children"] = children
        fields["scheduled"] = scheduled
        fields["bullet"] = bullet
        fields["key"] = key

    @property
    def label(self) -> str:
        """Number and title as a person would say them."""
        return f"{self.number} {self.title}" if self.number else self.title

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.children:
            yield from child.walk()


class Warning_(NamedTuple):  # a named tuple: cheaper to make than a dataclass (issue 19)
    line: int
    message: str


@dataclass(frozen=True)
class Agenda:
    header: tuple[str, ...]
    items: tuple[Item, ...]
    next_meetings: tuple[str, ...] = ()
    end_marker: str | None = None
    warnings: tuple[Warning_, ...] = ()
    # (line number, place) for every non-blank line; place is one of PLACES.
    placement: tuple[tuple[int, str], ...] = ()
    source: str = ""

    @property
    def title(self) -> str:
        return self.header[0] if self.header else (Path(self.source).stem or "Meeting")

    def walk(self) -> Iterator[Item]:
        """Every item in agenda order (depth first, sub-items after their parent)."""
        for item in self.items:
            yield from item.walk()

    def find(self, key: str) -> Item | None:
        return next((item for item in self.walk() if item.key == key), None)

    def to_json(self, extra: Callable[[Item], Fields] | None = None) -> Fields:
        """The tree as plain data; ``extra`` adds fields to each item (the amendments)."""
        return {
            "header": list(self.header),
            "items": [_item_json(item, extra) for item in self.items],
            "next_meetings": list(self.next_meetings),
            "end_marker": self.end_marker,
        }

    def outline(self, note: Callable[[Item], str] | None = None) -> str:
        """The tree as an indented outline, one item a line (``note``: said after an
        item's title in brackets, such as what amended it)."""
        lines: list[str] = [*self.header]
        if lines:
            lines.append("")

        def emit(item: Item, depth: int) -> None:
            plan = f"  [{item.planned_minutes} min]" if item.planned_minutes else ""
            bullet = item.number or "•"
            said = note(item) if note else ""
            lines.append(f"{'    ' * depth}{bullet} {item.title}{plan}"
                         + (f"  [{said}]" if said else ""))
            for line in item.notes:
                lines.append(f"{'    ' * (depth + 1)}  | {line}")
            for child in item.children:
                emit(child, depth + 1)

        for item in self.items:
            emit(item, 0)
        if self.next_meetings:
            lines += ["", "Next meetings:", *(f"    {d}" for d in self.next_meetings)]
        if self.end_marker:
            lines += ["", self.end_marker]
        return "\n".join(lines)


# "next_meetings" is a line that gave one date to Agenda.next_meetings; the heading
# above the dates ("Dates of the next meetings") gives none and is placed apart.
PLACES = (
    "header", "item", "continuation", "note",
    "next_meetings_heading", "next_meetings", "end_marker", "skipped", "furniture",
)


def _item_json(item: Item, extra: Callable[[Item], Fields] | None = None) -> Fields:
    data: Fields = {
        "number": item.number,
        "title": item.title,
        "line": item.line,
        "planned_minutes": item.planned_minutes,
        "notes": list(item.notes),
        "children": [_item_json(child, extra) for child in item.children],
    }
    if item.scheduled is not None:
        data["scheduled"] = item.scheduled
    if extra is not None:
        data.update(extra(item))
    return data


