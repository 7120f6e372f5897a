"""The selected item in full: its title, the agenda's notes, clock and decisions, and
under them the secretary's own notes on it, compact (the newest few, a line each)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option, OptionDoesNotExist

from ...core.amend import describe
from ...core.clock import format_duration
from ...core.list_numbers import list_numbers
from ...core.printable import printable
from ...core.session import Decision, Note, Session, UnmatchedEntry, unmatched_node
from ...core.settings import format_date
from .. import display
from ..display import style_of

# The decision being edited is in full in the editor: its entry in the list shows at
# most this much of it while it is edited, so a key typed into a decision of 10,000
# characters costs no more than one typed into a short one (the list's entry is not
# wrapped again on every key: beyond this it does not change at all).
EDITING_PREVIEW_CHARS = 400
EDITING_PREVIEW_LINES = 6
EDITING_MORE = " … (the rest is in the editor)"

# The secretary's notes under the decisions: the newest this many, a line each (fewer on
# a narrow screen, where the decisions need the rows); N shows them all.
NOTES_SHOWN = 3
NOTES_SHOWN_NARROW = 2
NOTES_HEADING = "Notes"
NOTES_HINT = " · not in the List · N: all"  # nor in the follow view: the secretary's


def editing_preview(text: str) -> str | None:
    """The first part of a long decision being edited, or None if it is shown whole."""
    head = text[:EDITING_PREVIEW_CHARS + 1]
    lines = head.split("\n", EDITING_PREVIEW_LINES)
    if len(head) <= EDITING_PREVIEW_CHARS and len(lines) <= EDITING_PREVIEW_LINES:
        return None
    head = "\n".join(lines[:EDITING_PREVIEW_LINES])[:EDITING_PREVIEW_CHARS]
    cut = head.rfind(" ")
    return head[:cut] if cut > EDITING_PREVIEW_CHARS // 2 else head


def same_text(shown: object, text: Text) -> bool:
    """Whether ``shown`` reads as ``text``: the same characters and styles (Rich's own
    equality leaves out the base style)."""
    return (isinstance(shown, Text) and shown == text and shown.style == text.style
            and shown.end == text.end)


class DecisionList(OptionList):
    """The decisions of the selected item; the highlighted one is 'the selected decision'."""

    COMPONENT_CLASSES = display.DECISION_CLASSES

    # The List's numbers of the decisions shown (by id): drafts have none (see show).
    numbers: Mapping[int, int] = MappingProxyType({})
    _blank: Strip | None = None  # the row of an empty list, while it is drawn

    def _prompt(self, number: int | None, decision: Decision, editing: bool = False) -> Text:
        prompt = Text()
        if number is not None:
            prompt.append(f"{number}. ", "bold")
        status = decision.status.value
        if decision.adopted:  # "adopted 2020-09-25": the date the body adopted it
            status = f"{status} {decision.adopted.isoformat()}"
        colour = style_of(self)(display.STATUS_CLASS[decision.status.value])
        prompt.append(f"[{status}] ", colour)
        preview = editing_preview(decision.text) if editing else None
        if preview is not None:
            prompt.append(printable(preview))
            prompt.append(EDITING_MORE, "dim italic")
        else:
            prompt.append(printable(decision.text) or "(empty)",
                          "" if decision.text else "dim italic")
        return prompt

    def show(self, decisions: list[Decision], keep: int | None = None,
             numbers: Mapping[int, int] | None = None) -> None:
        """``numbers``: the decisions' numbers in the List of decisions (decision_list.
        list_numbers), the ones notices and the List use; a draft has none, and its
        status says draft."""
        previous = keep if keep is not None else self.selected_id
        self.numbers = numbers or {}
        prompts = [self._prompt(self.numbers.get(d.id), d) for d in decisions]
        if not self._shows(decisions, prompts):
            self.clear_options()
            for decision, prompt in zip(decisions, prompts, strict=True):
                self.add_option(Option(prompt, id=str(decision.id)))
        if decisions:
            ids = [d.id for d in decisions]
            index = ids.index(previous) if previous in ids else len(ids) - 1
            if self.highlighted != index:
                self.highlighted = index

    def _shows(self, decisions: list[Decision], prompts: list[Text]) -> bool:
        """Whether the list already shows these entries, as they read: then it is left
        alone (`n` onto an item without decisions, the clock's tick), not cleared and
        filled again, which draws every line of the list and measures each entry."""
        if self.option_count != len(decisions):
            return False
        return all(
            option.id == str(decision.id) and same_text(option.prompt, prompt)
            for option, decision, prompt in zip(self.options, decisions, prompts, strict=True)
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        """An empty list (the item just taken up, as a rule) is drawn as the blank rows
        OptionList draws below its last entry, made once per drawing instead of once
        per row: its rows are all drawn again whenever the heading above changes height."""
        self._blank = None
        if not self.option_count:
            self._blank = Strip.blank(self.scrollable_content_region.width,
                                      self.get_visual_style("option-list--option").rich_style)
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        blank = self._blank
        return blank if blank is not None and not self.option_count else super().render_line(y)

    def show_typing(self, decision: Decision) -> None:
        """The decision being edited changed: its entry alone is made again, and only
        when it reads differently. The other entries keep what they had rendered, so a
        key costs the same whatever the number and the length of the decisions."""
        option_id = str(decision.id)
        try:
            index = self.get_option_index(option_id)
        except OptionDoesNotExist:
            return
        option = self.get_option_at_index(index)
        prompt = self._prompt(self.numbers.get(decision.id), decision, editing=True)
        if option.prompt == prompt:
            return
        height = self._line_cache.heights.get(index)
        option._set_prompt(prompt)
        cache = self._option_render_cache
        for cached in [k for k in cache.keys() if k[0] is option]:  # noqa: SIM118 (no __iter__)
            cache.discard(cached)
        self._line_cache.clear()  # the heights of the others are kept by their content
        grown = self._heights.get(index) != height
        self.refresh(layout=grown)
        if grown and self.highlighted == index:
            self.scroll_to_highlight()  # as show's highlight does: its end stays in view

    @property
    def selected_id(self) -> int | None:
        if self.highlighted is None or self.option_count == 0:
            return None
        option = self.get_option_at_index(self.highlighted)
        return int(option.id) if option.id else None


class ItemPanel(Vertical):
    COMPONENT_CLASSES = display.PANEL_CLASSES

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session
        # (entry or None for the "Unmatched" node, how many): shown instead of an item
        # while the tree's cursor is under "Unmatched".
        self.unmatched_view: tuple[UnmatchedEntry | None, int] | None = None
        self._shown: dict[Static, Text] = {}  # what each of the Statics below shows

    def _set(self, box: Static, text: Text) -> None:
        """Show ``text`` in one of the panel's lines: nothing when it reads the same
        (the clock's tick, `n`), and a layout pass only when its height changes. A
        layout places every widget of the screen again and draws the tree's scrollbar
        again: on every `n` and every tick that was most of the frame's cost."""
        if box in self._shown and same_text(self._shown[box], text):
            return
        self._shown[box] = text
        width = box.content_size.width
        if not width or not box.display:  # not laid out yet: its height is unknown
            box.update(text)
            return
        before = box.get_content_height(self.size, self.app.size, width)
        box.update(text, layout=False)
        if box.get_content_height(self.size, self.app.size, width) != before:
            box.refresh(layout=True)

    def _title(self, title: str) -> None:
        if self.border_title != title:  # setting it draws the whole panel again
            self.border_title = title

    def compose(self) -> ComposeResult:
        yield Static(id="item-heading")
        yield Static(id="item-clock")
        yield DecisionList(id="decisions")
        yield Static(id="item-notes")

    def show_unmatched(self, entry: UnmatchedEntry | None, count: int) -> None:
        """An entry of the session file that matches no item of the agenda, read-only."""
        self.unmatched_view = (entry, count)
        heading = self.query_one("#item-heading", Static)
        clock = self.query_one("#item-clock", Static)
        decisions = self.query_one(DecisionList)
        self._title("Unmatched")
        text = Text()
        if entry is None:
            text.append(f"Unmatched: {count} " + ("entry" if count == 1 else "entries"), "bold")
            text.append("\nThe agenda changed since these were written and they match no item "
                        "of it (not by number and title, nor by title alone). They are kept "
                        "here and in the session file, never dropped.", "dim")
            self._set(heading, text)
            self._set(clock, Text())
            decisions.show([])
            self._show_notes([])
            return
        if entry.number:
            text.append(f"{printable(entry.number)}  ", "bold")
        text.append(printable(entry.title), "bold")
        text.append("\nNot in the agenda any more (it changed). Kept as it was, read-only.",
                    "dim")
        self._set(heading, text)
        finals = sum(1 for d in entry.state.decisions if d.final)
        drafts = len(entry.state.decisions) - finals
        parts = [f"status {entry.state.status.value}", f"was key {printable(entry.key)}"]
        parts.append(f"{drafts} draft, {finals} final")
        self._set(clock, Text(" · ".join(parts), style="italic"))
        index = next(i for i, e in enumerate(self.session.unmatched) if e is entry)
        decisions.show(entry.state.decisions,
                       numbers=list_numbers(self.session, unmatched_node(index)))
        self._show_notes(entry.state.notes)

    def show(self, key: str | None, keep_decision: int | None = None) -> None:
        if self.unmatched_view is not None:
            self.show_unmatched(*self.unmatched_view)
            return
        heading = self.query_one("#item-heading", Static)
        decisions = self.query_one(DecisionList)
        if key is None:
            self._set(heading, Text())
            decisions.show([])
            self._show_notes([])
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
        self._set(heading, text)
        state = self.session.peek(key)
        decisions.show(state.decisions if state else [], keep_decision,
                       list_numbers(self.session, key) if state else None)
        self._show_notes(state.notes if state else [])
        self.update_clock()
        self._title("Current item" if key == self.session.current else "Selected item")

    def _show_notes(self, notes: list[Note]) -> None:
        """The newest notes, a line each (cut with …), under the decisions; hidden when
        there is none. A "To adopt" note carried from the previous meeting says whether
        this meeting adopted it."""
        box = self.query_one("#item-notes", Static)
        box.display = bool(notes)
        if not notes:
            self._set(box, Text())
            return
        narrow = self.app.size.width < 100
        shown = NOTES_SHOWN_NARROW if narrow else NOTES_SHOWN
        text = Text()  # a line each: cut with … (text-wrap in app.tcss), never wrapped
        text.append(f"{NOTES_HEADING} · {len(notes)}", "bold")
        text.append(NOTES_HINT, "dim")
        if len(notes) > shown:
            text.append(f"\n  … {len(notes) - shown} earlier", "dim")
        record = self.session.settings.previous
        carried = record.by_note() if record is not None else {}
        for note in notes[-shown:]:
            text.append(f"\n  {self._time(note.created)}  ", "dim")
            if note.speaker:
                text.append(printable(note.speaker) + ": ", "bold")
            text.append(printable(note.text), "italic")
        if record is not None and any(n.id in carried for n in notes):
            if record.adopted_on is None:
                state = "not adopted yet (adopt, on the command line, adopts them)"
            else:
                state = f"adopted on {format_date(record.adopted_on)}"
                state += " (its session not marked yet)" if record.pending else ""
            text.append(printable(f"\n{record.name[:1].upper()}{record.name[1:]}'s "
                                  f"decisions: {state}"),
                        style_of(self)(display.PANEL_AMENDED))
        self._set(box, text)

    def _time(self, moment: datetime) -> str:
        """The time of day where the meeting is held."""
        from zoneinfo import ZoneInfo  # imported when a time is first shown

        try:
            return moment.astimezone(ZoneInfo(self.session.timezone)).strftime("%H:%M")
        except (KeyError, ValueError):
            return moment.strftime("%H:%M")

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
        self._set(self.query_one("#item-clock", Static), Text(" · ", style="italic").join(
            Text(part, style="italic") if isinstance(part, str) else part for part in parts
        ))

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
