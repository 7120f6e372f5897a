"""The palette's item search gives Textual's fuzzy scores (the hits of every provider are
sorted together), the best first, and carries its work from one key to the next."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.fuzzy import Matcher

from meeting_tui.core.parser import parse_agenda
from meeting_tui.ui.item_search import ItemSearch
from meeting_tui.ui.providers import item_text

# Few letters, spaces and punctuation: many ways for a query's letters to fit.
LETTERS = st.text(alphabet="aAbeéstn .-2_", min_size=1, max_size=40)
QUERIES = st.text(alphabet="abestn .-2", min_size=1, max_size=8)



def search_of(titles: list[str]) -> ItemSearch:
    return ItemSearch(titles, lambda title: title)  # type: ignore[arg-type]


def textual_best(titles: list[str], query: str, limit: int) -> list[tuple[float, int]]:
    matcher = Matcher(query)
    scored = [(matcher.match(title), -index) for index, title in enumerate(titles)]
    ranked = sorted((hit for hit in scored if hit[0] > 0), reverse=True)[:limit]
    return [(score, -negative) for score, negative in ranked]


@settings(max_examples=300, deadline=None)
@given(st.lists(LETTERS, min_size=1, max_size=12), QUERIES)
def test_the_scores_are_textuals(titles: list[str], query: str) -> None:
    assert search_of(titles).best(query, 100) == textual_best(titles, query, 100)


@settings(max_examples=150, deadline=None)
@given(st.lists(LETTERS, min_size=1, max_size=12), QUERIES, QUERIES)
def test_a_key_after_another_gives_what_a_fresh_search_gives(titles, first, more) -> None:
    """Typing on (the work carried over), then back to another query (started again)."""
    search = search_of(titles)
    for query in (first[:1], first, first + more, more):
        assert search.best(query, 5) == textual_best(titles, query, 5)


def test_the_best_only_and_in_agenda_order_among_equals() -> None:
    agenda = parse_agenda("Meeting\n\n" + "".join(f"{n}. Budget {n}\n" for n in range(1, 30)))
    search = ItemSearch(list(agenda.walk()), item_text)
    best = search.best("budget", 10)
    assert len(best) == 10
    assert [index for _score, index in best] == sorted(index for _score, index in best)
    assert search.best("", 10) == [] and search.best("zzz", 10) == []
