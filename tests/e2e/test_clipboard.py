"""The system clipboard: failures that pyperclip does not report, and a real round trip
through an X server (Xvfb) and xclip, from the command line and from the app.

The round trip needs the `Xvfb` and `xclip` programs (.ci/run installs them); it is
skipped only where they are absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pyperclip
import pytest
from helpers.decisions import MULTI_LINE, adopted_session, write_session

from meeting_tui import cli, clipboard
from meeting_tui.core.decision_list import build_document
from meeting_tui.core.export import render_entries_md, render_md

# ------------------------------------------------------------------ without a display


@pytest.mark.parametrize("display, wayland, expected", [
    (":0", None, "no system clipboard: install xclip or xsel (X11)"),
    (None, "wayland-0", "no system clipboard: install wl-clipboard (Wayland)"),
    (":0", "wayland-0", "no system clipboard: install wl-clipboard (Wayland) or xclip or "
                        "xsel (X11)"),
    # xclip may well be installed: without a display it cannot work, so that is said.
    (None, None, "no system clipboard: no X display or Wayland session here (DISPLAY and "
                 "WAYLAND_DISPLAY are unset)"),
])
def test_no_mechanism_says_what_is_missing(monkeypatch, display, wayland, expected):
    monkeypatch.setattr(pyperclip, "determine_clipboard", pyperclip.init_no_clipboard)
    monkeypatch.setattr(clipboard.sys, "platform", "linux")
    for name, value in (("DISPLAY", display), ("WAYLAND_DISPLAY", wayland)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    with pytest.raises(clipboard.ClipboardUnavailable) as caught:
        clipboard.copy("text")
    assert str(caught.value) == expected


def test_a_copy_that_silently_does_nothing_is_caught(monkeypatch):
    """Some mechanisms return without error and copy nothing; only reading back tells."""
    def copy_osx_pbcopy(text):
        pass

    def paste():
        return "what was there before"

    monkeypatch.setattr(pyperclip, "determine_clipboard", lambda: (copy_osx_pbcopy, paste))
    monkeypatch.setattr(clipboard.time, "sleep", lambda s: None)
    with pytest.raises(clipboard.ClipboardUnavailable, match="pbcopy did not take the text"):
        clipboard.copy("new text")


def test_a_mechanism_that_works_is_named(monkeypatch):
    store: list[str] = []

    def copy_windows(text):
        store.append(text.replace("\n", "\r\n"))

    monkeypatch.setattr(pyperclip, "determine_clipboard", lambda: (copy_windows, lambda: store[-1]))
    assert clipboard.copy("a\nb\n") == "Windows clipboard"  # CR LF counts as the same


def test_a_command_line_tool_that_fails_says_why(monkeypatch, tmp_path):
    """xclip with an X display that is not there: its complaint becomes the reason,
    and nothing of it reaches the terminal."""
    fake = tmp_path / "xclip"
    fake.write_text("#!/bin/sh\necho \"Error: Can't open display: :99\" >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(clipboard.sys, "platform", "linux")
    proc = Path("/proc/version")
    if proc.exists() and "microsoft" in proc.read_text().lower():  # pragma: no cover
        pytest.skip("WSL uses the Windows clipboard")
    with pytest.raises(clipboard.ClipboardUnavailable,
                       match="xclip failed: Error: Can't open display: :99"):
        clipboard.copy("text")


# ------------------------------------------------------------------ a real X clipboard


@pytest.fixture
def x_display(monkeypatch):
    """A private X server; DISPLAY points at it for the test."""
    if not shutil.which("Xvfb") or not shutil.which("xclip"):
        pytest.skip("needs Xvfb and xclip (apt-get install xvfb xclip)")
    read_end, write_end = os.pipe()
    # -displayfd: Xvfb picks a free display number and writes it to the pipe when ready.
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0",
         "640x480x24"],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            number = pipe.readline().strip()
        assert number, "Xvfb did not start"
        display = f":{number}"
        monkeypatch.setenv("DISPLAY", display)
        monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
        yield display
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:  # pragma: no cover
            server.kill()
            server.wait()


def x_clipboard() -> str:
    done = subprocess.run(["xclip", "-o", "-selection", "clipboard"], capture_output=True,
                          timeout=10, check=True)
    return done.stdout.decode("utf-8")


def test_round_trip_from_the_command_line(x_display, tmp_path, capsys):
    path = write_session(tmp_path, adopted_session())
    code = cli.main(["decisions", str(path), "--copy"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out == ""
    assert err == "meeting-tui: 3 decisions copied to the clipboard (xclip)\n"
    assert x_clipboard() == render_md(build_document(adopted_session()))
    assert "“preliminary draft”" in x_clipboard()  # non-ASCII intact


async def test_round_trip_from_the_app(x_display, make_app):
    app = make_app()
    session = app.session
    decision = session.add_decision("2.1.1", MULTI_LINE)
    session.toggle_final("2.1.1", decision.id)
    session.selected = "2.1.1"
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert notes[-1] == ("1 decision copied: system clipboard (xclip) and terminal "
                             "(OSC 52)")
    expected = render_entries_md(build_document(session, keys=["2.1.1"]).entries)
    assert expected.startswith("1. Took note of the “preliminary draft”")
    assert x_clipboard() == expected


def test_copy_is_quick(x_display):
    started = time.perf_counter()
    assert clipboard.copy("quick") == "xclip"
    assert time.perf_counter() - started < 2.0
