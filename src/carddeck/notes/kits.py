"""The kits one notes service serves: decks, their mount paths and current workshops in, :class:`Kit` out.

A kit is one deck (its stable :attr:`~carddeck.deck.Deck.kit_id`) at the path of the URL its
QR codes were printed with: ``https://samskab.example.dk/hedensted`` serves the kit under
``/hedensted``. Each run of ``carddeck notes serve --workshop NAME`` files the kit's notes under
that workshop (default: today's date); the same name continues it, another starts a new one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from ..urls import DEFAULT_URL, printed_url
from . import view
from .store import NotesStore, Workshop


@dataclass
class Kit:
    """One deck on the service. ``workshop`` is the current one (replaced when it is closed or opened)."""

    deck: object
    id: str
    mount: str  # '' or '/hedensted': where the kit's pages are, below the service's root path
    workshop: Workshop
    views: dict = field(default_factory=dict)  # card id -> view.CardView
    groups: list = field(default_factory=list)  # view.Group, as on the poster
    card_html: dict = field(default_factory=dict)  # card id -> its text as HTML (see pages.card_texts)
    card_symbols: dict = field(default_factory=dict)  # card id -> its symbol as inline SVG
    card_tops: dict = field(default_factory=dict)  # (card id, root path) -> see pages.card_top

    @property
    def lang(self) -> str:
        return self.deck.settings.lang

    @property
    def title(self) -> str:
        return self.deck.title


def default_workshop() -> str:
    """The workshop name when none is given: today's date, ``2026-05-03``."""
    return date.today().isoformat()


def mount_of(url: str | None, root_path: str = "") -> str:
    """The path a kit printed for ``url`` is served at, below ``root_path`` (a proxy that strips it).

    ``https://host/hedensted`` gives ``/hedensted``; ``http://10.42.0.1:8765`` gives ''.
    """
    path = (urlsplit(url).path if url else "").rstrip("/")
    root = root_path.rstrip("/")
    if root and (path == root or path.startswith(root + "/")):
        path = path[len(root):]
    return path


def printed_urls(decks: list, notes_url: str | None, root_path: str = "") -> list[str]:
    """The URL each deck's kit was printed with.

    One deck: ``--notes-url``, else its ``notes_url``, else ``$CARDDECK_NOTES_URL``, else the
    build's default. Several: a deck's own ``notes_url``, else ``<notes-url>/<kit id>``.

    :raises ValueError: for a malformed URL, two decks with one kit id, or two kits at one path.
    """
    if len(decks) == 1:
        return [printed_url(notes_url, decks[0].settings.notes_url)[0] or DEFAULT_URL]
    base = printed_url(notes_url, None)[0] or DEFAULT_URL
    urls, seen_ids, seen_paths = [], {}, {}
    for deck in decks:
        if deck.kit_id in seen_ids:
            raise ValueError(f"the decks {seen_ids[deck.kit_id]} and {deck.folder} have the same kit id "
                             f"{deck.kit_id!r}; give one of them its own 'kit:' in deck.yaml")
        seen_ids[deck.kit_id] = deck.folder
        url = deck.settings.notes_url or f"{base}/{deck.kit_id}"
        path = mount_of(url, root_path) or "/"
        if path in seen_paths:
            raise ValueError(f"the decks {seen_paths[path]} and {deck.folder} are both printed for the path {path}; "
                             f"give each its own notes_url")
        seen_paths[path] = deck.folder
        urls.append(url)
    return urls


async def open_kits(store: NotesStore, decks: list[tuple[object, str]], workshop: str) -> list[Kit]:
    """Register each (deck, mount) with ``store`` and open (or continue) its workshop ``workshop``."""
    kits = []
    for deck, mount in decks:
        await store.add_kit(deck.kit_id, deck.title)
        current = await store.open_workshop(deck.kit_id, workshop)
        kits.append(Kit(deck, deck.kit_id, mount, current, {c.id: view.card_view(deck, c) for c in deck.cards},
                        view.groups(deck)))
    return kits
