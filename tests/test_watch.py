"""``carddeck build --watch``: it builds, picks up an edit and a mistake, and keeps the last good
kit; driven poll by poll (the pause between polls makes the next change), no wall-clock waits."""

from __future__ import annotations

import textwrap

from carddeck import watch
from carddeck.cli import main
from kitutil import NOTES_URL, PHASE_CARD, page_texts, squash


def test_watch_picks_up_an_edit_and_a_mistake(capsys, monkeypatch, make_deck, tmp_path):
    folder = make_deck({"phases.yaml": PHASE_CARD})
    out = tmp_path / "kit"
    steps = [
        lambda: (folder / "phases.yaml").write_text(PHASE_CARD.replace("Formål", "Vores formål"), encoding="utf-8"),
        lambda: None,  # nothing changed: no build
        lambda: (folder / "phases.yaml").write_text(PHASE_CARD.replace("    phase: 1\n", "    phase: 9\n"), encoding="utf-8"),
    ]
    seen = []

    def pause(seconds):  # between two polls: make the next change, then stop
        assert seconds == watch.INTERVAL
        seen.append(page_texts(out / "cards.pdf")[0])
        if not steps:
            raise KeyboardInterrupt
        steps.pop(0)()

    monkeypatch.setattr(watch.time, "sleep", pause)
    assert main(["build", str(folder), "--out", str(out), "--notes-url", NOTES_URL, "--watch"]) == 0
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
