"""Start-up in CPU instructions: the app and the bare app to their first frame.

    .venv/bin/python benchmarks/bench_instructions.py [--items 500] [--no-bundled]
                                                      [--stage imports|opened|frame]

The wall-clock start-up (bench_startup.py, run.py's `startup`) moves with the load of
a shared machine by more than a change does; instructions do not. Each app runs under
valgrind's callgrind (`apt install valgrind`) in a pseudo-terminal of 120x40 and exits
right after writing its first frame (its writer thread emptied), so the count is
everything from the process's start to the first frame, threads included. The app is
`meeting_tui.cli.main` on the agenda, in a fresh folder; the baseline is
bare_tree_app.py on the same items, as for bench_startup.py. `--stage imports` stops
the app when its modules are imported and its arguments read, `opened` when the
meeting is opened (agenda parsed, lock taken, session loaded), to see where the
instructions go. PYTHONHASHSEED=0 and bytecode compiled beforehand (an unmeasured run)
keep the count within some ±10 million from run to run.

The target is the start-up's: at most 1.2x the baseline. Exits 1 if one is missed, 2
if valgrind is missing. Slow: some 30 s an app.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
from pathlib import Path

from bench_startup import BARE_APP, TARGET_RATIO, Case, cases_for, screen_text

# Run inside the measured process: the app (or the bare app) exits after its first
# frame, or at an earlier stage of the meeting app's start-up.
CHILD = """
import os, sys, runpy
import textual.app as ta

def leave():
    sys.stdout.flush()
    os._exit(0)

display = ta.App._display
def first_frame(self, screen, renderable):
    display(self, screen, renderable)
    writer = getattr(self._driver, "_writer_thread", None)
    if writer is not None:
        writer.stop()  # the frame written to the terminal, not only queued
    leave()
ta.App._display = first_frame

stage, target, *args = sys.argv[1:]
if target.endswith(".py"):
    sys.argv = [target, *args]
    runpy.run_path(target, run_name="__main__")
else:
    from meeting_tui.cli import main
    import meeting_tui.ui.launch as launch
    make_app = launch.make_app
    def staged(parsed):
        if stage == "imports":
            leave()
        app = make_app(parsed)
        if stage == "opened":
            leave()
        return app
    launch.make_app = staged
    sys.exit(main(args))
"""


def instructions(argv: list[str], cwd: Path) -> tuple[int, str]:
    """Instructions of ``argv`` under callgrind, and the text it drew."""
    out = cwd / "callgrind.out"
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TEXTUAL")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed app has its bytecode
    env.update(PYTHONHASHSEED="0", TERM="xterm-256color", LANG="C.UTF-8",
               LC_ALL="C.UTF-8", COLORTERM="truecolor")
    proc = subprocess.Popen(
        ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv],
        stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env,
        start_new_session=True)
    os.close(slave)
    drawn = b""
    while True:
        ready, _, _ = select.select([master], [], [], 1.0)
        if ready:
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # EIO: the process closed the terminal
                chunk = b""
            if not chunk:
                break
            drawn += chunk
        elif proc.poll() is not None:
            break
    proc.wait()
    os.close(master)
    total = 0
    for line in out.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("summary:"):
            total = int(line.split()[1])
    return total, screen_text(drawn.decode("utf-8", "replace"))


def measure(case: Case, stage: str, work: Path) -> tuple[int, int]:
    child = work / "child.py"
    child.write_text(CHILD, encoding="utf-8")
    counts = []
    for argv in (
        [sys.executable, str(child), "frame", str(BARE_APP), str(case.shape)],
        [sys.executable, str(child), stage, "app", case.agenda.name],
    ):
        folder = Path(tempfile.mkdtemp(dir=work))
        shutil.copyfile(case.agenda, folder / case.agenda.name)
        instructions(argv, folder)  # unmeasured: bytecode compiled, files cached
        shutil.rmtree(folder)
        folder = Path(tempfile.mkdtemp(dir=work))
        shutil.copyfile(case.agenda, folder / case.agenda.name)
        total, text = instructions(argv, folder)
        shown = all(marker in text for marker in case.markers)
        if not shown and (stage == "frame" or argv[3] == str(BARE_APP)):
            raise SystemExit(f"{case.name}: {argv[3]} did not draw {case.markers}")
        counts.append(total)
    return counts[0], counts[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=500, help="generated agenda size")
    parser.add_argument("--no-bundled", action="store_true",
                        help="only the generated agenda")
    parser.add_argument("--stage", choices=("imports", "opened", "frame"), default="frame",
                        help="where the app stops (default: its first frame)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("bench_instructions: needs valgrind (apt install valgrind)", file=sys.stderr)
        return 2
    missed = False
    with tempfile.TemporaryDirectory(prefix="bench-instructions-") as tmp:
        work = Path(tmp)
        cases = cases_for(args.items, not args.no_bundled, work)
        print(f"{'agenda':<34} {'items':>6} {'bare app':>12} {'meeting-tui':>12} {'ratio':>6}"
              f"  (millions of instructions to the {args.stage})")
        for case in cases:
            base, app = measure(case, args.stage, work)
            ratio = app / base
            verdict = ""
            if args.stage == "frame":
                verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
                missed |= ratio > TARGET_RATIO
            print(f"{case.name:<34} {case.items:>6} {base / 1e6:>11.0f}M {app / 1e6:>11.0f}M "
                  f"{ratio:>5.2f}x  {verdict}", flush=True)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
