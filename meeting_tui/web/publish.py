"""`meeting-tui publish SESSION --to DIR`: the follow page as files, for any number of
viewers.

DIR gets ``index.html`` (the page, which polls ``state.json`` beside it with
If-None-Match), ``state.json`` and ``decisions.html`` (the List of decisions, final
decisions only). Each is replaced atomically (``files/durable.py``), so a web server,
an object store's sync or a CDN never serves half a file. With ``watch`` it keeps
going beside the app, writing again on each change of the session file; the page is
only ever as fresh as the server's cache lifetime lets it be (see docs/following.md).

Standard library only: publishing needs no web server here.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from ..core.errors import InputError
from ..files.durable import write_atomic
from .feed import POLL_SECONDS, Feed
from .page import DECISIONS_FILE

FILES = ("index.html", "state.json", DECISIONS_FILE)


def write_edition(feed: Feed, folder: Path) -> None:
    """Every file of the current edition. state.json last: a page that sees it new
    finds the rest already there."""
    edition = feed.edition
    write_atomic(folder / DECISIONS_FILE, edition.decisions)
    write_atomic(folder / "index.html", edition.static_page)
    write_atomic(folder / "state.json", edition.state_json)


def publish(session: str | Path, folder: str | Path, *, watch: bool = False,
            poll: float = POLL_SECONDS, stop: Callable[[], bool] = lambda: False) -> int:
    """Write the folder once, or (``watch``) again on every change until ``stop`` or an
    interrupt. Returns how many editions were written."""
    target = Path(folder)
    if not target.is_dir():
        raise InputError(target, "not a folder (make it first)")
    feed = Feed(session)
    write_edition(feed, target)
    written = 1
    pending = False  # an edition not written yet (the last write failed)
    while watch and not stop():
        time.sleep(poll)
        if not (feed.refresh() or pending):
            continue
        try:
            write_edition(feed, target)
        except OSError as exc:  # the disk is full, the folder gone: say it, try again
            if not pending:
                print(f"meeting-tui: publish: cannot write {target}: {exc.strerror or exc}; "
                      "trying again", file=sys.stderr)
            pending = True
            continue
        pending = False
        written += 1
    return written
