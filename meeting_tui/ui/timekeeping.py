"""The meeting's course in the app: the item taken up (enter, n, p) or skipped (s), the
meeting clock (space), plans (t), the time report (r), the end of a day's sitting
(ctrl+d) and the new-day question on resuming."""

from __future__ import annotations

from collections.abc import Callable

from ..core.clock import SteadyClock, describe_jump, format_duration
from ..core.session import MeetingState
from .host import Host


class Timekeeper:
    """Which item is under discussion, the meeting's clock and its days, the plans."""

    def __init__(self, app: Host) -> None:
        self.app = app
        self.session = app.session

    def check_clock(self) -> None:
        """Once a second: a jump of the wall clock is said (the clocks keep their time,
        ``SteadyClock``), so the secretary knows why the wall clock shown differs."""
        now = self.session.now
        if not isinstance(now, SteadyClock):
            return
        for jump in now.take_jumps():
            self.app.notify(f"The computer's clock was {describe_jump(jump)}: the meeting's "
                            "clocks keep counting the time that really passed (restarting "
                            "the app takes the computer's time again)",
                            severity="warning", timeout=20)

    def toggle_clock(self) -> None:
        if self.ask_new_day():
            return
        state = self.session.toggle_clock()
        self.app.refresh_items(self.session.current)
        self.app.save_now()
        self.app.notify(
            {
                MeetingState.RUNNING: "Meeting running",
                MeetingState.BREAK: "On a break: the clocks are stopped",
            }.get(state, state.value)
        )

    def set_plan(self) -> None:
        node = self.app.agenda_tree.cursor_node
        key = node.data if node is not None else None
        session = self.session
        if key is None or not session.has(key):
            self.app.notify("Plans are for agenda items: move the cursor to one")
            return
        item = session.item(key)
        own = session.own_plan(key)
        hints = []
        if item.planned_minutes is not None:
            hints.append(f"The agenda says {item.planned_minutes} min.")
        if item.children:
            subs = [session.planned_minutes(child.key) for child in item.children]
            known = [p for p in subs if p is not None]
            hints.append(f"Empty: the sum of its sub-items ({sum(known)} min)."
                         if len(known) == len(subs)
                         else f"Empty: no plan (only {len(known)} of its {len(subs)} "
                              "sub-items are planned)." if known
                         else "Empty: no plan (its sub-items have none).")
        else:
            hints.append("Empty: no plan.")
        hints.append("enter saves, escape cancels.")

        def answer(result: tuple[int | None] | None) -> None:
            if result is None:
                return
            (minutes,) = result
            session.set_plan(key, minutes)
            # A parent's plan may be the sum of this one: its line changes too.
            self.app.agenda_tree.refresh()
            self.app.refresh_items(key)
            self.app.save_now()
            plan = session.planned_minutes(key)
            self.app.notify(f"{item.label}: " + (f"planned {plan} min" if plan is not None
                                             else "no plan"))

        from .screens.dialogs import PlanScreen  # the dialog's, when opened
        self.app.push_screen(PlanScreen(item.label, own, " ".join(hints)), answer)

    def time_report(self) -> None:
        from ..core.report import ReportText, build_report  # not needed at start-up

        report = build_report(self.session)
        # The dialog: up to 120 columns, less its border, padding and scrollbar.
        width = max(60, min(120, self.app.size.width) - 6)
        from .screens.report import ReportScreen  # the dialog's, when opened
        # Its lines made as they come into view: at 5,000 items, building and
        # formatting every one took some 45 ms before the dialog opened.
        self.app.push_screen(ReportScreen(ReportText(report, width=width)))

    def end_day(self) -> None:
        session = self.session
        state = session.meeting_state
        if state is MeetingState.NOT_STARTED:
            self.app.notify("The meeting has not started: there is no day to end")
            return
        if state is not MeetingState.RUNNING and state is not MeetingState.BREAK:
            self.app.notify(f"Day {len(session.sittings())} has ended: space starts the next day")
            return
        today = session.sittings()[-1]
        now = session.now()
        question = (
            f"End Day {today.number}? The clocks stop; the next start (space) opens "
            f"Day {today.number + 1}.\nToday: {format_duration(today.spent(now), hours=True)}"
            f" of meeting, {format_duration(today.break_seconds(now), hours=True)} of breaks."
        )

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            previous = session.current
            sitting = session.end_day()
            if sitting is None:
                return
            self.app.refresh_items(previous)
            self.app.save_now()
            assert sitting.end is not None
            self.app.notify(f"Day {sitting.number} ended at "
                        f"{sitting.end.astimezone().strftime('%H:%M')}")

        from .screens.dialogs import ConfirmScreen  # the dialog's, when opened
        self.app.push_screen(ConfirmScreen(question, f"End Day {today.number}"), answer)

    def ask_new_day(self) -> bool:
        """Resuming a break that began on an earlier (local) day: ask whether this is a
        new day rather than count the night as a break. True if the question is asked."""
        session = self.session
        began = session.break_start()
        if began is None or began.astimezone().date() >= session.now().astimezone().date():
            return False
        day = len(session.sittings())
        question = (
            f"The break began on {began.astimezone().strftime('%a %d %b at %H:%M')}. "
            f"Is this a new day? Day {day} then ends where the break began."
        )

        def answer(choice: str | None) -> None:
            if choice is None:
                return
            if choice == "new":
                session.end_day()
            session.start()
            self.app.refresh_items(session.current)
            self.app.save_now()
            self.app.notify(f"Day {len(session.sittings())}: meeting running")

        from .screens.dialogs import NewDayScreen  # the dialog's, when opened
        self.app.push_screen(NewDayScreen(question, day), answer)
        return True

    def take_up(self, key: str) -> None:
        """``key`` becomes the current item; the previous one is done."""
        previous = self.session.current
        self.session.take_up(key)
        self._follow_meeting(key)
        self.app.refresh_items(previous, key)
        self.app.save_now()
        self._drafts_left(previous, key)

    def take_up_next(self) -> None:
        self._take_up_step(self.session.take_up_next, "No next item: this is the end of the "
                           "agenda")

    def take_up_previous(self) -> None:
        self._take_up_step(self.session.take_up_previous, "No previous item")

    def _take_up_step(self, step: Callable[[], str | None], at_the_end: str) -> None:
        previous = self.session.current
        key = step()
        if key is None:
            self.app.notify(at_the_end)
            return
        self._follow_meeting(key)
        self.app.refresh_items(previous, key)
        self.app.save_now()
        self._drafts_left(previous, key)

    def _drafts_left(self, previous: str | None, key: str) -> None:
        """The item left is done: say so when it still has drafts, which the List of
        decisions leaves out until f makes them final."""
        if previous is None or previous == key:
            return
        drafts, _finals = self.session.counts(previous)
        if drafts:
            item = self.session.item(previous)
            where = item.number or item.title
            where = where if len(where) <= 30 else where[:29] + "…"
            self.app.notify(f"{drafts} draft{'s' if drafts > 1 else ''} left on {where} "
                            "(f makes one final)", severity="warning")

    def toggle_skip(self) -> None:
        key = self.session.selected
        if key is None:
            return
        status = self.session.toggle_skip(key)
        self.app.refresh_items(key)
        self.app.save_now()
        self.app.notify(f"{self.session.item(key).label}: {status.value}")

    def _follow_meeting(self, key: str) -> None:
        """The cursor follows the meeting; the editor keeps focus while in use."""
        self.app.agenda_tree.select_key(key)
        if not self.app.editor_open():
            self.app.focus_now(self.app.agenda_tree)
        # Taking up an item does not end a break or open a new day: say how the clock goes.
        state = self.session.meeting_state
        if state is MeetingState.BREAK:
            self.app.notify("On a break: the item's clock starts when space resumes the meeting")
        elif state is MeetingState.DAY_ENDED:
            self.app.notify("The day has ended: space starts the next day and the item's clock")
