"""The installed app opens a Word agenda and a PDF agenda in a real terminal, and
resumes each: the numbers Word shows are on the screen, a decision typed is kept."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers.tmux import FIRST_SCREEN_TIMEOUT, Tmux, decisions_in, installed_command
from helpers.tmux import wait_for_text as shows
from helpers.word import DECIMAL, P, to_pdf, write_docx


def agenda_docx(folder: Path) -> Path:
    return write_docx(folder / "board.docx", [
        P("Riverside Housing Cooperative"),
        P("Board of Directors, 14 March 2027"),
        P("Welcome and apologies", num=1),
        P("Minutes of the previous meeting", num=1),
        P("Matters arising", num=1, level=1),
        P("Finance", num=1),
    ], lists=[DECIMAL])


@pytest.mark.parametrize("kind", ["docx", "pdf"])
def test_a_word_or_pdf_agenda_opens_and_resumes(kind: str, tmux: Tmux, tmp_path: Path) -> None:
    command = installed_command()
    assert command.exists(), f"meeting-tui is not installed beside {sys.executable}"
    agenda = agenda_docx(tmp_path)
    if kind == "pdf":
        pdf = to_pdf(agenda)
        if pdf is None:
            pytest.skip("LibreOffice is not installed (.ci/run installs it)")
        agenda.unlink()
        agenda = pdf
    argv = [str(command), agenda.name]
    tmux.start(argv, "first")
    shows(tmux, "Riverside Housing Cooperative", FIRST_SCREEN_TIMEOUT)
    shows(tmux, "2.1 Matters arising")
    tmux.send_keys("n")
    shows(tmux, "running")
    tmux.send_keys("a")
    shows(tmux, "Draft decision")
    tmux.send_text("Apologies received from two members")
    shows(tmux, "Apologies received from two members")
    tmux.send_keys("Escape")
    tmux.send_keys("q")
    shows(tmux, "Pause and quit")
    tmux.send_keys("p")
    assert tmux.wait_exit("first", "the app to quit") == 0
    session = agenda.with_name(f"{agenda.stem}.session.toml")
    assert decisions_in(session) == ["Apologies received from two members"]

    tmux.respawn(argv, "second")
    shows(tmux, "Apologies received from two members", FIRST_SCREEN_TIMEOUT)
    screen = tmux.screen()
    assert "Welcome and apologies" in screen and "on a break" in screen, screen
