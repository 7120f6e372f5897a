"""Opening phrases of decisions and the suggestion rule of the editor (no Textual).

A decision is a paragraph that starts with a past-tense verb: "Took note of …",
"Adopted its agenda.", "Decided …". While the cursor is at the end of a line whose
text so far is the start of a known phrase (or the line is still empty), the editor
suggests the rest of that phrase. The standard phrases are the meeting's language's
(the French ones as the Council of Europe's French lists of decisions write them: "A
adopté son ordre du jour.", "S’est félicité de la ratification …").
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

# Per language, in the form the lead-in needs ("During this meeting, the Committee:"
# then a verb in the past; German shares the lead-in's "hat", so a participle).
PHRASES: dict[str, tuple[str, ...]] = {
    "en": STANDARD_PHRASES,
    "fr": (
        "A pris note de",
        "S’est félicité de",
        "A adopté",
        "Est convenu de",
        "A décidé de",
        "A approuvé",
        "A invité",
        "A chargé le Secrétariat de",
        "A demandé",
    ),
    "de": (
        "Kenntnis genommen von",
        "Begrüßt, dass",
        "Die Tagesordnung angenommen.",
        "Vereinbart,",
        "Beschlossen,",
        "Gebilligt:",
        "Eingeladen:",
        "Das Sekretariat beauftragt,",
        "Ersucht:",
    ),
    "es": (
        "Tomó nota de",
        "Acogió con satisfacción",
        "Aprobó",
        "Acordó",
        "Decidió",
        "Invitó a",
        "Encargó a la Secretaría que",
        "Solicitó",
    ),
}

# The longest line start that still looks for a phrase: past it, no suggestion.
_MAX_PREFIX = 60


def phrase_list(own: Iterable[str] = (), language: str | None = None) -> list[str]:
    """The meeting's own phrases first (they win), then the standard ones of its
    language (None: English); no repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for phrase in [*own, *PHRASES.get(language or "en", STANDARD_PHRASES)]:
        phrase = " ".join(phrase.split())
        if phrase and phrase.casefold() not in seen:
            seen.add(phrase.casefold())
            out.append(phrase)
    return out


def matches(prefix: str, phrases: Sequence[str]) -> list[str]:
    """The phrases that ``prefix`` (what is typed at the start of the line) begins.

    Case does not matter, nor the kind of apostrophe ("S'est" finds "S’est"); a phrase
    already typed in full is not suggested again.
    """
    if len(prefix) > _MAX_PREFIX or prefix[:1].isspace():
        return []
    key = _key(prefix)
    return [p for p in phrases if _key(p).startswith(key) and len(p) > len(prefix)]


def _key(text: str) -> str:
    return text.replace("’", "'").casefold()


def completion(phrase: str) -> str:
    """The phrase as inserted: a space follows unless it ends a sentence."""
    return phrase if phrase.endswith((".", ":", ";")) else phrase + " "
