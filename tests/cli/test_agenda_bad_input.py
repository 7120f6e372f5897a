"""Unusable agenda files: exit status 2 and one clear line on stderr, never a traceback."""

from __future__ import annotations

import codecs
import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from meeting_tui.cli import main
from meeting_tui.core.errors import InputError
from meeting_tui.files.agenda_file import load_agenda

# A real PNG: signature, IHDR chunk of a 1x1 image, then image data and IEND.
PNG = (
    b"\x89PNG\r\n\x1a\n"
    b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


def run_agenda(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "meeting_tui", "agenda", str(path), *extra],
        capture_output=True, text=True, encoding="utf-8", check=False,
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], path: Path, *words: str) -> str:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    line = lines[0]
    assert str(path) in line
    for word in words:
        assert word in line.lower(), line
    return line


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "no-such-agenda.txt"
    assert_one_line_error(run_agenda(path), path, "no such file")


def test_directory(tmp_path: Path) -> None:
    path = tmp_path / "agendas"
    path.mkdir()
    assert_one_line_error(run_agenda(path), path, "directory")


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_one_line_error(run_agenda(path), path, "empty")


def test_empty_file_with_only_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8)
    assert_one_line_error(run_agenda(path), path, "empty")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \r\n\t\n\n \xc2\xa0 \n")
    assert_one_line_error(run_agenda(path), path, "blank")


def test_binary_png(tmp_path: Path) -> None:
    path = tmp_path / "scan.png"
    path.write_bytes(PNG + bytes(range(256)) * 8)
    assert_one_line_error(run_agenda(path), path, "binary")


def test_binary_without_a_known_signature(tmp_path: Path) -> None:
    path = tmp_path / "agenda.txt"
    path.write_bytes(bytes((i * 37 + 11) % 256 for i in range(4096)))
    assert_one_line_error(run_agenda(path), path, "binary")


def test_text_with_no_recognizable_item(tmp_path: Path) -> None:
    path = tmp_path / "letter.txt"
    path.write_text(
        "Dear colleagues,\n\nplease find the documents for next week attached.\n\n"
        "Kind regards,\nThe Secretariat\n",
        encoding="utf-8",
    )
    assert_one_line_error(run_agenda(path), path, "no agenda item")


def test_file_over_ten_megabytes(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"1. An agenda item that repeats until the file is too large\n"
    with path.open("wb") as out:
        out.write(line * (10 * 1024 * 1024 // len(line) + 1))
    assert path.stat().st_size > 10 * 1024 * 1024
    assert_one_line_error(run_agenda(path), path, "too large", "10 mb")


def test_truncated_utf16(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "1. Opening\n".encode("utf-16-le") + b"\x00")
    assert_one_line_error(run_agenda(path), path, "utf-16")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads any file"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("1. Opening\n", encoding="utf-8")
    path.chmod(0)
    try:
        assert_one_line_error(run_agenda(path), path, "permission")
    finally:
        path.chmod(0o600)


def test_unreadable_file_as_any_user(tmp_path: Path, monkeypatch, capsys) -> None:
    """The same case where the tests run as root (who reads any file): the system's
    refusal is simulated at the one call that reads the agenda."""
    path = tmp_path / "secret.txt"
    path.write_text("1. Opening\n", encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert main(["agenda", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert str(path) in err and "permission denied" in err


def test_json_mode_reports_errors_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert_one_line_error(run_agenda(path, "--json"), path, "empty")


def test_input_error_carries_path_and_problem(tmp_path: Path) -> None:
    path = tmp_path / "prose.txt"
    path.write_text("Just a sentence.\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_agenda(path)
    assert caught.value.path == str(path)
    assert "no agenda item" in caught.value.problem
    assert caught.value.line is None


def test_input_error_message_with_a_line_number() -> None:
    error = InputError("agenda.txt", "something is wrong", line=7)
    assert str(error) == "agenda.txt:7: something is wrong"
    assert (error.path, error.line, error.problem) == ("agenda.txt", 7, "something is wrong")


# ------------------------------------------------------------------ loads, with a warning


def test_duplicate_numbers_warn_and_still_load(tmp_path: Path) -> None:
    path = tmp_path / "duplicate.txt"
    path.write_text(
        "1. Opening\n2. Budget\n3. Elections\n\n2. Budget (continued)\n4. Close\n",
        encoding="utf-8",
    )
    done = run_agenda(path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    warnings = done.stderr.splitlines()
    assert len(warnings) == 1, done.stderr
    assert "warning" in warnings[0]
    assert str(path) in warnings[0]
    assert "line 2" in warnings[0] and "line 5" in warnings[0]
    assert "2 Budget (continued)" in done.stdout
    assert "4 Close" in done.stdout


def test_duplicate_sub_numbers_warn(tmp_path: Path) -> None:
    path = tmp_path / "duplicate.txt"
    path.write_text("1. Reports\n1.1 Chair\n1.1 Treasurer\n", encoding="utf-8")
    agenda = load_agenda(path)
    assert [w.line for w in agenda.warnings] == [3]
    assert "line 2" in agenda.warnings[0].message
    assert [i.title for i in agenda.walk()] == ["Reports", "Chair", "Treasurer"]


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    """`meeting-tui agenda FILE | head -1`: no traceback when head closes the pipe."""
    path = tmp_path / "long.txt"
    path.write_text("".join(f"{n}. Item number {n} of a long agenda\n"
                            + "".join(f"   - Point {k} of item {n}\n" for k in range(1, 20))
                            for n in range(1, 1000)), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "meeting_tui", "agenda", str(path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # as head does after its line
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0, err
    assert first.startswith(b"1 ") or b"Item number 1 " in first
    assert err == ""
