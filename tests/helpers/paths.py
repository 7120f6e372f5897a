"""Where the project and its bundled agendas are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
AGENDAS = ROOT / "agendas"
SEPTEMBER = AGENDAS / "lanzarote-28th-meeting-2020-09.txt"
NOVEMBER = AGENDAS / "lanzarote-29th-meeting-2020-11.txt"
DATA = ROOT / "tests" / "data"
STYLE_AGENDAS = DATA / "agendas"  # agendas written in other bodies' styles
GOLDEN = DATA / "golden"  # the List of decisions of a fixture meeting, in every format
