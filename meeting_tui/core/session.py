"""The state of a meeting in progress and the operations on it.

The session knows the agenda, which item is current (under discussion, its clock
running) and which is selected (where the secretary is writing): two different
things, so writing a decision for an earlier item never moves the meeting.
Every change bumps ``revision`` so the UI knows there is something to save.

The Session is the one object the app and the commands change, and the one they
call: its methods are the meeting's operations, each a few lines, which is why this
module is over 600 lines. What they work on is elsewhere: what it records per item in
``state``, the agenda as amended in ``outline``, the time-keeping against the plan in
``plans``, what happens to decisions in ``decisions``, notes in ``notes``, actions in
``actions`` (their due dates in ``dates``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from . import decisions, notes
from .agenda import Agenda, Item
from .amend import Amended, AmendError, Amendment
from .clock import Now, Sitting, Span, close, group_sittings, open_span, total_seconds, utc_now
from .floor_session import FloorMixin
from .outline import Outline
from .plans import Plans
from .settings import MeetingSettings
from .state import (
    UNMATCHED_NODE,
    Action,
    ActionStatus,
    Decision,
    DecisionStatus,
    ItemState,
    ItemStatus,
    MeetingState,
    Note,
    UnmatchedEntry,
    unmatched_index,
    unmatched_node,
)

__all__ = [
    "UNMATCHED_NODE",
    "Action",
    "ActionStatus",
    "Decision",
    "DecisionStatus",
    "ItemState",
    "ItemStatus",
    "MeetingState",
    "Note",
    "Session",
    "UnmatchedEntry",
    "unmatched_index",
    "unmatched_node",
]


class Session(FloorMixin):
    """A meeting run from an agenda. All times are UTC; ``now`` is injectable."""

    def __init__(
        self,
        agenda: Agenda,
        *,
        title: str | None = None,
        timezone: str = "UTC",
        now: Now = utc_now,
    ) -> None:
        self.title = title or agenda.title
        self.timezone = timezone
        self.now = now
        self.states: dict[str, ItemState] = {}
        # The agenda as parsed (never changed) and as amended during the meeting: the
        # amended one is what everything shows, navigates, reports and exports.
        self._set_outline(Outline(agenda))
        self.meeting_spans: list[Span] = []
        # When each day (sitting) was ended: the end of its last span. See sittings().
        self.day_ends: list[datetime] = []
        self.ended = False
        self.current: str | None = None
        self.selected: str | None = self.order[0].key if self.order else None
        self.next_decision_id = 1
        self.revision = 0
        # Which items each change touched, for the autosave's snapshot (see _changed):
        # the revision of each item's last change, and of the last that touched any.
        self.items_changed: dict[str, int] = {}
        self.all_changed = 0
        self.noted_revision = 0
        # Entries of the session file that match no item of this agenda (it changed since
        # they were written): shown under "Unmatched", written back, never dropped.
        self.unmatched: list[UnmatchedEntry] = []
        # What the List of decisions says about the meeting (body, meeting, lead-in, …).
        self.settings = MeetingSettings()
        self._init_floor()  # the roll, attendance (the floor's part: floor_session)

    @classmethod
    def restore(
        cls,
        outline: Outline,
        *,
        title: str | None = None,
        timezone: str = "UTC",
        now: Now = utc_now,
        meeting_spans: Iterable[Span] = (),
        ended: bool = False,
        day_ends: Iterable[datetime] = (),
        next_decision_id: int = 1,
        settings: MeetingSettings | None = None,
        states: dict[str, ItemState] | None = None,
        unmatched: Iterable[UnmatchedEntry] = (),
        current: str | None = None,
        selected: str | None = None,
    ) -> Session:
        """A session as it was stored, over ``outline`` (the agenda with the stored
        amendments, whose items ``states`` are keyed by). Keys the agenda no longer has
        are dropped; decision ids go on after the highest one in use."""
        session = cls(outline.base, title=title, timezone=timezone, now=now)
        session._set_outline(outline)
        session.meeting_spans = list(meeting_spans)
        session.ended = ended
        session.day_ends = list(day_ends)
        session.settings = settings or MeetingSettings()
        session.states.update((key, state) for key, state in (states or {}).items()
                              if outline.has(key))
        session.unmatched = list(unmatched)
        kept = [*session.states.values(), *(entry.state for entry in session.unmatched)]
        highest = max((i for state in kept for i in state.entry_ids()), default=0)
        session.next_decision_id = max(next_decision_id, highest + 1)
        if current and outline.has(current):
            session.current = current
        if selected and outline.has(selected):
            session.selected = selected
        elif session.selected is not None and not outline.has(session.selected):
            session.selected = outline.order[0].key if outline.order else None
        return session

    # ---------------------------------------------------------------- the agenda
    def _set_outline(self, outline: Outline) -> None:
        self.outline = outline
        self.plans = Plans(outline, self.states)

    @property
    def base_agenda(self) -> Agenda:
        """The agenda as parsed from its file (never changed)."""
        return self.outline.base

    @property
    def agenda(self) -> Agenda:
        """The agenda as amended: what everything shows, navigates and exports."""
        return self.outline.agenda

    @property
    def amendments(self) -> list[Amendment]:
        return self.outline.amendments

    @property
    def amended(self) -> Amended:
        return self.outline.amended

    @property
    def order(self) -> list[Item]:
        """The items of the agenda as amended, in agenda order."""
        return self.outline.order

    # ---------------------------------------------------------------- queries
    def has(self, key: str) -> bool:
        return self.outline.has(key)

    def item(self, key: str) -> Item:
        return self.outline.item(key)

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
        last = self.meeting_spans[-1]
        if last.end is None:
            return MeetingState.RUNNING
        if self.day_ends and last.end <= max(self.day_ends):
            return MeetingState.DAY_ENDED
        return MeetingState.BREAK

    @property
    def running(self) -> bool:
        return self.meeting_state is MeetingState.RUNNING

    def elapsed(self, now: datetime | None = None) -> float:
        """Seconds the meeting has run, breaks excluded."""
        return total_seconds(self.meeting_spans, now or self.now())

    def spent(self, key: str, now: datetime | None = None) -> float:
        state = self.states.get(key)
        return total_seconds(state.spans, now or self.now()) if state else 0.0

    def decision(self, key: str, decision_id: int) -> Decision:
        return decisions.find(self.state(key), decision_id)

    def counts(self, key: str) -> tuple[int, int]:
        """(drafts, finals) for the item."""
        return decisions.counts(self.states.get(key))

    # ---------------------------------------------------------------- the clock
    def _stamp(self) -> datetime:
        """Stored times are whole seconds: readable in the file, exact in the sums.

        Never before the last moment the meeting's clock stored: a wall clock set back
        (since a restart; while the app runs ``SteadyClock`` keeps time) would make a
        span that ends before it starts, or a day that begins before the last ended."""
        now = self.now().replace(microsecond=0)
        if self.meeting_spans:
            last = self.meeting_spans[-1]
            floor = last.end or last.start
            if now < floor:
                return floor
        return now

    def _changed(self, *keys: str | None) -> None:
        """Count a change (``revision``), and note which items' states it touched, so
        the autosave's snapshot makes only their entries again (``files.snapshot``):
        ``keys`` are those items (None among them: no item, as for the meeting's own
        fields); without any, any item's state may have changed and the next snapshot
        makes every entry again. A change to an item's state must name it here, or
        name none. A revision bumped by hand elsewhere counts as a change of any."""
        if self.revision != self.noted_revision:
            self.all_changed = self.revision
        self.revision += 1
        if not keys:
            self.all_changed = self.revision
        for key in keys:
            if key is not None:
                self.items_changed[key] = self.revision
        self.noted_revision = self.revision

    def restored(self) -> None:
        """Undo put states back as they were (``undo``): what is derived from them is
        derived again, and the change is counted."""
        self.plans.forget()
        self._changed()

    def start(self) -> None:
        """Start the meeting, or resume it after a break."""
        if self.running:
            return
        now = self._stamp()
        self.ended = False
        open_span(self.meeting_spans, now)
        if self.current:
            open_span(self.state(self.current).spans, now)
        self._floor_resume(now)
        self._changed()

    def pause(self) -> None:
        """Begin a break: the meeting clock and the current item's clock stop."""
        if not self.running:
            return
        now = self._stamp()
        close(self.meeting_spans, now)
        if self.current:
            close(self.state(self.current).spans, now)
        self._floor_pause(now)
        self._changed()

    def toggle_clock(self) -> MeetingState:
        if self.running:
            self.pause()
        else:
            self.start()
        return self.meeting_state

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

    # ---------------------------------------------------------------- time-keeping
    def own_plan(self, key: str) -> int | None:
        """The plan set in the app, else the agenda line's; no sub-item sums."""
        return self.plans.own(key)

    def planned_minutes(self, key: str) -> int | None:
        """The item's own plan, or else the sum of its sub-items' plans when every one
        of them has a plan."""
        return self.plans.planned(key)

    def partly_planned(self, key: str) -> int | None:
        """The minutes planned inside a parent that has no plan because only some of
        its sub-items have one (None for any other item)."""
        return self.plans.partly(key)

    def set_plan(self, key: str, minutes: int | None) -> None:
        """Plan the item in the app; None leaves it with no plan of its own (a parent
        then counts the sum of its sub-items'). The agenda's own value is not stored."""
        if not self.has(key):
            raise KeyError(key)
        if minutes is not None and minutes < 0:
            raise ValueError(minutes)
        state = self.state(key)
        if minutes == self.item(key).planned_minutes:
            state.plan, state.plan_set = None, False
        else:
            state.plan, state.plan_set = minutes, True
        self.plans.forget()
        self._changed(key)

    def section_spent(self, key: str, now: datetime | None = None) -> float:
        """Seconds on the item and its sub-items: what its plan is measured against."""
        return self.plans.section_spent(key, now or self.now())

    def time_level(self, key: str, now: datetime | None = None) -> str | None:
        """None without a plan; "ok" under 80 % of it, "near" from 80 %, "over" past it."""
        return self.plans.level(key, now or self.now())

    def over(self, key: str, now: datetime | None = None) -> bool:
        return self.time_level(key, now) == "over"

    def total_planned_minutes(self) -> int:
        """The meeting's plan: each top-level item's plan covers its section."""
        return self.plans.total()

    def remaining_plan(self, now: datetime | None = None) -> tuple[float, int]:
        """(planned seconds left on the items not yet done, how many of them have no
        plan): see Plans.remaining."""
        return self.plans.remaining(now or self.now())

    # ---------------------------------------------------------------- items
    def take_up(self, key: str) -> None:
        """Make the item current; the one it replaces is done. Starts the meeting."""
        if key == self.current:
            self.select(key)
            return
        if not self.has(key):
            raise KeyError(key)
        now = self._stamp()
        left = self.current
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
        self._changed(left, key)

    def _last_left(self) -> str | None:
        """With no current item (it was skipped): the item whose clock stopped last."""
        stops = [
            (end, state.spans[-1].start, key)
            for key, state in self.states.items()
            if state.spans and (end := state.spans[-1].end) is not None and self.has(key)
        ]
        return max(stops)[2] if stops else None

    def _neighbour(self, step: int) -> str | None:
        anchor = self.current or self._last_left()
        order = self.order
        if anchor is None:
            candidates = order if step > 0 else []
        else:
            i = self.outline.index[anchor]
            candidates = order[i + 1 :] if step > 0 else order[:i][::-1]
        for item in candidates:
            if not item.bullet and self.state_status(item.key) is not ItemStatus.SKIPPED:
                return item.key
        return None

    def next_key(self) -> str | None:
        """The item ``take_up_next`` would take up (None at the end of the agenda)."""
        return self._neighbour(+1)

    def take_up_next(self) -> str | None:
        """Take up the next item in agenda order, passing over skipped ones and bullets
        (points of an item, "Presentation by …": enter takes one up)."""
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
        self._changed(key)
        return state.status

    def select(self, key: str) -> None:
        if key != self.selected:
            self.selected = key
            self._changed(None)  # the meeting's own fields only

    # ---------------------------------------------------------------- decisions
    def add_decision(self, key: str, text: str = "") -> Decision:
        now = self._stamp()
        decision = Decision(self.next_decision_id, text, DecisionStatus.DRAFT, now, now)
        self.next_decision_id += 1
        self.state(key).decisions.append(decision)
        self._changed(key)
        return decision

    def set_text(self, key: str, decision_id: int, text: str) -> None:
        decision = self.decision(key, decision_id)
        if decision.text != text:
            decision.text = text
            decision.modified = self._stamp()
            self._changed(key)

    def set_translation(self, key: str, decision_id: int, language: str, text: str) -> None:
        """The decision's text in another language of the List (empty: none)."""
        from .translations import set_translation

        if set_translation(self.decision(key, decision_id), language, text, self._stamp()):
            self._changed()

    def toggle_final(self, key: str, decision_id: int) -> DecisionStatus:
        """Draft to final, final back to draft; an adopted decision goes back to final
        (its adoption withdrawn: the app asks first)."""
        status = decisions.toggle_final(self.decision(key, decision_id), self._stamp())
        self._changed(key)
        return status

    def adopt(self, on: date) -> int:
        """The body adopted the list on ``on``: every final (or already adopted)
        decision is adopted on that day; drafts stay drafts. Returns how many."""
        count = decisions.adopt(self.states.values(), on, self._stamp)
        self.settings.adopted_on = on
        self._changed()
        return count

    def withdraw_adoption(self) -> int:
        """Undo ``adopt``: adopted decisions are final again. Returns how many."""
        count = decisions.withdraw_adoption(self.states.values(), self._stamp)
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
            self._changed(None)  # the meeting's own fields only

    def delete_decision(self, key: str, decision_id: int) -> Decision:
        state = self.state(key)
        decision = self.decision(key, decision_id)
        state.decisions.remove(decision)
        self._changed(key)
        return decision

    def move_decision(self, from_key: str, decision_id: int, to_key: str,
                      position: int | None = None) -> Decision:
        """Move a decision (written under the wrong item) to ``to_key``, at ``position``
        among its decisions (None: after the last). Its id, text and status stay."""
        if not self.has(to_key):
            raise KeyError(to_key)
        decision = decisions.move(self.state(from_key), self.state(to_key), decision_id,
                                  position)
        decision.modified = self._stamp()
        self._changed(from_key, to_key)
        return decision

    def reorder_decision(self, key: str, decision_id: int, step: int) -> bool:
        """Up (-1) or down (+1) among the item's decisions (their order is the List's);
        False when it is already the first or the last."""
        if not decisions.reorder(self.state(key), decision_id, step):
            return False
        self.decision(key, decision_id).modified = self._stamp()
        self._changed(key)
        return True

    def _next_id(self) -> int:
        """Decisions, notes and actions are numbered by one counter: an id names one
        entry of the session, which is what undo and the command line refer to."""
        entry_id = self.next_decision_id
        self.next_decision_id += 1
        return entry_id

    # ---------------------------------------------------------------- notes
    def add_note(self, key: str, text: str, speaker: str = "") -> Note:
        if not self.has(key):
            raise KeyError(key)
        note = Note(self._next_id(), text, self._stamp(), speaker)
        self.state(key).notes.append(note)
        self._changed(key)
        return note

    def note(self, key: str, note_id: int) -> Note:
        return notes.find(self.state(key), note_id)

    def set_note_text(self, key: str, note_id: int, text: str) -> None:
        note = self.note(key, note_id)
        if note.text != text:
            note.text = text
            self._changed(key)

    # ---------------------------------------------------------------- actions
    def add_action(self, key: str, text: str, owner: str, due: str,
                   due_date: date | None = None, decision: int | None = None) -> Action:
        """A follow-up action on the item; ``due`` as written, ``due_date`` read from it
        (``dates.parse_due``); ``decision`` the id of the decision it came with."""
        if not self.has(key):
            raise KeyError(key)
        action = Action(self._next_id(), text, owner, due, due_date, ActionStatus.OPEN,
                        self._stamp(), decision)
        self.state(key).actions.append(action)
        self._changed(key)
        return action

    def action(self, key: str, action_id: int) -> Action:
        from . import actions  # the follow-up's module: no action is touched at start-up

        return actions.find(self.state(key), action_id)

    def set_action_text(self, key: str, action_id: int, text: str) -> None:
        action = self.action(key, action_id)
        if action.text != text:
            action.text = text
            self._changed(key)

    def toggle_action_done(self, key: str, action_id: int) -> ActionStatus:
        from . import actions

        status = actions.toggle_done(self.action(key, action_id))
        self._changed(key)
        return status

    # ---------------------------------------------------------------- any entry
    def take_entry(self, key: str, entry_id: int) -> tuple[str, object, int]:
        """Remove a decision, note or action by its id: (its kind, it, where it was),
        which ``put_entry`` puts back (undo)."""
        state = self.state(key)
        kinds: tuple[tuple[str, list[Any]], ...] = (
            ("decision", state.decisions), ("note", state.notes), ("action", state.actions))
        for kind, entries in kinds:
            for index, entry in enumerate(entries):
                if entry.id == entry_id:
                    del entries[index]
                    self._changed(key)
                    return kind, entry, index
        raise KeyError(entry_id)

    def put_entry(self, key: str, kind: str, entry: object, index: int) -> None:
        """Put back what ``take_entry`` (or ``delete_decision``) took out."""
        state = self.state(key)
        entries: dict[str, list[Any]] = {"decision": state.decisions, "note": state.notes,
                                         "action": state.actions}
        entries[kind].insert(min(index, len(entries[kind])), entry)
        self._changed(key)

    # ---------------------------------------------------------------- amendments
    def set_amendments(self, amendments: list[Amendment]) -> Amended:
        """Take these amendments as the session's (the agenda as amended is derived
        again; the current and selected items stay where the agenda still has them)."""
        self._set_outline(self.outline.amend(amendments))
        if self.current is not None and not self.has(self.current):
            self.current = None
        if self.selected is not None and not self.has(self.selected):
            self.selected = self.order[0].key if self.order else None
        return self.amended

    def _amend(self, amendment: Amendment) -> None:
        self.set_amendments([*self.amendments, amendment])
        self._changed()

    def parent(self, key: str) -> str | None:
        """The key of the item's parent in the agenda as amended (None at the top)."""
        return self.outline.parent(key)

    def marks(self, key: str) -> frozenset[str]:
        """How the item was amended: ADDED, RENAMED, MOVED (empty: as in the agenda)."""
        return self.outline.marks(key)

    def can_move(self, key: str, step: int) -> bool:
        return self.outline.can_move(key, step)

    def add_item(self, anchor: str, place: str, number: str | None, title: str) -> str:
        """Add an item after or under (as its last sub-item) ``anchor``; its new key."""
        amendment = self.outline.adding(anchor, place, number, title, self._stamp())
        self._amend(amendment)
        return amendment.key

    def rename_item(self, key: str, number: str | None, title: str) -> bool:
        """Give the item another number and title; False when they are the same."""
        amendment = self.outline.renaming(key, number, title, self._stamp())
        if amendment is None:
            return False
        self._amend(amendment)
        return True

    def move_item(self, key: str, step: int) -> bool:
        """Move the item up (-1) or down (+1) among its siblings, sub-items with it;
        False at the end of its row."""
        amendment = self.outline.moving(key, step, self._stamp())
        if amendment is None:
            return False
        self._amend(amendment)
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
            if state is not None and (state.notes or state.actions):
                what = "It has" if sub is item else f"Its sub-item {sub.label} has"
                return f"{what} notes or actions: they would be lost"
            if state is not None and state.speeches:
                what = "It has" if sub is item else f"Its sub-item {sub.label} has"
                return f"{what} a list of speakers: it would be lost"
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
            order, index = self.order, self.outline.index
            after = index[removed[-1]] + 1
            before = index[key] - 1
            selected = (order[after].key if after < len(order)
                        else order[before].key if before >= 0 else None)
        self._amend(self.outline.removing(key, self._stamp()))
        for gone in removed:
            self.states.pop(gone, None)
        self.selected = selected
        return removed
