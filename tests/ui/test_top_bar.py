"""The top bar's lines are drawn as one Text each (cheaper than a Rich grid, on every
tick and every `n`), and read exactly as the grid of two columns drew them: the same
character and the same style in every cell, wide characters, ellipses and a right
part too wide for the bar included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.color import ColorSystem
from rich.console import Console, RenderableType
from rich.style import Style
from rich.text import Text

from meeting_tui.ui.widgets.top_bar import grid, line

STYLES = st.sampled_from(["", "bold", "italic red", "dim"])
PIECES = st.text(alphabet="ab XZ…éü中文字-", max_size=30)
TEXTS = st.lists(st.tuples(PIECES, STYLES), max_size=4)
WIDTHS = st.integers(min_value=1, max_value=160)


def text_of(pieces: list[tuple[str, str]], style: str) -> Text:
    text = Text(style=style)
    for piece, piece_style in pieces:
        text.append(piece, piece_style)
    return text


def cells(renderable: RenderableType, width: int) -> list[list[tuple[str, Style]]]:
    console = Console(width=width, force_terminal=True, color_system="truecolor")
    lines = console.render_lines(renderable, console.options.update_width(width), pad=True)
    return [[(char, segment.style or Style()) for segment in row for char in segment.text]
            for row in lines]


@settings(max_examples=400, deadline=None)
@given(TEXTS, STYLES, TEXTS, STYLES, WIDTHS)
def test_a_line_reads_as_the_grid_drew_it(left, left_style, right, right_style,
                                         width) -> None:
    left_text, right_text = text_of(left, left_style), text_of(right, right_style)
    drawn = line(left_text, right_text, width)
    assert cells(drawn, width) == cells(grid(left_text, right_text), width)


def test_the_grid_is_left_only_where_it_must_be() -> None:
    """A right part that fits is drawn as one Text; one that does not, as the grid."""
    assert isinstance(line(Text("Title"), Text("running 0:10:00"), 80), Text)
    assert not isinstance(line(Text("Title"), Text("x" * 80), 80), Text)
    assert not isinstance(line(Text("Title"), Text("right"), 0), Text)  # width unknown


def drawn_cells(strips) -> list[list[tuple[str, str]]]:  # type: ignore[no-untyped-def]
    """Each cell's character and what a terminal is sent for its style (Textual's own
    meta, for selecting text with the mouse, left out)."""
    return [[(char, (segment.style or Style()).render("x", color_system=ColorSystem.TRUECOLOR))
             for segment in strip for char in segment.text]
            for strip in strips]


async def test_the_bar_drawn_as_strips_reads_as_the_rich_lines(make_app, monkeypatch):
    """The bar draws its two lines into strips itself (Textual's way through Rich cost
    most of the bar's drawing): every cell reads as the two Rich lines drew it, before
    the meeting, running, on a break, and with a title too long for the bar."""
    from textual.geometry import Region
    from textual.widgets import Static

    from meeting_tui.ui.widgets.top_bar import TopBar

    app = make_app(title="A title long enough to be cut with an ellipsis " * 3)
    async with app.run_test(size=(100, 30)) as pilot:
        bar = app.query_one(TopBar)
        for keys in ((), ("n",), ("n", "space")):
            await pilot.press(*keys)
            await pilot.pause()
            region = Region(0, 0, bar.size.width, bar.size.height)
            bar.refresh()
            as_strips = drawn_cells(bar.render_lines(region))
            assert bar._strips is not None  # drawn here, not through Rich
            with monkeypatch.context() as patch:
                patch.setattr(TopBar, "render_lines", Static.render_lines)
                bar._strips = None
                bar.refresh()
                as_rich = drawn_cells(bar.render_lines(region))
            assert as_strips == as_rich
            assert "".join(char for char, _style in as_strips[1]).strip()
