"""The parser's import cost: patterns only some agendas need are compiled on first use,
and the cheap tests that stand in for costlier ones say the same (issue 19)."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from meeting_tui.core import numbering, timing

_COUNT = """
import re, sys
compiled = []
original = re.compile
def counting(pattern, flags=0):
    if "meeting_tui" in sys._getframe(1).f_code.co_filename:  # ours, not the stdlib's
        compiled.append(pattern)
    return original(pattern, flags)
re.compile = counting
from meeting_tui.core.parser import parse_agenda
at_import = len(compiled)
parse_agenda(sys.argv[1])
print(at_import, len(compiled))
"""


def _compiled(agenda: str) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", _COUNT, agenda], capture_output=True,
                         text=True, check=True).stdout.split()
    return int(out[0]), int(out[1])


def test_import_compiles_only_the_patterns_every_agenda_needs() -> None:
    at_import, after = _compiled(
        "Meeting\n\n1. Opening of the meeting\n\n1.1. Adoption of the agenda\n")
    # the decimal line, the bullet, the rule, a digit, the search for page marks and
    # clock times, the link and the document reference (the last two in continuation)
    assert at_import <= 7
    # a plain agenda of decimal items needs none of the others
    assert after == at_import


def test_markdown_and_printed_agendas_compile_theirs_when_read() -> None:
    at_import, after = _compiled(
        "# Board\n\n## 1. **Opening**\n\nPage 2 of 3\n\n- [x] `done`\n\n09:30 Coffee\n")
    assert after > at_import


_HEADS = ("it", "ag", "po", "to")


@given(st.text(alphabet="itagpoITAGPOİıKxé ", min_size=0, max_size=3))
def test_item_heads_are_the_lowered_heads(text: str) -> None:
    assert (text[:2] in numbering._ITEM_HEADS) == (text[:2].lower() in _HEADS)


@given(st.text(alphabet="mMinutesShHr'’. 0123456789[]()", min_size=0, max_size=12))
def test_bare_endings_by_last_character(text: str) -> None:
    ends = timing._BARE_BY_LAST.get(text[-1:])
    assert (ends is not None and text.endswith(ends)) == text.endswith(timing._BARE_ENDS)
