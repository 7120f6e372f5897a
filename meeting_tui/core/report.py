"""The time report: sittings and their breaks, items against their plans.

Plain data built from a Session (every figure from stored UTC timestamps, in whole
seconds), rendered as text for the terminal and the app, or as JSON. Also loads a
session file on its own for `meeting-tui report`, finding its agenda.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from .clock import format_duration, local_zone_name, total_seconds
from .printable import printable
from .session import ItemStatus, MeetingState, Session
from .speaking import SpeakingFigures, build_speaking, speaking_json, speaking_lines


@dataclass(frozen=True)
class BreakFigures:
    start: datetime
    end: datetime | None  # None: the break is under way
    seconds: int


@dataclass(frozen=True)
class SittingFigures:
    number: int
    start: datetime
    end: datetime | None  # None: the day is not ended
    spent_seconds: int
    break_seconds: int
    breaks: tuple[BreakFigures, ...]


# Not frozen: one is made per item each time the report opens, and a frozen one costs
# three times as much to make (5,000 items: 15 ms against 6).
@dataclass(slots=True)
class ItemFigures:
    key: str
    number: str | None
    title: str
    depth: int
    planned_minutes: int | None  # its own plan, or the sum of its sub-items' (all planned)
    spent_seconds: int  # the item's own spans only
    section_seconds: int  # the item and its sub-items: what the plan is measured against
    status: str
    days: tuple[int, ...]  # the sittings in which it was discussed
    # A parent only some of whose sub-items have a plan: the minutes planned inside it
    # (it has no plan itself, so nothing is measured against them).
    partly_minutes: int | None = None

    @property
    def over_seconds(self) -> int | None:
        """Section time past the plan (negative: time left); None without a plan."""
        if self.planned_minutes is None:
            return None
        return self.section_seconds - self.planned_minutes * 60


@dataclass(frozen=True)
class TimeReport:
    title: str
    at: datetime
    state: MeetingState
    sittings: tuple[SittingFigures, ...]
    items: tuple[ItemFigures, ...]
    spent_seconds: int
    break_seconds: int
    planned_minutes: int
    remaining_seconds: int  # planned time left on the items not yet done
    unplanned: int  # items not yet done that have no plan
    speaking: SpeakingFigures | None = None  # None: no list of speakers (core/speaking.py)


PENDING = ItemStatus.PENDING.value


def _secs(value: float) -> int:
    return int(round(value))


def build_report(session: Session, now: datetime | None = None) -> TimeReport:
    # Stored times are whole seconds: with "now" whole too, every figure is exact.
    now = (now or session.now()).replace(microsecond=0)
    sittings = []
    for sitting in session.sittings():
        breaks = tuple(
            BreakFigures(b.start, b.end, _secs(b.seconds(now))) for b in sitting.breaks()
        )
        sittings.append(
            SittingFigures(
                sitting.number,
                sitting.start,
                sitting.end,
                _secs(sitting.spent(now)),
                sum(b.seconds for b in breaks),
                breaks,
            )
        )
    starts = [s.start for s in sittings]

    def day_of(moment: datetime) -> int:
        day = 1
        for number, start in enumerate(starts, start=1):
            if start <= moment:
                day = number
        return day

    order = session.order
    # Each item's own seconds (only items with a state have any), then its section's,
    # summed from the sub-items up: one pass, where asking the session item by item
    # walked every section again under each of its parents. Whole seconds: exact sums.
    own: dict[str, float] = {}
    days: dict[str, tuple[int, ...]] = {}
    for key, state in session.states.items():
        if state.spans:
            own[key] = total_seconds(state.spans, now)
            # Days with time on the item (a span left in the second it began is none).
            days[key] = tuple(sorted({day_of(span.start) for span in state.spans
                                      if span.end is None or span.end > span.start}))
    section: dict[str, float] = {}
    for item in reversed(order):  # sub-items come after their parents
        section[item.key] = own.get(item.key, 0.0) + sum(
            section[child.key] for child in item.children)
    depth: dict[str, int] = {}
    states = session.states
    items = []
    for item in order:  # parents come before their sub-items
        key = item.key
        depth.setdefault(key, 0)
        for child in item.children:
            depth[child.key] = depth[key] + 1
        held = states.get(key)
        spent = own.get(key)
        items.append(
            ItemFigures(
                key=key,
                number=item.number,
                title=item.title,
                depth=depth[key],
                planned_minutes=session.planned_minutes(key),
                spent_seconds=0 if spent is None else _secs(spent),
                section_seconds=_secs(section[key]),
                status=PENDING if held is None else held.status.value,
                days=days.get(key, ()),
                # Only a parent can be partly planned (its sub-items some of them).
                partly_minutes=session.partly_planned(key) if item.children else None,
            )
        )
    remaining, unplanned = session.remaining_plan(now)
    return TimeReport(
        title=session.title,
        at=now,
        state=session.meeting_state,
        sittings=tuple(sittings),
        items=tuple(items),
        spent_seconds=sum(s.spent_seconds for s in sittings),
        break_seconds=sum(s.break_seconds for s in sittings),
        planned_minutes=session.total_planned_minutes(),
        remaining_seconds=_secs(remaining),
        unplanned=unplanned,
        speaking=build_speaking(session, now),
    )


# ------------------------------------------------------------------ JSON


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def report_json(report: TimeReport) -> dict[str, Any]:
    """Exactly the documented shape; times are UTC ISO 8601."""
    doc: dict[str, Any] = {
        "sittings": [
            {
                "start": _iso(s.start),
                "end": _iso(s.end),
                "spent_seconds": s.spent_seconds,
                "break_seconds": s.break_seconds,
            }
            for s in report.sittings
        ],
        "items": [
            {
                "number": i.number,
                "title": i.title,
                "planned_minutes": i.planned_minutes,
                "spent_seconds": i.spent_seconds,
                "status": i.status,
            }
            for i in report.items
        ],
        "meeting": {
            "spent_seconds": report.spent_seconds,
            "break_seconds": report.break_seconds,
            "planned_minutes": report.planned_minutes,
        },
    }
    if report.speaking is not None:  # only with a list of speakers: else as before
        doc["speaking"] = speaking_json(report.speaking)
    return doc


# ------------------------------------------------------------------ text

TEXT_WIDTH = 100


def _hm(moment: datetime, tz: tzinfo | None, day: datetime | None = None) -> str:
    """HH:MM in the zone; with the weekday when it is not on ``day``'s date."""
    local = moment.astimezone(tz)
    if day is not None and local.date() != day.astimezone(tz).date():
        return local.strftime("%a %d %H:%M")
    return local.strftime("%H:%M")


def _days(days: tuple[int, ...]) -> str:
    if not days:
        return ""
    if len(days) > 2 and days == tuple(range(days[0], days[-1] + 1)):
        return f"{days[0]}-{days[-1]}"
    return ",".join(str(d) for d in days)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def render_text(
    report: TimeReport,
    tz: tzinfo | None = None,
    zone_name: str | None = None,
    width: int | None = TEXT_WIDTH,
) -> str:
    """The report for people: times in ``tz`` (default: the local zone); the
    control characters of titles shown visibly. Titles are cut to fit ``width``
    columns (a terminal, the app's dialog); with ``width`` None they are given in full
    (piped or in a file, where a cut loses words for nothing)."""
    dur = format_duration
    zone = zone_name or (local_zone_name() if tz is None else str(tz))
    at = report.at.astimezone(tz)
    lines = [
        f"Time report: {report.title}",
        f"At {at.strftime('%a %d %b %Y %H:%M')} ({zone}); the meeting is {report.state.value}.",
        "",
        "Sittings",
    ]
    if not report.sittings:
        lines.append("  The meeting has not started.")
    for s in report.sittings:
        start = s.start.astimezone(tz)
        end = _hm(s.end, tz, s.start) if s.end else "…"
        lines.append(
            f"  Day {s.number}  {start.strftime('%a %d %b %Y')}  "
            f"{_hm(s.start, tz)}–{end}  spent {dur(s.spent_seconds, hours=True)}  "
            f"breaks {dur(s.break_seconds, hours=True)}"
        )
        for b in s.breaks:
            until = _hm(b.end, tz, b.start) if b.end else "now (under way)"
            lines.append(
                f"      break {_hm(b.start, tz)}–{until}  {dur(b.seconds, hours=True)}"
            )
    lines += ["", "Items"]
    number_width = min(12, max((len(i.number or "") + 2 * i.depth for i in report.items),
                               default=0))
    # The days column only tells something when the meeting has sat more than one day.
    several_days = len(report.sittings) > 1
    days_head = f" {'days':>5}" if several_days else ""
    fixed = 44 + len(days_head)  # the gaps and the plan, spent, vs plan, status columns
    if width is None:
        title_width = max(10, max((len(i.title) for i in report.items), default=0))
    else:
        title_width = max(10, width - number_width - fixed)
    header = (
        f"  {'':<{number_width}} {'':<{title_width}} {'plan':>8} {'spent':>8} "
        f"{'vs plan':>13}{days_head}  status"
    )
    lines.append(header)
    for i in report.items:
        number = _fit("  " * i.depth + (i.number or ""), number_width)
        plan = (f"{i.planned_minutes} min" if i.planned_minutes is not None
                else "partly" if i.partly_minutes is not None else "-")
        spent = dur(i.spent_seconds, hours=True) if i.spent_seconds else "-"
        over = i.over_seconds
        if over is None or (over < 0 and not i.section_seconds):
            versus = ""
        elif over > 0:
            versus = f"+{dur(over)} over"
        elif i.status in ("done", "skipped"):
            versus = f"{dur(-over)} under"
        else:
            versus = f"{dur(-over)} left"
        lines.append(
            f"  {number:<{number_width}} {_fit(i.title, title_width):<{title_width}} "
            f"{plan:>8} {spent:>8} {versus:>13}"
            + (f" {_days(i.days):>5}" if several_days else "") + f"  {i.status}"
        )
    if any(i.partly_minutes is not None for i in report.items):
        lines += textwrap.wrap("partly: some of its sub-items have a plan, not all, so "
                               "the section has none", width or TEXT_WIDTH,
                               initial_indent="  ",
                               subsequent_indent="          ")
    lines += [
        "",
        f"Meeting: spent {dur(report.spent_seconds, hours=True)} in "
        f"{len(report.sittings)} day{'s' if len(report.sittings) != 1 else ''}, "
        f"breaks {dur(report.break_seconds, hours=True)}, "
        f"planned {dur(report.planned_minutes * 60, hours=True)} "
        f"({report.planned_minutes} min).",
    ]
    left = ("Planned time left on the items not yet done: "
            f"{dur(report.remaining_seconds, hours=True)}")
    if report.unplanned:
        one = report.unplanned == 1
        left += (f"; {report.unplanned} of them {'has' if one else 'have'} no plan and "
                 f"count{'s' if one else ''} for nothing")
    lines.append(left + ".")
    if report.speaking is not None:
        lines += ["", *speaking_lines(report.speaking, width)]
    # Titles are data: their controls shown. Line by line, where most lines are plain
    # (a check in C), not by a regular expression over the whole text.
    return "\n".join(map(printable, lines)) + "\n"
