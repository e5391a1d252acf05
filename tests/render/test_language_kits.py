"""The default kit in each of its languages, read as a facilitator meets it: every PDF's text is
the deck's text in that language, no label of another language appears, and every kit prints
the same cards with the same QR codes.

Each language is built once per session (conftest.language_kit).
"""

from __future__ import annotations

import pytest

from carddeck.guide_text import text as guide_text
from carddeck.labels import LABELS, label
from kitutil import KIT_FILES, NOTES_URL, page_qr_codes, page_texts, printed_texts, squash

LANGS = ("da", "nb", "en")
PER_SHEET = 4  # A6 on A4
# Labels every kit prints, each in the kit's language, in these files.
PRINTED_LABELS = {
    "cards.pdf": ("scan", "sources", "value_blank"),
    "poster.pdf": ("scan",),
    "poster-tiles.pdf": ("assembly", "assembly_steps"),
    "table-tents.pdf": ("tent_scan_only", "tent_scan_how", "tent_mobile_data", "fold", "tent_glue"),
    "contact-sheet.pdf": ("contact_title", "scan"),
    "tuck-box.pdf": ("box_how",),
}


@pytest.fixture(scope="module", params=LANGS)
def kit(request, language_kit, default_deck):
    """(tag, the deck in that language, {file name: text of its pages})."""
    folder = language_kit(request.param)
    return request.param, default_deck.in_language(request.param), {
        name: page_texts(folder / name) for name in KIT_FILES}


def test_every_card_prints_its_text_in_the_kits_language(kit):
    tag, deck, texts = kit
    for index, card in enumerate(deck.cards):
        page = squash(texts["cards.pdf"][2 * (index // PER_SHEET)])
        for text in printed_texts(card, deck):
            assert squash(text) in page, (tag, card.id, text)
        if getattr(card, "translation", None):
            assert squash(label(tag, "translation")) in page, (tag, card.id)
        if card.kind == "stage":  # the caption over its axis: the section's heading and the slide's subtitle
            sections = deck.settings.sections
            assert squash(f"{sections.stage} – {sections.stage_subtitle}") in page, (tag, card.id)


def test_the_poster_lists_and_sheets_print_the_decks_texts_in_the_kits_language(kit):
    tag, deck, texts = kit
    settings = deck.settings
    poster = squash(" ".join(texts["poster.pdf"]))
    expected = [settings.title, settings.subtitle, *settings.credits, *deck.phase_titles().values(),
                settings.sections.thin, settings.sections.thick,
                *(c.title for c in deck.of_kind("stage")), *(c.text for c in deck.of_kind("stage"))]
    for text in expected:
        assert squash(text) in poster or squash(text.upper()) in poster, (tag, text)
    assert squash(settings.credits[-1]) == squash(deck.languages[tag].credit if tag in deck.languages else "")
    lists = squash(" ".join(texts["lists.pdf"]))
    for title in deck.writein_lists():
        assert squash(title) in lists, (tag, title)
    contact = squash(" ".join(texts["contact-sheet.pdf"]))
    for card in deck.cards:
        for text in printed_texts(card, deck):
            assert squash(text) in contact, (tag, card.id, text)
    guide = squash(" ".join(texts["guide.pdf"]))
    for key in ("title", "contents", "printing", *(f"kind:{k}" for k in {c.kind for c in deck.cards})):
        assert squash(guide_text(tag, key)) in guide, (tag, key)
    assert squash(settings.title) in squash(" ".join(texts["tuck-box.pdf"]))


def test_each_file_prints_its_labels_in_the_kits_language_and_none_of_another(kit):
    tag, deck, texts = kit
    everything = squash(" ".join(" ".join(pages) for pages in texts.values()))
    own = {squash(v) for v in LABELS[tag].values()}
    for name, keys in PRINTED_LABELS.items():
        page = squash(" ".join(texts[name]))
        for key in keys:
            assert squash(label(tag, key)) in page, (tag, name, key)
    for other in LANGS:
        if other == tag:
            continue
        for key, value in LABELS[other].items():
            if "{" in value or len(value) < 8 or any(squash(value) in words for words in own):
                continue  # a template, too short to tell, or words of this language too ("Fold her", "Fold here")
            assert squash(value) not in everything, (tag, other, key, value)


def test_every_language_prints_the_same_cards_and_qr_codes(language_kit, default_deck):
    per_language = {}
    for tag in LANGS:
        folder = language_kit(tag)
        pages = page_texts(folder / "cards.pdf")
        known = set(default_deck.codes.values())
        codes = [[word for word in page.split() if word in known] for page in pages[1::2]]  # each back's codes
        fronts = range(0, len(pages), 2)
        urls = [sorted(found) for found in page_qr_codes(folder / "cards.pdf", dpi=150, pages=fronts)]
        per_language[tag] = (len(pages), codes, urls)
    assert per_language["nb"] == per_language["da"] == per_language["en"]
    urls = sorted(u for found in per_language["da"][2] for u in found)
    assert urls == sorted(f"{NOTES_URL}/c/{card.id}" for card in default_deck.cards)
