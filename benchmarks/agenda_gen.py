"""Big agendas for benchmarks and tests, shaped like the real ones.

    from agenda_gen import make_agenda          # scripts in benchmarks/
    from benchmarks.agenda_gen import make_agenda  # from the repository root

    text = make_agenda(5000)   # exactly 5,000 items once parsed

    .venv/bin/python benchmarks/agenda_gen.py 5000 -o big.txt   # write one
    .venv/bin/python benchmarks/agenda_gen.py 5000 --check      # parse it and compare

The text is what a committee secretariat writes: a header (the meeting title, then the
place), numbered sections with decimal sub-items up to three levels deep ("4.", "4.2.",
"4.2.3."), bullets under some of the deepest items, a time allocation such as "[20 min]"
or "[1h30]" on many items, document references as notes, and a few titles wrapped
over two lines. Blank lines separate the items, as in the bundled agendas. The same
`n_items` and `seed` always give the same text. Only the standard library is used,
so anything can import it.
"""

from __future__ import annotations

import argparse
import random
import sys

TITLE = "Standing Committee plenary meeting, 21-25 September 2025"
PLACE = "Strasbourg, Agora building, room G03"
FIRST_ITEM_TITLE = "Opening of the meeting and adoption of the agenda"

_SUBJECTS = (
    "the implementation report", "the draft opinion", "the monitoring round",
    "the recommendations of the special report", "the cooperation projects",
    "the annual work programme", "the budget proposal", "the rules of procedure",
    "the questionnaire", "the replies of Parties", "the capacity-building activities",
    "the thematic report", "the steering committee", "the working group",
)
_ACTIONS = (
    "Exchange of views on", "Consideration of", "Adoption of", "Follow-up to",
    "Presentation of", "Up-date on", "First reading of", "Second reading of",
    "Discussion of", "Approval of", "Report on", "Election concerning",
)
_QUALIFIERS = (
    "", "", "", " by the Secretariat", " submitted by Parties",
    " and way ahead", " in the light of the comments received",
    " prepared by the rapporteurs", " for the period 2025-2027",
    " taking stock of additional information submitted",
)
_PEOPLE = (
    "Ms DUPONT, Head of Unit", "Mr SCHMIDT, Rapporteur", "Ms ROSSI, judge",
    "Mr NOWAK, Ministry of Justice", "Ms GARCÍA LÓPEZ, Vice-Chair",
    "Mr O'NEILL, expert", "Ms ANDERSSON, Secretariat",
)
_PLANS = ("[10 min]", "[15 min]", "[20 min]", "[30 min]", "[45 min]", "[1h]", "[1h30]")


def _title(rng: random.Random) -> str:
    return f"{rng.choice(_ACTIONS)} {rng.choice(_SUBJECTS)}{rng.choice(_QUALIFIERS)}"


def _plan(rng: random.Random, chance: float) -> str:
    return f" {rng.choice(_PLANS)}" if rng.random() < chance else ""


def make_agenda(n_items: int, seed: int = 2025, title: str = TITLE) -> str:
    """Agenda text with exactly ``n_items`` items (numbered and bulleted) once parsed."""
    if n_items < 1:
        raise ValueError("an agenda needs at least one item")
    rng = random.Random(seed)
    lines = [title, PLACE, "", ""]
    count = 0

    def room() -> bool:
        return count < n_items

    def item(line: str, note: bool = True) -> None:
        nonlocal count
        count += 1
        lines.append(line)
        if note and rng.random() < 0.1:
            lines.append(f"Document T-SC(2025){rng.randint(1, 99):02d}")
        lines.append("")

    section = 0
    while room():
        section += 1
        if section == 1:
            item(f"1. {FIRST_ITEM_TITLE}{_plan(rng, 1.0)}", note=False)
            continue
        if section > 999:
            raise ValueError(f"{n_items} items do not fit in 999 sections")
        item(f"{section}. {_title(rng)}{_plan(rng, 0.5)}")
        for sub in range(1, rng.randint(2, 9)):
            if not room():
                break
            number = f"{section}.{sub}."
            if rng.random() < 0.08:
                # Wrapped by the word processor after "of the"; the plan ends the item.
                item(f"{number} {rng.choice(_ACTIONS)} the report of the\n"
                     f"working group on {rng.choice(_SUBJECTS)[4:]}{_plan(rng, 0.5)}")
            else:
                item(f"{number} {_title(rng)}{_plan(rng, 0.3)}")
            for subsub in range(1, rng.randint(1, 6)):
                if not room():
                    break
                item(f"{section}.{sub}.{subsub}. {_title(rng)}{_plan(rng, 0.15)}")
                if rng.random() < 0.25:
                    lines.pop()  # bullets follow their item without a blank line
                    for _ in range(rng.randint(1, 4)):
                        if not room():
                            break
                        count += 1
                        lines.append(f"  \u2022 Presentation by {rng.choice(_PEOPLE)}, "
                                     f"of {rng.choice(_SUBJECTS)};")
                    lines.append("")
    lines += ["Dates of the next meetings", "", "  \u2022 7-11 December 2025, Strasbourg", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a generated agenda.")
    parser.add_argument("items", type=int, help="number of agenda items")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--check", action="store_true",
                        help="parse it with meeting_tui and check the item count")
    args = parser.parse_args(argv)
    text = make_agenda(args.items, args.seed)
    if args.check:
        from meeting_tui.core.parser import parse_agenda

        agenda = parse_agenda(text)
        parsed = sum(1 for _ in agenda.walk())
        depth = max(_depth(item) for item in agenda.items)
        print(f"{parsed} items parsed (asked {args.items}), depth {depth}, "
              f"{len(agenda.warnings)} warnings, title {agenda.title!r}", file=sys.stderr)
        if parsed != args.items or agenda.warnings or agenda.title != TITLE:
            return 1
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    elif not args.check:
        sys.stdout.write(text)
    return 0


def _depth(item) -> int:  # type: ignore[no-untyped-def]
    return 1 + max((_depth(child) for child in item.children), default=0)


if __name__ == "__main__":
    raise SystemExit(main())
