"""``carddeck build --watch``: rebuild the kit on every save, in one process.

In: the deck folder and a ``rebuild()`` that loads, builds and writes the kit, prints its line
(or the located errors) and returns it. Out: a rebuild each time a file the deck is read from
changes: deck.yaml, the card files it includes (in any folder, of any name) or else every other
``*.yaml`` beside it, and its language files (:func:`carddeck.load.deck_files`, the loader's own
list). A change is a change of content: every poll reads those files (a few kilobytes) and
compares their digest, so an editor that saves twice within one clock tick, or restores a
file's time, is still seen. The loop is :meth:`Watcher.poll` repeated; tests drive one poll at
a time. Staying in one process skips the start-up (imports, fonts), and the QR codes of cards
that did not change come from :func:`carddeck.qr.matrix`'s cache.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Callable

from .load import DECK_FILE, deck_files, include_of

INTERVAL = 0.25  # seconds between polls: a save shows up within a quarter of a second


def digest(folder: str | Path, include: list[str] | None) -> str:
    """A digest of the names and contents of the files the deck in ``folder`` is read from
    (:func:`carddeck.load.deck_files`; ``include``: deck.yaml's, as written); a file named that
    is not there counts as missing."""
    h = hashlib.sha256()
    for path in deck_files(folder, include):
        h.update(str(path).encode("utf-8") + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:  # not there, or removed or being replaced between listing and reading: poll again
            h.update(b"\1unreadable")
        h.update(b"\0")
    return h.hexdigest()


class Watcher:
    """Calls ``rebuild()`` once now and again whenever the deck's files change."""

    def __init__(self, folder: str | Path, rebuild: Callable[[], str]):
        self.folder, self.rebuild = Path(folder), rebuild
        self.seen: str | None = None
        self._include: tuple[bytes | None, list[str] | None] = (b"", None)  # deck.yaml's bytes, its include

    def poll(self) -> str | None:
        """One cycle: the rebuild's line when the files changed since the last cycle, else None."""
        now = digest(self.folder, self.include())
        if now == self.seen:
            return None
        self.seen = now
        return self.rebuild()

    def include(self) -> list[str] | None:
        """deck.yaml's ``include``, read again only when the file's content changed (a deck.yaml
        that holds the cards may be large, and a poll comes four times a second)."""
        try:
            content = (self.folder / DECK_FILE).read_bytes()
        except OSError:
            content = None
        if content != self._include[0]:
            self._include = (content, include_of(self.folder))
        return self._include[1]


def run(watcher: Watcher, interval: float = INTERVAL, cycles: int | None = None) -> None:
    """Poll until interrupted (Ctrl-C), or ``cycles`` times (``rebuild`` says what it did)."""
    done = 0
    while cycles is None or done < cycles:
        watcher.poll()
        done += 1
        if cycles is None or done < cycles:
            time.sleep(interval)


__all__ = ["Watcher", "digest", "run", "INTERVAL"]
