"""The notes URLs that QR codes encode; shared by the build and the notes service.

A card's page is ``<notes-url>/c/<card-id>``; with ``--copies`` the copy (table) number follows,
``<notes-url>/c/<card-id>/<copy>``; with a token (LAN use) ``?k=<token>`` is appended.
"""

from __future__ import annotations

import ipaddress
from urllib.parse import quote, urlsplit

ENV_URL = "CARDDECK_NOTES_URL"
DEFAULT_PORT = 8765
# Where QR codes point when no notes URL is set: this computer only (the build warns).
DEFAULT_URL = f"http://127.0.0.1:{DEFAULT_PORT}"
ENV_TOKEN = "CARDDECK_NOTES_TOKEN"
# The cards' QR area is reserved for the code of a notes URL this long (characters) and the
# largest table number, so a deck that fits with one notes URL fits with any other.
LONGEST_NOTES_URL = 80
MOST_COPIES = 500  # ``--copies`` accepts 1 to this many


def card_path(card_id: str, copy: int | None = None) -> str:
    """The path of a card's notes page."""
    return f"/c/{card_id}" + (f"/{copy}" if copy else "")


def card_url(base: str, card_id: str, copy: int | None = None, token: str | None = None) -> str:
    """The URL a card's QR code encodes (``base`` without a trailing slash)."""
    return base.rstrip("/") + card_path(card_id, copy) + (f"?k={quote(token, safe='')}" if token else "")


def longest_card_url(card_id: str) -> int:
    """The length of the longest URL a card's QR code may need to hold: a notes URL of
    :data:`LONGEST_NOTES_URL` characters, the card's path and the largest table number."""
    return LONGEST_NOTES_URL + len(card_path(card_id, MOST_COPIES))


def overview_url(base: str, token: str | None = None) -> str:
    """The URL of the notes overview (the poster's QR code)."""
    return base.rstrip("/") + "/" + (f"?k={quote(token, safe='')}" if token else "")


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.1, ::1, localhost)."""
    host = host.lower().strip("[]")
    if host in ("localhost", "localhost.localdomain") or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_unreachable(base: str | None) -> bool:
    """True when phones cannot reach ``base``: unset, a loopback address, or 0.0.0.0."""
    if not base:
        return True
    host = urlsplit(base).hostname or ""
    return is_loopback(host) or host == "0.0.0.0"
