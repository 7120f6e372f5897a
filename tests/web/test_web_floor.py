"""The floor on the follow page: who has the floor, their countdown large (a figure the
browser ticks), the next three speakers; names escaped; the script's countdown words
the same as Python's."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from helpers.paths import SEPTEMBER

from meeting_tui.core.follow_state import countdown_clock, snapshot, speech_line
from meeting_tui.files.durable import write_atomic
from meeting_tui.files.opening import open_session
from meeting_tui.files.session_toml import dumps
from meeting_tui.web import page
from meeting_tui.web.feed import Feed

HOSTILE = "<script>alert(1)</script> \x1b[31m"


@pytest.fixture
def meeting(tmp_path):
    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    _a, session, path, digest = open_session(str(agenda), None, None)
    session.start()
    session.take_up_next()
    session.set_speaking_limit(180)

    def save() -> None:
        write_atomic(path, dumps(session, str(agenda), digest))

    return session, path, save


def test_no_floor_on_the_page_without_speakers(meeting):
    session, path, save = meeting
    save()
    html = Feed(path).edition.live_page.decode()
    assert 'class="floor"' not in html


def test_the_speaker_their_countdown_and_the_next_three(meeting):
    session, path, save = meeting
    for name in ("Ms A", HOSTILE, "Mr C", "Ms D", "Mr E"):
        session.add_speaker(None, name)
    session.add_speaker(None, "Chair", point_of_order=True)
    session.give_floor()
    save()
    html = Feed(path).edition.live_page.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html
    floor = re.search(r'<div class="floor".*?</div>', html, re.S).group(0)
    assert "⚑ point of order: Chair" in floor
    assert 'data-tick="countdown"' in floor and 'data-limit="180"' in floor
    assert 'data-running="true"' in floor
    assert floor.count("<li>") == 3 and "and 2 more" in floor
    assert "Ms A" in floor and "Mr C" in floor and "Ms D" not in floor


def test_the_countdown_is_a_figure_the_browser_ticks(meeting):
    session, _path, _save = meeting
    session.add_speaker(None, "Ms A")
    session.give_floor()
    state = snapshot(session, session.now())
    html = page.region_now(state)
    elapsed = state["floor"]["elapsed"]
    assert f'data-elapsed="{elapsed}"' in html


SCRIPT_FUNCTIONS = ("pad", "duration", "limitText", "countdown", "speechLine", "speechLevel")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_script_writes_the_countdown_as_python_does():
    script = page.asset("follow.js")
    parts = []
    for name in SCRIPT_FUNCTIONS:
        found = re.search(rf"(  const {name} = .*?;\n|  function {name}\(.*?\n  \}}\n)",
                          script, re.S)
        assert found, name
        parts.append(found.group(1))
    cases = [(e, limit) for limit in (None, 60, 90, 180, 3600)
             for e in (0, 0.4, 59.9, 60, 72, 89, 144, 150, 181, 3599, 3601.5)]
    code = "".join(parts) + (
        f"const cases = {json.dumps(cases)};\n"
        "console.log(JSON.stringify(cases.map(([e, l]) => [countdown(e, l), "
        "speechLine(e, l), speechLevel(e, l)])));\n")
    done = subprocess.run(["node", "-e", code], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    from meeting_tui.core.floor import level

    expected = [[countdown_clock(e, limit), speech_line(e, limit),
                 "unplanned" if limit is None else level(e, limit)] for e, limit in cases]
    assert json.loads(done.stdout) == expected
