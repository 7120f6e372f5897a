"""The secretary's notes on an item: free text, timestamped, optionally tagged with who
spoke. They are working notes: never in the List of decisions, never in the follow
view; the minutes (``minutes``) set them under their item.

Functions over the item states a session keeps; the session numbers and stamps them.
"""

from __future__ import annotations

import re
from functools import cache

from .state import ItemState, Note


# "Marie Dupont: text", "Chair: text", "Mr. Smith: text": a name of up to four words
# before a colon starts a note by that speaker. A longer opening ("The point is: …"
# has a lower-case word) is text.
# Compiled on first use (functools.cache): not every start-up reads a note.
@cache
def _speaker_re() -> re.Pattern[str]:
    return re.compile(r"((?:[A-Z][\w.'’-]*)(?: [A-Z][\w.'’-]*){0,3}):\s+(\S.*)", re.S)


def split_speaker(text: str) -> tuple[str, str]:
    """(speaker, text) of a note as typed: "Chair: we resume" is the Chair's."""
    m = _speaker_re().fullmatch(text.strip())
    if m:
        return m[1], m[2].strip()
    return "", text.strip()


def find(state: ItemState, note_id: int) -> Note:
    for note in state.notes:
        if note.id == note_id:
            return note
    raise KeyError(note_id)


def label(note: Note) -> str:
    """One note as a line of text: "Chair: we resume"."""
    return f"{note.speaker}: {note.text}" if note.speaker else note.text
