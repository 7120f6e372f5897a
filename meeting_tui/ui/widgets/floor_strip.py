"""The floor strip: who has the floor, their countdown, who speaks next.

One or two lines between the item panel and the decision editor, shown only while the
item the floor is on has a list of speakers: a meeting without one never sees it, and
at 80x24 it takes one line from the decisions, none from the editor. Redrawn on every
clock tick while a speech runs (it is the floor's clock); nothing else is.
"""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widgets import Static

from ...core.clock import format_duration
from ...core.session import Session
from .. import display
from ..display import StyleOf, plain, style_of

# The countdown's level, as the item clock's (display.tcss): ok, from 80 %, past it.
COUNTDOWN_CLASS = {None: "clock--unplanned", "ok": "clock--ok", "warn": "clock--near",
                   "near": "clock--near", "over": "clock--over"}
POINT_OF_ORDER = "⚑"  # before a point of order's name, wherever a queue is shown
NEXT_SHOWN = 3  # the next speakers named; the others counted
TWO_LINES = 60  # from this width the strip has a line for the floor and one for the queue


def floor_key(session: Session) -> str | None:
    """The item whose floor is shown: the speech in progress's, else the current
    item's, else the selected item's."""
    speaking = session.speech_in_progress()
    if speaking is not None:
        return speaking[0]
    return session.current or session.selected


def countdown_text(remaining: float | None, limit: int | None, elapsed: float) -> str:
    """'2:17 left', '0:12 over', or the time spoken without a limit ('1:05')."""
    if limit is None or remaining is None:
        return format_duration(elapsed)
    if remaining < 0:
        return f"{format_duration(-remaining)} over"
    return f"{format_duration(remaining)} left"


def countdown(session: Session, style: StyleOf, wide: bool = False) -> Text:
    """The speech in progress's countdown, coloured by its level; empty without one."""
    shown = session.countdown()
    if shown is None:
        return Text()
    words = countdown_text(shown.remaining, shown.limit, shown.elapsed)
    if wide and shown.limit is not None:
        words = f"{format_duration(shown.elapsed)} of {format_duration(shown.limit)} · {words}"
    level = shown.level if shown.limit is not None else None
    return Text(f" {words} ", style=style(COUNTDOWN_CLASS[level]))


def speaker_name(name: str, point_of_order: bool, style: str = "") -> Text:
    text = Text()
    if point_of_order:
        text.append(f"{POINT_OF_ORDER} ", "bold")
    text.append_text(plain(name, style=style))
    return text


def queue_text(session: Session, key: str, room: int | None = None) -> Text:
    """'Mr X · ⚑ Ms Y · Mr Z +4': the next speakers of the item, the rest counted."""
    waiting = session.waiting_speakers(key)
    if not waiting:
        return Text("nobody waiting (S adds a speaker)", style="dim")
    text = Text()
    for n, speech in enumerate(waiting[:NEXT_SHOWN]):
        if n:
            text.append(" · ", "dim")
        text.append_text(speaker_name(speech.speaker, speech.point_of_order))
    if len(waiting) > NEXT_SHOWN:
        text.append(f" +{len(waiting) - NEXT_SHOWN}", "bold")
    if room is not None:
        text.truncate(room, overflow="ellipsis")
    return text


class FloorStrip(Static):
    """Hidden until the floor's item has speakers; see the module."""

    COMPONENT_CLASSES = display.FLOOR_CLASSES

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.session = session

    def has_floor(self) -> bool:
        """Is there anything to show: a speech in progress, or someone waiting?"""
        session = self.session
        if session.speech_in_progress() is not None:
            return True
        key = floor_key(session)
        return key is not None and session.has(key) and bool(session.waiting_speakers(key))

    def update_floor(self) -> None:
        """Shown or hidden as the floor is, and redrawn (after any floor operation)."""
        self.display = self.has_floor()
        self.refresh()

    def render(self) -> RenderableType:
        session = self.session
        style = style_of(self)
        key = floor_key(session)
        if key is None or not session.has(key):
            return Text()
        width = self.content_size.width or self.size.width or 80
        speaking = session.speech_in_progress()
        if speaking is not None:
            speech = speaking[1]
            who = Text.assemble(("Floor ", "bold"),
                                speaker_name(speech.speaker, speech.point_of_order, "bold"))
            if speech.paused:
                who.append(" (paused)", "italic")
        else:
            who = Text.assemble(("Floor ", "bold"), ("free · g gives it to the next", "dim"))
        wide = width >= TWO_LINES
        clock = countdown(session, style, wide=wide)
        if not wide:  # one line: who, the countdown, then as many of the next as fit
            line = Text.assemble(who, " ", clock, " ", ("next ", "dim"))
            room = max(width - line.cell_len, 0)
            line.append_text(queue_text(session, key, room))
            line.truncate(width, overflow="ellipsis")
            return line
        first = edge_line(who, clock, width)
        second = Text.assemble(("Next  ", "bold"), queue_text(session, key, width - 6))
        return Group(first, second)


def edge_line(left: Text, right: Text, width: int) -> Text:
    """``left``, then ``right`` at the right edge; ``left`` cut with an ellipsis."""
    room = max(width - right.cell_len - 1, 1)
    left = left.copy()
    left.truncate(room, overflow="ellipsis")
    gap = max(width - left.cell_len - right.cell_len, 1)
    return Text.assemble(left, " " * gap, right)


def follow_floor_text(floor: dict[str, Any], style: StyleOf) -> Text:
    """The follow view's floor beside its large countdown: who speaks (their clock
    line, coloured as the strip's), then the next three (``follow_state.floor_state``)."""
    text = Text()
    if floor.get("speaker"):
        text.append_text(speaker_name(floor["speaker"], floor.get("point_of_order", False),
                                      "bold"))
        level = floor["level"] if floor["limit"] is not None else None
        text.append("\n")
        text.append(f" {floor['line']} ", style(COUNTDOWN_CLASS[level]))
        if floor.get("paused"):
            text.append("  paused", "italic")
    else:
        text.append("Nobody has the floor.", "bold")
    text.append("\n")
    if floor["next"]:
        text.append("Next: ", "bold")
        for n, entry in enumerate(floor["next"]):
            if n:
                text.append(" · ", "dim")
            text.append_text(speaker_name(entry["speaker"], entry["point_of_order"]))
        more = floor["waiting"] - len(floor["next"])
        if more > 0:
            text.append(f" +{more}", "bold")
    else:
        text.append("Nobody waits to speak.", "dim")
    return text
