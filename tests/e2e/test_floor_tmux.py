"""End to end: a speech under way survives SIGKILL, to the second.

The secretary takes up the first item, puts a speaker on its list and gives them the
floor (g); a few seconds into the speech the process dies with SIGKILL. Started again,
the app shows the same speaker with the floor, their time counted from the moment the
floor was given (the speech's span is in the file from the first save); the floor given
again ends that speech with the time that really passed, in one span.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import sys
import time
import tomllib
from datetime import datetime
from pathlib import Path

from helpers.tmux import (
    AGENDA,
    FIRST_SCREEN_TIMEOUT,
    MEETING_TITLE,
    Tmux,
    app_pid,
    installed_command,
    wait_for_text,
    wait_until,
)

SPEAKER = "Ms Dourthe"
STRIP = re.compile(rf"Floor {SPEAKER}\s+(\d+):(\d\d)\b")


def speeches(session_file: Path) -> list[dict]:
    try:
        doc = tomllib.loads(session_file.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return []
    return [s for item in doc.get("items", {}).values() for s in item.get("speeches", [])]


def shown_seconds(tmux: Tmux) -> tuple[int, float]:
    """The speaker's time on the strip, and when the screen was read."""
    screen = tmux.screen()
    at = time.time()
    found = STRIP.search(screen)
    assert found, screen
    return int(found[1]) * 60 + int(found[2]), at


def test_a_speech_survives_sigkill_to_the_second(tmux: Tmux, tmp_path: Path) -> None:
    command = installed_command()
    assert command.exists(), f"meeting-tui is not installed beside {sys.executable}"
    agenda = tmp_path / AGENDA.name
    shutil.copyfile(AGENDA, agenda)
    session_file = tmp_path / f"{agenda.stem}.session.toml"
    argv = [str(command), agenda.name]

    tmux.start(argv, "first")
    wait_for_text(tmux, MEETING_TITLE, FIRST_SCREEN_TIMEOUT)
    tmux.send_keys("n")  # item 1 taken up, the meeting's clock running
    wait_for_text(tmux, "running")
    tmux.send_keys("S")
    wait_for_text(tmux, "List of speakers")
    tmux.send_text(SPEAKER)
    tmux.send_keys("Enter")
    wait_for_text(tmux, f"1. {SPEAKER}")
    tmux.send_keys("Escape")
    wait_for_text(tmux, "Floor free")
    given_before = time.time()
    tmux.send_keys("g")
    wait_for_text(tmux, f"Floor {SPEAKER}")
    given_after = time.time()
    wait_until(lambda: any(s.get("spans") for s in speeches(session_file)), 5.0,
               "the speech in the session file", tmux)
    start = speeches(session_file)[0]["spans"][0]["start"]
    assert isinstance(start, datetime)
    assert given_before - 1 <= start.timestamp() <= given_after + 1
    time.sleep(3.0)

    os.kill(app_pid(tmux), signal.SIGKILL)
    assert tmux.wait_exit("first", "the app to die") == 128 + signal.SIGKILL
    killed = time.time()
    [speech] = speeches(session_file)
    assert "end" not in speech["spans"][-1] and not speech.get("done"), speech
    time.sleep(2.0)

    tmux.respawn(argv, "second")
    wait_for_text(tmux, MEETING_TITLE, FIRST_SCREEN_TIMEOUT)
    wait_for_text(tmux, f"Floor {SPEAKER}")
    time.sleep(1.2)  # a tick after the first screen
    shown, at = shown_seconds(tmux)
    expected = at - start.timestamp()  # the crash's seconds count: the meeting ran on
    assert expected > killed - start.timestamp()
    assert abs(shown - expected) <= 1.5, (shown, expected)

    tmux.send_keys("g")  # nobody waits: the speech ends
    ended = time.time()
    wait_until(lambda: any(s.get("done") for s in speeches(session_file)), 5.0,
               "the speech ended in the session file", tmux)
    [speech] = speeches(session_file)
    assert len(speech["spans"]) == 1, speech  # one span: the crash split nothing
    span = speech["spans"][0]
    assert span["start"] == start
    assert abs(span["end"].timestamp() - ended) <= 1.0
    tmux.send_keys("q")
    wait_for_text(tmux, "Pause and quit")
    tmux.send_keys("p")
    assert tmux.wait_exit("second", "the app to quit") == 0
