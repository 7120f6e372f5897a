"""Agendas the time report's tests share: a small one with plans at three levels, and
a large one of planned sections."""

from __future__ import annotations

PLANNED_BOARD = """\
Board, 3-4 March 2021

1. Opening [10 min]
2. Finance
2.1 Accounts [20 min]
2.1.1 Audit
2.1.2 Budget [5 min]
2.2 Fees
3. Reports
3.1 Chair [15 min]
4. Any other business
"""


def planned_sections(n: int) -> str:
    """About ``n`` items: sections of 30 minutes of nine sub-items each."""
    lines = ["Plenary", ""]
    for a in range(1, n // 10 + 1):
        lines.append(f"{a}. Section {a} [30 min]")
        lines += [f"{a}.{b} Item {a}.{b}" for b in range(1, 10)]
    return "\n".join(lines) + "\n"
