"""Reading agendas as files arrive: a Word agenda of 2,000 paragraphs and a PDF of
40 pages, each beside the plain-text parse of the same agenda; and the app's start-up
on a 2-page PDF beside its start-up on the same agenda as text.

    .venv/bin/python benchmarks/bench_files.py [--runs 5]

The Word file has real list numbering (three levels); the PDFs are LibreOffice's
"Save as PDF" of such Word files (skipped, with a message, without LibreOffice).
Reading times are medians of in-process runs, alternated with the baseline.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for extra in (ROOT, ROOT / "tests", HERE):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

import bench_startup  # noqa: E402
from helpers.word import DECIMAL, P, to_pdf, write_docx  # noqa: E402

from meeting_tui.files.agenda_file import load_agenda, read_agenda_text  # noqa: E402

READ_S = 1.0  # reading a long Word or PDF agenda, end to end
STARTUP_RATIO = 1.3  # the app on a PDF agenda against the app on its text
WORDS = ("report", "of", "the", "working", "group", "on", "budget", "draft", "opinion",
         "adoption", "election", "cooperation", "monitoring", "follow-up", "review")


@dataclass
class Timing:
    name: str
    runs: list[float] = field(default_factory=list)
    base: list[float] = field(default_factory=list)
    notes: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def baseline(self) -> float:
        return statistics.median(self.base)


def word_agenda(path: Path, paragraphs: int) -> Path:
    """A numbered agenda: sections of sub-items of points, Word list levels 0-2."""
    body = [P("Plenary of the regional council"), P("Session of 14 March 2027")]
    n = 0
    while len(body) < paragraphs:
        n += 1
        level = 0 if n % 9 == 1 else 1 if n % 3 else 2
        words = " ".join(WORDS[(n * k) % len(WORDS)] for k in range(1, 6 + n % 5))
        body.append(P(words.capitalize(), num=1, level=level))
    return write_docx(path, body, lists=[DECIMAL])


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def as_text(path: Path) -> Path:
    """The same agenda as a text file: what the reader made of it."""
    text_path = path.with_name(path.name + ".txt")
    text_path.write_text(read_agenda_text(path), encoding="utf-8")
    return text_path


def alternate(timing: Timing, runs: int, app: Callable[[], object],
              base: Callable[[], object]) -> Timing:
    app(), base()  # warm-up: imports, caches
    for _ in range(runs):
        start = time.perf_counter()
        base()
        timing.base.append(time.perf_counter() - start)
        start = time.perf_counter()
        app()
        timing.runs.append(time.perf_counter() - start)
    return timing


def reading(runs: int, work: Path, paragraphs: int = 2000,
            pdf_paragraphs: int = 1800) -> list[Timing]:
    docx = word_agenda(work / "council.docx", paragraphs)
    text = as_text(docx)
    timings = [alternate(Timing(f"read a Word agenda ({paragraphs:,} paragraphs)"), runs,
                         lambda: load_agenda(docx), lambda: load_agenda(text))]
    long_docx = word_agenda(work / "long.docx", pdf_paragraphs)
    pdf = to_pdf(long_docx)
    if pdf is None:
        print("LibreOffice is not installed: no PDF figures", file=sys.stderr)
        return timings
    pdf_text = as_text(pdf)
    timings.append(alternate(Timing(f"read a PDF agenda ({pages(pdf)} pages)"), runs,
                             lambda: load_agenda(pdf), lambda: load_agenda(pdf_text)))
    return timings


def startup(runs: int, work: Path, timeout: float = 120.0) -> Timing | None:
    """The app on a 2-page PDF against the app on the same agenda as text."""
    docx = word_agenda(work / "short.docx", 70)
    pdf = to_pdf(docx)
    if pdf is None:
        return None
    text = as_text(pdf)
    agenda = load_agenda(pdf)
    markers = bench_startup.markers_for(agenda)
    command = Path(sys.executable).parent / "meeting-tui"

    def once(source: Path) -> float:
        folder = Path(tempfile.mkdtemp(dir=work))
        copy = folder / ("agenda" + ("".join(source.suffixes) or ".txt"))
        shutil.copyfile(source, copy)
        try:
            return bench_startup.time_to_screen([str(command), copy.name], folder, markers,
                                                timeout)
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    timing = Timing(f"start-up on a {pages(pdf)}-page PDF agenda")
    once(pdf), once(text)  # warm-up: bytecode, file caches
    for _ in range(runs):
        timing.base.append(once(text))
        timing.runs.append(once(pdf))
    return timing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        timings = reading(args.runs, Path(tmp))
        started = startup(args.runs, Path(tmp))
    ok = True
    for t in timings:
        good = t.median < READ_S
        ok &= good
        print(f"{t.name}: {t.median:.3f} s (text of the same agenda {t.baseline:.3f} s, "
              f"{t.median / t.baseline:.1f}x); target < {READ_S} s: "
              f"{'PASS' if good else 'FAIL'}")
    if started is not None:
        ratio = started.median / started.baseline
        good = ratio <= STARTUP_RATIO
        ok &= good
        print(f"{started.name}: {started.median:.3f} s (as text {started.baseline:.3f} s, "
              f"{ratio:.2f}x); target <= {STARTUP_RATIO}x: {'PASS' if good else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
