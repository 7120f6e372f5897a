"""Pilot tests of the floor: the keys S, g, P, l, L, v, their dialogs, the floor strip
and its countdown, the bell, the quorum in the top bar, the command line's floor
entries and the palette's floor settings."""

from __future__ import annotations

import io

from rich.console import Console

from meeting_tui.core.roll import Participant, Presence
from meeting_tui.core.votes import Choice, Majority
from meeting_tui.ui.command_line import CommandLineScreen
from meeting_tui.ui.screens.floor import RollScreen, SpeakersScreen
from meeting_tui.ui.screens.vote import VoteScreen
from meeting_tui.ui.widgets.floor_strip import FloorStrip

SIZE = (120, 40)
ROLL = [Participant("Ms Dourthe"), Participant("Mr Labrador Jimenez"),
        Participant("Ms Harmatz"), Participant("Observer Ngo", voting=False)]


def strip_text(app) -> str:
    strip = app.query_one(FloorStrip)
    console = Console(width=strip.content_size.width or 60, file=io.StringIO(),
                      record=True, color_system=None)
    console.print(strip.render())
    return console.export_text()


def names(speeches) -> list[str]:
    return [s.speaker for s in speeches]


async def add_speakers(pilot, *names: str) -> None:
    """S, then each name and enter; escape closes the dialog."""
    await pilot.press("S")
    assert isinstance(pilot.app.screen, SpeakersScreen)
    for name in names:
        await pilot.press(*name, "enter")
    await pilot.press("escape")
    await pilot.pause()


async def test_no_strip_until_the_item_has_speakers(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert not app.query_one(FloorStrip).display
        await add_speakers(pilot, "Ms Dourthe", "Mr Labrador Jimenez")
        assert app.query_one(FloorStrip).display
        text = strip_text(app)
        assert "Floor free" in text and "Ms Dourthe · Mr Labrador Jimenez" in text


async def test_S_adds_to_the_selected_item_and_ctrl_o_a_point_of_order_goes_first(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.press("S", *"Ms Dourthe", "enter", *"Ms Harmatz", "enter")
        await pilot.press(*"Chair", "ctrl+o")
        assert names(app.session.waiting_speakers("1")) == ["Chair", "Ms Dourthe",
                                                             "Ms Harmatz"]
        assert app.session.waiting_speakers("1")[0].point_of_order
        await pilot.press("escape")
        assert "⚑ Chair" in strip_text(app)


async def test_g_gives_the_floor_and_again_ends_it_for_the_next(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await add_speakers(pilot, "Ms Dourthe", "Ms Harmatz")
        await pilot.press("g")
        key, speech = app.session.speech_in_progress()
        assert (key, speech.speaker) == ("1", "Ms Dourthe")
        clock.advance(seconds=75)
        app.tick()
        await pilot.pause()
        assert "Floor Ms Dourthe" in strip_text(app) and "1:15" in strip_text(app)
        await pilot.press("g")
        assert speech.done and round(app.session.speech_seconds(speech)) == 75
        assert app.session.speech_in_progress()[1].speaker == "Ms Harmatz"
        await pilot.press("g")  # nobody waits: the speech ends, the strip goes
        assert app.session.speech_in_progress() is None
        assert not app.query_one(FloorStrip).display


async def test_the_countdown_is_ok_then_highlighted_from_80_percent_then_over(make_app,
                                                                              clock):
    app = make_app()
    rang = []
    app.bell = lambda: rang.append(True)
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_speaking_limit(100)
        app.floor.bell = True
        await pilot.press("n")
        await add_speakers(pilot, "Ms Dourthe")
        await pilot.press("g")
        strip = app.query_one(FloorStrip)
        levels = []
        for seconds in (50, 35, 16, 10):  # 50, 85, 101, 111 seconds spoken
            clock.advance(seconds=seconds)
            app.tick()
            await pilot.pause()
            levels.append(app.session.countdown().level)
        assert levels == ["ok", "warn", "over", "over"]
        assert "0:11 over" in strip_text(app) and "1:51 of 1:40" in strip_text(app)
        over = strip.get_component_rich_style("clock--over", partial=True)
        assert over.bgcolor is not None  # red, as the item clock past its plan
        assert rang == [True]  # once, at the limit


async def test_P_pauses_the_speech_and_resumes_it(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await add_speakers(pilot, "Ms Dourthe")
        await pilot.press("g")
        clock.advance(seconds=20)
        await pilot.press("P")
        speech = app.session.speech_in_progress()[1]
        assert speech.paused and "(paused)" in strip_text(app)
        clock.advance(seconds=300)  # an interruption: not counted
        await pilot.press("P")
        clock.advance(seconds=10)
        assert not speech.paused and round(app.session.speech_seconds(speech)) == 30


async def test_l_lists_the_speakers_reorders_removes_and_gives_the_floor(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await add_speakers(pilot, "A", "B", "C")
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        assert app.focused.id == "speakers"  # the list, as it has speakers
        await pilot.press("home", "greater_than_sign")  # A after B
        assert names(app.session.waiting_speakers("1")) == ["B", "A", "C"]
        await pilot.press("less_than_sign")
        assert names(app.session.waiting_speakers("1")) == ["A", "B", "C"]
        await pilot.press("end", "delete")
        assert names(app.session.waiting_speakers("1")) == ["A", "B"]
        await pilot.press("g")  # in the dialog too
        assert app.session.speech_in_progress()[1].speaker == "A"
        await pilot.press("P")
        assert app.session.speech_in_progress()[1].paused
        await pilot.press("tab", *"D", "enter")  # the name field: a name added
        assert names(app.session.waiting_speakers("1")) == ["B", "D"]
        await pilot.press("escape")
        assert not isinstance(app.screen, SpeakersScreen)


async def test_names_complete_from_the_roll_and_a_new_name_is_offered_for_it(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_roll(list(ROLL))
        await pilot.press("n", "S", *"ms h")
        await pilot.pause(0.1)
        await pilot.press("right", "enter")  # → takes the suggestion
        assert names(app.session.waiting_speakers("1")) == ["Ms Harmatz"]
        await pilot.press(*"Mr Newcomer", "enter")
        await pilot.press("tab")  # the list, on the new name
        assert app.session.participant("Mr Newcomer") is None
        await pilot.press("r")
        assert app.session.participant("Mr Newcomer") is not None


async def test_L_marks_attendance_and_the_top_bar_shows_the_quorum(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_roll(list(ROLL))
        app.session.set_quorum("2")
        await pilot.press("L")
        assert isinstance(app.screen, RollScreen)
        await pilot.press("p")  # Ms Dourthe present, the cursor on to the next
        await pilot.press("a")  # Mr Labrador Jimenez absent
        attendance = app.session.attendance_for()
        assert attendance.marks == {"Ms Dourthe": Presence.PRESENT,
                                    "Mr Labrador Jimenez": Presence.ABSENT}
        assert "quorum 1/3 ✗" in str(app.screen.query_one("#roll-quorum").render())
        await pilot.press("space")  # Ms Harmatz: the first mark, present
        assert app.session.quorum_status().met
        await pilot.press("space")  # and the next one
        assert attendance.marks["Ms Harmatz"] is Presence.ABSENT
        await pilot.press("e")
        assert attendance.marks["Ms Harmatz"] is Presence.EXCUSED
        await pilot.press("v")  # e moved the cursor on: the observer now votes
        assert app.session.participant("Observer Ngo").voting
        await pilot.press("v")
        assert not app.session.participant("Observer Ngo").voting
        await pilot.press("escape")
        await pilot.pause()
        bar = str(app.top_bar.render().renderables[0])  # its first line, one Text
        assert "quorum 1/3 ✗" in bar  # Ms Harmatz excused: one of 3 voting members


async def test_a_paste_of_names_in_L_adds_them_to_the_roll(make_app):
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("L")
        screen = app.screen
        assert app.focused.id == "roll-name"  # an empty roll: the name field first
        app.focused.post_message(events.Paste("Ms A\nMr B; non-voting\n\nMs C\n"))
        await pilot.pause()
        assert [(p.name, p.voting) for p in app.session.roll] == [
            ("Ms A", True), ("Mr B", False), ("Ms C", True)]
        await pilot.press(*"Ms D", "enter")
        assert app.session.roll[-1].name == "Ms D"
        assert screen.query_one("#roll").option_count == 4


async def test_v_takes_a_tally_with_the_rule_and_shows_the_result(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", "a", *"Adopted the report.", "escape")
        await pilot.pause()
        await pilot.press("v")
        assert isinstance(app.screen, VoteScreen)
        await pilot.press(*"30-2-3")
        result = str(app.screen.query_one("#vote-result").render())
        assert "30-2-3" in result and "30 votes to 2" in result
        await pilot.press("ctrl+r", "ctrl+r")  # simple, abstentions counted, two-thirds
        await pilot.press("enter")
        decision = app.session.state("1").decisions[0]
        assert decision.vote.tally == "30-2-3"
        assert decision.vote.rule.majority is Majority.TWO_THIRDS
        await pilot.press("v")  # empty: taken by consensus, no vote
        await pilot.press(*["backspace"] * 6, "enter")
        assert decision.vote is None


async def test_v_a_roll_call_of_the_voting_members(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_roll(list(ROLL))
        await pilot.press("n", "a", *"Adopted the report.", "escape")
        await pilot.pause()
        await pilot.press("v", "tab")
        assert app.focused.id == "vote-roll"
        assert app.focused.option_count == 3  # the observer does not vote
        await pilot.press("y", "n", "a")
        assert app.screen.query_one("#vote-tally").value == "1-1-1"
        await pilot.press("enter")
        vote = app.session.state("1").decisions[0].vote
        assert vote.roll_call == {"Ms Dourthe": Choice.FOR,
                                  "Mr Labrador Jimenez": Choice.AGAINST,
                                  "Ms Harmatz": Choice.ABSTAIN}


async def test_the_command_line_floor_entries(make_app, clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_roll(list(ROLL))
        await pilot.press("n", "colon")
        assert isinstance(app.screen, CommandLineScreen)

        async def line(text: str) -> str:
            await pilot.press(*text, "enter")
            await pilot.pause()
            return app.screen.said

        assert "number 1" in await line("q+ Ms Dourthe")
        assert "not on the roll" in await line("q+ Mr Newcomer")
        assert "point of order Chair" in await line("q! Chair")
        assert await line("next speaker") == "the floor: Chair"
        clock.advance(seconds=5)
        assert "taken off" in await line("q- Mr Newcomer")
        assert await line("limit 3 min") == "speaking time on 1: 3 min"
        assert app.session.speaking_limit("1") == 180
        assert "present" in await line("here Ms Dourthe")
        assert "not a tally" not in await line("d Adopted the agenda.")
        assert (await line("vote 4-0-2")).startswith("Adopted by 4 votes")
        assert app.session.state("1").decisions[0].vote.tally == "4-0-2"
        await pilot.press(*"q+ Ms L", "tab")
        assert app.screen.input.value == "q+ Ms L"  # nobody: unchanged
        await pilot.press("backspace", "H", "tab")
        assert app.screen.input.value == "q+ Ms Harmatz"


async def test_the_palette_has_the_floor_settings(make_app):
    app = make_app()
    async with app.run_test(size=SIZE):
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Settings: speaking time limit", "Settings: quorum",
                "Settings: voting rule", "Settings: bell at the speaking limit",
                "Floor: speaking time of the selected item",
                "Floor: end the speech under way"} <= titles


async def test_the_speaking_limit_from_the_palette_refuses_what_is_not_a_time(make_app):
    from meeting_tui.ui.screens.prompts import PromptScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.floor.ask_limit()
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        await pilot.press(*"soon", "enter")
        assert isinstance(app.screen, PromptScreen)  # stays, saying why
        await pilot.press(*["backspace"] * 4, *"2:30", "enter")
        assert app.session.settings.speaking_limit == 150


async def test_at_80x24_the_strip_takes_one_line_and_leaves_the_editor_its_room(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await add_speakers(pilot, "Ms Dourthe", "Ms Harmatz", "Mr Labrador Jimenez")
        await pilot.press("g", "a", *"Adopted the agenda.")
        await pilot.pause()
        assert app.query_one(FloorStrip).size.height == 1
        assert app.editor.size.height >= 3  # as without the strip (min-height 5 less borders)
        assert app.panel.size.height >= 8


async def test_u_puts_back_a_speaker_taken_off(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await add_speakers(pilot, "A", "B", "C")
        await pilot.press("l", "home", "down", "delete", "escape")
        assert names(app.session.waiting_speakers("1")) == ["A", "C"]
        await pilot.press("u")
        assert names(app.session.waiting_speakers("1")) == ["A", "B", "C"]
        await pilot.press("colon", *"q- A", "enter", "escape", "u")
        assert names(app.session.waiting_speakers("1")) == ["A", "B", "C"]
