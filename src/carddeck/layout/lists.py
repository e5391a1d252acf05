"""The board's companion sheet: the group's own lists, a deck and the office paper in, a
:class:`Document` out (mm, top-left origin, y down).

The write-in lists ("Vores egne gode råd", …) left the board to give the phase fields room
for their cards. Each list is a box with its pencil, its title and numbered lines for a marker,
stacked down an A4 or Letter sheet; lists that do not fit one sheet go on the next. A list that
is taller than a sheet, or a title that cannot fit, is reported at its card.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import fonts, theme
from ..errors import DeckError, Problem, shown
from ..sizes import PAPER_SIZES
from ..units import pt_to_mm
from .boxes import Document, Line, Page, Rect, Text
from .symbols import symbol
from .text import fit, set_text


@dataclass(frozen=True)
class ListsDesign:
    """Every design value of the lists sheet: mm, and type in pt."""

    margin: float = 15.0  # office printers cannot print the outer 5 mm; room to hold the sheet
    kit_pt: float = 11.0  # the kit's title, small, at the top
    kit_gap: float = 8.0  # the kit's title to the first list
    gap: float = 10.0  # between lists
    pad: float = 8.0  # inside a list's box
    radius: float = 4.0
    frame: float = 0.5  # the box's outline
    title_pt: float = 22.0
    title_min_pt: float = 16.0
    title_room: float = 24.0  # height a list's title may take (two lines)
    pencil_r: float = 4.5
    pencil_gap: float = 3.0  # pencil to title
    first_line: float = 6.0  # the title to the first writing line's top
    pitch: float = 16.0  # between writing lines: room for a marker
    number_pt: float = 14.0
    number_w: float = 9.0  # room for "5."
    number_rise: float = 1.0  # a line number's baseline above its writing line
    rule: float = 0.35


LISTS = ListsDesign()


def _list_height(title_h: float, lines: int) -> float:
    t = LISTS
    return t.pad + title_h + t.first_line + lines * t.pitch + t.pad


def lists_document(deck, paper: str) -> Document | None:
    """The group's lists on ``paper`` ("a4" or "letter") sheets; None when the deck has none.

    :raises ValueError: for an unknown paper name.
    :raises DeckError: naming each list whose title cannot fit, or that is taller than a sheet.
    """
    if paper not in PAPER_SIZES:
        raise ValueError(f"unknown paper {paper!r}; use one of {', '.join(PAPER_SIZES)}")
    lists = deck.writein_lists()
    if not lists:
        return None
    t = LISTS
    lang = deck.settings.lang
    pw, ph = PAPER_SIZES[paper]
    cards: dict = {}
    for card in deck.of_template("writein"):  # a list's problems are reported at its first card
        cards.setdefault(card.title, card)
    width = pw - 2 * t.margin
    title_x = t.pad + 2 * t.pencil_r + t.pencil_gap
    first_top = t.margin + pt_to_mm(t.kit_pt * (fonts.CAP_HEIGHT + fonts.DESCENT)) + t.kit_gap
    problems: list[Problem] = []
    pages: list[list] = [[]]
    y = first_top
    for title, count in lists.items():
        card = cards[title]
        block = fit([title], "bold", width - title_x - t.pad, t.title_room, t.title_pt, t.title_min_pt, lang)
        if block is None:
            problems.append(Problem(*card.locate("title"), f"card {card.id!r}: {shown(title)} does not fit the lists sheet "
                                                           f"even at {t.title_min_pt:g} pt; shorten it"))
            continue
        height = _list_height(block.height, count)
        if first_top + height > ph - t.margin:
            problems.append(Problem(*card.locate("number"), f"card {card.id!r}: the list {shown(title)} has {count} lines, "
                                                            f"more than one {paper.upper()} sheet holds; use fewer"))
            continue
        if y + height > ph - t.margin:
            pages.append([])
            y = first_top
        _draw_list(pages[-1], block, count, t.margin, y, width)
        y += height + t.gap
    if problems:
        raise DeckError(problems)
    out = []
    for items in pages:
        head = [Text(t.margin, t.margin + pt_to_mm(t.kit_pt * fonts.CAP_HEIGHT), deck.title, "regular", t.kit_pt, theme.MUTED)]
        out.append(Page(pw, ph, tuple(head + items), label=deck.title))
    return Document(tuple(out), title=deck.title, subject="carddeck: the group's own lists")


def _draw_list(items: list, block, count: int, x: float, y: float, width: float) -> None:
    """One list: its box, pencil, title and ``count`` numbered writing lines, from (x, y)."""
    t = LISTS
    style = theme.WRITEIN
    height = _list_height(block.height, count)
    items.append(Rect(x, y, width, height, fill=theme.PAPER, stroke=style.colour, stroke_width=t.frame, radius=t.radius))
    cap = pt_to_mm(block.size * fonts.CAP_HEIGHT)
    r = t.pencil_r
    cx, cy = x + t.pad + r, y + t.pad + cap / 2
    items.append(symbol(style, cx, cy, r))
    set_text(items, block, x + t.pad + 2 * r + t.pencil_gap, y + t.pad, "bold", theme.INK)
    top = y + t.pad + block.height + t.first_line
    for n in range(1, count + 1):
        base = top + n * t.pitch
        items.append(Text(x + t.pad, base - t.number_rise, f"{n}.", "bold", t.number_pt, theme.MUTED))
        items.append(Line(x + t.pad + t.number_w, base, x + width - t.pad, base, theme.RULE, t.rule))


__all__ = ["LISTS", "ListsDesign", "lists_document"]
