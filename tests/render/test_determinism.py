"""Same input, same bytes: also across processes with different hash seeds (set order)."""

import os
import subprocess
import sys
from dataclasses import replace

from kitutil import DECK_DIR, KIT_FILES, NOTES_URL


def _build(tmp_path, seed: str):
    out = tmp_path / f"seed-{seed}"
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "carddeck.cli", "build", str(DECK_DIR), "--out", str(out), "--notes-url", NOTES_URL,
         "--copies", "2"],
        check=True, env=env, capture_output=True,
    )
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_two_processes_with_different_hash_seeds_write_identical_files(tmp_path):
    first, second = _build(tmp_path, "1"), _build(tmp_path, "2")
    assert sorted(first) == sorted(KIT_FILES)
    for name in first:
        assert first[name] == second[name], name


def _kit(copies: int = 1):
    from carddeck.build import KitOptions
    from carddeck.layout.deck import CardOptions
    from carddeck.load import load_deck

    return load_deck(DECK_DIR), KitOptions(cards=CardOptions(notes_url=NOTES_URL, copies=copies))


def test_files_drawn_in_a_second_process_are_the_bytes_one_process_draws(monkeypatch):
    from carddeck import apart
    from carddeck.build import build_kit

    monkeypatch.setattr(apart, "_cores", lambda: 2)  # fork even on a one-core CI machine
    forks = []
    start = apart.start

    def counted(job):
        pending = start(job)
        forks.append(pending)
        return pending

    monkeypatch.setattr(apart, "start", counted)
    deck, options = _kit(copies=2)
    alone = build_kit(deck, options, parallel=False)
    assert forks == []
    apart_ = build_kit(deck, options)
    assert len(forks) == 1 and forks[0] is not None, "the build did not fork"
    assert list(apart_.files) == list(alone.files) == KIT_FILES
    for name in KIT_FILES:
        assert apart_.files[name] == alone.files[name], name
    assert (apart_.cards, apart_.pages, apart_.warnings) == (alone.cards, alone.pages, alone.warnings)


def _forks(monkeypatch) -> list:
    """Fork even on a one-core CI machine; the list of forks made (None: none could be made)."""
    from carddeck import apart

    monkeypatch.setattr(apart, "_cores", lambda: 2)
    forks = []
    start = apart.start

    def counted(job):
        forks.append(start(job))
        return forks[-1]

    monkeypatch.setattr(apart, "start", counted)
    return forks


def test_a_kit_drawn_in_two_processes_reports_what_one_process_reports(monkeypatch):
    from carddeck.build import KitOptions, build_kit

    forks = _forks(monkeypatch)
    deck, options = _kit()
    # Cards too large for a tuck box and for the board's slots: two layout notes besides the warnings.
    options = KitOptions(cards=replace(options.cards, size=(120.0, 180.0)))
    alone = build_kit(deck, options, parallel=False)
    apart_ = build_kit(deck, options)
    assert len(forks) == 1 and forks[0] is not None, "the build did not fork"
    assert "tuck-box.pdf" not in apart_.files and any(w.startswith("no tuck-box.pdf: ") for w in apart_.warnings)
    assert apart_ == alone


def test_the_kit_early_cards_come_from_is_the_kit_one_process_makes(monkeypatch):
    from carddeck.build import build_kit

    forks = _forks(monkeypatch)
    deck, options = _kit()
    early = []
    watched = build_kit(deck, options, ready=lambda name, data: early.append((name, data)))
    assert len(forks) == 1 and forks[0] is not None, "the build did not fork"
    alone = build_kit(deck, options, parallel=False)
    assert early == [("cards.pdf", alone.files["cards.pdf"])]
    assert watched == alone


def test_a_build_whose_second_process_fails_draws_the_kit_in_the_first(monkeypatch):
    from carddeck import apart
    from carddeck.build import build_kit

    forks = _forks(monkeypatch)
    deck, options = _kit()
    alone = build_kit(deck, options, parallel=False)

    def fails(files):
        raise MemoryError  # in the forked copy: it exits non-zero, unseen

    monkeypatch.setattr(apart, "_pack", fails)
    again = build_kit(deck, options)
    assert len(forks) == 1 and forks[0] is not None, "the build did not fork"
    assert again == alone


def test_a_second_process_sends_back_what_its_job_made(monkeypatch):
    from carddeck import apart

    monkeypatch.setattr(apart, "_cores", lambda: 2)
    files = {"a.pdf": b"%PDF-1.4 \x00\xff" * 50_000, "ø.pdf": b"", "c.pdf": b"x"}  # more than a pipe buffer holds
    pending = apart.start(lambda: files)
    assert pending is not None
    assert pending.result() == files


def test_a_failed_second_process_gives_no_files_and_prints_nothing(monkeypatch, capfd):
    from carddeck import apart

    monkeypatch.setattr(apart, "_cores", lambda: 2)
    pending = apart.start(lambda: {"a.pdf": bytes(1 / 0)})
    assert pending is not None
    assert pending.result() is None  # build_kit then draws the files itself
    assert capfd.readouterr() == ("", "")


def test_two_processes_take_every_shared_piece_once(monkeypatch):
    import pytest

    from carddeck import apart

    monkeypatch.setattr(apart, "_cores", lambda: 2)
    with apart.Shares(256) as shares:
        pending = apart.start(lambda: {"taken": bytes(iter(shares.take, None))})
        assert pending is not None
        here = list(iter(shares.take, None))
        there = list(pending.result()["taken"])
    assert sorted(here + there) == list(range(256))
    assert here == sorted(here) and there == sorted(there)  # each in the order they were given
    with pytest.raises(ValueError, match="^expected 0 to 256 pieces, received 257$"):
        apart.Shares(257)


def test_no_second_process_on_one_core_or_beside_another_thread(monkeypatch):
    import threading

    from carddeck import apart

    monkeypatch.setattr(apart, "_cores", lambda: 1)
    assert apart.start(lambda: {}) is None
    monkeypatch.setattr(apart, "_cores", lambda: 2)
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert apart.start(lambda: {}) is None
    finally:
        stop.set()
        thread.join()


def test_a_build_whose_cards_fail_to_draw_leaves_no_second_process_behind(monkeypatch):
    import signal

    import pytest

    from carddeck.build import build_kit
    from carddeck.render import pdf

    forks = _forks(monkeypatch)
    deck, options = _kit()
    draw = pdf.render

    def cards_fail(document, on_page=None):
        if on_page is not None:  # the cards, drawn here while the copy draws the others
            raise RuntimeError("the cards could not be drawn")
        return draw(document)

    monkeypatch.setattr(pdf, "render", cards_fail)
    with pytest.raises(RuntimeError, match="^the cards could not be drawn$"):
        build_kit(deck, options)  # --watch prints this and goes on in the same process
    (pending,) = forks
    assert pending is not None, "the build did not fork"
    try:
        reaped = os.waitpid(pending.pid, os.WNOHANG) != (0, 0)
    except ChildProcessError:
        reaped = True  # waited for by the build
    if not reaped:
        os.kill(pending.pid, signal.SIGKILL)  # not left on the machine after the test either
        os.waitpid(pending.pid, 0)
    assert reaped, "the forked copy was left waiting on its pipe"
