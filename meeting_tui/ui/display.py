"""How the meeting's state reads and is coloured, the same on the live screen and in the
follow view: the day and its state, the current item's clock against its plan, the
estimated end.

Colours are not written here: each is a component class (``COMPONENT_CLASSES``) styled
in styles/display.tcss, which both apps load, so that a theme or a stylesheet changes
them. A widget that draws with them declares the classes and passes ``style_of(self)``.

User text (titles, decisions, settings, paths) is data, never markup and never a
terminal command: it reaches the screen as a ``Text`` made by ``plain`` (or appended
through ``printable``), never as a string Textual would parse, and notifications are
never markup (``UserTextApp``). Control characters show visibly (``␛``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial

from rich.style import Style
from rich.text import Text
from textual.app import App
from textual.notifications import SeverityLevel
from textual.widget import Widget

from ..core.clock import format_duration
from ..core.follow_state import clock_line, state_label  # the web page's too
from ..core.printable import printable
from ..core.session import MeetingState, Session

StyleOf = Callable[[str], Style]  # a component class name -> its Rich style

# The meeting's state, as the top bar and the follow view's heading show it.
STATE_CLASS = {
    MeetingState.NOT_STARTED: "state--not-started",
    MeetingState.RUNNING: "state--running",
    MeetingState.BREAK: "state--break",
    MeetingState.DAY_ENDED: "state--ended",
    MeetingState.ENDED: "state--ended",
}
# The current item's clock against its plan: none, under 80 %, from 80 %, past it.
LEVEL_CLASS = {None: "clock--unplanned", "ok": "clock--ok", "near": "clock--near",
               "over": "clock--over"}
# Decisions: their status, how many drafts and finals an item has.
STATUS_CLASS = {"draft": "decision--draft", "final": "decision--final",
                "adopted": "decision--adopted"}
DRAFTS, FINALS = "count--drafts", "count--finals"
# The agenda: an item over its plan, amended during the meeting, the current item's
# mark, the entries that match no item (the agenda changed), the current section.
OVER, AMENDED, CURRENT_MARK = "agenda--over", "agenda--amended", "agenda--current-mark"
UNMATCHED, UNMATCHED_MARK = "agenda--unmatched", "agenda--unmatched-mark"
CURRENT_HEADING, ON_BREAK, NUMBER = "follow--current", "follow--break", "follow--number"
PANEL_AMENDED = "panel--amended"  # the item panel's words on an amended item

COMPONENT_CLASSES: set[str] = {
    *STATE_CLASS.values(), *LEVEL_CLASS.values(), *STATUS_CLASS.values(), DRAFTS, FINALS,
    OVER, AMENDED, CURRENT_MARK, UNMATCHED, UNMATCHED_MARK, CURRENT_HEADING, ON_BREAK,
    NUMBER, PANEL_AMENDED,
}
# The classes each widget of the meeting screen draws with (the follow view's declare
# them all). Textual styles every class a widget declares each time the widget's
# styles are applied (mounting it, a resize across a breakpoint): declared everywhere,
# the 24 classes were a third of the time to the first frame.
TOP_BAR_CLASSES = {*STATE_CLASS.values(), *LEVEL_CLASS.values()}  # quorum: clock--ok/over
TREE_CLASSES = {DRAFTS, FINALS, OVER, AMENDED, CURRENT_MARK, UNMATCHED, UNMATCHED_MARK}
DECISION_CLASSES = set(STATUS_CLASS.values())
PANEL_CLASSES = {PANEL_AMENDED, *LEVEL_CLASS.values()}
FLOOR_CLASSES = set(LEVEL_CLASS.values())  # the countdown's levels are the clock's


def plain(text: str, style: str | Style = "") -> Text:
    """User text as a renderable: no markup is read in it, its controls shown."""
    return Text(printable(text), style=style)


def kept(original: str, value: str) -> str:
    """What a field holds after a dialog: ``original`` itself while the field still
    shows it (its controls made visible, ``␛``), so that looking changes nothing."""
    return original if value == printable(original) else value


class UserTextApp(App[None]):
    """An app whose notifications are plain text: every one may quote a title, a
    decision or a path, and Textual would read ``[/b]`` in it as markup (and fail) or
    drop ``[confidential]`` as an unknown tag."""

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        del markup  # never markup: see the class
        super().notify(printable(message), title=printable(title), severity=severity,
                       timeout=timeout, markup=False)


def style_of(widget: Widget) -> StyleOf:
    """The widget's style of a component class: only what the class sets (its colours
    and text style), as a Rich style string would be."""
    return partial(widget.get_component_rich_style, partial=True)


def state_badge(session: Session, style: StyleOf) -> Text:
    """The state label, coloured by the state."""
    return Text(f" {state_label(session)} ", style=style(STATE_CLASS[session.meeting_state]))


def item_clock(session: Session, key: str, now: datetime, style: StyleOf) -> Text:
    """'12:34 of 15 min · 2:26 left', coloured by how much of the plan is used."""
    plan = session.planned_minutes(key)
    if plan is None:
        return Text(format_duration(session.spent(key, now)), style="bold")
    return Text(clock_line(session.section_spent(key, now), plan),
                style=style(LEVEL_CLASS[session.time_level(key, now)]))


def estimate(session: Session, now: datetime) -> Text:
    """Now + the planned time left on the items not yet done; says how many have no plan."""
    if not session.total_planned_minutes():
        return Text("no plans (t sets one)", style="dim")
    remaining, unplanned = session.remaining_plan(now)
    end = (now + timedelta(seconds=remaining)).astimezone()
    when = end.strftime("%H:%M") if end.date() == now.astimezone().date() else end.strftime(
        "%a %H:%M")
    text = Text.assemble("ends ~", (when, "bold"))
    if unplanned:
        text.append(f" +{unplanned} unplanned", "dim")
    return text
