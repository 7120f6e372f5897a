"""The agenda tree draws its lines as Textual's Tree draws them, cheaper: what every
line of a drawing shares (the sizes, the guides' styles and characters, the focus) is
taken once a drawing, the component styles are kept until a style changes, and its
scrollbar is not drawn again on a layout of the screen that leaves it as it was (on
`n`, the item panel's heading changing height lays the screen out)."""

from __future__ import annotations

from textual.geometry import Region
from textual.scrollbar import ScrollBar
from textual.widget import Widget
from textual.widgets import Tree

from meeting_tui.ui.widgets.agenda_tree import AgendaTree
from meeting_tui.ui.widgets.tree_drawing import Drawing

# Titles of one, two and three lines of the item panel at 120 columns, in turn.
LONG = "a title long enough to need more of the panel's lines " * 2
AGENDA = "Meeting of the Committee\n\n" + "".join(
    f"{n}. Item {n} {LONG[: 40 * (n % 3) + 10]}\n" for n in range(1, 121))


def cells(strips) -> list[list[tuple[str, object]]]:  # type: ignore[no-untyped-def]
    return [[(segment.text, segment.style) for segment in strip] for strip in strips]


def drawn_as_tree_draws(tree: AgendaTree) -> list[list[tuple[str, object]]]:
    """The lines in view as Textual's Tree draws them (its own `_render_line`)."""
    tree._line_cache.clear()
    tree._pseudo_class_state = tree.get_pseudo_class_state()
    return cells(Tree.render_line(tree, y) for y in range(tree.size.height))


def drawn_here(tree: AgendaTree) -> list[list[tuple[str, object]]]:
    tree._line_cache.clear()
    tree._pseudo_class_state = tree.get_pseudo_class_state()
    tree._drawing = Drawing(tree, tree._label_width())
    try:
        strips = [tree.render_line(y) for y in range(tree.size.height)]
    finally:
        tree._drawing = None
    for strip in strips:  # the length it was given is the length it has
        assert strip.cell_length == sum(segment.cell_length for segment in strip)
    return cells(strips)


async def test_the_lines_read_as_tree_draws_them(make_app):
    """Focused or not, the cursor on a section or in it, the mouse over a line."""
    app = make_app()  # the bundled agenda: sections, sub-items, guides
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.query_one(AgendaTree)
        for keys in ((), ("n",), ("n", "n"), ("down", "down", "down"), ("a",)):
            await pilot.press(*keys)
            await pilot.pause()
            assert drawn_here(tree) == drawn_as_tree_draws(tree)
        await pilot.press("escape")
        tree.focus()
        await pilot.pause()
        tree.hover_line = 3
        assert drawn_here(tree) == drawn_as_tree_draws(tree)
        assert any("├" in text or "└" in text for row in drawn_here(tree) for text, _ in row)


async def test_a_drawing_takes_the_shared_styles_once(make_app, monkeypatch):
    """A drawing of every line in view asks for the guides' styles once, not once a
    line; a move of the cursor (`n`) makes none of the component styles again."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        tree = app.query_one(AgendaTree)
        asked: list[str] = []
        made: list[tuple[str, ...]] = []
        get_styles = tree.get_component_styles
        make_style = Widget.get_component_rich_style

        def counting_styles(*names):  # type: ignore[no-untyped-def]
            asked.append(names[0])
            return get_styles(*names)

        def counting_rich(self, *names, **kwargs):  # type: ignore[no-untyped-def]
            if self is tree:
                made.append(names)
            return make_style(self, *names, **kwargs)

        monkeypatch.setattr(tree, "get_component_styles", counting_styles)
        monkeypatch.setattr(Widget, "get_component_rich_style", counting_rich)
        tree._line_cache.clear()
        tree.refresh()  # every line in view drawn again
        strips = tree.render_lines(Region(0, 0, tree.size.width, tree.size.height))
        assert len(strips) == tree.size.height > 20 and len(asked) <= 3
        await pilot.press("n", "n")
        await pilot.pause()
        assert made == []


async def test_a_layout_that_leaves_the_tree_alone_does_not_draw_its_scrollbar(
        make_app, monkeypatch):
    app = make_app(text=AGENDA)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        tree = app.query_one(AgendaTree)
        assert tree.show_vertical_scrollbar
        layouts = [0]
        drawn = [0]
        screen_layout = type(app.screen)._refresh_layout
        bar_render = ScrollBar.render

        def counting_layout(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            layouts[0] += 1
            return screen_layout(self, *args, **kwargs)

        def counting_render(self):  # type: ignore[no-untyped-def]
            drawn[0] += 1
            return bar_render(self)

        monkeypatch.setattr(type(app.screen), "_refresh_layout", counting_layout)
        monkeypatch.setattr(ScrollBar, "render", counting_render)
        for _ in range(4):  # headings of one, two, three lines: the screen laid out
            await pilot.press("n")
            await pilot.pause()
        assert layouts[0] >= 2
        assert drawn[0] == 0
        await pilot.press("a")  # the tree loses the focus: the scrollbar's colours
        await pilot.pause()
        assert drawn[0] > 0


async def test_a_kept_style_follows_the_stylesheet(make_app):
    """A component's colour changed by a class on the screen (the tree's own styles
    the same: Textual does not announce it) is the one the next drawing uses."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        app.stylesheet.add_source("Screen.-probe AgendaTree > .tree--guides { color: red; }",
                                  read_from=("probe", ""))
        app.refresh_css(animate=False)
        await pilot.pause()
        tree = app.query_one(AgendaTree)
        before = tree.get_component_rich_style("tree--guides", partial=True)
        assert tree.get_component_rich_style("tree--guides", partial=True) is before  # kept
        app.screen.add_class("-probe")
        await pilot.pause()
        after = tree.get_component_rich_style("tree--guides", partial=True)
        assert after.color is not None and after.color.triplet == (255, 0, 0)
        assert after.color != before.color
