"""Writing an export of the List of decisions beside its session."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def export_path(session_path: str | Path, fmt: str) -> Path:
    """Beside the session: 'x.session.toml' gives 'x.decisions.md'."""
    p = Path(session_path)
    stem = p.name.removesuffix(".toml").removesuffix(".session")
    if stem == p.name:
        stem = p.stem
    return p.with_name(f"{stem}.decisions.{fmt}")


def write_file(path: str | Path, data: str | bytes) -> None:
    """Atomic replace: a crash leaves the old file or the new one, never half of one."""
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
