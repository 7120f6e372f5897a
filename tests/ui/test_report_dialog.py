"""The time report's dialog makes and draws only the lines in view (issue 19: at
5,000 items every item's figures and line were made, and the report drawn at two
widths, before it opened)."""

from __future__ import annotations

from collections import Counter

from helpers.report_agendas import planned_sections

from meeting_tui.ui.screens.report import ReportScreen, TextLines


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def test_the_report_opens_on_the_lines_in_view_only(make_app, monkeypatch):
    drawn: Counter[tuple[int, int]] = Counter()
    draw = TextLines.render_line

    def counting(self, y):  # type: ignore[no-untyped-def]
        drawn[(y, self.size.width)] += 1
        return draw(self, y)

    monkeypatch.setattr(TextLines, "render_line", counting)
    app = make_app(text=planned_sections(2_000))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        lines = app.screen.query_one("#report-text", TextLines).lines
        assert len(lines) > 2_000
        assert lines.made <= 40 and lines.items.made <= 40  # type: ignore[attr-defined]
        # Drawn at one width (its scrollbar shown from the start), each line once.
        assert len({width for _y, width in drawn}) == 1 and max(drawn.values()) == 1
        assert "1 Section 1" in screen_text(app)
        await pilot.press("end")
        await pilot.pause()
        text = screen_text(app)
        assert "200.9 Item 200.9" in text and "Planned time left" in text


async def test_a_short_report_has_no_scrollbar(make_app):
    app = make_app(text="Board\n\n1. Opening\n2. Budget\n3. Close\n")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("r")
        await pilot.pause()
        report = app.screen.query_one(".report")
        assert not report.show_vertical_scrollbar
        assert report.styles.overflow_y == "auto"
