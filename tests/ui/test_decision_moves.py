"""Pilot tests of decisions moved to another item (m), reordered within their item
(< >, ctrl+up / ctrl+down), found by the words of their text in the palette, and
numbered as the List numbers them in the item panel and the editor."""

from __future__ import annotations

import time
import tomllib

from textual.command import CommandPalette

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import Session
from meeting_tui.ui.providers import DECISION_HITS, Folded, excerpt, find_decisions
from meeting_tui.ui.widgets.agenda_tree import AgendaTree
from meeting_tui.ui.widgets.item_panel import DecisionList

SIZE = (120, 40)


def texts(app, key: str) -> list[str]:
    return [d.text for d in app.session.state(key).decisions]


def read(app) -> dict:
    app.autosaver.flush()
    return tomllib.loads(app.session_path.read_text(encoding="utf-8"))


def saved_texts(app, key: str) -> list[str]:
    return [d["text"] for d in read(app)["items"].get(key, {}).get("decisions", [])]


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


def lines(app) -> list[str]:
    """The decision list's entries as shown."""
    decisions = app.query_one(DecisionList)
    return [decisions.get_option_at_index(i).prompt.plain
            for i in range(decisions.option_count)]


def write_decisions(app) -> None:
    """Before the app runs: item 1 has a final and a draft decision, 2.1 two finals and a
    draft (written under the wrong item), and 2.1 is selected."""
    session = app.session
    for key, text, final in (
        ("1", "Adopted its agenda.", True),
        ("1", "Agreed to hear item 3 first.", False),
        ("2.1", "Took note of the report.", True),
        ("2.1", "Decided to continue.", True),
        ("2.1", "Elected its Bureau.", False),
    ):
        decision = session.add_decision(key, text)
        if final:
            session.toggle_final(key, decision.id)
    session.selected = "2.1"


async def palette_choose(pilot, query: str) -> None:
    """Type into the open palette, wait for its hits, take the first."""
    assert isinstance(pilot.app.screen, CommandPalette)
    await pilot.press(*query)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


# ------------------------------------------------------------------ m: to another item


async def test_m_moves_the_decision_to_the_item_chosen_and_the_cursor_follows(make_app):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "end")  # the draft "Elected its Bureau."
        assert app.selected_decision()[0] == "2.1"
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await palette_choose(pilot, "Opening of the meeting")
        assert texts(app, "2.1") == ["Took note of the report.", "Decided to continue."]
        assert texts(app, "1") == ["Adopted its agenda.", "Agreed to hear item 3 first.",
                                   "Elected its Bureau."]
        # The cursor went with it: item 1 selected, the decision highlighted.
        assert app.session.selected == "1"
        await pilot.pause()
        assert app.query_one(AgendaTree).cursor_node.data == "1"
        assert app.focused is app.decision_list
        key, decision_id = app.selected_decision()
        assert app.session.decision(key, decision_id).text == "Elected its Bureau."
        assert any(m.startswith("The draft moved to 1 Opening") for m in messages(app))
        # Saved at once.
        assert saved_texts(app, "1")[-1] == "Elected its Bureau."
        assert saved_texts(app, "2.1") == ["Took note of the report.", "Decided to continue."]


async def test_a_final_decision_moved_takes_its_number_in_the_list(make_app):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "home")  # "Took note of the report.": decision 2
        await pilot.press("m")
        await pilot.pause()
        await palette_choose(pilot, "Any other business")
        assert texts(app, "6")[-1] == "Took note of the report."
        assert any("Decision 3 of the List moved to 6" in m for m in messages(app))
        assert lines(app) == ["3. [final] Took note of the report."]


async def test_the_move_list_leaves_out_the_decisions_own_item_and_escape_cancels(
        make_app):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "m")
        await pilot.pause(0.3)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        shown = [palette.query_one("CommandList").get_option_at_index(i).prompt.plain
                 for i in range(palette.query_one("CommandList").option_count)]
        assert shown and not any(s.startswith("2.1 ") for s in shown)  # around 2.1
        assert any(s.startswith("2 ") for s in shown) and any(s.startswith("2.2 ")
                                                               for s in shown)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert len(texts(app, "2.1")) == 3


async def test_d_on_an_item_with_decisions_names_m(make_app):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("D")
        await pilot.pause()
        assert any("m moves the selected decision" in m for m in messages(app))


async def test_the_palette_runs_the_moves(make_app):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "home", "ctrl+p")
        await palette_choose(pilot, "Move the selected decision down")
        assert texts(app, "2.1")[:2] == ["Decided to continue.", "Took note of the report."]


async def test_read_only_refuses_moves(make_app):
    app = make_app()
    write_decisions(app)
    app.read_only = True
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "home", "m", "greater_than_sign", "ctrl+down")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert texts(app, "2.1")[0] == "Took note of the report."


# ------------------------------------------------------------------ < >: within the item


async def test_less_and_greater_than_reorder_and_say_so_at_the_ends(make_app):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "end")  # the draft, last
        await pilot.press("greater_than_sign")
        assert any("already the last" in m for m in messages(app))
        await pilot.press("less_than_sign", "less_than_sign")
        assert texts(app, "2.1") == ["Elected its Bureau.", "Took note of the report.",
                                     "Decided to continue."]
        key, decision_id = app.selected_decision()  # it stays selected
        assert app.session.decision(key, decision_id).text == "Elected its Bureau."
        await pilot.press("ctrl+down")
        assert texts(app, "2.1")[:2] == ["Took note of the report.", "Elected its Bureau."]
        assert saved_texts(app, "2.1") == texts(app, "2.1")
        assert any(m == "Moved down: the draft" for m in messages(app))


async def test_reordering_from_the_agenda_acts_on_the_highlighted_decision(make_app):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        assert app.focused is app.agenda_tree
        await pilot.press("less_than_sign")  # the last decision is highlighted
        assert texts(app, "2.1")[1] == "Elected its Bureau."


async def test_in_the_editor_the_keys_type(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"2 < 3 > 1")
        assert app.editor.text == "2 < 3 > 1"


async def test_moves_and_reorders_survive_reopening(make_app):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "home", "greater_than_sign")  # 2.1: continue, report
        await pilot.press("end", "m")
        await pilot.pause()
        await palette_choose(pilot, "Any other business")  # the draft to 6
        await pilot.press("q")
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert texts(again, "2.1") == ["Decided to continue.", "Took note of the report."]
        assert texts(again, "6") == ["Elected its Bureau."]
        assert again.session.selected == "6"
        again.go_to_item("2.1")
        await pilot.pause()
        assert lines(again) == ["2. [final] Decided to continue.",
                                "3. [final] Took note of the report."]


# ------------------------------------------------------------------ the List's numbers


async def test_the_panel_and_the_editor_number_decisions_as_the_list_does(make_app):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # 1 holds decision 1 of the List: 2.1's finals are 2 and 3; a draft has none.
        assert lines(app) == ["2. [final] Took note of the report.",
                              "3. [final] Decided to continue.",
                              "[draft] Elected its Bureau."]
        await pilot.press("tab", "home", "e")
        assert app.editor.border_title == "Decision 2 of the List"
        await pilot.press("escape", "end", "e")
        assert app.editor.border_title == "Draft decision"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f")  # the draft made final: decision 4
        assert lines(app)[-1] == "4. [final] Elected its Bureau."
        assert any(m == "Final: decision 4 of the List" for m in messages(app))


async def test_the_editors_title_follows_the_numbers(make_app):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("tab", "end", "f", "e")  # decision 4, being edited
        assert app.editor.border_title == "Decision 4 of the List"
        app.focus_now(app.decision_list)
        await pilot.press("home", "greater_than_sign")  # 2 and 3 change places: 4 stays
        assert app.editor.border_title == "Decision 4 of the List"
        await pilot.press("end", "less_than_sign")
        assert app.editor.border_title == "Decision 3 of the List"


# ------------------------------------------------------------------ searching decisions


async def test_the_palette_finds_a_decision_by_words_and_highlights_it(make_app, clock):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "ctrl+p")  # the meeting on item 1
        await palette_choose(pilot, "hear item")
        assert app.session.selected == "1"
        assert app.session.current == "1"
        key, decision_id = app.selected_decision()
        assert app.session.decision(key, decision_id).text == "Agreed to hear item 3 first."
        app.go_to_item("2.2")
        await pilot.press("ctrl+p", *"took note report")
        await pilot.pause(0.3)
        hits = app.screen.query_one("CommandList")
        shown = hits.get_option_at_index(0).prompt.plain
        assert shown.startswith("Took note of the report.\ndecision 2 · 2.1 ")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await palette_choose(pilot, "BUREAU elected")  # any order, any case
        assert app.session.selected == "2.1"
        assert app.query_one(AgendaTree).cursor_node.data == "2.1"
        key, decision_id = app.selected_decision()
        assert app.session.decision(key, decision_id).text == "Elected its Bureau."
        assert app.focused is app.decision_list


def test_the_hit_shows_the_words_found_in_one_line():
    text = "Took note of the report\nand [b]agreed[/b] " + "to act " * 30 + "with the Bureau."
    shown = excerpt(text, ["bureau"])
    assert shown.plain.startswith("…") and shown.plain.endswith("Bureau.")
    assert "\n" not in shown.plain
    assert "[b]agreed[/b]" in excerpt(text, ["agreed"]).plain  # data, never markup
    spans = [(s.start, s.end) for s in excerpt(text, ["bureau"], "reverse").spans]
    assert [shown.plain[a:b] for a, b in spans] == ["Bureau"]


def test_searching_5000_decisions_is_fast():
    """Each key in the palette searches again: at 5,000 items with a decision each
    (500 characters), the first search (folding every text) and the next ones."""
    lines = [f"{a}. Section {a}" if b == 0 else f"{a}.{b} Item {a}.{b}"
             for a in range(1, 51) for b in range(100)]
    session = Session(parse_agenda("Big meeting\n\n" + "\n".join(lines)))
    assert len(session.order) == 5000
    for item in session.order:
        session.add_decision(item.key, f"Took note of report {item.key} " + "and so on " * 45)
    session.add_decision("49.99", "Agreed to the unusual proposal.")
    folded = Folded()
    started = time.perf_counter()
    found = find_decisions(session, "unusual", folded)
    first = time.perf_counter() - started
    started = time.perf_counter()
    many = find_decisions(session, "report 1", folded)
    again = time.perf_counter() - started
    assert [d.text for _s, _i, d in found] == ["Agreed to the unusual proposal."]
    assert len(many) == DECISION_HITS
    assert [item.key for _s, item, _d in many][:2] == ["1", "1.1"]  # agenda order
    assert first < 0.5 and again < 0.2, (first, again)


async def test_a_decision_found_under_a_collapsed_item_is_shown(make_app):
    app = make_app()
    app.session.add_decision("3.1.1", "Heard the presentation of the strategy.")
    async with app.run_test(size=SIZE) as pilot:
        app.go_to_item("3")
        await pilot.press("left")  # 3 collapsed: 3.1.1 is out of sight
        assert not app.query_one(AgendaTree).nodes["3"].is_expanded
        await pilot.press("ctrl+p")
        await palette_choose(pilot, "strategy presentation")
        await pilot.pause()
        assert app.query_one(AgendaTree).cursor_node.data == "3.1.1"
        assert app.selected_decision() == ("3.1.1", app.session.state("3.1.1").decisions[0].id)
