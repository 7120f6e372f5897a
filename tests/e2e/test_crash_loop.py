"""The crash promise, with real processes: at most the last second of typing is lost.

The installed app runs in tmux (its own server socket). Each round starts it on the
same session, opens a new decision and types into it at a steady pace, then kills
the app with SIGKILL at a random moment. After every round the session file must
parse and load, and hold every character typed more than one second before the kill,
and nothing that was not typed; the earlier rounds' text must be intact. A version
left by a crash in a temporary file is offered at the next start: the test accepts it
(the prompt is a real terminal question) and the same checks apply.

ROUNDS rounds (30; MEETING_TUI_CRASH_ROUNDS changes it), seeded by
MEETING_TUI_CRASH_SEED (random unless set; printed on failure). Every wait has a
timeout and the whole loop a deadline, so it cannot hang.
"""

from __future__ import annotations

import os
import random
import signal
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers.session_files import parse_document
from helpers.tmux import FIRST_SCREEN_TIMEOUT, STEP_TIMEOUT, Tmux, app_pid, installed_command

from meeting_tui.files.agenda_file import load_agenda
from meeting_tui.files.durable import backup_path
from meeting_tui.files.session_reading import build

ROUNDS = int(os.environ.get("MEETING_TUI_CRASH_ROUNDS", "30"))
SEED = int(os.environ.get("MEETING_TUI_CRASH_SEED", str(random.SystemRandom().randrange(10**6))))
DEADLINE = 60 + 8 * ROUNDS  # seconds for the whole loop; about 3 s a round is usual
PACE = 0.03  # seconds between two characters: a steady 33 characters a second
MARGIN = 1.0  # the promise: text typed more than this long before the kill is on disk
TITLE = "Crash loop meeting"
AGENDA_TEXT = f"{TITLE}\n\n1. Opening\n2. Reports\n3. Close\n"
WORDS = ("the", "committee", "adopted", "decided", "noted", "agreed", "to", "resume",
         "examine", "café", "Unterschied", "réunion", "4711", "items", "&", "notes:",
         "'quoted'", '"double"', "back\\slash")


@dataclass
class Round:
    number: int
    typed: str = ""  # everything sent
    sent_at: list[float] = field(default_factory=list)  # when each character was sent
    killed_at: float = 0.0
    recovered: bool = False

    @property
    def tag(self) -> str:
        return f"R{self.number:02d} "

    def before(self, moment: float) -> str:
        """What was typed before ``moment``."""
        return "".join(c for c, t in zip(self.typed, self.sent_at, strict=True) if t < moment)


def text_for(rng: random.Random, tag: str) -> str:
    words = [rng.choice(WORDS) for _ in range(60)]
    return tag + " ".join(words)


def wait_for(tmux: Tmux, *texts: str, timeout: float = STEP_TIMEOUT) -> str:
    """Wait until one of ``texts`` is on the screen; returns which."""
    deadline = time.monotonic() + timeout
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux.screen()
        for text in texts:
            if text in screen:
                return text
        time.sleep(0.02)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {texts}; seed {SEED}; "
                f"screen:\n{screen}")


def decisions(session_file: Path, agenda) -> list[str]:
    """The decisions in the file, which must be a complete session file that loads."""
    data = session_file.read_bytes()
    tomllib.loads(data.decode("utf-8"))  # parses
    session = build(parse_document(data, session_file), agenda, session_file).session
    return [d.text for state in session.states.values() for d in state.decisions]


def test_sigkill_at_random_moments_loses_at_most_the_last_second(tmux: Tmux, tmp_path: Path):
    rng = random.Random(SEED)
    command = installed_command()
    assert command.exists(), f"meeting-tui is not installed beside {command.parent}"
    agenda_path = tmp_path / "crash.txt"
    agenda_path.write_text(AGENDA_TEXT, encoding="utf-8")
    agenda = load_agenda(agenda_path)
    session_file = tmp_path / "crash.session.toml"
    argv = [str(command), agenda_path.name]
    started = time.monotonic()
    kept: dict[str, str] = {}  # tag -> the text the file held after its round
    rounds: list[Round] = []
    lost: list[float] = []  # seconds of typing lost in each round (at most MARGIN)

    for number in range(ROUNDS):
        assert time.monotonic() - started < DEADLINE, (
            f"the crash loop is too slow: {number} rounds in {DEADLINE} s (seed {SEED})")
        r = Round(number)
        run = f"round{number}"
        if number == 0:
            tmux.start(argv, run)
        else:
            tmux.respawn(argv, run)
        # A fresh start shows the title; after a kill it also says it took over the lock,
        # and a version left in a temporary file is offered first.
        ready = "Took over the lock" if number else TITLE
        seen = wait_for(tmux, ready, "Use it? [Y/n]", timeout=FIRST_SCREEN_TIMEOUT)
        if seen.startswith("Use it"):
            r.recovered = True
            tmux.send_keys("y", "Enter")
            wait_for(tmux, ready, timeout=FIRST_SCREEN_TIMEOUT)
        pid = app_pid(tmux)
        tmux.send_keys("a")
        wait_for(tmux, "─ Decision ")
        r.typed = text_for(rng, r.tag)
        kill_after = rng.uniform(0.1, 2.5)
        begin = time.monotonic()
        typed = ""
        for char in r.typed:
            if time.monotonic() - begin >= kill_after:
                break
            tmux.send_text(char)
            typed += char
            r.sent_at.append(time.monotonic())
            time.sleep(max(0.0, PACE - (time.monotonic() - r.sent_at[-1])))
        r.typed = typed
        screen_at_kill = tmux.screen()
        os.kill(pid, signal.SIGKILL)
        r.killed_at = time.monotonic()
        assert tmux.wait_exit(run, "the app to die") == 128 + signal.SIGKILL
        rounds.append(r)

        texts = decisions(session_file, agenda)
        for tag, text in kept.items():  # the earlier rounds' text is intact
            # A version recovered from a temporary file may hold more of what that
            # round typed than the file did after it; never less, never other text.
            now = [t for t in texts if t.startswith(tag)]
            typed = next(earlier.typed for earlier in rounds if earlier.tag == tag)
            assert len(now) == 1 and now[0].startswith(text) and typed.startswith(now[0]), (
                f"round {number}: the text of {tag!r} changed or went missing "
                f"(seed {SEED}): {texts}")
            kept[tag] = now[0]
        mine = [t for t in texts if t.startswith(r.tag)]
        must = r.before(r.killed_at - MARGIN)
        assert len(mine) <= 1
        saved = mine[0] if mine else ""
        assert r.typed.startswith(saved), (
            f"round {number}: the file holds text that was not typed (seed {SEED}): {saved!r}")
        assert saved.startswith(must), (
            f"round {number}: typed more than {MARGIN} s before the kill but not saved "
            f"(seed {SEED}): {must[len(saved):]!r}; saved {saved!r}; "
            f"screen:\n{screen_at_kill}\nfile:\n{session_file.read_text()}")
        if saved:
            kept[r.tag] = saved
        missing = r.typed[len(saved):]
        lost.append(r.killed_at - r.sent_at[len(saved)] if missing else 0.0)

    elapsed = time.monotonic() - started
    assert len(rounds) == ROUNDS
    assert backup_path(session_file).exists()
    print(f"\ncrash loop: {ROUNDS} rounds in {elapsed:.0f} s (seed {SEED}); "
          f"{sum(len(r.typed) for r in rounds)} characters typed; at most "
          f"{max(lost):.2f} s of typing lost in a round; "
          f"{sum(r.recovered for r in rounds)} versions recovered from a temporary file")
