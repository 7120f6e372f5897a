"""Command palette providers: jump to any item by number or title words, or to a
decision by words of its text; the items a decision can be moved to (``m``).

A title is data: Textual's ``Matcher.highlight``, a plain-string hit and a hit's
``help`` read markup (``[/b]`` in a title would stop the palette), so the hits are
``Content`` made here, with the title's controls visible, and never carry user text in
``help``. The app's commands too (``CommandsProvider``): their two lines are made here
as plain text, once per command.

Some 400 lines: the palette's providers (the items, the app's commands, the decisions,
the items a decision moves to) share the making of their hits and the pauses of their
searches.
"""

from __future__ import annotations

import asyncio
import heapq
import weakref
from collections.abc import Callable, Generator, Iterable
from contextlib import suppress
from functools import partial
from time import perf_counter
from typing import Any, Protocol, TypeVar, cast

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content, Span
from textual.screen import Screen
from textual.style import Style
from textual.system_commands import SystemCommandsProvider
from textual.worker import NoActiveWorker, get_current_worker

from ..core.agenda import Item
from ..core.list_numbers import list_numbers
from ..core.printable import printable, printable_line
from ..core.session import Decision, Session
from .item_search import SLICE, ItemSearch, match_offsets

Result = TypeVar("Result")


class Meeting(Protocol):
    """What the provider uses of the app (MeetingApp)."""

    session: Session

    def go_to_item(self, key: str) -> None: ...

    def go_to_decision(self, key: str, decision_id: int) -> None: ...


def item_text(item: Item) -> str:
    """What the palette shows and matches of an item: its number and title."""
    return printable(f"{item.number} {item.title}" if item.number else item.title)


def highlighted(matcher: Matcher, text: str, folded: str | None = None) -> Content:
    """``text`` with the matched letters highlighted, as ``Matcher.highlight`` does
    but without reading markup in it, and without trying every way the letters fit
    (Textual's ``FuzzySearch.match`` took half a second for "Settings" over the 31
    titles of a real agenda): the same letters, from ui/item_search.py."""
    style = matcher.match_style
    if not style:
        return Content(text)
    spans: list[Span] = []  # a span a run of letters (Textual's: one a letter)
    for offset in match_offsets(matcher.query.lower(), text.lower() if folded is None
                                else folded):
        if offset < len(text) and not text[offset].isspace():
            if spans and spans[-1].end == offset:
                spans[-1] = Span(spans[-1].start, offset + 1, style)
            else:
                spans.append(Span(offset, offset + 1, style))
    return Content(text, spans)


def abandoned() -> bool:
    """Whether the palette has given up the search this task makes: its worker (the
    task's context is the worker's) was cancelled, another key having been typed.

    Textual cancels the providers' tasks too, but not always: a cancellation that
    comes while another provider's hits are being taken is lost in ``wait_for``, and
    the worker leaves its search without cancelling them. Each key's search then ran
    to its end (at 20,000 items some 30 ms each, 50 ms apart: the list trailed the
    typing by a few keys)."""
    try:
        return get_current_worker().is_cancelled
    except NoActiveWorker:
        return False


class Abandoned(Exception):
    """The palette gave up the search (``abandoned``): its provider makes no hits."""


async def finished(steps: Generator[None, None, Result]) -> Result:
    """The value of a search made of steps, the app running between them (a key typed
    is read meanwhile); ``Abandoned`` once the palette has given the search up."""
    while True:
        try:
            next(steps)
        except StopIteration as stop:
            return cast(Result, stop.value)
        await asyncio.sleep(0)
        if abandoned():
            raise Abandoned


class Pauses:
    """A pause (``await pauses()``) once every ``SLICE`` seconds of work, for the loops
    that make the hits; ``Abandoned`` once the palette has given the search up."""

    def __init__(self) -> None:
        self.due = perf_counter() + SLICE

    async def __call__(self) -> None:
        if perf_counter() > self.due:
            await asyncio.sleep(0)
            if abandoned():
                raise Abandoned
            self.due = perf_counter() + SLICE


# The best items for what is typed, under the commands that match: the palette shows
# some 14 hits at 120x40, and typing on narrows the list. Each hit is highlighted,
# measured and laid out by the palette before its list is drawn: at 20,000 items the
# 50 hits of before cost some 25 ms of the last key's 80 ms CPU.
ITEM_HITS = 20
DISCOVERED_ITEMS = 5  # listed before anything is typed
PREPARE_AFTER = 0.1  # seconds after the palette lists: its frame is drawn by then

# One search per session, kept between palette openings while its outline (the agenda
# as amended) is the same: the items' texts are folded once, not at each opening.
_SEARCHES: weakref.WeakKeyDictionary[Session, ItemSearch] = weakref.WeakKeyDictionary()


def item_search(session: Session) -> ItemSearch:
    search = _SEARCHES.get(session)
    if search is None or search.order is not session.order:
        search = _SEARCHES[session] = ItemSearch(session.order, item_text)
    return search


class ItemsProvider(Provider):
    """Every agenda item, matched on its number and title; the best ``ITEM_HITS``.

    The scores are Textual's matcher's (ui/item_search.py computes them without
    trying every way the letters fit, and scores only the items that can be among the
    best), and only the best hits are made: at 20,000 items each key made a hit of
    every item with the letters typed, and the palette a line of each."""

    @property
    def meeting(self) -> Meeting:
        return cast(Meeting, self.app)

    async def search(self, query: str) -> Hits:
        app = self.meeting
        matcher = self.matcher(query)
        search = item_search(app.session)
        order = search.order
        pause = Pauses()
        with suppress(Abandoned):
            for score, index in await finished(search.steps(query, ITEM_HITS)):
                await pause()
                text = search.texts[index]
                yield Hit(
                    score,
                    highlighted(matcher, text, search.folded[index]),
                    partial(app.go_to_item, order[index].key),
                    help="go to this item",
                    text=text,
                )

    async def discover(self) -> Hits:
        """Before anything is typed: the selected item and the few after it, under the
        commands. The palette measures and draws every line it lists when it opens, and
        the first 50 items, each of two lines, made it twice as slow to open as a bare
        one; an item is found by typing, a command by reading the list."""
        app = self.meeting
        session = app.session
        order = session.order
        at = session.outline.index.get(session.selected or "", 0) if order else 0
        for item in order[at:at + DISCOVERED_ITEMS]:
            text = item_text(item)
            yield DiscoveryHit(Content(text), partial(app.go_to_item, item.key),
                               help="go to this item", text=text)

    def listed(self) -> None:
        """The palette has listed its first hits (``screens.dialog.Palette``): the items'
        texts and index made once it is drawn, not on the first key (some 25 ms at
        5,000 items, 0.15 s at 20,000)."""
        session = self.meeting.session
        self.app.set_timer(PREPARE_AFTER, lambda: item_search(session).prepare())


# ---------------------------------------------------------------- the app's commands

PROMPTS_KEPT = 1024  # the commands' two-line prompts kept (a meeting has some 70)
_PROMPTS: dict[tuple[str, str, Style], Content] = {}


def help_style(app: Any) -> Style:
    """The palette's style of a command's help, as Textual's palette applies it."""
    screen = app.screen
    if isinstance(screen, CommandPalette):
        return Style.from_styles(screen.get_component_styles("command-palette--help-text"))
    return Style()


def command_prompt(title: Content | str, help_: str, style: Style) -> Content:
    """A command's lines: its title, then its help in ``style`` (as Textual's palette
    makes them, but neither read as markup)."""
    first = title if isinstance(title, Content) else Content(title)
    if not help_:
        return first
    return Content("\n").join([first, Content(help_).stylize_before(style)])


def listed_prompt(title: str, help_: str, style: Style) -> Content:
    """``command_prompt`` of a command as listed before anything is typed, kept: the
    palette lists the same commands at each opening, and a prompt keeps its measured
    height."""
    key = (title, help_, style)
    prompt = _PROMPTS.get(key)
    if prompt is None:
        if len(_PROMPTS) >= PROMPTS_KEPT:
            _PROMPTS.clear()
        prompt = _PROMPTS[key] = command_prompt(title, help_, style)
    return prompt


class CommandsProvider(Provider):
    """The app's commands (``App.get_system_commands``), in place of Textual's
    ``SystemCommandsProvider``, with its scores, its order and its letters highlighted.

    Textual's palette reads a hit's title and help as markup: a key in capitals at the
    end of a help ("[C]") was read as a style and not shown (escaping leaves capitals:
    Textual's and Rich's ``escape`` only escape a bracket before a small letter), each
    such key sent Textual through difflib for a colour of that name (some 5 ms of an
    opening), and a help holding a file's name read it as markup. Here the two lines
    are ``Content`` of the plain text, which the palette takes as it is."""

    async def discover(self) -> Hits:
        style = help_style(self.app)
        commands = sorted(self.app.get_system_commands(self.screen),
                          key=lambda command: command[0])
        for title, help_, callback, discover in commands:
            if discover:
                yield DiscoveryHit(listed_prompt(title, help_, style), callback, text=title)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        style = help_style(self.app)
        for title, help_, callback, *_ in self.app.get_system_commands(self.screen):
            if (score := matcher.match(title)) > 0:
                yield Hit(score, command_prompt(highlighted(matcher, title), help_, style),
                          callback, text=title)


def with_commands(classes: Iterable[type[Provider]]) -> set[type[Provider]]:
    """The palette's providers, ``CommandsProvider`` in place of Textual's."""
    return {CommandsProvider if provider is SystemCommandsProvider else provider
            for provider in classes}


# ---------------------------------------------------------------- decisions' text

DECISION_HITS = 40  # the best ones: more would only be scrolled past
EXCERPT = 72  # characters of a decision shown around the words found
BEFORE = 16  # of them before the first word found


def excerpt(text: str, words: list[str], style: Style | str = "reverse") -> Content:
    """One line of the decision around the first word found, the words highlighted
    (where folding the case keeps the length, so that offsets agree)."""
    line = printable_line(text)
    folded = line.casefold()
    aligned = len(folded) == len(line)
    first = min((i for w in words if (i := folded.find(w)) >= 0), default=0)
    start = max(0, first - BEFORE) if len(line) > EXCERPT else 0
    end = min(len(line), start + EXCERPT)
    shown = ("…" if start else "") + line[start:end] + ("…" if end < len(line) else "")
    content = Content(shown)
    if aligned:
        shift = (1 if start else 0) - start
        for word in words:
            at = folded.find(word, start)
            while at >= 0 and at + len(word) <= end:
                content = content.stylize(style, at + shift, at + shift + len(word))
                at = folded.find(word, at + len(word))
    return content


def decision_score(folded: str, words: list[str], phrase: str) -> float:
    """0 unless every word is in the text. Otherwise on the scale of the palette's fuzzy
    scores of items and commands (Textual's ``FuzzySearch.score``: a point a letter and
    one a word start, doubled at most as the letters make fewer groups, half as much
    again for a substring), as if each word were a group, or the phrase typed one:
    hits of every provider are sorted together, and a decision with the words typed
    must not come after a title where their letters are scattered."""
    if not all(word in folded for word in words):
        return 0.0
    letters = sum(len(word) for word in words)
    starts = sum(1 for w in words if folded.startswith(w) or f" {w}" in folded)
    groups = 1 if phrase in folded else len(words)
    together = (letters - (groups - 1)) / letters
    return (letters + starts) * (1 + together * together) * 1.5


def find_decisions(session: Session, query: str, fold: Callable[[Decision], str],
                   limit: int = DECISION_HITS) -> list[tuple[float, Item, Decision]]:
    """The decisions whose text has every word of ``query``, best first (in agenda
    order among equals), at most ``limit``; ``fold`` gives a decision's folded text."""
    words = query.casefold().split()
    if not words:
        return []
    phrase = " ".join(words)
    found: list[tuple[float, int, Item, Decision]] = []
    index_of, order = session.outline.index, session.order
    # The items with a state, not every item: at 20,000 items, with no decision, a key
    # spent 15 ms looking at each.
    for key, state in session.states.items():
        index = index_of.get(key)
        if index is None or not state.decisions:
            continue
        for decision in state.decisions:
            score = decision_score(fold(decision), words, phrase)
            if score:
                found.append((score, -index, order[index], decision))
    best = heapq.nlargest(limit, found, key=lambda hit: hit[:2])
    return [(score, item, decision) for score, _index, item, decision in best]


class Folded:
    """Decisions' texts with their case folded, kept while their text is the same: the
    palette searches again at each key."""

    def __init__(self) -> None:
        self._texts: dict[int, tuple[str, str]] = {}  # id: (text, folded)

    def __call__(self, decision: Decision) -> str:
        cached = self._texts.get(decision.id)
        if cached is None or cached[0] is not decision.text:
            cached = self._texts[decision.id] = (decision.text, decision.text.casefold())
        return cached[1]


class DecisionsProvider(Provider):
    """Every decision, matched on the words of its text (all of them, in any order, case
    ignored): choosing one selects its item and highlights it in the list.

    Words, not fuzzy letters: scattered letters are found in almost any decision of a
    few lines. The folded texts are kept while the palette is open: at 5,000 decisions
    of 500 characters the first search takes some 50 ms (folding them), the next ones
    20 to 40 ms (tests/ui/test_decision_moves.py)."""

    def __init__(self, screen: Screen[Any], match_style: Style | None = None) -> None:
        super().__init__(screen, match_style)
        self.folded = Folded()

    @property
    def meeting(self) -> Meeting:
        return cast(Meeting, self.app)

    async def search(self, query: str) -> Hits:
        session = self.meeting.session
        words = query.casefold().split()
        numbers: dict[str, dict[int, int]] = {}
        for score, item, decision in find_decisions(session, query, self.folded):
            if item.key not in numbers:
                numbers[item.key] = list_numbers(session, item.key)
            number = numbers[item.key].get(decision.id)
            where = Content.assemble(
                (f"decision {number}" if number is not None else "draft", "bold"),
                f" · {item_text(item)}").stylize("dim")
            shown = excerpt(decision.text, words, self.match_style or "reverse")
            yield Hit(score, Content("\n").join([shown, where]),
                      partial(self.meeting.go_to_decision, item.key, decision.id),
                      text=printable_line(decision.text))


# ---------------------------------------------------------------- moving a decision

def move_targets(session: Session, source: str,
                 move_to: Callable[[str], None]) -> type[Provider]:
    """A provider of the items a decision of ``source`` can be moved to (every item but
    its own), for the palette ``m`` opens; choosing one calls ``move_to`` with its key.
    Before anything is typed it lists the items around ``source``: a decision is most
    often written under the item before or after the one it belongs to."""

    class MoveTargets(Provider):
        async def search(self, query: str) -> Hits:
            matcher = self.matcher(query)
            search = item_search(session)
            order = search.order
            pause = Pauses()
            with suppress(Abandoned):
                for score, index in await finished(search.steps(
                        query, ITEM_HITS, lambda index: order[index].key == source)):
                    await pause()
                    text = search.texts[index]
                    yield Hit(score, highlighted(matcher, text, search.folded[index]),
                              partial(move_to, order[index].key),
                              help="move the decision here", text=text)

        async def discover(self) -> Hits:
            order = session.order
            at = session.outline.index.get(source, 0)
            for item in order[max(0, at - 10):at + 11]:
                if item.key != source:
                    text = item_text(item)
                    yield DiscoveryHit(Content(text), partial(move_to, item.key),
                                       help="move the decision here", text=text)

    return MoveTargets
