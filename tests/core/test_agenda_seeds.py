"""The two bundled agendas parse into exactly the trees a secretary would draw by hand.

The expectations below are typed from the agenda text, not generated from the parser:
each entry is (number, title, children).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from helpers.paths import AGENDAS

from meeting_tui.core.agenda import Agenda, Item
from meeting_tui.files.agenda_file import load_agenda

SEPTEMBER = AGENDAS / "lanzarote-28th-meeting-2020-09.txt"
NOVEMBER = AGENDAS / "lanzarote-29th-meeting-2020-11.txt"

PRESENTATION_TITLES = (
    "Presentation by Mr LABRADOR JIMENEZ, Team Leader \u2013 Fight Against Child Sexual "
    "Abuse, EU Commission, of the EU strategy for a more effective fight against child "
    "sexual abuse;",
    "Presentation by Ms DOURTHE, judge, Ministry of Justice, France, of new legislations;",
    "Presentation by Mr HARMATZ, Head of Strategic Cooperation, International Relations "
    "Department, Israel, of the activities of the Ministry of Public Security and "
    "especially the 105 Child Online Protection Bureau;",
    "Update on the ECPAT Global Initiative on Boys by Mr KAVENAGH, Head of Research & "
    "Policy, ECPAT International.",
)

SEPTEMBER_TREE = (
    ("1", "Opening of the meeting, adoption of the agenda and up-date on ratifications of "
          "the Lanzarote Convention", ()),
    ("2", "Monitoring of the implementation of the Lanzarote Convention", (
        ("2.1", "\u201cThe protection of children against sexual exploitation and sexual "
                "abuse facilitated by ICTs\u201d", (
            ("2.1.1", "First reading of the preliminary draft implementation report", ()),
        )),
        ("2.2", "\u201cProtecting children affected by the refugee crisis from sexual "
                "exploitation and sexual abuse\u201d", (
            ("2.2.1", "Follow-up by Parties to the 10 \u201cconsider\u201d recommendations "
                      "of the special report: taking stock of additional information "
                      "submitted and way ahead", ()),
        )),
        ("2.3", "Decision on the theme of the 3rd monitoring round", ()),
    )),
    ("3", "Exchange of information, experiences and good practices", (
        ("3.1", "Presentation of relevant activities by national authorities, international "
                "governmental and non-governmental organisations, experts, as well as "
                "services of the Council of Europe", (
            ("3.1.1", "Recent relevant progress in legislation, policies and strategies", (
                (None, PRESENTATION_TITLES[0], ()),
                (None, PRESENTATION_TITLES[1], ()),
                (None, PRESENTATION_TITLES[2], ()),
                (None, PRESENTATION_TITLES[3], ()),
            )),
            ("3.1.2", "Up-date on \u201cStepping up protection of children against sexual "
                      "exploitation and abuse in times of the COVID-19 pandemic\u201d", ()),
            ("3.1.3", "Up-coming international events of interest to the Lanzarote "
                      "Committee", ()),
        )),
        ("3.2", "Up-date from the Steering Committee for the Rights of the Child (CDENF) and "
                "its subordinate bodies", ()),
        ("3.3", "Presentation of relevant initiatives of the Parliamentary Assembly and "
                "Congress of Regional and Local Authorities of the Council of Europe", (
            ("3.3.1", "Presentation of relevant initiatives of the Parliamentary Assembly", ()),
            ("3.3.2", "Committee of Ministers decisions following the request for possible "
                      "comments by the Lanzarote Committee on Parliamentary Assembly "
                      "Recommendation 2175 (2020) \u2013 \u201cAddressing sexual violence "
                      "against children: stepping up action and co-operation in "
                      "Europe\u201d", ()),
            ("3.3.3", "Presentation of relevant initiatives of the Congress of Regional and "
                      "Local Authorities of the Council of Europe", ()),
        )),
        ("3.4", "Participation of the Lanzarote Committee representatives in outside "
                "events", ()),
        ("3.5", "Exchange of information on any other relevant related initiative", ()),
    )),
    ("4", "Council of Europe cooperation projects on the protection of children against "
          "sexual exploitation and sexual abuse", (
        ("4.1", "Up-date on progress with the End Online Child Sexual Exploitation and "
                "Abuse (OSCEA) @ Europe Project", ()),
        ("4.2", "Up-date concerning other on-going projects\u2019 development", ()),
    )),
    ("5", "Procedural matters", (
        ("5.1", "Up-date concerning the reflection on ways and means to maintain the "
                "monitoring process effective and to ensure that operational follow-up is "
                "given to the Lanzarote Committee\u2019s monitoring findings", ()),
        ("5.2", "Consideration of the request of observer status made by WePROTECT Global "
                "Alliance", ()),
        ("5.3", "Adoption of the list of decisions of the meeting", ()),
    )),
    ("6", "Any other business", ()),
)

NOVEMBER_TREE = (
    ("1", "Opening of the meeting and adoption of the agenda", ()),
    ("2", "Exchange of views on document T-ES(2020)23 (Legal chapters of the 2nd "
          "monitoring round draft implementation report)", (
        ("2.1", "Chapter I: Legal frameworks", (
            ("I.1", "Introduction", (
                ("I.1.1", "Childself-generated sexual images and/or videos and the "
                          "Lanzarote Convention", ()),
                ("I.1.2", "Specific reference to child-self-generated sexual material in "
                          "legal frameworks", ()),
            )),
            ("I.2", "Article 20 of the Lanzarote Convention and child self-generated sexual "
                    "images and/or videos", ()),
            ("I.3", "\u201cProducing and possessing\u201d child self-generated sexual "
                    "images and/or videos", (
                ("I.3.1", "\u201cChild pornography\u201d", ()),
                ("I.3.2", "Reservations allowed by Article 20(3)", ()),
                ("I.3.3", "Criminal liability of children as clarified by the "
                          "Committee\u2019s Opinion on child sexually suggestive or explicit "
                          "images and/or videos generated, shared and received by "
                          "children", ()),
            )),
            ("I.4", "Sharing child self-generated sexual images and/or videos", (
                ("I.4.1", "\u201cOffering, making available, distributing or "
                          "transmitting\u201d \u201cchild pornography\u201d", ()),
                ("I.4.2", "Other offences involving child self-generated material sexual "
                          "images and/or videos", ()),
            )),
            ("I.5", "Non-prosecution and sanctions", (
                ("I.5.1", "Prosecution of children as a last resort", ()),
                ("I.5.2", "Non-prosecution in the case of exploitation or abuse", ()),
            )),
            ("I.6", "Coercion/extortion involving child self-generated sexual images and/or "
                    "videos", (
                ("I.6.1", "Liability of children subject to coercion/extortion", ()),
                ("I.6.2", "Coercion/extortion to obtain further child selfgenerated sexual "
                          "images and/or videos", ()),
                ("I.6.3", "Coercion/extortion for (other) sexual gain", ()),
                ("I.6.4", "Coercion/extortion for financial benefit", ()),
                ("I.6.5", "Coercion/extortion for other personal gain", ()),
            )),
        )),
        ("2.2", "Chapter III: Investigation and prosecution", (
            ("III.1", "Specialised units, services or persons", (
                ("III.1.1", "Specialisation in law enforcement", ()),
                ("III.1.2", "Specialisation in prosecution and courts", ()),
                ("III.1.3", "Specialisation in dealing with child offenders", ()),
            )),
            ("III.2", "Training of professionals", (
                ("III.2.1", "Training of law enforcement agents", ()),
                ("III.2.2", "Training of prosecutors", ()),
                ("III.2.3", "Training of judges", ()),
                ("III.2.4", "Training overall", ()),
            )),
            ("III.3", "Effective investigation and prosecution", (
                ("III.3.1", "Victim identification", ()),
                ("III.3.2", "Challenges in the prosecution of perpetrators", ()),
            )),
        )),
    )),
    ("3", "Any other business", ()),
)


def tree(items: tuple[Item, ...]) -> tuple:
    return tuple((item.number, item.title, tree(item.children)) for item in items)


def numbers_and_lines(agenda: Agenda) -> list[tuple[str | None, int]]:
    return [(item.number, item.line) for item in agenda.walk()]


# ----------------------------------------------------------------- September (28th)


def test_september_tree_is_exact() -> None:
    agenda = load_agenda(SEPTEMBER)
    assert tree(agenda.items) == SEPTEMBER_TREE


def test_september_header_dates_and_end_marker() -> None:
    agenda = load_agenda(SEPTEMBER)
    assert agenda.header == ("Virtual meeting, 21-25 September 2020",)
    assert agenda.title == "Virtual meeting, 21-25 September 2020"
    assert agenda.next_meetings == (
        "7-11 December 2020, Strasbourg (exact dates and place/nature of the meeting tbc)",
    )
    assert agenda.end_marker == "List of decisions"
    assert agenda.warnings == ()


def test_september_items_have_no_notes_or_plans() -> None:
    agenda = load_agenda(SEPTEMBER)
    assert all(item.notes == () for item in agenda.walk())
    assert all(item.planned_minutes is None for item in agenda.walk())


def test_september_source_lines() -> None:
    agenda = load_agenda(SEPTEMBER)
    assert numbers_and_lines(agenda) == [
        ("1", 4), ("2", 6), ("2.1", 8), ("2.1.1", 10), ("2.2", 12), ("2.2.1", 14),
        ("2.3", 16), ("3", 18), ("3.1", 20), ("3.1.1", 22),
        (None, 24), (None, 25), (None, 26), (None, 27),
        ("3.1.2", 29), ("3.1.3", 31), ("3.2", 33), ("3.3", 35), ("3.3.1", 37),
        ("3.3.2", 39), ("3.3.3", 41), ("3.4", 43), ("3.5", 45), ("4", 47), ("4.1", 49),
        ("4.2", 51), ("5", 53), ("5.1", 55), ("5.2", 57), ("5.3", 59), ("6", 61),
    ]


def test_september_item_count_and_depths() -> None:
    agenda = load_agenda(SEPTEMBER)
    assert len(list(agenda.walk())) == 31
    assert [item.number for item in agenda.items] == ["1", "2", "3", "4", "5", "6"]


# ----------------------------------------------------------------- November (29th)


def test_november_tree_is_exact() -> None:
    agenda = load_agenda(NOVEMBER)
    assert tree(agenda.items) == NOVEMBER_TREE


def test_november_header_dates_and_end_marker() -> None:
    agenda = load_agenda(NOVEMBER)
    assert agenda.header == ("Virtual meeting, 23 November 2020",)
    assert agenda.next_meetings == (
        "7-11 December 2020, KUDO Platform (exact dates tbc)",
        "15-19 March 2021, Strasbourg (exact dates and place/nature of the meeting tbc)",
        "28 June - 2 July 2021, Strasbourg (exact dates and place/nature of the meeting tbc)",
        "29 November - 3 December 2021, Strasbourg (exact dates and place/nature of the "
        "meeting tbc)",
    )
    assert agenda.end_marker == "List of decisions"
    assert agenda.warnings == ()


def test_november_items_have_no_notes_or_plans() -> None:
    agenda = load_agenda(NOVEMBER)
    assert all(item.notes == () for item in agenda.walk())
    assert all(item.planned_minutes is None for item in agenda.walk())


def test_november_source_lines() -> None:
    agenda = load_agenda(NOVEMBER)
    assert numbers_and_lines(agenda) == [
        ("1", 4), ("2", 6), ("2.1", 8), ("I.1", 10), ("I.1.1", 12), ("I.1.2", 14),
        ("I.2", 16), ("I.3", 17), ("I.3.1", 19), ("I.3.2", 21), ("I.3.3", 23),
        ("I.4", 25), ("I.4.1", 27), ("I.4.2", 29), ("I.5", 31), ("I.5.1", 33),
        ("I.5.2", 35), ("I.6", 37), ("I.6.1", 39), ("I.6.2", 41), ("I.6.3", 43),
        ("I.6.4", 45), ("I.6.5", 47), ("2.2", 49), ("III.1", 51), ("III.1.1", 53),
        ("III.1.2", 55), ("III.1.3", 57), ("III.2", 59), ("III.2.1", 61), ("III.2.2", 63),
        ("III.2.3", 65), ("III.2.4", 67), ("III.3", 69), ("III.3.1", 71), ("III.3.2", 73),
        ("3", 75),
    ]


def test_keys_are_unique_and_findable() -> None:
    for path in (SEPTEMBER, NOVEMBER):
        agenda = load_agenda(path)
        keys = [item.key for item in agenda.walk()]
        assert len(keys) == len(set(keys)), path
        assert all(keys), path
        for item in agenda.walk():
            assert agenda.find(item.key) is item


def test_every_non_blank_line_is_placed_once() -> None:
    for path in (SEPTEMBER, NOVEMBER):
        text = path.read_text(encoding="utf-8")
        non_blank = [no for no, line in enumerate(text.splitlines(), 1) if line.strip()]
        agenda = load_agenda(path)
        assert sorted(no for no, _ in agenda.placement) == non_blank, path


def test_outline_lists_every_item_indented_by_depth() -> None:
    outline = load_agenda(NOVEMBER).outline().splitlines()
    assert outline[0] == "Virtual meeting, 23 November 2020"
    assert "            I.3.2 Reservations allowed by Article 20(3)" in outline
    assert "    2.2 Chapter III: Investigation and prosecution" in outline
    assert outline[-1] == "List of decisions"


# ----------------------------------------------------------------- --json


ITEM_KEYS = {"number", "title", "line", "planned_minutes", "notes", "children"}


def run_json(path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "meeting_tui", "agenda", str(path), "--json"],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return json.loads(done.stdout)


def check_item_shape(item: dict) -> None:
    assert set(item) == ITEM_KEYS
    assert item["number"] is None or isinstance(item["number"], str)
    assert isinstance(item["title"], str) and item["title"]
    assert isinstance(item["line"], int) and not isinstance(item["line"], bool)
    assert item["planned_minutes"] is None or isinstance(item["planned_minutes"], int)
    assert isinstance(item["notes"], list)
    assert all(isinstance(note, str) for note in item["notes"])
    assert isinstance(item["children"], list)
    for child in item["children"]:
        check_item_shape(child)


def json_tree(items: list[dict]) -> tuple:
    return tuple((i["number"], i["title"], json_tree(i["children"])) for i in items)


def test_json_shape_and_content_september() -> None:
    data = run_json(SEPTEMBER)
    assert set(data) == {"header", "items", "next_meetings", "end_marker"}
    assert data["header"] == ["Virtual meeting, 21-25 September 2020"]
    assert data["next_meetings"] == [
        "7-11 December 2020, Strasbourg (exact dates and place/nature of the meeting tbc)",
    ]
    assert data["end_marker"] == "List of decisions"
    for item in data["items"]:
        check_item_shape(item)
    assert json_tree(data["items"]) == SEPTEMBER_TREE
    assert data["items"][0] == {
        "number": "1",
        "title": "Opening of the meeting, adoption of the agenda and up-date on "
                 "ratifications of the Lanzarote Convention",
        "line": 4,
        "planned_minutes": None,
        "notes": [],
        "children": [],
    }


def test_json_shape_and_content_november() -> None:
    data = run_json(NOVEMBER)
    assert set(data) == {"header", "items", "next_meetings", "end_marker"}
    for item in data["items"]:
        check_item_shape(item)
    assert json_tree(data["items"]) == NOVEMBER_TREE
    assert len(data["next_meetings"]) == 4
    assert data["end_marker"] == "List of decisions"
