"""The export dialog (x): what (the List of decisions, the abridged report, the
follow-up actions), in which language(s), in which format; keyboard only, at 80x24.

``w`` cycles what is exported, ``l`` the language(s) of the List (the meeting's, its
second language, both as two files, both side by side); a format's letter (or enter on
it) exports at once. A format that cannot be made here (DOCX without python-docx, PDF
without LibreOffice, PDF of the report) says why on its line and is refused in one
line. The names of the files it writes are shown before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from ..display import plain
from .dialog import Dialog

WHATS = (("decisions", "List of decisions"),
         ("minutes", "abridged report (notes and decisions)"),
         ("actions", "follow-up actions"))
FORMATS = (
    ("md", "m", "Markdown (.md)"),
    ("txt", "t", "plain text, 80 columns (.txt)"),
    ("html", "h", "HTML, one self-contained file (.html)"),
    ("docx", "d", "Word (.docx)"),
    ("pdf", "p", "PDF/A for the archive (.pdf, by LibreOffice)"),
)
DOCX_NEEDS = "needs pip install 'meeting-tui[docx]'"
PDF_NEEDS = "needs LibreOffice (soffice): not installed"
PDF_LIST_ONLY = "the List of decisions only"


# Named tuples, not frozen dataclasses: made as the dialog first opens, and Python
# 3.11 compiles each generated method of a dataclass (3.4 million instructions each,
# 0.6 million as a named tuple).
class Languages(NamedTuple):
    """One choice of the language line: the List's languages, as files or side by side."""

    codes: tuple[str, ...]
    side_by_side: bool
    label: str


class ExportChoice(NamedTuple):
    what: str  # "decisions", "minutes", "actions"
    fmt: str  # one of FORMATS
    languages: Languages


class ExportScreen(Dialog["ExportChoice | None"]):
    """The choice made, or None on escape. ``names(choice)`` gives the files the choice
    would write (shown under the formats)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("w", "cycle_what", "What", show=False),
        Binding("l", "cycle_language", "Language", show=False),
        *(Binding(key, f"choose('{fmt}')", fmt, show=False) for fmt, key, _ in FORMATS),
    ]
    # At 80x24 every line shows whole: the title is the border's, the hints wrap.
    DEFAULT_CSS = """
    ExportScreen #export-formats { height: auto; max-height: 7; }
    ExportScreen .export-line, ExportScreen .hint { width: 100%; }
    """

    def __init__(self, names: Callable[[ExportChoice], Sequence[str]], *,
                 languages: Sequence[Languages], what: str = "decisions",
                 fmt: str = "md", language: int = 0, docx: bool = True,
                 pdf: bool = True) -> None:
        super().__init__()
        self.names = names
        self.languages = tuple(languages)
        self.what = what
        self.default = fmt
        self.language = language if 0 <= language < len(self.languages) else 0
        self.docx = docx
        self.pdf = pdf

    # ------------------------------------------------------------ what can be made
    def problem(self, fmt: str) -> str:
        """Why ``fmt`` cannot be made here ("" when it can)."""
        if fmt in ("docx", "pdf") and not self.docx:
            return DOCX_NEEDS
        if fmt == "pdf" and self.what != "decisions":
            return PDF_LIST_ONLY
        if fmt == "pdf" and not self.pdf:
            return PDF_NEEDS
        return ""

    def choice(self, fmt: str) -> ExportChoice:
        return ExportChoice(self.what, fmt, self.languages[self.language])

    # ------------------------------------------------------------ drawing
    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog") as dialog:
            dialog.border_title = "Export"
            yield Label(id="export-what", classes="export-line")
            yield Label(id="export-language", classes="export-line")
            yield OptionList(*self._options(), id="export-formats")
            yield Label(id="export-where", classes="hint")
            yield Label("enter exports · w what · l language · escape cancels",
                        id="export-keys", classes="hint")

    def _options(self) -> list[Option]:
        options = []
        for fmt, key, label in FORMATS:
            text = Text.assemble((f"{key}  ", "bold"), label)
            problem = self.problem(fmt)
            if problem:
                text.append(f"  {problem}", "italic")
            options.append(Option(text, id=fmt, disabled=bool(problem)))
        return options

    def on_mount(self) -> None:
        formats = self.query_one(OptionList)
        ids = [fmt for fmt, _key, _label in FORMATS]
        formats.highlighted = ids.index(self.default) if self.default in ids else 0
        formats.focus()
        self._redraw(options=False)

    def _redraw(self, options: bool = True) -> None:
        what = dict(WHATS)[self.what]
        self.query_one("#export-what", Label).update(
            Text.assemble(("w  ", "bold"), "What:      ", what))
        language = (self.languages[self.language].label if self.what == "decisions"
                    else "English (the report's and the actions' words)")
        self.query_one("#export-language", Label).update(
            Text.assemble(("l  ", "bold"), "Language:  ", language))
        formats = self.query_one(OptionList)
        if options:
            highlighted = formats.highlighted
            formats.clear_options()
            formats.add_options(self._options())
            formats.highlighted = highlighted
        fmt = formats.highlighted_option.id if formats.highlighted_option else "md"
        names = "\n".join(self.names(self.choice(fmt or "md")))
        self.query_one("#export-where", Label).update(
            plain(f"Written beside the session file:\n{names}"))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if self.is_mounted:
            self._redraw(options=False)

    # ------------------------------------------------------------ keys
    def action_cycle_what(self) -> None:
        ids = [what for what, _label in WHATS]
        self.what = ids[(ids.index(self.what) + 1) % len(ids)]
        self._redraw()

    def action_cycle_language(self) -> None:
        if self.what != "decisions":
            self.notify("The abridged report and the actions are in English only",
                        severity="warning")
            return
        self.language = (self.language + 1) % len(self.languages)
        self._redraw(options=False)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose(event.option.id or "md")

    def action_choose(self, fmt: str) -> None:
        problem = self.problem(fmt)
        if problem:
            name = dict((f, label) for f, _k, label in FORMATS)[fmt].split(" (")[0]
            self.notify(f"{name}: {problem}", severity="warning")
            return
        self.dismiss(self.choice(fmt))

    def action_cancel(self) -> None:
        self.dismiss(None)
