"""Agendas as they are pasted from PDFs and web pages, and as other bodies number them.

Each test is written in the style of a family of real agendas (a city council's PDF,
a German Gemeinderat, a board's timetable, a working group's Markdown), never of one
document; hypothesis checks the rules hold for any agenda of the family.
"""

from __future__ import annotations

import textwrap

from hypothesis import given, settings
from hypothesis import strategies as st

from meeting_tui.core.agenda import Agenda
from meeting_tui.core.furniture import is_page_mark
from meeting_tui.core.parser import parse_agenda


def parse(text: str, source: str = "agenda.txt") -> Agenda:
    return parse_agenda(textwrap.dedent(text).strip("\n") + "\n", source)


def outline(agenda: Agenda) -> list[tuple[int, str | None, str]]:
    out: list[tuple[int, str | None, str]] = []

    def walk(items, depth):
        for item in items:
            out.append((depth, item.number, item.title))
            walk(item.children, depth + 1)

    walk(agenda.items, 0)
    return out


# ------------------------------------------------------------------ page furniture

def test_a_running_header_and_page_numbers_are_furniture():
    agenda = parse("""
        CITY OF SPRINGFIELD
        REGULAR COUNCIL MEETING AGENDA
        Tuesday, May 4, 2027
        Page 1 of 2
        1. Call to order
        2. Roll call
        3. Public comment
        CITY OF SPRINGFIELD
        REGULAR COUNCIL MEETING AGENDA
        Page 2 of 2
        4. Consent agenda
        5. Adjournment
    """)
    assert [t for _, _, t in outline(agenda)] == [
        "Call to order", "Roll call", "Public comment", "Consent agenda", "Adjournment"]
    assert agenda.header == ("CITY OF SPRINGFIELD", "REGULAR COUNCIL MEETING AGENDA",
                             "Tuesday, May 4, 2027")
    places = dict(agenda.placement)
    assert [no for no, place in places.items() if place == "furniture"] == [4, 8, 9, 10]
    assert all(not item.notes for item in agenda.walk())


def test_a_page_break_inside_a_title_leaves_the_title_whole():
    agenda = parse("""
        Board of Governors
        1. Report of the Finance Committee on the accounts of the year and on the
        Page 1 of 2
        Board of Governors
        budget for the coming year
        2. Closing
    """)
    assert agenda.items[0].title == ("Report of the Finance Committee on the accounts of "
                                     "the year and on the budget for the coming year")


def test_browser_print_headers_and_footers_are_furniture():
    agenda = parse("""
        12/6/22, 4:09 PM  Agenda - Parks Board
        Parks Board
        Regular meeting
        1. Opening
        2. Tree planting programme
        https://parks.example.gov/agenda/2022-12  1 of 2
        12/6/22, 4:09 PM  Agenda - Parks Board
        3. Closing
        https://parks.example.gov/agenda/2022-12  2 of 2
    """)
    assert [t for _, _, t in outline(agenda)] == ["Opening", "Tree planting programme",
                                                 "Closing"]
    assert all(not item.notes for item in agenda.walk())


def test_page_marks_in_the_languages_of_the_bodies():
    for mark in ("Page 2 of 4", "page 3", "Seite 2 von 5", "Página 1 de 3", "p. 4",
                 "Pagina 2 di 3", "- 2 -", "2 / 4", "3 of 7", "Page 10 sur 12"):
        assert is_page_mark(mark), mark
    for text in ("2. Budget", "Paper B/25/07", "12 members present", "Parking",
                 "Pages of history: the archive project"):
        assert not is_page_mark(text), text


FURNITURE = st.sampled_from(["Page 1 of 3", "Page 2 of 3", "- 2 -", "Seite 2 von 3",
                             "https://example.org/agenda  1 of 2"])


@given(titles=st.lists(st.text("abcdefghij ", min_size=3, max_size=30)
                       .map(str.strip).filter(bool), min_size=2, max_size=12),
       where=st.lists(st.tuples(st.integers(0, 12), FURNITURE), max_size=4))
@settings(max_examples=80, deadline=None)
def test_property_page_furniture_never_in_a_title(titles, where):
    lines = ["Committee meeting", ""] + [f"{i}. {t}" for i, t in enumerate(titles, 1)]
    clean = parse_agenda("\n".join(lines) + "\n")
    for position, mark in sorted(where, reverse=True):
        lines.insert(2 + min(position, len(titles)), mark)
    agenda = parse_agenda("\n".join(lines) + "\n")
    assert outline(agenda) == outline(clean)
    for item in agenda.walk():
        assert "of 3" not in item.title and "von" not in item.title
        assert not item.notes


# ------------------------------------------------------------------ wrapped titles

def test_a_title_wrapped_at_the_margin_is_joined_whatever_its_case():
    agenda = parse("""
        CITY OF SPRINGFIELD - REGULAR MEETING OF THE CITY COUNCIL - MAY 2027
        1. Call to order
        2. Approval of the minutes of the regular meeting held on 12 April
           2027 and of the special meeting held on 19 April 2027
        3. Public hearing on the proposed amendment to the zoning ordinance
        Regarding the Maple Street corridor
        4. Adjournment
    """)
    assert [t for _, _, t in outline(agenda)] == [
        "Call to order",
        "Approval of the minutes of the regular meeting held on 12 April 2027 and of the "
        "special meeting held on 19 April 2027",
        "Public hearing on the proposed amendment to the zoning ordinance Regarding the "
        "Maple Street corridor",
        "Adjournment",
    ]


def test_a_short_line_then_a_name_stays_a_note():
    # Lines far from the margin did not wrap: what follows is a note (a presenter).
    agenda = parse("""
        Annual general meeting of the association of the friends of the museum
        1. Opening by the chair
        Mr Dupont
        2. Annual report and accounts of the association for the year 2026
        Paper B/25/07 - Draft annual report 2024
        3. Closing
    """)
    assert agenda.items[0].title == "Opening by the chair"
    assert agenda.items[0].notes == ("Mr Dupont",)
    assert agenda.items[1].notes == ("Paper B/25/07 - Draft annual report 2024",)


@given(st.lists(st.sampled_from(["Opening", "Minutes of the previous meeting of the board",
                                 "Reports", "Any other business raised by members"]),
                min_size=2, max_size=15))
@settings(max_examples=60, deadline=None)
def test_property_joining_never_merges_two_numbered_items(titles):
    text = "Meeting of the board of the cooperative society\n" + "\n".join(
        f"{i}. {t}" for i, t in enumerate(titles, 1)) + "\n"
    agenda = parse_agenda(text)
    assert [(n, t) for _, n, t in outline(agenda)] == [
        (str(i), t) for i, t in enumerate(titles, 1)]


# ------------------------------------------------------------------ numbering families

def test_german_top_numbering():
    agenda = parse("""
        Gemeinderat Musterstadt
        Tagesordnung der öffentlichen Sitzung
        TOP 1 Eröffnung und Begrüßung
        TOP 2 Genehmigung der Niederschrift
        TOP 2.1 Anmerkungen
        TOP 3: Haushalt 2028
    """)
    assert outline(agenda) == [(0, "1", "Eröffnung und Begrüßung"),
                               (0, "2", "Genehmigung der Niederschrift"),
                               (1, "2.1", "Anmerkungen"), (0, "3", "Haushalt 2028")]


def test_starred_consent_items_and_more_bullets():
    agenda = parse("""
        Planning committee
        *1. Approval of the consent agenda
        *2. Minutes
        (a). Opening remarks
        (b). Apologies
        -- Presentation by the clerk
        ∗ Questions from the public
        3. Election of the vice-chair
    """)
    assert outline(agenda) == [
        (0, "*1", "Approval of the consent agenda"), (0, "*2", "Minutes"),
        (1, "a", "Opening remarks"), (1, "b", "Apologies"),
        (2, None, "Presentation by the clerk"), (2, None, "Questions from the public"),
        (0, "3", "Election of the vice-chair"),
    ]


def test_zero_padded_right_aligned_and_lone_numbers():
    agenda = parse("""
        Senate
         9. Reports
        10. Elections
        11
        Any other business
    """)
    assert [(n, t) for _, n, t in outline(agenda)] == [
        ("9", "Reports"), ("10", "Elections"), ("11", "Any other business")]
    padded = parse("""
        Council
        01 Opening
        02 Minutes
    """)
    assert [t for _, _, t in outline(padded)] == ["Opening", "Minutes"]


# ------------------------------------------------------------------ timetables

def test_a_timetable_gives_plans_and_starts_not_titles():
    agenda = parse("""
        Board of Trustees
        9 June 2027
        09:30 – 10:00 Welcome and coffee
        10:00 – 11:15 Strategy review
        11:15 Lunch
        12:15 Budget update
        Closing remarks 5m
    """)
    got = [(i.title, i.planned_minutes, i.scheduled) for i in agenda.items]
    assert got == [("Welcome and coffee", 30, "09:30"), ("Strategy review", 75, "10:00"),
                   ("Lunch", 60, "11:15"), ("Budget update", None, "12:15"),
                   ("Closing remarks", 5, None)]
    assert agenda.header == ("Board of Trustees", "9 June 2027")


def test_timetables_in_other_forms():
    agenda = parse("""
        Conference programme
        08:30 08:35 Opening
        9.00am Keynote
        14h00-15h30 Workshops
    """)
    got = [(i.title, i.planned_minutes, i.scheduled) for i in agenda.items]
    assert got == [("Opening", 5, "08:30"), ("Keynote", None, "09:00"),
                   ("Workshops", 90, "14:00")]


def test_bare_durations_at_the_end_are_plans():
    agenda = parse("""
        Staff meeting
        1. Welcome 5m
        2. Budget update 1h 30m
        3. Reports – 20 minutes
        4. Planning 1 h
    """)
    assert [(i.title, i.planned_minutes) for i in agenda.items] == [
        ("Welcome", 5), ("Budget update", 90), ("Reports", 20), ("Planning", 60)]


def test_decimal_sub_items_are_not_clock_times():
    agenda = parse("""
        Assembly
        2. Reports
        2.15 Report of the auditors
        2.30 Report of the board
    """)
    assert [(n, i.scheduled) for n, i in ((i.number, i) for i in agenda.walk())] == [
        ("2", None), ("2.15", None), ("2.30", None)]


# ------------------------------------------------------------------ Markdown

def test_markdown_as_commonmark_renders_it():
    agenda = parse("""
        # Open Data Working Group

        Monthly call, 3 May 2027

        ## Topics

        1. Welcome and **introductions**
        1. Review of [last minutes](https://example.org/minutes)
           1. Action items from `#42`
           1. Open *questions*
        1. Roadmap for Q3
    """, source="wg.md")
    assert outline(agenda) == [
        (0, "1", "Welcome and introductions"), (0, "2", "Review of last minutes"),
        (1, "1", "Action items from #42"), (1, "2", "Open questions"),
        (0, "3", "Roadmap for Q3"),
    ]
    assert agenda.header == ("Open Data Working Group", "Monthly call, 3 May 2027", "Topics")
    assert not agenda.warnings


def test_headings_that_are_sections_stay_items():
    agenda = parse("""
        # Working group

        ## Opening
        1. Welcome

        ## Reports
        1. Report of the chair
    """, source="wg.md")
    assert [t for _, _, t in outline(agenda)] == ["Opening", "Welcome", "Reports",
                                                 "Report of the chair"]


def test_plain_text_keeps_its_numbers_and_underscores():
    agenda = parse("""
        Board
        1. Review of file_name_2027 and *the* plan
        1. Again
    """)
    assert agenda.items[0].title == "Review of file_name_2027 and *the* plan"
    assert agenda.warnings  # a repeated number in plain text is said, not renumbered


# ------------------------------------------------------------------ nothing dropped silently

def test_an_agenda_read_mostly_as_notes_is_said():
    agenda = parse("""
        Board meeting, 3 May
        1. Opening
        Welcome by the chair
        Minutes of the last meeting
        Report of the treasurer
        Budget for next year
        Election of officers
        Any other business
        Close of the meeting
    """)
    assert len(agenda.items) == 1
    (warning,) = agenda.warnings
    assert "8 of 9 lines became notes or header" in warning.message
    assert "lines 1, 3, 4" in warning.message


def test_an_agenda_read_well_says_nothing():
    agenda = parse("""
        Board meeting, 3 May
        1. Opening
        2. Minutes
        Paper B/1
        3. Budget
    """)
    assert agenda.warnings == ()


def test_the_app_is_told_the_agenda_warnings_on_opening(tmp_path):
    from meeting_tui.files.opening import open_meeting

    path = tmp_path / "council.txt"
    path.write_text("Council\n1. Opening\n2. Minutes\n2. Budget\n", encoding="utf-8")
    opened = open_meeting(str(path), None, None, ask=lambda q, d: None)
    opened.lock.release()
    assert any(note.startswith("council.txt:4: item number 2") for note in opened.notes)


# ------------------------------------------------------------------ what a header holds

def test_a_un_header_names_the_item_it_belongs_to_and_is_not_an_item():
    agenda = parse("""
        United Nations                                              A/HRC/WG.6/45/1
        General Assembly                                            Distr.: General
        Human Rights Council
        Forty-fifth session
        Item 1 of the provisional agenda
        Provisional agenda
        1. Adoption of the agenda.
        2. Organization of work.
        3. Universal periodic review.
    """)
    assert [(n, t) for _, n, t in outline(agenda)] == [
        ("1", "Adoption of the agenda."), ("2", "Organization of work."),
        ("3", "Universal periodic review.")]
    assert "Item 1 of the provisional agenda" in agenda.header
    assert agenda.warnings == ()


def test_a_numbered_list_in_the_header_prose_is_not_the_agenda():
    agenda = parse("""
        Planning Commission - Regular Meeting
        Wednesday, June 9, 2027, 6:00 PM
        How to participate:
        1. Join by computer at https://zoom.example/j/123
        2. Join by phone: call 555-0100 and enter the meeting ID
        AGENDA
        1. Call to order
        2. Roll call
        3. Adjournment
    """)
    assert [(n, t) for _, n, t in outline(agenda)] == [
        ("1", "Call to order"), ("2", "Roll call"), ("3", "Adjournment")]
    assert agenda.header[2:] == (
        "How to participate:", "1. Join by computer at https://zoom.example/j/123",
        "2. Join by phone: call 555-0100 and enter the meeting ID", "AGENDA")
    assert agenda.warnings == ()


def test_a_flattened_table_reads_number_then_title_then_presenter():
    agenda = parse("""
        Finance committee
        Item
        Item name
        Presenter
        1
        Opening
        Chair
        2
        Quarterly accounts
        Treasurer
    """)
    assert [(i.number, i.title, i.notes) for i in agenda.items] == [
        ("1", "Opening", ("Chair",)), ("2", "Quarterly accounts", ("Treasurer",))]
    assert agenda.header == ("Finance committee", "Item", "Item name", "Presenter")
