"""The notes service's HTML: a kit, a page's data and the link base in, an HTML string out.

One Jinja environment (autoescape on: everything a participant typed is escaped) for every kit;
the kit's title, language and colours come with each page. ``base`` is the path the kit is
served at (the request's root path), so every link works under a proxy's path prefix.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import quote, urlencode

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from .. import theme
from ..labels import label
from ..render.svg import symbol_svg
from . import view
from .kits import Kit
from .store import MAX_NAME, MAX_TEXT, Note

_HERE = Path(__file__).parent


def text(lang: str, key: str, **params) -> str:
    """The interface text ``key`` in ``lang``, filled in (singular when ``count`` is 1)."""
    return label(lang, key, params.get("count")).format(**params)


def _symbol(style: theme.Style, size: int = 28, name: str = "") -> Markup:
    return Markup(symbol_svg(style, size, str(escape(name))))


_env = Environment(loader=FileSystemLoader(_HERE / "templates"), autoescape=True, trim_blocks=True,
                   lstrip_blocks=True, auto_reload=False)
_env.globals.update(t=text, symbol=_symbol, max_text=MAX_TEXT, max_name=MAX_NAME)


def render(template: str, kit: Kit, base: str, **context) -> str:
    """Render ``<template>.html`` for ``kit``; the page's language defaults to the kit's."""
    return _env.get_template(f"{template}.html").render(
        base=base, deck_title=kit.title, **{"lang": kit.lang, **context}
    )


def with_query(path: str, **query) -> str:
    query = {k: v for k, v in query.items() if v is not None}
    return f"{path}?{urlencode(query)}" if query else path


def card_path(base: str, card_id: str, copy: int | None, **query) -> str:
    """The path of a card's page (a table's copy when ``copy``), with ``query`` (None values left out)."""
    return with_query(_card_path(base, card_id, copy), **query) if query else _card_path(base, card_id, copy)


@lru_cache(maxsize=16384)
def _card_path(base: str, card_id: str, copy: int | None) -> str:
    # Kept: a card page links itself two or three times, and a note's 303 leads to it.
    return f"{base}/c/{quote(card_id, safe='')}" + (f"/{copy}" if copy is not None else "")


def labels(lang: str) -> SimpleNamespace:
    """Every interface text of ``lang`` that takes no value, escaped once, for the card page, as
    attributes (``L.send``: the template finds an attribute at its first try, not a call into
    Python per text, nor a failed attribute look-up before a dictionary's)."""
    # Kept per tag and deck's own words (a LangTag equals its plain tag, so it cannot be the key alone).
    return _labels(str(lang), tuple(sorted(getattr(lang, "labels", {}).items())))


@lru_cache(maxsize=None)
def _labels(tag: str, own: tuple) -> SimpleNamespace:
    from ..labels import LABELS, LangTag

    lang = LangTag(tag, dict(own))
    out = {key: Markup(escape(label(lang, key))) for key in LABELS["da"] if "{" not in label(lang, key)}
    out["limit_hint"] = Markup(escape(text(lang, "limit_hint", limit=MAX_TEXT)))
    return SimpleNamespace(**out)


def card_top(kit: Kit, card_id: str, base: str) -> tuple[Markup, Markup]:
    """The start of a card's page, up to its table number and after it to the card's text.

    They depend on the card and on where the kit is served only, so each is rendered once and
    kept on the kit (a few kB per card and root path; the deck does not change while it runs).
    """
    key = (card_id, base)
    parts = kit.card_tops.get(key)
    if parts is None:
        card, macros = kit.views[card_id], _env.get_template("card_parts.html").module
        parts = kit.card_tops[key] = (
            Markup(macros.top(card, base, card.lang, kit.title, kit.card_symbols[card_id])),
            Markup(macros.band_end(card, kit.card_html[card_id])),
        )
    return parts


def card_symbols(kit: Kit) -> dict[str, Markup]:
    """Each card's symbol for the band of its page, drawn once at start."""
    return {card_id: _symbol(card.style, 30, card.group) for card_id, card in kit.views.items()}


def card_texts(kit: Kit) -> dict[str, Markup]:
    """Each card's own part of its page (text, examples, background), rendered once at start:
    the deck does not change while the service runs."""
    template = _env.get_template("card_text.html")
    return {card_id: Markup(template.render(card=card, lang=card.lang)) for card_id, card in kit.views.items()}


def notes_html(lang: str, notes: list[Note]) -> Markup:
    """The notes as list items, newest first; the date appears once the notes shown span days."""
    with_date = view.spans_days(notes)
    own = tuple(sorted(getattr(lang, "labels", {}).items()))  # a LangTag equals its plain tag: key on its labels too
    return Markup("".join([_note_item(n, lang, with_date, own) for n in notes]))


@lru_cache(maxsize=8192)
def _note_item(note: Note, lang: str, with_date: bool, own: tuple = ()) -> str:
    """One note as a list item (everything typed is escaped here).

    A pure function of a frozen note, so remembering recent ones needs no invalidation: a page
    shows only notes the store gives it, and a deleted note's words never come back from there.
    A page of notes then costs about what the page without them costs (bench/notes_load.py).
    The words of a note deleted or purged meanwhile do stay in this process's memory (never on
    a page) until newer notes push them out (``maxsize``), the process ends, or
    :func:`forget_notes` runs in it.
    """
    return (f'<li id="n{note.id}"><p class="note-text">{escape(note.text)}</p><p class="meta">'
            f'<time datetime="{escape(note.created)}">{escape(view.note_meta(lang, note, with_date))}</time></p></li>\n')


def forget_notes() -> None:
    """Let go of every note's HTML this process keeps (after a delete: its words leave memory too).

    This process only: SQLite's service is one process, so a delete there leaves no copy; each
    other worker of a PostgreSQL service, and every worker after a ``purge`` while it runs,
    keeps what it had (see :func:`_note_item`)."""
    _note_item.cache_clear()
