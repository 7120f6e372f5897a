"""A conflict copy is not forgotten on restart.

The app saved to ``*.conflict-<time>.toml`` because someone else changed the session
file, then was quit. Opened again, the newer conflict copy is offered, as a crash's
leftover is: taken, the file as it was goes aside and the copy becomes the session;
refused or without a terminal, the file loads as it is and the copy is named.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from meeting_tui.files.opening import open_meeting
from meeting_tui.files.session_toml import dumps

AGENDA_TEXT = "Conflict meeting\n\n1. Opening\n2. Reports\n"


def never_ask(question: str, default: bool) -> bool | None:
    raise AssertionError(question)


@pytest.fixture
def agenda(tmp_path: Path) -> Path:
    path = tmp_path / "c.txt"
    path.write_text(AGENDA_TEXT, encoding="utf-8")
    return path


def quit_after_a_conflict(agenda: Path) -> tuple[Path, Path, bytes]:
    """The app saves, someone else edits the file, the app saves again (to a conflict
    copy) and quits: (session file, conflict copy, the other's bytes)."""
    opened = open_meeting(str(agenda), None, None, ask=never_ask)
    opened.session.add_decision("1", "ours")
    opened.file.save(dumps(opened.session, str(agenda), opened.digest))
    other = opened.path.read_bytes().replace(b"ours", b"theirs, longer")
    opened.path.write_bytes(other)
    opened.session.add_decision("2", "ours too")
    left_alone = opened.file.save(dumps(opened.session, str(agenda), opened.digest))
    assert left_alone == opened.path
    copy = opened.file.path
    opened.lock.release()
    return opened.path, copy, other


def texts(opened) -> list[str]:
    return [d.text for state in opened.session.states.values() for d in state.decisions]


def test_a_newer_conflict_copy_is_offered_and_taken(agenda):
    path, copy, other = quit_after_a_conflict(agenda)
    questions = []

    def yes(question: str, default: bool) -> bool:
        questions.append((question, default))
        return True

    opened = open_meeting(str(agenda), None, None, ask=yes)
    try:
        [(question, default)] = questions
        assert copy.name in question and default is True
        assert texts(opened) == ["ours", "ours too"]
        assert path.read_bytes() == copy.read_bytes()
        [aside] = [p for p in path.parent.iterdir() if ".aside-" in p.name]
        assert aside.read_bytes() == other  # the other version is kept, never lost
        assert copy.exists()
        assert any(copy.name in note for note in opened.notes)
    finally:
        opened.lock.release()
    # Not offered again: the session file is the newer now.
    again = open_meeting(str(agenda), None, None, ask=never_ask)
    again.lock.release()


@pytest.mark.parametrize("answer", [False, None], ids=["refused", "no terminal"])
def test_a_refused_conflict_copy_leaves_the_file_and_is_named(agenda, answer):
    path, copy, other = quit_after_a_conflict(agenda)
    opened = open_meeting(str(agenda), None, None, ask=lambda q, d: answer)
    try:
        assert texts(opened) == ["theirs, longer"]
        assert path.read_bytes() == other
        assert any(str(copy) in note and "--session" in note for note in opened.notes)
    finally:
        opened.lock.release()


def test_an_older_conflict_copy_is_not_offered(agenda):
    path, copy, _other = quit_after_a_conflict(agenda)
    st = copy.stat()
    os.utime(copy, ns=(st.st_atime_ns, path.stat().st_mtime_ns - 10**9))
    opened = open_meeting(str(agenda), None, None, ask=never_ask)
    opened.lock.release()
    assert not any(copy.name in note for note in opened.notes)
