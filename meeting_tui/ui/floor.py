"""The floor in the app (``Floor``): the list of speakers (`S`, `l`), giving the floor
(`g`), pausing a speech (`P`), the roll and attendance (`L`), the vote of a decision
(`v`), the floor's settings in the palette, the command line's floor entries, and the
countdown on the clock tick (with the bell at the limit, when it is wanted).

The work on the session is ``core/floor_session.py``'s; here it is saved at once and
repainted where it shows: the floor strip, the top bar (the quorum), the item panel.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable

from ..core.entries import EntryError
from ..core.floor import Speech, limit_text, parse_limit
from ..core.roll import Participant, Presence, parse_quorum
from ..core.session import Session
from ..core.votes import Vote, parse_rule, parse_tally, vote_text
from .host import Host
from .widgets.floor_strip import floor_key

# The command line's floor entries (what ``run_line`` takes).
FLOOR_HELP = ("q+ NAME · q! NAME (point of order) · q- NAME · next speaker · pause speech · "
              "limit 3 min · here NAME · absent NAME · excused NAME · vote 30-2-3")
PRESENCE_VERBS = {"here": Presence.PRESENT, "present": Presence.PRESENT,
                  "absent": Presence.ABSENT, "excused": Presence.EXCUSED}
NAME_VERBS = ("q+", "q!", "q-", *PRESENCE_VERBS)


class Floor:
    def __init__(self, app: Host, strip: Callable[[], object]) -> None:
        self.app = app
        self.session: Session = app.session
        self._strip = strip
        self._over: int | None = None  # the speech whose limit the bell rang for

    @property
    def bell(self) -> bool:
        """The bell at the speaking limit: the meeting's setting (the palette's toggle),
        saved in the session file, so a restarted app rings as before."""
        return self.session.settings.bell

    @bell.setter
    def bell(self, on: bool) -> None:
        self.session.set_bell(on)

    @property
    def read_only(self) -> bool:
        """Another app holds the session: `l` and `L` show their lists, changing nothing."""
        return bool(getattr(self.app, "read_only", False))

    # ------------------------------------------------------------ repainting
    def changed(self) -> None:
        """After any floor operation: the strip shown or hidden and redrawn, the top
        bar (its quorum), the panel; saved at once."""
        strip = self._strip()
        update = getattr(strip, "update_floor", None)
        if update is not None:
            update()
        self.app.top_bar.refresh()
        self.app.save_now()

    def tick(self) -> None:
        """Once a second, while a speech runs: the strip (the floor's clock), and the
        bell the moment the speech passes its limit."""
        shown = self.session.countdown()
        if shown is None:
            return
        strip = self._strip()
        refresh = getattr(strip, "refresh", None)
        if refresh is not None:
            refresh()
        found = self.session.speech_in_progress()
        speech_id = found[1].id if found else None
        if shown.level == "over" and self._over != speech_id:
            self._over = speech_id
            if self.bell:
                self.app.bell()

    # ------------------------------------------------------------ the keys
    def key(self) -> str | None:
        key = floor_key(self.session)
        return key if key is not None and self.session.has(key) else None

    def speakers(self, adding: bool = False) -> None:
        """The list of speakers of the floor's item; ``adding``: the name field first."""
        key = self.session.selected if adding else self.key()
        key = key or self.key()
        if key is None:
            self.app.notify("No item: select one first", severity="warning")
            return
        from .screens.floor import SpeakersScreen  # the dialog's, when opened
        self.app.push_screen(SpeakersScreen(self.session, key, self.changed, adding=adding,
                                            removed=self.removed,
                                            read_only=self.read_only))

    def removed(self, key: str, speech: Speech, index: int) -> None:
        """A speech taken off a list: u puts it back where it was."""
        def revert() -> None:
            self.session.put_speaker(key, speech, index)
            self.changed()

        self.app.history.push(f"{speech.speaker} put back on the list of speakers", revert)

    def off_roll(self, participant: Participant, index: int) -> None:
        """A name taken off the roll: u puts it back where it was, voting or not, its
        kind (the attendance keeps its marks: only the roll lost it)."""
        def revert() -> None:
            if self.session.participant(participant.name) is not None:
                raise KeyError(participant.name)  # on the roll again already
            roll = list(self.session.roll)
            roll.insert(min(index, len(roll)), participant)
            self.session.set_roll(roll)
            self.changed()

        self.app.history.push(f"{participant.name} taken off the roll", revert)

    def vote_changed(self, key: str, decision_id: int, before: Vote | None) -> None:
        """A vote set, replaced or removed: u gives the decision the vote it had (none:
        taken by consensus)."""
        after = self.session.decision(key, decision_id).vote
        if after == before:
            return

        def revert() -> None:
            self.session.set_vote(key, decision_id, before)  # KeyError: decision gone
            self.changed()
            self.app.panel.show(self.session.selected)

        where = _label(self.session, key)
        said = (f"vote on {where} removed" if after is None else
                f"vote on {where} replaced" if before else f"vote {after.tally} on {where}")
        self.app.history.push(said, revert)

    def give_floor(self) -> None:
        try:
            speech = self.session.give_floor()
        except KeyError:
            self.app.notify("No item: select one first", severity="warning")
            return
        self.changed()
        if speech is None:
            self.app.notify("Nobody waits to speak: the floor is free")
            return
        self._over = None
        limit = self.session.speaking_limit(self.key())
        tail = f" ({limit_text(limit)})" if limit else ""
        self.app.notify(f"The floor: {speech.speaker}{tail}")

    def pause_speech(self) -> None:
        speech = self.session.pause_speech()
        if speech is None:
            self.app.notify("No speech under way (g gives the floor)", severity="warning")
            return
        self.changed()
        self.app.notify(f"{speech.speaker}: {'paused' if speech.paused else 'resumed'}")

    def roll(self) -> None:
        from .screens.floor import RollScreen  # the dialog's, when opened
        self.app.push_screen(RollScreen(self.session, self.changed,
                                        read_only=self.read_only, removed=self.off_roll))

    def vote(self) -> None:
        selected = self.app.selected_decision()
        if selected is None:
            self.app.notify("Select a decision first", severity="warning")
            return
        key, decision_id = selected
        before = self.session.decision(key, decision_id).vote

        def done(_: object) -> None:
            self.vote_changed(key, decision_id, before)
            self.changed()
            self.app.panel.show(self.session.selected)

        from .screens.vote import VoteScreen  # the dialog's, when opened
        self.app.push_screen(VoteScreen(self.session, key, decision_id), done)

    def end_speech(self) -> None:
        speech = self.session.end_speech()
        self.changed()
        self.app.notify(f"{speech.speaker}: speech ended" if speech else "No speech under way")

    def toggle_bell(self) -> None:
        self.bell = not self.bell
        self.app.save_now()
        self.app.notify(f"The bell at the speaking limit: {'on' if self.bell else 'off'}")

    def ask_limit(self, item: bool = False) -> None:
        key = self.session.selected if item else None
        if item and (key is None or not self.session.has(key)):
            return
        state = self.session.states.get(key) if key else None
        shown = (state.speaking_limit if state else None) if item else \
            self.session.settings.speaking_limit
        title = ("Speaking time on the selected item" if item
                 else "Speaking time limit of the meeting")
        hint = ("3 min, 90 s, 2:30 or 1h; empty: the meeting's limit" if item
                else "3 min, 90 s, 2:30 or 1h; empty: no limit")

        def answer(value: str | None) -> None:
            if value is None:
                return
            seconds = parse_limit(value)
            self.session.set_speaking_limit(seconds, key)
            self.changed()
            self.app.notify(f"{title}: {limit_text(seconds) or 'none'}")

        from .screens.prompts import PromptScreen  # the dialog's, when opened
        self.app.push_screen(PromptScreen(title, limit_text(shown), hint,
                                          placeholder="3 min", check=parse_limit), answer)

    def ask_quorum(self) -> None:
        def answer(value: str | None) -> None:
            if value is not None:
                self.session.set_quorum(value)
                self.changed()

        from .screens.prompts import PromptScreen  # the dialog's, when opened
        self.app.push_screen(PromptScreen(
            "Quorum", self.session.settings.quorum or "", "a number (31) or a share of "
            "the voting members (1/2, 2/3, majority: more than half); empty: none",
            placeholder="1/2", check=parse_quorum_or_empty), answer)

    def ask_rule(self) -> None:
        def answer(value: str | None) -> None:
            if value is None:
                return
            self.session.set_vote_rule(value)
            self.changed()
            self.app.notify(f"Voting rule: {self.session.vote_rule().text()}")

        from .screens.prompts import PromptScreen  # the dialog's, when opened
        self.app.push_screen(PromptScreen(
            "Voting rule", self.session.vote_rule().text(), "simple majority or "
            "two-thirds of the votes cast; add ', abstentions counted' to count them",
            check=parse_rule_or_empty), answer)

    # ------------------------------------------------------------ the command line
    def run_line(self, line: str, selected: str | None) -> str | None:
        """A floor entry of the command line, done: what it did; None when the line is
        not a floor entry (the scribe's, then). EntryError when it cannot be done."""
        verb, _, rest = line.strip().partition(" ")
        rest = rest.strip()
        lowered = verb.lower()
        session = self.session
        if lowered in ("ack", "next") and rest.lower() in ("", "speaker") and (
                lowered == "ack" or rest):
            return self._give()
        if lowered == "pause" and rest.lower() == "speech":
            speech = session.pause_speech()
            if speech is None:
                raise EntryError("no speech under way")
            self.changed()
            return f"{speech.speaker}: {'paused' if speech.paused else 'resumed'}"
        if lowered in NAME_VERBS:
            name = _name(rest)
            if lowered in PRESENCE_VERBS:
                session.mark(name, PRESENCE_VERBS[lowered])
                self.changed()
                return f"{name}: {PRESENCE_VERBS[lowered].value}{self._quorum_tail()}"
            key = selected or session.current
            if key is None or not session.has(key):
                raise EntryError("no item selected")
            if lowered == "q-":
                return self._remove(key, name)
            speech = session.add_speaker(key, name, point_of_order=lowered == "q!")
            self.changed()
            place = [s.id for s in session.waiting_speakers(key)].index(speech.id) + 1
            roll = "" if session.participant(name) else " (not on the roll)"
            what = "point of order" if speech.point_of_order else "speaker"
            return f"{what} {name}{roll}: number {place} on the list of {_label(session, key)}"
        if lowered == "limit":
            try:
                seconds = parse_limit(rest)
            except ValueError as exc:
                raise EntryError(str(exc)) from None
            key = selected or session.current
            session.set_speaking_limit(seconds, key)
            self.changed()
            return f"speaking time on {_label(session, key)}: {limit_text(seconds) or 'none'}"
        if lowered == "vote":
            return self._vote(selected, rest)
        return None

    def _give(self) -> str:
        try:
            speech = self.session.give_floor()
        except KeyError:
            raise EntryError("no item selected") from None
        self.changed()
        if speech is None:
            return "speech ended: nobody waits to speak"
        self._over = None
        return f"the floor: {speech.speaker}"

    def _remove(self, key: str, name: str) -> str:
        wanted = name.casefold()
        for speech in reversed(self.session.waiting_speakers(key)):
            if speech.speaker.casefold() == wanted:
                index = self.session.state(key).speeches.index(speech)
                self.session.remove_speaker(key, speech.id)
                self.removed(key, speech, index)
                self.changed()
                return f"{speech.speaker} taken off the list of {_label(self.session, key)}"
        raise EntryError(f"{name!r} is not waiting to speak on {_label(self.session, key)}")

    def _vote(self, selected: str | None, tally: str) -> str:
        """`vote 30-2-3`: the vote of the item's last decision."""
        session = self.session
        key = selected or session.current
        if key is None or not session.has(key) or not session.state(key).decisions:
            raise EntryError("vote: the item has no decision")
        decision = session.state(key).decisions[-1]
        before = decision.vote
        if tally.lower() in ("", "none", "consensus"):
            session.set_vote(key, decision.id, None)
            self.vote_changed(key, decision.id, before)
            self.changed()
            return "vote removed: taken by consensus"
        try:
            vote = parse_tally(tally, session.vote_rule())
        except ValueError as exc:
            raise EntryError(str(exc)) from None
        session.set_vote(key, decision.id, vote)
        self.vote_changed(key, decision.id, before)
        self.changed()
        self.app.panel.show(session.selected)
        return vote_text(vote, session.settings.language or "en")

    def _quorum_tail(self) -> str:
        status = self.session.quorum_status()
        return "" if status is None else f" · {status.text()}"

    def complete(self, line: str) -> list[str] | None:
        """Names from the roll after a floor verb ('q+ Ma' -> 'q+ Maria Lopez'); None
        for any other line."""
        verb, space, rest = line.partition(" ")
        if not space or verb.lower() not in NAME_VERBS:
            return None
        wanted = rest.strip().casefold()
        return [f"{verb} {name}" for name in self.session.roll_names()
                if name.casefold().startswith(wanted)]


def _name(rest: str) -> str:
    if not rest:
        raise EntryError("a name is needed")
    if rest[0] in "'\"":
        try:
            return " ".join(shlex.split(rest))
        except ValueError:
            raise EntryError(f"unclosed quote in {rest!r}") from None
    return " ".join(rest.split())


def _label(session: Session, key: str | None) -> str:
    if key is None:
        return "the meeting"
    item = session.item(key)
    return item.number or item.title[:20]


def parse_quorum_or_empty(text: str) -> object:
    return parse_quorum(text) if text.strip() else None


def parse_rule_or_empty(text: str) -> object:
    return parse_rule(text) if text.strip() else None
