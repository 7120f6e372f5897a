"""`meeting-tui decisions --lang`, `--template` and `--format pdf` from the command line:
a file per language, the template's bad cases in one line with exit 2, the PDF/A made
by LibreOffice headless (skipped only where it is absent; .ci/run installs it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers.decisions import adopted_session, write_session
from helpers.paths import GOLDEN
from helpers.templates import house_template

from meeting_tui import cli
from meeting_tui.files import pdf_export
from meeting_tui.files.pdf_export import PDF_MISSING

NOT_TRANSLATED = ("meeting-tui: warning: the French list gives the decisions as written, "
                  "in English: they are not translated\n")


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def session_file(tmp_path) -> Path:
    return write_session(tmp_path, adopted_session())


def french_session_file(tmp_path) -> Path:
    session = adopted_session()
    session.settings.language = "fr"
    session.settings.body = "Comité de Lanzarote"
    return write_session(tmp_path, session)


def test_the_meetings_language_is_the_default(capsys, tmp_path):
    code, out, err = run(capsys, "decisions", french_session_file(tmp_path))
    assert (code, err) == (0, "")
    assert out == (GOLDEN / "decisions.fr.md").read_text(encoding="utf-8")


def test_lang_gives_the_fixed_words_and_flags_the_decisions(capsys, session_file):
    code, out, err = run(capsys, "decisions", session_file, "--lang", "fr")
    assert code == 0 and err == NOT_TRANSLATED
    assert "# Liste des décisions" in out and "1. Adopted its agenda." in out


def test_two_languages_make_a_file_each(capsys, session_file, tmp_path):
    target = tmp_path / "list.md"
    code, out, err = run(capsys, "decisions", session_file, "--lang", "en,fr", "-o", target)
    assert (code, out) == (0, "")
    assert err == (f"meeting-tui: 3 decisions written to {tmp_path / 'list.en.md'}\n"
                   + NOT_TRANSLATED
                   + f"meeting-tui: 3 decisions written to {tmp_path / 'list.fr.md'}\n")
    assert (tmp_path / "list.en.md").read_text(encoding="utf-8") == \
        (GOLDEN / "decisions.md").read_text(encoding="utf-8")
    assert "# Liste des décisions" in (tmp_path / "list.fr.md").read_text(encoding="utf-8")
    assert not target.exists()


@pytest.mark.parametrize("extra", [[], ["--copy"]])
def test_two_languages_need_a_file(capsys, session_file, extra):
    code, out, err = run(capsys, "decisions", session_file, "--lang", "en,fr", *extra)
    assert (code, out) == (2, "")
    assert err == (f"meeting-tui: {session_file}: 2 languages make a file each: give -o FILE "
                   "(list.md gives list.en.md, list.fr.md)\n")


@pytest.mark.parametrize("given", ["it", "en,it", " , "])
def test_an_unknown_language_is_one_line_exit_2(capsys, session_file, tmp_path, given):
    code, out, err = run(capsys, "decisions", session_file, "--lang", given,
                         "-o", tmp_path / "list.md")
    assert (code, out) == (2, "")
    problem = ("no language given (one of en, fr, de, es)" if given == " , "
               else "no language 'it' (one of en, fr, de, es)")
    assert err == f"meeting-tui: --lang: {problem}\n"
    assert not list(tmp_path.glob("list*"))


# ------------------------------------------------------------------ the Word template


def test_template_option_writes_into_the_template(capsys, session_file, tmp_path):
    docx = pytest.importorskip("docx")
    template = tmp_path / "house.docx"
    house_template(template)
    target = tmp_path / "list.docx"
    code, _out, err = run(capsys, "decisions", session_file, "--template", template,
                          "-o", target)
    assert code == 0 and err == f"meeting-tui: 3 decisions written to {target}\n"
    header = docx.Document(target).sections[0].header.paragraphs[0].text
    assert header == "Council of Europe – 28th meeting – 25 September 2020"


def test_the_template_setting_is_relative_to_the_session(capsys, tmp_path):
    docx = pytest.importorskip("docx")
    session = adopted_session()
    session.settings.template = "house.docx"
    session_file = write_session(tmp_path, session)
    house_template(tmp_path / "house.docx")
    target = tmp_path / "list.docx"
    code, _out, _err = run(capsys, "decisions", session_file, "-o", target)
    assert code == 0
    assert docx.Document(target).sections[0].footer.paragraphs[0].text == "Symbol "


def test_a_template_missing_styles_gets_them_and_says_so(capsys, session_file, tmp_path):
    pytest.importorskip("docx")
    template = tmp_path / "house.docx"
    house_template(template, drop_styles=("List Number",))
    target = tmp_path / "list.docx"
    code, _out, err = run(capsys, "decisions", session_file, "--template", template,
                          "-o", target)
    assert code == 0
    assert err.splitlines()[0] == (f"meeting-tui: warning: {template} has no style List "
                                   "Number: added from the default template")


@pytest.mark.parametrize("content, problem", [
    (b"just text", "not a Word document (.docx or .dotx): save the template from Word as .docx"),
    (None, "no such Word template"),
])
def test_a_bad_template_one_line_exit_2(capsys, session_file, tmp_path, content, problem):
    pytest.importorskip("docx")
    template = tmp_path / "house.docx"
    if content is not None:
        template.write_bytes(content)
    target = tmp_path / "list.docx"
    code, out, err = run(capsys, "decisions", session_file, "--template", template,
                         "-o", target)
    assert (code, out) == (2, "")
    assert err == f"meeting-tui: {template}: {problem}\n"
    assert not target.exists()


def test_a_template_is_for_docx_and_pdf(capsys, session_file, tmp_path):
    code, _out, err = run(capsys, "decisions", session_file, "--template",
                          tmp_path / "house.docx", "--format", "md")
    assert code == 2
    assert err == (f"meeting-tui: {tmp_path / 'house.docx'}: a Word template is for "
                   "--format docx or pdf\n")


# ------------------------------------------------------------------ PDF


def test_pdf_without_libreoffice_one_line_exit_2(capsys, session_file, tmp_path, monkeypatch):
    pytest.importorskip("docx")
    monkeypatch.setattr(pdf_export, "soffice", lambda: None)
    target = tmp_path / "list.pdf"
    code, out, err = run(capsys, "decisions", session_file, "-o", target)
    assert (code, out) == (2, "")
    assert err == f"meeting-tui: {PDF_MISSING}\n"
    assert not target.exists()


def test_pdf_cannot_go_to_the_clipboard(capsys, session_file):
    code, _out, err = run(capsys, "decisions", session_file, "--format", "pdf", "--copy")
    assert code == 2 and err.endswith("a PDF cannot go to the clipboard: use -o FILE "
                                      "(or another --format with --copy)\n")


@pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                    reason="LibreOffice is not installed (.ci/run installs it)")
def test_pdf_a_of_the_french_list_in_the_template(capsys, tmp_path):
    """`-o list.pdf` picks the PDF: LibreOffice headless makes a PDF/A-2 of the DOCX in
    the template; its text has the French words and the filled header."""
    pytest.importorskip("docx")
    import pypdfium2

    session_file = french_session_file(tmp_path)
    template = tmp_path / "house.docx"
    house_template(template)
    target = tmp_path / "list.pdf"
    code, _out, err = run(capsys, "decisions", session_file, "--template", template,
                          "-o", target)
    assert code == 0 and err == f"meeting-tui: 3 decisions written to {target}\n"
    data = target.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"pdfaid:part" in data and (b'pdfaid:part="2"' in data
                                       or b"<pdfaid:part>2</pdfaid:part>" in data)
    pdf = pypdfium2.PdfDocument(data)
    text = " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    text = " ".join(text.split())
    assert "Liste des décisions" in text
    assert "Adopté par le Comité de Lanzarote le 25 septembre 2020" in text
    assert "Council of Europe – 28e réunion – 25 septembre 2020" in text
