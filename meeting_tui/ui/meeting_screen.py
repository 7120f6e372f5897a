"""The meeting's own screen, and the one pass of styling a new screen skips.

Textual styles each widget as it mounts (and the focused one again as it takes focus),
then every node of a screen once more when the screen first resumes, right after. That
pass changes nothing on a screen just mounted: on the meeting screen it was some 47
million instructions of the start-up (3%), on a dialog some 4% of its opening
(docs/benchmarks.md). Later resumes are Textual's: one that asks to style the screen
again (a switch of screens or modes) does; a dialog's closing does not ask; a change of
theme styles every screen by itself.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class StyledOnce:
    """Mixed into a screen: styled as it mounts, not once more as it is first shown."""

    _resumed = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Called before Screen's own handler (Textual runs each class's in MRO order),
        # which reads the flag: this one must not call it again.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False


class MeetingScreen(StyledOnce, Screen[None]):
    """The first screen on the stack: the meeting."""
