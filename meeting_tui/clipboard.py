"""The system clipboard through pyperclip, checked by reading it back (no Textual).

pyperclip picks a mechanism (xclip, xsel, wl-clipboard, pbcopy, the Windows API …)
from the environment. It raises when it has none, but some mechanisms fail silently
(xclip with no X display copies nothing and says nothing), and ``is_available()``
only says whether a mechanism was picked. So a copy counts only when pasting gives
the text back. The mechanism is picked afresh on each copy: the environment (DISPLAY)
may have changed since the last one.

In the app the text also goes through the terminal (OSC 52, Textual's
``copy_to_clipboard``), which reaches the user's own clipboard even over SSH but
never confirms; see MeetingApp.copy_text.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time

# How else the text gets across, said by the command line when a copy fails.
OTHER_WAYS = "the app's C copies it through the terminal (OSC 52), even over SSH"

_NAMES = {
    "copy_xclip": "xclip",
    "copy_xsel": "xsel",
    "copy_wl": "wl-clipboard",
    "copy_klipper": "Klipper",
    "copy_qt": "Qt",
    "copy_osx_pbcopy": "pbcopy",
    "copy_osx_pyobjc": "macOS pasteboard",
    "copy_windows": "Windows clipboard",
    "copy_wsl": "Windows clipboard (WSL)",
    "copy_dev_clipboard": "/dev/clipboard",
}

# The command-line tools pyperclip may pick: (copy, paste) commands.
_TOOLS = {
    "xclip": (["xclip", "-selection", "clipboard"], ["xclip", "-selection", "clipboard", "-o"]),
    "xsel": (["xsel", "--clipboard", "--input"], ["xsel", "--clipboard", "--output"]),
    "wl-clipboard": (["wl-copy"], ["wl-paste", "--no-newline", "--type", "text"]),
}
TIMEOUT = 5.0  # seconds for one command
ATTEMPTS = 5  # read-backs before the copy counts as failed


class ClipboardUnavailable(Exception):
    """No working system clipboard; the message says why in a few words."""


def no_clipboard_message() -> str:
    """One line naming what is missing for the clipboard to work here.

    On Linux and the BSDs the clipboard belongs to a display server: without one (a
    server over SSH, a console) installing xclip changes nothing, so that is said
    rather than a package to install."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return "no system clipboard: pyperclip found no copy mechanism"
    x11 = bool(os.environ.get("DISPLAY"))
    wayland = bool(os.environ.get("WAYLAND_DISPLAY"))
    if wayland:
        also = " or xclip or xsel (X11)" if x11 else ""
        return f"no system clipboard: install wl-clipboard (Wayland){also}"
    if x11:
        return "no system clipboard: install xclip or xsel (X11)"
    return ("no system clipboard: no X display or Wayland session here (DISPLAY and "
            "WAYLAND_DISPLAY are unset)")


def _same(a: str, b: str) -> bool:
    """Equal up to line endings and trailing newlines (Windows adds CRs)."""
    def norm(text: str) -> str:
        return text.replace("\r\n", "\n").rstrip("\n")

    return norm(a) == norm(b)


def _run_tools(tools: tuple[list[str], list[str]], text: str) -> str:
    """Copy with a command-line tool and read it back; '' on success, else why not.

    Run here rather than through pyperclip so that the tool's complaints ("Can't open
    display") never reach the terminal the app is drawing on, and so that a hung
    display cannot hang the copy. stderr goes to a file, not a pipe: xclip and
    wl-copy leave a child process holding it while they serve the clipboard.
    """
    copy_cmd, paste_cmd = tools
    with tempfile.TemporaryFile() as errors:
        try:
            done = subprocess.run(copy_cmd, input=text.encode("utf-8"), stdout=subprocess.DEVNULL,
                                  stderr=errors, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return str(exc)
        if done.returncode != 0:
            errors.seek(0)
            lines = errors.read().decode("utf-8", "replace").strip().splitlines()
            return lines[0] if lines else f"exit status {done.returncode}"
    for attempt in range(ATTEMPTS):  # xclip's child process takes a moment to own it
        try:
            back = subprocess.run(paste_cmd, capture_output=True, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return str(exc)
        if _same(back.stdout.decode("utf-8", "replace"), text):
            return ""
        time.sleep(0.02 * (attempt + 1))
    return "the clipboard did not take the text"


def copy(text: str) -> str:
    """Copy ``text`` to the system clipboard; returns the mechanism's name.

    Raises ClipboardUnavailable when there is none or the copy did not take.
    """
    import pyperclip  # here, not at start-up: it loads ctypes and looks for tools

    try:
        copy_fn, paste_fn = pyperclip.determine_clipboard()
    except Exception as exc:  # a broken Qt or Windows set-up: no clipboard either
        raise ClipboardUnavailable(f"{no_clipboard_message()} ({exc})") from None
    name = _NAMES.get(getattr(copy_fn, "__name__", ""), "system clipboard")
    if name in _TOOLS:
        problem = _run_tools(_TOOLS[name], text)
        if problem:
            raise ClipboardUnavailable(f"{name} failed: {problem}")
        return name
    try:
        copy_fn(text)
    except (pyperclip.PyperclipException, OSError) as exc:
        if isinstance(exc, pyperclip.PyperclipException) and "could not find" in str(exc):
            raise ClipboardUnavailable(no_clipboard_message()) from None
        raise ClipboardUnavailable(f"{name} failed: {exc}") from None
    for attempt in range(ATTEMPTS):
        try:
            if _same(paste_fn(), text):
                return name
        except (pyperclip.PyperclipException, OSError):
            pass
        time.sleep(0.02 * (attempt + 1))
    raise ClipboardUnavailable(f"{name} did not take the text")
