"""Loading a deck: every message a user can see, word for word, with file and line; and the default deck.

Small decks are written into tmp_path so that each line number can be counted in the test itself.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from carddeck.cli import main
from carddeck.errors import DeckError, Problem
from carddeck.load import load_deck
from carddeck.model import DeckFile
from kitutil import DECK_DIR, DECK_YAML, PHASE_CARD, source_text

KINDS = "phase, question, writein, rule, action, value, quote, stage, info, about"


def problems(folder: Path) -> list[str]:
    """The problem lines of the DeckError that loading ``folder`` raises, with the folder as '@'."""
    with pytest.raises(DeckError) as info:
        load_deck(folder)
    text = str(info.value.message)
    lines = text.splitlines()
    count = len(info.value.problems)
    assert lines[0] == f"the deck has {count} problem{'s' if count != 1 else ''}:"
    return [line.replace(str(folder), "@") for line in lines[1:]]


def one_problem(folder: Path) -> str:
    found = problems(folder)
    assert len(found) == 1, found
    return found[0]


# --- one mistake each, exact text and line -----------------------------------------------------


def test_malformed_yaml_names_the_line(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": """\
        cards:
          - id: a
            kind: quote
           lang: da
        """})
    assert one_problem(folder) == (
        "@/b.yaml:4:4: this line is indented differently from the lines above it"
    )


def test_wrong_type(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": """\
        cards:
          - id: q-1
            kind: question
            lang: da
            phase: 1
            text: [Hvad, nu]
        """})
    assert one_problem(folder) == "@/q.yaml:6:11: cards[0].text: expected a string, received a list"


def test_wrong_number_type(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": """\
        cards:
          - id: q-1
            kind: question
            lang: da
            phase: en
            text: Hvad nu?
        """})
    assert one_problem(folder) == "@/q.yaml:5:12: cards[0].phase: expected a whole number, received a string 'en'"


def test_missing_key_points_at_its_card(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "r.yaml": """\
        cards:
          - id: r-1
            kind: rule
            lang: nb
            number: 1
          - id: r-2
            kind: rule
            lang: nb
            number: 2
            text: Gi slipp
        """})
    assert one_problem(folder) == "@/r.yaml:2:5: cards[0].text: missing required key 'text'"


def test_missing_kind(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "r.yaml": """\
        cards:
          - id: r-1
            lang: nb
            text: Gi slipp
        """})
    assert one_problem(folder) == f"@/r.yaml:2:5: cards[0].kind: missing required key 'kind' (one of the deck's families: {KINDS})"


def test_unknown_key_lists_accepted_keys(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "s.yaml": """\
        cards:
          - id: s-1
            kind: stage
            lang: nb
            number: 1
            title: Tegnebrettet
            text: Undersøke
            colour: red
        """})
    assert one_problem(folder) == (
        "@/s.yaml:8:5: cards[0].colour: unknown key 'colour'; accepted keys: id, lang, code, notes, kind, number, title, text"
    )


def test_unknown_key_in_deck_yaml(make_deck):
    folder = make_deck(deck_yaml=DECK_YAML + "colour: blue\n" + PHASE_CARD)
    accepted = list(DeckFile.model_fields)
    assert accepted[:4] == ["title", "subtitle", "lang", "notes_url"]
    assert {"credits", "sections", "include", "cards"} <= set(accepted)
    assert one_problem(folder) == f"@/deck.yaml:15:1: colour: unknown key 'colour'; accepted keys: {', '.join(accepted)}"


def test_every_pattern_of_the_schema_has_its_own_words():
    import json

    from carddeck.file_problems import NOT_MATCHED
    from carddeck.schema import json_schema

    patterns = set(re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', json.dumps(json_schema())))
    assert len(patterns) == 3 and {json.loads(p) for p in patterns} <= set(NOT_MATCHED)


def test_a_bad_key_of_a_mapping_is_located_at_the_key(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD})
    (folder / "lang").mkdir()
    (folder / "lang/en.yaml").write_text("lang: en\nname: English\ncredit: Translated.\ncards:\n  Fase-1: 5\n"
                                         "  Fase-2: {title: {a: 1}}\n  str: {text: [1, {a: 1}]}\n", encoding="utf-8")
    assert problems(folder) == [
        "@/lang/en.yaml:5:3: cards.Fase-1: expected an id of lower-case letters, digits and '-' (at most 48), "
        "received 'Fase-1'",
        "@/lang/en.yaml:5:11: cards.Fase-1: expected a mapping of keys, received a number",  # the key and its value
        "@/lang/en.yaml:6:3: cards.Fase-2: expected an id of lower-case letters, digits and '-' (at most 48), "
        "received 'Fase-2'",
        "@/lang/en.yaml:6:19: cards.Fase-2.title: expected a string, received a mapping",
        "@/lang/en.yaml:7:19: cards.str.text[1]: expected a string, received a mapping",
    ]


def test_unknown_keys_inside_a_setting_list_that_settings_keys(make_deck):
    deck_yaml = DECK_YAML.replace("  info: Baggrund\n", "  info: Baggrund\n  infos: Baggrund\n")
    folder = make_deck(deck_yaml=deck_yaml + "wifi: {ssid: Kantine, password: hemmelig-kode, pasword: x}\n" + PHASE_CARD)
    assert problems(folder) == [
        "@/deck.yaml:15:3: sections.infos: unknown key 'infos' (did you mean 'info'?); accepted keys: rule, action, value, quote, stage, "
        "stage_subtitle, thin, thick, info, phases",
        "@/deck.yaml:16:48: wifi.pasword: unknown key 'pasword' (did you mean 'password'?); accepted keys: ssid, password",
    ]


@pytest.mark.parametrize("text, message", [
    ("{a: 1}", "12:11: cards[1].text: expected a string or a list, received a mapping"),
    ("true", "12:11: cards[1].text: expected a string or a list, received true/false; put it in quotes if you mean "
             "the text: 'true'"),
    ("[Et afsnit., {a: 1}]", "12:24: cards[1].text[1]: expected a string, received a mapping"),
])
def test_a_text_or_paragraphs_of_the_wrong_type_is_said_once(make_deck, text, message):
    card = f"  - id: om-1\n    kind: info\n    lang: da\n    title: Om samskabelse\n    text: {text}\n"
    folder = make_deck({"a.yaml": PHASE_CARD + card})
    assert problems(folder) == [f"@/a.yaml:{message}"]


def test_bad_card_size_and_paper_in_deck_yaml(make_deck):
    folder = make_deck(deck_yaml=DECK_YAML + "card_size: 10x10\npaper: a3\n" + PHASE_CARD)
    assert problems(folder) == [
        "@/deck.yaml:15:12: card_size: card size '10x10' is out of range; each side must be 40 to 200 mm",
        "@/deck.yaml:16:8: paper: expected one of 'a4' or 'letter', received 'a3'",
    ]


def test_missing_section_heading(make_deck):
    stage = "  - {id: trin-1, kind: stage, lang: da, number: 1, title: Informere, text: Vi fortæller det}\n"
    folder = make_deck(deck_yaml=DECK_YAML.replace("  thick: Tyk\n", "") + PHASE_CARD + stage)
    assert one_problem(folder) == (
        "@/deck.yaml:5:1: sections.thick: missing required key 'thick', the label at the thick end of the thin ↔ "
        "thick axis that the cards of family 'stage' draw (such as card 'trin-1' at @/deck.yaml:21)")


def test_a_section_heading_no_card_prints_is_not_required(make_deck):
    assert load_deck(make_deck(deck_yaml=DECK_YAML.replace("  thick: Tyk\n", "") + PHASE_CARD)).cards


def test_duplicate_id_names_first_location(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": """\
        cards:
          - id: sitat-1
            kind: quote
            lang: nb
            text: «Hei»
          - id: fase-1
            kind: quote
            lang: nb
            text: «Hallo»
        """})
    assert one_problem(folder) == "@/b.yaml:6:5: cards[1].id: duplicate id 'fase-1' (first used at @/a.yaml:2)"


def test_unknown_phase(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": """\
        cards:
          - id: q-1
            kind: question
            lang: da
            phase: 2
            text: Hvad nu?
        """})
    assert one_problem(folder) == "@/q.yaml:5:5: cards[0].phase: unknown phase 2; the deck has phases 1"


def test_two_cards_for_one_phase(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": PHASE_CARD.replace("fase-1", "fase-1b")})
    # Said once per card, and not again as a clash of the codes derived from the phase number.
    assert problems(folder) == [
        "@/a.yaml:5:5: cards[0].phase: phase 1 has more than one phase card",
        "@/b.yaml:5:5: cards[0].phase: phase 1 has more than one phase card",
    ]


def test_a_broken_phase_card_does_not_make_its_questions_phase_unknown(make_deck):
    broken = PHASE_CARD.replace("    title: Formål\n", "")
    question = """\
        cards:
          - id: fase-1-hvorfor
            kind: question
            lang: da
            phase: 1
            text: Hvorfor?
        """
    folder = make_deck({"a.yaml": broken, "b.yaml": question})
    assert problems(folder) == ["@/a.yaml:2:5: cards[0].title: missing required key 'title'"]


def test_unknown_kind(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": """\
        cards:
          - id: gaade
            kind: riddle
            lang: da
            text: Hvad?
        """})
    assert one_problem(folder) == f"@/b.yaml:3:11: cards[0].kind: unknown kind 'riddle'; expected one of the deck's families: {KINDS}"


@pytest.mark.parametrize("bad", ["Fase_1", "fase 1", "-fase", "x" * 49])
def test_bad_id(make_deck, bad):
    folder = make_deck({"a.yaml": PHASE_CARD.replace("id: fase-1", f"id: '{bad}'")})
    assert one_problem(folder) == (
        f"@/a.yaml:2:9: cards[0].id: expected an id of lower-case letters, digits and '-' (at most 48), received {bad!r}"
    )


def test_bad_code(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD + "    code: ABCDEFG\n"})
    assert one_problem(folder) == (
        "@/a.yaml:8:11: cards[0].code: expected letters, digits, '.' or '-' (at most 6), received 'ABCDEFG'"
    )


def test_code_used_twice(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": """\
        cards:
          - {id: regel-1, kind: rule, lang: nb, number: 1, text: Ja}
          - {id: regel-2, kind: rule, lang: nb, number: 2, text: Nej, code: R1}
        """})
    assert one_problem(folder) == "@/b.yaml:3:63: cards[1].code: card code 'R1' is also used by card 'regel-1'"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("phase", 0, "expected a number from 1 to 6, received 0"),
        ("phase", 7, "expected a number from 1 to 6, received 7"),
    ],
)
def test_phase_out_of_range(make_deck, key, value, expected):
    folder = make_deck({"a.yaml": PHASE_CARD.replace("phase: 1", f"{key}: {value}")})
    assert one_problem(folder) == f"@/a.yaml:5:12: cards[0].phase: {expected}"


@pytest.mark.parametrize("value", [0, 100])
def test_number_out_of_range(make_deck, value):
    folder = make_deck({"a.yaml": PHASE_CARD, "r.yaml": f"""\
        cards:
          - id: r-1
            kind: rule
            lang: nb
            number: {value}
            text: Gi slipp
        """})
    assert one_problem(folder) == f"@/r.yaml:5:13: cards[0].number: expected a number from 1 to 99, received {value}"


def test_a_number_out_of_range_is_said_with_its_own_fields_bounds(tmp_path):
    """The bounds come from the field's type, not from its name."""
    from pydantic import ValidationError

    from carddeck.file_problems import report
    from carddeck.model import Number, PhaseNo, _Strict
    from carddeck.yamlfile import read_yaml

    class Levels(_Strict):
        phase: Number
        level: PhaseNo

    path = tmp_path / "levels.yaml"
    path.write_text("phase: 100\nlevel: 7\n", encoding="utf-8")
    found = []
    parsed = read_yaml(path, found)
    with pytest.raises(ValidationError) as info:
        Levels.model_validate(parsed.data)
    report(info.value, Levels, (), str(path), parsed, found, set())
    assert [f"{p.line}:{p.column}: {p.key}: {p.message}" for p in found] == [
        "1:8: phase: expected a number from 1 to 99, received 100",
        "2:8: level: expected a number from 1 to 6, received 7",
    ]


@pytest.mark.parametrize("tag, message", [
    ("Danish", "expected a BCP-47 language tag such as 'da', 'nb' or 'en-GB', received 'Danish'"),
    ("en_GB", "expected a BCP-47 language tag such as 'da', 'nb' or 'en-GB', received 'en_GB'"),
    ("xx", "no hyphenation dictionary for 'xx': carddeck hyphenates with pyphen, which has none of that name "
           "(it has, for instance, da, nb, nn, sv, en-GB, en-US, de)"),
])
def test_unknown_language(make_deck, tag, message):
    folder = make_deck({"a.yaml": PHASE_CARD.replace("lang: da", f"lang: {tag}")})
    assert one_problem(folder) == f"@/a.yaml:4:11: cards[0].lang: {message}"


def test_blank_text(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD.replace("title: Formål", "title: '   '")})
    assert one_problem(folder) == "@/a.yaml:6:12: cards[0].title: expected text, received an empty string"


def test_duplicate_key_in_a_mapping(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD + "    title: Formål igen\n"})
    assert one_problem(folder) == "@/a.yaml:8:5: cards[0].title: key appears twice"


def test_character_the_font_cannot_draw(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "s.yaml": """\
        cards:
          - id: tynn-tykk
            kind: stage
            lang: nb
            number: 1
            title: Tynn ⟷ tykk
            text: Fra tegnebrettet ⟷ til maskinrommet ☃
        """})
    assert problems(folder) == [
        "@/s.yaml:6:12: cards[0].title: card 'tynn-tykk': the font cannot draw '⟷' (U+27F7)",
        "@/s.yaml:7:11: cards[0].text: card 'tynn-tykk': the font cannot draw '⟷' (U+27F7), '☃' (U+2603)",
    ]


def test_a_text_the_font_cannot_draw_is_also_checked_by_the_schema(make_deck):
    text = "☃" + "a" * 5_000
    folder = make_deck({"a.yaml": PHASE_CARD.replace("title: Formål", f"title: {text}")})
    assert problems(folder) == [
        "@/a.yaml:6:12: cards[0].title: card 'fase-1': the font cannot draw '☃' (U+2603)",
        "@/a.yaml:6:12: cards[0].title: the text has 5,001 characters; at most 5,000 are accepted "
        f"('☃{'a' * 58}…')",
    ]


def test_character_check_covers_deck_settings(make_deck):
    folder = make_deck(deck_yaml=DECK_YAML.replace("title: Testkort", "title: Testkort ⟷") + PHASE_CARD)
    assert one_problem(folder) == "@/deck.yaml:1:8: title: the font cannot draw '⟷' (U+27F7)"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://192.168.1.20", "expected an http:// or https:// URL, received 'ftp://192.168.1.20'"),
        ("192.168.1.20:8765", "expected an http:// or https:// URL, received '192.168.1.20:8765'"),
        ("http://", "expected a URL with a host name, received 'http://'"),
        ("http://kort.local/?x=1", "expected a URL without '?' or '#', received 'http://kort.local/?x=1'"),
    ],
)
def test_bad_notes_url(make_deck, url, message):
    folder = make_deck(deck_yaml=DECK_YAML + f"notes_url: '{url}'\n" + PHASE_CARD)
    assert one_problem(folder) == f"@/deck.yaml:15:12: notes_url: {message}"


def test_notes_url_loses_its_trailing_slash(make_deck):
    folder = make_deck(deck_yaml=DECK_YAML + "notes_url: http://192.168.1.20:8765/\n" + PHASE_CARD)
    assert load_deck(folder).settings.notes_url == "http://192.168.1.20:8765"


def test_missing_deck_yaml(tmp_path):
    assert one_problem(tmp_path) == "@/deck.yaml: no deck.yaml here; is '@' a deck folder?"


def test_empty_file(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": "# nothing yet\n"})
    assert one_problem(folder) == "@/b.yaml:1: is empty"


def test_empty_file_is_reported_next_to_other_mistakes(make_deck):
    # A mistake in an earlier file must not hide that a later one is empty.
    folder = make_deck({"a.yaml": PHASE_CARD.replace("lang: da", "lang: xx"), "b.yaml": ""})
    assert problems(folder) == [
        "@/a.yaml:4:11: cards[0].lang: no hyphenation dictionary for 'xx': carddeck hyphenates with pyphen, which has none of that name (it has, for instance, da, nb, nn, sv, en-GB, en-US, de)",
        "@/b.yaml:1: is empty",
    ]


def test_card_file_without_cards(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": "cards: []\n", "c.yaml": "- fase-1\n"})
    assert problems(folder) == [
        "@/b.yaml:1:8: cards: expected at least one item, received none",
        "@/c.yaml:1:1: expected a mapping of keys, received a list",
    ]


def test_file_that_is_not_utf8(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD})
    (folder / "b.yaml").write_bytes("cards:\n  - text: Å\n".encode("latin-1"))
    assert one_problem(folder) == "@/b.yaml:2:11: is not UTF-8 text: byte 0xC5 (invalid continuation byte); save the file as UTF-8"


def test_include_names_a_missing_file(make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD}, deck_yaml=DECK_YAML + "include:\n  - a.yaml\n  - b.yaml\n")
    assert one_problem(folder) == "@/deck.yaml:17:5: include[1]: no such file: 'b.yaml'"


def test_include_reads_only_the_files_it_names(make_deck):
    folder = make_deck(
        {"a.yaml": PHASE_CARD, "broken.yaml": "cards: [\n"}, deck_yaml=DECK_YAML + "include:\n  - a.yaml\n"
    )
    assert [c.id for c in load_deck(folder).cards] == ["fase-1"]


# --- every mistake at once ---------------------------------------------------------------------


def test_every_mistake_in_every_file_at_once_sorted(make_deck):
    folder = make_deck(
        {
            "b.yaml": """\
                cards:
                  - id: q-1
                    kind: question
                    lang: da
                    phase: 9
                    text: [a, b]
                  - id: fase-1
                    kind: rule
                    lang: nb
                    number: 1
                    text: Dobbelt
                """,
            "a.yaml": PHASE_CARD + "    size: big\n",
            "c.yaml": "cards:\n  - id: x\n    kind: quote\n   lang: da\n",
        },
        deck_yaml=DECK_YAML.replace("lang: da", "lang: se") + "cards:\n  - id: om\n    kind: about\n    lang: da\n",
    )
    assert problems(folder) == [
        "@/a.yaml:8:5: cards[0].size: unknown key 'size'; accepted keys: id, lang, code, notes, kind, phase, title, subtitle",
        "@/b.yaml:5:12: cards[0].phase: expected a number from 1 to 6, received 9",
        "@/b.yaml:6:11: cards[0].text: expected a string, received a list",
        "@/c.yaml:4:4: this line is indented differently from the lines above it",
        "@/deck.yaml:2:7: lang: no hyphenation dictionary for 'se': carddeck hyphenates with pyphen, which has none of that name (it has, for instance, da, nb, nn, sv, en-GB, en-US, de)",
    ]


def test_checks_across_cards_see_every_file(make_deck):
    folder = make_deck({
        "a.yaml": PHASE_CARD,
        "b.yaml": """\
            cards:
              - {id: fase-1, kind: quote, lang: nb, text: «Hei»}
              - {id: q, kind: question, lang: da, phase: 3, text: Hvad nu}
            """,
        "c.yaml": "cards:\n  - {id: q, kind: quote, lang: nb, text: «Igjen»}\n",
    })
    assert problems(folder) == [
        "@/b.yaml:2:6: cards[0].id: duplicate id 'fase-1' (first used at @/a.yaml:2)",
        "@/b.yaml:3:39: cards[1].phase: unknown phase 3; the deck has phases 1",
        "@/c.yaml:2:6: cards[0].id: duplicate id 'q' (first used at @/b.yaml:3)",
    ]


def test_problem_formats():
    assert str(Problem("deck/a.yaml", 3, "cards[0].text", "x")) == "deck/a.yaml:3: cards[0].text: x"
    assert str(Problem("deck/a.yaml", 0, "", "x")) == "deck/a.yaml: x"
    error = DeckError([Problem("b", 2, "k", "y"), Problem("a", 9, "k", "x"), Problem("b", 2, "k", "y")])
    assert error.message == "the deck has 2 problems:\na:9: k: x\nb:2: k: y"
    assert error.exit_code == 1


# --- through the command line --------------------------------------------------------------------


def test_bad_deck_on_the_command_line(make_deck, capsys, tmp_path):
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": """\
        cards:
          - id: q-1
            kind: question
            lang: da
            phase: 1
            text: [Hvad, nu]
        """})
    for argv in (["validate", str(folder)], ["build", str(folder), "--out", str(tmp_path / "out")]):
        assert main(argv) == 1
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        assert out == ""
        assert err == (
            f"Error: the deck has 1 problem:\n{folder}/q.yaml:6:11: cards[0].text: expected a string, received a list\n"
            "  6 |     text: [Hvad, nu]\n"
            "    |           ^\n"
        )
    assert not (tmp_path / "out").exists()


def test_text_that_cannot_fit_at_the_minimum_size(make_deck, capsys):
    long = " ".join(["Hvordan samarbejder vi videre herfra?"] * 80)
    assert len(long) > 3000
    folder = make_deck({"a.yaml": PHASE_CARD, "q.yaml": f"""\
        cards:
          - id: for-lang
            kind: question
            lang: da
            phase: 1
            text: {long}
        """})
    assert main(["validate", str(folder), "--card-size", "poker"]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert err == (
        "Error: the deck has 1 problem:\n"
        f"{folder}/q.yaml:6: cards[0].text: card 'for-lang': text does not fit the card even at 8 pt; "
        "shorten it or choose a larger --card-size\n"
        "  6 |     text: Hvordan samarbejder vi videre herfra? Hvordan samarbejder vi vider…\n"
        "    |     ^\n"
    )


def test_a_card_is_still_fitted_when_deck_yaml_has_mistakes_and_lacks_its_heading(make_deck, capsys):
    long = " ".join(["Giv slip på kontrollen."] * 120)
    deck_yaml = DECK_YAML.replace("  rule: Regler\n", "").replace("lang: da\n", "lang: da\npaper: a3\n")
    folder = make_deck({"a.yaml": PHASE_CARD, "r.yaml": f"""\
        cards:
          - id: regel-1
            kind: rule
            lang: da
            number: 1
            text: {long}
        """}, deck_yaml=deck_yaml)
    assert main(["validate", str(folder), "--card-size", "poker"]) == 1
    lines = [line for line in capsys.readouterr().err.replace(str(folder), "@").splitlines() if not line.startswith(" ")]
    assert lines == [
        "Error: the deck has 3 problems:",
        "@/deck.yaml:3:8: paper: expected one of 'a4' or 'letter', received 'a3'",
        "@/deck.yaml:6:1: sections.rule: missing required key 'rule', the heading of the cards of family 'rule' "
        "(such as card 'regel-1' at @/r.yaml:2)",
        "@/r.yaml:6: cards[0].text: card 'regel-1': text does not fit the card even at 8 pt; shorten it or choose "
        "a larger --card-size",
    ]


# --- the default deck ----------------------------------------------------------------------------


def test_default_deck_loads_with_the_expected_cards(default_deck):
    count = {kind: len(default_deck.of_kind(kind)) for kind in
             ("phase", "question", "writein", "rule", "action", "value", "quote", "stage", "info", "about")}
    assert count == {"phase": 6, "question": 29, "writein": 10, "rule": 4, "action": 7, "value": 4,
                     "quote": 8, "stage": 3, "info": 10, "about": 2}
    assert default_deck.writein_lists() == {"Vores egne gode råd": 5, "Vores egne spilleregler": 5}
    assert [(c.number, c.text) for c in default_deck.of_kind("value")] == [
        (1, "Åpenhet"), (2, None), (3, None), (4, None)
    ]
    assert [c.id for c in default_deck.blank_values()] == ["verdi-2", "verdi-3", "verdi-4"]
    assert default_deck.title == "Samskabelse – samskaping"


def _danish_source() -> dict[int, tuple[str, str, list[str]]]:
    """The Danish dialogue tool, as received: phase → (title, subtitle, [questions with examples])."""
    text = source_text("000_7855282170ad1f83.txt")
    phases = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        head, *rest = block.strip().splitlines()
        number, title = re.fullmatch(r"(\d)\. (.+)", head).groups()
        lines = [line.strip() for line in rest if line.strip()]
        subtitle = lines[0]
        # The write-in lists ("- 1." …) that follow phase 4 are not questions.
        questions = [line[2:] for line in lines[1:] if line.startswith("- ") and not re.fullmatch(r"- \d\.", line)]
        phases[int(number)] = (title, subtitle, questions)
    return phases


def test_phases_and_questions_are_the_danish_source_word_for_word(default_deck):
    source = _danish_source()
    assert sorted(source) == [1, 2, 3, 4, 5, 6]
    for phase in default_deck.phases():
        title, subtitle, questions = source[phase.phase]
        assert (phase.title, phase.subtitle) == (title, subtitle)
        printed = [q.text + (f" ({q.examples})" if q.examples else "")
                   for q in default_deck.of_kind("question") if q.phase == phase.phase]
        assert printed == questions


def test_spot_checks_of_the_default_deck(default_deck):
    cards = default_deck.by_id()
    assert cards["fase-5"].subtitle == "Tilpas og justér henad vejen"
    assert cards["fase-1"].title == "Formål på egen arbejdsplads"
    assert cards["fase-1"].subtitle == "Sørge for opbakning og fælles forståelse i egen organisation"
    assert cards["fase-3"].title == "Fælles sprog og værdier"
    assert cards["fase-2-netvaerk"].text == (
        "Hvordan er vores netværk i lokalområdet – og hvor har vi brug for at forbedre det?"
    )
    assert cards["fase-1-opnaa"].examples == (
        "Fx øge kvaliteten, inddrage borgerne, koordinere bedre, løse en svær udfordring."
    )
    assert cards["regel-4"].text == "Gi slipp – gi slipp – gi slipp! (Og hold kjeft, av og til!)"
    assert [c.text for c in default_deck.of_kind("action")] == [
        "Ivaretakelse av likeverdighet", "Arbeide med felles mål", "Kommunikasjon", "Forankring",
        "Tilrettelegging", "Arbeide med ressursfokus", "Kompetanse-komplementaritet",
    ]
    assert [c.title for c in default_deck.of_kind("stage")] == [
        "Samskaping på «tegnebrettet»", "Samskaping i laboratoriet", "Samskaping i maskinrommet og i logistikken",
    ]
    assert cards["tynn-tykk-2"].text == "Teste ut ulike løsninger · «prototyping»"
    # deck.yaml's headings are Danish; SESAM's own Norwegian ones are in lang/nb.yaml
    # (tests/test_deck_languages.py holds them to the source word for word).
    assert default_deck.settings.sections.action == "Syv handlingsfelter til fremdrift"
    assert default_deck.settings.sections.value == "Fire værdier til opdrift"


def test_quotes_keep_their_dialect(default_deck):
    quotes = [c.text for c in default_deck.of_kind("quote")]
    assert quotes[0] == "«Prosessen har lært oss å holde kjeft!»"
    assert quotes[2] == (
        "«I beste mening ville jeg ha styring på alt i starten; sikre meg mot alt som kunne gå galt. "
        "– Dermed ødela jeg jo hele dynamikken i samspillet.»"
    )
    assert quotes[7] == (
        "«Jeg trudde jeg var aleine med det jeg strever med. Det kjennes jo mye bedre nå når jeg veit "
        "at vi er flere, og så kan vi jo hjelpe hverandre med ting.»"
    )
    assert all(q.startswith("«") and q.endswith("»") for q in quotes)


def test_norwegian_cards_are_in_the_corrected_source(default_deck):
    source = " ".join(source_text("002-corrected-nb.md").split())
    source = source.replace("[", "").replace("]", "")
    for kind in ("rule", "action", "quote"):
        for card in default_deck.of_kind(kind):
            assert card.text in source, card.id
    # Every stage's text is the source's, after "Title: " (the deck capitalises its first word).
    for card in default_deck.of_kind("stage"):
        assert f"{card.title}: {card.text[0].lower()}{card.text[1:]}" in source, card.id


def _slides() -> dict[str, list[str]]:
    """The corrected SESAM slides: title → its lines of text (bullets without their marker)."""
    text = source_text("002-corrected-nb.md").replace("[", "").replace("]", "")
    slides = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        title, *lines = block.strip().splitlines()
        slides[title] = [re.sub(r"^(- |\d\. )", "", line) for line in lines if line.strip()]
    return slides


def test_info_cards_are_the_slides_as_they_are(default_deck):
    slides = _slides()
    cards = default_deck.by_id()
    # A slide that is only its title is a card that is only its title, in the slides' order.
    for card_id in ("om-ulikheter", "om-dugnad"):
        assert (slides[cards[card_id].title], cards[card_id].paragraphs) == ([], ()), card_id
    info = [c.id for c in default_deck.of_kind("info")]
    assert info.index("om-samskaping") + 1 == info.index("om-ulikheter") == info.index("om-to-maal") - 1
    # One paragraph per bullet of the slide; the toolbox slide's four take two cards.
    assert list(cards["om-to-maal"].paragraphs) == slides[cards["om-to-maal"].title]
    toolbox = [cards["om-verktoy"], cards["om-verktoy-kunnskap"]]
    assert {card.title for card in toolbox} == {"En verktøykasse for samskaping?"}
    assert [p for card in toolbox for p in card.paragraphs] == slides["En verktøykasse for samskaping?"]


def test_default_codes(default_deck):
    codes = default_deck.codes
    assert codes["fase-3"] == "3"
    assert codes["fase-3-ord"] == "3.3"
    assert codes["handlingsfelt-4"] == "H4"
    assert codes["gode-raad-2"] == "GR2"
    assert codes["sitat-8"] == "S8"
    assert codes["om-kittet"] == "0.1"
    assert len(set(codes.values())) == len(default_deck.cards)


def test_cards_know_where_they_stand(default_deck):
    card = default_deck.by_id()["fase-5"]
    file, line = card.source
    assert Path(file) == DECK_DIR / "phases.yaml"
    assert (DECK_DIR / "phases.yaml").read_text(encoding="utf-8").splitlines()[line - 1] == "  - id: fase-5"
