"""Parse a generated 20,000-item agenda; the target is 4x the baseline's CPU time.

    .venv/bin/python benchmarks/bench_parse.py [--items 20000] [--runs 7]

The agenda is shaped like the real ones: numbered sections with decimal sub-items
three levels deep, lettered sub-points, bullets, document notes, wrapped titles and
time allocations. The baseline is the cost of only reading the same text: splitting it
into lines and matching one regular expression per line.

Both the wall-clock and the CPU-time medians are printed, with the load average: on a
busy shared machine the wall clock also counts the time other processes had the CPU.
The verdict (and exit status 1 on a miss) is on the CPU-time median, the parser's own
cost; on an idle machine the two agree.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from meeting_tui.core.agenda import Item  # noqa: E402
from meeting_tui.core.parser import parse_agenda  # noqa: E402

TARGET_RATIO = 4.0  # CPU time against the baseline's, measured in the same run

WORDS = (
    "exchange", "of", "views", "on", "the", "implementation", "report", "follow-up", "by",
    "Parties", "to", "recommendations", "consideration", "draft", "opinion", "adoption",
    "election", "Chair", "Bureau", "cooperation", "projects", "protection", "children",
    "monitoring", "round", "chapter", "legal", "frameworks", "investigation", "prosecution",
    "training", "professionals",
)
PLANS = ("[15 min]", "[1h]", "[1h30]", "(20')", "[30 min]")


def title(rng: random.Random, low: int = 3, high: int = 12) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return " ".join(words).capitalize()


def generate(items: int, seed: int = 2020) -> str:
    """An agenda with exactly `items` items (numbered, lettered and bulleted)."""
    rng = random.Random(seed)
    lines = ["Plenary meeting, 21-25 September 2025", "Strasbourg, Agora building", ""]
    count = 0

    def add(line: str) -> None:
        nonlocal count
        count += 1
        lines.append(line)
        if rng.random() < 0.15:
            lines.append(f"T-ES(2025){rng.randint(1, 99)} - {title(rng, 2, 5)}")
        lines.append("")

    section = 0
    while count < items:
        section += 1
        add(f"{section}. {title(rng)}")
        for sub in range(1, rng.randint(6, 16)):
            if count >= items:
                break
            plan = f" {rng.choice(PLANS)}" if rng.random() < 0.3 else ""
            if rng.random() < 0.1:
                # a title wrapped by the word processor, breaking after "of the"
                add(f"{section}.{sub}. {title(rng)} of the\n{title(rng, 2, 4).lower()}{plan}")
            else:
                add(f"{section}.{sub}. {title(rng)}{plan}")
            for subsub in range(1, rng.randint(1, 7)):
                if count >= items:
                    break
                add(f"{section}.{sub}.{subsub}.\u00a0 {title(rng)}")
                if rng.random() < 0.2:
                    for bullet in range(rng.randint(1, 4)):
                        if count >= items:
                            break
                        add(f"  \u2022 Presentation by Ms SPEAKER{bullet}, {title(rng, 2, 6)};")
            if rng.random() < 0.15:
                for letter in "abc"[: rng.randint(1, 3)]:
                    if count >= items:
                        break
                    add(f"{letter}) {title(rng)}")
    lines += ["Dates of the next meetings", "", "  \u2022 7-11 December 2025, Strasbourg",
              "", "List of decisions"]
    return "\n".join(lines) + "\n"


_BASELINE_RE = re.compile(r"^\s*(?:[\u2022\-*]\s+)?(\d+(?:\.\d+)*\.?|[a-z]\))?\s*(.*)$")


def baseline(text: str) -> int:
    """Just reading the lines: split, and one regular expression match per line."""
    matched = 0
    for line in text.splitlines():
        if _BASELINE_RE.match(line):
            matched += 1
    return matched


def floor(text: str) -> list[Item]:
    """The least a parser that makes an ``Item`` of each item can cost: the baseline's
    match on every line, and an ``Item`` (number, title, line) of each numbered or
    bulleted one, nothing else (no tree, keys, plans, notes or continuations). Not a
    target: it says how much of the target's budget is left for the parser's rules."""
    items = []
    match = _BASELINE_RE.match
    for no, line in enumerate(text.splitlines(), 1):
        found = match(line)
        if found is not None and (found.group(1) or line.lstrip()[:1] == "\u2022"):
            items.append(Item(found.group(1), found.group(2), no, None, (), (), str(no)))
    return items


def median_seconds(func: Callable[[], object], runs: int) -> tuple[float, float]:
    """Median wall and CPU time of func(); freeing its result is not part of the time."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = func()
        cpu.append(time.process_time() - start_cpu)
        wall.append(time.perf_counter() - start)
        del result
    return statistics.median(wall), statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    text = generate(args.items)
    agenda = parse_agenda(text)
    parsed = sum(1 for _ in agenda.walk())
    if parsed != args.items:
        print(f"generated {args.items} items but parsed {parsed}", file=sys.stderr)
        return 1

    base_wall, base_cpu = median_seconds(lambda: baseline(text), args.runs)
    parse_wall, parse_cpu = median_seconds(lambda: parse_agenda(text), args.runs)
    floor_wall, floor_cpu = median_seconds(lambda: floor(text), args.runs)
    lines = text.count("\n")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"agenda: {args.items:,} items, {lines:,} lines, {len(text) / 1e6:.1f} MB; "
          f"medians of {args.runs} runs; load average {load} on {os.cpu_count()} CPUs")
    print(f"baseline (split + one regex per line): wall {base_wall:.4f} s   CPU {base_cpu:.4f} s")
    print(f"parse_agenda:                          wall {parse_wall:.4f} s   CPU {parse_cpu:.4f} s")
    print(f"floor (the match, an Item an item):    wall {floor_wall:.4f} s   CPU {floor_cpu:.4f} s")
    print(f"ratio parse / baseline (CPU): {parse_cpu / base_cpu:.1f}x; "
          f"the floor's: {floor_cpu / base_cpu:.1f}x")
    good = parse_cpu <= TARGET_RATIO * base_cpu
    print(f"target <= {TARGET_RATIO:g}x the baseline (CPU time): {'PASS' if good else 'FAIL'}")
    return 0 if good else 1


if __name__ == "__main__":
    raise SystemExit(main())
