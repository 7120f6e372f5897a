"""The List of decisions: what goes in it, golden files of every format, DOCX read back.

Golden files live in tests/data/golden/; after an intended change, rewrite them with
`UPDATE_GOLDEN=1 pytest tests/core/test_export.py` and review the diff.
"""

from __future__ import annotations

import builtins
import os
import re
import sys
from datetime import date
from io import BytesIO
from pathlib import Path

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
from helpers.paths import GOLDEN

from meeting_tui.core import export_docx
from meeting_tui.core.decision_list import build_document, split_paragraphs
from meeting_tui.core.export import render_entries_md, render_html, render_md, render_txt
from meeting_tui.core.export_docx import DOCX_MISSING, DocxUnavailable, render_docx
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import Session
from meeting_tui.files.exports import export_path, write_file

OPTIONS = {
    "include_drafts": True,
    "all_items": True,
    "number_per_item": True,
    "preamble": "The Committee met in Strasbourg, with Ms Müller in the chair.\n\n"
                "It held its meeting in a “hybrid” format.",
}


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing: run with UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


# ------------------------------------------------------------------ golden files


@pytest.mark.parametrize("fmt, render", [("md", render_md), ("txt", render_txt),
                                         ("html", render_html)])
def test_golden_adopted_list(fmt, render):
    check_golden(f"decisions.{fmt}", render(build_document(adopted_session())))


@pytest.mark.parametrize("fmt, render", [("md", render_md), ("txt", render_txt),
                                         ("html", render_html)])
def test_golden_with_every_option(fmt, render):
    doc = build_document(make_session(), **OPTIONS)
    check_golden(f"decisions-options.{fmt}", render(doc))


# ------------------------------------------------------------------ what is in the list


def headings(doc) -> list[str]:
    return [section.heading for section in doc.sections]


def test_only_items_with_a_final_decision_under_their_headings():
    doc = build_document(make_session())
    # 2. is there as the heading above 2.1; 2.2 (drafts only) and 3. are left out.
    assert headings(doc) == [
        "1. Opening of the meeting and adoption of the agenda",
        "2. Monitoring of the implementation of the Lanzarote Convention",
        "2.1. “The protection of children against sexual exploitation and sexual abuse "
        "facilitated by information and communication technologies (ICTs)”",
    ]
    assert [s.depth for s in doc.sections] == [0, 0, 1]
    assert doc.sections[1].entries == () and not doc.sections[1].no_decision


def test_intermediate_headings_at_every_depth_once():
    agenda = parse_agenda("1. One\n2. Two\n2.1 Two one\n2.1.1 Deep\n2.1.2 Deeper\n3. Three\n")
    session = Session(agenda)
    for key in ("2.1.1", "2.1.2"):
        d = session.add_decision(key, f"Decided on {key}.")
        session.toggle_final(key, d.id)
    doc = build_document(session)
    assert headings(doc) == ["2. Two", "2.1. Two one", "2.1.1. Deep", "2.1.2. Deeper"]
    assert [s.depth for s in doc.sections] == [0, 1, 2, 2]


def test_running_numbers_through_the_document():
    doc = build_document(make_session())
    assert [(e.number, e.text) for e in doc.entries] == [
        (1, "Adopted its agenda."), (2, MULTI_LINE), (3, SECOND)]


def test_number_per_item_restarts_the_count():
    doc = build_document(make_session(), number_per_item=True)
    assert [e.number for e in doc.entries] == [1, 1, 2]


def test_drafts_never_appear_unless_asked_and_then_marked():
    assert DRAFT_1 not in render_md(build_document(make_session()))
    doc = build_document(make_session(), include_drafts=True)
    drafts = [(e.number, e.text) for e in doc.entries if e.draft]
    assert drafts == [(2, DRAFT_1), (5, DRAFT_22)]
    assert f"2. **DRAFT** {DRAFT_1}" in render_md(doc)
    assert f"[DRAFT] {DRAFT_1}" in render_txt(doc)


def test_all_items_says_no_decision_under_items_without_one():
    doc = build_document(make_session(), all_items=True)
    by_heading = {s.heading: s for s in doc.sections}
    assert by_heading["2.2. Decision on the theme of the 3rd monitoring round"].no_decision
    assert by_heading["3. Any other business"].no_decision
    # A parent is a heading over its sub-items, never "No decision.".
    assert not by_heading["2. Monitoring of the implementation of the Lanzarote "
                          "Convention"].no_decision
    assert render_md(doc).count("No decision.") == 2


def test_empty_decisions_are_left_out():
    session = make_session()
    d = session.add_decision("3", "   \n")
    session.toggle_final("3", d.id)
    assert "3. Any other business" not in headings(build_document(session))


def test_lead_in_once_and_header_from_settings_and_agenda():
    doc = build_document(make_session())
    assert doc.body == "Lanzarote Committee"
    assert doc.meeting == "28th meeting"  # found in the agenda's header
    assert doc.venue_and_dates == "Strasbourg, 21-25 September 2020"
    assert doc.adopted == ""  # not adopted yet
    md = render_md(doc)
    assert md.count("During this meeting, the Lanzarote Committee:") == 1
    assert "Adopted by" not in md


def test_adoption_line_once_adopted():
    doc = build_document(adopted_session())
    assert doc.adopted == "Adopted by the Lanzarote Committee on 25 September 2020"


def test_body_and_meeting_given_override_the_settings():
    doc = build_document(make_session(), body="Committee of the Parties", meeting="5th meeting")
    md = render_md(doc)
    assert "**Committee of the Parties**" in md and "5th meeting" in md
    assert "During this meeting, the Committee of the Parties:" in md
    assert "Lanzarote Committee" not in md.split("# List of decisions")[0]


def test_settings_replace_the_defaults():
    session = make_session()
    session.settings.meeting = "Extraordinary meeting"
    session.settings.venue_and_dates = "Online, 1 October 2020"
    session.settings.lead_in = "The Committee, at this meeting:"
    doc = build_document(session)
    assert (doc.meeting, doc.venue_and_dates, doc.lead_in) == (
        "Extraordinary meeting", "Online, 1 October 2020", "The Committee, at this meeting:")


def test_without_a_body_the_lead_in_has_no_subject():
    session = make_session()
    session.settings.body = None
    doc = build_document(session)
    assert doc.lead_in == "During this meeting:"
    assert "**" not in render_md(doc).split("# List")[0]


def test_adopted_decisions_are_listed_as_final_ones():
    session = adopted_session()
    assert [e.text for e in build_document(session).entries] == [
        "Adopted its agenda.", MULTI_LINE, SECOND]


def test_decisions_of_items_no_longer_in_the_agenda_are_kept_last():
    from meeting_tui.core.session import ItemState, UnmatchedEntry

    session = make_session()
    gone = Session(parse_agenda("7. Old item\n"))
    d = gone.add_decision("7", "Approved the old thing.")
    gone.toggle_final("7", d.id)
    state: ItemState = gone.state("7")
    session.unmatched.append(UnmatchedEntry("7", "7", "Old item", state, {}))
    doc = build_document(session)
    assert headings(doc)[-1] == "7. Old item"
    assert doc.entries[-1].text == "Approved the old thing."
    assert doc.entries[-1].number == 4


def test_keys_limit_the_list_and_keep_the_numbers():
    entries = build_document(make_session(), keys=["2.1"]).entries
    assert [e.number for e in entries] == [2, 3]
    text = render_entries_md(entries)
    assert text.startswith("2. Took note of the “preliminary draft”")
    assert "\n\n3. Agreed to hold" in text


def test_paragraphs_and_lines_of_a_decision():
    assert split_paragraphs("A\r\nB  \n\n\n\nC\n") == (("A", "B"), ("C",))
    assert split_paragraphs("  \n") == ()


def test_heading_numbers_get_a_dot_unless_they_have_their_own():
    agenda = parse_agenda("Item 4(b) Budget\n1) Opening\n")
    session = Session(agenda)
    for item in session.order:
        d = session.add_decision(item.key, "Agreed.")
        session.toggle_final(item.key, d.id)
    assert headings(build_document(session))[0] == "4(b) Budget"


# ------------------------------------------------------------------ lines and bullets

LINES = "Took note of the report of the Bureau.\nDécidé de faire.\nAgreed to go."


def test_markdown_keeps_the_lines_of_a_decision_apart():
    """A renderer joins a paragraph's lines: each line but the last ends in a hard
    break, so the list reads as the HTML does, not "…Bureau. Décidé de… Agreed to…"."""
    from markdown_it import MarkdownIt

    session = make_session()
    decision = session.add_decision("2.2", LINES)
    session.toggle_final("2.2", decision.id)
    doc = build_document(session)
    text = render_md(doc)
    assert ("4. Took note of the report of the Bureau.  \n   Décidé de faire.  \n"
            "   Agreed to go.\n") in text
    html = MarkdownIt("commonmark").render(text)
    assert ("Took note of the report of the Bureau.<br />\nDécidé de faire.<br />\n"
            "Agreed to go.") in html
    # The list under "Instructed the Secretariat to:" stays a list.
    assert "<li>revise the report accordingly;</li>" in html
    assert "Bureau. Décidé" not in html
    assert render_entries_md(doc.sections[-1].entries).count("  \n") == 2  # c copies it so


BULLETS = """\
Committee
3. Exchange of information
3.1.1. Recent relevant progress
  • Presentation by Mr LABRADOR JIMENEZ of the EU strategy
  • Presentation by Ms DOURTHE of new legislations
3.1.2. Up-coming events
"""


def bullet_session() -> Session:
    session = Session(parse_agenda(BULLETS))
    for key, text in (("3.1.1/#2", "Took note."), ("3.1.2", "Noted.")):
        decision = session.add_decision(key, text)
        session.toggle_final(key, decision.id)
    return session


def test_a_bullet_is_set_under_its_item():
    """A bullet of an item (unnumbered, holding a decision) is marked as a bullet, and
    in text set in under its item rather than flush left like an item."""
    doc = build_document(bullet_session())
    assert headings(doc) == ["3. Exchange of information", "3.1.1. Recent relevant progress",
                             "• Presentation by Ms DOURTHE of new legislations",
                             "3.1.2. Up-coming events"]
    assert [s.bullet for s in doc.sections] == [False, False, True, False]
    assert "#### • Presentation by Ms DOURTHE of new legislations\n\n1. Took note." \
        in render_md(doc)
    assert ("3.1.1. Recent relevant progress\n\n  • Presentation by Ms DOURTHE of new "
            "legislations\n\n    1. Took note.\n\n3.1.2.") in render_txt(doc)
    narrow = render_txt(doc, width=40).splitlines()
    at = narrow.index("  • Presentation by Ms DOURTHE of new")
    assert narrow[at + 1] == "    legislations"  # wrapped under its own text
    assert ('<h4 class="bullet">• Presentation by Ms DOURTHE of new legislations</h4>'
            in render_html(doc))


def test_unnumbered_items_of_an_unnumbered_agenda_are_not_bullets():
    session = Session(parse_agenda("# Board\n## Opening\n### Welcome\n"))
    key = session.order[-1].key
    decision = session.add_decision(key, "Welcomed.")
    session.toggle_final(key, decision.id)
    assert not any(s.bullet for s in build_document(session).sections)


def test_docx_sets_a_bullet_in_under_its_item():
    pytest.importorskip("docx")
    document = read_docx(render_docx(build_document(bullet_session())))
    heading = next(p for p in document.paragraphs if p.text.startswith("• Presentation"))
    assert heading.style.name == "Heading 3"
    assert heading.paragraph_format.left_indent is not None
    assert heading.paragraph_format.left_indent > 0


# ------------------------------------------------------------------ plain text


def test_text_is_wrapped_at_80_columns_keeping_the_numbers():
    text = render_txt(build_document(make_session()))
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "    2. Took note of the “preliminary draft” implementation report prepared by" in lines
    # The second line of a wrapped decision hangs under its text, not its number.
    i = lines.index("    2. Took note of the “preliminary draft” implementation report prepared by")
    assert lines[i + 1].startswith("       the Secretariat’s team")
    # Item headings hang after their number.
    assert "     facilitated by information and communication technologies (ICTs)”" in lines


def test_text_wraps_a_list_line_under_its_text():
    session = make_session()
    d = session.add_decision("3", "Agreed:\n- to hold its next meeting in Strasbourg, on 7-11 "
                                  "December 2020, if the sanitary situation allows it;")
    session.toggle_final("3", d.id)
    lines = render_txt(build_document(session)).splitlines()
    i = lines.index("    4. Agreed:")
    assert lines[i + 1:i + 3] == [
        "       - to hold its next meeting in Strasbourg, on 7-11 December 2020, if the",
        "         sanitary situation allows it;",
    ]


def test_text_keeps_a_long_word_whole():
    session = make_session()
    d = session.add_decision("3", "Noted https://example.org/" + "x" * 90)
    session.toggle_final("3", d.id)
    text = render_txt(build_document(session))
    assert "https://example.org/" + "x" * 90 in text


# ------------------------------------------------------------------ HTML


def test_html_is_one_self_contained_file():
    page = render_html(build_document(adopted_session()))
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<style>" in page
    assert not re.search(r"""(src|href)\s*=|@import|url\(""", page)  # nothing fetched


def test_html_escapes_the_text():
    session = make_session()
    d = session.add_decision("3", "Agreed that 2 < 3 & <b>bold</b> stays text.")
    session.toggle_final("3", d.id)
    page = render_html(build_document(session))
    assert "Agreed that 2 &lt; 3 &amp; &lt;b&gt;bold&lt;/b&gt; stays text." in page


def test_html_lists_start_at_the_running_number():
    page = render_html(build_document(make_session()))
    assert '<ol start="1">' in page and '<ol start="2">' in page


# ------------------------------------------------------------------ DOCX


def read_docx(data: bytes):
    docx = pytest.importorskip("docx")
    return docx.Document(BytesIO(data))


def numbering(document, para) -> tuple[int, int | None]:
    """(numId, startOverride of that numbering instance) of a numbered paragraph."""
    num_id = para._p.pPr.numPr.numId.val
    num = document.part.numbering_part.element.num_having_numId(num_id)
    overrides = num.lvlOverride_lst
    start = overrides[0].startOverride.val if overrides and overrides[0].startOverride is not None \
        else None
    return num_id, start


def test_docx_has_real_headings_and_numbered_paragraphs():
    document = read_docx(render_docx(build_document(adopted_session())))
    paras = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "List of decisions") in paras
    assert paras[0] == ("Normal", "Lanzarote Committee")
    assert ("Normal", "28th meeting") in paras
    assert ("Normal", "Strasbourg, 21-25 September 2020") in paras
    assert ("Normal", "Adopted by the Lanzarote Committee on 25 September 2020") in paras
    assert ("Normal", "During this meeting, the Lanzarote Committee:") in paras
    assert ("Heading 1", "1. Opening of the meeting and adoption of the agenda") in paras
    assert ("Heading 1", "2. Monitoring of the implementation of the Lanzarote Convention") \
        in paras
    assert [t for s, t in paras if s == "Heading 2"] == [
        "2.1. “The protection of children against sexual exploitation and sexual abuse "
        "facilitated by information and communication technologies (ICTs)”"]
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in numbered] == [
        "Adopted its agenda.",
        MULTI_LINE.split("\n\n")[0],
        SECOND,
    ]
    # One numbering instance through the document, starting at 1: Word counts 1, 2, 3.
    ids = {numbering(document, p) for p in numbered}
    assert len(ids) == 1 and next(iter(ids))[1] == 1
    # The second paragraph of the multi-line decision: indented, not numbered, its
    # lines kept as line breaks.
    cont = [p for p in document.paragraphs if p.style.name == "List Continue"]
    assert [p.text for p in cont] == [
        "Instructed the Secretariat to:\n- revise the report accordingly;\n"
        "- send it to the Parties by 15 October 2020."]
    assert cont[0]._p.pPr.numPr is None


def test_docx_number_per_item_restarts_word_numbering():
    document = read_docx(render_docx(build_document(make_session(), number_per_item=True)))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number"]
    found = [numbering(document, p) for p in numbered]
    assert found[0][0] != found[1][0]  # a new instance for item 2.1
    assert found[1] == found[2]  # its two decisions share it
    assert [start for _num, start in found] == [1, 1, 1]


def test_docx_drafts_and_no_decision():
    document = read_docx(render_docx(build_document(make_session(), include_drafts=True,
                                                    all_items=True)))
    draft = next(p for p in document.paragraphs if p.text.endswith(DRAFT_1))
    assert draft.runs[0].text == "DRAFT " and draft.runs[0].bold
    assert [p.text for p in document.paragraphs].count("No decision.") == 1


def test_docx_without_python_docx_says_how_to_get_it(monkeypatch):
    real_import = builtins.__import__

    def no_docx(name, *args, **kwargs):
        if name == "docx" or name.startswith("docx."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_docx)
    monkeypatch.delitem(sys.modules, "docx", raising=False)
    assert not export_docx.docx_available()
    with pytest.raises(DocxUnavailable) as caught:
        render_docx(build_document(make_session()))
    assert str(caught.value) == DOCX_MISSING
    assert "pip install 'meeting-tui[docx]'" in DOCX_MISSING


# ------------------------------------------------------------------ files


def test_export_path_is_beside_the_session():
    assert export_path("/m/x.session.toml", "md") == Path("/m/x.decisions.md")
    assert export_path("/m/board.toml", "docx") == Path("/m/board.decisions.docx")


def test_write_file_replaces_atomically(tmp_path):
    target = tmp_path / "list.md"
    target.write_text("old", encoding="utf-8")
    write_file(target, "new “text”")
    write_file(tmp_path / "list.docx", b"PK\x03\x04")
    assert target.read_text(encoding="utf-8") == "new “text”"
    assert (tmp_path / "list.docx").read_bytes() == b"PK\x03\x04"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["list.docx", "list.md"]


def test_adopted_fixture_date():
    assert adopted_session().settings.adopted_on == ADOPTED_ON == date(2020, 9, 25)
