"""Writing an export of the List of decisions: the file's mode is a new file's."""

from __future__ import annotations

import os
import stat

import pytest

from meeting_tui.files.exports import write_file


@pytest.fixture
def umask():
    """Set the process umask for a test, and put the old one back."""
    old = os.umask(0o022)

    def set_umask(value: int) -> None:
        os.umask(value)

    yield set_umask
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("value, expected", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_export_gets_the_mode_of_any_new_file(tmp_path, umask, value, expected):
    """It is for colleagues: -rw-r--r-- under umask 022, not mkstemp's -rw-------."""
    umask(value)
    target = tmp_path / "list.md"
    write_file(target, "text")
    assert mode(target) == expected
    write_file(tmp_path / "list.docx", b"PK\x03\x04")
    assert mode(tmp_path / "list.docx") == expected


def test_a_replaced_export_keeps_its_mode(tmp_path, umask):
    target = tmp_path / "list.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_file(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert mode(target) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["list.md"]  # no temporary left


def test_a_failed_write_leaves_no_temporary(tmp_path, umask, monkeypatch):
    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        write_file(tmp_path / "list.md", "text")
    assert list(tmp_path.iterdir()) == []
