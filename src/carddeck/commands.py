"""The kit commands: build, validate, schema, calibrate. Thin: options in, library call, one line out."""

from __future__ import annotations

import contextlib
import json
import math
import re
import time
from pathlib import Path

import click

from . import collector
from .errors import DeckError, UsageProblem, removed_option
from .labels import LABELS
from .layout.sheet import DUPLEX
from .sizes import CARD_SIZES, PAPER_SIZES, POSTER_SIZES, card_size
from .urls import MOST_COPIES


def _card_size(ctx, param, value):
    if value is None:
        return None  # the deck's card_size, else A6
    try:
        return card_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _defaults(kit, size, paper):
    """Card size and paper: the option, else the deck's setting, else A6 on A4."""
    settings = kit.settings
    return size or card_size(settings.card_size or "a6"), paper or settings.paper or "a4"


MAX_OFFSET = 20.0  # mm; more than this is a wrong paper size or scaling, not a duplex shift


# A length as people type it: ASCII digits with an optional point (float() would also take
# "1_0" as 10 and full-width digits, which no one means).
_DECIMAL = re.compile(r"\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*", re.ASCII)


def _offset(ctx, param, value):
    parts = value.split(",")
    if len(parts) != 2 or not all(_DECIMAL.fullmatch(v) for v in parts):
        raise click.BadParameter(f"expected X,Y in mm (e.g. 1.5,-0.5), received {value!r}")
    x, y = (float(v) for v in parts)
    if not all(math.isfinite(v) and abs(v) <= MAX_OFFSET for v in (x, y)):
        raise click.BadParameter(
            f"expected X and Y each between -{MAX_OFFSET:g} and {MAX_OFFSET:g} mm, received {value!r}"
        )
    return x, y


class WholeNumber(click.IntRange):
    """A whole number written in ASCII digits (click's int() would take "1_0" and "１０")."""

    name = "whole number"

    def convert(self, value, param, ctx):
        if isinstance(value, str) and not re.fullmatch(r"\s*\+?\d+\s*", value, re.ASCII):
            self.fail(f"expected a whole number in digits 0-9, received {value!r}", param, ctx)
        return super().convert(value, param, ctx)


def _folder(ctx, param, value):
    if not value.strip():
        raise click.BadParameter("expected a folder name, received nothing")
    return value


def deck_argument(func):
    return click.argument("deck", default="deck", type=click.Path(file_okay=False))(func)


def print_options(func):
    """Options shared by build and validate: what size and how the cards are printed."""
    for option in reversed([
        click.option("--card-size", "size", callback=_card_size,
                     help=f"Card size: {', '.join(CARD_SIZES)}, or WxH in mm (e.g. 90x140). "
                          "Default: the deck's card_size, else a6."),
        click.option("--paper", type=click.Choice(list(PAPER_SIZES)),
                     help="Office paper for the cards and poster tiles. Default: the deck's paper, else a4."),
        click.option("--poster-size", type=click.Choice(list(POSTER_SIZES)), default="a0", show_default=True,
                     help="Size of the board poster (A0 holds A6 cards at their size)."),
    ]):
        func = option(func)
    return func


def _ignored(target, paper, duplex, back_offset, marks, qr=True, notes=()) -> list[str]:
    """Options that have no effect with the others given: say so rather than ignore them quietly.

    ``notes`` names the given notes options (``--notes-url``).
    """
    out = []
    if not qr and notes:
        verb = "has" if len(notes) == 1 else "have"
        out.append(f"{' and '.join(notes)} {verb} no effect with --no-qr: the cards get no QR codes")
    if target == "print-shop":
        given = [name for name, used in (("--paper", paper is not None), ("--duplex", duplex != "long-edge"),
                                          ("--back-offset", back_offset != (0.0, 0.0))) if used]
        if given:
            verb = "applies" if len(given) == 1 else "apply"
            out.append(f"{' and '.join(given)} only {verb} to office sheets; a print-shop file has one card per page")
    elif marks:
        out.append("--marks only applies with --for print-shop; office sheets always have cut marks")
    if target == "office" and duplex in ("fold", "none") and back_offset != (0.0, 0.0):
        out.append(f"--back-offset only applies to double-sided printing, not to --duplex {duplex}")
    return out


GONE_TOKEN = ("--notes-token is gone: the QR codes carry no key any more, so a printed kit works at every "
              "workshop. Participants write without one; the facilitator opens the link 'carddeck notes serve' prints.")


def load_checked(folder, options, lang: str | None = None):
    """The deck in ``folder`` with its texts in ``lang`` (default: its own; see
    :meth:`~carddeck.deck.Deck.in_language`), or a DeckError with every mistake at once: the
    loader's, every text missing in ``lang``, and the layout's fit of every card that validated
    (``options(deck)`` gives the build's options).
    """
    return load_checked_in(folder, options, [lang])[0]


def load_checked_in(folder, options, langs: list | None = None) -> list:
    """:func:`load_checked` for each of ``langs`` (None: every language the deck has), the
    mistakes of all of them in one DeckError."""
    from .build import lay_out
    from .load import read_deck

    source, problems = read_deck(folder)
    kits = []
    for lang in (langs if langs is not None else (source.language_tags if source is not None else [None])):
        if source is None:
            break
        try:
            kits.append(source.in_language(lang))
        except DeckError as exc:
            problems += exc.problems  # DeckError says a problem found twice once
    if not problems:
        return kits
    for kit in kits:
        try:
            lay_out(kit, options(kit))
        except DeckError as exc:
            problems += exc.problems
        except UsageProblem:
            pass  # an option that does not suit this deck: said once the deck is right
        except Exception:  # noqa: BLE001 - layout of a deck with mistakes must not hide them
            pass
    raise DeckError(problems)


def check_lang(ctx, param, value):
    """A click callback: ``value`` checked as a language tag, or each of them for an option given
    several times (a tuple); None stays None (the deck's own language)."""
    if value is None:
        return None
    if isinstance(value, tuple):
        return tuple(check_lang(ctx, param, one) for one in value)
    from .langtags import check_tag

    try:
        return check_tag(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def lang_option(help_text: str):
    """``--lang TAG``: the language the kit is made in (checked as a tag; the deck checks the rest)."""
    return click.option("--lang", metavar="TAG", callback=check_lang, help=help_text)


def _check_qr_fit(kit, url: str, copies: int) -> None:
    """Refuse a notes URL whose card QR codes no phone could read from a card."""
    from .model import qr_overflow
    from .urls import card_url

    overflow = qr_overflow(card_url(url, card.id, copies if copies > 1 else None) for card in kit.cards)
    if overflow:
        raise UsageProblem(f"the notes URL: {overflow}")


def _warn(lines) -> None:
    for line in lines:
        click.secho(f"warning: {line}", fg="yellow", err=True)


@click.command()
@deck_argument
@click.option("--out", default="output", show_default=True, type=click.Path(), callback=_folder,
              help="Folder for the kit: cards.pdf, poster.pdf, poster-tiles.pdf, lists.pdf, table-tents.pdf, guide.pdf, contact-sheet.pdf and tuck-box.pdf.")
@print_options
@click.option("--for", "target", type=click.Choice(["office", "print-shop"]), default="office", show_default=True,
              help="office: cards on A4/Letter sheets with cut marks. print-shop: one card per page, 3 mm bleed, CMYK.")
@click.option("--duplex", type=click.Choice(DUPLEX), default="long-edge", show_default=True,
              help="How your printer prints backs: flip on the long edge, the short edge, 'fold' "
                   "(fronts and backs on one side, fold in the middle) or 'none' (fronts only).")
@click.option("--back-offset", default="0,0", callback=_offset, metavar="X,Y",
              help="Shift the backs by X,Y mm as seen from the front (read it off 'carddeck calibrate').")
@click.option("--copies", default=1, show_default=True, type=WholeNumber(1, MOST_COPIES),
              help="Sets of cards, one per table; each copy carries its table number.")
@click.option("--notes-url", help="Address of the notes service that the QR codes open "
              "(else the deck's notes_url, else $CARDDECK_NOTES_URL).")
@removed_option("--notes-token", GONE_TOKEN)
@click.option("--no-qr", is_flag=True, help="Leave the QR codes out.")
@click.option("--marks", is_flag=True, help="Print-shop: add crop marks outside the bleed.")
@click.option("--wifi", metavar="NAME:PASSWORD",
              help="The Wi-Fi that phones join (your hotspot): a join QR code on the poster and the table "
                   "tents. Write \\: for a colon in the name. Else the deck's wifi: setting.")
@click.option("--watch", is_flag=True,
              help="Stay running and build again whenever a deck file is saved (Ctrl-C stops).")
@lang_option("Language of the whole kit, as a BCP-47 tag (da, nb, en): every card, the poster, the lists, "
             "the guide. Default: the deck's lang. Each other language is a file lang/TAG.yaml in DECK.")
def build(deck, out, size, paper, poster_size, target, duplex, back_offset, copies, notes_url, no_qr, marks,
          wifi, watch, lang):
    """Build the printable kit from DECK (default: deck/) into --out.

    Files are replaced only when the whole build succeeded: a failed build keeps the last good PDFs.
    """
    from .build import KitOptions, resolve_notes, resolve_wifi
    from .layout.deck import CardOptions

    from .write import Refused, check_folder

    start = time.perf_counter()
    try:
        check_folder(out)  # before the work of a build, not after it
    except Refused as exc:
        raise UsageProblem(f"cannot write into {out!r}: {exc}") from None
    given = ["--notes-url"] if notes_url else []
    _warn(_ignored(target, paper, duplex, back_offset, marks, qr=not no_qr, notes=given))

    def options(kit) -> KitOptions:
        card_size, paper_size = _defaults(kit, size, paper)
        url = resolve_notes(kit, notes_url)
        if not no_qr and url:
            _check_qr_fit(kit, url, copies)
        return KitOptions(
            cards=CardOptions(size=card_size, paper=paper_size, duplex=duplex, back_offset=back_offset, copies=copies,
                              notes_url=url, qr=not no_qr, print_shop=target == "print-shop",
                              marks=marks),
            poster_size=poster_size, wifi=resolve_wifi(kit, wifi),
        )

    if not watch:
        with collector.paused():  # one build, then the process ends (--watch keeps the collector on)
            line = _build_once(deck, out, options, copies, start, lang=lang)
        click.echo(line)
        return
    from .watch import Watcher, run

    def rebuild() -> str:
        """One build; its line, or its errors, said and returned (the watch goes on either way)."""
        try:
            line = _build_once(deck, out, options, copies, time.perf_counter(), early=True, lang=lang)
        except click.ClickException as exc:
            line = f"Error: {exc.format_message()}"
            click.secho(line, fg="red", err=True)
            return line
        click.echo(line)
        return line

    click.echo(f"watching {deck} for changes; Ctrl-C stops", err=True)
    try:
        run(Watcher(deck, rebuild))
    except KeyboardInterrupt:
        click.echo("stopped watching", err=True)


def _build_once(deck, out, options, copies: int, start: float, early: bool = False, lang: str | None = None) -> str:
    """Load, build and write the kit once, in ``lang``; warnings said; return the summary line.

    ``early``: write cards.pdf as soon as it is made, before the other files are drawn.

    :raises DeckError, UsageProblem: what a build reports (nothing is written then).
    """
    from .build import build_kit, write_kit, write_kit_file

    kit = load_checked(deck, options, lang)
    opts = options(kit)
    written: list[str] = []  # the files written early, as they were made: write_kit does not write them again

    def write_early(name: str, data: bytes) -> None:
        with _writing(out):
            write_kit_file(out, name, data)
        written.append(name)

    if copies >= 10:  # a few seconds or more: show how far it is
        with click.progressbar(length=1, label="building", file=click.get_text_stream("stderr")) as bar:

            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            result = build_kit(kit, opts, progress=progress)
    else:
        result = build_kit(kit, opts, ready=write_early if early else None)
    with _writing(out):
        paths = write_kit(result, out, written)
    _warn(result.warnings)
    seconds = time.perf_counter() - start
    return f"built {result.cards} cards, {result.pages} pages: {', '.join(str(p) for p in paths)} in {seconds:.1f} s"


@contextlib.contextmanager
def _writing(out):
    """Around writing the kit into ``out``: a disk or permission error is said, not a traceback.

    :raises UsageProblem: ``cannot write into 'out': …``.
    """
    try:
        yield
    except OSError as exc:
        raise UsageProblem(f"cannot write into {out!r}: {exc.strerror or exc}") from None


@click.command()
@deck_argument
@print_options
@click.option("--for", "target", type=click.Choice(["office", "print-shop"]), default="office", show_default=True,
              help="Check the fit for office sheets or for the print shop.")
@lang_option("Check the kit in this language only (a BCP-47 tag: da, nb, en). Default: every language "
             "the deck has (its lang and each lang/TAG.yaml): every card must have its text in each.")
def validate(deck, size, paper, poster_size, target, lang):
    """Check DECK (default: deck/): every mistake at once, with file, line and key."""
    from .build import KitOptions, lay_out, layout_notes, warnings_for
    from .layout.deck import CardOptions

    def options(kit) -> KitOptions:
        # Everything a build does but encoding, drawing and writing. Any notes URL stands in for
        # the real one: cards keep room for the QR code of the longest (80 characters, table 500).
        card_size, paper_size = _defaults(kit, size, paper)
        return KitOptions(cards=CardOptions(size=card_size, paper=paper_size, print_shop=target == "print-shop",
                                            notes_url="https://example.org"), poster_size=poster_size)

    kits = load_checked_in(deck, options, None if lang is None else [lang])
    problems, warned = [], []
    for kit in kits:
        opts = options(kit)
        try:
            documents = lay_out(kit, opts)
        except DeckError as exc:
            problems += exc.problems
            continue
        warned += [w for w in warnings_for(kit, opts.cards, check_url=False) + layout_notes(documents) if w not in warned]
    if problems:
        raise DeckError(problems)
    _warn(warned)
    click.echo(f"{deck}: {len(kits[0].cards)} cards in {', '.join(k.settings.lang for k in kits)}, no problems")


@click.command()
@click.argument("deck", required=False, type=click.Path(file_okay=False))
def schema(deck):
    """Print the JSON Schema of deck files, for editors that check and complete YAML.

    With DECK, the card kinds are that deck's own families; without, the built-in ones.
    """
    from .schema import json_schema

    families = None
    if deck is not None:
        from .load import read_deck

        kit, problems = read_deck(deck)
        if kit is None:
            raise DeckError(problems)
        families = kit.families
    click.echo(json.dumps(json_schema(families), indent=2, ensure_ascii=False))


CALIBRATE_FILE = "calibrate.pdf"


@click.command()
@deck_argument
@click.option("--paper", type=click.Choice(list(PAPER_SIZES)), default="a4", show_default=True,
              help="The paper you will print the cards on.")
@click.option("--duplex", type=click.Choice(["long-edge", "short-edge"]), default="long-edge", show_default=True,
              help="The flip edge you will print the cards with.")
@click.option("--out", default="output/calibrate.pdf", show_default=True, type=click.Path(), callback=_folder,
              help="Where to write the test sheet (a folder: calibrate.pdf in it).")
@lang_option("Language of the sheet's text (da, nb, en). Default: the lang of DECK's deck.yaml (DECK: deck/), "
             "else da.")
def calibrate(deck, paper, duplex, out, lang):
    """Print a one-sheet duplex test: hold it against a window and read the back offset.

    Then build with --back-offset X,Y using the numbers where the back's cross meets the scales.
    """
    from .layout.calibrate import calibration_document
    from .render.pdf import render
    from .write import write_atomic

    if out.endswith(("/", "\\")) or Path(out).is_dir():
        out = str(Path(out) / CALIBRATE_FILE)
    if lang is None:
        from .load import DECK_FILE, read_lang

        lang = read_lang(deck) if (Path(deck) / DECK_FILE).exists() else "da"  # the sheet needs no deck
    if lang not in LABELS:
        raise UsageProblem(f"carddeck has no calibration sheet in {lang!r}; give --lang {' or '.join(LABELS)}")
    try:
        write_atomic(out, render(calibration_document(PAPER_SIZES[paper], duplex, lang)))
    except OSError as exc:
        raise UsageProblem(f"cannot write {out!r}: {exc.strerror or exc}") from None
    click.echo(f"wrote {out}: print it double-sided ({duplex}) at 100 % (no 'fit to page')")


__all__ = ["build", "validate", "schema", "calibrate"]
