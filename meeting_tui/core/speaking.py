"""Speaking time in the time report: per speaker, per item, and the counts of
speeches. A part of ``report`` of its own, since a meeting without a list of speakers
has none of it (its report, text and JSON, is then exactly as before).

Every figure is from the speeches' stored UTC spans, in whole seconds; a speech counts
once it was given the floor (a speech still waiting is counted as waiting).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from .clock import format_duration
from .session import Session


@dataclass(frozen=True)
class SpeakerFigures:
    name: str
    speeches: int
    seconds: int
    points_of_order: int


@dataclass(frozen=True)
class ItemSpeaking:
    key: str
    number: str | None
    title: str
    speeches: int
    seconds: int
    waiting: int


@dataclass(frozen=True)
class SpeakingFigures:
    speakers: tuple[SpeakerFigures, ...]  # most time first
    items: tuple[ItemSpeaking, ...]  # in agenda order, only items with speeches
    speeches: int
    seconds: int
    points_of_order: int
    waiting: int


def build_speaking(session: Session, now: datetime) -> SpeakingFigures | None:
    """None when no item has a list of speakers."""
    per_speaker: dict[str, list[int]] = {}
    names: dict[str, str] = {}
    items: list[ItemSpeaking] = []
    for item in session.order:
        state = session.peek(item.key)
        if state is None or not state.speeches:
            continue
        given = [s for s in state.speeches if not s.waiting]
        seconds = 0
        for speech in given:
            spoken = int(round(speech.seconds(now)))
            seconds += spoken
            fold = speech.speaker.casefold()
            names.setdefault(fold, speech.speaker)
            figures = per_speaker.setdefault(fold, [0, 0, 0])
            figures[0] += 1
            figures[1] += spoken
            figures[2] += speech.point_of_order
        items.append(ItemSpeaking(item.key, item.number, item.title, len(given), seconds,
                                  len(state.speeches) - len(given)))
    if not items:
        return None
    speakers = sorted(
        (SpeakerFigures(names[fold], n, secs, points)
         for fold, (n, secs, points) in per_speaker.items()),
        key=lambda s: (-s.seconds, s.name.casefold()))
    return SpeakingFigures(
        speakers=tuple(speakers),
        items=tuple(items),
        speeches=sum(i.speeches for i in items),
        seconds=sum(i.seconds for i in items),
        points_of_order=sum(s.points_of_order for s in speakers),
        waiting=sum(i.waiting for i in items),
    )


def speaking_json(figures: SpeakingFigures) -> dict[str, Any]:
    return {
        "speakers": [{"name": s.name, "speeches": s.speeches, "seconds": s.seconds,
                      "points_of_order": s.points_of_order} for s in figures.speakers],
        "items": [{"number": i.number, "title": i.title, "speeches": i.speeches,
                   "seconds": i.seconds, "waiting": i.waiting} for i in figures.items],
        "speeches": figures.speeches,
        "seconds": figures.seconds,
        "points_of_order": figures.points_of_order,
        "waiting": figures.waiting,
    }


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def speaking_lines(figures: SpeakingFigures, width: int | None) -> list[str]:
    """The report's "Speaking time" section (its text is made printable by the
    report, with the rest)."""
    dur = format_duration
    labels = [s.name for s in figures.speakers] + [
        f"{i.number} {i.title}" if i.number else i.title for i in figures.items]
    name_width = max(10, max(len(label) for label in labels))
    if width is not None:
        name_width = min(name_width, max(10, width - 26))
    lines = ["Speaking time", f"  {'speaker':<{name_width}} {'speeches':>8} {'time':>8}"]
    for s in figures.speakers:
        lines.append(f"  {_fit(s.name, name_width):<{name_width}} {s.speeches:>8} "
                     f"{dur(s.seconds):>8}")
    lines.append(f"  {'item':<{name_width}} {'speeches':>8} {'time':>8}")
    for i in figures.items:
        label = f"{i.number} {i.title}" if i.number else i.title
        lines.append(f"  {_fit(label, name_width):<{name_width}} {i.speeches:>8} "
                     f"{dur(i.seconds):>8}" + (f"  ({i.waiting} waiting)" if i.waiting
                                               else ""))
    one = figures.speeches == 1
    total = (f"  {figures.speeches} speech{'' if one else 'es'}, {dur(figures.seconds)}")
    if figures.points_of_order:
        n = figures.points_of_order
        total += f", {n} point{'s' if n != 1 else ''} of order"
    if figures.waiting:
        total += f"; {figures.waiting} still waiting"
    return [*lines, total + "."]
