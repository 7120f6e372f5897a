"""Command palette providers: jump to any item by number or title words."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ItemsProvider(Provider):
    """Every agenda item, matched on its number and title."""

    async def search(self, query: str) -> Hits:
        app = self.app
        session = app.session  # type: ignore[attr-defined]
        matcher = self.matcher(query)
        for item in session.order:
            text = f"{item.number} {item.title}" if item.number else item.title
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(app.go_to_item, item.key),  # type: ignore[attr-defined]
                    help="go to this item",
                )

    async def discover(self) -> Hits:
        app = self.app
        session = app.session  # type: ignore[attr-defined]
        for item in session.order[:50]:
            text = f"{item.number} {item.title}" if item.number else item.title
            yield DiscoveryHit(text, partial(app.go_to_item, item.key), help="go to this item")
