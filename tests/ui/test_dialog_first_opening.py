"""What the first `x` and `r` of a session import and make before their dialogs are
drawn (issue 19). The first opening in a process is the one a user waits for, and its
imports were a fifth of it: the List of decisions, its renderers and the Word writer
for `x` (some 20 million instructions), the report's dataclasses (Python 3.11
compiles each generated method: 17 million) and the other dialogs' module for `r`.
Run in a fresh interpreter, as the app starts."""

from __future__ import annotations

import json
import subprocess
import sys

from helpers.paths import SEPTEMBER

_PROBE = """
import asyncio, dataclasses, json, sys
from pathlib import Path
from meeting_tui.files.opening import open_session
from meeting_tui.ui.app import MeetingApp

made = []  # the dataclasses made
process_class = dataclasses._process_class
def counting(cls, *args, **kwargs):
    made.append(f"{cls.__module__}.{cls.__qualname__}")
    return process_class(cls, *args, **kwargs)
dataclasses._process_class = counting

_agenda, session, path, digest = open_session(sys.argv[1], sys.argv[2], None)
app = MeetingApp(session, path, sys.argv[1], digest, blink=False, tick=False)
seen = {}

async def opened(pilot, key, screen):
    before, made[:] = set(sys.modules), []
    await pilot.press(key)
    for _ in range(200):
        if type(app.screen).__name__ == screen:
            break
        await pilot.pause(0.01)
    assert type(app.screen).__name__ == screen, app.screen
    seen[key] = {"imported": sorted(set(sys.modules) - before), "dataclasses": list(made)}
    await pilot.press("escape")
    await pilot.pause()

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await opened(pilot, "x", "ExportScreen")
        await opened(pilot, "r", "ReportScreen")

asyncio.run(main())
print(json.dumps(seen))
"""


def first_openings(tmp_path) -> dict[str, dict[str, list[str]]]:  # type: ignore[no-untyped-def]
    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(agenda), str(tmp_path / "s.session.toml")],
        capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def test_the_first_x_and_r_import_only_their_dialogs(tmp_path):
    seen = first_openings(tmp_path)
    x, r = seen["x"], seen["r"]
    assert "meeting_tui.ui.screens.export" in x["imported"]  # the probe sees imports
    # x shows the file names and whether DOCX and PDF can be made: the List, its
    # renderers and the Word writer come when a format is chosen.
    for module in ("meeting_tui.core.decision_list", "meeting_tui.core.export",
                   "meeting_tui.core.export_docx", "docx"):
        assert module not in x["imported"], module
    # r: its own screen, not the other dialogs' module.
    assert "meeting_tui.ui.screens.report" in r["imported"]
    assert "meeting_tui.ui.screens.dialogs" not in r["imported"]
    # Neither makes a dataclass as it opens.
    assert x["dataclasses"] == [] and r["dataclasses"] == []
