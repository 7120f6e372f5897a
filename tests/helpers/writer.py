"""The second process of the follow tests (``follow_writer.py``), spoken to line by line."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

WRITER = Path(__file__).resolve().parent / "follow_writer.py"


class Writer:
    """The second process, spoken to line by line."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc

    @classmethod
    async def start(cls, agenda: Path, session: Path) -> Writer:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, str(WRITER), str(agenda), str(session),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=agenda.parent)
        writer = cls(proc)
        assert await writer.line() == "ready"
        return writer

    async def line(self) -> str:
        assert self.proc.stdout is not None
        raw = await asyncio.wait_for(self.proc.stdout.readline(), timeout=30)
        return raw.decode().strip()

    async def do(self, command: str) -> str:
        """Send a command; returns its answer once the file is saved."""
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"{command}\n".encode())
        await self.proc.stdin.drain()
        answer = await self.line()
        assert answer.startswith("saved"), answer
        return answer

    async def stop(self) -> None:
        if self.proc.returncode is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write(b"quit\n")
            await self.proc.stdin.drain()
            try:
                await asyncio.wait_for(self.proc.wait(), timeout=30)
            except TimeoutError:
                self.proc.kill()
                await self.proc.wait()
