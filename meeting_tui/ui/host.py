"""What the app's controllers (saving, decisions, amending, time-keeping) use of it.

A Protocol, so that a controller names what it needs without importing the app (which
imports the controllers): MeetingApp satisfies it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from textual.geometry import Size
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.worker import Worker

from ..core.session import Session
from .widgets.agenda_tree import AgendaTree
from .widgets.decision_editor import DecisionEditor
from .widgets.item_panel import DecisionList, ItemPanel
from .widgets.save_status import SaveStatus
from .widgets.top_bar import TopBar

if TYPE_CHECKING:
    from ..core.undo import History


class Host(Protocol):
    session: Session

    @property
    def agenda_tree(self) -> AgendaTree: ...

    @property
    def panel(self) -> ItemPanel: ...

    @property
    def top_bar(self) -> TopBar: ...

    @property
    def editor(self) -> DecisionEditor: ...

    @property
    def decision_list(self) -> DecisionList: ...

    @property
    def save_status(self) -> SaveStatus: ...

    @property
    def is_running(self) -> bool: ...

    def save_now(self) -> None: ...

    def refresh_items(self, *keys: str | None) -> None:
        """The tree's lines of ``keys``, the top bar and the item panel redrawn."""

    def selected_decision(self) -> tuple[str, int] | None:
        """(item key, decision id) of the decision under the list's cursor."""

    def editor_open(self) -> bool:
        """A decision is being edited."""

    def focus_now(self, widget: Widget) -> None:
        """Focus at once: keys already queued must reach the widget focused."""

    @property
    def history(self) -> History:
        """What u (and the command line's undo) takes back."""

    def go_to_decision(self, key: str, decision_id: int) -> None:
        """The cursor on the item, the decision highlighted in its list."""

    # Textual's App
    @property
    def size(self) -> Size: ...

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None: ...

    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], None] | None = None,
                    ) -> Any: ...

    def set_timer(self, delay: float, callback: Callable[[], object] | None = None,
                  ) -> Timer: ...

    def set_interval(self, interval: float, callback: Callable[[], object] | None = None,
                     ) -> Timer: ...

    def post_message(self, message: Message) -> bool: ...

    def call_from_thread(self, callback: Callable[..., Any], *args: Any,
                         **kwargs: Any) -> Any: ...

    def run_worker(self, work: Callable[[], None], name: str | None = "",
                   group: str = "default", description: str = "", exit_on_error: bool = True,
                   start: bool = True, exclusive: bool = False, thread: bool = False,
                   ) -> Worker[Any]: ...

    def copy_to_clipboard(self, text: str) -> None: ...

    def bell(self) -> None: ...

    def exit(self, result: Any = None, return_code: int = 0, message: Any = None) -> None: ...
