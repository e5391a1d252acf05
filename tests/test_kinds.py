"""Card templates and families: every template has its front, its view and its code names; the
default deck declares its families as data, the same as the built-in ones."""

from __future__ import annotations

import pytest

from carddeck import theme
from carddeck.families import built_in
from carddeck.layout.templates import TEMPLATES as FRONTS
from carddeck.load import load_deck
from carddeck.notes import view
from carddeck.templates import TEMPLATES
from kitutil import PHASE_CARD

DOCUMENTED = ("phase", "question", "writein", "rule", "statement", "value", "quote", "stage", "info", "about")
FAMILIES = ("phase", "question", "writein", "rule", "action", "value", "quote", "stage", "info", "about")


def test_the_registry_holds_the_documented_templates_in_order():
    assert tuple(TEMPLATES) == DOCUMENTED
    assert set(FRONTS) == set(DOCUMENTED)  # a front for each, under the same name
    for name, template in TEMPLATES.items():
        assert template.name == name and template.keys()[:5] == ["id", "lang", "code", "notes", "kind"]


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_template_has_a_view_and_a_group(name):
    template = TEMPLATES[name]
    assert template.view in view._VIEWS
    assert template.group in ("phase", "list", "kit", "section")


def test_code_names_follow_the_templates_keys():
    assert TEMPLATES["question"].code_fields == ("nth", "phase", "nth_in_phase")
    assert TEMPLATES["statement"].code_fields == ("nth", "number")
    assert TEMPLATES["writein"].code_fields == ("nth", "number", "list")
    assert TEMPLATES["quote"].code_fields == ("nth",)


def test_the_default_deck_declares_the_built_in_families(default_deck):
    assert tuple(default_deck.families) == FAMILIES
    assert default_deck.settings.families is not None  # written out in deck/deck.yaml, not the fallback
    assert default_deck.families == built_in("da")  # so a deck without families: prints alike


def test_codes_follow_the_families_patterns(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD + """\
  - {id: q-1, kind: question, lang: da, phase: 1, text: "Hvad?"}
  - {id: q-2, kind: question, lang: da, phase: 1, text: "Hvem?"}
  - {id: w-1, kind: writein, lang: da, title: Aktører, number: 1}
  - {id: w-2, kind: writein, lang: da, title: Ressourcer, number: 1}
  - {id: w-3, kind: writein, lang: da, title: Aktører, number: 2}
  - {id: h-4, kind: action, lang: nb, number: 4, text: Ledelse}
  - {id: s-a, kind: quote, lang: nb, text: Vi gjorde det sammen.}
  - {id: s-b, kind: quote, lang: nb, text: Og så videre.}
  - {id: om-1, kind: about, lang: da}
  - {id: om-2, kind: about, lang: da, code: X9}
"""})
    codes = load_deck(folder).codes
    assert codes == {"fase-1": "1", "q-1": "1.1", "q-2": "1.2", "w-1": "W1.1", "w-2": "W2.1", "w-3": "W1.2",
                     "h-4": "H4", "s-a": "S1", "s-b": "S2", "om-1": "0.1", "om-2": "X9"}


def test_every_card_of_the_default_deck_has_its_view_and_style(default_deck):
    for card in default_deck.cards:
        shown = view.card_view(default_deck, card)
        assert shown.title and shown.style == theme.style_for(card)
        number, heading = default_deck.group_of(card)
        assert heading, card.id
