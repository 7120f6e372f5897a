"""The old session file told what the next meeting did with its carried decisions
(files.previous): through the old session's lock and SessionFile.save; while another
process holds that lock, not a byte of the old file changes and the adoption stays
pending in the new session."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from helpers.followup import two_meetings

from meeting_tui import cli
from meeting_tui.core.session import DecisionStatus
from meeting_tui.files import session_file
from meeting_tui.files.durable import backup_path
from meeting_tui.files.lock import SessionLock
from meeting_tui.files.previous import mark_old_session, old_session_path
from meeting_tui.files.session_toml import default_session_path

DAY = date(2020, 11, 23)
HOLD = """
import sys, time
from meeting_tui.files.lock import SessionLock
lock = SessionLock(sys.argv[1]); lock.acquire(); print("held", flush=True)
sys.stdin.read()
"""


@pytest.fixture
def carried(capsys, tmp_path):
    old_session, new_agenda = two_meetings(tmp_path)
    assert cli.main(["next", str(old_session), str(new_agenda)]) == 0
    capsys.readouterr()
    new_path = default_session_path(new_agenda)
    new = session_file.load_alone(new_path)[1].session
    assert new.settings.previous is not None
    new.settings.previous.adopted_on = DAY  # this meeting adopted them
    return new_path, new.settings.previous, old_session


def old_decisions(path):
    return session_file.load_alone(path)[1].session.state("2.1.1").decisions


def test_the_old_file_is_marked_through_its_lock_and_save(carried):
    new_path, record, old_path = carried
    assert old_session_path(new_path, record) == old_path
    result = mark_old_session(new_path, record, "later")
    assert result.done and result.changed == 2
    assert result.line.startswith("2 decisions marked adopted on 23 November 2020 in the "
                                  "28th meeting's session")
    assert record.marked_on == DAY and not record.pending
    assert [(d.status, d.adopted) for d in old_decisions(old_path)] == [
        (DecisionStatus.ADOPTED, DAY)] * 2
    assert backup_path(old_path).exists()  # SessionFile.save kept the version replaced
    with SessionLock(old_path):  # and the lock was let go
        pass
    record.adopted_on = None  # the adoption withdrawn here: final again there
    assert mark_old_session(new_path, record, "later").changed == 2
    assert {d.status for d in old_decisions(old_path)} == {DecisionStatus.FINAL}


def test_an_old_file_held_by_another_process_is_not_touched(carried):
    new_path, record, old_path = carried
    before = old_path.read_bytes()
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(old_path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        result = mark_old_session(new_path, record, "on the next open")
    finally:
        holder.communicate("")
    assert not result.done and "\n" not in result.line
    assert "is open in another meeting-tui (process " in result.line
    assert result.line.endswith("to be marked adopted on 23 November 2020 there on the "
                                "next open")
    assert old_path.read_bytes() == before and not backup_path(old_path).exists()
    assert record.pending and record.marked_on is None
    assert mark_old_session(new_path, record, "later").done  # once it is free


def test_a_missing_old_file_keeps_the_adoption_pending(carried):
    new_path, record, old_path = carried
    moved = old_path.with_name("moved.toml")
    old_path.rename(moved)
    result = mark_old_session(new_path, record, "later")
    assert not result.done and "not marked" in result.line and record.pending
    assert "\n" not in result.line
