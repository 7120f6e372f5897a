"""benchmarks/bench_serve.py at a tiny size, so that it cannot rot unnoticed."""

from __future__ import annotations

import subprocess
import sys

import pytest
from helpers.paths import ROOT

pytest.importorskip("textual_serve")


def test_bench_serve_prints_every_figure():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_serve.py"), "--viewers", "25",
         "--terminal-viewers", "1", "--rounds", "1", "--idle", "1"],
        capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    page = next(line for line in lines if line.startswith("serve (the page)"))
    terminal = next(line for line in lines if line.startswith("serve --terminal"))
    assert page.split()[3] == "25" and terminal.split()[3] == "1"
    assert lines[-1].endswith("pass")
