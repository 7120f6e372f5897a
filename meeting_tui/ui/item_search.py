"""The palette's search of the agenda items: Textual's fuzzy scores, made fast enough
for 20,000 items at every key.

Textual's ``FuzzySearch`` scores a title by trying every way the query's letters can be
picked out of it, in order, and keeping the best; a query of eight letters in a long
title has thousands of such ways, and the palette asks again for every item at each
key: at 20,000 items "Settings" took seconds, while the list showed the hits of an
earlier key. Here the same score (the same float: hits of every provider are sorted
together) comes from a pass over the title per letter that keeps, for each place a
letter can be, the best count of word starts for each number of groups: what the score
is made of. Each item's pass for a query is kept, so the next key, which mostly adds a
letter, costs one more pass, over the items still matching. The items' folded texts are
made once per outline (the agenda as amended), not once per key.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..core.agenda import Item

# For each place a letter of the query can be (ascending): {groups: most word starts}.
States = list[tuple[int, dict[int, int]]]


@dataclass(frozen=True)
class _Pass:
    """One item's pass for a query: where the last letter's search began (Textual's
    ``positions[0]``), and the states there."""

    first: int
    states: States


def _positions(folded: str, letter: str, start: int, offset: int) -> list[int]:
    """Where ``letter`` (the query's ``offset``-th) may be, as Textual looks for it."""
    last_index = len(folded) - offset
    positions: list[int] = []
    index = start
    while (location := folded.find(letter, index)) != -1:
        positions.append(location)
        index = location + 1
        if index >= last_index:
            break
    return positions


def _is_word(char: str) -> bool:
    """What ``\\w`` matches in a str pattern (str.isalnum is its test, with "_")."""
    return char.isalnum() or char == "_"


def word_start(folded: str, at: int) -> int:
    """1 if a word begins at ``at`` (where Textual's ``\\w+`` finds one), else 0."""
    return 1 if _is_word(folded[at]) and (at == 0 or not _is_word(folded[at - 1])) else 0


def _first_pass(folded: str, letter: str) -> _Pass | None:
    positions = _positions(folded, letter, 0, 0)
    if not positions:
        return None
    return _Pass(positions[0], [(p, {1: word_start(folded, p)}) for p in positions])


def _next_pass(folded: str, letter: str, offset: int, before: _Pass) -> _Pass | None:
    positions = _positions(folded, letter, before.first + 1, offset)
    if not positions:
        return None
    previous = before.states
    count = len(previous)
    behind: dict[int, int] = {}  # the best of the places at least two before
    states: States = []
    j = 0
    for place in positions:
        starts = word_start(folded, place)
        while j < count and previous[j][0] < place - 1:
            for groups, firsts in previous[j][1].items():
                if behind.get(groups, -1) < firsts:
                    behind[groups] = firsts
            j += 1
        here: dict[int, int] = {}
        for groups, firsts in behind.items():  # a gap: one group more
            if here.get(groups + 1, -1) < firsts + starts:
                here[groups + 1] = firsts + starts
        if j < count and previous[j][0] == place - 1:  # right after: the same group
            for groups, firsts in previous[j][1].items():
                if here.get(groups, -1) < firsts + starts:
                    here[groups] = firsts + starts
        if here:
            states.append((place, here))
    return _Pass(positions[0], states) if states else None


def _score(length: int, firsts: int, groups: int) -> float:
    """Textual's ``FuzzySearch.score``, from what it counts, in its order of operations."""
    score: float = length + firsts
    normalized_groups = (length - (groups - 1)) / length
    score *= 1 + (normalized_groups * normalized_groups)
    return score


def fuzzy_score(query: str, folded: str, done: _Pass | None) -> float:
    """Textual's ``Matcher(query).match`` of a text (``folded``: lowered) whose pass for
    the whole (lowered) ``query`` is ``done``."""
    if done is None:
        return 0.0
    length = len(query)
    if query in folded:  # Textual's quick exit: the first place it is found
        at = folded.find(query)
        firsts = sum(word_start(folded, offset) for offset in range(at, at + length))
        return _score(length, firsts, 1) * (2.0 if folded == query else 1.5)
    return max(_score(length, firsts, groups)
               for _place, best in done.states for groups, firsts in best.items())


class ItemSearch:
    """The items of one outline, folded once; the passes of the last query kept."""

    def __init__(self, order: Sequence[Item], text: Callable[[Item], str]) -> None:
        self.order = order
        self.texts = [text(item) for item in order]
        self.folded = [shown.lower() for shown in self.texts]
        self._query = ""
        self._passes: dict[int, _Pass] = {}  # item index: its pass, while it matches

    def _passes_for(self, query: str) -> dict[int, _Pass]:
        if self._query and query.startswith(self._query):
            done, passes = len(self._query), self._passes
        else:
            done, passes = 1, {}
            for index, folded in enumerate(self.folded):
                first = _first_pass(folded, query[0])
                if first is not None:
                    passes[index] = first
        for offset in range(done, len(query)):
            letter, after = query[offset], {}
            for index, before in passes.items():
                found = _next_pass(self.folded[index], letter, offset, before)
                if found is not None:
                    after[index] = found
            passes = after
        self._query, self._passes = query, passes
        return passes

    def best(self, query: str, limit: int,
             skip: Callable[[int], bool] = lambda _index: False) -> list[tuple[float, int]]:
        """The ``limit`` best (score, item index) for ``query``, best first, in agenda
        order among equals: the scores Textual's matcher gives."""
        folded_query = query.lower()
        if not folded_query:
            return []
        passes = self._passes_for(folded_query)
        scored = ((fuzzy_score(folded_query, self.folded[index], done), -index)
                  for index, done in passes.items() if not skip(index))
        return [(score, -negative)
                for score, negative in heapq.nlargest(limit, scored)]
