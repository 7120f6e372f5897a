"""The follow-up actions as a document: the open ones (or all), sorted by due date,
each with where it came from ("28th meeting, 2.1"), laid out as Markdown, plain text,
HTML, JSON data and DOCX (``minutes_docx``). What an action is, is ``actions``'.
"""

from __future__ import annotations

from typing import Any

from .actions import Row, sort_rows
from .dates import format_due
from .printable import printable, xml_safe
from .session import ItemState, Session

TITLE = "Follow-up actions"
FORMATS = ("md", "txt", "html", "docx")
NO_ACTION = "No open action."


def _item_label(number: str | None, title: str) -> str:
    return f"{number} {title}" if number else title


def rows(session: Session, *, open_only: bool = True) -> list[Row]:
    """The session's actions (the open ones), sorted: dated first by date, then the
    rest in agenda order."""
    found: list[Row] = []
    states: list[tuple[str | None, str | None, str, ItemState | None]] = [
        (item.key, item.number, item.title, session.peek(item.key)) for item in session.order]
    states += [(None, e.number, e.title, e.state) for e in session.unmatched]
    for key, number, title, state in states:
        if state is None:
            continue
        texts = {d.id: d.text for d in state.decisions}
        for action in state.actions:
            if open_only and not action.open:
                continue
            found.append(Row(key, _item_label(number, title), number, action,
                             texts.get(action.decision, "") if action.decision else ""))
    return sort_rows(found)


def origin(session: Session, row: Row) -> str:
    """Where an action came from: "28th meeting, 2.1"."""
    meeting = session.settings.resolved_meeting(session.agenda)
    where = row.number or row.item
    return f"{meeting}, {where}" if meeting else where


def meeting_line(session: Session) -> str:
    return session.settings.resolved_meeting(session.agenda)


def to_json(session: Session, found: list[Row]) -> list[dict[str, Any]]:
    return [
        {"id": row.action.id, "text": row.action.text, "owner": row.action.owner,
         "due": row.action.due,
         "due_date": row.action.due_date.isoformat() if row.action.due_date else None,
         "status": str(row.action.status), "item": row.key, "number": row.number,
         "from": origin(session, row),
         "decision": row.action.decision}
        for row in found
    ]


def _due(row: Row) -> str:
    return format_due(row.action.due, row.action.due_date) or "no date"


def render_md(session: Session, found: list[Row]) -> str:
    blocks = [f"# {TITLE}"]
    meeting = meeting_line(session)
    if meeting:
        blocks.append(meeting)
    if not found:
        blocks.append(NO_ACTION)
    for row in found:
        done = " (done)" if not row.action.open else ""
        blocks.append(f"- **{_due(row)}**: {row.action.owner}: {row.action.text}{done}  \n"
                      f"  *from {origin(session, row)}*")
    return printable("\n\n".join(blocks) + "\n")


def render_txt(session: Session, found: list[Row]) -> str:
    import textwrap

    blocks = [[TITLE.upper(), *([meeting_line(session)] if meeting_line(session) else [])]]
    if not found:
        blocks.append([NO_ACTION])
    for row in found:
        done = " (done)" if not row.action.open else ""
        lines = [f"{_due(row)}: {row.action.owner}{done}"]
        lines += textwrap.wrap(row.action.text, 76, initial_indent="    ",
                               subsequent_indent="    ", break_long_words=False) or []
        lines.append(f"    from {origin(session, row)}")
        blocks.append(lines)
    return printable("\n\n".join("\n".join(b) for b in blocks) + "\n")


def render_html(session: Session, found: list[Row]) -> str:
    from html import escape

    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(TITLE)}</title>",
           "<style>body { font-family: Georgia, serif; max-width: 50em; margin: 2em auto; }"
           " td, th { text-align: left; vertical-align: top; padding: 0.3em 0.8em; }"
           "</style>", "</head>", "<body>", f"<h1>{escape(TITLE)}</h1>"]
    if meeting_line(session):
        out.append(f"<p>{escape(meeting_line(session))}</p>")
    if not found:
        out.append(f"<p>{NO_ACTION}</p>")
    else:
        out.append("<table>")
        out.append("<tr><th>due</th><th>owner</th><th>action</th><th>from</th>"
                   "<th>status</th></tr>")
        out += [f"<tr><td>{escape(_due(row))}</td><td>{escape(row.action.owner)}</td>"
                f"<td>{escape(row.action.text)}</td><td>{escape(origin(session, row))}</td>"
                f"<td>{row.action.status}</td></tr>" for row in found]
        out.append("</table>")
    out += ["</body>", "</html>"]
    return xml_safe("\n".join(out) + "\n")


def render(session: Session, found: list[Row], fmt: str) -> str | bytes:
    if fmt == "md":
        return render_md(session, found)
    if fmt == "txt":
        return render_txt(session, found)
    if fmt == "html":
        return render_html(session, found)
    if fmt == "docx":
        from .minutes_docx import render_actions_docx

        return render_actions_docx(TITLE, meeting_line(session),
                                   [(_due(row), row.action.owner, row.action.text,
                                     origin(session, row), str(row.action.status))
                                    for row in found])
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
