"""``carddeck init DIR``: a new deck that validates and builds at once, with the schema line and a
comment above every key, one card of every kind; refusals word for word."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from carddeck.cli import main
from carddeck.families import BUILT_IN
from kitutil import page_texts, squash

KINDS = [key for key, *_ in BUILT_IN]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.mark.parametrize("lang", ["da", "nb"])
def test_init_then_validate_then_build(capsys, tmp_path, lang):
    folder = tmp_path / "ny"
    code, out, err = run(capsys, "init", str(folder), "--lang", lang)
    assert code == 0 and err == ""
    assert out == (f"wrote {folder}/deck.yaml and {folder}/deck.schema.json: edit deck.yaml, then run "
                   f"'carddeck build {folder}'\n")
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == 0 and out == f"{folder}: {len(KINDS) + 1} cards in {lang}, no problems\n"
    code, out, err = run(capsys, "build", str(folder), "--out", str(tmp_path / "kit"), "--notes-url", "http://10.42.0.1:8765")
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
