"""The List of decisions in the app: copy (c, C), export (x), adoption and settings.

Mixed into MeetingApp (which provides ``session``, ``session_path``, ``tree``,
``panel``, ``save_now`` and Textual's App methods). The document itself is built and
rendered by export.py; the system clipboard is clipboard.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from .. import clipboard
from ..core.export import (
    DocxUnavailable,
    build_document,
    count_phrase,
    docx_available,
    render,
    render_entries_md,
    render_md,
)
from ..core.phrases import STANDARD_PHRASES, phrase_list
from ..core.settings import default_meeting, default_venue_and_dates, format_date, parse_date
from ..files.exports import export_path, write_file
from .screens.dialogs import ExportScreen, PromptScreen

if TYPE_CHECKING:  # the mixin's methods use the app's attributes
    from .app import MeetingApp as _AppBase
else:
    _AppBase = object


@dataclass(frozen=True)
class SettingCommand:
    """A meeting setting edited from the command palette."""

    name: str  # MeetingSettings field
    title: str  # palette line
    help: str
    placeholder: str = ""


SETTING_COMMANDS: tuple[SettingCommand, ...] = (
    SettingCommand("body", "Settings: body name", "the body whose decisions these are, "
                   "e.g. Lanzarote Committee (header, lead-in, adoption line)",
                   "e.g. Lanzarote Committee"),
    SettingCommand("meeting", "Settings: meeting", "the meeting, e.g. 28th meeting "
                   "(default: from the agenda)", "e.g. 28th meeting"),
    SettingCommand("venue_and_dates", "Settings: venue and dates", "e.g. Strasbourg, "
                   "21-25 September 2020 (default: the agenda's header line with a year)",
                   "e.g. Strasbourg, 21-25 September 2020"),
    SettingCommand("lead_in", "Settings: lead-in", "the sentence before the decisions "
                   "(default: During this meeting, the <body>:)",
                   "During this meeting, the Committee:"),
    SettingCommand("phrases", "Settings: opening phrases", "the meeting's own opening "
                   "phrases, offered first in the editor (one a line)"),
)
ADOPT_TITLE = "Settings: adoption date"
ADOPT_HELP = ("the day the body adopted the list: every final decision becomes adopted on it "
              "(empty withdraws the adoption)")


class DecisionsActions(_AppBase):
    """c, C and x; the adoption and the meeting settings in the command palette."""

    export_format = "md"  # the last format chosen with x

    # ------------------------------------------------------------ copying
    def phrases(self) -> list[str]:
        return phrase_list(self.session.settings.phrases)

    def action_copy_item_decisions(self) -> None:
        session = self.session
        key = session.selected
        if key is None:
            return
        entries = build_document(session, keys=[key]).entries
        if not entries:
            self.notify(
                f"No final decision in {session.item(key).label} to copy (f marks one final)"
            )
            return
        self.copy_text(render_entries_md(entries), count_phrase(len(entries)))

    def action_copy_all_decisions(self) -> None:
        doc = build_document(self.session)
        if not doc.count:
            self.notify("No final decision yet: nothing to copy (f marks one final)")
            return
        self.copy_text(render_md(doc), f"List of decisions ({count_phrase(doc.count)})")

    def copy_text(self, text: str, what: str) -> None:
        """Through the terminal (OSC 52: reaches the user's clipboard even over SSH,
        never confirms) and, on a thread, the system clipboard (checked)."""
        self.copy_to_clipboard(text)
        self.run_worker(
            partial(self._system_copy, text, what), thread=True, group="clipboard",
            description="copy to the system clipboard",
        )

    def _system_copy(self, text: str, what: str) -> None:
        try:
            mechanism = clipboard.copy(text)
        except clipboard.ClipboardUnavailable as exc:
            self.call_from_thread(
                self.notify,
                f"{what} copied through the terminal only (OSC 52, unconfirmed); "
                f"{exc}",
                severity="warning",
                timeout=10,
            )
            return
        self.call_from_thread(
            self.notify,
            f"{what} copied: system clipboard ({mechanism}) and terminal (OSC 52)",
        )

    # ------------------------------------------------------------ export
    def action_export_decisions(self) -> None:
        where = export_path(self.session_path, "…").name
        self.push_screen(
            ExportScreen(where, self.export_format, docx_available()), self._export
        )

    def _export(self, fmt: str | None) -> None:
        if fmt is None:
            return
        self.export_format = fmt
        doc = build_document(self.session)
        path = export_path(self.session_path, fmt)
        try:
            write_file(path, render(doc, fmt))
        except DocxUnavailable as exc:
            self.notify(str(exc), severity="error", timeout=10)
            return
        except OSError as exc:
            self.notify(f"Cannot write {path}: {exc.strerror or exc}",
                        severity="error", timeout=10)
            return
        note = "" if doc.count else " (no final decision yet)"
        self.notify(f"{count_phrase(doc.count)} exported to {path}{note}",
                    timeout=10)

    # ------------------------------------------------------------ adoption
    def action_adopt_decisions(self) -> None:
        session = self.session
        adopted = session.settings.adopted_on
        today = session.now().astimezone().date()
        value = (adopted or today).isoformat()
        hint = ("Every final decision becomes adopted on this date: 2020-09-25 or "
                "25 September 2020. Empty withdraws the adoption. enter saves, escape "
                "cancels.")

        def check(text: str) -> None:
            if text.strip():
                parse_date(text)
            elif adopted is None:
                raise ValueError("no date: the list is not adopted (escape cancels)")

        self.push_screen(
            PromptScreen(ADOPT_TITLE, value, hint, placeholder="2020-09-25", check=check),
            self._adopt,
        )

    def _adopt(self, text: str | None) -> None:
        if text is None:
            return
        session = self.session
        if not text.strip():
            count = session.withdraw_adoption()
            message = f"Adoption withdrawn: {count_phrase(count)} final again"
        else:
            day: date = parse_date(text)
            if not any(d.final for s in session.states.values() for d in s.decisions):
                self.notify("No final decision to adopt (f marks one final)")
                return
            count = session.adopt(day)
            message = f"{count_phrase(count)} adopted on {format_date(day)}"
        self._decisions_changed()
        self.notify(message)

    def _decisions_changed(self) -> None:
        self.tree.refresh()
        self.panel.show(self.session.selected)
        self.save_now()

    # ------------------------------------------------------------ settings
    def edit_setting(self, command: SettingCommand) -> None:
        session = self.session
        settings = session.settings
        if command.name == "phrases":
            value = "\n".join(settings.phrases)
            hint = ("One phrase a line; they come before the standard ones ("
                    + ", ".join(STANDARD_PHRASES[:3]) + ", …). ctrl+s saves, escape cancels.")
            screen = PromptScreen(command.title, value, hint, multiline=True,
                                  placeholder="e.g. Took note with appreciation of")
        else:
            default = self._setting_default(command.name)
            current = getattr(settings, command.name)
            value = current if current is not None else default
            shown = f"Default: {default}." if default else "No default."
            hint = f"{command.help[:1].upper()}{command.help[1:]}. {shown} Empty: the " \
                   "default. enter saves, escape cancels."
            screen = PromptScreen(command.title, value, hint, placeholder=command.placeholder)
        self.push_screen(screen, partial(self._set_setting, command))

    def _setting_default(self, name: str) -> str:
        session = self.session
        agenda = session.agenda
        if name == "meeting":
            return default_meeting(agenda)
        if name == "venue_and_dates":
            return default_venue_and_dates(agenda)
        if name == "lead_in":
            body = session.settings.resolved_body()
            return f"During this meeting, the {body}:" if body else "During this meeting:"
        return ""

    def _set_setting(self, command: SettingCommand, text: str | None) -> None:
        if text is None:
            return
        session = self.session
        if command.name == "phrases":
            session.set_setting("phrases", [line.strip() for line in text.splitlines()])
            count = len(session.settings.phrases)
            self.notify(f"{count} own opening phrase{'' if count == 1 else 's'}")
        else:
            value = " ".join(text.split())
            default = self._setting_default(command.name)
            session.set_setting(command.name, None if value in ("", default) else value)
            shown = value or default or "(none)"
            self.notify(f"{command.title.removeprefix('Settings: ').capitalize()}: {shown}")
        self.save_now()

    def decision_commands(self) -> Iterable[SystemCommand]:
        """The palette lines for the settings and the adoption."""
        if self.read_only:
            return  # nothing can be changed
        action: Callable[[], None]
        for command in SETTING_COMMANDS:
            action = partial(self.edit_setting, command)
            yield SystemCommand(command.title, command.help, action)
        yield SystemCommand(ADOPT_TITLE, ADOPT_HELP, self.action_adopt_decisions)
