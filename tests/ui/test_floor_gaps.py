"""The floor's loose ends: the clock's tick at the exit, names completed wherever a
name is asked for, the read-only app's lists, undo of what a floor change loses, the
bell at the speaking limit as a meeting setting."""

from __future__ import annotations

import asyncio
import tomllib

from meeting_tui.core.roll import Participant, Presence
from meeting_tui.ui.app import MeetingApp
from meeting_tui.ui.screens.floor import RollScreen, SpeakersScreen

SIZE = (120, 40)
ROLL = [Participant("Maria Lopez"), Participant("Mr Labrador Jimenez"),
        Participant("Ngo", voting=False)]


# ------------------------------------------------------------------ the tick at the exit
async def test_a_tick_due_while_the_app_shuts_down_finds_no_widget_gone(make_app,
                                                                        monkeypatch):
    """Textual removes the screens' widgets before it stops the app's timers: a tick
    due in between (here made sure of: the ticks come every 10 ms and the removal
    waits) must not query the widgets gone (NoMatches "TopBar", raised at the exit)."""
    monkeypatch.setattr(MeetingApp, "TICK_SECONDS", 0.01)
    app = make_app()
    app.tick_enabled = True
    ticks: list[bool] = []
    original = app.tick

    def counted() -> None:
        ticks.append(app.is_running)
        original()

    app.tick = counted  # type: ignore[method-assign]
    closing = app._close_all

    async def slow_close() -> None:
        await closing()  # every widget gone, the app's timers still running
        await asyncio.sleep(0.1)

    monkeypatch.setattr(app, "_close_all", slow_close)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.session.add_speaker("1", "Maria Lopez")
        app.session.give_floor("1")  # a countdown runs: the floor's tick has work
        await pilot.pause(0.05)
        assert any(ticks)
    assert False in ticks  # a tick came during the shutdown, and did nothing


async def test_the_follow_views_tick_at_its_shutdown_does_nothing(tmp_path, clock,
                                                                  monkeypatch):
    from helpers.paths import SEPTEMBER

    from meeting_tui.files.durable import write_atomic
    from meeting_tui.files.opening import open_session
    from meeting_tui.files.session_toml import dumps
    from meeting_tui.files.watcher import SessionWatcher
    from meeting_tui.ui.follow import FollowApp

    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    _a, session, path, digest = open_session(str(agenda), None, None)
    session.now = clock
    session.take_up_next()
    session.add_speaker(None, "Maria Lopez")
    session.give_floor()
    write_atomic(path, dumps(session, str(agenda), digest))
    monkeypatch.setattr(FollowApp, "TICK_SECONDS", 0.01)
    app = FollowApp(SessionWatcher(path, now=clock), poll=0.01)
    closing = app._close_all

    async def slow_close() -> None:
        await closing()
        await asyncio.sleep(0.1)

    monkeypatch.setattr(app, "_close_all", slow_close)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.05)
        assert app.query_one("#follow-floor").display


# ------------------------------------------------------------------ the bell
async def test_the_bell_from_the_palette_is_saved_and_rings_after_a_restart(make_app,
                                                                            clock):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        titles = {c.title: c for c in app.get_system_commands(app.screen)}
        titles["Settings: bell at the speaking limit"].callback()
        await pilot.pause()
        app.autosaver.flush()
    assert 'bell = true' in app.session_path.read_text()
    again = make_app()  # the same files: the session is read back
    rang: list[bool] = []
    again.bell = lambda: rang.append(True)  # type: ignore[method-assign]
    async with again.run_test(size=SIZE) as pilot:
        assert again.floor.bell
        again.session.set_speaking_limit(60)
        await pilot.press("n")
        again.session.add_speaker(None, "Maria Lopez")
        await pilot.press("g")
        clock.advance(seconds=61)
        again.tick()
        await pilot.pause()
        assert rang == [True]


# ------------------------------------------------------------------ read-only
def names(speeches) -> list[str]:
    return [s.speaker for s in speeches]


def floor_state(session) -> tuple[object, ...]:
    state = session.state("1")
    attendance = session.attendance_for()
    return ([(s.speaker, s.done, bool(s.spans), s.paused) for s in state.speeches],
            [(p.name, p.voting) for p in session.roll],
            dict(attendance.marks) if attendance else {}, session.revision)


async def test_read_only_l_and_L_show_their_lists_and_change_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        app.session.set_roll(list(ROLL))
        app.session.mark("Ngo", Presence.ABSENT)
        for name in ("Maria Lopez", "Walk-in", "Ngo"):
            app.session.add_speaker("1", name)
        app.read_only = True
        before = floor_state(app.session)
        await pilot.press("l")
        screen = app.screen
        assert isinstance(screen, SpeakersScreen)
        assert not screen.query("#speaker-name")  # no name field
        assert screen.query_one("#speakers").option_count == 3
        await pilot.press("g", "P", "greater_than_sign", "r", "delete", "ctrl+o")
        await pilot.pause()
        assert floor_state(app.session) == before
        await pilot.press("escape")
        assert not isinstance(app.screen, SpeakersScreen)
        await pilot.press("L")
        screen = app.screen
        assert isinstance(screen, RollScreen)
        assert not screen.query("#roll-name")
        assert screen.query_one("#roll").option_count == 3
        await pilot.press("p", "a", "e", "space", "v", "delete")
        screen.add_lines("Pasted One\nPasted Two\n")
        await pilot.pause()
        assert floor_state(app.session) == before
        await pilot.press("escape")
        await pilot.press("S", "g")  # the keys that change the floor: still refused
        assert not isinstance(app.screen, SpeakersScreen)
        assert floor_state(app.session) == before
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Floor: list of speakers" in titles and "Floor: roll and attendance" in titles
        assert not any(t.startswith("Floor: end") or t.startswith("Settings: bell")
                       for t in titles)


# ------------------------------------------------------------------ undo
async def test_u_puts_a_name_taken_off_the_roll_back_where_it_was(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_roll(list(ROLL))
        app.session.mark("Mr Labrador Jimenez", Presence.PRESENT)
        await pilot.press("L", "down", "v", "delete", "escape")
        assert [p.name for p in app.session.roll] == ["Maria Lopez", "Ngo"]
        await pilot.press("u")
        assert [(p.name, p.voting) for p in app.session.roll] == [
            ("Maria Lopez", True), ("Mr Labrador Jimenez", False), ("Ngo", False)]
        assert app.session.present() == ["Mr Labrador Jimenez"]
        app.autosaver.flush()
    assert "Mr Labrador Jimenez" in app.session_path.read_text()


async def test_u_after_the_name_is_on_the_roll_again_changes_nothing(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_roll(list(ROLL))
        await pilot.press("L", "delete", "escape")
        app.session.add_participant("Maria Lopez")
        await pilot.press("u")
        assert [p.name for p in app.session.roll].count("Maria Lopez") == 1


async def decided(pilot) -> int:
    app = pilot.app
    await pilot.press("n")
    decision = app.session.add_decision("1", "Approved the budget.")
    app.panel.show(app.session.selected)
    return decision.id


async def test_u_gives_back_a_vote_replaced_or_cleared_on_the_command_line(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        decision_id = await decided(pilot)

        def tally() -> str | None:
            vote = app.session.decision("1", decision_id).vote
            return vote.tally if vote else None

        for line in ("vote 30-2-3", "vote 12-20-1", "vote consensus"):
            await pilot.press("colon", *line, "enter", "escape")
        assert tally() is None
        await pilot.press("u")
        assert tally() == "12-20-1"
        await pilot.press("u")
        assert tally() == "30-2-3"
        await pilot.press("u")
        assert tally() is None
        app.autosaver.flush()
    saved = tomllib.loads(app.session_path.read_text())
    assert "vote" not in saved["items"]["1"]["decisions"][0]  # saved as undone


async def test_u_gives_back_a_vote_replaced_in_the_vote_dialog(make_app):
    from meeting_tui.core.votes import parse_tally
    from meeting_tui.ui.screens.vote import VoteScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        decision_id = await decided(pilot)
        app.session.set_vote("1", decision_id, parse_tally("30-2-3"))
        app.floor.vote()
        await pilot.pause()
        assert isinstance(app.screen, VoteScreen)
        await pilot.press("ctrl+a", "ctrl+k", *"4-5-0", "enter")
        await pilot.pause()
        assert app.session.decision("1", decision_id).vote.tally == "4-5-0"
        await pilot.press("u")
        assert app.session.decision("1", decision_id).vote.tally == "30-2-3"
        app.floor.vote()
        await pilot.pause()
        await pilot.press("escape")  # cancelled: nothing to undo from it
        await pilot.press("u")
        assert app.session.decision("1", decision_id).vote.tally == "30-2-3"


# ------------------------------------------------------------------ names complete
async def test_the_notes_speaker_completes_from_the_roll(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_roll(list(ROLL) + [Participant("van Dam")])
        await pilot.press("n", "N", *"mr l")
        await pilot.pause(0.1)
        await pilot.press("right")  # → takes the suggestion
        field = app.screen.query_one("#note-input")
        assert field.value == "Mr Labrador Jimenez: "
        await pilot.press(*"we support it", "enter")
        note = app.session.state("1").notes[-1]
        assert (note.speaker, note.text) == ("Mr Labrador Jimenez", "we support it")
        await pilot.press(*"Mr L: x")  # a colon typed: the name is written, no suggestion
        await pilot.pause(0.1)
        await pilot.press("right")
        assert field.value == "Mr L: x"
        field.value = ""
        await pilot.press(*"van")  # a name a note would not read as its speaker
        await pilot.pause(0.1)
        await pilot.press("right")
        assert field.value == "van"


async def test_the_command_lines_owner_and_speaker_complete_from_the_roll(make_app):
    from meeting_tui.ui.command_line import CommandLineScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_roll(list(ROLL))
        await pilot.press("n", "colon")
        screen = app.screen
        assert isinstance(screen, CommandLineScreen)
        await pilot.press(*"a ma", "tab")
        assert screen.input.value == 'a "Maria Lopez" '
        await pilot.press(*"15/10 send the figures", "enter")
        action = app.session.state("1").actions[-1]
        assert action.owner == "Maria Lopez"
        assert app.screen is screen  # the command line stays for the next entry
        screen.input.value = ""
        await pilot.press(*"a ng", "tab")
        assert screen.input.value == "a Ngo "  # one word: no quotes
        screen.input.value = ""
        await pilot.press(*"n mr l", "tab")
        assert screen.input.value == "n Mr Labrador Jimenez: "
        await pilot.press(*"agreed", "enter")
        assert app.session.state("1").notes[-1].speaker == "Mr Labrador Jimenez"


async def test_the_list_of_speakers_completes_from_the_roll(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.session.set_roll(list(ROLL))
        await pilot.press("n", "S", *"mari")
        await pilot.pause(0.1)
        await pilot.press("right", "enter")
        assert names(app.session.waiting_speakers("1")) == ["Maria Lopez"]
