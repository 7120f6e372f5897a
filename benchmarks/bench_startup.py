"""Startup: a generated 5,000-item agenda is on screen within 1.2x a bare Textual app.

    .venv/bin/python benchmarks/bench_startup.py [--items 5000] [--runs 7]

Measured as a user meets it: every run is a new process in a pseudo-terminal of
120x40 (TERM=xterm-256color, UTF-8), timed from just before the process is started
until the terminal output shows the agenda: the meeting title and the first item's
number and title, read from the pty with the escape sequences taken out. The process
is then killed.

The app is the installed `meeting-tui AGENDA` (beside this Python), in a fresh folder
each run so no session is resumed. The baseline is bare_tree_app.py: Header, a Tree
with one node per parsed item (same labels, same nesting, all expanded), a TextArea
and a Footer, fed the parsed agenda as JSON. Runs alternate baseline / app after one
unmeasured warm-up of each. The same is done for the bundled agendas (agendas/*.txt).

Prints a table, writes benchmarks/results/startup.json, and exits 1 if the generated
agenda misses the target (app median > 1.2x baseline median).

Children run without PYTHONDONTWRITEBYTECODE, so the warm-up leaves the
bytecode caches an installed app has (pip compiles them when it installs).
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import fcntl
import json
import os
import platform
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from agenda_gen import make_agenda

from meeting_tui.core.agenda import Agenda
from meeting_tui.core.parser import parse_agenda  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
BARE_APP = HERE / "bare_tree_app.py"
TARGET_RATIO = 1.2  # at every size, the bundled agendas included (issue 19)
COLUMNS, LINES = 120, 40
UTF8 = "C.UTF-8"

# Cursor positioning becomes a line break (so words of two rows never join); every
# other escape sequence (colours, modes, OSC titles) is dropped.
_MOVE = re.compile(r"\x1b\[[0-9;]*[Hf]")
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC
    r"|\x1b[PX^_][^\x1b]*\x1b\\"  # DCS, SOS, PM, APC
    r"|\x1b[()*+][0-9A-Za-z]"  # character sets
    r"|\x1b[@-Z\\-_=>78]"  # two-character sequences
)


def screen_text(raw: str) -> str:
    return _ESCAPES.sub("", _MOVE.sub("\n", raw))


@dataclass
class Case:
    name: str
    agenda: Path  # the agenda text file
    shape: Path  # the parsed agenda as JSON, for the baseline
    items: int
    markers: tuple[str, ...]
    app: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)


def markers_for(agenda: Agenda) -> tuple[str, ...]:
    """What proves the agenda is drawn: its title and its first item (number and title)."""
    first = agenda.items[0]
    label = f"{first.number} {first.title}" if first.number else first.title
    # The tree shortens long titles with an ellipsis: the first words are enough.
    words, shown = label.split(), ""
    for word in words:
        if len(shown) + len(word) + 1 > 24 and shown:
            break
        shown = f"{shown} {word}".strip()
    return agenda.title, shown


def time_to_screen(
    argv: list[str],
    cwd: Path,
    markers: tuple[str, ...],
    timeout: float,
    after: Callable[[int, int], object] | None = None,
) -> float:
    """Seconds from starting `argv` in a new pty until every marker has been drawn.

    `after(master_fd, pid)`, if given, runs once the markers are drawn and before the
    process is killed (to type into it, or read its memory)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env.update(TERM="xterm-256color", LANG=UTF8, LC_ALL=UTF8, COLORTERM="truecolor")
    env.pop("TEXTUAL", None)  # no devtools
    # An installed app has its bytecode compiled (pip does it): let the warm-up write it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def controlling_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    raw = ""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
        start_new_session=True, preexec_fn=controlling_terminal,
    )
    os.close(slave)
    try:
        while True:
            left = timeout - (time.perf_counter() - start)
            if left <= 0:
                raise TimeoutError(f"{argv[-1]}: nothing like {markers} within {timeout} s:\n"
                                   f"{screen_text(raw)[-2000:]}")
            ready, _, _ = select.select([master], [], [], min(left, 0.5))
            if not ready:
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the process closed the terminal
                chunk = b""
            if not chunk:
                raise RuntimeError(f"{argv} ended before drawing the agenda:\n"
                                   f"{screen_text(raw)[-2000:]}")
            raw += decoder.decode(chunk)
            text = screen_text(raw)
            if all(marker in text for marker in markers):
                seconds = time.perf_counter() - start
                if after is not None:
                    after(master, proc.pid)
                return seconds
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        os.close(master)


def prepare(name: str, text: str, folder: Path) -> Case:
    agenda = parse_agenda(text, source=f"{name}.txt")
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    shape = folder / f"{name}.json"
    shape.write_text(json.dumps(agenda.to_json(), ensure_ascii=False), encoding="utf-8")
    return Case(name, path, shape, sum(1 for _ in agenda.walk()), markers_for(agenda))


def cases_for(items: int, bundled: bool, work: Path) -> list[Case]:
    """The generated agenda of ``items`` items, then the bundled agendas."""
    cases = [prepare(f"generated-{items}", make_agenda(items), work)]
    if bundled:
        for path in sorted((ROOT / "agendas").glob("*.txt")):
            cases.append(prepare(path.stem, path.read_text(encoding="utf-8"), work))
    return cases


def run_case(case: Case, runs: int, timeout: float, work: Path) -> None:
    command = Path(sys.executable).parent / "meeting-tui"
    base_argv = [sys.executable, str(BARE_APP), str(case.shape)]

    def app_once() -> float:
        folder = Path(tempfile.mkdtemp(dir=work))
        agenda = folder / case.agenda.name
        shutil.copyfile(case.agenda, agenda)
        try:
            return time_to_screen([str(command), agenda.name], folder, case.markers, timeout)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def base_once() -> float:
        return time_to_screen(base_argv, work, case.markers, timeout)

    base_once(), app_once()  # warm-up: file caches, bytecode
    for _ in range(runs):
        case.base.append(base_once())
        case.app.append(app_once())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000, help="generated agenda size")
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each (>= 5)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per run")
    parser.add_argument("--no-bundled", action="store_true", help="only the generated agenda")
    args = parser.parse_args()
    if args.runs < 5:
        parser.error("--runs must be at least 5")

    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        work = Path(tmp)
        cases = cases_for(args.items, not args.no_bundled, work)
        for case in cases:
            print(f"{case.name}: {case.items} items, {args.runs} runs each ...",
                  file=sys.stderr, flush=True)
            run_case(case, args.runs, args.timeout, work)

    rows = []
    print()
    print(f"Startup to first frame showing the agenda ({COLUMNS}x{LINES} pty, "
          f"medians of {args.runs} runs)")
    print(f"{'agenda':<34} {'items':>6} {'bare Tree':>10} {'meeting-tui':>12} {'ratio':>6}"
          f"  {'target':<7}")
    for case in cases:
        base, app = statistics.median(case.base), statistics.median(case.app)
        ratio = app / base
        verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
        print(f"{case.name:<34} {case.items:>6} {base * 1000:>8.0f}ms {app * 1000:>10.0f}ms "
              f"{ratio:>5.2f}x  {verdict} (<= {TARGET_RATIO}x)")
        rows.append({
            "agenda": case.name, "items": case.items, "markers": list(case.markers),
            "baseline_median_s": base, "app_median_s": app, "ratio": ratio,
            "pass": ratio <= TARGET_RATIO, "baseline_runs_s": case.base, "app_runs_s": case.app,
        })
    out = RESULTS / "startup.json"
    out.write_text(json.dumps({
        "benchmark": "startup", "target_ratio": TARGET_RATIO, "terminal": [COLUMNS, LINES],
        "runs": args.runs, "python": sys.version.split()[0], "machine": platform.platform(),
        "cpus": os.cpu_count(), "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "cases": rows,
    }, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten {out.relative_to(ROOT)}")
    return 0 if rows[0]["pass"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
