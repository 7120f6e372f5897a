"""The base of the app's dialogs and its palette: a modal screen that draws the dimmed
screen behind it once, not on every layout of its own.

A ModalScreen's own lines are the screen below, rendered again whole and tinted: its
``render()`` is a ``BackgroundScreen``. Textual draws them again each time the dialog
is laid out, and a dialog is laid out four or five times as it opens (mounted,
composed, sized, its scrollbars): at 5,000 items that was a third of the time `r`,
`x` or `t` took to appear, and the palette drew it twice. The screen behind changes
only where Textual says so: a screen below the top one that has something to draw
calls the top screen's ``refresh`` with the regions that changed
(``Screen._compositor_refresh``), so the lines kept here are dropped then, and others
are drawn for another size or tint.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar, Self, cast

from rich.console import RenderableType
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.command import CommandPalette
from textual.geometry import Region, Size
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.strip import Strip

KEPT = 8  # crops of the screen behind kept at once (a frame asks for one or two)
TINTS = 4096  # styles kept tinted (a screen has a few dozen)
NO_STYLE = Style()


class Behind:
    """The lines of the screen behind one modal screen, by crop, size and tint."""

    def __init__(self) -> None:
        self.lines: dict[tuple[Region, Size, Color], list[Strip]] = {}

    def get(self, key: tuple[Region, Size, Color],
            draw: Callable[[], list[Strip]]) -> list[Strip]:
        lines = self.lines.get(key)
        if lines is None:
            if len(self.lines) >= KEPT:
                self.lines.clear()
            lines = self.lines[key] = draw()
        return lines


class Tinted(BackgroundScreen):
    """Textual's tinted screen behind, each style tinted once: Textual tints every
    segment again (a Rich style added to one made from two colours), some 1,200
    segments a drawing at 120x40, of a few dozen styles."""

    _tinted: ClassVar[dict[tuple[Style | None, Color], Style]] = {}

    @classmethod
    def process_segments(cls, segments: Iterable[Segment], color: Color,
                         ) -> Iterable[Segment]:
        tinted = cls._tinted
        if len(tinted) > TINTS:
            tinted.clear()
        for segment in segments:
            text, style, control = segment
            if control:
                yield segment
                continue
            new = tinted.get((style, color))
            if new is None:
                new = tinted[style, color] = next(iter(super().process_segments(
                    [Segment(" ", style)], color))).style or NO_STYLE
            yield Segment(text, new, control)


class KeepsBehind:
    """Mixed into a modal screen (before it): the lines of the screen behind kept."""

    def render(self) -> RenderableType:
        behind = super().render()  # type: ignore[misc]  # the screen's, next in line
        if type(behind) is BackgroundScreen:
            return Tinted(behind.screen, behind.color)
        return cast(RenderableType, behind)

    # A class attribute until first drawn: a refresh during Screen.__init__ finds it.
    _behind: Behind | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        screen = cast(Screen[object], self)
        if self._behind is None:
            self._behind = Behind()
        draw = super().render_lines  # type: ignore[misc]  # the screen's, next in line
        return self._behind.get((crop, screen.size, screen.styles.background),
                                lambda: cast(list[Strip], draw(crop)))

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._behind is not None and (regions or recompose):
            self._behind.lines.clear()  # the screen behind changed there
        return cast(Self, super().refresh(  # type: ignore[misc]
            *regions, repaint=repaint, layout=layout, recompose=recompose))


class Dialog(KeepsBehind, ModalScreen[ScreenResultType]):
    """A modal dialog over the meeting screen."""


class Palette(KeepsBehind, CommandPalette):
    """Textual's command palette, the screen behind it kept as a Dialog keeps it."""
