"""Text as word processors leave it, made plain: one kind of line end, one kind of space."""

from __future__ import annotations

# Characters that look like spaces or nothing at all in a word processor. Every
# Unicode space (no-break, thin, em, ideographic, ...) becomes a plain space, and so do
# the vertical tab and form feed Word leaves for manual line and page breaks: after
# normalize() the only whitespace left is " ", "\t" and "\n".
_SPACES = "".join(
    ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch not in " \t\n\r"
)
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_REPLACEMENTS = tuple((ch, " ") for ch in _SPACES) + tuple((ch, "") for ch in _INVISIBLE)


def normalize(text: str) -> str:
    """Unify line endings and replace look-alike spaces; tabs stay for indentation."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for char, replacement in _REPLACEMENTS:
        if char in text:  # faster than str.translate or re.sub on a long text
            text = text.replace(char, replacement)
    return text


def squash(text: str) -> str:
    """Runs of spaces and tabs to one space, none at the ends (``text`` is normalized)."""
    if "  " in text or "\t" in text or text[:1] == " " or text[-1:] == " ":
        return " ".join(text.split())
    return text
