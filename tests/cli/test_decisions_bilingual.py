"""`meeting-tui decisions --lang en,fr` with translations: a document per language
(the golden files of tests/core/test_bilingual.py), `--side-by-side` in one document
(DOCX read back with python-docx), the missing translations in one line of stderr, and
bad input in one line with exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.decisions import write_session
from helpers.paths import GOLDEN
from helpers.translations import FIRST_FR, translated_session

from meeting_tui import cli

MISSING = ("meeting-tui: warning: no French translation of decision 3: marked "
           "[traduction manquante] in the French list (T in the app, or tr fr TEXT, "
           "writes one)\n")


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def session_file(tmp_path) -> Path:
    return write_session(tmp_path, translated_session())


def test_two_languages_two_documents_from_the_translations(capsys, session_file, tmp_path):
    code, out, err = run(capsys, "decisions", session_file, "--lang", "en,fr",
                         "-o", tmp_path / "list.md")
    assert (code, out) == (0, "")
    assert err == (f"meeting-tui: 3 decisions written to {tmp_path / 'list.en.md'}\n"
                   + MISSING
                   + f"meeting-tui: 3 decisions written to {tmp_path / 'list.fr.md'}\n")
    for language in ("en", "fr"):
        assert (tmp_path / f"list.{language}.md").read_text(encoding="utf-8") == \
            (GOLDEN / f"bilingual.{language}.md").read_text(encoding="utf-8")


def test_one_other_language_uses_the_translations(capsys, session_file):
    code, out, err = run(capsys, "decisions", session_file, "--lang", "fr")
    assert code == 0 and err == MISSING
    assert f"1. {FIRST_FR}" in out and "3. [traduction manquante] Agreed" in out


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_side_by_side_to_stdout(capsys, session_file, fmt):
    code, out, err = run(capsys, "decisions", session_file, "--lang", "en,fr",
                         "--side-by-side", "--format", fmt)
    assert (code, err) == (0, MISSING)
    assert out == (GOLDEN / f"side-by-side.en-fr.{fmt}").read_text(encoding="utf-8")


def test_side_by_side_docx(capsys, session_file, tmp_path):
    docx = pytest.importorskip("docx")
    target = tmp_path / "list.docx"
    code, out, err = run(capsys, "decisions", session_file, "--lang", "en,fr",
                         "--side-by-side", "-o", target)
    assert (code, out) == (0, "")
    assert err == MISSING + f"meeting-tui: 3 decisions written to {target}\n"
    rows = [[cell.text for cell in row.cells] for table in docx.Document(target).tables
            for row in table.rows]
    assert ["English", "Français"] in rows
    assert ["1. Adopted its agenda.", f"1. {FIRST_FR}"] in rows
    assert rows[-1][1] == "3. [traduction manquante]"


def test_side_by_side_in_the_template(capsys, session_file, tmp_path):
    docx = pytest.importorskip("docx")
    from helpers.templates import house_template

    template = tmp_path / "house.docx"
    house_template(template)
    target = tmp_path / "list.docx"
    code, _out, _err = run(capsys, "decisions", session_file, "--lang", "en,fr",
                           "--side-by-side", "--template", template, "-o", target)
    assert code == 0
    header = docx.Document(target).sections[0].header.paragraphs[0].text
    assert header == ("Council of Europe – 28th meeting / 28e réunion – "
                      "25 September 2020 / 25 septembre 2020")


@pytest.mark.parametrize("extra, problem", [
    (["--side-by-side"], "--side-by-side: two languages or more side by side: give "
                         "--lang en,fr"),
    (["--side-by-side", "--lang", "fr"], "--side-by-side: two languages or more side by "
                                         "side: give --lang en,fr"),
    (["--lang", "en,xx", "--side-by-side"], "--lang: no language 'xx' (one of en, fr, de, "
                                            "es)"),
])
def test_bad_input_one_line_exit_2(capsys, session_file, extra, problem):
    code, out, err = run(capsys, "decisions", session_file, *extra)
    assert (code, out) == (2, "")
    assert err == f"meeting-tui: {problem}\n"


def test_translations_are_text_in_html(capsys, tmp_path):
    """A translation is user text: escaped in HTML like the decision."""
    session = translated_session()
    decision = session.state("2.1").decisions[1]
    session.set_translation("2.1", decision.id, "fr", "<script>alert(1)</script> & co")
    session_file = write_session(tmp_path, session)
    code, out, _err = run(capsys, "decisions", session_file, "--lang", "en,fr",
                          "--side-by-side", "--format", "html")
    assert code == 0
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in out and "<script>" not in out
