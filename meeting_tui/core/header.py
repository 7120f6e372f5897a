"""What belongs to the header after all, once every line has a place.

Two families of agendas put above their items what reads like items: a heading that
merely labels the list ("## Topics", "Agenda" over every item), and a numbered list in
the header's prose ("How to participate:" / "1. Join by computer …") before the
agenda's own list starts again at 1. Both are moved to the header, their lines placed
there, so the tree holds the meeting's items only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .text import squash

if TYPE_CHECKING:  # the parser calls these on itself
    from .parser import _Parser


def unlabel(parser: _Parser) -> None:
    """A heading that merely labels the list ("## Topics", "Agenda" over every item,
    right after the header) is the header's last line, not an item holding them all."""
    roots = parser.roots
    if len(roots) != 1:
        return
    label = roots[0]
    if label.kind != "heading" or label.number is not None or not label.children:
        return
    if label.notes:
        return
    placement = parser.placement
    index = next(i for i, (no, _) in enumerate(placement) if no == label.no)
    if any(place not in ("header", "furniture") for _, place in placement[:index]):
        return
    if index + 1 < len(placement) and placement[index + 1][1] == "continuation":
        return  # a heading wrapped over two lines: an item after all
    parser.header.append(squash(label.title))
    placement[index] = (label.no, "header")
    parser.roots = label.children
    for child in label.children:
        parser.parents[child.no] = None


def instructions(parser: _Parser) -> None:
    """A numbered list in the header's prose ("How to participate:" / "1. Join by
    computer …") before the agenda's own list, which starts again at 1: the first list
    is part of the header, not the meeting's first items."""
    roots = parser.roots
    first = roots[0].number if roots else None
    if first is None or first.parts != ("1",) or any(node.children for node in roots):
        return
    again = next((i for i, node in enumerate(roots[1:], 1) if node.number is not None
                  and node.number.parts == ("1",) and node.number.style == first.style), None)
    if again is None or not parser.header or not parser.header[-1].endswith(":"):
        return
    moved = {node.no for node in roots[:again]}
    last = roots[again].no
    placement = parser.placement
    for index, (no, place) in enumerate(placement):
        if no >= last:
            break
        if no in moved or place in ("note", "continuation"):
            placement[index] = (no, "header")
            parser.header.append(squash(parser.lines[no - 1]))
    parser.roots = roots[again:]
