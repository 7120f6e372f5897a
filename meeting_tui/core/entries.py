"""The command line's entries, as a scribe types them: one line, one entry.

    d TEXT                a draft decision on the selected item
    f TEXT                a final decision
    n TEXT                a note ("Chair: TEXT" tags who spoke)
    a OWNER DUE [TEXT]    a follow-up action; without TEXT, the action of the item's
                          last decision ("Instructed the Secretariat to …")
    take 2.1.1            take up the item numbered 2.1.1
    next                  take up the next item
    tr LANG TEXT          the item's last decision in another language (tr fr A adopté …)
    s/old/new/            correct the last entry
    undo                  take back the last entry or change
    adopt [DATE]          the decisions carried from the previous meeting (``meeting-tui
                          next``) adopted today, or on DATE; ``adopt -`` withdraws that

``@2.1`` before any of them writes into item 2.1 rather than the selected one. OWNER
and DUE are one word each, or quoted: ``a "the Secretariat" "next meeting" …``.

``Scribe.run`` does one line and returns the one line that says what it did; a line it
cannot do raises ``EntryError`` saying what it understood, and changes nothing (the
app keeps the line in the prompt). Every entry leaves an undo step in the ``History``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from . import undo
from .agenda import Item
from .dates import DateError, format_due, parse_due
from .notes import split_speaker
from .session import Action, Decision, Note, Session
from .settings import format_date

VERBS = ("d", "f", "n", "a", "tr", "take", "next", "undo", "adopt")
HELP = ("d TEXT · f TEXT · n TEXT · a OWNER DUE [TEXT] · tr LANG TEXT · take 2.1 · next · "
        "s/old/new/ · "
        "undo · adopt [DATE] · @2.1 before any to write into item 2.1")
_SUBSTITUTE_RE = re.compile(r"s([/|#])(.+?)\1(.*?)(?:\1(g?))?", re.S)


class EntryError(ValueError):
    """A line the command line cannot do: what it understood, in one line."""


@dataclass(frozen=True)
class Written:
    """The last entry written: what ``s/old/new/`` corrects."""

    key: str
    kind: str  # "decision", "note", "action"
    id: int


def _norm(number: str) -> str:
    return number.strip().rstrip(".)").lower()


def find_item(session: Session, ref: str) -> Item:
    """The item numbered ``ref`` ("2.1", "2.1.", "3a"): EntryError when none is."""
    wanted = _norm(ref)
    for item in session.order:
        if item.number and _norm(item.number) == wanted:
            return item
    raise EntryError(f"no item numbered {ref} in the agenda")


def _word(rest: str) -> tuple[str, str]:
    """The first word of ``rest`` (or its quoted words) and what follows it."""
    rest = rest.lstrip()
    if rest[:1] in ('"', "'", "“"):
        close = "”" if rest[0] == "“" else rest[0]
        end = rest.find(close, 1)
        if end < 0:
            raise EntryError(f"a quote opened and not closed: {rest}")
        return rest[1:end], rest[end + 1 :].lstrip()
    word, _, after = rest.partition(" ")
    return word, after.lstrip()


def meeting_day(session: Session) -> date:
    """Today where the meeting is held (its time zone): what "15/10" is read from."""
    from zoneinfo import ZoneInfo

    try:
        return session.now().astimezone(ZoneInfo(session.timezone)).date()
    except (KeyError, ValueError):  # an unknown zone name: UTC's day is near enough
        return session.now().date()


def _label(item: Item) -> str:
    return item.number or item.title


class Scribe:
    """Runs lines of the command line on a session; remembers the last entry."""

    def __init__(self, session: Session, history: undo.History,
                 today: Callable[[], date] | None = None) -> None:
        self.session = session
        self.history = history
        self.today = today or (lambda: meeting_day(session))
        self.last: Written | None = None

    def run(self, line: str, selected: str | None) -> str:
        text = line.strip()
        if not text:
            raise EntryError(HELP)
        key = selected
        if text.startswith("@"):
            ref, text = _word(text[1:])
            key = find_item(self.session, ref).key
            if not text:
                raise EntryError(f"@{ref}: and then? {HELP}")
        m = _SUBSTITUTE_RE.fullmatch(text)
        if m:
            return self._substitute(m[2], m[3], bool(m[4]))
        verb, _, rest = text.partition(" ")
        rest = rest.strip()
        if verb == "undo" and not rest:
            try:
                said = self.history.undo()
            except undo.NothingToUndo:
                raise EntryError("Nothing to undo") from None
            self.last = None
            return said
        if verb == "next" and not rest:
            return self._next()
        if verb == "adopt":
            return self._adopt(rest)
        if verb == "take":
            if not rest:
                raise EntryError("take what? take 2.1 takes up item 2.1")
            return self._take(find_item(self.session, rest).key)
        if verb not in ("d", "f", "n", "a", "tr"):
            raise EntryError(f"not understood: {verb!r} is no command ({HELP})")
        if key is None or not self.session.has(key):
            raise EntryError("no item selected: select one, or write @2.1 before the entry")
        if verb == "a":
            return self._action(key, rest)
        if verb == "tr":
            return self._translation(key, rest)
        if not rest:
            what = {"d": "a draft decision", "f": "a final decision", "n": "a note"}[verb]
            raise EntryError(f"{verb}: {what} of what? Write its text after {verb}")
        if verb == "n":
            return self._note(key, rest)
        return self._decision(key, rest, final=verb == "f")

    # ------------------------------------------------------------------ entries
    def _where(self, key: str) -> str:
        return _label(self.session.item(key))

    def _wrote(self, key: str, kind: str, entry_id: int, said: str) -> None:
        self.last = Written(key, kind, entry_id)
        self.history.push(said, undo.remove_entry(self.session, key, entry_id))

    def _decision(self, key: str, text: str, *, final: bool) -> str:
        decision = self.session.add_decision(key, text)
        if final:
            self.session.toggle_final(key, decision.id)
        kind = "final decision" if final else "draft decision"
        self._wrote(key, "decision", decision.id, f"{kind} on {self._where(key)}")
        return f"{kind.capitalize()} added to {self._where(key)}"

    def _note(self, key: str, text: str) -> str:
        speaker, body = split_speaker(text)
        note = self.session.add_note(key, body, speaker)
        self._wrote(key, "note", note.id, f"note on {self._where(key)}")
        by = f" by {speaker}" if speaker else ""
        return f"Note{by} added to {self._where(key)}"

    def _action(self, key: str, rest: str) -> str:
        owner, rest = _word(rest)
        due, text = _word(rest) if rest else ("", "")
        if not owner or not due:
            raise EntryError("a OWNER DUE TEXT: who, by when (a date, or words in quotes), "
                             "then what; without TEXT, the item's last decision")
        if due in ("-", "—"):
            due = ""
        try:
            due_date = parse_due(due, self.today())
        except DateError as exc:
            raise EntryError(f"{exc}; nothing written") from None
        decision_id = None
        if not text:
            state = self.session.peek(key)
            if state is None or not state.decisions:
                raise EntryError(f"a {owner} {due}: no text, and {self._where(key)} has no "
                                 "decision to take it from")
            decision = state.decisions[-1]
            text, decision_id = decision.text, decision.id
        action = self.session.add_action(key, text, owner, due, due_date, decision_id)
        self._wrote(key, "action", action.id, f"action for {owner} on {self._where(key)}")
        when = format_due(due, due_date)
        return (f"Action for {owner}" + (f", due {when}" if when else "")
                + f", added to {self._where(key)}"
                + (" (with its last decision)" if decision_id is not None else ""))

    def _translation(self, key: str, rest: str) -> str:
        """tr fr TEXT: the item's last decision in French (core/translations.py)."""
        from .languages import LANGUAGES, words

        code, text = _word(rest)
        code = code.casefold()
        if code not in LANGUAGES or not text:
            raise EntryError(f"tr LANG TEXT: the item's last decision in LANG ("
                             f"{', '.join(LANGUAGES)}), then its text")
        name = words(None).language_name(code)
        if code == self.session.settings.resolved_language():
            raise EntryError(f"tr {code}: the decisions are written in {name}; "
                             "s/old/new/ corrects one")
        state = self.session.peek(key)
        if state is None or not state.decisions:
            raise EntryError(f"tr {code}: {self._where(key)} has no decision to translate")
        decision_id = state.decisions[-1].id
        before = state.decisions[-1].translations.get(code, "")
        self.session.set_translation(key, decision_id, code, text)
        self.history.push(f"{name} translation on {self._where(key)}", lambda: (
            self.session.set_translation(key, decision_id, code, before)))
        return f"{name} translation of the last decision of {self._where(key)} kept"

    # ------------------------------------------------------------------ the meeting
    def _take(self, key: str) -> str:
        if key == self.session.current:
            self.session.select(key)
            return f"{self._where(key)} is under discussion already"
        revert = undo.take_up(self.session, key)
        self.session.take_up(key)
        self.history.push(f"taking up {self._where(key)}", revert)
        return f"Took up {self._where(key)}: {self.session.item(key).title}"

    def _next(self) -> str:
        probe = self.session.next_key()
        if probe is None:
            raise EntryError("no next item: the meeting is at the end of its agenda")
        return self._take(probe)

    def _adopt(self, rest: str) -> str:
        """The previous meeting's carried decisions adopted (or not) by this meeting: the
        record says so at once; the old file is marked by the app (``files.previous``)."""
        record = self.session.settings.previous
        if record is None or not record.decisions:
            raise EntryError("adopt: no decision carried from a previous meeting here "
                             "(meeting-tui next OLD-SESSION AGENDA carries them); this "
                             "meeting's own List is adopted from the palette")
        if rest in ("-", "—"):
            day = None
        else:
            try:
                day = parse_due(rest, self.today()) if rest else self.today()
            except DateError as exc:
                raise EntryError(f"{exc}; nothing adopted") from None
            if day is None:
                raise EntryError(f"adopt {rest}: not a date (adopt 23/11, adopt 23 "
                                 "November 2020, or adopt alone for today); nothing adopted")
        before = record.adopted_on
        count = f"{len(record.decisions)} decision" + ("s" if len(record.decisions) > 1
                                                        else "")
        name = record.name
        if day == before:
            state = f"adopted on {format_date(day)}" if day else "not adopted"
            if record.pending:  # said again: its session is to be told (once more)
                return f"{name[:1].upper()}{name[1:]}'s {count} are {state} here"
            raise EntryError(f"{name}'s {count} are {state} already: nothing changed")
        record.adopted_on = day
        self.session.revision += 1

        def revert() -> None:
            record.adopted_on = before
            self.session.revision += 1

        self.history.push(f"adoption of {name}'s decisions", revert)
        if day is None:
            return f"Adoption of {name}'s {count} withdrawn"
        return f"{name[:1].upper()}{name[1:]}'s {count} adopted on {format_date(day)}"

    def _substitute(self, old: str, new: str, every: bool) -> str:
        last = self.last
        if last is None:
            raise EntryError(f"s/{old}/{new}/: no entry to correct yet")
        getter: dict[str, Callable[[str, int], Decision | Note | Action]] = {
            "decision": self.session.decision, "note": self.session.note,
            "action": self.session.action}
        try:
            entry = getter[last.kind](last.key, last.id)
        except KeyError:
            raise EntryError("the last entry is gone (deleted): nothing to correct") from None
        before: str = entry.text
        if old not in before:
            raise EntryError(f"{old!r} is not in the last {last.kind}: nothing changed")
        after = before.replace(old, new) if every else before.replace(old, new, 1)
        setter = {"decision": self.session.set_text, "note": self.session.set_note_text,
                  "action": self.session.set_action_text}[last.kind]
        setter(last.key, last.id, after)
        self.history.push(f"correction of the {last.kind} on {self._where(last.key)}",
                          undo.set_text(self.session, last.key, last.kind, last.id, before))
        return f"Corrected the {last.kind} on {self._where(last.key)}: {after}"


def complete(session: Session, line: str, owners: list[str] | None = None) -> list[str]:
    """The lines ``line`` may be completed to: a verb, an item number after ``take`` or
    ``@``, a name after ``a`` (the owner: quoted when it has spaces) and after ``n`` (the
    note's speaker, "Name: "); ``owners`` are the names (``session.roll_names()``)."""
    named = _complete_name(line, owners or [])
    if named is not None:
        return named
    numbers = [item.number for item in session.order if item.number]
    head, space, tail = line.rpartition(" ")
    prefix = f"{head}{space}"
    word = tail
    if word.startswith("@"):
        return [f"{prefix}@{n} " for n in numbers if n.startswith(word[1:])]
    words = line.split()
    if not space or (head.startswith("@") and " " not in head):
        return [f"{prefix}{v} " for v in VERBS if v.startswith(word) and v != word]
    first = words[1] if words[0].startswith("@") and len(words) > 1 else words[0]
    if first == "take" and head.split()[-1] == "take":
        return [f"{prefix}{n}" for n in numbers if n.startswith(word)]
    return []


def _complete_name(line: str, names: list[str]) -> list[str] | None:
    """After ``a `` the owner being typed (``"Maria Lo`` too), after ``n `` the speaker
    (before any colon): the lines with each name that fits; None for any other line."""
    words = line.split(" ")
    at = 1 if words[0].startswith("@") else 0
    if len(words) < at + 2 or words[at] not in ("a", "n"):
        return None
    verb = words[at]
    prefix = " ".join(words[: at + 1]) + " "
    typed = line[len(prefix):]
    if verb == "a":
        quoted = typed[:1] in ('"', "“")
        if (quoted and ('"' in typed[1:] or "”" in typed[1:])) or (
                not quoted and " " in typed):
            return None  # the owner is written: the due date is being typed
        wanted = (typed[1:] if quoted else typed).casefold()
        return [prefix + (f'"{name}"' if " " in name or quoted else name) + " "
                for name in _unique(names) if name.casefold().startswith(wanted)]
    if ":" in typed or not typed.strip():
        return None  # the note's text, or nothing typed yet
    wanted = typed.casefold()
    return [f"{prefix}{name}: " for name in _unique(names)
            if name.casefold().startswith(wanted) and split_speaker(f"{name}: x")[0] == name]


def _unique(names: list[str]) -> list[str]:
    """Each name once (the first spelling), in the order given: the roll's first."""
    kept: dict[str, str] = {}
    for name in names:
        if name:
            kept.setdefault(name.casefold(), name)
    return list(kept.values())
