"""Durable writes: a crash at any moment leaves the previous or the new file, never a
torn one.

We write a temporary file in the same folder, flush and fsync it, keep the previous
version as ``<session>.bak``, replace the old file, then fsync the folder so the
renames themselves are durable. Also here: the names of the files kept beside a
session (backup, conflict and aside copies) and the leftovers of a writer that died.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any, NamedTuple

# The umask, read once (reading it means setting it, which is not thread-safe later).
_UMASK = os.umask(0o022)
os.umask(_UMASK)

# Temporary files of write_atomic: ".<name>.<8 random characters>.tmp" (mkstemp's names).
_TEMP_NAME = r"\.{name}\.[a-z0-9_]{{8}}\.tmp"


class FileStamp(NamedTuple):  # a named tuple: cheaper to make than a dataclass (issue 19)
    """What tells one version of a file from another without reading it.

    The ctime is in it because the mtime alone can be put back (``touch -d``, an
    editor or sync tool that keeps times) after an edit in place of the same size; the
    ctime cannot be set, and any write or change of the file's metadata moves it. A
    stamp that differs only says "maybe changed": the content's digest decides."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileStamp:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)

    def same_file(self, other: FileStamp | None) -> bool:
        """The same file on disk (device and inode), whatever its content."""
        return other is not None and (self.device, self.inode) == (other.device, other.inode)


def real_path(path: str | Path) -> Path:
    """The file a path names in the end: symlinks followed, ``..`` and ``.`` gone, so
    that a session reached through a link or a roundabout path is one session."""
    return Path(os.path.realpath(path))


def file_stamp(path: str | Path) -> FileStamp | None:
    try:
        return FileStamp.of(os.stat(path))
    except FileNotFoundError:
        return None


def _sha256() -> Any:
    """SHA-256 from CPython's own module (``_sha256``; ``_sha2`` from Python 3.12), as
    ``random`` takes its SHA-512 from ``_sha512``: importing ``hashlib`` loads OpenSSL and
    makes every algorithm it offers, some 6 million instructions at every start-up, for
    the digest of an agenda of a few kilobytes (issue 19). The same digest either way;
    ``hashlib``'s where neither module was built."""
    for name in ("_sha256", "_sha2"):
        try:
            return importlib.import_module(name).sha256
        except ImportError:
            continue
    import hashlib

    return hashlib.sha256


_SHA256 = _sha256()


def digest_of(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex, as the session file records its agenda's."""
    return str(_SHA256(data).hexdigest())


def temp_suffix() -> str:
    """Eight random hex digits for a temporary file's name: ``secrets.token_hex(4)``
    without importing ``secrets`` (and ``hmac``, ``hashlib`` with it) at start-up."""
    return os.urandom(4).hex()


def backup_path(path: str | Path) -> Path:
    """Where the previous version of a session file is kept."""
    p = Path(path)
    return p.with_name(f"{p.name}.bak")


def _stamp_now() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _free_name(path: Path) -> Path:
    """``path``, or with -2, -3… before its suffix when it exists."""
    candidate, n = path, 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def conflict_path(path: str | Path) -> Path:
    """A name beside ``path`` for our version when the file changed under us."""
    p = Path(path)
    stem = p.name.removesuffix(".toml")
    return _free_name(p.with_name(f"{stem}.conflict-{_stamp_now()}.toml"))


def aside_path(path: str | Path) -> Path:
    """A name beside ``path`` for a file moved aside by --fresh."""
    p = Path(path)
    stem = p.name.removesuffix(".toml")
    return _free_name(p.with_name(f"{stem}.aside-{_stamp_now()}.toml"))


def _fsync_folder(folder: Path) -> None:
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def _keep_previous(target: Path, backup: Path) -> None:
    """Make ``backup`` the current version of ``target``, atomically: a hard link under
    a temporary name renamed over the backup (a copy where links are not supported)."""
    tmp = target.with_name(f".{backup.name}.{temp_suffix()}.tmp")
    try:
        os.link(target, tmp)
    except FileNotFoundError:
        return  # no previous version: the first save
    except OSError:
        try:
            shutil.copy2(target, tmp)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
        except FileNotFoundError:
            Path(tmp).unlink(missing_ok=True)
            return
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    try:
        os.replace(tmp, backup)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, text: str | bytes, *, backup: Path | None = None,
                 ) -> FileStamp:
    """Replace ``path`` with ``text`` so that a crash leaves the old or the new file.

    With ``backup``, the version being replaced is kept there first (same folder). An
    existing file's permissions (and, where allowed, owner) carry over to the new one;
    a new file gets the usual permissions for the umask. Returns the new file's stamp.
    """
    # Through a symlink, the file it points to is replaced: the link stays a link.
    target = real_path(path)
    folder = target.parent
    try:
        old = os.stat(target)
    except FileNotFoundError:
        old = None
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), (old.st_mode & 0o7777) if old else 0o666 & ~_UMASK)
            if old is not None and (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                with contextlib.suppress(OSError):  # not ours to give away: keep our own
                    os.fchown(handle.fileno(), old.st_uid, old.st_gid)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if backup is not None and old is not None:
                _keep_previous(target, backup)
            os.replace(tmp, target)
            # Taken after the replace, from the file written: a rename moves the ctime.
            stamp = FileStamp.of(os.fstat(handle.fileno()))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    return stamp


def leftover_temporaries(path: str | Path) -> list[Path]:
    """Temporary files of a writer that died before replacing ``path``, newest first."""
    p = Path(path)
    pattern = re.compile(_TEMP_NAME.format(name=re.escape(p.name)))
    try:
        found = [f for f in p.parent.iterdir() if pattern.fullmatch(f.name)]
    except OSError:
        return []
    return sorted(found, key=lambda f: f.stat().st_mtime_ns, reverse=True)


def leftover_backup_temporaries(path: str | Path) -> list[Path]:
    """Temporary links of the backup a writer made before it died: safe to remove."""
    p = Path(path)
    pattern = re.compile(rf"\.{re.escape(backup_path(p).name)}\.[0-9a-f]{{8}}\.tmp")
    try:
        return [f for f in p.parent.iterdir() if pattern.fullmatch(f.name)]
    except OSError:
        return []


def is_complete(path: str | Path) -> bool:
    """A file that parses as a session document (has its format number)."""
    import tomllib  # imported when a file is to be read, not by every start-up

    try:
        doc = tomllib.loads(Path(path).read_bytes().decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    version = doc.get("format")
    return isinstance(version, int) and not isinstance(version, bool)


