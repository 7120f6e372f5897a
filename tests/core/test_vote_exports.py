"""The vote of a decision in the List of decisions: after the decision's text, in every
format (Markdown, text, HTML, DOCX), in the list's language; nothing for consensus."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from helpers.clock import FakeClock

from meeting_tui.core.decision_list import build_document
from meeting_tui.core.export import render_html, render_md, render_txt
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import Session
from meeting_tui.core.votes import Choice, Vote, parse_tally

AGENDA = "Board\n\n1. Budget\n2. Staff\n"
T0 = datetime(2025, 3, 3, 8, 0, tzinfo=UTC)


def voted(language: str | None = None) -> Session:
    session = Session(parse_agenda(AGENDA), now=FakeClock(T0))
    if language:
        session.set_setting("language", language)
    budget = session.add_decision("1", "Approved the budget.")
    session.toggle_final("1", budget.id)
    session.set_vote("1", budget.id, parse_tally("30-2-3"))
    consensus = session.add_decision("1", "Thanked the treasurer.")
    session.toggle_final("1", consensus.id)
    staff = session.add_decision("2", "Hired a clerk.")
    session.toggle_final("2", staff.id)
    session.set_vote("2", staff.id, Vote.from_roll_call(
        {"Anna <b>": Choice.FOR, "Bo": Choice.FOR, "Cy": Choice.AGAINST}))
    return session


def test_the_document_holds_the_vote_lines() -> None:
    entries = build_document(voted()).entries
    assert entries[0].vote == ("Adopted by 30 votes to 2, with 3 abstentions.",)
    assert entries[1].vote == ()
    assert entries[2].vote == ("Adopted by 2 votes to 1.", "In favour: Anna <b>, Bo.",
                               "Against: Cy.")


def test_markdown_after_the_text() -> None:
    md = render_md(build_document(voted()))
    assert ("1. Approved the budget.\n\n   *Adopted by 30 votes to 2, with 3 abstentions.*\n"
            in md)
    assert "2. Thanked the treasurer.\n\n## 2." in md  # consensus: nothing
    assert "   *Adopted by 2 votes to 1.*  \n   In favour: Anna <b>, Bo.  \n   Against: Cy." in md


def test_text_after_the_text() -> None:
    txt = render_txt(build_document(voted()))
    assert ("    1. Approved the budget.\n\n       Adopted by 30 votes to 2, with 3 "
            "abstentions.\n") in txt


def test_html_after_the_text_escaped() -> None:
    html = render_html(build_document(voted()))
    assert ('<li><p>Approved the budget.</p><p class="vote"><em>Adopted by 30 votes to 2, '
            "with 3 abstentions.</em></p></li>") in html
    assert "In favour: Anna &lt;b&gt;, Bo." in html and "<b>," not in html


@pytest.mark.parametrize(("language", "line"), [
    ("fr", "Adopté par 30 voix contre 2, avec 3 abstentions."),
    ("de", "Angenommen mit 30 Ja-Stimmen bei 2 Gegenstimmen und 3 Enthaltungen."),
    ("es", "Aprobado por 30 votos contra 2 y 3 abstenciones."),
])
def test_in_the_meetings_language(language: str, line: str) -> None:
    doc = build_document(voted(language))
    assert line in render_md(doc) and line in render_txt(doc) and line in render_html(doc)


def test_a_list_in_another_language_says_the_vote_in_it() -> None:
    doc = build_document(voted("fr"), language="en")
    assert "Adopted by 30 votes to 2, with 3 abstentions." in render_md(doc)


def test_docx_after_the_text() -> None:
    docx = pytest.importorskip("docx")
    from meeting_tui.core.export_docx import render_docx

    document = docx.Document(io.BytesIO(render_docx(build_document(voted("fr")))))
    paras = [(p.style.name, p.text) for p in document.paragraphs]
    at = paras.index(("List Number", "Approved the budget."))
    assert paras[at + 1] == ("List Continue",
                             "Adopté par 30 voix contre 2, avec 3 abstentions.")
    assert document.paragraphs[at + 1].runs[0].italic
    staff = paras.index(("List Number", "Hired a clerk."))
    assert paras[staff + 1][1] == ("Adopté par 2 voix contre 1.\nPour\u00a0: Anna <b>, Bo."
                                   "\nContre\u00a0: Cy.")
