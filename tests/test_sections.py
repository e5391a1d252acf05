"""deck.yaml's ``sections:`` holds only what the deck's cards print: a key that a card needs and
the deck lacks is located at ``sections:`` with the card; a key no card needs is not required."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from carddeck.cli import main
from carddeck.errors import DeckError
from carddeck.load import load_deck
from carddeck.sections import needed_sections
from kitutil import DECK_YAML, NOTES_URL, PHASE_CARD, page_texts
from test_load import problems

RISK_DECK = Path(__file__).resolve().parent / "decks" / "risk"

STAGE_CARD = """\
cards:
  - {id: trin-1, kind: stage, lang: da, number: 1, title: Informere, text: Vi fortæller om det}
"""


# What the default deck's sections say, which a deck without them must not print anywhere.
SESAM_WORDS = ("Værdier", "Handlingsfelter", "Tynd", "Tyk", "Tommelfingerregler", "Citater", "None")


def test_the_risk_deck_needs_no_sections_and_its_kit_names_no_sesam_part(tmp_path):
    assert "sections" not in yaml.safe_load((RISK_DECK / "deck.yaml").read_text(encoding="utf-8"))
    deck = load_deck(RISK_DECK)
    assert needed_sections(deck.cards) == {}
    assert main(["build", str(RISK_DECK), "--out", str(tmp_path), "--notes-url", NOTES_URL]) == 0
    built = sorted(p.name for p in tmp_path.glob("*.pdf"))
    assert {"cards.pdf", "poster.pdf", "guide.pdf", "table-tents.pdf", "contact-sheet.pdf"} <= set(built)
    for name in built:
        text = " ".join(page_texts(tmp_path / name))
        assert not [w for w in SESAM_WORDS if w in text], name
    # The notes pages and the workshop record head each group by the deck's own words.
    from carddeck.notes import view

    headings = [g.heading for g in view.groups(deck)] + [c.kicker for g in view.groups(deck) for c in g.cards]
    assert not [h for h in headings if not h or any(w in h for w in SESAM_WORDS)]


def test_stage_cards_without_their_heading_are_told_at_sections(make_deck):
    folder = make_deck({"s.yaml": STAGE_CARD}, deck_yaml=DECK_YAML.replace("  stage: Trin\n", ""))
    assert problems(folder) == [
        "@/deck.yaml:5:1: sections.stage: missing required key 'stage', the heading of the cards of family 'stage' "
        "(such as card 'trin-1' at @/s.yaml:2)",
    ]


def test_stage_cards_in_a_deck_without_sections_are_told_every_key_they_print(make_deck):
    deck_yaml = DECK_YAML[: DECK_YAML.index("sections:")]
    folder = make_deck({"s.yaml": STAGE_CARD}, deck_yaml=deck_yaml)
    where = "(such as card 'trin-1' at @/s.yaml:2)"
    assert problems(folder) == [
        f"@/deck.yaml:1:1: sections.stage: missing required key 'stage', the heading of the cards of family 'stage' "
        f"{where}",
        f"@/deck.yaml:1:1: sections.thick: missing required key 'thick', the label at the thick end of the thin ↔ "
        f"thick axis that the cards of family 'stage' draw {where}",
        f"@/deck.yaml:1:1: sections.thin: missing required key 'thin', the label at the thin end of the thin ↔ thick "
        f"axis that the cards of family 'stage' draw {where}",
    ]


def test_a_family_of_its_own_on_the_stage_template_needs_only_the_axis_ends(make_deck):
    deck_yaml = DECK_YAML[: DECK_YAML.index("sections:")] + textwrap.dedent("""\
        sections: {thin: Tynd}
        families:
          trin: {name: Trin, template: stage, colour: blue, symbol: star, code: "T{number}"}
        """)
    folder = make_deck({"s.yaml": STAGE_CARD.replace("kind: stage", "kind: trin")}, deck_yaml=deck_yaml)
    assert problems(folder) == [
        "@/deck.yaml:5:1: sections.thick: missing required key 'thick', the label at the thick end of the thin ↔ "
        "thick axis that the cards of family 'trin' draw (such as card 'trin-1' at @/s.yaml:2)",
    ]


def test_a_written_null_is_a_missing_heading(make_deck):
    folder = make_deck({"q.yaml": "cards:\n  - {id: s-1, kind: quote, lang: da, text: Det var godt}\n"},
                       deck_yaml=DECK_YAML.replace("  quote: Citater\n", "  quote: ~\n"))
    assert problems(folder) == [
        "@/deck.yaml:5:1: sections.quote: missing required key 'quote', the heading of the cards of family 'quote' "
        "(such as card 's-1' at @/q.yaml:2)",
    ]


def test_a_deck_gives_only_the_headings_its_cards_print(make_deck, tmp_path):
    deck_yaml = DECK_YAML[: DECK_YAML.index("sections:")] + "sections:\n  quote: Citater\n"
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": "cards:\n  - {id: s-1, kind: quote, lang: da, text: Det var godt}\n"},
                       deck_yaml=deck_yaml)
    deck = load_deck(folder)
    assert deck.group_of(deck.by_id()["s-1"]) == ("", "Citater")
    assert main(["build", str(folder), "--out", str(tmp_path / "out"), "--notes-url", NOTES_URL]) == 0


LANG_EN = """\
lang: en
name: English
credit: "English translation: the tests."
deck:
  title: Test cards
  credits: [A source]
{sections}cards:
  fase-1: {{title: Purpose, subtitle: Why we do it}}
  s-1: {{text: It was good}}
"""


@pytest.mark.parametrize("sections, expected", [
    ("", ["@/lang/en.yaml:5:3: deck.sections: missing 'sections': deck.yaml's sections in 'en'"]),
    ("  sections: {rule: Rules}\n", [
        "@/lang/en.yaml:7:13: deck.sections.quote: missing required key 'quote', the heading of the cards of family "
        "'quote' (such as card 's-1' at @/q.yaml:2)"]),
    ("  sections: {quote: Quotes}\n", []),
])
def test_a_language_file_gives_the_headings_the_cards_print(make_deck, sections, expected):
    deck_yaml = DECK_YAML[: DECK_YAML.index("sections:")] + "sections:\n  quote: Citater\n"
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": "cards:\n  - {id: s-1, kind: quote, lang: da, text: Det var godt}\n"},
                       deck_yaml=deck_yaml)
    (folder / "lang").mkdir()
    (folder / "lang" / "en.yaml").write_text(LANG_EN.format(sections=sections), encoding="utf-8")
    deck = load_deck(folder)
    if not expected:
        assert deck.in_language("en").group_of(deck.by_id()["s-1"]) == ("", "Quotes")
        return
    with pytest.raises(DeckError) as info:
        deck.in_language("en")
    assert [f"{p.where}: {p.key}: {p.message}".replace(str(folder), "@") for p in info.value.problems] == expected


def test_a_language_file_of_a_deck_without_sections_needs_none(make_deck):
    deck_yaml = DECK_YAML[: DECK_YAML.index("sections:")]
    folder = make_deck({"a.yaml": PHASE_CARD}, deck_yaml=deck_yaml)
    (folder / "lang").mkdir()
    (folder / "lang" / "en.yaml").write_text(LANG_EN.format(sections="").replace("  s-1: {text: It was good}\n", ""),
                                             encoding="utf-8")
    english = load_deck(folder).in_language("en")
    assert english.title == "Test cards"
