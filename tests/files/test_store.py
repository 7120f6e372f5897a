"""The session file: round trip, resume after a restart, bad files, atomic writes."""

from __future__ import annotations

import errno
import os
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from helpers.clock import FakeClock
from helpers.paths import AGENDAS
from helpers.session_files import from_document, load_session, read_document

from meeting_tui.core.clock import Span
from meeting_tui.core.errors import InputError
from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import DecisionStatus, ItemStatus, MeetingState, Session
from meeting_tui.files import durable
from meeting_tui.files.agenda_file import load_agenda
from meeting_tui.files.durable import write_atomic
from meeting_tui.files.session_toml import (
    FORMAT_VERSION,
    agenda_hash,
    default_session_path,
    dumps,
    to_document,
)

AGENDA_TEXT = """\
Board meeting, 3 March 2025

1. Opening (5 min)
2. Reports
2.1 Finance (10 min)
2.2 Audit (15 min)
3. Budget
4. Any other business
5. Close
"""
T0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
MULTILINE = 'The Board adopted the budget.\n\nVotes: 7 "for", 2 against \\ 1 abstention.\n'


@pytest.fixture
def now() -> FakeClock:
    return FakeClock(T0)


@pytest.fixture
def agenda():
    return parse_agenda(AGENDA_TEXT)


def busy_session(agenda, now: FakeClock) -> Session:
    """A meeting with something of everything in it, still running."""
    s = Session(agenda, title="Board, spring session", timezone="Europe/Paris", now=now)
    s.take_up("1")
    now.advance(minutes=4)
    adopted = s.add_decision("1", "The agenda was adopted.")
    s.toggle_final("1", adopted.id)
    s.take_up_next()  # 2
    now.advance(minutes=1)
    s.take_up_next()  # 2.1
    now.advance(minutes=6)
    s.pause()
    now.advance(minutes=15)
    s.start()
    now.advance(minutes=3)
    budget = s.add_decision("2.1", "draft")
    now.advance(seconds=20)
    s.set_text("2.1", budget.id, MULTILINE)
    gone = s.add_decision("2.1", "to be deleted")
    s.delete_decision("2.1", gone.id)
    s.add_decision("2.1", "Second decision, still a draft.")
    s.toggle_skip("2.2")
    s.select("1")  # writing for an earlier item; 2.1 stays current
    now.advance(minutes=2)
    return s


def round_trip(session: Session, agenda, now=None) -> Session:
    doc = tomllib.loads(dumps(session, "agenda.txt", "0" * 64))
    return from_document(doc, agenda, "meeting.session.toml", now)


def non_blank(session: Session) -> dict:
    return {key: state for key, state in session.states.items() if not state.is_blank}


# ------------------------------------------------------------------ round trip


def test_round_trip_preserves_everything(agenda, now):
    session = busy_session(agenda, now)
    loaded = round_trip(session, agenda, now)
    assert loaded.title == "Board, spring session"
    assert loaded.timezone == "Europe/Paris"
    assert loaded.current == "2.1"
    assert loaded.selected == "1"
    assert loaded.ended is False
    assert loaded.meeting_spans == session.meeting_spans
    assert loaded.meeting_spans[-1].running
    assert non_blank(loaded) == non_blank(session)
    assert loaded.state_status("1") is ItemStatus.DONE
    assert loaded.state_status("2") is ItemStatus.DONE
    assert loaded.state_status("2.1") is ItemStatus.CURRENT
    assert loaded.state_status("2.2") is ItemStatus.SKIPPED
    assert loaded.state_status("3") is ItemStatus.PENDING
    assert loaded.state("2.1").spans[-1].running
    assert loaded.decision("2.1", 2).text == MULTILINE
    assert loaded.decision("1", 1).status is DecisionStatus.FINAL
    assert loaded.counts("2.1") == session.counts("2.1") == (2, 0)
    assert loaded.next_decision_id == session.next_decision_id
    assert loaded.meeting_state is MeetingState.RUNNING
    assert loaded.elapsed() == session.elapsed()
    for item in agenda.walk():
        assert loaded.spent(item.key) == session.spent(item.key)
    # and once more: the second file is the same text as the first
    assert dumps(loaded, "agenda.txt", "0" * 64) == dumps(session, "agenda.txt", "0" * 64)


def test_round_trip_of_an_ended_meeting_on_a_break(agenda, now):
    session = busy_session(agenda, now)
    session.pause()
    session.ended = True
    loaded = round_trip(session, agenda, now)
    assert loaded.ended is True
    assert loaded.meeting_state is MeetingState.ENDED
    assert not any(span.running for span in loaded.meeting_spans)


def test_round_trip_of_a_fresh_session(agenda, now):
    session = Session(agenda, now=now)
    loaded = round_trip(session, agenda, now)
    assert loaded.meeting_state is MeetingState.NOT_STARTED
    assert loaded.current is None
    assert loaded.selected == "1"
    assert loaded.title == agenda.title
    assert non_blank(loaded) == {}


@pytest.mark.parametrize(
    "text",
    [
        "",
        "one line",
        "trailing newline\n",
        "\nleading newline",
        "two\n\n\nblank lines",
        'triple """ quotes and \'\'\' too',
        "back\\slash \\n not a newline",
        "tab\there",
        "a lone \r carriage return",
        "ends with a quote\"",
        "ends with a backslash\\",
        "unicode: é ü ß – “quotes” 🙂 \u00a0nbsp",
        "control \x01 \x7f chars",
    ],
)
def test_decision_text_survives_exactly(agenda, now, text):
    session = Session(agenda, now=now)
    decision = session.add_decision("3", text)
    loaded = round_trip(session, agenda, now)
    assert loaded.decision("3", decision.id).text == text


def test_windows_line_ends_come_back_as_line_breaks(agenda, now):
    # tomli-w writes CRLF inside a multi-line string as LF: the breaks are kept.
    session = Session(agenda, now=now)
    decision = session.add_decision("3", "one\r\ntwo\r\n")
    loaded = round_trip(session, agenda, now)
    assert loaded.decision("3", decision.id).text == "one\ntwo\n"


def test_multiline_text_stays_multiline_in_the_file(agenda, now):
    session = Session(agenda, now=now)
    session.add_decision("3", "First line\nSecond line\nThird line")
    text = dumps(session, "agenda.txt", "x")
    lines = text.splitlines()
    assert "First line" in lines
    assert "Second line" in lines
    assert "Third line" in [line.removesuffix('"""') for line in lines]


# ------------------------------------------------------------------ the file itself


def test_the_file_starts_with_the_format_number(agenda, now):
    text = dumps(busy_session(agenda, now), "agenda.txt", "x")
    assert text.splitlines()[0] == f"format = {FORMAT_VERSION}"


def test_times_are_written_as_utc_date_times(agenda, now):
    session = busy_session(agenda, now)
    text = dumps(session, "agenda.txt", "x")
    assert "start = 2025-03-03 09:00:00+00:00" in text
    doc = tomllib.loads(text)
    span = doc["items"]["1"]["spans"][0]
    assert span["start"] == T0
    assert span["start"].utcoffset() == timedelta(0)
    decision = doc["items"]["2.1"]["decisions"][0]
    assert decision["created"] == T0 + timedelta(minutes=29)
    assert decision["modified"] == T0 + timedelta(minutes=29, seconds=20)
    assert decision["created"].utcoffset() == timedelta(0)
    assert doc["timezone"] == "Europe/Paris"


def test_stored_times_are_whole_seconds(agenda):
    now = FakeClock(T0 + timedelta(microseconds=654_321))
    session = Session(agenda, now=now)
    session.take_up("1")
    decision = session.add_decision("1", "x")
    assert session.meeting_spans[0].start == T0
    assert decision.created == T0
    assert ".654321" not in dumps(session, "agenda.txt", "x")


def test_the_document_holds_the_agenda_path_and_hash(agenda, now):
    doc = to_document(Session(agenda, now=now), "/some/agenda.txt", agenda_hash(AGENDA_TEXT))
    assert doc["agenda"] == {"path": "/some/agenda.txt", "sha256": agenda_hash(AGENDA_TEXT)}
    assert doc["format"] == FORMAT_VERSION


def _values(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _values(v)
    elif isinstance(value, list):
        for v in value:
            yield from _values(v)
    else:
        yield value


def test_absent_values_are_left_out(agenda, now):
    session = busy_session(agenda, now)
    session.toggle_skip("2.1")  # no current item any more
    doc = to_document(session, "agenda.txt", "x")
    assert None not in list(_values(doc))
    assert "current" not in doc
    assert "end" not in doc["meeting"]["spans"][-1]  # running: no end
    assert "3" not in doc["items"]  # untouched items are not written
    assert "spans" not in doc["items"]["2.2"]  # skipped without ever running
    assert "decisions" not in doc["items"]["2"]


def test_items_carry_number_and_title_for_a_human_reader(agenda, now):
    doc = to_document(busy_session(agenda, now), "agenda.txt", "x")
    assert doc["items"]["2.1"]["number"] == "2.1"
    assert doc["items"]["2.1"]["title"] == "Finance"


def test_item_keys_of_unnumbered_items_round_trip(now):
    agenda = load_agenda(AGENDAS / "lanzarote-28th-meeting-2020-09.txt")
    keys = [item.key for item in agenda.walk()]
    odd = next(key for key in keys if "/" in key or "#" in key)
    session = Session(agenda, now=now)
    session.take_up(odd)
    session.add_decision(odd, "Noted.")
    loaded = round_trip(session, agenda, now)
    assert loaded.current == odd
    assert loaded.decision(odd, 1).text == "Noted."


# ------------------------------------------------------------------ resuming


def test_a_running_clock_counts_the_time_the_app_was_down(agenda, now, tmp_path):
    session = busy_session(agenda, now)
    path = tmp_path / "meeting.session.toml"
    write_atomic(path, dumps(session, "agenda.txt", "x"))
    spent = session.spent("2.1")
    elapsed = session.elapsed()
    # the app is killed; it comes back ten minutes later
    later = FakeClock(now() + timedelta(minutes=10))
    loaded = load_session(path, agenda, now=later)
    assert loaded.running
    assert loaded.current == "2.1"
    assert loaded.spent("2.1") == spent + 600
    assert loaded.elapsed() == elapsed + 600
    assert loaded.spent("1") == session.spent("1")  # done items do not move
    later.advance(minutes=1)
    loaded.pause()
    later.advance(minutes=30)
    assert loaded.spent("2.1") == spent + 660


def test_a_paused_clock_does_not_count_the_time_the_app_was_down(agenda, now, tmp_path):
    session = busy_session(agenda, now)
    session.pause()
    path = tmp_path / "meeting.session.toml"
    write_atomic(path, dumps(session, "agenda.txt", "x"))
    later = FakeClock(now() + timedelta(hours=2))
    loaded = load_session(path, agenda, now=later)
    assert loaded.meeting_state is MeetingState.BREAK
    assert loaded.spent("2.1") == session.spent("2.1")
    loaded.start()
    later.advance(30)
    assert loaded.spent("2.1") == session.spent("2.1") + 30


def test_decision_ids_stay_unique_after_a_reload(agenda, now):
    session = busy_session(agenda, now)
    ids = {d.id for s in session.states.values() for d in s.decisions}
    loaded = round_trip(session, agenda, now)
    new = loaded.add_decision("3", "new")
    assert new.id not in ids
    assert new.id > max(ids)
    assert new.id >= session.next_decision_id  # the deleted id 3 is not reused either


def test_next_decision_id_is_never_below_the_ids_in_the_file(agenda, now):
    session = busy_session(agenda, now)
    doc = tomllib.loads(dumps(session, "agenda.txt", "x"))
    del doc["next_decision_id"]  # hand-edited file
    loaded = from_document(doc, agenda, "x.toml", now)
    highest = max(d.id for s in loaded.states.values() for d in s.decisions)
    assert loaded.add_decision("3").id == highest + 1
    doc["next_decision_id"] = 1
    loaded = from_document(doc, agenda, "x.toml", now)
    assert loaded.add_decision("3").id == highest + 1


def test_n_after_a_reload_goes_on_from_a_skipped_current_item(agenda, now):
    session = Session(agenda, now=now)
    session.take_up("1")
    now.advance(60)
    session.take_up("2")
    now.advance(60)
    session.toggle_skip("2")
    loaded = round_trip(session, agenda, now)
    assert loaded.current is None
    assert loaded.take_up_next() == "2.1"


def test_the_session_uses_the_given_clock(agenda, now):
    loaded = round_trip(busy_session(agenda, now), agenda, now)
    assert loaded.now is now


# ------------------------------------------------------------------ unmatched items


def test_items_the_agenda_does_not_have_are_kept_and_written_back(agenda, now):
    session = busy_session(agenda, now)
    doc = tomllib.loads(dumps(session, "agenda.txt", "x"))
    gone = {
        "status": "done",
        "number": "9",
        "title": "An item removed from the agenda",
        "spans": [{"start": T0, "end": T0 + timedelta(minutes=3)}],
        "decisions": [
            {"id": 77, "status": "final", "created": T0, "modified": T0,
             "text": "Kept\nacross lines."},
        ],
        "someone's note": "an unknown field",
    }
    doc["items"]["9"] = gone
    loaded = from_document(doc, agenda, "x.toml", now)
    [entry] = loaded.unmatched
    assert (entry.key, entry.number, entry.title, entry.raw) == (
        "9", "9", "An item removed from the agenda", gone)
    assert [d.text for d in entry.state.decisions] == ["Kept\nacross lines."]
    assert not loaded.has("9")
    again = tomllib.loads(dumps(loaded, "agenda.txt", "x"))
    assert "9" not in again["items"]
    assert again["unmatched"] == [{"key": "9", **gone}]
    assert again["items"]["2.1"] == doc["items"]["2.1"]
    # and read again, it stays as it is
    twice = from_document(again, agenda, "x.toml", now)
    assert tomllib.loads(dumps(twice, "agenda.txt", "x")) == again


def test_an_unmatched_current_item_is_not_current(agenda, now):
    session = busy_session(agenda, now)
    doc = tomllib.loads(dumps(session, "agenda.txt", "x"))
    doc["current"] = "9"
    doc["selected"] = "9"
    loaded = from_document(doc, agenda, "x.toml", now)
    assert loaded.current is None
    assert loaded.selected == "1"


# ------------------------------------------------------------------ paths and hashes


def test_default_session_path_is_beside_the_agenda(tmp_path):
    assert default_session_path(tmp_path / "board.txt") == tmp_path / "board.session.toml"
    assert default_session_path("agenda") == Path("agenda.session.toml")
    assert default_session_path("a/b/x.2025.md") == Path("a/b/x.2025.session.toml")


def test_agenda_hash():
    assert agenda_hash("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert agenda_hash("1. Opening") != agenda_hash("1. Opening ")


# ------------------------------------------------------------------ bad files


def assert_one_line_naming(err: InputError, path: Path) -> str:
    message = str(err)
    assert "\n" not in message
    assert str(path) in message
    assert "Traceback" not in message
    return message


def write(tmp_path: Path, content: str | bytes, name: str = "s.session.toml") -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_a_file_that_is_not_toml_gives_its_line(tmp_path, agenda):
    path = write(tmp_path, 'format = 1\ntitle = "x"\n\nthis is = not = toml\n')
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    message = assert_one_line_naming(info.value, path)
    assert info.value.line == 4
    assert message.startswith(f"{path}:4: ")
    assert "session file" in message
    assert "column" in message
    assert "line" not in info.value.problem  # the line is in the prefix, not repeated


def test_an_unclosed_string_gives_its_line(tmp_path, agenda):
    path = write(tmp_path, 'format = 1\n\n\ntitle = "never closed\n')
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.line == 4
    assert_one_line_naming(info.value, path)


def test_a_missing_file(tmp_path, agenda):
    path = tmp_path / "nowhere.session.toml"
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    message = assert_one_line_naming(info.value, path)
    assert "no such" in message


def test_a_directory(tmp_path, agenda):
    path = tmp_path / "folder.session.toml"
    path.mkdir()
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    assert "directory" in assert_one_line_naming(info.value, path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs permissions")
def test_an_unreadable_file(tmp_path, agenda):
    path = write(tmp_path, "format = 1\n")
    path.chmod(0)
    try:
        with pytest.raises(InputError) as info:
            load_session(path, agenda)
    finally:
        path.chmod(0o600)
    assert "permission" in assert_one_line_naming(info.value, path)


def test_an_unreadable_file_as_any_user(tmp_path, agenda, monkeypatch):
    """The same where the tests run as root: the system's refusal is simulated."""
    path = write(tmp_path, "format = 1\n")
    real_open = open

    def denied(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", denied)
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    monkeypatch.undo()
    assert "permission" in assert_one_line_naming(info.value, path)
    assert path.read_text() == "format = 1\n"


def test_a_file_that_is_not_utf8(tmp_path, agenda):
    path = write(tmp_path, 'format = 1\ntitle = "caf\xe9"\n'.encode("cp1252"))
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    assert "UTF-8" in assert_one_line_naming(info.value, path)


def test_a_binary_file(tmp_path, agenda):
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    assert_one_line_naming(info.value, path)


def test_a_utf8_bom_is_accepted(tmp_path, agenda):
    path = write(tmp_path, '\ufeffformat = 1\ntitle = "With a BOM"\n')
    assert load_session(path, agenda).title == "With a BOM"


def test_an_empty_file_is_not_a_session(tmp_path, agenda):
    path = write(tmp_path, "")
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    assert "format" in assert_one_line_naming(info.value, path)


def test_missing_format_number(tmp_path, agenda):
    path = write(tmp_path, 'title = "x"\n[items.1]\nstatus = "done"\n')
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    message = assert_one_line_naming(info.value, path)
    assert "format" in message


@pytest.mark.parametrize("value", ['"1"', "true", "1.0", "[1]"])
def test_a_format_that_is_not_a_number(tmp_path, agenda, value):
    path = write(tmp_path, f"format = {value}\n")
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    assert "format" in assert_one_line_naming(info.value, path)


def test_a_newer_format(tmp_path, agenda):
    path = write(tmp_path, f"format = {FORMAT_VERSION + 1}\n")
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    message = assert_one_line_naming(info.value, path)
    assert "newer" in message
    assert str(FORMAT_VERSION + 1) in message


@pytest.mark.parametrize("version", [0, -1])
def test_a_format_number_that_never_existed(tmp_path, agenda, version):
    path = write(tmp_path, f"format = {version}\n")
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    assert "format" in assert_one_line_naming(info.value, path)


def test_the_file_is_not_changed_by_a_failed_load(tmp_path, agenda):
    content = f"format = {FORMAT_VERSION + 1}\nsomething = 'from the future'\n"
    path = write(tmp_path, content)
    with pytest.raises(InputError):
        load_session(path, agenda)
    assert path.read_text(encoding="utf-8") == content


GOOD = """\
format = 1
title = "Board"
timezone = "UTC"
next_decision_id = 2
current = "1"
selected = "1"

[meeting]
ended = false
spans = [{ start = 2025-03-03T09:00:00Z }]

[items.1]
status = "current"
spans = [{ start = 2025-03-03T09:00:00Z }]

[[items.1.decisions]]
id = 1
status = "draft"
created = 2025-03-03T09:01:00Z
modified = 2025-03-03T09:01:00Z
text = "ok"
"""


def test_the_good_file_used_below_loads(tmp_path, agenda, now):
    now.advance(minutes=2)
    session = load_session(write(tmp_path, GOOD), agenda, now)
    assert session.current == "1"
    assert session.spent("1") == 120
    assert session.decision("1", 1).text == "ok"


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('title = "Board"', "title = 3", ["title", "wrong type"]),
        ('timezone = "UTC"', "timezone = 1", ["timezone", "wrong type"]),
        ("next_decision_id = 2", 'next_decision_id = "2"', ["next_decision_id"]),
        ("next_decision_id = 2", "next_decision_id = true", ["next_decision_id"]),
        ('current = "1"', "current = 1", ["current"]),
        ('selected = "1"', "selected = []", ["selected"]),
        ("ended = false", 'ended = "no"', ["ended"]),
        ("spans = [{ start = 2025-03-03T09:00:00Z }]\n\n[items",
         "spans = 5\n\n[items", ["meeting", "spans"]),
        ("spans = [{ start = 2025-03-03T09:00:00Z }]\n\n[items",
         "spans = [5]\n\n[items", ["meeting.spans[0]", "table"]),
        ("spans = [{ start = 2025-03-03T09:00:00Z }]\n\n[items",
         "spans = [{ end = 2025-03-03T09:00:00Z }]\n\n[items", ["meeting.spans[0]", "date-time"]),
        ("spans = [{ start = 2025-03-03T09:00:00Z }]\n\n[items",
         "spans = [{ start = 2025-03-03T09:00:00 }]\n\n[items", ["meeting.spans[0]", "UTC"]),
        ("spans = [{ start = 2025-03-03T09:00:00Z }]\n\n[items",
         "spans = [{ start = 2025-03-03 }]\n\n[items", ["meeting.spans[0]", "date-time"]),
        ("spans = [{ start = 2025-03-03T09:00:00Z }]\n\n[items",
         "spans = [{ start = 2025-03-03T09:00:00Z, end = 'soon' }]\n\n[items",
         ["meeting.spans[0]", "soon"]),
        ('status = "current"', 'status = "finished"', ["items.1", "finished"]),
        ('status = "current"', "status = 1", ["items.1", "status"]),
        ("id = 1", 'id = "one"', ["items.1.decisions[0]", "id"]),
        ("id = 1\n", "", ["items.1.decisions[0]", "missing", "id"]),
        ('status = "draft"', 'status = "maybe"', ["items.1.decisions[0]", "maybe"]),
        ('text = "ok"', "text = 42", ["items.1.decisions[0]", "text"]),
        ("created = 2025-03-03T09:01:00Z\n", "", ["items.1.decisions[0]", "date-time"]),
        ("modified = 2025-03-03T09:01:00Z", "modified = 'yesterday'",
         ["items.1.decisions[0]", "yesterday"]),
    ],
)
def test_wrong_types_give_a_clear_error(tmp_path, agenda, old, new, words):
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    message = assert_one_line_naming(info.value, path)
    for word in words:
        assert word in message


@pytest.mark.parametrize(
    "content",
    [
        "format = 1\nmeeting = 3\n",
        "format = 1\nitems = 3\n",
        "format = 1\n[items]\n1 = 3\n",
        "format = 1\n[items.1]\ndecisions = 'none'\n",
        "format = 1\n[items.1]\ndecisions = [3]\n",
        "format = 1\n[items.1]\nspans = [{ start = 12 }]\n",
    ],
)
def test_wrong_shapes_give_a_clear_error(tmp_path, agenda, content):
    path = write(tmp_path, content)
    with pytest.raises(InputError) as info:
        load_session(path, agenda)
    assert_one_line_naming(info.value, path)


# ------------------------------------------------------------------ atomic writes


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_write_atomic_creates_and_replaces(tmp_path):
    path = tmp_path / "m.session.toml"
    write_atomic(path, "format = 1\n")
    assert path.read_text(encoding="utf-8") == "format = 1\n"
    write_atomic(str(path), 'format = 1\ntitle = "é"\n')
    assert path.read_bytes() == 'format = 1\ntitle = "é"\n'.encode()
    assert leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.session.toml"]


def test_write_atomic_keeps_newlines_as_written(tmp_path):
    path = tmp_path / "m.session.toml"
    write_atomic(path, "a\nb\n")
    assert path.read_bytes() == b"a\nb\n"


def test_write_atomic_writes_in_the_same_folder(tmp_path, monkeypatch):
    seen = []
    real_replace = os.replace

    def spy(src, dst):
        seen.append((Path(src), Path(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(durable.os, "replace", spy)
    path = tmp_path / "m.session.toml"
    write_atomic(path, "x")
    [(src, dst)] = seen
    assert src.parent == tmp_path
    assert dst == path


def test_a_failed_replace_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "m.session.toml"
    write_atomic(path, "old\n")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(durable.os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "m.session.toml"
    write_atomic(path, "old\n")

    def broken(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(durable.os, "fsync", broken)
    with pytest.raises(OSError):
        write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_an_interrupt_while_writing_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "m.session.toml"
    write_atomic(path, "old\n")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(durable.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_text_that_cannot_be_encoded_leaves_the_old_file(tmp_path):
    path = tmp_path / "m.session.toml"
    write_atomic(path, "old\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "lone surrogate \ud800\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path) == []


def test_save_and_load_through_the_disk(tmp_path, agenda, now):
    session = busy_session(agenda, now)
    path = tmp_path / "board.session.toml"
    write_atomic(path, dumps(session, str(tmp_path / "board.txt"), agenda_hash(AGENDA_TEXT)))
    doc = read_document(path)
    assert doc["agenda"]["sha256"] == agenda_hash(AGENDA_TEXT)
    loaded = load_session(path, agenda, now)
    assert non_blank(loaded) == non_blank(session)
    assert loaded.state("2.1").spans == session.state("2.1").spans
    assert isinstance(loaded.state("2.1").spans[0], Span)
