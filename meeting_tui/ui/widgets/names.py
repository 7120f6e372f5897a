"""Names complete wherever a name is asked for (issue 15): the suggesters of the name
fields (→ takes the suggestion), from ``session.roll_names()``: the roll's names first,
then the names the session has seen (notes, actions, lists of speakers). The command
line completes with tab instead (``core.entries.complete``, ``Floor.complete``).
"""

from __future__ import annotations

from textual.suggester import Suggester

from ...core.notes import split_speaker
from ...core.session import Session


class RollSuggester(Suggester):
    """The first name of the roll (then of the names seen) that starts with what is
    typed; asked again each time, as the roll grows while the dialog is open."""

    def __init__(self, session: Session) -> None:
        super().__init__(use_cache=False, case_sensitive=False)
        self.session = session

    async def get_suggestion(self, value: str) -> str | None:
        wanted = value.casefold()
        return next((name for name in self.session.roll_names()
                     if name.casefold().startswith(wanted)), None)


class SpeakerSuggester(RollSuggester):
    """A note's speaker (N): "Ma" -> "Maria Lopez: ", until a colon is typed; only the
    names a note reads as its speaker (``split_speaker``: capitalised, up to four words)."""

    async def get_suggestion(self, value: str) -> str | None:
        if ":" in value:
            return None
        wanted = value.casefold()
        return next((f"{name}: " for name in self.session.roll_names()
                     if name.casefold().startswith(wanted)
                     and split_speaker(f"{name}: x")[0] == name), None)
