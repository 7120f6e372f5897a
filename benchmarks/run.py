"""Every figure of the benchmarks in one command, each against a baseline of the same run.

    .venv/bin/python benchmarks/run.py            # the full run: a few minutes
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions
    .venv/bin/python benchmarks/run.py --only startup,typing --sizes 500

A noisy machine makes absolute times wander, so every speed figure is the median of
several runs and comes with a baseline measured in the same run, in alternation where
it is a process: start-up against a bare Textual app with the same tree (bare_tree_app.py),
keystrokes against a bare TextArea, `n` against moving the cursor of a bare Tree of the
same size, the save against writing the same bytes to disk, the parse against splitting
the text into lines and matching one regular expression per line. The figures:

- start-up: a real process in a pseudo-terminal, timed until the agenda is drawn
  (bench_startup.py), for each bundled agenda and each generated size;
- keystroke: a key typed in the decision editor until the frame showing it is rendered,
  5,000 items, clock running (Textual's headless driver, as bench_typing.py, each
  round in a process of its own, as the app and the save below);
- next item: `n` until the frame showing the new current item, 20,000 items;
- save: a 2,000-item session with 2,000 decisions of 500 characters, saved the way the
  app saves (its UI-thread part timed on its own: typing waits for that part only);
- memory: peak RSS (VmHWM) of the real process in a pseudo-terminal, 20,000 items,
  after taking up items and typing a decision;
- parse: 20,000 items, CPU time (bench_parse.py);
- terminal: the installed app in a pseudo-terminal, the screen read back by a terminal
  emulator, against a bare Textual app the same way: a key in the editor (and the bytes
  it writes), `a`, each dialog and the palette drawn, the palette's list after typing
  (bench_terminal.py);
- floor: `g` with 200 speakers queued on 5,000 items against `down` in the same app, and
  keys typed while a countdown ticks against the same keys without the tick
  (bench_floor.py).

Prints one table and writes it as JSON (benchmarks/results/latest.json); exits 1 if a
target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # imported from elsewhere (the tests): find the siblings
    sys.path.insert(0, str(HERE))

import bench_files  # noqa: E402
import bench_floor  # noqa: E402
import bench_parse  # noqa: E402
import bench_startup  # noqa: E402
import bench_terminal  # noqa: E402
import bench_typing  # noqa: E402
from agenda_gen import make_agenda  # noqa: E402
from bare_tree_app import BareTreeApp  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.widgets import Tree  # noqa: E402

from meeting_tui.core.parser import parse_agenda  # noqa: E402
from meeting_tui.files.opening import open_session  # noqa: E402
from meeting_tui.ui.app import MeetingApp  # noqa: E402

ROOT = HERE.parent
RESULTS = HERE / "results"
SIZE = bench_typing.SIZE
GROUPS = ("startup", "typing", "next", "save", "memory", "parse", "files", "floor",
          "terminal")

# The targets (issue 19): each a ratio to its baseline, measured in the same run, so
# they hold on a slow or busy machine as on a fast one.
STARTUP_RATIO = bench_startup.TARGET_RATIO  # at every size, bundled agendas included
PDF_STARTUP_RATIO = bench_files.STARTUP_RATIO  # the app on a PDF against on its text
KEY_MEDIAN_RATIO = 1.2  # a key in the editor against one in a bare TextArea
KEY_WORST_RATIO = 1.2  # the slowest key of a round, the same
LONG_RATIO = 1.2  # a key in a decision of 10,000 characters against one in an empty one
NEXT_RATIO = 3.0  # `n` at 20,000 items against a bare Tree's cursor move
SAVE_RATIO = 4.0  # a save to disk against writing the same bytes
SAVE_UI_RATIO = 2.0  # the save's part on the UI thread (typing waits for it), the same
MEMORY_RATIO = 1.5  # peak RSS against the bare app with the same tree
PARSE_RATIO = bench_parse.TARGET_RATIO  # against one regular expression per line


def within(ratio: float) -> str:
    return f"<= {ratio:g}x baseline"


@dataclass
class Figure:
    """One line of the table: a median, its baseline, and the verdict."""

    name: str
    unit: str  # "s", "ms" or "MB"
    median: float
    target: str
    passed: bool
    baseline: float | None = None
    baseline_name: str = ""
    runs: list[float] = field(default_factory=list)
    baseline_runs: list[float] = field(default_factory=list)
    notes: str = ""

    @property
    def ratio(self) -> float | None:
        return self.median / self.baseline if self.baseline else None

    def to_json(self) -> dict[str, Any]:
        return {
            "figure": self.name, "unit": self.unit, "median": self.median,
            "baseline": self.baseline, "baseline_name": self.baseline_name,
            "ratio": self.ratio, "target": self.target, "pass": self.passed,
            "runs": self.runs, "baseline_runs": self.baseline_runs, "notes": self.notes,
        }


@dataclass
class Settings:
    """How big and how often: the full run, --quick, or the test's tiny one."""

    runs: int = 5  # start-up and memory processes, typing and `n` rounds, saves
    sizes: tuple[int, ...] = (500, 5000, 20_000)
    bundled: bool = True
    keys: int = 40  # keys typed per typing round
    long_chars: int = 10_000  # the long decision keys are typed at the end of
    presses: int = 15  # `n` per round
    gap: float = 0.05  # seconds between keys, so they span clock ticks and autosaves
    settle: float = 1.5  # seconds the memory run goes on after typing
    timeout: float = 120.0

    @property
    def largest(self) -> int:
        return max(self.sizes)

    def scaled(self, full: int) -> int:
        """A figure's agenda size: the issue's, or less when --sizes asks for less."""
        return min(full, self.largest)


# ------------------------------------------------------------------ helpers
def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def fresh_copy(agenda: Path, work: Path) -> Path:
    """The agenda in a folder of its own, so no session is resumed."""
    folder = Path(tempfile.mkdtemp(dir=work))
    copy = folder / agenda.name
    shutil.copyfile(agenda, copy)
    return copy


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class FrameClock:
    """Times a key from the moment the driver hands it over to the first frame rendered
    in which `done()` holds: the frame turned into the bytes a terminal receives (the
    headless driver only leaves out writing them)."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._original = app._display
        self._done: Callable[[], bool] | None = None
        self._event = asyncio.Event()
        self._at = 0.0
        app._display = self._display  # type: ignore[method-assign]

    def _display(self, screen, renderable) -> None:  # type: ignore[no-untyped-def]
        if renderable is not None and hasattr(renderable, "render_segments"):
            renderable.render_segments(self.app.console)
            if self._done is not None and self._done():
                self._at = time.perf_counter()
                self._done = None
                self._event.set()
        self._original(screen, renderable)

    async def press(self, event: events.Key, done: Callable[[], bool]) -> float:
        """Seconds from sending `event` to the frame that shows `done()`."""
        driver = self.app._driver
        assert driver is not None
        self._event = asyncio.Event()
        self._done = done
        event.set_sender(self.app)
        sent = time.perf_counter()
        driver.send_message(event)
        await asyncio.wait_for(self._event.wait(), timeout=30)
        return self._at - sent

    def close(self) -> None:
        self.app._display = self._original  # type: ignore[method-assign]


def read_peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def drain(master: int, seconds: float) -> None:
    """Read (and drop) what the app draws for a while, so it never blocks on the pty."""
    end = time.perf_counter() + seconds
    while (left := end - time.perf_counter()) > 0:
        ready, _, _ = select.select([master], [], [], left)
        if ready:
            try:
                os.read(master, 1 << 16)
            except OSError:
                return


def in_child(function: str, *args: Any) -> Any:
    """``function(*args)`` of this module, run with asyncio in a new Python process; its
    result (JSON). Each app measured in-process gets a process of its own, as a user's
    app has: the garbage and the heap of earlier runs (and the collections they cause)
    are not its own."""
    code = ("import asyncio, json, sys; sys.path.insert(0, sys.argv[1]); import run; "
            "print('RESULT ' + json.dumps(asyncio.run(getattr(run, sys.argv[2])("
            "*json.loads(sys.argv[3])))))")
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as in bench_startup: installed apps have it
    done = subprocess.run([sys.executable, "-c", code, str(HERE), function, json.dumps(args)],
                          capture_output=True, text=True, env=env, cwd=HERE)
    if done.returncode != 0:
        raise RuntimeError(f"{function} failed:\n{done.stderr[-3000:]}")
    line = next(x for x in reversed(done.stdout.splitlines()) if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


# ------------------------------------------------------------------ start-up
def startup_figures(settings: Settings, work: Path) -> list[Figure]:
    cases = [bench_startup.prepare(f"generated-{n}", make_agenda(n), work)
             for n in settings.sizes]
    if settings.bundled:
        for path in sorted((ROOT / "agendas").glob("*.txt")):
            cases.append(bench_startup.prepare(path.stem, path.read_text(encoding="utf-8"),
                                               work))
    figures = []
    for case in cases:
        say(f"start-up: {case.name}, {case.items} items, {settings.runs} runs of each ...")
        bench_startup.run_case(case, settings.runs, settings.timeout, work)
        app, base = median(case.app), median(case.base)
        figures.append(Figure(
            f"start-up, {case.name} ({case.items:,} items)", "s", app,
            within(STARTUP_RATIO), app <= STARTUP_RATIO * base, base,
            "bare Textual app, same tree", case.app, case.base,
        ))
    return figures


# ------------------------------------------------------------------ keystrokes
def typing_figures(settings: Settings, work: Path) -> list[Figure]:
    items = settings.scaled(5000)
    agenda = work / f"typing-{items}.txt"
    agenda.write_text(make_agenda(items), encoding="utf-8")
    sentence = bench_typing.SENTENCE * (settings.keys // len(bench_typing.SENTENCE) + 1)
    text = sentence[: settings.keys]
    bare: list[float] = []
    app: list[float] = []
    bare_worst: list[float] = []  # the slowest key of each round
    app_worst: list[float] = []
    ticks = 0
    for round_ in range(settings.runs):
        say(f"keystrokes: round {round_ + 1} of {settings.runs}, {len(text)} keys, "
            f"{items} items ...")
        latencies, _ticks = in_child("typing_bare", text, settings.gap)
        bare += latencies
        bare_worst.append(max(latencies))
        latencies, round_ticks = in_child("typing_meeting", str(fresh_copy(agenda, work)),
                                          text, settings.gap)
        app += latencies
        app_worst.append(max(latencies))
        ticks += round_ticks
    to_ms = [x * 1000 for x in app]
    base_ms = [x * 1000 for x in bare]
    worst_ms = [x * 1000 for x in app_worst]
    base_worst_ms = [x * 1000 for x in bare_worst]
    where = f"{items:,} items, clock running"
    notes = (f"{len(app)} keys in {settings.runs} rounds, {ticks} clock ticks while typing; "
             f"slowest key of all: {max(to_ms):.1f} ms (baseline {max(base_ms):.1f} ms)")
    return [
        Figure(f"keystroke to screen, median ({where})", "ms", median(to_ms),
               within(KEY_MEDIAN_RATIO), median(to_ms) <= KEY_MEDIAN_RATIO * median(base_ms),
               median(base_ms), "bare TextArea", to_ms, base_ms, notes),
        Figure(f"keystroke to screen, worst of a round ({where})", "ms", median(worst_ms),
               within(KEY_WORST_RATIO),
               median(worst_ms) <= KEY_WORST_RATIO * median(base_worst_ms),
               median(base_worst_ms), "bare TextArea", worst_ms, base_worst_ms, notes),
        *long_figures(settings, agenda, text, where),
    ]


def long_figures(settings: Settings, agenda: Path, text: str, where: str) -> list[Figure]:
    """A key's cost must not grow with the decision: typed at the end of one of
    ``long_chars`` characters, against the same keys in an empty one, round by round."""
    empty: list[float] = []
    long: list[float] = []
    work = agenda.parent
    for round_ in range(settings.runs):
        say(f"keystrokes in a decision of {settings.long_chars:,} characters: round "
            f"{round_ + 1} of {settings.runs} ...")
        empty += in_child("typing_meeting", str(fresh_copy(agenda, work)), text,
                          settings.gap)[0]
        long += in_child("typing_meeting", str(fresh_copy(agenda, work)), text,
                         settings.gap, settings.long_chars)[0]
    long_ms = [x * 1000 for x in long]
    empty_ms = [x * 1000 for x in empty]
    ratio = median(long_ms) / median(empty_ms)
    return [Figure(
        f"keystroke to screen, decision of {settings.long_chars:,} characters ({where})",
        "ms", median(long_ms), within(LONG_RATIO), ratio <= LONG_RATIO,
        median(empty_ms), "the same keys in an empty decision", long_ms, empty_ms,
        f"paragraphs of some 600 characters; slowest key {max(long_ms):.1f} ms "
        f"(baseline {max(empty_ms):.1f} ms)")]


async def typing_bare(text: str, gap: float) -> tuple[list[float], int]:
    """Keys typed in a bare TextArea (bench_typing.py): their latencies."""
    return (await bench_typing.measure_bare(text, gap)).latencies, 0


async def typing_meeting(agenda: str, text: str, gap: float,
                         prefill: int = 0) -> tuple[list[float], int]:
    """Keys typed in the decision editor (bench_typing.py), at the end of a decision of
    ``prefill`` characters: latencies, clock ticks."""
    result = await bench_typing.measure_meeting(Path(agenda), text, gap,
                                                bench_typing.long_decision(prefill))
    return result.latencies, result.ticks or 0


# ------------------------------------------------------------------ `n`
async def time_next(agenda: str, presses: int, gap: float) -> list[float]:
    """`n` again and again on the meeting screen (clock running), until the frame
    shows the new current item."""
    _agenda, session, session_path, digest = open_session(agenda, None, None)
    app = MeetingApp(session, session_path, agenda, digest, tick=True)
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        clock = FrameClock(app)
        try:
            for _ in range(presses + 1):
                before = session.current
                took = await clock.press(events.Key("n", "n"),
                                         lambda b=before: session.current != b)
                times.append(took)
                await asyncio.sleep(gap)
        finally:
            clock.close()
        app.autosaver.flush(30)
    app.autosaver.close(30)
    return times[1:]  # the first starts the meeting: not a move to the next item


async def time_cursor_down(shape: str, presses: int, gap: float) -> list[float]:
    """The baseline: the cursor of a bare Tree of the same size moved one line down
    (`shape`: the agenda as JSON, as bare_tree_app.py reads it)."""
    app = BareTreeApp(json.loads(Path(shape).read_text(encoding="utf-8")))
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        tree = app.query_one(Tree)
        clock = FrameClock(app)
        try:
            for _ in range(presses):
                before = tree.cursor_line
                took = await clock.press(events.Key("down", None),
                                         lambda b=before: tree.cursor_line != b)
                times.append(took)
                await asyncio.sleep(gap)
        finally:
            clock.close()
    return times


def next_figures(settings: Settings, work: Path) -> list[Figure]:
    items = settings.scaled(20_000)
    text = make_agenda(items)
    agenda = work / f"next-{items}.txt"
    agenda.write_text(text, encoding="utf-8")
    shape = work / f"next-{items}.json"
    shape.write_text(json.dumps(parse_agenda(text).to_json()), encoding="utf-8")
    app: list[float] = []
    bare: list[float] = []
    for round_ in range(settings.runs):
        say(f"next item: round {round_ + 1} of {settings.runs}, {settings.presses} presses, "
            f"{items} items ...")
        bare += in_child("time_cursor_down", str(shape), settings.presses, settings.gap)
        app += in_child("time_next", str(fresh_copy(agenda, work)), settings.presses,
                        settings.gap)
    to_ms = [x * 1000 for x in app]
    base_ms = [x * 1000 for x in bare]
    return [Figure(f"n, take up the next item ({items:,} items)", "ms", median(to_ms),
                   within(NEXT_RATIO), median(to_ms) <= NEXT_RATIO * median(base_ms),
                   median(base_ms),
                   "bare Tree, cursor down", to_ms, base_ms,
                   f"worst {max(to_ms):.1f} ms (baseline {max(base_ms):.1f} ms)")]


# ------------------------------------------------------------------ save
def raw_write(path: Path, data: bytes) -> None:
    """The baseline: what the disk costs for the same bytes (write, fsync, replace)."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def fill_decisions(app: MeetingApp, chars: int, seed: int = 7) -> None:
    """One decision of `chars` characters on every item, as if typed in this meeting."""
    rng = random.Random(seed)
    words = bench_typing.SENTENCE.split()
    session = app.session
    for item in session.order:
        decision = session.add_decision(item.key)
        text = ""
        while len(text) < chars:
            text += rng.choice(words) + ("\n" if rng.random() < 0.03 else " ")
        session.set_text(item.key, decision.id, text[:chars])


@dataclass
class Saves:
    ui: list[float]  # seconds on the UI thread, one per save
    whole: list[float]  # seconds until the file is written
    first: float  # the first save: every item turned into TOML
    size: int  # bytes of the file


async def time_saves(agenda: str, saves: int, chars: int) -> dict[str, Any]:
    """Save as the app does (MeetingApp.save_now, then its writer thread), each after a
    one-character change to a decision, as typing does."""
    _agenda, session, session_path, digest = open_session(agenda, None, None)
    app = MeetingApp(session, session_path, agenda, digest, tick=False)
    ui, whole = [], []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        fill_decisions(app, chars)
        start = time.perf_counter()
        app.save_now()
        assert app.autosaver.flush(60), app.autosaver.last_error
        first = time.perf_counter() - start
        key = session.order[0].key
        for _ in range(saves):
            decision = session.state(key).decisions[0]
            session.set_text(key, decision.id, decision.text[1:] + decision.text[0])
            start = time.perf_counter()
            app.save_now()
            ui.append(time.perf_counter() - start)
            assert app.autosaver.flush(60), app.autosaver.last_error
            whole.append(time.perf_counter() - start)
            await pilot.pause()
    app.autosaver.close(30)
    return vars(Saves(ui, whole, first, session_path.stat().st_size))


def save_figures(settings: Settings, work: Path) -> list[Figure]:
    items = settings.scaled(2000)
    text = make_agenda(items)
    path = work / f"save-{items}.txt"
    path.write_text(text, encoding="utf-8")
    saves = 3 * settings.runs  # each is cheap: more of them, a steadier median
    say(f"save: {saves} saves of {items} items with {items} decisions of 500 characters ...")
    timed = Saves(**in_child("time_saves", str(fresh_copy(path, work)), saves, 500))
    ui, whole, size = timed.ui, timed.whole, timed.size
    data = os.urandom(size)
    target = work / "raw" / "session.toml"
    target.parent.mkdir()
    base = []
    for _ in range(saves):
        start = time.perf_counter()
        raw_write(target, data)
        base.append(time.perf_counter() - start)
    whole_ms = [x * 1000 for x in whole]
    ui_ms = [x * 1000 for x in ui]
    base_ms = [x * 1000 for x in base]
    what = f"{items:,} items, {items:,} decisions of 500 chars, {size / 1e6:.1f} MB"
    return [
        Figure(f"save, to the file on disk ({what})", "ms", median(whole_ms),
               within(SAVE_RATIO), median(whole_ms) <= SAVE_RATIO * median(base_ms),
               median(base_ms),
               "write + fsync of the same bytes", whole_ms, base_ms,
               f"after a change to one decision; the first save after start "
               f"(every item into TOML): {timed.first * 1000:.0f} ms"),
        Figure("save, its part on the UI thread (typing waits for it)", "ms", median(ui_ms),
               within(SAVE_UI_RATIO), median(ui_ms) <= SAVE_UI_RATIO * median(base_ms),
               median(base_ms),
               "write + fsync of the same bytes", ui_ms, base_ms,
               f"worst {max(ui_ms):.1f} ms"),
    ]


# ------------------------------------------------------------------ memory
def memory_figures(settings: Settings, work: Path) -> list[Figure]:
    items = settings.scaled(20_000)
    case = bench_startup.prepare(f"memory-{items}", make_agenda(items), work)
    command = Path(sys.executable).parent / "meeting-tui"
    app_keys = [b"n", b"n", b"n", b"a", *(c.encode() for c in "The Committee adopted"),
                b"\x1b", b"n"]
    base_keys = [b"\x1b[B"] * 4

    def exercise(keys: list[bytes], into: list[float]) -> Callable[[int, int], None]:
        def after(master: int, pid: int) -> None:
            for key in keys:
                os.write(master, key)
                drain(master, settings.gap)
            drain(master, settings.settle)
            into.append(read_peak_rss_mb(pid))
        return after

    app: list[float] = []
    base: list[float] = []
    runs = max(1, settings.runs // 2)  # peak memory hardly varies from run to run
    say(f"memory: {items} items, {runs} runs of each ...")
    for _ in range(runs):
        bench_startup.time_to_screen(
            [sys.executable, str(bench_startup.BARE_APP), str(case.shape)], work,
            case.markers, settings.timeout, after=exercise(base_keys, base))
        copy = fresh_copy(case.agenda, work)
        bench_startup.time_to_screen(
            [str(command), copy.name], copy.parent, case.markers, settings.timeout,
            after=exercise(app_keys, app))
    return [Figure(f"peak RSS ({items:,} items)", "MB", median(app),
                   within(MEMORY_RATIO), median(app) <= MEMORY_RATIO * median(base),
                   median(base),
                   "bare Textual app, same tree", app, base)]


# ------------------------------------------------------------------ parse
def parse_figures(settings: Settings, work: Path) -> list[Figure]:
    items = settings.scaled(20_000)
    text = bench_parse.generate(items)
    runs = max(3, settings.runs + 2)
    say(f"parse: {items} items, {runs} runs ...")
    app, base, least = [], [], []
    for _ in range(runs):  # alternated, each its own median of one: CPU time
        base.append(bench_parse.median_seconds(lambda: bench_parse.baseline(text), 1)[1])
        app.append(bench_parse.median_seconds(lambda: parse_agenda(text), 1)[1])
        least.append(bench_parse.median_seconds(lambda: bench_parse.floor(text), 1)[1])
    return [Figure(f"parse ({items:,} items, CPU time)", "s", median(app),
                   within(PARSE_RATIO), median(app) <= PARSE_RATIO * median(base),
                   median(base),
                   "split + one regex per line", app, base,
                   f"the floor (the same match and an Item an item, nothing else): "
                   f"{median(least) / median(base):.2f}x the baseline")]


def files_figures(settings: Settings, work: Path) -> list[Figure]:
    """Word and PDF agendas read, beside the text of the same agenda; start-up on a PDF."""
    small = settings.largest < 2000  # the tests' tiny run: small files, same code
    paragraphs, pdf_paragraphs = (200, 120) if small else (2000, 1800)
    say(f"files: a Word agenda of {paragraphs} paragraphs, a PDF of LibreOffice's ...")
    figures = [Figure(t.name, "s", t.median, f"< {bench_files.READ_S} s",
                      t.median < bench_files.READ_S, t.baseline, "the same agenda as text",
                      t.runs, t.base)
               for t in bench_files.reading(settings.runs, work, paragraphs, pdf_paragraphs)]
    started = bench_files.startup(settings.runs, work, settings.timeout)
    if started is not None:
        figures.append(Figure(
            started.name, "s", started.median, within(PDF_STARTUP_RATIO),
            started.median <= PDF_STARTUP_RATIO * started.baseline, started.baseline,
            "the app on the same agenda as text", started.runs, started.base))
    return figures


def floor_figures(settings: Settings, work: Path) -> list[Figure]:
    """g with 200 speakers queued, and keys while a countdown ticks (bench_floor.py)."""
    return [Figure(**figure) for figure in bench_floor.figures(
        settings.runs, settings.scaled(5000), 200, settings.presses, settings.keys,
        settings.gap, work)]


def terminal_figures(settings: Settings, work: Path) -> list[Figure]:
    """The installed app in a pseudo-terminal, its screen read back (bench_terminal.py):
    typing, `a`, the dialogs and the palette, at 31, 5,000 and 20,000 items."""
    return [Figure(**figure) for figure in bench_terminal.figures(settings, work)]


MEASURES: dict[str, Callable[[Settings, Path], list[Figure]]] = {
    "startup": startup_figures,
    "typing": typing_figures,
    "next": next_figures,
    "save": save_figures,
    "memory": memory_figures,
    "parse": parse_figures,
    "files": files_figures,
    "floor": floor_figures,
    "terminal": terminal_figures,
}


# ------------------------------------------------------------------ the table
def show(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s" if value >= 0.01 else f"{value * 1000:.2f} ms"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.0f} {unit}"


def table(figures: list[Figure]) -> str:
    rows = [("figure", "median", "baseline", "ratio", "target", "result")]
    for f in figures:
        ratio = "-" if f.ratio is None else f"{f.ratio:.2f}x"
        rows.append((f.name, show(f.median, f.unit), show(f.baseline, f.unit), ratio,
                     f.target, "PASS" if f.passed else "FAIL"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])]
        cells += [cell.rjust(width) for cell, width in zip(row[1:4], widths[1:4], strict=True)]
        cells += [row[4].ljust(widths[4]), row[5]]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def run(groups: Iterable[str], settings: Settings, out: Path | None) -> list[Figure]:
    """Measure the groups, print the table, write the JSON; the figures."""
    figures: list[Figure] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="meeting-tui-bench-") as tmp:
        for group in groups:
            work = Path(tmp) / group
            work.mkdir()
            figures += MEASURES[group](settings, work)
    seconds = time.perf_counter() - started
    load = os.getloadavg()
    print()
    print(table(figures))
    print(f"\n{len(figures)} figures in {seconds:.0f} s; load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} CPUs")
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({
            "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "seconds": seconds,
            "python": sys.version.split()[0], "machine": platform.platform(),
            "cpus": os.cpu_count(), "load_average": load, "settings": vars(settings),
            "figures": [f.to_json() for f in figures],
        }, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written {out}")
    return figures


def parse_args(argv: list[str] | None) -> tuple[list[str], Settings, Path]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions (3 instead of 5) and shorter typing")
    parser.add_argument("--runs", type=int, help="repetitions of each figure")
    parser.add_argument("--sizes", help="generated agenda sizes for start-up, comma "
                        "separated (default 500,5000,20000); the other figures use no "
                        "agenda larger than the largest")
    parser.add_argument("--only", help=f"comma-separated groups of {', '.join(GROUPS)}")
    parser.add_argument("--no-bundled", action="store_true",
                        help="no start-up figure of the bundled agendas")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json",
                        help="where the figures go (default benchmarks/results/latest.json)")
    args = parser.parse_args(argv)
    settings = Settings()
    if args.quick:
        settings.runs, settings.keys, settings.presses, settings.settle = 3, 25, 10, 1.0
    if args.runs is not None:
        if args.runs < 1:
            parser.error("--runs must be at least 1")
        settings.runs = args.runs
    if args.sizes:
        try:
            settings.sizes = tuple(int(n) for n in args.sizes.split(","))
        except ValueError:
            parser.error(f"--sizes: not a list of numbers: {args.sizes!r}")
        if min(settings.sizes) < 1:
            parser.error("--sizes: an agenda has at least one item")
    settings.bundled = not args.no_bundled
    groups = list(GROUPS) if not args.only else args.only.split(",")
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        parser.error(f"--only: unknown {', '.join(unknown)} (known: {', '.join(GROUPS)})")
    return groups, settings, args.json


def main(argv: list[str] | None = None) -> int:
    groups, settings, out = parse_args(argv)
    figures = run(groups, settings, out)
    return 0 if all(f.passed for f in figures) else 1


if __name__ == "__main__":
    raise SystemExit(main())
