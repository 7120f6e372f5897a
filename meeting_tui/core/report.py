"""The time report: sittings and their breaks, items against their plans.

Plain data built from a Session (every figure from stored UTC timestamps, in whole
seconds), rendered as text for the terminal and the app, or as JSON. Also loads a
session file on its own for `meeting-tui report`, finding its agenda.

Longer than most modules, for a reason: the figures and the text are made lazily,
item by item (``ItemsFigures``, ``ReportText``), so that the app's dialog opens at
once on an agenda of thousands of items; what the CLI prints is the same lines joined,
and keeping both in one place keeps them one text.
"""

from __future__ import annotations

import textwrap
import weakref
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime, tzinfo
from typing import TYPE_CHECKING, Any, NamedTuple, overload

from .agenda import Item
from .clock import format_duration, local_zone_name, total_seconds
from .outline import Outline
from .printable import printable
from .session import ItemStatus, MeetingState, Session

if TYPE_CHECKING:  # imported when a meeting has a list of speakers
    from .speaking import SpeakingFigures


# Named tuples, not dataclasses: they are made as the report first opens, and Python
# 3.11 compiles each generated method of a dataclass (these four: 17 million
# instructions, a sixth of the dialog's first opening; as named tuples 3.5 million).
class BreakFigures(NamedTuple):
    start: datetime
    end: datetime | None  # None: the break is under way
    seconds: int


class SittingFigures(NamedTuple):
    number: int
    start: datetime
    end: datetime | None  # None: the day is not ended
    spent_seconds: int
    break_seconds: int
    breaks: tuple[BreakFigures, ...]


# A named tuple: made as fast as a slotted dataclass (a frozen one costs three times as
# much to make), and each only when its line is asked for.
class ItemFigures(NamedTuple):
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


class _Shape:
    """What the report reads of an outline's shape, made once per outline (an
    amended agenda is a new one): how deep each item is, by position, each item's
    parent (at 20,000 items some 15 ms each time the report opened), and the widest
    number indented by its depth, up to 12 columns.

    Made in one walk of the tree: the outline's order is that walk (sub-items after
    their parent), so each item's position is the count of items visited before it,
    with no look-up of its key. The first report of an outline of 20,000 items made
    it in some 13 ms, looking up each sub-item's position and going over the items
    again for the numbers; some 5 ms so."""

    def __init__(self, outline: Outline) -> None:
        size = len(outline.order)
        self.depth = depth = [0] * size
        self.parent = parent = [-1] * size  # by position; -1 at the top
        widest = 0
        position = 0

        def visit(items: tuple[Item, ...], level: int, above: int) -> None:
            nonlocal widest, position
            indent = 2 * level
            for item in items:
                here = position
                position += 1
                depth[here], parent[here] = level, above
                width = len(item.number or "") + indent
                if width > widest:
                    widest = width
                if item.children:
                    visit(item.children, level + 1, here)

        visit(outline.agenda.items, 0, -1)
        self.number_width = min(12, widest)


_SHAPES: weakref.WeakKeyDictionary[Outline, _Shape] = weakref.WeakKeyDictionary()


def _shape(outline: Outline) -> _Shape:
    shape = _SHAPES.get(outline)
    if shape is None:
        shape = _SHAPES[outline] = _Shape(outline)
    return shape


class ItemsFigures(Sequence[ItemFigures]):
    """Every item's figures, in agenda order, each made when first asked for.

    The time report opens on its first lines: at 5,000 items making every item's
    figures before it opened was some 25 ms, formatting them 20 ms more. What is made
    here, once, looks only at the items with a state (their seconds, the days they
    were discussed, their sections' sums up through their parents) and at the
    parents (how deep each sub-item is). The rest (plans, titles) is read as each item
    is asked for, from the outline and plans as they were when the report was built
    (nothing changes them while a report is open or printed)."""

    def __init__(self, session: Session, now: datetime, day_of: Callable[[datetime], int],
                 ) -> None:
        self._session = session
        outline = session.outline
        self._order = order = outline.order
        index = outline.index
        # Each item's own seconds (only items with a state have any), and the days
        # with time on it (a span left in the second it began is none); its status.
        own: dict[str, float] = {}
        days: dict[str, tuple[int, ...]] = {}
        status: dict[str, str] = {}
        for key, state in session.states.items():
            status[key] = state.status.value
            if state.spans:
                own[key] = total_seconds(state.spans, now)
                days[key] = tuple(sorted({day_of(span.start) for span in state.spans
                                          if span.end is None or span.end > span.start}))
        # A section's seconds: its items' own, added up through each one's parents
        # (whole seconds: exact sums in any order). An entry of an item the agenda
        # lost counts nowhere.
        self._shape = shape = _shape(outline)
        self.depth, parent = shape.depth, shape.parent
        section: dict[str, float] = {}
        for key, seconds in own.items():
            above = index.get(key, -1)
            while above >= 0:
                up = order[above].key
                section[up] = section.get(up, 0.0) + seconds
                above = parent[above]
        self._own, self._days, self._status, self._section = own, days, status, section
        self._made: list[ItemFigures | None] = [None] * len(order)

    def __len__(self) -> int:
        return len(self._order)

    @overload
    def __getitem__(self, at: int) -> ItemFigures: ...
    @overload
    def __getitem__(self, at: slice) -> list[ItemFigures]: ...

    def __getitem__(self, at: int | slice) -> ItemFigures | list[ItemFigures]:
        if isinstance(at, slice):
            return [self[n] for n in range(*at.indices(len(self)))]
        figures = self._made[at]  # an IndexError past the end, as a tuple gives
        if figures is None:
            figures = self._made[at] = self._figures(at % len(self._order))
        return figures

    def __iter__(self) -> Iterator[ItemFigures]:
        for n in range(len(self._order)):
            yield self[n]

    @property
    def made(self) -> int:
        """How many items' figures were made so far."""
        return sum(figures is not None for figures in self._made)

    def _figures(self, position: int) -> ItemFigures:
        item = self._order[position]
        key = item.key
        session = self._session
        spent = self._own.get(key)
        return ItemFigures(
            key=key,
            number=item.number,
            title=item.title,
            depth=self.depth[position],
            planned_minutes=session.planned_minutes(key),
            spent_seconds=0 if spent is None else _secs(spent),
            section_seconds=_secs(self._section.get(key, 0.0)),
            status=self._status.get(key, PENDING),
            days=self._days.get(key, ()),
            # Only a parent can be partly planned (its sub-items some of them).
            partly_minutes=session.partly_planned(key) if item.children else None,
        )

    def number_width(self) -> int:
        """The widest number, indented by depth, up to 12 columns."""
        return self._shape.number_width

    def title_width(self) -> int:
        """The longest title's length."""
        return max((len(item.title) for item in self._order), default=0)

    def any_partly(self) -> bool:
        """Whether a parent is partly planned."""
        partly = self._session.partly_planned
        return any(partly(item.key) is not None for item in self._order if item.children)


class TimeReport(NamedTuple):
    title: str
    at: datetime
    state: MeetingState
    sittings: tuple[SittingFigures, ...]
    items: ItemsFigures  # each item's made when first asked for
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

    remaining, unplanned = session.remaining_plan(now)
    # Most meetings have no list of speakers: then nothing is walked for one.
    speaking = None
    if any(state.speeches for state in session.states.values()):
        from .speaking import build_speaking

        speaking = build_speaking(session, now)
    return TimeReport(
        title=session.title,
        at=now,
        state=session.meeting_state,
        sittings=tuple(sittings),
        items=ItemsFigures(session, now, day_of),
        spent_seconds=sum(s.spent_seconds for s in sittings),
        break_seconds=sum(s.break_seconds for s in sittings),
        planned_minutes=session.total_planned_minutes(),
        remaining_seconds=_secs(remaining),
        unplanned=unplanned,
        speaking=speaking,
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
        from .speaking import speaking_json

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


class ReportText(Sequence[str]):
    """The report for people, as its lines: ``render_text`` joins them (the last one
    empty: the text ends with a newline). Only the lines asked for are made: the
    app's dialog draws the lines in view, and at 5,000 items formatting them all took
    some 20 ms before it opened. Each line is made printable (titles are data)."""

    def __init__(
        self,
        report: TimeReport,
        tz: tzinfo | None = None,
        zone_name: str | None = None,
        width: int | None = TEXT_WIDTH,
    ) -> None:
        self.items = items = report.items
        dur = format_duration
        zone = zone_name or (local_zone_name() if tz is None else str(tz))
        at = report.at.astimezone(tz)
        lines = [
            f"Time report: {report.title}",
            f"At {at.strftime('%a %d %b %Y %H:%M')} ({zone}); the meeting is "
            f"{report.state.value}.",
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
        self.number_width = number_width = items.number_width()
        # The days column only tells something when the meeting has sat more than one day.
        self.several_days = several_days = len(report.sittings) > 1
        days_head = f" {'days':>5}" if several_days else ""
        fixed = 44 + len(days_head)  # the gaps and the plan, spent, vs plan, status columns
        if width is None:
            self.title_width = max(10, items.title_width())
        else:
            self.title_width = max(10, width - number_width - fixed)
        lines.append(
            f"  {'':<{number_width}} {'':<{self.title_width}} {'plan':>8} {'spent':>8} "
            f"{'vs plan':>13}{days_head}  status"
        )
        self.head = [printable(line) for line in lines]
        lines = []
        if items.any_partly():
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
            from .speaking import speaking_lines

            lines += ["", *speaking_lines(report.speaking, width)]
        lines.append("")  # the text ends with a newline
        self.tail = [printable(line) for line in lines]
        self._made: dict[int, str] = {}

    def __len__(self) -> int:
        return len(self.head) + len(self.items) + len(self.tail)

    @overload
    def __getitem__(self, at: int) -> str: ...
    @overload
    def __getitem__(self, at: slice) -> list[str]: ...

    def __getitem__(self, at: int | slice) -> str | list[str]:
        if isinstance(at, slice):
            return [self[n] for n in range(*at.indices(len(self)))]
        if at < 0:
            at += len(self)
        n = at - len(self.head)
        if n < 0:
            return self.head[at]  # an IndexError below 0, as a list gives
        if n < len(self.items):
            line = self._made.get(n)
            if line is None:
                line = self._made[n] = self._item_line(self.items[n])
            return line
        return self.tail[n - len(self.items)]

    def __iter__(self) -> Iterator[str]:
        yield from self.head
        for n in range(len(self.items)):
            yield self[len(self.head) + n]
        yield from self.tail

    @property
    def made(self) -> int:
        """How many items' lines were made so far."""
        return len(self._made)

    def _item_line(self, i: ItemFigures) -> str:
        dur = format_duration
        number_width, title_width = self.number_width, self.title_width
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
        # Titles are data: their controls shown (most lines are plain: a check in C).
        return printable(
            f"  {number:<{number_width}} {_fit(i.title, title_width):<{title_width}} "
            f"{plan:>8} {spent:>8} {versus:>13}"
            + (f" {_days(i.days):>5}" if self.several_days else "") + f"  {i.status}"
        )


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
    return "\n".join(ReportText(report, tz, zone_name, width))
