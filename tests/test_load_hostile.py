"""Loading broken and hostile decks: every message word for word, with its line and column; no
traceback, no hang, no unbounded memory. Each case is one the mutation fuzzer of issue 14 found.
"""

from __future__ import annotations

import os
import shutil

import pytest

from carddeck import yamlfile
from carddeck.cli import main
from carddeck.load import load_deck, read_deck
from kitutil import DECK_DIR, DECK_YAML, PHASE_CARD
from test_load import one_problem, problems


def quote_card(text: str, card_id: str = "sitat-1") -> str:
    return f"cards:\n  - id: {card_id}\n    kind: quote\n    lang: nb\n    text: {text}\n"


# --- characters ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "name"),
    [("\x0b", "vertical tab"), ("\x00", "NUL"), ("\x85".replace("\x85", "\x9b"), "a C1 control character"),
     ("\ufffe", "a noncharacter")],
)
def test_a_control_character_is_named_by_code_point_and_column(make_deck, char, name):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": quote_card(f"«Hei{char}du»")})
    assert one_problem(folder) == (
        f"@/q.yaml:5:15: control character U+{ord(char):04X} ({name}); delete it "
        "(text pasted from a word processor can carry it)"
    )


def test_a_bidi_override_is_reported(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": quote_card("«Hei \u202edu»")})
    assert one_problem(folder) == (
        "@/q.yaml:5:16: bidirectional override U+202E (right-to-left override); "
        "delete it: it reorders the text on screen, not in print"
    )


def test_many_control_characters_are_counted_not_listed(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": quote_card("«" + "a\x0b" * 12 + "»")})
    found = problems(folder)
    assert len(found) == 11
    assert found[-1] == "@/q.yaml:5:33: …and 2 more of them in this file"


def test_text_is_normalised_to_nfc(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD.replace("Formål", "Forma\u030al")})
    assert load_deck(folder).by_id()["fase-1"].title == "Form\u00e5l"


# --- strings stay strings (YAML 1.2 core schema) --------------------------------------------------


def test_yes_no_on_and_leading_zeros_are_text(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": """\
        cards:
          - {id: a, kind: quote, lang: nb, text: no}
          - {id: b, kind: quote, lang: nb, text: yes}
          - {id: c, kind: quote, lang: nb, text: on}
          - {id: d, kind: quote, lang: nb, text: 010, code: 010}
          - {id: e, kind: rule, lang: nb, number: 010, text: Gi slipp}
        """})
    deck = load_deck(folder)
    cards = deck.by_id()
    assert [cards[i].text for i in "abcd"] == ["no", "yes", "on", "010"]
    assert deck.codes["d"] == "010"
    assert cards["e"].number == 10


def test_lang_no_is_the_text_no(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD.replace("lang: da", "lang: no")})
    assert one_problem(folder) == "@/a.yaml:4:11: cards[0].lang: no hyphenation dictionary for 'no': carddeck hyphenates with pyphen, which has none of that name (it has, for instance, da, nb, nn, sv, en-GB, en-US, de)"


def test_a_no_key_is_the_key_no(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD + "    no: 1\n"})
    assert one_problem(folder) == (
        "@/a.yaml:8:5: cards[0].no: unknown key 'no'; accepted keys: id, lang, code, notes, kind, phase, title, subtitle"
    )


def test_true_in_a_text_field_suggests_quotes(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": quote_card("True")})
    assert one_problem(folder) == (
        "@/q.yaml:5:11: cards[0].text: expected a string, received true/false; "
        "put it in quotes if you mean the text: 'true'"
    )


def test_yes_is_not_a_number(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "r.yaml": "cards:\n  - {id: r, kind: rule, lang: nb, number: yes, text: Ja}\n"})
    assert one_problem(folder) == "@/r.yaml:2:43: cards[0].number: expected a whole number, received a string 'yes'"


def test_credits_takes_true_or_false_only(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "r.yaml": "cards:\n  - {id: om, kind: about, lang: da, credits: yes}\n"})
    assert one_problem(folder) == "@/r.yaml:2:46: cards[0].credits: expected true or false, received a string 'yes'"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('!!int "1a"', "the tag '!!int' needs a whole number, received '1a'"),
        ("!!timestamp 2024-13-45", "the tag '!!timestamp' has no meaning in a deck file; remove it"),
        ("!!binary aGVq", "the tag '!!binary' has no meaning in a deck file; remove it"),
        ("!!float abc", "the tag '!!float' needs a number, received 'abc'"),
        ("!!set {a, b}", "the tag '!!set' has no meaning in a deck file; remove it"),
    ],
)
def test_tags_with_bad_values_are_located(make_deck, value, message):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": quote_card(value)})
    assert one_problem(folder) == f"@/q.yaml:5:11: cards[0].text: {message}"


def test_a_merge_key_is_explained(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": """\
        base: &base {kind: quote, lang: nb}
        cards:
          - <<: *base
            id: s
            text: Hei
        """})
    assert "@/q.yaml:3:5: cards[0].<<: '<<' (merging one mapping into another) is not supported in deck files; " \
           "write the keys out" in problems(folder)


# --- limits --------------------------------------------------------------------------------------


def test_a_billion_laughs_stops_at_the_value_limit(make_deck):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": "\n".join(lines) + "\ncards: *a8\n"})
    assert len((folder / "b.yaml").read_bytes()) < 700
    assert one_problem(folder).startswith(
        f"@/b.yaml:6:10: holds more than {yamlfile.MAX_VALUES:,} keys and values (aliases expanded)")


def test_an_alias_that_contains_itself(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": "cards: &a [*a]\n"})
    assert one_problem(folder) == "@/b.yaml:1:12: cards[0]: this alias refers to the value it stands in; it would never end"


def test_deep_nesting_is_refused_at_its_place(make_deck):
    depth = 600
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": "cards: " + "[" * depth + "]" * depth + "\n"})
    assert one_problem(folder) == f"@/b.yaml:1:{8 + yamlfile.MAX_DEPTH - 1}: nested more than 64 levels deep; a deck file needs four"


def test_a_file_too_large(make_deck, monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_FILE_BYTES", 1_000_000)
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": "# " + "x" * 2_000_000 + "\n"})
    assert one_problem(folder) == "@/b.yaml: is 2 MB; a deck file may have at most 1 MB"


def test_a_word_too_long(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": quote_card("Hei " + "a" * 4000)})
    assert one_problem(folder) == (
        "@/q.yaml:5:11: cards[0].text: a word of 4,000 characters (aaaaaaaaaaaaaaaaaaaa…) is longer than the 80 "
        "a card can print; break it with a space or a hyphen"
    )


def test_a_text_too_long_is_cut_in_the_message(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": quote_card("Hei du " * 1000)})
    assert one_problem(folder) == (
        "@/q.yaml:5:11: cards[0].text: the text has 6,999 characters; at most 5,000 are accepted "
        f"('{'Hei du ' * 8}Hei…')"
    )


# --- places ----------------------------------------------------------------------------------------


def test_an_unterminated_quote_is_reported_where_it_opens(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": quote_card("'«Hei du»\n")})
    assert one_problem(folder) == "@/q.yaml:5:11: this quote is never closed (the file ends first)"


def test_a_card_file_that_is_a_folder(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD}, deck_yaml=DECK_YAML + "include:\n  - a.yaml\n  - b.yaml\n")
    (folder / "b.yaml").mkdir()
    assert one_problem(folder) == "@/deck.yaml:17:5: include[1]: 'b.yaml' is a folder, not a file"


def test_a_yaml_folder_found_by_glob(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD})
    (folder / "b.yaml").mkdir()
    assert one_problem(folder) == "@/b.yaml: is a folder, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_not_read(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD})
    os.mkfifo(folder / "b.yaml")
    assert one_problem(folder) == "@/b.yaml: is not a regular file (a pipe or a device?); carddeck reads only files"


def test_a_card_repeated_by_alias_is_located_at_the_alias(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": """\
        cards:
          - &s {id: sitat, kind: quote, lang: nb, text: Hei}
          - {id: sitat-2, kind: quote, lang: nb, text: Hallo}
          - *s
        """})
    assert one_problem(folder) == "@/q.yaml:4:5: cards[2].id: duplicate id 'sitat' (first used at @/q.yaml:2)"


# --- every mistake at once, across stages -------------------------------------------------------------


def test_a_deck_yaml_mistake_does_not_hide_duplicate_ids(make_deck):
    folder = make_deck(
        {"a.yaml": PHASE_CARD, "b.yaml": PHASE_CARD.replace("phase: 1", "phase: 2")},
        deck_yaml=DECK_YAML.replace("lang: da", "lang: se"),
    )
    assert problems(folder) == [
        "@/b.yaml:2:5: cards[0].id: duplicate id 'fase-1' (first used at @/a.yaml:2)",
        "@/deck.yaml:2:7: lang: no hyphenation dictionary for 'se': carddeck hyphenates with pyphen, which has none of that name (it has, for instance, da, nb, nn, sv, en-GB, en-US, de)",
    ]


def test_a_schema_mistake_does_not_hide_a_fit_problem(make_deck, capsys):
    long = " ".join(["Hvordan samarbejder vi videre herfra?"] * 80)
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": f"""\
        cards:
          - id: for-lang
            kind: question
            lang: da
            phase: 1
            text: {long}
          - id: forkert
            kind: question
            lang: xx
            phase: 1
            text: Hvad nu?
        """}, deck_yaml=DECK_YAML.replace("lang: da", "lang: se"))
    assert main(["validate", str(folder), "--card-size", "poker"]) == 1
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if not line.startswith("  ")] == [
        "Error: the deck has 3 problems:",
        f"{folder}/deck.yaml:2:7: lang: no hyphenation dictionary for 'se': carddeck hyphenates with pyphen, which has none of that name (it has, for instance, da, nb, nn, sv, en-GB, en-US, de)",
        f"{folder}/q.yaml:6: cards[0].text: card 'for-lang': text does not fit the card even at 8 pt; "
        "shorten it or choose a larger --card-size",
        f"{folder}/q.yaml:9:11: cards[1].lang: no hyphenation dictionary for 'xx': carddeck hyphenates with pyphen, which has none of that name (it has, for instance, da, nb, nn, sv, en-GB, en-US, de)",
    ]


def test_read_deck_returns_the_good_cards_with_the_problems(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": quote_card("[a]")})
    deck, found = read_deck(folder)
    assert [c.id for c in deck.cards] == ["fase-1"]
    assert [str(p).replace(str(folder), "@") for p in found] == [
        "@/q.yaml:5:11: cards[0].text: expected a string, received a list"]


def test_a_notes_url_too_long_for_a_qr_code(make_deck):
    url = "http://kort.local/" + "x" * 300
    folder = make_deck(deck_yaml=DECK_YAML + f"notes_url: {url}\n" + PHASE_CARD)
    assert one_problem(folder) == (
        "@/deck.yaml:15: notes_url: the QR codes would hold 327 bytes "
        f"('{(url + '/c/fase-1')[:59]}…'), more than the 213 that a phone reads from a card; "
        "use a shorter notes URL"
    )


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://my laptop:8765", "a URL cannot contain spaces (a phone stops reading there), received 'http://my laptop:8765'"),
        ("http://192.168.1.20:99999", "expected a port from 1 to 65535, received 'http://192.168.1.20:99999'"),
        ("http://192.168.1.20:0", "expected a port from 1 to 65535, received 'http://192.168.1.20:0'"),
    ],
)
def test_a_notes_url_a_phone_cannot_open(make_deck, url, message):
    folder = make_deck(deck_yaml=DECK_YAML + f"notes_url: '{url}'\n" + PHASE_CARD)
    assert one_problem(folder) == f"@/deck.yaml:15:12: notes_url: {message}"


def test_the_default_deck_still_loads_after_a_round_trip(tmp_path):
    shutil.copytree(DECK_DIR, tmp_path / "deck")
    assert len(load_deck(tmp_path / "deck").cards) == len(load_deck(DECK_DIR).cards)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Hvad: nu", "5:15: a second ': ' on one line; put the text in quotes if it contains ': '"),
        ("[Hvad vil vi, gerne opnå}", "5:35: this list in '[ ]' goes on with '}' where ',' or ']' must come; "
                                       "put text with , : ? [ ] in quotes"),
        ("\"Hvad \\q\"", "5:18: unknown escape '\\q' in double quotes; use single quotes, or write '\\\\' for a backslash"),
        ("*hvad", "5:11: '*hvad' refers to no anchor '&hvad' above it"),
    ],
)
def test_yaml_syntax_in_the_users_words(make_deck, text, message):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": quote_card(text)})
    assert one_problem(folder) == f"@/q.yaml:{message}"
