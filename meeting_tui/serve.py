"""`meeting-tui serve`: the follow view in a web browser, through textual-serve.

textual-serve runs a command per browser tab under Textual's web driver and carries
its screen to xterm.js in the page. The command here is `meeting-tui follow SESSION`
with this very interpreter, so PATH and virtual environments do not matter.

Only imported by `serve` (textual-serve is the optional extra ``serve``).
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server


class FollowServer(Server):
    """textual-serve's server, with the page's addresses taken from the request.

    textual-serve writes its static and websocket addresses into the page from the
    address it listens on: listening on 0.0.0.0, a browser on another machine would be
    sent to ws://0.0.0.0:8000, which is not the server. The address the browser used
    (its Host header) always leads back here."""

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        # No await between setting the address and the page using it: one request at
        # a time sees it.
        self.public_url = f"{request.scheme}://{request.host}"
        return await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]


def follow_command(session: str | Path) -> str:
    """The shell command textual-serve starts for each browser tab."""
    path = Path(session).resolve()
    return shlex.join([sys.executable, "-m", "meeting_tui", "follow", str(path)])


def serve(session: str | Path, host: str, port: int) -> None:
    """Serve the follow view until interrupted; OSError when it cannot listen."""
    server = FollowServer(follow_command(session), host=host, port=port,
                          title=f"meeting-tui follow {Path(session).name}")
    server.serve()
