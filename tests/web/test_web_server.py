"""`serve`'s server in this process (aiohttp on 127.0.0.1): the token, the names it
answers to, the Origin of the push, path traversal, read-only, the limits, the ETag,
and a save reaching an open push within a second. And `publish` writing its folder."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from helpers.paths import SEPTEMBER

from meeting_tui.cli import main
from meeting_tui.files.durable import write_atomic
from meeting_tui.files.opening import open_session
from meeting_tui.files.session_toml import dumps
from meeting_tui.web import guard, server
from meeting_tui.web.feed import Feed
from meeting_tui.web.publish import publish
from meeting_tui.web.server import FollowServer, Limits


@pytest.fixture
def meeting(tmp_path):
    agenda = tmp_path / SEPTEMBER.name
    agenda.write_bytes(SEPTEMBER.read_bytes())
    _a, session, path, digest = open_session(str(agenda), None, None)
    session.start()
    session.take_up_next()

    def save() -> None:
        write_atomic(path, dumps(session, str(agenda), digest))

    save()
    return session, path, save


async def started(path, **kwargs) -> TestServer:
    follow = FollowServer(Feed(path), poll=0.05, **kwargs)
    test_server = TestServer(follow.app(), host="127.0.0.1")
    await test_server.start_server()
    test_server.follow = follow  # type: ignore[attr-defined]
    return test_server


async def raw(port: int, request: bytes) -> bytes:
    """One request as written, no client tidying its path."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(request)
    await writer.drain()
    answer = await asyncio.wait_for(reader.read(), 10)
    writer.close()
    return answer


async def next_event(stream: aiohttp.StreamReader, timeout: float) -> dict:
    """The next message of a push (comments and the hello skipped)."""
    event: list[str] = []
    while True:
        line = (await asyncio.wait_for(stream.readline(), timeout)).decode().rstrip("\n")
        if line:
            event.append(line)
            continue
        if any(e.startswith("event: hello") for e in event) or not event:
            event = []
            continue
        data = [e[6:] for e in event if e.startswith("data: ")]
        if data:
            return json.loads("".join(data))
        event = []


async def test_a_save_reaches_every_open_push_within_a_second(meeting):
    session, path, save = meeting
    test_server = await started(path)
    try:
        async with aiohttp.ClientSession() as http:
            responses = [await http.get(test_server.make_url("/events")) for _ in range(5)]
            for response in responses:
                assert response.status == 200
                assert response.headers["Content-Type"].startswith("text/event-stream")
                first = await next_event(response.content, 5)
                assert first["state"]["current"]["number"] == "1"
            session.take_up_next()
            save()
            start = time.monotonic()
            for response in responses:
                later = await next_event(response.content, 5)
                assert later["state"]["current"]["number"] == "2"
            assert time.monotonic() - start < 1.0
            for response in responses:
                response.close()
    finally:
        await test_server.close()


async def test_token_refused_then_accepted_through_a_cookie(meeting):
    _s, path, _save = meeting
    test_server = await started(path, token="s3cret-token", loopback_only=False)
    try:  # (a jar that keeps cookies of an address, as browsers do)
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            for route in ("/", "/state.json", "/events", "/decisions.html"):
                async with http.get(test_server.make_url(route)) as response:
                    assert response.status == 403, route
                    assert "needs the link" in await response.text()
            async with http.get(test_server.make_url("/?token=wrong")) as response:
                assert response.status == 403
            assert not http.cookie_jar.filter_cookies(test_server.make_url("/"))
            async with http.get(test_server.make_url("/?token=s3cret-token"),
                                allow_redirects=False) as response:
                assert response.status == 303 and response.headers["Location"] == "/"
                cookie = response.cookies[guard.COOKIE]
                assert cookie["httponly"] and cookie["samesite"] == "Strict"
            async with http.get(test_server.make_url("/")) as response:  # the cookie
                assert response.status == 200
                assert "Monitoring" in await response.text() or "Opening" in (
                    await response.text())
    finally:
        await test_server.close()


async def test_on_this_machine_only_its_names_are_answered(meeting):
    """A web page that points a name of its own at 127.0.0.1 (DNS rebinding) gets
    nothing: the Host must be this machine's."""
    _s, path, _save = meeting
    test_server = await started(path)
    try:
        port = test_server.port
        for host, status in (("evil.example", 421), (f"evil.example:{port}", 421),
                             (f"localhost:{port}", 200), (f"127.0.0.1:{port}", 200),
                             (f"[::1]:{port}", 200)):
            answer = await raw(port, f"GET / HTTP/1.1\r\nHost: {host}\r\n"
                                     "Connection: close\r\n\r\n".encode())
            assert answer.startswith(f"HTTP/1.1 {status}".encode()), (host, answer[:80])
    finally:
        await test_server.close()


async def test_the_push_refuses_another_origin(meeting):
    _s, path, _save = meeting
    test_server = await started(path)
    try:
        host = f"127.0.0.1:{test_server.port}"
        async with aiohttp.ClientSession() as http:
            for origin in ("http://evil.example", f"https://evil.example/{host}", "null",
                           f"http://{host}.evil.example"):
                async with http.get(test_server.make_url("/events"),
                                    headers={"Origin": origin}) as response:
                    assert response.status == 403, origin
            async with http.get(test_server.make_url("/events"),
                                headers={"Origin": f"http://{host}"}) as response:
                assert response.status == 200
    finally:
        await test_server.close()


@pytest.mark.parametrize("target", [
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
    "//etc/passwd", "/index.html/../../pyproject.toml", "/assets/follow.js",
    "/state.json/..%2f..%2f..%2fpyproject.toml", "/%00", "/.session.toml", "/events/../..",
])
async def test_no_path_leads_to_a_file(meeting, target):
    _s, path, _save = meeting
    test_server = await started(path)
    try:
        answer = await raw(test_server.port, f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                             "Connection: close\r\n\r\n".encode())
        status = answer.split(b" ", 2)[1]
        assert status in (b"404", b"400"), (target, answer[:200])
        assert b"root:" not in answer and b"[project]" not in answer
        assert b"[agenda]" not in answer and b"use strict" not in answer
    finally:
        await test_server.close()


async def test_nothing_a_viewer_sends_changes_anything(meeting):
    _s, path, _save = meeting
    before = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}
    test_server = await started(path)
    try:
        async with aiohttp.ClientSession() as http:
            for method in ("POST", "PUT", "DELETE", "PATCH"):
                for route in ("/", "/state.json", "/events"):
                    async with http.request(method, test_server.make_url(route),
                                            data=b"x" * 100) as response:
                        assert response.status == 405, (method, route)
    finally:
        await test_server.close()
    after = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}
    assert after == before


async def test_streams_are_capped_per_address_and_in_all(meeting):
    _s, path, _save = meeting
    test_server = await started(path, limits=Limits(max_viewers=5, max_per_client=3))
    try:
        async with aiohttp.ClientSession() as http:
            url = test_server.make_url("/events")
            first = [await http.get(url) for _ in range(3)]
            assert [r.status for r in first] == [200] * 3
            async with http.get(url) as refused:
                assert refused.status == 429 and "from 127.0.0.1" in await refused.text()
            # Another address of this machine is another client, until the total.
            async with aiohttp.ClientSession(
                    connector=aiohttp.TCPConnector(local_addr=("127.0.0.2", 0))) as other:
                more = [await other.get(url) for _ in range(2)]
                assert [r.status for r in more] == [200] * 2
                async with other.get(url) as full:
                    assert full.status == 503
                for response in more:
                    response.close()
            for response in first:
                response.close()
            await asyncio.sleep(0.2)
            assert test_server.follow.streams == 0  # type: ignore[attr-defined]
            assert test_server.follow.per_client == {}  # type: ignore[attr-defined]
    finally:
        await test_server.close()


async def test_state_json_answers_304_while_unchanged(meeting):
    session, path, save = meeting
    test_server = await started(path)
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(test_server.make_url("/state.json")) as response:
                etag = response.headers["ETag"]
                assert response.headers["Cache-Control"] == "no-cache"
            async with http.get(test_server.make_url("/state.json"),
                                headers={"If-None-Match": etag}) as response:
                assert response.status == 304
            session.take_up_next()
            save()
            await asyncio.sleep(0.5)
            async with http.get(test_server.make_url("/state.json"),
                                headers={"If-None-Match": etag}) as response:
                assert response.status == 200 and response.headers["ETag"] != etag
    finally:
        await test_server.close()


def test_every_network_says_so_and_prints_a_link_with_a_token(meeting, monkeypatch, capsys):
    _s, path, _save = meeting
    calls = []
    monkeypatch.setattr(server.web, "run_app", lambda app, **kw: calls.append(kw))
    server.serve(path, "0.0.0.0", 8123)
    out, err = capsys.readouterr()
    assert calls[0]["host"] == "0.0.0.0"
    assert "warning: listening on 0.0.0.0:8123: anyone with the link" in err
    assert "?token=" in out and ":8123/" in out
    server.serve(path, "0.0.0.0", 8123, public=True)
    out, err = capsys.readouterr()
    assert "anyone who can reach this machine" in err and "token" not in out
    server.serve(path, "127.0.0.1", 8123)
    out, err = capsys.readouterr()
    assert err == "" and out.strip().endswith("at http://127.0.0.1:8123/")


def test_guard_rules():
    assert guard.is_loopback("127.0.0.1") and guard.is_loopback("::1")
    assert guard.is_loopback("[::1]") and guard.is_loopback("localhost")
    assert not guard.is_loopback("0.0.0.0") and not guard.is_loopback("example.org")
    assert guard.host_name("[::1]:8000") == "::1"
    assert guard.host_name("Localhost:8000") == "localhost"
    assert guard.same_origin(None, "h:1") and guard.same_origin("http://h:1", "H:1")
    assert not guard.same_origin("http://h:2", "h:1")
    assert not guard.same_origin("file://h:1", "h:1")
    assert guard.token_matches("abc", "abc") and not guard.token_matches(None, "abc")


# ------------------------------------------------------------------ publish


def test_publish_writes_the_folder(meeting, tmp_path, capsys):
    _s, path, _save = meeting
    out = tmp_path / "site"
    out.mkdir()
    assert main(["publish", str(path), "--to", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["decisions.html", "index.html",
                                                     "state.json"]
    assert 'data-mode="poll"' in (out / "index.html").read_text(encoding="utf-8")
    state = json.loads((out / "state.json").read_text(encoding="utf-8"))
    assert state["state"]["current"]["number"] == "1"
    assert "List of decisions" in (out / "decisions.html").read_text(encoding="utf-8")


def test_publish_into_no_folder_one_line_exit_2(meeting, tmp_path, capsys):
    _s, path, _save = meeting
    assert main(["publish", str(path), "--to", str(tmp_path / "missing")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing" in err and "not a folder" in err


def test_publish_watch_writes_again_on_each_change_atomically(meeting, tmp_path):
    session, path, save = meeting
    out = tmp_path / "site"
    out.mkdir()
    done = threading.Event()
    counts: list[int] = []
    thread = threading.Thread(target=lambda: counts.append(
        publish(path, out, watch=True, poll=0.05, stop=done.is_set)))
    thread.start()
    try:
        time.sleep(0.3)
        session.take_up_next()
        save()
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            state = json.loads((out / "state.json").read_text(encoding="utf-8"))
            if state["state"]["current"]["number"] == "2":
                break
            time.sleep(0.05)
        assert state["state"]["current"]["number"] == "2"
    finally:
        done.set()
        thread.join(10)
    assert counts == [2]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporaries left
