"""The one kind of error the user sees: a problem with a file they gave us."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """A problem with a file the user gave us: shown as one line, exit status 2."""

    def __init__(self, path: str | Path, problem: str, line: int | None = None) -> None:
        self.path = str(path)
        self.problem = problem
        self.line = line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")


def read_problem(path: Path, exc: OSError, what: str) -> InputError:
    """The one line for a file that could not be read (``what``: "file", "session file")."""
    if isinstance(exc, FileNotFoundError):
        return InputError(path, f"no such {what}")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, f"is a directory, not a {what}")
    return InputError(path, f"cannot read the {what} ({exc.strerror or exc})")
