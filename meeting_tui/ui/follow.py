"""The follow view: a read-only screen of a meeting another meeting-tui is running.

For participants, the chair or a projector: the current item large, the agenda with
its progress marks, and the final decisions so far (drafts are the secretary's work
in progress and never shown). The session file is polled (a stat every quarter of a
second, a load only when it changed), so a change is on screen well within a second;
nothing here takes the lock or writes a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Digits, Static

from ..core.clock import format_duration
from ..core.decision_list import Document, Section, build_document, count_phrase
from ..core.follow_state import floor_state
from ..core.printable import printable
from ..core.session import MeetingState, Session
from ..files.watcher import SessionWatcher
from . import display
from .display import StyleOf, estimate, item_clock, plain, state_badge, style_of
from .widgets.agenda_tree import AgendaTree
from .widgets.floor_strip import follow_floor_text

POLL_SECONDS = 0.25


def heading_line(session: Session, style: StyleOf) -> Text:
    """One line: the meeting title, the day and its state, the wall clock."""
    now = session.now()
    return Text.assemble(
        (printable(session.title), "bold"),
        "  ",
        state_badge(session, style),
        "  ",
        (now.astimezone().strftime("%H:%M"), "bold"),
    )


def now_text(session: Session, style: StyleOf) -> RenderableType:
    """The current item: number and title, large and whole; its plan line below."""
    key = session.current
    now = session.now()
    if key is None:
        if session.meeting_state is MeetingState.NOT_STARTED:
            return Text("The meeting has not started yet.", style="bold")
        return Text("No item under discussion.", style="bold")
    item = session.item(key)
    title = Text()
    if item.number:
        title.append(f"{printable(item.number)}  ", "bold reverse")
        title.append(" ")
    title.append(printable(item.title), "bold")
    lines = [title, Text()]
    lines.append(plan_text(session, key, now, style))
    if session.meeting_state is MeetingState.BREAK:
        lines.append(Text("on a break: the clock is stopped", style=style(display.ON_BREAK)))
    if session.total_planned_minutes():
        lines.append(estimate(session, now))
    return Group(*lines)


def plan_text(session: Session, key: str, now: datetime, style: StyleOf) -> Text:
    """'12:00 of 15 min · 3:00 left' beside the large clock, coloured as on the live screen."""
    if session.planned_minutes(key) is None:
        return Text.assemble((format_duration(session.spent(key, now)), "bold"),
                             (" · no plan", "dim"))
    return item_clock(session, key, now, style)


def clock_value(session: Session) -> tuple[str, str | None]:
    """The current item's clock for the large digits, and its level against the plan
    (None, "ok", "near", "over"): the section's time, as its plan is measured."""
    key = session.current
    if key is None:
        return "", None
    now = session.now()
    seconds = (session.section_spent(key, now) if session.planned_minutes(key) is not None
               else session.spent(key, now))
    return format_duration(seconds), session.time_level(key, now)


def decisions_signature(session: Session) -> tuple[object, ...]:
    """All the decisions panel depends on, cheap to compare: the items (as amended),
    the decisions and the current item. Building the list of a long meeting is not."""
    return (
        session.current,
        tuple((item.key, item.number, item.title) for item in session.order),
        tuple((key, d.id, d.status, d.text) for key, state in session.states.items()
              for d in state.decisions),
        tuple((e.number, e.title, tuple((d.id, d.status, d.text) for d in e.state.decisions))
              for e in session.unmatched),
    )


@dataclass(frozen=True)
class Block:
    """One block of the decisions panel: the count line, or one item and its final
    decisions. ``shown`` is what it shows, compared to skip unchanged blocks."""

    id: str
    current: bool
    shown: object
    renderable: RenderableType = field(compare=False)


def decision_blocks(session: Session, doc: Document, style: StyleOf) -> list[Block]:
    """The final decisions as the List of decisions numbers them, under their items:
    one block per item; the current item's heading stands out."""
    if not doc.count:
        text = "No final decision yet."
        return [Block("count", False, text, Text(text, style="dim italic"))]
    current = session.item(session.current) if session.current else None
    text = f"{count_phrase(doc.count)} so far"
    blocks = [Block("count", False, text, Text(text, style="dim"))]
    seen: dict[str, int] = {}
    for section in doc.sections:
        is_current = current is not None and (section.number, section.title) == (
            current.number, current.title)
        key = f"{section.depth}:{section.number}:{section.title}"
        seen[key] = seen.get(key, 0) + 1
        parts: list[RenderableType] = [item_heading(
            section, style(display.CURRENT_HEADING) if is_current else Style(bold=True))]
        for entry in section.entries:
            grid = Table.grid(padding=(0, 1))
            grid.add_column(justify="right", no_wrap=True)
            grid.add_column(ratio=1)
            grid.add_row(Text(f"{entry.number}.", style=style(display.NUMBER)), plain(entry.text))
            parts.append(grid)
        indent = (1, 0, 0, 2 * section.depth)  # a blank line above each item
        blocks.append(Block(f"{key}:{seen[key]}", is_current, section,
                            Padding(Group(*parts), indent)))
    return blocks


def item_heading(section: Section, style: Style) -> Text:
    """An item's heading, its number in reverse video: a decision's number
    ("1.") must not read as an item's."""
    heading = Text()
    if section.number:
        heading.append(f" {printable(section.number)} ", style + Style(reverse=True))
        heading.append(" ")
    heading.append_text(plain(section.title, style=style))
    return heading


class Painted(Static):
    """A line drawn with the display's colours (display.tcss)."""

    COMPONENT_CLASSES = display.COMPONENT_CLASSES


class DecisionsScroll(VerticalScroll):
    """The final decisions, drawn with the display's colours."""

    COMPONENT_CLASSES = display.COMPONENT_CLASSES


class FollowTree(AgendaTree):
    """The agenda tree of the live screen, here only for looking: the cursor follows
    the current item."""

    def on_mount(self) -> None:
        super().on_mount()
        self.center_scroll = True  # the items around the current one stay in sight

    def set_session(self, session: Session) -> None:
        """A new version of the session: the same tree when the items are the same,
        else rebuilt; every line repainted (labels are drawn at paint time)."""
        same = [i.key for i in session.order] == [i.key for i in self.session.order] and (
            len(session.unmatched) == len(self.session.unmatched))
        self.session = session
        if same:
            for node in self.nodes.values():
                node.refresh()
            for node in getattr(self, "unmatched_nodes", {}).values():
                node.refresh()
        else:
            self.populate()
        self.follow_current()

    def follow_current(self) -> None:
        """The cursor on the current item, centred, once the lines are laid out."""
        key = self.session.current
        if key:
            self.call_after_refresh(self.select_key, key)


class FollowApp(display.UserTextApp):
    """``meeting-tui follow SESSION``: redraws when the file changes, ticks each second."""

    CSS_PATH = ["styles/follow.tcss", "styles/display.tcss"]
    TITLE = "meeting-tui follow"
    TICK_SECONDS = 1.0  # the clocks' tick
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("ctrl+q", "quit", "Quit", show=False),
    ]

    def __init__(self, watcher: SessionWatcher, *, poll: float | None = POLL_SECONDS,
                 tick: bool = True) -> None:
        super().__init__()
        self.watcher = watcher
        self.poll_seconds = poll
        self.ticking = tick
        self._blocks: dict[str, tuple[Block, Static]] = {}
        self._decisions_count: int | None = None
        self._signature: tuple[object, ...] | None = None
        if watcher.state.session is None:
            watcher.load()
        assert watcher.state.session is not None
        self.session: Session = watcher.state.session

    def compose(self) -> ComposeResult:
        yield Painted(id="follow-heading")
        with Horizontal(id="now"):
            yield Painted(id="now-text")
            yield Digits(id="now-clock")
        with Horizontal(id="follow-floor"):  # only while the item has speakers
            yield Painted(id="floor-text")
            yield Digits(id="floor-clock")
        with Horizontal(id="follow-main"):
            yield FollowTree(self.session, id="follow-agenda")
            with Vertical(id="follow-decisions-box"):
                yield DecisionsScroll(id="follow-decisions")
        yield Static(id="follow-status")

    async def on_mount(self) -> None:
        tree = self.query_one(FollowTree)
        tree.border_title = "Agenda"
        self.query_one("#follow-decisions-box").border_title = "Final decisions"
        self.query_one("#now").border_title = "Now"
        self.query_one("#follow-floor").border_title = "The floor"
        await self.show_state()
        tree.follow_current()
        if self.poll_seconds:
            self.set_interval(self.poll_seconds, self.poll)
        if self.ticking:
            self.set_interval(self.TICK_SECONDS, self.tick)

    # ------------------------------------------------------------ updates
    async def poll(self) -> None:
        """Called on the poll interval: redraw only when the file brought something.
        Not once the app shuts down (its widgets go before its timers: MeetingApp.tick)."""
        if self.is_running and self.watcher.poll():
            await self.show_state()

    async def show_state(self) -> None:
        """Everything from the watcher's state: a new session, and the status line."""
        state = self.watcher.state
        if state.session is not None and state.session is not self.session:
            self.session = state.session
            self.query_one(FollowTree).set_session(self.session)
        self.tick()
        status = self.query_one("#follow-status", Static)
        if state.problem:
            status.update(plain(f" {state.problem}", style="bold"))
            status.add_class("-problem")
        else:
            when = (state.loaded_at or self.session.now()).astimezone().strftime("%H:%M:%S")
            status.update(Text.assemble(
                " ", ("q", "bold"), f" quit · read-only · read {when} · ",
                (printable(Path(self.watcher.path).name), "bold")))
            status.remove_class("-problem")
        await self.show_decisions()  # last: it waits for its blocks to be mounted

    async def show_decisions(self) -> None:
        """One widget per block, and only the blocks that changed are touched: laying
        out a long list again on every change would take seconds. The current item's
        block is scrolled into sight when it changes: it is what the room follows;
        otherwise a new decision anywhere scrolls to the end."""
        box = self.query_one("#follow-decisions", DecisionsScroll)
        signature = decisions_signature(self.session)
        if signature == self._signature:
            return  # the clock moved, or the plans: nothing here changed
        self._signature = signature
        doc = build_document(self.session)
        blocks = decision_blocks(self.session, doc, style_of(box))
        old = self._blocks
        ids = [block.id for block in blocks]
        if [i for i in ids if i in old] != [i for i in old if i in set(ids)]:
            await box.remove_children()  # the items were reordered: start again
            old = {}
        gone = [widget for i, (_, widget) in old.items() if i not in set(ids)]
        if gone:
            await box.remove_children(gone)
        shown: dict[str, tuple[Block, Static]] = {}
        scroll_to: Static | None = None
        if not old:  # all new: mounted at once
            await box.mount_all([Static(block.renderable, classes="decisions")
                                 for block in blocks])
            old = {block.id: (block, widget) for block, widget in zip(
                blocks, box.query_children(Static), strict=True)}
            scroll_to = next((old[b.id][1] for b in blocks if b.current), None)
        for index, block in enumerate(blocks):
            previous = old.get(block.id)
            if previous is None:
                widget = Static(block.renderable, classes="decisions")
                await box.mount(widget, before=index if index < len(box.children) else None)
            else:
                widget = previous[1]
                if previous[0] != block:
                    widget.update(block.renderable)
            widget.set_class(block.current, "-current")
            if block.current and (previous is None or previous[0] != block):
                scroll_to = widget
            shown[block.id] = (block, widget)
        self._blocks = shown
        count_before, self._decisions_count = self._decisions_count, doc.count
        if scroll_to is not None:
            self.call_after_refresh(box.scroll_to_widget, scroll_to, animate=False, top=True)
        elif count_before is not None and doc.count != count_before:
            self.call_after_refresh(box.scroll_end, animate=False)

    def tick(self) -> None:
        """The clocks: the heading, the current item's text and its large digits; not
        once the app shuts down (its widgets go before its timers: MeetingApp.tick)."""
        if not self.is_running:
            return
        session = self.session
        heading = self.query_one("#follow-heading", Painted)
        heading.update(heading_line(session, style_of(heading)))
        now = self.query_one("#now-text", Painted)
        now.update(now_text(session, style_of(now)))
        value, level = clock_value(session)
        digits = self.query_one("#now-clock", Digits)
        digits.update(value)
        digits.display = bool(value)
        for name in ("ok", "near", "over"):
            digits.set_class(level == name, f"-{name}")
        self.show_floor()
        self.query_one(FollowTree).tick()

    def show_floor(self) -> None:
        """Who has the floor, their countdown large, the next three; hidden while the
        item has no list of speakers."""
        floor = floor_state(self.session, self.session.now())
        box = self.query_one("#follow-floor")
        box.display = floor is not None
        if floor is None:
            return
        text = self.query_one("#floor-text", Painted)
        text.update(follow_floor_text(floor, style_of(text)))
        digits = self.query_one("#floor-clock", Digits)
        digits.display = bool(floor.get("speaker"))
        digits.update(floor.get("clock", ""))
        level = floor.get("level") if floor.get("limit") is not None else None
        for name in ("ok", "warn", "over"):
            digits.set_class(level == name, f"-{name}")

    def action_toggle_clock(self) -> None:
        """Space in the tree starts the clock on the live screen; here it says why not."""
        self.notify("Read-only: the meeting is run from the live screen.", timeout=3)
