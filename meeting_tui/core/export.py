"""The List of decisions: a document built from a Session, and its renderers.

``build_document`` decides what is in the list (which items, which decisions, their
numbers); the renderers only lay it out: Markdown, plain text wrapped at 80 columns,
one self-contained HTML file, and DOCX through the optional python-docx. No Textual.

The document, in the form Council of Europe lists of decisions take: a header block
(the body, "List of decisions", the meeting, its venue and dates, and once adopted
"Adopted by the … on …"), an optional preamble, the lead-in stated once ("During this
meeting, the Lanzarote Committee:"), then every item with at least one final
decision in agenda order under its number and title, with the headings of the items
above it, and its decisions as numbered paragraphs. The numbers run through the
whole document unless they restart per item.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO

from .session import DecisionStatus, Session

TITLE = "List of decisions"
NO_DECISION = "No decision."
DRAFT_MARK = "DRAFT"
TEXT_WIDTH = 80

FORMATS = ("md", "txt", "html", "docx")
FORMAT_NAMES = {"md": "Markdown", "txt": "plain text", "html": "HTML", "docx": "Word (DOCX)"}
DOCX_MISSING = (
    "DOCX needs python-docx, which is not installed: pip install 'meeting-tui[docx]'"
)


class DocxUnavailable(RuntimeError):
    """python-docx is not installed (the optional extra ``docx``)."""

    def __init__(self) -> None:
        super().__init__(DOCX_MISSING)


# ------------------------------------------------------------------ the document


@dataclass(frozen=True)
class Entry:
    """One decision as it appears in the list."""

    number: int
    paragraphs: tuple[tuple[str, ...], ...]  # paragraphs, each a tuple of lines
    draft: bool = False

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

    @property
    def heading(self) -> str:
        if not self.number:
            return self.title
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

    def visit(items, parent: str | None) -> None:  # type: ignore[no-untyped-def]
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
) -> Document:
    """The List of decisions of ``session``.

    ``body`` and ``meeting`` override the meeting settings; ``keys`` limits the list
    to those items (their decisions keep the numbers they have in the whole list).
    """
    settings = session.settings
    agenda = session.agenda
    body = settings.resolved_body() if body is None else body
    parents = _parents(session)
    depth: dict[str, int] = {}
    for item in session.order:
        parent = parents[item.key]
        depth[item.key] = 0 if parent is None else depth[parent] + 1

    # (key or None, number, title, depth, decisions as (status, text), leaf)
    rows: list[tuple[str | None, str | None, str, int, list[tuple[str, str]], bool]] = []
    for item in session.order:
        state = session.peek(item.key)
        decisions = [(str(d.status), d.text) for d in state.decisions] if state else []
        rows.append((item.key, item.number, item.title, depth[item.key], decisions,
                     not item.children))
    # Entries for items the agenda no longer has: kept in the file, so kept here, last.
    for entry in session.unmatched:
        decisions = [(str(d.status), d.text) for d in entry.state.decisions]
        rows.append((None, entry.number, entry.title, 0, decisions, True))

    wanted = set(keys) if keys is not None else None
    sections: list[Section] = []
    emitted: set[str] = set()
    counter = 0
    for key, number, title, level, decisions, leaf in rows:
        shown = [
            (status, split_paragraphs(text))
            for status, text in decisions
            if _shown(status, include_drafts) and text.strip()
        ]
        if number_per_item:
            counter = 0
        entries = []
        for status, paragraphs in shown:
            counter += 1
            entries.append(Entry(counter, paragraphs, draft=status == DecisionStatus.DRAFT))
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
                sections.append(Section(item.number, item.title, depth[above]))
                emitted.add(above)
            emitted.add(key)
        sections.append(Section(number, title, level, tuple(entries),
                                no_decision=not entries and leaf))
    return Document(
        body=body,
        meeting=settings.resolved_meeting(agenda) if meeting is None else meeting,
        venue_and_dates=settings.resolved_venue_and_dates(agenda),
        adopted=settings.adoption_line(body),
        preamble=split_paragraphs(preamble or ""),
        lead_in=settings.resolved_lead_in(body),
        sections=tuple(sections),
    )


# ------------------------------------------------------------------ Markdown


def _md_entry(entry: Entry) -> list[str]:
    marker = f"{entry.number}. "
    indent = " " * len(marker)
    lines: list[str] = []
    for i, paragraph in enumerate(entry.paragraphs):
        if i:
            lines.append("")
        for j, line in enumerate(paragraph):
            if i == 0 and j == 0:
                mark = f"**{DRAFT_MARK}** " if entry.draft else ""
                lines.append(f"{marker}{mark}{line}")
            else:
                lines.append(f"{indent}{line}")
    return lines


def render_entries_md(entries: Sequence[Entry]) -> str:
    """Decisions alone, as numbered paragraphs (what `c` copies)."""
    blocks = ["\n".join(_md_entry(entry)) for entry in entries]
    return "\n\n".join(blocks) + "\n" if blocks else ""


def render_md(doc: Document) -> str:
    blocks: list[str] = []
    if doc.body:
        blocks.append(f"**{doc.body}**")
    blocks.append(f"# {TITLE}")
    blocks += [line for line in (doc.meeting, doc.venue_and_dates) if line]
    if doc.adopted:
        blocks.append(f"*{doc.adopted}*")
    blocks += ["\n".join(paragraph) for paragraph in doc.preamble]
    if doc.lead_in:
        blocks.append(doc.lead_in)
    for section in doc.sections:
        blocks.append(f"{'#' * min(section.depth + 2, 6)} {section.heading}")
        if section.entries:
            blocks.append(render_entries_md(section.entries).rstrip("\n"))
        elif section.no_decision:
            blocks.append(NO_DECISION)
    return "\n\n".join(blocks) + "\n"


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


def _txt_entry(entry: Entry, width: int) -> list[str]:
    marker = f"{entry.number}. "
    indent = "    "
    hang = indent + " " * len(marker)
    out: list[str] = []
    for i, paragraph in enumerate(entry.paragraphs):
        if i:
            out.append("")
        for j, line in enumerate(paragraph):
            if i == 0 and j == 0:
                mark = f"[{DRAFT_MARK}] " if entry.draft else ""
                out += _wrap(mark + line, indent + marker, hang, width)
            else:
                # A line keeps its own indent; a list line ("- ", "a) ") hangs after
                # its marker.
                own = line[: len(line) - len(line.lstrip())]
                marker = _LIST_MARKER_RE.match(line.strip())
                under = " " * (marker.end() if marker else 0)
                out += _wrap(line.strip(), hang + own, hang + own + under, width)
    return out


def render_txt(doc: Document, width: int = TEXT_WIDTH) -> str:
    """Plain text wrapped at ``width`` columns; headings flush left, decisions indented."""
    blocks: list[list[str]] = []
    top = [line for line in (doc.body,) if line]
    blocks.append([*top, TITLE.upper()] if top else [TITLE.upper()])
    meeting = [line for line in (doc.meeting, doc.venue_and_dates) if line]
    if meeting:
        blocks.append([wrapped for line in meeting for wrapped in _wrap(line, "", "", width)])
    if doc.adopted:
        blocks.append(_wrap(doc.adopted, "", "", width))
    for paragraph in doc.preamble:
        blocks.append(_wrap(" ".join(line.strip() for line in paragraph), "", "", width))
    if doc.lead_in:
        blocks.append(_wrap(doc.lead_in, "", "", width))
    for section in doc.sections:
        hang = " " * (len(section.number) + 2) if section.number else ""
        blocks.append(_wrap(section.heading, "", hang, width))
        for entry in section.entries:
            blocks.append(_txt_entry(entry, width))
        if section.no_decision:
            blocks.append(_wrap(NO_DECISION, "    ", "    ", width))
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"


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
"""


def _html_lines(lines: Sequence[str]) -> str:
    from html import escape  # only the HTML format needs it; start-up does not

    return "<br>\n".join(escape(line.strip(), quote=False) for line in lines)


def render_html(doc: Document) -> str:
    """One self-contained file: the style is inline, nothing is fetched."""
    from html import escape as esc  # only this format needs it; start-up does not

    title = " – ".join(part for part in (TITLE, doc.meeting, doc.body) if part)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
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
    out.append(f"<h1>{esc(TITLE)}</h1>")
    if doc.meeting:
        out.append(f'<p class="meeting">{esc(doc.meeting)}</p>')
    if doc.venue_and_dates:
        out.append(f'<p class="venue">{esc(doc.venue_and_dates)}</p>')
    if doc.adopted:
        out.append(f'<p class="adopted">{esc(doc.adopted)}</p>')
    out.append("</header>")
    out += [f'<p class="preamble">{_html_lines(p)}</p>' for p in doc.preamble]
    if doc.lead_in:
        out.append(f'<p class="lead-in">{esc(doc.lead_in)}</p>')
    for section in doc.sections:
        level = min(section.depth + 2, 6)
        out.append(f"<h{level}>{esc(section.heading)}</h{level}>")
        if section.entries:
            out.append(f'<ol start="{section.entries[0].number}">')
            for entry in section.entries:
                paragraphs = []
                for i, paragraph in enumerate(entry.paragraphs):
                    mark = ""
                    if i == 0 and entry.draft:
                        mark = f'<strong class="draft-mark">{DRAFT_MARK}</strong> '
                    paragraphs.append(f"<p>{mark}{_html_lines(paragraph)}</p>")
                css = ' class="draft"' if entry.draft else ""
                out.append(f"<li{css}>{''.join(paragraphs)}</li>")
            out.append("</ol>")
        elif section.no_decision:
            out.append(f'<p class="no-decision">{NO_DECISION}</p>')
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


# ------------------------------------------------------------------ DOCX


def docx_available() -> bool:
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    return True


def render_docx(doc: Document) -> bytes:
    """A Word document with real headings (Heading 1…) and numbered paragraphs.

    Decisions use Word's "List Number" style: Word itself numbers them. One numbering
    instance runs through the document, or one per item with --number-per-item, each
    starting at the section's first number. A decision's further paragraphs use
    "List Continue" (indented, not numbered).
    """
    try:
        import docx
        from docx.enum.text import WD_BREAK
    except ImportError:
        raise DocxUnavailable() from None

    document = docx.Document()
    document.core_properties.title = " – ".join(p for p in (TITLE, doc.meeting) if p)
    document.core_properties.author = doc.body or ""
    if doc.body:
        para = document.add_paragraph()
        para.add_run(doc.body).bold = True
    document.add_heading(TITLE, level=0)
    for line in (doc.meeting, doc.venue_and_dates):
        if line:
            document.add_paragraph(line)
    if doc.adopted:
        document.add_paragraph().add_run(doc.adopted).italic = True

    def add_lines(para, lines: Sequence[str]) -> None:  # type: ignore[no-untyped-def]
        for i, line in enumerate(lines):
            run = para.add_run(line.strip())
            if i < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)

    for paragraph in doc.preamble:
        add_lines(document.add_paragraph(), paragraph)
    if doc.lead_in:
        document.add_paragraph(doc.lead_in)

    numbering = _Numbering(document)
    current_num: int | None = None
    for section in doc.sections:
        document.add_heading(section.heading, level=min(section.depth + 1, 9))
        if section.no_decision:
            document.add_paragraph().add_run(NO_DECISION).italic = True
        for entry in section.entries:
            if current_num is None or entry.number != numbering.next_value:
                current_num = numbering.restart(entry.number)  # the count starts again
            numbering.next_value = entry.number + 1
            for i, lines in enumerate(entry.paragraphs):
                if i == 0:
                    para = document.add_paragraph(style="List Number")
                    numbering.apply(para, current_num)
                    if entry.draft:
                        para.add_run(f"{DRAFT_MARK} ").bold = True
                else:
                    para = document.add_paragraph(style="List Continue")
                add_lines(para, lines)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class _Numbering:
    """New numbering instances (w:num) of the "List Number" list, each with a start."""

    def __init__(self, document) -> None:  # type: ignore[no-untyped-def]
        self.part = document.part.numbering_part.element
        style_num = document.styles["List Number"].element.pPr.numPr.numId.val
        num = self.part.num_having_numId(style_num)
        self.abstract_id = num.abstractNumId.val
        self.next_value = 1

    def restart(self, start: int) -> int:
        num = self.part.add_num(self.abstract_id)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
        return num.numId

    @staticmethod
    def apply(para, num_id: int) -> None:  # type: ignore[no-untyped-def]
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = 0
        num_pr.get_or_add_numId().val = num_id


# ------------------------------------------------------------------ output


def render(doc: Document, fmt: str) -> str | bytes:
    if fmt == "md":
        return render_md(doc)
    if fmt == "txt":
        return render_txt(doc)
    if fmt == "html":
        return render_html(doc)
    if fmt == "docx":
        return render_docx(doc)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def count_phrase(n: int) -> str:
    return f"{n} decision" if n == 1 else f"{n} decisions"
