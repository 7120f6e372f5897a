"""The follow view: a second process runs the meeting, the follow view keeps up.

The writer (tests/helpers/follow_writer.py) is a real process that holds the session lock and
saves through the session store, as the app does. Each change must be on the follow
screen within one second of the writer saying the file is on disk.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

import pytest
from helpers.paths import NOVEMBER, SEPTEMBER
from helpers.writer import Writer
from textual.geometry import Region
from textual.widget import Widget

from meeting_tui.cli import main
from meeting_tui.files.durable import write_atomic
from meeting_tui.files.watcher import SessionWatcher
from meeting_tui.ui.follow import FollowApp, FollowTree

WITHIN = 1.0  # seconds: the promise of the follow view
# The promise is timed: these tests get the machine to themselves (see conftest).
pytestmark = pytest.mark.serial


def widget_text(widget: Widget) -> str:
    """What the widget shows on screen now, as plain text."""
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def decisions_text(app: FollowApp) -> str:
    """The whole list of decisions (scrolled into sight or not)."""
    return "\n".join(widget_text(block) for block in app.query(".decisions"))


def screen_text(app: FollowApp) -> str:
    return "\n".join([*(widget_text(app.query_one(selector)) for selector in (
        "#follow-heading", "#now-text", "#follow-status")), decisions_text(app)])


async def shows(pilot, app: FollowApp, text: str, timeout: float = 10) -> float:
    """Seconds until ``text`` is on the follow screen (AssertionError after timeout)."""
    start = time.monotonic()
    while True:
        if text in screen_text(app):
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{text!r} not shown after {timeout} s:\n{screen_text(app)}")
        await pilot.pause(0.02)


@pytest.fixture
def agenda(tmp_path) -> Path:
    path = tmp_path / SEPTEMBER.name
    path.write_bytes(SEPTEMBER.read_bytes())
    return path


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file in the folder: inode, mtime and bytes (what 'never writes' means)."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.iterdir()) if p.is_file()}


async def test_follows_a_second_process_within_a_second(agenda, tmp_path):
    session = tmp_path / "meeting.session.toml"
    writer = await Writer.start(agenda, session)
    try:
        await writer.do("next")  # 1 Opening ...: the file exists from here
        app = FollowApp(SessionWatcher(session))
        async with app.run_test(size=(120, 40)) as pilot:
            await shows(pilot, app, "1   Opening of the meeting")
            delays = []
            for command, expected in [
                ("next", "Monitoring of the implementation of the Lanzarote Convention"),
                ("next", "“The protection of children against sexual exploitation"),
                ("final Took note of the preliminary draft report.",
                 "1. Took note of the preliminary draft report."),
                ("next", "First reading of the preliminary draft implementation report"),
                ("final Agreed to hold the next meeting in Strasbourg.",
                 "2. Agreed to hold the next meeting in Strasbourg."),
            ]:
                answer = await writer.do(command)
                delay = await shows(pilot, app, expected)
                delays.append(delay)
                assert delay < WITHIN, f"{command}: shown after {delay:.2f} s"
                key = answer.split()[1]
                assert app.session.current == key
                tree = app.query_one(FollowTree)
                for _ in range(50):  # the cursor moves once the tree's lines are laid out
                    if tree.cursor_node is not None and tree.cursor_node.data == key:
                        break
                    await pilot.pause(0.02)
                assert tree.cursor_node is not None and tree.cursor_node.data == key
            # The final decisions are listed as the List of decisions numbers them.
            decisions = decisions_text(app)
            assert "2 decisions so far" in decisions
            assert decisions.index("1. Took note") < decisions.index("2. Agreed")
            print(f"follow delays: {', '.join(f'{d:.2f}' for d in delays)} s")
    finally:
        await writer.stop()


async def test_follows_amendments_of_the_agenda(agenda, tmp_path):
    """The agenda as amended in the session file: a renamed current item, an added one."""
    session = tmp_path / "meeting.session.toml"
    writer = await Writer.start(agenda, session)
    try:
        await writer.do("next")
        app = FollowApp(SessionWatcher(session))
        async with app.run_test(size=(120, 40)) as pilot:
            await shows(pilot, app, "Opening of the meeting")
            await writer.do("rename Opening and adoption of the agenda")
            assert await shows(pilot, app, "1   Opening and adoption of the agenda") < WITHIN
            await writer.do("add Election of the Bureau")
            tree = app.query_one(FollowTree)
            start = time.monotonic()
            while "Election of the Bureau" not in widget_text(tree):
                assert time.monotonic() - start < WITHIN, widget_text(tree)
                await pilot.pause(0.02)
    finally:
        await writer.stop()


async def test_never_writes_and_survives_replacement_and_absence(agenda, tmp_path):
    session = tmp_path / "meeting.session.toml"
    writer = await Writer.start(agenda, session)
    try:
        await writer.do("next")
        await writer.do("final Took note of the agenda.")
    finally:
        await writer.stop()
    good = session.read_bytes()
    before = snapshot(tmp_path)
    app = FollowApp(SessionWatcher(session))
    async with app.run_test(size=(100, 30)) as pilot:
        await shows(pilot, app, "1. Took note of the agenda.")
        # Removed: the last version stays on screen, and the status line says why.
        session.unlink()
        await shows(pilot, app, "missing", timeout=WITHIN)
        assert "1. Took note of the agenda." in screen_text(app)
        # Back, changed, by an atomic replace.
        changed = good.replace(b"Took note of the agenda.", b"Took note of the new agenda.")
        assert changed != good
        write_atomic(session, changed.decode())
        assert await shows(pilot, app, "1. Took note of the new agenda.") < WITHIN
        assert "missing" not in screen_text(app)
        # Not a session file for a moment: the last good version stays.
        write_atomic(session, "this is [not toml\n")
        await shows(pilot, app, "not a valid session file", timeout=WITHIN)
        assert "1. Took note of the new agenda." in screen_text(app)
        write_atomic(session, good.decode())
        assert await shows(pilot, app, "1. Took note of the agenda.") < WITHIN
        await pilot.press("space", "enter", "down", "q")
    # Nothing was written by the follow view: only the test's own writes changed files.
    after = snapshot(tmp_path)
    assert set(after) == set(before)
    assert after[session.name][2] == good
    for name in set(before) - {session.name}:
        assert after[name] == before[name], name


@pytest.mark.parametrize("content, problem", [
    (None, "no such session file"),
    ("this is [not toml\n", "not a valid session file"),
    ('title = "x"\n', "not a meeting-tui session file"),
    ('format = 99\n[agenda]\npath = "a.txt"\n', "not found"),
])
@pytest.mark.parametrize("command", ["follow", "serve"])
def test_bad_input_one_line_exit_2(tmp_path, capsys, command, content, problem):
    path = tmp_path / "s.session.toml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main([command, str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and problem in err, err


def test_serve_without_the_extra(tmp_path, capsys, monkeypatch, agenda):
    from meeting_tui.files.opening import open_session
    from meeting_tui.files.session_toml import dumps

    _a, session, path, digest = open_session(str(agenda), None, None)
    write_atomic(path, dumps(session, str(agenda), digest))
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    monkeypatch.delitem(sys.modules, "meeting_tui.serve", raising=False)
    assert main(["serve", "--terminal", str(path)]) == 2
    err = capsys.readouterr().err
    assert err == "meeting-tui: serve --terminal needs the optional extra: pip install " \
                  "'meeting-tui[serve]' (textual-serve)\n"


def test_serve_binds_localhost_by_default():
    from meeting_tui.cli import build_parser

    parser, _ = build_parser()
    args = parser.parse_args(["serve", "s.toml"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_watcher_loads_only_on_change(agenda, tmp_path):
    """A stat each poll; the file is read again only when its stamp changes."""
    from meeting_tui.files.opening import open_session
    from meeting_tui.files.session_toml import dumps

    _a, session, path, digest = open_session(str(agenda), None, None)
    write_atomic(path, dumps(session, str(agenda), digest))
    watcher = SessionWatcher(path)
    first = watcher.load().session
    assert watcher.poll() is False and watcher.state.session is first
    session.take_up_next()
    write_atomic(path, dumps(session, str(agenda), digest))
    assert watcher.poll() is True
    assert watcher.state.session is not first and watcher.state.session.current == "1"
    os.utime(agenda)  # the agenda touched: read again, same items
    assert watcher.poll() is True and watcher.state.problem is None


def test_drafts_are_not_followed(agenda, tmp_path):
    """Drafts are the secretary's work in progress: not counted, not listed."""
    from meeting_tui.files.opening import open_session
    from meeting_tui.files.session_toml import dumps

    _a, session, path, digest = open_session(str(agenda), None, None)
    session.take_up_next()
    session.add_decision("1", "A draft.")
    final = session.add_decision("1", "Adopted the agenda.")
    session.toggle_final("1", final.id)
    write_atomic(path, dumps(session, str(agenda), digest))
    followed = SessionWatcher(path).load().session
    assert followed is not None
    assert [d.text for d in followed.state("1").decisions] == ["Adopted the agenda."]
    assert followed.counts("1") == (0, 1)
    assert SessionWatcher(path, drafts=True).load().session.counts("1") == (1, 1)


@pytest.mark.parametrize("source", [SEPTEMBER, NOVEMBER], ids=["september", "november"])
def test_follow_sizes_keep_the_title(source, tmp_path):
    """Nothing important is cut at 80x24: the whole current title, its clock, the
    current item in the tree."""
    agenda = tmp_path / source.name
    agenda.write_bytes(source.read_bytes())
    from meeting_tui.files.opening import open_session
    from meeting_tui.files.session_toml import dumps

    _a, session, path, digest = open_session(str(agenda), None, None)
    for _ in range(4):
        session.take_up_next()
    write_atomic(path, dumps(session, str(agenda), digest))
    title = session.item(session.current).title

    async def check() -> None:
        app = FollowApp(SessionWatcher(path), poll=None, tick=False)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            now = " ".join(widget_text(app.query_one("#now-text")).split())
            assert " ".join(title.split()) in now
            tree = app.query_one(FollowTree)
            assert tree.cursor_node is not None and tree.cursor_node.data == session.current
            assert "▶" in widget_text(tree)

    asyncio.run(check())


def test_unexpected_load_error_is_a_problem_not_a_crash(agenda, tmp_path, monkeypatch):
    """Whatever a hand-edited file does to the loader, the view stays up and says so."""
    import meeting_tui.files.watcher as follow
    from meeting_tui.core.errors import InputError
    from meeting_tui.files.opening import open_session
    from meeting_tui.files.session_toml import dumps

    _a, session, path, digest = open_session(str(agenda), None, None)
    write_atomic(path, dumps(session, str(agenda), digest))
    watcher = SessionWatcher(path)
    first = watcher.load().session

    def broken(*_args, **_kwargs):
        raise ValueError("odd")

    monkeypatch.setattr(follow, "build", broken)
    session.take_up_next()
    write_atomic(path, dumps(session, str(agenda), digest))
    assert watcher.poll() is True
    assert watcher.state.session is first
    assert "cannot be loaded (ValueError: odd)" in (watcher.state.problem or "")
    with pytest.raises(InputError):
        SessionWatcher(path).load()


async def test_decision_blocks_are_kept_when_unchanged(agenda, tmp_path):
    """A change redraws only the blocks it changes: a long meeting's list is not laid
    out again on every save."""
    from meeting_tui.files.opening import open_session
    from meeting_tui.files.session_toml import dumps

    _a, session, path, digest = open_session(str(agenda), None, None)

    def save() -> None:
        write_atomic(path, dumps(session, str(agenda), digest))

    for _ in range(3):
        session.take_up_next()
        decision = session.add_decision(session.current, f"Took note of {session.current}.")
        session.toggle_final(session.current, decision.id)
    save()
    app = FollowApp(SessionWatcher(path), poll=None, tick=False)
    async with app.run_test(size=(100, 30)) as pilot:
        before = {block.id: widget for block, widget in app._blocks.values()}
        assert len(before) == 4  # the count line and three items
        decision = session.add_decision(session.current, "Agreed to continue.")
        session.toggle_final(session.current, decision.id)
        save()
        assert app.watcher.poll()
        await app.show_state()
        await pilot.pause()
        after = {block.id: widget for block, widget in app._blocks.values()}
        assert after.keys() == before.keys()
        kept = [i for i in after if after[i] is before[i]]
        assert len(kept) == 4  # the same widgets; two of them updated in place
        assert "2. Agreed to continue." not in decisions_text(app)
        assert "4. Agreed to continue." in decisions_text(app)

