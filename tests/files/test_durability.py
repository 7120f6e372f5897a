"""Durability of the session file: backup, permissions, conflicts, a crash's leftovers,
older formats, and files that will not load (checked through the real command line,
with the bytes on disk compared before and after)."""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from pathlib import Path

import pytest
from helpers.session_files import load_session

from meeting_tui.cli import main
from meeting_tui.core.errors import InputError
from meeting_tui.files import durable, session_reading
from meeting_tui.files.durable import backup_path, leftover_temporaries, write_atomic
from meeting_tui.files.opening import open_meeting, recover_leftovers
from meeting_tui.files.session_file import SessionFile
from meeting_tui.files.session_toml import FORMAT_VERSION, dumps

AGENDA_TEXT = """\
Board meeting, 3 March 2025

1. Opening
2. Reports
3. Budget
4. Any other business
"""


def never_ask(question: str, default: bool) -> bool | None:
    raise AssertionError(f"asked {question!r}")


def nobody(question: str, default: bool) -> bool | None:
    return None  # as when stdin is not a terminal


@pytest.fixture
def agenda(tmp_path: Path) -> Path:
    path = tmp_path / "board.txt"
    path.write_text(AGENDA_TEXT, encoding="utf-8")
    return path


def session_path(agenda: Path) -> Path:
    return agenda.with_name("board.session.toml")


def saved_session(agenda: Path, text: str = "The agenda was adopted.") -> Path:
    """A session file with one decision, written as the app writes it."""
    opened = open_meeting(str(agenda), None, None, ask=never_ask)
    opened.session.add_decision("1", text)
    opened.file.save(dumps(opened.session, str(agenda), opened.digest))
    opened.lock.release()
    return opened.path


def run_cli(*args: str) -> tuple[int, str]:
    """The command line in-process, as far as it goes without a terminal."""
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, err.getvalue()


# ------------------------------------------------------------------ atomic write, backup


def test_each_save_keeps_the_previous_version_as_bak(tmp_path):
    path = tmp_path / "m.session.toml"
    file = SessionFile(path, None, None)
    file.save("format = 2\nn = 1\n")
    assert not backup_path(path).exists()  # nothing before the first save
    file.save("format = 2\nn = 2\n")
    assert backup_path(path).read_text() == "format = 2\nn = 1\n"
    file.save("format = 2\nn = 3\n")
    assert backup_path(path).read_text() == "format = 2\nn = 2\n"
    assert path.read_text() == "format = 2\nn = 3\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.session.toml", "m.session.toml.bak"]


def test_the_backup_is_a_copy_where_hard_links_fail(tmp_path, monkeypatch):
    path = tmp_path / "m.session.toml"
    write_atomic(path, "one\n")

    def no_links(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(durable.os, "link", no_links)
    write_atomic(path, "two\n", backup=backup_path(path))
    assert backup_path(path).read_text() == "one\n"
    assert path.read_text() == "two\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_failed_replace_leaves_file_and_backup_as_they_were(tmp_path, monkeypatch):
    path = tmp_path / "m.session.toml"
    file = SessionFile(path, None, None)
    file.save("one\n")
    file.save("two\n")
    real = os.replace

    def fail_on_the_session(src, dst):
        if Path(dst) == path:
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(durable.os, "replace", fail_on_the_session)
    with pytest.raises(OSError):
        file.save("three\n")
    assert path.read_text() == "two\n"
    # the backup moved forward to the version still in place: nothing older is needed
    assert backup_path(path).read_text() == "two\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_an_existing_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "m.session.toml"
    path.write_text("old\n")
    path.chmod(0o640)
    write_atomic(path, "new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_gets_the_usual_permissions_not_0600(tmp_path, monkeypatch):
    monkeypatch.setattr(durable, "_UMASK", 0o022)  # read once, at import
    path = tmp_path / "m.session.toml"
    write_atomic(path, "new\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # not mkstemp's 0600


# ------------------------------------------------------------------ someone else's change


def test_a_file_changed_by_someone_else_is_never_overwritten(tmp_path):
    path = tmp_path / "m.session.toml"
    file = SessionFile(path, None, None)
    file.save("format = 2\nours = 1\n")
    path.write_text("format = 2\ntheirs = 1\n")  # an editor, a sync tool, a second machine
    left_alone = file.save("format = 2\nours = 2\n")
    assert left_alone == path
    assert path.read_text() == "format = 2\ntheirs = 1\n"
    assert file.path != path and file.path.parent == tmp_path
    assert ".conflict-" in file.path.name and file.path.name.endswith(".toml")
    assert file.path.read_text() == "format = 2\nours = 2\n"
    # later saves go on in the conflict copy, and the file stays theirs
    assert file.save("format = 2\nours = 3\n") is None
    assert file.path.read_text() == "format = 2\nours = 3\n"
    assert path.read_text() == "format = 2\ntheirs = 1\n"


def test_a_file_that_appears_where_there_was_none_is_not_overwritten(tmp_path):
    path = tmp_path / "m.session.toml"
    file = SessionFile(path, None, None)
    path.write_text("someone else's\n")
    assert file.save("ours\n") == path
    assert path.read_text() == "someone else's\n"


def test_a_file_only_touched_is_ours_still(tmp_path):
    path = tmp_path / "m.session.toml"
    file = SessionFile(path, None, None)
    file.save("ours\n")
    os.utime(path, ns=(1, 1))
    assert file.save("ours again\n") is None
    assert path.read_text() == "ours again\n"


def test_a_removed_file_is_written_again(tmp_path):
    path = tmp_path / "m.session.toml"
    file = SessionFile(path, None, None)
    file.save("one\n")
    path.unlink()
    assert file.save("two\n") is None
    assert path.read_text() == "two\n"


def test_the_file_as_loaded_is_the_one_compared(agenda):
    path = saved_session(agenda)
    opened = open_meeting(str(agenda), None, None, ask=never_ask)
    try:
        path.write_text(path.read_text() + "\n# a note typed by hand\n")
        opened.session.add_decision("2", "more")
        left = opened.file.save(dumps(opened.session, str(agenda), opened.digest))
        assert left == path
        assert path.read_text().endswith("# a note typed by hand\n")
    finally:
        opened.lock.release()


# ------------------------------------------------------------------ a crash's leftovers


def leftover(path: Path, text: str, token: str = "abcd1234") -> Path:
    tmp = path.with_name(f".{path.name}.{token}.tmp")
    tmp.write_text(text, encoding="utf-8")
    return tmp


def test_a_complete_leftover_is_offered_and_used(agenda):
    path = saved_session(agenda, "old text")
    newer = path.read_text().replace("old text", "newer text")
    tmp = leftover(path, newer)
    assert leftover_temporaries(path) == [tmp]
    asked = []

    def yes(question: str, default: bool) -> bool:
        asked.append(question)
        return True

    opened = open_meeting(str(agenda), None, None, ask=yes)
    opened.lock.release()
    assert len(asked) == 1 and "crash" in asked[0]
    assert [d.text for d in opened.session.state("1").decisions] == ["newer text"]
    assert path.read_text() == newer
    assert "old text" in backup_path(path).read_text()
    assert not tmp.exists()
    assert any("Recovered" in note for note in opened.notes)


def test_without_a_terminal_a_complete_leftover_is_used_and_said(agenda):
    path = saved_session(agenda, "old text")
    leftover(path, path.read_text().replace("old text", "newer text"))
    notes = recover_leftovers(path, nobody)
    assert "newer text" in path.read_text()
    assert "old text" in backup_path(path).read_text()
    assert notes and "Recovered" in notes[0]


def test_a_refused_leftover_is_kept_under_a_visible_name(agenda):
    path = saved_session(agenda, "old text")
    newer = path.read_text().replace("old text", "newer text")
    leftover(path, newer)
    notes = recover_leftovers(path, lambda q, d: False)
    assert "old text" in path.read_text()
    [kept] = [p for p in path.parent.iterdir() if ".recovered-" in p.name]
    assert kept.read_text() == newer
    assert str(kept) in notes[0]
    assert leftover_temporaries(path) == []


def test_a_torn_leftover_is_removed_without_a_question(agenda):
    path = saved_session(agenda)
    before = path.read_bytes()
    tmp = leftover(path, 'format = 2\ntitle = "cut in the mid')
    assert recover_leftovers(path, never_ask) == []
    assert not tmp.exists()
    assert path.read_bytes() == before


def test_a_leftover_equal_to_the_file_is_just_removed(agenda):
    path = saved_session(agenda)
    tmp = leftover(path, path.read_text())
    assert recover_leftovers(path, never_ask) == []
    assert not tmp.exists()


def test_leftovers_are_left_alone_in_read_only(agenda):
    path = saved_session(agenda)
    tmp = leftover(path, path.read_text().replace("adopted", "changed"))
    opened = open_meeting(str(agenda), None, None, read_only=True, ask=never_ask)
    assert opened.read_only and opened.lock is None and opened.file is None
    assert tmp.exists()


def test_other_files_in_the_folder_are_not_leftovers(agenda):
    path = saved_session(agenda)
    for name in (f".{path.name}.bak.abcd1234.tmp", f".{path.name}.toolong123.tmp",
                 ".other.session.toml.abcd1234.tmp", f"{path.name}.abcd1234.tmp"):
        (path.parent / name).write_text("format = 2\n")
    assert leftover_temporaries(path) == []


# ------------------------------------------------------------------ older formats


def test_a_format_1_file_is_upgraded_and_kept_as_it_was(agenda):
    path = saved_session(agenda, "written by format 1")
    doc = tomllib.loads(path.read_text())
    old_text = path.read_text().replace(f"format = {FORMAT_VERSION}", "format = 1", 1)
    assert doc["format"] == FORMAT_VERSION and FORMAT_VERSION > 1
    path.write_text(old_text)
    opened = open_meeting(str(agenda), None, None, ask=never_ask)
    try:
        kept = path.with_name(f"{path.name}.format1.bak")
        assert kept.read_text() == old_text
        assert any("older meeting-tui (format 1)" in note and str(kept) in note
                   for note in opened.notes)
        assert [d.text for d in opened.session.state("1").decisions] == ["written by format 1"]
        opened.file.save(dumps(opened.session, str(agenda), opened.digest))
        assert tomllib.loads(path.read_text())["format"] == FORMAT_VERSION
        assert kept.read_text() == old_text  # the old file outlives later saves
    finally:
        opened.lock.release()


def test_an_upgrade_chain_runs_in_order(agenda, monkeypatch):
    """A synthetic format 3 whose step from 2 renames a field: a format-1 file goes
    through both steps."""
    path = saved_session(agenda, "decided")
    path.write_text(path.read_text().replace(f"format = {FORMAT_VERSION}", "format = 1", 1)
                    .replace("next_decision_id", "next_id", 1))
    steps = []

    def from_1(doc):
        steps.append(1)
        return {**doc, "format": 2}

    def from_2(doc):
        steps.append(2)
        doc = dict(doc)
        doc["next_decision_id"] = doc.pop("next_id")
        return {**doc, "format": 3}

    monkeypatch.setattr(session_reading, "FORMAT_VERSION", 3)
    monkeypatch.setattr(session_reading, "UPGRADES", {1: from_1, 2: from_2})
    import meeting_tui.files.opening as run

    monkeypatch.setattr(run, "FORMAT_VERSION", 3)
    opened = open_meeting(str(agenda), None, None, ask=never_ask)
    opened.lock.release()
    assert steps == [1, 2]
    assert opened.session.next_decision_id == 2
    assert path.with_name(f"{path.name}.format1.bak").exists()


def test_a_format_without_an_upgrade_is_refused(tmp_path, monkeypatch):
    from meeting_tui.core.parser import parse_agenda

    monkeypatch.setattr(session_reading, "FORMAT_VERSION", 3)
    monkeypatch.setattr(session_reading, "UPGRADES", {1: lambda d: {**d, "format": 2}})
    path = tmp_path / "s.session.toml"
    path.write_text("format = 2\n")
    with pytest.raises(InputError) as info:
        load_session(path, parse_agenda(AGENDA_TEXT))
    assert "format 2" in str(info.value)


# ------------------------------------------------------------------ files that will not load

CORRUPT = {
    "not TOML": ('format = 2\ntitle = "Board"\n\nthis is = not = toml\n', ":4: "),
    "wrong types": ('format = 2\ntitle = 3\n', "title"),
    "a newer format": (f'format = {FORMAT_VERSION + 1}\ntitle = "from the future"\n',
                       "newer meeting-tui"),
    "no format": ('title = "Board"\n', "format"),
    "not UTF-8": ('format = 2\ntitle = "caf\xe9"\n'.encode("cp1252"), "UTF-8"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00", "not"),
    "wrong shape": ("format = 2\n[items]\n1 = 3\n", "items.1"),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_a_bad_file_gives_one_line_exit_2_and_stays_as_it_is(agenda, case):
    content, words = CORRUPT[case]
    path = session_path(agenda)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    before = path.stat()
    code, err = run_cli(str(agenda))
    assert code == 2
    assert err.count("\n") == 1 and err.startswith(f"meeting-tui: {path}")
    assert words in err
    assert "--fresh" in err
    assert "Traceback" not in err
    assert path.read_bytes() == content
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert not backup_path(path).exists()
    assert [p.name for p in agenda.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_an_unreadable_file_gives_one_line_exit_2(agenda, monkeypatch):
    path = session_path(agenda)
    path.write_text("format = 2\n")
    real_open = open

    def denied(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    code, err = run_cli(str(agenda))
    monkeypatch.undo()
    assert code == 2
    assert err.count("\n") == 1 and "permission denied" in err
    assert path.read_text() == "format = 2\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_for_real(agenda):
    path = session_path(agenda)
    path.write_text("format = 2\n")
    path.chmod(0)
    try:
        code, err = run_cli(str(agenda))
    finally:
        path.chmod(0o644)
    assert code == 2 and "permission denied" in err


def test_a_bad_file_names_its_backup_when_the_backup_loads(agenda):
    path = saved_session(agenda)
    write_atomic(path, path.read_text() + "\nbroken = = here\n", backup=backup_path(path))
    code, err = run_cli(str(agenda))
    assert code == 2 and err.count("\n") == 1
    assert f"previous version is in {backup_path(path)}" in err
    assert f"cp {backup_path(path)} {path}" in err


def test_a_backup_that_does_not_load_is_not_recommended(agenda):
    path = session_path(agenda)
    path.write_text("format = = 2\n")
    backup_path(path).write_text("also broken = =\n")
    code, err = run_cli(str(agenda))
    assert code == 2 and "does not load either" in err


def test_fresh_moves_the_bad_file_aside_and_says_where(agenda, monkeypatch):
    import meeting_tui.ui.app as app_module

    path = session_path(agenda)
    content = b"this is not a session\n"
    path.write_bytes(content)
    ran = []
    monkeypatch.setattr(app_module.MeetingApp, "run", lambda self: ran.append(self.session))
    code, err = run_cli(str(agenda), "--fresh")
    assert code == 0 and len(ran) == 1
    [aside] = [p for p in agenda.parent.iterdir() if ".aside-" in p.name]
    assert aside.read_bytes() == content
    assert f"Moved {path} aside to {aside}" in err
    assert not path.exists()  # the new session is written at its first change
    assert ran[0].states == {}


def test_read_only_and_fresh_do_not_go_together(agenda):
    code, err = run_cli(str(agenda), "--fresh", "--read-only")
    assert code == 2 and "do not go together" in err


def test_a_good_file_loads_through_the_command_line(agenda, monkeypatch):
    import meeting_tui.ui.app as app_module

    saved_session(agenda, "kept")
    seen = []
    monkeypatch.setattr(app_module.MeetingApp, "run", lambda self: seen.append(self))
    assert run_cli(str(agenda)) == (0, "")
    [app] = seen
    assert [d.text for d in app.session.state("1").decisions] == ["kept"]
    assert app.lock is not None and not app.lock.held  # released after the app ended


def test_other_commands_name_the_backup_too(agenda):
    path = saved_session(agenda)
    write_atomic(path, path.read_text() + "\nbroken = = here\n", backup=backup_path(path))
    code, err = run_cli("decisions", str(path))
    assert code == 2 and err.count("\n") == 1
    assert f"previous version is in {backup_path(path)}" in err
    assert "--fresh" not in err  # that is the app's flag, not this command's
