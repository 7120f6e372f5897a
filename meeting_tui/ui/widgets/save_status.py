"""The persistent line about saving: shown only while something needs the user's eye
(the file cannot be written, it was changed by someone else, or this is read-only)."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

from ...core.printable import printable

LEVELS = ("info", "warning", "error")


class SaveStatus(Static):
    """One line per problem; hidden when there is none. Not a toast: it stays until the
    problem is gone."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.display = False
        self.lines: list[tuple[str, str]] = []

    def show_lines(self, lines: list[tuple[str, str]]) -> None:
        """``lines``: (level, text) with level one of LEVELS; the worst colours the bar.
        The same lines again (every save says there is nothing to show) change nothing:
        updating the Static would lay the whole screen out again after each save."""
        if list(lines) == self.lines:
            return
        self.lines = list(lines)
        self.display = bool(lines)
        for level in LEVELS:
            self.remove_class(f"-{level}")
        if not lines:
            self.update("")
            return
        worst = max((level for level, _ in lines), key=LEVELS.index)
        self.add_class(f"-{worst}")
        mark = {"info": "ℹ", "warning": "⚠", "error": "⚠"}
        self.update(Text("\n").join(
            Text.assemble((f"{mark[level]} ", "bold"), printable(text)) for level, text in lines
        ))
