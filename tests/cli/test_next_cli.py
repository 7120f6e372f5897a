"""`meeting-tui next SESSION NEW-AGENDA`: the 28th meeting's session hands its decisions
to adopt, open actions and skipped items to the 29th's, written beside its agenda; bad
input is one line and exit 2."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime

import pytest
from helpers.paths import NOVEMBER, SEPTEMBER

from meeting_tui import cli
from meeting_tui.core.session import Session
from meeting_tui.files import session_file
from meeting_tui.files.agenda_file import load_agenda, read_agenda_text
from meeting_tui.files.session_toml import agenda_hash, default_session_path, dumps

NOW = datetime(2020, 9, 21, 9, 0, tzinfo=UTC)


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def old_session(tmp_path):
    """A 28th-meeting session with final decisions, an open action and a skipped item."""
    agenda_path = tmp_path / SEPTEMBER.name
    shutil.copy(SEPTEMBER, agenda_path)
    session = Session(load_agenda(agenda_path), now=lambda: NOW)
    for text in ("Took note of the preliminary draft report.", "Agreed to a second reading."):
        session.toggle_final("2.1.1", session.add_decision("2.1.1", text).id)
    session.add_decision("2.3", "A draft stays behind.")
    session.add_action("2.1.1", "Revise the report", "Secretariat", "15/10", date(2020, 10, 15))
    session.toggle_skip("4.2")
    session.settings.body = "Lanzarote Committee"
    path = default_session_path(agenda_path)
    path.write_text(dumps(session, str(agenda_path),
                          agenda_hash(read_agenda_text(agenda_path))), encoding="utf-8")
    return path


@pytest.fixture
def new_agenda(tmp_path):
    folder = tmp_path / "29th"
    folder.mkdir()
    target = folder / NOVEMBER.name
    shutil.copy(NOVEMBER, target)
    return target


def test_next_writes_the_29th_session_with_what_the_28th_left(capsys, old_session,
                                                              new_agenda):
    code, out, err = run(capsys, "next", old_session, new_agenda)
    assert code == 0 and err == ""
    path = default_session_path(new_agenda)
    loaded = session_file.load(path, load_agenda(new_agenda))
    new = loaded.session
    assert [n.text for n in new.state("1").notes] == [
        "To adopt: 28th meeting, 2.1.1: Took note of the preliminary draft report.",
        "To adopt: 28th meeting, 2.1.1: Agreed to a second reading.",
        "Open action: 28th meeting, 2.1.1: Secretariat, due 15/10 (15 October 2020): "
        "Revise the report",
        "Skipped: 28th meeting, 4.2: Up-date concerning other on-going projects’ development",
    ]
    assert not any(state.decisions or state.actions for state in new.states.values())
    assert new.settings.body == "Lanzarote Committee"
    assert "2 decisions to adopt, as notes under 1 Opening of the meeting and adoption " \
           "of the agenda (its title)" in out
    assert "1 open action, as notes under 1 Opening" in out and "(the adoption item)" in out
    assert "  28th meeting, 4.2: Up-date" in out
    assert out.splitlines()[-1] == (
        f"when the 29th meeting adopts them: adopt on its command line (:), or meeting-tui "
        f"adopt {path} --previous --on 2020-11-23; either marks them adopted in "
        f"{old_session} too")
    record = new.settings.previous  # each note knows the decision it carries, and whence
    assert record is not None and record.session == "../lanzarote-28th-meeting-2020-09" \
                                                    ".session.toml"
    assert [c.note for c in record.decisions] == [n.id for n in new.state("1").notes[:2]]


def test_the_printed_adopt_command_adopts_the_old_session(capsys, old_session, new_agenda):
    _, out, _ = run(capsys, "next", old_session, new_agenda)
    command = out.splitlines()[-1].split("meeting-tui ", 1)[1].split(";")[0].split()
    assert run(capsys, *command)[0] == 0
    _raw, loaded = session_file.load_alone(old_session)
    assert {d.adopted for d in loaded.session.state("2.1.1").decisions} == {date(2020, 11, 23)}
    assert loaded.session.settings.adopted_on == date(2020, 11, 23)  # its List says so
    new = session_file.load_alone(default_session_path(new_agenda))[1].session
    assert new.settings.previous is not None and not new.settings.previous.pending


def test_an_existing_session_is_never_overwritten(capsys, old_session, new_agenda):
    target = default_session_path(new_agenda)
    target.write_text("mine", encoding="utf-8")
    code, out, err = run(capsys, "next", old_session, new_agenda)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert "exists already" in err and target.read_text(encoding="utf-8") == "mine"


def test_bad_input_is_one_line(capsys, tmp_path, old_session, new_agenda):
    for args in ((tmp_path / "missing.session.toml", new_agenda),
                 (old_session, tmp_path / "missing.txt")):
        code, out, err = run(capsys, "next", *args)
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
        assert "missing" in err
    assert not default_session_path(new_agenda).exists()


def test_adopt_previous_while_the_old_session_is_open_is_refused_and_kept_pending(
        capsys, old_session, new_agenda):
    from meeting_tui.files.lock import SessionLock

    run(capsys, "next", old_session, new_agenda)
    new_path = default_session_path(new_agenda)
    before = old_session.read_bytes()
    with SessionLock(old_session):  # the old meeting's app holds it
        code, out, err = run(capsys, "adopt", new_path, "--previous", "--on", "2020-11-23")
    assert code == 1 and out == ""
    said = err.strip().splitlines()
    assert said[0] == "meeting-tui: The 28th meeting's 2 decisions adopted on 23 November 2020"
    assert "is open in another meeting-tui" in said[1] and "run this command again" in said[1]
    assert len(said) == 2
    assert old_session.read_bytes() == before  # not a byte changed
    record = session_file.load_alone(new_path)[1].session.settings.previous
    assert record is not None and record.pending and record.adopted_on == date(2020, 11, 23)
    code, _, err = run(capsys, "adopt", new_path, "--previous")  # free again: done
    assert code == 0 and "2 decisions marked adopted on 23 November 2020" in err
    old = session_file.load_alone(old_session)[1].session
    assert {d.status.value for d in old.state("2.1.1").decisions} == {"adopted"}
    code, _, err = run(capsys, "adopt", new_path, "--previous")
    assert code == 0 and "nothing pending" in err


@pytest.mark.parametrize(("args", "words"), [
    (("--previous", "--on", "32/13"), "is not a date"),
    (("--previous",), "no decision carried from a previous meeting"),
    ((), "adopt needs --on DATE or --withdraw"),
])
def test_adopt_previous_bad_input_is_one_line(capsys, tmp_path, old_session, new_agenda,
                                              args, words):
    run(capsys, "next", old_session, new_agenda)
    new_path = default_session_path(new_agenda)
    target = old_session if words.startswith("no decision") else new_path
    before = (old_session.read_bytes(), new_path.read_bytes())
    code, out, err = run(capsys, "adopt", target, *args)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert words in err
    assert (old_session.read_bytes(), new_path.read_bytes()) == before
