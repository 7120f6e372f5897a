"""Start the live meeting screen: open the meeting (``files.opening``), then run the app.

Imported only by the command that shows a screen: the others do without Textual.
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

from ..core.clock import SteadyClock
from ..core.errors import InputError
from ..files.opening import open_meeting
from .app import MeetingApp
from .ending import exit_status


def run_app(args: argparse.Namespace) -> int:
    # Start-up makes some 200,000 objects (Textual's modules, the agenda) and frees
    # almost none: the cyclic collector would scan them again and again for nothing,
    # a sixth of the time to the first frame. It is off until they are all made, and
    # they are then set aside (frozen) so later collections do not scan them either.
    gc.disable()
    try:
        app = make_app(args)
    finally:
        gc.freeze()
        gc.enable()
    app.saver.catch_signals = True  # SIGHUP, SIGTERM, SIGINT: saved, then ended
    try:
        app.run()
    finally:
        if app.lock is not None:
            app.lock.release()
    return exit_status(app)


def make_app(args: argparse.Namespace) -> MeetingApp:
    read_only = getattr(args, "read_only", False)
    fresh = getattr(args, "fresh", False)
    if read_only and fresh:
        raise InputError(args.agenda, "--fresh and --read-only do not go together")
    opened = open_meeting(args.agenda, args.session, args.title, fresh=fresh,
                          read_only=read_only, bullets=getattr(args, "bullets", None),
                          roll=getattr(args, "roll_participants", None))
    for note in opened.notes:
        print(f"meeting-tui: {note}", file=sys.stderr)
    opened.session.now = SteadyClock()  # spans measured as time passes, whatever the wall clock
    return MeetingApp(
        opened.session,
        opened.path,
        str(Path(args.agenda)),
        opened.digest,
        session_file=opened.file,
        lock=opened.lock,
        read_only=opened.read_only,
        notes=opened.notes,
    )
