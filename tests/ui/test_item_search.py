"""The palette's item search gives Textual's fuzzy scores (the hits of every provider are
sorted together) and highlights Textual's letters, the best first, and carries its work
from one key to the next; past its budget of scattered matches a key lists the best of
those it scored, each with Textual's own score; at 20,000 items the Settings commands
still come first."""

from __future__ import annotations

import asyncio
import time

from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events
from textual.command import CommandPalette
from textual.fuzzy import FuzzySearch, Matcher
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from meeting_tui.core.parser import parse_agenda
from meeting_tui.ui import item_search as item_search_module
from meeting_tui.ui.commands import SETTING_COMMANDS
from meeting_tui.ui.item_search import ItemSearch, match_offsets
from meeting_tui.ui.providers import ITEM_HITS, item_text

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


@settings(max_examples=300, deadline=None)
@given(LETTERS, QUERIES)
def test_the_letters_highlighted_are_textuals(title: str, query: str) -> None:
    _score, offsets = FuzzySearch().match(query, title)
    assert match_offsets(query.lower(), title.lower()) == list(offsets)


@settings(max_examples=300, deadline=None)
@given(LETTERS, QUERIES)
def test_a_hit_highlights_textuals_letters_a_span_a_run(title: str, query: str) -> None:
    """The letters of Textual's ``Matcher.highlight``, a span for each run of them (a
    span a letter made a hit's line cost more to make and to draw)."""
    from meeting_tui.ui.providers import highlighted

    matcher = Matcher(query)
    shown = highlighted(matcher, title)
    assert shown.plain == title
    covered = [at for span in shown.spans for at in range(span.start, span.end)]
    assert sorted(covered) == sorted(
        at for span in matcher.highlight(title).spans for at in range(span.start, span.end))
    assert len(covered) == len(set(covered))
    ends = {span.end for span in shown.spans}
    assert not any(span.start in ends for span in shown.spans)  # runs: none touching


def test_past_the_budget_the_best_of_those_scored_with_textuals_scores(monkeypatch) -> None:
    """More distinct scattered matches than a key scores: what is listed still has
    Textual's score of each, best first, and the titles holding the query whole lead."""
    monkeypatch.setattr(item_search_module, "SCATTERED_BUDGET", 20)
    # Each holds the pair "et" and words starting with e and s: a bound of two groups
    # and two word starts, where only three groups and one start can be had.
    titles = [f"et s{'x' * n}e{'y' * (n % 7)}t" for n in range(1, 201)] + ["the set", "sets"]
    search = search_of(titles)
    best = search.best("set", 10)
    assert not search.complete
    matcher = Matcher("set")
    assert [score for score, _index in best] == [matcher.match(titles[i]) for _s, i in best]
    assert [score for score, _index in best] == sorted((s for s, _i in best), reverse=True)
    assert [titles[i] for _s, i in best[:2]] == ["the set", "sets"]  # agenda order


def big_agenda(sections: int, per_section: int) -> str:
    """An agenda of sections * (per_section + 1) items whose titles scatter the letters
    of "Set" (and of most queries) over every item."""
    subjects = ("the implementation report", "the state of the budget", "the rules",
                "the draft opinion", "the cooperation projects", "the questionnaire")
    lines = ["Standing Committee, 21-25 September 2025", ""]
    for n in range(1, sections + 1):
        lines += [f"{n}. Second reading of {subjects[n % len(subjects)]}", ""]
        lines += [f"{n}.{m}. Presentation of {subjects[(n + m) % len(subjects)]} by the "
                  "Secretariat" for m in range(1, per_section + 1)]
        lines.append("")
    return "\n".join(lines)


async def test_typing_set_at_20000_items_lists_the_settings_commands_first(make_app) -> None:
    app = make_app(text=big_agenda(400, 49))
    assert len(app.session.order) == 20_000
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Set")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        assert palette.query_one(Input).value == "Set"
        idle = 0
        for _ in range(200):  # until the last key's search is done (and none is to come)
            await pilot.pause(0.05)
            idle = 0 if any(worker.is_running for worker in palette.workers) else idle + 1
            if idle >= 4:
                break
        commands = palette.query_one("CommandList", OptionList)
        listed = [commands.get_option_at_index(i).prompt.plain.split("\n")
                  for i in range(commands.option_count)]
        items = [n for n, (_title, *help_) in enumerate(listed) if help_ == ["go to this item"]]
        assert items  # the items follow the commands
        # Before any item: every Settings command (a command scattering the letters
        # as well as the best item may tie with it: ties keep the order they came in).
        before_items = [title for title, *_help in listed[:items[0]]]
        settings_titles = [title for title in before_items if title.startswith("Settings:")]
        assert len(settings_titles) >= len(SETTING_COMMANDS) + 1  # and the adoption date
        assert listed[0][0].startswith("Set")


async def test_before_anything_is_typed_the_selected_item_and_a_few_after_it(make_app):
    """Not the first 50 items: the palette measures and draws every line it lists."""
    from meeting_tui.ui.providers import DISCOVERED_ITEMS

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("down", "down", "down")
        selected = app.session.selected
        assert selected is not None and selected != app.session.order[0].key
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        commands = app.screen.query_one("CommandList", OptionList)
        items = [commands.get_option_at_index(i).prompt.plain.split("\n")[0]
                 for i in range(commands.option_count)
                 if commands.get_option_at_index(i).prompt.plain.endswith("go to this item")]
        at = app.session.outline.index[selected]
        assert items == [item_text(item) for item in
                         app.session.order[at:at + DISCOVERED_ITEMS]]


@settings(max_examples=150, deadline=None)
@given(st.lists(LETTERS, min_size=1, max_size=12), QUERIES, QUERIES, st.integers(0, 12))
def test_a_search_given_up_part_way_leaves_the_next_ones_right(titles, first, more,
                                                               taken) -> None:
    """The palette gives up a key's search when the next key comes: what the search had
    made by then (kept per query) is carried on by the next keys, or started again."""
    search = search_of(titles)
    steps = search.steps(first, 5)
    for _ in range(taken):
        if next(steps, StopIteration) is StopIteration:
            break
    steps.close()
    for query in (first + more, first, more):
        assert search.best(query, 5) == textual_best(titles, query, 5)


def test_a_search_pauses_between_its_steps(monkeypatch) -> None:
    """At each slice of work (none here: every check is due) the search hands back."""
    monkeypatch.setattr(item_search_module, "SLICE", 0.0)
    titles = [f"s{n} e{n} t{n} s{n}" for n in range(300)]  # each scored, none whole
    steps = search_of(titles).steps("sets", 300)
    pauses = 0
    while next(steps, StopIteration) is not StopIteration:
        pauses += 1
    assert pauses > 100


async def test_a_key_typed_while_a_search_runs_gives_that_search_up(make_app,
                                                                    monkeypatch) -> None:
    """Keys typed quickly: the searches of the stale queries are given up before their
    end, and the list is the one of the last query."""
    original = ItemSearch.steps
    started: list[str] = []
    ended: list[str] = []

    def slow_steps(self, query, limit, skip=lambda _index: False):
        started.append(query)
        steps = original(self, query, limit, skip)
        while True:
            for _ in range(4):  # a search long enough for the next key to come in it
                time.sleep(0.002)
                yield
            try:
                next(steps)
            except StopIteration as stop:
                ended.append(query)
                return stop.value

    monkeypatch.setattr(ItemSearch, "steps", slow_steps)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        for typed, char in enumerate("Sett", 1):
            app.post_message(events.Key(char, char))
            while len(started) < typed:  # the next key comes while this one's search runs
                await asyncio.sleep(0.001)
        palette = app.screen
        for _ in range(100):
            await pilot.pause(0.05)
            if ended and not any(worker.is_running for worker in palette.workers):
                break
        assert palette.query_one(Input).value == "Sett"
        assert ended == ["Sett"]  # "S", "Se", "Set" given up
        commands = palette.query_one("CommandList", OptionList)
        listed = [commands.get_option_at_index(i).prompt.plain.split("\n")[0]
                  for i in range(commands.option_count)
                  if commands.get_option_at_index(i).prompt.plain.endswith("go to this item")]
        search = ItemSearch(app.session.order, item_text)
        assert listed == [search.texts[index]
                          for _score, index in search.best("Sett", ITEM_HITS)]
        assert listed


async def palette_typed(app, pilot, query: str) -> tuple[CommandPalette, list[Option]]:
    """The palette opened, ``query`` typed, once its searches have ended: the palette
    and the options it lists."""
    await pilot.press("ctrl+p")
    await pilot.pause(0.3)
    await pilot.press(*query)
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    for _ in range(100):
        await pilot.pause(0.05)
        if not any(worker.is_running for worker in palette.workers):
            break
    commands = palette.query_one("CommandList", OptionList)
    return palette, [commands.get_option_at_index(i) for i in range(commands.option_count)]


async def test_the_palette_shows_each_commands_key(make_app) -> None:
    """A command's help ends with its key in brackets: markup to the palette, which
    dropped it ("[n]" read as a style) until escaped."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        commands = app.screen.query_one("CommandList", OptionList)
        prompts = [commands.get_option_at_index(i).prompt.plain
                   for i in range(commands.option_count)]
        assert any(p.startswith("Take up the next item\n") and p.endswith(" [n]")
                   for p in prompts)
        assert any(p.startswith("Agenda: move the selected item up\n")
                   and p.endswith(" [[ / alt+up]") for p in prompts)
        # A key in capitals: escaping leaves "[C]", which the palette read as a style.
        assert any(p.startswith("Copy the List of decisions\n") and p.endswith(" [C]")
                   for p in prompts)
        assert any(p.startswith("Notes of the selected item\n") and p.endswith(" [N]")
                   for p in prompts)


async def test_a_command_found_by_typing_shows_its_key_and_its_letters(make_app) -> None:
    """The commands' hits as Textual's provider made them (its score, the letters typed
    highlighted), their help plain text: "[C]" shown."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        palette, options = await palette_typed(app, pilot, "copy list")
        first = options[0]
        assert first.prompt.plain == ("Copy the List of decisions\n"
                                      "copy the whole List of decisions (Markdown) [C]")
        assert first.hit.score == Matcher("copy list").match("Copy the List of decisions")
        style = Matcher("copy list", match_style=palette.get_visual_style(
            "command-palette--highlight", partial=True)).match_style
        highlighted = {at for span in first.prompt.spans if span.style == style
                       for at in range(span.start, span.end)}
        assert highlighted == {0, 1, 2, 3, 9, 10, 11, 12}  # "Copy", "List"


async def test_the_palette_lists_the_best_twenty_items(make_app) -> None:
    """The palette shows some 14 hits at 120x40 and each hit is measured and laid out
    before its list is drawn: 20 items, not 50 (a quarter of the last key's CPU at
    20,000 items)."""
    app = make_app(text=big_agenda(20, 9))  # 200 items, each holding "the"
    async with app.run_test(size=(120, 40)) as pilot:
        _palette, options = await palette_typed(app, pilot, "the")
        prompts = [option.prompt.plain for option in options]
        items = [p for p in prompts if p.endswith("\ngo to this item")]
        assert len(items) == 20
        search = ItemSearch(app.session.order, item_text)
        assert [p.split("\n")[0] for p in items] == [
            search.texts[index] for _score, index in search.best("the", 20)]
