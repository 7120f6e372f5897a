"""The follow page's state and HTML, without a browser: what is in it, what never is,
how its text is escaped, its headings and landmarks, the contrast of its colours."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers.paths import SEPTEMBER

from meeting_tui.core.follow_state import clock_line, level, snapshot, state_label
from meeting_tui.files.durable import write_atomic
from meeting_tui.files.opening import open_session
from meeting_tui.files.session_toml import dumps
from meeting_tui.web import page
from meeting_tui.web.feed import Feed

HOSTILE = "<img src=x onerror=alert(1)> & \"quoted\" \x1b[31mred\x07"


@pytest.fixture
def meeting(tmp_path):
    """A session on disk: item 2 current with a plan, one final and one draft decision."""
    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    _a, session, path, digest = open_session(str(agenda), None, None)
    session.start()
    session.take_up_next()
    session.take_up_next()
    final = session.add_decision(session.current, f"Took note {HOSTILE}")
    session.toggle_final(session.current, final.id)
    session.add_decision(session.current, "A DRAFT nobody may see yet")
    session.set_plan(session.current, 15)

    def save() -> None:
        write_atomic(path, dumps(session, str(agenda), digest))

    save()
    return session, path, save


class Outline(HTMLParser):
    """Headings, landmarks and the text of a page, as a screen reader meets them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def outline(html: str) -> Outline:
    parser = Outline()
    parser.feed(html)
    return parser


def test_drafts_never_reach_the_page(meeting):
    session, path, _save = meeting
    edition = Feed(path).edition
    for data in (edition.state_json, edition.live_page, edition.static_page,
                 edition.decisions):
        assert b"A DRAFT" not in data
        assert b"Took note" in data
    state = json.loads(edition.state_json)["state"]
    assert state["decisions"]["count"] == 1
    assert state["current"]["number"] == "2"


def test_every_text_is_escaped_and_its_controls_made_visible(meeting):
    _session, path, _save = meeting
    html = Feed(path).edition.live_page.decode()
    assert "<img" not in html and "\x1b" not in html and "\x07" not in html
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quoted&quot; ␛[31mred␇" in html
    parsed = outline(html)
    assert "img" not in [tag for tag, _ in parsed.tags]
    state = json.loads(Feed(path).edition.state_json)
    text = state["state"]["decisions"]["sections"][-1]["entries"][0]["text"]
    assert "\x1b" not in text and "␛[31m" in text


def test_headings_in_order_and_landmarks(meeting):
    _session, path, _save = meeting
    parsed = outline(Feed(path).edition.live_page.decode())
    levels = [int(tag[1]) for tag, _ in parsed.tags if re.fullmatch(r"h[1-6]", tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    tags = [tag for tag, _ in parsed.tags]
    for landmark in ("header", "main", "footer"):
        assert tags.count(landmark) == 1, landmark
    sections = [attrs for tag, attrs in parsed.tags if tag == "section"]
    ids = {attrs.get("id") for tag, attrs in parsed.tags}
    assert len(sections) == 3
    assert all(attrs.get("aria-labelledby") in ids for attrs in sections)
    html_tag = next(attrs for tag, attrs in parsed.tags if tag == "html")
    assert html_tag["lang"] == "en"


def test_the_page_holds_what_the_follow_view_shows(meeting):
    session, path, _save = meeting
    parsed = outline(Feed(path).edition.live_page.decode())
    text = " ".join(" ".join(parsed.text).split())
    assert session.title in text
    assert "Day 1 · running" in text
    assert "2 Monitoring of the implementation of the Lanzarote Convention" in text
    assert "of 15 min" in text and "left" in text
    assert "ends ~" in text
    assert "1 decision so far" in text
    assert "done: ✓"[-1] in text and "under discussion:" in text  # marks, said in words


def test_clocks_are_figures_the_browser_ticks(meeting):
    session, path, _save = meeting
    state = snapshot(session, session.now())
    current = state["current"]
    assert current["running"] is True and current["plan_minutes"] == 15
    html = page.region_now(state)
    assert f'data-spent="{current["spent"]}"' in html and 'data-plan="15"' in html
    # Nothing in the page changes with the clock alone but the figures the browser
    # ticks: the current item's clock and minutes.
    later = snapshot(session, session.now() + timedelta(minutes=1))

    def still(rows):
        return [{k: v for k, v in row.items() if k not in ("clock", "minutes")}
                for row in rows]

    assert still(later["agenda"]) == still(state["agenda"])
    assert later["decisions"] == state["decisions"]
    row = next(r for r in state["agenda"] if r["status"] == "current")
    assert row["clock"]["plan_minutes"] == 15
    assert 'data-tick="minutes"' in page.region_agenda(state)


def test_the_words_are_the_follow_views(meeting):
    """One implementation: the terminal's clock line and state label are core's."""
    from meeting_tui.ui import display

    session, _path, _save = meeting
    assert display.state_label is state_label
    now = session.now()
    line = display.item_clock(session, session.current, now, lambda _name: "")
    assert line.plain == clock_line(session.section_spent(session.current, now), 15)
    assert clock_line(14 * 60, 15) == "14:00 of 15 min · 1:00 left"
    assert clock_line(16 * 60, 15) == "16:00 of 15 min · 1:00 over"
    assert [level(s, 10) for s in (0, 479, 480, 601)] == ["ok", "ok", "near", "over"]
    assert level(5, None) is None


def test_a_new_edition_only_when_the_file_changed(meeting):
    session, path, save = meeting
    feed = Feed(path)
    first = feed.edition
    assert not feed.refresh() and feed.edition is first
    session.take_up_next()
    save()
    assert feed.refresh()
    assert feed.edition.version == first.version + 1 and feed.edition.etag != first.etag


# ------------------------------------------------------------------ contrast

CSS = (Path(page.__file__).parent / "assets" / "follow.css").read_text(encoding="utf-8")


def _palette(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6})", block))


def luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


PAIRS = [("fg", "bg"), ("dim", "bg"), ("accent", "bg"), ("ok-fg", "bg"), ("over-bg", "bg"),
         ("near-fg", "near-bg"), ("over-fg", "over-bg"), ("fg", "current-bg"),
         ("accent", "current-bg"), ("dim", "current-bg"), ("running-fg", "running-bg"),
         ("break-fg", "break-bg"), ("ended-fg", "ended-bg"), ("idle-fg", "idle-bg"),
         ("bg", "fg")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_colour_pair_reads_at_4_5_to_1(scheme):
    light = _palette(CSS.split("@media (prefers-color-scheme: dark)")[0])
    dark = {**light, **_palette(CSS.split("@media (prefers-color-scheme: dark)")[1]
                                .split("}")[0])}
    colours = light if scheme == "light" else dark
    low = {f"{a} on {b}": round(contrast(colours[a], colours[b]), 2) for a, b in PAIRS
           if contrast(colours[a], colours[b]) < 4.5}
    assert not low, low
