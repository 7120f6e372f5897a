"""Time-keeping against the plan: each item's plan, what its section has spent, and
what is left of the meeting's plan.

A plan set in the app replaces the agenda line's. A parent without a plan of its own
is planned for the sum of its sub-items' plans only when every sub-item has one: when
only some have, that sum is not the section's plan (the rest of the section would
count for nothing), so the parent has no plan and is *partly planned* (``partly``);
nothing measures it against a plan, nothing marks it over. What is derived from the
plans is kept until a plan or the agenda changes (the session then makes a new
``Plans`` or calls ``forget``). ``remaining`` runs every second and after every key
that changes the meeting: it adds up sums made once and looks only at the items with
a state (at 20,000 items, walking them all took longer than the rest of taking up the
next item).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import datetime

from .agenda import Item
from .clock import total_seconds
from .outline import Outline
from .state import ItemState, ItemStatus

# The items whose own plan covers a section (plan in seconds, the section's keys), and
# the items no plan covers.
Units = tuple[list[tuple[int, tuple[str, ...]]], list[str]]
# Sections as (first, last) positions in agenda order, innermost first.
Reach = tuple[tuple[int, int], ...]

_OPEN = (ItemStatus.PENDING, ItemStatus.CURRENT)
_TAKEN_UP = (ItemStatus.CURRENT, ItemStatus.DONE)


class Plans:
    def __init__(self, outline: Outline, states: dict[str, ItemState]) -> None:
        self.outline = outline
        self.states = states  # the session's, shared
        self._plans: dict[str, int | None] = {}
        self._within: dict[str, int | None] = {}
        self._units: Units | None = None
        # Per unit and per planless item (as ``units`` lists them): its section and
        # the sections of the items above it, innermost first.
        self._reach: list[Reach] = []
        self._planless_reach: list[Reach] = []
        self._sums: _Layout | None = None

    def forget(self) -> None:
        """A plan changed."""
        self._plans.clear()
        self._within.clear()
        self._units = None
        self._sums = None

    def own(self, key: str) -> int | None:
        """The plan set in the app, else the agenda line's; no sub-item sums."""
        state = self.states.get(key)
        if state is not None and state.plan_set:
            return state.plan
        return self.outline.item(key).planned_minutes

    def planned(self, key: str) -> int | None:
        """The item's own plan, or else the sum of its sub-items' plans when every one
        of them has a plan (None when only some have: see ``partly``)."""
        if key not in self._plans:
            item = self.outline.item(key)
            plan = self.own(key)
            if plan is None and item.children:
                plans = [self.planned(child.key) for child in item.children]
                if all(p is not None for p in plans):
                    plan = sum(p for p in plans if p is not None)
            self._plans[key] = plan
        return self._plans[key]

    def partly(self, key: str) -> int | None:
        """The minutes planned inside the section of a parent that has no plan because
        only some of its sub-items have one; None for any other item."""
        if self.planned(key) is not None or not self.outline.item(key).children:
            return None
        return self._planned_within(key)

    def _planned_within(self, key: str) -> int | None:
        if key not in self._within:
            plan = self.planned(key)
            if plan is None:
                inside = [self._planned_within(child.key)
                          for child in self.outline.item(key).children]
                known = [p for p in inside if p is not None]
                plan = sum(known) if known else None
            self._within[key] = plan
        return self._within[key]

    def spent(self, key: str, now: datetime) -> float:
        state = self.states.get(key)
        return total_seconds(state.spans, now) if state else 0.0

    def section_spent(self, key: str, now: datetime) -> float:
        """Seconds on the item and its sub-items: what its plan is measured against
        (a parent's plan is for its whole section; by default the sum of its parts)."""
        return sum(self.spent(item.key, now) for item in self.outline.item(key).walk())

    def level(self, key: str, now: datetime) -> str | None:
        """None without a plan; "ok" under 80 % of it, "near" from 80 %, "over" past it."""
        plan = self.planned(key)
        if plan is None:
            return None
        spent = self.section_spent(key, now)
        if spent > plan * 60:
            return "over"
        return "near" if spent >= 0.8 * plan * 60 else "ok"

    def total(self) -> int:
        """The meeting's plan: the plans that cover a section, added up (a partly
        planned parent adds the plans inside it)."""
        return self._layout().total // 60

    def remaining(self, now: datetime) -> tuple[float, int]:
        """(planned seconds left on the items not yet done, how many of them have no plan).

        An item with a plan of its own covers its section: it counts while anything in
        it is pending or current, for its plan less the time already spent on the
        section (never below zero). Sub-items of a planless parent count one by one.

        A section the meeting took up and has moved past counts for nothing, even with
        sub-items never taken up (a heading the chair went straight past): something in
        it was taken up, something after it was taken up since, and nothing in it is
        current. Taking one of them up makes the section count again.

        It runs every second and after every change, so it does not walk the agenda:
        the sections with nothing on them count their plans, added up once
        (``_Layout``); only the sections with an item that has a state, and the
        sections around the items taken up (which decide what is past), are looked at.
        """
        layout = self._layout()
        units, planless = self.units()
        states = self.states
        taken = self._taken()
        passed = None if taken is None else self._passed_by(taken[0], taken[1])
        index = self.outline.index
        # The units and planless items with a state on one of their items: counted
        # one by one, as they are.
        warm: set[int] = set()
        warm_planless: set[int] = set()
        for key in states:
            position = index.get(key)
            if position is None:  # an entry of an item the agenda lost
                continue
            n = layout.unit_at(position)
            if n is not None:
                warm.add(n)
            elif (n := layout.planless_at.get(position)) is not None:
                warm_planless.add(n)
        seconds: float = layout.total
        for n in warm:
            plan, keys = units[n]
            seconds -= plan
            found = [states.get(k) for k in keys]
            if any(st is None or st.status in _OPEN for st in found):
                if passed is not None and passed(self._reach[n]):
                    continue
                spent = sum(total_seconds(st.spans, now) for st in found if st is not None)
                seconds += max(0.0, plan - spent)
        unplanned = len(planless) - len(warm_planless)
        for n in warm_planless:
            state = states.get(planless[n])
            if (state is None or state.status in _OPEN) and (
                    passed is None or not passed(self._planless_reach[n])):
                unplanned += 1
        if taken is None:
            return seconds, unplanned
        # The others: those in a section the meeting moved past count for nothing. What
        # decides is the innermost section around them with an item taken up in it.
        for _first, plan, count in self._past(layout, taken):
            seconds -= plan
            unplanned -= count
        for n in warm:  # counted above, as they are
            if self._innermost_past(layout, taken, layout.unit_first[n]):
                seconds += units[n][0]
        for n in warm_planless:
            if self._innermost_past(layout, taken, layout.planless_pos[n]):
                unplanned += 1
        return seconds, unplanned

    def _taken(self) -> tuple[list[int], int, frozenset[int]] | None:
        """The positions of the items taken up, sorted; the current one's (-1: none);
        the sections (by their first position) with one of them in it. None: nothing
        was taken up yet, so nothing is past."""
        index = self.outline.index
        taken: list[int] = []
        current = -1
        for key, state in self.states.items():
            if state.status in _TAKEN_UP or state.spans:
                position = index.get(key)
                if position is None:  # an entry of an item the agenda lost
                    continue
                taken.append(position)
                if state.status is ItemStatus.CURRENT:
                    current = position
        if not taken:
            return None
        taken.sort()
        hot: set[int] = set()
        parents = self._layout().parents
        for position in taken:
            while position >= 0 and position not in hot:
                hot.add(position)
                position = parents[position]
        return taken, current, frozenset(hot)

    @staticmethod
    def _passed_by(taken: list[int], current: int) -> Callable[[Reach], bool]:
        """Whether a unit lies in a section the meeting took up and moved past."""
        furthest = taken[-1]

        def passed(reach: Reach) -> bool:
            for first, last in reach:
                if furthest <= last:
                    return False  # nor is any section around it past
                if first <= current <= last:
                    return False
                at = bisect_left(taken, first)
                if at < len(taken) and taken[at] <= last:
                    return True
            return False

        return passed

    def _is_past(self, layout: _Layout, taken: tuple[list[int], int, frozenset[int]],
                 first: int) -> bool:
        """Whether the section at ``first``, with an item taken up in it, is past."""
        last = layout.ends[first]
        return taken[0][-1] > last and not first <= taken[1] <= last

    def _innermost_past(self, layout: _Layout,
                        taken: tuple[list[int], int, frozenset[int]], position: int) -> bool:
        """Whether the innermost section around ``position`` (its own included) with an
        item taken up in it is past."""
        hot, parents = taken[2], layout.parents
        while position >= 0 and position not in hot:
            position = parents[position]
        return position >= 0 and self._is_past(layout, taken, position)

    def _past(self, layout: _Layout, taken: tuple[list[int], int, frozenset[int]],
              ) -> list[tuple[int, int, int]]:
        """For each past section with an item taken up in it: (its first position, the
        plans of the units and the count of the planless items for which it is the
        innermost such section). Its own share is its range less its sub-sections'
        with an item taken up in them."""
        hot, parents = taken[2], layout.parents
        out = []
        for first in hot:
            if self._is_past(layout, taken, first):
                plan, count = layout.inside(first)
                out.append((first, plan, count))
            parent = parents[first]  # a sub-section's share is not its parent's
            if parent >= 0 and self._is_past(layout, taken, parent):
                plan, count = layout.inside(first)
                out.append((parent, -plan, -count))
        return out

    def _layout(self) -> _Layout:
        if self._sums is None:
            self._sums = _Layout(self.outline, *self.units())
        return self._sums

    def units(self) -> Units:
        """The items whose own plan covers a section, and the items no plan covers."""
        if self._units is None:
            units: list[tuple[int, tuple[str, ...]]] = []
            planless: list[str] = []
            self._reach, self._planless_reach = [], []
            index = self.outline.index
            stack: list[tuple[Item, Reach]] = [
                (item, ()) for item in reversed(self.outline.agenda.items)]
            while stack:
                item, above = stack.pop()
                keys = tuple(sub.key for sub in item.walk())
                first = index[item.key]
                reach = ((first, first + len(keys) - 1), *above)
                plan = self.own(item.key)
                if plan is not None:
                    units.append((plan * 60, keys))
                    self._reach.append(reach)
                    continue
                if self._planned_within(item.key) is None:  # no plan in its section
                    planless.append(item.key)
                    self._planless_reach.append(reach)
                stack.extend((child, reach) for child in reversed(item.children))
            self._units = (units, planless)
        return self._units


class _Layout:
    """What ``remaining`` adds up without walking the agenda, made once per ``units``:
    each item's section (its last position, its parent's position), the units' first
    positions with the running sum of their plans, the planless items' positions."""

    def __init__(self, outline: Outline, units: list[tuple[int, tuple[str, ...]]],
                 planless: list[str]) -> None:
        index, order = outline.index, outline.order
        self.ends = list(range(len(order)))
        self.parents = [-1] * len(order)
        for item in reversed(order):  # sub-items come after their item: done first
            if item.children:
                at = index[item.key]
                self.ends[at] = self.ends[index[item.children[-1].key]]
                for child in item.children:
                    self.parents[index[child.key]] = at
        # Units and planless items come in agenda order (units never overlap).
        self.unit_first = [index[keys[0]] for _plan, keys in units]
        self.unit_last = [first + len(keys) - 1
                          for first, (_plan, keys) in zip(self.unit_first, units, strict=True)]
        self.running: list[int] = [0]
        for plan, _keys in units:
            self.running.append(self.running[-1] + plan)
        self.total = self.running[-1]
        self.planless_pos = [index[key] for key in planless]
        self.planless_at = {position: n for n, position in enumerate(self.planless_pos)}

    def unit_at(self, position: int) -> int | None:
        """The unit whose section holds ``position``, if any."""
        n = bisect_right(self.unit_first, position) - 1
        return n if n >= 0 and self.unit_last[n] >= position else None

    def inside(self, first: int) -> tuple[int, int]:
        """The plans of the units and the count of the planless items in the section
        at ``first``."""
        last = self.ends[first]
        a, b = bisect_left(self.unit_first, first), bisect_right(self.unit_first, last)
        c = bisect_left(self.planless_pos, first)
        d = bisect_right(self.planless_pos, last)
        return self.running[b] - self.running[a], d - c
