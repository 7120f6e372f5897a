"""The base of the app's dialogs and its palette: a modal screen that draws the dimmed
screen behind it once, and again only the rows of it that changed.

A ModalScreen's own lines are the screen below, rendered again whole and tinted: its
``render()`` is a ``BackgroundScreen``. Textual draws them again each time the dialog
is laid out, and a dialog is laid out four or five times as it opens (mounted,
composed, sized, its scrollbars): at 5,000 items that was a third of the time `r`,
`x` or `t` took to appear, and the palette drew it twice. The screen behind changes
only where Textual says so: a screen below the top one that has something to draw
calls the top screen's ``refresh`` with the regions that changed
(``Screen._compositor_refresh``). Those rows are compared with the ones drawn, and
only the ones that differ are drawn again (``Behind``): as a dialog opens, the footer
behind it (which no longer shows keys), and each second the meeting's clock.

A dialog is styled once as it opens (``StyledOnce``, ui/meeting_screen.py, and
``NO_BREAKPOINTS``): Textual styled it whole twice more, as it was first shown and for
the app's breakpoints.
"""

from __future__ import annotations

import contextvars
import gc
from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar, Self, cast

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from textual._context import visible_screen_stack
from textual.color import Color
from textual.command import Command, CommandList, CommandPalette, Provider
from textual.geometry import Region, Size
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import ModalScreen, Screen, ScreenResultType
from textual.strip import Strip, StripRenderable
from textual.visual import Visual, visualize

from ..meeting_screen import StyledOnce

KEPT = 4  # sizes and tints of the screen behind kept at once (a dialog has one)
TINTS = 4096  # styles kept tinted (a screen has a few dozen)
NO_STYLE = Style()


class Behind:
    """The screen behind one modal screen, as this one draws it: its lines (by size
    and tint: a frame's crops are cut from them), the content they were made from
    (tinted, before the modal screen's own styles) and the rows of the screen behind
    that content was made from (untinted).

    When Textual says rows of the screen behind changed, those rows are drawn again
    (its compositor, those rows only) and compared with the rows kept: only the rows
    that differ are tinted and styled again, when they are few. As a dialog opens,
    the screen behind is said to change all over (``push_screen`` refreshes it) though
    only its footer changes (it no longer shows keys), and each second while the
    meeting's clock runs behind it: each drew the whole screen behind again (some
    15 ms at 5,000 items)."""

    def __init__(self) -> None:
        self.lines: dict[tuple[Size, Color], list[Strip]] = {}
        self.content: dict[tuple[Size, Color], list[Strip]] = {}
        self.screen: Screen[object] | None = None  # the screen behind, as last drawn
        self.rows: list[Strip] | None = None  # its rows, untinted, as last drawn
        self.changed: set[int] = set()  # rows said to have changed since

    def drop(self) -> None:
        self.lines.clear()
        self.content.clear()
        self.rows = None

    def differing(self) -> dict[int, Strip] | None:
        """The rows said to have changed that differ from the rows kept, as they are
        now; None when they cannot be compared (nothing kept, another size)."""
        changed, self.changed = self.changed, set()
        screen, rows = self.screen, self.rows
        if screen is None or rows is None:
            return None
        compositor = screen._compositor
        width, height = compositor.size
        if height != len(rows):
            return None
        wanted = {y for y in changed if 0 <= y < height}
        if not wanted:
            return {}
        top, bottom = min(wanted), max(wanted)

        def draw() -> Sequence[Mapping[int, Strip]]:
            # As when drawn under this screen, which took the screen behind off the
            # stack of screens being drawn: left there, the screen behind would take
            # itself, and this one would find none and draw a blank.
            visible_screen_stack.set([])
            return compositor._render_chops(Region(0, top, width, bottom - top + 1),
                                            wanted.__contains__)

        chops = contextvars.copy_context().run(draw)
        now = {y: Strip.join(chops[y].values()) for y in wanted}
        return {y: row for y, row in now.items() if row != rows[y]}


class Tinted(BackgroundScreen):
    """Textual's tinted screen behind, each style tinted once: Textual tints every
    segment again (a Rich style added to one made from two colours), some 1,200
    segments a drawing at 120x40, of a few dozen styles. The rows drawn are kept
    (``Behind.rows``); ``rows`` draws only the ones given."""

    _tinted: ClassVar[dict[tuple[Style | None, Color], Style]] = {}

    def __init__(self, screen: Screen[object], color: Color, behind: Behind,
                 rows: list[Strip] | None = None) -> None:
        super().__init__(screen, color)
        self.behind = behind
        self.rows = rows

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = self.rows
        if rows is None:
            # What Textual renders (the compositor's ``__rich__``), its rows kept.
            rows = self.screen._compositor.render_strips()
            self.behind.screen, self.behind.rows = self.screen, rows
        return self.process_segments(console.render(StripRenderable(rows), options),
                                     self.color)

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
    """Mixed into a modal screen (before it): the screen behind kept, drawn again
    where it changed."""

    # A class attribute until first drawn: a refresh during Screen.__init__ finds it.
    _behind: Behind | None = None

    def _kept(self) -> Behind:
        if self._behind is None:
            self._behind = Behind()
        return self._behind

    def render(self) -> RenderableType:
        behind = super().render()  # type: ignore[misc]  # the screen's, next in line
        if type(behind) is BackgroundScreen:
            return Tinted(behind.screen, behind.color, self._kept())
        return cast(RenderableType, behind)

    def render_line(self, y: int) -> Strip:
        """A line of the content (the tinted screen behind), before the screen's
        styles: made whole once, then again only where the screen behind changed."""
        screen = cast(Screen[object], self)
        size, style = screen.size, screen.visual_style
        content = self._kept().content.get((size, screen.styles.background))
        if content is None:
            content = Visual.to_strips(screen, screen._render(), size.width, size.height,
                                       style)
            self._kept().content[size, screen.styles.background] = content
        return content[y] if 0 <= y < len(content) else Strip.blank(size.width,
                                                                       style.rich_style)

    def render_lines(self, crop: Region) -> list[Strip]:
        screen = cast(Screen[object], self)
        draw = super().render_lines  # type: ignore[misc]  # the screen's, next in line
        whole = screen.size.region
        if not whole.contains_region(crop):
            return cast(list[Strip], draw(crop))
        behind = self._kept()
        key = (screen.size, screen.styles.background)
        if behind.changed:
            self._redraw_behind(behind, key, behind.differing())
        lines = behind.lines.get(key)
        if lines is None:
            if len(behind.lines) >= KEPT:
                behind.drop()
            lines = behind.lines[key] = cast(list[Strip], draw(whole))
        if crop == whole:
            return lines
        lines = lines[crop.y:crop.bottom]
        if crop.column_span != (0, whole.width):  # as Textual crops its lines
            x1, x2 = crop.column_span
            lines = [line.crop(x1, x2) for line in lines]
        return lines

    def _redraw_behind(self, behind: Behind, key: tuple[Size, Color],
                rows: dict[int, Strip] | None) -> None:
        """The rows of the screen behind that changed, tinted and styled again (all
        of it when they are many)."""
        if not rows:
            if rows is None:
                behind.drop()
            return
        screen = cast(Screen[object], self)
        content, lines, kept = behind.content.get(key), behind.lines.get(key), behind.rows
        if content is None or lines is None or kept is None or behind.screen is None or (
                len(rows) > len(content) // 2):
            behind.drop()
            return
        width, style = screen.size.width, screen.visual_style
        behind.lines, behind.content = {key: lines}, {key: content}  # other sizes: dropped
        draw = super().render_lines  # type: ignore[misc]  # the screen's, next in line
        for y, row in rows.items():
            kept[y] = row
            tinted = Tinted(behind.screen, key[1], behind, [row])
            content[y] = Visual.to_strips(screen, visualize(screen, tinted), width, 1,
                                          style)[0]
            line = Region(0, y, width, 1)
            screen._styles_cache.set_dirty(line)  # styled again from that content line
            lines[y] = cast(list[Strip], draw(line))[0]

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> Self:
        if self._behind is not None:
            if recompose:
                self._behind.drop()
            for region in regions:  # the screen behind changed there
                self._behind.changed.update(region.line_range)
        return cast(Self, super().refresh(  # type: ignore[misc]
            *regions, repaint=repaint, layout=layout, recompose=recompose))


# The app's breakpoints ("-narrow", "-wide") are for the meeting screen's own widgets;
# set on a dialog as it is first sized, each restyled the whole dialog once more as it
# opened (some 4 % of the palette's opening at 5,000 items). No style of a dialog
# reads them.
NO_BREAKPOINTS: list[tuple[int, str]] = []


class Dialog(StyledOnce, KeepsBehind, ModalScreen[ScreenResultType]):
    """A modal dialog over the meeting screen."""

    HORIZONTAL_BREAKPOINTS = NO_BREAKPOINTS

    def on_unmount(self) -> None:
        """Closed: its widgets, their styles and drawn lines (some 7,000 objects held
        in cycles) are freed once the meeting screen is drawn again, by a full
        collection then. Left to the collector's own pace, that collection came
        during a later key, often the next dialog's opening (at 20,000 items, `r`
        after `x`: some 20 ms of its CPU), and the start-up objects being frozen
        (ui/app.py) makes full collections come every few dialogs. Asked from an
        empty context: asked from the dialog's, the callback would name the dialog as
        its sender and hold it until after the collection."""
        contextvars.Context().run(self.app.call_after_refresh, gc.collect)


class Palette(StyledOnce, KeepsBehind, CommandPalette):
    """Textual's command palette, the screen behind it kept as a Dialog keeps it, and
    the app's commands listed by ``providers.CommandsProvider`` (their two lines as
    plain text, not read as markup) in place of Textual's ``SystemCommandsProvider``."""

    HORIZONTAL_BREAKPOINTS = NO_BREAKPOINTS

    _listed = False

    def _refresh_command_list(self, command_list: CommandList, commands: list[Command],
                              clear_current: bool) -> None:
        """The list shown; the first time, each provider told (its ``listed()``): work
        it defers to once the palette is drawn, not to a fixed delay after it opens,
        which at 5,000 items on a loaded machine came before the palette was drawn."""
        super()._refresh_command_list(command_list, commands, clear_current)
        if not self._listed:
            self._listed = True
            for provider in self._providers:
                listed = getattr(provider, "listed", None)
                if listed is not None:
                    listed()

    @property
    def _provider_classes(self) -> set[type[Provider]]:
        from ..providers import with_commands  # imported with the palette, not at start

        return with_commands(super()._provider_classes)
