"""Votes on a decision: a tally (for, against, abstaining) or a roll-call vote (each
voting member's vote), the rule the result is computed by, and the result written as
the body writes it, in the meeting's language.

A decision taken by consensus carries no vote, and nothing is written for it.

The wording follows one style per language, taken from the records of bodies that
vote this way:

- English: "Adopted by 30 votes to 2, with 3 abstentions." (United Nations and Council
  of Europe records); "Adopted unanimously." when no one voted against or abstained.
- French: "Adopté par 30 voix contre 2, avec 3 abstentions." (the French records of
  the same bodies); "Adopté à l'unanimité."
- German: "Angenommen mit 30 Ja-Stimmen bei 2 Gegenstimmen und 3 Enthaltungen."
  (Bundestag and Land parliaments' minutes); "Einstimmig angenommen."
- Spanish: "Aprobado por 30 votos contra 2 y 3 abstenciones." (United Nations Spanish
  records); "Aprobado por unanimidad."

A vote that fails says so with the figures in the order for, against, abstaining
("Not adopted: 2 votes for, 30 against, 3 abstentions."), so no reader has to guess
which figure is which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Choice(StrEnum):
    """One member's vote in a roll call."""

    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


# What a member's vote may be typed as (roll-call dialogs, the session file).
CHOICE_WORDS = {
    "for": Choice.FOR, "yes": Choice.FOR, "y": Choice.FOR, "+": Choice.FOR,
    "against": Choice.AGAINST, "no": Choice.AGAINST, "n": Choice.AGAINST, "-": Choice.AGAINST,
    "abstain": Choice.ABSTAIN, "abstaining": Choice.ABSTAIN, "a": Choice.ABSTAIN,
    "0": Choice.ABSTAIN, "=": Choice.ABSTAIN,
}


def parse_choice(text: str) -> Choice:
    choice = CHOICE_WORDS.get(text.strip().lower())
    if choice is None:
        raise ValueError(f"not a vote: {text!r} (for, against or abstain)")
    return choice


class Majority(StrEnum):
    SIMPLE = "simple majority"
    TWO_THIRDS = "two-thirds majority"


@dataclass(frozen=True)
class VoteRule:
    """How the result is computed: a simple or two-thirds majority of the votes cast
    (for and against), or, with ``abstentions_counted``, of for, against and
    abstaining together (an abstention then weighs as a vote against)."""

    majority: Majority = Majority.SIMPLE
    abstentions_counted: bool = False

    def text(self) -> str:
        """The rule written out, as the session file stores it:
        'simple majority of votes cast', 'two-thirds majority, abstentions counted'."""
        if self.abstentions_counted:
            return f"{self.majority.value}, abstentions counted"
        return f"{self.majority.value} of votes cast"

    def adopted(self, for_: int, against: int, abstaining: int) -> bool:
        cast = for_ + against + (abstaining if self.abstentions_counted else 0)
        if for_ <= 0:
            return False
        if self.majority is Majority.TWO_THIRDS:
            return 3 * for_ >= 2 * cast
        return 2 * for_ > cast


DEFAULT_RULE = VoteRule()

_RULE_RE = re.compile(
    r"(?P<maj>simple(?: majority)?|majority|two[- ]thirds(?: majority)?|2/3)"
    r"(?:\s*(?:,|of)?\s*(?P<rest>votes cast|abstentions (?:not )?counted))?",
)


def parse_rule(text: str) -> VoteRule:
    """'simple majority of votes cast', 'two-thirds', '2/3, abstentions counted',
    'majority, abstentions not counted'. ValueError with a message for the user."""
    cleaned = " ".join(text.strip().lower().split())
    m = _RULE_RE.fullmatch(cleaned)
    if not m:
        raise ValueError(
            f"not a voting rule: {text!r} (try 'simple majority of votes cast', "
            "'two-thirds majority of votes cast' or add ', abstentions counted')")
    majority = (Majority.TWO_THIRDS if m["maj"].startswith(("two", "2/3"))
                else Majority.SIMPLE)
    counted = m["rest"] == "abstentions counted"
    return VoteRule(majority, counted)


@dataclass
class Vote:
    """A vote on a decision. With ``roll_call`` (name -> choice) the tally is counted
    from it; ``rule`` is the rule in force when it was taken, stored with it, so a
    later change of the meeting's rule does not rewrite a past result."""

    for_: int
    against: int
    abstaining: int
    rule: VoteRule = DEFAULT_RULE
    roll_call: dict[str, Choice] | None = field(default=None)

    def __post_init__(self) -> None:
        if min(self.for_, self.against, self.abstaining) < 0:
            raise ValueError("a vote counts no fewer than 0 votes")

    @property
    def adopted(self) -> bool:
        return self.rule.adopted(self.for_, self.against, self.abstaining)

    @property
    def tally(self) -> str:
        """'30-2-3'."""
        return f"{self.for_}-{self.against}-{self.abstaining}"

    @classmethod
    def from_roll_call(cls, votes: dict[str, Choice], rule: VoteRule = DEFAULT_RULE,
                       ) -> Vote:
        counts = {choice: 0 for choice in Choice}
        for choice in votes.values():
            counts[choice] += 1
        return cls(counts[Choice.FOR], counts[Choice.AGAINST], counts[Choice.ABSTAIN],
                   rule, dict(votes))


_TALLY_RE = re.compile(r"(\d{1,6})\s*[-–/:]\s*(\d{1,6})(?:\s*[-–/:]\s*(\d{1,6}))?")


def parse_tally(text: str, rule: VoteRule = DEFAULT_RULE) -> Vote:
    """'30-2-3' (for, against, abstaining), '4-0' (no abstentions). ValueError with a
    message for the user."""
    m = _TALLY_RE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"not a tally: {text!r} (for-against-abstaining, e.g. 30-2-3)")
    return Vote(int(m[1]), int(m[2]), int(m[3] or 0), rule)


# ------------------------------------------------------------------ the words


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _en(vote: Vote) -> str:
    f, a, x = vote.for_, vote.against, vote.abstaining
    if not vote.adopted:
        return (f"Not adopted: {_plural(f, 'vote', 'votes')} for, {a} against, "
                f"{_plural(x, 'abstention', 'abstentions')}.")
    if a == 0 and x == 0:
        return "Adopted unanimously."
    line = f"Adopted by {_plural(f, 'vote', 'votes')} to {a}"
    return line + (f", with {_plural(x, 'abstention', 'abstentions')}." if x else ".")


def _fr(vote: Vote) -> str:
    f, a, x = vote.for_, vote.against, vote.abstaining
    if not vote.adopted:
        return (f"Non adopté\u00a0: {f} voix pour, {a} contre, "
                f"{_plural(x, 'abstention', 'abstentions')}.")
    if a == 0 and x == 0:
        return "Adopté à l'unanimité."
    line = f"Adopté par {f} voix contre {a}"
    return line + (f", avec {_plural(x, 'abstention', 'abstentions')}." if x else ".")


def _de(vote: Vote) -> str:
    f, a, x = vote.for_, vote.against, vote.abstaining
    ja = _plural(f, "Ja-Stimme", "Ja-Stimmen")
    gegen = _plural(a, "Gegenstimme", "Gegenstimmen")
    enth = _plural(x, "Enthaltung", "Enthaltungen")
    if vote.adopted and a == 0 and x == 0:
        return "Einstimmig angenommen."
    word = "Angenommen" if vote.adopted else "Abgelehnt"
    return f"{word} mit {ja} bei {gegen} und {enth}." if x else f"{word} mit {ja} bei {gegen}."


def _es(vote: Vote) -> str:
    f, a, x = vote.for_, vote.against, vote.abstaining
    if not vote.adopted:
        return (f"No aprobado: {_plural(f, 'voto', 'votos')} a favor, {a} en contra y "
                f"{_plural(x, 'abstención', 'abstenciones')}.")
    if a == 0 and x == 0:
        return "Aprobado por unanimidad."
    line = f"Aprobado por {_plural(f, 'voto', 'votos')} contra {a}"
    return line + (f" y {_plural(x, 'abstención', 'abstenciones')}." if x else ".")


_RESULTS = {"en": _en, "fr": _fr, "de": _de, "es": _es}

# The roll call's lines: who voted for, against, abstained.
_ROLL_WORDS = {
    "en": ("In favour", "Against", "Abstaining"),
    "fr": ("Pour", "Contre", "Abstentions"),
    "de": ("Dafür", "Dagegen", "Enthaltungen"),
    "es": ("A favor", "En contra", "Abstenciones"),
}


def vote_text(vote: Vote, language: str = "en") -> str:
    """The result as one sentence in ``language`` (English for one it does not know)."""
    return _RESULTS.get(language, _en)(vote)


def roll_call_lines(vote: Vote, language: str = "en") -> list[str]:
    """'In favour: A, B.' 'Against: C.' 'Abstaining: D.' (empty without a roll call;
    a choice no one made is left out). Names in the order of the roll call."""
    if not vote.roll_call:
        return []
    words = _ROLL_WORDS.get(language, _ROLL_WORDS["en"])
    lines = []
    for choice, word in zip(Choice, words, strict=True):
        names = [name for name, c in vote.roll_call.items() if c is choice]
        if names:
            colon = "\u00a0: " if language == "fr" else ": "  # French: no-break space
            lines.append(f"{word}{colon}{', '.join(names)}.")
    return lines


def vote_lines(vote: Vote | None, language: str = "en") -> list[str]:
    """What the exports write after the decision's text: the result, then the roll
    call if there was one; nothing for a decision without a vote (consensus)."""
    if vote is None:
        return []
    return [vote_text(vote, language), *roll_call_lines(vote, language)]
