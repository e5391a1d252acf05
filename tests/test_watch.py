"""``carddeck build --watch``: it builds, picks up an edit and a mistake, and keeps the last good
kit; driven poll by poll (the pause between polls makes the next change), no wall-clock waits."""

from __future__ import annotations

import textwrap

from carddeck import watch
from carddeck.cli import main
from kitutil import NOTES_URL, PHASE_CARD, page_texts, squash


def watched(monkeypatch, folder, out, steps, each=None) -> None:
    """``carddeck build FOLDER --out OUT --watch``, each pause between two polls making the next of
    ``steps`` (after ``each()``), then Ctrl-C."""
    steps = list(steps)

    def pause(seconds):
        assert seconds == watch.INTERVAL
        if each:
            each()
        if not steps:
            raise KeyboardInterrupt
        steps.pop(0)()

    monkeypatch.setattr(watch.time, "sleep", pause)
    assert main(["build", str(folder), "--out", str(out), "--notes-url", NOTES_URL, "--watch"]) == 0


def test_watch_picks_up_an_edit_and_a_mistake(capsys, monkeypatch, make_deck, tmp_path):
    folder = make_deck({"phases.yaml": PHASE_CARD})
    out = tmp_path / "kit"
    steps = [
        lambda: (folder / "phases.yaml").write_text(PHASE_CARD.replace("Formål", "Vores formål"), encoding="utf-8"),
        lambda: None,  # nothing changed: no build
        lambda: (folder / "phases.yaml").write_text(PHASE_CARD.replace("    phase: 1\n", "    phase: 9\n"), encoding="utf-8"),
    ]
    seen = []
    watched(monkeypatch, folder, out, steps, each=lambda: seen.append(page_texts(out / "cards.pdf")[0]))
    stdout, stderr = capsys.readouterr()
    built = [line for line in stdout.splitlines() if line.startswith("built ")]
    assert len(built) == 2  # the first build and the edit; the unchanged poll and the mistake build nothing
    assert squash("Formål") in squash(seen[0]) and squash("Vores formål") in squash(seen[1])
    privacy = (f"warning: {folder}/deck.yaml: privacy_contact is not set, so the notes pages cannot tell participants "
               f"whom to ask about their notes. Set it to your municipality's contact or data protection officer, with "
               f"an e-mail address or phone number (README, 'Privacy and data').")
    assert stderr.splitlines() == [
        f"watching {folder} for changes; Ctrl-C stops",
        privacy,  # each build says what the facilitator should know
        privacy,
        "Error: the deck has 1 problem:",
        f"{folder}/phases.yaml:5:12: cards[0].phase: expected a number from 1 to 6, received 9",
        "  5 |     phase: 9",
        "    |            ^",
        "stopped watching",
    ]
    assert squash("Vores formål") in squash(page_texts(out / "cards.pdf")[0])  # the last good kit stays


def test_a_poll_without_a_change_builds_nothing(tmp_path):
    (tmp_path / "deck.yaml").write_text("title: x\n", encoding="utf-8")
    calls = []
    watcher = watch.Watcher(tmp_path, lambda: calls.append(1) or "built")
    assert watcher.poll() == "built" and watcher.poll() is None
    (tmp_path / "deck.yaml").write_text("title: y\n", encoding="utf-8")  # same size, maybe same mtime
    assert watcher.poll() == "built" and len(calls) == 2
    (tmp_path / "notes.txt").write_text("not a deck file", encoding="utf-8")
    assert watcher.poll() is None
    (tmp_path / "lang").mkdir()
    (tmp_path / "lang/en.yaml").write_text("lang: en\n", encoding="utf-8")  # a language file is a deck file
    assert watcher.poll() == "built" and watcher.poll() is None
    (tmp_path / "lang/en.yaml").write_text("lang: nb\n", encoding="utf-8")
    assert watcher.poll() == "built" and len(calls) == 4


def test_a_poll_sees_the_files_the_deck_is_read_from_and_no_other(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/x.yaml").write_text("cards: []\n", encoding="utf-8")
    (tmp_path / "deck.yaml").write_text("title: x\ninclude: [sub/x.yaml, more.cards]\n", encoding="utf-8")
    calls = []
    watcher = watch.Watcher(tmp_path, lambda: calls.append(1) or "built")
    assert watcher.poll() == "built"
    (tmp_path / "sub/x.yaml").write_text("cards: [1]\n", encoding="utf-8")  # included, in a folder
    assert watcher.poll() == "built"
    (tmp_path / "more.cards").write_text("cards: []\n", encoding="utf-8")  # included, of another name, appears
    assert watcher.poll() == "built"
    (tmp_path / "other.yaml").write_text("cards: []\n", encoding="utf-8")  # not included: not read
    assert watcher.poll() is None
    (tmp_path / "deck.yaml").write_text("title: x\n", encoding="utf-8")  # no include: every *.yaml beside it
    assert watcher.poll() == "built"
    (tmp_path / "other.yaml").write_text("cards: [1]\n", encoding="utf-8")
    (tmp_path / "sub/x.yaml").write_text("cards: [2]\n", encoding="utf-8")  # no longer read
    assert watcher.poll() == "built" and watcher.poll() is None
    (tmp_path / "sub/x.yaml").write_text("cards: [3]\n", encoding="utf-8")
    (tmp_path / "x.yml").write_text("cards: []\n", encoding="utf-8")  # the loader reads no *.yml
    assert watcher.poll() is None and len(calls) == 5


def test_a_rebuild_in_one_process_lays_out_changed_cards_anew(make_deck):
    """The faces of unchanged cards are reused; a card whose heading changed is laid out anew."""
    from carddeck.layout.deck import CardOptions, card_artwork
    from carddeck.load import load_deck

    question = "  - id: fase-1-q\n    kind: question\n    lang: da\n    phase: 1\n    text: Hvad vil vi?\n"
    folder = make_deck({"phases.yaml": PHASE_CARD + question})
    first, _ = card_artwork(load_deck(folder), CardOptions(qr=False))
    again, _ = card_artwork(load_deck(folder), CardOptions(qr=False))
    assert again["front:fase-1-q"].boxes[0] is first["front:fase-1-q"].boxes[0]  # reused, not laid out again
    (folder / "phases.yaml").write_text(PHASE_CARD.replace("Formål", "Nyt mål") + question, encoding="utf-8")
    changed, _ = card_artwork(load_deck(folder), CardOptions(qr=False))
    texts = [b.text for b in changed["front:fase-1-q"].boxes if hasattr(b, "text")]
    assert any("NYT MÅL" in t.upper() for t in texts)
    assert changed["front:fase-1-q"].boxes[0] is not first["front:fase-1-q"].boxes[0]


def test_a_rebuild_writes_cards_pdf_once_and_first(monkeypatch, make_deck, tmp_path):
    """cards.pdf is written as soon as it is made, and the rest of the kit after it, without it."""
    from carddeck import write

    folder = make_deck({"phases.yaml": PHASE_CARD})
    out = tmp_path / "kit"
    writes = []
    real = write.write_files
    monkeypatch.setattr(write, "write_files", lambda files: writes.append([p.name for p in files]) or real(files))
    watched(monkeypatch, folder, out, [])
    assert writes[0] == ["cards.pdf"] and len(writes) == 2
    assert "cards.pdf" not in writes[1] and set(writes[1]) == {p.name for p in out.iterdir()} - {"cards.pdf"}


def test_a_rebuild_that_cannot_write_cards_pdf_says_so_and_watches_on(capsys, monkeypatch, make_deck, tmp_path):
    folder = make_deck({"phases.yaml": PHASE_CARD})
    out = tmp_path / "kit"
    (out / "cards.pdf").mkdir(parents=True)  # in the way of the first write, the early one
    watched(monkeypatch, folder, out, [lambda: (out / "cards.pdf").rmdir() or (folder / "phases.yaml").write_text(
        PHASE_CARD.replace("Formål", "Vores formål"), encoding="utf-8")])
    stdout, stderr = capsys.readouterr()
    assert f"Error: cannot write into {str(out)!r}: {str(out / 'cards.pdf')!r} is a folder, not a file; carddeck " \
           f"replaces only files, so move it away" in stderr.splitlines()
    assert len([line for line in stdout.splitlines() if line.startswith("built ")]) == 1  # the next save builds
    assert squash("Vores formål") in squash(page_texts(out / "cards.pdf")[0])
