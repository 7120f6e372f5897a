"""Shortcuts the tests take into a session file: the package has one way in
(``session_file.read`` / ``RawSession.load``, ``session_reading.build`` for a
document), and these are it, returning what the tests look at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from meeting_tui.core.agenda import Agenda
from meeting_tui.core.clock import Now
from meeting_tui.core.session import Session
from meeting_tui.files.session_file import RawSession, load, read
from meeting_tui.files.session_reading import build


def from_document(doc: dict[str, Any], agenda: Agenda, path: str | Path,
                  now: Now | None = None, digest: str | None = None) -> Session:
    """The session a document gives over ``agenda``."""
    return build(doc, agenda, path, now, digest).session


def load_session(path: str | Path, agenda: Agenda, now: Now | None = None,
                 digest: str | None = None) -> Session:
    """The session in the file at ``path``, over ``agenda``."""
    return load(path, agenda, digest, now).session


def read_document(path: str | Path) -> dict[str, Any]:
    """The file's TOML document (InputError as the app would say it)."""
    return read(path).document


def parse_document(data: bytes, path: str | Path) -> dict[str, Any]:
    """The document of bytes read from ``path`` earlier."""
    return RawSession(Path(path), data).document
