"""Decisions in the List's other languages: the translation a decision carries (the
session, the session file), the List in each language from them, the languages side by
side (Markdown, text, HTML; DOCX read back with python-docx), and a missing
translation flagged in that language's words, never made up.

Golden files: tests/data/golden/bilingual.<lang>.md (a document per language) and
side-by-side.en-fr.<fmt>; after an intended change, rewrite them with
`UPDATE_GOLDEN=1 pytest tests/core/test_bilingual.py`.
"""

from __future__ import annotations

from io import BytesIO

import pytest
from helpers.decisions import SECOND, adopted_session, write_session
from helpers.translations import FIRST_FR, MULTI_LINE_FR, translated_session
from test_export import check_golden

from meeting_tui.core import bilingual
from meeting_tui.core.errors import InputError
from meeting_tui.core.export import render_md
from meeting_tui.core.languages import LANGUAGES, words
from meeting_tui.core.translations import second_language, set_translation
from meeting_tui.files.session_file import load_alone

# ------------------------------------------------------------------ the decision's


def test_a_translation_is_kept_changed_and_taken_away():
    session = adopted_session()
    decision = session.state("1").decisions[0]
    revision = session.revision
    session.set_translation("1", decision.id, "fr", FIRST_FR)
    assert decision.translations == {"fr": FIRST_FR} and session.revision == revision + 1
    session.set_translation("1", decision.id, "fr", FIRST_FR)  # the same: no change
    assert session.revision == revision + 1
    session.set_translation("1", decision.id, "fr", "  \n")  # emptied: taken away
    assert decision.translations == {} and session.revision == revision + 2
    assert decision.text == "Adopted its agenda."  # the decision as written, untouched


def test_a_translation_names_a_language_we_have():
    decision = adopted_session().state("1").decisions[0]
    with pytest.raises(ValueError, match="no language 'it'"):
        set_translation(decision, "it", "Ha adottato", decision.modified)


def test_translations_round_trip_through_the_session_file(tmp_path):
    path = write_session(tmp_path, translated_session())
    text = path.read_text(encoding="utf-8")
    assert '[items.1.decisions.translations]\nfr = "A adopté son ordre du jour."' in text
    _raw, loaded = load_alone(path)
    first = loaded.session.state("1").decisions[0]
    multi = loaded.session.state("2.1").decisions[0]
    assert first.translations == {"fr": FIRST_FR}
    assert multi.translations == {"fr": MULTI_LINE_FR}
    assert loaded.session.state("2.1").decisions[1].translations == {}


def test_a_file_without_translations_reads_as_none(tmp_path):
    path = write_session(tmp_path, adopted_session())
    assert "translations" not in path.read_text(encoding="utf-8")
    _raw, loaded = load_alone(path)
    assert all(not d.translations for s in loaded.session.states.values()
               for d in s.decisions)


@pytest.mark.parametrize("table, problem", [
    ('translations = "A adopté"', "'translations' must be a table of language = text"),
    ('translations = { it = "Ha adottato" }', "translations: no language 'it'"),
    ("translations = { fr = 3 }", "translations: 'fr' must be a text"),
])
def test_a_bad_translations_table_is_one_line(tmp_path, table, problem):
    path = write_session(tmp_path, adopted_session())
    text = path.read_text(encoding="utf-8").replace(
        'text = "Adopted its agenda."', f'text = "Adopted its agenda."\n{table}', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_alone(path)
    message = str(caught.value)
    assert "\n" not in message and problem in message and "decisions[0]" in message


@pytest.mark.parametrize("own, chosen, expected", [
    (None, None, "fr"), ("fr", None, "en"), ("de", None, "en"), ("en", "es", "es"),
    ("fr", "fr", "en"),  # the meeting's own language is no second language
])
def test_the_second_language(own, chosen, expected):
    session = adopted_session()
    session.settings.language = own
    session.settings.second_language = chosen
    assert second_language(session.settings) == expected


# ------------------------------------------------------------------ a document per language


def test_the_meetings_language_is_the_decisions_as_written():
    result = bilingual.translated(translated_session(), "en")
    assert result.missing == ()
    assert render_md(result.document) == render_md(
        bilingual.build_document(translated_session()))


@pytest.mark.parametrize("language", ["en", "fr"])
def test_golden_document_per_language(language):
    check_golden(f"bilingual.{language}.md",
                 render_md(bilingual.translated(translated_session(), language).document))


def test_a_missing_translation_is_flagged_never_made_up():
    result = bilingual.translated(translated_session(), "fr")
    entries = result.document.entries
    assert result.missing == (3,)
    assert entries[0].text == FIRST_FR
    assert entries[1].paragraphs[1] == ("A chargé le Secrétariat :",
                                        "- de réviser le rapport en conséquence ;",
                                        "- de l’envoyer aux Parties d’ici le 15 octobre 2020.")
    # The decision as written follows the marker: its reader still has it.
    assert entries[2].text == f"[traduction manquante] {SECOND}"
    assert result.document.untranslated == ""  # said per decision instead
    assert bilingual.missing_warning(result) == (
        "no French translation of decision 3: marked [traduction manquante] in the "
        "French list (T in the app, or tr fr TEXT, writes one)")


def test_in_a_column_the_marker_stands_alone():
    result = bilingual.translated(translated_session(), "fr", column=True)
    assert result.document.entries[2].paragraphs == (("[traduction manquante]",),)


def test_a_language_nothing_is_translated_into_is_as_before():
    """No German translation at all: the decisions as written, said once (the list
    of a language without translations has always been so)."""
    result = bilingual.translated(translated_session(), "de")
    assert result.missing == ()
    assert result.document.untranslated.startswith("Die Beschlüsse sind in der Sprache")
    assert result.document.entries[0].text == "Adopted its agenda."


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_says_missing_in_its_words(language):
    marker = words(language).missing
    assert marker.startswith("[") and marker.endswith("]")
    session = adopted_session()
    if language == "en":
        session.settings.language = "fr"
    result = bilingual.translated(session, language, column=True)
    assert result.missing == (1, 2, 3)
    assert all(e.paragraphs == ((marker,),) for e in result.document.entries)


def test_drafts_and_numbers_per_item_keep_their_places():
    session = translated_session()
    result = bilingual.translated(session, "fr", include_drafts=True, number_per_item=True)
    numbers = [(e.number, e.draft) for e in result.document.entries]
    assert numbers == [(1, False), (2, True), (1, False), (2, False), (1, True)]
    assert result.missing == (2, 2, 1)  # drafts have no translation either


# ------------------------------------------------------------------ side by side


def side_by_side_docs() -> list:
    session = translated_session()
    return [bilingual.translated(session, code, column=True).document for code in ("en", "fr")]


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_golden_side_by_side(fmt):
    check_golden(f"side-by-side.en-fr.{fmt}", bilingual.render(side_by_side_docs(), fmt))


def test_side_by_side_html_has_a_column_per_language():
    html = bilingual.render_html(side_by_side_docs())
    assert '<td lang="en"><p><span class="number">1.</span> Adopted its agenda.</p></td>' \
        in html
    assert ('<td lang="fr"><p><span class="number">3.</span> <span class="missing">'
            "[traduction manquante]</span></p></td>") in html
    assert "<h1>List of decisions / Liste des décisions</h1>" in html


def test_side_by_side_text_keeps_each_line_and_80_columns():
    text = bilingual.render_txt(side_by_side_docs())
    assert all(len(line) <= 80 for line in text.splitlines())
    assert "\n           - de réviser le rapport en conséquence ;\n" in text


def test_side_by_side_docx_is_a_table_of_two_columns():
    docx = pytest.importorskip("docx")
    from meeting_tui.core.bilingual_docx import render_docx

    made = render_docx(side_by_side_docs())
    document = docx.Document(BytesIO(made.data))
    tables = document.tables
    assert all(len(table.columns) == 2 for table in tables)
    header = [[cell.text for cell in row.cells] for row in tables[0].rows]
    assert header[0] == ["English", "Français"]
    assert ["28th meeting", "28e réunion"] in header
    decisions = [[cell.text for cell in row.cells] for table in tables[1:]
                 for row in table.rows]
    assert decisions[0] == ["1. Adopted its agenda.", f"1. {FIRST_FR}"]
    assert decisions[1][1].startswith("2. A pris note du « projet préliminaire »")
    assert "A chargé le Secrétariat :\n- de réviser" in decisions[1][1]
    assert decisions[2] == [f"3. {SECOND}", "3. [traduction manquante]"]
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "1. Opening of the meeting and adoption of the agenda"
    assert document.paragraphs[1].text == "List of decisions / Liste des décisions"


# ------------------------------------------------------------------ tr on the command line


def test_tr_translates_the_items_last_decision_and_undo_takes_it_back():
    from meeting_tui.core.entries import EntryError, Scribe
    from meeting_tui.core.undo import History

    session = adopted_session()
    history = History()
    scribe = Scribe(session, history)
    said = scribe.run("@2.1 tr FR Est convenu de tenir la deuxième lecture.", None)
    assert said == "French translation of the last decision of 2.1 kept"
    assert session.state("2.1").decisions[-1].translations == {
        "fr": "Est convenu de tenir la deuxième lecture."}
    for line, problem in (("tr en Adopted", "the decisions are written in English"),
                          ("tr fr", "tr LANG TEXT"), ("tr it Ha adottato", "tr LANG TEXT"),
                          ("tr fr Rien", "3 has no decision to translate")):
        with pytest.raises(EntryError, match=problem):
            scribe.run(line, "3")
    history.undo()
    assert session.state("2.1").decisions[-1].translations == {}


def test_side_by_side_gives_the_vote_in_each_language():
    """A vote (the floor's) follows the decision's text in each column, in its words."""
    from meeting_tui.core.votes import parse_tally

    session = translated_session()
    session.set_vote("1", session.state("1").decisions[0].id, parse_tally("30-2-3"))
    docs = [bilingual.translated(session, code, column=True).document for code in ("en", "fr")]
    en_vote, fr_vote = docs[0].entries[0].vote, docs[1].entries[0].vote
    assert en_vote == ("Adopted by 30 votes to 2, with 3 abstentions.",)
    md = bilingual.render_md(docs)
    assert f"   *{en_vote[0]}*\n\n   **FR** {FIRST_FR}\n\n   *{fr_vote[0]}*" in md
    html = bilingual.render_html(docs)
    assert f'<p class="vote"><em>{fr_vote[0]}</em></p></td>' in html
    text = bilingual.render_txt(docs)
    assert f"           {en_vote[0]}" in text
