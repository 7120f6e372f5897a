"""The meeting's own screen: the first one on the stack.

Its widgets are styled as they mount (and the focused one again as it takes focus);
Textual then styles every node of the screen once more when the screen first resumes,
right after. That third pass was some 47 million instructions of the start-up (3%,
docs/benchmarks.md) and changes nothing on a screen just mounted, so the first resume
skips it. Later resumes are Textual's: one that asks to style the screen again (a
switch of screens or modes) does; a dialog's closing does not ask; a change of theme
styles every screen by itself.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class MeetingScreen(Screen[None]):
    _resumed = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Called before Screen's own handler (Textual runs each class's in MRO order),
        # which reads the flag: this one must not call it again.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False
