"""The board poster as placed boxes: exact sizes, slots at card size, type sizes, margins, errors."""

from __future__ import annotations

import pytest

from carddeck import fonts, theme
from carddeck.errors import DeckError
from carddeck.layout import poster
from carddeck.layout.boxes import QR, Group, Rect, Text
from carddeck.layout.printshop import BLEED
from carddeck.sizes import CARD_SIZES, POSTER_SIZES
from carddeck.qr import symbol_modules
from carddeck.units import pt_to_mm
from kitutil import DECK_DIR

TINTS = {style.tint: number for number, style in theme.PHASES.items()}


def _texts(doc):
    return [b for b in doc.pages[0].items if isinstance(b, Text)]


@pytest.mark.parametrize("size", list(POSTER_SIZES))
def test_page_is_exactly_the_poster_size(default_deck, size):
    doc = poster.poster_document(default_deck, poster.PosterOptions(size=size))
    page = doc.pages[0]
    assert (page.w, page.h) == POSTER_SIZES[size]
    assert not doc.cmyk and page.boxes.trim is None


@pytest.mark.parametrize("size", list(POSTER_SIZES))
def test_type_is_never_below_the_scaled_minimums(default_deck, size):
    doc = poster.poster_document(default_deck, poster.PosterOptions(size=size))
    scale = POSTER_SIZES[size][0] / 594.0
    texts = _texts(doc)
    assert min(t.size for t in texts) >= 20.0 * scale - 0.25  # body ≥ 20 pt at A1, to the half point
    title = next(t for t in texts if t.text == default_deck.title)
    assert title.size >= 48.0 * scale
    for card in default_deck.phases():  # phase titles are set as titles too
        first = next(t for t in texts if card.title.startswith(t.text.rstrip("-")))
        assert first.size >= 48.0 * scale - 0.25


@pytest.mark.parametrize("size", list(POSTER_SIZES))
def test_nothing_is_within_ten_mm_of_the_edge(default_deck, size):
    doc = poster.poster_document(default_deck, poster.PosterOptions(size=size))
    w, h = POSTER_SIZES[size]
    for t in _texts(doc):
        width = fonts.width(t.text, t.weight, t.size)
        left = t.x - {"left": 0, "centre": width / 2, "right": width}[t.align]
        assert 10.0 <= left and left + width <= w - 10.0, t
        assert 10.0 - 1e-9 <= t.y - pt_to_mm(t.size * fonts.CAP_HEIGHT) and t.y + pt_to_mm(t.size * fonts.DESCENT) <= h - 10.0 + 1e-9, t
    code = next(b for b in doc.pages[0].items if isinstance(b, QR))
    quiet = code.size / len(code.modules) * 4  # the white quiet zone may reach into the margin
    assert 10.0 <= code.x + quiet and code.x + code.size - quiet <= w - 10.0 and 10.0 <= code.y + quiet


@pytest.mark.parametrize("size", list(POSTER_SIZES))
def test_the_qr_code_is_at_least_30_mm_and_points_to_the_overview(default_deck, size):
    doc = poster.poster_document(default_deck, poster.PosterOptions(size=size, notes_url="http://10.0.0.5:8765"))
    code = next(b for b in doc.pages[0].items if isinstance(b, QR))
    assert code.size / len(code.modules) * symbol_modules(code.modules) >= 30.0
    assert code.url == "http://10.0.0.5:8765/"


def test_without_notes_url_the_qr_points_to_the_local_service(default_deck):
    doc = poster.poster_document(default_deck, poster.PosterOptions())
    assert next(b for b in doc.pages[0].items if isinstance(b, QR)).url == "http://127.0.0.1:8765/"
    doc = poster.poster_document(default_deck, poster.PosterOptions(qr=False))
    assert not any(isinstance(b, QR) for b in doc.pages[0].items)


def test_print_shop_has_bleed_trim_and_cmyk(default_deck):
    doc = poster.poster_document(default_deck, poster.PosterOptions(print_shop=True))
    page = doc.pages[0]
    assert doc.cmyk
    assert (page.w, page.h) == (841.0 + 2 * BLEED, 1189.0 + 2 * BLEED)
    assert page.boxes.trim == (BLEED, BLEED, 841.0, 1189.0)
    assert page.boxes.bleed == (0.0, 0.0, 841.0 + 2 * BLEED, 1189.0 + 2 * BLEED)
    group = page.items[0]
    assert isinstance(group, Group) and (group.x, group.y) == (BLEED, BLEED)
    ground = group.boxes[0]  # the ground colour runs into the bleed on every side
    assert (ground.x, ground.y, ground.w, ground.h) == (-BLEED, -BLEED, 841.0 + 2 * BLEED, 1189.0 + 2 * BLEED)


def test_text_that_cannot_fit_names_the_card_and_key(default_deck):
    phase = default_deck.phases()[0]
    long = phase.model_copy(update={"subtitle": " ".join(["samarbejdsrelationer"] * 40)})
    cards = tuple(long if c.id == phase.id else c for c in default_deck.cards)
    deck = default_deck.model_copy(update={"cards": cards})
    with pytest.raises(DeckError) as caught:
        poster.poster_document(deck, poster.PosterOptions())
    (problem,) = caught.value.problems
    assert problem.key.endswith(".subtitle") and problem.file.endswith("phases.yaml") and problem.line > 0
    assert problem.message == (
        f"card 'fase-1': 'samarbejdsrelationer samarbejdsrelationer samarbejdsrelatio…' does not fit its place on the 841×1189 mm poster even at 28.5 pt; shorten it"
    )


def test_unknown_size_is_refused(default_deck):
    with pytest.raises(ValueError, match="unknown poster size 'b1'; use one of a0, a1, a2, a3"):
        poster.poster_document(default_deck, poster.PosterOptions(size="b1"))


def test_a_deck_setting_that_cannot_fit_is_reported_at_its_line_in_deck_yaml(default_deck):
    long = " ".join(["samarbejdsrelationer"] * 12)
    settings = default_deck.settings.model_copy(update={"title": long})
    deck = default_deck.model_copy(update={"settings": settings})
    with pytest.raises(DeckError) as caught:
        poster.poster_document(deck, poster.PosterOptions())
    (problem,) = caught.value.problems
    lines = (DECK_DIR / "deck.yaml").read_text(encoding="utf-8").splitlines()
    assert problem.file.endswith("deck.yaml") and lines[problem.line - 1].startswith("title:")
    assert str(problem).endswith(
        f":{problem.line}: title: 'samarbejdsrelationer samarbejdsrelationer samarbejdsrelatio…' does not fit its place on the 841×1189 mm poster even at 68 pt; shorten it"
    )
