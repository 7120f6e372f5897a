"""`a` costs the same whatever the size of the agenda: the agenda tree losing focus to
the editor draws its lines again in their new colours, but does not build its list of
lines again (Tree does on every change of style, walking every node; at 5,000 items that
was half of what `a` cost)."""

from __future__ import annotations

from textual.widgets import TextArea, Tree

from meeting_tui.ui.widgets.agenda_tree import AgendaTree

ITEMS = 300
AGENDA = "Meeting of the Committee\n\n" + "".join(
    f"{n}. Item number {n} of the long agenda\n" for n in range(1, ITEMS + 1))


def count_calls(monkeypatch, name: str, cls: type = Tree) -> list[int]:
    """How many times `cls.name` ran, in a one-element list."""
    calls = [0]
    original = getattr(cls, name)

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, counting)
    return calls


async def test_a_does_not_build_the_tree_lines_again(make_app, monkeypatch):
    app = make_app(text=AGENDA)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        tree = app.query_one(AgendaTree)
        assert app.focused is tree and len(tree._tree_lines) == ITEMS
        builds = count_calls(monkeypatch, "_build")
        labels = count_calls(monkeypatch, "render_label", AgendaTree)
        await pilot.press("a")
        await pilot.pause()
        await pilot.pause()
        assert app.focused is app.query_one("#editor", TextArea)
        assert builds[0] == 0
        # The visible lines are drawn again (the cursor's colour follows the focus),
        # not every item of the agenda.
        assert 0 < labels[0] < ITEMS / 2
        await pilot.press(*"Agreed", "escape")
        tree.focus()
        await pilot.pause()
        assert builds[0] == 0


async def test_the_lines_follow_the_nodes_after_a_change_of_focus(make_app):
    """Kept across a change of style, the lines are still built again when the nodes
    change: a section folded after `a` loses its lines."""
    app = make_app()  # the bundled agenda: sections with items under them
    async with app.run_test(size=(120, 40)) as pilot:
        tree = app.query_one(AgendaTree)
        section = next(node for node in tree.nodes.values() if node.children)
        shown = len(tree._tree_lines)
        under = sum(1 for line in tree._tree_lines if section in line.path) - 1
        assert under > 0
        await pilot.press("a", "escape")
        tree.focus()
        await pilot.pause()
        assert len(tree._tree_lines) == shown
        section.collapse()
        await pilot.pause()
        assert len(tree._tree_lines) == shown - under
        assert [line.node for line in tree._tree_lines].count(section) == 1


async def test_a_change_of_focus_styles_the_tree_once(make_app, monkeypatch):
    """The agenda's border follows the tree's :focus, not :focus-within (the same for
    a pane whose only focusable widget is the tree): Textual styles a widget with a
    :focus-within rule again on each change of focus, on top of its :focus, and each
    styling matches the stylesheet once for each of the tree's component classes."""
    from textual.css.stylesheet import Stylesheet

    app = make_app(text=AGENDA)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        tree = app.query_one(AgendaTree)
        focused_border = tree.styles.border_top
        styled = [0]
        update_nodes = Stylesheet.update_nodes

        def counting(self, nodes, animate=False):  # type: ignore[no-untyped-def]
            nodes = list(nodes)
            styled[0] += nodes.count(tree)
            return update_nodes(self, nodes, animate=animate)

        monkeypatch.setattr(Stylesheet, "update_nodes", counting)
        await pilot.press("a")
        await pilot.pause()
        assert app.focused is app.query_one("#editor", TextArea)
        assert styled[0] == 1
        assert tree.styles.border_top != focused_border  # the border follows the focus
