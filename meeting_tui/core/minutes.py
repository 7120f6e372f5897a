"""The abridged report (the minutes): under the headings of the List of decisions, per
item the secretary's notes as paragraphs, then its decisions, numbered as in the List.

What is in it is the List of decisions' own document (``build_document``: the header,
the headings, the numbers, each decision's vote, with --with-attendance those present)
with the notes set under their items; the layouts here follow ``export``'s (Markdown,
text at 80 columns, one HTML file; DOCX in ``minutes_docx``), and a decision is laid
out by the List's own renderers, its vote after its text. Items with neither a note
nor a final decision are left out, their headings kept where an item under them is in.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field, replace

from .decision_list import Document, Entry, Section, build_document, split_paragraphs
from .export import MD_BREAK, html_entry, render_entries_md, txt_entry
from .notes import label
from .printable import printable, xml_safe
from .session import Session

TITLE = "Abridged report"
FORMATS = ("md", "txt", "html", "docx")
WIDTH = 80


@dataclass(frozen=True)
class Part:
    """An item of the report: its heading, its notes (paragraphs of lines), its
    decisions."""

    section: Section
    notes: tuple[tuple[tuple[str, ...], ...], ...] = ()  # each note, its paragraphs

    @property
    def entries(self) -> tuple[Entry, ...]:
        return self.section.entries


@dataclass(frozen=True)
class Minutes:
    list: Document  # the List of decisions it is made from: header, lead-in
    parts: tuple[Part, ...] = field(default_factory=tuple)

    @property
    def notes(self) -> int:
        return sum(len(part.notes) for part in self.parts)


def _note_paragraphs(text: str, speaker: str) -> tuple[tuple[str, ...], ...]:
    paragraphs = split_paragraphs(text)
    if speaker and paragraphs:
        first = (f"{speaker}: {paragraphs[0][0]}", *paragraphs[0][1:])
        paragraphs = (first, *paragraphs[1:])
    return paragraphs


def build_minutes(session: Session, *, include_drafts: bool = False,
                  with_attendance: bool = False) -> Minutes:
    document = build_document(session, include_drafts=include_drafts, all_items=True,
                              with_attendance=with_attendance)
    states = [session.peek(item.key) for item in session.order]
    states += [entry.state for entry in session.unmatched]
    keys: list[str | None] = [item.key for item in session.order]
    keys += [None] * len(session.unmatched)
    if len(document.sections) != len(states):  # one section a row, with all_items
        raise AssertionError("the List of decisions has a section for every item")
    parts: list[Part | None] = []
    for section, state in zip(document.sections, states, strict=True):
        notes = tuple(p for p in (_note_paragraphs(n.text, n.speaker)
                                  for n in (state.notes if state else ())) if p)
        parts.append(Part(replace(section, no_decision=False), notes)
                     if notes or section.entries else None)
    # The headings of the items above an item that is in.
    wanted = [part is not None for part in parts]
    for i, key in enumerate(keys):
        if wanted[i] and key is not None:
            parent = session.parent(key)
            while parent is not None:
                j = keys.index(parent)
                if wanted[j]:
                    break
                wanted[j] = True
                parent = session.parent(parent)
    kept = [part if part is not None else Part(replace(section, entries=(),
                                                       no_decision=False))
            for part, section, keep in zip(parts, document.sections, wanted, strict=True)
            if keep]
    return Minutes(document, tuple(kept))


def note_lines(session: Session, key: str) -> list[str]:
    """An item's notes as lines ("Chair: we resume"), for the screen."""
    state = session.peek(key)
    return [label(note) for note in state.notes] if state else []


# ------------------------------------------------------------------ layouts


def _header(doc: Document) -> list[str]:
    return [line for line in (doc.meeting, doc.venue_and_dates) if line]


def render_md(minutes: Minutes) -> str:
    doc = minutes.list
    blocks: list[str] = []
    if doc.body:
        blocks.append(f"**{doc.body}**")
    blocks.append(f"# {TITLE}")
    blocks += _header(doc)
    if doc.attendance:  # --with-attendance
        blocks.append(f"{MD_BREAK}\n".join(doc.attendance))
    if doc.lead_in and any(part.entries for part in minutes.parts):
        blocks.append(doc.lead_in)
    for part in minutes.parts:
        section = part.section
        blocks.append(f"{'#' * min(section.depth + 2, 6)} {section.heading}")
        for note in part.notes:
            blocks += ["  \n".join(paragraph) for paragraph in note]
        if part.entries:
            blocks.append(render_entries_md(part.entries).rstrip("\n"))
    return printable("\n\n".join(blocks) + "\n")


def _wrap(text: str, first: str = "", rest: str = "") -> list[str]:
    return textwrap.wrap(text, width=WIDTH, initial_indent=first, subsequent_indent=rest,
                         break_long_words=False, break_on_hyphens=False) or [first.rstrip()]


def render_txt(minutes: Minutes) -> str:
    doc = minutes.list
    blocks: list[list[str]] = [[*([doc.body] if doc.body else []), TITLE.upper()]]
    header = _header(doc)
    if header:
        blocks.append([line for text in header for line in _wrap(text)])
    if doc.attendance:  # --with-attendance
        blocks.append([out for line in doc.attendance for out in _wrap(line, "", "  ")])
    if doc.lead_in and any(part.entries for part in minutes.parts):
        blocks.append(_wrap(doc.lead_in))
    for part in minutes.parts:
        blocks.append(_wrap(part.section.heading))
        for note in part.notes:
            blocks += [_wrap(" ".join(paragraph), "    ", "    ") for paragraph in note]
        blocks += [txt_entry(entry, WIDTH, doc.words.draft) for entry in part.entries]
    return printable("\n\n".join("\n".join(block) for block in blocks) + "\n")


_CSS = """\
body { font-family: Georgia, "Times New Roman", serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; color: #111; }
h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
h3, h4, h5, h6 { font-size: 1.05em; }
.note { margin: 0.5em 0; }
ol { padding-left: 2.2em; } li { margin: 0.5em 0; } li p { margin: 0 0 0.5em 0; }
"""


def render_html(minutes: Minutes) -> str:
    from html import escape

    def lines(paragraph: tuple[str, ...]) -> str:
        return "<br>\n".join(escape(line.strip(), quote=False) for line in paragraph)

    doc = minutes.list
    title = " – ".join(p for p in (TITLE, doc.meeting, doc.body) if p)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f"<title>{escape(title)}</title>", f"<style>\n{_CSS}</style>", "</head>",
           "<body>", "<header>"]
    if doc.body:
        out.append(f'<p class="body"><strong>{escape(doc.body)}</strong></p>')
    out.append(f"<h1>{escape(TITLE)}</h1>")
    out += [f"<p>{escape(line)}</p>" for line in _header(doc)]
    if doc.attendance:  # --with-attendance
        out.append(f'<p class="attendance">{lines(doc.attendance)}</p>')
    out.append("</header>")
    if doc.lead_in and any(part.entries for part in minutes.parts):
        out.append(f'<p class="lead-in">{escape(doc.lead_in)}</p>')
    for part in minutes.parts:
        level = min(part.section.depth + 2, 6)
        out.append(f"<h{level}>{escape(part.section.heading)}</h{level}>")
        out += [f'<p class="note">{lines(p)}</p>' for note in part.notes for p in note]
        if part.entries:
            out.append(f'<ol start="{part.entries[0].number}">')
            out += [html_entry(entry, doc.words.draft) for entry in part.entries]
            out.append("</ol>")
    out += ["</body>", "</html>"]
    return xml_safe("\n".join(out) + "\n")


def render(minutes: Minutes, fmt: str) -> str | bytes:
    if fmt == "md":
        return render_md(minutes)
    if fmt == "txt":
        return render_txt(minutes)
    if fmt == "html":
        return render_html(minutes)
    if fmt == "docx":
        from .minutes_docx import render_minutes_docx

        return render_minutes_docx(minutes)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
