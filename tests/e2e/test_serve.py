"""`meeting-tui serve --terminal`: the terminal follow view in a real browser.

The server runs as its own process; headless Chromium (Debian's package, which .ci/run
installs) opens the page, and the test reads what xterm.js shows (see tests/helpers/browser.py
for why the buffer and not the DOM) and takes a screenshot. A second process then
takes up the next item, and the page must show it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from helpers.browser import chromium, open_page
from helpers.paths import SEPTEMBER
from helpers.writer import Writer

pytestmark = pytest.mark.skipif(chromium() is None,
                                reason="chromium is not installed (.ci/run installs it)")

WIDTH, HEIGHT = 1400, 900


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert proc.poll() is None, f"serve exited with {proc.returncode}"
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        assert time.monotonic() < deadline, f"serve did not listen on {port}"
        time.sleep(0.1)


def start_serve(session: Path, port: int, log: Path, *options: str) -> subprocess.Popen:
    with open(log, "wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "meeting_tui", "serve", str(session), "--port", str(port),
             *options],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


def stop(proc: subprocess.Popen) -> None:
    """The server and the follow processes it started (its process group)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)


def fetch(port: int, host_header: str) -> str:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/",
                                     headers={"Host": host_header})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode()


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


async def test_serve_shows_the_current_item_in_chromium(tmp_path):
    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    session = tmp_path / "meeting.session.toml"
    writer = await Writer.start(agenda, session)
    port = free_port()
    server = None
    try:
        await writer.do("next")
        answer = await writer.do("next")
        title = answer.split(" ", 2)[2]
        assert title == "Monitoring of the implementation of the Lanzarote Convention"
        server = start_serve(session, port, tmp_path / "serve.log", "--terminal")
        await asyncio.to_thread(wait_for_port, port, server)
        # The page sends the browser back to the address it came by (not to the address
        # listened on, which for 0.0.0.0 would lead nowhere).
        page = await asyncio.to_thread(fetch, port, "meeting-room.example:8123")
        assert 'data-session-websocket-url="ws://meeting-room.example:8123/ws"' in page
        async with open_page(f"http://127.0.0.1:{port}/", width=WIDTH, height=HEIGHT) as page:
            first = await page.wait_for_text(title, timeout=60)
            shot = await page.screenshot(tmp_path / "serve.png")
            width, height = png_size(shot)  # the viewport: the window less its frame
            assert width == WIDTH and HEIGHT / 2 < height <= HEIGHT
            # The terminal is on show: the page's intro dialog went at the first bytes.
            assert "-first-byte" in await page.evaluate("document.body.className")
            screen = await page.screen()
            assert f"2   {title}" in screen  # the current item, number and title, large
            assert "read-only" in screen

            answer = await writer.do("next")
            title = answer.split(" ", 2)[2]
            assert title.startswith("“The protection of children")
            later = await page.wait_for_text(title, timeout=15)
            await page.screenshot(tmp_path / "serve-next.png")
            print(f"serve: first screen in {first:.2f} s, next item shown {later:.2f} s "
                  "after the save")
            assert later < 5
    finally:
        await writer.stop()
        if server is not None:
            stop(server)
    # The follow processes the page started ended with the server.
    assert server.poll() is not None


@pytest.mark.parametrize("options", [[], ["--terminal"]])
def test_serve_port_taken_one_line_exit_2(tmp_path, options):
    from meeting_tui.files.durable import write_atomic
    from meeting_tui.files.opening import open_session
    from meeting_tui.files.session_toml import dumps

    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    _a, session, path, digest = open_session(str(agenda), None, None)
    write_atomic(path, dumps(session, str(agenda), digest))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "meeting_tui", "serve", str(path), "--port", str(port),
             *options], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith(f"meeting-tui: cannot serve on 127.0.0.1:{port}"), done.stderr
