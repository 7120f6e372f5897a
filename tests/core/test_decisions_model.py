"""Decision states (draft, final, adopted), meeting settings, opening phrases, and
how the session file keeps them."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime

import pytest
from helpers.decisions import (
    ADOPTED_ON,
    DRAFT_1,
    DRAFT_22,
    MULTI_LINE,
    SECOND,
    adopted_session,
    make_session,
)
from helpers.session_files import from_document

from meeting_tui.core.decision_list import build_document, list_number, list_numbers
from meeting_tui.core.errors import InputError
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.phrases import STANDARD_PHRASES, completion, matches, phrase_list
from meeting_tui.core.session import (
    Decision,
    DecisionStatus,
    ItemState,
    UnmatchedEntry,
    unmatched_node,
)
from meeting_tui.core.settings import (
    MeetingSettings,
    default_meeting,
    default_venue_and_dates,
    format_date,
    parse_date,
)
from meeting_tui.files.session_toml import dumps

# ------------------------------------------------------------------ decision states


def statuses(session) -> list[tuple[str, str, date | None]]:
    return [(key, d.status.value, d.adopted) for key, state in session.states.items()
            for d in state.decisions]


def test_adopt_marks_every_final_decision_adopted_and_leaves_drafts():
    session = make_session()
    count = session.adopt(ADOPTED_ON)
    assert count == 3
    assert statuses(session) == [
        ("1", "adopted", ADOPTED_ON), ("1", "draft", None),
        ("2.1", "adopted", ADOPTED_ON), ("2.1", "adopted", ADOPTED_ON),
        ("2.2", "draft", None),
    ]
    assert session.settings.adopted_on == ADOPTED_ON


def test_adopting_again_moves_the_date():
    session = adopted_session()
    later = date(2020, 11, 23)
    assert session.adopt(later) == 3
    assert {d for _k, s, d in statuses(session) if s == "adopted"} == {later}


def test_withdraw_adoption_makes_them_final_again():
    session = adopted_session()
    assert session.withdraw_adoption() == 3
    assert [s for _k, s, _d in statuses(session)] == [
        "final", "draft", "final", "final", "draft"]
    assert session.settings.adopted_on is None


def test_f_on_an_adopted_decision_goes_back_to_final():
    session = adopted_session()
    decision = session.state("1").decisions[0]
    assert decision.final  # adopted counts as final
    assert session.toggle_final("1", decision.id) is DecisionStatus.FINAL
    assert decision.adopted is None
    assert session.toggle_final("1", decision.id) is DecisionStatus.DRAFT
    assert session.toggle_final("1", decision.id) is DecisionStatus.FINAL


def test_adopted_decisions_count_as_final_in_the_marks():
    assert adopted_session().counts("2.1") == (0, 2)


# ------------------------------------------------------------------ moving, reordering

T = datetime(2020, 9, 21, 9, 0, tzinfo=UTC)


def texts(session, key: str) -> list[str]:
    return [d.text for d in session.state(key).decisions]


def test_a_decision_moves_to_another_item_keeping_its_id_text_and_status():
    session = make_session()
    first = session.state("1").decisions[0]
    revision = session.revision
    moved = session.move_decision("1", first.id, "2.2")
    assert moved is first and moved.status is DecisionStatus.FINAL
    assert texts(session, "1") == [DRAFT_1]
    assert texts(session, "2.2") == [DRAFT_22, "Adopted its agenda."]  # last by default
    assert session.revision > revision
    assert session.counts("1") == (1, 0) and session.counts("2.2") == (1, 1)


def test_a_decision_moves_to_a_position_clamped_to_the_row():
    session = make_session()
    ids = [d.id for d in session.state("2.1").decisions]
    session.move_decision("2.1", ids[1], "1", 0)
    assert texts(session, "1") == [SECOND, "Adopted its agenda.", DRAFT_1]
    session.move_decision("1", ids[1], "3", 99)  # an item with nothing yet
    assert texts(session, "3") == [SECOND]
    session.move_decision("2.1", ids[0], "2.1", 5)  # the same item: a reorder
    assert texts(session, "2.1") == [MULTI_LINE]


def test_moving_to_an_unknown_item_or_an_unknown_decision_changes_nothing():
    session = make_session()
    decision = session.state("1").decisions[0]
    revision = session.revision
    with pytest.raises(KeyError):
        session.move_decision("1", decision.id, "no such item")
    with pytest.raises(KeyError):
        session.move_decision("1", 999, "2.2")
    assert texts(session, "1") == ["Adopted its agenda.", DRAFT_1]
    assert session.revision == revision


def test_reorder_moves_one_place_and_refuses_past_the_ends():
    session = make_session()
    first, second = (d.id for d in session.state("2.1").decisions)
    assert not session.reorder_decision("2.1", first, -1)
    revision = session.revision
    assert session.reorder_decision("2.1", first, +1)
    assert texts(session, "2.1") == [SECOND, MULTI_LINE]
    assert session.revision > revision
    assert not session.reorder_decision("2.1", first, +1)
    assert session.reorder_decision("2.1", first, -1)
    assert texts(session, "2.1") == [MULTI_LINE, SECOND]


def test_the_list_numbers_follow_moves_and_reorders():
    session = make_session()
    adopted, _draft = (d.id for d in session.state("1").decisions)
    first, second = (d.id for d in session.state("2.1").decisions)
    assert list_numbers(session, "2.1") == {first: 2, second: 3}
    session.reorder_decision("2.1", second, -1)
    assert list_numbers(session, "2.1") == {second: 2, first: 3}
    session.move_decision("1", adopted, "3")
    assert list_numbers(session, "2.1") == {second: 1, first: 2}
    assert list_numbers(session, "1") == {}  # a draft is not in the List
    assert list_number(session, "3", adopted) == 3
    assert [e.text for e in build_document(session).entries][-1] == "Adopted its agenda."


def test_entries_under_unmatched_are_numbered_after_the_items():
    session = make_session()
    state = ItemState(decisions=[Decision(99, "Kept from an older agenda.",
                                          DecisionStatus.FINAL, T, T)])
    session.unmatched.append(UnmatchedEntry("9", "9", "Gone", state, {}))
    assert list_numbers(session, unmatched_node(0)) == {99: 4}  # after 1, 2.1's two
    assert build_document(session).entries[-1].number == 4


def test_moves_and_reorders_survive_the_file():
    session = make_session()
    adopted, _draft = (d.id for d in session.state("1").decisions)
    first, second = (d.id for d in session.state("2.1").decisions)
    session.move_decision("1", adopted, "2.2", 0)
    session.reorder_decision("2.1", second, -1)
    _text, again = round_trip(session)
    assert [(d.id, d.text, d.status) for d in again.state("2.2").decisions] == [
        (adopted, "Adopted its agenda.", DecisionStatus.FINAL),
        (session.state("2.2").decisions[1].id, DRAFT_22, DecisionStatus.DRAFT)]
    assert [d.id for d in again.state("2.1").decisions] == [second, first]
    assert texts(again, "1") == [DRAFT_1]


# ------------------------------------------------------------------ the session file


def round_trip(session):
    text = dumps(session, "agenda.txt", "0" * 64)
    return text, from_document(tomllib.loads(text), session.agenda, "s.toml")


def test_settings_and_adoption_survive_the_file():
    session = adopted_session()
    session.settings.meeting = "28th meeting (hybrid)"
    session.settings.phrases = ["Took note with appreciation of", "Reiterated"]
    text, again = round_trip(session)
    assert again.settings == session.settings
    assert statuses(again) == statuses(session)
    doc = tomllib.loads(text)
    assert doc["settings"] == {
        "body": "Lanzarote Committee",
        "meeting": "28th meeting (hybrid)",
        "adopted_on": ADOPTED_ON,
        "phrases": ["Took note with appreciation of", "Reiterated"],
    }
    assert doc["items"]["1"]["decisions"][0]["adopted"] == ADOPTED_ON


def test_nothing_set_nothing_written():
    session = make_session()
    session.settings = MeetingSettings()
    text, again = round_trip(session)
    assert "settings" not in tomllib.loads(text)
    assert "adopted" not in text
    assert again.settings == MeetingSettings()


@pytest.mark.parametrize("settings, problem", [
    ({"body": 3}, "'body' has the wrong type"),
    ({"adopted_on": "yesterday"}, "'adopted_on' is not a date"),
    ({"phrases": "Took note"}, "'phrases' must be a list of strings"),
])
def test_bad_settings_are_named(settings, problem):
    text, _ = round_trip(make_session())
    doc = tomllib.loads(text)
    doc["settings"] = settings
    with pytest.raises(InputError, match=problem):
        from_document(doc, make_session().agenda, "s.toml")


def test_bad_adoption_date_of_a_decision_is_named():
    text, _ = round_trip(adopted_session())
    doc = tomllib.loads(text)
    doc["items"]["1"]["decisions"][0]["adopted"] = "soon"
    with pytest.raises(InputError, match=r"items.1.decisions\[0\]: expected a date"):
        from_document(doc, make_session().agenda, "s.toml")


def test_set_setting_none_goes_back_to_the_default():
    session = make_session()
    before = session.revision
    session.set_setting("meeting", "Special meeting")
    assert session.settings.meeting == "Special meeting" and session.revision > before
    session.set_setting("meeting", None)
    assert session.settings.meeting is None
    session.set_setting("phrases", ["Reiterated", "  "])
    assert session.settings.phrases == ["Reiterated"]
    with pytest.raises(KeyError):
        session.set_setting("adopted_on", "2020-01-01")


# ------------------------------------------------------------------ settings defaults


def test_meeting_from_the_header_or_the_file_name():
    assert default_meeting(parse_agenda("Board\n101st Meeting\n\n1. A\n")) == "101st Meeting"
    agenda = parse_agenda("Virtual meeting, 21-25 September 2020\n\n1. A\n",
                          source="agendas/lanzarote-28th-meeting-2020-09.txt")
    assert default_meeting(agenda) == "28th meeting"
    assert default_meeting(parse_agenda("Board\n\n1. A\n", source="board.txt")) == ""


def test_venue_and_dates_from_the_header_line_with_a_year():
    agenda = parse_agenda("Committee\nVirtual meeting, 21-25 September 2020\n\n1. A\n")
    assert default_venue_and_dates(agenda) == "Virtual meeting, 21-25 September 2020"
    assert default_venue_and_dates(parse_agenda("Committee\n\n1. A\n")) == ""


def test_lead_in_and_adoption_line():
    settings = MeetingSettings(body="Board of Directors", adopted_on=date(2025, 3, 3))
    assert settings.resolved_lead_in() == "During this meeting, the Board of Directors:"
    assert settings.adoption_line() == "Adopted by the Board of Directors on 3 March 2025"
    assert MeetingSettings(adopted_on=date(2025, 3, 3)).adoption_line() == \
        "Adopted on 3 March 2025"
    assert MeetingSettings().adoption_line() == ""


@pytest.mark.parametrize("text, day", [
    ("2020-09-25", date(2020, 9, 25)),
    ("25 September 2020", date(2020, 9, 25)),
    (" 25  Sep 2020 ", date(2020, 9, 25)),
    ("September 25, 2020", date(2020, 9, 25)),
])
def test_dates_people_type(text, day):
    assert parse_date(text) == day


def test_today_and_a_bad_date():
    assert parse_date("today") == date.today()
    with pytest.raises(ValueError, match="not a date: '31/02'"):
        parse_date("31/02")


def test_dates_are_written_in_english_whatever_the_locale():
    assert format_date(date(2020, 11, 3)) == "3 November 2020"


# ------------------------------------------------------------------ opening phrases


def test_the_meetings_own_phrases_come_first_without_repeats():
    phrases = phrase_list(["Reiterated", "took note of", " Took   note  with appreciation of"])
    assert phrases[:3] == ["Reiterated", "took note of", "Took note with appreciation of"]
    assert "Took note of" not in phrases  # the same phrase as the meeting's own
    assert len(phrases) == 2 + len(STANDARD_PHRASES)


def test_matches_ignore_case_and_leave_out_what_is_typed_in_full():
    phrases = phrase_list()
    assert matches("", phrases) == list(STANDARD_PHRASES)
    assert matches("a", phrases) == ["Adopted", "Agreed", "Approved"]
    assert matches("Ag", phrases) == ["Agreed"]
    assert matches("Agreed", phrases) == []
    assert matches("Took note of the report", phrases) == []
    assert matches(" T", phrases) == []


def test_completion_adds_a_space_unless_a_sentence_ends():
    assert completion("Took note of") == "Took note of "
    assert completion("Adopted its agenda.") == "Adopted its agenda."
