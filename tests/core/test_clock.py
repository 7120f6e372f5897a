"""Time accounting: every duration comes from start/end timestamps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from helpers.clock import JumpingClock

from meeting_tui.core.clock import (
    Span,
    SteadyClock,
    close,
    describe_jump,
    format_duration,
    format_minutes,
    local_zone_name,
    open_span,
    total_seconds,
    utc_now,
)

T0 = datetime(2020, 9, 21, 9, 30, tzinfo=UTC)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_utc_now_is_aware_and_utc():
    now = utc_now()
    assert now.tzinfo is not None
    assert now.utcoffset() == timedelta(0)


def test_closed_span_counts_start_to_end_whatever_now_is():
    span = Span(at(0), at(90))
    assert not span.running
    assert span.seconds(at(90)) == 90
    assert span.seconds(at(10_000)) == 90


def test_running_span_counts_up_to_now():
    span = Span(at(0))
    assert span.running
    assert span.seconds(at(0)) == 0
    assert span.seconds(at(61)) == 61
    assert span.seconds(at(3600)) == 3600


def test_span_never_goes_negative_when_the_clock_went_back():
    assert Span(at(100)).seconds(at(40)) == 0.0
    assert Span(at(100), at(40)).seconds(at(200)) == 0.0


def test_spans_in_different_offsets_are_compared_as_instants():
    paris = timezone(timedelta(hours=2))
    span = Span(datetime(2020, 9, 21, 11, 30, tzinfo=paris), at(120))  # 09:30 UTC .. 09:32
    assert span.seconds(at(500)) == 120


def test_total_seconds_adds_closed_and_running_spans():
    spans = [Span(at(0), at(60)), Span(at(120), at(150)), Span(at(200))]
    assert total_seconds(spans, at(210)) == 60 + 30 + 10
    assert total_seconds([], at(210)) == 0


def test_close_ends_only_the_running_span():
    spans = [Span(at(0), at(10)), Span(at(20))]
    close(spans, at(25))
    assert spans == [Span(at(0), at(10)), Span(at(20), at(25))]
    close(spans, at(99))  # nothing running: nothing changes
    assert spans[-1].end == at(25)
    empty: list[Span] = []
    close(empty, at(1))
    assert empty == []


def test_open_span_never_opens_a_second_running_span():
    spans: list[Span] = []
    open_span(spans, at(0))
    open_span(spans, at(30))
    assert spans == [Span(at(0))]
    close(spans, at(40))
    open_span(spans, at(50))
    assert spans == [Span(at(0), at(40)), Span(at(50))]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0:00"),
        (0.99, "0:00"),
        (59.9, "0:59"),
        (60, "1:00"),
        (61, "1:01"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3661, "1:01:01"),
        (10 * 3600 + 5, "10:00:05"),
        (30 * 3600, "30:00:00"),
    ],
)
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (42.7, "42s"),
        (59.99, "59s"),
        (60, "1m"),
        (119, "1m"),
        (59 * 60 + 59, "59m"),
        (3600, "1h00"),
        (3600 + 5 * 60, "1h05"),
        (10 * 3600 + 59 * 60, "10h59"),
    ],
)
def test_format_minutes(seconds, text):
    assert format_minutes(seconds) == text


# ------------------------------------------------------------------ local zone


@pytest.fixture
def localtime(monkeypatch):
    """Point /etc/localtime somewhere of the test's choosing (None: it does not exist)."""
    real_resolve = Path.resolve
    target: dict[str, str | None] = {"path": "/usr/share/zoneinfo/Europe/Lisbon"}

    def resolve(self, *args, **kwargs):
        if str(self) == "/etc/localtime":
            if target["path"] is None:
                raise OSError("no /etc/localtime")
            return Path(target["path"])
        return real_resolve(self, *args, **kwargs)

    monkeypatch.setattr(Path, "resolve", resolve)
    return target


@pytest.mark.parametrize(
    ("tz", "name"),
    [
        ("Europe/Paris", "Europe/Paris"),
        (":Europe/Paris", "Europe/Paris"),
        ("America/Argentina/Buenos_Aires", "America/Argentina/Buenos_Aires"),
        ("UTC", "UTC"),
        ("/usr/share/zoneinfo/Asia/Tokyo", "Asia/Tokyo"),
        (":/usr/share/zoneinfo/Europe/Berlin", "Europe/Berlin"),
    ],
)
def test_tz_variable_wins_over_etc_localtime(monkeypatch, localtime, tz, name):
    monkeypatch.setenv("TZ", tz)
    assert local_zone_name() == name


def test_a_posix_tz_rule_is_not_taken_for_a_zone_name(monkeypatch, localtime):
    monkeypatch.setenv("TZ", "EST5EDT,M3.2.0,M11.1.0")
    name = local_zone_name()
    assert "," not in name and name != "Europe/Lisbon"


def test_local_zone_name_from_etc_localtime(monkeypatch, localtime):
    monkeypatch.delenv("TZ", raising=False)
    assert local_zone_name() == "Europe/Lisbon"
    localtime["path"] = "/usr/share/zoneinfo/America/Argentina/Cordoba"
    assert local_zone_name() == "America/Argentina/Cordoba"


def test_local_zone_name_falls_back_to_a_name(monkeypatch, localtime):
    monkeypatch.delenv("TZ", raising=False)
    localtime["path"] = None
    name = local_zone_name()
    assert isinstance(name, str) and name and "/" not in name
    localtime["path"] = "/etc/some-copied-file"  # a copy, not a link into zoneinfo
    assert local_zone_name() == name


# ------------------------------------------------------------------ clock jumps

JUMP_AGENDA = "Jump meeting\n\n1. Opening\n2. Reports\n"


def jumping_session(clock: JumpingClock, steady: bool = True):
    from meeting_tui.core.parser import parse_agenda
    from meeting_tui.core.session import Session

    now = SteadyClock(clock, clock.monotonic) if steady else clock
    session = Session(parse_agenda(JUMP_AGENDA), now=now)
    session.take_up("1")
    session.start()
    return session


def all_spans(session) -> list[Span]:
    return session.meeting_spans + [s for st in session.states.values() for s in st.spans]


@pytest.mark.parametrize("jumps", [(-2 * 3600, 3 * 86400), (3 * 86400, -2 * 3600)],
                         ids=["back then forward", "forward then back"])
def test_spans_measure_the_time_that_passed_whatever_the_wall_clock_does(jumps):
    clock = JumpingClock()
    session = jumping_session(clock)
    clock.advance(minutes=10)
    clock.jump(jumps[0])
    clock.advance(minutes=10)
    session.take_up("2")  # item 1's span ends here, measured on the monotonic clock
    clock.jump(jumps[1])
    clock.advance(minutes=5)
    session.pause()
    assert session.spent("1") == 20 * 60
    assert session.spent("2") == 5 * 60
    assert session.elapsed() == 25 * 60
    assert all(s.end is not None and s.end >= s.start for s in all_spans(session))
    assert session.now.take_jumps() == list(jumps)
    assert session.now.take_jumps() == []  # each said once


def test_a_running_span_never_counts_the_jump():
    clock = JumpingClock()
    session = jumping_session(clock)
    clock.advance(minutes=3)
    clock.jump(days=3)
    assert session.spent("1") == 180
    assert session.spent("1") <= session.elapsed()
    clock.jump(hours=-80)
    assert session.spent("1") == 180


def test_small_drift_is_no_jump():
    clock = JumpingClock()
    steady = SteadyClock(clock, clock.monotonic)
    clock.advance(minutes=1)
    clock.jump(seconds=1.5)  # an NTP slew, a rounding: no news
    assert steady.take_jumps() == []


def test_without_the_steady_clock_a_span_set_back_is_never_negative():
    """A restart after the wall clock was set back: the session stores no moment before
    the last one it stored."""
    clock = JumpingClock()
    session = jumping_session(clock, steady=False)
    clock.advance(minutes=10)
    clock.jump(hours=-2)
    session.pause()
    assert all(s.end is not None and s.end >= s.start for s in all_spans(session))
    assert session.spent("1") <= session.elapsed()
    session.start()
    assert session.meeting_spans[-1].start >= session.meeting_spans[-2].end


def test_a_jump_is_said_in_words():
    assert describe_jump(-7200) == "set back 2:00:00"
    assert describe_jump(3 * 86400 + 5) == "put forward 3 days, 0:00:05"
