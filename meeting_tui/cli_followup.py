"""The subcommands of what comes after the decisions: `actions` (the open follow-up
actions), `report --minutes` (the abridged report: notes and decisions per item) and
`next` (the next meeting's session, with what this one hands to it: ``core.carry``).

Apart from ``cli`` to keep that module's subcommands each a few lines; they share its
rules (one line on stderr and exit 2 on bad input, the format from ``-o``'s
extension, the session beside an agenda) through its helpers.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .core.errors import InputError

if TYPE_CHECKING:
    from pathlib import Path

    from .core.agenda import Item
    from .core.carry import Carry

FORMATS = ("md", "txt", "html", "docx")  # the abridged report's and the actions'


def _write(args: argparse.Namespace, data: str | bytes, what: str) -> int:
    """To ``-o FILE`` (said on stderr) or stdout, as `decisions` writes."""
    from .cli import to_file, to_stdout

    if args.output:
        to_file(args.output, data, what)
    else:
        to_stdout(data)
    return 0


def _format(args: argparse.Namespace) -> str:
    from .cli import _decisions_format

    fmt = _decisions_format(args)
    if fmt not in FORMATS:
        raise InputError(args.output, f"no format is written as .{fmt} here: name the file "
                                      ".md, .txt, .html or .docx, or give --format")
    if fmt == "docx" and not args.output and sys.stdout.isatty():
        raise InputError(args.session, "a DOCX is binary: give -o FILE or redirect stdout")
    return fmt


def _render(render: object, *args: object) -> str | bytes | None:
    from .core.export_docx import DocxUnavailable

    try:
        data = render(*args)  # type: ignore[operator]
    except DocxUnavailable as exc:
        print(f"meeting-tui: {exc}", file=sys.stderr)
        return None
    assert isinstance(data, str | bytes)
    return data


def cmd_minutes(args: argparse.Namespace) -> int:
    """`report SESSION --minutes`: the abridged report, in any format."""
    from .cli import EXIT_INPUT, _print_change, _session_file
    from .core.minutes import build_minutes, render
    from .files.session_file import load_alone

    args.session = _session_file(args.session)
    fmt = _format(args)
    _raw, loaded = load_alone(args.session)
    _print_change(loaded)
    minutes = build_minutes(loaded.session, with_attendance=args.with_attendance)
    data = _render(render, minutes, fmt)
    if data is None:
        return EXIT_INPUT
    if not minutes.parts:
        print("meeting-tui: no note and no final decision yet: the report has only its "
              "heading", file=sys.stderr)
    return _write(args, data, "the abridged report")


def cmd_actions(args: argparse.Namespace) -> int:
    from .cli import EXIT_INPUT, _json, _print_change, _session_file
    from .core.action_list import render, rows, to_json
    from .files.session_file import load_alone

    args.session = _session_file(args.session)
    fmt = "md" if args.json else _format(args)
    _raw, loaded = load_alone(args.session)
    _print_change(loaded)
    session = loaded.session
    found = rows(session, open_only=not args.all)
    if args.json:
        return _write(args, _json(to_json(session, found)) + "\n", "the actions")
    data = _render(render, session, found, fmt)
    if data is None:
        return EXIT_INPUT
    count = f"{len(found)} action" + ("" if len(found) == 1 else "s")
    return _write(args, data, count)


def cmd_next(args: argparse.Namespace) -> int:
    """`next SESSION NEW-AGENDA`: the new agenda's session, with the old one's decisions
    to adopt, open actions and skipped items as notes; the old file is only read."""
    from shlex import quote

    from .cli import _print_change, _print_warnings, _session_file
    from .core import carry
    from .core.printable import printable
    from .core.session import Session
    from .core.settings import BULLETS_AS_NOTES
    from .files.agenda_file import load_agenda, read_agenda_text
    from .files.durable import write_atomic
    from .files.session_file import load_alone
    from .files.session_toml import agenda_hash, default_session_path, dumps

    target = default_session_path(args.agenda)
    if target.exists() or target.is_symlink():  # said first: nothing else is done
        raise InputError(target, "a session of this agenda exists already: it is left as "
                                 "it is (open it with meeting-tui "
                                 f"{quote(str(args.agenda))})")
    args.session = _session_file(args.session)
    _raw, loaded = load_alone(args.session)
    _print_change(loaded)
    old = loaded.session
    bullets = old.settings.bullets  # the old agenda's bullets read as notes: so the new's
    agenda = load_agenda(args.agenda, bullets == BULLETS_AS_NOTES)
    _print_warnings(agenda)
    new = Session(agenda, timezone=old.timezone)
    new.settings.body, new.settings.language = old.settings.body, old.settings.language
    new.settings.phrases = list(old.settings.phrases)
    new.settings.bullets = bullets
    plan = carry.plan(old, agenda)
    from .files.previous import recorded_path

    carry.apply(plan, new, recorded_path(target, args.session))
    text = dumps(new, args.agenda, agenda_hash(read_agenda_text(args.agenda)))
    try:
        write_atomic(target, text)
    except OSError as exc:
        raise InputError(target, f"cannot write ({exc.strerror or exc})") from None
    _say_next(plan, target)
    if plan.decisions:
        day = carry.meeting_day(agenda)
        print(printable(f"when the {carry.meeting_name(agenda) or 'new meeting'} adopts "
                        f"them: adopt on its command line (:), or meeting-tui adopt "
                        f"{quote(str(target))} --previous --on {day}; either marks them "
                        f"adopted in {args.session} too"))
    return 0


def cmd_adopt_previous(args: argparse.Namespace) -> int:
    """`adopt NEW --previous [--on DATE | --withdraw]`: the decisions carried from the
    previous meeting adopted by this one (or not), in this session and in the old one
    (through its lock); with neither option, a pending adoption is done. The caller
    holds this session's lock."""
    from .cli import _print_change
    from .core.entries import EntryError, Scribe
    from .core.undo import History
    from .files.previous import mark_old_session
    from .files.session_file import load_alone

    raw, loaded = load_alone(args.session)
    _print_change(loaded)
    session = loaded.session
    record = session.settings.previous
    if record is None or not record.decisions:
        raise InputError(args.session, "no decision carried from a previous meeting here "
                                       "(meeting-tui next OLD-SESSION AGENDA carries them)")
    said = ""
    if args.on or args.withdraw:
        try:
            said = Scribe(session, History()).run("adopt " + ("-" if args.withdraw
                                                              else args.on), None)
        except EntryError as exc:
            raise InputError(args.session, str(exc)) from None
    elif not record.pending:
        print(f"meeting-tui: nothing pending: {record.name}'s session says so already",
              file=sys.stderr)
        return 0
    result = mark_old_session(args.session, record, "when it is free: run this command "
                              "again (without --on), or open this meeting in meeting-tui")
    file = raw.writer()
    try:
        left_alone = file.save_session(session, *raw.recorded_agenda())
    except OSError as exc:
        raise InputError(args.session, f"cannot write ({exc.strerror or exc}); the file "
                                       "is unchanged") from None
    from .core.printable import printable

    for line in (said, result.line):
        if line:
            print(printable(f"meeting-tui: {line}"), file=sys.stderr)
    if left_alone is not None:
        print(f"meeting-tui: {left_alone} was changed meanwhile and is left as it is: the "
              f"session is in {file.path}", file=sys.stderr)
        return 1
    return 0 if result.done else 1


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def _say_next(plan: Carry, target: Path) -> None:
    """What was carried and where, on stdout, a line each (user text made printable)."""
    from .core.printable import printable

    def where(item: Item | None, reason: str) -> str:
        return f"{item.label} ({reason})" if item is not None else "nowhere: no item"

    lines = [f"meeting-tui: the next meeting's session is {target}",
             f"{_plural(plan.decisions, 'decision')} to adopt, as notes under "
             f"{where(plan.adoption, plan.adoption_reason)}",
             f"{_plural(plan.actions, 'open action')}, as notes under "
             f"{where(plan.follow_up, plan.follow_up_reason)}"]
    if plan.skipped:
        first = plan.first.label if plan.first else "nowhere"
        lines.append(f"{_plural(len(plan.skipped), 'item')} skipped, offered again, as "
                     f"notes under {first}:")
        lines += [f"  {text}" for text in plan.skipped]
    for line in lines:
        print(printable(line))


def next_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("next", help="the next meeting's session: this one's decisions to "
                                    "adopt, open actions and skipped items, as notes")
    p.add_argument("session", help="the last meeting's session file (*.session.toml)")
    p.add_argument("agenda", help="the next meeting's agenda: its session is written "
                                  "beside it")
    p.set_defaults(func=cmd_next)


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS,
                   help="md (default), txt, html or docx (default: from -o's extension)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def actions_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("actions", help="the open follow-up actions of a session, by due "
                                       "date, with the item each came from")
    p.add_argument("session", help="session file (*.session.toml)")
    p.add_argument("--json", action="store_true", help="print them as JSON")
    p.add_argument("--all", action="store_true", help="the done actions too")
    _output_options(p)
    p.set_defaults(func=cmd_actions)


def minutes_options(p: argparse.ArgumentParser) -> None:
    """`report`'s options of the abridged report."""
    p.add_argument("--minutes", action="store_true",
                   help="the abridged report instead: per item the notes, then the "
                        "decisions (--format, -o, --with-attendance)")
    _output_options(p)
    p.add_argument("--with-attendance", action="store_true",
                   help="with --minutes: say who was present (excused, absent) after the "
                        "header, as decisions --with-attendance does")
