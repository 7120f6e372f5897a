"""Escape followed quickly by a key: read as escape, then that key.

A terminal sends alt+key as escape followed by the key, so a terminal program cannot
tell "escape, then n" typed quickly from alt+n. Textual waits 100 ms after an escape;
inside tmux (whose escape-time is 500 ms) or over SSH the two bytes arrive together at
ordinary typing speed. Textual then reads them as alt+n, whose character a text area
types ("Agreed.n"), or as a key of its table (escape f is ctrl+right, escape 1 is "¡"),
or, in a longer burst, as a literal "^" and the key.

The meeting screen keeps its promise that a key right after escape acts:

- ``EscapeParser`` reads escape and one printable character as alt+that character,
  always (not ctrl+right, "¡" or "^"), and at once;
- ``MeetingApp.on_event`` reads an alt+key that nothing on the screen binds as escape,
  then the key (``escape_then``): in the editor, escape leaves it and the key acts.

So nothing of an escape is ever typed into a decision.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from textual import events
from textual._xterm_parser import XTermParser
from textual.driver import Driver

ESC = "\x1b"
# Escape and these begin the terminal's own sequences (CSI, SS3): not read as alt+key.
SEQUENCE_STARTS = "[O"


class EscapeParser(XTermParser):
    """Textual's parser, but escape followed by a printable character is alt+that
    character, whatever Textual's table says, and an escape it would give up on (in a
    longer burst) is alt on the character after it rather than a "^"."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._alt_next = False

    def _sequence_to_key_events(self, sequence: str, alt: bool = False,
                                ) -> Iterable[events.Key]:
        if (len(sequence) == 2 and sequence[0] == ESC and sequence[1].isprintable()
                and sequence[1] not in SEQUENCE_STARTS):
            yield self._alt_key(sequence[1])
            return
        if sequence == ESC:
            # Only a burst Textual could not parse reissues a lone escape (as "^"):
            # it makes the next character an alt key instead.
            self._alt_next = True
            return
        if len(sequence) == 1 and (alt or self._alt_next):
            self._alt_next = False
            yield self._alt_key(sequence)
            return
        yield from super()._sequence_to_key_events(sequence, alt)

    def _alt_key(self, character: str) -> events.Key:
        """alt+ the key of one character, the character kept."""
        name = next(iter(super()._sequence_to_key_events(character))).key
        if len(name) == 1 and name.isupper():
            name = f"shift+{name.lower()}"
        return events.Key(name if name.startswith("alt+") else f"alt+{name}", character)


def escape_then(event: events.Key) -> events.Key | None:
    """An alt+key as the key pressed after escape (None if it is not an alt key)."""
    if not event.key.startswith("alt+"):
        return None
    name = event.key.removeprefix("alt+")
    if name.startswith("shift+") and len(name) == len("shift+x"):
        name = name[-1].upper()
    character = event.character
    if character is None and len(name) == 1:
        character = name  # as Pilot presses it
    return events.Key(name, character)


def driver_class(default: type[Driver]) -> type[Driver]:
    """The driver Textual chose, reading keys with EscapeParser when it is the one of
    Linux and macOS terminals (the one that parses the bytes of a terminal)."""
    if sys.platform == "win32":
        return default
    from textual.drivers import linux_driver  # (imports termios)

    if default is not linux_driver.LinuxDriver:
        return default

    class MeetingDriver(linux_driver.LinuxDriver):
        def run_input_thread(self) -> None:
            linux_driver.XTermParser = EscapeParser  # type: ignore[misc]  # what it makes
            super().run_input_thread()

    return MeetingDriver
