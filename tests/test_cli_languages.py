"""The command line in another language: build, validate and calibrate with --lang, and every
message they give when a language cannot be built, word for word."""

from __future__ import annotations

import shutil

import pytest

from carddeck.cli import main
from carddeck.labels import LABELS, label
from kitutil import ROOT, page_texts

LANGDECK = ROOT / "tests" / "langdeck"


@pytest.fixture
def langdeck(tmp_path):
    folder = tmp_path / "deck"
    shutil.copytree(LANGDECK, folder)
    return folder


def without(folder, file: str, line_start: str) -> None:
    """Remove the line of ``file`` that starts with ``line_start``."""
    path = folder / file
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith(line_start)), encoding="utf-8")


def error_lines(capsys, folder) -> list[str]:
    """The message lines of an error, without the source excerpts under each."""
    err = capsys.readouterr().err.replace(str(folder), "@")
    return [line for line in err.splitlines() if not line.startswith(" ") and not line.startswith("warning")]


def line_of(path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_validate_checks_every_language_the_deck_has(langdeck, capsys):
    assert main(["validate", str(langdeck)]) == 0
    assert capsys.readouterr().out == f"{langdeck}: 8 cards in da, en, nb, no problems\n"


def test_validate_shows_a_broken_language_file_where_it_is_broken(langdeck, capsys):
    path = langdeck / "lang/en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("cards:\n", "labels:\n  scna: Scan\ncards:\n"),
                    encoding="utf-8")
    assert main(["validate", str(langdeck)]) == 1
    labels = ", ".join(LABELS["da"])
    assert capsys.readouterr().err.replace(str(langdeck), "@").splitlines() == [
        "Error: the deck has 1 problem:",
        f"@/lang/en.yaml:9:3: labels.scna: unknown key 'scna' (did you mean 'scan'?); accepted keys: {labels}",
        "  9 |   scna: Scan",
        "    |   ^",
    ]


def test_building_in_a_language_a_card_lacks_names_every_such_card(langdeck, capsys):
    without(langdeck, "lang/en.yaml", "  sitat-1:")
    without(langdeck, "lang/en.yaml", "  verdi-1:")
    deck_yaml = langdeck / "deck.yaml"
    expected = [
        "Error: the deck has 2 problems:",
        f"@/deck.yaml:{line_of(deck_yaml, 'id: sitat-1')}:5: cards[3]: card 'sitat-1' has no text in 'en': "
        "add it to @/lang/en.yaml under 'cards: sitat-1:'",
        f"@/deck.yaml:{line_of(deck_yaml, 'id: verdi-1')}:5: cards[5]: card 'verdi-1' has no text in 'en': "
        "add it to @/lang/en.yaml under 'cards: verdi-1:'",
    ]
    assert main(["build", str(langdeck), "--out", str(langdeck.parent / "out"), "--lang", "en"]) == 1
    assert error_lines(capsys, langdeck) == expected
    assert not (langdeck.parent / "out" / "cards.pdf").exists()
    assert main(["validate", str(langdeck), "--lang", "en"]) == 1
    assert error_lines(capsys, langdeck) == expected
    assert main(["validate", str(langdeck)]) == 1  # every language: the same two
    assert error_lines(capsys, langdeck) == expected
    assert main(["validate", str(langdeck), "--lang", "nb"]) == 0  # nb has them all


@pytest.mark.parametrize("tag, message", [
    ("EN", "expected a BCP-47 language tag such as 'da', 'nb' or 'en-GB', received 'EN'"),
    ("zz", "no hyphenation dictionary for 'zz': carddeck hyphenates with pyphen, which has none of that name "
           "(it has, for instance, da, nb, nn, sv, en-GB, en-US, de)"),
])
@pytest.mark.parametrize("command", ["build", "validate", "calibrate"])
def test_a_tag_carddeck_cannot_use_is_a_usage_error(command, tag, message, capsys):
    assert main([command, str(LANGDECK), "--lang", tag]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"Error: Invalid value for '--lang': {message}"


def test_a_language_without_its_file(langdeck, capsys):
    assert main(["build", str(langdeck), "--out", str(langdeck.parent / "out"), "--lang", "sv"]) == 1
    assert error_lines(capsys, langdeck) == [
        "Error: the deck has 1 problem:",
        "@/lang/sv.yaml: the deck has no texts in 'sv': add this file (the deck has da, en, nb)",
    ]


def test_calibrate_in_another_language(tmp_path, capsys):
    out = tmp_path / "calibrate.pdf"
    assert main(["calibrate", str(LANGDECK), "--out", str(out), "--lang", "en"]) == 0
    text = " ".join(page_texts(out))
    assert label("en", "calibrate_title") in text and label("da", "calibrate_title") not in text
    assert main(["calibrate", str(LANGDECK), "--out", str(out), "--lang", "sv"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        "Error: carddeck has no calibration sheet in 'sv'; give --lang da or nb or en")


def test_calibrate_reads_the_language_from_deck_yaml_alone(langdeck, tmp_path, capsys):
    deck_yaml = langdeck / "deck.yaml"
    text = deck_yaml.read_text(encoding="utf-8").replace("\nlang: da\n", "\nlang: nb\n")
    text = text.replace("\n  - id: ", "\n  - colour: red\n    id: ").replace("title: Formål", "title: For\u202emål")
    deck_yaml.write_text(text, encoding="utf-8")
    assert main(["validate", str(langdeck)]) == 1  # not one card validates, and a character is refused
    out = tmp_path / "calibrate.pdf"
    assert main(["calibrate", str(langdeck), "--out", str(out)]) == 0
    assert label("nb", "calibrate_title") in " ".join(page_texts(out))
    deck_yaml.write_text(text.replace("\nlang: nb\n", "\nlang: NB\n"), encoding="utf-8")
    capsys.readouterr()
    assert main(["calibrate", str(langdeck), "--out", str(out)]) == 1
    assert error_lines(capsys, langdeck) == [
        "Error: the deck has 1 problem:",
        f"@/deck.yaml:{line_of(deck_yaml, 'lang: NB')}:7: lang: expected a BCP-47 language tag such as 'da', 'nb' "
        "or 'en-GB', received 'NB'",
    ]


@pytest.mark.parametrize("text, message", [
    ("- lang: da\n", "@/deck.yaml:1:1: expected a mapping of keys, received a list"),
    ("", "@/deck.yaml:1: is empty"),
])
def test_calibrate_says_what_validate_says_of_a_deck_yaml_without_keys(langdeck, tmp_path, capsys, text, message):
    (langdeck / "deck.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", str(langdeck)]) == 1
    assert message in error_lines(capsys, langdeck)
    assert main(["calibrate", str(langdeck), "--out", str(tmp_path / "calibrate.pdf")]) == 1
    assert error_lines(capsys, langdeck) == ["Error: the deck has 1 problem:", message]


def test_a_kit_in_english_says_so(tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(LANGDECK), "--out", str(out), "--lang", "en", "--notes-url", "http://10.0.0.1:8765"]) == 0
    cards = " ".join(page_texts(out / "cards.pdf"))
    assert label("en", "scan") in cards and "Scan og skriv" not in cards and "Skann og skriv" not in cards
    assert "English translation: the carddeck project." in " ".join(page_texts(out / "poster.pdf"))


def test_a_translation_that_does_not_fit_is_located_in_its_language_file(langdeck, capsys):
    long = " ".join(["Background"] * 12)
    path = langdeck / "lang/en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("info: Background}", f"info: {long}}}"), encoding="utf-8")
    assert main(["validate", str(langdeck), "--lang", "en"]) == 1
    lines = error_lines(capsys, langdeck)
    assert lines[0] == "Error: the deck has 1 problem:"
    assert lines[1].startswith(f"@/lang/en.yaml:{line_of(path, 'sections:')}: deck.sections.info: the heading "
                               "'Background Background")
    assert main(["validate", str(langdeck), "--lang", "da"]) == 0


def test_a_language_files_own_labels_print_on_the_kit(langdeck, tmp_path):
    path = langdeck / "lang/en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("cards:\n", "labels:\n  scan: Scan, then write\ncards:\n"),
                    encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(langdeck), "--out", str(out), "--lang", "en", "--notes-url", "http://10.0.0.1:8765"]) == 0
    cards = " ".join(page_texts(out / "cards.pdf"))
    assert "Scan, then write" in cards and label("en", "scan") not in cards
