"""The translation of a decision (T): the decision as written above, its text in the
meeting's second language below, to write or correct.

Escape keeps what was typed, as the decision editor does (nothing typed is lost);
ctrl+s too. An emptied translation is taken away. The decision is quoted as plain text
with its control characters visible, never as markup.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from ...core.printable import printable
from ..display import kept, plain
from ..widgets.plain_text import PlainTextArea
from .dialog import Dialog


class TranslateScreen(Dialog["str | None"]):
    """Gives the translation as written (None: unchanged)."""

    BINDINGS = [
        Binding("escape", "submit", "Keep"),
        Binding("ctrl+s", "submit", "Save", priority=True),
    ]
    DEFAULT_CSS = """
    TranslateScreen #translate-original { height: auto; max-height: 6;
        border: round $primary-muted; padding: 0 1; }
    TranslateScreen #translate-input { height: 8; }
    """

    def __init__(self, title: str, original: str, translation: str, hint: str) -> None:
        super().__init__()
        self.title_text = title
        self.original = original
        self.translation = translation
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="question")
            with VerticalScroll(id="translate-original"):
                yield Static(plain(self.original), id="translate-original-text")
            area = PlainTextArea(printable(self.translation), id="translate-input",
                                 soft_wrap=True)
            area.cursor_blink = getattr(self.app, "blink", True)
            yield area
            yield Label(plain(self.hint), classes="hint")

    def on_mount(self) -> None:
        area = self.query_one("#translate-input", PlainTextArea)
        area.move_cursor(area.document.end)
        area.focus()

    def action_submit(self) -> None:
        text = kept(self.translation, self.query_one("#translate-input", PlainTextArea).text)
        self.dismiss(None if text == self.translation else text)
