"""The `meeting-tui` command.

`meeting-tui AGENDA` opens the live meeting screen; the other subcommands work on
files without a terminal UI. Every user error ends with one line on stderr and exit
status 2, never a traceback.

Over 400 lines on purpose: each subcommand is its parser and a handler of a few lines
that call into files/ and core/, and they share the one-line error rule and the
printers of user text; split by subcommand, that rule would be scattered.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from . import __version__
from .core.errors import InputError
from .core.printable import json_escaped, printable

if TYPE_CHECKING:  # the commands import what they need when they run: start-up stays quick
    from pathlib import Path

    from .core.agenda import Agenda, Item
    from .files.session_reading import Loaded

EXIT_INPUT = 2


def _json(data: object) -> str:
    """JSON for stdout: user text as it is, but nothing a terminal would act on raw."""
    import json

    return json_escaped(json.dumps(data, ensure_ascii=False, indent=2))


def _print_warnings(agenda: Agenda) -> None:
    for warning in agenda.warnings:
        print(printable(f"{agenda.source}:{warning.line}: warning: {warning.message}"),
              file=sys.stderr)


def cmd_agenda(args: argparse.Namespace) -> int:
    from .files.agenda_file import load_agenda

    agenda = load_agenda(args.file, _bullets_as_notes(args))
    _print_warnings(agenda)
    if args.session:
        return _print_amended(agenda, args)
    if args.json:
        print(_json(agenda.to_json()))
    else:
        print(printable(agenda.outline()))
    return 0


def _bullets_as_notes(args: argparse.Namespace) -> bool:
    """--bullets as given, else (with --session) as the session reads them."""
    if args.bullets is not None:
        return bool(args.bullets == "notes")
    if not args.session:
        return False
    from .files.session_file import read

    try:
        return read(args.session).bullets_as_notes
    except InputError:
        return False  # said in full when the session is loaded


def _print_amended(agenda: Agenda, args: argparse.Namespace) -> int:
    """The agenda as the session amended it (the agenda file itself is never changed)."""
    from .core.amend import ADDED, describe
    from .files.agenda_file import read_agenda_text
    from .files.session_file import backup_hint, load
    from .files.session_toml import agenda_hash

    with backup_hint(args.session):
        loaded = load(args.session, agenda, agenda_hash(read_agenda_text(args.file)))
    _print_change(loaded)
    amended = loaded.session.amended

    def fields(item: Item) -> dict[str, object]:
        marks = amended.marks.get(item.key, frozenset())
        data: dict = {"amended": sorted(marks)}
        if ADDED in marks:
            data["line"] = None  # not in the agenda file
        if item.key in amended.was:
            number, title = amended.was[item.key]
            data["was"] = {"number": number, "title": title}
        return data

    if args.json:
        print(_json(amended.agenda.to_json(fields)))
    else:
        print(printable(amended.agenda.outline(lambda item: describe(amended, item.key))))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    if getattr(args, "roll", None):  # read before the app starts: a bad file is one line
        from .files.roll_file import read_roll_file

        args.roll_participants = read_roll_file(args.roll)
    import gc

    # Importing Textual and the app makes objects the cyclic collector would scan again
    # and again for nothing (some 5 % of the imports' time): off until run_app has made
    # the app, which then freezes them and turns it on again.
    gc.disable()
    from .ui.launch import run_app

    return run_app(args)


def _agenda_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("agenda", help="print the parsed agenda as an outline (or JSON)")
    p.add_argument("file", help="agenda text file")
    p.add_argument("--json", action="store_true", help="print the tree as JSON")
    p.add_argument("--session", metavar="SESSION",
                   help="print the agenda as this session amended it during the meeting")
    p.add_argument("--bullets", choices=("items", "notes"),
                   help="the agenda's bullets (• Presentation by …): items that n and p pass "
                        "over (the default), or notes of the item above them; with "
                        "--session: as the session reads them")
    p.set_defaults(func=cmd_agenda)


def _run_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("run", help="open the live meeting screen (the default)")
    p.add_argument("agenda", help="agenda text file")
    p.add_argument("--session", help="session file (default: beside the agenda)")
    p.add_argument("--title", help="meeting title (default: the agenda's first header line)")
    p.add_argument("--fresh", action="store_true",
                   help="start a new session: an existing session file (say, one that will "
                        "not load) is moved aside under a name that is printed")
    p.add_argument("--read-only", action="store_true",
                   help="show the session without ever writing it (while another "
                        "meeting-tui has it open, say)")
    p.add_argument("--bullets", choices=("items", "notes"),
                   help="the agenda's bullets (• Presentation by …): items that n and p pass "
                        "over (the default), or notes of the item above them; the "
                        "session remembers it")
    p.add_argument("--roll", metavar="FILE",
                   help="the roll of participants, one a line ('Name', 'Name; "
                        "non-voting', 'Name; observer'), added to the session's roll")
    p.set_defaults(func=cmd_run)


# Extensions that name a format besides the formats' own (md, txt, html, docx).
_EXTENSIONS = {"markdown": "md", "text": "txt", "htm": "html"}


def _decisions_format(args: argparse.Namespace) -> str:
    """--format, else the output file's extension, else Markdown.

    An extension that names no format is refused rather than given Markdown: a
    `list.pdf` holding Markdown would fail in the reader of whoever gets it. With
    --format the name is the user's choice."""
    from pathlib import Path

    from .core.export import FORMATS

    if args.format:
        return args.format
    suffix = Path(args.output).suffix.lower().removeprefix(".") if args.output else ""
    if not suffix:
        return "md"
    fmt = _EXTENSIONS.get(suffix, suffix)
    if fmt not in (*FORMATS, "pdf"):
        raise InputError(args.output, f"no format is written as .{suffix}: name the file "
                                      ".md, .txt, .html, .docx or .pdf, or give --format")
    return fmt


def cmd_decisions(args: argparse.Namespace) -> int:
    from . import clipboard
    from .cli_bilingual import lang_option, side_by_side
    from .core.bilingual import missing_warning, translated
    from .core.decision_list import count_phrase
    from .core.export_docx import DocxUnavailable
    from .core.languages import words
    from .files.exports import language_path
    from .files.pdf_export import PdfFailed, PdfUnavailable
    from .files.session_file import load_alone

    args.session = _session_file(args.session)
    fmt = _decisions_format(args)
    name = {"docx": "DOCX", "pdf": "PDF"}.get(fmt)
    if name and args.copy:
        raise InputError(args.session, f"a {name} cannot go to the clipboard: use -o FILE "
                                       "(or another --format with --copy)")
    if name and not args.output and sys.stdout.isatty():
        raise InputError(args.session, f"a {name} is binary: give -o FILE or redirect stdout")
    if args.template and not name:
        raise InputError(args.template, "a Word template is for --format docx or pdf")
    _raw, loaded = load_alone(args.session)
    _print_change(loaded)
    settings = loaded.session.settings
    languages = lang_option(args) or [settings.resolved_language()]
    template = _decisions_template(args, settings.template) if name else None
    if args.side_by_side:
        return side_by_side(args, loaded.session, languages, fmt, template)
    if len(languages) > 1 and (args.copy or not args.output):
        raise InputError(args.session, f"{len(languages)} languages make a file each: give "
                                       "-o FILE (list.md gives list.en.md, list.fr.md)")
    for language in languages:
        result = translated(
            loaded.session,
            language,
            include_drafts=args.include_drafts,
            all_items=args.all_items,
            number_per_item=args.number_per_item,
            preamble=args.preamble,
            body=args.body,
            meeting=args.meeting,
            with_attendance=args.with_attendance,
        )
        doc = result.document
        try:
            data = _render_decisions(doc, fmt, template, say=language == languages[0])
        except (DocxUnavailable, PdfUnavailable) as exc:
            print(f"meeting-tui: {exc}", file=sys.stderr)
            return EXIT_INPUT
        except PdfFailed as exc:
            print(f"meeting-tui: no PDF: {exc}", file=sys.stderr)
            return 1
        if doc.untranslated:
            own = words(None).language_name(settings.resolved_language())
            print(f"meeting-tui: warning: the {doc.words.name} list gives the decisions as "
                  f"written, in {own}: they are not translated", file=sys.stderr)
        if result.missing:
            print(f"meeting-tui: warning: {missing_warning(result)}", file=sys.stderr)
        output = language_path(args.output, language) if len(languages) > 1 else args.output
        what = count_phrase(doc.count)
        if doc.count == 0 and language == languages[0]:
            print("meeting-tui: no final decision yet (f marks a decision final; "
                  "--include-drafts shows drafts)", file=sys.stderr)
        if output:
            to_file(output, data, what)
    if args.copy:
        assert isinstance(data, str)
        try:
            mechanism = clipboard.copy(data)
        except clipboard.ClipboardUnavailable as exc:
            if not args.output:
                sys.stdout.write(data)
                sys.stdout.flush()
            where = ("written to the file" if args.output
                     else "printed instead (-o FILE writes it to a file)")
            print(f"meeting-tui: not copied ({exc}); the text is {where}; "
                  f"{clipboard.OTHER_WAYS}", file=sys.stderr)
            return 1
        print(f"meeting-tui: {what} copied to the clipboard ({mechanism})", file=sys.stderr)
        return 0
    if not args.output:
        to_stdout(data)
    return 0


def to_file(output: str | Path, data: str | bytes, what: str) -> None:
    """An export written to ``-o FILE``, and said on stderr; one line if it cannot be."""
    from .files.exports import write_file

    try:
        write_file(output, data)
    except OSError as exc:
        raise InputError(output, f"cannot write ({exc.strerror or exc})") from None
    print(f"meeting-tui: {what} written to {output}", file=sys.stderr)


def to_stdout(data: str | bytes) -> None:
    if isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(data)


def _decisions_template(args: argparse.Namespace, setting: str | None) -> tuple[str, bytes] | None:
    """The Word template (its name and bytes): --template, else the meeting's setting
    (a relative name is the session's folder's)."""
    from .files.exports import read_template, template_path

    if args.template:
        return args.template, read_template(args.template)
    if setting:
        path = template_path(setting, args.session)
        return str(path), read_template(path)
    return None


def _render_decisions(doc: object, fmt: str, template: tuple[str, bytes] | None,
                      say: bool = True) -> str | bytes:
    """The list in ``fmt``; DOCX and PDF in the template, whose added styles are said
    (``say``: once for the lists of several languages)."""
    from .core.decision_list import Document
    from .core.docx_template import TemplateError
    from .core.export import render
    from .core.export_docx import make_docx

    assert isinstance(doc, Document)
    if fmt not in ("docx", "pdf"):
        return render(doc, fmt)
    try:
        made = make_docx(doc, template[1] if template else None)
    except TemplateError as exc:
        assert template is not None
        raise InputError(template[0], str(exc)) from None
    if made.added_styles and template and say:
        print(printable(f"meeting-tui: warning: {template[0]} has no style "
                        f"{', '.join(made.added_styles)}: added from the default template"),
              file=sys.stderr)
    if fmt == "docx":
        return made.data
    from .files.pdf_export import docx_to_pdf

    return docx_to_pdf(made.data)


def _print_change(loaded: Loaded) -> None:
    """The agenda changed since the session was saved: say how its items were matched."""
    message = loaded.change.message()
    if message:
        print(printable(f"meeting-tui: warning: {message}"), file=sys.stderr)


def _session_file(given: str) -> str:
    """The session file a command works on: ``given``, or, when ``given`` is an agenda,
    the session beside it (said on stderr), the one `meeting-tui AGENDA` opens.

    An agenda with no session beside it is refused in a line saying so, rather than as
    "not a valid session file" at some line of a text that was never one."""
    from pathlib import Path

    from .files.session_toml import default_session_path

    path = Path(given)
    if path.suffix.lower() == ".toml" or not path.is_file() or _is_session(given):
        return given
    beside = default_session_path(path)
    if beside.is_file():
        print(printable(f"meeting-tui: {given} is an agenda: using its session {beside}"),
              file=sys.stderr)
        return str(beside)
    from .files.agenda_file import load_agenda

    try:
        load_agenda(path)
    except InputError:
        return given  # not an agenda either: said as a session file that is not one
    raise InputError(given, f"an agenda, not a session file: its session would be {beside}, "
                            f"which does not exist yet (meeting-tui {given} opens the meeting)")


def _is_session(path: str) -> bool:
    """A TOML file with a format number and an [agenda] table, whatever its name."""
    import tomllib

    try:
        if os.stat(path).st_size > 16 * 1024 * 1024:
            return False
        with open(path, "rb") as handle:
            doc = tomllib.loads(handle.read().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False
    return isinstance(doc.get("format"), int) and isinstance(doc.get("agenda"), dict)


def cmd_adopt(args: argparse.Namespace) -> int:
    from .files.lock import Locked, SessionLock
    from .files.session_file import read

    if not (args.on or args.withdraw or args.previous):
        raise InputError(args.session, "adopt needs --on DATE or --withdraw (or "
                                       "--previous)")
    args.session = _session_file(args.session)
    _ = read(args.session).document  # a missing or unreadable file: said before any lock
    lock = SessionLock(args.session)
    try:
        lock.acquire()
    except Locked as exc:
        raise InputError(args.session, f"open in another meeting-tui "
                                       f"({exc.holder.describe()}): adopt from its command "
                                       "palette, or quit it first") from None
    except OSError as exc:  # a read-only folder: the lock file cannot be made
        raise InputError(args.session, f"cannot take the lock {exc.filename or ''} "
                                       f"({exc.strerror or exc})") from None
    try:
        if args.previous:
            from .cli_followup import cmd_adopt_previous

            return cmd_adopt_previous(args)
        return _adopt(args)
    finally:
        lock.release()


def _adopt(args: argparse.Namespace) -> int:
    """Adopt (or withdraw the adoption) and write the session file back."""
    from .core.decision_list import count_phrase
    from .core.settings import format_date, parse_date
    from .files.session_file import load_alone

    raw, loaded = load_alone(args.session)
    _print_change(loaded)
    session = loaded.session
    if args.withdraw:
        count = session.withdraw_adoption()
        done = f"adoption withdrawn: {count_phrase(count)} final again"
    else:
        try:
            day = parse_date(args.on)
        except ValueError as exc:
            raise InputError(args.session, f"--on: {exc}") from None
        if not any(d.final for state in session.states.values() for d in state.decisions):
            raise InputError(args.session, "nothing to adopt: no final decision "
                                           "(the app's f marks a decision final)")
        count = session.adopt(day)
        done = f"{count_phrase(count)} adopted on {format_date(day)}"
    # Written back for the agenda as recorded, through the writer that keeps a backup
    # and never overwrites a file changed since it was read.
    file = raw.writer()
    try:
        left_alone = file.save_session(session, *raw.recorded_agenda())
    except OSError as exc:  # a full disk, a read-only folder: the file is as it was
        raise InputError(args.session, f"cannot write ({exc.strerror or exc}); "
                                       "the file is unchanged") from None
    if left_alone is not None:
        print(f"meeting-tui: {done}, but {left_alone} was changed meanwhile and is left as "
              f"it is: the session is in {file.path}", file=sys.stderr)
        return 1
    print(f"meeting-tui: {done} ({args.session})", file=sys.stderr)
    return 0


def _decisions_parser(sub: argparse._SubParsersAction) -> None:
    from .core.export import FORMATS

    p = sub.add_parser("decisions", help="the List of decisions of a session, to stdout, "
                                         "a file or the clipboard")
    p.add_argument("session", help="session file (*.session.toml)")
    p.add_argument("--format", choices=(*FORMATS, "pdf"),
                   help="md (default), txt, html, docx or pdf (PDF/A, made by LibreOffice "
                        "from the DOCX) (default: from -o's extension)")
    p.add_argument("--lang", metavar="LANG[,LANG]",
                   help="the language of the fixed words and dates: en, fr, de, es "
                        "(default: the meeting's); en,fr writes a file for each "
                        "(list.md gives list.en.md, list.fr.md), the decisions in their "
                        "translations")
    p.add_argument("--side-by-side", action="store_true",
                   help="with --lang en,fr: one document, the languages side by side "
                        "(DOCX and HTML in columns; md and txt one after the other)")
    p.add_argument("--template", metavar="DOCX",
                   help="the body's Word template for docx and pdf: its styles, page "
                        "set-up, headers and footers ({meeting}, {date}, {symbol} filled) "
                        "(default: the meeting's setting)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--copy", action="store_true", help="copy to the clipboard")
    p.add_argument("--include-drafts", action="store_true",
                   help="list draft decisions too, marked DRAFT")
    p.add_argument("--all-items", action="store_true",
                   help="list every item; those without a decision say 'No decision.'")
    p.add_argument("--with-attendance", action="store_true",
                   help="say who was present (excused, absent) after the header, from "
                        "the attendance taken in the app")
    p.add_argument("--number-per-item", action="store_true",
                   help="number the decisions from 1 in each item (default: one running "
                        "number through the document)")
    p.add_argument("--preamble", metavar="TEXT", help="a paragraph before the lead-in")
    p.add_argument("--body", help="the body's name (overrides the session's setting)")
    p.add_argument("--meeting", help="the meeting, e.g. '28th meeting' (overrides the "
                                     "session's setting)")
    p.set_defaults(func=cmd_decisions)


def _adopt_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("adopt", help="mark every final decision adopted on a date")
    p.add_argument("session", help="session file (*.session.toml)")
    p.add_argument("--previous", action="store_true",
                   help="the decisions carried from the previous meeting (meeting-tui "
                        "next) instead, marked in its session too; alone: a pending "
                        "marking done")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--on", metavar="DATE",
                       help="the day the body adopted the list: 2020-09-25, "
                            "'25 September 2020' or today")
    group.add_argument("--withdraw", action="store_true",
                       help="undo: adopted decisions become final again")
    p.set_defaults(func=cmd_adopt)


def cmd_report(args: argparse.Namespace) -> int:
    import shutil

    from .core.report import build_report, render_text, report_json
    from .files.session_file import load_report_session

    if args.minutes:
        from .cli_followup import cmd_minutes

        return cmd_minutes(args)
    if args.with_attendance:
        raise InputError(args.session, "--with-attendance is the abridged report's: add "
                                       "--minutes")
    args.session = _session_file(args.session)
    session, warnings = load_report_session(args.session)
    for warning in warnings:
        print(printable(f"meeting-tui: {warning}"), file=sys.stderr)
    report = build_report(session)
    if args.json:
        print(_json(report_json(report)))
    else:
        # On a terminal the titles are cut to fit it; piped or in a file, given in full.
        width = (max(60, shutil.get_terminal_size((100, 24)).columns)
                 if sys.stdout.isatty() else None)
        sys.stdout.write(render_text(report, width=width))
    return 0


def _report_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="the time report of a session: days, breaks, items "
                                      "against their plans")
    p.add_argument("session", help="session file (*.session.toml)")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    from .cli_followup import minutes_options

    minutes_options(p)
    p.set_defaults(func=cmd_report)


def cmd_follow(args: argparse.Namespace) -> int:
    from .files.watcher import SessionWatcher

    watcher = SessionWatcher(args.session)
    watcher.load()  # a missing, corrupt or foreign file: one line, exit 2, before any screen
    from .ui.ending import exit_status
    from .ui.follow import FollowApp

    app = FollowApp(watcher)
    app.run()
    return exit_status(app)


def _follow_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("follow", help="follow a meeting read-only: the current item, the "
                                      "agenda and the final decisions, as the file changes")
    p.add_argument("session", help="session file (*.session.toml) another meeting-tui writes")
    p.set_defaults(func=cmd_follow)


SERVE_MISSING = ("serve --terminal needs the optional extra: "
                 "pip install 'meeting-tui[serve]' (textual-serve)")


def cmd_serve(args: argparse.Namespace) -> int:
    from .files.watcher import SessionWatcher

    SessionWatcher(args.session).load()  # bad input is said here, not in each browser
    try:
        if args.terminal:
            try:
                from .serve import serve
            except ImportError:
                print(f"meeting-tui: {SERVE_MISSING}", file=sys.stderr)
                return EXIT_INPUT
            serve(args.session, args.host, args.port, max(1, args.max_viewers or 60))
        else:
            from .web.server import Limits
            from .web.server import serve as serve_page

            limits = Limits(max(1, args.max_viewers or Limits.max_viewers),
                            max(1, args.max_per_client))
            serve_page(args.session, args.host, args.port, public=args.public, limits=limits)
    except OSError as exc:  # the port is taken, the host is not this machine's, ...
        print(f"meeting-tui: cannot serve on {args.host}:{args.port} "
              f"({exc.strerror or exc})", file=sys.stderr)
        return EXIT_INPUT
    return 0


def _serve_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="follow the meeting in a web browser: one light page "
                                     "for any number of viewers")
    p.add_argument("session", help="session file (*.session.toml) another meeting-tui writes")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only; "
                        "0.0.0.0 for every network the machine is on, with a token)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--public", action="store_true",
                   help="beyond this machine, let anyone who reaches the port in, "
                        "without the token")
    p.add_argument("--max-viewers", type=int, default=None, metavar="N",
                   help="pages that may follow at once (default 1000; with --terminal "
                        "60, each a process of some 40 MB)")
    p.add_argument("--max-per-client", type=int, default=20, metavar="N",
                   help="pages that may follow at once from one address (default 20)")
    p.add_argument("--terminal", action="store_true",
                   help="the terminal follow view in the browser instead (textual-serve, "
                        "the optional extra 'serve')")
    p.set_defaults(func=cmd_serve)


def cmd_publish(args: argparse.Namespace) -> int:
    from .web.publish import publish

    try:
        publish(args.session, args.to, watch=args.watch)
    except OSError as exc:
        print(printable(f"meeting-tui: cannot write into {args.to} ({exc.strerror or exc})"),
              file=sys.stderr)
        return EXIT_INPUT
    return 0


def _publish_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("publish", help="the follow page as files (index.html, state.json, "
                                       "decisions.html) for any web server or CDN")
    p.add_argument("session", help="session file (*.session.toml) another meeting-tui writes")
    p.add_argument("--to", required=True, metavar="DIR", help="folder to write into")
    p.add_argument("--watch", action="store_true",
                   help="keep running, and write again on each change of the session")
    p.set_defaults(func=cmd_publish)


def _actions_parser(sub: argparse._SubParsersAction) -> None:
    from .cli_followup import actions_parser

    actions_parser(sub)


def _next_parser(sub: argparse._SubParsersAction) -> None:
    from .cli_followup import next_parser

    next_parser(sub)


# Each subcommand's name and the function that adds its parser. Only the parser of the
# command given is built (all of them for the top-level help): building them all, and
# importing what their choices come from, was some 5 ms of every start-up.
SUBCOMMANDS: dict[str, Callable[[argparse._SubParsersAction], None]] = {
    "agenda": _agenda_parser, "run": _run_parser, "decisions": _decisions_parser,
    "adopt": _adopt_parser, "report": _report_parser, "follow": _follow_parser,
    "serve": _serve_parser, "publish": _publish_parser, "actions": _actions_parser,
    "next": _next_parser,
}


class _KeysAction(argparse.Action):
    """--keys: the table of keys, as README and the help screen have it, then exit."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None,
                 ) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        from .ui.commands import keys_markdown

        sys.stdout.write(keys_markdown())
        parser.exit()


def build_parser(command: str | None = None,
                 ) -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    """The command line's parser: with ``command``, that subcommand's only."""
    parser = argparse.ArgumentParser(
        prog="meeting-tui",
        description="Run a live meeting from its agenda. `meeting-tui AGENDA` opens it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--keys", action=_KeysAction,
                        help="print the keys of the live meeting screen (a Markdown table)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in SUBCOMMANDS.items():
        if command is None or name == command:
            add(sub)
    return parser, sub


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] not in SUBCOMMANDS and not args_list[0].startswith("-"):
        args_list.insert(0, "run")
    parser, _ = build_parser(args_list[0] if args_list and args_list[0] in SUBCOMMANDS
                             else None)
    args = parser.parse_args(args_list)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        return args.func(args)
    except InputError as exc:
        print(printable(f"meeting-tui: {exc}"), file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`): what it did not want is not an error. Output
        # still buffered goes nowhere, so that no error is printed at exit either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
