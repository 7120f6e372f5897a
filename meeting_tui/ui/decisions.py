"""The List of decisions in the app: copy (c, C), export (x), adoption and settings.

The document itself is built by core/decision_list.py and rendered by core/export.py;
the system clipboard is clipboard.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand

from .. import clipboard
from ..core.languages import DEFAULT_LANGUAGE, parse_languages, words
from ..core.list_numbers import count_phrase
from ..core.phrases import STANDARD_PHRASES
from ..core.settings import default_meeting, default_venue_and_dates, format_date, parse_date
from .commands import ADOPT_HELP, ADOPT_TITLE, SETTING_COMMANDS, SettingCommand
from .host import Host

if TYPE_CHECKING:
    from .exporting import Exporter


def docx_available() -> bool:
    """Whether python-docx is installed, asked without importing it (nor the exports,
    which the start-up does without): asked as x's dialog opens."""
    from .exporting import docx_installed

    return docx_installed()


class ListOfDecisions:
    """c, C and x; the adoption and the meeting settings in the command palette."""

    def __init__(self, app: Host, session_path: Callable[[], Path]) -> None:
        self.app = app
        self.session = app.session
        self.session_path = session_path  # where the session is saved (w changes it)
        self._exporter: Exporter | None = None

    @property
    def exporter(self) -> Exporter:
        """x's dialog, made (and the exports imported) when first opened."""
        if self._exporter is None:
            from .exporting import Exporter

            # docx_available looked up when the dialog opens (a test takes it away).
            self._exporter = Exporter(self.app, self.session_path,
                                      lambda: docx_available())
        return self._exporter

    # ------------------------------------------------------------ copying
    def copy_item(self) -> None:
        session = self.session
        key = session.selected
        if key is None:
            return
        from ..core.decision_list import build_document  # the List: made when copied

        entries = build_document(session, keys=[key]).entries
        if not entries:
            self.app.notify(
                f"No final decision in {session.item(key).label} to copy (f marks one final)"
            )
            return
        from ..core.export import render_entries_md

        self.copy_text(render_entries_md(entries), count_phrase(len(entries)))

    def copy_all(self) -> None:
        from ..core.decision_list import build_document

        doc = build_document(self.session)
        if not doc.count:
            self.app.notify("No final decision yet: nothing to copy (f marks one final)")
            return
        from ..core.export import render_md

        self.copy_text(render_md(doc), f"List of decisions ({count_phrase(doc.count)})")

    def copy_text(self, text: str, what: str) -> None:
        """Through the terminal (OSC 52: reaches the user's clipboard even over SSH,
        never confirms) and, on a thread, the system clipboard (checked)."""
        self.app.copy_to_clipboard(text)
        self.app.run_worker(
            partial(self._system_copy, text, what), thread=True, group="clipboard",
            description="copy to the system clipboard",
        )

    def _system_copy(self, text: str, what: str) -> None:
        try:
            mechanism = clipboard.copy(text)
        except clipboard.ClipboardUnavailable as exc:
            self.app.call_from_thread(
                self.app.notify,
                f"{what} copied through the terminal only (OSC 52, unconfirmed); "
                f"{exc}; x exports it to a file",
                severity="warning",
                timeout=10,
            )
            return
        self.app.call_from_thread(
            self.app.notify,
            f"{what} copied: system clipboard ({mechanism}) and terminal (OSC 52)",
        )

    # ------------------------------------------------------------ export
    def export(self) -> None:
        """x: the export dialog (ui/exporting.py), which remembers the last choice."""
        self.exporter.open()

    # ------------------------------------------------------------ adoption
    def adopt(self) -> None:
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

        from .screens.prompts import PromptScreen  # the dialog's, when opened
        self.app.push_screen(
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
                self.app.notify("No final decision to adopt (f marks one final)")
                return
            count = session.adopt(day)
            message = f"{count_phrase(count)} adopted on {format_date(day)}"
        self._decisions_changed()
        self.app.notify(message)

    def _decisions_changed(self) -> None:
        self.app.agenda_tree.refresh()
        self.app.panel.show(self.session.selected)
        self.app.save_now()

    # ------------------------------------------------------------ settings
    def edit_setting(self, command: SettingCommand) -> None:
        session = self.session
        settings = session.settings
        if command.name == "phrases":
            value = "\n".join(settings.phrases)
            hint = ("One phrase a line; they come before the standard ones ("
                    + ", ".join(STANDARD_PHRASES[:3]) + ", …). ctrl+s saves, escape cancels.")
            from .screens.prompts import PromptScreen  # the dialog's, when opened
            screen = PromptScreen(command.title, value, hint, multiline=True,
                                  placeholder="e.g. Took note with appreciation of")
        else:
            default = self._setting_default(command.name)
            current = getattr(settings, command.name)
            value = current if current is not None else default
            empty = (f"Default: {default}; empty goes back to it." if default
                     else "No default: empty leaves it out.")
            hint = (f"{command.help[:1].upper()}{command.help[1:]}. {empty} "
                    "enter saves, escape cancels.")
            check = _check_language if command.name in ("language", "second_language") \
                else None
            from .screens.prompts import PromptScreen  # the dialog's, when opened
            screen = PromptScreen(command.title, value, hint, placeholder=command.placeholder,
                                  check=check)
        self.app.push_screen(screen, partial(self._set_setting, command))

    def _setting_default(self, name: str) -> str:
        session = self.session
        agenda = session.agenda
        if name == "meeting":
            return default_meeting(agenda)
        if name == "venue_and_dates":
            return default_venue_and_dates(agenda)
        if name == "lead_in":
            return words(session.settings.language).lead_in(session.settings.resolved_body())
        if name == "language":
            return DEFAULT_LANGUAGE
        if name == "second_language":
            return "fr" if session.settings.resolved_language() == "en" else "en"
        return ""

    def _set_setting(self, command: SettingCommand, text: str | None) -> None:
        if text is None:
            return
        session = self.session
        if command.name == "phrases":
            session.set_setting("phrases", [line.strip() for line in text.splitlines()])
            count = len(session.settings.phrases)
            self.app.notify(f"{count} own opening phrase{'' if count == 1 else 's'}")
        else:
            value = " ".join(text.split())
            if command.name in ("language", "second_language"):
                value = value.casefold()
            default = self._setting_default(command.name)
            session.set_setting(command.name, None if value in ("", default) else value)
            shown = value or default or "(none)"
            self.app.notify(f"{command.title.removeprefix('Settings: ').capitalize()}: {shown}")
        self.app.save_now()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """The palette lines for the settings and the adoption."""
        action: Callable[[], None]
        for command in SETTING_COMMANDS:
            action = partial(self.edit_setting, command)
            yield SystemCommand(command.title, command.help, action)
        yield SystemCommand(ADOPT_TITLE, ADOPT_HELP, self.adopt)


def _check_language(text: str) -> None:
    """One language of the List (ValueError says which there are)."""
    if text.strip() and len(parse_languages(text)) != 1:
        raise ValueError("one language: en, fr, de or es")
