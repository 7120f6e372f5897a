"""End to end, two real session files: the 29th meeting's session made by `meeting-tui
next` from the 28th's; adopting the carried decisions while the 28th meeting's app is
open (in tmux) is refused in one line and not a byte of its file changes; the 29th
meeting opened once the 28th's app has quit marks them adopted there."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers.followup import two_meetings
from helpers.tmux import FIRST_SCREEN_TIMEOUT, Tmux, installed_command, wait_for_text

from meeting_tui.files import session_file
from meeting_tui.files.session_toml import default_session_path


def meeting_tui(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(installed_command()), *map(str, args)], capture_output=True,
                          text=True, timeout=60, check=False)


def test_adoption_waits_for_the_old_meeting_to_close(tmux: Tmux, tmp_path: Path) -> None:
    old, new_agenda = two_meetings(tmp_path)
    made = meeting_tui("next", old, new_agenda)
    assert made.returncode == 0, made.stderr
    new = default_session_path(new_agenda)
    command = str(installed_command())

    tmux.start([command, str(old.parent / "lanzarote-28th-meeting-2020-09.txt")], "old")
    wait_for_text(tmux, "Virtual meeting, 21-25 September 2020", FIRST_SCREEN_TIMEOUT)
    before = old.read_bytes()
    refused = meeting_tui("adopt", new, "--previous", "--on", "2020-11-23")
    assert refused.returncode == 1, refused.stderr
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 2 and "is open in another meeting-tui (process" in lines[1]
    assert old.read_bytes() == before  # not a byte, while its app holds it

    tmux.send_keys("q")
    assert tmux.wait_exit("old", "the old meeting's app to quit") == 0

    tmux.respawn([command, str(new_agenda)], "new")  # the 29th meeting opens: marked
    wait_for_text(tmux, "2 decisions marked adopted", FIRST_SCREEN_TIMEOUT)
    decisions = session_file.load_alone(old)[1].session.state("2.1.1").decisions
    assert {(d.status.value, d.adopted.isoformat() if d.adopted else None)
            for d in decisions} == {("adopted", "2020-11-23")}
    tmux.send_keys("q")
    assert tmux.wait_exit("new", "the new meeting's app to quit") == 0
    record = session_file.load_alone(new)[1].session.settings.previous
    assert record is not None and not record.pending
