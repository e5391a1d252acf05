"""The default deck's language files (deck/lang/<tag>.yaml) as data: each one parses, covers
exactly the cards it should, in the same shape as their sources, and keeps its language's
typography; nb.yaml carries SESAM's headings word for word.

These read the files as plain YAML, apart from the loader, so they say what the content must be
whatever the loader does with it. A card belongs in a file when its source ``lang`` differs from
the file's; a card with no text (a write-in value, the credits card) is in none.
"""

from __future__ import annotations

import re

import pytest
import yaml

from carddeck.model import Sections
from kitutil import DECK_DIR, source_text

LANG_DIR = DECK_DIR / "lang"
TEXT_FIELDS = ("title", "subtitle", "text", "examples")
TAGS = ["da", "en", "nb"]
FILE_KEYS = {"lang", "name", "credit", "deck", "labels", "cards"}

# Per language: a quotation another language's way, as in the sources and LANG-FORMAT: nb « »,
# Danish » « (the credits, the quotes), English “ ” and ’.
FOREIGN_QUOTES = {"nb": r"[“”‘’]|»[^«]*«", "da": r"[“”‘’]|«[^»]*»", "en": r"[«»]"}


def lang_file(tag: str) -> dict:
    return yaml.safe_load((LANG_DIR / f"{tag}.yaml").read_text(encoding="utf-8"))


def source_texts(card) -> dict:
    """{field: text} of a card's printed texts in its own language (None fields left out)."""
    return {name: getattr(card, name) for name in TEXT_FIELDS if getattr(card, name, None) is not None}


def texts_of(data: dict) -> list[tuple[str, str]]:
    """(where, text) of every printed text of a language file."""
    out = [("credit", data["credit"])]
    deck = data.get("deck") or {}
    for key in ("title", "subtitle"):
        if key in deck:
            out.append((f"deck.{key}", deck[key]))
    out += [(f"deck.sections.{k}", v) for k, v in (deck.get("sections") or {}).items()]
    out += [(f"deck.credits[{i}]", v) for i, v in enumerate(deck.get("credits") or [])]
    for card_id, fields in data["cards"].items():
        for name, value in fields.items():
            for i, text in enumerate([value] if isinstance(value, str) else value):
                out.append((f"cards.{card_id}.{name}[{i}]", text))
    return out


def test_the_default_deck_has_its_three_languages():
    assert sorted(p.stem for p in LANG_DIR.glob("*.yaml")) == TAGS


@pytest.mark.parametrize("tag", TAGS)
def test_a_file_names_its_language(tag):
    data = lang_file(tag)
    assert set(data) <= FILE_KEYS
    assert data["lang"] == tag
    assert data["name"].strip() and data["credit"].strip()
    assert "carddeck" in data["credit"]  # the translation is the project's, credited as such


@pytest.mark.parametrize("tag", TAGS)
def test_a_file_covers_exactly_the_cards_in_other_languages(default_deck, tag):
    expected = {card.id for card in default_deck.cards if card.lang != tag and source_texts(card)}
    listed = set(lang_file(tag)["cards"])
    assert (sorted(expected - listed), sorted(listed - expected)) == ([], [])


@pytest.mark.parametrize("tag", TAGS)
def test_each_card_has_the_fields_and_shape_of_its_source(default_deck, tag):
    cards = default_deck.by_id()
    differ = {}
    for card_id, fields in lang_file(tag)["cards"].items():
        source = source_texts(cards[card_id])
        shape = {k: len(v) if isinstance(v, list) else "string" for k, v in source.items()}
        given = {k: len(v) if isinstance(v, list) else "string" for k, v in fields.items()}
        if given != shape:
            differ[card_id] = (shape, given)
    assert differ == {}


@pytest.mark.parametrize("tag", TAGS)
def test_deck_texts_are_there_when_deck_yaml_is_in_another_language(default_deck, tag):
    deck = lang_file(tag).get("deck")
    settings = default_deck.settings
    if settings.lang == tag:
        assert deck is None  # deck.yaml's own texts stay in deck.yaml
        return
    assert set(deck) == {"title", "subtitle", "sections", "credits", "families"}
    assert set(deck["sections"]) == set(Sections.model_fields)
    assert list(deck["families"]) == list(default_deck.families)  # each family's name, in deck.yaml's order
    assert len(deck["credits"]) == len(settings.credits)


@pytest.mark.parametrize("tag", TAGS)
def test_typography_of_the_language(tag):
    data = lang_file(tag)
    bad = [(where, text) for where, text in texts_of(data)
           if re.search(r"['\"]| - |--|\s$|^\s|  ", text) or re.search(FOREIGN_QUOTES[tag], text)]
    assert bad == []


def test_norwegian_sections_are_sesams_headings_word_for_word():
    source = source_text("002-corrected-nb.md")
    headings = re.findall(r"^## (.+)$", source, flags=re.M)
    sections = lang_file("nb")["deck"]["sections"]
    for key in ("rule", "action", "value", "quote"):
        assert sections[key] in headings, key
    # The thin <-> thick slide: its title and subtitle, and the two ends of its axis.
    assert f"{sections['stage']} – {sections['stage_subtitle']}" in headings
    assert f"{sections['thin']} ⟷ {sections['thick']}" in source


HANDBOOK = "La oss gjøre det sammen! Håndbok i lokal samskapende sosial innovasjon"


def test_the_credits_name_the_handbook_in_full_in_each_languages_forms(default_deck):
    danish = default_deck.settings.credits[1]  # deck.yaml is Danish
    assert default_deck.settings.lang == "da"
    assert f"Kobro m.fl. (2018), »{HANDBOOK}«, lavet for KS." in danish
    norwegian = lang_file("nb")["deck"]["credits"][1]
    assert f"Kobro mfl. (2018), «{HANDBOOK}», laget for KS." in norwegian
    english = lang_file("en")["deck"]["credits"][1]
    assert f"Kobro et al. (2018), “{HANDBOOK}”, made for KS." in english


def test_translated_quotes_are_marked_as_quotes():
    """A quote's translation keeps the quotation marks of its language."""
    marks = {"da": ("»", "«"), "en": ("“", "”")}
    for tag, (open_, close) in marks.items():
        quotes = {k: v["text"] for k, v in lang_file(tag)["cards"].items() if k.startswith("sitat-")}
        assert len(quotes) == 8
        assert all(q.startswith(open_) and q.endswith(close) for q in quotes.values()), tag
