"""Build a kit: deck folder and options in, PDF files out (written only when all succeeded).

The glue of the pipeline: load → layout → render → write. Warnings (blank values, a notes URL
that phones cannot reach) are returned for the command line to print.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DeckError, UsageProblem
from .layout.boxes import Document
from .layout.deck import CardOptions, cards_document
from .layout.errors import LayoutError
from .urls import DEFAULT_URL, LONGEST_NOTES_URL, is_unreachable, printed_url
from .wifi import Wifi, parse as parse_wifi


@dataclass(frozen=True)
class KitOptions:
    """Everything ``carddeck build`` can be told. Lengths in mm."""

    cards: CardOptions = field(default_factory=CardOptions)
    poster_size: str = "a0"
    wifi: Wifi | None = None  # the network phones join: a QR code on the poster and table tents


@dataclass(frozen=True)
class Result:
    """What a build made: file name → bytes, plus figures for the summary line."""

    files: dict[str, bytes]
    cards: int
    pages: int
    warnings: list[str]


def resolve_notes(deck, notes_url: str | None) -> str | None:
    """The notes URL: the option, else the deck file, else the environment (checked)."""
    try:
        return printed_url(notes_url, deck.settings.notes_url)[0]
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None


def resolve_wifi(deck, wifi: str | None) -> Wifi | None:
    """The Wi-Fi phones join: ``--wifi NAME:PASSWORD``, else the deck's ``wifi:``, else none."""
    if wifi is not None:
        try:
            return parse_wifi(wifi)
        except ValueError as exc:
            raise UsageProblem(f"--wifi: {exc}") from None
    setting = deck.settings.wifi
    return Wifi(setting.ssid, setting.password) if setting else None


def warnings_for(deck, opts: CardOptions, check_url: bool = True) -> list[str]:
    """What the facilitator should know before printing (``check_url``: also the notes URL)."""
    out = []
    for card in deck.blank_values():
        file, line = card.source
        out.append(
            f"{file}:{line}: value card {card.id!r} has no text yet; it prints as a line to write on "
            f"(set 'text:' when the value is known)"
        )
    if check_url and opts.qr and is_unreachable(opts.notes_url):
        out.append(
            f"the QR codes open {opts.notes_url or DEFAULT_URL}, which phones cannot reach. Build for the "
            f"address phones will use on the day: your hotspot's (--notes-url http://10.42.0.1:8765) or "
            f"your municipality's server (README, 'Workshop day')."
        )
    if check_url and opts.qr and not is_unreachable(opts.notes_url) and deck.settings.privacy_contact is None:
        out.append(
            f"{deck.settings.locate('privacy_contact')[0]}: privacy_contact is not set, so the notes pages cannot "
            f"tell participants whom to ask about their notes. Set it to your municipality's contact or data "
            f"protection officer, with an e-mail address or phone number (README, 'Privacy and data')."
        )
    if opts.qr and opts.notes_url and len(opts.notes_url) > LONGEST_NOTES_URL:
        out.append(
            f"the notes URL has {len(opts.notes_url)} characters, more than the {LONGEST_NOTES_URL} the cards keep "
            f"room for in their QR code, so this build's cards may differ from what 'carddeck validate' checked"
        )
    return out


def lay_out(deck, options: KitOptions) -> dict[str, Document]:
    """Every document of the kit as placed boxes, by file name (no PDF made yet).

    :raises DeckError: with every text, on the cards and on the poster, that does not fit.
    :raises UsageProblem: when the cards do not fit the paper, or the Wi-Fi a table tent.
    """
    documents: dict[str, Document] = {}
    problems = []
    try:
        documents["cards.pdf"] = cards_document(deck, options.cards)
    except DeckError as exc:
        problems += exc.problems
    except LayoutError as exc:  # the options, not the deck: a card larger than the paper
        raise UsageProblem(str(exc)) from None
    try:
        documents.update(_posters(deck, options))
    except DeckError as exc:
        problems += exc.problems
    if problems:
        raise DeckError(problems)
    from .layout.materials import materials

    documents.update(materials(deck, options, documents))
    return documents


def layout_notes(documents: dict[str, Document]) -> list[str]:
    """What layout had to give way on, each said once."""
    return list(dict.fromkeys(note for document in documents.values() for note in document.notes))


def build_kit(deck, options: KitOptions, progress=None, ready=None, parallel: bool = True) -> Result:
    """Make every file of the kit in memory.

    ``progress(done, total)`` is called as pages are finished (for a progress bar): the card
    pages one by one, then each other file as one step. ``ready(name, data)`` is called with
    cards.pdf as soon as it is made, once every file has been laid out (so the deck is known
    to be good) and before the others are collected: ``--watch`` writes it at once.
    ``parallel``: draw the files other than cards.pdf in a second process when one can run
    beside this one (:mod:`carddeck.apart`); the bytes are the same either way.
    :raises DeckError: with every text that does not fit.
    """
    from . import apart
    from .render.pdf import render

    documents = lay_out(deck, options)
    cards = documents["cards.pdf"]
    steps = len(cards.pages) + len(documents) - 1
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, steps)

    others = {name: document for name, document in documents.items() if name != "cards.pdf"}
    names = list(others)
    # The other files are drawn by a forked copy of this process on a second core while this
    # one draws the cards (the same code on the same boxes: the same bytes), each taken by
    # whichever process is free first: this one takes what is left once the cards are drawn.
    # Without a second core, or if the copy fails, they are drawn here.
    with apart.Shares(len(names)) as shares:

        def draw_shared() -> dict[str, bytes]:
            return {names[i]: render(others[names[i]]) for i in iter(shares.take, None)}

        pending = apart.start(draw_shared) if parallel else None
        try:
            files = {"cards.pdf": render(cards, on_page=step)}
            if ready:
                ready("cards.pdf", files["cards.pdf"])
            here = draw_shared()
        finally:
            # The second process is waited for even when drawing the cards or ready failed (it
            # would wait on its pipe, and --watch goes on); the pieces it has not begun are taken
            # from it first, so it stops after the one it is drawing.
            if pending:
                shares.drain()
            beside = (pending.result() if pending else None) or {}
    drawn = {**beside, **here}
    for name, document in others.items():
        files[name] = drawn[name] if name in drawn else render(document)
        step()
    pages = sum(len(d.pages) for d in documents.values())
    warnings = warnings_for(deck, options.cards) + layout_notes(documents)
    return Result(files, len(deck.cards) * options.cards.copies, pages, warnings)


def _posters(deck, options: KitOptions):
    """(file name, document) of the poster, its office tiles and its companion sheet of lists."""
    from .layout import lists, poster, tiles

    opts = options.cards
    board = poster.poster_document(deck, poster.PosterOptions(
        size=options.poster_size, card_size=opts.size, notes_url=opts.notes_url,
        qr=opts.qr, print_shop=opts.print_shop, marks=opts.marks,
        wifi=options.wifi.payload if options.wifi else None,
    ))
    yield "poster.pdf", board
    if not opts.print_shop:
        yield "poster-tiles.pdf", tiles.tiles_document(board, opts.paper, deck.settings.lang)
    sheet = lists.lists_document(deck, opts.paper)  # the board's companion: on the office printer
    if sheet is not None:
        yield "lists.pdf", sheet


def write_kit_file(out: str | os.PathLike, name: str, data: bytes) -> Path:
    """Write one file of the kit into ``out`` (replaced whole or not at all)."""
    from .write import write_files

    (path,) = write_files({Path(out) / name: data})
    return path


def write_kit(result: Result, out: str | os.PathLike, written: Collection[str] = ()) -> list[Path]:
    """Write the files of a finished build into ``out``: all of them, or (on an error) none of
    them, except the names in ``written``: those were written already as they were made
    (``build_kit``'s ``ready``, for ``--watch``), so not again, and stay new whatever happens here.
    Returns the path of every file of the kit."""
    from .write import write_files

    folder = Path(out)
    write_files({folder / name: data for name, data in result.files.items() if name not in written})
    return [folder / name for name in result.files]

