"""The palette's search of the agenda items: Textual's fuzzy scores, made fast enough
for 20,000 items at every key.

Textual's ``FuzzySearch`` scores a title by trying every way the query's letters can be
picked out of it, in order, and keeping the best; a query of eight letters in a long
title has thousands of such ways (half a second for "Settings" over the 31 titles of the
28th meeting), and the palette asks again at each key. Here the same score (the same
float: hits of every provider are sorted together) comes from a pass over the title per
letter that keeps, for each place a letter can be, the best count of word starts for
each number of groups: what the score is made of. The highlighted letters come from
the same passes, run backwards (``match_offsets``).

And most items are not scored at all. For most queries a title holding the query whole
(its letters in one group) scores more than scattered letters can
(``scattered_ceiling``), and that score is cheap: when the best ``limit`` titles hold
the query whole at its best, no other one is looked at. Otherwise the scattered ones
are grouped by a bound on their score from what is cheap to see (how many of the
query's pairs of letters the title lacks: each is a gap; how many of its letters start
a word of the title), counted for all items at once on sets of items kept as ints, and
scored best bound first until no bound can beat the ``limit``-th score, at most
``SCATTERED_BUDGET`` distinct titles a key (``complete`` says whether it was reached):
past it the list holds the best of those scored (the first letters of a query scatter
over nearly every item of 20,000). The items' lowered texts are made once per outline
(the agenda as amended).

A key's search is made of steps (``ItemSearch.steps``) that pause every ``SLICE`` of
work: the palette lets the app run between them, and gives up the search of a key when
the next one comes, so that only the last key's search runs to its end. What a query
made is kept for the last ``KEPT_QUERIES`` queries whether its search ended or not (the
items holding its letters in order, each item's passes) and a query adding letters to
one carries it on: its candidates are the survivors of the longer query kept that
begins it, read one by one when they are few (``SPARSE``).

Longer than most modules: the score, its highlighted letters and the search that
decides which items to score read the same passes, and are tested together against
Textual's own matcher (tests/ui/test_item_search.py).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import repeat
from time import perf_counter

from ..core.agenda import Item
from .item_sets import Mask, add_one, counted, finish, kept, mask_of

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


def item_score(query: str, folded: str) -> float:
    """Textual's ``Matcher(query).match`` of ``folded`` (both lowered), from scratch."""
    done = _first_pass(folded, query[0])
    for offset in range(1, len(query)):
        if done is None:
            return 0.0
        done = _next_pass(folded, query[offset], offset, done)
    return fuzzy_score(query, folded, done)


def match_offsets(query: str, folded: str) -> list[int]:
    """The places Textual's ``FuzzySearch.match`` gives for ``query`` in ``folded`` (both
    lowered): of the placements with the best score, the first in order."""
    length = len(query)
    if not length:
        return []
    at = folded.find(query)
    if at >= 0:
        return list(range(at, at + length))
    letters: list[list[int]] = []
    start = 0
    for offset, letter in enumerate(query):
        positions = _positions(folded, letter, start, offset)
        if not positions:
            return []
        letters.append(positions)
        start = positions[0] + 1
    # ahead[k][place]: {groups: most word starts} of the letters k.. with letter k at place
    ahead: list[dict[int, dict[int, int]]] = [{} for _ in range(length)]
    ahead[-1] = {p: {1: word_start(folded, p)} for p in letters[-1]}
    for k in range(length - 2, -1, -1):
        after = sorted(ahead[k + 1].items())
        j = len(after)
        later: dict[int, int] = {}  # the best of the places at least two after
        for place in reversed(letters[k]):
            starts = word_start(folded, place)
            while j > 0 and after[j - 1][0] > place + 1:
                for groups, firsts in after[j - 1][1].items():
                    if later.get(groups, -1) < firsts:
                        later[groups] = firsts
                j -= 1
            here: dict[int, int] = {}
            for groups, firsts in later.items():  # a gap: one group more
                if here.get(groups + 1, -1) < firsts + starts:
                    here[groups + 1] = firsts + starts
            for groups, firsts in ahead[k + 1].get(place + 1, {}).items():  # the same group
                if here.get(groups, -1) < firsts + starts:
                    here[groups] = firsts + starts
            if here:
                ahead[k][place] = here
    best = max(_score(length, firsts, groups)
               for found in ahead[0].values() for groups, firsts in found.items())
    offsets: list[int] = []
    groups_so_far = firsts_so_far = 0
    for k in range(length):
        for place in sorted(ahead[k]):
            if offsets and place <= offsets[-1]:
                continue
            joined = 1 if offsets and place == offsets[-1] + 1 else 0
            if any(_score(length, firsts_so_far + firsts, groups_so_far + groups - joined)
                   == best for groups, firsts in ahead[k][place].items()):
                offsets.append(place)
                groups_so_far += 1 - joined
                firsts_so_far += word_start(folded, place)
                break
    return offsets


def _substring_score(query: str, folded: str, at: int) -> float:
    """Textual's score of a text holding the query whole, first found at ``at``."""
    length = len(query)
    firsts = sum(word_start(folded, offset) for offset in range(at, at + length))
    return _score(length, firsts, 1) * (2.0 if folded == query else 1.5)


def _word_after_gap(query: str) -> int:
    """How many letters of the query could start a word of a title right after the one
    before them in the same group: those after a character that ends words."""
    return sum(1 for k in range(1, len(query))
               if not _is_word(query[k - 1]) and _is_word(query[k]))


def _bound(length: int, fewest_groups: int, starts: int, joined_starts: int) -> float:
    """The best score a placement of ``fewest_groups`` groups or more can have when at
    most ``starts`` of its letters can start words: each group's first letter, and the
    letters after a non-word character of the query (``joined_starts``)."""
    return max(_score(length, min(groups + joined_starts, starts), groups)
               for groups in range(max(2, fewest_groups), length + 1))


def scattered_ceiling(query: str) -> float:
    """The best score the query's letters can have when they are not found together."""
    length = len(query)
    if length < 2:
        return 0.0
    return _bound(length, 2, sum(1 for c in query if _is_word(c)), _word_after_gap(query))


def _in_order(query: str) -> re.Pattern[str]:
    """Matches (from the start) a text holding the query's letters in order: where
    Textual's matcher gives a score. Possessive: linear in the text."""
    parts = [f"[^{re.escape(c)}]*+{re.escape(c)}" for c in query]
    return re.compile("".join(parts), re.DOTALL)


SCATTERED_BUDGET = 200  # distinct titles scored a key for their scattered letters, at most
SLICE = 0.002  # seconds of work between two pauses of a search (``ItemSearch.steps``)
SPARSE = 4  # a set of items of at most 1/SPARSE of them is read item by item

_NON_WORD = re.compile(r"[^\w\n]")  # what ends a word, as Textual's ``\w+`` reads it
Best = list[tuple[float, int]]  # (score, item index), best first
# A search that pauses (a bare ``yield``) between its slices of work; its value: Best.
Steps = Generator[None, None, Best]


class ItemSearch:
    """The items of one outline, folded once, and what their searches keep: the sets of
    the items holding a pair of letters, or a word starting with a letter; for the last
    queries, the items holding their letters in order and the passes made.

    What is kept is true of its query whatever came after: a search the palette
    cancelled (a key typed meanwhile) leaves what it made for the next one."""

    def __init__(self, order: Sequence[Item], text: Callable[[Item], str]) -> None:
        self.order = order
        self.texts = [text(item) for item in order]
        self.folded = [shown.lower() for shown in self.texts]
        self._all = (1 << len(self.folded)) - 1
        self._by_text: dict[str, list[int]] | None = None
        self._spaced: list[str] | None = None
        self._holding: dict[str, Mask] = {}  # a pair of letters: the items holding it
        self._starting: dict[str, Mask] = {}  # a letter: the items with a word of it
        self._in_order: dict[str, Mask] = {}  # a query: the items with its letters in order
        self._passes: dict[str, dict[int, _Pass | None]] = {}  # a query: the items' passes
        self.complete = True  # whether the last search scored every item that could count

    def prepare(self) -> None:
        """Make now what the first keys would make: the palette calls it once drawn,
        while the secretary reads it (some 0.1 s at 20,000 items)."""
        self._equal()
        self._spaced_texts()

    def _spaced_texts(self) -> list[str]:
        """Each text after a space, its non-word characters spaces: a word starts
        with a letter where a space comes before it."""
        if self._spaced is None:
            joined = "\n".join(self.folded)
            self._spaced = [" " + text for text in _NON_WORD.sub(" ", joined).split("\n")]
        return self._spaced

    def _indices(self, mask: Mask) -> Iterator[int]:
        """The items of ``mask``, in agenda order."""
        digits = format(mask, f"0{len(self.folded)}b")
        at = digits.find("1")
        while at >= 0:
            yield at
            at = digits.find("1", at + 1)

    def _select(self, test: str | Callable[[str], object], texts: list[str],
                among: Mask) -> Mask:
        """The items of ``among`` whose text holds ``test`` (a str) or passes it: every
        text tried by C code, or, when ``among`` holds few items, only theirs."""
        count = len(texts)
        if among.bit_count() * SPARSE > count:
            flags = (map(str.__contains__, texts, repeat(test)) if isinstance(test, str)
                     else map(test, texts))
            return mask_of(flags) & among
        check = partial(_holds, test) if isinstance(test, str) else test
        selected = bytearray(count)
        for index in self._indices(among):
            if check(texts[index]):
                selected[index] = 1
        return mask_of(selected)

    def _holding_mask(self, part: str, among: Mask) -> Mask:
        """The items of ``among`` holding ``part`` (a pair of letters): kept for all
        items, as the next keys and the next openings ask again, unless ``among`` is
        few of them (the last keys of a long query need not wait for all items)."""
        mask = self._holding.get(part)
        if mask is None:
            if among.bit_count() * SPARSE <= len(self.folded):
                return self._select(part, self.folded, among)
            if len(self._holding) > 4096:
                self._holding.clear()
            mask = self._holding[part] = mask_of(map(str.__contains__, self.folded,
                                                   repeat(part)))
        return mask & among

    def _starting_mask(self, letter: str, among: Mask) -> Mask:
        """The items of ``among`` with a word starting with ``letter`` (as above)."""
        mask = self._starting.get(letter)
        if mask is None:
            if among.bit_count() * SPARSE <= len(self.folded):
                return self._select(" " + letter, self._spaced_texts(), among)
            mask = self._starting[letter] = mask_of(map(str.__contains__, self._spaced_texts(),
                                                      repeat(" " + letter)))
        return mask & among

    def _in_order_mask(self, query: str) -> Mask:
        """The items holding the query's letters in order: among those holding the
        letters of the longest query kept that begins it (the previous key's)."""
        mask = self._in_order.get(query)
        if mask is None:
            among = next((self._in_order[query[:k]] for k in range(len(query) - 1, 0, -1)
                          if query[:k] in self._in_order), self._all)
            mask = self._select(_in_order(query).match, self.folded, among)
        return kept(self._in_order, query, mask)

    def _carried(self, query: str) -> tuple[int, dict[int, _Pass | None]]:
        """The passes of the longest query kept that begins ``query``, and its length."""
        for k in range(len(query) - 1, 0, -1):
            before = self._passes.get(query[:k])
            if before is not None:
                return k, before
        return 0, {}

    def _equal(self) -> dict[str, list[int]]:
        """The items by their whole lowered text (a title typed whole scores more)."""
        if self._by_text is None:
            self._by_text = {}
            for index, folded in enumerate(self.folded):
                self._by_text.setdefault(folded, []).append(index)
        return self._by_text

    def best(self, query: str, limit: int,
             skip: Callable[[int], bool] = lambda _index: False) -> Best:
        """The ``limit`` best (score, item index) for ``query``, best first, in agenda
        order among equals: the scores Textual's matcher gives, of every item that can
        be among them when ``complete`` is left true."""
        return finish(self.steps(query, limit, skip))

    def steps(self, query: str, limit: int,
              skip: Callable[[int], bool] = lambda _index: False) -> Steps:
        """``best``, pausing (a bare ``yield``) about every ``SLICE`` seconds of work:
        the palette lets the app run between the steps and gives the search up when
        the next key comes (at 20,000 items a key costs some 30 ms, the keys came 50 ms
        apart, and each search ran to its end: the list trailed the typing by keys)."""
        folded_query = query.lower()
        self.complete = True
        if not folded_query or limit <= 0:
            return []
        folded, length = self.folded, len(folded_query)
        ceiling = scattered_ceiling(folded_query)
        # The best a title holding the query whole (but not only it) can score: once
        # ``limit`` titles have it, the later ones can only tie, and ties go to the first.
        cap = _score(length, sum(1 for k, c in enumerate(folded_query) if _is_word(c) and (
            k == 0 or not _is_word(folded_query[k - 1]))), 1) * 1.5
        enough = cap > ceiling
        equal = [(_substring_score(folded_query, folded_query, 0), -index)
                 for index in self._equal().get(folded_query, ()) if not skip(index)]
        in_order = self._in_order_mask(folded_query)
        yield
        whole = in_order if length == 1 else self._select(folded_query, folded, in_order)
        yield
        hits = list(equal)  # (score, -index)
        at_cap = 0
        pause = perf_counter() + SLICE
        for index in self._indices(whole):
            if skip(index) or folded[index] == folded_query:
                continue
            score = _substring_score(folded_query, folded[index],
                                     folded[index].find(folded_query))
            hits.append((score, -index))
            if score >= cap and enough:
                at_cap += 1
                if at_cap >= limit:
                    break
            if perf_counter() > pause:
                yield
                pause = perf_counter() + SLICE
        top = heapq.nsmallest(limit, hits, key=lambda hit: (-hit[0], -hit[1]))
        if length > 1 and (len(top) < limit or top[-1][0] <= ceiling):
            top = yield from self._with_scattered(folded_query, in_order & ~whole, top,
                                                  limit, skip)
        return [(score, -negative) for score, negative in top]

    def _with_scattered(self, query: str, among: Mask, top: list[tuple[float, int]],
                        limit: int, skip: Callable[[int], bool]
                        ) -> Generator[None, None, list[tuple[float, int]]]:
        """``top`` with the items of ``among`` (holding the query's letters apart) that
        beat it, best bound first."""
        length, folded = len(query), self.folded
        if not among:
            return top
        present: list[Mask] = []  # how many of the query's pairs of letters each holds
        for k in range(length - 1):
            add_one(present, self._holding_mask(query[k:k + 2], among))
            yield
        starts: list[Mask] = []  # how many of its letters start a word of it
        for letter in query:
            if _is_word(letter):
                add_one(starts, self._starting_mask(letter, among))
                yield
        joined = _word_after_gap(query)
        groups_of = sorted(((_bound(length, length - pairs, firsts, joined), pairs, firsts)
                            for pairs in range(length) for firsts in range(length + 1)),
                           reverse=True)
        heap = list(top)  # the best so far: (score, -index), the worst first
        heapq.heapify(heap)
        # The items' passes of a query this one adds letters to, carried on; the
        # scores by what of a title counts: from the query's first letter (and
        # whether a word starts there), for the titles repeated under other numbers.
        carried, before = self._carried(query)
        passes = kept(self._passes, query, self._passes.get(query, {}))
        scores: dict[tuple[bool, str], float] = {}
        pause = perf_counter() + SLICE
        for bound, pairs, firsts in groups_of:
            if len(heap) >= limit and bound < heap[0][0]:
                break
            group = counted(starts, firsts, counted(present, pairs, among))
            if not group:
                continue
            for index in self._indices(group):
                if len(heap) >= limit and (bound, -index) < heap[0]:
                    break
                if skip(index):
                    continue
                text = folded[index]
                at = text.find(query[0])
                key = (at == 0 or not _is_word(text[at - 1]), text[at:])
                score = scores.get(key)
                if score is None:
                    if len(scores) >= SCATTERED_BUDGET:
                        self.complete = False
                        return sorted(heap, reverse=True)
                    done = passes.get(index, _NOT_SCORED)
                    if done is _NOT_SCORED:
                        done, start = before.get(index, _NOT_SCORED), carried
                        if done is _NOT_SCORED:
                            done, start = _first_pass(text, query[0]), 1
                        for offset in range(start, length):
                            if done is None:
                                break
                            done = _next_pass(text, query[offset], offset, done)
                        passes[index] = done
                    score = scores[key] = fuzzy_score(query, text, done)
                    if perf_counter() > pause:
                        yield
                        pause = perf_counter() + SLICE
                hit = (score, -index)
                if len(heap) < limit:
                    heapq.heappush(heap, hit)
                elif hit > heap[0]:
                    heapq.heapreplace(heap, hit)
        return sorted(heap, reverse=True)


def _holds(part: str, text: str) -> bool:
    return part in text


_NOT_SCORED = _Pass(-1, [])
