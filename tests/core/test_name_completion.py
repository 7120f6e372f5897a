"""The command line completes names from the roll (``session.roll_names()``): the
action's owner after ``a`` (quoted when it has spaces), a note's speaker after ``n``
("Name: "), and nothing once the name is written."""

from __future__ import annotations

from datetime import UTC, datetime

from helpers.clock import FakeClock

from meeting_tui.core.entries import complete
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.roll import Participant
from meeting_tui.core.session import Session

NAMES = ["Maria Lopez", "Mark", "Ngo", "van Dam", "maria lopez"]


def session() -> Session:
    s = Session(parse_agenda("Board\n\n1. Budget\n2. Staff\n2.1 Hiring\n"),
                now=FakeClock(datetime(2025, 3, 3, 8, 0, tzinfo=UTC)))
    s.set_roll([Participant(n) for n in NAMES[:4]])
    return s


def test_the_owner_after_a_quoted_when_it_has_spaces() -> None:
    s = session()
    assert complete(s, "a ma", NAMES) == ['a "Maria Lopez" ', "a Mark "]  # each name once
    assert complete(s, 'a "Maria L', NAMES) == ['a "Maria Lopez" ']
    assert complete(s, "@2.1 a ng", NAMES) == ["@2.1 a Ngo "]
    assert complete(s, 'a "Ngo', NAMES) == ['a "Ngo" ']  # a quote opened stays closed
    assert complete(s, "a V", NAMES) == ['a "van Dam" ']


def test_nothing_once_the_owner_is_written() -> None:
    s = session()
    assert complete(s, 'a "Maria Lopez" 1', NAMES) == []
    assert complete(s, "a Mark 1", NAMES) == []


def test_the_notes_speaker_after_n() -> None:
    s = session()
    assert complete(s, "n mar", NAMES) == ["n Maria Lopez: ", "n Mark: "]
    assert complete(s, "@2 n Maria L", NAMES) == ["@2 n Maria Lopez: "]
    assert complete(s, "n van", NAMES) == []  # a note would not read it as its speaker
    assert complete(s, "n Mark: we agree", NAMES) == []  # the text is being typed
    assert complete(s, "n the budget", NAMES) == []


def test_the_other_completions_are_as_before() -> None:
    s = session()
    assert complete(s, "n", NAMES) == ["next "]  # no space yet: the verbs
    assert complete(s, "take 2.", NAMES) == ["take 2.1"]
    assert complete(s, "@2.1 n", NAMES) == ["@2.1 next "]
