"""`meeting-tui serve`: the follow page in headless Chromium.

The server is its own process; a second process (tests/helpers/follow_writer.py) saves
the session as the app does. The page's text is in its DOM, so the test reads it
there: the current item's number and title and a decision just made final must be on
the page within a second of the save. Screenshots at a phone's and a desktop's width;
the headings, the landmarks and the contrast of every text checked in the browser, in
light and dark; a hostile decision shown as text.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import pytest
from helpers.browser import chromium, open_page
from helpers.paths import SEPTEMBER
from helpers.writer import Writer
from test_serve import free_port, png_size, start_serve, stop, wait_for_port

pytestmark = pytest.mark.skipif(chromium() is None,
                                reason="chromium is not installed (.ci/run installs it)")

# Where the screenshots go, to look at them (else the test's own folder).
SHOTS = Path(os.environ["MEETING_TUI_SHOTS"]) if os.environ.get("MEETING_TUI_SHOTS") else None

TEXT_OF = "(() => {{ const n = document.querySelector({sel!r}); return n ? n.innerText : ''; }})()"

# Every text on the page: its colour, the background it is drawn on (the first
# ancestor's that is not transparent), its size and weight; and the heading levels and
# landmarks a screen reader lists.
AUDIT = """
(() => {
  const rgb = (s) => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const low = [];
  let checked = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    const el = t.parentElement;
    if (!t.textContent.trim() || !el || el.closest(".sr, .skip, [hidden]")) continue;
    const style = getComputedStyle(el);
    if (style.visibility === "hidden" || style.display === "none") continue;
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(rgb(style.color).slice(0, 3), background(el));
    checked++;
    if (r < need) low.push(`${t.textContent.trim().slice(0, 30)}: ${r.toFixed(2)}`);
  }
  const headings = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")]
    .map((h) => Number(h.tagName[1]));
  const named = (e) => {
    const label = document.getElementById(e.getAttribute("aria-labelledby") || "");
    return e.tagName.toLowerCase() + (label ? ":" + label.textContent : "");
  };
  const landmarks = [...document.querySelectorAll(
    "body > header, main, body > footer, main > section")].map(named);
  const scheme = matchMedia("(prefers-color-scheme: dark)").matches;
  return {low, checked, headings, landmarks, scheme};
})()
"""


async def wait_for_dom(page, selector: str, text: str, timeout: float) -> float:
    start = time.monotonic()
    while True:
        shown = await page.evaluate(TEXT_OF.format(sel=selector)) or ""
        if text in shown:
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{text!r} not in {selector} after {timeout} s: {shown!r}")
        await asyncio.sleep(0.02)


async def shoot(page, tmp_path: Path, name: str, width: int, height: int) -> Path:
    await page.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                    deviceScaleFactor=1, mobile=width < 600)
    await asyncio.sleep(0.3)
    path = (SHOTS or tmp_path) / f"{name}.png"
    data = await page.screenshot(path)
    assert png_size(data) == (width, height)
    return path


async def test_the_page_follows_each_save_within_a_second(tmp_path):
    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    session = tmp_path / "meeting.session.toml"
    writer = await Writer.start(agenda, session)
    port = free_port()
    server = None
    try:
        await writer.do("next")
        await writer.do("final The agenda was adopted <b>as</b> amended.")
        await writer.do("next")
        server = start_serve(session, port, tmp_path / "serve.log")
        await asyncio.to_thread(wait_for_port, port, server)
        async with open_page(f"http://127.0.0.1:{port}/") as page:
            await wait_for_dom(page, "#current-item", "Monitoring of the implementation",
                               timeout=30)
            assert (await page.evaluate(TEXT_OF.format(sel="#current-item .number"))) == "2"
            decisions = await page.evaluate(TEXT_OF.format(sel="#decisions"))
            assert "The agenda was adopted <b>as</b> amended." in decisions  # as text
            assert await page.evaluate("document.querySelectorAll('#decisions b').length") == 0
            await page.evaluate("window.__ticks = document.querySelector('.clock').textContent")
            await asyncio.sleep(2.2)  # the clock ticks in the browser, nothing pushed
            assert await page.evaluate(
                "document.querySelector('.clock').textContent !== window.__ticks")

            # A decision made final: on the page within a second of the save.
            await writer.do("final The Committee took note of the report, with thanks.")
            made_final = await wait_for_dom(page, "#decisions", "took note of the report",
                                            timeout=5)
            # The next item: its number and title.
            answer = await writer.do("next")
            title = answer.split(" ", 2)[2]
            taken_up = await wait_for_dom(page, "#current-item", title, timeout=5)
            assert "2.1" in await page.evaluate(TEXT_OF.format(sel="#current-item .number"))
            assert "Now: 2.1" in await page.evaluate(TEXT_OF.format(sel="#announce"))
            print(f"web: a final decision on the page {made_final:.2f} s after its save, "
                  f"the next item {taken_up:.2f} s after")
            assert made_final < 1.0 and taken_up < 1.0

            for scheme in ("light", "dark"):
                await page.send("Emulation.setEmulatedMedia", features=[
                    {"name": "prefers-color-scheme", "value": scheme}])
                for name, width, height in (("phone", 390, 844), ("desktop", 1400, 900)):
                    await shoot(page, tmp_path, f"web-{name}-{scheme}", width, height)
                    audit = await page.evaluate(AUDIT)
                    assert audit["scheme"] == (scheme == "dark")
                    assert audit["checked"] > 20 and not audit["low"], (scheme, audit["low"])
                    levels = audit["headings"]
                    assert levels[0] == 1 and levels.count(1) == 1
                    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
                    assert audit["landmarks"] == [
                        "header", "main", "section:Now", "section:Final decisions",
                        "section:Agenda", "footer"], audit["landmarks"]
                    # Nothing wider than the screen: no sideways scrolling on a phone.
                    assert await page.evaluate(
                        "document.documentElement.scrollWidth") <= width
    finally:
        await writer.stop()
        if server is not None:
            stop(server)
