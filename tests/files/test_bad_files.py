"""Bad input never hangs and never traces back: a FIFO or a device where the session
file should be, a file too large, TOML nested too deep, a time no meeting has, a folder
that cannot be written or does not exist. Each: one line, exit 2, the bytes unchanged.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meeting_tui.cli import main
from meeting_tui.files import durable
from meeting_tui.files.opening import open_meeting
from meeting_tui.files.session_file import SIZE_LIMIT
from meeting_tui.files.session_toml import dumps

AGENDA_TEXT = "Bad files meeting\n\n1. Opening\n2. Reports\n"
COMMANDS = {
    "report": lambda s, a: ["report", str(s)],
    "decisions": lambda s, a: ["decisions", str(s)],
    "adopt": lambda s, a: ["adopt", str(s), "--on", "2020-09-25"],
    "agenda --session": lambda s, a: ["agenda", str(a), "--session", str(s)],
    "run": lambda s, a: [str(a), "--session", str(s)],
}


@pytest.fixture
def agenda(tmp_path: Path) -> Path:
    path = tmp_path / "bad.txt"
    path.write_text(AGENDA_TEXT, encoding="utf-8")
    return path


def saved(agenda: Path, final: bool = True) -> Path:
    opened = open_meeting(str(agenda), None, None, ask=lambda q, d: None)
    key, decision = "1", opened.session.add_decision("1", "Adopted.")
    if final:
        opened.session.toggle_final(key, decision.id)
    opened.file.save(dumps(opened.session, str(agenda), opened.digest))
    opened.lock.release()
    return opened.path


def run_cli(*args: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(list(args))
    return code, err.getvalue()


def run_process(*args: str) -> tuple[int, str]:
    """As a user runs it, with a timeout: a hang fails the test instead of stopping it."""
    result = subprocess.run([sys.executable, "-m", "meeting_tui", *args], capture_output=True,
                            text=True, stdin=subprocess.DEVNULL, timeout=60)
    return result.returncode, result.stderr


def one_line(code: int, err: str, *words: str) -> None:
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("meeting-tui: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_fifo_as_the_session_file_is_refused_at_once(agenda, tmp_path, command):
    fifo = tmp_path / "pipe.session.toml"
    os.mkfifo(fifo)
    one_line(*run_process(*COMMANDS[command](fifo, agenda)), "named pipe")


@pytest.mark.parametrize("command", ["report", "decisions", "run"])
def test_a_symlink_to_dev_zero_is_refused_at_once(agenda, tmp_path, command):
    link = tmp_path / "zero.session.toml"
    link.symlink_to("/dev/zero")
    one_line(*run_process(*COMMANDS[command](link, agenda)), "character device")


def test_a_file_over_the_size_limit_is_refused(agenda, tmp_path):
    big = tmp_path / "big.session.toml"
    big.write_bytes(b"# " + b"x" * SIZE_LIMIT + b"\n")
    one_line(*run_cli("report", str(big)), "too large")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_toml_nested_too_deep_is_one_line(agenda, tmp_path, command):
    deep = tmp_path / "deep.session.toml"
    content = b"format = 3\nx = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"
    deep.write_bytes(content)
    one_line(*run_cli(*COMMANDS[command](deep, agenda)), "nested too deep")
    assert deep.read_bytes() == content


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "America/Los_Angeles"])
def test_a_span_at_the_end_of_time_is_one_line(agenda, zone, monkeypatch):
    import time

    path = saved(agenda)
    text = path.read_text(encoding="utf-8")
    assert "\nspans = []\n" in text
    text = text.replace("\nspans = []\n", "\nspans = [{ start = 9999-12-31 23:59:00Z }]\n", 1)
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        one_line(*run_cli("report", str(path)), "9999-12-31", "not a time of a meeting")
    finally:
        monkeypatch.undo()
        time.tzset()
    assert path.read_bytes() == before


def test_adopt_on_a_full_disk_is_one_line_and_the_file_unchanged(agenda, monkeypatch):
    path = saved(agenda)
    before = path.read_bytes()

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(durable.os, "fsync", full)
    one_line(*run_cli("adopt", str(path), "--on", "2020-09-25"), "No space left on device")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file (needs permissions)")
def test_adopt_in_a_read_only_folder_is_one_line(agenda):
    path = saved(agenda)
    before = path.read_bytes()
    for leftover in path.parent.glob("*.lock*"):
        leftover.unlink()
    path.parent.chmod(0o555)
    try:
        one_line(*run_cli("adopt", str(path), "--on", "2020-09-25"), "ermission denied")
    finally:
        path.parent.chmod(0o755)
    assert path.read_bytes() == before


def test_adopt_when_the_lock_cannot_be_made_is_one_line(agenda, monkeypatch):
    """The read-only folder as root sees it: the lock file refused."""
    from meeting_tui.files import lock

    path = saved(agenda)
    before = path.read_bytes()

    def refused(self, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(lock.lock_path(path)))

    monkeypatch.setattr(lock.FileLock, "acquire", refused)
    one_line(*run_cli("adopt", str(path), "--on", "2020-09-25"), "Permission denied")
    assert path.read_bytes() == before


def test_adopt_when_the_folder_refuses_the_write_is_one_line(agenda, monkeypatch):
    path = saved(agenda)
    before = path.read_bytes()

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(durable.tempfile, "mkstemp", refused)
    one_line(*run_cli("adopt", str(path), "--on", "2020-09-25"), "Permission denied")
    assert path.read_bytes() == before


def test_a_session_in_a_folder_that_does_not_exist_is_refused(agenda, tmp_path):
    target = tmp_path / "no" / "such" / "s.session.toml"
    one_line(*run_cli(str(agenda), "--session", str(target)), "no such folder")
    assert not (tmp_path / "no").exists()
