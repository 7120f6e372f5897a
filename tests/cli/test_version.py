"""`meeting-tui --version`: one version, written once (meeting_tui.__version__), the
same in the installed package's metadata and on the command line."""

from __future__ import annotations

from importlib.metadata import version

import pytest

import meeting_tui
from meeting_tui.cli import main


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out == f"meeting-tui {meeting_tui.__version__}\n"


def test_installed_metadata_has_the_same_version() -> None:
    # pyproject.toml reads the version from the package: a stale install would differ
    # (`pip install -e .` refreshes it).
    assert version("meeting-tui") == meeting_tui.__version__
