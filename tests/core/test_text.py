"""core/text.py: the spaces normalize() makes plain are written out, not worked out at
import; they must be every space Python knows below U+3001 but " ", tab and line ends."""

from __future__ import annotations

from meeting_tui.core.text import _SPACES, normalize


def test_the_written_out_spaces_are_every_space_python_knows():
    known = "".join(ch for ch in map(chr, range(0x3001))
                    if ch.isspace() and ch not in " \t\n\r")
    assert known == _SPACES


def test_each_of_them_becomes_a_plain_space():
    for ch in _SPACES:
        assert normalize(f"a{ch}b") == "a b"
