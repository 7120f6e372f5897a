"""`serve` lets only its own page read the meeting, within bounds.

The server is textual-serve's with a guard on its websocket: the Origin must be the
host the browser used (any web page a participant has open could otherwise read the
meeting), the viewers are capped, and the terminal size a URL asks for is bounded.
The follow command here is a stand-in process: the guard acts before it starts.
"""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("textual_serve")

from aiohttp import WSServerHandshakeError  # noqa: E402
from aiohttp.test_utils import TestClient, TestServer  # noqa: E402

from meeting_tui.serve import (  # noqa: E402
    MAX_HEIGHT,
    MAX_WIDTH,
    FollowServer,
    clamp_size,
    exposure_warning,
)

SLEEPER = f"{sys.executable} -c 'import time; time.sleep(30)'"


async def client_of(server: FollowServer) -> TestClient:
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    return client


async def test_a_websocket_from_another_origin_is_refused():
    client = await client_of(FollowServer(SLEEPER, host="127.0.0.1", port=8000))
    try:
        host = f"{client.host}:{client.port}"
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", headers={"Origin": "https://evil.example"})
        assert refused.value.status == 403
        with pytest.raises(WSServerHandshakeError):
            await client.ws_connect("/ws", headers={"Origin": f"http://{host}.evil.example"})
        ws = await client.ws_connect("/ws", headers={"Origin": f"http://{host}"})
        await ws.close()
    finally:
        await client.close()


async def test_viewers_are_capped():
    server = FollowServer(SLEEPER, host="127.0.0.1", port=8000)
    server.max_viewers = 1
    client = await client_of(server)
    try:
        origin = {"Origin": f"http://{client.host}:{client.port}"}
        first = await client.ws_connect("/ws", headers=origin)
        with pytest.raises(WSServerHandshakeError) as refused:
            await client.ws_connect("/ws", headers=origin)
        assert refused.value.status == 503
        await first.close()
    finally:
        await client.close()


def test_the_terminal_size_is_bounded():
    assert clamp_size(2000, 2000) == (MAX_WIDTH, MAX_HEIGHT)
    assert clamp_size(120, 40) == (120, 40)
    assert clamp_size(-5, 0) == (20, 5)


def test_listening_beyond_this_machine_is_said():
    assert exposure_warning("127.0.0.1", 8000) is None
    assert exposure_warning("localhost", 8000) is None
    assert exposure_warning("::1", 8000) is None
    warning = exposure_warning("0.0.0.0", 8123)
    assert warning is not None and "anyone who can reach this machine" in warning
    assert "8123" in warning
