"""benchmarks/run.py at tiny sizes, so the one benchmark command cannot rot unnoticed;
and the save's fast path, which must write exactly what tomli-w writes."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import tomli_w
from helpers.paths import ROOT

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import Session
from meeting_tui.files.session_toml import Serializer, to_document

RUN = ROOT / "benchmarks" / "run.py"


def _load_run():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("benchmarks_run", RUN)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def test_run_measures_every_figure_at_a_tiny_size(tmp_path: Path, capsys) -> None:
    run = _load_run()
    settings = run.Settings(runs=1, sizes=(20,), bundled=False, keys=4, presses=3, gap=0.01,
                            settle=0.1)
    out = tmp_path / "latest.json"
    run.run([g for g in run.GROUPS if g != "terminal"], settings, out)  # its own test
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    names = [f["figure"] for f in figures]
    for prefix in ("start-up, generated-20", "keystroke to screen, median",
                   "keystroke to screen, decision of 10,000 characters",
                   "keystroke to screen, worst of a round", "n, take up the next item",
                   "save, to the file", "save, its part on the UI thread", "peak RSS",
                   "parse", "read a Word agenda", "read a PDF agenda",
                   "start-up on a 2-page PDF agenda", "g, give the floor",
                   "keystroke to screen with a countdown ticking"):
        assert any(name.startswith(prefix) for name in names), (prefix, names)
    for figure in figures:
        assert figure["median"] > 0 and figure["baseline"] > 0, figure
        assert figure["ratio"] == figure["median"] / figure["baseline"]
        assert isinstance(figure["pass"], bool) and figure["target"]
    # The table printed holds the same figures, one line each.
    printed = capsys.readouterr().out
    for name in names:
        assert name in printed
    parse = next(f for f in figures if f["figure"].startswith("parse"))
    assert "the floor" in parse["notes"] and parse["notes"].endswith("x the baseline")


def test_the_parse_floor_makes_an_item_of_each_item() -> None:
    """bench_parse.floor, the least a parser can cost, makes as many Items as the parser
    finds items (and the one bullet of the next meetings' dates)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_parse
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    for items in (40, 700):
        text = bench_parse.generate(items)
        made = bench_parse.floor(text)
        assert len(made) == items + 1
        assert sum(1 for _ in parse_agenda(text).walk()) == items


def test_the_terminal_group_measures_every_figure_at_a_tiny_size(tmp_path: Path) -> None:
    """bench_terminal.py: the app and the bare one in a pseudo-terminal, the screen read
    back; every key's screen found (a figure never drawn would be infinite)."""
    run = _load_run()
    settings = run.Settings(runs=1, sizes=(20,), bundled=False, keys=4, gap=0.05)
    out = tmp_path / "latest.json"
    run.run(["terminal"], settings, out)
    figures = json.loads(out.read_text(encoding="utf-8"))["figures"]
    names = [f["figure"] for f in figures]
    for prefix in ("terminal: ? help drawn", "terminal: ctrl+p palette drawn",
                   "terminal: t plan drawn", "terminal: x export drawn",
                   "terminal: r time report drawn", "terminal: a, the editor ready",
                   "terminal: palette, Settings typed to its list",
                   "terminal: key to screen in the editor, median",
                   "terminal: key to screen in the editor, worst of a round",
                   "terminal: bytes written per keystroke"):
        assert any(name.startswith(prefix) for name in names), (prefix, names)
    for figure in figures:
        assert 0 < figure["median"] < 60_000 and 0 < figure["baseline"] < 60_000, figure
        assert len(figure["runs"]) >= 1 and isinstance(figure["pass"], bool)


def test_run_refuses_an_unknown_group() -> None:
    done = subprocess.run([sys.executable, str(RUN), "--only", "startup,nonsense"],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2
    assert "nonsense" in done.stderr


def _meeting() -> Session:
    text = "Meeting\n\n1. Opening [15 min]\n2. Reports\n2.1. Annual report\n2.2. Budget\n3. Close\n"
    moments = iter(datetime(2025, 9, 21, 7, 0, tzinfo=UTC) + timedelta(minutes=n)
                   for n in range(1000))
    session = Session(parse_agenda(text, source="a.txt"), timezone="Europe/Paris",
                      now=lambda: next(moments))
    session.take_up(session.order[1].key)
    for n, item in enumerate(session.order):
        decision = session.add_decision(item.key)
        session.set_text(item.key, decision.id,
                         f'Decision {n}: "quoted", a back\\slash,\ttab\nand a second line'
                         if n % 2 else f"Decision {n}")
    session.take_up(session.order[3].key)
    return session


def test_serializer_writes_what_tomli_w_writes_and_follows_changes() -> None:
    session = _meeting()
    serializer = Serializer()

    def same() -> None:
        doc = to_document(session, "a.txt", "0" * 64)
        assert serializer.text(doc) == tomli_w.dumps(doc, multiline_strings=True)

    same()
    key = session.order[2].key
    decision = session.state(key).decisions[0]
    session.set_text(key, decision.id, decision.text + " amended")
    same()
    session.toggle_final(key, decision.id)
    session.set_plan(session.order[3].key, 30)
    session.take_up(session.order[4].key)
    same()
    session.delete_decision(key, decision.id)
    same()


def test_the_instruction_count_of_start_up_runs_at_a_tiny_size() -> None:
    """bench_instructions.py: both apps counted to their first frame under valgrind
    (installed by .ci/run), a line a case with its ratio."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_instructions.py"), "--items", "10",
         "--no-bundled"], capture_output=True, text=True, timeout=600)
    assert done.returncode in (0, 1), done.stderr  # 1: the target missed, said so
    line = next(line for line in done.stdout.splitlines() if line.startswith("generated-10"))
    bare, app = (int(word.rstrip("M")) for word in line.split()[2:4])
    assert 500 < bare < app  # millions: Python and Textual alone are some 870
    assert line.split()[-1] in ("PASS", "FAIL")
