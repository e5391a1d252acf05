"""The commands for making a deck and looking at it: init and preview. Thin: options in,
library call, one line out."""

from __future__ import annotations

import click

from .commands import check_lang, lang_option
from .errors import UsageProblem


@click.command()
@click.argument("folder", type=click.Path())
@lang_option("The new deck's language, as a BCP-47 tag: da (Danish), nb (Norwegian bokmål) or en "
             "(English). Its cards and its words are in it. Default: da.")
@click.option("--with-lang", "also", metavar="TAG", multiple=True, callback=check_lang,
              help="One more language to start with (da, nb, en): a file lang/TAG.yaml with every text of the "
                   "deck in it, so that 'carddeck build --lang TAG' builds the kit in it. Give it again for another.")
def init(folder, lang, also):
    """Start a new deck in FOLDER: a deck.yaml with a card of every kind, each key explained.

    It validates and builds as it is; edit it from there.
    """
    from .scaffold import init_deck

    *files, last = init_deck(folder, lang or "da", also)
    click.echo(f"wrote {', '.join(map(str, files))} and {last}: edit deck.yaml, then run 'carddeck build {folder}'")





@click.command()
@click.argument("deck", default="deck", type=click.Path(file_okay=False))
@click.option("--out", default="output/preview", show_default=True, type=click.Path(file_okay=False),
              help="Folder for the PNG files (made if missing).")
@click.option("--dpi", default=150, show_default=True, type=click.IntRange(36, 600),
              help="Resolution: 150 for slides, 300 for print.")
@click.option("--card-size", "size", help="Card size: a6, a7, poker, bridge, tarot, or WxH in mm. "
              "Default: the deck's card_size, else a6.")
@click.option("--notes-url", help="Address of the notes service that the QR codes open "
              "(else the deck's notes_url, else $CARDDECK_NOTES_URL).")
@click.option("--no-qr", is_flag=True, help="Leave the QR codes out.")
@lang_option("Language of the cards (da, nb, en), as build's --lang. Default: the deck's lang.")
def preview(deck, out, dpi, size, notes_url, no_qr, lang):
    """Write a PNG of each card face of DECK, front and back, named by code and id.

    For slides and online workshops: <code>-<id>-front.png and <code>-<id>-back.png.
    """
    from .build import resolve_notes
    from .layout.deck import CardOptions
    from .load import load_kit
    from .preview import previews, write_previews
    from .sizes import card_size

    kit = load_kit(deck, lang)
    try:
        size = card_size(size or kit.settings.card_size or "a6")
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--card-size'") from None
    url = resolve_notes(kit, notes_url)
    files = previews(kit, CardOptions(size=size, notes_url=url, qr=not no_qr), dpi)
    try:
        write_previews(files, out)
    except OSError as exc:
        raise UsageProblem(f"cannot write into {out!r}: {exc.strerror or exc}") from None
    click.echo(f"wrote {len(files)} previews ({len(kit.cards)} cards, front and back) into {out} at {dpi} dpi")


__all__ = ["init", "preview"]
