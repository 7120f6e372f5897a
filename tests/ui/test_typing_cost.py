"""A key typed into a decision costs the same whatever the decisions: the list's entry
of a long decision being edited is its first part only, the other entries are not made
again, and the editor draws again only the rows a key changed."""

from __future__ import annotations

from textual.widgets import TextArea

from meeting_tui.ui.widgets.item_panel import EDITING_MORE, EDITING_PREVIEW_CHARS
from meeting_tui.ui.widgets.plain_text import PlainTextArea

LONG = ("The Committee adopted the draft opinion as amended, and asked the Secretariat "
        "to publish it. ") * 120  # some 11,000 characters


def entry(app, index: int) -> str:
    return app.decision_list.get_option_at_index(index).prompt.plain


async def test_a_long_decision_being_edited_shows_its_first_part(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        app.editor.insert(LONG)
        await pilot.press("x")
        shown = entry(app, 0)
        assert shown.endswith(EDITING_MORE) and len(shown) < EDITING_PREVIEW_CHARS + 60
        assert app.session.decision(*app.writing.editing).text == LONG + "x"
        await pilot.press("escape")  # left, the list shows it whole again
        await pilot.pause()
        assert entry(app, 0).endswith(LONG + "x")


async def test_a_short_decision_is_shown_whole_while_typed(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a", *"Agreed to resume")
        assert entry(app, 0).endswith("Agreed to resume")


async def test_typing_leaves_the_other_entries_as_rendered(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        app.editor.insert(LONG[:600])
        await pilot.press("escape", "a", "N")
        await pilot.pause()
        decisions = app.decision_list
        first = decisions.get_option_at_index(0)
        before = [k for k in decisions._option_render_cache.keys() if k[0] is first]  # noqa: SIM118
        assert before, "the first entry was not rendered"
        await pilot.press(*"oted")
        await pilot.pause()
        after = [k for k in decisions._option_render_cache.keys() if k[0] is first]  # noqa: SIM118
        assert after == before and first._visual is not None
        assert entry(app, 1).endswith("Noted")


async def test_a_key_redraws_only_the_rows_it_changed(make_app, monkeypatch):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        app.editor.insert("\n\n".join([LONG[:500]] * 4))
        await pilot.pause()
        drawn: list[int] = []

        def counting(self, y: int):  # type: ignore[no-untyped-def]
            drawn.append(y)  # a row drawn anew, not taken from the editor's rows
            return TextArea.render_line(self, y)

        monkeypatch.setattr(PlainTextArea, "render_line", counting, raising=False)
        await pilot.press("z")
        await pilot.pause()
        assert app.editor.text.endswith("z")
        assert app.editor.wrapped_document.height > 20  # the editor is full
        assert 1 <= len(drawn) <= 3, drawn


async def test_a_key_repaints_only_the_rows_of_its_line(make_app, monkeypatch):
    """A full editor is not repainted row by row (styles, border, filters) for a key:
    only the rows of the line typed in; a new line repaints it all."""
    from meeting_tui.ui.widgets.decision_editor import DecisionEditor

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        app.editor.insert("\n\n".join([LONG[:500]] * 4) + "\n\nNoted")
        await pilot.pause()
        assert app.editor.wrapped_document.height > app.editor.size.height  # full
        painted: list[int] = []
        paint = DecisionEditor.render_line

        def counting(self, y: int):  # type: ignore[no-untyped-def]
            painted.append(y)
            return paint(self, y)

        monkeypatch.setattr(DecisionEditor, "render_line", counting)
        await pilot.press("z")
        await pilot.pause()
        assert app.editor.text.endswith("Notedz")
        assert 1 <= len(painted) <= 2, painted
        painted.clear()
        await pilot.press("enter")
        await pilot.pause()
        assert len(painted) > 2  # the rows moved: all of them


async def test_what_a_key_repaints_is_what_a_full_repaint_shows(make_app):
    """Keys typed within a wrapped paragraph (its rows re-wrap) and at the end of the
    text: the editor on screen is the same as when it is repainted whole."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("a")
        app.editor.insert("\n\n".join([LONG[:300]] * 3))
        await pilot.pause()
        app.editor.move_cursor((2, 40))
        await pilot.press(*"inserted words ", "backspace", "backspace")
        app.editor.move_cursor(app.editor.document.end)
        await pilot.press(*" and the end")
        await pilot.pause()
        shown = app.export_screenshot()
        app.editor.refresh()
        await pilot.pause()
        assert app.export_screenshot() == shown
        assert "inserted word" in app.session.decision(*app.writing.editing).text
