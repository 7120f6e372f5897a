"""The commands print titles and decisions as data: `agenda`, `decisions`, `report`
(text and JSON) write no control character a terminal would act on, a DOCX takes text
XML cannot hold, and a screen that ends on an error ends the command with status 1."""

from __future__ import annotations

import json
from functools import partialmethod
from io import BytesIO
from pathlib import Path

import pytest
from core.test_user_text import AGENDA, DECISIONS, NOT_XML, OSC52, RENAME, meeting

from meeting_tui import cli
from meeting_tui.core.printable import is_safe
from meeting_tui.files.session_toml import agenda_hash, dumps


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    agenda = tmp_path / "agenda.txt"
    agenda.write_text(AGENDA, encoding="utf-8")
    session = tmp_path / "agenda.session.toml"
    session.write_text(dumps(meeting(), str(agenda), agenda_hash(AGENDA)), encoding="utf-8")
    return agenda, session


def test_agenda_outline(capsys, files):
    code, out, err = run(capsys, "agenda", files[0])
    assert code == 0 and is_safe(out) and is_safe(err)
    assert "␛]52;c;cm0gLXJmIH4K␇" in out and "[confidential]" in out


def test_agenda_as_amended(capsys, files):
    code, out, _err = run(capsys, "agenda", files[0], "--session", files[1])
    assert code == 0 and is_safe(out) and "␛]2;pwned␇" in out


def test_agenda_json_escapes_controls_and_keeps_the_text(capsys, files):
    code, out, _err = run(capsys, "agenda", files[0], "--json")
    assert code == 0 and is_safe(out)
    titles = json.dumps(json.loads(out), ensure_ascii=False)
    assert OSC52 in titles.encode().decode("unicode_escape") or "\\u001b]52" in titles
    items = json.loads(out)["items"]
    assert items[0]["title"] == f"Opening {OSC52}"
    assert "\u202e" in items[2]["title"]  # the bidi override, escaped in the output only


@pytest.mark.parametrize("fmt", ["md", "txt", "html"])
def test_decisions_to_stdout(capsys, files, fmt):
    code, out, err = run(capsys, "decisions", files[1], "--format", fmt)
    assert code == 0 and is_safe(out) and is_safe(err)
    assert "[confidential]" in out
    if fmt != "html":
        assert "␛]52;c;cm0gLXJmIH4K␇" in out


def test_decisions_docx_with_text_from_a_pdf(capsys, files, tmp_path):
    docx = pytest.importorskip("docx")
    target = tmp_path / "x.docx"
    code, _out, err = run(capsys, "decisions", files[1], "-o", target)
    assert code == 0, err
    assert "Traceback" not in err and is_safe(err)
    document = docx.Document(BytesIO(target.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert NOT_XML.search(text) is None and is_safe(text)
    assert "the report" in text and "(page 2)" in text


def test_report(capsys, files):
    code, out, _err = run(capsys, "report", files[1])
    assert code == 0 and is_safe(out) and "␛]" in out


def test_report_json(capsys, files):
    code, out, _err = run(capsys, "report", files[1], "--json")
    assert code == 0 and is_safe(out)
    titles = [item["title"] for item in json.loads(out)["items"]]
    assert f"Confidential [confidential] item [/b] {RENAME}" in titles


def test_errors_on_stderr_show_controls(capsys, tmp_path):
    """The one line of an error quotes the file name, which may hold anything."""
    code, _out, err = run(capsys, "agenda", tmp_path / f"agenda {RENAME}.txt")
    assert code == 2 and is_safe(err) and "␛]2;pwned␇" in err


def test_the_decisions_of_the_session_file_are_unchanged(files):
    from helpers.session_files import load_session

    from meeting_tui.core.parser import parse_agenda

    session = load_session(files[1], parse_agenda(AGENDA, source="agenda.txt"),
                           digest=agenda_hash(AGENDA))
    assert {key: session.state(key).decisions[0].text for key in DECISIONS} == DECISIONS


# ------------------------------------------------------------------ exit status


def test_a_screen_that_ends_on_an_error_exits_1(capsys, files, monkeypatch):
    from textual.app import App

    from meeting_tui.ui.app import MeetingApp

    def broken(self):
        raise RuntimeError(f"broken {OSC52}")

    monkeypatch.setattr(MeetingApp, "on_mount", broken)
    monkeypatch.setattr(MeetingApp, "run", partialmethod(App.run, headless=True))
    code, _out, err = run(capsys, files[0], "--session", files[1])
    assert code == 1
    line = err.strip().splitlines()[-1]
    assert line.startswith("meeting-tui: the screen ended on an unexpected error")
    assert "RuntimeError" in line and is_safe(line)


def test_a_screen_that_quits_exits_0(capsys, files, monkeypatch):
    from textual.app import App

    from meeting_tui.ui.app import MeetingApp

    def quit_at_once(self):
        self.exit()

    monkeypatch.setattr(MeetingApp, "on_mount", quit_at_once)
    monkeypatch.setattr(MeetingApp, "run", partialmethod(App.run, headless=True))
    code, _out, err = run(capsys, files[0], "--session", files[1])
    assert code == 0, err
