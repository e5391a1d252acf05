"""Hyphenation by the text's own language: pyphen's dictionary of that language, the compounds it
splits wrongly (layout.text.HYPHEN_EXCEPTIONS), and no dictionary of a neighbour for a language
that has none."""

from __future__ import annotations

import pyphen
import pytest

from carddeck import fonts
from carddeck.langtags import HYPHEN_DICTS, hyphen_dictionary
from carddeck.layout.text import HYPHEN_EXCEPTIONS, hyphenations, wrap

SIZE = 10.0


def width(text: str) -> float:
    return fonts.width(text, "regular", SIZE) + 0.01


def test_each_language_breaks_a_word_by_its_own_dictionary():
    # bokmål breaks opp|drift, Danish patterns op|pdrift (each the word's only break).
    assert wrap("oppdrift", "regular", SIZE, width("pdrift"), "nb") == ["opp-", "drift"]
    assert wrap("oppdrift", "regular", SIZE, width("pdrift"), "da") == ["op-", "pdrift"]


def test_the_tags_dictionaries_are_chosen_explicitly():
    assert {tag: hyphen_dictionary(tag) for tag in ("da", "nb", "en", "en-US", "sv")} == {
        "da": "da_DK", "nb": "nb_NO", "en": "en_GB", "en-US": "en_US", "sv": "sv"}
    assert set(HYPHEN_DICTS.values()) <= set(pyphen.LANGUAGES)


def test_a_language_without_a_dictionary_is_an_error_not_danish():
    with pytest.raises(ValueError, match="no hyphenation dictionary for 'se'"):
        wrap("Sámediggi ja álbmogat", "regular", SIZE, width("Sámed-"), "se")


@pytest.mark.parametrize("word, lang, heads", [
    ("lokalområdet", "da", ["lokalområ", "lokalom", "lokal", "lo"]),
    ("Lokalområdet,", "nb", ["Lokalområ", "Lokalom", "Lokal", "Lo"]),
    ("medarbejdere.", "da", ["medarbejde", "medarbej", "medar", "med"]),
])
def test_an_exception_replaces_pyphens_breaks_in_any_case_and_with_punctuation(word, lang, heads):
    assert [head for head, _ in hyphenations(word, lang)] == heads
    assert all(head + tail == word for head, tail in hyphenations(word, lang))


def test_every_exception_corrects_pyphen_and_is_where_the_word_breaks():
    for lang, words in HYPHEN_EXCEPTIONS.items():
        dictionary = pyphen.Pyphen(lang=hyphen_dictionary(lang))
        for spelled in words:
            word = spelled.replace("-", "")
            assert dictionary.inserted(word) != spelled, (lang, spelled)  # else it is not needed
            parts = spelled.split("-")
            head = "".join(parts[:2])
            assert wrap(word, "regular", SIZE, width(f"{head}-"), lang)[0] == f"{head}-", (lang, spelled)


def test_the_wrongly_split_compounds_no_longer_print():
    # pyphen alone gives "loka-lområdet" and "me-darbejderne"; with the exceptions they never print.
    text = "Hvem er medarbejderne i lokalområdet"
    for w in (width("Hvem er me-"), width("Hvem er medar-"), width("i loka-"), width("i lokal-")):
        lines = wrap(text, "regular", SIZE, w, "da")
        assert not any(line.endswith(("loka-", "me-")) for line in lines), lines
    assert wrap("i lokalområdet", "regular", SIZE, width("i loka-"), "da")[0] == "i lo-"


def test_every_hyphen_a_kit_prints_is_a_break_of_its_texts_own_language(default_deck):
    from carddeck.layout.boxes import Text
    from carddeck.layout.card import CardFormat, front
    from carddeck.layout.errors import FitError
    from carddeck.sizes import CARD_SIZES
    from kitutil import NOTES_URL, printed_texts, squash

    checked = 0
    decks = {tag: default_deck.in_language(tag) for tag in ("da", "nb", "en")}
    for tag, spec, card in ((t, CardFormat(*CARD_SIZES[n], 0.0), c) for t in decks
                            for n in ("a7", "poker", "bridge") for c in decks[t].cards):
        deck = decks[tag]
        try:
            face = front(card, deck, spec, f"{NOTES_URL}/c/{card.id}", deck.codes[card.id])
        except FitError:
            continue  # said by validate (tests/test_cli.py); here only what prints matters
        lines = [b for b in face.boxes if isinstance(b, Text)]
        for above, below in zip(lines, lines[1:]):
            if not (above.text.endswith("-") and below.y > above.y and below.size == above.size):
                continue
            head, tail = above.text.split()[-1][:-1], below.text.split()[0]
            written = " ".join(t for t in printed_texts(card, deck) if t)
            if f"{head}-{tail}" in written:
                continue  # the word's own hyphen
            words = getattr(card, "text", "") or ""
            lang = card.spoken_lang if card.kind == "quote" and squash(head + tail) in squash(words) else card.lang
            assert (head, tail) in hyphenations(head + tail, lang), (tag, card.id, above.text, below.text)
            checked += 1
    assert checked >= 2, checked  # the check saw hyphenated words at all
