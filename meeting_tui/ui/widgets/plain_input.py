"""The one-line field that never takes a control character (``plain_text.py`` has the
editor's): the dialogs' and the command line's, apart so that the first screen, which
has none, does not make its class (issue 19: start-up)."""

from __future__ import annotations

from textual.widgets import Input

from ...core.printable import typed


class PlainInput(Input):
    """An Input for user text: every insertion (a key, a paste) goes through
    ``replace``."""

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(typed(text).replace("\n", " "), start, end)
