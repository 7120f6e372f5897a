"""Headless Chromium driven through the DevTools protocol, for the `serve` test.

textual-serve draws the terminal with xterm.js on a canvas, so the page's DOM holds
no text to look for. What the browser shows is xterm's screen buffer: a script put in
before the page's own captures the xterm ``Terminal`` object as the page creates it
(textual-serve's page assigns it to ``this.terminal``; a setter on Object.prototype
sees that assignment), and the test reads the buffer's rows through xterm's public API
(``buffer.active.getLine(y).translateToString()``): the very characters the canvas
draws. A screenshot of the page is taken beside it.

Chromium's one-shot ``--dump-dom`` and ``--screenshot`` (with ``--virtual-time-budget``)
were tried first: the DOM had xterm's empty layers and no text, and the picture was
textual-serve's intro dialog, because virtual time does not wait for the follow
process to start and send its first screen. Hence a page kept open and driven.

Only the standard library and aiohttp (which textual-serve brings) are used.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
]

# Runs before any script of the page: keep every xterm Terminal the page makes.
CAPTURE_TERMINAL = """
(() => {
  window.__terminals = [];
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    get() { return undefined; },
    set(value) {
      Object.defineProperty(this, "terminal",
        {value, writable: true, configurable: true, enumerable: true});
      if (value && value.buffer && value.buffer.active) window.__terminals.push(value);
    },
  });
})();
"""

# The rows of the terminal's screen, as text ("" until the page has made its terminal).
READ_SCREEN = """
(() => {
  const term = (window.__terminals || [])[0];
  if (!term) return "";
  const buffer = term.buffer.active;
  const rows = [];
  for (let y = buffer.viewportY; y < buffer.viewportY + term.rows; y++) {
    const line = buffer.getLine(y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
})()
"""


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


class Page:
    """One browser tab over a DevTools websocket."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self._ids = itertools.count(1)

    async def send(self, method: str, **params: Any) -> dict[str, Any]:
        """Send a command and wait for its answer (events in between are dropped)."""
        call = next(self._ids)
        await self.ws.send_str(json.dumps({"id": call, "method": method, "params": params}))
        while True:
            message = await self.ws.receive_json(timeout=30)
            if message.get("id") == call:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    async def evaluate(self, expression: str) -> Any:
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    async def screen(self) -> str:
        return await self.evaluate(READ_SCREEN) or ""

    async def wait_for_text(self, text: str, timeout: float) -> float:
        """Seconds until ``text`` is on the terminal's screen; AssertionError after
        ``timeout`` with what the screen showed."""
        start = time.monotonic()
        while True:
            screen = await self.screen()
            if text in screen:
                return time.monotonic() - start
            if time.monotonic() - start > timeout:
                raise AssertionError(f"{text!r} not on the page after {timeout} s; "
                                     f"its screen:\n{screen}")
            await asyncio.sleep(0.1)

    async def screenshot(self, path: Path) -> bytes:
        data = base64.b64decode((await self.send("Page.captureScreenshot",
                                                 format="png"))["data"])
        path.write_bytes(data)
        return data


@contextlib.asynccontextmanager
async def open_page(url: str, *, width: int = 1400, height: int = 900,
                    start_timeout: float = 30) -> AsyncIterator[Page]:
    """Headless Chromium on ``url``, with the terminal capture in place."""
    binary = chromium()
    assert binary, "chromium is not installed"
    profile = tempfile.mkdtemp(prefix="meeting-tui-chromium-")
    proc = subprocess.Popen(
        [binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
         f"--window-size={width},{height}", "--remote-debugging-port=0", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        port_file = Path(profile) / "DevToolsActivePort"
        deadline = time.monotonic() + start_timeout
        while not (port_file.exists() and port_file.read_text().strip()):
            assert proc.poll() is None, f"chromium exited with {proc.returncode}"
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            await asyncio.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        async with aiohttp.ClientSession() as http:
            targets: list[dict[str, Any]] = []
            while not targets:
                async with http.get(f"http://127.0.0.1:{port}/json/list") as response:
                    targets = [t for t in await response.json() if t.get("type") == "page"]
                if not targets:
                    assert time.monotonic() < deadline, "chromium has no page"
                    await asyncio.sleep(0.1)
            async with http.ws_connect(targets[0]["webSocketDebuggerUrl"],
                                       max_msg_size=0) as ws:
                page = Page(ws)
                await page.send("Page.enable")
                await page.send("Page.addScriptToEvaluateOnNewDocument",
                                source=CAPTURE_TERMINAL)
                await page.send("Page.navigate", url=url)
                yield page
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 9)
        proc.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)
