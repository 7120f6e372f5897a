"""The follow view's floor: who has the floor, their countdown large, the next three;
hidden while the item has no list of speakers; the countdown ticks with the clock."""

from __future__ import annotations

from helpers.paths import SEPTEMBER
from textual.geometry import Region
from textual.widgets import Digits

from meeting_tui.files.durable import write_atomic
from meeting_tui.files.opening import open_session
from meeting_tui.files.session_toml import dumps
from meeting_tui.files.watcher import SessionWatcher
from meeting_tui.ui.follow import FollowApp


def text_of(widget) -> str:
    width, height = widget.size
    return "\n".join(s.text for s in widget.render_lines(Region(0, 0, width, height)))


async def test_the_follow_view_shows_the_floor_and_its_countdown(tmp_path, clock):
    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    _a, session, path, digest = open_session(str(agenda), None, None)
    session.now = clock
    session.take_up_next()

    def save() -> None:
        write_atomic(path, dumps(session, str(agenda), digest))

    save()
    app = FollowApp(SessionWatcher(path, now=clock), poll=None, tick=False)
    async with app.run_test(size=(120, 40)) as pilot:
        box = app.query_one("#follow-floor")
        assert not box.display
        session.set_speaking_limit(60)
        for name in ("Ms A", "Mr B", "Ms C", "Mr D", "Ms E"):
            session.add_speaker(None, name)
        session.give_floor()
        clock.advance(seconds=50)
        save()
        await app.poll()
        await pilot.pause()
        assert box.display
        shown = text_of(app.query_one("#floor-text"))
        assert "Ms A" in shown and "0:50 of 1 min · 0:10 left" in shown
        assert "Next: Mr B · Ms C · Mr D +1" in shown
        digits = app.query_one("#floor-clock", Digits)
        assert digits.value == "0:10" and digits.has_class("-warn")
        clock.advance(seconds=15)  # the clock alone: no new file
        app.tick()
        assert digits.value == "+0:05" and digits.has_class("-over")
