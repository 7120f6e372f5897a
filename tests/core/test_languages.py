"""The List of decisions in the body's languages: the fixed words, dates and meeting
lines of each language, the opening phrases, golden files per language and format, and
a French list read against the Lanzarote Committee's own (T-ES(2021)14_fr).

Golden files are in tests/data/golden/ (decisions.<lang>.<fmt>); after an intended
change, rewrite them with `UPDATE_GOLDEN=1 pytest tests/core/test_languages.py`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from helpers.decisions import adopted_session
from test_export import check_golden

from meeting_tui.core.decision_list import build_document
from meeting_tui.core.export import render_html, render_md, render_txt
from meeting_tui.core.languages import LANGUAGES, meeting_line, parse_languages, words
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.phrases import PHRASES, matches, phrase_list
from meeting_tui.core.session import Session
from meeting_tui.core.settings import MeetingSettings

# The body's name in each language, as its own documents write it.
BODIES = {"en": "Lanzarote Committee", "fr": "Comité de Lanzarote",
          "de": "Lanzarote-Ausschuss", "es": "Comité de Lanzarote"}


def localized_session(language: str) -> Session:
    """The fixture meeting (decisions as written), its language and body set."""
    session = adopted_session()
    session.settings.language = language
    session.settings.body = BODIES[language]
    return session


# ------------------------------------------------------------------ words and dates


@pytest.mark.parametrize("language, first, other", [
    ("en", "1 April 2021", "25 September 2020"),
    ("fr", "1er avril 2021", "25 septembre 2020"),
    ("de", "1. April 2021", "25. September 2020"),
    ("es", "1 de abril de 2021", "25 de septiembre de 2020"),
])
def test_dates_as_each_language_writes_them(language, first, other):
    assert words(language).day(date(2021, 4, 1)) == first
    assert words(language).day(date(2020, 9, 25)) == other


@pytest.mark.parametrize("english, fr, de, es", [
    ("28th meeting", "28e réunion", "28. Sitzung", "28.ª reunión"),
    ("1st meeting", "1re réunion", "1. Sitzung", "1.ª reunión"),
    ("101st plenary meeting", "101e séance plénière", "101. Plenarsitzung",
     "101.ª sesión plenaria"),
    ("3rd extraordinary meeting", "3e réunion extraordinaire",
     "3. außerordentliche Sitzung", "3.ª reunión extraordinaria"),
    ("12th session", "12e session", "12. Tagung", "12.º período de sesiones"),
])
def test_the_meeting_line_in_each_language(english, fr, de, es):
    assert [meeting_line(english, words(code)) for code in ("en", "fr", "de", "es")] == \
        [english, fr, de, es]


def test_a_meeting_line_of_the_users_own_stays_as_written():
    assert meeting_line("Réunion de printemps", words("fr")) == "Réunion de printemps"
    assert meeting_line("28th meeting (hybrid)", words("fr")) == "28th meeting (hybrid)"


@pytest.mark.parametrize("language, body, lead_in, adopted", [
    ("en", "Lanzarote Committee", "During this meeting, the Lanzarote Committee:",
     "Adopted by the Lanzarote Committee on 1 April 2021"),
    ("fr", "Comité de Lanzarote", "Lors de cette réunion, le Comité de Lanzarote\u00a0:",
     "Adopté par le Comité de Lanzarote le 1er avril 2021"),
    ("fr", "Commission de Venise", "Lors de cette réunion, la Commission de Venise\u00a0:",
     "Adopté par la Commission de Venise le 1er avril 2021"),
    ("fr", "Assemblée parlementaire", "Lors de cette réunion, l’Assemblée parlementaire\u00a0:",
     "Adopté par l’Assemblée parlementaire le 1er avril 2021"),
    ("fr", "Haut Conseil", "Lors de cette réunion, le Haut Conseil\u00a0:",
     "Adopté par le Haut Conseil le 1er avril 2021"),
    ("de", "Lanzarote-Ausschuss", "In dieser Sitzung hat der Lanzarote-Ausschuss:",
     "Angenommen vom Lanzarote-Ausschuss am 1. April 2021"),
    ("de", "Venedig-Kommission", "In dieser Sitzung hat die Venedig-Kommission:",
     "Angenommen von der Venedig-Kommission am 1. April 2021"),
    ("de", "Lenkungskomitee", "In dieser Sitzung hat das Lenkungskomitee:",
     "Angenommen vom Lenkungskomitee am 1. April 2021"),
    ("de", "die Ständige Konferenz", "In dieser Sitzung hat die Ständige Konferenz:",
     "Angenommen von der Ständige Konferenz am 1. April 2021"),
    ("es", "Comité de Lanzarote", "Durante esta reunión, el Comité de Lanzarote:",
     "Aprobada por el Comité de Lanzarote el 1 de abril de 2021"),
    ("es", "Comisión de Venecia", "Durante esta reunión, la Comisión de Venecia:",
     "Aprobada por la Comisión de Venecia el 1 de abril de 2021"),
])
def test_lead_in_and_adoption_with_the_bodys_article(language, body, lead_in, adopted):
    assert words(language).lead_in(body) == lead_in
    assert words(language).adopted(body, date(2021, 4, 1)) == adopted


def test_without_a_body_the_lead_in_has_none():
    assert [words(code).lead_in("") for code in LANGUAGES] == [
        "During this meeting:", "Lors de cette réunion\u00a0:", "In dieser Sitzung:",
        "Durante esta reunión:"]


def test_languages_parsed_from_the_option():
    assert parse_languages("en,FR, fr") == ["en", "fr"]
    with pytest.raises(ValueError, match="no language 'it'"):
        parse_languages("en,it")
    with pytest.raises(ValueError, match="no language given"):
        parse_languages(" , ")


def test_a_lead_in_set_belongs_to_the_meetings_language():
    """The lead-in someone wrote is in the meeting's language: the list in another
    language says its own rather than mix the two."""
    settings = MeetingSettings(body="Lanzarote Committee", lead_in="At its meeting, the Committee:")
    assert settings.resolved_lead_in() == "At its meeting, the Committee:"
    assert settings.resolved_lead_in(language="fr") == \
        "Lors de cette réunion, le Lanzarote Committee\u00a0:"


def test_the_language_setting_is_saved_and_checked():
    settings = MeetingSettings(language="fr", template="house.docx", symbol="T-ES(2021)14")
    table = settings.to_table()
    assert table == {"language": "fr", "template": "house.docx", "symbol": "T-ES(2021)14"}
    assert MeetingSettings.from_table(table, ValueError) == settings
    with pytest.raises(ValueError, match="no language 'xx'"):
        MeetingSettings.from_table({"language": "xx"}, ValueError)


# ------------------------------------------------------------------ opening phrases


def test_the_editor_suggests_the_meetings_languages_phrases():
    french = phrase_list(["A salué"], "fr")
    assert french[:3] == ["A salué", "A pris note de", "S’est félicité de"]
    assert "Took note of" not in french
    assert phrase_list((), None)[0] == "Took note of"
    assert phrase_list((), "es")[0] == "Tomó nota de"
    assert phrase_list((), "de")[0] == "Kenntnis genommen von"


def test_a_straight_apostrophe_finds_the_french_phrase():
    assert matches("S'est", PHRASES["fr"]) == ["S’est félicité de"]
    assert matches("a c", PHRASES["fr"]) == ["A chargé le Secrétariat de"]


# ------------------------------------------------------------------ golden files


@pytest.mark.parametrize("language", ["fr", "de", "es"])
@pytest.mark.parametrize("fmt, render", [("md", render_md), ("txt", render_txt),
                                         ("html", render_html)])
def test_golden_list_per_language(language, fmt, render):
    doc = build_document(localized_session(language))
    check_golden(f"decisions.{language}.{fmt}", render(doc))


def test_the_english_list_is_unchanged_by_the_languages():
    session = adopted_session()
    assert build_document(session) == build_document(session, language="en")
    assert build_document(session).untranslated == ""


def test_a_list_in_another_language_says_the_decisions_are_not_translated():
    doc = build_document(adopted_session(), language="fr")
    note = ("Les décisions sont reproduites dans la langue dans laquelle elles ont été "
            "rédigées (anglais).")
    assert doc.untranslated == note
    assert f"*{note}*" in render_md(doc)
    # The decisions themselves are as written: never translated, never invented.
    assert [e.text for e in doc.entries] == [e.text for e in build_document(
        adopted_session()).entries]
    assert "Les décisions" not in render_md(build_document(localized_session("fr")))


def test_drafts_and_no_decision_in_the_language():
    doc = build_document(localized_session("fr"), include_drafts=True, all_items=True)
    text = render_md(doc)
    assert "**PROJET** Agreed to change the order of items 2 and 3." in text
    assert "Aucune décision." in text


# ------------------------------------------------------------------ the real French list

# The Lanzarote Committee's 31st meeting, as its French list of decisions
# (T-ES(2021)14_fr, adopted on 1 April 2021) has it.
FRENCH_AGENDA = """\
Comité de Lanzarote
31e réunion (à distance)
Lieu : plateforme KUDO, 29 mars – 1er avril 2021

1. Ouverture de la réunion, adoption de l’ordre du jour et rapport sur l’état des \
ratifications de la Convention de Lanzarote
2. Questions diverses
"""
ADOPTED = "A adopté son ordre du jour."
WELCOMED = ("S’est félicité de la ratification par l’Irlande de la Convention de "
            "Lanzarote, qui compte désormais parmi ses Parties les 47 Etats membres du "
            "Conseil de l’Europe ainsi que la Tunisie.")


def french_session() -> Session:
    agenda = parse_agenda(FRENCH_AGENDA, source="ordre-du-jour.txt")
    now = datetime(2021, 3, 29, 9, 0, tzinfo=UTC)
    session = Session(agenda, now=lambda: now)
    for text in (ADOPTED, WELCOMED):
        decision = session.add_decision("1", text)
        session.toggle_final("1", decision.id)
    session.settings.language = "fr"
    session.settings.body = "Comité de Lanzarote"
    session.settings.meeting = "31e réunion (à distance)"
    session.adopt(date(2021, 4, 1))
    return session


def test_the_french_list_reads_as_the_committees_own():
    """The structure of T-ES(2021)14_fr: the body, "Liste des décisions", the meeting,
    the venue and dates, "Adopté par le Comité de Lanzarote le 1er avril 2021", the
    lead-in stated once, the item, its decisions numbered."""
    text = render_txt(build_document(french_session()))
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[:6] == [
        "Comité de Lanzarote",
        "LISTE DES DÉCISIONS",
        "31e réunion (à distance)",
        "Lieu : plateforme KUDO, 29 mars – 1er avril 2021",
        "Adopté par le Comité de Lanzarote le 1er avril 2021",
        "Lors de cette réunion, le Comité de Lanzarote\u00a0:",
    ]
    assert lines[6].startswith("1. Ouverture de la réunion, adoption de l’ordre du jour")
    assert "    1. A adopté son ordre du jour." in lines
    assert "    2. S’est félicité de la ratification par l’Irlande de la Convention de" \
        in lines
    assert "traduites" not in text  # written in French: nothing to flag


def test_the_french_agendas_meeting_line_is_found():
    session = french_session()
    session.settings.meeting = None
    assert build_document(session).meeting == "31e réunion"
