"""The command line as a facilitator uses it: exit codes, messages and warnings word for word.

``carddeck.cli.main(argv)`` returns the exit code: 0 done, 1 the deck or environment was wrong,
2 a usage error.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

from carddeck.cli import main
from kitutil import DECK_DIR, DECK_YAML, KIT_FILES, NOTES_URL, PHASE_CARD, ROOT, page_qr_codes

BLANK_VALUES = [
    f"warning: deck/sesam.yaml:{line}: value card 'verdi-{n}' has no text yet; it prints as a line to write on "
    "(set 'text:' when the value is known)"
    for line, n in ((44, 2), (45, 3), (46, 4))
]
LOOPBACK = (
    "warning: the QR codes open {where}, which phones cannot reach. Build for the address phones will use "
    "on the day: your hotspot's (--notes-url http://10.42.0.1:8765) or your municipality's server "
    "(README, 'Workshop day')."
)
PRIVACY = (
    "warning: deck/deck.yaml: privacy_contact is not set, so the notes pages cannot tell participants whom to ask "
    "about their notes. Set it to your municipality's contact or data protection officer, with an e-mail address "
    "or phone number (README, 'Privacy and data')."
)


@pytest.fixture
def in_repo(monkeypatch):
    """Run from the checkout, as a facilitator would, with no notes URL in the environment."""
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("CARDDECK_NOTES_URL", raising=False)
    monkeypatch.delenv("CARDDECK_NOTES_TOKEN", raising=False)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


# --- help, schema, calibrate --------------------------------------------------------------------


def test_help(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert out.startswith("Usage: carddeck [OPTIONS] COMMAND [ARGS]...")
    for name in ("build", "validate", "schema", "calibrate", "notes"):
        assert re.search(rf"^  {name} ", out, re.M), name


def test_build_help_speaks_to_a_facilitator(capsys):
    code, out, _ = run(capsys, "build", "--help")
    assert code == 0
    for option in ("--out", "--card-size", "--paper", "--for", "--duplex", "--back-offset", "--copies",
                   "--notes-url", "--no-qr"):
        assert option in out
    assert "a6, a7, poker, bridge, tarot, or WxH in mm" in " ".join(out.split())


def test_unknown_command(capsys):
    code, _, err = run(capsys, "bild")
    assert code == 2
    assert err.endswith("Error: No such command 'bild'.\n")


def test_schema_is_json_with_every_card_kind(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "carddeck deck file"
    kinds = {}
    for name, definition in schema["$defs"].items():
        kind = definition.get("properties", {}).get("kind", {})
        if "const" in kind:
            kinds[kind["const"]] = name
    assert sorted(kinds) == sorted(["phase", "question", "writein", "rule", "action", "value", "quote", "stage",
                                    "info", "about"])
    assert schema["$defs"][kinds["question"]]["additionalProperties"] is False
    assert set(schema["$defs"]["DeckFile"]["required"]) == {"title", "lang", "credits"}  # sections: as the cards need


def test_schema_accepts_the_default_deck_files_and_refuses_a_typo(capsys):
    import jsonschema
    import yaml

    code, out, _ = run(capsys, "schema")
    validator = jsonschema.Draft202012Validator(json.loads(out))
    for path in sorted(Path(DECK_DIR).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert not list(validator.iter_errors(data)), path
    typo = yaml.safe_load((Path(DECK_DIR) / "phases.yaml").read_text(encoding="utf-8"))
    typo["cards"][1]["txt"] = typo["cards"][1].pop("text")
    assert list(validator.iter_errors(typo))


@pytest.mark.parametrize(("paper", "size"), [("a4", (595.2756, 841.8898)), ("letter", (612.0, 792.0))])
def test_calibrate_writes_a_two_page_sheet(capsys, tmp_path, paper, size):
    out = tmp_path / "cal" / "calibrate.pdf"
    code, stdout, _ = run(capsys, "calibrate", "--paper", paper, "--duplex", "short-edge", "--out", str(out))
    assert code == 0
    assert stdout == f"wrote {out}: print it double-sided (short-edge) at 100 % (no 'fit to page')\n"
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert [float(v) for v in page.MediaBox][2:] == pytest.approx(size, abs=1e-3)


# --- option values ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--card-size", "10x10"],
         "Invalid value for '--card-size': card size '10x10' is out of range; each side must be 40 to 200 mm"),
        (["--card-size", "300x100"],
         "Invalid value for '--card-size': card size '300x100' is out of range; each side must be 40 to 200 mm"),
        (["--card-size", "huge"],
         "Invalid value for '--card-size': unknown card size 'huge'; use one of a6, a7, poker, bridge, tarot "
         "or WxH in mm to 0.1 mm (e.g. 90x140 or 63.5x88)"),
        (["--back-offset", "30,0"],
         "Invalid value for '--back-offset': expected X and Y each between -20 and 20 mm, received '30,0'"),
        (["--back-offset", "1"],
         "Invalid value for '--back-offset': expected X,Y in mm (e.g. 1.5,-0.5), received '1'"),
        (["--back-offset", "1_0,0"],
         "Invalid value for '--back-offset': expected X,Y in mm (e.g. 1.5,-0.5), received '1_0,0'"),
        (["--back-offset", "１,0"],
         "Invalid value for '--back-offset': expected X,Y in mm (e.g. 1.5,-0.5), received '１,0'"),
        (["--card-size", "９0x140"],
         "Invalid value for '--card-size': unknown card size '９0x140'; use one of a6, a7, poker, bridge, tarot "
         "or WxH in mm to 0.1 mm (e.g. 90x140 or 63.5x88)"),
        (["--copies", "0"], "Invalid value for '--copies': 0 is not in the range 1<=x<=500."),
        (["--copies", "1_0"], "Invalid value for '--copies': expected a whole number in digits 0-9, received '1_0'"),
        (["--copies", "１０"], "Invalid value for '--copies': expected a whole number in digits 0-9, received '１０'"),
        (["--out", ""], "Invalid value for '--out': expected a folder name, received nothing"),
        (["--paper", "a3"], "Invalid value for '--paper': 'a3' is not one of 'a4', 'letter'."),
    ],
)
def test_bad_option_values_are_usage_errors(capsys, tmp_path, argv, message):
    code, out, err = run(capsys, "build", str(DECK_DIR), "--out", str(tmp_path / "out"), *argv)
    assert code == 2
    assert err.splitlines()[-1] == f"Error: {message}"
    assert not (tmp_path / "out").exists()


def test_bad_notes_url(capsys, tmp_path):
    code, _, err = run(capsys, "build", str(DECK_DIR), "--out", str(tmp_path), "--notes-url", "192.168.1.20:8765")
    assert code == 1
    assert err == "Error: --notes-url: expected an http:// or https:// URL, received '192.168.1.20:8765'\n"


def test_bad_notes_url_in_the_environment(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("CARDDECK_NOTES_URL", "http://")
    code, _, err = run(capsys, "build", str(DECK_DIR), "--out", str(tmp_path))
    assert code == 1
    assert err == "Error: CARDDECK_NOTES_URL: expected a URL with a host name, received 'http://'\n"


def test_missing_deck_folder(capsys, tmp_path):
    code, _, err = run(capsys, "validate", str(tmp_path / "nowhere"))
    assert code == 1
    assert err == (f"Error: the deck has 1 problem:\n{tmp_path}/nowhere/deck.yaml: no deck.yaml here; "
                   f"'{tmp_path}/nowhere' is not a folder\n")
    code, _, err = run(capsys, "validate", str(tmp_path))
    assert err == f"Error: the deck has 1 problem:\n{tmp_path}/deck.yaml: no deck.yaml here; is '{tmp_path}' a deck folder?\n"


# --- build and validate -----------------------------------------------------------------------------------------


def test_build_reports_and_warns(capsys, tmp_path, in_repo):
    code, out, err = run(capsys, "build", "--out", str(tmp_path), "--notes-url", NOTES_URL)
    assert code == 0
    files = ", ".join(re.escape(f"{tmp_path}/{name}") for name in KIT_FILES)
    assert re.fullmatch(rf"built 83 cards, \d+ pages: {files} in \d+\.\d s\n", out), out
    assert err.splitlines() == [*BLANK_VALUES, PRIVACY]
    assert {p.name for p in tmp_path.iterdir()} == set(KIT_FILES)


@pytest.mark.parametrize(
    ("argv", "where"),
    [
        ([], "http://127.0.0.1:8765"),
        (["--notes-url", "http://127.0.0.1:8765"], "http://127.0.0.1:8765"),
        (["--notes-url", "http://localhost:8765/"], "http://localhost:8765"),
    ],
)
def test_a_loopback_or_unset_notes_url_is_warned_about(capsys, tmp_path, in_repo, argv, where):
    code, _, err = run(capsys, "build", "--out", str(tmp_path), *argv)
    assert code == 0
    assert err.splitlines() == [*BLANK_VALUES, LOOPBACK.format(where=where)]


def test_no_loopback_warning_without_qr_codes(capsys, tmp_path, in_repo):
    code, _, err = run(capsys, "build", "--out", str(tmp_path), "--no-qr")
    assert code == 0
    assert err.splitlines() == BLANK_VALUES


def _deck_with(tmp_path, line: str):
    import shutil

    folder = tmp_path / "deck"
    shutil.copytree(DECK_DIR, folder)
    yaml = folder / "deck.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")
    return folder


def test_no_privacy_warning_once_the_contact_is_set(capsys, tmp_path, in_repo):
    folder = _deck_with(tmp_path, "privacy_contact: Databeskyttelsesrådgiver, Eksempel Kommune, dpo@eksempel.dk")
    code, _, err = run(capsys, "build", str(folder), "--out", str(tmp_path / "out"), "--notes-url", NOTES_URL)
    assert code == 0
    assert err.splitlines() == [w.replace("deck/", f"{folder}/") for w in BLANK_VALUES]


def test_a_privacy_contact_that_is_not_text_is_located(capsys, tmp_path, in_repo):
    folder = _deck_with(tmp_path, "privacy_contact: [dpo, kommune]")
    code, _, err = run(capsys, "validate", str(folder))
    line = len((folder / "deck.yaml").read_text(encoding="utf-8").splitlines())
    assert code == 1
    assert err.splitlines()[:2] == ["Error: the deck has 1 problem:",
                                    f"{folder}/deck.yaml:{line}:18: privacy_contact: expected a string, received a list"]


def test_notes_url_from_the_environment(capsys, tmp_path, in_repo, monkeypatch):
    monkeypatch.setenv("CARDDECK_NOTES_URL", "http://10.0.0.7:9000/")
    code, _, err = run(capsys, "build", "--out", str(tmp_path))
    assert code == 0 and "phones cannot reach" not in err
    assert page_qr_codes(tmp_path / "cards.pdf", dpi=150, pages=[0])[0][0] == "http://10.0.0.7:9000/c/om-kittet"


def test_custom_card_size(capsys, tmp_path, in_repo):
    code, _, _ = run(capsys, "build", "--out", str(tmp_path), "--notes-url", NOTES_URL, "--card-size", "90x140")
    assert code == 0
    with pikepdf.open(tmp_path / "cards.pdf") as pdf:
        assert len(pdf.pages) == 42  # 90 × 140 mm: four to an A4 sheet, like A6
    (first,) = page_qr_codes(tmp_path / "cards.pdf", dpi=200, pages=[0])
    assert sorted(first) == sorted(f"{NOTES_URL}/c/{card}" for card in ("om-kittet", "kilder", "fase-1",
                                                                         "fase-1-udfordringer"))


def test_cannot_write_the_output(capsys, tmp_path, in_repo):
    blocker = tmp_path / "file"
    blocker.write_text("")
    code, _, err = run(capsys, "build", "--out", str(blocker / "out"), "--notes-url", NOTES_URL)
    assert code == 1
    assert err.splitlines()[-1] == f"Error: cannot write into '{blocker}/out': Not a directory"


def test_validate_the_default_deck(capsys, in_repo):
    code, out, err = run(capsys, "validate")
    assert code == 0
    assert out == "deck: 83 cards in da, en, nb, no problems\n"
    assert err.splitlines() == BLANK_VALUES


@pytest.mark.parametrize("size", ["a6", "a7", "poker", "bridge", "tarot"])
def test_validate_at_every_named_size(capsys, in_repo, size):
    code, out, _ = run(capsys, "validate", "--card-size", size, "--for", "print-shop")
    assert (code, out) == (0, "deck: 83 cards in da, en, nb, no problems\n")


def test_deck_yaml_sets_card_size_and_paper_and_options_win(capsys, tmp_path, make_deck):
    folder = make_deck({"a.yaml": PHASE_CARD}, deck_yaml=DECK_YAML + "card_size: poker\npaper: letter\n")

    def sizes(*argv):
        out = tmp_path / "out"
        code, _, _ = run(capsys, "build", str(folder), "--out", str(out), "--notes-url", NOTES_URL, *argv)
        assert code == 0
        with pikepdf.open(out / "cards.pdf") as pdf:
            page = pdf.pages[0]
            box = [float(v) for v in (page.TrimBox if "/TrimBox" in page.obj else page.MediaBox)]
            return round(box[2] - box[0], 2), round(box[3] - box[1], 2)

    assert sizes() == (612.0, 792.0)  # Letter
    assert sizes("--paper", "a4") == (595.28, 841.89)
    assert sizes("--for", "print-shop") == (178.58, 249.45)  # poker, 63 × 88 mm
    assert sizes("--for", "print-shop", "--card-size", "a6") == (297.64, 419.53)


def test_a_card_too_big_for_a_folded_sheet_is_a_clear_error(capsys, tmp_path, in_repo):
    code, out, err = run(capsys, "build", "--out", str(tmp_path), "--duplex", "fold", "--card-size", "150x150")
    assert code == 1 and "Traceback" not in out + err
    assert err.strip() == (
        "Error: a 150×150 mm card does not fit on half a 210×297 mm sheet (210×148.5 mm); "
        "choose a smaller --card-size, another --duplex or --for print-shop"
    )
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize(
    ("offset", "message"),
    [("nan,0", "expected X,Y in mm (e.g. 1.5,-0.5)"), ("0,inf", "expected X,Y in mm (e.g. 1.5,-0.5)"),
     ("25,0", "expected X and Y each between -20 and 20 mm")],
)
def test_a_back_offset_out_of_range_is_refused(capsys, tmp_path, in_repo, offset, message):
    code, out, err = run(capsys, "build", "--out", str(tmp_path), "--back-offset", offset)
    assert code == 2
    assert err.splitlines()[-1] == f"Error: Invalid value for '--back-offset': {message}, received '{offset}'"


@pytest.mark.parametrize("existing", [True, False])
def test_calibrate_into_a_folder_writes_calibrate_pdf_there(capsys, tmp_path, existing):
    folder = tmp_path / "new"
    if existing:
        folder.mkdir()
    out = str(folder) if existing else f"{folder}/"
    code, stdout, _ = run(capsys, "calibrate", "--out", out)
    assert code == 0
    assert stdout == f"wrote {folder / 'calibrate.pdf'}: print it double-sided (long-edge) at 100 % (no 'fit to page')\n"
    assert [p.name for p in folder.iterdir()] == ["calibrate.pdf"]


def test_calibrate_out_empty_is_refused(capsys):
    code, _, err = run(capsys, "calibrate", "--out", "")
    assert code == 2
    assert err.splitlines()[-1] == "Error: Invalid value for '--out': expected a folder name, received nothing"


@pytest.mark.parametrize(
    ("argv", "warning"),
    [
        (["--notes-url", NOTES_URL], "warning: --notes-url has no effect with --no-qr: the cards get no QR codes"),
    ],
)
def test_notes_options_with_no_qr_are_said_to_have_no_effect(capsys, tmp_path, in_repo, argv, warning):
    code, _, err = run(capsys, "build", "--out", str(tmp_path), "--no-qr", *argv)
    assert code == 0
    assert err.splitlines() == [warning, *BLANK_VALUES]


def test_an_internal_error_is_one_line_and_a_traceback_only_with_debug(capsys, monkeypatch):
    from carddeck import commands

    def broken(*args):
        raise KeyError("oops")

    monkeypatch.setattr("carddeck.schema.json_schema", broken)
    code, out, err = run(capsys, "schema")
    assert code == 1 and out == ""
    assert err == (
        "Error: carddeck failed unexpectedly (KeyError). This is a bug in carddeck, not a mistake of yours: "
        "please report it with the command you ran and the output of 'carddeck --debug schema'.\n"
    )
    with pytest.raises(KeyError):
        main(["--debug", "schema"])
    assert commands.schema is not None


def test_serve_with_an_empty_host_is_refused(capsys):
    code, _, err = run(capsys, "notes", "serve", "--host", "")
    assert code == 1
    assert err == "Error: --host is empty; give an address such as 127.0.0.1 or 0.0.0.0\n"


def test_calibrate_into_a_folder_that_cannot_exist(capsys):
    code, out, err = run(capsys, "calibrate", "--out", "/proc/no-such-folder/calibrate.pdf")
    assert code == 1
    assert err.strip() == "Error: cannot write '/proc/no-such-folder/calibrate.pdf': No such file or directory"


def test_an_unknown_yaml_tag_is_a_problem_with_its_line(capsys, tmp_path):
    folder = tmp_path / "deck"
    folder.mkdir()
    (folder / "deck.yaml").write_text(DECK_YAML + "cards:\n  - id: x\n    kind: about\n    lang: da\n    text: !foo bar\n",
                                      encoding="utf-8")
    code, out, err = run(capsys, "validate", str(folder))
    assert code == 1 and "Traceback" not in out + err
    assert err == (
        f"Error: the deck has 1 problem:\n{folder}/deck.yaml:19:11: cards[0].text: the tag '!foo' has no meaning "
        "in a deck file; remove it\n"
        "  19 |     text: !foo bar\n"
        "     |           ^\n"
    )


def test_built_files_are_readable_by_others_as_the_umask_says(capsys, tmp_path, in_repo):
    import os

    old = os.umask(0o022)
    try:
        code, _, _ = run(capsys, "build", "--out", str(tmp_path), "--no-qr")
    finally:
        os.umask(old)
    assert code == 0
    assert {oct(p.stat().st_mode & 0o777) for p in tmp_path.iterdir()} == {oct(0o644)}


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_kit_is_written_whole_or_not_at_all(tmp_path, monkeypatch):
    from carddeck import write

    (tmp_path / "cards.pdf").write_bytes(b"old cards")
    (tmp_path / "poster.pdf").write_bytes(b"old poster")
    real = write._write_synced

    def full_disk(path, data, mode):
        if path.name == "poster.pdf":
            raise OSError(28, "No space left on device")
        real(path, data, mode)

    monkeypatch.setattr(write, "_write_synced", full_disk)
    with pytest.raises(OSError):
        write.write_files({tmp_path / "cards.pdf": b"new cards", tmp_path / "poster.pdf": b"new poster"})
    assert _listing(tmp_path) == {"cards.pdf": b"old cards", "poster.pdf": b"old poster"}  # nothing left behind


def test_a_failed_swap_is_rolled_back(tmp_path, monkeypatch):
    from carddeck import write

    (tmp_path / "cards.pdf").write_bytes(b"old cards")
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if Path(dst).name == "poster.pdf":
            raise OSError(5, "Input/output error")
        real(src, dst)

    monkeypatch.setattr(write.os, "replace", replace)
    files = {tmp_path / "cards.pdf": b"new cards", tmp_path / "poster.pdf": b"new poster",
             tmp_path / "table-tents.pdf": b"new tents"}
    with pytest.raises(OSError):
        write.write_files(files)
    monkeypatch.setattr(write.os, "replace", real)
    assert _listing(tmp_path) == {"cards.pdf": b"old cards"}
    assert write.write_files(files) == list(files)  # any set of files
    assert _listing(tmp_path) == {p.name: data for p, data in sorted(files.items())}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_special_files_are_never_replaced(capsys, tmp_path, in_repo):
    os.mkfifo(tmp_path / "pipe")
    code, _, err = run(capsys, "build", "--out", str(tmp_path / "pipe"), "--no-qr")
    assert code == 1
    assert err == f"Error: cannot write into '{tmp_path}/pipe': '{tmp_path}/pipe' exists and is not a folder\n"
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "elsewhere.pdf").write_bytes(b"keep me")
    (out / "cards.pdf").symlink_to(tmp_path / "elsewhere.pdf")
    code, _, err = run(capsys, "build", "--out", str(out), "--no-qr")
    assert code == 1
    assert err == (f"Error: cannot write into '{out}': '{out}/cards.pdf' is a symbolic link, not a file; "
                   "carddeck replaces only files, so move it away\n")
    assert (tmp_path / "elsewhere.pdf").read_bytes() == b"keep me"
    assert sorted(p.name for p in out.iterdir()) == ["cards.pdf"]
    code, _, err = run(capsys, "calibrate", "--out", str(tmp_path / "pipe"))
    assert code == 1
    assert err == (f"Error: cannot write '{tmp_path}/pipe': '{tmp_path}/pipe' is a named pipe, not a file; "
                   "carddeck replaces only files, so move it away\n")


def test_an_out_that_is_a_file_is_refused(capsys, tmp_path, in_repo):
    (tmp_path / "kit").write_bytes(b"x")
    code, _, err = run(capsys, "build", "--out", str(tmp_path / "kit"), "--no-qr")
    assert code == 1
    assert err == f"Error: cannot write into '{tmp_path}/kit': '{tmp_path}/kit' exists and is not a folder\n"
    assert (tmp_path / "kit").read_bytes() == b"x"


@pytest.mark.parametrize(
    ("argv", "warning"),
    [
        (["--for", "print-shop", "--paper", "letter"],
         "warning: --paper only applies to office sheets; a print-shop file has one card per page"),
        (["--for", "print-shop", "--duplex", "fold", "--back-offset", "1,0"],
         "warning: --duplex and --back-offset only apply to office sheets; a print-shop file has one card per page"),
        (["--marks"], "warning: --marks only applies with --for print-shop; office sheets always have cut marks"),
        (["--duplex", "none", "--back-offset", "0,1"],
         "warning: --back-offset only applies to double-sided printing, not to --duplex none"),
    ],
)
def test_options_without_effect_are_named(capsys, tmp_path, in_repo, argv, warning):
    code, _, err = run(capsys, "build", "--out", str(tmp_path), "--no-qr", *argv)
    assert code == 0
    assert err.splitlines()[0] == warning


def test_slots_smaller_than_the_cards_are_warned_about(capsys, tmp_path, in_repo):
    code, _, err = run(capsys, "build", "--out", str(tmp_path), "--no-qr", "--poster-size", "a3")
    assert code == 0
    assert err.splitlines()[-1] == (
        "warning: the card slots on the A3 board are 35% of a 105×148 mm card, so the cards will not fit them; "
        "for slots at the cards' size use --poster-size a0 or a smaller --card-size"
    )
    code, _, err = run(capsys, "build", "--out", str(tmp_path), "--no-qr")
    assert "card slots" not in err


def test_build_reports_progress_page_by_page_up_to_the_total():
    from carddeck.build import KitOptions, build_kit
    from carddeck.layout.deck import CardOptions
    from carddeck.load import load_deck

    seen = []
    result = build_kit(load_deck(DECK_DIR), KitOptions(cards=CardOptions(qr=False, copies=2)),
                       progress=lambda done, total: seen.append((done, total)))
    total = seen[-1][1]
    assert [d for d, _ in seen] == list(range(1, total + 1))
    assert {t for _, t in seen} == {total}
    import io

    card_pages = len(pikepdf.open(io.BytesIO(result.files["cards.pdf"])).pages)
    assert total == card_pages + len(KIT_FILES) - 1  # card pages, then every other file as one step


def test_validate_says_each_misfit_once_where_it_is_written(capsys, tmp_path):
    import shutil

    folder = tmp_path / "deck"
    shutil.copytree(DECK_DIR, folder)
    phases = folder / "phases.yaml"
    long_title = " ".join(["Formålsbeskrivelse"] * 8)
    phases.write_text(phases.read_text(encoding="utf-8").replace(
        "    title: Formål på egen arbejdsplads\n", f"    title: {long_title}\n", 1), encoding="utf-8")
    code, _, err = run(capsys, "validate", str(folder))
    assert code == 1
    # The phase card and its five question cards show the title in their band: one problem, at
    # the phase card's title; the poster's misfit comes in the same report.
    assert [line for line in err.splitlines() if not line.startswith("  ")] == [
        "Error: the deck has 2 problems:",
        f"{phases}:10: cards[0].title: card 'fase-1': 'Formålsbeskrivelse Formålsbeskrivelse Formålsbeskrivelse Fo…' does not fit its place on the 841×1189 mm "
        "poster even at 68 pt; shorten it",
        f"{phases}:10: cards[0].title: the heading 'Formålsbeskrivelse Formålsbeskrivelse Formålsbeskrivelse Fo…' does not fit the band of a 105×148 mm card "
        "even at 7 pt; shorten it or choose a larger --card-size",
    ]


_COUNT_PLUGIN_LOOKUPS = """
import importlib.metadata, os, sys
os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)  # as a user's shell has it
looked = []
every = importlib.metadata.entry_points
def counted(**params):
    looked.append(params.get("group"))
    return every(**params)
importlib.metadata.entry_points = counted  # before pydantic imports it
from carddeck.cli import main
try:
    main(["validate", sys.argv[1]])
except SystemExit:
    pass
print("pydantic" in looked)
"""


def test_a_command_does_not_look_through_installed_packages_for_pydantic_plugins():
    # pydantic reads every installed package's entry points for plugins at its first model:
    # tens of milliseconds of every command's start, for plugins carddeck does not take.
    done = subprocess.run([sys.executable, "-c", _COUNT_PLUGIN_LOOKUPS, str(ROOT / "deck")],
                          capture_output=True, text=True, timeout=120)
    assert done.stdout.splitlines()[-1] == "False", done.stdout + done.stderr
