"""The abridged report has what the List of decisions has: each decision's vote after
its text (laid out by the List's own renderers, in every format), and with
--with-attendance those present after the header."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from helpers.clock import FakeClock

from meeting_tui.core import minutes
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.roll import Participant, Presence
from meeting_tui.core.session import Session
from meeting_tui.core.votes import Choice, Vote, parse_tally

AGENDA = "Board\n\n1. Budget\n2. Staff\n"
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)
RESULT = "Adopted by 30 votes to 2, with 3 abstentions."


def voted() -> Session:
    session = Session(parse_agenda(AGENDA), now=FakeClock(T0))
    session.add_note("1", "the treasurer presented it", "Chair")
    budget = session.add_decision("1", "Approved the budget.")
    session.toggle_final("1", budget.id)
    session.set_vote("1", budget.id, parse_tally("30-2-3"))
    consensus = session.add_decision("1", "Thanked the treasurer.")
    session.toggle_final("1", consensus.id)
    staff = session.add_decision("2", "Hired a clerk.")
    session.toggle_final("2", staff.id)
    session.set_vote("2", staff.id, Vote.from_roll_call(
        {"Anna <b>": Choice.FOR, "Bo": Choice.FOR, "Cy": Choice.AGAINST}))
    session.set_roll([Participant("Anna <b>"), Participant("Bo"), Participant("Cy")])
    session.mark("Anna <b>", Presence.PRESENT)
    session.mark("Bo", Presence.PRESENT)
    session.mark("Cy", Presence.EXCUSED)
    return session


def report(fmt: str, **options: bool) -> str:
    data = minutes.render(minutes.build_minutes(voted(), **options), fmt)
    assert isinstance(data, str)
    return data


def test_text_the_vote_after_the_decision_as_in_the_list() -> None:
    txt = report("txt")
    assert f"    1. Approved the budget.\n\n       {RESULT}\n\n    2. Thanked" in txt
    assert ("       Adopted by 2 votes to 1.\n       In favour: Anna <b>, Bo.\n"
            "       Against: Cy.\n") in txt


def test_html_the_vote_after_the_decision_escaped() -> None:
    html = report("html")
    assert (f'<li><p>Approved the budget.</p><p class="vote"><em>{RESULT}</em></p></li>'
            in html)
    assert "<li><p>Thanked the treasurer.</p></li>" in html  # consensus: nothing
    assert "In favour: Anna &lt;b&gt;, Bo." in html and "<b>," not in html


def test_markdown_the_vote_after_the_decision() -> None:
    assert f"1. Approved the budget.\n\n   *{RESULT}*\n" in report("md")


def test_docx_the_vote_after_the_decision() -> None:
    docx = pytest.importorskip("docx")
    data = minutes.render(minutes.build_minutes(voted()), "docx")
    assert isinstance(data, bytes)
    paragraphs = docx.Document(io.BytesIO(data)).paragraphs
    texts = [p.text for p in paragraphs]
    at = texts.index("1. Approved the budget.")
    assert texts[at + 1] == RESULT and paragraphs[at + 1].runs[0].italic
    assert texts[at + 2] == "2. Thanked the treasurer."
    clerk = texts.index("3. Hired a clerk.")
    assert texts[clerk + 1] == "Adopted by 2 votes to 1.\nIn favour: Anna <b>, Bo.\nAgainst: Cy."


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_with_attendance_those_present_after_the_header(fmt: str) -> None:
    assert "Present" not in report(fmt)
    shown = report(fmt, with_attendance=True)
    present = "Present: Anna &lt;b&gt;, Bo." if fmt == "html" else "Present: Anna <b>, Bo."
    assert present in shown and "Excused: Cy." in shown
    assert shown.index(present) < shown.index("Budget")


def test_docx_with_attendance() -> None:
    docx = pytest.importorskip("docx")
    data = minutes.render(minutes.build_minutes(voted(), with_attendance=True), "docx")
    assert isinstance(data, bytes)
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "Present: Anna <b>, Bo.\nExcused: Cy." in texts
