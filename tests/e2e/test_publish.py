"""`meeting-tui publish --watch`: the folder served by Python's http.server, and a real
browser following a change through it (the page polls state.json with If-None-Match)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time

import pytest
from helpers.browser import chromium, open_page
from helpers.paths import SEPTEMBER
from helpers.writer import Writer
from test_serve import free_port, stop, wait_for_port
from test_web import TEXT_OF, wait_for_dom

pytestmark = pytest.mark.skipif(chromium() is None,
                                reason="chromium is not installed (.ci/run installs it)")


async def test_a_browser_follows_the_published_folder(tmp_path):
    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    session = tmp_path / "meeting.session.toml"
    site = tmp_path / "site"
    site.mkdir()
    writer = await Writer.start(agenda, session)
    port = free_port()
    publisher = web_server = None
    try:
        await writer.do("next")
        with open(tmp_path / "publish.log", "wb") as log:
            publisher = subprocess.Popen(
                [sys.executable, "-m", "meeting_tui", "publish", str(session), "--to",
                 str(site), "--watch"], stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        deadline = time.monotonic() + 30
        while not (site / "state.json").exists():
            assert publisher.poll() is None and time.monotonic() < deadline
            await asyncio.sleep(0.1)
        with open(tmp_path / "http.log", "wb") as log:
            web_server = subprocess.Popen(
                [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                 "--directory", str(site)], stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        await asyncio.to_thread(wait_for_port, port, web_server)
        async with open_page(f"http://127.0.0.1:{port}/") as page:
            await wait_for_dom(page, "#current-item", "Opening of the meeting", timeout=30)
            await writer.do("final The agenda was adopted.")
            answer = await writer.do("next")
            title = answer.split(" ", 2)[2]
            seconds = await wait_for_dom(page, "#current-item", title, timeout=10)
            assert "The agenda was adopted." in await page.evaluate(
                TEXT_OF.format(sel="#decisions"))
            print(f"publish: the next item on the page {seconds:.2f} s after its save")
            assert seconds < 3  # a poll a second, and the publisher's quarter second
        decisions = (site / "decisions.html").read_text(encoding="utf-8")
        assert "The agenda was adopted." in decisions
        requests = (tmp_path / "http.log").read_text()
        assert "GET /state.json" in requests
    finally:
        await writer.stop()
        for proc in (publisher, web_server):
            if proc is not None:
                stop(proc)
