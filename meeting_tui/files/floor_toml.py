"""The floor in the session file (format 5): the roll, the attendance of each day, each
item's list of speakers and speeches, its speaking-time limit, and the vote of a
decision. Written by ``session_toml``, read back by ``session_reading``.

The shapes, in the TOML::

    [[roll]]                      name = "Anna Berg", voting = true, kind = "delegation"
    [[attendance]]                day = 2025-03-03, taken = 2025-03-03T09:05:00Z
    [attendance.marks]            "Anna Berg" = "present"
    [[items.KEY.speeches]]        id, speaker, added, spans, point_of_order, done, paused
    [items.KEY.decisions.vote]    for, against, abstaining, rule = "simple majority of
                                  votes cast", adopted (for the reader of the file: the
                                  result is computed again from the rule), roll_call

Every type is checked as it is read, so a hand-edited file gives one clear line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from ..core.clock import Span
from ..core.session import Session

if TYPE_CHECKING:  # imported by the readers: a session without them writes none
    from ..core.floor import Speech
    from ..core.roll import Attendance, Participant
    from ..core.votes import Vote


class Checks(Protocol):
    """What the session file's reader checks (``session_reading._Reader``)."""

    def fail(self, problem: str) -> Exception: ...
    def moment(self, value: object, where: str) -> datetime: ...
    def day(self, value: object, where: str) -> date | None: ...
    def table(self, value: object, where: str) -> dict[str, Any]: ...
    def spans(self, table: Mapping[str, Any], where: str) -> list[Span]: ...


# ------------------------------------------------------------------ writing


def spans_table(spans: list[Span]) -> list[dict[str, datetime]]:
    """Spans as the session file writes them, an item's, the meeting's or a speech's."""
    out = []
    for span in spans:
        entry = {"start": span.start}
        if span.end is not None:
            entry["end"] = span.end
        out.append(entry)
    return out


def roll_tables(session: Session) -> dict[str, Any]:
    """The top-level [[roll]] and [[attendance]] (only what there is)."""
    doc: dict[str, Any] = {}
    if session.roll:
        doc["roll"] = [
            {"name": p.name, "voting": p.voting, **({"kind": p.kind} if p.kind else {})}
            for p in session.roll
        ]
    if session.attendance:
        doc["attendance"] = [
            {"day": a.day, "taken": a.taken,
             "marks": {name: str(mark) for name, mark in a.marks.items()}}
            for a in session.attendance
        ]
    return doc


def speech_table(speech: Speech) -> dict[str, Any]:
    table: dict[str, Any] = {"id": speech.id, "speaker": speech.speaker,
                             "added": speech.added}
    if speech.point_of_order:
        table["point_of_order"] = True
    if speech.spans:
        table["spans"] = spans_table(speech.spans)
    if speech.done:
        table["done"] = True
    if speech.paused:
        table["paused"] = True
    return table


def vote_table(vote: Vote) -> dict[str, Any]:
    table: dict[str, Any] = {"for": vote.for_, "against": vote.against,
                             "abstaining": vote.abstaining, "rule": vote.rule.text(),
                             "adopted": vote.adopted}
    if vote.roll_call is not None:
        table["roll_call"] = {name: str(choice) for name, choice in vote.roll_call.items()}
    return table


# ------------------------------------------------------------------ reading


def _text(raw: Mapping[str, Any], key: str, where: str, fail: Callable[[str], Exception],
          default: str | None = None) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        if value is None:
            raise fail(f"{where}: missing '{key}'")
        raise fail(f"{where}: '{key}' has the wrong type ({type(value).__name__})")
    return value


def _flag(raw: Mapping[str, Any], key: str, where: str,
          fail: Callable[[str], Exception]) -> bool:
    value = raw.get(key, False)
    if not isinstance(value, bool):
        raise fail(f"{where}: '{key}' must be true or false, got {value!r}")
    return value


def _count(raw: Mapping[str, Any], key: str, where: str,
           fail: Callable[[str], Exception]) -> int:
    value = raw.get(key, 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise fail(f"{where}: '{key}' must be a number of votes, got {value!r}")
    return value


def _list(raw: Mapping[str, Any], key: str, where: str,
          fail: Callable[[str], Exception]) -> list[Any]:
    value = raw.get(key, [])
    if not isinstance(value, list):
        raise fail(f"{where}: '{key}' must be a list")
    return value


def read_roll(doc: Mapping[str, Any], r: Checks) -> list[Participant]:
    from ..core.roll import Participant

    out = []
    for i, value in enumerate(_list(doc, "roll", "top level", r.fail)):
        where = f"roll[{i}]"
        raw = r.table(value, where)
        voting = raw.get("voting", True)
        if not isinstance(voting, bool):
            raise r.fail(f"{where}: 'voting' must be true or false, got {voting!r}")
        out.append(Participant(_text(raw, "name", where, r.fail), voting,
                               _text(raw, "kind", where, r.fail, "")))
    return out


def read_attendance(doc: Mapping[str, Any], r: Checks) -> list[Attendance]:
    from ..core.roll import Attendance, Presence

    out = []
    for i, value in enumerate(_list(doc, "attendance", "top level", r.fail)):
        where = f"attendance[{i}]"
        raw = r.table(value, where)
        day = r.day(raw.get("day"), where)
        if day is None:
            raise r.fail(f"{where}: missing 'day'")
        marks: dict[str, Presence] = {}
        for name, mark in r.table(raw.get("marks", {}), f"{where}.marks").items():
            try:
                marks[name] = Presence(mark)
            except ValueError:
                raise r.fail(f"{where}.marks: {name!r} is {mark!r} (expected present, "
                             "absent or excused)") from None
        out.append(Attendance(day, r.moment(raw.get("taken"), where), marks))
    return sorted(out, key=lambda a: a.day)


def read_speeches(raw_item: Mapping[str, Any], where: str, r: Checks) -> list[Speech]:
    from ..core.floor import Speech

    out = []
    for i, value in enumerate(_list(raw_item, "speeches", where, r.fail)):
        at = f"{where}.speeches[{i}]"
        raw = r.table(value, at)
        speech_id = raw.get("id")
        if isinstance(speech_id, bool) or not isinstance(speech_id, int):
            raise r.fail(f"{at}: 'id' must be a number, got {speech_id!r}")
        out.append(Speech(speech_id, _text(raw, "speaker", at, r.fail),
                          _flag(raw, "point_of_order", at, r.fail),
                          r.moment(raw.get("added"), at), r.spans(raw, at),
                          _flag(raw, "done", at, r.fail), _flag(raw, "paused", at, r.fail)))
    return out


def read_limit(raw_item: Mapping[str, Any], where: str, r: Checks) -> int | None:
    limit = raw_item.get("speaking_limit")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)
                              or limit <= 0):
        raise r.fail(f"{where}: 'speaking_limit' is not a number of seconds ({limit!r})")
    return limit


def read_vote(value: object, where: str, r: Checks) -> Vote | None:
    if value is None:
        return None
    from ..core.votes import Choice, Vote, parse_rule

    at = f"{where}.vote"
    raw = r.table(value, at)
    try:
        rule = parse_rule(_text(raw, "rule", at, r.fail, "simple majority of votes cast"))
    except ValueError as error:
        raise r.fail(f"{at}: {error}") from None
    if "roll_call" in raw:
        votes: dict[str, Choice] = {}
        for name, choice in r.table(raw["roll_call"], f"{at}.roll_call").items():
            try:
                votes[name] = Choice(choice)
            except ValueError:
                raise r.fail(f"{at}.roll_call: {name!r} voted {choice!r} (expected for, "
                             "against or abstain)") from None
        return Vote.from_roll_call(votes, rule)
    return Vote(_count(raw, "for", at, r.fail), _count(raw, "against", at, r.fail),
                _count(raw, "abstaining", at, r.fail), rule)
