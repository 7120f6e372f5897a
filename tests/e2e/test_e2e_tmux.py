"""End to end: the installed `meeting-tui` in a real terminal (tmux), killed and restarted.

The secretary starts the meeting, adds a decision and types it; two seconds later the
process dies with SIGKILL (no chance to save on the way out). Started again on the same
agenda, the app shows the text and the session file holds it.

Runs whenever tmux is installed (CI installs it). Every wait polls with a generous
timeout, so a loaded machine only makes the test slower, not flaky.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
import tomllib
from pathlib import Path

from helpers.tmux import (
    AGENDA,
    DECISION,
    FIRST_ITEM,
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


def test_typed_decision_survives_sigkill(tmux: Tmux, tmp_path: Path) -> None:
    command = installed_command()
    assert command.exists(), f"meeting-tui is not installed beside {sys.executable}"
    agenda = tmp_path / AGENDA.name
    shutil.copyfile(AGENDA, agenda)
    session_file = tmp_path / f"{agenda.stem}.session.toml"
    argv = [str(command), agenda.name]

    tmux.start(argv, "first")
    wait_for_text(tmux, MEETING_TITLE, FIRST_SCREEN_TIMEOUT)
    wait_for_text(tmux, "not started")

    tmux.send_keys("n")  # takes up item 1 and starts the meeting
    wait_for_text(tmux, "running")
    tmux.send_keys("a")  # a new decision on the selected item; the editor has focus
    wait_for_text(tmux, "Draft decision")
    tmux.send_text(DECISION)
    wait_for_text(tmux, DECISION)
    time.sleep(2.0)  # the autosave promise: on disk within a second of the last key

    pid = app_pid(tmux)
    os.kill(pid, signal.SIGKILL)
    assert tmux.wait_exit("first", "the app to die") == 128 + signal.SIGKILL
    assert DECISION in decisions_in(session_file), "not saved before the kill"

    # Started again on the same agenda: it resumes from the session file.
    tmux.respawn(argv, "second")
    wait_for_text(tmux, MEETING_TITLE, FIRST_SCREEN_TIMEOUT)
    wait_for_text(tmux, DECISION)
    screen = tmux.screen()
    assert "running" in screen, screen  # the meeting clock was running when it died

    assert DECISION in decisions_in(session_file)
    doc = tomllib.loads(session_file.read_text(encoding="utf-8"))
    assert doc["current"] == FIRST_ITEM
    assert doc["items"][FIRST_ITEM]["decisions"][0]["text"] == DECISION

    # And it still quits cleanly: q asks about the running clock, p pauses and quits.
    tmux.send_keys("q")
    wait_for_text(tmux, "Pause and quit")
    tmux.send_keys("p")
    assert tmux.wait_exit("second", "the app to quit") == 0
    doc = tomllib.loads(session_file.read_text(encoding="utf-8"))
    assert all("end" in span for span in doc["meeting"]["spans"]), doc["meeting"]
    assert doc["items"][FIRST_ITEM]["decisions"][0]["text"] == DECISION


def test_a_key_right_after_escape_acts_in_tmux(tmux: Tmux, tmp_path: Path) -> None:
    """tmux's default escape-time (500 ms) joins escape and the next key into alt+key:
    escape n leaves the editor and takes up the next item; "escape a" in one burst
    starts the next decision, and the text after it lands there; in the plan dialog,
    escape n cancels it and takes up the next item."""
    agenda = tmp_path / AGENDA.name
    shutil.copyfile(AGENDA, agenda)
    session_file = tmp_path / f"{agenda.stem}.session.toml"
    tmux.start([str(installed_command()), agenda.name], "escape")
    wait_for_text(tmux, MEETING_TITLE, FIRST_SCREEN_TIMEOUT)
    assert tmux.run("show-options", "-s", "escape-time").stdout.split() == [
        "escape-time", "500"]  # tmux's default, as a user has it

    tmux.send_keys("n")
    wait_for_text(tmux, "running")
    tmux.send_keys("a")
    wait_for_text(tmux, "Draft decision")
    tmux.send_text("Agreed.")
    tmux.send_keys("Escape", "n")  # one write: the app reads escape and n together
    wait_for_text(tmux, "Now: 2 ")
    tmux.send_keys("p")
    wait_for_text(tmux, "Now: 1 ")
    tmux.send_text("a")
    wait_for_text(tmux, "Draft decision")
    tmux.send_text("Noted the report.\x1baThird, in the same burst.\x1bf")
    wait_for_text(tmux, "[final] Third, in the same burst.")

    def saved() -> bool:
        return decisions_in(session_file) == ["Agreed.", "Noted the report.",
                                              "Third, in the same burst."]

    wait_until(saved, STEP_TIMEOUT, "the three decisions saved", tmux)

    # In a dialog too: escape closes it, and the key acts below (nothing typed into it).
    tmux.send_keys("t")
    wait_for_text(tmux, "Planned time for")
    tmux.send_text("15\x1bn")
    wait_for_text(tmux, "Now: 2 ")
    screen = tmux.screen()
    assert "Planned time for" not in screen and "15n" not in screen, screen
    wait_until(lambda: tomllib.loads(session_file.read_text(encoding="utf-8"))
               .get("current") == "2", STEP_TIMEOUT, "item 2 taken up and saved", tmux)
    assert "planned_minutes" not in session_file.read_text(encoding="utf-8")
    tmux.send_keys("q")
    wait_for_text(tmux, "Pause and quit")
    tmux.send_keys("p")
    assert tmux.wait_exit("escape", "the app to quit") == 0
