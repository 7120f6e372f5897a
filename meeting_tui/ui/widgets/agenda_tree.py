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
from textual._segment_tools import line_pad
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...core.agenda import Item
from ...core.amend import ADDED
from ...core.clock import format_minutes
from ...core.printable import printable
from ...core.session import UNMATCHED_NODE, ItemStatus, Session, unmatched_index, unmatched_node
from .. import display
from ..display import style_of
from .kept_styles import KeptStyles
from .tree_drawing import Drawing

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


class AgendaTree(KeptStyles, Tree[str]):
    """Agenda items; node data is the item key. Its component styles are kept from one
    drawing to the next (kept_styles.py): a move of the cursor draws some six lines."""

    COMPONENT_CLASSES = display.TREE_CLASSES
    BINDINGS = [
        # Space belongs to the meeting clock, not to folding.
        Binding("space", "app.toggle_clock", "Start/Pause", show=False),
        Binding("right", "expand_node", "Expand", show=False),
        Binding("left", "collapse_node", "Collapse", show=False),
    ]

    def __init__(self, session: Session, **kwargs: Any) -> None:
        # What every line of a drawing shares, while the lines are drawn, and what the
        # scrollbar showed when last drawn. Set first: Tree's own start refreshes.
        self._drawing: Drawing | None = None
        self._bar_drawn: tuple[Any, ...] | None = None  # what the scrollbar last showed
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
        self.forget_styles()
        self._bar_drawn = None
        if self._vertical_scrollbar is not None:
            self._vertical_scrollbar.refresh()  # its colours follow the tree's focus
        self._line_cache.clear()
        self._updates += 1
        self.root._reset()
        self.refresh(layout=True)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawing = Drawing(self, self._label_width())  # shared by the lines drawn
        try:
            return super().render_lines(crop)
        finally:
            self._drawing = None

    def render_line(self, y: int) -> Strip:
        drawing = self._drawing
        if drawing is None:
            return super().render_line(y)
        return self._draw_line(drawing, y + drawing.scroll_y)

    def _draw_line(self, drawing: Drawing, y: int) -> Strip:
        """Tree's ``_render_line``, the same strip, with what is the same for every line
        (the sizes, the guides' styles and characters, the focus) taken once a drawing
        instead of once a line: a change of focus draws every line in view (`a`), and
        the cursor's move the lines of its section (`n`)."""
        tree_lines = self._tree_lines
        width = drawing.width
        if y >= len(tree_lines):
            return Strip.blank(width, drawing.base_style)
        line = tree_lines[y]
        path = line.path
        is_hover = drawing.hover_line >= 0 and any(node._hover for node in path)
        cache_key = (y, is_hover, width, self._updates, self._pseudo_class_state,
                     tuple(node._updates for node in path))
        strip = self._line_cache.get(cache_key)
        if strip is None:
            line_style = drawing.hover_style if is_hover else drawing.base_style
            line_style += Style(meta={"line": y})
            guides = Text(style=line_style)
            guide_style = drawing.guide_styles[0]
            guide_lines = drawing.guide_lines[0]
            hover = path[0]._hover
            selected = path[0]._selected and drawing.focused
            last = path[-1]
            for node in path[1:]:
                which = 2 if selected else 1 if hover else 0
                guide_style = drawing.guide_styles[which]
                guide_lines = drawing.guide_lines[which]
                if node is not last:
                    guides.append(guide_lines[0] if node.is_last else guide_lines[1],
                                  style=guide_style)
                hover = hover or node._hover
                selected = (selected or node._selected) and drawing.focused
            if len(path) > 1:
                guides.append(guide_lines[2] if line.last else guide_lines[3],
                              style=guide_style)
            label_style = drawing.label_style
            if drawing.hover_line == y:
                label_style += drawing.highlight_style
            if self.cursor_line == y:
                label_style += drawing.cursor_style
            label = self.render_label(last, line_style, label_style).copy()
            label.stylize(Style(meta={"node": line.node._id}))
            guides.append(label)
            segments = list(guides.render(drawing.console))
            pad_width = max(self.virtual_size.width, width)
            drawn = guides.cell_len
            segments = line_pad(segments, 0, pad_width - drawn, line_style)
            # Its length given, as it is known: measuring it again was a tenth of a line.
            strip = Strip(segments, drawn + max(0, pad_width - drawn))
            self._line_cache[cache_key] = strip
        return strip.crop(drawing.scroll_x, drawing.scroll_x + width)

    def _scroll_update(self, virtual_size: Size) -> None:
        """Widget's, without drawing the scrollbar again when it would show the same.
        Every layout of the screen lands here (ScrollView takes each for a change of
        its size), and on `n` the item panel's heading lays the screen out: the
        scrollbar, some 35 rows, was drawn again each time. A change of its sizes or
        position draws it again by itself (they are reactive); a change of style, which
        its colours follow, is in ``notify_style_update``."""
        self._refresh_scrollbars()
        _width, height = self.container_size
        if self.show_vertical_scrollbar and self.styles.scrollbar_size_vertical:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = virtual_size.height
            bar.window_size = height - self.scrollbar_size_horizontal
            drawn = (bar.window_virtual_size, bar.window_size, bar.position, bar.size)
            if drawn != self._bar_drawn:
                self._bar_drawn = drawn
                bar.refresh()
        else:
            self._bar_drawn = None
        if self.show_horizontal_scrollbar and self.styles.scrollbar_size_horizontal:
            # Never in practice (labels are fitted to the width): Widget's own.
            self.horizontal_scrollbar.window_virtual_size = virtual_size.width
            self.horizontal_scrollbar.window_size = (self.container_size.width
                                                     - self.scrollbar_size_vertical)
            self.horizontal_scrollbar.refresh()
        self.scroll_x = self.validate_scroll_x(self.scroll_x)
        self.scroll_y = self.validate_scroll_y(self.scroll_y)

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
        drawing = self._drawing
        room_width = drawing.label_width if drawing is not None else self._label_width()
        width = room_width - self.depth.get(key, 0) * self.guide_depth - icon
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

    def _label_width(self) -> int:
        """The columns a label may fill at the top level: the tree's, less its scrollbar."""
        scrollbar = self.scrollbar_size_vertical if self.show_vertical_scrollbar else 0
        return self.size.width - scrollbar

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

