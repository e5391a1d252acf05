"""``carddeck init DIR``: a new deck that validates and builds at once in each of its languages,
with the schema line and a comment above every key, one card of every kind; refusals word for word."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from carddeck.cli import main
from carddeck.families import BUILT_IN
from carddeck.scaffold import WORDS
from kitutil import page_texts, squash

KINDS = [key for key, *_ in BUILT_IN]
LANGS = ["da", "nb", "en"]
NOTES = "http://10.42.0.1:8765"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize("lang", LANGS)
def test_init_then_validate_then_build(capsys, tmp_path, lang):
    folder = tmp_path / "ny"
    code, out, err = run(capsys, "init", str(folder), "--lang", lang)
    assert code == 0 and err == ""
    assert out == (f"wrote {folder}/deck.yaml and {folder}/deck.schema.json: edit deck.yaml, then run "
                   f"'carddeck build {folder}'\n")
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 0 and out == f"{folder}: {len(KINDS) + 1} cards in {lang}, no problems\n"
    code, out, err = run(capsys, "build", str(folder), "--out", str(tmp_path / "kit"), "--notes-url", NOTES)
    assert code == 0, err
    text = squash("".join(page_texts(tmp_path / "kit" / "cards.pdf")))
    data = yaml.safe_load((folder / "deck.yaml").read_text(encoding="utf-8"))
    assert data["lang"] == lang and {c["lang"] for c in data["cards"]} == {lang}
    assert squash(data["title"]) in text


def test_a_card_of_every_kind_and_a_comment_above_every_key(tmp_path):
    from carddeck.scaffold import init_deck

    deck, schema = init_deck(tmp_path / "ny")
    lines = deck.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=deck.schema.json"
    data = yaml.safe_load("\n".join(lines))
    assert {c["kind"] for c in data["cards"]} == set(KINDS)
    for i, line in enumerate(lines):  # a comment above every top-level key…
        if line and line[0] not in " #":
            assert lines[i - 1].startswith("#"), line
    # …and above the first card of every kind
    explained = {lines[i + 2].split(": ")[1] for i, line in enumerate(lines)
                 if line.startswith("  # ") and lines[i + 1].startswith("  - id:")}
    assert explained == set(KINDS)
    # The schema beside it is the deck format's, and the deck is valid under it.
    published = json.loads(schema.read_text(encoding="utf-8"))
    jsonschema.validate(data, published)
    # The privacy page's contact is there to fill in, and an editor knows the key.
    assert "privacy_contact" in data and data["privacy_contact"] is None
    jsonschema.validate({**data, "privacy_contact": "DPO, Eksempel Kommune, dpo@eksempel.dk"}, published)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "privacy_contact": ["dpo"]}, published)


def _words(texts) -> set[str]:
    """The words of printed texts, lower-case; a word hyphenated over two lines counts whole."""
    joined = re.sub(r"[\ufffe\u00ad\u0002]", "", " ".join(texts))
    return {word.lower() for word in re.findall(r"\b[^\W\d_]+\b", joined)}  # not the letters of a code (I1)


def _strings(value):
    """Every string in a nest of dicts, lists and tuples."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


# Words of the Danish or Norwegian example deck that English spells the same.
SHARED = {"for"}


def test_the_english_deck_prints_no_danish_or_norwegian(tmp_path):
    """Everything the kit of a new English deck prints is English: no word of the Danish and
    Norwegian example decks and their family names (apart from words English shares), no æ, ø, å.
    (Labels and guide: tests/render/test_language_kits.py, for every kit in English.)"""
    from carddeck.families import built_in
    from carddeck.scaffold import init_deck

    init_deck(tmp_path / "new", "en")
    assert main(["build", str(tmp_path / "new"), "--out", str(tmp_path / "kit"), "--notes-url", NOTES]) == 0
    printed = [text for pdf in sorted((tmp_path / "kit").glob("*.pdf")) for text in page_texts(pdf)]
    assert len(printed) > 10  # every file of the kit, not one
    assert not re.search("[æøåÆØÅ]", "".join(printed))
    nordic = _words(_strings([[WORDS[tag], [family.name for family in built_in(tag).values()]] for tag in ("da", "nb")]))
    assert (_words(printed) & nordic) - SHARED == set()


def test_init_refuses_a_language_it_has_no_example_deck_in(capsys, tmp_path):
    code, _, err = run(capsys, "init", str(tmp_path / "ny"), "--lang", "sv")
    assert code == 1
    assert err == "Error: carddeck has no example deck in 'sv'; give --lang da, nb or en\n"
    assert not (tmp_path / "ny").exists()


def test_a_new_deck_may_start_with_more_languages(capsys, tmp_path):
    folder = tmp_path / "ny"
    code, out, err = run(capsys, "init", str(folder), "--lang", "en", "--with-lang", "da", "--with-lang", "nb")
    assert code == 0 and err == ""
    assert out == (f"wrote {folder}/deck.yaml, {folder}/deck.schema.json, {folder}/lang/da.yaml and "
                   f"{folder}/lang/nb.yaml: edit deck.yaml, then run 'carddeck build {folder}'\n")
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 0 and out == f"{folder}: {len(KINDS) + 1} cards in en, da, nb, no problems\n"
    published = json.loads((folder / "deck.schema.json").read_text(encoding="utf-8"))
    for tag in ("da", "nb"):
        lines = (folder / "lang" / f"{tag}.yaml").read_text(encoding="utf-8").splitlines()
        assert lines[0] == "# yaml-language-server: $schema=../deck.schema.json"
        jsonschema.validate(yaml.safe_load("\n".join(lines)), published)
    code, _, err = run(capsys, "build", str(folder), "--lang", "nb", "--out", str(tmp_path / "kit"), "--notes-url", NOTES)
    assert code == 0, err
    text = squash("".join(page_texts(tmp_path / "kit" / "cards.pdf")))
    assert squash(WORDS["nb"]["title"]) in text and squash(WORDS["nb"]["rule_text"]) in text
    assert squash(WORDS["en"]["quote_text"]) in text  # a quote keeps its words, its translation beneath


def test_init_refuses_its_own_language_or_one_it_has_no_words_in_as_another(capsys, tmp_path):
    code, _, err = run(capsys, "init", str(tmp_path / "ny"), "--lang", "nb", "--with-lang", "nb")
    assert code == 1
    assert err == "Error: 'nb' is the new deck's own language (--lang); give --with-lang another language\n"
    code, _, err = run(capsys, "init", str(tmp_path / "ny"), "--with-lang", "sv")
    assert code == 1
    assert err == "Error: carddeck has no example deck in 'sv'; give --with-lang da, nb or en\n"
    assert not (tmp_path / "ny").exists()


def test_init_refuses_a_folder_with_files(capsys, tmp_path):
    (tmp_path / "old.yaml").write_text("title: x\n", encoding="utf-8")
    code, _, err = run(capsys, "init", str(tmp_path))
    assert code == 1
    assert err == f"Error: {str(tmp_path)!r} is not empty; give a new or empty folder, so no file is overwritten\n"
    assert [p.name for p in tmp_path.iterdir()] == ["old.yaml"]


def test_init_refuses_a_file(capsys, tmp_path):
    (tmp_path / "deck").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "init", str(tmp_path / "deck"))
    assert code == 1
    assert err == f"Error: {str(tmp_path / 'deck')!r} is a file; give a folder for the new deck\n"


def test_init_checks_every_with_lang_as_a_tag(capsys, tmp_path):
    code, _, err = run(capsys, "init", str(tmp_path / "ny"), "--with-lang", "nb", "--with-lang", "EN")
    assert code == 2
    assert err.splitlines()[-1] == ("Error: Invalid value for '--with-lang': expected a BCP-47 language tag such as "
                                    "'da', 'nb' or 'en-GB', received 'EN'")
    assert not (tmp_path / "ny").exists()
