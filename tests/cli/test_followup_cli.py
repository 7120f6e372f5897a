"""`meeting-tui actions` and `meeting-tui report --minutes`: on a session with notes and
actions, in every format, and on bad input."""

from __future__ import annotations

import json

import pytest
from helpers.decisions import write_session
from helpers.followup import fixture_meeting
from helpers.paths import GOLDEN

from meeting_tui import cli


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def session_file(tmp_path):
    return write_session(tmp_path, fixture_meeting())


def test_actions_lists_the_open_actions_by_due_date(capsys, session_file):
    code, out, err = run(capsys, "actions", session_file)
    assert code == 0 and err == ""
    assert out == (GOLDEN / "actions.md").read_text(encoding="utf-8")


def test_actions_json(capsys, session_file):
    code, out, _ = run(capsys, "actions", session_file, "--json")
    data = json.loads(out)
    assert [a["owner"] for a in data] == ["Parties", "Secretariat", "the Bureau"]
    assert data[0]["due_date"] == "2020-10-01" and data[2]["due_date"] is None
    assert data[1]["from"] == "28th meeting, 2.1" and data[1]["decision"] is not None


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_actions_to_a_file_in_each_format(capsys, session_file, tmp_path, fmt):
    out_path = tmp_path / f"actions.{fmt}"
    code, _, err = run(capsys, "actions", session_file, "-o", out_path)
    assert code == 0 and "3 actions written" in err
    assert out_path.read_text(encoding="utf-8") == (GOLDEN / f"actions.{fmt}").read_text(
        encoding="utf-8")


def test_report_minutes_in_each_format(capsys, session_file, tmp_path):
    code, out, _ = run(capsys, "report", session_file, "--minutes")
    assert code == 0
    assert out == (GOLDEN / "minutes.md").read_text(encoding="utf-8")
    for fmt in ("txt", "html"):
        target = tmp_path / f"m.{fmt}"
        assert run(capsys, "report", session_file, "--minutes", "-o", target)[0] == 0
        assert target.read_text(encoding="utf-8") == (GOLDEN / f"minutes.{fmt}").read_text(
            encoding="utf-8")


def test_report_minutes_docx(capsys, session_file, tmp_path):
    pytest.importorskip("docx")
    target = tmp_path / "m.docx"
    code, _, err = run(capsys, "report", session_file, "--minutes", "-o", target)
    assert code == 0 and target.read_bytes()[:2] == b"PK"


def test_the_time_report_is_unchanged_without_minutes(capsys, session_file):
    code, out, _ = run(capsys, "report", session_file)
    assert code == 0 and "Welcomed" not in out


def test_bad_input_is_one_line(capsys, tmp_path, session_file):
    code, out, err = run(capsys, "actions", tmp_path / "missing.session.toml")
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    code, out, err = run(capsys, "report", session_file, "--minutes", "-o",
                         tmp_path / "m.pdf")
    assert code == 2 and "no format is written as .pdf" in err
    code, out, err = run(capsys, "actions", session_file, "-o", tmp_path / "a.odt")
    assert code == 2 and "no format is written as .odt" in err
    assert len(err.strip().splitlines()) == 1


def test_done_actions_only_with_all(capsys, tmp_path):
    session = fixture_meeting()
    row = session.state("2.2").actions[0]
    session.toggle_action_done("2.2", row.id)
    path = write_session(tmp_path, session)
    assert "Propose a theme" not in run(capsys, "actions", path)[1]
    assert "Propose a theme" in run(capsys, "actions", path, "--all")[1]
