"""What a follower of the meeting sees, as plain data: the state label, the current
item and its clock, the agenda with its marks, the final decisions so far.

The follow view (Textual) and the web page (``meeting_tui.web``) show the same
meeting; the words and figures they share are made here, once, so that the two never
disagree. ``snapshot`` is the page's whole state as JSON-ready data. It holds the
clocks as they were at ``at`` and whether they run, never a clock that has to be sent
again every second: a browser ticks them itself from those figures.

Every text in a snapshot went through ``printable``: control and bidirectional
characters are made visible before any page sees them. Drafts are never in it: the
session given is expected to be the follow view's copy, without them, and only final
decisions are taken from it in any case.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .amend import ADDED
from .clock import format_duration, format_minutes
from .list_numbers import count_phrase
from .printable import printable
from .session import ItemStatus, MeetingState, Session

# The agenda's marks, as the app's tree shows them.
MARKS = {
    ItemStatus.PENDING: "·",
    ItemStatus.CURRENT: "▶",
    ItemStatus.DONE: "✓",
    ItemStatus.SKIPPED: "↷",
}
STATUS_WORDS = {
    ItemStatus.PENDING: "pending",
    ItemStatus.CURRENT: "under discussion",
    ItemStatus.DONE: "done",
    ItemStatus.SKIPPED: "skipped",
}
NEAR_SHARE = 0.8  # from 80 % of its plan an item's clock is "near" (core/plans.py)
FORMAT = 1  # the shape of a snapshot; bumped when a reader would misread a new one


def state_label(session: Session) -> str:
    """'not started', 'Day 2 · running', 'Day 2 · on a break', 'Day 2 ended'."""
    state = session.meeting_state
    day = len(session.sittings())
    if state is MeetingState.RUNNING or state is MeetingState.BREAK:
        return f"Day {day} · {state.value}"
    if state is MeetingState.DAY_ENDED:
        return f"Day {day} ended"
    return state.value


def clock_line(spent: float, plan_minutes: int | None) -> str:
    """'12:34 of 15 min · 2:26 left' ('3:10 over' past it); the time alone without a
    plan. The page writes the same line as its clock ticks (follow.js)."""
    if plan_minutes is None:
        return format_duration(spent)
    left = plan_minutes * 60 - spent
    tail = f"{format_duration(-left)} over" if left < 0 else f"{format_duration(left)} left"
    return f"{format_duration(spent)} of {plan_minutes} min · {tail}"


def level(spent: float, plan_minutes: int | None) -> str | None:
    """None without a plan; "ok", "near" from 80 % of it, "over" past it."""
    if plan_minutes is None:
        return None
    if spent > plan_minutes * 60:
        return "over"
    return "near" if spent >= NEAR_SHARE * plan_minutes * 60 else "ok"


def _current(session: Session, now: datetime) -> dict[str, Any] | None:
    key = session.current
    if key is None:
        return None
    item = session.item(key)
    plan = session.planned_minutes(key)
    # The clock a plan is measured against is the section's (the item and its
    # sub-items); without a plan, the item's own time.
    spent = session.section_spent(key, now) if plan is not None else session.spent(key, now)
    return {
        "key": key,
        "number": printable(item.number or ""),
        "title": printable(item.title),
        "spent": round(spent, 3),
        "plan_minutes": plan,
        "running": session.running,
        "clock": format_duration(spent),
        "line": clock_line(spent, plan),
        "level": level(spent, plan),
    }


def _estimate(session: Session, now: datetime) -> dict[str, Any] | None:
    """The planned time left at ``now``, and how much of it is the current item's (it
    shrinks as that clock runs; the rest waits for the items after it)."""
    if not session.total_planned_minutes():
        return None
    remaining, unplanned = session.remaining_plan(now)
    key = session.current
    plan = session.planned_minutes(key) if key else None
    current_left = 0.0
    if key is not None and plan is not None:
        current_left = min(remaining, max(0.0, plan * 60 - session.section_spent(key, now)))
    return {"remaining": round(remaining, 3), "current_left": round(current_left, 3),
            "unplanned": unplanned}


def _agenda(session: Session, now: datetime) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    depth: dict[str, int] = {}
    for item in session.order:
        parent = session.parent(item.key)
        depth[item.key] = 0 if parent is None else depth[parent] + 1
        status = session.state_status(item.key)
        state = session.peek(item.key)
        amended = session.marks(item.key)
        rows.append({
            "key": item.key,
            "depth": depth[item.key],
            "number": printable(item.number or ""),
            "title": printable(item.title),
            "status": status.value,
            "mark": MARKS[status],
            "status_words": STATUS_WORDS[status],
            "amended": ("added" if ADDED in amended else "amended") if amended else None,
            "minutes": format_minutes(session.spent(item.key, now))
            if state is not None and state.spans else None,
            "finals": session.counts(item.key)[1],
            "over": status is not ItemStatus.SKIPPED and session.over(item.key, now),
        })
        if status is ItemStatus.CURRENT:  # its minutes and "over" tick in the browser
            rows[-1]["clock"] = {
                "spent": round(session.spent(item.key, now), 3),
                "section_spent": round(session.section_spent(item.key, now), 3),
                "plan_minutes": session.planned_minutes(item.key),
                "running": session.running,
            }
    return rows


def _decisions(session: Session) -> dict[str, Any]:
    from .decision_list import build_document  # the List: not the app's first screen

    doc = build_document(session)
    current = session.item(session.current) if session.current else None
    sections = []
    for section in doc.sections:  # with the headings of the items above them
        sections.append({
            "heading": printable(section.heading),
            "depth": section.depth,
            "current": current is not None and (section.number, section.title) == (
                current.number, current.title),
            "entries": [{"number": entry.number, "text": printable(entry.text),
                         "vote": [printable(line) for line in entry.vote]}
                        for entry in section.entries if not entry.draft],
        })
    return {"count": doc.count, "phrase": count_phrase(doc.count), "sections": sections}


def countdown_clock(elapsed: float, limit: int | None) -> str:
    """The large figure of the speaker's clock: the time left ('2:10'), past the limit
    the time over ('+0:15'), without a limit the time spoken. The page ticks the same
    figure (follow.js)."""
    if limit is None:
        return format_duration(elapsed)
    left = limit - elapsed
    return f"+{format_duration(-left)}" if left < 0 else format_duration(left)


def speech_line(elapsed: float, limit: int | None) -> str:
    """'1:10 of 3 min · 1:50 left' ('0:15 over'); the time alone without a limit."""
    if limit is None:
        return format_duration(elapsed)
    left = limit - elapsed
    tail = f"{format_duration(-left)} over" if left < 0 else f"{format_duration(left)} left"
    from .floor import limit_text  # the floor's module: imported once a speech runs

    return f"{format_duration(elapsed)} of {limit_text(limit)} · {tail}"


NEXT_SPEAKERS = 3  # how many of those waiting a follower sees


def floor_state(session: Session, now: datetime) -> dict[str, Any] | None:
    """Who has the floor, their clock against the limit, and the next three speakers
    (of the item the speech is on, else the current item's list); None when nobody
    speaks and nobody waits. ``elapsed`` and ``running`` let a page tick the clock."""
    found = session.speech_in_progress()
    key = found[0] if found else session.current
    waiting = session.waiting_speakers(key) if key else []
    if found is None and not waiting:
        return None
    out: dict[str, Any] = {
        "key": key,
        "speaker": None,
        "next": [{"speaker": printable(s.speaker), "point_of_order": s.point_of_order}
                 for s in waiting[:NEXT_SPEAKERS]],
        "waiting": len(waiting),
    }
    if found is not None:
        from .floor import Countdown  # the floor's module: imported once a speech runs

        speech = found[1]
        countdown = Countdown.of(speech, session.speaking_limit(found[0]), now)
        out.update({
            "speaker": printable(speech.speaker),
            "point_of_order": speech.point_of_order,
            "elapsed": round(countdown.elapsed, 3),
            "limit": countdown.limit,
            "remaining": (None if countdown.remaining is None
                          else round(countdown.remaining, 3)),
            "level": countdown.level,
            "running": countdown.running,
            "paused": countdown.paused,
            "clock": countdown_clock(countdown.elapsed, countdown.limit),
            "line": speech_line(countdown.elapsed, countdown.limit),
        })
    return out


def snapshot(session: Session, now: datetime, problem: str | None = None) -> dict[str, Any]:
    """The whole of what a follower sees at ``now`` (UTC), as JSON-ready data."""
    state = session.meeting_state
    return {
        "format": FORMAT,
        "at": now.isoformat(),
        "title": printable(session.title),
        "state": state.value,
        "state_label": state_label(session),
        "running": session.running,
        "current": _current(session, now),
        "estimate": _estimate(session, now),
        "agenda": _agenda(session, now),
        "decisions": _decisions(session),
        "floor": floor_state(session, now),
        "problem": printable(problem) if problem else None,
    }
