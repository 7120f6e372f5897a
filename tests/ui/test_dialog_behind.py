"""A dialog draws the dimmed screen behind it once as it opens, and again only the rows
of it that changed (ui/screens/dialog.py; issue 19: `r`, `x`, `t` at 5,000 items).
"""

from __future__ import annotations

from textual.renderables.background_screen import BackgroundScreen

from meeting_tui.ui.screens.dialog import Dialog, Palette, Tinted


def count_drawings_behind(monkeypatch) -> list[int]:
    """How many times the screen behind a dialog is rendered whole and tinted."""
    drawn = [0]
    original = BackgroundScreen.__rich_console__
    tinted = Tinted.__rich_console__

    def counted(self, console, options):  # type: ignore[no-untyped-def]
        drawn[0] += 1
        return original(self, console, options)

    def counted_tinted(self, console, options):  # type: ignore[no-untyped-def]
        drawn[0] += self.rows is None  # given rows: only those, not the whole screen
        return tinted(self, console, options)

    monkeypatch.setattr(BackgroundScreen, "__rich_console__", counted)
    monkeypatch.setattr(Tinted, "__rich_console__", counted_tinted)
    return drawn


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    """What the terminal shows, the screen behind the dialog included."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_screen_behind_is_drawn_once_as_a_dialog_opens(make_app, monkeypatch):
    drawn = count_drawings_behind(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for key in ("r", "x", "t", "question_mark", "ctrl+p"):
            drawn[0] = 0
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, Dialog | Palette)
            assert drawn[0] == 1, key  # Textual's ModalScreen: four or five times
            await pilot.press("escape")
            await pilot.pause()


async def test_what_changes_behind_an_open_dialog_shows_through_it(make_app, clock):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        before = screen_text(app)
        assert "today 0:00:00" in before.splitlines()[0]  # the meeting's clock, behind
        clock.advance(seconds=75)
        app.tick()
        await pilot.pause()
        after = screen_text(app)
        assert "today 0:01:15" in after.splitlines()[0]
        assert "Time report" in after  # the dialog is still on top


async def test_only_the_rows_that_change_behind_a_dialog_are_drawn_again(
        make_app, clock, monkeypatch):
    """The footer behind as the dialog opens, the meeting's clock each second: those
    rows drawn again, not the whole screen, and the same as a drawing of it whole."""
    drawn = count_drawings_behind(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        for key in ("r", "x", "t", "question_mark"):
            drawn[0] = 0
            await pilot.press(key)
            await pilot.pause()
            for _ in range(3):
                clock.advance(seconds=61)
                app.tick()
                await pilot.pause()
            assert drawn[0] == 1, key
            screen = app.screen
            kept = screen._compositor.render_strips()
            screen._behind.drop()  # drawn whole again, from nothing kept
            screen._styles_cache.clear()
            screen.refresh()
            await pilot.pause()
            assert drawn[0] == 2, key
            assert screen._compositor.render_strips() == kept, key
            await pilot.press("escape")
            await pilot.pause()


async def test_a_closed_dialog_is_freed_once_the_screen_behind_is_drawn(make_app):
    """Its objects, held in cycles, are collected then, not during a later key (the
    next dialog's opening paid for a full collection)."""
    import weakref

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        for key in ("x", "r", "t"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, Dialog)
            closed = weakref.ref(app.screen)
            await pilot.press("escape")
            for _ in range(3):
                await pilot.pause()
            assert closed() is None, key
