"""`meeting-tui report SESSION [--json]`: on a file the app wrote, and on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from meeting_tui.cli import main

AGENDA = """\
Working party, 21-22 September 2020

1. Opening [10 min]
2. Reports
2.1 Finance [20 min]
2.2 Audit
3. Any other business [5 min]
"""


@pytest.fixture(autouse=True)
def paris(zone):
    zone("Europe/Paris")


def utc(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=UTC)


async def two_days_in_the_app(make_app, clock):
    """Two days of a meeting, typed into the app; returns the session file."""
    clock.now = utc("2020-09-21T07:00:00")
    app = make_app(text=AGENDA)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")  # 1
        clock.advance(minutes=12, seconds=30)
        await pilot.press("n", "n")  # 2, then 2.1
        clock.advance(minutes=25)
        await pilot.press("space")  # a break
        clock.advance(minutes=15)
        await pilot.press("space")
        clock.advance(minutes=5)
        await pilot.press("down", "t", *"30", "enter")  # 2.2 gets a plan
        await pilot.press("ctrl+d", "y")  # Day 1 ends: 07:57:30
        clock.now = utc("2020-09-22T07:30:00")
        await pilot.press("space")  # Day 2: 2.1 goes on
        clock.advance(minutes=10)
        await pilot.press("n")  # 2.2
        clock.advance(minutes=31)
        await pilot.press("ctrl+d", "y")  # Day 2 ends: 08:11:00
        await pilot.press("q")
        await pilot.pause()
    return app.session_path


async def test_report_json_of_a_session_written_by_the_app(make_app, clock, capsys):
    path = await two_days_in_the_app(make_app, clock)
    capsys.readouterr()
    assert main(["report", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert json.loads(out) == {
        "sittings": [
            {"start": "2020-09-21T07:00:00Z", "end": "2020-09-21T07:57:30Z",
             "spent_seconds": 750 + 1500 + 300, "break_seconds": 900},
            {"start": "2020-09-22T07:30:00Z", "end": "2020-09-22T08:11:00Z",
             "spent_seconds": 600 + 1860, "break_seconds": 0},
        ],
        "items": [
            {"number": "1", "title": "Opening", "planned_minutes": 10,
             "spent_seconds": 750, "status": "done"},
            {"number": "2", "title": "Reports", "planned_minutes": 50,
             "spent_seconds": 0, "status": "done"},
            {"number": "2.1", "title": "Finance", "planned_minutes": 20,
             "spent_seconds": 1500 + 300 + 600, "status": "done"},
            {"number": "2.2", "title": "Audit", "planned_minutes": 30,
             "spent_seconds": 1860, "status": "current"},
            {"number": "3", "title": "Any other business", "planned_minutes": 5,
             "spent_seconds": 0, "status": "pending"},
        ],
        "meeting": {"spent_seconds": 2550 + 2460, "break_seconds": 900,
                    "planned_minutes": 10 + 50 + 5},
    }


async def test_report_text_of_a_session_written_by_the_app(make_app, clock, capsys):
    path = await two_days_in_the_app(make_app, clock)
    capsys.readouterr()
    assert main(["report", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "Time report: Working party, 21-22 September 2020"
    assert "  Day 1  Mon 21 Sep 2020  09:00–09:57  spent 0:42:30  breaks 0:15:00" in lines
    assert "      break 09:37–09:52  0:15:00" in lines
    assert "  Day 2  Tue 22 Sep 2020  09:30–10:11  spent 0:41:00  breaks 0:00:00" in lines
    audit = next(line for line in lines if " Audit " in line)
    assert audit.split()[-7:] == ["30", "min", "0:31:00", "+1:00", "over", "2", "current"]
    finance = next(line for line in lines if " Finance " in line)
    assert finance.split()[-6:] == ["min", "0:40:00", "+20:00", "over", "1,2", "done"]
    assert lines[-2] == ("Meeting: spent 1:23:30 in 2 days, breaks 0:15:00, "
                         "planned 1:05:00 (65 min).")
    assert lines[-1] == "Planned time left on the items not yet done: 0:05:00."


async def test_report_finds_the_agenda_beside_the_session_file(
    make_app, clock, capsys, tmp_path, monkeypatch
):
    path = await two_days_in_the_app(make_app, clock)
    text = path.read_text(encoding="utf-8")
    agenda = str(tmp_path / "agenda.txt")
    assert f'path = "{agenda}"' in text
    path.write_text(text.replace(f'path = "{agenda}"', 'path = "agenda.txt"'),
                    encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    capsys.readouterr()
    assert main(["report", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["meeting"]["spent_seconds"] == 5010


async def test_report_warns_when_the_agenda_changed(make_app, clock, capsys, tmp_path):
    path = await two_days_in_the_app(make_app, clock)
    (tmp_path / "agenda.txt").write_text(AGENDA + "4. Close\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["report", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "agenda" in err and "changed" in err
    assert json.loads(out)["items"][-1]["title"] == "Close"


def test_report_counts_a_running_clock_up_to_now(tmp_path, capsys):
    """Left running (a crash): the report counts until now, from the stored start."""
    (tmp_path / "agenda.txt").write_text(AGENDA, encoding="utf-8")
    session = tmp_path / "m.session.toml"
    session.write_text(
        'format = 1\n[agenda]\npath = "agenda.txt"\n'
        '[meeting]\nspans = [{start = 2020-09-21T07:00:00Z}]\n'
        '[items.1]\nstatus = "current"\nspans = [{start = 2020-09-21T07:00:00Z}]\n',
        encoding="utf-8",
    )
    before = int((datetime.now(UTC) - utc("2020-09-21T07:00:00")).total_seconds())
    assert main(["report", str(session), "--json"]) == 0
    after = int((datetime.now(UTC) - utc("2020-09-21T07:00:00")).total_seconds())
    doc = json.loads(capsys.readouterr().out)
    assert before <= doc["meeting"]["spent_seconds"] <= after + 1
    assert doc["sittings"][0]["end"] is None
    assert doc["items"][0]["spent_seconds"] == doc["meeting"]["spent_seconds"]


LONG = ("Presentation of relevant activities by national authorities, international "
        "governmental and non-governmental organisations")


def test_piped_the_report_gives_titles_in_full(tmp_path, capsys):
    """Not on a terminal (a pipe, a file), no title is cut to a terminal's width."""
    (tmp_path / "agenda.txt").write_text(f"Meeting\n\n1. {LONG}\n2. Close\n",
                                         encoding="utf-8")
    session = tmp_path / "m.session.toml"
    session.write_text('format = 1\n[agenda]\npath = "agenda.txt"\n', encoding="utf-8")
    assert main(["report", str(session)]) == 0
    out = capsys.readouterr().out
    assert f" {LONG} " in out
    assert "…" not in out


def test_a_partly_planned_parent_has_no_plan_in_the_report(tmp_path, capsys):
    """One sub-item planned of two: the parent says "partly", not a sum."""
    (tmp_path / "agenda.txt").write_text(AGENDA, encoding="utf-8")
    session = tmp_path / "m.session.toml"
    session.write_text('format = 1\n[agenda]\npath = "agenda.txt"\n', encoding="utf-8")
    assert main(["report", str(session)]) == 0
    lines = capsys.readouterr().out.splitlines()
    reports = next(line for line in lines if " Reports " in line)
    assert reports.split()[-3:] == ["partly", "-", "pending"]
    assert any(line.startswith("  partly: some of its sub-items have a plan") for line in lines)
    assert main(["report", str(session), "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["items"]
    assert [i["planned_minutes"] for i in items] == [10, None, 20, None, 5]


# ------------------------------------------------------------------ bad input

GOOD_AGENDA = "agenda.txt"


def bad_inputs(tmp_path):
    (tmp_path / GOOD_AGENDA).write_text(AGENDA, encoding="utf-8")
    (tmp_path / "binary-agenda.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    files = {
        "corrupt.toml": 'format = 1\n[agenda\npath = "agenda.txt"\n',
        "foreign.toml": '[project]\nname = "something else"\n',
        "no-agenda-path.toml": "format = 1\n[meeting]\nended = false\n",
        "agenda-gone.toml": 'format = 1\n[agenda]\npath = "gone.txt"\n',
        "agenda-binary.toml": 'format = 1\n[agenda]\npath = "binary-agenda.txt"\n',
        "newer.toml": 'format = 99\n[agenda]\npath = "agenda.txt"\n',
        "bad-spans.toml": 'format = 1\n[agenda]\npath = "agenda.txt"\n'
                          '[meeting]\nspans = "yesterday"\n',
        "bad-plan.toml": 'format = 1\n[agenda]\npath = "agenda.txt"\n'
                         '[items.1]\nplanned_minutes = "a while"\n',
        "bad-day-ends.toml": 'format = 1\n[agenda]\npath = "agenda.txt"\n'
                             '[meeting]\nday_ends = ["Monday"]\n',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "latin1.toml").write_bytes(b"format = 1\ntitle = \"caf\xe9\"\n")
    (tmp_path / "a-folder.toml").mkdir()
    return [*files, "latin1.toml", "a-folder.toml", "missing.toml"]


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_bad_input_to_report_is_one_line_and_exit_2(tmp_path, capsys, json_flag):
    for name in bad_inputs(tmp_path):
        path = tmp_path / name
        assert main(["report", str(path), *json_flag]) == 2, name
        out, err = capsys.readouterr()
        assert out == "", name
        assert err.count("\n") == 1, (name, err)
        assert err.startswith(f"meeting-tui: {path}"), (name, err)
        assert "Traceback" not in err


def test_bad_input_messages_say_what_is_wrong(tmp_path, capsys):
    bad_inputs(tmp_path)
    expected = {
        "missing.toml": "no such session file",
        "foreign.toml": "not a meeting-tui session file",
        "corrupt.toml": "not a valid session file",
        "agenda-gone.toml": "gone.txt",
        "newer.toml": "newer meeting-tui",
        "bad-plan.toml": "planned_minutes",
        "bad-day-ends.toml": "day_ends",
    }
    for name, words in expected.items():
        main(["report", str(tmp_path / name)])
        assert words in capsys.readouterr().err, name


def test_the_installed_command_has_no_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "meeting_tui", "report", str(tmp_path / "nothing.toml")],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"meeting-tui: {tmp_path / 'nothing.toml'}: no such session file\n"


@pytest.mark.parametrize("days", [1, 2])
def test_report_text_fits_the_width_it_is_given(days):
    """The app's dialog asks for its own width: at 80 columns no status may be cut."""
    from meeting_tui.core.report import build_report, render_text
    from meeting_tui.core.session import Session
    from meeting_tui.files.agenda_file import load_agenda

    agenda = load_agenda("agendas/lanzarote-28th-meeting-2020-09.txt")
    moments = iter(utc(f"2020-09-{21 + n // 4} {9 + n % 4:02d}:00") for n in range(40))
    session = Session(agenda, now=lambda: next(moments))
    session.take_up_next()
    if days == 2:
        session.end_day()
        session.start()
        session.take_up_next()
    text = render_text(build_report(session, now=utc("2020-09-22 12:00")), tz=UTC, width=74)
    lines = text.splitlines()
    assert max(len(line) for line in lines[:-2]) <= 74
    rows = [line for line in lines if line.rstrip().endswith(("pending", "current", "done"))]
    assert len(rows) == len(list(agenda.walk()))
    assert ("days" in text) == (days == 2)
