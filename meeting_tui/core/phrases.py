"""Opening phrases of decisions and the suggestion rule of the editor (no Textual).

A decision is a paragraph that starts with a past-tense verb: "Took note of …",
"Adopted its agenda.", "Decided …". While the cursor is at the end of a line whose
text so far is the start of a known phrase (or the line is still empty), the editor
suggests the rest of that phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

STANDARD_PHRASES: tuple[str, ...] = (
    "Took note of",
    "Welcomed",
    "Adopted",
    "Agreed",
    "Decided",
    "Approved",
    "Invited",
    "Instructed the Secretariat to",
    "Requested",
)

# The longest line start that still looks for a phrase: past it, no suggestion.
_MAX_PREFIX = 60


def phrase_list(own: Iterable[str] = ()) -> list[str]:
    """The meeting's own phrases first (they win), then the standard ones; no repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for phrase in [*own, *STANDARD_PHRASES]:
        phrase = " ".join(phrase.split())
        if phrase and phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            out.append(phrase)
    return out


def matches(prefix: str, phrases: Sequence[str]) -> list[str]:
    """The phrases that ``prefix`` (what is typed at the start of the line) begins.

    Case does not matter; a phrase already typed in full is not suggested again.
    """
    if len(prefix) > _MAX_PREFIX or prefix[:1].isspace():
        return []
    key = prefix.casefold()
    return [p for p in phrases if p.casefold().startswith(key) and len(p) > len(prefix)]


def completion(phrase: str) -> str:
    """The phrase as inserted: a space follows unless it ends a sentence."""
    return phrase if phrase.endswith((".", ":", ";")) else phrase + " "
