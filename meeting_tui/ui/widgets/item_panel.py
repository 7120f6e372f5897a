"""The selected item in full: its title, notes, clock and decisions."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ...core.amend import describe
from ...core.clock import format_duration
from ...core.printable import printable
from ...core.session import Decision, Session, UnmatchedEntry
from .. import display
from ..display import style_of


class DecisionList(OptionList):
    """The decisions of the selected item; the highlighted one is 'the selected decision'."""

    COMPONENT_CLASSES = display.COMPONENT_CLASSES

    def show(self, decisions: list[Decision], keep: int | None = None) -> None:
        previous = keep if keep is not None else self.selected_id
        self.clear_options()
        colour = style_of(self)
        for n, decision in enumerate(decisions, start=1):
            prompt = Text()
            prompt.append(f"{n}. ", "bold")
            status = decision.status.value
            if decision.adopted:  # "adopted 2020-09-25": the date the body adopted it
                status = f"{status} {decision.adopted.isoformat()}"
            prompt.append(f"[{status}] ", colour(display.STATUS_CLASS[decision.status.value]))
            prompt.append(printable(decision.text) or "(empty)",
                          "" if decision.text else "dim italic")
            self.add_option(Option(prompt, id=str(decision.id)))
        if decisions:
            ids = [d.id for d in decisions]
            index = ids.index(previous) if previous in ids else len(ids) - 1
            self.highlighted = index

    @property
    def selected_id(self) -> int | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id else None


class ItemPanel(Vertical):
    COMPONENT_CLASSES = display.COMPONENT_CLASSES

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        # (entry or None for the "Unmatched" node, how many): shown instead of an item
        # while the tree's cursor is under "Unmatched".
        self.unmatched_view: tuple[UnmatchedEntry | None, int] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="item-heading")
        yield Static(id="item-clock")
        yield DecisionList(id="decisions")

    def show_unmatched(self, entry: UnmatchedEntry | None, count: int) -> None:
        """An entry of the session file that matches no item of the agenda, read-only."""
        self.unmatched_view = (entry, count)
        heading = self.query_one("#item-heading", Static)
        clock = self.query_one("#item-clock", Static)
        decisions = self.query_one(DecisionList)
        self.border_title = "Unmatched"
        text = Text()
        if entry is None:
            text.append(f"Unmatched: {count} " + ("entry" if count == 1 else "entries"), "bold")
            text.append("\nThe agenda changed since these were written and they match no item "
                        "of it (not by number and title, nor by title alone). They are kept "
                        "here and in the session file, never dropped.", "dim")
            heading.update(text)
            clock.update("")
            decisions.show([])
            return
        if entry.number:
            text.append(f"{printable(entry.number)}  ", "bold")
        text.append(printable(entry.title), "bold")
        text.append("\nNot in the agenda any more (it changed). Kept as it was, read-only.",
                    "dim")
        heading.update(text)
        finals = sum(1 for d in entry.state.decisions if d.final)
        drafts = len(entry.state.decisions) - finals
        parts = [f"status {entry.state.status.value}", f"was key {printable(entry.key)}"]
        parts.append(f"{drafts} draft, {finals} final")
        clock.update(Text(" · ".join(parts), style="italic"))
        decisions.show(entry.state.decisions)

    def show(self, key: str | None, keep_decision: int | None = None) -> None:
        if self.unmatched_view is not None:
            self.show_unmatched(*self.unmatched_view)
            return
        heading = self.query_one("#item-heading", Static)
        decisions = self.query_one(DecisionList)
        if key is None:
            heading.update("")
            decisions.show([])
            return
        item = self.session.item(key)
        text = Text()
        if item.number:
            text.append(f"{printable(item.number)}  ", "bold")
        text.append(printable(item.title), "bold")
        for note in item.notes:
            text.append(f"\n{printable(note)}", "dim")
        amended = describe(self.session.amended, key)
        if amended:
            text.append(printable(f"\n{amended[0].upper()}{amended[1:]}"),
                        style_of(self)(display.PANEL_AMENDED))
        heading.update(text)
        state = self.session.peek(key)
        decisions.show(state.decisions if state else [], keep_decision)
        self.update_clock()
        self.border_title = "Current item" if key == self.session.current else "Selected item"

    def update_clock(self) -> None:
        key = self.session.selected
        if key is None or self.unmatched_view is not None:
            return
        session = self.session
        plan = session.planned_minutes(key)
        parts: list[Text | str] = [f"status {session.state_status(key).value}"]
        parts.append(self._plan_text(key, plan))
        state = session.peek(key)
        if state and state.spans:
            parts.append(f"spent {format_duration(session.spent(key))}")
        if plan is not None and session.section_spent(key):
            parts.append(self._against_plan(key, plan))
        drafts, finals = session.counts(key)
        parts.append(f"{drafts} draft, {finals} final")
        self.query_one("#item-clock", Static).update(
            Text(" · ", style="italic").join(
                Text(part, style="italic") if isinstance(part, str) else part for part in parts
            )
        )

    def _plan_text(self, key: str, plan: int | None) -> str:
        if plan is None:
            partly = self.session.partly_planned(key)
            if partly is not None:  # a sum of some sub-items' plans is not its plan
                return f"partly planned ({partly} min in some sub-items; t sets its plan)"
            return "no plan (t sets one)"
        if self.session.own_plan(key) is None:
            return f"planned {plan} min (its sub-items)"
        return f"planned {plan} min"

    def _against_plan(self, key: str, plan: int) -> Text:
        """Time left or over, coloured from 80 % of the plan; a parent counts its section."""
        session = self.session
        now = session.now()
        spent = session.section_spent(key, now)
        left = plan * 60 - spent
        text = f"{format_duration(-left)} over" if left < 0 else f"{format_duration(left)} left"
        if session.item(key).children and spent != session.spent(key, now):
            text += f" (section {format_duration(spent)})"
        return Text(text, style=style_of(self)(display.LEVEL_CLASS[session.time_level(key, now)]))
