"""The List of decisions in several languages: a document per language, or one with
the languages side by side.

A body that works in two languages publishes its List in both (the Council of Europe:
the English and the French list of each meeting). The fixed words are each language's
(``languages``); the decisions are the secretary's: the meeting's language as written,
another language from the decision's translations (``translations``). A decision
without a translation into a language is never made up: its place says so in that
language's words ("[traduction manquante]"), followed by the decision as written in a
document of its own (its reader still has it), alone in a column beside it; and the
command says on stderr which decisions lack one.

A list in a language no decision is translated into is as it was before translations:
the decisions as written, said once under the adoption line (``Document.untranslated``).

Side by side: HTML columns (a table, each cell in its language), DOCX a two-column
table (``bilingual_docx``), Markdown and plain text the languages one after the other
under each decision's number (a text file has no columns). No Textual.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from .decision_list import Document, Entry, Section, build_document, split_paragraphs
from .printable import printable, xml_safe
from .session import Decision, Session

TEXT_WIDTH = 80


@dataclass(frozen=True)
class Translated:
    """The List in one language, and the numbers of the decisions it has no
    translation for (empty in the meeting's own language)."""

    document: Document
    missing: tuple[int, ...] = ()


def _decisions(session: Session) -> dict[int, Decision]:
    found = {d.id: d for state in session.states.values() for d in state.decisions}
    for entry in session.unmatched:
        found.update((d.id, d) for d in entry.state.decisions)
    return found


def translated_into(session: Session, language: str) -> bool:
    """Some decision of the session has a translation into ``language``."""
    return any(language in d.translations for d in _decisions(session).values())


def translated(session: Session, language: str, *, column: bool = False,
               **options: Any) -> Translated:
    """The List in ``language`` with each decision in it; ``options`` are
    ``build_document``'s. ``column``: for a column beside the original (a missing
    translation is the marker alone, the original being next to it)."""
    doc = build_document(session, language=language, **options)
    own = session.settings.resolved_language()
    if language == own or not (column or translated_into(session, language)):
        return Translated(doc)
    decisions = _decisions(session)
    marker = doc.words.missing
    missing: list[int] = []

    def entry(e: Entry) -> Entry:
        decision = decisions.get(e.decision) if e.decision is not None else None
        text = decision.translations.get(language, "") if decision else ""
        if text.strip():
            return replace(e, paragraphs=split_paragraphs(text))
        missing.append(e.number)
        if column:
            return replace(e, paragraphs=((marker,),))
        first, *rest = e.paragraphs
        return replace(e, paragraphs=((f"{marker} {first[0]}", *first[1:]), *rest))

    sections = tuple(replace(s, entries=tuple(entry(e) for e in s.entries))
                     for s in doc.sections)
    return Translated(replace(doc, sections=sections, untranslated=""), tuple(missing))


def missing_warning(result: Translated) -> str:
    """The one line that says which decisions lack a translation ("" when none)."""
    if not result.missing:
        return ""
    words = result.document.words
    numbers = ", ".join(str(n) for n in result.missing)
    what = "decision" if len(result.missing) == 1 else "decisions"
    return (f"no {words.name} translation of {what} {numbers}: marked "
            f"{words.missing} in the {words.name} list (T in the app, or tr "
            f"{words.code} TEXT, writes one)")


# ------------------------------------------------------------------ side by side


def distinct(values: Sequence[str]) -> list[str]:
    """The values of a line in each language, each once, the empty ones left out."""
    return [v for v in dict.fromkeys(values) if v]


def aligned(docs: Sequence[Document]) -> list[tuple[Section, tuple[tuple[Entry, ...], ...]]]:
    """Per section of the first document, its entries in each language (the documents
    are built alike, so their sections and entries match one for one)."""
    return [(section, tuple(doc.sections[i].entries for doc in docs))
            for i, section in enumerate(docs[0].sections)]


def _label(doc: Document) -> str:
    return doc.words.code.upper()


def render_md(docs: Sequence[Document]) -> str:
    """Markdown: the header lines in each language, then per decision its number and
    each language's text one after the other, each marked with its language (EN, FR)."""
    first = docs[0]
    blocks: list[str] = []
    blocks += [f"**{b}**" for b in distinct([d.body for d in docs])]
    blocks.append("# " + " / ".join(distinct([d.words.title for d in docs])))
    blocks += distinct([d.meeting for d in docs])
    blocks += distinct([d.venue_and_dates for d in docs])
    adopted = distinct([d.adopted for d in docs])
    if adopted:
        blocks.append("  \n".join(f"*{line}*" for line in adopted))
    blocks += ["  \n".join(line.strip() for line in p) for p in first.preamble]
    lead_ins = distinct([d.lead_in for d in docs])
    if lead_ins:
        blocks.append("  \n".join(lead_ins))
    for section, columns in aligned(docs):
        blocks.append(f"{'#' * min(section.depth + 2, 6)} {section.heading}")
        if section.no_decision:
            blocks.append("  \n".join(distinct([d.words.no_decision for d in docs])))
        for n, entry in enumerate(section.entries):
            marker = f"{entry.number}. "
            indent = " " * len(marker)
            lines: list[str] = []
            for doc, entries in zip(docs, columns, strict=True):
                own = entries[n]
                for i, paragraph in enumerate(own.paragraphs):
                    if lines:
                        lines.append("")
                    text = "  \n".join(line.strip() for line in paragraph)
                    text = text.replace("\n", "\n" + indent)
                    head = f"**{_label(doc)}** " if i == 0 else ""
                    draft = f"**{doc.words.draft}** " if i == 0 and own.draft else ""
                    lead = marker if not lines else indent
                    lines.append(f"{lead}{head}{draft}{text}")
                if own.vote:  # the vote after the text, in this language (votes.py)
                    lines += ["", indent + "  \n".join([f"*{own.vote[0]}*", *own.vote[1:]])
                              .replace("\n", "\n" + indent)]
            blocks.append("\n".join(lines))
    return printable("\n\n".join(blocks) + "\n")


def _wrap(text: str, first: str, rest: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def render_txt(docs: Sequence[Document], width: int = TEXT_WIDTH) -> str:
    """Plain text at ``width`` columns: per decision its number, then each language's
    text under its code ("EN", "FR"), one after the other."""
    first = docs[0]
    blocks: list[list[str]] = []
    head = distinct([d.body for d in docs])
    head.append(" / ".join(distinct([d.words.title.upper() for d in docs])))
    blocks.append(head)
    meeting = distinct([d.meeting for d in docs]) + distinct([d.venue_and_dates
                                                                for d in docs])
    if meeting:
        blocks.append([w for line in meeting for w in _wrap(line, "", "", width)])
    for line in distinct([d.adopted for d in docs]):
        blocks.append(_wrap(line, "", "", width))
    for paragraph in first.preamble:
        blocks.append(_wrap(" ".join(line.strip() for line in paragraph), "", "", width))
    for line in distinct([d.lead_in for d in docs]):
        blocks.append(_wrap(line, "", "", width))
    for section, columns in aligned(docs):
        if section.bullet:
            lead, hang = "  ", "    "
        else:
            lead, hang = "", " " * (len(section.number) + 2) if section.number else ""
        blocks.append(_wrap(section.heading, lead, hang, width))
        if section.no_decision:
            for line in distinct([d.words.no_decision for d in docs]):
                blocks.append(_wrap(line, "    ", "    ", width))
        for n, entry in enumerate(section.entries):
            marker = f"    {entry.number}. "
            under = " " * len(marker)
            out: list[str] = []
            for doc, entries in zip(docs, columns, strict=True):
                own = entries[n]
                label = f"{_label(doc)}  "
                hang = under + " " * len(label)
                for i, paragraph in enumerate(own.paragraphs):
                    if out:
                        out.append("")
                    for j, line in enumerate(paragraph):  # a line stays a line
                        text = line.strip()
                        if i == 0 and j == 0:
                            if own.draft:
                                text = f"[{doc.words.draft}] {text}"
                            start = (marker if not out else under) + label
                        else:
                            start = hang
                        out += _wrap(text, start, hang, width)
                if own.vote:  # the vote after the text, in this language (votes.py)
                    out.append("")
                    for line in own.vote:
                        out += _wrap(line, hang, hang, width)
            blocks.append(out)
    return printable("\n\n".join("\n".join(block) for block in blocks) + "\n")


_CSS = """\
body { font-family: Georgia, "Times New Roman", serif; max-width: 70em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; color: #111; }
.body { font-weight: bold; font-variant: small-caps; }
h1 { font-size: 1.6em; margin: 0.4em 0; }
h2 { font-size: 1.2em; margin-top: 1.6em; }
h3, h4, h5, h6 { font-size: 1.05em; margin-top: 1.2em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { vertical-align: top; text-align: left; padding: 0.3em 0.8em 0.3em 0; }
td p { margin: 0 0 0.5em 0; }
.number { font-weight: bold; padding-right: 0.3em; }
.adopted { font-style: italic; }
.draft-mark { color: #a00; letter-spacing: 0.05em; }
.missing { color: #a00; font-style: italic; }
.bullet { margin-left: 1.2em; }
"""


def render_html(docs: Sequence[Document]) -> str:
    """One self-contained file: each language a column (its cells carry ``lang``)."""
    from html import escape as esc

    first = docs[0]
    titles = distinct([d.words.title for d in docs])
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{first.words.code}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(' / '.join(titles))}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
    ]
    for body in distinct([d.body for d in docs]):
        out.append(f'<p class="body">{esc(body)}</p>')
    out.append(f"<h1>{esc(' / '.join(titles))}</h1>")

    def cell(doc: Document, html: str, tag: str = "td") -> str:
        return f'<{tag} lang="{doc.words.code}">{html}</{tag}>'

    out.append("<table>")
    out.append("<tr>" + "".join(cell(d, esc(d.words.language_name(d.words.code)
                                            .capitalize()), "th") for d in docs) + "</tr>")
    for line, css in (("meeting", "meeting"), ("venue_and_dates", "venue"),
                      ("adopted", "adopted"), ("lead_in", "lead-in")):
        if any(getattr(d, line) for d in docs):
            out.append("<tr>" + "".join(
                cell(d, f'<p class="{css}">{esc(getattr(d, line))}</p>') for d in docs)
                + "</tr>")
    out.append("</table>")
    for paragraph in first.preamble:
        out.append(f'<p class="preamble">{"<br>".join(esc(x.strip()) for x in paragraph)}</p>')

    def entry_html(doc: Document, entry: Entry) -> str:
        parts = []
        for i, paragraph in enumerate(entry.paragraphs):
            lines = "<br>\n".join(esc(line.strip(), quote=False) for line in paragraph)
            if lines.startswith(esc(doc.words.missing)):
                lines = lines.replace(esc(doc.words.missing),
                                      f'<span class="missing">{esc(doc.words.missing)}</span>',
                                      1)
            mark = ""
            if i == 0:
                mark = f'<span class="number">{entry.number}.</span> '
                if entry.draft:
                    mark += f'<strong class="draft-mark">{doc.words.draft}</strong> '
            parts.append(f"<p>{mark}{lines}</p>")
        if entry.vote:  # the vote after the text: the result, then the roll call
            roll = "".join(f"<br>\n{esc(line)}" for line in entry.vote[1:])
            parts.append(f'<p class="vote"><em>{esc(entry.vote[0])}</em>{roll}</p>')
        return "".join(parts)

    for section, columns in aligned(docs):
        level = min(section.depth + 2, 6)
        css = ' class="bullet"' if section.bullet else ""
        out.append(f"<h{level}{css}>{esc(section.heading)}</h{level}>")
        if section.no_decision:
            out.append("<table><tr>" + "".join(
                cell(d, f"<p><em>{esc(d.words.no_decision)}</em></p>") for d in docs)
                + "</tr></table>")
        if section.entries:
            out.append("<table>")
            for n in range(len(section.entries)):
                out.append("<tr>" + "".join(cell(d, entry_html(d, entries[n]))
                                            for d, entries in zip(docs, columns, strict=True))
                           + "</tr>")
            out.append("</table>")
    out += ["</body>", "</html>"]
    return xml_safe("\n".join(out) + "\n")


def render(docs: Sequence[Document], fmt: str, template: bytes | None = None) -> str | bytes:
    """The languages side by side in ``fmt`` (md, txt, html, docx)."""
    if fmt == "md":
        return render_md(docs)
    if fmt == "txt":
        return render_txt(docs)
    if fmt == "html":
        return render_html(docs)
    if fmt == "docx":
        from .bilingual_docx import render_docx

        return render_docx(docs, template).data
    raise ValueError(f"no side-by-side {fmt!r} (md, txt, html or docx)")
