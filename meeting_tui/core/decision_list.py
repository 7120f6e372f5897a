"""The List of decisions as a document: what is in it, built from a Session.

The document, in the form Council of Europe lists of decisions take: a header block
(the body, "List of decisions", the meeting, its venue and dates, and once adopted
"Adopted by the … on …"), an optional preamble, the lead-in stated once ("During this
meeting, the Lanzarote Committee:"), then every item with at least one final
decision in agenda order under its number and title, with the headings of the items
above it, and its decisions as numbered paragraphs. The numbers run through the
whole document unless they restart per item.

``build_document`` decides all of that (which items, which decisions, their
numbers); the renderers (``export``, ``export_docx``) only lay it out. No Textual.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .agenda import Item
from .languages import Words, meeting_line, words
from .list_numbers import count_phrase as count_phrase
from .list_numbers import list_number as list_number
from .list_numbers import list_numbers as list_numbers
from .session import DecisionStatus, Session

# The List's numbers and counts (above) are list_numbers': the first screen shows them
# without this module. Named here too (``X as X``: re-exported) for the List's users.
# The English words; a document's own are ``Document.words`` (languages.py).
TITLE = Words().title
NO_DECISION = Words().no_decision
DRAFT_MARK = Words().draft
BULLET = "•"



@dataclass(frozen=True)
class Entry:
    """One decision as it appears in the list."""

    number: int
    paragraphs: tuple[tuple[str, ...], ...]  # paragraphs, each a tuple of lines
    draft: bool = False
    # The decision it shows (its id), for its translations (bilingual.py).
    decision: int | None = field(default=None, compare=False)
    # The vote it was taken by, in the document's language, to go after its text: the
    # result, then the roll call (core/votes.py); empty by consensus.
    vote: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n\n".join("\n".join(lines) for lines in self.paragraphs)


@dataclass(frozen=True)
class Section:
    """An agenda item in the list: a heading, and its decisions (if any)."""

    number: str | None
    title: str
    depth: int  # 0 for a top-level item
    entries: tuple[Entry, ...] = ()
    no_decision: bool = False  # --all-items: say "No decision." under it
    # An unnumbered item under a numbered one (a bullet of its agenda line, such as a
    # presentation under "3.1.1"): marked "•" and set under its item, so that it does
    # not read as an item of its own.
    bullet: bool = False

    @property
    def heading(self) -> str:
        if not self.number:
            return f"{BULLET} {self.title}" if self.bullet else self.title
        number = self.number if self.number.endswith((")", ".")) else f"{self.number}."
        return f"{number} {self.title}"


@dataclass(frozen=True)
class Document:
    body: str = ""
    meeting: str = ""
    venue_and_dates: str = ""
    adopted: str = ""  # "Adopted by the Lanzarote Committee on 25 September 2020"
    preamble: tuple[tuple[str, ...], ...] = ()  # paragraphs of lines
    lead_in: str = ""
    sections: tuple[Section, ...] = field(default_factory=tuple)
    language: str = "en"  # the fixed words' language (languages.py)
    # Said when the decisions are in another language than the fixed words: they are
    # given as written, never translated.
    untranslated: str = ""
    dated: str = ""  # the document's date: the adoption's, else the day it is made
    symbol: str = ""  # "T-ES(2020)14": the template's {symbol}
    # --with-attendance: who was present, excused, absent, after the header (roll.py).
    attendance: tuple[str, ...] = ()

    @property
    def words(self) -> Words:
        return words(self.language)

    @property
    def entries(self) -> list[Entry]:
        return [entry for section in self.sections for entry in section.entries]

    @property
    def count(self) -> int:
        return len(self.entries)


def split_paragraphs(text: str) -> tuple[tuple[str, ...], ...]:
    """Paragraphs (split at blank lines), each a tuple of its lines, trailing spaces cut."""
    paragraphs: list[tuple[str, ...]] = []
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if line.strip():
            lines.append(line)
        elif lines:
            paragraphs.append(tuple(lines))
            lines = []
    if lines:
        paragraphs.append(tuple(lines))
    return tuple(paragraphs)


def _shown(status: str, include_drafts: bool) -> bool:
    return status in (DecisionStatus.FINAL, DecisionStatus.ADOPTED) or (
        include_drafts and status == DecisionStatus.DRAFT
    )


def _parents(session: Session) -> dict[str, str | None]:
    parents: dict[str, str | None] = {}

    def visit(items: Iterable[Item], parent: str | None) -> None:
        for item in items:
            parents[item.key] = parent
            visit(item.children, item.key)

    visit(session.agenda.items, None)
    return parents


def build_document(
    session: Session,
    *,
    include_drafts: bool = False,
    all_items: bool = False,
    number_per_item: bool = False,
    preamble: str | None = None,
    body: str | None = None,
    meeting: str | None = None,
    keys: Iterable[str] | None = None,
    language: str | None = None,
    with_attendance: bool = False,
) -> Document:
    """The List of decisions of ``session``.

    ``body`` and ``meeting`` override the meeting settings; ``keys`` limits the list
    to those items (their decisions keep the numbers they have in the whole list).
    ``language`` is the fixed words' (default: the meeting's); the decisions are as
    written, in the meeting's language, and a list in another says so.
    """
    settings = session.settings
    own = settings.resolved_language()
    language = language or own
    lang = words(language)
    agenda = session.agenda
    body = settings.resolved_body() if body is None else body
    parents = _parents(session)
    depth: dict[str, int] = {}
    bullet: dict[str, bool] = {}  # unnumbered, under a numbered item (or a bullet)
    for item in session.order:
        parent = parents[item.key]
        depth[item.key] = 0 if parent is None else depth[parent] + 1
        bullet[item.key] = item.number is None and parent is not None and (
            session.item(parent).number is not None or bullet[parent])

    # (key or None, number, title, depth, decisions as (status, text, id), leaf)
    rows: list[tuple[str | None, str | None, str, int, list[tuple[str, str, int]], bool]] = []
    for item in session.order:
        state = session.peek(item.key)
        decisions = [(str(d.status), d.text, d.id) for d in state.decisions] if state else []
        rows.append((item.key, item.number, item.title, depth[item.key], decisions,
                     not item.children))
    # Entries for items the agenda no longer has: kept in the file, so kept here, last.
    for entry in session.unmatched:
        decisions = [(str(d.status), d.text, d.id) for d in entry.state.decisions]
        rows.append((None, entry.number, entry.title, 0, decisions, True))

    from .roll import attendance_lines  # the floor's modules: imported when the List is made
    from .votes import vote_lines

    wanted = set(keys) if keys is not None else None
    votes = session.decision_votes()
    sections: list[Section] = []
    emitted: set[str] = set()
    counter = 0
    for key, number, title, level, decisions, leaf in rows:
        shown = [
            (status, split_paragraphs(text), decision_id)
            for status, text, decision_id in decisions
            if _shown(status, include_drafts) and text.strip()
        ]
        if number_per_item:
            counter = 0
        entries = []
        for status, paragraphs, decision_id in shown:
            counter += 1
            entries.append(Entry(counter, paragraphs, draft=status == DecisionStatus.DRAFT,
                                 decision=decision_id,
                                 vote=tuple(vote_lines(votes.get(decision_id), language))))
        if wanted is not None and key not in wanted:
            continue
        if not entries and not all_items:
            continue
        if key is not None:
            # The headings above it, top down, that are not there yet.
            chain: list[str] = []
            parent = parents[key]
            while parent is not None and parent not in emitted:
                chain.append(parent)
                parent = parents[parent]
            for above in reversed(chain):
                item = session.item(above)
                sections.append(Section(item.number, item.title, depth[above],
                                        bullet=bullet[above]))
                emitted.add(above)
            emitted.add(key)
        sections.append(Section(number, title, level, tuple(entries),
                                no_decision=not entries and leaf,
                                bullet=key is not None and bullet[key]))
    meeting = settings.resolved_meeting(agenda) if meeting is None else meeting
    day = settings.adopted_on or session.now().astimezone().date()
    return Document(
        body=body,
        meeting=meeting_line(meeting, lang),
        venue_and_dates=settings.resolved_venue_and_dates(agenda),
        adopted=settings.adoption_line(body, language),
        preamble=split_paragraphs(preamble or ""),
        lead_in=settings.resolved_lead_in(body, language),
        sections=tuple(sections),
        language=language,
        untranslated=(lang.untranslated.format(lang.language_name(own))
                      if language != own else ""),
        dated=lang.day(day),
        symbol=settings.symbol or "",
        attendance=(attendance_lines(session.roll, session.attendance, language)
                    if with_attendance else ()),
    )
