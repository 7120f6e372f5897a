"""Writing an export of the List of decisions beside its session."""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from .durable import temp_suffix

# What open() asks for a new file; the umask takes away the rest, as for any file the
# user makes (0644 under the usual umask 022).
NEW_FILE_MODE = 0o666


def export_path(session_path: str | Path, fmt: str) -> Path:
    """Beside the session: 'x.session.toml' gives 'x.decisions.md'."""
    p = Path(session_path)
    stem = p.name.removesuffix(".toml").removesuffix(".session")
    if stem == p.name:
        stem = p.stem
    return p.with_name(f"{stem}.decisions.{fmt}")


def _create_temporary(target: Path) -> tuple[int, Path]:
    """A new file beside ``target``, created with the mode a new file gets.

    Not ``tempfile.mkstemp``: it creates the file -rw------- whatever the umask, and an
    export is for colleagues to read, as any file the user saves. A file being
    replaced keeps its own mode (someone may have set it on purpose)."""
    try:
        mode: int | None = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = None
    while True:
        tmp = target.with_name(f".{target.name}.{temp_suffix()}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE)
        except FileExistsError:
            continue
        break
    if mode is not None:
        with contextlib.suppress(OSError):  # then the new file's mode stays
            os.fchmod(fd, mode)
    return fd, tmp


def write_file(path: str | Path, data: str | bytes) -> None:
    """Atomic replace: a crash leaves the old file or the new one, never half of one."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = _create_temporary(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def language_path(path: str | Path, language: str) -> Path:
    """The file of one language of a list in several: 'list.md' gives 'list.fr.md'."""
    p = Path(path)
    return p.with_name(f"{p.stem}.{language}{p.suffix}") if p.suffix else \
        p.with_name(f"{p.name}.{language}")


def template_path(template: str, session_path: str | Path) -> Path:
    """The template setting's file: a relative name is the session's folder's."""
    p = Path(template).expanduser()
    return p if p.is_absolute() else Path(session_path).parent / p


def read_template(path: str | Path) -> bytes:
    """The Word template's bytes; InputError names the file and why not."""
    from ..core.errors import read_problem

    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise read_problem(Path(path), exc, "Word template") from None
