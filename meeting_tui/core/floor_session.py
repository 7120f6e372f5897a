"""The floor's operations on a session: the roll, attendance, the quorum, the list of
speakers of each item, speeches and their clock, speaking-time limits, votes.

A mixin of ``Session`` (``core/session.py``), so that the floor's dozen operations live
beside their rules (``roll``, ``floor``, ``votes``) rather than in the session module,
which other topics share. Every change bumps ``revision`` (``_changed``), and every
stored moment comes from ``_stamp``, as for the session's own operations.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from .clock import Span, close, open_span

# The floor's rules (roll, floor, votes) are imported by the operations that use them:
# a meeting without speakers, roll or votes does not load them to show its agenda.
if TYPE_CHECKING:
    from .clock import Now, Sitting
    from .floor import Countdown, Speech
    from .roll import Attendance, Participant, Presence, QuorumStatus
    from .settings import MeetingSettings
    from .state import Decision, ItemState, UnmatchedEntry
    from .votes import Vote, VoteRule


class FloorMixin:
    """The floor's part of the Session (see the module's docstring)."""

    if TYPE_CHECKING:
        # What the Session provides.
        now: Now
        timezone: str
        current: str | None
        selected: str | None
        states: dict[str, ItemState]
        settings: MeetingSettings
        next_decision_id: int
        unmatched: list[UnmatchedEntry]

        @property
        def running(self) -> bool: ...
        def _stamp(self) -> datetime: ...
        def _changed(self, *keys: str | None) -> None: ...
        def _next_id(self) -> int: ...
        def has(self, key: str) -> bool: ...
        def state(self, key: str) -> ItemState: ...
        def sittings(self) -> list[Sitting]: ...
        def decision(self, key: str, decision_id: int) -> Decision: ...

    roll: list[Participant]
    attendance: list[Attendance]

    def _init_floor(self) -> None:
        self.roll = []
        self.attendance = []

    # ------------------------------------------------------------ the roll
    def set_roll(self, participants: list[Participant]) -> None:
        """Take this roll (a pasted list, ``--roll FILE``); a name twice is kept once."""
        from . import roll

        kept: list[Participant] = []
        for participant in participants:
            if roll.find(kept, participant.name) is None:
                kept.append(participant)
        self.roll = kept
        self._changed()

    def add_participant(self, name: str, voting: bool = True, kind: str = "",
                        ) -> Participant:
        """Add a name to the roll (one typed as a speaker, offered for the roll); the
        participant already there if the name is on it."""
        from . import roll
        from .roll import Participant

        name = " ".join(name.split())
        if not name:
            raise ValueError("a participant has a name")
        found = roll.find(self.roll, name)
        if found is not None:
            return found
        participant = Participant(name, voting, kind)
        self.roll.append(participant)
        self._changed()
        return participant

    def participant(self, name: str) -> Participant | None:
        from . import roll

        return roll.find(self.roll, name)

    def roll_names(self) -> list[str]:
        """The names to complete from: the roll's, then the other names the session has
        seen (speakers of notes, owners of actions, speakers of speeches), each once."""
        names = [p.name for p in self.roll]
        seen = {name.casefold() for name in names}
        for state in self.states.values():
            found = ([n.speaker for n in state.notes] + [a.owner for a in state.actions]
                     + [s.speaker for s in state.speeches])
            for name in found:
                if name and name.casefold() not in seen:
                    seen.add(name.casefold())
                    names.append(name)
        return names

    # ------------------------------------------------------------ attendance
    def sitting_day(self) -> date:
        """The day of the sitting under way (or the last one), in the meeting's time
        zone; today before the meeting starts. A sitting past midnight keeps its day."""
        sittings = self.sittings()
        moment = sittings[-1].start if sittings and not sittings[-1].closed else self.now()
        from zoneinfo import ZoneInfo  # imported when first used, not at start-up

        try:
            return moment.astimezone(ZoneInfo(self.timezone)).date()
        except (KeyError, ValueError):  # an unknown zone name: UTC's day is near enough
            return moment.date()

    def attendance_for(self, day: date | None = None) -> Attendance | None:
        day = day or self.sitting_day()
        return next((a for a in self.attendance if a.day == day), None)

    def mark(self, name: str, presence: Presence, day: date | None = None) -> Attendance:
        """Mark a participant present, absent or excused for the day (the sitting's by
        default); the day's attendance is stamped as taken now. A name not on the roll
        is added to it."""
        from .roll import Attendance, Presence

        participant = self.add_participant(name)
        day = day or self.sitting_day()
        attendance = self.attendance_for(day)
        now = self._stamp()
        if attendance is None:
            attendance = Attendance(day, now)
            self.attendance.append(attendance)
            self.attendance.sort(key=lambda a: a.day)
        attendance.marks[participant.name] = Presence(presence)
        attendance.taken = now
        self._changed()
        return attendance

    def present(self, day: date | None = None) -> list[str]:
        """Those marked present on the day, in the order of the roll (then others)."""
        from .roll import Presence

        attendance = self.attendance_for(day)
        if attendance is None:
            return []
        here = attendance.names(Presence.PRESENT)
        order = {p.name: i for i, p in enumerate(self.roll)}
        return sorted(here, key=lambda name: order.get(name, len(order)))

    def set_quorum(self, text: str | None) -> None:
        """The quorum rule as typed ('31', '1/2', '2/3', 'majority'); None or empty
        removes it. ValueError for text that is not a rule."""
        from . import roll

        value = " ".join(text.split()) if text else None
        if value:
            roll.parse_quorum(value)
        value = value or None
        if self.settings.quorum != value:
            self.settings.quorum = value
            self._changed()

    def set_bell(self, on: bool) -> None:
        """The terminal's bell when a speech passes its limit: a meeting setting, so a
        restarted app rings as before."""
        if self.settings.bell != on:
            self.settings.bell = on
            self._changed(None)  # the meeting's own fields only

    def quorum_status(self, day: date | None = None) -> QuorumStatus | None:
        """(present_voting, needed, voting, met) for the day; None without a rule."""
        if not self.settings.quorum:
            return None
        from . import roll

        try:
            rule = roll.parse_quorum(self.settings.quorum)
        except ValueError:
            return None
        return roll.quorum_status(rule, self.roll, self.attendance_for(day))

    # ------------------------------------------------------------ the list of speakers
    def _floor_key(self, key: str | None) -> str:
        found = key or self.current or self.selected
        if found is None or not self.has(found):
            raise KeyError(found)
        return found

    def add_speaker(self, key: str | None, name: str, point_of_order: bool = False,
                    ) -> Speech:
        """Put a name on the item's list of speakers (the current item, else the
        selected one, for None). A point of order goes before those waiting."""
        from . import floor
        from .floor import Speech

        key = self._floor_key(key)
        name = " ".join(name.split())
        if not name:
            raise ValueError("a speaker has a name")
        speech = Speech(self._next_id(), name, point_of_order, self._stamp())
        floor.insert(self.state(key).speeches, speech)
        self._changed()
        return speech

    def speech(self, key: str, speech_id: int) -> Speech:
        from . import floor

        return floor.find(self.state(key).speeches, speech_id)

    def remove_speaker(self, key: str, speech_id: int) -> Speech:
        """Take a speech off the list (waiting, or one given by mistake: its time goes
        with it). Returns it, so undo can put it back."""
        from . import floor

        speeches = self.state(key).speeches
        speech = floor.find(speeches, speech_id)
        speeches.remove(speech)
        self._changed()
        return speech

    def put_speaker(self, key: str, speech: Speech, index: int) -> None:
        """Put back a speech ``remove_speaker`` took off, at its place (undo)."""
        speeches = self.state(key).speeches
        speeches.insert(max(0, min(index, len(speeches))), speech)
        self._changed()

    def move_speaker(self, key: str, speech_id: int, delta: int) -> bool:
        """Move a waiting speaker up (-1) or down (+1) the queue; False at its end."""
        from . import floor

        if not floor.move(self.state(key).speeches, speech_id, delta):
            return False
        self._changed()
        return True

    def waiting_speakers(self, key: str | None = None) -> list[Speech]:
        try:
            key = self._floor_key(key)
        except KeyError:
            return []
        state = self.states.get(key)
        if state is None or not state.speeches:
            return []
        from . import floor

        return floor.waiting(state.speeches)

    def speech_in_progress(self) -> tuple[str, Speech] | None:
        """(item key, speech) of the speech under way anywhere, or None."""
        for key, state in self.states.items():
            for speech in state.speeches:
                if speech.in_progress:
                    return key, speech
        return None

    def give_floor(self, key: str | None = None) -> Speech | None:
        """End the speech under way (on any item) and give the floor to the next
        speaker of the item (the current one, else the selected one, for None): their
        clock starts. None, the speech ended, when nobody waits. On a break the speech
        is given but its clock starts when the meeting resumes."""
        from . import floor

        key = self._floor_key(key)
        now = self._stamp()
        self._end(now)
        queue = floor.waiting(self.state(key).speeches)
        if not queue:
            self._changed()
            return None
        speech = queue[0]
        if self.running:
            open_span(speech.spans, now)
        else:
            speech.spans.append(Span(now, now))  # given: not waiting, its clock stopped
        self._changed()
        return speech

    def _end(self, now: datetime) -> Speech | None:
        found = self.speech_in_progress()
        if found is None:
            return None
        speech = found[1]
        close(speech.spans, now)
        speech.done, speech.paused = True, False
        return speech

    def end_speech(self) -> Speech | None:
        """End the speech under way without giving the floor to anyone."""
        speech = self._end(self._stamp())
        if speech is not None:
            self._changed()
        return speech

    def pause_speech(self) -> Speech | None:
        """Pause the speech under way for an interruption, or resume it (its clock
        runs again if the meeting runs). None when no speech is under way."""
        found = self.speech_in_progress()
        if found is None:
            return None
        speech = found[1]
        now = self._stamp()
        if speech.paused:
            speech.paused = False
            if self.running:
                open_span(speech.spans, now)
        else:
            speech.paused = True
            close(speech.spans, now)
        self._changed()
        return speech

    def _floor_pause(self, now: datetime) -> None:
        """The meeting stops (a break, the end of a day): the speech's clock with it."""
        found = self.speech_in_progress()
        if found is not None:
            close(found[1].spans, now)

    def _floor_resume(self, now: datetime) -> None:
        """The meeting resumes: a speech it stopped resumes (not one paused by hand)."""
        found = self.speech_in_progress()
        if found is not None and not found[1].paused:
            open_span(found[1].spans, now)

    def speech_seconds(self, speech: Speech, now: datetime | None = None) -> float:
        return speech.seconds(now or self.now())

    # ------------------------------------------------------------ speaking time
    def speaking_limit(self, key: str | None = None) -> int | None:
        """Seconds a speaker has on the item: the item's limit, else the meeting's."""
        state = self.states.get(key) if key else None
        if state is not None and state.speaking_limit is not None:
            return state.speaking_limit
        return self.settings.speaking_limit

    def set_speaking_limit(self, seconds: int | None, key: str | None = None) -> None:
        """The meeting's limit (key None) or the item's (None: the meeting's again)."""
        if seconds is not None and seconds <= 0:
            raise ValueError(seconds)
        if key is None:
            changed = self.settings.speaking_limit != seconds
            self.settings.speaking_limit = seconds
        else:
            state = self.state(key)
            changed = state.speaking_limit != seconds
            state.speaking_limit = seconds
        if changed:
            self._changed()

    def countdown(self, now: datetime | None = None) -> Countdown | None:
        """The speech under way against its item's limit, or None."""
        from .floor import Countdown

        found = self.speech_in_progress()
        if found is None:
            return None
        key, speech = found
        return Countdown.of(speech, self.speaking_limit(key), now or self.now())

    # ------------------------------------------------------------ votes
    def vote_rule(self) -> VoteRule:
        """The meeting's voting rule (settings.vote_rule), simple majority of the votes
        cast by default."""
        from .votes import DEFAULT_RULE, parse_rule

        if not self.settings.vote_rule:
            return DEFAULT_RULE
        try:
            return parse_rule(self.settings.vote_rule)
        except ValueError:
            return DEFAULT_RULE

    def set_vote_rule(self, text: str | None) -> None:
        """Set the rule from text ('two-thirds', 'simple majority, abstentions
        counted'); stored written out. ValueError for text that is not a rule."""
        from .votes import parse_rule

        value = parse_rule(text).text() if text and text.strip() else None
        if self.settings.vote_rule != value:
            self.settings.vote_rule = value
            self._changed()

    def decision_votes(self) -> dict[int, Vote]:
        """The votes of the session's decisions by decision id (those under
        "Unmatched" too), for the List of decisions."""
        states = [*self.states.values(), *(entry.state for entry in self.unmatched)]
        return {d.id: d.vote for state in states for d in state.decisions
                if d.vote is not None}

    def set_vote(self, key: str, decision_id: int, vote: Vote | None) -> None:
        """The vote the decision was taken by (None: by consensus, no vote)."""
        decision = self.decision(key, decision_id)
        if decision.vote != vote:
            decision.vote = vote
            decision.modified = self._stamp()
            self._changed()
