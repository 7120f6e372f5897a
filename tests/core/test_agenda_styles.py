"""Numbering styles, continuations, notes and markers as other bodies write them.

Every expectation is written out by hand as (number, title, children) tuples. The
agendas are small and in the manner of city councils, company boards, UN bodies,
university senates, Markdown-using working groups and French associations; the
fixture files in tests/data/agendas/ are the longer ones.
"""

from __future__ import annotations

import textwrap

from helpers.paths import STYLE_AGENDAS as FIXTURES

from meeting_tui.core.agenda import Agenda, Item
from meeting_tui.core.parser import parse_agenda
from meeting_tui.files.agenda_file import load_agenda


def parse(text: str) -> Agenda:
    return parse_agenda(textwrap.dedent(text).lstrip("\n"))


def tree(items: tuple[Item, ...]) -> tuple:
    return tuple((item.number, item.title, tree(item.children)) for item in items)


def item(agenda: Agenda, number: str) -> Item:
    found = [i for i in agenda.walk() if i.number == number]
    assert len(found) == 1, f"{number!r}: {[i.label for i in agenda.walk()]}"
    return found[0]


# ------------------------------------------------------------------ numbering styles


def test_item_word_numbers_city_council() -> None:
    agenda = parse("""
        Item 1 Call to order
        Item 2 Roll call
        Item 3 Approval of the minutes of 18 February 2025
        Item 4: Ordinance 2025-07
        Item 5 - Adjournment
    """)
    assert tree(agenda.items) == (
        ("1", "Call to order", ()),
        ("2", "Roll call", ()),
        ("3", "Approval of the minutes of 18 February 2025", ()),
        ("4", "Ordinance 2025-07", ()),
        ("5", "Adjournment", ()),
    )
    assert agenda.header == ()


def test_agenda_item_with_lettered_part_company_board() -> None:
    agenda = parse("""
        Board of Directors, 27 February 2025
        Agenda item 3: Chief Executive's report
        Agenda item 4: Auditors
        Agenda item 4(a): Appointment of auditors
        Agenda item 4(b): Remuneration of auditors
        Agenda item 5: Any other business
    """)
    assert agenda.header == ("Board of Directors, 27 February 2025",)
    assert tree(agenda.items) == (
        ("3", "Chief Executive's report", ()),
        ("4", "Auditors", (
            ("4(a)", "Appointment of auditors", ()),
            ("4(b)", "Remuneration of auditors", ()),
        )),
        ("5", "Any other business", ()),
    )


def test_decimal_with_closing_parenthesis() -> None:
    agenda = parse("""
        1) Welcome
        2) Budget 2026
        3) Closing
    """)
    assert tree(agenda.items) == (
        ("1", "Welcome", ()),
        ("2", "Budget 2026", ()),
        ("3", "Closing", ()),
    )


def test_letter_parenthesis_sub_items_under_decimal_items() -> None:
    agenda = parse("""
        1. Welcome
        2. Budget 2026
        a) Operating budget
        b) Capital budget
        c) Reserves
        3. Closing
    """)
    assert tree(agenda.items) == (
        ("1", "Welcome", ()),
        ("2", "Budget 2026", (
            ("a", "Operating budget", ()),
            ("b", "Capital budget", ()),
            ("c", "Reserves", ()),
        )),
        ("3", "Closing", ()),
    )


def test_letters_restart_under_each_decimal_item() -> None:
    agenda = parse("""
        1. Reports
           a) Chair
           b) Treasurer
        2. Elections
           a) Chair
           b) Secretary
    """)
    assert tree(agenda.items) == (
        ("1", "Reports", (("a", "Chair", ()), ("b", "Treasurer", ()))),
        ("2", "Elections", (("a", "Chair", ()), ("b", "Secretary", ()))),
    )
    assert agenda.warnings == ()


def test_parenthesised_letters_un_working_group() -> None:
    agenda = parse("""
        1. Opening of the session
        2. Organizational matters
           (a) Election of officers
           (b) Adoption of the agenda
           (c) Organization of work
        3. Adoption of the report
    """)
    assert tree(agenda.items) == (
        ("1", "Opening of the session", ()),
        ("2", "Organizational matters", (
            ("a", "Election of officers", ()),
            ("b", "Adoption of the agenda", ()),
            ("c", "Organization of work", ()),
        )),
        ("3", "Adoption of the report", ()),
    )


def test_parenthesised_lower_roman_under_letters() -> None:
    agenda = parse("""
        3. Substantive matters
           (a) Thematic discussion on:
               (i) Capacity-building
               (ii) Technical assistance
               (iii) Financing
               (iv) Monitoring and evaluation
               (v) Partnerships
           (b) Review of resolution 77/12
    """)
    assert tree(agenda.items) == (
        ("3", "Substantive matters", (
            ("a", "Thematic discussion on:", (
                ("i", "Capacity-building", ()),
                ("ii", "Technical assistance", ()),
                ("iii", "Financing", ()),
                ("iv", "Monitoring and evaluation", ()),
                ("v", "Partnerships", ()),
            )),
            ("b", "Review of resolution 77/12", ()),
        )),
    )


def test_letter_i_after_h_continues_the_letters_not_roman() -> None:
    agenda = parse("""
        5. Reports of subsidiary bodies
        (g) Committee on Budget
        (h) Committee on Programme
        (i) Committee on Conferences
        (j) Committee on Information
    """)
    assert tree(agenda.items) == (
        ("5", "Reports of subsidiary bodies", (
            ("g", "Committee on Budget", ()),
            ("h", "Committee on Programme", ()),
            ("i", "Committee on Conferences", ()),
            ("j", "Committee on Information", ()),
        )),
    )


def test_upper_roman_with_upper_letters_university_senate() -> None:
    agenda = parse("""
        Faculty Senate — 14 October 2025
        I. Call to Order
        II. Approval of Minutes
        III. Reports
           A. President's Report
           B. Provost's Report
        IV. Old Business
        V. New Business
           A. Curriculum Proposals
           B. Senate Elections
        VI. Adjournment
    """)
    assert agenda.header == ("Faculty Senate — 14 October 2025",)
    assert tree(agenda.items) == (
        ("I", "Call to Order", ()),
        ("II", "Approval of Minutes", ()),
        ("III", "Reports", (
            ("A", "President's Report", ()),
            ("B", "Provost's Report", ()),
        )),
        ("IV", "Old Business", ()),
        ("V", "New Business", (
            ("A", "Curriculum Proposals", ()),
            ("B", "Senate Elections", ()),
        )),
        ("VI", "Adjournment", ()),
    )


def test_upper_roman_and_letters_without_indentation() -> None:
    agenda = parse("""
        I. Opening
        II. Reports
        A. Treasurer
        B. Secretary
        C. Membership
        III. Closing
    """)
    assert tree(agenda.items) == (
        ("I", "Opening", ()),
        ("II", "Reports", (
            ("A", "Treasurer", ()),
            ("B", "Secretary", ()),
            ("C", "Membership", ()),
        )),
        ("III", "Closing", ()),
    )


def test_upper_letters_as_top_level_items() -> None:
    agenda = parse("""
        A. Preliminary matters
        B. Items for decision
        C. Items for information
        D. Closing
    """)
    assert tree(agenda.items) == (
        ("A", "Preliminary matters", ()),
        ("B", "Items for decision", ()),
        ("C", "Items for information", ()),
        ("D", "Closing", ()),
    )


def test_numbers_are_kept_without_decoration() -> None:
    agenda = parse("""
        Item 3 Finance
        (a) Budget
        (b) Accounts
        (c) Audit
        (d) Investments
        (iv) Stray roman
    """)
    assert [i.number for i in agenda.walk()] == ["3", "a", "b", "c", "d", "iv"]
    roman = parse("""
        1) One
        (i) first
        (ii) second
        (iii) third
        (iv) fourth
    """)
    assert [i.number for i in roman.walk()] == ["1", "i", "ii", "iii", "iv"]


def test_decimal_with_and_without_trailing_dot() -> None:
    agenda = parse("""
        1. Opening
        2. Reports
        2.1. Annual report
        2.1.1. First reading
        2.2 Financial report
        2.2.1 Accounts
        2.2.2 Audit
        3 Any other business
    """)
    assert tree(agenda.items) == (
        ("1", "Opening", ()),
        ("2", "Reports", (
            ("2.1", "Annual report", (
                ("2.1.1", "First reading", ()),
            )),
            ("2.2", "Financial report", (
                ("2.2.1", "Accounts", ()),
                ("2.2.2", "Audit", ()),
            )),
        )),
        # an undecorated "3" that continues the numbering is an item too
        ("3", "Any other business", ()),
    )


def test_undecorated_numbers_when_they_form_a_sequence() -> None:
    agenda = parse("""
        Annual General Meeting 2025
        10 March 2025, Town Hall
        1 Welcome
        2 Minutes of the 2024 meeting
        3 Accounts
        3.1 Auditor's report
        4 Close
    """)
    assert agenda.header == ("Annual General Meeting 2025", "10 March 2025, Town Hall")
    assert tree(agenda.items) == (
        ("1", "Welcome", ()),
        ("2", "Minutes of the 2024 meeting", ()),
        ("3", "Accounts", (("3.1", "Auditor's report", ()),)),
        ("4", "Close", ()),
    )


def test_sub_number_without_its_parent_stays_beside_the_open_item() -> None:
    agenda = parse("""
        2. Reports
        3.1 Chair's report
        3.2 Treasurer's report
        4. Closing
    """)
    assert tree(agenda.items) == (
        ("2", "Reports", ()),
        ("3.1", "Chair's report", ()),
        ("3.2", "Treasurer's report", ()),
        ("4", "Closing", ()),
    )


def test_roman_families_nest_by_prefix_at_any_depth() -> None:
    agenda = parse("""
        2. Draft report
        II. Substantive law
        II.1 Offences
        II.1.1 Definitions
        II.1.1.1 Scope of the definitions
        II.1.1.2 Age thresholds
        II.1.2 Penalties
        II.2 Jurisdiction
        IV.1 Procedure
        IV.1.1 Investigation
    """)
    # The report's chapters are the sub-structure of item 2 (as letters under a decimal
    # item are); "IV.1" has no "IV" and stands beside "II".
    assert tree(agenda.items) == (
        ("2", "Draft report", (
            ("II", "Substantive law", (
                ("II.1", "Offences", (
                    ("II.1.1", "Definitions", (
                        ("II.1.1.1", "Scope of the definitions", ()),
                        ("II.1.1.2", "Age thresholds", ()),
                    )),
                    ("II.1.2", "Penalties", ()),
                )),
                ("II.2", "Jurisdiction", ()),
            )),
            ("IV.1", "Procedure", (("IV.1.1", "Investigation", ()),)),
        )),
    )


def test_roman_family_at_top_level() -> None:
    agenda = parse("""
        I. Introduction
        I.1 Scope
        I.1.1 Definitions
        II. Findings
        II.1 Legislation
        II.1.1 Criminal law
        II.1.2 Civil law
        III. Conclusions
    """)
    assert tree(agenda.items) == (
        ("I", "Introduction", (("I.1", "Scope", (("I.1.1", "Definitions", ()),)),)),
        ("II", "Findings", (
            ("II.1", "Legislation", (
                ("II.1.1", "Criminal law", ()),
                ("II.1.2", "Civil law", ()),
            )),
        )),
        ("III", "Conclusions", ()),
    )


def test_bullets_with_their_own_outline_number() -> None:
    agenda = parse("""
        4. Chapter review
        4.1 Chapter IV: Assistance to victims
          • IV.1 Support services
        IV.1.1 Helplines
        IV.1.2 Shelters
          • IV.2 Compensation
        IV.2.1 State compensation schemes
        5. Any other business
    """)
    assert tree(agenda.items) == (
        ("4", "Chapter review", (
            ("4.1", "Chapter IV: Assistance to victims", (
                ("IV.1", "Support services", (
                    ("IV.1.1", "Helplines", ()),
                    ("IV.1.2", "Shelters", ()),
                )),
                ("IV.2", "Compensation", (
                    ("IV.2.1", "State compensation schemes", ()),
                )),
            )),
        )),
        ("5", "Any other business", ()),
    )


def test_bullets_with_decimal_numbers() -> None:
    agenda = parse("""
        1. Opening
        - 1.1 Welcome by the Chair
        - 1.2 Adoption of the agenda
        1.2.1 Additional items
        2. Close
    """)
    assert tree(agenda.items) == (
        ("1", "Opening", (
            ("1.1", "Welcome by the Chair", ()),
            ("1.2", "Adoption of the agenda", (("1.2.1", "Additional items", ()),)),
        )),
        ("2", "Close", ()),
    )


def test_unnumbered_bullets_are_sub_points_of_the_item_above() -> None:
    for bullet in "•-*◦▪–":
        agenda = parse(f"""
            3. Exchange of views
            3.1 Recent developments
              {bullet} Presentation by the European Commission
              {bullet} Presentation by UNICEF
            3.2 Events
        """)
        assert tree(agenda.items) == (
            ("3", "Exchange of views", (
                ("3.1", "Recent developments", (
                    (None, "Presentation by the European Commission", ()),
                    (None, "Presentation by UNICEF", ()),
                )),
                ("3.2", "Events", ()),
            )),
        ), bullet


def test_rules_and_empty_bullets_are_not_items() -> None:
    agenda = parse("""
        1. Opening
        -
        * * *
        ---
        2. Budget
    """)
    assert tree(agenda.items) == (("1", "Opening", ()), ("2", "Budget", ()))
    assert agenda.items[0].notes == ("-", "* * *", "---")


def test_number_alone_takes_its_title_from_the_next_line() -> None:
    agenda = parse("""
        1.
        Opening of the meeting
        2.
        Budget
    """)
    assert tree(agenda.items) == (
        ("1", "Opening of the meeting", ()),
        ("2", "Budget", ()),
    )


# ------------------------------------------------------------------ Markdown


def test_markdown_headings_with_numbers_and_title_header() -> None:
    agenda = parse("""
        # Storage Working Group — weekly sync

        ## 1. Welcome

        ## 2. Release status

        ### 2.1 Blockers

        ## 3 RFC 17: Erasure coding
    """)
    assert agenda.header == ("Storage Working Group — weekly sync",)
    assert agenda.title == "Storage Working Group — weekly sync"
    assert tree(agenda.items) == (
        ("1", "Welcome", ()),
        ("2", "Release status", (("2.1", "Blockers", ()),)),
        ("3", "RFC 17: Erasure coding", ()),
    )


def test_markdown_headings_without_numbers() -> None:
    agenda = parse("""
        # Team meeting

        ## Opening
        ## Reports
        ### Treasurer
        ### Secretary
        ## Closing
    """)
    assert agenda.header == ("Team meeting",)
    assert tree(agenda.items) == (
        (None, "Opening", ()),
        (None, "Reports", (
            (None, "Treasurer", ()),
            (None, "Secretary", ()),
        )),
        (None, "Closing", ()),
    )


def test_markdown_title_heading_above_numbered_headings_of_the_same_level() -> None:
    agenda = parse("""
        # Agenda
        # 1. Opening
        # 2. Budget
    """)
    assert agenda.header == ("Agenda",)
    assert tree(agenda.items) == (("1", "Opening", ()), ("2", "Budget", ()))


def test_markdown_same_level_unnumbered_headings_are_all_items() -> None:
    agenda = parse("""
        # Opening
        # Budget
        # Closing
    """)
    assert agenda.header == ()
    assert [i.title for i in agenda.items] == ["Opening", "Budget", "Closing"]


def test_markdown_nested_dash_lists() -> None:
    agenda = parse("""
        # Sprint review

        - Demo
          - Search UI
          - Export to PDF
            - page numbers
        - Retrospective
    """)
    assert agenda.header == ("Sprint review",)
    assert tree(agenda.items) == (
        (None, "Demo", (
            (None, "Search UI", ()),
            (None, "Export to PDF", ((None, "page numbers", ()),)),
        )),
        (None, "Retrospective", ()),
    )


def test_markdown_nested_numbered_lists() -> None:
    agenda = parse("""
        # Planning

        1. Intro
        2. Roadmap
           1. Q3 goals
           2. Q4 goals
              - hiring
              - budget
        3. Wrap-up
    """)
    assert tree(agenda.items) == (
        ("1", "Intro", ()),
        ("2", "Roadmap", (
            ("1", "Q3 goals", ()),
            ("2", "Q4 goals", ((None, "hiring", ()), (None, "budget", ()))),
        )),
        ("3", "Wrap-up", ()),
    )
    assert agenda.warnings == ()


def test_markdown_list_under_headings() -> None:
    agenda = parse("""
        # Agenda
        ## Opening
        1. Welcome
        2. Apologies
        ## Reports
        1. Chair
        2. Treasurer
    """)
    assert tree(agenda.items) == (
        (None, "Opening", (("1", "Welcome", ()), ("2", "Apologies", ()))),
        (None, "Reports", (("1", "Chair", ()), ("2", "Treasurer", ()))),
    )


# ------------------------------------------------------------------ indentation


def test_items_indented_with_tabs() -> None:
    agenda = parse_agenda(
        "1.\tOpening\n2.\tReports\n\ta)\tChair\n\tb)\tTreasurer\n\t\t-\tfigures\n3.\tClose\n"
    )
    assert tree(agenda.items) == (
        ("1", "Opening", ()),
        ("2", "Reports", (
            ("a", "Chair", ()),
            ("b", "Treasurer", ((None, "figures", ()),)),
        )),
        ("3", "Close", ()),
    )


def test_items_indented_with_spaces() -> None:
    agenda = parse("""
        1. Opening
            1.1 Welcome
            1.2 Agenda
                a. Additions
                b. Order of items
        2. Close
    """)
    assert tree(agenda.items) == (
        ("1", "Opening", (
            ("1.1", "Welcome", ()),
            ("1.2", "Agenda", (("a", "Additions", ()), ("b", "Order of items", ()))),
        )),
        ("2", "Close", ()),
    )


def test_whole_agenda_indented() -> None:
    agenda = parse_agenda("    1. Opening\n    2. Budget\n        a) Capital\n    3. Close\n")
    assert tree(agenda.items) == (
        ("1", "Opening", ()),
        ("2", "Budget", (("a", "Capital", ()),)),
        ("3", "Close", ()),
    )


# ------------------------------------------------------------------ continuations and notes


def test_continuation_starting_in_lower_case() -> None:
    agenda = parse("""
        1. Opening of the meeting and adoption of the
        agenda
        2. Report on the implementation
        of the work programme
    """)
    assert tree(agenda.items) == (
        ("1", "Opening of the meeting and adoption of the agenda", ()),
        ("2", "Report on the implementation of the work programme", ()),
    )


def test_continuation_after_open_phrase() -> None:
    agenda = parse("""
        1. Cooperation with other bodies, including
        International organisations
        2. Exchange of views with the representative of the
        European Data Protection Board
        3. Follow-up to the recommendations,
        Progress made by Parties
        4. Consideration of the draft opinion (document
        CM(2024)12) and next steps
        5. Follow-up to the “Recommendation on
        Children's Rights”
        6. Election of the Chair and Vice-
        Chair
        7. Budget and
        Finance
        8. Report of
        The Treasurer
        9. Exchange of views on "Youth
        Participation"
        10. Plans for the
        Next Cycle
    """)
    assert tree(agenda.items) == (
        ("1", "Cooperation with other bodies, including International organisations", ()),
        ("2", "Exchange of views with the representative of the European Data Protection "
              "Board", ()),
        ("3", "Follow-up to the recommendations, Progress made by Parties", ()),
        ("4", "Consideration of the draft opinion (document CM(2024)12) and next steps", ()),
        ("5", "Follow-up to the “Recommendation on Children's Rights”", ()),
        ("6", "Election of the Chair and Vice-Chair", ()),
        ("7", "Budget and Finance", ()),
        ("8", "Report of The Treasurer", ()),
        ("9", 'Exchange of views on "Youth Participation"', ()),
        ("10", "Plans for the Next Cycle", ()),
    )
    assert all(i.notes == () for i in agenda.walk())


def test_continuation_keeps_the_hyphen_of_a_broken_compound() -> None:
    agenda = parse("""
        1. Child self-
        generated material
    """)
    assert agenda.items[0].title == "Child self-generated material"


def test_notes_are_kept_in_order_and_never_merged() -> None:
    agenda = parse("""
        1. Opening of the meeting
        2. Draft implementation report
        T-ES(2020)23 - Draft report
        Ms Jane DOE, UNICEF
        Background paper: Protecting children online
        3. Any other business
    """)
    report = item(agenda, "2")
    assert report.title == "Draft implementation report"
    assert report.notes == (
        "T-ES(2020)23 - Draft report",
        "Ms Jane DOE, UNICEF",
        "Background paper: Protecting children online",
    )
    assert item(agenda, "1").notes == ()
    assert item(agenda, "3").notes == ()


def test_notes_after_a_blank_line_even_in_lower_case() -> None:
    agenda = parse("""
        1. Budget 2026

        see document FIN(2025)3
        2. Closing
    """)
    assert agenda.items[0].title == "Budget 2026"
    assert agenda.items[0].notes == ("see document FIN(2025)3",)


def test_links_are_notes_not_continuations() -> None:
    agenda = parse("""
        1. RFC 17: Erasure coding
        https://example.org/rfcs/17
        2. Budget
        www.example.org/budget.pdf
        3. Contact
        secretariat@example.org
    """)
    assert [(i.title, i.notes) for i in agenda.items] == [
        ("RFC 17: Erasure coding", ("https://example.org/rfcs/17",)),
        ("Budget", ("www.example.org/budget.pdf",)),
        ("Contact", ("secretariat@example.org",)),
    ]


def test_note_under_a_sub_item_belongs_to_the_sub_item() -> None:
    agenda = parse("""
        2. Reports
        2.1 Chair
        Document CHAIR(2025)1
        3. Close
    """)
    assert item(agenda, "2.1").notes == ("Document CHAIR(2025)1",)
    assert item(agenda, "2").notes == ()


def test_names_with_initials_are_not_items() -> None:
    agenda = parse("""
        1. Ouverture de la séance
        M. Dupont
        2. Statement by the Chair
        J. Smith, Chair
        M. Durand, Vice-Chair
        3. Closing
    """)
    assert tree(agenda.items) == (
        ("1", "Ouverture de la séance", ()),
        ("2", "Statement by the Chair", ()),
        ("3", "Closing", ()),
    )
    assert item(agenda, "1").notes == ("M. Dupont",)
    assert item(agenda, "2").notes == ("J. Smith, Chair", "M. Durand, Vice-Chair")


def test_numbers_in_running_text_are_not_items() -> None:
    agenda = parse("""
        1. Membership
        12 Members present, quorum reached
        2. Budget
    """)
    assert tree(agenda.items) == (("1", "Membership", ()), ("2", "Budget", ()))
    assert item(agenda, "1").notes == ("12 Members present, quorum reached",)


# ------------------------------------------------------------------ time allocations


def test_time_allocations_become_planned_minutes() -> None:
    agenda = parse("""
        1. Welcome [15 min]
        2. Strategy [1h]
        3. Budget [1h30]
        4. Questions (20')
        5. Any other business
        6. Resolution 2175 (2020)
    """)
    assert [(i.title, i.planned_minutes) for i in agenda.items] == [
        ("Welcome", 15),
        ("Strategy", 60),
        ("Budget", 90),
        ("Questions", 20),
        ("Any other business", None),
        ("Resolution 2175 (2020)", None),
    ]


def test_time_allocation_on_a_wrapped_title() -> None:
    agenda = parse("""
        5. Public hearing on Ordinance 2025-07 amending the Municipal
        Code [1h]
        Staff report PD-25-031
    """)
    only = agenda.items[0]
    assert only.title == "Public hearing on Ordinance 2025-07 amending the Municipal Code"
    assert only.planned_minutes == 60
    assert only.notes == ("Staff report PD-25-031",)


def test_time_allocation_on_sub_items_and_headings() -> None:
    agenda = parse("""
        ## 1. Demo [10 min]
        - Search UI (5')
        ## 2. Retro [1h]
    """)
    assert [(i.number, i.title, i.planned_minutes) for i in agenda.walk()] == [
        ("1", "Demo", 10),
        (None, "Search UI", 5),
        ("2", "Retro", 60),
    ]


# ------------------------------------------------------------------ next meetings, end marker


def test_date_of_the_next_meeting() -> None:
    agenda = parse("""
        1. Opening
        2. Any other business

        Date of the next meeting

        12-13 November 2025, Strasbourg
    """)
    assert [i.number for i in agenda.walk()] == ["1", "2"]
    assert agenda.next_meetings == ("12-13 November 2025, Strasbourg",)


def test_dates_of_the_next_meetings_with_bullets() -> None:
    agenda = parse("""
        1. Opening
        2. Any other business
        Dates of the next meetings
          • 7-11 December 2025, Strasbourg
          • 15-19 March 2026 (tbc)
        List of decisions
    """)
    assert [i.number for i in agenda.walk()] == ["1", "2"]
    assert agenda.next_meetings == ("7-11 December 2025, Strasbourg", "15-19 March 2026 (tbc)")
    assert agenda.end_marker == "List of decisions"


def test_next_meeting_date_on_the_same_line() -> None:
    agenda = parse("""
        1. Opening
        Date of the next meeting: 5 May 2025
    """)
    assert agenda.next_meetings == ("5 May 2025",)
    assert [i.title for i in agenda.walk()] == ["Opening"]


def test_items_after_the_next_meeting_dates() -> None:
    agenda = parse("""
        5. Programme of work
        6. Date of the next meeting
        7. Any other business
    """)
    # as a numbered item it is an agenda item like any other
    assert [i.title for i in agenda.items] == [
        "Programme of work", "Date of the next meeting", "Any other business",
    ]
    agenda = parse("""
        5. Programme of work
        Dates of the next meetings
        - 5 May 2025
        6. Any other business
    """)
    assert [i.title for i in agenda.items] == ["Programme of work", "Any other business"]
    assert agenda.next_meetings == ("5 May 2025",)


def test_end_marker_and_trailing_lines_are_not_items() -> None:
    agenda = parse("""
        1. Opening
        2. Budget
        List of decisions
        https://rm.coe.int/list-of-decisions
        3. This is not an agenda item
    """)
    assert [i.title for i in agenda.walk()] == ["Opening", "Budget"]
    assert agenda.end_marker == "List of decisions"
    places = dict(agenda.placement)
    assert places[3] == "end_marker"
    assert places[4] == places[5] == "skipped"


def test_list_of_decisions_inside_a_title_is_not_the_end_marker() -> None:
    agenda = parse("""
        1. Adoption of the agenda
        2. Adoption of the list of decisions of the meeting
        3. Closing
    """)
    assert agenda.end_marker is None
    assert len(agenda.items) == 3


def test_french_agenda() -> None:
    agenda = load_agenda(FIXTURES / "assemblee-generale.txt")
    assert agenda.header == (
        "ASSOCIATION DES AMIS DU MUSÉE",
        "Assemblée générale ordinaire",
        "Samedi 15 mars 2025, 14 h 30",
        "Ordre du jour",
    )
    assert tree(agenda.items) == (
        ("1", "Ouverture de la séance par le président", ()),
        ("2", "Approbation du procès-verbal de l'assemblée générale du 16 mars 2024", ()),
        ("3", "Rapport moral et rapport financier", (
            ("a", "Rapport moral", ()),
            ("b", "Rapport financier et approbation des comptes", ()),
        )),
        ("4", "Élection des membres du conseil d'administration", ()),
        ("5", "Questions diverses", ()),
    )
    assert item(agenda, "1").notes == ("M. Dupont",)
    assert item(agenda, "b").notes == ("Mme Martin, trésorière",)
    assert item(agenda, "3").planned_minutes == 30
    assert agenda.next_meetings == ("samedi 14 mars 2026",)
    assert agenda.end_marker == "Liste des décisions"


# ------------------------------------------------------------------ duplicates


def test_duplicate_numbers_warn_naming_both_lines() -> None:
    agenda = parse("""
        1. Opening
        2. Budget
        2. Budget again
        3. Close
    """)
    assert [i.title for i in agenda.items] == ["Opening", "Budget", "Budget again", "Close"]
    assert len(agenda.warnings) == 1
    warning = agenda.warnings[0]
    assert warning.line == 3
    assert "line 2" in warning.message and "line 3" in warning.message
    keys = [i.key for i in agenda.walk()]
    assert len(set(keys)) == len(keys)


def test_same_letter_under_different_parents_is_not_a_duplicate() -> None:
    agenda = parse("""
        1. Reports
        (a) Chair
        2. Elections
        (a) Chair
    """)
    assert agenda.warnings == ()


# ------------------------------------------------------------------ fixture agendas


def test_city_council_fixture() -> None:
    agenda = load_agenda(FIXTURES / "city-council-regular-meeting.txt")
    assert agenda.header == (
        "CITY OF RIVERTON",
        "CITY COUNCIL REGULAR MEETING",
        "Tuesday, 4 March 2025, 7:00 p.m., Council Chambers",
    )
    assert tree(agenda.items) == (
        ("1", "Call to order and roll call", ()),
        ("2", "Pledge of allegiance", ()),
        ("3", "Public comment", ()),
        ("4", "Consent calendar", (
            ("4.1", "Approval of the minutes of the regular meeting of 18 February 2025", ()),
            ("4.2", "Award of contract for street resurfacing, Phase II, to Apex Paving "
                    "Inc.", ()),
        )),
        ("5", "Public hearing: Ordinance 2025-07 amending Chapter 12 (Zoning) of the "
              "Municipal Code", ()),
        ("6", "Council member reports", ()),
        ("7", "Adjournment", ()),
    )
    assert [i.planned_minutes for i in agenda.items] == [None, None, 15, None, 60, 20, None]
    assert item(agenda, "3").notes == ("Speakers are limited to three minutes each.",)
    assert item(agenda, "5").notes == ("Staff report: Planning Department, memo PD-25-031",)


def test_company_board_fixture() -> None:
    agenda = load_agenda(FIXTURES / "company-board.txt")
    assert agenda.header[0] == "NORTHWIND HOLDINGS PLC"
    assert len(agenda.header) == 3
    assert tree(agenda.items) == (
        ("1", "Apologies and declarations of interest", ()),
        ("2", "Minutes of the previous meeting", ()),
        ("3", "Chief Executive's report", ()),
        ("4", "Annual report and accounts", (
            ("4(a)", "Report of the Audit Committee", ()),
            ("4(b)", "Approval of the financial statements", ()),
        )),
        ("5", "Any other business", ()),
    )
    assert item(agenda, "4(a)").notes == ("J. Smith, Chair",)
    assert item(agenda, "4(b)").notes == ("Paper B/25/07 - Draft annual report 2024",)


def test_un_working_group_fixture_with_tabs() -> None:
    agenda = load_agenda(FIXTURES / "un-working-group-session.txt")
    assert agenda.header == (
        "Working Group on Open-ended Intergovernmental Cooperation",
        "Third session, Geneva, 10-12 June 2025",
    )
    assert tree(agenda.items) == (
        ("1", "Opening of the session", ()),
        ("2", "Adoption of the agenda and organization of work", (
            ("a", "Election of officers", ()),
            ("b", "Adoption of the agenda", ()),
            ("c", "Organization of work", ()),
        )),
        ("3", "Substantive matters", (
            ("a", "Review of the implementation of resolution 77/12", ()),
            ("b", "Thematic discussion on:", (
                ("i", "Capacity-building", ()),
                ("ii", "Technical assistance", ()),
                ("iii", "Financing", ()),
                ("iv", "Monitoring and evaluation", ()),
            )),
        )),
        ("4", "Other matters", ()),
        ("5", "Adoption of the report", ()),
    )
    assert agenda.warnings == ()


def test_university_senate_fixture() -> None:
    agenda = load_agenda(FIXTURES / "university-senate.txt")
    assert agenda.header == ("UNIVERSITY SENATE", "Regular Meeting — 14 October 2025, 3:30 p.m.")
    assert tree(agenda.items) == (
        ("I", "Call to Order", ()),
        ("II", "Approval of the Minutes of 9 September 2025", ()),
        ("III", "Reports", (
            ("A", "Report of the President", ()),
            ("B", "Report of the Provost", ()),
            ("C", "Report of the Chair of the Senate", ()),
        )),
        ("IV", "Old Business", (
            ("A", "Revision of the Academic Integrity Policy (second reading)", ()),
        )),
        ("V", "New Business", (
            ("A", "Curriculum proposals", (
                ("1", "BSc in Data Science", ()),
                ("2", "MA in Digital Humanities", ()),
            )),
            ("B", "Election of the Senate Secretary", ()),
        )),
        ("VI", "Adjournment", ()),
    )
    assert agenda.warnings == ()


def test_markdown_working_group_fixture() -> None:
    agenda = load_agenda(FIXTURES / "markdown-working-group.md")
    assert agenda.header == (
        "Storage Working Group — weekly sync",
        "Meeting link: https://meet.example.org/storage-wg",
    )
    assert tree(agenda.items) == (
        ("1", "Welcome and agenda bashing", ()),
        ("2", "Release 2.4 status", (
            (None, "Blockers", (
                (None, "Flaky CI on arm64", ()),
                (None, "Docs review pending", ()),
            )),
            (None, "Timeline", (
                ("1", "Code freeze", ()),
                ("2", "Release candidate", ()),
            )),
        )),
        ("3", "RFC 17: Erasure coding", ()),
        ("4", "Any other business", ()),
    )
    assert [i.planned_minutes for i in agenda.items] == [5, None, 20, None]
    assert item(agenda, "3").notes == ("https://example.org/rfcs/17",)
