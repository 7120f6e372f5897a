"""Command palette providers: jump to any item by number or title words.

A title is data: Textual's ``Matcher.highlight`` and a plain-string hit read markup
(``[/b]`` in a title would stop the palette), so the hits are ``Content`` made here,
with the title's controls visible.
"""

from __future__ import annotations

from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from ..core.agenda import Item
from ..core.printable import printable
from ..core.session import Session


class Meeting(Protocol):
    """What the provider uses of the app (MeetingApp)."""

    session: Session

    def go_to_item(self, key: str) -> None: ...


def item_text(item: Item) -> str:
    """What the palette shows and matches of an item: its number and title."""
    return printable(f"{item.number} {item.title}" if item.number else item.title)


def highlighted(matcher: Matcher, text: str) -> Content:
    """``text`` with the matched letters highlighted, as ``Matcher.highlight`` does
    but without reading markup in it."""
    content = Content(text)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class ItemsProvider(Provider):
    """Every agenda item, matched on its number and title."""

    @property
    def meeting(self) -> Meeting:
        return cast(Meeting, self.app)

    async def search(self, query: str) -> Hits:
        app = self.meeting
        matcher = self.matcher(query)
        for item in app.session.order:
            text = item_text(item)
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, text),
                    partial(app.go_to_item, item.key),
                    help="go to this item",
                    text=text,
                )

    async def discover(self) -> Hits:
        app = self.meeting
        for item in app.session.order[:50]:
            text = item_text(item)
            yield DiscoveryHit(Content(text), partial(app.go_to_item, item.key),
                               help="go to this item", text=text)
