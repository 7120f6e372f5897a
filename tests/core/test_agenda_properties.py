"""Properties of the parser on arbitrary and agenda-like text (hypothesis).

(a) parse_agenda never raises; (b) every non-blank line lands in exactly one place,
and the places agree with the structure that was built.
"""

from __future__ import annotations

import json
from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from meeting_tui.core.agenda import PLACES, Agenda
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.text import normalize

SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

# ------------------------------------------------------------------ strategies

NUMBERS = st.sampled_from([
    "1.", "2.", "3", "10.", "2.1", "2.1.", "2.1.1.", "3.4.5", "3)", "12)", "a)", "b)",
    "(a)", "(b)", "(iv)", "(v)", "i.", "ii.", "I.", "II.", "IV.", "A.", "B.", "C.",
    "I.1", "I.1.1", "III.2", "III.2.1", "Item 3", "Item 4:", "Agenda item 4(b):",
    "Point 2 -", "M.", "J.", "1 ", "2 ",
])
BULLETS = st.sampled_from(["•", "-", "*", "+", "◦", "▪", "–", "o\t", "- [ ]", "•\t"])
HEADINGS = st.sampled_from(["#", "##", "###", "####"])
INDENTS = st.sampled_from(["", "", "", "  ", "    ", "\t", "\t\t", " \t"])
WORDS = st.sampled_from([
    "Opening", "of", "the", "meeting", "and", "adoption", "agenda", "Budget", "report",
    "Chair", "UNICEF", "T-ES(2020)23", "Draft", "“consider”", "(", ")", "[15 min]",
    "[1h30]", "(20')", "Ms", "DOE,", "Vice-", "self-", "https://example.org/x", "—", ",",
    "Dupont", "réunion", "décisions", "March", "2025", "12", "x", "Ü", "\u00a0", "\u200b",
    "next", "meeting", "Dates", "List", "Date", "of the", "la", "des",
])
SPECIAL = st.sampled_from([
    "List of decisions", "Liste des décisions", "Dates of the next meetings",
    "Date of the next meeting", "Date of the next meeting: 5 May 2025",
    "Date de la prochaine réunion", "Next meeting", "7-11 December 2020, Strasbourg",
    "M. Dupont", "J. Smith, Chair", "T-ES(2020)23 - Draft report", "Ms Jane DOE, UNICEF",
    "---", "* * *", "**1. Bold item**", "# Title", "", " ", "\t", "\u200b",
    "** **", "**", "# #", "#", "- ", "•", "o\t", "- [ ] ", "3.", "(", "[15 min]",
])


@st.composite
def titles(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(WORDS, min_size=0, max_size=8)))


@st.composite
def agenda_lines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["numbered", "bullet", "bullet-numbered", "heading",
                                 "text", "special", "blank"]))
    indent = draw(INDENTS)
    if kind == "numbered":
        return f"{indent}{draw(NUMBERS)} {draw(titles())}"
    if kind == "bullet":
        return f"{indent}{draw(BULLETS)} {draw(titles())}"
    if kind == "bullet-numbered":
        return f"{indent}{draw(BULLETS)} {draw(NUMBERS)} {draw(titles())}"
    if kind == "heading":
        number = draw(st.one_of(st.just(""), NUMBERS))
        return f"{draw(HEADINGS)} {number} {draw(titles())}"
    if kind == "text":
        return f"{indent}{draw(titles())}"
    if kind == "special":
        return f"{indent}{draw(SPECIAL)}"
    return draw(st.sampled_from(["", "", "   ", "\t"]))


@st.composite
def agenda_texts(draw: st.DrawFn) -> str:
    lines = draw(st.lists(agenda_lines(), min_size=0, max_size=40))
    ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    return ending.join(lines) + draw(st.sampled_from(["", ending]))


ARBITRARY = st.text(
    alphabet=st.characters(codec="utf-8", categories=None), max_size=400
) | st.text(alphabet="\x00\x01\x0b\x0c\x1c\x85\r\n\t \u2028\u00a0\u200b1.a)(I#-•", max_size=200)


# ------------------------------------------------------------------ checks


def non_blank_lines(text: str) -> list[int]:
    """The line numbers a reader sees as having text (the parser's line split)."""
    lines = normalize(text).split("\n")
    return [no for no, line in enumerate(lines, start=1) if line.strip()]


def check_placement(text: str, agenda: Agenda) -> None:
    placement = list(agenda.placement)
    placed_lines = [no for no, _ in placement]
    # every non-blank line exactly once, in order, nothing else
    assert placed_lines == non_blank_lines(text)
    assert {place for _, place in placement} <= set(PLACES)
    counts = Counter(place for _, place in placement)

    items = list(agenda.walk())
    assert sorted(item.line for item in items) == [
        no for no, place in placement if place == "item"
    ]
    assert sum(len(item.notes) for item in items) == counts["note"]
    assert len(agenda.header) == counts["header"]
    assert len(agenda.next_meetings) == counts["next_meetings"]
    assert counts["end_marker"] == (0 if agenda.end_marker is None else 1)

    # page furniture may stand anywhere (a page ends where it ends): the rest in order
    placement = [(no, place) for no, place in placement if place != "furniture"]
    # a continuation follows its item's line (or another continuation) directly
    for index, (_, place) in enumerate(placement):
        if place == "continuation":
            assert index > 0 and placement[index - 1][1] in ("item", "continuation")
    # nothing but skipped lines after the end marker; skipped only after it
    if agenda.end_marker is not None:
        end = next(i for i, (_, place) in enumerate(placement) if place == "end_marker")
        assert all(place == "skipped" for _, place in placement[end + 1 :])
    else:
        assert counts["skipped"] == 0
    # the header comes first
    header_rows = [i for i, (_, place) in enumerate(placement) if place == "header"]
    assert header_rows == list(range(len(header_rows)))


def check_structure(agenda: Agenda) -> None:
    items = list(agenda.walk())
    keys = [item.key for item in items]
    assert all(keys) and len(set(keys)) == len(keys)
    for item in items:
        assert agenda.find(item.key) is item
        assert item.number is None or item.number.strip() == item.number != ""
        assert item.title == " ".join(item.title.split())
        assert all(note == " ".join(note.split()) and note for note in item.notes)
        assert item.planned_minutes is None or item.planned_minutes >= 0
        # an unnumbered item always has something to show
        assert item.number is not None or item.title
    # children come after their parent in the text
    for item in items:
        assert all(child.line > item.line for child in item.children)
    json.dumps(agenda.to_json())
    agenda.outline()


# ------------------------------------------------------------------ properties


@SETTINGS
@given(ARBITRARY)
def test_never_raises_on_arbitrary_text(text: str) -> None:
    agenda = parse_agenda(text)
    check_placement(text, agenda)
    check_structure(agenda)


@SETTINGS
@given(agenda_texts())
# Nothing before an allocation but a dash or a comma: the line is its own title.
@example("• — [15 min]")
@example("- , (20 min)")
@example("Agenda\n\n1. – 1h 30m")
def test_never_raises_on_agenda_like_text(text: str) -> None:
    agenda = parse_agenda(text)
    check_structure(agenda)


@SETTINGS
@given(agenda_texts())
def test_every_line_lands_in_exactly_one_place(text: str) -> None:
    check_placement(text, parse_agenda(text))


@SETTINGS
@given(agenda_texts())
def test_parsing_is_deterministic_and_line_ending_blind(text: str) -> None:
    first = parse_agenda(text)
    assert parse_agenda(text) == first
    unix = text.replace("\r\n", "\n").replace("\r", "\n")
    assert parse_agenda(unix).to_json() == first.to_json()
