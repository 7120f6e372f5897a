"""The bell at the speaking limit is a meeting setting: `bell = true` in [settings] only
when on, read back with a default (off) so older format 5 files read as before; a value
that is not true or false is one clear error naming it."""

from __future__ import annotations

import tomllib

import pytest
from helpers.clock import FakeClock
from test_floor_file import AGENDA, T0, floored, reload

from meeting_tui.core.errors import InputError
from meeting_tui.files.session_reading import build
from meeting_tui.files.session_toml import dumps


def test_the_bell_is_written_only_when_on_and_read_back() -> None:
    clock = FakeClock(T0)
    session = floored(clock)
    assert session.settings.bell is False
    loaded, written = reload(session, clock)
    assert "bell" not in tomllib.loads(written)["settings"]  # off: not written
    assert loaded.settings.bell is False
    revision = session.revision
    session.set_bell(True)
    assert session.revision == revision + 1  # a change: saved at once
    session.set_bell(True)
    assert session.revision == revision + 1  # the same again: none
    loaded, written = reload(session, clock)
    assert tomllib.loads(written)["settings"]["bell"] is True
    assert loaded.settings.bell is True


def test_a_bell_that_is_not_true_or_false_names_it() -> None:
    doc = tomllib.loads(dumps(floored(FakeClock(T0)), "a.txt", "x"))
    doc["settings"]["bell"] = "yes"
    with pytest.raises(InputError, match="settings: 'bell' is not true or false"):
        build(doc, AGENDA, "bad.toml")
