"""The notes URLs that QR codes encode; shared by the build and the notes service.

A card's page is ``<notes-url>/c/<card-id>``; with ``--copies`` the copy (table) number follows,
``<notes-url>/c/<card-id>/<copy>``; with a token (LAN use) ``?k=<token>`` is appended.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

ENV_URL = "CARDDECK_NOTES_URL"
DEFAULT_PORT = 8765
# Where QR codes point when no notes URL is set: this computer only (the build warns).
DEFAULT_URL = f"http://127.0.0.1:{DEFAULT_PORT}"
ENV_TOKEN = "CARDDECK_NOTES_TOKEN"


def card_path(card_id: str, copy: int | None = None) -> str:
    """The path of a card's notes page."""
    return f"/c/{card_id}" + (f"/{copy}" if copy else "")


def card_url(base: str, card_id: str, copy: int | None = None, token: str | None = None) -> str:
    """The URL a card's QR code encodes (``base`` without a trailing slash)."""
    return base.rstrip("/") + card_path(card_id, copy) + (f"?k={quote(token, safe='')}" if token else "")


def overview_url(base: str, token: str | None = None) -> str:
    """The URL of the notes overview (the poster's QR code)."""
    return base.rstrip("/") + "/" + (f"?k={quote(token, safe='')}" if token else "")


def is_unreachable(base: str | None) -> bool:
    """True when phones cannot reach ``base``: unset, localhost or a loopback address."""
    if not base:
        return True
    host = (urlsplit(base).hostname or "").lower()
    return host in ("localhost", "::1", "0.0.0.0") or host.startswith("127.") or host.endswith(".localhost")
