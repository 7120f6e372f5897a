"""Agenda files as people really have them: encodings, line endings, odd spaces.

Each test writes the bytes itself and loads them with load_agenda.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from meeting_tui.core.agenda import Agenda
from meeting_tui.files.agenda_file import load_agenda

# Accents, typographic quotes, dashes and guillemets: all must survive decoding.
TEXT = (
    "Comité de pilotage — réunion du 3 mars\n"
    "\n"
    "1. Ouverture et adoption de l’ordre du jour\n"
    "2. « Stratégie 2026 » : premier échange – suite\n"
    "\u2022 Présentation du “livre blanc”\n"
    "3. Questions diverses\n"
)
EXPECTED_TITLES = [
    "Ouverture et adoption de l’ordre du jour",
    "« Stratégie 2026 » : premier échange – suite",
    "Présentation du “livre blanc”",
    "Questions diverses",
]


def load_bytes(tmp_path: Path, data: bytes, name: str = "agenda.txt") -> Agenda:
    path = tmp_path / name
    path.write_bytes(data)
    return load_agenda(path)


def titles(agenda: Agenda) -> list[str]:
    return [item.title for item in agenda.walk()]


def check_sample(agenda: Agenda) -> None:
    assert agenda.header == ("Comité de pilotage — réunion du 3 mars",)
    assert titles(agenda) == EXPECTED_TITLES
    assert [item.number for item in agenda.walk()] == ["1", "2", None, "3"]
    assert [item.line for item in agenda.walk()] == [3, 4, 5, 6]


# ------------------------------------------------------------------ encodings


def test_utf8_without_bom(tmp_path: Path) -> None:
    check_sample(load_bytes(tmp_path, TEXT.encode("utf-8")))


def test_utf8_with_bom(tmp_path: Path) -> None:
    agenda = load_bytes(tmp_path, codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    check_sample(agenda)
    assert not agenda.header[0].startswith("\ufeff")


def test_utf16_le_with_bom(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + TEXT.replace("\n", "\r\n").encode("utf-16-le")
    check_sample(load_bytes(tmp_path, data))


def test_utf16_be_with_bom(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")
    check_sample(load_bytes(tmp_path, data))


def test_windows_1252_smart_quotes_and_bullet(tmp_path: Path) -> None:
    data = (
        b"Comit\xe9 de pilotage \x97 r\xe9union du 3 mars\r\n"
        b"\r\n"
        b"1. Ouverture et adoption de l\x92ordre du jour\r\n"
        b"2. \xab Strat\xe9gie 2026 \xbb : premier \xe9change \x96 suite\r\n"
        b"\x95 Pr\xe9sentation du \x93livre blanc\x94\r\n"
        b"3. Questions diverses\r\n"
    )
    check_sample(load_bytes(tmp_path, data))


def test_windows_1252_english_board_agenda(tmp_path: Path) -> None:
    data = (
        b"1.\tChair\x92s welcome\r\n"
        b"2.\t\x93Project Phoenix\x94 \x96 status report\r\n"
        b"\t\x95\tBudget \x80 1.2m\r\n"
        b"\t\x95\tTimeline\r\n"
    )
    agenda = load_bytes(tmp_path, data)
    assert titles(agenda) == [
        "Chair’s welcome",
        "“Project Phoenix” – status report",
        "Budget € 1.2m",
        "Timeline",
    ]
    assert [len(item.children) for item in agenda.items] == [0, 2]


# ------------------------------------------------------------------ line endings


def test_crlf_line_endings(tmp_path: Path) -> None:
    check_sample(load_bytes(tmp_path, TEXT.replace("\n", "\r\n").encode("utf-8")))


def test_cr_line_endings(tmp_path: Path) -> None:
    check_sample(load_bytes(tmp_path, TEXT.replace("\n", "\r").encode("utf-8")))


def test_mixed_line_endings_count_lines_like_an_editor(tmp_path: Path) -> None:
    data = b"Board meeting\r\n\r\n1. Opening\r2. Budget\n3. Close\r\n"
    agenda = load_bytes(tmp_path, data)
    assert [(item.number, item.line) for item in agenda.walk()] == [
        ("1", 3), ("2", 4), ("3", 5),
    ]


def test_no_final_newline(tmp_path: Path) -> None:
    agenda = load_bytes(tmp_path, b"1. Opening\n2. Close")
    assert titles(agenda) == ["Opening", "Close"]


# ------------------------------------------------------------------ spaces


def test_non_breaking_spaces(tmp_path: Path) -> None:
    text = (
        "Virtual\u00a0meeting, 21-25\u00a0September 2020\n"
        "1.\u00a0Opening of the\u00a0meeting\n"
        "2.1.\u00a0\u00a0Chapter\u202fI:\u00a0Legal frameworks\n"
        "Date\u00a0 of the next meeting\n"
        "7-11\u00a0December 2020\n"
    )
    agenda = load_bytes(tmp_path, text.encode("utf-8"))
    assert agenda.header == ("Virtual meeting, 21-25 September 2020",)
    assert titles(agenda) == ["Opening of the meeting", "Chapter I: Legal frameworks"]
    assert [item.number for item in agenda.walk()] == ["1", "2.1"]
    assert agenda.next_meetings == ("7-11 December 2020",)


def test_zero_width_spaces_and_soft_hyphens(tmp_path: Path) -> None:
    text = (
        "\u200b1. Open\u200bing\n"
        "2.\u200b Bud\u00adget\u2060 review\n"
        "\u200b\n"
        "3. Close\u200d\n"
    )
    agenda = load_bytes(tmp_path, text.encode("utf-8"))
    assert titles(agenda) == ["Opening", "Budget review", "Close"]
    assert [item.number for item in agenda.walk()] == ["1", "2", "3"]


def test_tabs_inside_and_around_titles(tmp_path: Path) -> None:
    data = b"1.\tOpening\t\tof the meeting\t\n\t2.\tBudget\t[15 min]\n"
    agenda = load_bytes(tmp_path, data)
    assert [(item.title, item.planned_minutes) for item in agenda.walk()] == [
        ("Opening of the meeting", None),
        ("Budget", 15),
    ]


def test_runs_of_blank_lines(tmp_path: Path) -> None:
    text = "Header line\n\n\n\n\n1. Opening\n\n\n\n\n\n2. Budget\n   \n\t\n\n3. Close\n\n\n\n"
    agenda = load_bytes(tmp_path, text.encode("utf-8"))
    assert agenda.header == ("Header line",)
    assert [(item.title, item.line) for item in agenda.walk()] == [
        ("Opening", 6), ("Budget", 12), ("Close", 16),
    ]
    assert all(item.notes == () for item in agenda.walk())


def test_whitespace_normalized_punctuation_kept(tmp_path: Path) -> None:
    text = (
        "1.   Report   on  “Children’s   rights” –   part 2 (draft) ; Q&A!  \n"
        "2. Follow-up: ‘what next?’ — [annex]  ,  \"quoted\"\n"
    )
    agenda = load_bytes(tmp_path, text.encode("utf-8"))
    assert titles(agenda) == [
        "Report on “Children’s rights” – part 2 (draft) ; Q&A!",
        "Follow-up: ‘what next?’ — [annex] , \"quoted\"",
    ]


def test_latin1_only_bytes_still_load(tmp_path: Path) -> None:
    # 0x81 is undefined in Windows-1252: keep it rather than fail the whole file.
    agenda = load_bytes(tmp_path, b"1. Caf\xe9 \x81\n2. Na\xefve\n")
    assert titles(agenda) == ["Café \x81", "Naïve"]
