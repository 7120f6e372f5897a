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

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.containers import Lines
from rich.markup import escape
from rich.text import Text
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult, Selection

from ...core.phrases import completion, matches
from ...core.printable import printable_line, typed
from .plain_text import PlainTextArea


class _Line(Text):
    """A line of the document whose division into the rows it wraps to is worked out
    once per frame, not once per row: TextArea divides the whole line again for each
    row it draws, so a paragraph of 10,000 characters, 16 rows of the editor, cost 16
    divisions of it per key. The rows of one line are drawn one after the other, with
    the same text and styles: the last division is kept and given again."""

    __slots__ = ("_memo",)

    def __init__(self, text: str, memo: list[Any]) -> None:
        super().__init__(text, end="", no_wrap=True)
        self._memo = memo

    def divide(self, offsets: Iterable[int]) -> Lines:
        offsets = tuple(offsets)
        key = (self.plain, tuple(self._spans), offsets, self.style, self.tab_size)
        if self._memo and self._memo[0] == key:
            return self._memo[1]
        lines = super().divide(offsets)
        self._memo[:] = [key, lines]
        return lines


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
        self._divided: list[Any] = []  # the last line divided into rows (_Line)
        self._rows: LRUCache[tuple[Any, ...], Strip] = LRUCache(1024)  # (render_line)
        self._frame: tuple[Any, ...] = ()
        self._holding = False  # an edit is being made: its repaints are held (edit)
        self._held = False  # ... and one was asked for
        super().__init__(**kwargs)  # (TextArea asks for a suggestion as it starts)

    def get_line(self, line_index: int) -> Text:
        return _Line(self.document.get_line(line_index), self._divided)

    # ------------------------------------------------------------ drawing rows
    # TextArea draws every row again after each edit. A row shows only its own piece of
    # its line, so a row the cursor and the selection are not on, whose piece did not
    # change, is drawn as it was: a key redraws the cursor's row and the rows after it
    # in its paragraph whose text moved, whatever the length of the decision.
    def notify_style_update(self) -> None:
        self._rows.clear()
        super().notify_style_update()

    # An edit repaints the whole editor (the selection, the suggestion are reactive), so
    # each of its rows went again through the styles, the border and the filters,
    # however few changed: in a long decision the editor is high, and a key cost more.
    # A key typed within a line whose rows stay as many, the view unmoved, repaints
    # the rows of that line only; anything else repaints it all, as before.
    def edit(self, edit: Edit) -> EditResult:
        before, cursor_line = self._view(), self.selection.end[0]
        self._holding, self._held = True, False
        try:
            result = super().edit(edit)
        finally:
            self._holding = False
        if self._held:
            self._held = False
            simple = self._view() == before and cursor_line == self.selection.end[0]
            rows = self._edited_rows(edit, result) if simple else None
            if rows is None:
                self.refresh()
            else:
                self.refresh_lines(*rows)
        return result

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> DecisionEditor:
        if self._holding and not regions and repaint and not layout and not recompose:
            self._held = True
            return self
        super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
        return self

    def _view(self) -> tuple[Any, ...]:
        """What, when it changes in an edit, may change other rows than the edited
        line's: the scroll, the sizes, the border's texts, the suggestion, a selection,
        the line count (the rows below move), the placeholder (an empty text), a
        bracket matched elsewhere."""
        document = self.document
        return (self.scroll_offset, self.virtual_size, self.size, self.suggestion,
                self.border_title, self.border_subtitle, self.selection.is_empty,
                document.line_count, document.line_count == 1 and not document[0],
                self.wrapped_document.height, self.show_line_numbers, self.soft_wrap,
                self._matching_bracket_location)

    def _edited_rows(self, edit: Edit, result: EditResult) -> tuple[int, int] | None:
        """The first row and the number of rows of the one line an edit changed, the
        cursor in it before and after; None when it is not so simple."""
        line = result.end_location[0]
        if not (edit.top[0] == edit.bottom[0] == line == self.selection.end[0]):
            return None
        if not self.selection.is_empty or not self.soft_wrap:
            return None
        try:
            rows = self.wrapped_document._line_index_to_offsets[line]
        except IndexError:
            return None
        return (rows[0], len(rows)) if rows else None

    def render_lines(self, crop: Region) -> list[Strip]:
        theme = self._theme
        if theme:
            theme.apply_css(self)  # as TextArea does first: the styles of this frame
        self._frame = (self.size, self.disabled, self._has_cursor, self.placeholder,
                       self.scroll_offset.x, self.theme, self.rich_style,
                       theme.base_style if theme else None, self.soft_wrap,
                       self.show_line_numbers, self.read_only, self.show_cursor,
                       self.highlight_cursor_line, self.has_focus, self.indent_width)
        # Past TextArea's own render_lines, which would only apply the theme's styles a
        # second time (some 0.5 ms a frame): the scroll view's draws the rows.
        return super(TextArea, self).render_lines(crop)

    def render_line(self, y: int) -> Strip:
        key = self._row_key(y)
        if key is None:
            return super().render_line(y)
        strip = self._rows.get(key)
        if strip is None:
            strip = super().render_line(y)
            self._rows.set(key, strip)
        return strip

    def _row_key(self, y: int) -> tuple[Any, ...] | None:
        """What row ``y`` shows, when nothing else changes it; None: draw it anew."""
        if not self.soft_wrap or self.show_line_numbers or not self.document.text:
            return None
        info = self.wrapped_document._offset_to_line_info
        row = self.scroll_offset.y + y
        if row >= len(info):
            return None
        line_index, section = info[row]
        line = self.document.get_line(line_index)
        if "\t" in line:  # a tab's width depends on the whole line before it
            return None
        offsets = self.wrapped_document.get_offsets(line_index)
        start = offsets[section - 1] if section else 0
        end = offsets[section] if section < len(offsets) else len(line)
        top, bottom = sorted(self.selection)
        if top[0] <= line_index <= bottom[0]:  # the cursor's line, or a selected one
            if top != bottom or self.suggestion:
                return None
            if start <= bottom[1] <= end:  # the cursor is in this row
                return None
        bracket = self._matching_bracket_location
        if bracket is not None and bracket[0] == line_index:
            return None
        cursor_line = line_index == self.selection.end[0]
        return (self._frame, line[start:end], section == len(offsets), cursor_line)

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
