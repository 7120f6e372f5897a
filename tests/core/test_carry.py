"""What one meeting hands to the next (core.carry): the decisions to adopt under the
adoption item, open actions under the follow-up item, skipped items on the first one,
each saying where it came from."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from helpers.paths import NOVEMBER, SEPTEMBER

from meeting_tui.core import carry
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import Session
from meeting_tui.files.agenda_file import load_agenda

NOW = datetime(2020, 9, 21, 9, 0, tzinfo=UTC)


def old_meeting() -> Session:
    session = Session(load_agenda(SEPTEMBER), now=lambda: NOW)
    final = session.add_decision("2.1.1", "Took note of the preliminary draft report.")
    session.toggle_final("2.1.1", final.id)
    session.add_decision("2.3", "A draft, never carried.")
    adopted = session.add_decision("1", "Adopted its agenda.")
    session.toggle_final("1", adopted.id)
    session.add_action("2.1.1", "Revise the report", "Secretariat", "15/10", date(2020, 10, 15))
    done = session.add_action("2.3", "Propose a theme", "the Bureau", "next meeting")
    session.toggle_action_done("2.3", done.id)
    session.toggle_skip("4.2")
    return session


def agenda(*titles: str):
    text = "Committee\n30th meeting\n\n" + "".join(
        f"{i}. {title}\n" for i, title in enumerate(titles, 1))
    return parse_agenda(text, source="agenda.txt")


def test_the_29th_meeting_gets_what_the_28th_left():
    old = old_meeting()
    old.adopt(date(2020, 9, 25))  # adopted at its own end ...
    final = old.add_decision("2.1.1", "Agreed to a second reading.")  # ... but this one
    old.toggle_final("2.1.1", final.id)
    plan = carry.plan(old, load_agenda(NOVEMBER))
    assert plan.adoption is not None and plan.adoption.key == "1"
    assert plan.adoption_reason == "its title"
    assert plan.follow_up_reason == "the adoption item"  # the 29th has no follow-up item
    assert [(n.key, n.text) for n in plan.notes] == [
        ("1", "To adopt: 28th meeting, 2.1.1: Agreed to a second reading."),
        ("1", "Open action: 28th meeting, 2.1.1: Secretariat, due 15/10 (15 October "
              "2020): Revise the report"),
        ("1", "Skipped: 28th meeting, 4.2: Up-date concerning other on-going projects’ "
              "development"),
    ]
    assert (plan.decisions, plan.actions) == (1, 1)


def test_apply_writes_the_notes_in_order():
    new = Session(load_agenda(NOVEMBER), now=lambda: NOW)
    plan = carry.plan(old_meeting(), new.agenda)
    carry.apply(plan, new)
    texts = [n.text for n in new.state("1").notes]
    assert texts[0] == "To adopt: 28th meeting, 1: Adopted its agenda."
    assert len(texts) == 4 and texts[-1].startswith("Skipped: 28th meeting, 4.2")


@pytest.mark.parametrize(("titles", "expected", "reason"), [
    (("Opening", "Adoption of the agenda", "Any other business"), "2", "its title"),
    (("Adoption of the agenda", "Approval of the minutes of the 29th meeting"), "2",
     "its title"),
    (("Ouverture", "Adoption de l’ordre du jour"), "2", "its title"),
    (("Approbation du procès-verbal de la réunion précédente", "Divers"), "1", "its title"),
    (("Opening", "Budget"), "1", "the first item"),
])
def test_the_adoption_item_is_found_by_its_title(titles, expected, reason):
    item, why = carry.find_adoption_item(agenda(*titles))
    assert item is not None and (item.key, why) == (expected, reason)


@pytest.mark.parametrize(("titles", "expected"), [
    (("Adoption of the agenda", "Matters arising", "Budget"), "2"),
    (("Adoption of the agenda", "Follow-up of the decisions of the 29th meeting"), "2"),
    (("Adoption de l’ordre du jour", "Suivi des décisions"), "2"),
    (("Adoption of the agenda", "Follow-up by Parties to the recommendations"), None),
])
def test_the_follow_up_item_is_found_by_its_title(titles, expected):
    item = carry.find_follow_up_item(agenda(*titles))
    assert (item.key if item else None) == expected


def test_open_actions_go_under_the_follow_up_item():
    plan = carry.plan(old_meeting(), agenda("Adoption of the agenda", "Matters arising"))
    assert [n.key for n in plan.notes if n.text.startswith("Open action")] == ["2"]
    assert plan.follow_up_reason == "its title"


def test_the_meeting_day_is_read_from_the_header():
    assert carry.meeting_day(load_agenda(NOVEMBER)) == "2020-11-23"
    assert carry.meeting_day(load_agenda(SEPTEMBER)) == "2020-09-21"
    across = parse_agenda("C\n30th meeting\n28 June - 2 July 2021\n\n1. Opening\n")
    assert carry.meeting_day(across) == "today"
