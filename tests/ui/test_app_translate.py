"""Pilot tests of the List's languages in the app: T (a decision's translation, the
decision shown), Settings: second language, `tr LANG TEXT` on the command line and its
undo, and the export dialog (x): every format, the languages, the abridged report and
the actions, PDF refused without LibreOffice, readable at 80x24."""

from __future__ import annotations

import tomllib

import pytest
from textual.widgets import Label, OptionList, Static

from meeting_tui.core.export import render_md
from meeting_tui.ui.command_line import CommandLineScreen
from meeting_tui.ui.screens.export import ExportScreen
from meeting_tui.ui.screens.translate import TranslateScreen

SIZE = (120, 40)
STEM = "lanzarote-28th-meeting-2020-09"


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def read(app) -> dict:
    app.autosaver.flush()
    return tomllib.loads(app.session_path.read_text(encoding="utf-8"))


def one_final(app) -> int:
    """Before the app runs: a final decision on item 1, selected."""
    session = app.session
    decision = session.add_decision("1", "Adopted its agenda.")
    session.toggle_final("1", decision.id)
    session.selected = "1"
    return decision.id


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


# ------------------------------------------------------------------ T


async def test_t_writes_the_translation_with_the_original_shown(make_app):
    app = make_app()
    decision_id = one_final(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        assert isinstance(app.screen, TranslateScreen)
        original = app.screen.query_one("#translate-original-text", Static)
        assert str(original.render()) == "Adopted its agenda."
        title = str(app.screen.query_one(".question", Label).render())
        assert title == "The decision in French (written in English)"
        await pilot.press(*"A adopté son ordre du jour.", "escape")  # escape keeps it
        await pilot.pause()
        assert not isinstance(app.screen, TranslateScreen)
        decision = app.session.decision("1", decision_id)
        assert decision.translations == {"fr": "A adopté son ordre du jour."}
        assert decision.text == "Adopted its agenda."
        saved = read(app)["items"]["1"]["decisions"][0]
        assert saved["translations"] == {"fr": "A adopté son ordre du jour."}
        assert messages(app)[-1] == "French translation kept"
        # Again: the translation is there to correct; emptied, it goes.
        await pilot.press("T")
        assert app.screen.query_one("#translate-input").text == "A adopté son ordre du jour."
        await pilot.press("ctrl+a", "ctrl+k", "ctrl+s")  # select all, delete
        await pilot.pause()
        assert app.session.decision("1", decision_id).translations == {}
        assert "translations" not in read(app)["items"]["1"]["decisions"][0]


async def test_t_without_a_decision_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T")
        await pilot.pause()
        assert not isinstance(app.screen, TranslateScreen)


async def test_the_second_language_setting_changes_t(make_app):
    app = make_app()
    decision_id = one_final(app)
    app.session.settings.second_language = "de"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("T", *"Hat die Tagesordnung angenommen.", "ctrl+s")
        await pilot.pause()
        assert app.session.decision("1", decision_id).translations == {
            "de": "Hat die Tagesordnung angenommen."}


async def test_settings_second_language_in_the_palette(make_app):
    from meeting_tui.ui.commands import SETTING_COMMANDS

    app = make_app()
    command = next(c for c in SETTING_COMMANDS if c.name == "second_language")
    async with app.run_test(size=SIZE) as pilot:
        app.edit_setting(command)
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"it", "enter")  # not a language we have
        await pilot.pause()
        assert app.session.settings.second_language is None
        await pilot.press("ctrl+a", "ctrl+k", *"ES", "enter")
        await pilot.pause()
        assert app.session.settings.second_language == "es"
        assert read(app)["settings"]["second_language"] == "es"


# ------------------------------------------------------------------ tr LANG TEXT


async def test_tr_on_the_command_line_and_undo(make_app):
    app = make_app()
    decision_id = one_final(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("colon")
        assert isinstance(app.screen, CommandLineScreen)
        await pilot.press(*"tr fr A adopté son ordre du jour.", "enter")
        await pilot.pause()
        assert app.screen.said.startswith("French translation of the last decision of 1")
        assert app.session.decision("1", decision_id).translations == {
            "fr": "A adopté son ordre du jour."}
        assert read(app)["items"]["1"]["decisions"][0]["translations"]["fr"]
        await pilot.press(*"tr it Ha adottato", "enter")
        await pilot.pause()
        assert app.screen.said.startswith("tr LANG TEXT")  # refused, the line kept
        assert app.screen.input.value == "tr it Ha adottato"
        app.screen.input.value = ""
        await pilot.press(*"undo", "enter")
        await pilot.pause()
        assert app.session.decision("1", decision_id).translations == {}


# ------------------------------------------------------------------ x: the export dialog


async def test_x_offers_every_format_and_what_and_the_languages(make_app, tmp_path):
    app = make_app()
    one_final(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        ids = [screen.query_one(OptionList).get_option_at_index(i).id for i in range(5)]
        assert ids == ["md", "txt", "html", "docx", "pdf"]
        where = str(screen.query_one("#export-where", Label).render())
        assert where.endswith(f"{STEM}.decisions.md")
        await pilot.press("l")  # French
        assert str(screen.query_one("#export-language", Label).render()).endswith("French")
        await pilot.press("l")  # a file each
        where = str(screen.query_one("#export-where", Label).render())
        assert where.endswith(f"{STEM}.decisions.en.md\n{STEM}.decisions.fr.md")
        await pilot.press("m")
        await pilot.pause()
        en = tmp_path / f"{STEM}.decisions.en.md"
        fr = tmp_path / f"{STEM}.decisions.fr.md"
        assert en.read_text(encoding="utf-8").startswith("# List of decisions")
        assert "# Liste des décisions" in fr.read_text(encoding="utf-8")
        assert messages(app)[-1] == f"1 decision exported to {fr}"


async def test_x_side_by_side_flags_the_missing_translation(make_app, tmp_path):
    app = make_app()
    one_final(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "l", "l", "l", "h")  # side by side, HTML
        await pilot.pause()
        path = tmp_path / f"{STEM}.decisions.en-fr.html"
        html = path.read_text(encoding="utf-8")
        assert '<td lang="fr"><p><span class="number">1.</span> <span class="missing">' \
            in html
        assert messages(app)[-1] == (f"1 decision exported to {path}; translations "
                                     "missing (French): marked in the list")
        await pilot.press("x")  # the dialog remembers format and languages
        screen = app.screen
        assert screen.query_one(OptionList).highlighted == 2
        assert "side by side" in str(screen.query_one("#export-language", Label).render())
        await pilot.press("escape")


async def test_x_side_by_side_docx(make_app, tmp_path):
    docx = pytest.importorskip("docx")
    app = make_app()
    decision_id = one_final(app)
    app.session.set_translation("1", decision_id, "fr", "A adopté son ordre du jour.")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "l", "l", "l", "d")
        await pilot.pause()
        document = docx.Document(tmp_path / f"{STEM}.decisions.en-fr.docx")
        rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
        assert ["1. Adopted its agenda.", "1. A adopté son ordre du jour."] in rows


@pytest.mark.parametrize("what, name, words", [
    ("minutes", "minutes", "Adopted its agenda."),
    ("actions", "actions", "Circulate the list"),
])
async def test_w_exports_the_minutes_and_the_actions(make_app, tmp_path, what, name, words):
    app = make_app()
    one_final(app)
    app.session.add_action("1", "Circulate the list", "Secretariat", "", None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "w")
        if what == "actions":
            await pilot.press("w")
        screen = app.screen
        assert str(screen.query_one("#export-where", Label).render()).endswith(
            f"{STEM}.{name}.md")
        assert screen.query_one(OptionList).get_option("pdf").disabled  # the List's only
        await pilot.press("t")
        await pilot.pause()
        path = tmp_path / f"{STEM}.{name}.txt"
        assert words in path.read_text(encoding="utf-8")


async def test_x_pdf_without_libreoffice_is_refused_in_one_line(make_app, tmp_path,
                                                                monkeypatch):
    pytest.importorskip("docx")
    monkeypatch.setattr("meeting_tui.files.pdf_export.soffice", lambda: None)
    app = make_app()
    one_final(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        screen = app.screen
        option = screen.query_one(OptionList).get_option("pdf")
        assert option.disabled and "needs LibreOffice" in str(option.prompt)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # still open: nothing written
        assert messages(app)[-1] == "PDF/A for the archive: needs LibreOffice (soffice): " \
                                    "not installed"
        assert "\n" not in messages(app)[-1]
        assert not list(tmp_path.glob("*.pdf"))


async def test_x_pdf_is_made_from_the_docx_on_a_thread(make_app, tmp_path, monkeypatch):
    pytest.importorskip("docx")
    made: list[bytes] = []

    def fake_pdf(data: bytes) -> bytes:
        made.append(data)
        return b"%PDF-1.7 fake"

    monkeypatch.setattr("meeting_tui.files.pdf_export.soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("meeting_tui.files.pdf_export.docx_to_pdf", fake_pdf)
    app = make_app()
    one_final(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "p")
        await settle(app, pilot)
        path = tmp_path / f"{STEM}.decisions.pdf"
        assert path.read_bytes() == b"%PDF-1.7 fake"
        assert made and made[0][:2] == b"PK"  # the DOCX went to LibreOffice
        assert messages(app)[-1] == f"1 decision exported to {path}"


async def test_x_markdown_is_the_list_as_before(make_app, tmp_path):
    from meeting_tui.core.decision_list import build_document

    app = make_app()
    one_final(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "m")
        await pilot.pause()
        path = tmp_path / f"{STEM}.decisions.md"
        assert path.read_text(encoding="utf-8") == render_md(build_document(app.session))


def screen_lines(svg: str) -> str:
    """The screen's text, a line per row (the SVG splits a row into spans by style)."""
    import html
    import re

    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>',
                         svg):
        rows.setdefault(float(m[2]), []).append((float(m[1]), html.unescape(m[3])))
    return "\n".join("".join(text for _x, text in sorted(rows[y])).replace("\xa0", " ")
                     for y in sorted(rows))


async def test_the_export_dialog_reads_whole_at_80x24(make_app):
    app = make_app()
    one_final(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("x", "l", "l")
        await pilot.pause()
        picture = screen_lines(app.export_screenshot())
        for words in ("Export", "What:      List of decisions",
                      "Language:  English and French: a file each", "m  Markdown (.md)",
                      "p  PDF/A for the archive", f"{STEM}.decisions.en.md",
                      f"{STEM}.decisions.fr.md",
                      "enter exports · w what · l language · escape cancels"):
            assert words in picture, words
