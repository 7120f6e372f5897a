"""A roll file (``meeting-tui AGENDA --roll FILE``): one participant a line, read
before the app starts, so a bad file is one line naming the file and the line, exit 2.

The line's shape is ``core.roll.parse_roll_line``'s: "Name", "Name; non-voting",
"Name; observer", "Name | delegation"; blank lines and "# comments" are passed over.
"""

from __future__ import annotations

from pathlib import Path

from ..core.errors import InputError, read_problem
from ..core.roll import Participant, RollLineError, parse_roll
from .agenda_file import decode

MAX_BYTES = 1 << 20  # a roll of 10,000 names is some 300 KB


def read_roll_file(path: str | Path) -> list[Participant]:
    p = Path(path)
    if p.is_dir():
        raise InputError(p, "is a directory, not a roll file")
    try:
        with p.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise read_problem(p, exc, "file") from None
    if len(data) > MAX_BYTES:
        raise InputError(p, "too large for a roll (over 1 MB): one name a line")
    try:
        text = decode(data, p)
    except InputError as error:  # its words are an agenda's
        problem = error.problem.replace("a text agenda", "a roll (one name a line)")
        raise InputError(p, problem) from None
    try:
        roll = parse_roll(text)
    except RollLineError as error:
        raise InputError(p, error.problem, error.line) from None
    if not roll:
        raise InputError(p, "no names in it (one name a line)")
    return roll
