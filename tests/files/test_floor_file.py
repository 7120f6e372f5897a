"""The floor in the session file (format 5): the round trip, a format 4 file upgraded,
bad values in one line, and hypothesis: any sequence of floor operations, with breaks,
days and time passing, saves and loads back equal (and is written again byte for
byte the same)."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, timedelta

import pytest
from helpers.clock import FakeClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meeting_tui.core.errors import InputError
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.roll import Participant, Presence
from meeting_tui.core.session import Session
from meeting_tui.core.votes import Choice, Majority, Vote, VoteRule, parse_tally
from meeting_tui.files import session_reading
from meeting_tui.files.session_reading import build
from meeting_tui.files.session_toml import FORMAT_VERSION, agenda_hash, dumps

AGENDA_TEXT = "Board, 3 March 2025\n\n1. Opening\n2. Budget\n2.1 Staff\n3. Close\n"
AGENDA = parse_agenda(AGENDA_TEXT)
KEYS = [item.key for item in AGENDA.walk()]
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def floored(clock: FakeClock) -> Session:
    session = Session(AGENDA, now=clock, timezone="Europe/Paris")
    session.set_roll([Participant("Anna"), Participant("Bo", kind="delegation"),
                      Participant("Obs", False, "observer")])
    session.set_quorum("majority")
    session.set_vote_rule("two-thirds")
    session.set_speaking_limit(180)
    session.set_speaking_limit(60, "2")
    session.take_up("2")
    session.mark("Anna", Presence.PRESENT)
    session.mark("Bo", Presence.EXCUSED)
    session.add_speaker(None, "Anna")
    session.add_speaker(None, "Bo")
    session.add_speaker(None, "Pat", point_of_order=True)
    session.give_floor()
    clock.advance(seconds=40)
    session.pause_speech()
    decision = session.add_decision("2", "Approved the budget.")
    session.set_vote("2", decision.id, parse_tally("30-2-3", session.vote_rule()))
    other = session.add_decision("2", "Thanked the staff.")
    session.set_vote("2", other.id, Vote.from_roll_call(
        {"Anna": Choice.FOR, "Bo": Choice.ABSTAIN}))
    return session


def observable(session: Session) -> dict:
    return {
        "roll": session.roll,
        "attendance": session.attendance,
        "settings": session.settings,
        "meeting_spans": session.meeting_spans,
        "day_ends": session.day_ends,
        "current": session.current,
        "next_decision_id": session.next_decision_id,
        "states": {k: v for k, v in session.states.items() if not v.is_blank},
    }


def reload(session: Session, clock: FakeClock) -> tuple[Session, str]:
    written = dumps(session, "agenda.txt", agenda_hash(AGENDA_TEXT))
    loaded = build(tomllib.loads(written), AGENDA, "s.session.toml", clock,
                   agenda_hash(AGENDA_TEXT))
    return loaded.session, written


def test_the_floor_round_trip_and_its_shape() -> None:
    clock = FakeClock(T0)
    session = floored(clock)
    loaded, written = reload(session, clock)
    assert observable(loaded) == observable(session)
    assert reload(loaded, clock)[1] == written
    doc = tomllib.loads(written)
    assert doc["format"] == FORMAT_VERSION == 5
    assert doc["roll"][2] == {"name": "Obs", "voting": False, "kind": "observer"}
    assert doc["attendance"][0]["marks"] == {"Anna": "present", "Bo": "excused"}
    assert doc["settings"]["quorum"] == "majority"
    assert doc["settings"]["vote_rule"] == "two-thirds majority of votes cast"
    assert doc["settings"]["speaking_limit"] == 180
    item = doc["items"]["2"]
    assert item["speaking_limit"] == 60
    assert [s["speaker"] for s in item["speeches"]] == ["Pat", "Anna", "Bo"]
    assert item["speeches"][0]["paused"] is True and "done" not in item["speeches"][0]
    assert item["speeches"][0]["point_of_order"] is True
    assert "point_of_order" not in item["speeches"][1]
    vote = item["decisions"][0]["vote"]
    assert vote == {"for": 30, "against": 2, "abstaining": 3,
                    "rule": "two-thirds majority of votes cast", "adopted": True}
    assert item["decisions"][1]["vote"]["roll_call"] == {"Anna": "for", "Bo": "abstain"}
    assert loaded.state("2").decisions[0].vote == Vote(30, 2, 3, VoteRule(Majority.TWO_THIRDS))
    assert loaded.quorum_status() is not None
    found = loaded.speech_in_progress()
    assert found is not None and found[1].speaker == "Pat" and found[1].paused


def test_a_speech_running_when_saved_goes_on_counting() -> None:
    """Saved (or killed) mid-speech: loaded again later, the speech counts the time
    since it began, to the second, as the item's clock does."""
    clock = FakeClock(T0)
    session = Session(AGENDA, now=clock)
    session.take_up("1")
    session.add_speaker(None, "Anna")
    session.give_floor()
    clock.advance(seconds=50)
    written = dumps(session, "agenda.txt", "x")
    clock.advance(seconds=25)  # the app was down: the speech went on
    loaded = build(tomllib.loads(written), AGENDA, "s.toml", clock).session
    found = loaded.speech_in_progress()
    assert found is not None and loaded.speech_seconds(found[1]) == 75


def test_a_format_4_file_still_reads() -> None:
    clock = FakeClock(T0)
    doc = tomllib.loads(dumps(floored(clock), "a.txt", "x"))
    for name in ("roll", "attendance"):
        doc.pop(name)
    for key in ("quorum", "vote_rule", "speaking_limit"):
        doc["settings"].pop(key)
    for entry in doc["items"].values():
        entry.pop("speeches", None)
        entry.pop("speaking_limit", None)
        for decision in entry.get("decisions", []):
            decision.pop("vote", None)
    if not doc["settings"]:
        doc.pop("settings")
    doc["format"] = 4
    loaded = session_reading.build(doc, AGENDA, "old.toml")
    assert loaded.version == 4 and 4 in session_reading.UPGRADES
    session = loaded.session
    assert session.roll == [] and session.attendance == [] and session.quorum_status() is None
    assert [d.text for d in session.state("2").decisions] == [
        "Approved the budget.", "Thanked the staff."]
    assert all(d.vote is None for d in session.state("2").decisions)
    assert session.state("2").speeches == [] and session.speaking_limit("2") is None
    assert tomllib.loads(dumps(session, "a.txt", "x"))["format"] == 5


@pytest.mark.parametrize(("edit", "problem"), [
    (lambda d: d["roll"][0].update(voting="yes"), "roll[0]: 'voting' must be true or false"),
    (lambda d: d["roll"][0].pop("name"), "roll[0]: missing 'name'"),
    (lambda d: d["attendance"][0]["marks"].update(Anna="here"),
     "attendance[0].marks: 'Anna' is 'here'"),
    (lambda d: d["attendance"][0].pop("day"), "attendance[0]: missing 'day'"),
    (lambda d: d["items"]["2"]["speeches"][0].update(id="one"),
     "items.2.speeches[0]: 'id' must be a number"),
    (lambda d: d["items"]["2"]["speeches"][0].update(done=1),
     "items.2.speeches[0]: 'done' must be true or false"),
    (lambda d: d["items"]["2"].update(speaking_limit=-3),
     "items.2: 'speaking_limit' is not a number of seconds"),
    (lambda d: d["settings"].update(speaking_limit="3 min"),
     "settings: 'speaking_limit' is not a number of seconds"),
    (lambda d: d["items"]["2"]["decisions"][0]["vote"].update(rule="unanimity"),
     "items.2.decisions[0].vote: not a voting rule"),
    (lambda d: d["items"]["2"]["decisions"][0]["vote"].update(against=-1),
     "'against' must be a number of votes"),
    (lambda d: d["items"]["2"]["decisions"][1]["vote"]["roll_call"].update(Bo="maybe"),
     "roll_call: 'Bo' voted 'maybe'"),
])
def test_bad_floor_values_name_the_place(edit, problem: str) -> None:
    doc = tomllib.loads(dumps(floored(FakeClock(T0)), "a.txt", "x"))
    edit(doc)
    with pytest.raises(InputError, match=problem.replace("[", r"\[").replace("]", r"\]")):
        build(doc, AGENDA, "bad.toml")


# ------------------------------------------------------------------ the property

names = st.sampled_from(["Anna", "Bo", "Cy", "Dana Ek", "Ünal", "Smith, John", "Q \"x\""])
keys = st.sampled_from(KEYS)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("take_up"), keys),
        st.tuples(st.just("clock")),
        st.tuples(st.just("end_day")),
        st.tuples(st.just("wait"), st.integers(0, 3 * 3600)),
        st.tuples(st.just("participant"), names, st.booleans()),
        st.tuples(st.just("mark"), names, st.sampled_from(list(Presence))),
        st.tuples(st.just("quorum"), st.sampled_from([None, "31", "1/2", "2/3", "majority"])),
        st.tuples(st.just("speaker"), st.none() | keys, names, st.booleans()),
        st.tuples(st.just("remove"), st.integers(0, 30)),
        st.tuples(st.just("move"), st.integers(0, 30), st.integers(-3, 3)),
        st.tuples(st.just("give"), st.none() | keys),
        st.tuples(st.just("end")),
        st.tuples(st.just("pause_speech")),
        st.tuples(st.just("limit"), st.none() | keys, st.none() | st.integers(1, 3600)),
        st.tuples(st.just("decide"), keys),
        st.tuples(st.just("vote"), st.integers(0, 30), st.integers(0, 60), st.integers(0, 60),
                  st.integers(0, 60), st.booleans()),
        st.tuples(st.just("roll_call"), st.integers(0, 30),
                  st.dictionaries(names, st.sampled_from(list(Choice)), max_size=4)),
        st.tuples(st.just("unvote"), st.integers(0, 30)),
        st.tuples(st.just("rule"), st.sampled_from([None, "two-thirds",
                                                    "simple majority, abstentions counted"])),
    ),
    max_size=40,
)


def _speeches(session: Session) -> list[tuple[str, int]]:
    return [(key, s.id) for key, state in session.states.items() for s in state.speeches]


def _decisions(session: Session) -> list[tuple[str, int]]:
    return [(key, d.id) for key, state in session.states.items() for d in state.decisions]


def apply(session: Session, clock: FakeClock, op: tuple) -> None:  # noqa: C901
    name, *args = op
    if name == "take_up":
        session.take_up(args[0])
    elif name == "clock":
        session.toggle_clock()
    elif name == "end_day":
        session.end_day()
    elif name == "wait":
        clock.now += timedelta(seconds=args[0], microseconds=137)
    elif name == "participant":
        session.add_participant(args[0], args[1])
    elif name == "mark":
        session.mark(args[0], args[1])
    elif name == "quorum":
        session.set_quorum(args[0])
    elif name == "speaker" and (args[0] or session.current or session.selected):
        session.add_speaker(args[0], args[1], args[2])
    elif name in ("remove", "move") and (found := _speeches(session)):
        key, speech_id = found[args[0] % len(found)]
        if name == "remove":
            session.remove_speaker(key, speech_id)
        else:
            session.move_speaker(key, speech_id, args[1])
    elif name == "give" and (args[0] or session.current or session.selected):
        session.give_floor(args[0])
    elif name == "end":
        session.end_speech()
    elif name == "pause_speech":
        session.pause_speech()
    elif name == "limit":
        session.set_speaking_limit(args[1], args[0])
    elif name == "decide":
        session.add_decision(args[0], "decided")
    elif name in ("vote", "roll_call", "unvote") and (found := _decisions(session)):
        key, decision_id = found[args[0] % len(found)]
        if name == "vote":
            rule = VoteRule(abstentions_counted=args[4])
            session.set_vote(key, decision_id, Vote(args[1], args[2], args[3], rule))
        elif name == "roll_call":
            session.set_vote(key, decision_id, Vote.from_roll_call(args[1],
                                                                   session.vote_rule()))
        else:
            session.set_vote(key, decision_id, None)
    elif name == "rule":
        session.set_vote_rule(args[0])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations, timezone=st.sampled_from(["UTC", "Europe/Paris", "Pacific/Auckland"]))
def test_any_floor_sequence_saves_and_loads_back_equal(ops, timezone) -> None:
    clock = FakeClock(T0)
    session = Session(AGENDA, now=clock, timezone=timezone)
    for op in ops:
        apply(session, clock, op)
    in_progress = [s for _, s in _speeches_objects(session) if s.in_progress]
    assert len(in_progress) <= 1  # one speaker has the floor, at most
    loaded, written = reload(session, clock)
    assert observable(loaded) == observable(session)
    assert reload(loaded, clock)[1] == written
    # And the meeting goes on from the loaded session as from the one saved.
    clock.advance(seconds=61)
    assert loaded.countdown() == session.countdown()
    assert loaded.quorum_status() == session.quorum_status()
    assert loaded.present(date(2025, 3, 3)) == session.present(date(2025, 3, 3))


def _speeches_objects(session: Session) -> list[tuple[str, object]]:
    return [(key, s) for key, state in session.states.items() for s in state.speeches]
