"""Pilot tests of the List of decisions in the app: c, C, x, the clipboard fallback,
the opening phrases in the editor, the settings and the adoption in the palette."""

from __future__ import annotations

import tomllib
from datetime import date

import pyperclip
import pytest
from textual.widgets import Input, OptionList, TextArea

from meeting_tui.core.decision_list import build_document
from meeting_tui.core.export import render_md
from meeting_tui.core.session import DecisionStatus
from meeting_tui.ui.commands import SETTING_COMMANDS
from meeting_tui.ui.screens.dialogs import ConfirmScreen
from meeting_tui.ui.screens.export import ExportScreen
from meeting_tui.ui.screens.prompts import PromptScreen
from meeting_tui.ui.widgets.decision_editor import DecisionEditor

SIZE = (120, 40)


def messages(app) -> list[str]:
    return [n.message for n in app._notifications]


async def settle(app, pilot) -> None:
    """Let the clipboard thread finish and its notification arrive."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.fixture
def system_clipboard(monkeypatch):
    """A system clipboard that works: what reached it is in the list."""
    copied: list[str] = []

    def copy(text: str) -> str:
        copied.append(text)
        return "xclip"

    monkeypatch.setattr("meeting_tui.clipboard.copy", copy)
    return copied


@pytest.fixture
def no_mechanism(monkeypatch):
    """pyperclip has no copy mechanism here (a display, but no xclip, xsel or
    wl-clipboard)."""
    monkeypatch.setattr(pyperclip, "determine_clipboard", pyperclip.init_no_clipboard)
    monkeypatch.setattr("meeting_tui.clipboard.sys.platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")


def write_decisions(app) -> None:
    """Before the app runs: item 1 has a final and a draft decision, item 2.1 two
    finals, and 2.1 is selected."""
    session = app.session
    for key, text, final in (
        ("1", "Adopted its agenda.", True),
        ("1", "Agreed to hear item 3 first.", False),
        ("2.1", "Took note of the report.", True),
        ("2.1", "Decided to continue.", True),
    ):
        decision = session.add_decision(key, text)
        if final:
            session.toggle_final(key, decision.id)
    session.selected = "2.1"


# ------------------------------------------------------------------ c and C


async def test_c_copies_the_selected_items_final_decisions(make_app, system_clipboard):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await settle(app, pilot)
        expected = "2. Took note of the report.\n\n3. Decided to continue.\n"
        assert app.clipboard == expected  # through the terminal (OSC 52)
        assert system_clipboard == [expected]  # and the system clipboard
        assert messages(app)[-1] == ("2 decisions copied: system clipboard (xclip) and "
                                     "terminal (OSC 52)")


async def test_c_on_an_item_without_a_final_decision_says_so(make_app, system_clipboard):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Only a draft.", "escape", "tab", "c")
        await settle(app, pilot)
        assert system_clipboard == []
        assert messages(app)[-1].startswith("No final decision in 1 Opening of the meeting")


async def test_capital_c_copies_the_whole_list(make_app, system_clipboard):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")
        await settle(app, pilot)
        expected = render_md(build_document(app.session))
        assert app.clipboard == expected and system_clipboard == [expected]
        assert "# List of decisions" in expected and "Agreed to hear" not in expected
        assert messages(app)[-1].startswith("List of decisions (3 decisions) copied: "
                                            "system clipboard (xclip)")


async def test_copy_when_pyperclip_has_no_mechanism(make_app, no_mechanism):
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")
        await settle(app, pilot)
        assert app.clipboard == render_md(build_document(app.session))  # OSC 52 still sent
        message = messages(app)[-1]
        assert message.startswith("List of decisions (3 decisions) copied through the "
                                  "terminal only (OSC 52")
        assert "xclip" in message and "wl-clipboard" in message
        assert message.endswith("; x exports it to a file")


async def test_copy_without_a_display_says_what_is_missing(make_app, no_mechanism,
                                                           monkeypatch):
    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY")
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("C")
        await settle(app, pilot)
        assert messages(app)[-1] == (
            "List of decisions (3 decisions) copied through the terminal only (OSC 52, "
            "unconfirmed); no system clipboard: no X display or Wayland session here "
            "(DISPLAY and WAYLAND_DISPLAY are unset); x exports it to a file")


async def test_copy_keys_type_in_the_editor(make_app, system_clipboard):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"cCx")
        assert app.query_one("#editor", TextArea).text == "cCx"
        assert system_clipboard == [] and not isinstance(app.screen, ExportScreen)


# ------------------------------------------------------------------ x


@pytest.mark.parametrize("key, fmt", [("m", "md"), ("t", "txt"), ("h", "html"), ("d", "docx")])
async def test_x_exports_beside_the_session(make_app, tmp_path, key, fmt):
    if fmt == "docx":
        pytest.importorskip("docx")
    app = make_app()
    write_decisions(app)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        assert isinstance(app.screen, ExportScreen)
        await pilot.press(key)
        await pilot.pause()
        path = tmp_path / f"lanzarote-28th-meeting-2020-09.decisions.{fmt}"
        assert path.exists()
        assert messages(app)[-1] == f"3 decisions exported to {path}"
        if fmt == "md":
            assert path.read_text(encoding="utf-8") == render_md(build_document(app.session))


async def test_x_remembers_the_format_and_escape_cancels(make_app, tmp_path):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x", "down", "enter")  # the second line: plain text
        await pilot.pause()
        assert (tmp_path / "lanzarote-28th-meeting-2020-09.decisions.txt").exists()
        assert messages(app)[-1].endswith("(no final decision yet)")
        await pilot.press("x")
        assert app.screen.query_one(OptionList).highlighted == 1
        await pilot.press("escape")
        assert not isinstance(app.screen, ExportScreen)
        assert len(list(tmp_path.glob("*.decisions.*"))) == 1


async def test_x_without_python_docx_offers_no_docx(make_app, tmp_path, monkeypatch):
    monkeypatch.setattr("meeting_tui.ui.decisions.docx_available", lambda: False)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("x")
        formats = app.screen.query_one(OptionList)
        assert formats.get_option("docx").disabled
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)  # still open: nothing written
        assert not list(tmp_path.glob("*.docx"))


# ------------------------------------------------------------------ opening phrases


async def test_tab_accepts_the_suggested_opening_phrase(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        editor = app.query_one(DecisionEditor)
        assert editor.suggestion == "Took note of "  # an empty decision: the first phrase
        assert "Took note of" in str(editor.border_subtitle)
        await pilot.press("tab")
        assert editor.text == "Took note of "
        assert app.focused is editor  # tab completed; it did not leave the editor
        await pilot.press(*"the report.")
        assert app.session.state("1").decisions[0].text == "Took note of the report."
        assert editor.suggestion == "" and editor.border_subtitle == ""


async def test_typing_narrows_and_the_phrase_keeps_its_capital(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "a", "g")
        editor = app.query_one(DecisionEditor)
        assert editor.matching == ["Agreed"] and editor.suggestion == "reed "
        await pilot.press("right")  # right arrow accepts too
        assert editor.text == "Agreed "


async def test_ctrl_space_shows_the_next_matching_phrase(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "A")
        editor = app.query_one(DecisionEditor)
        assert editor.matching == ["Adopted", "Agreed", "Approved"]
        await pilot.press("ctrl+space")
        assert editor.suggestion == "greed "
        await pilot.press("ctrl+space", "tab")
        assert editor.text == "Approved "


async def test_a_new_paragraph_is_offered_a_phrase_mid_text_is_not(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Took note", "enter", "enter", "I")
        editor = app.query_one(DecisionEditor)
        assert editor.matching == ["Invited", "Instructed the Secretariat to"]
        await pilot.press("up")  # the cursor leaves the end: no suggestion
        assert editor.suggestion == "" and editor.matching == []
        await pilot.press("tab")  # without a suggestion, tab inserts nothing
        assert editor.text == "Took note\n\nI"


async def test_the_meetings_own_phrases_come_first(make_app):
    app = make_app()
    app.session.settings.phrases = ["Reiterated its call"]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "R")
        editor = app.query_one(DecisionEditor)
        assert editor.matching == ["Reiterated its call", "Requested"]


async def test_no_suggestion_and_the_placeholder_when_the_editor_is_idle(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        editor = app.query_one(DecisionEditor)
        assert editor.suggestion == "" and editor.placeholder.startswith("a: add")
        await pilot.press("a")
        assert editor.placeholder == ""  # it would hide the suggestion
        await pilot.press("escape")
        await pilot.pause()
        assert editor.suggestion == "" and editor.border_subtitle == ""
        assert editor.placeholder.startswith("a: add")


# ------------------------------------------------------------------ settings, adoption


async def palette(pilot, words: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.press(*words)
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()


async def setting(app, pilot, name: str) -> None:
    """Open a setting's dialog as its palette command does."""
    app.edit_setting(next(c for c in SETTING_COMMANDS if c.name == name))
    await pilot.pause()


def saved(app) -> dict:
    app.save_now()
    app.autosaver.flush()
    return tomllib.loads(app.session_path.read_text(encoding="utf-8"))


async def test_palette_sets_the_body_name(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "body name")
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"Lanzarote Committee", "enter")
        await pilot.pause()
        assert app.session.settings.body == "Lanzarote Committee"
        assert saved(app)["settings"]["body"] == "Lanzarote Committee"
        assert messages(app)[-1] == "Body name: Lanzarote Committee"


async def test_palette_meeting_starts_from_the_default_and_empty_restores_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "Settings: meeting")
        assert isinstance(app.screen, PromptScreen)
        field = app.screen.query_one(Input)
        assert field.value == "28th meeting"  # from the agenda's file name
        field.value = "28th plenary meeting"
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.settings.meeting == "28th plenary meeting"
        await setting(app, pilot, "meeting")
        app.screen.query_one(Input).value = ""
        await pilot.press("enter")
        await pilot.pause()
        assert app.session.settings.meeting is None


async def test_palette_edits_the_meetings_phrases(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await setting(app, pilot, "phrases")
        area = app.screen.query_one(TextArea)
        area.load_text("Reiterated its call\n\nCongratulated")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.session.settings.phrases == ["Reiterated its call", "Congratulated"]
        assert saved(app)["settings"]["phrases"] == ["Reiterated its call", "Congratulated"]


async def test_palette_adopts_the_list_and_f_asks_before_withdrawing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Adopted.", "escape", "f")
        await palette(pilot, "adoption d")
        app.screen.query_one(Input).value = "25 September 2020"
        await pilot.press("enter")
        await pilot.pause()
        decision = app.session.state("1").decisions[0]
        assert decision.status is DecisionStatus.ADOPTED
        assert decision.adopted == date(2020, 9, 25)
        assert messages(app)[-1] == "1 decision adopted on 25 September 2020"
        doc = saved(app)
        assert doc["settings"]["adopted_on"] == date(2020, 9, 25)
        assert "adopted 2020-09-25" in str(app.decision_list.get_option_at_index(0).prompt)
        # f on an adopted decision asks first; no keeps it adopted.
        await pilot.press("f")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        assert decision.status is DecisionStatus.ADOPTED
        await pilot.press("f", "y")
        assert decision.status is DecisionStatus.FINAL and decision.adopted is None


async def test_palette_adoption_refuses_a_bad_date(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.action_adopt_decisions()
        await pilot.pause()
        app.screen.query_one(Input).value = "someday"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # still asking
        assert "not a date" in str(app.screen.query_one("#prompt-hint").render())
        await pilot.press("escape")
        assert app.session.settings.adopted_on is None


async def test_help_lists_the_editor_keys_and_the_settings(make_app):
    import html

    from meeting_tui.ui.screens.help import HelpScreen

    app = make_app()
    # Tall enough for the whole list: what is below a smaller screen is scrolled to.
    async with app.run_test(size=(120, 140)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        picture = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        for words in ("copy the whole List of decisions", "ctrl+space",
                      "accept the opening phrase", "Meeting settings (body"):
            assert words in picture
