"""Helpers for the notes tests: read a form token, send a note the way a browser does."""

from __future__ import annotations

import re


def csrf_of(html: str) -> str:
    """The form token of a rendered page."""
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def post_note(client, path: str, text: str, name: str = ""):
    """Open the card page (for the form token and its cookie), then send the form."""
    page = client.get(path)
    return client.post(path, data={"csrf": csrf_of(page.text), "text": text, "by": name})


def stored(store, kit: str = "samskabelse-samskaping", workshop: str | None = None):
    """Every shown note of ``kit`` in the database, oldest first."""
    return store.export_rows(kit, workshop)
