"""Decisions in the List's other languages: the translations the secretary writes.

A decision is written in the meeting's language; a body that publishes its List in two
(the Council of Europe: English and French) needs each decision in the other too. The
secretary writes that translation (``T`` in the app, ``tr fr TEXT`` on the command
line); it is kept with the decision (``Decision.translations``) and saved in the
session file as an optional table of the decision. Nothing is ever translated by the
program: a list in a language a decision has no translation into says so where the
decision would be (``Words.missing``, "[traduction manquante]"), see ``bilingual``.
No Textual.
"""

from __future__ import annotations

from datetime import datetime

from .languages import LANGUAGES
from .settings import MeetingSettings
from .state import Decision


def second_language(settings: MeetingSettings) -> str:
    """The language the app translates decisions into: the setting, else French for an
    English meeting (the Council of Europe's two) and English for any other."""
    own = settings.resolved_language()
    chosen = settings.second_language
    if chosen and chosen != own:
        return chosen
    return "fr" if own == "en" else "en"


def set_translation(decision: Decision, language: str, text: str, now: datetime) -> bool:
    """The decision's text in ``language``; an empty text takes the translation away.
    True when something changed (``modified`` is then ``now``)."""
    if language not in LANGUAGES:
        raise ValueError(f"no language {language!r} (one of {', '.join(LANGUAGES)})")
    if not text.strip():
        if language not in decision.translations:
            return False
        del decision.translations[language]
    elif decision.translations.get(language) == text:
        return False
    else:
        decision.translations[language] = text
    decision.modified = now
    return True


def read_translations(value: object, where: str) -> dict[str, str]:
    """A decision's ``translations`` table from the session file (absent: none);
    ValueError says what is wrong with it."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{where}: 'translations' must be a table of language = text")
    out: dict[str, str] = {}
    for code, text in value.items():
        if code not in LANGUAGES:
            raise ValueError(f"{where}: translations: no language {code!r} "
                             f"(one of {', '.join(LANGUAGES)})")
        if not isinstance(text, str):
            raise ValueError(f"{where}: translations: '{code}' must be a text")
        if text.strip():
            out[code] = text
    return out
