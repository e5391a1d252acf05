"""The notes URLs that QR codes encode; shared by the build and the notes service.

A card's page is ``<notes-url>/c/<card-id>``; with ``--copies`` the copy (table) number follows,
``<notes-url>/c/<card-id>/<copy>``. Nothing that a run of the service makes (no token, key or
query) is ever part of a printed URL, so a kit printed once works at every workshop. The notes
URL may carry a path (``https://samskab.example.dk/hedensted``): the service serves the kit there.
"""

from __future__ import annotations

import ipaddress
import os
from urllib.parse import urlsplit

ENV_URL = "CARDDECK_NOTES_URL"
DEFAULT_PORT = 8765
# Where QR codes point when no notes URL is set: this computer only (the build warns).
DEFAULT_URL = f"http://127.0.0.1:{DEFAULT_PORT}"
# The cards' QR area is reserved for the code of a notes URL this long (characters) and the
# largest table number, so a deck that fits with one notes URL fits with any other.
LONGEST_NOTES_URL = 80
MOST_COPIES = 500  # ``--copies`` accepts 1 to this many


def card_path(card_id: str, copy: int | None = None) -> str:
    """The path of a card's notes page."""
    return f"/c/{card_id}" + (f"/{copy}" if copy else "")


def card_url(base: str, card_id: str, copy: int | None = None) -> str:
    """The URL a card's QR code encodes (``base`` without a trailing slash)."""
    return base.rstrip("/") + card_path(card_id, copy)


def longest_card_url(card_id: str) -> int:
    """The length of the longest URL a card's QR code may need to hold: a notes URL of
    :data:`LONGEST_NOTES_URL` characters, the card's path and the largest table number."""
    return LONGEST_NOTES_URL + len(card_path(card_id, MOST_COPIES))


def overview_url(base: str) -> str:
    """The URL of the kit's card index (the poster's QR code)."""
    return base.rstrip("/") + "/"


def facilitator_url(base: str, key: str) -> str:
    """The facilitator's link: opened once, it lets that browser see every note and export them."""
    return base.rstrip("/") + f"/facilitator?key={key}"


def printed_url(option: str | None, deck_url: str | None) -> tuple[str | None, str]:
    """The notes URL a kit is built (or served) for, and where it came from.

    ``--notes-url`` wins, then the deck's ``notes_url``, then ``$CARDDECK_NOTES_URL``; None when
    none is set (the QR codes then open :data:`DEFAULT_URL`). The value is checked.

    :raises ValueError: naming the source, when the URL is not an http(s) URL with a host.
    """
    from .model import check_notes_url

    for source, url in (("--notes-url", option), ("notes_url", deck_url), (ENV_URL, os.environ.get(ENV_URL))):
        if url:
            try:
                return check_notes_url(url), source
            except ValueError as exc:
                raise ValueError(f"{source}: {exc}") from None
    return None, ""


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
