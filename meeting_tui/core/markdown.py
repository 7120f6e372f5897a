"""Markdown agendas read as CommonMark renders them.

A working group's agenda in a wiki, an issue or a README is Markdown: its reader sees
the rendered list, so that is what the tree shows. An ordered list's numbers after
the first are disregarded (``1.`` ``1.`` ``1.`` renders 1, 2, 3), emphasis, code spans
and links are reduced to their text, and a heading that merely labels the list
("## Topics" over every item) is part of the header, not an item.
"""

from __future__ import annotations

import re
from functools import cache

from .numbering import Line, Number


@cache  # compiled on first use (as in ``printable``): most agendas are not Markdown
def _inline() -> tuple[re.Pattern[str], ...]:
    """The inline marks, in the order ``plain`` takes them off: links, code, strong,
    emphasis, escapes."""
    return (
        re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"),
        re.compile(r"`+([^`\n]+?)`+"),
        re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"),
        re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"
                   r"|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"),
        re.compile(r"\\([!-/:-@\[-`{-~])"),
    )


@cache
def _marks() -> re.Pattern[str]:
    return re.compile(r"\[[^\]\n]*\]\(|\*\*|__|`|^#{1,6}\s", re.MULTILINE)


def looks_like_markdown(text: str, source: str = "") -> bool:
    """A .md file, or text with Markdown's headings, links, strong emphasis or code."""
    if source.lower().endswith((".md", ".markdown")):
        return True
    # Most text agendas have none of the marks: no need for the regular expression. A
    # search for one character is much quicker than for two: it goes first.
    if not (("]" in text and "](" in text) or ("*" in text and "**" in text)
            or ("_" in text and "__" in text) or "`" in text or "#" in text):
        return False
    return _marks().search(text) is not None


def plain(text: str) -> str:
    """Inline Markdown reduced to the text a reader sees."""
    if not any(mark in text for mark in "[*_`\\"):
        return text
    link, code, strong, emphasis, escape = _inline()
    text = link.sub(r"\1", text)
    text = code.sub(r"\1", text)
    text = strong.sub(r"\2", text)
    text = emphasis.sub(lambda m: m.group(1) or m.group(2), text)
    return escape.sub(r"\1", text)


def renumber(nodes: list[Line]) -> None:
    """Each run of one-part decimal items among siblings numbered from its first, as
    CommonMark renders an ordered list; deeper lists in turn."""
    run_style = None
    value = 0
    for node in nodes:
        number = node.number
        if number is None or len(number.parts) != 1 or not number.parts[0].isdigit():
            run_style = None
        elif number.style != run_style:
            run_style, value = number.style, int(number.parts[0])
        else:
            value += 1
            text = str(value)
            node.number = Number(text, (text,), number.style, ((number.style, value),))
        if node.children:
            renumber(node.children)
