"""Command palette providers: jump to any item by number or title words."""

from __future__ import annotations

from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ..core.session import Session


class Meeting(Protocol):
    """What the provider uses of the app (MeetingApp)."""

    session: Session

    def go_to_item(self, key: str) -> None: ...


class ItemsProvider(Provider):
    """Every agenda item, matched on its number and title."""

    @property
    def meeting(self) -> Meeting:
        return cast(Meeting, self.app)

    async def search(self, query: str) -> Hits:
        app = self.meeting
        matcher = self.matcher(query)
        for item in app.session.order:
            text = f"{item.number} {item.title}" if item.number else item.title
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(app.go_to_item, item.key),
                    help="go to this item",
                )

    async def discover(self) -> Hits:
        app = self.meeting
        for item in app.session.order[:50]:
            text = f"{item.number} {item.title}" if item.number else item.title
            yield DiscoveryHit(text, partial(app.go_to_item, item.key), help="go to this item")
