"""`meeting-tui serve`: the follow page, one process for every viewer (aiohttp).

One task polls the session file (``Feed``); each new edition wakes every open push
(server-sent events) at once, and each is sent the same bytes. Between changes
nothing is sent but a comment every 20 seconds, which keeps proxies from closing the
stream and finds viewers that went away: the clocks tick in the browser.

Read-only: only GET (and HEAD) of four addresses are answered, none of them a file on
disk, so no path a request names can lead outside what is served. Listening beyond
this machine it asks for the token it printed unless ``public``; on this machine it
answers only to this machine's names (``guard.py``). The push checks the Origin, and
streams are capped per client address and in all.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web

from . import guard
from .feed import POLL_SECONDS, Feed
from .page import DECISIONS_FILE, content_security_policy

MAX_VIEWERS = 1000
MAX_PER_CLIENT = 20  # a room behind one address (a NAT) still gets in
HEARTBEAT_SECONDS = 20.0
SEND_TIMEOUT = 10.0  # a viewer that takes no data for this long is let go
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

PATHS = ("/", "/index.html", "/state.json", f"/{DECISIONS_FILE}", "/events")


@dataclass
class Limits:
    max_viewers: int = MAX_VIEWERS
    max_per_client: int = MAX_PER_CLIENT


def _headers(content_type: str) -> dict[str, str]:
    return {
        "Content-Type": content_type,
        "Cache-Control": "no-cache",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "X-Frame-Options": "DENY",
        "Content-Security-Policy": content_security_policy(),
    }


REFUSED_TOKEN = ("This meeting's page needs the link that `meeting-tui serve` printed "
                 "(with its token).\n")


class FollowServer:
    """The aiohttp application of the follow page."""

    def __init__(self, feed: Feed, *, token: str | None = None, loopback_only: bool = True,
                 limits: Limits | None = None, poll: float = POLL_SECONDS) -> None:
        self.feed = feed
        self.token = token
        self.loopback_only = loopback_only
        self.limits = limits or Limits()
        self.poll_seconds = poll
        self.streams = 0
        self.per_client: dict[str, int] = {}
        self._changed = asyncio.Event()
        self._closing = asyncio.Event()
        self._watching: asyncio.Task[None] | None = None
        self._message = self._sse(feed.edition.version, feed.edition.state_json)

    # ------------------------------------------------------------ the app
    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._guard], client_max_size=4096)
        app.router.add_get("/", self.index)
        app.router.add_get("/index.html", self.index)
        app.router.add_get("/state.json", self.state)
        app.router.add_get(f"/{DECISIONS_FILE}", self.decisions)
        app.router.add_get("/events", self.events)
        app.on_startup.append(self._start_watching)
        app.on_shutdown.append(self._stop)
        return app

    async def _start_watching(self, app: web.Application) -> None:
        self._watching = asyncio.create_task(self.watch())

    async def _stop(self, app: web.Application) -> None:
        self._closing.set()
        self._wake()
        task = self._watching
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def watch(self) -> None:
        """Poll the file; on a change, one new edition and every stream woken."""
        while True:
            await asyncio.sleep(self.poll_seconds)
            try:
                changed = self.feed.refresh()
            except Exception as exc:  # noqa: BLE001 - the server outlives a bad version
                print(f"meeting-tui: serve: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            if changed:
                edition = self.feed.edition
                self._message = self._sse(edition.version, edition.state_json)
                self._wake()

    def _wake(self) -> None:
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    @staticmethod
    def _sse(version: int, data: bytes) -> bytes:
        return b"id: %d\ndata: %s\n\n" % (version, data)

    # ------------------------------------------------------------ the guard
    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if self.loopback_only and not guard.is_loopback(guard.host_name(request.host)):
            # A name pointed at 127.0.0.1 by some web page (DNS rebinding): not ours.
            raise web.HTTPMisdirectedRequest(text="this page is served on this machine only\n")
        if self.token is not None:
            given = request.query.get("token")
            if given is not None:
                if not guard.token_matches(given, self.token):
                    raise web.HTTPForbidden(text=REFUSED_TOKEN)
                # The token goes into a cookie, and out of the address bar and history.
                path = request.rel_url.path
                response = web.HTTPSeeOther(path if path in PATHS else "/")
                response.set_cookie(guard.COOKIE, self.token, httponly=True,
                                    samesite="Strict", path="/")
                raise response
            if not guard.token_matches(request.cookies.get(guard.COOKIE), self.token):
                raise web.HTTPForbidden(text=REFUSED_TOKEN)
        return await handler(request)

    # ------------------------------------------------------------ the routes
    async def index(self, request: web.Request) -> web.Response:
        return web.Response(body=self.feed.edition.live_page,
                            headers=_headers("text/html; charset=utf-8"))

    async def decisions(self, request: web.Request) -> web.Response:
        return web.Response(body=self.feed.edition.decisions,
                            headers=_headers("text/html; charset=utf-8"))

    async def state(self, request: web.Request) -> web.Response:
        edition = self.feed.edition
        headers = _headers("application/json")
        headers["ETag"] = edition.etag
        if edition.etag in request.headers.get("If-None-Match", ""):
            return web.Response(status=304, headers={"ETag": edition.etag})
        return web.Response(body=edition.state_json, headers=headers)

    async def events(self, request: web.Request) -> web.StreamResponse:
        """The push: the current state at once, then each new one (newest wins: a slow
        viewer skips the versions it missed rather than queueing them)."""
        if not guard.same_origin(request.headers.get("Origin"), request.host):
            raise web.HTTPForbidden(text="this page is not served here\n")
        client = request.remote or "?"
        if self.streams >= self.limits.max_viewers:
            raise web.HTTPServiceUnavailable(
                text=f"{self.limits.max_viewers} viewers already follow this meeting\n",
                headers={"Retry-After": "30"})
        if self.per_client.get(client, 0) >= self.limits.max_per_client:
            raise web.HTTPTooManyRequests(
                text=f"{self.limits.max_per_client} pages already follow from {client}\n",
                headers={"Retry-After": "30"})
        self.streams += 1
        self.per_client[client] = self.per_client.get(client, 0) + 1
        try:
            return await self._stream(request)
        finally:
            self.streams -= 1
            self.per_client[client] -= 1
            if not self.per_client[client]:
                del self.per_client[client]

    async def _stream(self, request: web.Request) -> web.StreamResponse:
        headers = _headers("text/event-stream")
        headers["X-Accel-Buffering"] = "no"  # nginx in front: pass each message at once
        response = web.StreamResponse(headers=headers)
        await response.prepare(request)
        hello = json.dumps({"now": datetime.now(UTC).isoformat()}).encode()
        sent = -1
        with contextlib.suppress(ConnectionError, TimeoutError):
            await self._send(response, b"retry: 2000\nevent: hello\ndata: %s\n\n" % hello)
            while not self._closing.is_set():
                changed = self._changed
                if self.feed.edition.version != sent:
                    sent = self.feed.edition.version
                    await self._send(response, self._message)
                    continue
                try:
                    await asyncio.wait_for(changed.wait(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    await self._send(response, b": still here\n\n")
        return response

    @staticmethod
    async def _send(response: web.StreamResponse, data: bytes) -> None:
        await asyncio.wait_for(response.write(data), SEND_TIMEOUT)


def public_url(host: str, port: int, token: str | None) -> str:
    """The address to open: this machine's name when listening on every network."""
    shown = socket.gethostname() if host in ("0.0.0.0", "::", "") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(session: str | Path, host: str, port: int, *, public: bool = False,
          limits: Limits | None = None) -> None:
    """Serve the follow page until interrupted; OSError when it cannot listen."""
    feed = Feed(session)
    feed.edition  # noqa: B018 - the first load: one line, exit 2, before listening
    loopback = guard.is_loopback(host)
    token = None if loopback or public else guard.new_token()
    warning = guard.exposure_warning(host, port, public=public)
    if warning:
        print(f"meeting-tui: {warning}", file=sys.stderr)
    server = FollowServer(feed, token=token, loopback_only=loopback, limits=limits)
    print(f"meeting-tui: following {Path(session).name} at {public_url(host, port, token)}",
          flush=True)
    web.run_app(server.app(), host=host, port=port, print=None, access_log=None,
                shutdown_timeout=2)
