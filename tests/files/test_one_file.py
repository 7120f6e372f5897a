"""One session is one file, whatever the path to it, and a change on disk is found
whatever its stamp says.

A symlink, a hard link or a roundabout path (``./x/../s.toml``) to a session another
meeting-tui holds is refused like the path itself; saving through a symlink writes the
file it points to and leaves the link a link; an edit in place of the same size, its
mtime put back, is still a change someone else made (the ctime moved: the content's
digest decides).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from meeting_tui.core.errors import InputError
from meeting_tui.files.durable import backup_path, write_atomic
from meeting_tui.files.lock import Locked, SessionLock
from meeting_tui.files.opening import open_meeting
from meeting_tui.files.session_file import SessionFile
from meeting_tui.files.session_toml import dumps

AGENDA_TEXT = "One file meeting\n\n1. Opening\n2. Reports\n"


def never_ask(question: str, default: bool) -> bool | None:
    raise AssertionError(question)


def refuse(question: str, default: bool) -> bool | None:
    return False


@pytest.fixture
def agenda(tmp_path: Path) -> Path:
    path = tmp_path / "one.txt"
    path.write_text(AGENDA_TEXT, encoding="utf-8")
    return path


@pytest.fixture
def session(agenda: Path) -> Path:
    """A saved session file, no lock held."""
    opened = open_meeting(str(agenda), None, None, ask=never_ask)
    opened.session.add_decision("1", "first")
    opened.file.save(dumps(opened.session, str(agenda), opened.digest))
    opened.lock.release()
    return opened.path


def other_names(session: Path) -> dict[str, Path]:
    folder = session.parent
    (folder / "x").mkdir()
    link = folder / "link.toml"
    link.symlink_to(session.name)
    hard = folder / "hard.toml"
    os.link(session, hard)
    return {"symlink": link, "hard link": hard, "roundabout": folder / "x" / ".." / session.name}


@pytest.mark.parametrize("kind", ["symlink", "hard link", "roundabout"])
def test_a_second_name_of_a_held_session_is_refused(agenda, session, kind):
    first = open_meeting(str(agenda), None, None, ask=never_ask)
    try:
        name = other_names(session)[kind]
        before = session.read_bytes()
        with pytest.raises(InputError) as info:
            open_meeting(str(agenda), str(name), None, ask=refuse)
        assert "open in another meeting-tui" in str(info.value)
        assert f"process {os.getpid()}" in str(info.value)
        assert session.read_bytes() == before
    finally:
        first.lock.release()


def test_the_other_name_is_refused_after_saves_too(agenda, session):
    """The lock follows the file to each version a save makes."""
    first = open_meeting(str(agenda), None, None, ask=never_ask)
    try:
        for text in ("second", "third"):
            first.session.add_decision("1", text)
            first.file.save(dumps(first.session, str(agenda), first.digest))
        hard = session.with_name("later.toml")
        os.link(session, hard)  # made while the app runs, on the file as it is now
        with pytest.raises(Locked):
            SessionLock(hard).acquire()
    finally:
        first.lock.release()
    second = SessionLock(session.with_name("later.toml"))
    assert second.acquire() is None  # free again once released
    second.release()


def test_a_lock_on_a_new_file_is_refused_through_a_link(tmp_path):
    real = tmp_path / "s.toml"
    first = SessionLock(real)
    first.acquire()
    try:
        (tmp_path / "l.toml").symlink_to(real)
        with pytest.raises(Locked):
            SessionLock(tmp_path / "l.toml").acquire()
    finally:
        first.release()


def test_saving_through_a_symlink_writes_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text("format = 3\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real.name)
    write_atomic(link, "format = 3\n# new\n", backup=backup_path(real))
    assert link.is_symlink() and os.readlink(link) == real.name
    assert real.read_text() == "format = 3\n# new\n"
    assert backup_path(real).read_text() == "format = 3\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_the_session_file_through_a_symlink_stays_one_file(tmp_path):
    real = tmp_path / "real.toml"
    real.write_text("format = 3\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    file = SessionFile.as_it_is(link)
    assert file.save("format = 3\n# one\n") is None
    assert file.save("format = 3\n# two\n") is None  # not "changed by someone else"
    assert link.is_symlink() and real.read_text() == "format = 3\n# two\n"
    assert backup_path(real).read_text() == "format = 3\n# one\n"


def test_an_edit_in_place_with_its_mtime_put_back_is_not_overwritten(tmp_path):
    path = tmp_path / "s.toml"
    file = SessionFile(path, None, None)
    file.save('format = 3\ntitle = "ours"\n')
    st = path.stat()
    with open(path, "r+b") as handle:  # same size, same inode
        handle.write(b'format = 3\ntitle = "edit"\n')
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # the mtime put back
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        st.st_ino, st.st_size, st.st_mtime_ns)
    left_alone = file.save('format = 3\ntitle = "next"\n')
    assert left_alone == path
    assert path.read_text() == 'format = 3\ntitle = "edit"\n'
    assert file.path.name.startswith("s.conflict-")
    assert file.path.read_text() == 'format = 3\ntitle = "next"\n'


def test_metadata_touched_but_content_the_same_is_still_ours(tmp_path):
    path = tmp_path / "s.toml"
    file = SessionFile(path, None, None)
    file.save("format = 3\n")
    path.chmod(0o640)  # the ctime moves; the content does not
    assert file.save("format = 3\n# more\n") is None
    assert path.read_text() == "format = 3\n# more\n"


def test_a_save_reads_the_file_back_only_when_its_stamp_moved(tmp_path, monkeypatch):
    """Reading 1.5 MB and hashing it costs milliseconds: not on every save."""
    path = tmp_path / "s.toml"
    file = SessionFile(path, None, None)
    file.save("format = 3\n")
    reads = []
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda p: reads.append(p) or real_read(p))
    for n in range(3):
        file.save(f"format = 3\n# {n}\n")
    assert reads == []
