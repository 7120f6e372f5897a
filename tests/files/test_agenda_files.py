"""Agendas as they arrive: Word files whose numbers come from list numbering or styles,
tables, PDFs made from them by LibreOffice, and the files that are neither.

Word files are written here with real list numbering (``helpers.word``); PDFs are made
from them with LibreOffice headless, as a secretary's "Save as PDF" makes them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers.word import BULLETS, DECIMAL, OUTLINE, ROMAN, List, Num, P, Style, Table, write_docx
from helpers.word import to_pdf as make_pdf_of
from hypothesis import given, settings
from hypothesis import strategies as st

from meeting_tui.cli import main
from meeting_tui.core.errors import InputError
from meeting_tui.files.agenda_file import load_agenda, read_agenda_text
from meeting_tui.files.docx_text import docx_text, format_number


def tree(path: Path) -> list[tuple[int, str, str]]:
    """(depth, number, title) of every item, in agenda order."""
    out: list[tuple[int, str, str]] = []

    def walk(items, depth):
        for item in items:
            out.append((depth, item.number, item.title))
            walk(item.children, depth + 1)

    walk(load_agenda(path).items, 0)
    return out


def to_pdf(docx: Path) -> Path:
    pdf = make_pdf_of(docx)
    if pdf is None:
        pytest.skip("LibreOffice is not installed (.ci/run installs it)")
    return pdf


# ------------------------------------------------------------------ Word list numbering

def board_agenda(tmp_path: Path, name: str = "board.docx") -> Path:
    """A board's agenda: a title block, then a three-level decimal list."""
    return write_docx(tmp_path / name, [
        P("Riverside Housing Cooperative"),
        P("Board of Directors, 14 March 2027"),
        P("Welcome and apologies", num=1),
        P("Minutes of the previous meeting", num=1),
        P("Matters arising", num=1, level=1),
        P("Actions from January", num=1, level=1),
        P("Repairs backlog", num=1, level=2),
        P("Finance", num=1),
        P("Budget 2027", num=1, level=1),
        P("Any other business", num=1),
    ])


def test_numbers_come_from_the_list_numbering_as_word_shows_them(tmp_path):
    assert tree(board_agenda(tmp_path)) == [
        (0, "1", "Welcome and apologies"),
        (0, "2", "Minutes of the previous meeting"),
        (1, "2.1", "Matters arising"),
        (1, "2.2", "Actions from January"),
        (2, "2.2.1", "Repairs backlog"),
        (0, "3", "Finance"),
        (1, "3.1", "Budget 2027"),
        (0, "4", "Any other business"),
    ]
    assert load_agenda(tmp_path / "board.docx").header[:2] == (
        "Riverside Housing Cooperative", "Board of Directors, 14 March 2027")


def test_letters_and_roman_levels(tmp_path):
    senate = write_docx(tmp_path / "senate.docx", [
        P("Academic Senate"),
        P("Reports", num=1), P("President", num=1, level=1), P("Provost", num=1, level=1),
        P("Curriculum", num=1, level=2), P("Research", num=1, level=2),
        P("New business", num=1),
    ], lists=[OUTLINE])
    assert tree(senate) == [
        (0, "1", "Reports"), (1, "a", "President"), (1, "b", "Provost"),
        (2, "i", "Curriculum"), (2, "ii", "Research"), (0, "2", "New business"),
    ]
    assembly = write_docx(tmp_path / "assembly.docx", [
        P("General Assembly"),
        P("Opening part", num=1), P("Election of the chair", num=1, level=1),
        P("Agenda", num=1, level=1), P("Adoption", num=1, level=2),
        P("Reports", num=1), P("Annual report", num=1, level=1),
    ], lists=[ROMAN])
    assert tree(assembly) == [
        (0, "I", "Opening part"), (1, "A", "Election of the chair"), (1, "B", "Agenda"),
        (2, "1", "Adoption"), (0, "II", "Reports"), (1, "A", "Annual report"),
    ]


def test_a_list_restarted_by_an_override_starts_again(tmp_path):
    # Two list instances of one definition: the second continues the first (as Word
    # does) unless it overrides the start, as "Restart at 1" writes it.
    body = [P("Day one"), P("Opening", num=1), P("Reports", num=1),
            P("Day two"), P("Budget", num=2), P("Closing", num=2)]
    continued = write_docx(tmp_path / "continued.docx", body, nums={1: Num(0), 2: Num(0)})
    restarted = write_docx(tmp_path / "restarted.docx", body,
                           nums={1: Num(0), 2: Num(0, restarts={0: 1})})
    assert [n for _, n, _ in tree(continued)] == ["1", "2", "3", "4"]
    text = read_agenda_text(restarted)
    assert "1. Opening" in text and "1. Budget" in text


def test_a_list_may_start_elsewhere(tmp_path):
    path = write_docx(tmp_path / "start.docx", [P("Council"), P("Opening", num=1),
                                               P("Reports", num=1)],
                      lists=[List(["decimal"], ["%1."], starts=[5])])
    assert [n for _, n, _ in tree(path)] == ["5", "6"]


def test_numbering_from_the_paragraph_style(tmp_path):
    # Many house templates number agenda items by a style ("Agenda Item"), not by a
    # list on each paragraph.
    path = write_docx(tmp_path / "styled.docx", [
        P("Parish Council"),
        P("Apologies", style="AgendaItem"), P("Planning", style="AgendaItem"),
        P("Oak Lane application", style="AgendaSub"),
        P("Finance", style="AgendaItem"),
    ], styles=[Style("AgendaItem", "Agenda Item", num=1, level=0),
               Style("AgendaSub", "Agenda Sub", num=1, level=1)])
    assert tree(path) == [(0, "1", "Apologies"), (0, "2", "Planning"),
                          (1, "2.1", "Oak Lane application"), (0, "3", "Finance")]


def test_headings_give_the_outline_and_bullets_stay_bullets(tmp_path):
    path = write_docx(tmp_path / "wg.docx", [
        P("Working group on open data"),
        P("Opening", style="Heading1"),
        P("Welcome by the chair", num=1),
        P("Presentations", style="Heading1"),
        P("City of Lyon pilot", num=1),
        P("Presentation by Ms Roy", num=2, level=1),
    ], lists=[DECIMAL, BULLETS])
    text = read_agenda_text(path)
    assert "# Opening" in text and "# Presentations" in text
    assert "  • Presentation by Ms Roy" in text
    titles = [t for _, _, t in tree(path)]
    assert "Presentation by Ms Roy" in titles


def test_a_table_agenda_is_read_row_by_row(tmp_path):
    path = write_docx(tmp_path / "table.docx", [
        P("Finance committee, 3 May 2027"),
        Table([["No.", "Item", "Presenter", "Time"],
               ["1", "Opening", "Chair", "5 min"],
               ["2", "Quarterly accounts", "Treasurer", "20 min"],
               ["3", "Any other business", "", ""]]),
    ])
    agenda = load_agenda(path)
    assert [(i.number, i.title, i.planned_minutes) for i in agenda.items] == [
        ("1", "Opening – Chair", 5),
        ("2", "Quarterly accounts – Treasurer", 20),
        ("3", "Any other business", None),
    ]


def test_a_word_file_is_known_by_its_content_not_its_name(tmp_path):
    docx = board_agenda(tmp_path)
    renamed = tmp_path / "agenda.txt"
    renamed.write_bytes(docx.read_bytes())
    assert tree(renamed) == tree(docx)


@given(st.lists(st.integers(0, 2), min_size=1, max_size=30))
@settings(max_examples=60, deadline=None)
def test_property_word_levels_become_the_tree(levels):
    # Whatever the sequence of list levels, the tree has the nesting Word shows.
    fixed = [0]
    for level in levels:
        fixed.append(min(level, fixed[-1] + 1))  # a level never skips one
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = write_docx(Path(folder) / "p.docx", [P("Meeting")] + [
            P(f"Item {i}", num=1, level=lvl) for i, lvl in enumerate(fixed)])
        got = tree(path)
    assert [depth for depth, _, _ in got] == fixed
    assert [title for _, _, title in got] == [f"Item {i}" for i in range(len(fixed))]
    for depth, number, _ in got:
        assert number.count(".") == depth


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    (1, "decimal", "1"), (27, "lowerLetter", "aa"), (4, "upperRoman", "IV"),
    (1994, "lowerRoman", "mcmxciv"), (3, "decimalZero", "03"), (2, "bullet", ""),
])
def test_number_formats(n, fmt, shown):
    assert format_number(n, fmt) == shown


# ------------------------------------------------------------------ PDF

def test_a_pdf_made_from_the_word_file_gives_the_same_tree(tmp_path):
    docx = board_agenda(tmp_path)
    pdf = to_pdf(docx)
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert tree(pdf) == tree(docx)


def test_a_pdf_of_a_table_agenda(tmp_path):
    docx = write_docx(tmp_path / "committee.docx", [
        P("Audit committee"),
        Table([["1", "Opening"], ["2", "External audit report"], ["3", "Closing"]]),
    ])
    assert [(n, t) for _, n, t in tree(to_pdf(docx))] == [
        ("1", "Opening"), ("2", "External audit report"), ("3", "Closing")]


def make_pdf(tmp_path: Path, name: str, pages: int = 1, password: str | None = None) -> Path:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)  # a page with no text layer: what a scan gives
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    path = tmp_path / name
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def one_line_error(capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_a_scanned_pdf_is_refused_with_one_line(tmp_path, capsys):
    path = make_pdf(tmp_path, "scan.pdf")
    line = one_line_error(capsys, ["agenda", str(path)])
    assert str(path) in line and "no text in this PDF" in line and "scanned" in line


def test_an_encrypted_pdf_and_a_pdf_of_no_pages(tmp_path, capsys):
    line = one_line_error(capsys, ["agenda", str(make_pdf(tmp_path, "locked.pdf",
                                                          password="s3cret"))])
    assert "encrypted" in line
    line = one_line_error(capsys, ["agenda", str(make_pdf(tmp_path, "empty.pdf", pages=0))])
    assert "no pages" in line


def test_a_damaged_pdf(tmp_path, capsys):
    pdf = to_pdf(board_agenda(tmp_path))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(pdf.read_bytes()[:400])
    line = one_line_error(capsys, ["agenda", str(broken)])
    assert str(broken) in line


# ------------------------------------------------------------------ files that are neither

def test_a_corrupt_zip_and_other_office_files(tmp_path, capsys):
    corrupt = tmp_path / "agenda.docx"
    corrupt.write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    assert "damaged Word file" in one_line_error(capsys, ["agenda", str(corrupt)])

    import zipfile

    xlsx = tmp_path / "agenda.xlsx"
    with zipfile.ZipFile(xlsx, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert "an Excel workbook, not a Word agenda" in one_line_error(
        capsys, ["agenda", str(xlsx)])


def test_a_damaged_document_part(tmp_path):
    import zipfile

    path = tmp_path / "bad.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body>")
    with pytest.raises(InputError, match="damaged Word file"):
        docx_text(path.read_bytes(), path)


def test_old_word_and_rtf_files_say_what_to_do(tmp_path, capsys):
    doc = tmp_path / "agenda.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "save it as .docx" in one_line_error(capsys, ["agenda", str(doc)])
    rtf = tmp_path / "agenda.rtf"
    rtf.write_bytes(b"{\\rtf1\\ansi 1. Opening\\par}")
    assert "RTF" in one_line_error(capsys, ["agenda", str(rtf)])


def test_the_live_screen_opens_a_word_agenda_and_resumes_it(tmp_path):
    from meeting_tui.files.opening import open_meeting

    docx = board_agenda(tmp_path)
    opened = open_meeting(str(docx), None, None, ask=lambda q, d: None)
    try:
        session = opened.session
        assert session.title == "Riverside Housing Cooperative"
        assert opened.path == tmp_path / "board.session.toml"
        first = session.order[0].key
        session.take_up(first)
        opened.file.save(_dump(opened, str(docx)))
    finally:
        opened.lock.release()
    again = open_meeting(str(docx), None, None, ask=lambda q, d: None)
    try:
        assert again.session.current == first
    finally:
        again.lock.release()


def _dump(opened, agenda_path: str) -> str:
    from meeting_tui.files.session_toml import dumps

    return dumps(opened.session, agenda_path, opened.digest)
