"""What a card and its notes look like in words: a deck and notes in, plain view data out.

The card pages, the overview, the text exports and the workshop record all show a card the same
way: a small kicker (``Fase 3``, ``Noen tommelfingerregler 2``), a main line, smaller examples,
further paragraphs, the deck's background notes, and the card's style (colour and symbol from
:mod:`carddeck.theme`). Cards are grouped as on the poster: the six phases, then the other
families (write-in lists, SESAM's sections, the kit's own card) in deck order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from .. import theme
from ..labels import label
from .store import Note


@dataclass(frozen=True)
class CardView:
    """One card as text: ``kicker`` above, ``title`` as the main line, then ``examples`` and ``body``;
    the credits card lists the deck's ``sources`` as its printed front does."""

    id: str
    code: str
    kind: str
    lang: str
    kicker: str
    title: str
    examples: str | None
    body: tuple[str, ...]
    background: str | None
    style: theme.Style
    group: str  # heading of the card's group ("Fase 3 · Fælles sprog og værdier")
    phased: bool = False  # a card of a phase: its group heading says the phase already
    title_lang: str | None = None  # the main line's language where it is not the card's (a quote's own words)
    sources: tuple[str, ...] = ()  # the deck's credits, on the credits card (``credits: true``)

    @property
    def shown_kicker(self) -> str:
        """The kicker when it says more than the group heading shown next to it; else ''."""
        if self.phased or self.kicker.startswith(self.group):
            return ""
        return self.kicker


@dataclass(frozen=True)
class Group:
    """Cards that belong together (one phase, one SESAM section, one write-in list)."""

    key: str
    heading: str
    style: theme.Style
    number: int | None  # the phase number, else None
    cards: tuple[CardView, ...] = field(default=())


# How each template's ``view`` (see carddeck.templates.Template) shows a card: (kicker, title, examples, body).
# A card of a section names its group's heading (deck.group_of) in the kicker.
_VIEWS = {
    "phase": lambda deck, card, lang: (f"{label(lang, 'phase')} {card.phase}", card.title, None, (card.subtitle,)),
    "question": lambda deck, card, lang: (f"{label(lang, 'phase')} {card.phase}", card.text, card.examples, ()),
    "listed": lambda deck, card, lang: (card.title, f"{card.title} · {card.number}", None, ()),
    "numbered": lambda deck, card, lang: (
        f"{deck.group_of(card)[1]} · {card.number}",
        card.text or label(lang, "value_n").format(n=card.number), None, ()),  # a value not yet named
    "quote": lambda deck, card, lang: (deck.group_of(card)[1], card.text, None, _translation(card, lang)),
    "stage": lambda deck, card, lang: (f"{deck.group_of(card)[1]} · {card.number}", card.title, None, (card.text,)),
    "info": lambda deck, card, lang: (deck.group_of(card)[1], card.title, None, card.paragraphs),
    "about": lambda deck, card, lang: (deck.settings.subtitle or "", deck.title, None, (card.text,) if card.text else ()),
}


def _translation(card, lang: str) -> tuple[str, ...]:
    """A quote's translation, marked as one, when its words were said in another language."""
    translation = getattr(card, "translation", None)
    return (f"{label(lang, 'translation')}: {translation}",) if translation else ()


def card_view(deck, card) -> CardView:
    """The words and style of ``card`` as the notes pages and the record show it."""
    lang, kind = card.lang, card.kind
    kicker, title, examples, body = _VIEWS[card.family.template.view](deck, card, lang)
    return CardView(
        id=card.id,
        code=deck.codes.get(card.id, ""),
        kind=kind,
        lang=lang,
        kicker=kicker,
        title=title,
        examples=examples,
        body=tuple(body),
        background=card.notes,
        style=theme.style_for(card),
        group=_group_heading(deck, card),
        phased=card.family.template.phased,
        title_lang=spoken if (spoken := getattr(card, "spoken_lang", lang)) != lang else None,
        sources=tuple(deck.settings.credits) if getattr(card, "credits", False) else (),
    )


def left_card(card_id: str, lang: str) -> CardView:
    """A card that has left the deck while its notes stay: its id as the main line, in the kit's
    own colours, under the heading "Kort, der ikke længere er i kortsættet" (in ``lang``)."""
    return CardView(card_id, "", "", lang, "", card_id, None, (), None, theme.ABOUT, label(lang, "other_cards"))


def _group_key(card) -> tuple:
    """(0, phase) for a card of a phase, else (1, family, list title or ''), so that phases sort
    first and no family's key can pass for a phase."""
    if getattr(card, "phase", None):
        return 0, card.phase
    return 1, card.kind, card.title if card.family.template.group == "list" else ""


def _group_heading(deck, card) -> str:
    number, heading = deck.group_of(card)
    if getattr(card, "phase", None):
        return f"{label(card.lang, 'phase')} {number} · {heading}".rstrip(" ·")
    return heading


def groups(deck) -> list[Group]:
    """Every card of ``deck`` in its group: phases 1–6 first, then the other groups in deck order."""
    order: dict[tuple, list] = {}
    for card in deck.cards:
        order.setdefault(_group_key(card), []).append(card)
    phase_keys = sorted(k for k in order if k[0] == 0)
    # The kit's own cards (deck title, how to use the kit) close the list.
    rest = sorted((k for k in order if k[0] != 0), key=lambda k: order[k][0].family.template.group == "kit")
    out = []
    for key in phase_keys + rest:
        cards = order[key]
        # A phase's own card leads its questions.
        cards = sorted(cards, key=lambda c: c.family.template.name != "phase")
        first = cards[0]
        out.append(
            Group(
                key=f"phase-{key[1]}" if key[0] == 0 else ":".join(key[1:]).rstrip(":"),
                heading=_group_heading(deck, first),
                style=theme.style_for(first),
                number=getattr(first, "phase", None),
                cards=tuple(card_view(deck, c) for c in cards),
            )
        )
    return out


def copy_label(lang: str, copy: int | None) -> str:
    """``Bord 3`` for copy 3; '' without copies."""
    return f"{label(lang, 'table')} {copy}" if copy else ""


def local_time(note: Note) -> datetime:
    """When the note was written, in this computer's time zone."""
    return note.created_at.astimezone()


def when(note: Note, with_date: bool) -> str:
    """``14:05``, or ``3.5.2025 14:05`` when notes of several days are shown together."""
    at = local_time(note)
    return f"{at.day}.{at.month}.{at.year} {at:%H:%M}" if with_date else f"{at:%H:%M}"


def spans_days(notes: list[Note]) -> bool:
    """True when ``notes`` were written on more than one (local) day.

    ``created`` is UTC in one ISO 8601 form, so the earliest and the latest are the smallest and
    the largest string; the local days in between lie between theirs.
    """
    if len(notes) < 2:
        return False
    times = [n.created for n in notes]
    first, last = min(times), max(times)
    return _local_day(first) != _local_day(last)


@lru_cache(maxsize=4096)
def _local_day(created: str):
    """The local day of a note's time (kept: every card page asks it of its newest and oldest note)."""
    return datetime.fromisoformat(created).astimezone().date()


def note_meta(lang: str, note: Note, with_date: bool) -> str:
    """The small line under a note: ``Bord 2 · 14:05 · Ane``."""
    parts = [copy_label(lang, note.copy), when(note, with_date), note.name or ""]
    return " · ".join(p for p in parts if p)
