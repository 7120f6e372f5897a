"""Text from an agenda or a decision is data: never a terminal command in the List of
decisions, the time report or the outline; never a character XML cannot hold in HTML
and DOCX; and the session file keeps it exactly as it was typed."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from io import BytesIO

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meeting_tui.core.decision_list import build_document
from meeting_tui.core.errors import InputError
from meeting_tui.core.export import render_entries_md, render_html, render_md, render_txt
from meeting_tui.core.export_docx import render_docx
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.printable import is_safe
from meeting_tui.core.report import build_report, render_text
from meeting_tui.core.session import Session

OSC52 = "\x1b]52;c;cm0gLXJmIH4K\x07"  # sets the clipboard to "rm -rf ~"
RENAME = "\x1b]2;pwned\x07"  # renames the terminal
BIDI = "\u202eevil\u202c \u2066x\u2069"
MARKUP = ("[/b]", "[confidential]", "[b]", "[/]", "[@click=app.quit]x[/]", "[link=x]",
          "\\[", "[", "]", "[bold red]", "$var", "**", "<b>", "&amp;")
# What XML 1.0 cannot hold: python-docx refuses it, lxml with an error.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Text copied from a PDF: vertical tab, form feed, NUL, a non-character.
FROM_PDF = "Adopted\x0bthe report\x0cas amended\x00 \ufffe(page 2)"

AGENDA = f"""\
Committee {RENAME}
28th meeting [/b]

1. Opening {OSC52}
2. Confidential [confidential] item [/b] {RENAME}
3. Reversed {BIDI}
4. Vertical\x0btab and\x0cform feed
""" + "".join(f"{n}. An ordinary item of the agenda, with a title of some length ({n})\n"
              for n in range(5, 20))  # a real agenda's length: not taken for binary
DECISIONS = {
    "1": f"Took note {OSC52} of it.",
    "2": "Agreed [/b] to keep [confidential] out.",
    "3": f"Adopted {BIDI} and a\x7fDEL, a\x85NEL.",
    "4": FROM_PDF,
}


def meeting(agenda: str = AGENDA, decisions: dict[str, str] = DECISIONS) -> Session:
    session = Session(parse_agenda(agenda, source="agenda.txt"),
                      now=lambda: datetime(2020, 9, 21, 9, 0, tzinfo=UTC))
    session.toggle_clock()
    for key, text in decisions.items():
        session.take_up(key)
        decision = session.add_decision(key, text)
        session.toggle_final(key, decision.id)
    return session


def docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs) + document.core_properties.title


# ------------------------------------------------------------------ examples


@pytest.mark.parametrize("render", [render_md, render_txt])
def test_text_exports_show_controls_and_keep_markup_as_text(render):
    out = render(build_document(meeting()))
    assert is_safe(out)
    assert "␛]52;c;cm0gLXJmIH4K␇" in out and "␛]2;pwned␇" in out
    assert "[confidential]" in out and "[/b]" in out
    assert "\ufffd" in out  # a bidi override, DEL's neighbour C1: shown, not obeyed


def test_copied_decisions_show_controls():
    doc = build_document(meeting())
    out = render_entries_md(doc.entries)
    assert is_safe(out) and "␛]52" in out


def test_html_holds_no_character_xml_cannot():
    out = render_html(build_document(meeting()))
    assert NOT_XML.search(out) is None and is_safe(out)
    assert "[confidential]" in out and "as amended (page 2)" in out.replace("\ufffe", "")


def test_docx_with_text_copied_from_a_pdf():
    pytest.importorskip("docx")
    data = render_docx(build_document(meeting()))
    text = docx_text(data)
    assert NOT_XML.search(text) is None and is_safe(text)
    assert "Adopted" in text and "the report" in text and "(page 2)" in text
    assert "[confidential]" in text


def test_time_report_shows_controls():
    out = render_text(build_report(meeting()), tz=UTC, zone_name="UTC")
    assert is_safe(out)
    assert "␛]2;pwned␇" in out or "␛]52" in out
    assert "[confidential]" in out


def test_session_file_keeps_the_text_exactly(tmp_path):
    from helpers.session_files import load_session

    from meeting_tui.files.session_toml import agenda_hash, dumps

    session = meeting()
    text = dumps(session, "agenda.txt", agenda_hash(AGENDA))
    assert "\x1b" not in text and "\x00" not in text  # TOML escapes them
    path = tmp_path / "agenda.session.toml"
    path.write_text(text, encoding="utf-8")
    back = load_session(path, session.agenda, digest=agenda_hash(AGENDA))
    for key, typed in DECISIONS.items():
        assert back.state(key).decisions[0].text == typed
    assert [i.title for i in back.order] == [i.title for i in session.order]


# ------------------------------------------------------------------ properties

# All of Unicode but the lone surrogates (no file, no terminal carries them), with
# control characters and markup look-alikes sampled more often than chance would.
CHARACTERS = st.characters(codec="utf-8")
PIECES = st.one_of(
    st.text(alphabet=CHARACTERS, max_size=12),
    st.sampled_from(MARKUP),
    st.sampled_from(["\x1b", "\x07", "\x00", "\x0b", "\x0c", "\r", "\x7f", "\x85", "\x9b",
                     "\u202e", "\u2066", "\ufffe", "\uffff", OSC52, RENAME, "\t", "\n"]),
)
USER_TEXT = st.lists(PIECES, max_size=6).map("".join)
ONE_LINE = USER_TEXT.map(lambda text: " ".join(text.splitlines()))


def arbitrary_meeting(titles: list[str], decisions: list[str]) -> Session:
    lines = ["Committee " + (titles[0] if titles else ""), ""]
    lines += [f"{n}. x{title}" for n, title in enumerate(titles, start=1)]
    try:
        agenda = parse_agenda("\n".join(lines) + "\n", source="agenda.txt")
    except InputError:  # an agenda the parser refuses, with its one line: fine here
        agenda = parse_agenda("Committee\n\n1. Opening\n", source="agenda.txt")
    session = Session(agenda, now=lambda: datetime(2020, 9, 21, 9, 0, tzinfo=UTC))
    session.toggle_clock()
    keys = [item.key for item in session.order]
    for n, text in enumerate(decisions):
        key = keys[n % len(keys)]
        decision = session.add_decision(key, text)
        if n % 3:
            session.toggle_final(key, decision.id)
    return session


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ONE_LINE, min_size=1, max_size=4), st.lists(USER_TEXT, max_size=4),
       st.booleans())
def test_property_every_renderer_takes_any_text(titles, decisions, drafts):
    session = arbitrary_meeting(titles, decisions)
    doc = build_document(session, include_drafts=drafts, all_items=True)
    for out in (render_md(doc), render_txt(doc), render_entries_md(doc.entries),
                render_text(build_report(session), tz=UTC, zone_name="UTC")):
        assert is_safe(out)
    html = render_html(doc)
    assert is_safe(html) and NOT_XML.search(html) is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ONE_LINE, min_size=1, max_size=3), st.lists(USER_TEXT, min_size=1,
                                                            max_size=3))
def test_property_docx_takes_any_text(titles, decisions):
    pytest.importorskip("docx")
    session = arbitrary_meeting(titles, decisions)
    text = docx_text(render_docx(build_document(session, include_drafts=True)))
    assert is_safe(text) and NOT_XML.search(text) is None


@settings(max_examples=40, deadline=None)
@given(USER_TEXT)
def test_property_session_file_round_trip_is_exact(text):
    import tomllib

    import tomli_w

    from meeting_tui.files.session_reading import build
    from meeting_tui.files.session_toml import agenda_hash, to_document

    session = arbitrary_meeting(["Opening"], [text])
    digest = agenda_hash("x")
    document = tomllib.loads(tomli_w.dumps(to_document(session, "agenda.txt", digest),
                                           multiline_strings=True))
    back = build(document, session.agenda, "agenda.session.toml", None, digest).session
    key = session.order[0].key
    assert [d.text for d in back.state(key).decisions] == [
        d.text for d in session.state(key).decisions]
