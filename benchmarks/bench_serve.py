"""`serve` with many viewers: memory, CPU while idle, and a save to the last viewer.

    .venv/bin/python benchmarks/bench_serve.py                 # 200 viewers, 5 rounds
    .venv/bin/python benchmarks/bench_serve.py --viewers 50 --rounds 3 --idle 5

The follow page (`meeting-tui serve SESSION`, one process) with 200 viewers, beside the
terminal in a browser (`serve --terminal`, textual-serve: a follow process per viewer)
with 5. Each viewer is a client in this process: a server-sent-events stream for the
page, a websocket for textual-serve, as the browsers' own would be. The viewers come
from several loopback addresses (127.0.0.2, .3, ...), 20 to an address, as the page's
limit per address allows; nothing leaves this machine.

- resident memory: VmRSS of the server and (textual-serve) the processes it started,
  with every viewer connected;
- CPU while idle: user + system time of those processes over ``--idle`` seconds with
  every viewer connected and nothing saved, as a share of one core;
- save to last viewer: the benchmark renames the current item to a new word and saves
  the session atomically, as the app does, then waits until every viewer has received
  that word; the median of ``--rounds`` rounds.

Every wait has a deadline; the servers are stopped at the end, whatever happens.
Targets (issue 17), for the page: under 100 MB, under 2 % of a core, under 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
AGENDA = ROOT / "agendas" / "lanzarote-28th-meeting-2020-09.txt"
PER_ADDRESS = 20
TARGET_MB, TARGET_CPU, TARGET_S = 100.0, 2.0, 1.0
CLK_TCK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def group_pids(leader: int) -> list[int]:
    """The server and every process of its group (textual-serve's follow processes)."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError):
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == leader:  # its process group
                    pids.append(int(entry))
    return pids


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def cpu_seconds(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLK_TCK


class Meeting:
    """A session file, saved the way the app saves it."""

    def __init__(self, folder: Path) -> None:
        from meeting_tui.files.opening import open_session

        self.agenda = folder / AGENDA.name
        shutil.copy(AGENDA, self.agenda)
        _a, self.session, self.path, self.digest = open_session(str(self.agenda), None, None)
        self.session.start()
        self.session.take_up_next()
        self.save()

    def save(self) -> None:
        from meeting_tui.files.durable import write_atomic
        from meeting_tui.files.session_toml import dumps

        write_atomic(self.path, dumps(self.session, str(self.agenda), self.digest))

    def rename(self, word: str) -> None:
        key = self.session.current
        assert key is not None
        self.session.rename_item(key, self.session.item(key).number, word)
        self.save()


class Viewer:
    """One follower: everything it has received, and a way to wait for a word in it."""

    def __init__(self) -> None:
        self.received = bytearray()
        self.changed = asyncio.Event()

    def take(self, data: bytes) -> None:
        self.received += data
        if len(self.received) > 1 << 20:  # keep the tail only: a word is short
            del self.received[: -(1 << 16)]
        self.changed.set()

    async def wait_for(self, word: bytes, deadline: float) -> None:
        while word not in self.received:
            self.changed.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"{word!r} never reached a viewer")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), left)


async def page_viewer(http: aiohttp.ClientSession, url: str, viewer: Viewer,
                      ready: asyncio.Event) -> None:
    async with http.get(url, timeout=aiohttp.ClientTimeout(total=None, sock_read=None)) as r:
        assert r.status == 200, r.status
        async for chunk in r.content.iter_any():
            viewer.take(chunk)
            if b"\nid: " in viewer.received or viewer.received.startswith(b"id: "):
                ready.set()


async def terminal_viewer(http: aiohttp.ClientSession, url: str, viewer: Viewer,
                          ready: asyncio.Event) -> None:
    async with http.ws_connect(url, headers={"Origin": url.replace("ws://", "http://")
                                             .split("/ws")[0]}) as ws:
        async for message in ws:
            data = message.data
            viewer.take(data if isinstance(data, bytes) else str(data).encode())
            if b"read-only" in viewer.received:  # the follow view's first screen
                ready.set()


async def measure(start: Callable[[Path, int, Path], subprocess.Popen], viewers: int,
                  connect: Callable[..., Awaitable[None]], url: str, *, rounds: int,
                  idle: float, folder: Path, meeting: Meeting, port: int,
                  connect_timeout: float) -> dict[str, float]:
    server = start(meeting.path, port, folder / "server.log")
    tasks: list[asyncio.Task[None]] = []
    sessions: list[aiohttp.ClientSession] = []
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert server.poll() is None, (folder / "server.log").read_text()
            assert time.monotonic() < deadline, "the server did not listen"
            await asyncio.sleep(0.1)
        clients = [Viewer() for _ in range(viewers)]
        ready = [asyncio.Event() for _ in range(viewers)]
        for n, (viewer, event) in enumerate(zip(clients, ready, strict=True)):
            if n % PER_ADDRESS == 0:
                address = f"127.0.0.{2 + n // PER_ADDRESS}"
                sessions.append(aiohttp.ClientSession(connector=aiohttp.TCPConnector(
                    local_addr=(address, 0), limit=0)))
            tasks.append(asyncio.create_task(connect(sessions[-1], url, viewer, event)))
        await asyncio.wait_for(asyncio.gather(*(e.wait() for e in ready)), connect_timeout)
        await asyncio.sleep(2)  # settled: every first screen drawn
        pids = group_pids(server.pid)
        memory = rss_mb(pids)
        before, clock = cpu_seconds(pids), time.monotonic()
        await asyncio.sleep(idle)
        cpu = 100 * (cpu_seconds(group_pids(server.pid)) - before) / (time.monotonic() - clock)
        latencies = []
        for n in range(rounds):
            word = f"Renamed{n}x{os.getpid()}"
            saved = time.monotonic()
            meeting.rename(word)
            limit = saved + 30
            await asyncio.gather(*(v.wait_for(word.encode(), limit) for v in clients))
            latencies.append(time.monotonic() - saved)
            await asyncio.sleep(0.5)
        failed = [t for t in tasks if t.done() and t.exception()]
        assert not failed, failed[0].exception()
        return {"viewers": viewers, "rss_mb": memory, "idle_cpu_pct": cpu,
                "save_to_last_s": statistics.median(latencies),
                "save_to_last_worst_s": max(latencies)}
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for http in sessions:
            await http.close()
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=15)


def starter(*options: str) -> Callable[[Path, int, Path], subprocess.Popen]:
    def start(session: Path, port: int, log: Path) -> subprocess.Popen:
        with open(log, "wb") as out:
            return subprocess.Popen(
                [sys.executable, "-m", "meeting_tui", "serve", str(session), "--port",
                 str(port), *options], stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
    return start


async def run(viewers: int, terminal_viewers: int, rounds: int, idle: float
              ) -> list[tuple[str, dict[str, float]]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="meeting-tui-bench-serve-") as tmp:
        for name, options, count, connect, path in (
                ("serve (the page)", (), viewers, page_viewer, "/events"),
                ("serve --terminal (textual-serve)", ("--terminal",), terminal_viewers,
                 terminal_viewer, "/ws?width=100&height=30")):
            if not count:
                continue
            folder = Path(tmp) / ("terminal" if options else "page")
            folder.mkdir()
            port = free_port()
            meeting = Meeting(folder)
            url = f"{'ws' if 'terminal' in name else 'http'}://127.0.0.1:{port}{path}"
            figures = await measure(starter(*options), count, connect, url, rounds=rounds,
                                    idle=idle, folder=folder, meeting=meeting, port=port,
                                    connect_timeout=120)
            results.append((name, figures))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--viewers", type=int, default=200)
    parser.add_argument("--terminal-viewers", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle measured")
    args = parser.parse_args()
    results = asyncio.run(run(max(1, min(args.viewers, 1000)),
                              max(0, min(args.terminal_viewers, 20)), max(1, args.rounds),
                              max(1.0, min(args.idle, 120.0))))
    print(f"{'':34} {'viewers':>7} {'RSS MB':>8} {'idle CPU %':>10} "
          f"{'save→last s (median)':>21} {'worst s':>8}")
    for name, f in results:
        print(f"{name:34} {f['viewers']:>7} {f['rss_mb']:>8.1f} {f['idle_cpu_pct']:>10.2f} "
              f"{f['save_to_last_s']:>21.3f} {f['save_to_last_worst_s']:>8.3f}")
    page = results[0][1]
    passed = (page["rss_mb"] < TARGET_MB and page["idle_cpu_pct"] < TARGET_CPU
              and page["save_to_last_s"] < TARGET_S)
    print(f"targets for the page: RSS < {TARGET_MB:.0f} MB, idle CPU < {TARGET_CPU:.0f} % "
          f"of a core, save to last viewer < {TARGET_S:.0f} s: "
          f"{'pass' if passed else 'FAIL'}")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
