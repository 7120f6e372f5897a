"""The report's reading of an outline's shape (``core/report.py`` ``_Shape``): made in
one walk of the tree (issue 19: the first report of 20,000 items spent 13 ms looking up
each sub-item's position), it holds what the outline itself says of every item, on
any tree and after amendments."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import count

from hypothesis import given, settings
from hypothesis import strategies as st

from meeting_tui.core.agenda import Agenda, Item
from meeting_tui.core.outline import Outline
from meeting_tui.core.report import _Shape

AT = datetime(2020, 9, 25, 9, 0, tzinfo=UTC)

# A tree as nested lists of numbers (None: an unnumbered line); the numbers' lengths
# vary so that the widest one may be deep, or past the 12 columns kept.
NUMBERS = st.one_of(st.none(), st.text(alphabet="0123456789.", min_size=1, max_size=14))
TREES = st.recursive(
    st.lists(st.tuples(NUMBERS, st.just([])), max_size=4),
    lambda below: st.lists(st.tuples(NUMBERS, below), min_size=1, max_size=4),
    max_leaves=40,
)


def agenda_of(tree: list, keys: count) -> tuple[Item, ...]:  # type: ignore[type-arg]
    items = []
    for number, children in tree:
        key = str(next(keys))
        items.append(Item(number, f"Item {key}", 1, children=agenda_of(children, keys),
                          key=key))
    return tuple(items)


def expected(outline: Outline) -> tuple[list[int], list[int], int]:
    """Depths and parents from the outline's own parents, item by item."""
    depth, parent = [], []
    for item in outline.order:
        above, level = outline.parent(item.key), 0
        parent.append(-1 if above is None else outline.index[above])
        while above is not None:
            level += 1
            above = outline.parent(above)
        depth.append(level)
    widest = max((len(item.number or "") + 2 * d for item, d in zip(outline.order, depth,
                                                                     strict=True)),
                 default=0)
    return depth, parent, min(12, widest)


@settings(max_examples=150, deadline=None)
@given(TREES, st.data())
def test_the_shape_is_the_outlines_on_any_tree_and_after_amendments(tree, data):
    agenda = Agenda(header=("Board",), items=agenda_of(tree, count(1)))
    outline = Outline(agenda)
    shape = _Shape(outline)
    assert (shape.depth, shape.parent, shape.number_width) == expected(outline)
    if not outline.order:
        return
    # Moved under another item, renamed to a longer number, or taken away: a new
    # outline, and its own shape.
    key = data.draw(st.sampled_from([item.key for item in outline.order]))
    anchor = data.draw(st.sampled_from([item.key for item in outline.order]))
    amendments = [outline.renaming(key, "1.2.3.4.5", "Renamed", AT)]
    amended = outline.amend([a for a in amendments if a is not None])
    if anchor in amended.index:
        amended = amended.amend([*amended.amendments,
                                 amended.adding(anchor, "under", "9.9", "Added", AT)])
    shape = _Shape(amended)
    assert (shape.depth, shape.parent, shape.number_width) == expected(amended)
