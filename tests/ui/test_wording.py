"""What the screen says and where the cursor goes: issue 20, a first meeting."""

from __future__ import annotations

from textual.widgets import Input

SIZE = (80, 24)


def messages(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_r_puts_the_cursor_after_the_title(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("R")
        title = app.screen.query_one("#item-title", Input)
        before = title.value
        await pilot.press(*" (continued)")
        assert title.value == before + " (continued)"


async def test_notices_number_decisions_as_the_list_does(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Agreed.", "escape", "f")
        await pilot.press("n", "a", *"Noted.", "escape", "f")
        assert messages(app)[-1] == "Final: decision 2 of the List"
        await pilot.press("f")
        assert messages(app)[-1] == "Back to draft: out of the List of decisions"


async def test_leaving_an_item_with_drafts_says_so(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Agreed.", "escape", "n")
        assert "1 draft left on 1 (f makes one final)" in messages(app)


async def test_two_notices_at_most(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for text in ("one", "two", "three"):
            app.notify(text)
            await pilot.pause()
        assert messages(app) == ["two", "three"]
