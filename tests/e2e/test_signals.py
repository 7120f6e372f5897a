"""End to end: a signal that ends the app (SIGHUP when an SSH connection drops, SIGTERM
from a shutdown or `kill`, SIGINT from `kill -INT`) first writes what is pending.

Typing is saved at most 0.4 s after the first unsaved key, so text typed just before
the signal is still only in memory: the app must write it on the way out. Each test
types a decision, sends the signal within 0.2 s of the last key, and reads the file.
The SSH case closes the terminal itself (the tmux server goes, its pane with it): the
kernel sends SIGHUP, and the app has no terminal left to draw on.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from helpers.tmux import (
    AGENDA,
    DECISION,
    FIRST_SCREEN_TIMEOUT,
    MEETING_TITLE,
    STEP_TIMEOUT,
    Tmux,
    app_pid,
    decisions_in,
    installed_command,
    wait_for_text,
    wait_until,
)

SOON = 0.1  # seconds from the last key to the signal: well inside the 0.4 s of typing


def _type_a_decision(tmux: Tmux, tmp_path: Path, run: str) -> tuple[Path, int]:
    agenda = tmp_path / AGENDA.name
    shutil.copyfile(AGENDA, agenda)
    session_file = tmp_path / f"{agenda.stem}.session.toml"
    tmux.start([str(installed_command()), agenda.name], run)
    wait_for_text(tmux, MEETING_TITLE, FIRST_SCREEN_TIMEOUT)
    tmux.send_keys("n")
    wait_for_text(tmux, "running")
    tmux.send_keys("a")
    wait_for_text(tmux, "Draft decision")
    pid = app_pid(tmux)
    time.sleep(1.0)  # the new, empty decision is saved: only the typing is pending
    tmux.send_text(DECISION)
    time.sleep(SOON)
    return session_file, pid


def _gone(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat[stat.rindex(")") + 2] == "Z"  # ended, not yet reaped


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT],
                         ids=["SIGHUP", "SIGTERM", "SIGINT"])
def test_a_signal_writes_what_is_pending(tmux: Tmux, tmp_path: Path, signum: int) -> None:
    session_file, pid = _type_a_decision(tmux, tmp_path, "signalled")
    os.kill(pid, signum)
    status = tmux.wait_exit("signalled", "the app to end")
    assert DECISION in decisions_in(session_file), "the text typed was lost"
    assert status == 128 + signum  # ended by the signal, as a shell tells it


def test_a_dropped_terminal_writes_what_is_pending(tmux: Tmux, tmp_path: Path) -> None:
    session_file, pid = _type_a_decision(tmux, tmp_path, "dropped")
    tmux.kill_server()  # the pane's terminal is closed: the kernel sends SIGHUP
    wait_until(lambda: _gone(pid), STEP_TIMEOUT, "the app to end")
    assert DECISION in decisions_in(session_file), "the text typed was lost"
