"""One writer per session file: the lock, with real processes.

A holder is a separate Python process (or the installed app in tmux); the second
instance is the installed `meeting-tui` command, as a user would start it.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from helpers.tmux import (
    FIRST_SCREEN_TIMEOUT,
    Tmux,
    app_pid,
    installed_command,
    wait_for_text,
    wait_until,
)

from meeting_tui.core.errors import InputError
from meeting_tui.files.lock import Locked, SessionLock, info_path, lock_path, read_holder
from meeting_tui.files.opening import open_meeting
from meeting_tui.files.session_toml import dumps

AGENDA_TEXT = """\
Lock test meeting

1. Opening
2. Reports
3. Budget
"""

HOLDER = textwrap.dedent("""\
    import sys, time
    from meeting_tui.files.lock import SessionLock
    lock = SessionLock(sys.argv[1])
    lock.acquire()
    print("held", flush=True)
    time.sleep(600)
""")


@pytest.fixture
def agenda(tmp_path: Path) -> Path:
    path = tmp_path / "lock.txt"
    path.write_text(AGENDA_TEXT, encoding="utf-8")
    return path


def session_of(agenda: Path) -> Path:
    return agenda.with_name("lock.session.toml")


def start_holder(session: Path) -> subprocess.Popen[str]:
    """Another process holding the session's lock."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(session)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def never_ask(question: str, default: bool) -> bool | None:
    raise AssertionError(question)


def test_a_second_lock_in_the_same_process_is_refused(tmp_path):
    path = tmp_path / "s.session.toml"
    first = SessionLock(path)
    assert first.acquire() is None
    with pytest.raises(Locked) as info:
        SessionLock(path).acquire()
    holder = info.value.holder
    assert holder.pid == os.getpid()
    assert holder.host == socket.gethostname()
    assert holder.since is not None
    first.release()
    assert not info_path(path).exists()
    second = SessionLock(path)
    assert second.acquire() is None  # released: free again, nothing taken over
    second.release()


def test_a_file_system_without_flock_is_said_in_one_line(agenda, monkeypatch):
    import errno

    import meeting_tui.files.lock as lock_module

    def no_flock(fd: int, operation: int) -> None:
        raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(lock_module.fcntl, "flock", no_flock)
    with pytest.raises(InputError) as info:
        open_meeting(str(agenda), None, None, ask=never_ask)
    message = str(info.value)
    assert "\n" not in message
    assert str(lock_path(session_of(agenda))) in message
    assert "does not lock files" in message and "--read-only" in message
    assert not session_of(agenda).exists()  # nothing written without the lock


def test_a_symlink_planted_at_the_lock_is_not_followed(agenda):
    victim = agenda.with_name("victim.txt")
    victim.write_text("keep me\n", encoding="utf-8")
    lock_path(session_of(agenda)).symlink_to(victim)
    with pytest.raises(InputError) as info:
        open_meeting(str(agenda), None, None, ask=never_ask)
    assert "cannot take the lock" in str(info.value)
    assert "symbolic link" in str(info.value)
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_a_child_process_does_not_keep_the_lock(tmp_path):
    """A program the app starts (the clipboard's xclip, an opener) may outlive it: the
    lock must not go with it."""
    path = tmp_path / "s.session.toml"
    lock = SessionLock(path)
    lock.acquire()
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                             close_fds=False)
    try:
        lock.release()
        again = SessionLock(path)
        assert again.acquire() is None  # free though the child still runs
        again.release()
    finally:
        child.kill()
        child.wait()


def test_a_second_instance_says_who_holds_the_session_and_does_not_write(agenda):
    session = session_of(agenda)
    opened = open_meeting(str(agenda), None, None, ask=never_ask)
    opened.session.add_decision("1", "first instance")
    opened.file.save(dumps(opened.session, str(agenda), opened.digest))
    opened.lock.release()
    before = session.read_bytes()
    holder = start_holder(session)
    try:
        result = subprocess.run([str(installed_command()), str(agenda)], capture_output=True,
                                text=True, stdin=subprocess.DEVNULL, timeout=60)
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 2
    err = result.stderr
    assert err.count("\n") == 1, err
    assert f"process {holder.pid}" in err
    assert f"on {socket.gethostname()}" in err
    assert "since " in err
    assert "--read-only" in err
    assert "Traceback" not in err
    assert session.read_bytes() == before


def test_a_lock_left_by_a_killed_process_is_taken_over(agenda):
    session = session_of(agenda)
    holder = start_holder(session)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    left = read_holder(session)
    assert left is not None and left.pid == holder.pid  # it could not clean up
    assert lock_path(session).exists()
    opened = open_meeting(str(agenda), None, None, ask=never_ask)
    try:
        assert opened.lock is not None and opened.lock.held
        assert any(f"left by process {holder.pid}" in note and "no longer running" in note
                   for note in opened.notes)
        assert read_holder(session).pid == os.getpid()
        # and it is ours now: another process cannot take it
        probe = subprocess.run(
            [sys.executable, "-c", HOLDER.replace("time.sleep(600)", ""), str(session)],
            capture_output=True, text=True, timeout=60)
        assert probe.returncode != 0 and "Locked" in probe.stderr
    finally:
        opened.lock.release()


def test_the_offer_to_open_read_only(agenda):
    session = session_of(agenda)
    holder = start_holder(session)
    questions = []

    def yes(question: str, default: bool) -> bool:
        questions.append((question, default))
        return True

    try:
        opened = open_meeting(str(agenda), None, None, ask=yes)
    finally:
        holder.kill()
        holder.wait()
    [(question, default)] = questions
    assert f"process {holder.pid}" in question and "read-only" in question
    assert default is False
    assert opened.read_only and opened.lock is None and opened.file is None
    assert not session.exists()


# ------------------------------------------------------------------ two apps in tmux


def test_two_apps_on_one_file(tmux: Tmux, agenda: Path):
    """The first app writes; the second, started on a terminal, names the first, opens
    read-only when the user says yes, refuses changes, and never writes the file."""
    session = session_of(agenda)
    command = str(installed_command())
    tmux.start([command, agenda.name], "first")
    wait_for_text(tmux, "Lock test meeting", FIRST_SCREEN_TIMEOUT)
    tmux.send_keys("a")
    wait_for_text(tmux, "Draft decision")
    tmux.send_text("Written by the first")
    wait_until(lambda: session.exists() and "Written by the first" in session.read_text(),
               10, "the first app to save")
    first_pid = app_pid(tmux)

    second = Tmux(tmux.socket, tmux.cwd)
    second.target = "e2e:second"
    tmux.run("new-window", "-d", "-t", "e2e", "-n", "second", "-c", str(tmux.cwd),
             second.shell_command([command, agenda.name], "second"))
    wait_for_text(second, "Open it read-only?", FIRST_SCREEN_TIMEOUT)
    screen = second.screen()
    assert f"process {first_pid}" in screen.replace("\n", ""), screen
    second.send_keys("y", "Enter")
    wait_for_text(second, "Read-only:", FIRST_SCREEN_TIMEOUT)
    wait_for_text(second, "Written by the first")
    before = session.read_bytes()
    second.send_keys("a", "n", "space")  # refused: no editor opens, the clock stays
    time.sleep(0.5)
    screen = second.screen()
    assert "Draft decision" not in screen and "not started" in screen, screen
    second.send_keys("q")
    assert second.wait_exit("second", "the read-only app to quit") == 0
    assert session.read_bytes() == before

    # The first goes on writing.
    tmux.send_text(", still")
    wait_until(lambda: "Written by the first, still" in session.read_text(), 10,
               "the first app to save again", tmux)
    tmux.send_keys("Escape")  # alone: an escape followed at once by q would read as alt+q
    wait_until(lambda: "Draft decision" not in tmux.screen(), 10, "the editor to close", tmux)
    tmux.send_keys("q")
    assert tmux.wait_exit("first", "the first app to quit") == 0
    assert not info_path(session).exists()
