"""The follow page as HTML: the whole page, and the regions a change replaces.

The page is made here, from a snapshot (``core/follow_state.py``), in Python: the text
is in the DOM from the first byte (a screen reader, a phone, a printer and a browser
without scripts all read it), and one renderer serves the server, the published folder
and the tests. The page's script (``assets/follow.js``) only swaps in the regions a
new state brings and ticks the clocks from the figures in their ``data-`` attributes.

Every text is escaped here (``esc``), and was made printable in the snapshot: a title
holding ``<script>`` or a control character is shown as text, never run or sent raw.
The style and the script are inline, named by their hashes in the page's Content
Security Policy, so that nothing else can run in it and the published folder needs no
other file.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
from datetime import datetime
from functools import cache
from importlib.resources import files
from typing import Any

from ..core.printable import printable

REGIONS = ("top", "now", "decisions", "agenda", "status")
DECISIONS_FILE = "decisions.html"


def esc(text: object) -> str:
    """Text for HTML: escaped, quotes included (it may land in an attribute), and its
    controls made visible."""
    return html.escape(printable(str(text)), quote=True)


@cache
def asset(name: str) -> str:
    return (files(__package__) / "assets" / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


@cache
def content_security_policy() -> str:
    """Only the page's own style and script; it connects only to where it came from;
    no frame may hold it."""
    return ("default-src 'none'; "
            f"script-src {_hash(asset('follow.js'))}; style-src {_hash(asset('follow.css'))}; "
            "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; "
            "frame-ancestors 'none'")


# ------------------------------------------------------------------ regions


def _local(when: datetime) -> str:
    return when.astimezone().strftime("%H:%M")


def region_top(state: dict[str, Any]) -> str:
    at = datetime.fromisoformat(state["at"])
    return (f'<h1 id="meeting-title">{esc(state["title"])}</h1>'
            f'<p class="meta"><span class="state state--{esc(state["state"].replace(" ", "-"))}">'
            f'{esc(state["state_label"])}</span> '
            f'<time class="wall" data-tick="wall">{_local(at)}</time></p>')


def region_now(state: dict[str, Any]) -> str:
    current = state["current"]
    out = ['<h2 id="now-heading">Now</h2>']
    if current is None:
        words = ("The meeting has not started yet." if state["state"] == "not started"
                 else "No item under discussion.")
        out.append(f'<p class="item">{words}</p>')
        return "".join(out)
    number = (f'<span class="number">{esc(current["number"])}</span> '
              if current["number"] else "")
    out.append(f'<p class="item" id="current-item">{number}'
               f'<span class="title">{esc(current["title"])}</span></p>')
    plan = current["plan_minutes"]
    ticks = (f'data-spent="{current["spent"]}" data-running="{str(current["running"]).lower()}"'
             f' data-plan="{plan if plan is not None else ""}"')
    level = current["level"] or "unplanned"
    out.append(f'<p class="clock clock--{level}" data-tick="clock" {ticks} '
               f'aria-label="time on this item">{esc(current["clock"])}</p>')
    line = current["line"] + ("" if plan is not None else " · no plan")
    out.append(f'<p class="clock-line clock--{level}" data-tick="line" {ticks}>'
               f'{esc(line)}</p>')
    if state["state"] == "on a break":
        out.append('<p class="break">On a break: the clock is stopped.</p>')
    out.append(region_floor(state.get("floor")))
    estimate = state["estimate"]
    if estimate is not None:
        at = datetime.fromisoformat(state["at"])
        end = at.timestamp() + estimate["remaining"]
        unplanned = (f' <span class="dim">+{estimate["unplanned"]} unplanned</span>'
                     if estimate["unplanned"] else "")
        out.append(
            f'<p class="estimate">ends ~<time data-tick="estimate" '
            f'data-remaining="{estimate["remaining"]}" '
            f'data-current-left="{estimate["current_left"]}" '
            f'data-running="{str(current["running"]).lower()}">'
            f'{_local(datetime.fromtimestamp(end, at.tzinfo))}</time>{unplanned}</p>')
    return "".join(out)


def region_floor(floor: dict[str, Any] | None) -> str:
    """Who has the floor, their countdown large (ticked by follow.js from ``elapsed``),
    and the next three speakers; nothing while the item has no list of speakers."""
    if floor is None:
        return ""
    out = ['<div class="floor" id="floor"><h3 class="floor-heading">The floor</h3>']
    if floor.get("speaker"):
        mark = "⚑ point of order: " if floor.get("point_of_order") else ""
        limit = floor["limit"]
        ticks = (f'data-elapsed="{floor["elapsed"]}" '
                 f'data-running="{str(floor["running"]).lower()}" '
                 f'data-limit="{limit if limit is not None else ""}"')
        level = floor["level"] if limit is not None else "unplanned"
        paused = ' <span class="dim">(paused)</span>' if floor.get("paused") else ""
        out.append(f'<p class="speaker">{esc(mark)}{esc(floor["speaker"])}{paused}</p>'
                   f'<p class="clock countdown countdown--{level}" data-tick="countdown" '
                   f'{ticks} aria-label="the speaker\'s time">{esc(floor["clock"])}</p>'
                   f'<p class="clock-line countdown--{level}" data-tick="speech" {ticks}>'
                   f'{esc(floor["line"])}</p>')
    else:
        out.append('<p class="speaker dim">Nobody has the floor.</p>')
    if floor["next"]:
        names = "".join(
            f'<li>{"⚑ " if entry["point_of_order"] else ""}{esc(entry["speaker"])}</li>'
            for entry in floor["next"])
        more = floor["waiting"] - len(floor["next"])
        tail = f'<p class="dim">and {more} more</p>' if more > 0 else ""
        out.append(f'<p class="next-heading">Next</p><ol class="next">{names}</ol>{tail}')
    out.append("</div>")
    return "".join(out)


def region_decisions(state: dict[str, Any]) -> str:
    decisions = state["decisions"]
    out = ['<h2 id="decisions-heading">Final decisions</h2>']
    if not decisions["count"]:
        out.append('<p class="dim">No final decision yet.</p>')
        return "".join(out)
    out.append(f'<p class="dim">{esc(decisions["phrase"])} so far · '
               f'<a href="{DECISIONS_FILE}">the List of decisions</a></p>')
    for section in decisions["sections"]:
        level = min(3 + section["depth"], 6)
        current = ' class="current"' if section["current"] else ""
        out.append(f"<h{level}{current}>{esc(section['heading'])}</h{level}>")
        if section["entries"]:
            out.append(f'<ol start="{section["entries"][0]["number"]}">')
            for entry in section["entries"]:
                paragraphs = "".join(f"<p>{esc(p)}</p>" for p in entry["text"].split("\n\n"))
                out.append(f"<li>{paragraphs}</li>")
            out.append("</ol>")
    return "".join(out)


def region_agenda(state: dict[str, Any]) -> str:
    """The agenda as nested lists, one per level, with the app's marks (the mark is
    for the eye; the words say it to a screen reader)."""
    out = ['<h2 id="agenda-heading">Agenda</h2><ol class="agenda">']
    depth = 0
    first = True
    for row in state["agenda"]:
        if first:
            first = False
        elif row["depth"] > depth:
            out.append('<ol class="agenda">' * (row["depth"] - depth))
        else:
            out.append("</li>" + "</ol></li>" * (depth - row["depth"]))
        depth = row["depth"]
        meta = []
        clock = row.get("clock")
        if clock is not None:  # the current item: follow.js ticks its minutes and "over"
            plan = clock["plan_minutes"]
            ticks = (f'data-spent="{clock["spent"]}" data-section="{clock["section_spent"]}" '
                     f'data-plan="{plan if plan is not None else ""}" '
                     f'data-running="{str(clock["running"]).lower()}"')
            meta.append(f'<span data-tick="minutes" {ticks}>{esc(row["minutes"] or "")}</span>')
        elif row["minutes"]:
            meta.append(esc(row["minutes"]))
        if row["finals"]:
            meta.append(f'◆{row["finals"]}<span class="sr"> final</span>')
        if clock is not None:
            hidden = "" if row["over"] else " hidden"
            meta.append(f'<span class="over" data-tick="over" {ticks}{hidden}>over</span>')
        elif row["over"]:
            meta.append('<span class="over">over</span>')
        amended = (f'<span class="amended" title="{esc(row["amended"])}">'
                   f'{"+" if row["amended"] == "added" else "~"}</span> '
                   if row["amended"] else "")
        number = f'<span class="number">{esc(row["number"])}</span> ' if row["number"] else ""
        current = ' aria-current="step"' if row["status"] == "current" else ""
        out.append(
            f'<li class="status--{esc(row["status"])}"{current}>'
            f'<span class="mark" aria-hidden="true">{esc(row["mark"])}</span>'
            f'<span class="sr">{esc(row["status_words"])}: </span>{amended}{number}'
            f'<span class="title">{esc(row["title"])}</span>'
            + (f' <span class="item-meta">{" ".join(meta)}</span>' if meta else ""))
    if not first:
        out.append("</li>" + "</ol></li>" * depth)
    out.append("</ol>")
    return "".join(out)


def region_status(state: dict[str, Any]) -> str:
    at = datetime.fromisoformat(state["at"]).astimezone().strftime("%H:%M:%S")
    problem = (f'<p class="problem" role="alert">{esc(state["problem"])}</p>'
               if state.get("problem") else "")
    return (f'{problem}<p>Read-only · read {at} · '
            f'<a href="{DECISIONS_FILE}">List of decisions</a></p>')


RENDER = {"top": region_top, "now": region_now, "decisions": region_decisions,
          "agenda": region_agenda, "status": region_status}


def regions(state: dict[str, Any]) -> dict[str, str]:
    return {name: RENDER[name](state) for name in REGIONS}


def payload(state: dict[str, Any], version: int) -> bytes:
    """What the page receives: the state (for whoever reads it as data) and the
    regions it shows, made here so that the script writes no HTML of its own."""
    body = {"version": version, "state": state, "regions": regions(state)}
    return json.dumps(body, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def page(state: dict[str, Any], version: int, *, live: bool) -> str:
    """The whole page. ``live``: it follows the server's push (``events``); otherwise
    it polls ``state.json`` beside it (a published folder)."""
    parts = regions(state)
    current = state["current"]
    mode = "live" if live else "poll"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy()}">\n'
        f"<title>{esc(state['title'])} · follow</title>\n"
        f"<style>{asset('follow.css')}</style>\n</head>\n"
        f'<body data-mode="{mode}" data-version="{version}" data-at="{esc(state["at"])}"'
        f' data-current="{esc(current["key"]) if current else ""}">\n'
        '<a class="skip" href="#now">Skip to the current item</a>\n'
        f'<header id="top">{parts["top"]}</header>\n<main>\n'
        f'<section id="now" aria-labelledby="now-heading">'
        f'{parts["now"]}</section>\n'
        f'<section id="decisions" aria-labelledby="decisions-heading">'
        f'{parts["decisions"]}</section>\n'
        f'<section id="agenda" aria-labelledby="agenda-heading">{parts["agenda"]}</section>\n'
        f'</main>\n<footer id="status">{parts["status"]}</footer>\n'
        # Said by a screen reader when the item under discussion changes (follow.js):
        # the regions themselves are replaced, and their clocks tick, so they cannot
        # be live regions.
        '<p id="announce" class="sr" aria-live="polite"></p>\n'
        f"<script>{asset('follow.js')}</script>\n</body>\n</html>\n")
