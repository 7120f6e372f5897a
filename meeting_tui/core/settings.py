"""The meeting's settings for its List of decisions (no Textual).

Each setting is optional: None means "the default", which is derived from the agenda
when the document is made (the meeting and its venue and dates come from the agenda's
header lines, or its file name). Only the settings someone set are saved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from .agenda import Agenda
from .languages import DEFAULT_LANGUAGE, LANGUAGES, words

if TYPE_CHECKING:  # imported when a session carries a previous meeting's decisions
    from .previous import PreviousMeeting

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

@cache  # compiled on first use: the List's meeting line, not the first screen
def _ordinal_meeting() -> re.Pattern[str]:
    """A meeting's ordinal: "28th meeting", "3rd session", "101st plenary meeting"; in
    the other languages of the List ("31e réunion", "1re session", "31. Sitzung")."""
    return re.compile(
        r"\b(\d{1,4}(?:st|nd|rd|th)[\s_-]+(?:(?:plenary|ordinary|extraordinary)[\s_-]+)?"
        r"(?:meeting|session|sitting|plenary))\b"
        r"|\b(\d{1,4}(?:e|re|ème)[\s_-]+(?:réunion|session|séance)(?:[\s_-]+plénière)?)\b"
        r"|\b(\d{1,4}\.[\s_-]*(?:Sitzung|Tagung|Plenarsitzung))\b"
        r"|\b(\d{1,4}\.?[ªº][\s_-]+(?:reunión|sesión|período de sesiones))\b",
        re.IGNORECASE,
    )


_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")


def format_date(day: date) -> str:
    """'25 September 2020': the form of official documents, whatever the locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def parse_date(text: str) -> date:
    """'2020-09-25', '25 September 2020', '25 Sep 2020' or 'today'. ValueError else."""
    text = " ".join(text.strip().split())
    if text.lower() == "today":
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    for pattern in ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(f"not a date: {text!r} (try 2020-09-25 or 25 September 2020)")


def default_meeting(agenda: Agenda) -> str:
    """'28th meeting' from the agenda's header lines, else from its file name."""
    places = [*agenda.header, Path(agenda.source).stem.replace("_", " ")]
    for text in places:
        m = _ordinal_meeting().search(text)
        if m:
            found = next(group for group in m.groups() if group)
            return re.sub(r"[\s_-]+", " ", found)
    return ""


def default_venue_and_dates(agenda: Agenda) -> str:
    """The first header line that gives a year: 'Virtual meeting, 21-25 September 2020'."""
    return next((line for line in agenda.header if _YEAR_RE.search(line)), "")


# The agenda's bullets read as notes of their items rather than items (--bullets notes).
BULLETS_AS_NOTES = "notes"


@dataclass
class MeetingSettings:
    """What the List of decisions says about the meeting; None = the default."""

    body: str | None = None  # "Lanzarote Committee"
    meeting: str | None = None  # "28th meeting"
    venue_and_dates: str | None = None  # "Virtual meeting, 21-25 September 2020"
    lead_in: str | None = None  # "During this meeting, the Lanzarote Committee:"
    adopted_on: date | None = None  # the day the body adopted the list
    phrases: list[str] = field(default_factory=list)  # the meeting's own opening phrases
    language: str | None = None  # "fr": the meeting's language (None: English)
    template: str | None = None  # the body's Word template (relative: to the session)
    symbol: str | None = None  # the document's symbol, "T-ES(2020)14", for {symbol}
    bullets: str | None = None  # "notes": the agenda's bullets are notes of their items
    # The language decisions are translated into in the app (T), when it is not the
    # default (core/translations.py: French for an English meeting, else English).
    second_language: str | None = None
    quorum: str | None = None  # the quorum rule as typed: "31", "1/2", "majority" (roll.py)
    vote_rule: str | None = None  # "two-thirds majority of votes cast" (votes.py)
    speaking_limit: int | None = None  # seconds a speaker has, unless the item says (floor)
    bell: bool = False  # the terminal's bell when a speech passes its limit (written if on)
    # The meeting the carried decisions came from (``meeting-tui next``): optional, so
    # a file without it reads as before.
    previous: PreviousMeeting | None = None

    # The saved names, in the order they are written.
    TEXT_FIELDS = ("body", "meeting", "venue_and_dates", "lead_in", "language", "template",
                   "symbol", "bullets", "quorum", "vote_rule", "second_language")

    def resolved_body(self) -> str:
        return self.body or ""

    def resolved_meeting(self, agenda: Agenda) -> str:
        return self.meeting if self.meeting is not None else default_meeting(agenda)

    def resolved_venue_and_dates(self, agenda: Agenda) -> str:
        if self.venue_and_dates is not None:
            return self.venue_and_dates
        return default_venue_and_dates(agenda)

    def resolved_language(self) -> str:
        return self.language or DEFAULT_LANGUAGE

    def resolved_lead_in(self, body: str | None = None, language: str | None = None) -> str:
        """The lead-in set (it is in the meeting's language, so a list in another
        language says its own), else the language's: "During this meeting, the …:"."""
        language = language or self.resolved_language()
        if self.lead_in is not None and language == self.resolved_language():
            return self.lead_in
        body = self.resolved_body() if body is None else body
        return words(language).lead_in(body)

    def adoption_line(self, body: str | None = None, language: str | None = None) -> str:
        if self.adopted_on is None:
            return ""
        body = self.resolved_body() if body is None else body
        return words(language or self.resolved_language()).adopted(body, self.adopted_on)

    # ------------------------------------------------------------ the session file
    def to_table(self) -> dict[str, object]:
        """Only what was set (tomli-w cannot write None)."""
        table: dict[str, object] = {}
        for name in self.TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None:
                table[name] = value
        if self.adopted_on is not None:
            table["adopted_on"] = self.adopted_on
        if self.phrases:
            table["phrases"] = list(self.phrases)
        if self.speaking_limit is not None:
            table["speaking_limit"] = self.speaking_limit
        if self.bell:
            table["bell"] = True
        if self.previous is not None:
            table["previous"] = self.previous.to_table()
        return table

    @classmethod
    def from_table(
        cls, table: Mapping[str, object], fail: Callable[[str], Exception]
    ) -> MeetingSettings:
        """``fail(problem)`` returns the exception to raise for a bad value."""
        settings = cls()
        for name in cls.TEXT_FIELDS:
            value = table.get(name)
            if value is not None and not isinstance(value, str):
                raise fail(f"settings: '{name}' has the wrong type ({type(value).__name__})")
            setattr(settings, name, value)
        for name in ("language", "second_language"):
            if getattr(settings, name) not in (None, *LANGUAGES):
                raise fail(f"settings: no language {getattr(settings, name)!r} "
                           f"(one of {', '.join(LANGUAGES)})")
        if settings.bullets not in (None, BULLETS_AS_NOTES):
            raise fail(f"settings: 'bullets' must be \"{BULLETS_AS_NOTES}\" or absent, got "
                       f"{settings.bullets!r}")
        adopted = table.get("adopted_on")
        if adopted is not None:
            if isinstance(adopted, datetime) or not isinstance(adopted, date):
                raise fail(f"settings: 'adopted_on' is not a date ({adopted!r})")
            settings.adopted_on = adopted
        phrases = table.get("phrases", [])
        if not isinstance(phrases, list) or not all(isinstance(p, str) for p in phrases):
            raise fail("settings: 'phrases' must be a list of strings")
        settings.phrases = [p for p in phrases if p.strip()]
        limit = table.get("speaking_limit")
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)
                                  or limit <= 0):
            raise fail(f"settings: 'speaking_limit' is not a number of seconds ({limit!r})")
        settings.speaking_limit = limit
        bell = table.get("bell", False)
        if not isinstance(bell, bool):
            raise fail(f"settings: 'bell' is not true or false ({bell!r})")
        settings.bell = bell
        if table.get("previous") is not None:
            from .previous import PreviousMeeting

            settings.previous = PreviousMeeting.from_table(table["previous"], fail)
        return settings
