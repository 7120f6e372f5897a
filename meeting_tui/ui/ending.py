"""How a screen ended, as the command's exit status.

Textual's ``App.run()`` returns normally even when the app stopped on an unhandled
error (it prints the traceback itself, then sets ``return_code`` to 1): without this
the shell would see exit status 0 after a crash.
"""

from __future__ import annotations

import sys
from typing import Any

from textual.app import App

from ..core.printable import printable_line


def exit_status(app: App[Any]) -> int:
    """The app's return code (0 when it quit normally); on an unhandled error, one line
    on stderr says so, under Textual's traceback."""
    code = app.return_code or 0
    error = getattr(app, "_exception", None)
    if error is not None:
        what = printable_line(f"{type(error).__name__}: {error}")
        print(f"meeting-tui: the screen ended on an unexpected error ({what})",
              file=sys.stderr)
        return code or 1
    return code
