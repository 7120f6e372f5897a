"""The top bar's lines are drawn as one Text each (cheaper than a Rich grid, on every
tick and every `n`), and read exactly as the grid of two columns drew them: the same
character and the same style in every cell, wide characters, ellipses and a right
part too wide for the bar included."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
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
