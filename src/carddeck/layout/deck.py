"""The card deck document: a deck and print options in, a :class:`Document` of placed boxes out.

Each card's front is laid out once and kept as reusable artwork; copies only add their own
QR code and table number. Backs share one artwork per family. Every card that cannot fit is
reported, all at once, as a :class:`~carddeck.errors.DeckError`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import DeckError, Problem
from ..labels import label
from ..qr import QUIET_ZONE, side_for
from ..sizes import PAPER_SIZES
from .. import theme
from ..theme import style_for
from ..urls import DEFAULT_URL, card_url
from . import printshop, sheet
from .boxes import QR, Artwork, Document, Page, Rect, Use
from .card import CardFormat, FitError, back, back_artwork, back_heading, front, qr_box


@dataclass(frozen=True)
class CardOptions:
    """How to print the cards. Lengths in mm."""

    size: tuple[float, float] = (105.0, 148.0)
    paper: str = "a4"
    duplex: str = "long-edge"
    back_offset: tuple[float, float] = (0.0, 0.0)
    copies: int = 1
    notes_url: str | None = None
    qr: bool = True
    print_shop: bool = False
    marks: bool = False

    @property
    def format(self) -> CardFormat:
        return CardFormat(self.size[0], self.size[1], printshop.BLEED if self.print_shop else 0.0)


def front_key(card_id: str) -> str:
    return f"front:{card_id}"


def card_artwork(deck, opts: CardOptions) -> tuple[dict[str, Artwork], dict[str, QR | None]]:
    """Every card's front (without its QR code) as artwork, plus a QR template per card.

    The template is the last copy's code, in the area the card keeps for its QR code; every
    copy's code fills the same area (:func:`_qr_for`).
    :raises DeckError: listing every card whose text does not fit.
    """
    spec = opts.format
    settings = settings_key(deck)
    art: dict[str, Artwork] = {}
    templates: dict[str, QR | None] = {}
    problems: list[Problem] = []
    for card in deck.cards:
        code = deck.codes[card.id]
        # The longest URL (the last copy) may be longer than the room kept (:func:`.card.qr_width`).
        url = _url(opts, card.id, opts.copies) if opts.qr else None
        try:
            face = _front(card, deck, settings, spec, url, code)
        except FitError as exc:
            problems.append(Problem(*exc.where, exc.message))
            continue
        static = tuple(b for b in face.boxes if not isinstance(b, QR))
        templates[card.id] = next((b for b in face.boxes if isinstance(b, QR)), None)
        art[front_key(card.id)] = Artwork(front_key(card.id), spec.w, spec.h, static)
        for shared in face.artwork:
            art.setdefault(shared.key, shared)
        number, heading = back_heading(card, deck)
        shared_back = back_artwork(style_for(card), spec, deck.title, heading, card.lang, number)
        art.setdefault(shared_back.key, shared_back)
    if problems:
        raise DeckError(problems)
    return art, templates


# The faces of cards laid out before, by everything a face is made from (:func:`_front_key`): the
# card itself, its code, the deck's settings, the card's group heading, the longest id (the QR
# area), the numbers of the cards of its kind (a stage's axis), the format and the QR URL. A build
# in one process (--watch) lays out only the cards that changed; each build is still complete.
# tests/layout/test_front_cache.py edits decks value by value: a changed front has a new key.
_FRONTS: dict = {}
FRONT_CACHE = 4096  # faces kept; the cache starts afresh when it is full


def settings_key(deck) -> str:
    """What a front takes from deck.yaml's settings, as JSON: all of them but the cards it holds
    (each card is its own part of the key, so that editing one lays out only that one again)."""
    return deck.settings.model_dump_json(exclude={"cards"})


def _front_key(card, deck, settings: str, spec, url, code) -> tuple:
    """Everything the front of ``card`` is made from (see :data:`_FRONTS`); ``settings`` is
    :func:`settings_key`."""
    kin = tuple(getattr(c, "number", None) for c in deck.of_kind(card.kind))
    # A card in another language also brings what its JSON leaves out: the language's own labels
    # (a LangTag's) and a quote's translation (carddeck.languages).
    language = (tuple(sorted(getattr(card.lang, "labels", {}).items())), getattr(card, "translation", None),
                getattr(card, "spoken_lang", None))
    return (card.model_dump_json(), language, code, settings, deck.group_of(card), deck.longest_id, kin, spec, url)


def _front(card, deck, settings: str, spec, url, code):
    key = _front_key(card, deck, settings, spec, url, code)
    face = _FRONTS.get(key)
    if face is None:
        face = front(card, deck, spec, url, code)
        if len(_FRONTS) >= FRONT_CACHE:
            _FRONTS.clear()
        _FRONTS[key] = face
    return face


def _url(opts: CardOptions, card_id: str, copy: int) -> str:
    base = opts.notes_url or DEFAULT_URL
    return card_url(base, card_id, copy if opts.copies > 1 else None)


def _qr_for(template: QR | None, url: str):
    """The QR code of ``url`` in the area of the card's ``template`` code (laid out for the
    last copy's URL): same place, same width of the code itself."""
    if template is None:
        return ()
    if url == template.url:
        return (template,)
    side = side_for(template.url)
    quiet = template.size / (side + 2 * QUIET_ZONE) * QUIET_ZONE
    return (qr_box(url, template.x + quiet, template.y + quiet, template.size - 2 * quiet),)


def _faces(deck, opts: CardOptions, templates: dict, copies=None) -> list[tuple[tuple, tuple, str]]:
    """(front boxes, back boxes, title) of every card face, copy by copy (``copies``: which ones)."""
    spec = opts.format
    faces = []
    for copy in copies or range(1, opts.copies + 1):
        for card in deck.cards:
            code = deck.codes[card.id]
            qr = _qr_for(templates[card.id], _url(opts, card.id, copy)) if opts.qr else ()
            front_boxes = (Use(front_key(card.id), 0.0, 0.0), *qr)
            back_face = back(card, deck, spec, code, copy if opts.copies > 1 else None)
            title = f"{code}" + (f" · {label(deck.settings.lang, 'table')} {copy}" if opts.copies > 1 else "")
            faces.append((front_boxes, back_face.boxes, title))
    return faces


def faces_document(deck, opts: CardOptions) -> Document:
    """One page per card face, the card's size (trimmed, no bleed): each card's front, then its
    back, as ``cards.pdf`` prints them (the first set); for previews."""
    art, templates = card_artwork(deck, opts)
    spec = opts.format
    pages = []
    for front_boxes, back_boxes, title in _faces(deck, opts, templates, copies=(1,)):
        pages.append(Page(spec.w, spec.h, (Rect(0.0, 0.0, spec.w, spec.h, fill=theme.PAPER), *front_boxes), label=title))
        pages.append(Page(spec.w, spec.h, (Rect(0.0, 0.0, spec.w, spec.h, fill=theme.PAPER), *back_boxes), label=title))
    return Document(tuple(pages), tuple(art.values()), title=deck.title, subject="carddeck: card previews", links=False)


def cards_document(deck, opts: CardOptions) -> Document:
    """The whole card deck as pages of placed boxes, for office sheets or a print shop."""
    spec = opts.format
    art, templates = card_artwork(deck, opts)
    faces = _faces(deck, opts, templates)

    if opts.print_shop:
        pages = []
        for front_boxes, back_boxes, title in faces:
            pages.append(printshop.page(front_boxes, spec.w, spec.h, opts.marks, title))
            pages.append(printshop.page(back_boxes, spec.w, spec.h, opts.marks, f"{title} ({label(deck.settings.lang, 'back')})"))
    else:
        paper = PAPER_SIZES[opts.paper]
        imposition = sheet.impose(spec.w, spec.h, paper, opts.duplex, opts.back_offset)
        if opts.duplex == "none":
            faces = [(f, (), t) for f, _, t in faces]
        pages = sheet.sheets(faces, imposition, label(deck.settings.lang, "fold"), label(deck.settings.lang, "back"),
                             set_size=len(deck.cards))
    return Document(
        tuple(pages),
        tuple(art.values()),
        cmyk=opts.print_shop,
        links=not opts.print_shop,  # a print shop gets paper: no link annotations
        title=deck.title,
        subject="carddeck: cards for office printing" if not opts.print_shop else "carddeck: cards for a print shop",
    )
