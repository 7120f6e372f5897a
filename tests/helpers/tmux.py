"""Driving the installed app in tmux, as a person does: its own server, send-keys,
capture-pane; and reading what it saved."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AGENDA = ROOT / "agendas" / "lanzarote-28th-meeting-2020-09.txt"
MEETING_TITLE = "Virtual meeting, 21-25 September 2020"
FIRST_ITEM = "1"
# Short enough to stay on one line of the item panel at 120 columns; non-ASCII on purpose.
DECISION = "Adopted as amended: café 4711"

COLUMNS, LINES = 120, 40
FIRST_SCREEN_TIMEOUT = 20.0  # a cold Python start on a loaded 2-core machine
STEP_TIMEOUT = 10.0
POLL = 0.05
UTF8 = "C.UTF-8"


def installed_command() -> Path:
    """The console script installed beside the running interpreter."""
    return Path(sys.executable).parent / "meeting-tui"


class Tmux:
    """One private tmux server (its own socket) running one pane of 120x40."""

    def __init__(self, socket: str, cwd: Path) -> None:
        self.socket = socket
        self.cwd = cwd
        self.target = "e2e"
        self.current_run = ""
        env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        env.update(TERM="xterm-256color", LANG=UTF8, LC_ALL=UTF8)
        self.env = env
        # No user configuration; the dead pane stays, to be respawned.
        self.config = cwd / "tmux.conf"
        self.config.write_text("set -g remain-on-exit on\nset -g history-limit 0\n")

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-u", "-L", self.socket, "-f", str(self.config), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=self.env,
            cwd=self.cwd,
            timeout=30,
            check=check,
        )

    def shell_command(self, argv: list[str], run: str) -> str:
        """The app under a shell that writes its exit status (137 after SIGKILL) to a file.

        The status file is ours, not tmux's: tmux can leave a dead pane's process
        unreaped for a while, and older versions do not show the signal at all.
        """
        status = self.cwd / f"{run}.exit-status"
        pane_env = f"TERM=xterm-256color LANG={UTF8} LC_ALL={UTF8}"
        return f"env {pane_env} {shlex.join(argv)}; echo $? > {shlex.quote(str(status))}"

    def start(self, argv: list[str], run: str) -> None:
        self.current_run = run
        self.run(
            "new-session", "-d", "-s", self.target, "-x", str(COLUMNS), "-y", str(LINES),
            "-c", str(self.cwd), self.shell_command(argv, run),
        )

    def respawn(self, argv: list[str], run: str) -> None:
        self.current_run = run
        self.run(
            "respawn-pane", "-t", self.target, "-c", str(self.cwd), self.shell_command(argv, run)
        )

    def exited(self) -> bool:
        """Has the app of the current run ended (crashed, or quit)?"""
        return (self.cwd / f"{self.current_run}.exit-status").exists()

    def wait_exit(self, run: str, what: str) -> int:
        """Wait for the app of this run to end; its exit status as the shell saw it."""
        status = self.cwd / f"{run}.exit-status"
        wait_until(lambda: status.exists() and status.read_text().endswith("\n"),
                   STEP_TIMEOUT, what, self)
        return int(status.read_text())

    def send_keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.target, *keys)

    def send_text(self, text: str) -> None:
        self.run("send-keys", "-t", self.target, "-l", text)

    def paste(self, text: str) -> None:
        """Paste ``text`` as a terminal does: in one piece, as a bracketed paste when
        the app asked for it (Textual does); tmux sends its line ends as CR."""
        self.run("set-buffer", "-b", "e2e-paste", "--", text)
        self.run("paste-buffer", "-p", "-d", "-b", "e2e-paste", "-t", self.target)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.target).stdout

    def pane_pid(self) -> int:
        return int(self.run("list-panes", "-t", self.target, "-F", "#{pane_pid}").stdout.split()[0])

    def kill_server(self) -> None:
        """Stop the server and remove its socket file (tmux leaves it behind)."""
        socket_path = self.run("display-message", "-p", "#{socket_path}", check=False).stdout
        self.run("kill-server", check=False)
        if socket_path.strip():
            Path(socket_path.strip()).unlink(missing_ok=True)


def wait_until(
    condition: Callable[[], bool], timeout: float, what: str, tmux: Tmux | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(POLL)
    if condition():
        return
    screen = tmux.screen() if tmux is not None else ""
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}; screen:\n{screen}")


def wait_for_text(tmux: Tmux, text: str, timeout: float = STEP_TIMEOUT) -> None:
    """Poll the screen for `text`; fail at once if the app has ended instead."""

    def shown() -> bool:
        if text in tmux.screen():
            return True
        if tmux.exited():
            pytest.fail(f"the app ended while waiting for {text!r}; screen:\n{tmux.screen()}")
        return False

    wait_until(shown, timeout, repr(text), tmux)


def app_pid(tmux: Tmux) -> int:
    """The app's pid: the one child of the pane's shell."""
    shell = tmux.pane_pid()
    found: list[tuple[int, str]] = []

    def child() -> bool:
        # /proc, not ps: ps cuts long command lines to the width it guesses.
        found.clear()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                args = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue  # it ended meanwhile
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            if ppid == shell:
                found.append((int(entry.name), args))
        return bool(found)

    wait_until(child, STEP_TIMEOUT, f"a child of the pane's shell {shell}", tmux)
    assert len(found) == 1 and "meeting-tui" in found[0][1], found
    return found[0][0]


def decisions_in(session_file: Path) -> list[str]:
    doc = tomllib.loads(session_file.read_text(encoding="utf-8"))
    return [d["text"] for item in doc.get("items", {}).values() for d in item.get("decisions", [])]
