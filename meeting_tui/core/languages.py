"""The fixed words of the List of decisions in each language, and its dates (no Textual).

One small table per language rather than gettext catalogs or Babel: the document has
six fixed phrases, a date and an ordinal, and what the languages need is not what CLDR
gives. Babel's long French date is "1 avril 2021" where French documents write
"1er avril 2021", its English long date is the American "April 1, 2021", it has no
ordinals ("28th", "28e", "28.", "28.ª"), and it weighs 33 MB installed; twelve month
names a language are easier to review than a catalog toolchain.

The reference is the body's own documents: the French words follow the Lanzarote
Committee's French list of its 31st meeting (T-ES(2021)14_fr: "Liste des décisions",
"31e réunion", "29 mars – 1er avril 2021", "Adopté par le Comité de Lanzarote le
1er avril 2021", "Lors de cette réunion, le Comité de Lanzarote :"). The Council of
Europe writes English and French only; the German and Spanish follow the usage of
German and Spanish minutes and of United Nations Spanish ("Lista de decisiones",
"1 de abril de 2021", "28.ª reunión") and want a translator's review.

The body's name is used as written (set it in the meeting's language); the article it
takes is chosen by a small rule per language, and a name that begins with its own
article ("la Commission", "die Kommission") keeps it.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

LANGUAGES = ("en", "fr", "de", "es")
DEFAULT_LANGUAGE = "en"

# "28th meeting", "3rd session", "101st plenary meeting", "2nd extraordinary meeting"
@cache  # compiled on first use: the List of decisions is made after start-up
def english_meeting_re() -> re.Pattern[str]:
    return re.compile(
        r"(?P<n>\d{1,4})(?:st|nd|rd|th)\s+(?:(?P<kind>plenary|ordinary|extraordinary)\s+)?"
        r"(?P<what>meeting|session|sitting|plenary)",
        re.IGNORECASE,
    )


class Words:
    """The fixed words of one language; the English ones are the default.

    One instance a language, its words class attributes, read-only (no slots for
    instances): a frozen dataclass of them cost every start-up some 3 ms to make."""

    __slots__ = ()

    code: str = "en"
    name: str = "English"  # the language's name in English, for messages
    title: str = "List of decisions"
    no_decision: str = "No decision."
    draft: str = "DRAFT"
    months: tuple[str, ...] = (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    )
    # Said in a list whose decisions are written in another language (never invented).
    untranslated: str = "The decisions are given in the language they were written in ({})."
    # In place of a decision that has no translation into this language (never invented).
    missing: str = "[translation missing]"

    def day(self, day: date) -> str:
        return f"{day.day} {self.months[day.month - 1]} {day.year}"

    def the(self, body: str) -> str:
        return f"the {body}"

    def lead_in(self, body: str) -> str:
        return f"During this meeting, {self.the(body)}:" if body else "During this meeting:"

    def adopted(self, body: str, day: date) -> str:
        by = f" by {self.the(body)}" if body else ""
        return f"Adopted{by} on {self.day(day)}"

    def meeting(self, n: int, kind: str, what: str) -> str:
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return " ".join(part for part in (f"{n}{suffix}", kind, what) if part)

    def language_name(self, code: str) -> str:
        """The name of the language ``code`` in this language."""
        return {"en": "English", "fr": "French", "de": "German", "es": "Spanish"}[code]


def _starts_with(body: str, articles: tuple[str, ...]) -> bool:
    low = body.casefold()
    return any(low.startswith(a) for a in articles)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


class French(Words):
    __slots__ = ()
    code: str = "fr"
    name: str = "French"
    title: str = "Liste des décisions"
    no_decision: str = "Aucune décision."
    draft: str = "PROJET"
    months: tuple[str, ...] = (
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    )
    untranslated: str = ("Les décisions sont reproduites dans la langue dans laquelle "
                         "elles ont été rédigées ({}).")
    missing: str = "[traduction manquante]"

    FEMININE = ("commission", "conférence", "assemblée", "réunion", "délégation", "cour",
                "direction", "plénière", "session", "table ronde", "division", "chambre")

    def day(self, day: date) -> str:
        first = "1er" if day.day == 1 else str(day.day)
        return f"{first} {self.months[day.month - 1]} {day.year}"

    def the(self, body: str) -> str:
        if _starts_with(body, ("le ", "la ", "les ", "l'", "l’")):
            return _lower_first(body)
        if body[:1].casefold() in "aeiouyàâéèêëîïôûü":  # not h: "le Haut Conseil"
            return f"l’{body}"
        feminine = _starts_with(body, self.FEMININE)
        return f"{'la' if feminine else 'le'} {body}"

    def lead_in(self, body: str) -> str:
        # French puts a (non-breaking) space before a colon.
        return f"Lors de cette réunion, {self.the(body)}\u00a0:" if body else \
            "Lors de cette réunion\u00a0:"

    def adopted(self, body: str, day: date) -> str:
        by = f" par {self.the(body)}" if body else ""
        return f"Adopté{by} le {self.day(day)}"

    def meeting(self, n: int, kind: str, what: str) -> str:
        # réunion, session, séance: all feminine, so 1re
        noun = {"meeting": "réunion", "session": "session", "sitting": "séance",
                "plenary": "séance plénière"}[what]
        if kind == "plenary":  # a plenary meeting is a "séance plénière"
            noun = "séance plénière"
        elif kind:
            noun += {"ordinary": " ordinaire", "extraordinary": " extraordinaire"}[kind]
        return f"{'1re' if n == 1 else f'{n}e'} {noun}"

    def language_name(self, code: str) -> str:
        return {"en": "anglais", "fr": "français", "de": "allemand", "es": "espagnol"}[code]


class German(Words):
    __slots__ = ()
    code: str = "de"
    name: str = "German"
    title: str = "Liste der Beschlüsse"
    no_decision: str = "Kein Beschluss."
    draft: str = "ENTWURF"
    months: tuple[str, ...] = (
        "Januar", "Februar", "März", "April", "Mai", "Juni",
        "Juli", "August", "September", "Oktober", "November", "Dezember",
    )
    untranslated: str = ("Die Beschlüsse sind in der Sprache wiedergegeben, in der sie "
                         "verfasst wurden ({}).")
    missing: str = "[Übersetzung fehlt]"

    # The gender of a compound is its last part's: "Lanzarote-Ausschuss" is der.
    FEMININE_ENDS = ("kommission", "konferenz", "versammlung", "gruppe", "delegation",
                     "runde", "stelle", "behörde", "kammer")
    NEUTER_ENDS = ("komitee", "gremium", "plenum", "büro", "präsidium", "kollegium",
                   "forum", "sekretariat", "direktorium")

    def day(self, day: date) -> str:
        return f"{day.day}. {self.months[day.month - 1]} {day.year}"

    def _article(self, body: str) -> tuple[str, str]:
        """(nominative, after "von") of ``body``: ("der X", "vom X")."""
        low = body.casefold()
        for article, dative in (("der ", "dem "), ("die ", "der "), ("das ", "dem ")):
            if low.startswith(article):
                rest = body[len(article):]
                return f"{article.strip()} {rest}", f"von {dative}{rest}"
        head = low.split()[0] if low.split() else low
        if head.endswith(self.FEMININE_ENDS):
            return f"die {body}", f"von der {body}"
        if head.endswith(self.NEUTER_ENDS):
            return f"das {body}", f"vom {body}"
        return f"der {body}", f"vom {body}"

    def the(self, body: str) -> str:
        return self._article(body)[0]

    def lead_in(self, body: str) -> str:
        # The auxiliary is shared: "… hat der Ausschuss: 1. die Tagesordnung angenommen."
        return f"In dieser Sitzung hat {self.the(body)}:" if body else "In dieser Sitzung:"

    def adopted(self, body: str, day: date) -> str:
        by = f" {self._article(body)[1]}" if body else ""
        return f"Angenommen{by} am {self.day(day)}"

    def meeting(self, n: int, kind: str, what: str) -> str:
        noun = {"meeting": "Sitzung", "session": "Tagung", "sitting": "Sitzung",
                "plenary": "Plenarsitzung"}[what]
        if kind == "plenary":
            noun = "Plenarsitzung"
        elif kind:
            noun = {"ordinary": "ordentliche ", "extraordinary": "außerordentliche "}[kind] + noun
        return f"{n}. {noun}"

    def language_name(self, code: str) -> str:
        return {"en": "Englisch", "fr": "Französisch", "de": "Deutsch", "es": "Spanisch"}[code]


class Spanish(Words):
    __slots__ = ()
    code: str = "es"
    name: str = "Spanish"
    title: str = "Lista de decisiones"
    no_decision: str = "Ninguna decisión."
    draft: str = "PROYECTO"
    months: tuple[str, ...] = (
        "enero", "febrero", "marzo", "abril", "mayo", "junio",
        "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
    )
    untranslated: str = ("Las decisiones se reproducen en el idioma en que fueron "
                         "redactadas ({}).")
    missing: str = "[falta la traducción]"

    FEMININE = ("comisión", "conferencia", "asamblea", "junta", "mesa", "reunión",
                "delegación", "secretaría", "cámara", "sala", "corte", "oficina")

    def day(self, day: date) -> str:
        return f"{day.day} de {self.months[day.month - 1]} de {day.year}"

    def the(self, body: str) -> str:
        if _starts_with(body, ("el ", "la ", "los ", "las ")):
            return _lower_first(body)
        head = body.casefold().split()[0] if body.split() else ""
        feminine = head in self.FEMININE or head.endswith(("ción", "sión", "dad"))
        return f"{'la' if feminine else 'el'} {body}"

    def lead_in(self, body: str) -> str:
        return f"Durante esta reunión, {self.the(body)}:" if body else "Durante esta reunión:"

    def adopted(self, body: str, day: date) -> str:
        # "Lista" is feminine: aprobada.
        by = f" por {self.the(body)}" if body else ""
        return f"Aprobada{by} el {self.day(day)}"

    def meeting(self, n: int, kind: str, what: str) -> str:
        if what == "session":  # the United Nations' "período de sesiones", masculine
            return f"{n}.º período de sesiones" + (
                {"ordinary": " ordinario", "extraordinary": " extraordinario"}.get(kind, ""))
        noun = {"meeting": "reunión", "sitting": "sesión", "plenary": "sesión plenaria"}[what]
        if kind == "plenary":
            noun = "sesión plenaria"
        elif kind:
            noun += {"ordinary": " ordinaria", "extraordinary": " extraordinaria"}[kind]
        return f"{n}.ª {noun}"

    def language_name(self, code: str) -> str:
        return {"en": "inglés", "fr": "francés", "de": "alemán", "es": "español"}[code]


_WORDS: dict[str, Words] = {
    "en": Words(), "fr": French(), "de": German(), "es": Spanish(),
}


def words(code: str | None) -> Words:
    """The words of language ``code`` (None: English). KeyError for another code."""
    return _WORDS[(code or DEFAULT_LANGUAGE).casefold()]


def parse_languages(text: str) -> list[str]:
    """'en,fr' gives ['en', 'fr']; ValueError names a code we do not have."""
    codes = [part.strip().casefold() for part in text.split(",") if part.strip()]
    if not codes:
        raise ValueError(f"no language given (one of {', '.join(LANGUAGES)})")
    for code in codes:
        if code not in LANGUAGES:
            raise ValueError(f"no language {code!r} (one of {', '.join(LANGUAGES)})")
    return list(dict.fromkeys(codes))


def meeting_line(text: str, language: Words) -> str:
    """The meeting line in ``language``: an English ordinal meeting ("28th meeting",
    the agenda's default) is said in it ("28e réunion"); anything else is the user's
    own text and stays as written."""
    m = english_meeting_re().fullmatch(" ".join(text.split()))
    if m is None or language.code == "en":
        return text
    kind = (m.group("kind") or "").lower()
    return language.meeting(int(m.group("n")), kind, m.group("what").lower())
