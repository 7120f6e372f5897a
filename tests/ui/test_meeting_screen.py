"""The meeting screen is styled once as it opens, and again when a resume asks for it.

Textual styles each widget as it mounts and then every node of the first screen once
more when the screen first resumes; the meeting screen skips that second whole pass
(some 47 million instructions of the start-up). The looks are the snapshots'.
"""

from __future__ import annotations

import sys

from textual import events
from textual.screen import Screen

from meeting_tui.ui.meeting_screen import MeetingScreen


def whole_screen_styling(monkeypatch) -> list[str]:
    """The Textual handlers that styled the meeting screen with all its nodes."""
    callers: list[str] = []
    original = Screen.update_node_styles

    def recording(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(self, MeetingScreen):
            callers.append(sys._getframe(1).f_code.co_name)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "update_node_styles", recording)
    return callers


async def test_the_first_screen_is_not_styled_again_as_it_first_resumes(make_app, monkeypatch):
    callers = whole_screen_styling(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "_on_screen_resume" not in callers


async def test_only_the_first_resume_is_skipped(make_app, monkeypatch):
    """A later resume that asks for it (Textual's screen switches and modes do) styles
    the screen again."""
    callers = whole_screen_styling(monkeypatch)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.post_message(events.ScreenResume())
        await pilot.pause()
        assert callers.count("_on_screen_resume") == 1


async def test_a_theme_changed_reaches_the_screen(make_app):
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        before = app.screen.styles.background
        app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
        await pilot.pause()
        assert app.screen.styles.background != before
