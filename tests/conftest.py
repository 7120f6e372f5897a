"""Shared fixtures: a fake clock and an app factory that writes only to tmp_path."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers.clock import FakeClock
from helpers.paths import SEPTEMBER


@pytest.fixture
def zone(monkeypatch):
    """Sets the process's local time zone (TZ, then tzset) for the test; restored after."""

    def set_zone(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    yield set_zone
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def tmux(tmp_path, request):
    """A tmux server of the test's own (its own socket), killed after the test."""
    import shutil
    import uuid

    from helpers.tmux import Tmux

    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    name = "".join(c if c.isalnum() else "-" for c in request.node.name[:40])
    server = Tmux(f"meeting-tui-{name}-{uuid.uuid4().hex[:8]}", tmp_path)
    try:
        yield server
    finally:
        server.kill_server()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def make_app(tmp_path, clock):
    """Build a MeetingApp on a bundled agenda (or given text), saving under tmp_path."""
    from meeting_tui.files.opening import open_session
    from meeting_tui.ui.app import MeetingApp

    def factory(agenda: Path | str = SEPTEMBER, *, text: str | None = None, title=None):
        path = tmp_path / (Path(agenda).name if text is None else "agenda.txt")
        if text is None:
            path.write_bytes(Path(agenda).read_bytes())
        else:
            path.write_text(text, encoding="utf-8")
        _agenda, session, session_path, digest = open_session(str(path), None, title)
        session.now = clock
        return MeetingApp(session, session_path, str(path), digest, blink=False, tick=False)

    return factory


E2E = Path(__file__).resolve().parent / "e2e"


def pytest_collection_modifyitems(config, items):
    """The end-to-end tests (real processes in tmux, SIGKILL loops, Chromium, the
    benchmarks) measure time and spawn processes: they get the machine to themselves,
    after the rest has run in parallel (see the README's test command)."""
    for item in items:
        if E2E in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.serial)


# In CI (.ci/run) every tool a test needs is installed: a test skipped there for a missing
# tool would hide a broken set-up, so it fails instead. Only the permission tests skip,
# as root reads any file (each has a twin that simulates the refusal).
ALLOWED_SKIPS_IN_CI = ("root reads any file", "needs permissions")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        reason = str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else ""
        if not any(allowed in reason for allowed in ALLOWED_SKIPS_IN_CI):
            report.outcome = "failed"
            report.longrepr = f"skipped in CI, where it must run: {reason}"
