"""Bad input never hangs: the parser is linear in any text, and shallow in any nesting.

A 40 KB line once took 155 s (a lazy heading pattern backtracking over spaces), an
unclosed "(" above 200,000 lines 253 s (a title rebuilt on every line), and 1,100
levels of nesting raised RecursionError. Each case here has a time budget far above
what the parser needs and far below what those took.
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meeting_tui.cli import main
from meeting_tui.core.parser import MAX_DEPTH, MAX_TITLE, parse_agenda

LONG = 40_000
PREFIXES = ["1. Opening\n# a", "1. Opening\n**a", "1. Opening\n__a", "1. (", "- a", "a) b",
            "1. Opening\n09:30 a", "Page 1", "[", "1. a [", "TOP 1", "*1. a", "Item 1",
            "https://a", "1. Opening 1h", "## 1. a ##", "(a). x", "-- x", "1 of"]


def cpu_seconds(text: str) -> float:
    start = time.process_time()
    parse_agenda(text)
    return time.process_time() - start


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("filler", [" ", "\t ", "# ", "* ", "( ", "1. "])
def test_one_long_line_is_parsed_in_linear_time(prefix, filler):
    text = prefix + filler * (LONG // len(filler)) + "b\n"
    assert cpu_seconds(text) < 1.0


def test_an_unclosed_parenthesis_above_many_lines():
    text = "1. Opening (\n" + "x\n" * 200_000
    assert cpu_seconds(text) < 10.0
    agenda = parse_agenda("1. Opening (\n" + "word\n" * 5_000)
    assert len(agenda.items[0].title) <= MAX_TITLE + 10
    assert agenda.items[0].notes  # the rest is kept, as notes


@pytest.mark.parametrize("line", [lambda i: "  " * i + "- x",
                                  lambda i: ".".join(["1"] * (i + 1)) + ". x"])
def test_deep_nesting_is_kept_shallow_with_a_warning(line, tmp_path, capsys):
    text = "Meeting\n" + "\n".join(line(i) for i in range(1_100)) + "\n"
    agenda = parse_agenda(text)
    depth, level = 0, agenda.items
    while level:
        depth += 1
        level = level[-1].children
    assert depth == MAX_DEPTH
    assert sum(1 for _ in agenda.walk()) == 1_100  # nothing dropped
    assert any("nested deeper" in w.message for w in agenda.warnings)
    path = tmp_path / "deep.txt"
    path.write_text(text, encoding="utf-8")
    assert main(["agenda", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["items"]


@given(st.lists(st.sampled_from(["#", "##", "**", "__", "(", ")", "[", "]", "1.", "a)",
                                 "09:30", "-", "•", " " * 200, "\t" * 50, "x", "Page",
                                 "of", "2", "`", "*"]), min_size=1, max_size=60),
       st.integers(1, 40))
@settings(max_examples=80, deadline=None)
def test_property_any_line_of_marks_and_spaces_is_quick(parts, repeat):
    line = "".join(parts) * repeat
    text = "1. Opening\n" + line + "\n" + line + "\n2. Closing\n"
    assert cpu_seconds(text) < 1.0
