"""Translating a decision in the app (T): the selected decision's text in the meeting's
second language (``core.translations.second_language``), written in a dialog that
shows the decision as written. Saved at once; the List of decisions in that language
gives it (``core.bilingual``).
"""

from __future__ import annotations

from ..core.languages import words
from ..core.translations import second_language
from .host import Host
from .screens.translate import TranslateScreen


def translate_selected(app: Host) -> None:
    target = app.selected_decision()
    if target is None:
        app.notify("No decision selected: a adds one")
        return
    key, decision_id = target
    session = app.session
    decision = session.decision(key, decision_id)
    if not decision.text.strip():
        app.notify("The decision is empty: write it first (e edits it)", severity="warning")
        return
    language = second_language(session.settings)
    own = session.settings.resolved_language()
    names = words(None)
    title = (f"The decision in {names.language_name(language)} "
             f"(written in {names.language_name(own)})")
    hint = ("Your translation, as the List in that language gives it (nothing is ever "
            "translated for you). escape or ctrl+s keeps it; emptied, it goes. "
            "Settings: second language changes the language.")

    def done(text: str | None) -> None:
        if text is None:
            return
        try:
            current = session.decision(key, decision_id)
        except KeyError:  # deleted meanwhile (the command line's undo)
            app.notify("The decision is gone: the translation was not kept",
                       severity="error")
            return
        session.set_translation(key, current.id, language, text)
        app.refresh_items(key)
        app.save_now()
        name = names.language_name(language)
        app.notify(f"{name} translation kept" if text.strip() else
                   f"{name} translation taken away")

    app.push_screen(TranslateScreen(title, decision.text,
                                    decision.translations.get(language, ""), hint), done)
