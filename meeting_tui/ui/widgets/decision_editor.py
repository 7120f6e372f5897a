"""The decision editor: a plain TextArea that suggests the opening phrase.

Decisions start with a past-tense verb ("Took note of", "Adopted", …). When the
cursor is at the end of the text and its last line is still empty or is the start of
a known phrase, the rest of the phrase is shown dimmed after the cursor (TextArea's
``suggestion``), and the editor's bottom border names it and how many more match:

- tab or right arrow accepts the shown phrase (with the capitals of the phrase);
- ctrl+space shows the next matching phrase instead;
- typing narrows the list ("Ag" leaves "Agreed"); anything else hides it.

Only at the end of the text: moving through a decision with the arrows never drops a
phrase into it. The phrases are the meeting's own (a setting) and then the standard
ones (see phrases.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rich.markup import escape
from textual.binding import Binding
from textual.widgets.text_area import Selection

from ...core.phrases import completion, matches
from ...core.printable import printable_line, typed
from .plain_text import PlainTextArea


class DecisionEditor(PlainTextArea):
    """Nothing unprintable is ever stored in a decision: a pasted ESC, a control key,
    a phrase holding one are taken without it (``PlainTextArea``)."""

    BINDINGS = [
        Binding("tab", "accept_phrase", "Accept phrase", show=False),
        Binding("ctrl+space,ctrl+@", "next_phrase", "Next phrase", show=False),
    ]

    def __init__(self, phrases: Callable[[], Sequence[str]], **kwargs: Any) -> None:
        self.phrases = phrases
        self.matching: list[str] = []  # phrases matching the line being typed
        self.choice = 0  # the one shown
        self._idle_placeholder: object = None
        super().__init__(**kwargs)  # (TextArea asks for a suggestion as it starts)

    # ------------------------------------------------------------ the suggestion
    def _typing_line(self) -> str | None:
        """The text of the last line when the cursor ends the text; else None."""
        if self.disabled or not self.has_focus or not self.selection.is_empty:
            return None
        last = self.document.line_count - 1
        line = self.document.get_line(last)
        return line if self.cursor_location == (last, len(line)) else None

    def update_suggestion(self) -> None:
        prefix = self._typing_line()
        found = matches(prefix, list(self.phrases())) if prefix is not None else []
        if found != self.matching:
            self.matching = found
            self.choice = 0
        self._show(prefix or "")

    def _show(self, prefix: str) -> None:
        if not self.matching:
            self.suggestion = ""
            self.border_subtitle = ""
            return
        phrase = self.matching[self.choice % len(self.matching)]
        self.suggestion = typed(completion(phrase))[len(prefix):]  # as accepting types it
        others = len(self.matching) - 1
        more = f" · ctrl+space: {others} more" if others else ""
        self.border_subtitle = f"tab: [b]{escape(printable_line(phrase))}[/b]{more}"

    def action_accept_phrase(self) -> None:
        """Insert the shown phrase, written as the phrase has it ("ag" → "Agreed ")."""
        if not self.matching:
            return
        phrase = completion(self.matching[self.choice % len(self.matching)])
        row = self.document.line_count - 1
        typed = self.document.get_line(row)
        self.replace(phrase, (row, 0), (row, len(typed)))

    def action_next_phrase(self) -> None:
        if self.matching:
            self.choice = (self.choice + 1) % len(self.matching)
            self._show(self.document.get_line(self.document.line_count - 1))

    def action_cursor_right(self, select: bool = False) -> None:
        if self.suggestion and not select:
            self.action_accept_phrase()
            return
        super().action_cursor_right(select)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Without a suggestion, tab moves the focus as anywhere else.
        if action in ("accept_phrase", "next_phrase"):
            return bool(self.matching)
        return super().check_action(action, parameters)

    # ------------------------------------------------------------ focus
    def _watch_has_focus(self, focus: bool) -> None:
        super()._watch_has_focus(focus)
        # The placeholder explains the idle editor; while typing it would hide the
        # suggestion on an empty decision.
        if focus:
            if self._idle_placeholder is None:
                self._idle_placeholder = self.placeholder
            self.placeholder = ""
        elif self._idle_placeholder is not None:
            self.placeholder = self._idle_placeholder  # type: ignore[assignment]
            self._idle_placeholder = None
        self.update_suggestion()

    def _watch_selection(self, previous_selection: Selection, selection: Selection) -> None:
        super()._watch_selection(previous_selection, selection)
        self.update_suggestion()
