"""Card families as data: deck.yaml declares them, mistakes are located and all said at once, and a
dialogue tool with families of its own (tests/decks/risk) builds with their colours and symbols."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from carddeck import theme
from carddeck.cli import main
from carddeck.errors import DeckError
from carddeck.layout.card import CardFormat, back_artwork, back_heading, front
from carddeck.load import load_deck
from carddeck.schema import json_schema
from kitutil import DECK_YAML, NOTES_URL, page_texts, squash
from test_load import problems

RISK_DECK = Path(__file__).resolve().parent / "decks" / "risk"

FAMILIES = """\
families:
  phase: {name: Faser, template: phase, colour: phase, symbol: phase, code: "{phase}"}
  risk: {name: Risici, template: statment, colour: vermillion, symbol: diamond, code: "R{number}"}
  chance: {name: Chancer, template: statement, colour: purple, symbol: star, code: "C{number}"}
  tip: {name: Tips, template: rule, colour: blue, symbol: heart, code: "T{number}"}
  spm: {name: Spørgsmål, template: question, colour: blue, symbol: phase, code: "{phase}.{nummer}"}
  note: {name: Noter, template: info, colour: grey, symbol: ring, code: "N{", size: 1}
  Big: {name: Store, template: info, colour: grey, symbol: ring, code: "B{nth}"}
  tip: {name: Tips, template: rule, colour: blue, symbol: star, code: "T{number}"}
  lyd: {name: Lyde, template: quote, colour: phase, symbol: star, code: "L{nth}"}
  fase2: {name: Faser, template: phase, colour: phase, symbol: star, code: "{phase}"}
cards:
  - {id: fase-1, kind: phase, lang: da, phase: 1, title: Formål, subtitle: Hvorfor}
  - {id: r-1, kind: risk, lang: da, number: 1, text: Noget}
  - {id: x-1, kind: unknown, lang: da, number: 1, text: Noget}
"""


def test_every_mistake_in_the_families_at_once_each_located(make_deck):
    folder = make_deck(deck_yaml=DECK_YAML + FAMILIES)
    # DECK_YAML has 14 lines, so 'families:' is line 15.
    assert problems(folder) == [
        "@/deck.yaml:17:34: families.risk.template: unknown template 'statment'; expected one of: phase, question, "
        "writein, rule, statement, value, quote, stage, info, about",
        "@/deck.yaml:18:56: families.chance.colour: unknown colour 'purple'; expected one of: orange, sky-blue, "
        "bluish-green, yellow, blue, vermillion, reddish-purple, grey",
        "@/deck.yaml:19:59: families.tip.symbol: unknown symbol 'heart'; expected one of: circle, ring, triangle, "
        "square, diamond, hexagon, star, spark, pencil",
        "@/deck.yaml:20:54: families.spm.colour: a card of the question template belongs to a phase and takes its "
        "colour; expected 'phase', received 'blue'",
        "@/deck.yaml:20:81: families.spm.code: unknown name 'nummer' in code '{phase}.{nummer}'; a card of the "
        "question template offers: nth, phase, nth_in_phase",
        "@/deck.yaml:21:73: families.note.code: expected a code pattern such as 'R{number}' (letters, digits, '.' "
        "or '-', and names in braces), received 'N{'",
        "@/deck.yaml:21:79: families.note.size: unknown key 'size'; accepted keys: name, template, colour, symbol, code",
        "@/deck.yaml:22:3: families.Big: expected a family name of lower-case letters, digits and '-' (at most 32), "
        "received 'Big'",
        "@/deck.yaml:23:3: families.tip: key appears twice",  # a duplicate family
        "@/deck.yaml:24:46: families.lyd.colour: unknown colour 'phase'; expected one of: orange, sky-blue, "
        "bluish-green, yellow, blue, vermillion, reddish-purple, grey",
        "@/deck.yaml:25:64: families.fase2.symbol: a card of the phase template belongs to a phase and takes its "
        "symbol; expected 'phase', received 'star'",
        # The card of the broken family 'risk' is not reported again; the undeclared one is.
        "@/deck.yaml:29:21: cards[2].kind: unknown kind 'unknown'; expected one of the deck's families: phase, risk, "
        "chance, tip, spm, note, Big, lyd, fase2",
    ]


def test_a_card_has_the_keys_of_its_familys_template(make_deck):
    folder = make_deck({"r.yaml": """\
        cards:
          - {id: r-1, kind: risk, lang: da, number: 1, text: Noget, examples: Fx dette}
          - {id: r-2, kind: risk, lang: da, text: Noget}
        """}, deck_yaml=DECK_YAML + """\
families:
  risk: {name: Risici, template: statement, colour: vermillion, symbol: diamond, code: "R{number}"}
""")
    assert problems(folder) == [
        "@/r.yaml:2:61: cards[0].examples: unknown key 'examples'; accepted keys: id, lang, code, notes, kind, number, text",
        "@/r.yaml:3:5: cards[1].number: missing required key 'number'",
    ]


def test_a_code_pattern_keeps_to_a_codes_characters_and_length(make_deck):
    folder = make_deck({"r.yaml": """\
        cards:
          - {id: r-1, kind: risk, lang: da, number: 1, text: Noget}
          - {id: r-2, kind: risk, lang: da, number: 2, text: Noget}
          - {id: r-3, kind: risk, lang: da, number: 3, text: Noget, code: R3}
        """}, deck_yaml=DECK_YAML + """\
families:
  risk: {name: Risici, template: statement, colour: vermillion, symbol: diamond, code: "Risiko{number}"}
  chance: {name: Chancer, template: statement, colour: blue, symbol: star, code: "C {number}"}
""")
    assert problems(folder) == [
        "@/deck.yaml:17:82: families.chance.code: expected a code pattern such as 'R{number}' (letters, digits, '.' "
        "or '-', and names in braces), received 'C {number}'",
        "@/r.yaml:2:15: cards[0].kind: the code 'Risiko{number}' of family 'risk' makes 'Risiko1', longer than the 6 "
        "characters a card prints; shorten it in deck.yaml's families or give the card a code",
    ]


def test_a_kind_that_is_not_a_name(make_deck):
    folder = make_deck({"a.yaml": "cards:\n  - {id: a, kind: [about], lang: da}\n"})
    assert problems(folder) == ["@/a.yaml:2:19: cards[0].kind: unknown kind \"['about']\"; expected one of the "
                                "deck's families: phase, question, writein, rule, action, value, quote, stage, info, about"]


def test_an_empty_families_mapping_is_refused(make_deck):
    folder = make_deck(deck_yaml=DECK_YAML + "families: {}\ncards:\n  - {id: a, kind: about, lang: da}\n")
    assert problems(folder) == [
        "@/deck.yaml:15:11: families: expected at least one family, received none",
    ]  # its cards' kinds are not reported as well


def test_a_deck_without_families_gets_the_built_in_ones_in_its_language(make_deck):
    folder = make_deck({"a.yaml": "cards:\n  - {id: a, kind: about, lang: nb}\n"},
                       deck_yaml=DECK_YAML.replace("lang: da", "lang: nb"))
    deck = load_deck(folder)
    assert deck.families["question"].name == "Spørsmålskort" and deck.codes == {"a": "0.1"}


# --- a dialogue tool of its own -------------------------------------------------------------------


@pytest.fixture(scope="module")
def risk_deck():
    return load_deck(RISK_DECK)


def test_the_risk_deck_validates_and_builds(capsys, tmp_path, risk_deck):
    assert main(["validate", str(RISK_DECK)]) == 0
    assert capsys.readouterr().out == f"{RISK_DECK}: 6 cards in da, no problems\n"
    assert main(["build", str(RISK_DECK), "--out", str(tmp_path), "--notes-url", NOTES_URL]) == 0
    words = " ".join(page_texts(tmp_path / "cards.pdf")).split()
    for code in ("F1", "1-1", "R1", "R2", "C1", "0.1"):  # each family's own code pattern
        assert words.count(code) == 2, code  # front and back
    assert "RISICI" in words and "Chancer" in words  # the families' names head their cards (band, back)
    guide = squash(" ".join(page_texts(tmp_path / "guide.pdf")))
    assert "Risici:2" in guide and "Chancer:1" in guide  # the guide counts by family


def _pixel(image: Image.Image, x_mm: float, y_mm: float, dpi: int) -> tuple[int, int, int]:
    return image.getpixel((round(x_mm / 25.4 * dpi), round(y_mm / 25.4 * dpi)))[:3]


def _close(rgb, hex_colour: str) -> bool:
    want = [round(v * 255) for v in theme.rgb(hex_colour)]
    return all(abs(a - b) <= 6 for a, b in zip(rgb, want))


@pytest.mark.parametrize("card_id, colour, symbol, points", [("risiko-1", "vermillion", "diamond", 4),
                                                             ("chance-1", "bluish-green", "triangle", 3)])
def test_a_familys_cards_print_its_colour_and_symbol(tmp_path, risk_deck, card_id, colour, symbol, points):
    dpi = 100
    assert main(["preview", str(RISK_DECK), "--out", str(tmp_path), "--dpi", str(dpi), "--notes-url", NOTES_URL]) == 0
    card = risk_deck.by_id()[card_id]
    stem = f"{risk_deck.codes[card_id]}-{card_id}"
    spec = CardFormat(105.0, 148.0)
    want = theme.PALETTE[colour]
    # Front: the band's symbol is this family's, drawn where layout put it, in its colour.
    face = front(card, risk_deck, spec, f"{NOTES_URL}/c/{card_id}", risk_deck.codes[card_id])
    (art,) = [a for a in face.artwork if a.key.startswith("symbol:")]
    (shape,) = art.boxes
    assert len(shape.points) == points and shape.fill == want and art.key.startswith(f"symbol:{symbol}:")
    (use,) = [b for b in face.boxes if getattr(b, "key", None) == art.key]
    with Image.open(io.BytesIO((tmp_path / f"{stem}-front.png").read_bytes())) as image:
        assert _close(_pixel(image.convert("RGB"), use.x, use.y, dpi), want)
    # Back: the large symbol in the middle.
    number, heading = back_heading(card, risk_deck)
    back = back_artwork(theme.style_for(card), spec, risk_deck.title, heading, card.lang, number)
    (big,) = [b for b in back.boxes if getattr(b, "points", None)]
    assert len(big.points) == points and big.fill == want
    with Image.open(io.BytesIO((tmp_path / f"{stem}-back.png").read_bytes())) as image:
        assert _close(_pixel(image.convert("RGB"), big.cx, big.cy, dpi), want)


def test_the_schema_of_a_deck_names_its_families(capsys, risk_deck):
    import json

    import jsonschema
    import yaml

    assert main(["schema", str(RISK_DECK)]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == json_schema(risk_deck.families)
    kinds = {d["properties"]["kind"]["const"]: d for d in schema["$defs"].values()
             if "const" in d.get("properties", {}).get("kind", {})}
    assert sorted(kinds) == ["chance", "fase", "om", "risiko", "spoergsmaal"]
    assert set(kinds["risiko"]["properties"]) == {"id", "lang", "code", "notes", "kind", "number", "text"}
    validator = jsonschema.Draft202012Validator(schema)
    data = yaml.safe_load((RISK_DECK / "deck.yaml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    data["families"]["risiko"]["colour"] = "purple"
    assert [e.message for e in validator.iter_errors(data)]  # an editor marks the colour


def test_renamed_families_head_their_cards_and_count_in_the_guide(risk_deck):
    from carddeck.families import renamed

    deck = renamed(risk_deck, {"risiko": "Risks"})
    card = deck.by_id()["risiko-1"]
    assert deck.group_of(card) == ("1", "Risks") and deck.families["risiko"].name == "Risks"
    assert deck.group_of(deck.by_id()["chance-1"]) == ("1", "Chancer")  # not in the names: as it was
    assert risk_deck.group_of(risk_deck.by_id()["risiko-1"]) == ("1", "Risici")  # the deck itself is unchanged


def test_every_colour_a_family_may_choose_has_its_press_values():
    from carddeck import press

    for colour in theme.PALETTE:
        style = theme.palette_style(colour, "circle")
        for shade in (style.colour, style.tint, style.deep, style.edge):
            assert len(press.cmyk(shade)) == 4, (colour, shade)


def test_the_notes_pages_show_a_familys_cards_in_its_colours(risk_deck):
    from carddeck.notes import view, web

    css = web._theme_css()
    groups = view.groups(risk_deck)
    assert [g.heading for g in groups] == ["Fase 1 · Hvad står på spil?", "Risici", "Chancer", "Risikodialog"]
    for group in groups:
        for card in group.cards:
            style = card.style
            assert f".s-{style.key}{{--colour:{style.colour};--tint:{style.tint};--deep:{style.deep}}}" in css, card.id
    assert groups[1].style.colour == theme.PALETTE["vermillion"]


# --- in another language ---------------------------------------------------------------------------

RISK_EN = """\
lang: en
name: English
credit: "English translation: the carddeck tests."
deck:
  title: Risk dialogue
  subtitle: What can go wrong, and what can go well?
  credits:
    - A test deck of carddeck.
  sections: {phases: The phases, rule: Rules, action: Action fields, value: Values, quote: Quotes, stage: Stages,
             thin: Thin, thick: Thick, info: Background}
  families:
    fase: Phase cards
    spoergsmaal: Questions
    risiko: Risks
    chance: Chances
cards:
  om: {text: Lay the risk cards on the table and talk about them one at a time.}
  fase-1: {title: What is at stake?, subtitle: What we want to look after}
  fase-1-hvem: {text: Who feels it first if it goes wrong?}
  risiko-1: {text: Citizens are not heard}
  risiko-2: {text: The project loses its owner}
  chance-1: {text: New partnerships arise}
"""


def test_a_familys_name_comes_from_the_language_file(tmp_path):
    import shutil

    folder = tmp_path / "risk"
    shutil.copytree(RISK_DECK, folder)
    (folder / "lang").mkdir()
    en = folder / "lang" / "en.yaml"
    en.write_text(RISK_EN.replace("    chance: Chances\n", "    chances: Chances\n"), encoding="utf-8")
    deck = load_deck(folder)
    with pytest.raises(DeckError) as info:
        deck.in_language("en")
    assert [f"{p.where}: {p.key}: {p.message}".replace(str(folder), "@") for p in info.value.problems] == [
        "@/lang/en.yaml:12:5: deck.families.chance: missing the name of family 'chance' in 'en'",
        "@/lang/en.yaml:12:5: deck.families.om: missing the name of family 'om' in 'en'",
        "@/lang/en.yaml:15:14: deck.families.chances: 'chances' is not a family of the deck; its families: fase, "
        "spoergsmaal, risiko, chance, om",
    ]
    en.write_text(RISK_EN.replace("    chance: Chances\n", "    chance: Chances\n    om: About the cards\n"),
                  encoding="utf-8")
    english = load_deck(folder).in_language("en")
    assert english.group_of(english.by_id()["risiko-1"]) == ("1", "Risks")
    assert english.families["om"].name == "About the cards"


def test_the_default_deck_names_its_families_in_every_language(default_deck):
    for tag, question in (("da", "Spørgsmålskort"), ("nb", "Spørsmålskort"), ("en", "Question cards")):
        assert default_deck.in_language(tag).families["question"].name == question
