"""The card kinds: one entry each in model.KINDS, and every part of the kit can show every kind."""

from __future__ import annotations

import pytest

from carddeck import theme
from carddeck.layout.templates import TEMPLATES
from carddeck.model import KINDS, CARD_MODELS
from carddeck.load import load_deck
from carddeck.notes import view
from kitutil import PHASE_CARD

DOCUMENTED = ("phase", "question", "writein", "rule", "action", "value", "quote", "stage", "info", "about")


def test_the_registry_holds_the_documented_kinds_in_order():
    assert tuple(KINDS) == DOCUMENTED
    for name, kind in KINDS.items():
        assert kind.name == name and CARD_MODELS[name] is kind.model
        assert kind.model.model_fields["kind"].annotation.__args__ == (name,)


@pytest.mark.parametrize("name", DOCUMENTED)
def test_every_kind_has_a_template_a_view_a_look_and_a_group(name):
    kind = KINDS[name]
    assert kind.template in TEMPLATES
    assert kind.view in view._VIEWS
    assert kind.family == "phase" or kind.family in theme.FAMILIES
    assert kind.group in ("phase", "list", "kit", "section")


def test_codes_follow_the_kinds_schemes(make_deck):
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
