"""A session file's document (of this or an older format) back to a Session over an
agenda.

Files of an older format are upgraded on load (``UPGRADES``); entries for items the
agenda no longer has are kept (``matching``). The reader checks every type as it
reads, so a hand-edited file gives a clear one-line error. Writing is
``session_toml``'s; reading the file itself is ``session_file``'s.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, overload

from ..core.agenda import Agenda
from ..core.amend import ADD, AFTER, MOVE, OPS, RENAME, UNDER, Amendment, Ref
from ..core.clock import Now, Span, utc_now
from ..core.errors import InputError
from ..core.outline import Outline
from ..core.session import (
    Action,
    ActionStatus,
    Decision,
    DecisionStatus,
    ItemState,
    ItemStatus,
    Note,
    Session,
    UnmatchedEntry,
)
from ..core.settings import MeetingSettings
from ..core.translations import read_translations
from .floor_toml import read_attendance, read_limit, read_roll, read_speeches, read_vote
from .session_toml import FORMAT_VERSION

if TYPE_CHECKING:
    from ..core.matching import Entry, Matching

Document = dict[str, Any]
_T = TypeVar("_T")
_D = TypeVar("_D")
_REQUIRED: Any = object()
# The moments a session file may hold (see Reader.moment).
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def _upgrade_from_1(doc: Document) -> Document:
    """Format 1 kept entries of items the agenda no longer had in [items] under their
    old key; matching on load moves them to [[unmatched]]. Nothing else changed."""
    return {**doc, "format": 2}


def _upgrade_from_2(doc: Document) -> Document:
    """Format 2 had no amendments: its agenda is the agenda file's."""
    return {**doc, "format": 3}


def _upgrade_from_3(doc: Document) -> Document:
    """Format 3 had no notes and no follow-up actions: its items have none."""
    return {**doc, "format": 4}


def _upgrade_from_4(doc: Document) -> Document:
    """Format 4 had no floor: no roll, no attendance, no speeches, no votes."""
    return {**doc, "format": 5}


# For each older format, the function that turns its document into the next format's.
UPGRADES: dict[int, Callable[[Document], Document]] = {
    1: _upgrade_from_1,
    2: _upgrade_from_2,
    3: _upgrade_from_3,
    4: _upgrade_from_4,
}


class _Reader:
    """Checks types as it reads, so a hand-edited file gives a clear error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, problem: str) -> InputError:
        return InputError(self.path, problem)

    @overload
    def get(self, table: Mapping[str, Any], key: str, kind: type[_T], where: str) -> _T: ...

    @overload
    def get(self, table: Mapping[str, Any], key: str, kind: type[_T], where: str,
            default: _D) -> _T | _D: ...

    def get(self, table: Mapping[str, Any], key: str, kind: type[Any], where: str,
            default: Any = _REQUIRED) -> Any:
        if key not in table:
            if default is _REQUIRED:
                raise self.fail(f"{where}: missing '{key}'")
            return default
        value = table[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(f"{where}: '{key}' has the wrong type ({type(value).__name__})")
        return value

    def moment(self, value: object, where: str) -> datetime:
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise self.fail(f"{where}: expected a UTC date-time, got {value!r}")
        if not EARLIEST <= value <= LATEST:
            # Near the ends of datetime's range, a local time or a day after it
            # overflows (OverflowError in the report): no meeting is held there.
            raise self.fail(f"{where}: {value.isoformat()} is not a time of a meeting "
                            f"(years {EARLIEST.year} to {LATEST.year})")
        return value

    def day(self, value: object, where: str) -> date | None:
        """An optional calendar date (TOML local date), such as an adoption date."""
        if value is None:
            return None
        if isinstance(value, datetime) or not isinstance(value, date):
            raise self.fail(f"{where}: expected a date such as 2020-09-25, got {value!r}")
        return value

    def table(self, value: object, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{where}: expected a table")
        return value

    def amendment(self, value: object, where: str) -> Amendment:
        raw = self.table(value, where)
        op = self.get(raw, "op", str, where)
        if op not in OPS:
            raise self.fail(f"{where}: unknown amendment {op!r} (expected {', '.join(OPS)})")
        item = Ref(self.get(raw, "item", str, where),
                   self.get(raw, "item_number", str, where, None),
                   self.get(raw, "item_title", str, where, None))
        at = raw.get("at")
        fields: dict[str, Any] = {"at": self.moment(at, where) if at is not None else None}
        if op == ADD:
            fields["key"] = self.get(raw, "key", str, where)
            fields["place"] = self.get(raw, "place", str, where, AFTER)
            if fields["place"] not in (AFTER, UNDER):
                raise self.fail(f"{where}: 'place' must be \"{AFTER}\" or \"{UNDER}\"")
        if op in (ADD, RENAME):
            fields["number"] = self.get(raw, "number", str, where, None)
            fields["title"] = self.get(raw, "title", str, where)
        if op == MOVE:
            direction = self.get(raw, "direction", str, where)
            if direction not in ("up", "down"):
                raise self.fail(f"{where}: 'direction' must be \"up\" or \"down\"")
            fields["step"] = -1 if direction == "up" else 1
        return Amendment(op, item, **fields)

    def spans(self, table: Mapping[str, Any], where: str) -> list[Span]:
        spans = []
        for i, value in enumerate(self.get(table, "spans", list, where, [])):
            at = f"{where}.spans[{i}]"
            raw = self.table(value, at)
            end = raw.get("end")
            spans.append(Span(self.moment(raw.get("start"), at),
                              self.moment(end, at) if end is not None else None))
        return spans

    def decision(self, value: object, where: str) -> Decision:
        d = self.table(value, where)
        try:
            status = DecisionStatus(self.get(d, "status", str, where, "draft"))
        except ValueError:
            raise self.fail(f"{where}: unknown status {d.get('status')!r}") from None
        return Decision(
            id=self.get(d, "id", int, where),
            text=self.get(d, "text", str, where, ""),
            status=status,
            created=self.moment(d.get("created"), where),
            modified=self.moment(d.get("modified"), where),
            adopted=self.day(d.get("adopted"), where),
            translations=self.translations(d.get("translations"), where),
            vote=read_vote(d.get("vote"), where, self),
        )

    def translations(self, value: object, where: str) -> dict[str, str]:
        try:
            return read_translations(value, where)
        except ValueError as exc:
            raise self.fail(str(exc)) from None

    def note(self, value: object, where: str) -> Note:
        n = self.table(value, where)
        return Note(id=self.get(n, "id", int, where),
                    text=self.get(n, "text", str, where, ""),
                    created=self.moment(n.get("created"), where),
                    speaker=self.get(n, "speaker", str, where, ""))

    def action(self, value: object, where: str) -> Action:
        a = self.table(value, where)
        try:
            status = ActionStatus(self.get(a, "status", str, where, "open"))
        except ValueError:
            raise self.fail(f"{where}: unknown status {a.get('status')!r} "
                            "(expected open or done)") from None
        return Action(id=self.get(a, "id", int, where),
                      text=self.get(a, "text", str, where, ""),
                      owner=self.get(a, "owner", str, where, ""),
                      due=self.get(a, "due", str, where, ""),
                      due_date=self.day(a.get("due_date"), where),
                      status=status,
                      created=self.moment(a.get("created"), where),
                      decision=self.get(a, "decision", int, where, None))

    def item_state(self, raw: Mapping[str, Any], where: str) -> ItemState:
        try:
            status = ItemStatus(self.get(raw, "status", str, where, "pending"))
        except ValueError:
            raise self.fail(f"{where}: unknown status {raw.get('status')!r}") from None
        state = ItemState(status=status, spans=self.spans(raw, where))
        if "planned_minutes" in raw:
            plan = raw["planned_minutes"]
            if plan != "none" and (not isinstance(plan, int) or isinstance(plan, bool)
                                   or plan < 0):
                raise self.fail(f"{where}: 'planned_minutes' must be minutes or \"none\", "
                                f"got {plan!r}")
            state.plan, state.plan_set = (None if plan == "none" else plan), True
        state.decisions = [self.decision(d, f"{where}.decisions[{i}]")
                           for i, d in enumerate(self.get(raw, "decisions", list, where, []))]
        state.notes = [self.note(n, f"{where}.notes[{i}]")
                       for i, n in enumerate(self.get(raw, "notes", list, where, []))]
        state.actions = [self.action(a, f"{where}.actions[{i}]")
                         for i, a in enumerate(self.get(raw, "actions", list, where, []))]
        state.speeches = read_speeches(raw, where, self)
        state.speaking_limit = read_limit(raw, where, self)
        return state


@dataclass
class AgendaChange:
    """How the entries of a session file met the agenda they were loaded over."""

    changed: bool = False  # the agenda's text is not the one the session was saved with
    entries: int = 0  # item entries in the file's [items]
    matched: int = 0
    renumbered: int = 0
    renamed: int = 0
    unmatched: int = 0  # entries kept under "Unmatched" (the earlier ones included)
    unapplied: int = 0  # amendments whose item the agenda no longer has

    def message(self) -> str | None:
        """What to tell the user, or None when there is nothing to say."""
        if not self.changed:
            return None
        how = [f"{n} {word}" for n, word in ((self.renumbered, "renumbered"),
                                              (self.renamed, "renamed")) if n]
        text = (f"The agenda changed since this session was saved: {self.matched} of "
                f"{self.entries} items in the session matched"
                + (f" ({', '.join(how)})" if how else ""))
        lost = self.entries - self.matched
        if lost or self.unmatched:
            entries = "1 entry" if self.unmatched == 1 else f"{self.unmatched} entries"
            text += (f"; {lost} did not. Their decisions are kept under \"Unmatched\" at "
                     f"the end of the agenda ({entries} in all)")
        if self.unapplied:
            text += (f"; {self.unapplied} amendment{'s' if self.unapplied > 1 else ''} of the "
                     "agenda no longer appl" + ("y" if self.unapplied > 1 else "ies")
                     + " (the item is not found; kept in the session file)")
        return text + "."


@dataclass
class Loaded:
    """A session read from its file, and what happened on the way."""

    session: Session
    version: int  # the format the file was written in (upgraded if below FORMAT_VERSION)
    change: AgendaChange = field(default_factory=AgendaChange)


def upgrade(doc: Document, path: str | Path) -> tuple[Document, int]:
    """The document in the current format, and the format it was written in."""
    r = _Reader(Path(path))
    version = doc.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise r.fail("not a meeting-tui session file (no 'format' number)")
    if version < 1:
        raise r.fail(f"not a meeting-tui session file (unknown format {version})")
    if version > FORMAT_VERSION:
        raise r.fail(f"written by a newer meeting-tui (format {version}; this one reads "
                     f"up to {FORMAT_VERSION})")
    found = version
    while version < FORMAT_VERSION:
        step = UPGRADES.get(version)
        if step is None:
            raise r.fail(f"not a meeting-tui session file (unknown format {version})")
        doc = step(doc)
        version = doc["format"]
    return doc, found


def build(
    doc: Document,
    agenda: Agenda,
    path: str | Path,
    now: Now | None = None,
    digest: str | None = None,
) -> Loaded:
    """The session, the format it was found in and how its items met ``agenda``
    (whose text hashes to ``digest``, when given). InputError on a foreign or newer
    file, or a value of the wrong kind."""
    r = _Reader(Path(path))
    doc, version = upgrade(doc, path)
    title = r.get(doc, "title", str, "top level", None)
    timezone = r.get(doc, "timezone", str, "top level", "UTC")
    meeting = r.get(doc, "meeting", dict, "top level", {})
    meeting_spans = r.spans(meeting, "meeting")
    ended = r.get(meeting, "ended", bool, "meeting", False)
    day_ends = [r.moment(value, f"meeting.day_ends[{i}]")
                for i, value in enumerate(r.get(meeting, "day_ends", list, "meeting", []))]
    next_decision_id = r.get(doc, "next_decision_id", int, "top level", 1)
    settings = MeetingSettings.from_table(r.get(doc, "settings", dict, "top level", {}),
                                          r.fail)
    # The agenda as amended first: the item entries are matched to it.
    outline = Outline(agenda).amend([
        r.amendment(raw, f"amendments[{i}]")
        for i, raw in enumerate(r.get(doc, "amendments", list, "top level", []))
    ])

    # Every entry, from [items] and from earlier [[unmatched]], is matched to the agenda.
    from ..core.matching import Entry, match  # a session is read: not a new meeting's start

    entries: list[Entry] = []
    raws: list[tuple[dict[str, Any], str]] = []
    for key, value in r.get(doc, "items", dict, "top level", {}).items():
        where = f"items.{key}"
        raw = r.table(value, where)
        entries.append(Entry(key, r.get(raw, "number", str, where, None),
                             r.get(raw, "title", str, where, None)))
        raws.append((raw, where))
    in_items = len(entries)
    for i, value in enumerate(r.get(doc, "unmatched", list, "top level", [])):
        where = f"unmatched[{i}]"
        raw = r.table(value, where)
        entries.append(Entry(r.get(raw, "key", str, where), r.get(raw, "number", str, where, None),
                             r.get(raw, "title", str, where, None)))
        raws.append((raw, where))
    states = [r.item_state(raw, where) for raw, where in raws]
    recorded = r.get(doc, "agenda", dict, "top level", {}).get("sha256")
    same_agenda = digest is not None and recorded == digest
    # On the agenda they were written for, earlier unmatched entries stay unmatched: a
    # save and a load must give back the same session. A changed agenda matches them all.
    candidates = entries[:in_items] if same_agenda else entries
    matching: Matching = match(candidates, outline.order, trust_keys=same_agenda)
    matching.unmatched.extend(range(len(candidates), len(entries)))
    matched_states: dict[str, ItemState] = {}
    unmatched: list[UnmatchedEntry] = []
    for i, entry in enumerate(entries):
        key = matching.keys.get(i)
        if key is not None:
            matched_states[key] = states[i]
        else:
            kept = {k: v for k, v in raws[i][0].items() if k != "key"}
            unmatched.append(UnmatchedEntry(
                entry.key, entry.number, entry.title or entry.key, states[i], kept))

    # The current and selected items, where the agenda moved them.
    moved = {entries[i].key: matching.keys.get(i) for i in range(in_items)}

    def where_now(key: str | None) -> str | None:
        if not key:
            return None
        return moved.get(key, key)

    session = Session.restore(
        outline,
        title=title,
        timezone=timezone,
        now=now or utc_now,
        meeting_spans=meeting_spans,
        ended=ended,
        day_ends=day_ends,
        next_decision_id=next_decision_id,
        settings=settings,
        states=matched_states,
        unmatched=unmatched,
        current=where_now(r.get(doc, "current", str, "top level", None)),
        selected=where_now(r.get(doc, "selected", str, "top level", None)),
    )
    session.roll = read_roll(doc, r)
    session.attendance = read_attendance(doc, r)
    matched = [i for i in range(in_items) if i in matching.keys]
    change = AgendaChange(
        changed=digest is not None and not same_agenda,
        entries=in_items,
        matched=len(matched),
        renumbered=sum(1 for i in matched if matching.how[i] == "renumbered"),
        renamed=sum(1 for i in matched if matching.how[i] == "renamed"),
        unmatched=len(unmatched),
        unapplied=len(outline.amended.unapplied),
    )
    return Loaded(session, version, change)
