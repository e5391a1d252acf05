"""The contact sheet: the deck and the laid-out cards in, every card front small on a few pages out.

For counting a set and for slides. Each card's front is the very artwork of ``cards.pdf``,
drawn scaled down (no QR code: at this size no phone could read it) and clipped to its trim,
with the card's code and id below it, in deck order. Lengths in mm (top-left origin, y down).
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import fonts, theme
from ..labels import label
from ..units import pt_to_mm
from .boxes import Document, Group, Page, Rect, Text, Use
from .deck import front_key
from .text import LEADING


@dataclass(frozen=True)
class ContactDesign:
    """The design values of the contact sheet, read by layout and by the tests."""

    margin: float = 12.0
    thumb_w: float = 26.0  # mm, the narrowest a card may be: six A6 fronts across an A4 page
    gap: float = 4.0  # between thumbnails, across and down
    title_pt: float = 16.0
    code_pt: float = 8.0
    id_pt: float = 6.5
    caption_gap: float = 1.2  # mm from a thumbnail to its code
    footer_pt: float = 8.0


DESIGN = ContactDesign()


def _reachable(artwork, keys) -> tuple:
    """The artwork that ``keys`` draw, with everything it uses in turn (in the given order)."""
    by_key = {a.key: a for a in artwork}
    need, stack = set(), list(keys)
    while stack:
        key = stack.pop()
        if key in need or key not in by_key:
            continue
        need.add(key)
        stack += [b.key for b in by_key[key].boxes if isinstance(b, Use)]
    return tuple(a for a in artwork if a.key in need)


MIN_ID_PT = 4.5  # a long id shrinks to this, then is shortened with an ellipsis


def _id_line(card_id: str, x: float, base: float, width: float, d: ContactDesign) -> Text:
    """The card's id below its code, no wider than the thumbnail."""
    size = min(d.id_pt, d.id_pt * width / fonts.width(card_id, "regular", d.id_pt))
    text = card_id
    if size < MIN_ID_PT:
        size = MIN_ID_PT
        while fonts.width(text + "…", "regular", size) > width:
            text = text[:-1]
        text += "…"
    return Text(x, base, text, "regular", round(size, 2), theme.MUTED)


def contact_document(deck, cards: Document, card_size: tuple[float, float], paper: tuple[float, float],
                     design: ContactDesign = DESIGN) -> Document:
    """Every card front of ``deck`` (as ``cards`` laid them out) in a grid on portrait ``paper``."""
    d = design
    lang = deck.settings.lang
    pw, ph = paper
    cw, ch = card_size
    cols = max(1, int((pw - 2 * d.margin + d.gap) // (d.thumb_w + d.gap)))
    tw = (pw - 2 * d.margin - (cols - 1) * d.gap) / cols
    scale = tw / cw
    th = ch * scale
    caption_h = d.caption_gap + pt_to_mm((d.code_pt + d.id_pt) * LEADING)
    head_base = d.margin + pt_to_mm(d.title_pt * fonts.CAP_HEIGHT)
    grid_top = head_base + pt_to_mm(d.title_pt * fonts.DESCENT) + 5.0
    footer = ph - d.margin / 2
    rows = max(1, int((footer - 6.0 - grid_top + d.gap) // (th + caption_h + d.gap)))
    per_page = cols * rows
    chunks = [deck.cards[i : i + per_page] for i in range(0, len(deck.cards), per_page)]
    title = f"{label(lang, 'contact_title')} · {deck.title}"
    count = label(lang, "contact_count").format(count=len(deck.cards))
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        items: list = [
            Text(d.margin, head_base, title, "bold", d.title_pt, theme.INK),
            Text(pw - d.margin, head_base, count, "regular", d.title_pt * 0.7, theme.MUTED, "right"),
        ]
        for i, card in enumerate(chunk):
            x = d.margin + (i % cols) * (tw + d.gap)
            y = grid_top + (i // cols) * (th + caption_h + d.gap)
            items.append(Group(x, y, 0, (Use(front_key(card.id), 0.0, 0.0, scale=scale),), clip=(0.0, 0.0, tw, th)))
            items.append(Rect(x, y, tw, th, stroke=theme.RULE, stroke_width=0.2))
            base = y + th + d.caption_gap + pt_to_mm(d.code_pt * fonts.CAP_HEIGHT)
            items.append(Text(x, base, deck.codes[card.id], "bold", d.code_pt, theme.INK))
            items.append(_id_line(card.id, x, base + pt_to_mm(d.id_pt * LEADING), tw, d))
        items.append(Text(pw - d.margin, footer, label(lang, "page").format(page=number, pages=len(chunks)),
                          "regular", d.footer_pt, theme.MUTED, "right"))
        pages.append(Page(pw, ph, tuple(items), label=f"{label(lang, 'contact_title')} {number}"))
    artwork = _reachable(cards.artwork, [front_key(c.id) for c in deck.cards])
    return Document(tuple(pages), artwork, title=title, subject="carddeck: contact sheet", links=False)


__all__ = ["ContactDesign", "DESIGN", "contact_document"]
