"""The crash promise, with real processes, on a busy machine: what was on the screen
more than a second before a SIGKILL is in the session file.

The installed app runs in tmux (its own server socket) while LOAD busy loops (2; the
development machine has 2 cores) keep the CPUs busy. Each round starts the app on the
same session, opens a new decision, pastes a long text into it (thousands of
characters, as a decision copied from a draft is) and types on at a steady pace, then
kills the app with SIGKILL at a random moment up to KILL_WITHIN seconds after the
paste. Every word carries a number (``café#57``), and the screen is read over and
over while typing: what is checked is what the screen showed, not what was sent, since
a loaded machine shows keys later than they were typed. After every round the session
file must parse and load; it must hold every word the screen showed more than MARGIN
before the kill, and nothing that was not typed; the earlier rounds' text must be
intact. A version left by a crash in a temporary file is offered at the next start:
the test accepts it (the prompt is a real terminal question) and the same checks apply.

ROUNDS rounds (12, about a minute and a half; MEETING_TUI_CRASH_ROUNDS changes it,
MEETING_TUI_CRASH_LOAD the busy loops), seeded by MEETING_TUI_CRASH_SEED (random
unless set; printed on failure). The busy loops end on their own at the deadline and
are killed when the test ends; every wait has a timeout, so it cannot hang. The
figures (rounds, words due, words lost, the load) are printed at the end.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers.session_files import parse_document
from helpers.tmux import FIRST_SCREEN_TIMEOUT, STEP_TIMEOUT, Tmux, app_pid, installed_command

from meeting_tui.files.agenda_file import load_agenda
from meeting_tui.files.durable import backup_path
from meeting_tui.files.session_reading import build

ROUNDS = int(os.environ.get("MEETING_TUI_CRASH_ROUNDS", "12"))
LOAD = int(os.environ.get("MEETING_TUI_CRASH_LOAD", "2"))  # busy loops beside the app
SEED = int(os.environ.get("MEETING_TUI_CRASH_SEED", str(random.SystemRandom().randrange(10**6))))
DEADLINE = 60 + 16 * ROUNDS  # seconds for the whole loop; about 8 s a round is usual
KILL_WITHIN = 8.0  # the kill comes at a random moment up to this long after the paste
PASTED = (2000, 5000)  # characters pasted at the start of each round
PACE = 0.03  # seconds between two typed characters: a steady 33 characters a second
LOOK_EVERY = 0.1  # seconds between two reads of the screen while typing
MARGIN = 1.0  # the promise: what was on the screen this long before the kill is on disk
TITLE = "Crash loop meeting"
AGENDA_TEXT = f"{TITLE}\n\n1. Opening\n2. Reports\n3. Close\n"
WORDS = ("the", "committee", "adopted", "decided", "noted", "agreed", "to", "resume",
         "examine", "café", "Unterschied", "réunion", "4711", "items", "&", "notes:",
         "'quoted'", '"double"', "back\\slash")
# A word's number as the screen shows it, once the word is whole (a space or the end of
# a row after it); a word cut short reads as a smaller number, never a larger one.
NUMBERED = re.compile(r"#(\d+)(?=\s|$)", re.MULTILINE)


class Words:
    """Numbered words, the numbers rising through the whole test, so the largest number
    on the screen says how far the text shown goes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.count = 0

    def text(self, length: int, paragraphs: bool = False) -> tuple[str, dict[int, int]]:
        """About ``length`` characters of words; and where each word's number ends."""
        text, ends = "", {}
        while len(text) < length:
            if text:
                text += "\n\n" if paragraphs and self.rng.random() < 0.03 else " "
            self.count += 1
            text += f"{self.rng.choice(WORDS)}#{self.count}"
            ends[self.count] = len(text)
        return text, ends


@dataclass
class Round:
    number: int
    text: str = ""  # everything pasted and typed, in order
    ends: dict[int, int] = field(default_factory=dict)  # word number -> its end in text
    first_word: int = 0  # the number of the round's first word
    sent: int = 0  # characters of text sent
    looks: list[tuple[float, int]] = field(default_factory=list)  # (read by, largest word)
    killed_at: float = 0.0
    recovered: bool = False

    @property
    def tag(self) -> str:
        return f"R{self.number:02d} "

    def shown_by(self, moment: float) -> str:
        """The text the screen showed, read back no later than ``moment``."""
        shown = [word for at, word in self.looks if at <= moment and word >= self.first_word]
        return self.text[:self.ends[max(shown)]] if shown else ""

    def words_in(self, text: str) -> int:
        return sum(1 for end in self.ends.values() if end <= len(text))


@contextmanager
def busy_loops(count: int, seconds: float) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``count`` processes that keep a CPU busy for ``seconds`` at most, killed when the
    block ends."""
    code = f"import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end: pass"
    loops = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(count)]
    try:
        yield loops
    finally:
        for loop in loops:
            loop.kill()
        for loop in loops:
            loop.wait(10)


class Looker:
    """Reads the screen over and over on its own thread while a round types: when each
    read came back and the largest word number on it."""

    def __init__(self, tmux: Tmux, into: list[tuple[float, int]]) -> None:
        self.tmux = tmux
        self.into = into
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self.stop.is_set():
            screen = self.tmux.screen()
            numbers = [int(n) for n in NUMBERED.findall(screen)]
            self.into.append((time.monotonic(), max(numbers, default=0)))
            self.stop.wait(LOOK_EVERY)

    def __enter__(self) -> Looker:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(STEP_TIMEOUT)


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


def play(tmux: Tmux, r: Round, rng: random.Random, words: Words) -> None:
    """Paste the round's long text, then type on until the kill is due."""
    pasted, ends = words.text(rng.randint(*PASTED), paragraphs=True)
    r.first_word = min(ends)
    r.text = r.tag + pasted
    r.ends = {n: len(r.tag) + end for n, end in ends.items()}
    kill_after = rng.uniform(0.1, KILL_WITHIN)
    typed, ends = words.text(int(KILL_WITHIN / PACE) + 50)
    with Looker(tmux, r.looks):
        begin = time.monotonic()
        tmux.paste(r.text)
        r.sent = len(r.text)
        r.text += " "
        r.ends.update({n: len(r.text) + end for n, end in ends.items()})
        r.text += typed
        while time.monotonic() - begin < kill_after and r.sent < len(r.text):
            at = time.monotonic()
            tmux.send_text(r.text[r.sent])
            r.sent += 1
            time.sleep(max(0.0, PACE - (time.monotonic() - at)))
        r.text = r.text[:r.sent]
        r.ends = {n: end for n, end in r.ends.items() if end <= r.sent}


def test_sigkill_under_load_keeps_what_was_on_screen_a_second_before(
        tmux: Tmux, tmp_path: Path) -> None:
    rng = random.Random(SEED)
    words = Words(rng)
    command = installed_command()
    assert command.exists(), f"meeting-tui is not installed beside {command.parent}"
    agenda_path = tmp_path / "crash.txt"
    agenda_path.write_text(AGENDA_TEXT, encoding="utf-8")
    agenda = load_agenda(agenda_path)
    session_file = tmp_path / "crash.session.toml"
    argv = [str(command), agenda_path.name]
    kept: dict[str, str] = {}  # tag -> the text the file held after its round
    rounds: list[Round] = []
    due = lost = 0  # words on the screen more than MARGIN before a kill; of them not saved
    shortfalls: list[str] = []
    loads: list[float] = []

    with busy_loops(LOAD, DEADLINE):
        started = time.monotonic()
        for number in range(ROUNDS):
            assert time.monotonic() - started < DEADLINE, (
                f"the crash loop is too slow: {number} rounds in {DEADLINE} s (seed {SEED})")
            r = Round(number)
            run = f"round{number}"
            if number == 0:
                tmux.start(argv, run)
            else:
                tmux.respawn(argv, run)
            # A fresh start shows the title; after a kill it also says it took over the
            # lock, and a version left in a temporary file is offered first.
            ready = "Took over the lock" if number else TITLE
            seen = wait_for(tmux, ready, "Use it? [Y/n]", timeout=FIRST_SCREEN_TIMEOUT)
            if seen.startswith("Use it"):
                r.recovered = True
                tmux.send_keys("y", "Enter")
                wait_for(tmux, ready, timeout=FIRST_SCREEN_TIMEOUT)
            pid = app_pid(tmux)
            tmux.send_keys("a")
            wait_for(tmux, "─ Draft ", "─ Decision ")  # the editor is open
            play(tmux, r, rng, words)
            screen_at_kill = tmux.screen()
            os.kill(pid, signal.SIGKILL)
            r.killed_at = time.monotonic()
            assert tmux.wait_exit(run, "the app to die") == 128 + signal.SIGKILL
            rounds.append(r)
            loads.append(os.getloadavg()[0])

            texts = decisions(session_file, agenda)
            for tag, text in kept.items():  # the earlier rounds' text is intact
                # A version recovered from a temporary file may hold more of what that
                # round typed than the file did after it; never less, never other text.
                now = [t for t in texts if t.startswith(tag)]
                typed = next(earlier.text for earlier in rounds if earlier.tag == tag)
                assert len(now) == 1 and now[0].startswith(text) and typed.startswith(now[0]), (
                    f"round {number}: the text of {tag!r} changed or went missing "
                    f"(seed {SEED}): {texts}")
                kept[tag] = now[0]
            mine = [t for t in texts if t.startswith(r.tag)]
            assert len(mine) <= 1
            saved = mine[0] if mine else ""
            assert r.text.startswith(saved), (
                f"round {number}: the file holds text that was not typed (seed {SEED}): "
                f"{saved[-200:]!r}")
            must = r.shown_by(r.killed_at - MARGIN)
            due += r.words_in(must)
            if not saved.startswith(must):
                missing = r.words_in(must) - r.words_in(saved)
                lost += missing
                shortfalls.append(
                    f"round {number}: {missing} words on the screen more than {MARGIN} s "
                    f"before the kill are not in the file: {must[len(saved):][:200]!r}; "
                    f"screen:\n{screen_at_kill}")
            if saved:
                kept[r.tag] = saved

    elapsed = time.monotonic() - started
    figures = (f"crash loop: {ROUNDS} rounds in {elapsed:.0f} s under {LOAD} busy loops on "
               f"{os.cpu_count()} CPUs (load average {min(loads):.1f} to {max(loads):.1f}; "
               f"seed {SEED}); {sum(len(r.text) for r in rounds)} characters pasted and "
               f"typed; {due} words on the screen more than {MARGIN:g} s before a kill, "
               f"{lost} of them lost; {sum(r.recovered for r in rounds)} versions "
               "recovered from a temporary file")
    print("\n" + figures)
    assert not shortfalls, figures + "\n" + "\n".join(shortfalls)
    assert len(rounds) == ROUNDS
    assert backup_path(session_file).exists()
