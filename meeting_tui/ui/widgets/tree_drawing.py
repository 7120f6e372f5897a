"""What every line of one drawing of the agenda tree shares.

Textual's Tree takes these for each line it draws (the sizes, the tree's style, the
guides' styles and characters, three component styles looked up by name); the agenda
tree takes them once a drawing (`AgendaTree._draw_line`): a change of focus draws
every line in view (`a`), a move of the cursor the lines of its section (`n`).
"""

from __future__ import annotations

from rich.style import Style
from textual.widgets import Tree


class Drawing:
    """What every line of one drawing of the tree shares, as Tree's ``_render_line``
    takes it for each line: the sizes, the tree's style, the guides' styles and
    characters (plain, under the mouse, in the cursor's section), the label's."""

    def __init__(self, tree: Tree[str], label_width: int) -> None:
        self.width = tree.size.width
        self.label_width = label_width
        self.scroll_x, self.scroll_y = tree.scroll_offset
        self.base_style = tree.rich_style
        self.console = tree.app.console
        self.focused = tree.has_focus
        self.hover_line = tree.hover_line
        style = tree.get_component_rich_style
        self.hover_style = (style("tree--highlight-line") if self.hover_line >= 0
                            else self.base_style)
        base_guides = style("tree--guides", partial=True)
        self.guide_styles = (base_guides,
                             base_guides + style("tree--guides-hover", partial=True),
                             base_guides + style("tree--guides-selected", partial=True))
        hidden = [tree.get_component_styles(name).color.a == 0 for name in
                  ("tree--guides", "tree--guides-hover", "tree--guides-selected")]
        self.guide_lines = tuple(guide_lines(tree, guide_style, hide)
                                 for guide_style, hide in zip(self.guide_styles, hidden,
                                                              strict=True))
        self.label_style = style("tree--label", partial=True)
        self.highlight_style = (style("tree--highlight", partial=True)
                                if self.hover_line >= 0 else Style())
        self.cursor_style = style("tree--cursor", partial=False)


def guide_lines(tree: Tree[str], style: Style, hidden: bool) -> tuple[str, str, str, str]:
    """The guides' space, vertical, terminator and cross, as Tree draws them."""
    if tree.show_guides and not hidden:
        lines: tuple[str, str, str, str] = tree.LINES["default"]
        if style.bold:
            lines = tree.LINES["bold"]
        elif style.underline2:
            lines = tree.LINES["double"]
    else:
        lines = ("  ", "  ", "  ", "  ")
    depth = max(0, tree.guide_depth - 2)
    a, b, c, d = (f"{chars[0]}{chars[1] * depth} " for chars in lines)
    return a, b, c, d
