"""The subcommands of what comes after the decisions: `actions` (the open follow-up
actions) and `report --minutes` (the abridged report: notes and decisions per item).

Apart from ``cli`` to keep that module's subcommands each a few lines; they share its
rules (one line on stderr and exit 2 on bad input, the format from ``-o``'s
extension, the session beside an agenda) through its helpers.
"""

from __future__ import annotations

import argparse
import sys

from .core.errors import InputError

FORMATS = ("md", "txt", "html", "docx")  # the abridged report's and the actions'


def _write(args: argparse.Namespace, data: str | bytes, what: str) -> int:
    """To ``-o FILE`` (said on stderr) or stdout; a DOCX is refused on a terminal."""
    from .files.exports import write_file

    if args.output:
        try:
            write_file(args.output, data)
        except OSError as exc:
            raise InputError(args.output, f"cannot write ({exc.strerror or exc})") from None
        print(f"meeting-tui: {what} written to {args.output}", file=sys.stderr)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)
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
    minutes = build_minutes(loaded.session)
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
                        "decisions (--format, -o)")
    _output_options(p)
