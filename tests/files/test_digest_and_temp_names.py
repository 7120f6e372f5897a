"""The session's digest and the temporary files' names without ``hashlib`` and
``secrets`` at start-up (issue 19): the same SHA-256, the same eight hex digits."""

from __future__ import annotations

import hashlib
import os
import re

from hypothesis import given
from hypothesis import strategies as st

from meeting_tui.files import durable, exports
from meeting_tui.files.session_toml import agenda_hash


@given(st.binary(max_size=300))
def test_the_digest_is_hashlibs_sha256(data: bytes) -> None:
    assert durable.digest_of(data) == hashlib.sha256(data).hexdigest()


@given(st.text(max_size=100))
def test_the_agenda_hash_is_the_sha256_of_its_utf8(text: str) -> None:
    assert agenda_hash(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_temp_suffixes_are_eight_hex_digits_and_unique() -> None:
    suffixes = [durable.temp_suffix() for _ in range(500)]
    assert all(re.fullmatch(r"[0-9a-f]{8}", suffix) for suffix in suffixes)
    assert len(set(suffixes)) == len(suffixes)


def test_a_backups_temporary_name_is_one_its_leftovers_are_known_by(tmp_path, monkeypatch
                                                                   ) -> None:
    target = tmp_path / "m.session.toml"
    target.write_text("one", encoding="utf-8")
    made = []
    link = os.link

    def recording(src, dst, *args, **kwargs):
        made.append(dst)
        return link(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "link", recording)
    durable._keep_previous(target, durable.backup_path(target))
    assert len(made) == 1
    assert re.fullmatch(r"\.m\.session\.toml\.bak\.[0-9a-f]{8}\.tmp", made[0].name)
    assert durable.backup_path(target).read_text(encoding="utf-8") == "one"


def test_an_exports_temporary_names_differ(tmp_path) -> None:
    target = tmp_path / "m.decisions.md"
    names = set()
    for _ in range(20):
        fd, tmp = exports._create_temporary(target)
        os.close(fd)
        assert re.fullmatch(r"\.m\.decisions\.md\.[0-9a-f]{8}\.tmp", tmp.name)
        names.add(tmp.name)
    assert len(names) == 20
