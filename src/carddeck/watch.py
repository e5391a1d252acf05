"""``carddeck build --watch``: rebuild the kit on every save, in one process.

In: the deck folder and a ``rebuild()`` that loads, builds and writes the kit, prints its line
(or the located errors) and returns it. Out: a rebuild each time a deck file changes.
A change is a change of content: every poll reads the deck's YAML files (a few kilobytes)
and compares their digest, so an editor that saves twice within one clock tick, or restores
a file's time, is still seen. The loop is :meth:`Watcher.poll` repeated; tests drive one
poll at a time. Staying in one process skips the start-up (imports, fonts), and the QR codes
of cards that did not change come from :func:`carddeck.qr.matrix`'s cache.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path
from typing import Callable

from .languages import LANG_DIR

INTERVAL = 0.25  # seconds between polls: a save shows up within a quarter of a second


def digest(folder: str | Path) -> str:
    """A digest of the names and contents of the deck's YAML files (``*.yaml``, ``*.yml``): its
    own and its language files' (``lang/``)."""
    h = hashlib.sha256()
    folder = Path(folder)
    for path in sorted(p for place in (folder, folder / LANG_DIR) if place.is_dir() for p in place.iterdir()
                       if p.suffix in (".yaml", ".yml") and p.is_file()):
        h.update(str(path.relative_to(folder)).encode("utf-8") + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:  # removed or being replaced between listing and reading: poll again
            h.update(b"\1unreadable")
        h.update(b"\0")
    return h.hexdigest()


class Watcher:
    """Calls ``rebuild()`` once now and again whenever the deck's files change."""

    def __init__(self, folder: str | Path, rebuild: Callable[[], str]):
        self.folder, self.rebuild = Path(folder), rebuild
        self.seen: str | None = None

    def poll(self) -> str | None:
        """One cycle: the rebuild's line when the files changed since the last cycle, else None."""
        now = digest(self.folder)
        if now == self.seen:
            return None
        self.seen = now
        return self.rebuild()


def run(watcher: Watcher, interval: float = INTERVAL, cycles: int | None = None) -> None:
    """Poll until interrupted (Ctrl-C), or ``cycles`` times (``rebuild`` says what it did)."""
    done = 0
    while cycles is None or done < cycles:
        watcher.poll()
        done += 1
        if cycles is None or done < cycles:
            time.sleep(interval)


__all__ = ["Watcher", "digest", "run", "INTERVAL"]
