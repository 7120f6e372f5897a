"""The baseline of bench_terminal.py: bare_tree_app.py's app with the keys the benchmark
presses, each doing the bare Textual equivalent of the meeting screen's.

    .venv/bin/python benchmarks/bare_terminal_app.py BARE.json

BARE.json holds the parsed agenda ("agenda", as bare_tree_app.py reads it) and what the
dialogs show ("help": rows of key and text, "report": the time report's text), so that
each dialog draws as much as the meeting screen's:

- ``a``: the TextArea is enabled, titled and focused (the editor ready for typing);
- ``?``: a ModalScreen with a title and a Rich table of the rows, in a VerticalScroll;
- ``t``: a ModalScreen with a question, an Input and a hint;
- ``x``: a ModalScreen with a title, an OptionList of four formats and a hint;
- ``r``: a ModalScreen with the report's text in a Static, in a VerticalScroll;
- ``ctrl+p``: Textual's own command palette, with the plain provider of Textual's
  documentation over the item titles (every title scored by Textual's matcher), the
  best 50 kept, as the meeting's palette keeps them.

Escape closes each. Dialogs get the meeting screen's sizes and nothing else of its
styling.
"""

from __future__ import annotations

import heapq
import json
import sys
from functools import partial
from typing import Any, ClassVar

from bare_tree_app import BareTreeApp
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Hit, Hits, Provider
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static, TextArea

CSS = """
ModalScreen { align: center middle; }
.dialog { width: 70; max-width: 95%; height: auto; max-height: 90%;
          border: thick $primary; background: $surface; padding: 1 2; }
.dialog.help { width: 100; }
.dialog.report { width: 120; max-width: 100%; padding: 0 1; }
"""


class Dialog(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Close")]


class HelpDialog(Dialog):
    def __init__(self, rows: list[list[str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True)
        table.add_column()
        for key, text in self.rows:
            table.add_row(key, text)
        with VerticalScroll(classes="dialog help"):
            yield Label("meeting-tui: keys")
            yield Static(table)


class PlanDialog(Dialog):
    def __init__(self, title: str) -> None:
        super().__init__()
        self.item_title = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(Text(f"Planned time for {self.item_title}"))
            yield Input("15", placeholder="minutes")
            yield Label("enter saves, escape cancels")

    def on_mount(self) -> None:
        self.query_one(Input).focus()


class ExportDialog(Dialog):
    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Export"
            yield Label("What: List of decisions")
            yield Label("Language: English")
            yield OptionList("m  Markdown (.md)", "t  plain text, 80 columns (.txt)",
                             "h  HTML, one self-contained file (.html)", "d  Word (.docx)",
                             "p  PDF/A for the archive (.pdf, by LibreOffice)")
            yield Label("Written beside the session file: meeting.decisions.md")
            yield Label("enter exports · w what · l language · escape cancels")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()


class ReportDialog(Dialog):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog report"):
            yield Static(Text(self.text, no_wrap=True, overflow="ellipsis"))
            yield Label("escape closes")


HITS = 50  # as the meeting's items: without it, 5,000 titles took minutes to list


class TitlesProvider(Provider):
    """The provider of Textual's documentation (every title scored by Textual's
    matcher), keeping the best ``HITS``."""

    async def search(self, query: str) -> Hits:
        app = self.app
        assert isinstance(app, BareTerminalApp)
        matcher = self.matcher(query)
        scored = ((matcher.match(title), -n) for n, title in enumerate(app.titles))
        for score, n in heapq.nlargest(HITS, (hit for hit in scored if hit[0] > 0)):
            title = app.titles[-n]
            yield Hit(score, matcher.highlight(title), partial(app.bell), help="go")


class BareTerminalApp(BareTreeApp):
    CSS = CSS
    COMMANDS = App.COMMANDS | {TitlesProvider}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "editor", "Add"), Binding("question_mark", "help", "Help"),
        Binding("t", "plan", "Plan"), Binding("x", "export", "Export"),
        Binding("r", "report", "Report"),
    ]

    def __init__(self, data: dict[str, Any]) -> None:
        super().__init__(data["agenda"])
        self.data = data
        self.titles: list[str] = []

        def walk(items: list[dict[str, Any]]) -> None:
            for item in items:
                self.titles.append(f"{item['number']} {item['title']}" if item["number"]
                                   else item["title"])
                walk(item["children"])

        walk(data["agenda"]["items"])

    def on_mount(self) -> None:
        super().on_mount()
        editor = self.query_one(TextArea)
        editor.disabled = True

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # As in the meeting screen: in the editor the letters type.
        if action in ("editor", "help", "plan", "export", "report"):
            return not isinstance(self.focused, TextArea | Input)
        return True

    def action_editor(self) -> None:
        editor = self.query_one(TextArea)
        editor.disabled = False
        editor.border_title = "Draft decision"
        editor.focus()

    def action_help(self) -> None:
        self.push_screen(HelpDialog(self.data["help"]))

    def action_plan(self) -> None:
        self.push_screen(PlanDialog(self.titles[0]))

    def action_export(self) -> None:
        self.push_screen(ExportDialog())

    def action_report(self) -> None:
        self.push_screen(ReportDialog(self.data["report"]))


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as handle:
        data = json.load(handle)
    BareTerminalApp(data).run()


if __name__ == "__main__":
    main()
