"""Fields that never take a control character: whatever is typed or pasted into them
(a pasted ESC, a bracketed paste's stray controls, bidi overrides) is stored without
them (``core.printable.typed``), so nothing unprintable reaches a decision, a title
or a setting, nor is drawn raw while it is being written. The one-line field is
``plain_input.PlainInput``."""

from __future__ import annotations

from textual.widgets import TextArea
from textual.widgets.text_area import Edit, EditResult

from ...core.printable import typed


class PlainTextArea(TextArea):
    """A TextArea for user text: every change (a key, a paste, a phrase accepted, undo
    and redo of them) is an ``Edit``."""

    def edit(self, edit: Edit) -> EditResult:
        clean = typed(edit.text)
        if clean != edit.text:
            edit = Edit(clean, edit.from_location, edit.to_location,
                        edit.maintain_selection_offset)
        return super().edit(edit)
