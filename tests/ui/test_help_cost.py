"""The help screen draws its tables once for each width it is laid out at, not once for
each time Textual asks (their height twice, then to draw them): the table of every key
was drawn eleven times as the screen opened."""

from __future__ import annotations

from collections import Counter

from rich.table import Table

from meeting_tui.ui.screens.help import HelpScreen, Rendered


async def test_the_help_tables_are_drawn_once_per_width(make_app, monkeypatch):
    drawn: Counter[tuple[int, int]] = Counter()
    draw = Table.__rich_console__

    def counting(self, console, options):  # type: ignore[no-untyped-def]
        drawn[(id(self), options.max_width)] += 1
        return draw(self, console, options)

    monkeypatch.setattr(Table, "__rich_console__", counting)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert len(drawn) >= 3 and max(drawn.values()) == 1, drawn  # three tables


def test_a_rendered_table_gives_the_same_lines_as_the_table():
    """Drawn again at a width it was drawn at, and at another: the table's own lines."""
    from rich.console import Console

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for n in range(12):
        table.add_row(f"key{n}", "what it does, at some length " * (n % 4 + 1))
    console = Console(width=60, color_system="truecolor")
    rendered = Rendered(table)
    for width in (60, 40, 60, 25, 40):
        options = console.options.update_width(width)
        assert console.render_lines(rendered, options) == console.render_lines(table, options)
        assert console.measure(rendered, options=options) == console.measure(table,
                                                                              options=options)
