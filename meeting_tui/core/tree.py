"""The parsed lines made into the agenda's tree of Items: keys, plans, warnings.

The parser (``parser``) decides where each line goes; here each item node becomes an
immutable ``Item``: its key (the number, or a place among unnumbered siblings; a
repeated number is kept and said), its plan (from the title's end or a timetable's
times) and its scheduled start.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from operator import itemgetter

from .agenda import Item, Warning_
from .numbering import Line
from .text import squash
from .timing import PLAN_SUFFIXES, clock_minutes, clock_text, find_plan, plan_minutes

# What a title with a time allocation at its end ends with.
PLAN_ENDS = frozenset(")]mnsShH'’.")


def _split_plan(title: str) -> tuple[str, int | None]:
    m = find_plan(title)
    if not m:
        return title, None
    before = title[: m.start()].rstrip(" -–—,")
    if not before.strip():
        return title, None  # nothing but an allocation ("— [15 min]"): that is the title
    return before, plan_minutes(m)


def _timed_plan(node: Line, following: list[Line]) -> int | None:
    """A timetable line's minutes: to its end time, else to the next line's start."""
    if node.start is None:
        return None
    start = clock_minutes(node.start)
    if node.end is not None:
        end = clock_minutes(node.end)
    else:
        end = next((clock_minutes(n.start) for n in following if n.start is not None), -1)
    minutes = end - start
    if node.end is None and minutes > 4 * 60:
        return None  # the next start is after a break, or the next day: no plan
    return minutes if 0 < minutes <= 12 * 60 else None


def freeze(
    nodes: list[Line],
    parent_key: str | None,
    warnings: list[Warning_],
    seen: dict[str, int],
    inline: Callable[[str], str] | None = None,
) -> tuple[Item, ...]:
    """Turn parser nodes into Items with keys; a repeated number gets a warning."""
    items: list[Item] = []
    unnumbered = 0
    for index, node in enumerate(nodes):
        title = node.title
        last = title[-1:]
        if "  " in title or "\t" in title or title[:1] == " " or last == " ":
            title = squash(title)
            last = title[-1:]
        if inline is not None:
            title = inline(title)
            last = title[-1:]
        minutes = None
        # "[15 min]", "(20')", "1h 30m"; most titles end otherwise ("… of the Parties")
        if last in PLAN_ENDS and title.endswith(PLAN_SUFFIXES):
            title, minutes = _split_plan(title)
        if node.kind == "timed" and minutes is None:
            minutes = _timed_plan(node, nodes[index + 1 :])
        number = node.number
        if number:
            key = number.canonical
            if not number.prefix and parent_key is not None:
                key = f"{parent_key}/{number.text}"
            if key in seen:
                warnings.append(Warning_(
                    node.no,
                    f"item number {number.text} on line {node.no} "
                    f"repeats the one on line {seen[key]}",
                ))
                key = f"{key}@{node.no}"
        else:  # unique by construction: numbers never hold a "#"
            unnumbered += 1
            key = f"{parent_key}/#{unnumbered}" if parent_key else f"#{unnumbered}"
        seen[key] = node.no
        items.append(Item(
            number.text if number else None,
            title,
            node.no,
            minutes,
            (tuple(node.notes) if inline is None else tuple(map(inline, node.notes)))
            if node.notes else (),
            freeze(node.children, key, warnings, seen, inline) if node.children else (),
            key,
            clock_text(node.start) if node.start else None,
            node.kind == "bullet",
        ))
    return tuple(items)


def mostly_not_items(placement: list[tuple[int, str]]) -> list[Warning_]:
    """Nothing is dropped silently: when most lines became header or notes, the
    numbering is likely one the parser does not read, and the user is told which."""
    counts = Counter(map(itemgetter(1), placement))  # most agendas: counting is enough
    if counts["note"] + counts["header"] < 8 or (
            counts["item"] * 4 > counts["note"] + counts["header"]):
        return []
    lines = [(no, place) for no, place in placement if place in ("item", "note", "header")]
    others = [no for no, place in lines if place != "item"]
    items = len(lines) - len(others)
    if len(others) < 8 or items * 4 > len(others):  # a long header is no cause
        return []
    shown = ", ".join(map(str, others[:8])) + (" …" if len(others) > 8 else "")
    return [Warning_(others[0], f"{len(others)} of {len(lines)} lines became notes or "
                                f"header, not items (lines {shown}): is each item on a "
                                "line of its own, numbered or bulleted?")]
