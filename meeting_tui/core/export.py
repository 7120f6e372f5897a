"""The List of decisions laid out: Markdown, plain text wrapped at 80 columns, one
self-contained HTML file, and DOCX (``export_docx``, through the optional
python-docx). What the list holds is decided in ``decision_list``. No Textual.

Titles and decisions are data: Markdown and text show their control characters
visibly (``printable``: the list is read in terminals and pasted into mails), HTML and
DOCX hold no character XML cannot (``xml_safe``).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from .decision_list import DRAFT_MARK, Document, Entry
from .printable import printable, xml_safe

TEXT_WIDTH = 80

FORMATS = ("md", "txt", "html", "docx")
FORMAT_NAMES = {"md": "Markdown", "txt": "plain text", "html": "HTML", "docx": "Word (DOCX)"}


# ------------------------------------------------------------------ Markdown


# A hard line break: Markdown joins the lines of a paragraph into one, and a decision's
# lines are lines ("…the Bureau." / "Décidé de…" / "Agreed to…"), as the HTML and DOCX
# keep them. Two trailing spaces rather than a backslash: every Markdown reads them
# (Python-Markdown has no backslash break), and where the text is not rendered (a
# mail, a chat) they do not show.
MD_BREAK = "  "


def _md_lines(paragraph: Sequence[str]) -> list[str]:
    """A paragraph's lines, each but the last ending in a hard line break."""
    return [line + MD_BREAK for line in paragraph[:-1]] + list(paragraph[-1:])


def _md_entry(entry: Entry, draft: str = DRAFT_MARK) -> list[str]:
    marker = f"{entry.number}. "
    indent = " " * len(marker)
    lines: list[str] = []
    for i, paragraph in enumerate(entry.paragraphs):
        if i:
            lines.append("")
        for j, line in enumerate(_md_lines(paragraph)):
            if i == 0 and j == 0:
                mark = f"**{draft}** " if entry.draft else ""
                lines.append(f"{marker}{mark}{line}")
            else:
                lines.append(f"{indent}{line}")
    if entry.vote:  # the vote after the text: the result in italics, then the roll call
        lines.append("")
        lines += [f"{indent}{line}" for line in _md_lines([f"*{entry.vote[0]}*",
                                                           *entry.vote[1:]])]
    return lines


def render_entries_md(entries: Sequence[Entry], draft: str = DRAFT_MARK) -> str:
    """Decisions alone, as numbered paragraphs (what `c` copies)."""
    blocks = ["\n".join(_md_entry(entry, draft)) for entry in entries]
    return printable("\n\n".join(blocks) + "\n") if blocks else ""


def render_md(doc: Document) -> str:
    blocks: list[str] = []
    if doc.body:
        blocks.append(f"**{doc.body}**")
    blocks.append(f"# {doc.words.title}")
    blocks += [line for line in (doc.meeting, doc.venue_and_dates) if line]
    blocks += [f"*{line}*" for line in (doc.adopted, doc.untranslated) if line]
    if doc.attendance:  # --with-attendance
        blocks.append("\n".join(_md_lines(doc.attendance)))
    blocks += ["\n".join(_md_lines(paragraph)) for paragraph in doc.preamble]
    if doc.lead_in:
        blocks.append(doc.lead_in)
    for section in doc.sections:
        blocks.append(f"{'#' * min(section.depth + 2, 6)} {section.heading}")
        if section.entries:
            blocks.append(render_entries_md(section.entries, doc.words.draft).rstrip("\n"))
        elif section.no_decision:
            blocks.append(doc.words.no_decision)
    return printable("\n\n".join(blocks) + "\n")


# ------------------------------------------------------------------ plain text


def _wrap(text: str, first: str, rest: str, width: int) -> list[str]:
    return textwrap.wrap(
        text,
        width=width,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [first.rstrip()]


_LIST_MARKER_RE = re.compile(r"(?:[-*•–]|\(?[0-9a-zA-Z]{1,3}[.)])\s+")


def txt_entry(entry: Entry, width: int = TEXT_WIDTH, draft: str = DRAFT_MARK) -> list[str]:
    """One decision as text lines: numbered, indented, its vote after it (the abridged
    report's decisions are these too)."""
    marker = f"{entry.number}. "
    indent = "    "
    hang = indent + " " * len(marker)
    out: list[str] = []
    for i, paragraph in enumerate(entry.paragraphs):
        if i:
            out.append("")
        for j, line in enumerate(paragraph):
            if i == 0 and j == 0:
                mark = f"[{draft}] " if entry.draft else ""
                out += _wrap(mark + line, indent + marker, hang, width)
            else:
                # A line keeps its own indent; a list line ("- ", "a) ") hangs after
                # its marker.
                own = line[: len(line) - len(line.lstrip())]
                listed = _LIST_MARKER_RE.match(line.strip())
                under = " " * (listed.end() if listed else 0)
                out += _wrap(line.strip(), hang + own, hang + own + under, width)
    if entry.vote:  # the vote after the text, each of its lines wrapped under the text
        out.append("")
        for line in entry.vote:
            out += _wrap(line, hang, hang, width)
    return out


def render_txt(doc: Document, width: int = TEXT_WIDTH) -> str:
    """Plain text wrapped at ``width`` columns; headings flush left, decisions indented."""
    blocks: list[list[str]] = []
    top = [line for line in (doc.body,) if line]
    title = doc.words.title.upper()
    blocks.append([*top, title] if top else [title])
    meeting = [line for line in (doc.meeting, doc.venue_and_dates) if line]
    if meeting:
        blocks.append([wrapped for line in meeting for wrapped in _wrap(line, "", "", width)])
    for line in (doc.adopted, doc.untranslated):
        if line:
            blocks.append(_wrap(line, "", "", width))
    if doc.attendance:  # --with-attendance
        blocks.append([out for line in doc.attendance for out in _wrap(line, "", "  ", width)])
    for paragraph in doc.preamble:
        blocks.append(_wrap(" ".join(line.strip() for line in paragraph), "", "", width))
    if doc.lead_in:
        blocks.append(_wrap(doc.lead_in, "", "", width))
    for section in doc.sections:
        if section.bullet:  # set in under its item, as the agenda has it
            first, hang = "  ", "    "
        else:
            first, hang = "", " " * (len(section.number) + 2) if section.number else ""
        blocks.append(_wrap(section.heading, first, hang, width))
        for entry in section.entries:
            blocks.append(txt_entry(entry, width, doc.words.draft))
        if section.no_decision:
            blocks.append(_wrap(doc.words.no_decision, "    ", "    ", width))
    return printable("\n\n".join("\n".join(block) for block in blocks) + "\n")


# ------------------------------------------------------------------ HTML

_CSS = """\
body { font-family: Georgia, "Times New Roman", serif; max-width: 46em; margin: 2em auto;
       padding: 0 1em; line-height: 1.45; color: #111; }
header { margin-bottom: 2em; }
header p { margin: 0.2em 0; }
.body { font-weight: bold; font-variant: small-caps; }
h1 { font-size: 1.6em; margin: 0.4em 0; }
h2 { font-size: 1.2em; margin-top: 1.6em; }
h3, h4, h5, h6 { font-size: 1.05em; margin-top: 1.2em; }
.adopted { font-style: italic; margin-top: 0.8em; }
ol { padding-left: 2.2em; }
li { margin: 0.5em 0; }
li p { margin: 0 0 0.5em 0; }
.draft-mark { color: #a00; letter-spacing: 0.05em; }
.no-decision { font-style: italic; }
.bullet { margin-left: 1.2em; }
"""


def _html_lines(lines: Sequence[str]) -> str:
    from html import escape  # only the HTML format needs it; start-up does not

    return "<br>\n".join(escape(line.strip(), quote=False) for line in lines)


def html_entry(entry: Entry, draft: str = DRAFT_MARK) -> str:
    """One decision as a list item: its paragraphs, then its vote (the abridged report's
    decisions are these too)."""
    paragraphs = []
    for i, paragraph in enumerate(entry.paragraphs):
        mark = ""
        if i == 0 and entry.draft:
            mark = f'<strong class="draft-mark">{draft}</strong> '
        paragraphs.append(f"<p>{mark}{_html_lines(paragraph)}</p>")
    if entry.vote:  # the vote after the text: the result, then the roll call
        roll = "".join(f"<br>\n{_html_lines([line])}" for line in entry.vote[1:])
        paragraphs.append(f'<p class="vote"><em>{_html_lines(entry.vote[:1])}'
                          f"</em>{roll}</p>")
    css = ' class="draft"' if entry.draft else ""
    return f"<li{css}>{''.join(paragraphs)}</li>"


def render_html(doc: Document) -> str:
    """One self-contained file: the style is inline, nothing is fetched."""
    from html import escape as esc  # only this format needs it; start-up does not

    words = doc.words
    title = " – ".join(part for part in (words.title, doc.meeting, doc.body) if part)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{words.code}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
    ]
    if doc.body:
        out.append(f'<p class="body">{esc(doc.body)}</p>')
    out.append(f"<h1>{esc(words.title)}</h1>")
    if doc.meeting:
        out.append(f'<p class="meeting">{esc(doc.meeting)}</p>')
    if doc.venue_and_dates:
        out.append(f'<p class="venue">{esc(doc.venue_and_dates)}</p>')
    if doc.adopted:
        out.append(f'<p class="adopted">{esc(doc.adopted)}</p>')
    if doc.untranslated:
        out.append(f'<p class="adopted untranslated">{esc(doc.untranslated)}</p>')
    if doc.attendance:  # --with-attendance
        out.append(f'<p class="attendance">{_html_lines(doc.attendance)}</p>')
    out.append("</header>")
    out += [f'<p class="preamble">{_html_lines(p)}</p>' for p in doc.preamble]
    if doc.lead_in:
        out.append(f'<p class="lead-in">{esc(doc.lead_in)}</p>')
    for section in doc.sections:
        level = min(section.depth + 2, 6)
        css = ' class="bullet"' if section.bullet else ""
        out.append(f"<h{level}{css}>{esc(section.heading)}</h{level}>")
        if section.entries:
            out.append(f'<ol start="{section.entries[0].number}">')
            out += [html_entry(entry, words.draft) for entry in section.entries]
            out.append("</ol>")
        elif section.no_decision:
            out.append(f'<p class="no-decision">{words.no_decision}</p>')
    out += ["</body>", "</html>"]
    return xml_safe("\n".join(out) + "\n")


# ------------------------------------------------------------------ output


def render(doc: Document, fmt: str) -> str | bytes:
    if fmt == "md":
        return render_md(doc)
    if fmt == "txt":
        return render_txt(doc)
    if fmt == "html":
        return render_html(doc)
    if fmt == "docx":
        from .export_docx import render_docx  # python-docx, only for a DOCX

        return render_docx(doc)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")

