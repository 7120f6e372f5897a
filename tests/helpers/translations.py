"""The fixture meeting of the List of decisions (helpers.decisions) with French
translations of two of its three final decisions: the third has none, so every
bilingual output shows a missing translation."""

from __future__ import annotations

from helpers.decisions import adopted_session
from meeting_tui.core.session import Session

FIRST_FR = "A adopté son ordre du jour."
MULTI_LINE_FR = (
    "A pris note du « projet préliminaire » de rapport de mise en œuvre préparé par "
    "l’équipe du Secrétariat, et des commentaires formulés par les Parties lors de la "
    "première lecture, qui seront reflétés dans le deuxième projet.\n"
    "\n"
    "A chargé le Secrétariat :\n"
    "- de réviser le rapport en conséquence ;\n"
    "- de l’envoyer aux Parties d’ici le 15 octobre 2020."
)


def translated_session() -> Session:
    """Decisions 1 and 2 of the List translated into French, decision 3 not."""
    session = adopted_session()
    first = session.state("1").decisions[0]
    multi = session.state("2.1").decisions[0]
    session.set_translation("1", first.id, "fr", FIRST_FR)
    session.set_translation("2.1", multi.id, "fr", MULTI_LINE_FR)
    return session
