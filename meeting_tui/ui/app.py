"""The live meeting screen.

A thin layer: widgets render the Session and keys become calls on it. The work is the
controllers' the app composes: saving (saving.py), writing decisions (editing.py), the
List of decisions (decisions.py), time-keeping (timekeeping.py) and amending the agenda
(amending.py). What a key does, and where it acts, is the command table's
(commands.py). The app keeps the order of keys typed ahead: priority bindings, the
cursor keys read as they come (``navigate``) and the keys after escape held back until
the editor's text is taken (``_draining``).

Over 400 lines for a reason: every command's ``action_*`` is here, most a one-line
call on a controller, because bindings and the palette run actions on the app; and
what keys do while typed ahead (check_action, run_action) must be the App's own.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping
from functools import cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, on
from textual.actions import ActionParseResult
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.command import CommandPalette, Provider
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.driver import Driver
from textual.notifications import Notify
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, TextArea, Tree
from textual.widgets.tree import TreeNode

from ..core.amend import AFTER, UNDER
from ..core.phrases import phrase_list
from ..core.session import Session, UnmatchedEntry, unmatched_index
from ..files.autosave import Autosaver
from ..files.lock import SessionLock
from ..files.session_file import SessionFile
from .commands import (
    BY_ACTION,
    COMMANDS,
    PALETTE_COMMANDS,
    PaletteCommand,
    SettingCommand,
    Where,
    bindings,
    bound_action,
    navigation_bindings,
)
from .decisions import ListOfDecisions
from .display import UserTextApp
from .editing import DecisionWriting
from .keys import driver_class, escape_then
from .meeting_screen import MeetingScreen
from .saving import SaveDone, Saver
from .timekeeping import Timekeeper
from .widgets.agenda_tree import AgendaTree
from .widgets.decision_editor import DecisionEditor
from .widgets.floor_strip import FloorStrip
from .widgets.item_panel import DecisionList, ItemPanel
from .widgets.save_status import SaveStatus
from .widgets.top_bar import TopBar

if TYPE_CHECKING:  # the controllers of keys not pressed yet are imported when first used
    from ..core.undo import History
    from .amending import Amender
    from .floor import Floor
    from .followup import FollowUp

TOASTS_SHOWN = 2  # notices at once; an older one goes when a new one comes


def _items_provider() -> type[Provider]:
    """The palette's providers, imported when the palette first opens (Textual takes a
    callable in COMMANDS): their search is no part of the first screen."""
    from .providers import ItemsProvider

    return ItemsProvider


def _decisions_provider() -> type[Provider]:
    from .providers import DecisionsProvider

    return DecisionsProvider


class MeetingApp(UserTextApp):  # notifications never read markup (display.py)
    CSS_PATH = ["styles/app.tcss", "styles/display.tcss"]
    TITLE = "meeting-tui"
    COMMANDS = App.COMMANDS | {_items_provider, _decisions_provider}
    BINDINGS: ClassVar[list[BindingType]] = bindings() + navigation_bindings()
    # Below 100 columns the footer leaves out its key groups (app.tcss): they would be cut.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    TICK_SECONDS = 1.0  # the clocks' tick

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
        self.agenda_path = agenda_path
        self.digest = digest
        self.blink = blink
        self.tick_enabled = tick
        self._draining = 0  # escapes whose editor text is not taken yet
        self._held = 0  # keys read meanwhile, waiting behind them (on_event)
        self.viewing_unmatched: int | None = None  # index in session.unmatched
        self.saver = Saver(self, Path(session_path), agenda_path, digest,
                           session_file=session_file, lock=lock, read_only=read_only,
                           notes=notes)
        self.writing = DecisionWriting(self)
        self.decisions = ListOfDecisions(self, lambda: self.session_path)
        self.timekeeper = Timekeeper(self)

    # The controllers of what the first screen does not do (amending the agenda, the
    # command line and undo, the floor) are made, and their modules imported, on first
    # use: some 10 ms of imports less before the agenda shows.
    @cached_property
    def amender(self) -> Amender:
        from .amending import Amender

        return Amender(self)

    @cached_property
    def followup(self) -> FollowUp:
        from .followup import FollowUp

        followup = FollowUp(self, lambda: self.session_path)
        followup.floor_lines, followup.floor_complete = self.floor.run_line, self.floor.complete
        return followup

    @cached_property
    def floor(self) -> Floor:
        from .floor import Floor

        return Floor(self, lambda: self.floor_strip)

    # ---------------------------------------------------------------- layout
    def get_default_screen(self) -> Screen:
        return MeetingScreen(id="_default")  # its first resume styles nothing again

    def compose(self) -> ComposeResult:
        yield TopBar(self.session, id="top-bar")
        with Horizontal(id="main"):
            yield AgendaTree(self.session, id="agenda")
            with Vertical(id="right"):
                yield ItemPanel(self.session, id="item-panel")
                yield FloorStrip(self.session, id="floor-strip")  # only with speakers
                editor = DecisionEditor(
                    self.phrases,
                    id="editor",
                    soft_wrap=True,
                    show_line_numbers=False,
                    placeholder="a: add a decision · e: edit",
                )
                editor.cursor_blink = self.blink
                editor.disabled = True
                yield editor
        yield SaveStatus(id="save-status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        tree = self.agenda_tree
        tree.auto_expand = False
        # At once, not later: a key typed right at the start (a moves to the editor) must
        # not have its focus taken back by a focus scheduled before it.
        self.focus_now(tree)
        if self.session.selected:
            tree.select_key(self.session.selected)
        self.panel.show(self.session.selected)
        self.floor_strip.update_floor()
        if self.tick_enabled:
            self.set_interval(self.TICK_SECONDS, self.tick)
        self.saver.show_notes()
        self.saver.started(before_exit=self.writing.stop)
        if self.session.settings.previous is not None:
            self.followup.previous.on_open()  # a pending adoption of the carried decisions
        self.call_after_refresh(self._freeze_startup_objects)

    def _freeze_startup_objects(self) -> None:
        """What start-up made (Textual's modules, the agenda, the tree's nodes) lives as
        long as the app: set aside, the collector never scans it again. Its full scans
        held a keystroke up by up to 0.1 s on a 5,000-item agenda."""
        gc.freeze()

    def on_unmount(self) -> None:
        gc.unfreeze()  # collectable again: tests run many apps in one process

    def tick(self) -> None:
        """Once a second: the clock widgets, and nothing else.

        Not once the app shuts down: Textual removes the screens' widgets first and stops
        the app's timers only after, so a tick due meanwhile found no TopBar (NoMatches,
        raised at the exit). The app stops running before the first widget goes, and the
        tick reads that in the same step as its queries (no await between them)."""
        if not self.is_running:
            return
        self.timekeeper.check_clock()
        self.top_bar.refresh()
        self.agenda_tree.tick()
        if self.session.selected == self.session.current:
            self.panel.update_clock()
        if self.session.speech_in_progress() is not None:
            self.floor.tick()  # the speech's countdown (made on first use, as the floor)

    # ---------------------------------------------------------------- widgets
    @property
    def agenda_tree(self) -> AgendaTree:
        return self.query_one(AgendaTree)

    @property
    def panel(self) -> ItemPanel:
        return self.query_one(ItemPanel)

    @property
    def editor(self) -> DecisionEditor:
        return self.query_one("#editor", DecisionEditor)

    @property
    def decision_list(self) -> DecisionList:
        return self.query_one(DecisionList)

    @property
    def top_bar(self) -> TopBar:
        return self.query_one(TopBar)

    @property
    def save_status(self) -> SaveStatus:
        return self.query_one(SaveStatus)

    @property
    def floor_strip(self) -> FloorStrip:
        return self.query_one(FloorStrip)

    # ---------------------------------------------------------------- the saver's
    @property
    def session_path(self) -> Path:
        return self.saver.session_path

    @property
    def autosaver(self) -> Autosaver:
        return self.saver.autosaver

    @property
    def lock(self) -> SessionLock | None:
        return self.saver.lock

    @property
    def notes(self) -> list[str]:
        return self.saver.notes

    @property
    def save_error(self) -> Exception | None:
        return self.saver.save_error

    @property
    def read_only(self) -> bool:
        return self.saver.read_only

    @read_only.setter
    def read_only(self, value: bool) -> None:
        self.saver.read_only = value

    def save_now(self) -> None:
        self.saver.save_now()

    @on(SaveDone)
    def _save_done(self, message: SaveDone) -> None:
        self.saver.saved(message)

    def on_notify(self, event: Notify) -> None:
        """The newest notices only (this runs before Textual adds the new one): at
        80x24 three stacked toasts covered half the agenda."""
        older = list(self._notifications)
        for notification in older[:max(0, len(older) - (TOASTS_SHOWN - 1))]:
            self._unnotify(notification, refresh=False)

    # ---------------------------------------------------------------- helpers
    def phrases(self) -> list[str]:
        """The editor's opening phrases: the meeting's own, then the standard ones."""
        return phrase_list(self.session.settings.phrases, self.session.settings.language)

    def editor_open(self) -> bool:
        return self.writing.editing is not None

    def refresh_items(self, *keys: str | None) -> None:
        for key in keys:
            self.agenda_tree.refresh_item(key)
        self.top_bar.refresh()
        self.panel.show(self.session.selected)
        self.floor_strip.update_floor()  # the floor follows the current item

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
        self.agenda_tree.select_key(key)
        self.focus_now(self.agenda_tree)

    def go_to_decision(self, key: str, decision_id: int) -> None:
        """Move the cursor to an item and highlight one of its decisions in the list
        (the palette's search, a decision moved there)."""
        self.show_unmatched(key)  # an entry under "Unmatched" shown: no longer
        self.session.select(key)
        self.panel.show(key, decision_id)
        self.agenda_tree.select_key(key)  # its highlight finds the item selected
        self.focus_now(self.decision_list)
        self.saver.save_soon()

    def agenda_amended(self, key: str | None, message: str) -> None:
        self.amender.agenda_amended(key, message)

    # ---------------------------------------------------------------- the cursor
    async def action_navigate(self, key: str) -> None:
        """Move the focused widget's cursor as its own binding for ``key`` would, and
        let the selection follow at once (before the next key is read)."""
        widget = self.focused
        if widget is None:
            return
        action = bound_action(widget, key)
        if action is not None:
            await widget.run_action(action)
        tree = self.agenda_tree
        if widget is tree and tree.cursor_node is not None:
            self._select_node(tree.cursor_node)

    @on(Tree.NodeHighlighted, "#agenda")
    def _item_highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        self._select_node(event.node)

    def _select_node(self, node: TreeNode[str]) -> None:
        key = node.data
        was_unmatched = (self.viewing_unmatched is not None
                         or self.panel.unmatched_view is not None)
        if key is None or self.show_unmatched(key):
            return
        if key == self.session.selected and not was_unmatched:
            return
        self.session.select(key)
        self.panel.show(key)
        self.saver.save_soon()

    def unmatched_entry(self) -> UnmatchedEntry | None:
        if self.viewing_unmatched is None:
            return None
        return self.session.unmatched[self.viewing_unmatched]

    def show_unmatched(self, key: str) -> bool:
        """The tree's cursor is on ``key``: if it is under "Unmatched", show that entry
        (read-only) and say True; otherwise forget any entry shown and say False."""
        index = unmatched_index(key)
        if index is None:
            self.viewing_unmatched = None
            self.panel.unmatched_view = None
            return False
        self.viewing_unmatched = index if index >= 0 else None
        self.panel.show_unmatched(self.unmatched_entry(), len(self.session.unmatched))
        return True

    @on(TextArea.Changed, "#editor")
    def _typed(self, event: TextArea.Changed) -> None:
        editing = self.writing.editing
        if editing is None:
            return
        key, decision_id = editing
        self.session.set_text(key, decision_id, self.editor.text)
        if key == self.session.selected:
            # Its entry alone, shortened while it is long: a key's cost does not grow
            # with the decisions (their number, their length).
            self.decision_list.show_typing(self.session.decision(key, decision_id))
        self.saver.save_soon()

    # ---------------------------------------------------------------- where keys act
    def get_driver_class(self) -> type[Driver]:
        return driver_class(super().get_driver_class())  # escape, then a key (keys.py)

    async def on_event(self, event: events.Event) -> None:
        """Keys read while the editor catches up after escape wait behind it, in order
        (the text after "escape a" lands in the new decision)."""
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._draining or self._held:
                self._held += 1
                self.editor.call_later(self._replay, event)
                return
            await self._read_key(event)
            return
        await super().on_event(event)

    async def _replay(self, event: events.Key) -> None:
        if self._draining:  # behind another escape now
            self.editor.call_later(self._replay, event)
            return
        self._held -= 1
        await self._read_key(event)

    async def _read_key(self, event: events.Key) -> None:
        """An alt+key nothing here binds is escape typed quickly before the key (keys.py):
        both act, in order."""
        key = escape_then(event)
        if key is not None and len(self.screen_stack) > 1 and not self._bound(event.key):
            await self._leave_dialog(event, key)
            return
        if key is not None and len(self.screen_stack) == 1 and not self._bound(event.key):
            await super().on_event(events.Key("escape", "\x1b"))
            if self._draining:
                self._held += 1
                self.editor.call_later(self._replay, key)
            else:
                await super().on_event(key)
            return
        await super().on_event(event)

    async def _leave_dialog(self, event: events.Key, key: events.Key) -> None:
        """Escape then a key in a dialog (a question, the help, the palette): escape does
        what the dialog's own binding of it does (it closes), at once, and the key acts
        where it lands, on the screen below: "escape n" neither types an n into the
        dialog's field nor answers it."""
        if await self._check_bindings("escape"):
            await super().on_event(key)
        else:  # nothing here binds escape: the alt+key as Textual reads it
            await super().on_event(event)

    def _bound(self, key: str) -> bool:
        """Does the app, the screen or the focused widget bind ``key`` (alt+up, the
        editor's alt+delete)?"""
        return any(bound_action(node, key) is not None
                   for node in (self, self.screen, self.focused) if node is not None)

    def refused_in_read_only(self, action: str) -> bool:
        command = BY_ACTION.get(action)
        return self.read_only and command is not None and not command.read_only

    def blocked_on_unmatched(self, action: str) -> bool:
        """Item actions do nothing while the cursor is on the "Unmatched" branch."""
        command = BY_ACTION.get(action)
        if command is None or not command.needs_item:
            return False
        node = self.agenda_tree.cursor_node
        return node is not None and unmatched_index(node.data) is not None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "navigate":  # elsewhere (the editor, a dialog) the key goes on
            return len(self.screen_stack) == 1 and self.focused in (self.agenda_tree,
                                                                    self.decision_list)
        command = BY_ACTION.get(action)
        if command is None:
            return True
        if len(self.screen_stack) > 1:
            return False  # a dialog, the help or the palette has the keys
        if self.blocked_on_unmatched(action):
            return False  # an entry under "Unmatched" is shown, not an item
        if self.refused_in_read_only(action):
            return None  # read-only: the footer shows the key dimmed
        in_editor = self.focused is not None and self.focused.id == "editor"
        if command.where is Where.IN_EDITOR:
            return in_editor
        if in_editor and command.where is not Where.ANYWHERE:
            return False  # letters, space, enter and delete type in the editor
        if command.needs_decision:
            return self.selected_decision() is not None or None
        return True

    async def run_action(
        self, action: str | ActionParseResult, default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """While the editor catches up after escape, later key actions queue behind it."""
        name = action if isinstance(action, str) else action[1]  # (namespace, name, params)
        if self.refused_in_read_only(name):
            self.notify("Read-only: nothing can be changed here", severity="warning")
            return True
        if self._draining and name in BY_ACTION:
            self.editor.call_later(self.run_action, action, default_namespace, namespaces)
            return True
        return await super().run_action(action, default_namespace, namespaces)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for command in COMMANDS:
            if command.palette is None or self.refused_in_read_only(command.action):
                continue
            # Plain text: the palette's CommandsProvider (providers.py) reads no markup.
            yield SystemCommand(command.palette, f"{command.help} [{command.display}]",
                                getattr(self, f"action_{command.action}"))
        if not self.read_only:  # the settings and the adoption change the session
            yield from self.decisions.palette_commands()
        for palette in PALETTE_COMMANDS:  # the floor's and the follow-up's
            if not (palette.changes and self.read_only):
                yield SystemCommand(palette.title, palette.help,
                                    partial(self.run_palette_command, palette))
        if self.session.settings.previous is not None:  # its adoption may be marked there
            yield from self.followup.previous.palette_commands()

    def run_palette_command(self, command: PaletteCommand) -> None:
        """A ``PALETTE_COMMANDS`` line chosen: its controller made now, if not yet."""
        getattr(getattr(self, command.controller), command.method)(*command.args)

    # ---------------------------------------------------------------- the meeting
    def action_toggle_clock(self) -> None:
        self.timekeeper.toggle_clock()

    def action_take_up(self) -> None:
        if self.focused is self.decision_list:
            self.action_edit_decision()  # enter on a decision opens it
            return
        node = self.agenda_tree.cursor_node
        if node is not None and node.data is not None:
            self.timekeeper.take_up(node.data)

    def action_take_up_next(self) -> None:
        self.timekeeper.take_up_next()

    def action_take_up_previous(self) -> None:
        self.timekeeper.take_up_previous()

    def action_toggle_skip(self) -> None:
        self.timekeeper.toggle_skip()

    def action_set_plan(self) -> None:
        self.timekeeper.set_plan()

    def action_command_palette(self) -> None:
        """ctrl+p: Textual's palette, the meeting screen behind it drawn once
        (screens/dialog.py)."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            from .screens.dialog import Palette

            self.push_screen(Palette(id="--command-palette"))

    def action_time_report(self) -> None:
        self.timekeeper.time_report()

    def action_end_day(self) -> None:
        self.timekeeper.end_day()

    # ---------------------------------------------------------------- decisions
    def action_add_decision(self) -> None:
        self.writing.add()

    def action_edit_decision(self) -> None:
        self.writing.edit()

    def action_toggle_final(self) -> None:
        self.writing.toggle_final()

    def action_delete_decision(self) -> None:
        self.writing.delete()

    def action_move_decision(self) -> None:
        self.writing.move()

    def action_move_decision_up(self) -> None:
        self.writing.reorder(-1)

    def action_move_decision_down(self) -> None:
        self.writing.reorder(+1)

    def action_leave_editor(self) -> None:
        """Keys typed before escape may still wait in the editor's queue: move focus
        now (so later keys act), and take the text once the editor has caught up."""
        if self.writing.editing is None:
            return
        self.focus_now(self.decision_list)
        self._draining += 1
        self.editor.call_later(self._finish_leaving)

    def _finish_leaving(self) -> None:
        self._draining -= 1
        left = self.writing.stop()
        if self.focused is self.decision_list and not (left and left[0] == self.session.selected):
            self.focus_now(self.agenda_tree)

    def action_copy_item_decisions(self) -> None:
        self.decisions.copy_item()

    def action_copy_all_decisions(self) -> None:
        self.decisions.copy_all()

    def action_export_decisions(self) -> None:
        self.decisions.export()

    def action_translate_decision(self) -> None:
        from .translating import translate_selected

        translate_selected(self)

    def action_adopt_decisions(self) -> None:
        self.decisions.adopt()

    def edit_setting(self, command: SettingCommand) -> None:
        self.decisions.edit_setting(command)

    # ---------------------------------------------------------------- notes, actions
    @property
    def history(self) -> History:
        return self.followup.history

    def action_command_line(self) -> None:
        self.followup.open_command_line()

    def action_undo(self) -> None:
        self.followup.undo()

    def action_notes(self) -> None:
        self.followup.notes()

    def action_actions(self) -> None:
        self.followup.actions()

    # ---------------------------------------------------------------- the floor (floor.py)
    def action_add_speaker(self) -> None:
        self.floor.speakers(adding=True)

    def action_speakers(self) -> None:
        self.floor.speakers()

    def action_give_floor(self) -> None:
        self.floor.give_floor()

    def action_pause_speech(self) -> None:
        self.floor.pause_speech()

    def action_roll(self) -> None:
        self.floor.roll()

    def action_vote(self) -> None:
        self.floor.vote()

    # ---------------------------------------------------------------- the agenda
    def action_insert_item(self) -> None:
        self.amender.insert(AFTER)

    def action_insert_sub_item(self) -> None:
        self.amender.insert(UNDER)

    def action_rename_item(self) -> None:
        self.amender.rename()

    def action_move_item_up(self) -> None:
        self.amender.move(-1)

    def action_move_item_down(self) -> None:
        self.amender.move(+1)

    def action_remove_item(self) -> None:
        self.amender.remove()

    # ---------------------------------------------------------------- saving, help, quit
    def action_save(self) -> None:
        self.save_now()
        if self.saver.flush(5.0):
            self.notify(f"Saved to {self.session_path}")

    def action_save_as(self) -> None:
        self.saver.ask_save_as()

    def action_help(self) -> None:
        from .screens.help import HelpScreen  # the dialogs are imported when opened

        self.push_screen(HelpScreen())

    def action_quit_meeting(self) -> None:
        if self.session.running and not self.read_only:
            from .screens.dialogs import QuitScreen

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
        self.writing.stop()
        self.save_now()
        if self.saver.close(10.0):
            self.exit()

    async def action_quit(self) -> None:
        """ctrl+q and the palette's Quit go through the same safe path as q."""
        self.action_quit_meeting()
