"""Votes: tallies and roll calls, the rules, the result in each language."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from helpers.clock import FakeClock

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import Session
from meeting_tui.core.votes import (
    Choice,
    Majority,
    Vote,
    VoteRule,
    parse_choice,
    parse_rule,
    parse_tally,
    roll_call_lines,
    vote_lines,
    vote_text,
)

TWO_THIRDS = VoteRule(Majority.TWO_THIRDS)
COUNTED = VoteRule(abstentions_counted=True)


@pytest.mark.parametrize(("text", "tally"), [
    ("30-2-3", (30, 2, 3)), ("4-0", (4, 0, 0)), (" 12 – 3 – 1 ", (12, 3, 1)), ("5/4/0", (5, 4, 0)),
])
def test_parse_tally(text: str, tally: tuple[int, int, int]) -> None:
    vote = parse_tally(text)
    assert (vote.for_, vote.against, vote.abstaining) == tally


@pytest.mark.parametrize("text", ["", "30", "a-b-c", "1-2-3-4"])
def test_bad_tally(text: str) -> None:
    with pytest.raises(ValueError, match="not a tally"):
        parse_tally(text)


@pytest.mark.parametrize(("rule", "tally", "adopted"), [
    (VoteRule(), (5, 4, 10), True),
    (VoteRule(), (5, 5, 0), False),
    (VoteRule(), (0, 0, 7), False),
    (COUNTED, (5, 4, 10), False),
    (COUNTED, (11, 4, 6), True),
    (TWO_THIRDS, (20, 10, 50), True),
    (TWO_THIRDS, (19, 10, 0), False),
    (VoteRule(Majority.TWO_THIRDS, True), (20, 10, 1), False),
])
def test_rules(rule: VoteRule, tally: tuple[int, int, int], adopted: bool) -> None:
    assert Vote(*tally, rule=rule).adopted is adopted


def test_rule_text_round_trip() -> None:
    for rule in (VoteRule(), TWO_THIRDS, COUNTED, VoteRule(Majority.TWO_THIRDS, True)):
        assert parse_rule(rule.text()) == rule
    assert VoteRule().text() == "simple majority of votes cast"
    assert parse_rule("2/3, abstentions counted") == VoteRule(Majority.TWO_THIRDS, True)
    assert parse_rule("Two-thirds") == TWO_THIRDS
    with pytest.raises(ValueError, match="not a voting rule"):
        parse_rule("unanimity")


@pytest.mark.parametrize(("lang", "tally", "text"), [
    ("en", (30, 2, 3), "Adopted by 30 votes to 2, with 3 abstentions."),
    ("en", (4, 1, 1), "Adopted by 4 votes to 1, with 1 abstention."),
    ("en", (4, 1, 0), "Adopted by 4 votes to 1."),
    ("en", (4, 0, 0), "Adopted unanimously."),
    ("en", (2, 30, 3), "Not adopted: 2 votes for, 30 against, 3 abstentions."),
    ("fr", (30, 2, 3), "Adopté par 30 voix contre 2, avec 3 abstentions."),
    ("fr", (4, 0, 0), "Adopté à l'unanimité."),
    ("fr", (2, 30, 1), "Non adopté\u00a0: 2 voix pour, 30 contre, 1 abstention."),
    ("de", (30, 2, 3), "Angenommen mit 30 Ja-Stimmen bei 2 Gegenstimmen und 3 Enthaltungen."),
    ("de", (4, 0, 0), "Einstimmig angenommen."),
    ("de", (2, 30, 0), "Abgelehnt mit 2 Ja-Stimmen bei 30 Gegenstimmen."),
    ("es", (30, 2, 3), "Aprobado por 30 votos contra 2 y 3 abstenciones."),
    ("es", (4, 0, 0), "Aprobado por unanimidad."),
    ("es", (2, 30, 1), "No aprobado: 2 votos a favor, 30 en contra y 1 abstención."),
    ("xx", (4, 0, 0), "Adopted unanimously."),
])
def test_vote_text(lang: str, tally: tuple[int, int, int], text: str) -> None:
    assert vote_text(Vote(*tally), lang) == text


def test_roll_call() -> None:
    votes = {"Anna": Choice.FOR, "Bo": Choice.AGAINST, "Cy": Choice.FOR,
             "Di": parse_choice("abstain")}
    vote = Vote.from_roll_call(votes)
    assert vote.tally == "2-1-1" and vote.adopted
    assert roll_call_lines(vote) == ["In favour: Anna, Cy.", "Against: Bo.", "Abstaining: Di."]
    assert roll_call_lines(vote, "fr")[0] == "Pour\u00a0: Anna, Cy."
    assert vote_lines(vote)[0] == "Adopted by 2 votes to 1, with 1 abstention."
    assert vote_lines(None) == []
    with pytest.raises(ValueError):
        parse_choice("maybe")


def test_negative_counts_refused() -> None:
    with pytest.raises(ValueError):
        Vote(-1, 0, 0)


def test_set_vote_and_rule_on_session() -> None:
    clock = FakeClock(datetime(2025, 3, 3, 9, 0, tzinfo=UTC))
    session = Session(parse_agenda("Board\n\n1. Budget\n"), now=clock)
    decision = session.add_decision("1", "approved the budget")
    session.set_vote_rule("two-thirds")
    assert session.settings.vote_rule == "two-thirds majority of votes cast"
    assert session.vote_rule() == TWO_THIRDS
    revision = session.revision
    session.set_vote("1", decision.id, parse_tally("30-2-3", session.vote_rule()))
    assert session.revision > revision and decision.vote is not None
    assert decision.vote.rule == TWO_THIRDS
    session.set_vote("1", decision.id, None)
    assert decision.vote is None
    with pytest.raises(ValueError):
        session.set_vote_rule("whatever")
    session.set_vote_rule(None)
    assert session.vote_rule() == VoteRule()
