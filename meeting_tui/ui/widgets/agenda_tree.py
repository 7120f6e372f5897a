"""The agenda as a tree whose labels are drawn from the session when a line is painted.

Labels are computed at render time, so a change to one item repaints one line and
the one-second clock never touches the tree (except, once a minute, the line of the
current item whose spent minutes changed). Titles are cut with an ellipsis to fit.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...core.agenda import Item
from ...core.amend import ADDED
from ...core.clock import format_minutes
from ...core.printable import printable
from ...core.session import UNMATCHED_NODE, ItemStatus, Session, unmatched_index, unmatched_node
from .. import display
from ..display import style_of

MARKS = {
    ItemStatus.PENDING: ("·", ""),
    ItemStatus.CURRENT: ("▶", "bold"),
    ItemStatus.DONE: ("✓", "dim"),
    ItemStatus.SKIPPED: ("↷", "dim strike"),
}


def counts(drafts: int, finals: int, colour: display.StyleOf) -> Text:
    """' ◇2 ◆1': two draft decisions, one final."""
    text = Text()
    if drafts:
        text.append(f" ◇{drafts}", colour(display.DRAFTS))
    if finals:
        text.append(f" ◆{finals}", colour(display.FINALS))
    return text


class AgendaTree(Tree[str]):
    """Agenda items; node data is the item key."""

    COMPONENT_CLASSES = display.TREE_CLASSES
    BINDINGS = [
        # Space belongs to the meeting clock, not to folding.
        Binding("space", "app.toggle_clock", "Start/Pause", show=False),
        Binding("right", "expand_node", "Expand", show=False),
        Binding("left", "collapse_node", "Collapse", show=False),
    ]

    def __init__(self, session: Session, **kwargs: Any) -> None:
        super().__init__("Agenda", **kwargs)
        self.session = session
        self.show_root = False
        self.guide_depth = 2
        self.nodes: dict[str, TreeNode[str]] = {}
        self.depth: dict[str, int] = {}
        self._shown_minutes: str = ""
        self._shown_over: dict[str, bool] = {}

    def on_mount(self) -> None:
        self.populate()

    def populate(self) -> None:
        """(Re)build the nodes from the agenda as amended; folded sections stay folded."""
        folded = {key for key, node in self.nodes.items()
                  if node.allow_expand and not node.is_expanded}
        self.clear()
        self.nodes.clear()

        def add(parent: TreeNode[str], items: Iterable[Item], depth: int) -> None:
            for item in items:
                name = Text(item.key)  # not the label (render_label draws it), never markup
                if item.children:
                    node = parent.add(name, data=item.key, expand=item.key not in folded)
                    add(node, item.children, depth + 1)
                else:
                    node = parent.add_leaf(name, data=item.key)
                self.nodes[item.key] = node
                self.depth[item.key] = depth

        add(self.root, self.session.agenda.items, 0)
        self._add_unmatched()

    def _add_unmatched(self) -> None:
        """Entries of the session file that match no item (the agenda changed): under
        one last node, never dropped. Kept out of ``nodes``, which holds items only."""
        self.unmatched_nodes: dict[str, TreeNode[str]] = {}
        if not self.session.unmatched:
            return
        parent = self.root.add(UNMATCHED_NODE, data=UNMATCHED_NODE, expand=True)
        self.unmatched_nodes[UNMATCHED_NODE] = parent
        for index in range(len(self.session.unmatched)):
            key = unmatched_node(index)
            self.unmatched_nodes[key] = parent.add_leaf(key, data=key)

    def _render_unmatched(self, node: TreeNode[str], index: int, base_style: Style,
                          style: Style) -> Text:
        colour = style_of(self)
        label = Text(no_wrap=True, overflow="ellipsis", end="")
        if index < 0:
            label.append(f"Unmatched ({len(self.session.unmatched)})", colour(display.UNMATCHED))
            label.stylize(style)
            toggle = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
            return Text.assemble((toggle, base_style), label)
        entry = self.session.unmatched[index]
        label.append("? ", colour(display.UNMATCHED_MARK))
        if entry.number:
            label.append(f"{printable(entry.number)} ", "bold")
        label.append(printable(entry.title))
        finals = sum(1 for d in entry.state.decisions if d.final)
        drafts = len(entry.state.decisions) - finals
        right = counts(drafts, finals, colour)
        scrollbar = self.scrollbar_size_vertical if self.show_vertical_scrollbar else 0
        room = max(4, self.size.width - scrollbar - self.guide_depth - right.cell_len)
        label.truncate(room, overflow="ellipsis")
        label.append_text(right)
        label.stylize(style)
        return label

    # ------------------------------------------------------------ rendering
    def get_label_width(self, node: TreeNode[str]) -> int:
        return 1  # labels are fitted to the width: never scroll sideways

    def notify_style_update(self) -> None:
        """Styles changed (focus came or went, the theme changed): every line is drawn
        again, but the list of lines is kept. Tree's own drops it, and the next idle
        walks every node to build it again, which was half of what `a` cost at 5,000
        items (the tree loses focus to the editor). Here no line's place or width
        depends on a style: the lines change only with the nodes (add, expand, clear,
        which rebuild them themselves), and labels are fitted when drawn."""
        super(Tree, self).notify_style_update()  # Widget's: its style caches
        self._line_cache.clear()
        self._updates += 1
        self.root._reset()
        self.refresh(layout=True)

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        key = node.data
        if key is None:
            return Text("")
        index = unmatched_index(key)
        if index is not None:
            return self._render_unmatched(node, index, base_style, style)
        session = self.session
        colour = style_of(self)
        item = session.item(key)
        status = session.state_status(key)
        mark, mark_style = MARKS[status]
        right = Text()
        state = session.peek(key)
        if state is not None and state.spans:
            right.append(f" {format_minutes(session.spent(key))}", "italic")
        right.append_text(counts(*session.counts(key), colour))
        if status is not ItemStatus.SKIPPED and session.over(key):
            right.append(" over", colour(display.OVER))
        icon = 2 if node.allow_expand else 0
        scrollbar = self.scrollbar_size_vertical if self.show_vertical_scrollbar else 0
        width = self.size.width - scrollbar - self.depth.get(key, 0) * self.guide_depth - icon
        label = Text(no_wrap=True, overflow="ellipsis", end="")
        label.append(f"{mark} ", mark_style)
        amended = session.marks(key)
        if amended:
            label.append("+ " if ADDED in amended else "~ ", colour(display.AMENDED))
        if item.number:
            label.append(f"{printable(item.number)} ", "bold")
        label.append(printable(item.title))
        room = max(4, width - right.cell_len)
        label.truncate(room, overflow="ellipsis")
        label.append_text(right)
        if status is ItemStatus.CURRENT:
            label.stylize("bold")
            label.stylize(colour(display.CURRENT_MARK), 0, 1)
        elif status in (ItemStatus.DONE, ItemStatus.SKIPPED):
            label.stylize(mark_style)
        label.stylize(style)
        if not icon:
            return label
        toggle = self.ICON_NODE_EXPANDED if node.is_expanded else self.ICON_NODE
        return Text.assemble((toggle, base_style), label)

    # ------------------------------------------------------------ updates
    def refresh_item(self, key: str | None) -> None:
        node = self.nodes.get(key) if key else None
        if node is not None:
            node.refresh()

    def tick(self) -> None:
        """Called by the clock: repaint the current line only when its minutes change."""
        key = self.session.current
        if key is None:
            return
        shown = format_minutes(self.session.spent(key))
        if shown != self._shown_minutes:
            self._shown_minutes = shown
            self.refresh_item(key)
        self._tick_over(key)

    def _tick_over(self, key: str) -> None:
        """The current item and its parents (whose plans cover it) get 'over' in time."""
        node = self.nodes.get(key)
        now = self.session.now()
        while node is not None and node.data is not None:
            over = self.session.over(node.data, now)
            if self._shown_over.get(node.data) != over:
                self._shown_over[node.data] = over
                node.refresh()
            node = node.parent

    def select_key(self, key: str) -> None:
        node = self.nodes.get(key)
        if node is None:
            return
        parent = node.parent
        while parent is not None:
            if not parent.is_expanded:  # expand() rebuilds every line of the tree
                parent.expand()
            parent = parent.parent
        self.move_cursor(node)

    def action_expand_node(self) -> None:
        if self.cursor_node and self.cursor_node.allow_expand:
            self.cursor_node.expand()

    def action_collapse_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.move_cursor(node.parent)
