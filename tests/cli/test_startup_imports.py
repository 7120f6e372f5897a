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

# The start-up of the live screen, up to the app made (no terminal needed).
_PROBE = """
import json, sys
from meeting_tui import cli
from meeting_tui.ui import launch

made = []
launch.MeetingApp.run = lambda self, *a, **k: made.append(self)
cli.main([sys.argv[1], "--session", sys.argv[2]])
assert made, "the app was not made"
print(json.dumps(sorted(sys.modules)))
"""

NOT_AT_START_UP = [
    "meeting_tui.core.export",  # the List's renderers: c, C, x and `decisions`
    "meeting_tui.core.export_docx",
    "meeting_tui.ui.exporting",  # x's dialog
    "meeting_tui.files.exports",
    "meeting_tui.files.pdf_export",
    "docx",
]


def modules_at_start_up(tmp_path) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(SEPTEMBER), str(tmp_path / "s.session.toml")],
        capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_start_up_leaves_the_exports_and_other_commands_alone(tmp_path):
    modules = modules_at_start_up(tmp_path)
    assert "meeting_tui.ui.app" in modules  # the probe did start the live screen
    assert [name for name in NOT_AT_START_UP if name in modules] == []


def test_only_the_given_subcommand_is_built():
    from meeting_tui.cli import build_parser

    _, sub = build_parser("run")
    assert list(sub.choices) == ["run"]
    _, every = build_parser()
    assert {"run", "agenda", "decisions", "report", "next"} <= set(every.choices)
