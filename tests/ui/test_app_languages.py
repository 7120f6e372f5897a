"""Pilot tests of the meeting's language and Word template in the app: the setting in
the palette, the editor's opening phrases in that language, x's DOCX in the template."""

from __future__ import annotations

import pytest
from helpers.templates import HOUSE_FONT, house_template
from textual.widgets import Input

from meeting_tui.ui.commands import SETTING_COMMANDS
from meeting_tui.ui.screens.prompts import PromptScreen
from meeting_tui.ui.widgets.decision_editor import DecisionEditor

SIZE = (120, 40)


async def set_setting(app, pilot, name: str, value: str) -> None:
    app.edit_setting(next(c for c in SETTING_COMMANDS if c.name == name))
    await pilot.pause()
    assert isinstance(app.screen, PromptScreen)
    app.screen.query_one(Input).value = value
    await pilot.press("enter")
    await pilot.pause()


async def test_the_language_setting_gives_the_editor_its_phrases(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await set_setting(app, pilot, "language", "FR")
        assert app.session.settings.language == "fr"
        await pilot.press("a")
        editor = app.query_one(DecisionEditor)
        assert editor.suggestion == "A pris note de "
        await pilot.press("S", "'")
        assert editor.suggestion == "est félicité de "
        await pilot.press("tab")
        assert editor.text == "S’est félicité de "


async def test_a_language_we_do_not_have_is_refused_in_the_dialog(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.edit_setting(next(c for c in SETTING_COMMANDS if c.name == "language"))
        await pilot.pause()
        app.screen.query_one(Input).value = "it"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # the dialog stays, saying why
        assert app.session.settings.language is None


async def test_x_docx_uses_the_template_setting(make_app, tmp_path):
    docx = pytest.importorskip("docx")
    house_template(tmp_path / "house.docx")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await set_setting(app, pilot, "template", "house.docx")
        await set_setting(app, pilot, "language", "fr")
        key = app.session.order[0].key
        decision = app.session.add_decision(key, "A adopté son ordre du jour.")
        app.session.toggle_final(key, decision.id)
        await pilot.press("x", "d")
        await pilot.pause()
        path = tmp_path / "lanzarote-28th-meeting-2020-09.decisions.docx"
        document = docx.Document(path)
        assert document.styles["Heading 1"].font.name == HOUSE_FONT
        assert document.sections[0].header.paragraphs[0].text.startswith(
            "Council of Europe – 28e réunion – ")
        assert "Liste des décisions" in [p.text for p in document.paragraphs]


async def test_x_with_a_missing_template_says_so(make_app, tmp_path):
    pytest.importorskip("docx")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await set_setting(app, pilot, "template", "gone.docx")
        await pilot.press("x", "d")
        await pilot.pause()
        message = [n.message for n in app._notifications][-1]
        assert message == f"Not exported: {tmp_path / 'gone.docx'}: no such Word template"
        assert not (tmp_path / "lanzarote-28th-meeting-2020-09.decisions.docx").exists()
