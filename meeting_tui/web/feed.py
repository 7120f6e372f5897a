"""The follow page's state, made once per change of the session file.

Whatever the number of viewers, the file is read once per change (the follow view's
``SessionWatcher``: a stat per poll, a load only when the file changed) and each
edition of the page is made once: its JSON, its ETag, the page, the List of
decisions. Every viewer is sent the same bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..core.decision_list import build_document
from ..core.export import render_html
from ..core.follow_state import snapshot
from ..files.watcher import SessionWatcher
from . import page

POLL_SECONDS = 0.25  # as the follow view: a change is on the page well within a second


@dataclass(frozen=True)
class Edition:
    """One version of what the viewers see, in every form they take it."""

    version: int
    state_json: bytes  # state.json, and each push's data
    etag: str
    live_page: bytes  # index.html from the server: follows its push
    static_page: bytes  # index.html of a published folder: polls state.json
    decisions: bytes  # the List of decisions (final decisions), HTML


class Feed:
    """The newest edition of a session file's follow page."""

    def __init__(self, path: str | Path, watcher: SessionWatcher | None = None) -> None:
        self.watcher = watcher or SessionWatcher(path)
        self.version = 0
        self._edition: Edition | None = None

    @property
    def edition(self) -> Edition:
        if self._edition is None:
            if self.watcher.state.session is None:
                self.watcher.load()  # InputError: one line naming the file
            self._edition = self._make()
        return self._edition

    def refresh(self) -> bool:
        """Poll the file; a new edition when it (or a problem) changed. True then."""
        if not self.watcher.poll():
            return False
        self._edition = self._make()
        return True

    def _make(self) -> Edition:
        state = self.watcher.state
        session = state.session
        assert session is not None
        self.version += 1
        data = snapshot(session, self.watcher.now(), state.problem)
        body = page.payload(data, self.version)
        return Edition(
            version=self.version,
            state_json=body,
            etag='"' + hashlib.sha256(body).hexdigest()[:32] + '"',
            live_page=page.page(data, self.version, live=True).encode("utf-8"),
            static_page=page.page(data, self.version, live=False).encode("utf-8"),
            decisions=render_html(build_document(session)).encode("utf-8"),
        )
