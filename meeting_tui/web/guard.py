"""Who may read the follow page: the rules, as plain functions of the request's words.

The page is read-only, so the guard is about reading: a server listening beyond this
machine asks for the token it printed (in the link, then a cookie); a server on this
machine only answers to the names of this machine (a web page elsewhere cannot borrow
it by pointing its own name at 127.0.0.1); and the push is only for pages of its own
origin. No aiohttp here, so the rules are tested without a server.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import urlsplit

COOKIE = "meeting_tui_follow"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address to listen on, or a Host header's name) is this
    machine only."""
    name = host.strip("[]").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_name(host_header: str) -> str:
    """The name in a Host header, without its port ('[::1]:8000' -> '::1')."""
    return (urlsplit(f"//{host_header}").hostname or "").lower()


def same_origin(origin: str | None, host_header: str) -> bool:
    """The page that opens the push names, in its Origin, the host the browser used to
    reach us: any other web page a participant has open would otherwise read the
    meeting through their browser. No Origin: no browser (it could read the page
    anyway)."""
    if origin is None:
        return True
    parts = urlsplit(origin)
    return parts.scheme in ("http", "https") and parts.netloc.lower() == host_header.lower()


def new_token() -> str:
    return secrets.token_urlsafe(18)


def token_matches(given: str | None, token: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), token.encode())


def exposure_warning(host: str, port: int, *, public: bool) -> str | None:
    """What to say when the page can be reached from other machines."""
    if is_loopback(host):
        return None
    who = ("anyone who can reach this machine" if public
           else "anyone with the link below (its token)")
    return (f"warning: listening on {host}:{port}: {who} can follow the meeting (its "
            "current item, agenda and final decisions)")
