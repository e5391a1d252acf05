"""The faces ``--watch`` keeps (carddeck.layout.deck._FRONTS) are keyed by everything a front is
made from: an edit anywhere in a deck's files that changes a card's front changes its key, so
that no build reuses a stale face.

Each test edits a deck's files one value at a time, as a facilitator would (a text, a number,
an id, a family's colour or symbol, a translated label, a card taken out), loads the deck again
and lays out every front in every language the deck builds in. Taking a part out of the key
makes them fail (the group heading, the language's labels, the numbers of a stage's kin).
"""

from __future__ import annotations

import shutil

from carddeck.errors import DeckError
from carddeck.layout.card import FitError, front
from carddeck.layout.deck import CardOptions, _front_key, _url, settings_key
from carddeck.load import read_deck
from carddeck.scaffold import init_deck
from carddeck.yamlfile import SourceNumber, read_yaml
from kitutil import ROOT

OPTIONS = CardOptions(notes_url="http://10.0.0.1:8765")
# Values not edited: an edit would only make the deck refuse to load, or change every front.
FIXED = {"id", "kind", "lang", "template", "notes_url", "kit", "include", "card_size", "paper"}
# A family's colour and symbol are edited to another valid one.
OTHER = {"colour": ("grey", "phase"), "symbol": ("ring", "spark")}


def fronts(folder) -> dict | None:
    """{(language, card id): (cache key, front)} of the deck in ``folder``; None when it has mistakes."""
    deck, problems = read_deck(folder)
    if problems:
        return None
    out = {}
    for tag in deck.language_tags:
        try:
            kit = deck.in_language(tag)
        except DeckError:  # a card the test adds has no text in this language
            continue
        settings = settings_key(kit)
        for card in kit.cards:
            code, url = kit.codes[card.id], _url(OPTIONS, card.id, 1)
            try:
                face = front(card, kit, OPTIONS.format, url, code)
            except FitError:
                face = None
            out[tag, card.id] = (_front_key(card, kit, settings, OPTIONS.format, url, code), face)
    return out


def edits(path):
    """Each one-value edit of the YAML file ``path``: (where, its new text)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    parsed = read_yaml(path, [])
    for key_path, (line, column) in parsed.values.items():
        value = parsed.data
        for part in key_path:
            value = value[part]
        name = next((p for p in reversed(key_path) if isinstance(p, str)), "")
        row = lines[line - 1]
        if isinstance(value, SourceNumber):
            new = str(value.value + 1)  # another number (a stage's place on the axis, say)
        elif not isinstance(value, str) or name in FIXED - {"id"} or row[column - 1] in "|>":
            continue
        elif name == "id":
            new = value + "-" + "z" * 40  # the longest id, whose QR code every card keeps room for
        elif name in OTHER:
            new = next(v for v in OTHER[name] if v != value)
        else:
            new = "Z" + value
        edited = row[:column - 1] + row[column - 1:].replace(value, new, 1)
        yield f"{path.name}:{line}:{column}", "".join(lines[:line - 1]) + edited + "".join(lines[line:])
    cards = parsed.data.get("cards")
    for i in range(len(cards) - 1 if isinstance(cards, list) else 0):  # a card taken out: the others' codes
        first, end = parsed.place(("cards", i))[0], parsed.place(("cards", i + 1))[0]
        yield f"{path.name}:{first}: without cards[{i}]", "".join(lines[:first - 1] + lines[end - 1:])


def assert_every_changed_front_has_a_new_key(folder) -> int:
    before = fronts(folder)
    assert before is not None
    checked = 0
    for path in sorted(folder.rglob("*.yaml")):
        original = path.read_text(encoding="utf-8")
        for where, text in edits(path):
            path.write_text(text, encoding="utf-8")
            after = fronts(folder)
            path.write_text(original, encoding="utf-8")
            if after is None:
                continue
            checked += 1
            for card, (key, face) in after.items():
                if card in before and before[card][1] != face:
                    assert before[card][0] != key, f"{where} changes the front of {card} but not its key"
    return checked


def test_every_edit_of_a_new_deck_that_changes_a_front_changes_its_key(tmp_path):
    folder = tmp_path / "deck"
    init_deck(folder, "da", ("nb", "en"))
    with (folder / "deck.yaml").open("a", encoding="utf-8") as deck_yaml:  # a stage card draws the others' places
        deck_yaml.write("  - id: trin-2\n    kind: stage\n    lang: da\n    number: 2\n    title: Sammen\n"
                        "    text: Vi løser det sammen.\n")
        for n in (2, 3):  # a quote's code is its place among the quotes
            deck_yaml.write(f"  - id: citat-{n}\n    kind: quote\n    lang: da\n    text: Det gik.\n")
    assert assert_every_changed_front_has_a_new_key(folder) > 100


def test_every_edit_of_the_language_test_deck_that_changes_a_front_changes_its_key(tmp_path):
    folder = tmp_path / "deck"
    shutil.copytree(ROOT / "tests" / "langdeck", folder)
    assert assert_every_changed_front_has_a_new_key(folder) > 50


def test_editing_a_card_in_deck_yaml_keeps_the_other_cards_faces(tmp_path):
    folder = tmp_path / "deck"
    init_deck(folder, "da", ("nb", "en"))
    before = fronts(folder)
    deck_yaml = folder / "deck.yaml"
    text = deck_yaml.read_text(encoding="utf-8")
    deck_yaml.write_text(text.replace("Hvad vil vi gerne opnå sammen?", "Hvad vil vi opnå sammen?"), encoding="utf-8")
    after = fronts(folder)
    assert len(after) == len(before) == 33
    assert [card for card in after if after[card][0] != before[card][0]] == [("da", "fase-1-maal")]
