"""A deck's languages: language files checked with located messages, and the deck in one language.

The fixture deck ``tests/langdeck`` has Danish cards, Norwegian (SESAM-like) cards and
``lang/da.yaml``, ``lang/nb.yaml``, ``lang/en.yaml``. Tests copy it into tmp_path and break one
thing, so that each message can be asserted word for word.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from carddeck.errors import DeckError
from carddeck.labels import LABELS, LangTag, MissingLabel, label
from carddeck.load import load_deck, load_kit
from carddeck.schema import json_schema
from kitutil import ROOT

LANGDECK = ROOT / "tests" / "langdeck"


@pytest.fixture
def langdeck(tmp_path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(LANGDECK, folder)
    return folder


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def messages(exc: DeckError, folder: Path) -> list[str]:
    return [f"{p.where}: {p.key + ': ' if p.key else ''}{p.message}".replace(str(folder), "@") for p in exc.problems]


def load_problems(folder: Path) -> list[str]:
    with pytest.raises(DeckError) as info:
        load_deck(folder)
    return messages(info.value, folder)


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


# --- the deck in one language --------------------------------------------------------------------


def test_the_deck_has_every_language_of_its_files():
    assert load_deck(LANGDECK).language_tags == ["da", "en", "nb"]


def test_in_language_takes_each_text_from_its_language():
    deck = load_deck(LANGDECK)
    english = deck.in_language("en").by_id()
    assert english["fase-1"].title == "Purpose" and english["fase-1"].subtitle == "Why we do it"
    assert english["om-1"].text == ["First paragraph.", "Second paragraph."]
    assert english["skriv-1"].title == "Our own questions"
    assert {c.lang for c in english.values()} == {"en"}
    danish = deck.in_language("da").by_id()
    assert danish["fase-1-a"].text == "Hvem er medarbejderne i lokalområdet?"  # its own text
    assert danish["verdi-1"].text == "Ligeværdighed"  # from lang/da.yaml
    assert danish["verdi-2"].text is None  # a write-in value has no text in any language


def test_a_quote_keeps_its_words_and_carries_the_translation():
    deck = load_deck(LANGDECK)
    quote = deck.in_language("en").by_id()["sitat-1"]
    assert quote.text == "«Det e'kke så lett å få folk med når ingen vet hva samskaping er for noe.»"
    assert quote.spoken_lang == "nb" and quote.lang == "en"
    assert quote.translation == "“It isn’t that easy to get people on board when nobody knows what co-creation is for.”"
    own = deck.in_language("nb").by_id()["sitat-1"]
    assert own.translation is None and own.spoken_lang == "nb"


def test_deck_texts_and_the_translation_credit():
    deck = load_deck(LANGDECK)
    english = deck.in_language("en").settings
    assert english.title == "Test cards" and english.sections.quote == "Quotes"
    assert english.credits == ["A source", "English translation: the carddeck project."]
    assert deck.in_language().settings.credits == ["En kilde", "Dansk oversættelse: carddeck-projektet."]
    assert deck.settings.credits == ["En kilde"]  # the source deck is unchanged


def test_a_text_laid_out_in_a_language_file_is_located_there():
    deck = load_deck(LANGDECK)
    english = deck.in_language("en")
    en_file = str(LANGDECK / "lang" / "en.yaml")
    assert english.by_id()["fase-1"].locate("title") == (en_file, line_of(LANGDECK / "lang/en.yaml", "fase-1:"),
                                                          "cards.fase-1.title")
    assert english.by_id()["fase-1"].locate("phase")[0] == str(LANGDECK / "deck.yaml")
    assert english.settings.locate("sections.rule") == (en_file, line_of(LANGDECK / "lang/en.yaml", "sections:"),
                                                         "deck.sections.rule")
    assert deck.settings.locate("sections.rule")[2] == "sections.rule"


def test_missing_texts_are_every_card_located(langdeck):
    edit(langdeck / "lang/en.yaml", "  fase-1: {title: Purpose, subtitle: Why we do it}\n", "")
    edit(langdeck / "lang/en.yaml", "  om-1: {title: About co-creation, text: [First paragraph., Second paragraph.]}",
         "  om-1: {title: About co-creation}")
    deck = load_deck(langdeck)
    with pytest.raises(DeckError) as info:
        deck.in_language("en")
    assert messages(info.value, langdeck) == [
        f"@/deck.yaml:{line_of(langdeck / 'deck.yaml', 'id: fase-1')}:5: cards[1]: card 'fase-1' has no text in 'en': "
        f"add it to @/lang/en.yaml under 'cards: fase-1:'",
        f"@/lang/en.yaml:{line_of(langdeck / 'lang/en.yaml', 'om-1:')}:9: cards.om-1: card 'om-1' has no text in 'en'",
    ]
    assert deck.in_language("nb").by_id()["fase-1"].title == "Formål"  # other languages still build


def test_a_language_without_a_file(langdeck):
    with pytest.raises(DeckError) as info:
        load_deck(langdeck).in_language("sv")
    assert messages(info.value, langdeck) == [
        "@/lang/sv.yaml: the deck has no texts in 'sv': add this file (the deck has da, en, nb)"]


def test_deck_texts_missing_in_a_language(langdeck):
    edit(langdeck / "lang/en.yaml", "  credits: [A source]\n", "")
    with pytest.raises(DeckError) as info:
        load_kit(langdeck, "en")
    assert messages(info.value, langdeck) == [
        f"@/lang/en.yaml:{line_of(langdeck / 'lang/en.yaml', 'title: Test cards')}:3: deck.credits: "
        f"missing 'credits': deck.yaml's credits in 'en'"]


def test_an_optional_heading_of_deck_yaml_missing_in_a_language(langdeck):
    edit(langdeck / "deck.yaml", "  stage: Trin\n", "  stage: Trin\n  stage_subtitle: et bidrag til en model\n")
    with pytest.raises(DeckError) as info:
        load_kit(langdeck, "en")
    assert messages(info.value, langdeck) == [
        f"@/lang/en.yaml:{line_of(langdeck / 'lang/en.yaml', 'sections:')}:13: deck.sections.stage_subtitle: "
        f"missing 'stage_subtitle': deck.yaml's sections.stage_subtitle in 'en'"]
    assert load_kit(langdeck, "da").settings.sections.stage_subtitle == "et bidrag til en model"
    edit(langdeck / "lang/en.yaml", "stage: Stages,", "stage: Stages, stage_subtitle: a contribution to a model,")
    assert load_kit(langdeck, "en").settings.sections.stage_subtitle == "a contribution to a model"


def test_a_language_carddeck_has_no_labels_for(langdeck):
    (langdeck / "lang/sv.yaml").write_text(
        "lang: sv\nname: svenska\ncredit: Svensk översättning.\nlabels:\n  scan: Skanna och skriv\n"
        "deck:\n  title: Testkort\n  sections: {phases: Faser, rule: Regler, action: Handling, value: Värden, "
        "quote: Citat, stage: Steg, thin: Tunn, thick: Tjock, info: Bakgrund}\n  credits: [En källa]\n",
        encoding="utf-8")
    with pytest.raises(DeckError) as info:
        load_kit(langdeck, "sv")
    assert messages(info.value, langdeck) == [
        "@/lang/sv.yaml:5:3: carddeck has no facilitator's guide in 'sv' (it has da, nb, en)",
        "@/lang/sv.yaml:5:3: labels: carddeck has no labels in 'sv': give every one under 'labels:' "
        "(missing: phase, examples, translation, table, write_here, value_blank, value_n, sources …)",
    ]


# --- the language files' own mistakes, found when the deck loads ----------------------------------


def test_file_name_must_be_its_tag(langdeck):
    (langdeck / "lang/en.yaml").rename(langdeck / "lang/en-GB.yaml")
    assert load_problems(langdeck) == [
        "@/lang/en-GB.yaml:1:7: lang: the file en-GB.yaml says lang: en; a language file's name is its tag: "
        "rename it en.yaml or write lang: en-GB"]


@pytest.mark.parametrize("tag, message", [
    ("EN", "expected a BCP-47 language tag such as 'da', 'nb' or 'en-GB', received 'EN'"),
    ("zz", "no hyphenation dictionary for 'zz': carddeck hyphenates with pyphen, which has none of that name "
           "(it has, for instance, da, nb, nn, sv, en-GB, en-US, de)"),
])
def test_bad_tag_in_a_language_file(langdeck, tag, message):
    edit(langdeck / "lang/en.yaml", "lang: en", f"lang: {tag}")
    assert load_problems(langdeck) == [f"@/lang/en.yaml:1:7: lang: {message}"]


def test_cards_and_fields_a_language_file_cannot_have(langdeck):
    path = langdeck / "lang/en.yaml"
    edit(path, "  verdi-1: {text: Equal standing}\n", "  verdi-1: {text: Equal standing, number: 1}\n"
         "  verdi-9: {text: Trust}\n  fase-1-b: {examples: none}\n")
    edit(path, "text: [First paragraph., Second paragraph.]", "text: One paragraph.")
    edit(langdeck / "lang/da.yaml", "  verdi-1: {text: Ligeværdighed}\n",
         "  verdi-1: {text: Ligeværdighed}\n  fase-1: {title: Formål}\n")
    edit(langdeck / "deck.yaml", "    examples: borgere, foreninger\n", "")
    edit(path, "fase-1-b: {examples: none}", "fase-1-a: {examples: none}")
    edit(path, "  fase-1-a: {text: Who are the staff in the local area?, examples: \"citizens, associations\"}\n", "")
    v = line_of(path, "verdi-1:")
    assert load_problems(langdeck) == [
        f"@/lang/da.yaml:{line_of(langdeck / 'lang/da.yaml', 'fase-1:')}:11: cards.fase-1: card 'fase-1' is in 'da' "
        f"already (@/deck.yaml:{line_of(langdeck / 'deck.yaml', 'id: fase-1')}): its texts stay in its own file",
        f"@/lang/en.yaml:{line_of(path, 'om-1:')}:42: cards.om-1.text: expected a list, as the card's source "
        f"(@/deck.yaml:{line_of(langdeck / 'deck.yaml', 'text: [Første')}), received a string",
        f"@/lang/en.yaml:{v}:43: cards.verdi-1.number: 'number' is not a text of a value card; its texts: text",
        f"@/lang/en.yaml:{v + 1}:12: cards.verdi-9: unknown card 'verdi-9': no card of the deck has this id",
        f"@/lang/en.yaml:{v + 2}:24: cards.fase-1-a.examples: card 'fase-1-a' has no examples to translate "
        f"(@/deck.yaml:{line_of(langdeck / 'deck.yaml', 'id: fase-1-a')})",
        f"@/lang/nb.yaml:{line_of(langdeck / 'lang/nb.yaml', 'fase-1-a:')}:69: cards.fase-1-a.examples: card 'fase-1-a' "
        f"has no examples to translate (@/deck.yaml:{line_of(langdeck / 'deck.yaml', 'id: fase-1-a')})",
    ]


def test_deck_texts_in_the_decks_own_language(langdeck):
    (langdeck / "lang/da.yaml").write_text((langdeck / "lang/da.yaml").read_text(encoding="utf-8")
                                           + "deck:\n  title: Testkort\n", encoding="utf-8")
    line = line_of(langdeck / "lang/da.yaml", "title: Testkort")
    assert load_problems(langdeck) == [
        f"@/lang/da.yaml:{line}:3: deck: deck.yaml is in 'da' already: its texts stay in deck.yaml"]


def test_schema_mistakes_in_a_language_file_are_all_reported(langdeck):
    edit(langdeck / "lang/en.yaml", "name: English\n", "names: English\n")
    edit(langdeck / "lang/en.yaml", "fase-1: {title: Purpose", "fase-1: {title: {Purpose: 1}")
    edit(langdeck / "lang/en.yaml", "fase-1-a: {text: Who are the staff in the local area?",
         "fase-1-a: {text: {Who: 1}")
    line = line_of(langdeck / "lang/en.yaml", "fase-1:")
    assert load_problems(langdeck) == [
        "@/lang/en.yaml:1:1: name: missing required key 'name'",
        "@/lang/en.yaml:2:1: names: unknown key 'names' (did you mean 'name'?); accepted keys: lang, name, credit, deck, labels, cards",
        f"@/lang/en.yaml:{line}:19: cards.fase-1.title: expected a string, received a mapping",  # a title is one text
        f"@/lang/en.yaml:{line + 1}:20: cards.fase-1-a.text: expected a string or a list, received a mapping",
    ]


def test_a_text_the_font_cannot_draw_in_a_language_file_is_also_checked_by_the_schema(langdeck):
    edit(langdeck / "lang/en.yaml", "fase-1: {title: Purpose", "fase-1: {title: \"☃" + "a" * 5_000 + "\"")
    line = line_of(langdeck / "lang/en.yaml", "fase-1:")
    assert load_problems(langdeck) == [
        f"@/lang/en.yaml:{line}:19: cards.fase-1.title: the font cannot draw '☃' (U+2603)",
        f"@/lang/en.yaml:{line}:19: cards.fase-1.title: the text has 5,001 characters; at most 5,000 are accepted "
        f"('☃{'a' * 58}…')",
    ]


def test_a_language_files_card_texts_take_what_the_templates_take():
    """Each text of a card in a language file accepts what that field accepts on the templates
    that have it (ignoring a template's 'may be left out'), and nothing more."""
    import json

    from pydantic import TypeAdapter

    from carddeck.languages import TEXT_FIELDS, CardTexts
    from carddeck.templates import TEMPLATES

    def members(schema: dict) -> set[str]:
        options = schema.get("anyOf", [schema])
        return {json.dumps({k: v for k, v in o.items() if k not in ("title", "default", "description")}, sort_keys=True)
                for o in options if o != {"type": "null"}}

    given = TypeAdapter(CardTexts).json_schema()["properties"]
    assert set(given) == set(TEXT_FIELDS) == {"title", "subtitle", "text", "examples"}
    for name in TEXT_FIELDS:
        taken = [members(TypeAdapter(t.model).json_schema()["properties"][name]) for t in TEMPLATES.values()
                 if name in t.model.model_fields]
        assert taken and members(given[name]) == set().union(*taken), name
    assert len(members(given["text"])) == 2 and len(members(given["title"])) == 1  # a title takes no list


def test_unknown_keys_in_a_language_file_list_the_keys_accepted_there(langdeck):
    path = langdeck / "lang/en.yaml"
    edit(path, "  title: Test cards\n", "  title: Test cards\n  titel: Test cards\n")
    edit(path, "{phases: Phases,", "{phases: Phases, fases: Phases,")
    edit(path, "cards:\n", "labels:\n  scan: Scan & write\n  scna: Scan\n  fase: [Phase]\ncards:\n")
    edit(path, "name: English\n", "name: [English]\n")
    sections = "rule, action, value, quote, stage, stage_subtitle, thin, thick, info, phases"
    labels = ", ".join(LABELS["da"])
    assert load_problems(langdeck) == [
        "@/lang/en.yaml:2:7: name: expected a string, received a list",
        "@/lang/en.yaml:6:3: deck.titel: unknown key 'titel' (did you mean 'title'?); accepted keys: title, subtitle, sections, credits, families",
        f"@/lang/en.yaml:7:30: deck.sections.fases: unknown key 'fases' (did you mean 'phases'?); accepted keys: {sections}",
        f"@/lang/en.yaml:11:3: labels.scna: unknown key 'scna' (did you mean 'scan'?); accepted keys: {labels}",
        f"@/lang/en.yaml:12:3: labels.fase: unknown key 'fase' (did you mean 'phase'?); accepted keys: {labels}",
        "@/lang/en.yaml:12:9: labels.fase: expected a string, received a list",  # the key and its value
    ]
    assert labels.startswith("scan, phase, examples, translation, table, ")


def test_the_schema_covers_language_files():
    schema = json_schema()
    lang_file = schema["$defs"]["LangFile"]
    assert set(lang_file["properties"]) == {"lang", "name", "credit", "deck", "labels", "cards"}
    assert lang_file["properties"]["labels"]["propertyNames"] == {"enum": list(LABELS["da"])}  # an editor checks them
    assert {"$ref": "#/$defs/LangFile"} in schema["anyOf"]


# --- labels: a deck's own words, no fallback --------------------------------------------------------


def test_a_language_files_labels_apply(langdeck):
    edit(langdeck / "lang/en.yaml", "cards:\n", "labels:\n  scan: Scan & write\ncards:\n")
    english = load_kit(langdeck, "en")
    assert label(english.settings.lang, "scan") == "Scan & write"
    assert label(english.by_id()["fase-1"].lang, "phase") == "Phase"


def test_labels_have_no_fallback():
    with pytest.raises(MissingLabel):
        label("sv", "scan")
    with pytest.raises(MissingLabel):
        label(LangTag("en", {"scan": "Scan"}), "no_such_label")


def test_every_language_has_every_label_the_layout_and_pages_use():
    for tag in LABELS:
        assert [key for key in LABELS["da"] if key not in LABELS[tag]] == [], tag
        assert label(tag, "translation")


def test_a_tag_keeps_its_labels_on_the_way_to_a_worker_process():
    import pickle

    tag = pickle.loads(pickle.dumps(LangTag("en", {"scan": "Scan, then write"})))
    assert tag == "en" and label(tag, "scan") == "Scan, then write"


def test_broken_language_files_are_each_reported(langdeck):
    (langdeck / "lang/sv.yaml").mkdir()
    (langdeck / "lang/de.yaml").write_text("- a\n", encoding="utf-8")
    (langdeck / "lang/nn.yaml").write_text("", encoding="utf-8")
    (langdeck / "lang/fr.yaml").write_text("lang: fr\nname: [x]\ncredit: Traduction.\ncards: [a]\n", encoding="utf-8")
    assert load_problems(langdeck) == [
        "@/lang/de.yaml:1:1: expected a mapping of keys (lang, name, credit, deck, labels, cards), received a list",
        "@/lang/fr.yaml:2:7: name: expected a string, received a list",
        "@/lang/fr.yaml:4:8: cards: expected a mapping of keys, received a list",
        "@/lang/nn.yaml:1: is empty",
        "@/lang/sv.yaml: is a folder, not a file",
    ]
