"""The live meeting screen.

A thin layer: widgets render the Session and keys become calls on it. After every
change the session is serialized here and written by the autosaver's thread, so the
file is on disk within a second and typing never waits for the disk.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, TextArea, Tree
from textual.widgets.tree import TreeNode

from ..core.clock import format_duration
from ..core.session import DecisionStatus, MeetingState, Session
from ..core.settings import format_date
from ..files.autosave import Autosaver
from ..files.lock import SessionLock
from ..files.session_file import SessionFile
from .app_amend import AMEND_PALETTE_NAMES, AmendActions
from .app_decisions import DecisionsActions
from .app_saving import SavingActions
from .commands import KEYS, NAVIGATION_KEYS, bound_action
from .providers import ItemsProvider
from .screens.dialogs import (
    ConfirmScreen,
    HelpScreen,
    NewDayScreen,
    PlanScreen,
    QuitScreen,
    ReportScreen,
)
from .widgets.agenda_tree import AgendaTree
from .widgets.decision_editor import DecisionEditor
from .widgets.item_panel import DecisionList, ItemPanel
from .widgets.save_status import SaveStatus
from .widgets.top_bar import TopBar

PALETTE_NAMES = {
    "toggle_clock": "Start / pause / resume the meeting",
    "take_up": "Take up the selected item",
    "take_up_next": "Take up the next item",
    "take_up_previous": "Take up the previous item",
    "add_decision": "Add a decision",
    "edit_decision": "Edit the selected decision",
    "toggle_final": "Final / draft",
    "delete_decision": "Delete the selected decision",
    "toggle_skip": "Skip / unskip the selected item",
    "copy_item_decisions": "Copy the selected item's final decisions",
    "copy_all_decisions": "Copy the List of decisions",
    "export_decisions": "Export the List of decisions to a file",
    "set_plan": "Set the planned time of the selected item",
    "time_report": "Time report",
    "end_day": "End the day (close today's sitting)",
    "save": "Save now",
    "save_as": "Save as… (to another file)",
    "help": "Keys (help)",
    "quit_meeting": "Quit the meeting",
    **AMEND_PALETTE_NAMES,
}


class MeetingApp(SavingActions, DecisionsActions, AmendActions, App[None]):
    CSS_PATH = "styles/app.tcss"
    TITLE = "meeting-tui"
    COMMANDS = App.COMMANDS | {ItemsProvider}
    # Priority bindings run as the key is read, before any later key is routed: a fast
    # typist's "a" followed by text lands that text in the editor, and "escape f" never
    # types the f. check_action lets a key through to the editor (or a dialog) instead.
    BINDINGS = [
        Binding(k.key, k.action, k.label, show=k.show, id=k.action, priority=True,
                group=Binding.Group(k.group) if k.group else None)
        for k in KEYS
        if k.action not in ("command_palette", "focus_next")
    ] + [
        # The keys that move a cursor are read the same way, so that "down down s" skips
        # the item the cursor reached: from the widget's own queue they would act after s.
        Binding(key, f"navigate('{key}')", show=False, priority=True)
        for key in NAVIGATION_KEYS
    ]
    KEY_ACTIONS = frozenset(k.action for k in KEYS)
    # Below 100 columns the footer leaves out its key groups (app.tcss): they would be cut.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    EDITOR_ACTIONS = frozenset({"leave_editor", "save"})

    def __init__(
        self,
        session: Session,
        session_path: Path,
        agenda_path: str,
        digest: str,
        *,
        blink: bool = True,
        tick: bool = True,
        session_file: SessionFile | None = None,
        lock: SessionLock | None = None,
        read_only: bool = False,
        notes: list[str] | tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.session = session
        self.session_path = Path(session_path)
        self.agenda_path = agenda_path
        self.digest = digest
        self.blink = blink
        self.tick_enabled = tick
        self.editing: tuple[str, int] | None = None
        self._draining = 0  # escapes whose editor text is not taken yet
        self._init_saving(session_file, lock, read_only, notes)

    # ---------------------------------------------------------------- layout
    def compose(self) -> ComposeResult:
        yield TopBar(self.session, id="top-bar")
        with Horizontal(id="main"):
            yield AgendaTree(self.session, id="agenda")
            with Vertical(id="right"):
                yield ItemPanel(self.session, id="item-panel")
                editor = DecisionEditor(
                    self.phrases,
                    id="editor",
                    soft_wrap=True,
                    show_line_numbers=False,
                    placeholder="a: add a decision · e: edit the selected one",
                )
                editor.cursor_blink = self.blink
                editor.disabled = True
                yield editor
        yield SaveStatus(id="save-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        tree = self.query_one(AgendaTree)
        tree.auto_expand = False
        # At once, not later: a key typed right at the start (a moves to the editor) must
        # not have its focus taken back by a focus scheduled before it.
        self.focus_now(tree)
        if self.session.selected:
            tree.select_key(self.session.selected)
        self.query_one(ItemPanel).show(self.session.selected)
        if self.tick_enabled:
            self.set_interval(1.0, self.tick)
        self.show_notes()
        self.call_after_refresh(self._freeze_startup_objects)

    def _freeze_startup_objects(self) -> None:
        """What start-up made (Textual's modules, the agenda, the tree's nodes) lives as
        long as the app: set aside, the collector never scans it again. Its full scans
        held a keystroke up by up to 0.1 s on a 5,000-item agenda."""
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()  # collectable again: tests run many apps in one process

    def tick(self) -> None:
        """Once a second: the clock widgets, and nothing else."""
        self.query_one(TopBar).refresh()
        self.query_one(AgendaTree).tick()
        if self.session.selected == self.session.current:
            self.query_one(ItemPanel).update_clock()

    # ---------------------------------------------------------------- helpers
    @property
    def tree(self) -> AgendaTree:
        return self.query_one(AgendaTree)

    @property
    def panel(self) -> ItemPanel:
        return self.query_one(ItemPanel)

    @property
    def editor(self) -> TextArea:
        return self.query_one("#editor", TextArea)

    @property
    def decision_list(self) -> DecisionList:
        return self.query_one(DecisionList)

    def refresh_items(self, *keys: str | None) -> None:
        for key in keys:
            self.tree.refresh_item(key)
        self.query_one(TopBar).refresh()
        self.panel.show(self.session.selected)

    def selected_decision(self) -> tuple[str, int] | None:
        key = self.session.selected
        if key is None or self.viewing_unmatched is not None:
            return None
        decision_id = self.decision_list.selected_id
        return (key, decision_id) if decision_id is not None else None

    def focus_now(self, widget: Widget) -> None:
        """Focus at once, not on the next idle: keys already queued behind this one
        (a fast typist, a paste) must reach the widget we move to."""
        self.screen.set_focus(widget)

    def go_to_item(self, key: str) -> None:
        """Move the cursor (not the meeting) to an item."""
        self.tree.select_key(key)
        self.focus_now(self.tree)

    def _follow_meeting(self, key: str) -> None:
        """The cursor follows the meeting; the editor keeps focus while in use."""
        self.tree.select_key(key)
        if self.editing is None:
            self.focus_now(self.tree)
        # Taking up an item does not end a break or open a new day: say how the clock goes.
        state = self.session.meeting_state
        if state is MeetingState.BREAK:
            self.notify("On a break: the item's clock starts when space resumes the meeting")
        elif state is MeetingState.DAY_ENDED:
            self.notify("The day has ended: space starts the next day and the item's clock")

    # ---------------------------------------------------------------- events
    async def action_navigate(self, key: str) -> None:
        """Move the focused widget's cursor as its own binding for ``key`` would, and
        let the selection follow at once (before the next key is read)."""
        widget = self.focused
        if widget is None:
            return
        action = bound_action(widget, key)
        if action is not None:
            await widget.run_action(action)
        if widget is self.tree and self.tree.cursor_node is not None:
            self._select_node(self.tree.cursor_node)

    @on(Tree.NodeHighlighted, "#agenda")
    def _item_highlighted(self, event: Tree.NodeHighlighted) -> None:
        self._select_node(event.node)

    def _select_node(self, node: TreeNode[str | None]) -> None:
        key = node.data
        was_unmatched = (self.viewing_unmatched is not None
                         or self.panel.unmatched_view is not None)
        if key is None or self.show_unmatched(key):
            return
        if key == self.session.selected and not was_unmatched:
            return
        self.session.select(key)
        self.panel.show(key)
        self.save_soon()

    @on(TextArea.Changed, "#editor")
    def _typed(self, event: TextArea.Changed) -> None:
        if self.editing is None:
            return
        key, decision_id = self.editing
        self.session.set_text(key, decision_id, self.editor.text)
        if key == self.session.selected:
            self.decision_list.show(self.session.state(key).decisions, decision_id)
        self.save_soon()

    # ---------------------------------------------------------------- actions
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "navigate":  # elsewhere (the editor, a dialog) the key goes on
            return len(self.screen_stack) == 1 and self.focused in (self.tree,
                                                                    self.decision_list)
        if action not in self.KEY_ACTIONS:
            return True
        if len(self.screen_stack) > 1:
            return False  # a dialog, the help or the palette has the keys
        if self.blocked_on_unmatched(action):
            return False  # an entry under "Unmatched" is shown, not an item
        if self.refused_in_read_only(action):
            return None  # read-only: the footer shows the key dimmed
        in_editor = self.focused is not None and self.focused.id == "editor"
        if action == "leave_editor":
            return in_editor
        if in_editor and action not in self.EDITOR_ACTIONS:
            return False  # letters, space, enter and delete type in the editor
        if action in ("edit_decision", "toggle_final", "delete_decision"):
            return self.selected_decision() is not None or None
        return True

    def action_toggle_clock(self) -> None:
        if self._ask_new_day():
            return
        state = self.session.toggle_clock()
        self.refresh_items(self.session.current)
        self.save_now()
        self.notify(
            {
                MeetingState.RUNNING: "Meeting running",
                MeetingState.BREAK: "On a break: the clocks are stopped",
            }.get(state, state.value)
        )

    def _take_up(self, key: str) -> None:
        previous = self.session.current
        self.session.take_up(key)
        self._follow_meeting(key)
        self.refresh_items(previous, key)
        self.save_now()

    def action_take_up(self) -> None:
        if self.focused is self.decision_list:
            self.action_edit_decision()  # enter on a decision opens it
            return
        node = self.tree.cursor_node
        if node is not None and node.data is not None:
            self._take_up(node.data)

    def action_take_up_next(self) -> None:
        self._take_up_step(self.session.take_up_next, "No next item: this is the end of the "
                           "agenda")

    def action_take_up_previous(self) -> None:
        self._take_up_step(self.session.take_up_previous, "No previous item")

    def _take_up_step(self, step: Callable[[], str | None], at_the_end: str) -> None:
        previous = self.session.current
        key = step()
        if key is None:
            self.notify(at_the_end)
            return
        self._follow_meeting(key)
        self.refresh_items(previous, key)
        self.save_now()

    def action_add_decision(self) -> None:
        key = self.session.selected
        if key is None:
            return
        self._stop_editing()
        decision = self.session.add_decision(key)
        self.panel.show(key, decision.id)
        self.tree.refresh_item(key)
        self._start_editing(key, decision.id)
        self.save_now()

    def action_edit_decision(self) -> None:
        target = self.selected_decision()
        if target is None:
            self.notify("No decision selected: a adds one")
            return
        self._stop_editing()
        self._start_editing(*target)

    def _start_editing(self, key: str, decision_id: int) -> None:
        self.editing = (key, decision_id)
        editor = self.editor
        editor.disabled = False
        with editor.prevent(TextArea.Changed):
            editor.load_text(self.session.decision(key, decision_id).text)
        editor.move_cursor(editor.document.end)
        editor.border_title = f"Decision {self._decision_number(key, decision_id)}"
        self.focus_now(editor)

    def _decision_number(self, key: str, decision_id: int) -> int:
        ids = [d.id for d in self.session.state(key).decisions]
        return ids.index(decision_id) + 1

    def _stop_editing(self) -> tuple[str, int] | None:
        """Leave the editor; an empty new decision is discarded rather than kept blank."""
        if self.editing is None:
            return None
        key, decision_id = self.editing
        self.editing = None
        self.session.set_text(key, decision_id, self.editor.text)
        editor = self.editor
        with editor.prevent(TextArea.Changed):
            editor.load_text("")
        editor.border_title = ""
        editor.disabled = True
        if not self.session.decision(key, decision_id).text.strip():
            self.session.delete_decision(key, decision_id)
            self.notify("Empty decision discarded")
            self.tree.refresh_item(key)
            self.panel.show(self.session.selected)
            self.save_now()
            return None
        self.panel.show(self.session.selected, decision_id)
        self.save_now()
        return key, decision_id

    def action_leave_editor(self) -> None:
        """Keys typed before escape may still wait in the editor's queue: move focus
        now (so later keys act), and take the text once the editor has caught up."""
        if self.editing is None:
            return
        self.focus_now(self.decision_list)
        self._draining += 1
        self.editor.call_later(self._finish_leaving)

    def _finish_leaving(self) -> None:
        self._draining -= 1
        left = self._stop_editing()
        if self.focused is self.decision_list and not (left and left[0] == self.session.selected):
            self.focus_now(self.tree)

    async def run_action(self, action, default_namespace=None, namespaces=None) -> bool:  # type: ignore[override]
        """While the editor catches up after escape, later key actions queue behind it."""
        name = action if isinstance(action, str) else action[0]
        if self.refused_in_read_only(name):
            self.notify("Read-only: nothing can be changed here", severity="warning")
            return True
        if self._draining and name in self.KEY_ACTIONS:
            self.editor.call_later(self.run_action, action, default_namespace, namespaces)
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def action_toggle_final(self) -> None:
        target = self.selected_decision()
        if target is None:
            return
        if self.editing == target:
            self._stop_editing()
        key, decision_id = target
        decision = self.session.decision(key, decision_id)
        if decision.status is DecisionStatus.ADOPTED:
            # The body adopted it: going back to final withdraws that; ask first.
            number = self._decision_number(key, decision_id)
            adopted = format_date(decision.adopted) if decision.adopted else "?"
            question = (f"Decision {number} was adopted on {adopted}. Withdraw its adoption "
                        "(it stays final)?")

            def answer(yes: bool | None) -> None:
                if yes:
                    self._toggle_final(key, decision_id)

            self.push_screen(ConfirmScreen(question, "Withdraw"), answer)
            return
        self._toggle_final(key, decision_id)

    def _toggle_final(self, key: str, decision_id: int) -> None:
        status = self.session.toggle_final(key, decision_id)
        self.panel.show(key, decision_id)
        self.tree.refresh_item(key)
        self.save_now()
        self.notify(f"Decision {self._decision_number(key, decision_id)} is {status.value}")

    def action_delete_decision(self) -> None:
        target = self.selected_decision()
        if target is None:
            return
        key, decision_id = target
        number = self._decision_number(key, decision_id)

        def answer(yes: bool | None) -> None:
            if not yes:
                return
            if self.editing == target:
                self.editing = None
                self.editor.load_text("")
                self.editor.disabled = True
                self.focus_now(self.tree)
            self.session.delete_decision(key, decision_id)
            self.panel.show(self.session.selected)
            self.tree.refresh_item(key)
            self.save_now()
            self.notify(f"Decision {number} deleted")

        text = self.session.decision(key, decision_id).text
        preview = text if len(text) <= 60 else text[:59] + "…"
        self.push_screen(ConfirmScreen(f"Delete decision {number}?\n{preview}", "Delete"), answer)

    def action_toggle_skip(self) -> None:
        key = self.session.selected
        if key is None:
            return
        status = self.session.toggle_skip(key)
        self.refresh_items(key)
        self.save_now()
        self.notify(f"{self.session.item(key).label}: {status.value}")

    # ---------------------------------------------------------------- time-keeping
    def action_set_plan(self) -> None:
        node = self.tree.cursor_node
        key = node.data if node is not None else None
        session = self.session
        if key is None or not session.has(key):
            self.notify("Plans are for agenda items: move the cursor to one")
            return
        item = session.item(key)
        own = session.own_plan(key)
        hints = []
        if item.planned_minutes is not None:
            hints.append(f"The agenda says {item.planned_minutes} min.")
        if item.children:
            subs = [session.planned_minutes(child.key) for child in item.children]
            known = [p for p in subs if p is not None]
            hints.append(f"Empty: the sum of its sub-items ({sum(known)} min)." if known
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
            self.tree.refresh()
            self.refresh_items(key)
            self.save_now()
            plan = session.planned_minutes(key)
            self.notify(f"{item.label}: " + (f"planned {plan} min" if plan is not None
                                             else "no plan"))

        self.push_screen(PlanScreen(item.label, own, " ".join(hints)), answer)

    def action_time_report(self) -> None:
        from ..core.report import build_report, render_text  # not needed at start-up

        report = build_report(self.session)
        # The dialog: up to 120 columns, less its border, padding and scrollbar.
        width = max(60, min(120, self.size.width) - 6)
        self.push_screen(ReportScreen(render_text(report, width=width)))

    def action_end_day(self) -> None:
        session = self.session
        state = session.meeting_state
        if state is MeetingState.NOT_STARTED:
            self.notify("The meeting has not started: there is no day to end")
            return
        if state is not MeetingState.RUNNING and state is not MeetingState.BREAK:
            self.notify(f"Day {len(session.sittings())} has ended: space starts the next day")
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
            self.refresh_items(previous)
            self.save_now()
            assert sitting.end is not None
            self.notify(f"Day {sitting.number} ended at "
                        f"{sitting.end.astimezone().strftime('%H:%M')}")

        self.push_screen(ConfirmScreen(question, f"End Day {today.number}"), answer)

    def _ask_new_day(self) -> bool:
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
            self.refresh_items(session.current)
            self.save_now()
            self.notify(f"Day {len(session.sittings())}: meeting running")

        self.push_screen(NewDayScreen(question, day), answer)
        return True

    def action_save(self) -> None:
        self.save_now()
        if self.autosaver.flush(5.0):
            self.notify(f"Saved to {self.session_path}")

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def action_quit_meeting(self) -> None:
        if self.session.running and not self.read_only:
            self.push_screen(QuitScreen(), self._quit_answer)
        else:
            self._quit()

    def _quit_answer(self, answer: str | None) -> None:
        if answer is None:
            return
        if answer == "pause":
            self.session.pause()
        self._quit()

    def _quit(self) -> None:
        self._stop_editing()
        self.save_now()
        if not self.autosaver.close(10.0):
            self.notify(
                f"Could not save {self.autosaver.path}: {self.autosaver.last_error}. "
                "Not quitting, so nothing is lost: w saves to another file.",
                severity="error",
                timeout=10,
            )
            self.autosaver = Autosaver(self.autosaver.file, on_result=self._saved)
            return
        self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for key in KEYS:
            if key.action in ("command_palette", "focus_next", "leave_editor"):
                continue
            if self.refused_in_read_only(key.action):
                continue
            yield SystemCommand(
                PALETTE_NAMES.get(key.action, key.label),
                f"{key.help} [{key.display}]",
                getattr(self, f"action_{key.action}"),
            )
        yield from self.decision_commands()

    async def action_quit(self) -> None:
        """ctrl+q and the palette's Quit go through the same safe path as q."""
        self.action_quit_meeting()
