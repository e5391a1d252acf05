"""The board's companion sheet: the group's own lists, whole, on the office paper."""

from __future__ import annotations

import pytest

from carddeck import fonts
from carddeck.errors import DeckError
from carddeck.layout.boxes import Line, Text
from carddeck.layout.lists import LISTS, lists_document
from carddeck.sizes import PAPER_SIZES
from carddeck.units import pt_to_mm


@pytest.mark.parametrize("paper", list(PAPER_SIZES))
def test_every_list_is_on_one_sheet_with_a_numbered_line_for_each_card(default_deck, paper):
    doc = lists_document(default_deck, paper)
    (page,) = doc.pages
    assert (page.w, page.h) == PAPER_SIZES[paper]
    texts = [b.text for b in page.items if isinstance(b, Text)]
    lists = default_deck.writein_lists()
    assert all(title in texts for title in lists)
    lines = [b for b in page.items if isinstance(b, Line)]
    assert len(lines) == sum(lists.values()) == 10
    assert [t for t in texts if t.endswith(".")] == [f"{n}." for count in lists.values() for n in range(1, count + 1)]
    for b in page.items:
        if isinstance(b, Text):
            width = fonts.width(b.text, b.weight, b.size)
            assert LISTS.margin <= b.x and b.x + width <= page.w - LISTS.margin
            assert LISTS.margin - 1e-9 <= b.y - pt_to_mm(b.size * fonts.CAP_HEIGHT) and b.y <= page.h - LISTS.margin
        if isinstance(b, Line):
            assert b.x2 - b.x1 > 150.0  # room to write a sentence with a marker
            assert b.y1 <= page.h - LISTS.margin


def test_a_deck_without_lists_has_no_sheet(default_deck):
    deck = default_deck.model_copy(update={"cards": tuple(c for c in default_deck.cards if c.kind != "writein")})
    assert lists_document(deck, "a4") is None


def test_a_list_longer_than_a_sheet_is_reported_at_its_card(default_deck):
    first = next(c for c in default_deck.cards if c.kind == "writein")
    extra = tuple(first.model_copy(update={"id": f"extra-{n}", "number": n}) for n in range(6, 21))
    deck = default_deck.model_copy(update={"cards": default_deck.cards + extra})
    with pytest.raises(DeckError) as caught:
        lists_document(deck, "a4")
    (problem,) = caught.value.problems
    assert problem.file.endswith("writein.yaml") and problem.line > 0
    assert problem.message == (
        "card 'gode-raad-1': the list 'Vores egne gode råd' has 20 lines, more than one A4 sheet holds; use fewer"
    )


def test_unknown_paper_is_refused(default_deck):
    with pytest.raises(ValueError, match="unknown paper 'a5'; use one of a4, letter"):
        lists_document(default_deck, "a5")
