"""`n`, the clock's tick and a save draw no more than changed: a line of the item panel
that reads the same is left alone, a changed one lays the screen out again only when
its height changes, and the list of decisions is not made again when it would show the
same entries (each of these drew the whole right-hand side, and laid out the screen,
on every `n` and every tick)."""

from __future__ import annotations

from textual.widgets import Static

AGENDA = """\
Meeting of the Committee

1. Opening of the meeting
2. Adoption of the agenda
3. Election of officers
4. Any other business
"""


def layouts(app) -> list[str]:
    """Counts the layouts asked for, by the widget that asked."""
    asked: list[str] = []
    for widget in app.query("*"):
        original = widget.refresh

        def refresh(*regions, _widget=widget, _original=original, **kwargs):
            if kwargs.get("layout"):
                asked.append(_widget.id or type(_widget).__name__)
            return _original(*regions, **kwargs)

        widget.refresh = refresh
    return asked


async def test_n_onto_an_item_of_the_same_shape_lays_nothing_out(make_app):
    app = make_app(text=AGENDA)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")
        await pilot.pause()
        decisions_before = list(app.decision_list.options)
        asked = layouts(app)
        await pilot.press("n")  # one line of title onto one line of title, no decisions
        await pilot.pause()
        assert app.session.current == app.session.order[2].key
        heading = app.query_one("#item-heading", Static)
        assert "Election of officers" in str(heading.render())
        assert asked == []
        assert list(app.decision_list.options) == decisions_before == []


async def test_the_clock_tick_and_a_save_lay_nothing_out(make_app, clock):
    app = make_app(text=AGENDA)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        asked = layouts(app)
        clock.advance(61)
        app.tick()
        app.save_now()
        app.saver.flush(10)
        await pilot.pause()
        await pilot.pause()
        assert "spent 1:01" in str(app.query_one("#item-clock", Static).render())
        assert asked == []


async def test_a_heading_that_grows_lays_the_screen_out(make_app):
    long = "A title long enough to need a second line of the panel, " * 3
    app = make_app(text=AGENDA.replace("Election of officers", long.strip()))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", "n")
        await pilot.pause()
        heading = app.query_one("#item-heading", Static)
        short = heading.size.height
        asked = layouts(app)
        await pilot.press("n")
        await pilot.pause()
        assert "item-heading" in asked
        assert heading.size.height > short
