"""The app when the file cannot be written, was changed by someone else, or is read-only.

Tests run as root, where a read-only folder does not stop a write: failures are
injected (ENOSPC, EROFS) or made real by removing the session's folder."""

from __future__ import annotations

import errno
import shutil
import stat
import tomllib
from pathlib import Path

import pytest
from helpers.paths import SEPTEMBER

from meeting_tui.files import durable
from meeting_tui.files.lock import SessionLock, info_path
from meeting_tui.files.opening import open_meeting
from meeting_tui.ui import saving
from meeting_tui.ui.app import MeetingApp
from meeting_tui.ui.screens.prompts import PromptScreen
from meeting_tui.ui.widgets.save_status import SaveStatus

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def fast_retries(monkeypatch):
    monkeypatch.setattr(saving, "RETRY_SECONDS", 0.2)


def app_in(folder: Path, clock, **kwargs) -> MeetingApp:
    """The app on the September agenda with its session in ``folder``, opened as the
    command line opens it (lock and all)."""
    folder.mkdir(parents=True, exist_ok=True)
    agenda = folder.parent / SEPTEMBER.name
    if not agenda.exists():
        shutil.copyfile(SEPTEMBER, agenda)
    opened = open_meeting(str(agenda), str(folder / "meeting.session.toml"), None,
                          ask=lambda q, d: None, **kwargs)
    opened.session.now = clock
    return MeetingApp(opened.session, opened.path, str(agenda), opened.digest,
                      session_file=opened.file, lock=opened.lock, read_only=opened.read_only,
                      notes=opened.notes, blink=False, tick=False)


def status(app: MeetingApp) -> str:
    bar = app.query_one(SaveStatus)
    return "\n".join(text for _, text in bar.lines) if bar.display else ""


def decisions(path: Path) -> list[str]:
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    return [d["text"] for item in doc.get("items", {}).values() for d in item.get("decisions", [])]


async def settle(pilot, app: MeetingApp, seconds: float = 0.6) -> None:
    """Let the typing timer fire and the writer report back."""
    await pilot.pause(seconds)
    app.autosaver.flush(5)
    await pilot.pause()


class Failing:
    """Make every write of a session file fail with ``error`` until ``stop``."""

    def __init__(self, monkeypatch, error: OSError) -> None:
        self.error = error
        self.attempts = 0
        self.real = durable.os.fsync
        self.on = True
        monkeypatch.setattr(durable.os, "fsync", self.fsync)

    def fsync(self, fd: int) -> None:
        if self.on and not stat.S_ISDIR(durable.os.fstat(fd).st_mode):
            self.attempts += 1
            raise self.error
        self.real(fd)

    def stop(self) -> None:
        self.on = False


@pytest.mark.parametrize(
    "error",
    [OSError(errno.ENOSPC, "No space left on device"),
     OSError(errno.EROFS, "Read-only file system")],
    ids=["disk-full", "read-only-folder"],
)
async def test_a_failing_save_keeps_everything_warns_retries_and_clears(
    tmp_path, clock, monkeypatch, error
):
    app = app_in(tmp_path / "s", clock)
    path = app.session_path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Saved before")
        await settle(pilot, app)
        assert decisions(path) == ["Saved before"]
        failing = Failing(monkeypatch, error)
        await pilot.press(*" and typed while the disk is full")
        await settle(pilot, app)
        text = "Saved before and typed while the disk is full"
        assert app.session.state("1").decisions[0].text == text  # kept in memory
        assert decisions(path) == ["Saved before"]  # the file is the last good one
        assert app.save_error is not None
        warning = status(app)
        assert "Not saved" in warning and error.strerror in warning and "w:" in warning
        assert app.query_one(SaveStatus).has_class("-error")
        tries = failing.attempts
        await pilot.pause(0.7)
        app.autosaver.flush(5)
        assert failing.attempts > tries  # it retries on its own, no key pressed
        assert "Not saved" in status(app)  # still there: not a toast
        failing.stop()
        await pilot.pause(0.5)
        app.autosaver.flush(5)
        await pilot.pause()
        assert decisions(path) == [text]
        assert app.save_error is None
        assert status(app) == ""
        assert app.saver.retry_timer is None
    app.lock.release()


async def test_a_removed_folder_then_back(tmp_path, clock):
    folder = tmp_path / "s"
    app = app_in(folder, clock)
    path = app.session_path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"First")
        await settle(pilot, app)
        shutil.rmtree(folder)  # a USB stick pulled out, a synced folder removed
        await pilot.press(*" and second")
        await settle(pilot, app)
        assert "Not saved" in status(app)
        assert "No such file or directory" in status(app)
        folder.mkdir()
        await pilot.pause(0.5)
        app.autosaver.flush(5)
        await pilot.pause()
        assert status(app) == ""
        assert decisions(path) == ["First and second"]
    app.lock.release()


async def test_save_as_while_the_disk_fails(tmp_path, clock, monkeypatch):
    app = app_in(tmp_path / "s", clock)
    old_path = app.session_path
    elsewhere = tmp_path / "elsewhere" / "rescued.session.toml"
    elsewhere.parent.mkdir()
    async with app.run_test(size=SIZE) as pilot:
        failing = Failing(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
        await pilot.press("a", *"Typed on a full disk")
        await settle(pilot, app)
        assert "Not saved" in status(app)
        failing.stop()
        monkeypatch.setattr(app.autosaver.file, "save", failing_save)  # the old disk still fails
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)
        prompt = app.screen.query_one("#prompt-input")
        prompt.value = str(elsewhere)
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, PromptScreen)
        assert decisions(elsewhere) == ["Typed on a full disk"]
        assert status(app) == ""
        assert app.session_path == elsewhere
        assert app.autosaver.path == elsewhere
        # later changes go to the new file
        await pilot.press("e", *", and after")
        await settle(pilot, app)
        assert decisions(elsewhere) == ["Typed on a full disk, and after"]
        assert info_path(elsewhere).exists() and not info_path(old_path).exists()
    app.lock.release()


def failing_save(text: str):
    raise OSError(errno.ENOSPC, "No space left on device")


async def test_a_late_result_about_the_file_left_by_save_as_is_moot(tmp_path, clock):
    # The writer thread's result of a last failed write to the old file can reach the
    # screen after save as has moved on: it must not bring the error back.
    app = app_in(tmp_path / "s", clock)
    elsewhere = tmp_path / "elsewhere.session.toml"
    async with app.run_test(size=SIZE) as pilot:
        old_file = app.autosaver.file
        app.saver.save_as(str(elsewhere))
        assert status(app) == ""
        full = OSError(errno.ENOSPC, "No space left on device")
        app.post_message(saving.SaveDone(None, full, old_file))
        await pilot.pause()
        assert status(app) == ""
        app.post_message(saving.SaveDone(None, full, app.autosaver.file))  # about ours: said
        await pilot.pause()
        assert "Not saved" in status(app)
    app.lock.release()


async def test_save_as_refuses_an_existing_file_and_says_why(tmp_path, clock):
    app = app_in(tmp_path / "s", clock)
    taken = tmp_path / "taken.toml"
    taken.write_text("someone's file\n")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        app.screen.query_one("#prompt-input").value = str(taken)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PromptScreen)  # still asking
        hint = str(app.screen.query_one("#prompt-hint").render())
        assert "exists" in hint
        assert taken.read_text() == "someone's file\n"
        await pilot.press("escape")
    app.lock.release()


async def test_save_as_is_in_the_palette(tmp_path, clock):
    app = app_in(tmp_path / "s", clock)
    async with app.run_test(size=SIZE):
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert any(t.startswith("Save as") for t in titles)
    app.lock.release()


async def test_quit_is_refused_while_nothing_can_be_saved(tmp_path, clock, monkeypatch):
    app = app_in(tmp_path / "s", clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a", *"Not lost")
        await pilot.press("escape")
        await pilot.pause()
        Failing(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert any("Not quitting" in n.message for n in app._notifications)
    app.lock.release()


async def test_a_file_changed_by_someone_else_is_left_alone(tmp_path, clock):
    app = app_in(tmp_path / "s", clock)
    path = app.session_path
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"Ours")
        await settle(pilot, app)
        theirs = path.read_text().replace("Ours", "Theirs, typed in an editor")
        path.write_text(theirs)
        await pilot.press(*" and more")
        await settle(pilot, app)
        assert path.read_text() == theirs
        copy = app.autosaver.path
        assert copy != path and ".conflict-" in copy.name
        assert decisions(copy) == ["Ours and more"]
        assert str(path) in status(app) and str(copy) in status(app)
        assert app.query_one(SaveStatus).has_class("-warning")
    app.lock.release()


async def test_read_only_refuses_changes_and_never_writes(tmp_path, clock):
    writer = app_in(tmp_path / "s", clock)
    path = writer.session_path
    async with writer.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"By the writer")
        await settle(pilot, writer)
    writer.lock.release()
    holder = SessionLock(path)
    holder.acquire()  # another instance holds it
    before = path.read_bytes()
    app = app_in(tmp_path / "s", clock, read_only=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "Read-only" in status(app)
        for key in ("a", "n", "space", "s", "f", "enter", "ctrl+s", "w"):
            await pilot.press(key)
        await pilot.pause(0.6)
        assert app.session.current is None and not app.session.running
        assert [d.text for d in app.session.state("1").decisions] == ["By the writer"]
        assert app.check_action("add_decision", ()) is None  # dimmed in the footer
        assert app.check_action("help", ()) is True
        assert not app.autosaver.flush(0) or app.autosaver.saved_revision == -1
        # an action reached another way (a binding of a widget, say) is refused too
        await app.run_action("add_decision")
        assert any("nothing can be changed" in n.message for n in app._notifications)
        assert [d.text for d in app.session.state("1").decisions] == ["By the writer"]
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert not any(t.startswith("Add a decision") for t in titles)
        await pilot.press("down")  # moving around is fine
        await pilot.press("q")
    assert path.read_bytes() == before
    holder.release()


async def test_what_happened_on_opening_is_told_in_the_app(tmp_path, clock):
    app = app_in(tmp_path / "s", clock)
    app.notes.append("Took over the lock of meeting.session.toml left by process 1.")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert any("Took over" in n.message for n in app._notifications)
    app.lock.release()


async def test_a_save_told_as_the_app_closes_is_no_error(tmp_path, clock, monkeypatch):
    """A save's result (or a retry) that comes once the screen is gone: nothing to show
    it on, and no error at the exit (seen once under load: NoMatches for SaveStatus)."""
    app = app_in(tmp_path / "s", clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("a", *"Kept")
        await pilot.pause()
        Failing(monkeypatch, OSError(errno.ENOSPC, "No space left on device"))
        app.save_now()
        await pilot.pause()
    assert not app.is_running
    app.saver.show_status()  # what a late SaveDone does: no screen, no error
    app.lock.release()
