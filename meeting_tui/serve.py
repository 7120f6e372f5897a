"""`meeting-tui serve`: the follow view in a web browser, through textual-serve.

textual-serve runs a command per browser tab under Textual's web driver and carries
its screen to xterm.js in the page. The command here is `meeting-tui follow SESSION`
with this very interpreter, so PATH and virtual environments do not matter.

Only imported by `serve` (textual-serve is the optional extra ``serve``).
"""

from __future__ import annotations

import asyncio
import shlex
import sys
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from .web import guard

# Each viewer is a follow process of its own (some 40 MB): a cap keeps a meeting's
# page from taking the machine, and a terminal size a URL may ask for is bounded
# (width=2000&height=2000 once cost 530 MB).
MAX_VIEWERS = 60
MAX_WIDTH, MAX_HEIGHT = 300, 120


def clamp_size(width: int, height: int) -> tuple[int, int]:
    """A terminal size a browser asked for, within what a screen can show."""
    return max(20, min(width, MAX_WIDTH)), max(5, min(height, MAX_HEIGHT))


def same_origin(request: web.Request) -> bool:
    """The websocket is opened by our own page (the follow page's rule, ``web.guard``)."""
    return guard.same_origin(request.headers.get("Origin"), request.host)


def exposure_warning(host: str, port: int) -> str | None:
    """What to say when the view can be reached from other machines (no token here)."""
    return guard.exposure_warning(host, port, public=True)


class ClampedAppService(AppService):
    """A follow process whose terminal size stays within bounds, whatever is asked."""

    async def start(self, width: int, height: int) -> None:
        await super().start(*clamp_size(width, height))

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*clamp_size(int(width), int(height)))


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

    viewers = 0
    max_viewers = MAX_VIEWERS

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's, with the origin checked, the viewers counted and the size
        bounded; the rest is its own (one follow process per websocket)."""
        if not same_origin(request):
            raise web.HTTPForbidden(text="this page is not served here")
        if self.viewers >= self.max_viewers:
            raise web.HTTPServiceUnavailable(
                text=f"{self.max_viewers} viewers already follow this meeting")
        width = _int(request.query.get("width", "80"), 80)
        height = _int(request.query.get("height", "24"), 24)
        websocket = web.WebSocketResponse(heartbeat=15)
        service: AppService | None = None
        self.viewers += 1
        try:
            await websocket.prepare(request)
            service = ClampedAppService(
                self.command, write_bytes=websocket.send_bytes,
                write_str=websocket.send_str, close=websocket.close,  # type: ignore[arg-type]
                download_manager=self.download_manager, debug=self.debug)
            await service.start(width, height)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception:  # noqa: BLE001 - one viewer's failure never ends the server
            await websocket.close()
        finally:
            self.viewers -= 1
            if service is not None:
                await service.stop()
        return websocket


def _int(value: str, default: int) -> int:
    try:
        return int(value)
    except ValueError:
        return default


def follow_command(session: str | Path) -> str:
    """The shell command textual-serve starts for each browser tab."""
    path = Path(session).resolve()
    return shlex.join([sys.executable, "-m", "meeting_tui", "follow", str(path)])


def serve(session: str | Path, host: str, port: int, max_viewers: int = MAX_VIEWERS) -> None:
    """Serve the follow view until interrupted; OSError when it cannot listen."""
    warning = exposure_warning(host, port)
    if warning:
        print(f"meeting-tui: {warning}", file=sys.stderr)
    server = FollowServer(follow_command(session), host=host, port=port,
                          title=f"meeting-tui follow {Path(session).name}")
    server.max_viewers = max_viewers
    server.serve()
