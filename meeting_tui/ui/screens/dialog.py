"""The base of the app's dialogs: a ModalScreen that draws the dimmed screen behind it
once, not on every layout of its own.

A ModalScreen's own lines are the screen below, rendered again whole and tinted: its
``render()`` is a ``BackgroundScreen``. Textual draws them again each time the dialog
is laid out, and a dialog is laid out four or five times as it opens (mounted,
composed, sized, its scrollbars): at 5,000 items that was a third of the time `r`,
`x` or `t` took to appear. The screen behind changes only where Textual says so: a
screen below the top one that has something to draw calls the top screen's
``refresh`` with the regions that changed (``Screen._compositor_refresh``), so the
lines kept here are dropped then, and others drawn for another size or tint.
"""

from __future__ import annotations

from typing import Self

from textual.color import Color
from textual.geometry import Region, Size
from textual.screen import ModalScreen, ScreenResultType
from textual.strip import Strip

KEPT = 8  # crops of the screen behind kept at once (a frame asks for one or two)


class Dialog(ModalScreen[ScreenResultType]):
    """A modal dialog over the meeting screen."""

    # The lines kept of the screen behind, by crop and size; None: none kept (a class
    # attribute, so that a refresh during Screen.__init__ finds it).
    _behind: dict[tuple[Region, Size, Color], list[Strip]] | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._behind is None or len(self._behind) >= KEPT:
            self._behind = {}
        key = (crop, self.size, self.styles.background)  # the tint: the theme's
        lines = self._behind.get(key)
        if lines is None:
            lines = self._behind[key] = super().render_lines(crop)
        return lines

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if regions or recompose:  # the screen behind changed there
            self._behind = None
        return super().refresh(*regions, repaint=repaint, layout=layout,
                               recompose=recompose)

