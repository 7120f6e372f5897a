"""Time-keeping against the plan: each item's plan, what its section has spent, and
what is left of the meeting's plan.

A plan set in the app replaces the agenda line's; a parent without a plan of its own
counts the sum of its sub-items'. What is derived from the plans is kept until a plan
or the agenda changes (the session then makes a new ``Plans`` or calls ``forget``):
``remaining`` runs every second.
"""

from __future__ import annotations

from datetime import datetime

from .clock import total_seconds
from .outline import Outline
from .state import ItemState, ItemStatus

# The items whose own plan covers a section (plan in seconds, the section's keys), and
# the items no plan covers.
Units = tuple[list[tuple[int, tuple[str, ...]]], list[str]]


class Plans:
    def __init__(self, outline: Outline, states: dict[str, ItemState]) -> None:
        self.outline = outline
        self.states = states  # the session's, shared
        self._plans: dict[str, int | None] = {}
        self._units: Units | None = None

    def forget(self) -> None:
        """A plan changed."""
        self._plans.clear()
        self._units = None

    def own(self, key: str) -> int | None:
        """The plan set in the app, else the agenda line's; no sub-item sums."""
        state = self.states.get(key)
        if state is not None and state.plan_set:
            return state.plan
        return self.outline.item(key).planned_minutes

    def planned(self, key: str) -> int | None:
        """The item's own plan, or else the sum of its sub-items' plans."""
        if key not in self._plans:
            item = self.outline.item(key)
            plan = self.own(key)
            if plan is None and item.children:
                plans = [self.planned(child.key) for child in item.children]
                known = [p for p in plans if p is not None]
                plan = sum(known) if known else None
            self._plans[key] = plan
        return self._plans[key]

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
        """The meeting's plan: each top-level item's plan covers its section."""
        return sum(self.planned(item.key) or 0 for item in self.outline.agenda.items)

    def remaining(self, now: datetime) -> tuple[float, int]:
        """(planned seconds left on the items not yet done, how many of them have no plan).

        An item with a plan of its own covers its section: it counts while anything in
        it is pending or current, for its plan less the time already spent on the
        section (never below zero). Sub-items of a planless parent count one by one."""
        units, planless = self.units()
        open_ = (ItemStatus.PENDING, ItemStatus.CURRENT)
        states = self.states
        seconds = 0.0
        for plan, keys in units:  # called every second: plain loops, no generators
            if len(keys) == 1:
                state = states.get(keys[0])
                if state is None:
                    seconds += plan
                elif state.status in open_:
                    seconds += max(0.0, plan - total_seconds(state.spans, now))
                continue
            found = [states.get(k) for k in keys]
            if any(st is None or st.status in open_ for st in found):
                spent = sum(total_seconds(st.spans, now) for st in found if st is not None)
                seconds += max(0.0, plan - spent)
        unplanned = 0
        for key in planless:
            state = states.get(key)
            if state is None or state.status in open_:
                unplanned += 1
        return seconds, unplanned

    def units(self) -> Units:
        """The items whose own plan covers a section, and the items no plan covers."""
        if self._units is None:
            units: list[tuple[int, tuple[str, ...]]] = []
            planless: list[str] = []
            stack = list(reversed(self.outline.agenda.items))
            while stack:
                item = stack.pop()
                plan = self.own(item.key)
                if plan is not None:
                    units.append((plan * 60, tuple(sub.key for sub in item.walk())))
                    continue
                if self.planned(item.key) is None:
                    planless.append(item.key)
                stack.extend(reversed(item.children))
            self._units = (units, planless)
        return self._units
