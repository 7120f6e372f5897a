"""A second process that runs a meeting the way the app does: it holds the session
lock and saves through the session store (atomic replace, backup). The follow tests
drive it over stdin, one command a line, and it answers each with a line once the
file is on disk:

    next              take up the next item          -> "saved <key> <title>"
    final TEXT        a final decision on the current item -> "saved <key> <title>"
    pause             a break                         -> "saved"
    rename TITLE      amend the agenda: the current item gets another title
    add TITLE         amend the agenda: an item after the current one
    quit              release the lock and end        -> "bye"

Usage: python tests/helpers/follow_writer.py AGENDA SESSION
"""

from __future__ import annotations

import sys

from meeting_tui.core.amend import AFTER
from meeting_tui.files.opening import open_meeting
from meeting_tui.files.session_file import SessionFile
from meeting_tui.files.session_toml import dumps


def main(agenda: str, session_path: str) -> int:
    opened = open_meeting(agenda, session_path, None, ask=lambda *_: None)
    session = opened.session
    store = opened.file or SessionFile.as_it_is(opened.path)
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, rest = line.strip().partition(" ")
        if command == "next":
            session.take_up_next()
        elif command == "final":
            assert session.current is not None
            decision = session.add_decision(session.current, rest)
            session.toggle_final(session.current, decision.id)
        elif command == "pause":
            session.pause()
        elif command == "rename":
            assert session.current is not None
            item = session.item(session.current)
            session.rename_item(session.current, item.number, rest)
        elif command == "add":
            assert session.current is not None
            session.add_item(session.current, AFTER, None, rest)
        elif command == "quit":
            break
        else:
            print(f"unknown {command}", flush=True)
            continue
        store.save(dumps(session, agenda, opened.digest))
        item = session.item(session.current) if session.current else None
        print(f"saved {item.key} {item.title}" if item else "saved", flush=True)
    if opened.lock is not None:
        opened.lock.release()
    print("bye", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
