"""The state of a meeting in progress and the operations on it.

The session knows the agenda, which item is current (under discussion, its clock
running) and which is selected (where the secretary is writing): two different
things, so writing a decision for an earlier item never moves the meeting.
Every change bumps ``revision`` so the UI knows there is something to save.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

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
from .clock import Now, Sitting, Span, close, group_sittings, open_span, total_seconds, utc_now
from .settings import MeetingSettings


class ItemStatus(StrEnum):
    PENDING = "pending"
    CURRENT = "current"
    DONE = "done"
    SKIPPED = "skipped"


class DecisionStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    ADOPTED = "adopted"  # final, and adopted by the body (on Decision.adopted)


class MeetingState(StrEnum):
    NOT_STARTED = "not started"
    RUNNING = "running"
    BREAK = "on a break"
    DAY_ENDED = "day ended"
    ENDED = "ended"


@dataclass
class Decision:
    id: int
    text: str
    status: DecisionStatus
    created: datetime
    modified: datetime
    adopted: date | None = None  # the day the body adopted it (status ADOPTED)

    @property
    def final(self) -> bool:
        """Final or adopted: in the List of decisions."""
        return self.status is not DecisionStatus.DRAFT


@dataclass
class ItemState:
    status: ItemStatus = ItemStatus.PENDING
    spans: list[Span] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    # A plan set in the app replaces the agenda's; plan None with plan_set means "no plan".
    plan: int | None = None
    plan_set: bool = False

    @property
    def is_blank(self) -> bool:
        """Nothing worth writing to the session file."""
        return (self.status is ItemStatus.PENDING and not self.spans and not self.decisions
                and not self.plan_set)


@dataclass
class UnmatchedEntry:
    """An item entry of the session file that matches no item of this agenda.

    ``raw`` is the entry as read, written back unchanged; ``state`` is it parsed, for
    showing its decisions."""

    key: str  # the item's key in the agenda the entry was written for
    number: str | None
    title: str
    state: ItemState
    raw: dict

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


# Keys of the tree nodes that show unmatched entries: no agenda item key starts with NUL.
UNMATCHED_NODE = "\0unmatched"


def unmatched_node(index: int) -> str:
    return f"{UNMATCHED_NODE}/{index}"


def unmatched_index(key: str | None) -> int | None:
    """-1 for the "Unmatched" node, the entry's index for one under it, else None."""
    if not key or not key.startswith(UNMATCHED_NODE):
        return None
    rest = key[len(UNMATCHED_NODE):]
    return int(rest[1:]) if rest.startswith("/") else -1


class Session:
    """A meeting run from an agenda. All times are UTC; ``now`` is injectable."""

    def __init__(
        self,
        agenda: Agenda,
        *,
        title: str | None = None,
        timezone: str = "UTC",
        now: Now = utc_now,
    ) -> None:
        # The agenda as parsed (never changed) and as amended during the meeting: the
        # amended one is what everything shows, navigates, reports and exports.
        self.base_agenda = agenda
        self.agenda = agenda
        self.amendments: list[Amendment] = []
        self.amended = Amended(agenda)
        self._finder: Finder | None = None
        self.title = title or agenda.title
        self.timezone = timezone
        self.now = now
        self.order: list[Item] = list(agenda.walk())
        self._index = {item.key: i for i, item in enumerate(self.order)}
        self._parents: dict[str, str | None] | None = None
        self._plans: dict[str, int | None] = {}
        self._plan_units: tuple[list[tuple[int, tuple[str, ...]]], list[str]] | None = None
        self.states: dict[str, ItemState] = {}
        self.meeting_spans: list[Span] = []
        # When each day (sitting) was ended: the end of its last span. See sittings().
        self.day_ends: list[datetime] = []
        self.ended = False
        self.current: str | None = None
        self.selected: str | None = self.order[0].key if self.order else None
        self.next_decision_id = 1
        self.revision = 0
        # Entries of the session file that match no item of this agenda (it changed since
        # they were written): shown under "Unmatched", written back, never dropped.
        self.unmatched: list[UnmatchedEntry] = []
        # What the List of decisions says about the meeting (body, meeting, lead-in, …).
        self.settings = MeetingSettings()

    # ---------------------------------------------------------------- queries
    def has(self, key: str) -> bool:
        return key in self._index

    def item(self, key: str) -> Item:
        return self.order[self._index[key]]

    def state(self, key: str) -> ItemState:
        state = self.states.get(key)
        if state is None:
            state = self.states[key] = ItemState()
        return state

    def peek(self, key: str) -> ItemState | None:
        """The state if the item has one, without creating it (for rendering)."""
        return self.states.get(key)

    @property
    def meeting_state(self) -> MeetingState:
        if self.ended:
            return MeetingState.ENDED
        if not self.meeting_spans:
            return MeetingState.NOT_STARTED
        if self.meeting_spans[-1].running:
            return MeetingState.RUNNING
        if self.day_ends and self.meeting_spans[-1].end <= max(self.day_ends):  # type: ignore[operator]
            return MeetingState.DAY_ENDED
        return MeetingState.BREAK

    @property
    def running(self) -> bool:
        return self.meeting_state is MeetingState.RUNNING

    def planned_minutes(self, key: str) -> int | None:
        """The item's own plan, or else the sum of its sub-items' plans."""
        if key not in self._plans:
            item = self.item(key)
            plan = self.own_plan(key)
            if plan is None and item.children:
                plans = [self.planned_minutes(child.key) for child in item.children]
                known = [p for p in plans if p is not None]
                plan = sum(known) if known else None
            self._plans[key] = plan
        return self._plans[key]

    def elapsed(self, now: datetime | None = None) -> float:
        """Seconds the meeting has run, breaks excluded."""
        return total_seconds(self.meeting_spans, now or self.now())

    def spent(self, key: str, now: datetime | None = None) -> float:
        state = self.states.get(key)
        return total_seconds(state.spans, now or self.now()) if state else 0.0

    def decision(self, key: str, decision_id: int) -> Decision:
        for decision in self.state(key).decisions:
            if decision.id == decision_id:
                return decision
        raise KeyError(decision_id)

    def counts(self, key: str) -> tuple[int, int]:
        """(drafts, finals) for the item."""
        state = self.states.get(key)
        if not state:
            return 0, 0
        finals = sum(1 for d in state.decisions if d.final)
        return len(state.decisions) - finals, finals

    # ---------------------------------------------------------------- the clock
    def _stamp(self) -> datetime:
        """Stored times are whole seconds: readable in the file, exact in the sums."""
        return self.now().replace(microsecond=0)

    def _changed(self) -> None:
        self.revision += 1

    def start(self) -> None:
        """Start the meeting, or resume it after a break."""
        if self.running:
            return
        now = self._stamp()
        self.ended = False
        open_span(self.meeting_spans, now)
        if self.current:
            open_span(self.state(self.current).spans, now)
        self._changed()

    def pause(self) -> None:
        """Begin a break: the meeting clock and the current item's clock stop."""
        if not self.running:
            return
        now = self._stamp()
        close(self.meeting_spans, now)
        if self.current:
            close(self.state(self.current).spans, now)
        self._changed()

    def toggle_clock(self) -> MeetingState:
        if self.running:
            self.pause()
        else:
            self.start()
        return self.meeting_state

    # ---------------------------------------------------------------- time-keeping
    def own_plan(self, key: str) -> int | None:
        """The plan set in the app, else the agenda line's; no sub-item sums."""
        state = self.states.get(key)
        if state is not None and state.plan_set:
            return state.plan
        return self.item(key).planned_minutes

    def set_plan(self, key: str, minutes: int | None) -> None:
        """Plan the item in the app; None leaves it with no plan of its own (a parent
        then counts the sum of its sub-items'). The agenda's own value is not stored."""
        if key not in self._index:
            raise KeyError(key)
        if minutes is not None and minutes < 0:
            raise ValueError(minutes)
        state = self.state(key)
        if minutes == self.item(key).planned_minutes:
            state.plan, state.plan_set = None, False
        else:
            state.plan, state.plan_set = minutes, True
        self._plans.clear()
        self._plan_units = None
        self._changed()

    def section_spent(self, key: str, now: datetime | None = None) -> float:
        """Seconds on the item and its sub-items: what its plan is measured against
        (a parent's plan is for its whole section; by default the sum of its parts)."""
        now = now or self.now()
        return sum(self.spent(item.key, now) for item in self.item(key).walk())

    def time_level(self, key: str, now: datetime | None = None) -> str | None:
        """None without a plan; "ok" under 80 % of it, "near" from 80 %, "over" past it."""
        plan = self.planned_minutes(key)
        if plan is None:
            return None
        spent = self.section_spent(key, now)
        if spent > plan * 60:
            return "over"
        return "near" if spent >= 0.8 * plan * 60 else "ok"

    def over(self, key: str, now: datetime | None = None) -> bool:
        return self.time_level(key, now) == "over"

    def total_planned_minutes(self) -> int:
        """The meeting's plan: each top-level item's plan covers its section."""
        return sum(self.planned_minutes(item.key) or 0 for item in self.agenda.items)

    def remaining_plan(self, now: datetime | None = None) -> tuple[float, int]:
        """(planned seconds left on the items not yet done, how many of them have no plan).

        An item with a plan of its own covers its section: it counts while anything in
        it is pending or current, for its plan less the time already spent on the
        section (never below zero). Sub-items of a planless parent count one by one."""
        now = now or self.now()
        units, planless = self._units()
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

    def _units(self) -> tuple[list[tuple[int, tuple[str, ...]]], list[str]]:
        """The items whose own plan covers a section (plan in seconds, the section's
        keys), and the items no plan covers; kept until a plan changes."""
        if self._plan_units is None:
            units: list[tuple[int, tuple[str, ...]]] = []
            planless: list[str] = []
            stack = list(reversed(self.agenda.items))
            while stack:
                item = stack.pop()
                plan = self.own_plan(item.key)
                if plan is not None:
                    units.append((plan * 60, tuple(sub.key for sub in item.walk())))
                    continue
                if self.planned_minutes(item.key) is None:
                    planless.append(item.key)
                stack.extend(reversed(item.children))
            self._plan_units = (units, planless)
        return self._plan_units

    def sittings(self) -> list[Sitting]:
        """The meeting's days, from its spans and the moments days were ended."""
        return group_sittings(self.meeting_spans, self.day_ends)

    def break_start(self) -> datetime | None:
        """When the break under way began (None unless on a break)."""
        if self.meeting_state is not MeetingState.BREAK:
            return None
        return self.meeting_spans[-1].end

    def end_day(self) -> Sitting | None:
        """Close today's sitting: the clocks stop, and the next start opens a new day.
        Ended on a break, the day ends where the break began. None if no day is open."""
        if self.meeting_state not in (MeetingState.RUNNING, MeetingState.BREAK):
            return None
        self.pause()
        end = self.meeting_spans[-1].end
        assert end is not None
        self.day_ends.append(end)
        self._changed()
        return self.sittings()[-1]

    # ---------------------------------------------------------------- items
    def take_up(self, key: str) -> None:
        """Make the item current; the one it replaces is done. Starts the meeting."""
        if key == self.current:
            self.select(key)
            return
        if key not in self._index:
            raise KeyError(key)
        now = self._stamp()
        if self.current:
            previous = self.state(self.current)
            close(previous.spans, now)
            previous.status = ItemStatus.DONE
        self.current = key
        self.selected = key
        state = self.state(key)
        state.status = ItemStatus.CURRENT
        if self.meeting_state is MeetingState.NOT_STARTED:
            self.start()
        elif self.running:
            open_span(state.spans, now)
        self._changed()

    def _last_left(self) -> str | None:
        """With no current item (it was skipped): the item whose clock stopped last."""
        stops = [
            (state.spans[-1].end, state.spans[-1].start, key)
            for key, state in self.states.items()
            if state.spans and state.spans[-1].end is not None and key in self._index
        ]
        return max(stops)[2] if stops else None

    def _neighbour(self, step: int) -> str | None:
        anchor = self.current or self._last_left()
        if anchor is None:
            candidates = self.order if step > 0 else []
        else:
            i = self._index[anchor]
            candidates = self.order[i + 1 :] if step > 0 else self.order[:i][::-1]
        for item in candidates:
            if self.state_status(item.key) is not ItemStatus.SKIPPED:
                return item.key
        return None

    def take_up_next(self) -> str | None:
        """Take up the next item in agenda order, passing over skipped ones."""
        key = self._neighbour(+1)
        if key:
            self.take_up(key)
        return key

    def take_up_previous(self) -> str | None:
        key = self._neighbour(-1)
        if key:
            self.take_up(key)
        return key

    def state_status(self, key: str) -> ItemStatus:
        state = self.states.get(key)
        return state.status if state else ItemStatus.PENDING

    def toggle_skip(self, key: str) -> ItemStatus:
        """Skipped / pending again. The current item is left first."""
        state = self.state(key)
        if state.status is ItemStatus.SKIPPED:
            state.status = ItemStatus.DONE if state.spans else ItemStatus.PENDING
        else:
            if key == self.current:
                close(state.spans, self._stamp())
                self.current = None
            state.status = ItemStatus.SKIPPED
        self._changed()
        return state.status

    def select(self, key: str) -> None:
        if key != self.selected:
            self.selected = key
            self._changed()

    # ---------------------------------------------------------------- decisions
    def add_decision(self, key: str, text: str = "") -> Decision:
        now = self._stamp()
        decision = Decision(self.next_decision_id, text, DecisionStatus.DRAFT, now, now)
        self.next_decision_id += 1
        self.state(key).decisions.append(decision)
        self._changed()
        return decision

    def set_text(self, key: str, decision_id: int, text: str) -> None:
        decision = self.decision(key, decision_id)
        if decision.text != text:
            decision.text = text
            decision.modified = self._stamp()
            self._changed()

    def toggle_final(self, key: str, decision_id: int) -> DecisionStatus:
        """Draft to final, final back to draft; an adopted decision goes back to final
        (its adoption withdrawn: the app asks first)."""
        decision = self.decision(key, decision_id)
        if decision.status is DecisionStatus.ADOPTED:
            decision.status = DecisionStatus.FINAL
            decision.adopted = None
        elif decision.status is DecisionStatus.FINAL:
            decision.status = DecisionStatus.DRAFT
        else:
            decision.status = DecisionStatus.FINAL
        decision.modified = self._stamp()
        self._changed()
        return decision.status

    def adopt(self, on: date) -> int:
        """The body adopted the list on ``on``: every final (or already adopted)
        decision is adopted on that day; drafts stay drafts. Returns how many."""
        count = 0
        for state in self.states.values():
            for decision in state.decisions:
                if decision.final:
                    if decision.status is not DecisionStatus.ADOPTED or decision.adopted != on:
                        decision.modified = self._stamp()
                    decision.status = DecisionStatus.ADOPTED
                    decision.adopted = on
                    count += 1
        self.settings.adopted_on = on
        self._changed()
        return count

    def withdraw_adoption(self) -> int:
        """Undo ``adopt``: adopted decisions are final again. Returns how many."""
        count = 0
        for state in self.states.values():
            for decision in state.decisions:
                if decision.status is DecisionStatus.ADOPTED:
                    decision.status = DecisionStatus.FINAL
                    decision.adopted = None
                    decision.modified = self._stamp()
                    count += 1
        self.settings.adopted_on = None
        self._changed()
        return count

    def set_setting(self, name: str, value: str | list[str] | None) -> None:
        """One meeting setting (see MeetingSettings); None goes back to the default."""
        if name == "phrases":
            value = [p for p in (value or []) if p.strip()]
        elif name not in MeetingSettings.TEXT_FIELDS:
            raise KeyError(name)
        if getattr(self.settings, name) != value:
            setattr(self.settings, name, value)
            self._changed()

    def delete_decision(self, key: str, decision_id: int) -> Decision:
        state = self.state(key)
        decision = self.decision(key, decision_id)
        state.decisions.remove(decision)
        self._changed()
        return decision

    # ---------------------------------------------------------------- amendments
    @property
    def finder(self) -> Finder:
        if self._finder is None:
            self._finder = Finder(self.base_agenda)
        return self._finder

    def set_amendments(self, amendments: list[Amendment]) -> Amended:
        """Take the amendments as read from the session file (before the item states,
        which are matched to the agenda as amended)."""
        self.amendments = list(amendments)
        return self._reamend()

    def _reamend(self) -> Amended:
        """Derive the agenda as amended, and everything indexed on its items."""
        self.amended = apply(self.base_agenda, self.amendments, self.finder)
        self.agenda = self.amended.agenda
        self.order = list(self.agenda.walk())
        self._index = {item.key: i for i, item in enumerate(self.order)}
        self._parents = None
        self._plans.clear()
        self._plan_units = None
        if self.current is not None and self.current not in self._index:
            self.current = None
        if self.selected is not None and self.selected not in self._index:
            self.selected = self.order[0].key if self.order else None
        return self.amended

    def _amend(self, amendment: Amendment) -> None:
        self.amendments.append(amendment)
        self._reamend()
        self._changed()

    def parent(self, key: str) -> str | None:
        """The key of the item's parent in the agenda as amended (None at the top)."""
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

    def add_item(self, anchor: str, place: str, number: str | None, title: str) -> str:
        """Add an item after or under (as its last sub-item) ``anchor``; its new key."""
        if anchor not in self._index:
            raise KeyError(anchor)
        if place not in (AFTER, UNDER):
            raise ValueError(place)
        title = " ".join(title.split())
        if not title:
            raise AmendError("an item needs a title")
        key = next_added_key(self.amendments)
        self._amend(Amendment(ADD, self.finder.ref(anchor), self._stamp(), key=key,
                              place=place, number=_number(number), title=title))
        return key

    def rename_item(self, key: str, number: str | None, title: str) -> bool:
        """Give the item another number and title; False when they are the same."""
        item = self.item(key)
        title = " ".join(title.split())
        if not title:
            raise AmendError("an item needs a title")
        number = _number(number)
        if (number, title) == (item.number, item.title):
            return False
        self._amend(Amendment(RENAME, self.finder.ref(key), self._stamp(), number=number,
                              title=title))
        return True

    def can_move(self, key: str, step: int) -> bool:
        row = [item.key for item in self.siblings(key)]
        return 0 <= row.index(key) + step < len(row)

    def move_item(self, key: str, step: int) -> bool:
        """Move the item up (-1) or down (+1) among its siblings, sub-items with it;
        False at the end of its row."""
        if step not in (-1, 1):
            raise ValueError(step)
        if not self.can_move(key, step):
            return False
        self._amend(Amendment(MOVE, self.finder.ref(key), self._stamp(), step=step))
        return True

    def removal_problem(self, key: str) -> str | None:
        """Why the item cannot be removed (decisions, the meeting is on it), or None."""
        item = self.item(key)
        if len(self.agenda.items) == 1 and self.agenda.items[0] is item:
            return "It is the only item of the agenda"
        for sub in item.walk():
            state = self.states.get(sub.key)
            if state is not None and state.decisions:
                what = "It has" if sub is item else f"Its sub-item {sub.label} has"
                return f"{what} decisions: delete or move them first"
            if sub.key == self.current:
                what = "It is" if sub is item else f"Its sub-item {sub.label} is"
                return f"{what} under discussion: take up another item first"
        return None

    def remove_item(self, key: str) -> list[str]:
        """Remove the item and its sub-items (none with decisions, none current); their
        statuses, clocks and plans go with them. Returns the keys removed."""
        problem = self.removal_problem(key)
        if problem:
            raise AmendError(problem)
        removed = [sub.key for sub in self.item(key).walk()]
        selected = self.selected
        if selected in removed:
            after = self._index[removed[-1]] + 1
            before = self._index[key] - 1
            selected = (self.order[after].key if after < len(self.order)
                        else self.order[before].key if before >= 0 else None)
        self._amend(Amendment(REMOVE, self.finder.ref(key), self._stamp()))
        for gone in removed:
            self.states.pop(gone, None)
        self.selected = selected
        return removed


def _number(number: str | None) -> str | None:
    """An item number as typed: spaces and a closing dot are decoration."""
    number = "".join((number or "").split()).rstrip(".")
    return number or None
