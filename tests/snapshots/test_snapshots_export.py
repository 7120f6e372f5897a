"""SVG snapshot of the export dialog (x) at 80x24: what, the languages, every format,
the files it writes. LibreOffice and python-docx are taken as present, so the picture
does not depend on the machine.

Accept intended changes with
`pytest tests/snapshots/test_snapshots_export.py --snapshot-update`.
"""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def utc(zone):
    zone("UTC")


def test_80x24_export_dialog(snap_compare, make_app, monkeypatch):
    monkeypatch.setattr("meeting_tui.files.pdf_export.soffice", lambda: "/usr/bin/soffice")
    monkeypatch.setattr("meeting_tui.ui.decisions.docx_available", lambda: True)
    app = make_app()
    decision = app.session.add_decision("1", "Adopted its agenda.")
    app.session.toggle_final("1", decision.id)

    async def dialog(pilot):
        await pilot.press("x", "l", "l")  # English and French, a file each
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=dialog)
