"""A clock the tests move by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2020, 9, 21, 7, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float = 0, minutes: float = 0) -> datetime:
        self.now += timedelta(seconds=seconds, minutes=minutes)
        return self.now


class JumpingClock(FakeClock):
    """A wall clock and a monotonic clock that move together as time passes, and a wall
    clock that can be set back or put forward alone (``jump``), as a person or a bad
    time server does."""

    def __init__(self, start: datetime | None = None) -> None:
        super().__init__(start)
        self.elapsed = 1000.0  # the monotonic clock: seconds from an arbitrary origin

    def monotonic(self) -> float:
        return self.elapsed

    def advance(self, seconds: float = 0, minutes: float = 0) -> datetime:
        self.elapsed += seconds + 60 * minutes
        return super().advance(seconds, minutes)

    def jump(self, seconds: float = 0, hours: float = 0, days: float = 0) -> datetime:
        self.now += timedelta(seconds=seconds, hours=hours, days=days)
        return self.now
