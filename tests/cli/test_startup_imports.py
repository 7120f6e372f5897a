"""What `meeting-tui AGENDA` imports before its first screen (issue 19: start-up).

Each module is time before the agenda shows: the exports, the Word writer and the
parsers of the other subcommands are imported when used, not by every start-up. Run in
a fresh interpreter, as the command starts.
"""

from __future__ import annotations

import json
import subprocess
import sys

from helpers.paths import SEPTEMBER

# The start-up of the live screen, up to the app made (no terminal needed); with
# "frame", on to its first frames (Textual's headless driver: compose, on_mount).
_PROBE = """
import asyncio, json, sys
from meeting_tui import cli
from meeting_tui.ui import launch

async def shown(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.agenda_tree.cursor_node is not None

seen = []  # taken in place of the app's run: before the lock's release at the exit
def run(app, *args, **kwargs):
    if sys.argv[3:] == ["frame"]:
        asyncio.run(shown(app))
    seen.append(sorted(sys.modules))
launch.MeetingApp.run = run
cli.main([sys.argv[1], "--session", sys.argv[2]])
assert seen, "the app was not made"
print(json.dumps(seen[0]))
"""

NOT_AT_START_UP = [
    "meeting_tui.core.export",  # the List's renderers: c, C, x and `decisions`
    "meeting_tui.core.export_docx",
    "meeting_tui.ui.exporting",  # x's dialog
    "meeting_tui.files.exports",
    "meeting_tui.files.pdf_export",
    "docx",
    # Controllers of keys not pressed yet, made on first use (ui/app.py), and theirs.
    "meeting_tui.ui.amending",
    "meeting_tui.ui.command_line",
    "meeting_tui.ui.floor",
    "meeting_tui.ui.followup",
    "meeting_tui.ui.previous",
    "meeting_tui.ui.translating",
    "meeting_tui.ui.providers",  # the palette's: COMMANDS holds callables importing them
    "meeting_tui.ui.item_search",
    "meeting_tui.ui.screens.dialog",
    "meeting_tui.core.entries",
    "meeting_tui.core.dates",
    "meeting_tui.core.undo",
    "meeting_tui.core.carry",
    "shlex",
    # The floor's rules, a previous meeting's decisions, re-matching a session's items.
    "meeting_tui.core.floor",
    "meeting_tui.core.roll",
    "meeting_tui.core.votes",
    "meeting_tui.core.previous",
    "meeting_tui.files.previous",
    "meeting_tui.core.matching",
    "meeting_tui.files.session_reading",  # reading a session: a new meeting has none
    "tomllib",  # reading a session or a lock's holder: a new meeting reads neither
    "zoneinfo",  # a time of day in the meeting's zone: none is shown at first
    # The List itself (its entries, sections, document): its numbers are list_numbers'.
    "meeting_tui.core.decision_list",
    "meeting_tui.core.actions",  # the follow-up's: no action is touched at first
    "meeting_tui.ui.widgets.plain_input",  # the dialogs' one-line field
    # OpenSSL's every algorithm for one SHA-256 (files/durable.py takes CPython's own),
    # and secrets (with hmac) for a temporary file's eight hex digits.
    "hashlib",
    "secrets",
]


def modules_at_start_up(tmp_path, *until: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(SEPTEMBER), str(tmp_path / "s.session.toml"),
         *until],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_start_up_leaves_the_exports_and_other_commands_alone(tmp_path):
    modules = modules_at_start_up(tmp_path)
    assert "meeting_tui.ui.app" in modules  # the probe did start the live screen
    assert [name for name in NOT_AT_START_UP if name in modules] == []


def test_the_first_frames_leave_them_alone_too(tmp_path):
    """The first screen (compose, on_mount, the first drawing) imports none of them
    either: no speaker waits, no quorum is set, no note has a speaker yet."""
    modules = modules_at_start_up(tmp_path, "frame")
    assert "meeting_tui.ui.widgets.agenda_tree" in modules
    assert [name for name in NOT_AT_START_UP if name in modules] == []


def test_only_the_given_subcommand_is_built():
    from meeting_tui.cli import build_parser

    _, sub = build_parser("run")
    assert list(sub.choices) == ["run"]
    _, every = build_parser()
    assert {"run", "agenda", "decisions", "report", "next"} <= set(every.choices)
