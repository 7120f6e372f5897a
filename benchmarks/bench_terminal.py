"""Speed as the user feels it: the installed app in a real pseudo-terminal, the screen
read back by a terminal emulator, beside a bare Textual app measured the same way.

    .venv/bin/python benchmarks/bench_terminal.py [--runs 3] [--sizes 5000]
    .venv/bin/python benchmarks/run.py --only terminal     # the same, in the table

Each round starts `meeting-tui AGENDA` (the installed command, in a fresh folder) and
the baseline, bare_terminal_app.py on the same agenda, each in a new pseudo-terminal of
120x40 that answers, as modern terminals do, that it has synchronized output: Textual
then brackets every frame (``ESC[?2026h`` ... ``ESC[?2026l``), so a frame's end is known
to the byte. While the keys are pressed only the bytes are read, each piece stamped with
the time it came (nothing slows the app down); once the process is gone, the output is
played into pyte, a VT100 emulator, frame by frame, and each key is timed from the
moment it was written to the pty to the end of the first frame whose screen shows what
the key does. On each app, in this order:

- ``n`` (the meeting app: the meeting starts, its clock ticks; autosave runs), then
  ``?``, ``ctrl+p``, ``t``, ``x`` and ``r``, each until its dialog is drawn (its title
  is on the screen; the palette: its list too), then escape;
- ``ctrl+p`` and ``Settings`` typed a key every 50 ms: from the last key until the
  palette's list is the one it settles on (compared with the screen a second later);
- ``a`` until the editor is ready (its "Draft decision" title), then, at 5,000 items, a
  sentence typed a key every 50 ms: each key until the editor's line shows it, and the
  bytes the app wrote between one key and the next (median over the keys: a clock tick
  in between is not the key's).

The baseline does the same with Textual's own widgets: a TextArea enabled and focused
for ``a``, ModalScreens of the same content for the dialogs, the built-in palette with
the plain provider of Textual's documentation over the same titles (the best 50 kept,
as the meeting's palette keeps them: without it a bare palette took minutes to list
5,000 titles). The figures go into run.py's table as the group ``terminal``.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import math
import os
import pty
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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyte
from agenda_gen import make_agenda

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.report import build_report, render_text
from meeting_tui.core.session import Session
from meeting_tui.ui.commands import COMMANDS

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BARE_APP = HERE / "bare_terminal_app.py"
BUNDLED = ROOT / "agendas" / "lanzarote-28th-meeting-2020-09.txt"
COLUMNS, LINES = 120, 40
UTF8 = "C.UTF-8"

SYNC_QUERY = b"\x1b[?2026$p"  # Textual asks whether the terminal can hold frames back
SYNC_REPLY = b"\x1b[?2026;2$y"  # "it can" (reset): Textual then brackets every frame
FRAME_END = b"\x1b[?2026l"

ESCAPE = b"\x1b"
DIALOGS = (  # (name, bytes, what shows it is drawn)
    ("? help", b"?", "meeting-tui: keys"),
    ("ctrl+p palette", b"\x10", "Search for commands"),
    ("t plan", b"t", "Planned time for"),
    ("x export", b"x", "Markdown (.md)"),
    ("r time report", b"r", "Time report"),
)
PALETTE_QUERY = "Settings"
ANCHOR = "§"  # typed first in the editor: where its line is on the screen
SENTENCE = "The Committee took note of the report and agreed to "

# The targets of issue 19: ratios to the baseline of the same run.
KEY_RATIO = 1.1  # key to screen in the editor, median and worst of a round
BYTES_RATIO = 1.5  # bytes written per keystroke
DIALOG_RATIO = 1.2  # each dialog, the palette, the editor ready
DIALOG_MS = 100.0  # ... and under this median at 5,000 items
FILTER_MS = 100.0  # the palette's filtered list after a keystroke, at 20,000 items

NOT_DRAWN = math.inf  # a key whose screen never came: it fails its figure
SLOWEST = 20.0  # seconds a dialog or the palette's list is waited for
BLINK = 400  # bytes of a frame that only blinks the cursor, at most


# ------------------------------------------------------------------ the terminal
class Terminal:
    """A process in a new pseudo-terminal; what it writes, stamped with the time each
    piece was read."""

    def __init__(self, argv: list[str], cwd: Path) -> None:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
        env.update(TERM="xterm-256color", LANG=UTF8, LC_ALL=UTF8, COLORTERM="truecolor")
        env.pop("TEXTUAL", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode compiled

        def controlling_terminal() -> None:
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.master = master
        self.chunks: list[tuple[float, bytes]] = []
        self.sent: list[tuple[float, bytes]] = []
        self._tail = b""
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, cwd=cwd,
                                     env=env, start_new_session=True,
                                     preexec_fn=controlling_terminal)
        os.close(slave)

    def _read(self, timeout: float) -> bytes | None:
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return None
        try:
            chunk = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the process closed the terminal
            chunk = b""
        if not chunk:
            raise RuntimeError("the app ended:\n" + self.text()[-2000:])
        at = time.perf_counter()
        self.chunks.append((at, chunk))
        if SYNC_QUERY in self._tail + chunk:
            os.write(self.master, SYNC_REPLY)
        self._tail = chunk[-16:]
        return chunk

    def read_for(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while (left := end - time.perf_counter()) > 0:
            self._read(left)

    def read_until(self, marker: str, since: int, timeout: float) -> bool:
        """Read until ``marker`` was written (as text, after chunk ``since``)."""
        wanted = marker.encode()
        end = time.perf_counter() + timeout
        seen = b""
        for _at, chunk in self.chunks[since:]:
            seen = (seen + chunk)[-4096:]
            if wanted in seen:
                return True
        while (left := end - time.perf_counter()) > 0:
            chunk = self._read(left)
            if chunk is not None:
                seen = (seen + chunk)[-4096:]
                if wanted in seen:
                    return True
        return False

    def settle(self, quiet: float = 0.3, longest: float = 10.0, small: int = 0) -> None:
        """Read until nothing has come for ``quiet`` seconds (nothing but pieces of at
        most ``small`` bytes: a cursor blinking)."""
        end = time.perf_counter() + longest
        calm = time.perf_counter() + quiet
        while (left := end - time.perf_counter()) > 0:
            chunk = self._read(min(calm - time.perf_counter(), left))
            if chunk is None:
                if time.perf_counter() >= calm:
                    return
            elif len(chunk) > small:
                calm = time.perf_counter() + quiet

    def send(self, data: bytes) -> int:
        """Write a key; the number of chunks read before it."""
        self.sent.append((time.perf_counter(), data))
        os.write(self.master, data)
        return len(self.chunks)

    def text(self) -> str:
        return b"".join(c for _t, c in self.chunks).decode("utf-8", "replace")

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        os.close(self.master)


# ------------------------------------------------------------------ the screen
Screen = list[str]  # the rows, as pyte displays them
Check = Callable[[Screen, tuple[int, int]], bool]  # (rows, cursor x, y)


class Replay:
    """The output played into pyte frame by frame, in time order; ``until`` finds the
    first frame, from a moment on, whose screen passes a check."""

    def __init__(self, chunks: list[tuple[float, bytes]]) -> None:
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)
        self.frames = iter(self._frames(chunks))
        self.at = -math.inf  # the time of the frame shown
        self.rows: Screen = self.screen.display
        self._coming = next(self.frames, None)  # the next frame, not played yet

    @staticmethod
    def _frames(chunks: list[tuple[float, bytes]]) -> Iterator[tuple[float, bytes]]:
        pending = b""
        for at, chunk in chunks:
            pending += chunk
            while (end := pending.find(FRAME_END)) >= 0:
                cut = end + len(FRAME_END)
                yield at, pending[:cut]
                pending = pending[cut:]
        if pending:
            yield chunks[-1][0], pending

    def _next(self) -> bool:
        frame, self._coming = self._coming, next(self.frames, None)
        if frame is None:
            return False
        self.at, data = frame
        self.stream.feed(data)
        self.rows = self.screen.display
        return True

    def cursor(self) -> tuple[int, int]:
        return self.screen.cursor.x, self.screen.cursor.y

    def until(self, start: float, check: Check, before: float = math.inf) -> float:
        """Seconds from ``start`` to the end of the first frame after it that passes,
        among those that came before ``before`` (the next key, mostly)."""
        while self.at < start:
            if self._coming is None or self._coming[0] >= before or not self._next():
                return NOT_DRAWN
        while not check(self.rows, self.cursor()):
            if self._coming is None or self._coming[0] >= before or not self._next():
                return NOT_DRAWN
        return self.at - start

    def skip_to(self, moment: float) -> None:
        """Play every frame that came before ``moment`` (and none after)."""
        while self._coming is not None and self._coming[0] < moment:
            self._next()


def showing(text: str) -> Check:
    return lambda rows, _cursor: any(text in row for row in rows)


def palette_list(rows: Screen) -> list[str]:
    """The rows of the palette's list: below its input, above its bottom edge."""
    start = next((n for n, row in enumerate(rows) if "🔎" in row), None)
    if start is None:
        return []
    listed = []
    for row in rows[start + 1:]:
        if row.strip().startswith("▁▁▁"):
            break
        listed.append(row.rstrip())
    return listed


def palette_drawn(rows: Screen, _cursor: tuple[int, int]) -> bool:
    return any("Search for commands" in row for row in rows) and any(
        row.strip() for row in palette_list(rows))


# ------------------------------------------------------------------ one app's round
@dataclass
class Round:
    """What one process's keys took (seconds) and wrote (bytes)."""

    dialogs: dict[str, list[float]] = field(default_factory=dict)
    editor: float = NOT_DRAWN
    palette_filter: float = NOT_DRAWN
    keys: list[float] = field(default_factory=list)
    key_bytes: list[int] = field(default_factory=list)


def play(argv: list[str], cwd: Path, ready: str, *, meeting: bool, keys: str, gap: float,
         opens: int, timeout: float) -> Round:
    """Start ``argv``, press the keys of a round, and time them from its output. After
    each escape the round waits for the main screen (its footer) to be drawn again: a
    slow dialog must not push its lag onto the next key."""
    back = "Take up" if meeting else "Export"  # in the footer of each
    term = Terminal(argv, cwd)
    marks: list[tuple[str, float, Check]] = []  # (what, when sent, what shows it done)
    typed: list[float] = []
    palette_last = palette_closed = 0.0
    try:
        if not term.read_until(ready, 0, timeout):
            raise TimeoutError(f"{argv}: {ready!r} not drawn within {timeout} s:\n"
                               + term.text()[-2000:])
        term.settle(0.3)
        if meeting:
            term.send(b"n")  # the meeting starts: its clock ticks, autosave runs
            term.settle(0.3)
        for _ in range(opens):
            for name, key, marker in DIALOGS:
                since = term.send(key)
                at = term.sent[-1][0]
                marks.append((name, at, palette_drawn if key == b"\x10" else showing(marker)))
                term.read_until(marker, since, SLOWEST)
                term.settle(0.3, SLOWEST)
                term.read_until(back, term.send(ESCAPE), SLOWEST)
                term.settle(0.4, SLOWEST)
        since = term.send(b"\x10")
        term.read_until("Search for commands", since, SLOWEST)
        term.settle(0.3, SLOWEST)
        for char in PALETTE_QUERY:
            term.send(char.encode())
            term.read_for(gap)
        palette_last = term.sent[-1][0]
        term.settle(1.5, SLOWEST, small=BLINK)  # a search holding the app up writes nothing
        since = term.send(ESCAPE)
        palette_closed = term.sent[-1][0]
        term.read_until(back, since, SLOWEST)
        term.settle(0.4, SLOWEST)
        since = term.send(b"a")
        editor_at = term.sent[-1][0]
        term.read_until("Draft decision", since, SLOWEST)
        term.settle(0.3, SLOWEST)
        if keys:
            since = term.send(ANCHOR.encode())
            anchor_at = term.sent[-1][0]
            term.read_until(ANCHOR, since, SLOWEST)
            term.settle(0.3, SLOWEST)
            for char in keys:
                term.send(char.encode())
                typed.append(term.sent[-1][0])
                term.read_for(gap)
            term.settle(0.3, SLOWEST)
    finally:
        term.close()
    return measure(term, marks, (palette_last, palette_closed), editor_at,
                   anchor_at if keys else None, typed, keys, gap)


def measure(term: Terminal, marks: list[tuple[str, float, Check]],
            palette: tuple[float, float], editor_at: float, anchor_at: float | None,
            typed: list[float], keys: str, gap: float) -> Round:
    """The round's figures, from its output played into the emulator."""
    result = Round()
    replay = Replay(term.chunks)

    def next_key(at: float) -> float:
        return min((t for t, _key in term.sent if t > at), default=math.inf)

    for name, at, check in marks:
        result.dialogs.setdefault(name, []).append(replay.until(at, check, next_key(at)))
    # The palette's list after the last key: the one it settles on.
    palette_last, palette_closed = palette
    settled = Replay(term.chunks)
    settled.skip_to(palette_closed)
    final = palette_list(settled.rows)
    result.palette_filter = replay.until(
        palette_last, lambda rows, _c: bool(final) and palette_list(rows) == final
        and any(PALETTE_QUERY in row for row in rows[:8]), palette_closed)
    result.editor = replay.until(editor_at, showing("Draft decision"), next_key(editor_at))
    if anchor_at is None:
        return result
    ends = [*typed[1:], typed[-1] + gap]
    for start, end in zip(typed, ends, strict=True):
        result.key_bytes.append(sum(len(c) for t, c in term.chunks if start <= t < end))
    # The anchor's frame: the cursor is just after it, on the editor's line.
    found = replay.until(anchor_at, lambda rows, c: ANCHOR in rows[c[1]][:c[0] + 1])
    x, y = replay.cursor()
    column = replay.rows[y].rfind(ANCHOR, 0, x + 1)
    if found == NOT_DRAWN or column < 0:
        result.keys = [NOT_DRAWN] * len(typed)
        return result
    for n, at in enumerate(typed):
        shown = ANCHOR + keys[: n + 1]
        result.keys.append(replay.until(
            at, lambda rows, _c, s=shown: rows[y][column:column + len(s)] == s))
    return result


# ------------------------------------------------------------------ the cases
@dataclass
class Case:
    name: str
    items: int
    agenda: Path
    bare_json: Path
    ready: str  # drawn when the app has started: the agenda's title


def prepare(name: str, text: str, work: Path) -> Case:
    agenda = parse_agenda(text, source=f"{name}.txt")
    path = work / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    session = Session(agenda)
    width = max(60, min(120, COLUMNS) - 6)  # as the app's time report
    data = {
        "agenda": agenda.to_json(),
        "help": [[c.display, c.help] for c in COMMANDS],
        "report": render_text(build_report(session), width=width),
    }
    bare = work / f"{name}.bare.json"
    bare.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    title = agenda.title
    return Case(name, sum(1 for _ in agenda.walk()), path, bare, title[:40])


def cases(sizes: list[int], bundled: bool, work: Path) -> list[Case]:
    found = []
    if bundled:
        found.append(prepare(BUNDLED.stem, BUNDLED.read_text(encoding="utf-8"), work))
    for n in sizes:
        found.append(prepare(f"generated-{n}", make_agenda(n), work))
    return found


@dataclass
class Runs:
    """Every round of one case, the app's and the baseline's."""

    case: Case
    typing: bool
    app: list[Round] = field(default_factory=list)
    bare: list[Round] = field(default_factory=list)


def run_case(case: Case, runs: int, keys: str, gap: float, opens: int, timeout: float,
             work: Path) -> Runs:
    command = Path(sys.executable).parent / "meeting-tui"
    found = Runs(case, bool(keys))
    for round_ in range(runs):
        print(f"terminal: {case.name} ({case.items:,} items), round {round_ + 1} of {runs} "
              "...", file=sys.stderr, flush=True)
        found.bare.append(play([sys.executable, str(BARE_APP), str(case.bare_json)], work,
                               case.ready, meeting=False, keys=keys, gap=gap, opens=opens,
                               timeout=timeout))
        folder = Path(tempfile.mkdtemp(dir=work))
        copy = folder / case.agenda.name
        shutil.copyfile(case.agenda, copy)
        try:
            found.app.append(play([str(command), copy.name], folder, case.ready, meeting=True,
                                  keys=keys, gap=gap, opens=opens, timeout=timeout))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return found


# ------------------------------------------------------------------ the figures
def median(values: list[float]) -> float:
    return statistics.median(values) if values else NOT_DRAWN


def figure(name: str, unit: str, app: list[float], base: list[float], target: str,
           passed: Callable[[float, float], bool], notes: str = "") -> dict[str, Any]:
    """A line of run.py's table (its Figure's fields)."""
    mine, theirs = median(app), median(base)
    return {"name": name, "unit": unit, "median": mine, "baseline": theirs,
            "target": target, "passed": passed(mine, theirs), "runs": app,
            "baseline_runs": base, "baseline_name": "bare Textual app, same way",
            "notes": notes}


def ms(values: list[float]) -> list[float]:
    return [v * 1000 for v in values]


def figures_of(found: Runs, strict_items: int, filter_items: int) -> list[dict[str, Any]]:
    case = found.case
    size = f"{case.items:,} items"
    absolute = case.items >= strict_items  # the "under 100 ms at 5,000 items"

    def dialog_target(limit: float, strict: bool) -> tuple[str, Callable[[float, float], bool]]:
        if strict:
            return (f"<= {DIALOG_RATIO}x, < {limit:.0f} ms",
                    lambda m, b: m <= DIALOG_RATIO * b and m < limit)
        return f"<= {DIALOG_RATIO}x", lambda m, b: m <= DIALOG_RATIO * b

    out = []
    target, passed = dialog_target(DIALOG_MS, absolute)
    for name, _key, _marker in DIALOGS:
        app = ms([t for r in found.app for t in r.dialogs[name]])
        base = ms([t for r in found.bare for t in r.dialogs[name]])
        out.append(figure(f"terminal: {name} drawn ({size})", "ms", app, base, target, passed,
                          f"worst {max(app):.0f} ms (baseline {max(base):.0f} ms)"))
    app = ms([r.editor for r in found.app])
    base = ms([r.editor for r in found.bare])
    out.append(figure(f"terminal: a, the editor ready ({size})", "ms", app, base, target,
                      passed))
    target, passed = dialog_target(FILTER_MS, case.items >= filter_items)
    app = ms([r.palette_filter for r in found.app])
    base = ms([r.palette_filter for r in found.bare])
    out.append(figure(f"terminal: palette, {PALETTE_QUERY} typed to its list ({size})", "ms",
                      app, base, target, passed, "from the last key"))
    if not found.typing:
        return out
    app_keys = [k for r in found.app for k in r.keys]
    base_keys = [k for r in found.bare for k in r.keys]
    out.append(figure(f"terminal: key to screen in the editor, median ({size})", "ms",
                      ms(app_keys), ms(base_keys), f"<= {KEY_RATIO}x",
                      lambda m, b: m <= KEY_RATIO * b,
                      f"{len(app_keys)} keys; slowest {max(app_keys) * 1000:.0f} ms "
                      f"(baseline {max(base_keys) * 1000:.0f} ms)"))
    app_worst = ms([max(r.keys) for r in found.app])
    base_worst = ms([max(r.keys) for r in found.bare])
    out.append(figure(f"terminal: key to screen in the editor, worst of a round ({size})",
                      "ms", app_worst, base_worst, f"<= {KEY_RATIO}x",
                      lambda m, b: m <= KEY_RATIO * b))
    app_bytes = [float(b) for r in found.app for b in r.key_bytes]
    base_bytes = [float(b) for r in found.bare for b in r.key_bytes]
    out.append(figure(f"terminal: bytes written per keystroke ({size})", "B", app_bytes,
                      base_bytes, f"<= {BYTES_RATIO}x", lambda m, b: m <= BYTES_RATIO * b,
                      f"mean {statistics.mean(app_bytes):.0f} B "
                      f"(baseline {statistics.mean(base_bytes):.0f} B), clock ticks included"))
    return out


def figures(settings: Any, work: Path) -> list[dict[str, Any]]:
    """run.py's group: ``settings`` as run.py's Settings (runs, sizes, bundled, keys,
    gap, timeout); the figures as dicts of its Figure's fields."""
    largest = max(settings.sizes)
    sizes = sorted({min(5000, largest), min(20_000, largest)})
    typing_size = min(5000, largest)
    sentence = (SENTENCE * (settings.keys // len(SENTENCE) + 1))[: settings.keys]
    out: list[dict[str, Any]] = []
    for case in cases(sizes, settings.bundled, work):
        keys = sentence if case.name == f"generated-{typing_size}" else ""
        found = run_case(case, settings.runs, keys, settings.gap, 1, settings.timeout, work)
        out += figures_of(found, strict_items=min(5000, largest),
                          filter_items=min(20_000, largest))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="rounds of each app")
    parser.add_argument("--sizes", default="5000,20000",
                        help="generated agenda sizes (default 5000,20000)")
    parser.add_argument("--no-bundled", action="store_true",
                        help="leave out the bundled 31-item agenda")
    parser.add_argument("--keys", type=int, default=40, help="keys typed in the editor")
    parser.add_argument("--dialogs", default="",
                        help="open only these dialogs, by key, e.g. 'ctrl+p' or '?,r' "
                             "(default: all; the palette's typing is always measured)")
    args = parser.parse_args()
    if args.dialogs:
        global DIALOGS
        wanted = {key.strip() for key in args.dialogs.split(",")}
        DIALOGS = tuple(d for d in DIALOGS if d[0].split()[0] in wanted)
    settings = argparse.Namespace(runs=args.runs, bundled=not args.no_bundled, keys=args.keys,
                                  gap=0.05, timeout=120.0,
                                  sizes=tuple(int(n) for n in args.sizes.split(",")))
    with tempfile.TemporaryDirectory(prefix="bench-terminal-") as tmp:
        found = figures(settings, Path(tmp))
    for f in found:
        ratio = f["median"] / f["baseline"] if f["baseline"] else math.nan
        print(f"{f['name']:<70} {f['median']:>9.1f} {f['baseline']:>9.1f} {ratio:>6.2f}x  "
              f"{'PASS' if f['passed'] else 'FAIL'} ({f['target']})")
    load = os.getloadavg()
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
    return 0 if all(f["passed"] for f in found) else 1


if __name__ == "__main__":
    raise SystemExit(main())
