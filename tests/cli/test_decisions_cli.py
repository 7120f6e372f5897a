"""`meeting-tui decisions` and `meeting-tui adopt` from the command line."""

from __future__ import annotations

import os
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pyperclip
import pytest
from helpers.decisions import AGENDA, DRAFT_1, MULTI_LINE, adopted_session, write_session
from helpers.paths import GOLDEN

from meeting_tui import cli
from meeting_tui.core.decision_list import build_document
from meeting_tui.core.export import render_md
from meeting_tui.core.export_docx import DOCX_MISSING, DocxUnavailable


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def session_file(tmp_path) -> Path:
    return write_session(tmp_path, adopted_session())


@pytest.fixture
def no_clipboard(monkeypatch):
    """pyperclip finds no copy mechanism, as on a desktop without xclip, xsel or
    wl-clipboard."""
    monkeypatch.setattr(pyperclip, "determine_clipboard", pyperclip.init_no_clipboard)
    monkeypatch.setattr("meeting_tui.clipboard.sys.platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")


# ------------------------------------------------------------------ output


def test_markdown_to_stdout_by_default(capsys, session_file):
    code, out, err = run(capsys, "decisions", session_file)
    assert code == 0 and err == ""
    assert out == (GOLDEN / "decisions.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["txt", "html"])
def test_format_option(capsys, session_file, fmt):
    code, out, _err = run(capsys, "decisions", session_file, "--format", fmt)
    assert code == 0
    assert out == (GOLDEN / f"decisions.{fmt}").read_text(encoding="utf-8")


def test_options_reach_the_document(capsys, tmp_path):
    from helpers.decisions import make_session

    path = write_session(tmp_path, make_session())
    code, out, _err = run(
        capsys, "decisions", path, "--include-drafts", "--all-items", "--number-per-item",
        "--preamble", "The Committee met in Strasbourg, with Ms Müller in the chair.\n\n"
                      "It held its meeting in a “hybrid” format.",
    )
    assert code == 0
    assert out == (GOLDEN / "decisions-options.md").read_text(encoding="utf-8")


def test_body_and_meeting_override_the_session(capsys, session_file):
    code, out, _err = run(capsys, "decisions", session_file, "--body", "Board",
                          "--meeting", "Annual meeting")
    assert code == 0
    assert out.startswith("**Board**\n\n# List of decisions\n\nAnnual meeting\n")
    assert "During this meeting, the Board:" in out


def test_output_file_takes_its_format_from_the_extension(capsys, session_file, tmp_path):
    target = tmp_path / "list.txt"
    code, out, err = run(capsys, "decisions", session_file, "-o", target)
    assert code == 0 and out == ""
    assert err == f"meeting-tui: 3 decisions written to {target}\n"
    assert target.read_text(encoding="utf-8") == \
        (GOLDEN / "decisions.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["list.doc", "list.DOC", "list.odt"])
def test_an_extension_of_no_format_is_refused(capsys, session_file, tmp_path, name):
    """`-o list.odt` would be Markdown named ODT: refused in one line, nothing written
    (.pdf is a format: tests/cli/test_decisions_languages.py)."""
    target = tmp_path / name
    code, out, err = run(capsys, "decisions", session_file, "-o", target)
    suffix = name.rsplit(".", 1)[1].lower()
    assert (code, out) == (2, "")
    assert err == (f"meeting-tui: {target}: no format is written as .{suffix}: name the "
                   "file .md, .txt, .html, .docx or .pdf, or give --format\n")
    assert not target.exists()


def test_with_format_given_the_file_name_is_the_users(capsys, session_file, tmp_path):
    target = tmp_path / "list.pdf"
    code, _out, _err = run(capsys, "decisions", session_file, "--format", "md", "-o", target)
    assert code == 0
    assert target.read_text(encoding="utf-8") == \
        (GOLDEN / "decisions.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, fmt", [("list", "md"), ("list.MD", "md"),
                                       ("list.markdown", "md"), ("list.htm", "html"),
                                       ("list.text", "txt")])
def test_names_that_say_a_format(capsys, session_file, tmp_path, name, fmt):
    target = tmp_path / name
    assert run(capsys, "decisions", session_file, "-o", target)[0] == 0
    assert target.read_text(encoding="utf-8") == \
        (GOLDEN / f"decisions.{fmt}").read_text(encoding="utf-8")


def test_docx_to_a_file(capsys, session_file, tmp_path):
    docx = pytest.importorskip("docx")
    target = tmp_path / "list.docx"
    code, _out, _err = run(capsys, "decisions", session_file, "--format", "docx", "-o", target)
    assert code == 0
    document = docx.Document(str(target))
    assert [p.text for p in document.paragraphs if p.style.name == "List Number"][0] == \
        "Adopted its agenda."


def test_docx_without_python_docx_one_line_exit_2(capsys, session_file, tmp_path, monkeypatch):
    from meeting_tui.core import export_docx

    def missing(doc, template=None):
        raise DocxUnavailable()

    monkeypatch.setattr(export_docx, "make_docx", missing)
    code, out, err = run(capsys, "decisions", session_file, "-o", tmp_path / "l.docx")
    assert code == 2 and out == ""
    assert err == f"meeting-tui: {DOCX_MISSING}\n"
    assert not (tmp_path / "l.docx").exists()


def test_docx_cannot_go_to_the_clipboard(capsys, session_file):
    code, _out, err = run(capsys, "decisions", session_file, "--format", "docx", "--copy")
    assert code == 2 and len(err.splitlines()) == 1 and "use -o FILE" in err


def test_no_final_decision_says_so(capsys, tmp_path):
    from helpers.decisions import make_session

    session = make_session()
    for state in session.states.values():
        state.decisions.clear()
    code, out, err = run(capsys, "decisions", write_session(tmp_path, session))
    assert code == 0 and "# List of decisions" in out
    assert err == ("meeting-tui: no final decision yet (f marks a decision final; "
                   "--include-drafts shows drafts)\n")


# ------------------------------------------------------------------ --copy


def test_copy_without_any_clipboard_prints_the_text_and_exits_1(capsys, session_file,
                                                                 no_clipboard):
    code, out, err = run(capsys, "decisions", session_file, "--copy")
    assert code == 1
    assert out == render_md(build_document(adopted_session()))  # nothing lost
    assert len(err.splitlines()) == 1
    assert "xclip" in err and "xsel" in err and "wl-clipboard" in err
    assert "-o FILE writes it to a file" in err and "(OSC 52)" in err


def test_copy_without_a_display_says_so_rather_than_name_packages(capsys, session_file,
                                                                  no_clipboard, monkeypatch):
    """xclip installed, but no X display (over SSH): installing xclip would not help."""
    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY")
    code, out, err = run(capsys, "decisions", session_file, "--copy")
    assert code == 1 and out == render_md(build_document(adopted_session()))
    assert err == ("meeting-tui: not copied (no system clipboard: no X display or Wayland "
                   "session here (DISPLAY and WAYLAND_DISPLAY are unset)); the text is "
                   "printed instead (-o FILE writes it to a file); the app's C copies it "
                   "through the terminal (OSC 52), even over SSH\n")
    assert "install" not in err


def test_copy_without_clipboard_but_with_a_file_keeps_stdout_clean(capsys, session_file,
                                                                   tmp_path, no_clipboard):
    code, out, err = run(capsys, "decisions", session_file, "--copy", "-o", tmp_path / "l.md")
    assert code == 1 and out == ""
    assert "the text is written to the file" in err


def test_copy_that_works_says_what_it_copied(capsys, session_file, monkeypatch):
    copied = []
    monkeypatch.setattr("meeting_tui.clipboard.copy", lambda text: copied.append(text) or "xclip")
    code, out, err = run(capsys, "decisions", session_file, "--copy", "--include-drafts")
    assert code == 0 and out == ""
    assert err == "meeting-tui: 5 decisions copied to the clipboard (xclip)\n"
    assert DRAFT_1 in copied[0]


# ------------------------------------------------------------------ an agenda for a session


@pytest.mark.parametrize("command", [["decisions"], ["report"], ["adopt", "--on", "today"]])
def test_an_agenda_given_opens_the_session_beside_it(capsys, tmp_path, command):
    """`decisions agenda.txt`: the session the app keeps beside it is the one meant."""
    (tmp_path / "agenda.txt").write_text(AGENDA, encoding="utf-8")
    beside = tmp_path / "agenda.session.toml"
    write_session(tmp_path, adopted_session())
    assert beside.is_file()
    code, out, err = run(capsys, command[0], tmp_path / "agenda.txt", *command[1:])
    assert code == 0
    assert err.splitlines()[0] == (f"meeting-tui: {tmp_path / 'agenda.txt'} is an agenda: "
                                   f"using its session {beside}")
    if command == ["decisions"]:
        assert out == (GOLDEN / "decisions.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", [["decisions"], ["report"], ["adopt", "--on", "today"]])
def test_an_agenda_without_a_session_says_so(capsys, tmp_path, command):
    agenda = tmp_path / "council.txt"
    agenda.write_text(AGENDA, encoding="utf-8")
    code, out, err = run(capsys, command[0], agenda, *command[1:])
    assert (code, out) == (2, "")
    assert err == (f"meeting-tui: {agenda}: an agenda, not a session file: its session would "
                   f"be {tmp_path / 'council.session.toml'}, which does not exist yet "
                   f"(meeting-tui {agenda} opens the meeting)\n")


def test_a_session_file_under_another_name_is_still_a_session(capsys, tmp_path):
    path = write_session(tmp_path, adopted_session())
    renamed = tmp_path / "meeting.txt"
    path.rename(renamed)
    code, out, err = run(capsys, "decisions", renamed)
    assert code == 0 and err == ""
    assert out == (GOLDEN / "decisions.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------ finding the agenda


def test_a_relative_agenda_path_is_found_beside_the_session(capsys, tmp_path, monkeypatch):
    folder = tmp_path / "meeting"
    folder.mkdir()
    path = write_session(folder, adopted_session(), recorded="agenda.txt")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, err = run(capsys, "decisions", path)
    assert code == 0, err
    assert MULTI_LINE.splitlines()[-1] in out


def test_a_moved_folder_finds_its_agenda_by_name(capsys, tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    write_session(folder, adopted_session())  # records old/agenda.txt, absolute
    moved = tmp_path / "new"
    shutil.move(folder, moved)
    code, _out, err = run(capsys, "decisions", moved / "agenda.session.toml")
    assert code == 0, err


def test_a_changed_agenda_is_said(capsys, session_file):
    agenda = session_file.parent / "agenda.txt"
    agenda.write_text(AGENDA.replace("3. Any other business", "3. Other business"),
                      encoding="utf-8")
    code, _out, err = run(capsys, "decisions", session_file)
    assert code == 0
    assert err.startswith("meeting-tui: warning: The agenda changed since this session")


# ------------------------------------------------------------------ bad input


def one_line_exit_2(capsys, *args) -> str:
    code, out, err = run(capsys, *args)
    assert code == 2, err
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("meeting-tui: "), err
    assert "Traceback" not in err
    return err


def test_missing_session_file(capsys, tmp_path):
    err = one_line_exit_2(capsys, "decisions", tmp_path / "nope.session.toml")
    assert "nope.session.toml: no such session file" in err


def test_corrupt_session_file(capsys, tmp_path):
    bad = tmp_path / "bad.session.toml"
    bad.write_text('format = 1\ntitle = "unterminated\n', encoding="utf-8")
    err = one_line_exit_2(capsys, "decisions", bad)
    assert "bad.session.toml" in err and "not a valid session file" in err


def test_not_a_session_file(capsys, tmp_path):
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "x"\n', encoding="utf-8")
    err = one_line_exit_2(capsys, "decisions", other)
    assert "not a meeting-tui session file" in err


def test_binary_file(capsys, tmp_path):
    other = tmp_path / "image.png"
    other.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    err = one_line_exit_2(capsys, "decisions", other)
    assert "image.png" in err


def test_a_directory(capsys, tmp_path):
    err = one_line_exit_2(capsys, "decisions", tmp_path)
    assert "directory" in err


def test_the_agenda_is_gone(capsys, session_file):
    (session_file.parent / "agenda.txt").unlink()
    err = one_line_exit_2(capsys, "decisions", session_file)
    assert "the agenda it was made from is not found" in err


def test_a_folder_that_does_not_exist_for_the_output(capsys, session_file, tmp_path):
    err = one_line_exit_2(capsys, "decisions", session_file, "-o", tmp_path / "no" / "l.md")
    assert "cannot write" in err


# ------------------------------------------------------------------ adopt


def read(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_adopt_marks_the_final_decisions(capsys, tmp_path):
    from helpers.decisions import make_session

    path = write_session(tmp_path, make_session())
    code, out, err = run(capsys, "adopt", path, "--on", "2020-11-23")
    assert code == 0 and out == ""
    assert err == f"meeting-tui: 3 decisions adopted on 23 November 2020 ({path})\n"
    doc = read(path)
    assert doc["settings"]["adopted_on"] == date(2020, 11, 23)
    statuses = [d["status"] for item in doc["items"].values() for d in item["decisions"]]
    assert statuses == ["adopted", "draft", "adopted", "adopted", "draft"]
    assert path.with_name(path.name + ".bak").exists()  # the file as it was
    code, out, _err = run(capsys, "decisions", path)
    assert "Adopted by the Lanzarote Committee on 23 November 2020" in out


def test_adopt_withdraw(capsys, session_file):
    code, _out, err = run(capsys, "adopt", session_file, "--withdraw")
    assert code == 0 and "adoption withdrawn: 3 decisions final again" in err
    assert "adopted_on" not in read(session_file).get("settings", {})


def test_adopt_a_bad_date(capsys, session_file):
    before = session_file.read_bytes()
    err = one_line_exit_2(capsys, "adopt", session_file, "--on", "next Tuesday")
    assert "--on: not a date" in err
    assert session_file.read_bytes() == before


def test_adopt_with_nothing_final(capsys, tmp_path):
    from helpers.decisions import make_session

    session = make_session()
    for state in session.states.values():
        state.decisions.clear()
    err = one_line_exit_2(capsys, "adopt", write_session(tmp_path, session), "--on", "today")
    assert "nothing to adopt" in err


def test_adopt_refuses_a_session_open_in_the_app(capsys, session_file):
    from meeting_tui.files.lock import SessionLock

    before = session_file.read_bytes()
    with SessionLock(session_file):
        err = one_line_exit_2(capsys, "adopt", session_file, "--on", "today")
    assert "open in another meeting-tui" in err and f"process {os.getpid()}" in err
    assert session_file.read_bytes() == before


def test_adopt_a_missing_file(capsys, tmp_path):
    err = one_line_exit_2(capsys, "adopt", tmp_path / "gone.toml", "--on", "today")
    assert "no such session file" in err
    assert list(tmp_path.iterdir()) == []  # no lock file left for a file that is not there
