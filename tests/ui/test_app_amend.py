"""Amending the agenda in the app (Pilot): i, I, R, [ ], D, the palette, read-only,
resume after reopening; and `meeting-tui agenda FILE --session SESSION`."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from rich.style import Style
from textual.widgets import Input

from meeting_tui.cli import main
from meeting_tui.ui.screens.dialogs import ConfirmScreen
from meeting_tui.ui.screens.prompts import ItemScreen
from meeting_tui.ui.widgets.agenda_tree import AgendaTree
from meeting_tui.ui.widgets.item_panel import ItemPanel

SIZE = (120, 40)


def read(app) -> dict:
    app.autosaver.flush()
    return tomllib.loads(app.session_path.read_text(encoding="utf-8"))


def labels(app) -> list[str]:
    return [item.label for item in app.session.order]


def line(app, key: str) -> str:
    tree = app.query_one(AgendaTree)
    node = tree.nodes[key]
    return tree.render_label(node, Style(), Style()).plain


async def fill(pilot, number: str | None, title: str) -> None:
    """Type into the item dialog and save it."""
    screen = pilot.app.screen
    assert isinstance(screen, ItemScreen)
    if number is not None:
        screen.query_one("#item-number", Input).value = number
    await pilot.press(*title, "enter")
    await pilot.pause()


async def test_i_adds_an_item_after_the_selected_one_with_a_proposed_number(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down", "down")  # 2.1.1: the last of 2.1
        assert app.session.selected == "2.1.1"
        await pilot.press("i")
        await pilot.pause()
        assert app.screen.query_one("#item-number", Input).value == "2.1.2"
        await fill(pilot, None, "Second reading")
        key = "+1"
        assert app.session.parent(key) == "2.1"
        assert app.session.selected == key
        await pilot.pause()
        assert app.query_one(AgendaTree).cursor_node.data == key
        assert line(app, key).startswith("· + 2.1.2 Second reading")
        panel = app.query_one(ItemPanel).query_one("#item-heading").render()
        assert "Added during the meeting" in str(panel)
        doc = read(app)
        assert doc["amendments"][0]["op"] == "add" and doc["amendments"][0]["item"] == "2.1.1"
        assert doc["selected"] == key


async def test_capital_i_adds_under_and_the_number_is_editable(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("I")  # under item 1, which has no sub-items
        await pilot.pause()
        assert app.screen.query_one("#item-number", Input).value == "1.1"
        await fill(pilot, "1.a", "Adoption of the agenda")
        assert app.session.item("+1").label == "1.a Adoption of the agenda"
        assert app.session.parent("+1") == "1"


async def test_escape_cancels_and_an_empty_title_is_refused(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, ItemScreen) and not app.session.amendments
        await pilot.press("i", "enter")  # no title: the dialog stays and says so
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen)
        assert "needs a title" in str(app.screen.query_one("#item-hint").render())
        await pilot.press("escape")
        assert not app.session.amendments


async def test_capital_r_renames_number_and_title(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "R")
        await pilot.pause()
        screen = app.screen
        assert screen.query_one("#item-number", Input).value == "2"
        title = screen.query_one("#item-title", Input)
        assert title.value.startswith("Monitoring")
        title.value = "Monitoring (amended)"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.item("2").title == "Monitoring (amended)"
        assert "· ~ 2 Monitoring (amended)" in line(app, "2")
        heading = str(app.query_one(ItemPanel).query_one("#item-heading").render())
        assert "Renamed during the meeting (the agenda: 2 Monitoring of the" in heading
        assert read(app)["items"] == {}  # nothing but the amendment to keep


async def test_brackets_move_the_item_among_its_siblings(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "right_square_bracket")
        await pilot.pause()
        top = [item.key for item in app.session.agenda.items]
        assert top[:3] == ["1", "3", "2"]
        assert app.query_one(AgendaTree).cursor_node.data == "2"
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        assert [item.key for item in app.session.agenda.items][:3] == ["2", "1", "3"]
        await pilot.press("left_square_bracket")  # already the first: said, nothing done
        await pilot.pause()
        assert len(app.session.amendments) == 3
        await pilot.press("alt+down")
        await pilot.pause()
        assert [item.key for item in app.session.agenda.items][:3] == ["1", "2", "3"]


async def test_d_removes_after_a_confirmation_and_never_an_item_with_decisions(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "D")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Remove 2 Monitoring" in app.screen.question
        assert "and its 5 sub-items" in app.screen.question
        await pilot.press("n")
        assert app.session.has("2")
        await pilot.press("down", "a", *"Took note.", "escape")
        await pilot.pause()
        app.go_to_item("2")
        await pilot.press("D")  # 2 holds a sub-item with a decision
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmScreen) and app.session.has("2")
        app.go_to_item("2.2.1")  # nothing in it
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert app.session.selected == "2.2.1"
        await pilot.press("y")
        await pilot.pause()
        assert not app.session.has("2.2.1")
        assert app.session.selected == "2.3"
        assert read(app)["amendments"][-1]["op"] == "remove"


async def test_the_palette_runs_the_amendments(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", *"Agenda: rename")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen)
        names = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Agenda: add an item after the selected one", "Agenda: move the selected "
                "item up", "Agenda: remove the selected item"} <= names


async def test_read_only_refuses_amendments(make_app):
    app = make_app()
    app.read_only = True
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i", "R", "D", "left_square_bracket")
        await pilot.pause()
        assert not app.session.amendments and not isinstance(app.screen, ItemScreen)


async def test_amendments_survive_reopening_and_n_follows_them(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await fill(pilot, "1bis", "Urgent matter")
        await pilot.press("a", *"Decided to act.", "escape", "f")
        app.go_to_item("2.1")
        await pilot.press("R")  # 2.1
        await pilot.pause()
        app.screen.query_one("#item-title", Input).value = "ICTs"
        await pilot.press("enter", "right_square_bracket")
        await pilot.pause()
        await pilot.press("n", "n")
        await pilot.pause()
        assert app.session.current == "+1"
        await pilot.press("q", "p")
        await pilot.pause()
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session = again.session
        assert labels(again)[:6] == [
            "1 Opening of the meeting, adoption of the agenda and up-date on ratifications "
            "of the Lanzarote Convention",
            "1bis Urgent matter",
            "2 Monitoring of the implementation of the Lanzarote Convention",
            "2.2 “Protecting children affected by the refugee crisis from sexual exploitation "
            "and sexual abuse”",
            "2.2.1 Follow-up by Parties to the 10 “consider” recommendations of the special "
            "report: taking stock of additional information submitted and way ahead",
            "2.1 ICTs",
        ]
        assert session.current == "+1"
        assert [d.text for d in session.state("+1").decisions] == ["Decided to act."]
        assert "+ 1bis Urgent matter" in line(again, "+1")
        assert "~ 2.1 ICTs" in line(again, "2.1")
        await pilot.press("n")
        assert session.current == "2"
        await pilot.press("n", "n", "n")
        assert session.current == "2.1"


# ------------------------------------------------------------------ the command line


async def _amend(make_app):
    """The app amends the agenda: 1bis added (with a final decision), 2.1 renamed and
    moved down, then quits."""
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await fill(pilot, "1bis", "Urgent matter")
        await pilot.press("a", *"Decided to act.", "escape", "f")
        app.go_to_item("2.1")
        await pilot.press("R")
        await pilot.pause()
        app.screen.query_one("#item-title", Input).value = "ICTs"
        await pilot.press("enter", "right_square_bracket")
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    return app


async def test_agenda_with_session_prints_the_agenda_as_amended(make_app, capsys):
    app = await _amend(make_app)
    agenda, session = app.agenda_path, str(app.session_path)
    before = Path(agenda).read_bytes()
    assert main(["agenda", agenda, "--session", session]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "1bis Urgent matter  [added during the meeting]" in out
    renamed = next(x for x in out if "ICTs" in x)
    assert renamed == ("    2.1 ICTs  [renamed and moved during the meeting (the agenda: 2.1 "
                       "“The protection of children against sexual exploitation and sexual "
                       "abuse facilitated by ICTs”)]")
    assert out.index(renamed) > next(i for i, x in enumerate(out) if x.startswith("    2.2 "))
    assert main(["agenda", agenda, "--session", session, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    items = data["items"]
    assert items[1] == {"number": "1bis", "title": "Urgent matter", "line": None,
                        "planned_minutes": None, "notes": [], "children": [],
                        "amended": ["added"]}
    sub = items[2]["children"]
    assert [c["number"] for c in sub[:2]] == ["2.2", "2.1"]
    assert sub[1]["amended"] == ["moved", "renamed"]
    assert sub[1]["was"]["number"] == "2.1"
    assert items[0]["amended"] == []
    assert Path(agenda).read_bytes() == before  # the agenda file is never changed
    # Without --session: the agenda file as parsed.
    assert main(["agenda", agenda]) == 0
    assert "Urgent matter" not in capsys.readouterr().out


async def test_the_list_of_decisions_of_an_amended_session(make_app, capsys):
    app = await _amend(make_app)
    assert main(["decisions", str(app.session_path)]) == 0
    out = capsys.readouterr().out
    assert "## 1bis. Urgent matter\n\n1. Decided to act." in out


def test_agenda_with_a_bad_session_is_one_line_and_status_2(tmp_path, capsys):
    agenda = tmp_path / "a.txt"
    agenda.write_text("1. Opening\n2. Close\n", encoding="utf-8")
    assert main(["agenda", str(agenda), "--session", str(tmp_path / "none.toml")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "none.toml" in err
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 3\n[[amendments]]\nop = "split"\nitem = "1"\n', encoding="utf-8")
    assert main(["agenda", str(agenda), "--session", str(bad)]) == 2
    assert "unknown amendment 'split'" in capsys.readouterr().err


async def test_arrows_sent_just_before_an_amendment_key_move_the_cursor_first(make_app):
    """As a fast typist or a script sends them: the amendment is for the item reached."""
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        for key in ("down", "down", "R"):
            app.post_message(events.Key(key, "R" if key == "R" else None))
        await pilot.pause(0.3)
        assert isinstance(app.screen, ItemScreen)
        assert app.screen.question.startswith("Rename 2.1 ")
        await pilot.press("escape")
        for key in ("up", "up", "right_square_bracket"):
            app.post_message(events.Key(key, "]" if key != "up" else None))
        await pilot.pause(0.3)
        assert [item.key for item in app.session.agenda.items][:2] == ["2", "1"]
