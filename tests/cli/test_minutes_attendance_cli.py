"""`report --minutes --with-attendance`: the abridged report with those present after
its header and each decision's vote after its text; `--with-attendance` without
`--minutes` is one line, exit 2 (the time report has no attendance)."""

from __future__ import annotations

import pytest
from test_floor_cli import session_file

from meeting_tui.cli import main


@pytest.fixture(autouse=True)
def utc_zone(zone):
    zone("UTC")


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_minutes_with_attendance_and_the_vote(tmp_path, capsys, fmt) -> None:
    path = session_file(tmp_path)
    assert main(["report", str(path), "--minutes", "--with-attendance", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "Present: Anna, Cy." in out and "Excused: Bo." in out
    assert out.index("Present:") < out.index("Budget")
    assert "Adopted by 30 votes to 2, with 3 abstentions." in out
    assert out.index("Approved the budget.") < out.index("Adopted by 30 votes")
    assert main(["report", str(path), "--minutes", "--format", fmt]) == 0
    assert "Present:" not in capsys.readouterr().out  # only when asked


def test_with_attendance_without_minutes_is_refused(tmp_path, capsys) -> None:
    path = session_file(tmp_path)
    assert main(["report", str(path), "--with-attendance"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.strip().endswith("--with-attendance is the abridged report's: add --minutes")
