"""The parser's import cost: patterns only some agendas need are compiled on first use,
and the cheap tests that stand in for costlier ones say the same (issue 19)."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from meeting_tui.core import furniture, numbering, timing

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


# --- the cheap tests before the dearest patterns (issue 19, a sixth pass) ---------------
# Each pattern is compiled only for a line that has what every line it matches has; the
# lines it matches are drawn from the pattern itself (hypothesis's ``from_regex``).

def test_item_lines_that_look_printed_compile_no_furniture_or_clock_pattern() -> None:
    # The 29th meeting's: a sub-item with a ":" near its start is a candidate for a
    # print's stamp and a clock time; a title ending in brackets for a time allocation.
    at_import, after = _compiled(
        "Meeting\n\n1. Opening\n\n2. Chapters\n\n2.1 Chapter I: Legal frameworks\n\n"
        "2.2 Chapter III: Investigation and prosecution\n\n"
        "3. Reservations allowed by Article 20(3)\n\n4. Exchange of views (draft report)\n")
    assert after == at_import


@given(st.from_regex(furniture._n_of_m()))
def test_a_page_count_ends_with_a_digit(text: str) -> None:
    assert text.removesuffix("\n")[-1:].isdecimal()


@given(st.from_regex(furniture._browser_header()))
def test_a_browser_header_starts_like_a_stamp(text: str) -> None:
    assert furniture._starts_like_stamp(text)


@given(st.from_regex(furniture._browser_footer()))
def test_a_browser_footer_ends_like_a_stamp(text: str) -> None:
    assert furniture._ends_like_stamp(text)


@given(st.from_regex(furniture._page()) | st.from_regex(furniture._dashed_number()))
def test_a_page_number_ends_with_a_number(text: str) -> None:
    assert furniture._ends_with_number(text)


@given(st.from_regex(timing.clock_line_re()))
def test_a_clock_line_starts_like_a_clock(text: str) -> None:
    assert timing._starts_like_clock(text)


_PLAN_TEXT = st.text(alphabet="ab ()[]0123456789hm'", max_size=12)


@given(_PLAN_TEXT, st.from_regex(timing.plan_re(), fullmatch=True) | _PLAN_TEXT)
def test_find_plan_is_the_bracketed_pattern_where_it_could_match(head: str, tail: str) -> None:
    text = head + tail
    if text[-1:] in (")", "]"):
        found = timing.find_plan(text)
        expected = timing.plan_re().search(text, max(0, len(text) - 32))
        assert (found and (found.span(), found.groups())) == (
            expected and (expected.span(), expected.groups()))


# The bullet as one pattern, before ``match_bullet`` told the bullet in Python.
_BULLET_BEFORE = re.compile(
    rf"(?>(?:--|[{re.escape(numbering._BULLETS)}]|o(?=\t))\s+(?:\[[ xX]\]\s+)?)"
    rf"(?!{numbering._RULE})")


@given(st.text(alphabet=numbering._BULLETS + "o\t \u00a0\n[]xX_=~ab1.", max_size=10))
def test_match_bullet_is_the_one_pattern_it_replaces(text: str) -> None:
    found, expected = numbering.match_bullet(text), _BULLET_BEFORE.match(text)
    assert (found and found.end()) == (expected and expected.end())
