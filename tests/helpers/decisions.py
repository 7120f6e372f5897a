"""The fixture meeting of the List of decisions tests: two items with final decisions
(one of them multi-line), drafts, non-ASCII quotes, an item with drafts only and an
item with nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from meeting_tui.core.parser import parse_agenda
from meeting_tui.core.session import Session

AGENDA = """\
Lanzarote Committee
28th meeting
Strasbourg, 21-25 September 2020

1. Opening of the meeting and adoption of the agenda
2. Monitoring of the implementation of the Lanzarote Convention
2.1. “The protection of children against sexual exploitation and sexual abuse \
facilitated by information and communication technologies (ICTs)”
2.2. Decision on the theme of the 3rd monitoring round
3. Any other business

List of decisions
"""

MULTI_LINE = (
    "Took note of the “preliminary draft” implementation report prepared by the "
    "Secretariat’s team, and of the comments made by the Parties during the first "
    "reading, which will be reflected in the second draft.\n"
    "\n"
    "Instructed the Secretariat to:\n"
    "- revise the report accordingly;\n"
    "- send it to the Parties by 15 October 2020."
)
SECOND = "Agreed to hold the second reading at its 29th meeting (‘Strasbourg’ or online)."
DRAFT_1 = "Agreed to change the order of items 2 and 3."
DRAFT_22 = "Decided to postpone the decision to its next meeting."
ADOPTED_ON = date(2020, 9, 25)


def make_session(agenda_text: str = AGENDA, source: str = "agenda.txt") -> Session:
    agenda = parse_agenda(agenda_text, source=source)
    now = datetime(2020, 9, 21, 9, 0, tzinfo=UTC)
    session = Session(agenda, now=lambda: now)

    def add(key: str, text: str, final: bool) -> None:
        decision = session.add_decision(key, text)
        if final:
            session.toggle_final(key, decision.id)

    add("1", "Adopted its agenda.", True)
    add("1", DRAFT_1, False)
    add("2.1", MULTI_LINE, True)
    add("2.1", SECOND, True)
    add("2.2", DRAFT_22, False)
    session.settings.body = "Lanzarote Committee"
    return session


def adopted_session() -> Session:
    session = make_session()
    session.adopt(ADOPTED_ON)
    return session


def write_session(folder: Path, session: Session | None = None, *,
                  agenda_name: str = "agenda.txt", recorded: str | None = None) -> Path:
    """The agenda and the session file in ``folder``; returns the session file."""
    from meeting_tui.files.session_toml import agenda_hash, dumps

    session = session or make_session()
    agenda_path = folder / agenda_name
    agenda_path.write_text(AGENDA, encoding="utf-8")
    path = folder / "agenda.session.toml"
    path.write_text(dumps(session, recorded or str(agenda_path), agenda_hash(AGENDA)),
                    encoding="utf-8")
    return path
