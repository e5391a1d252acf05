"""The commands for making a deck and looking at it: init and preview. Thin: options in,
library call, one line out."""

from __future__ import annotations

import click

from .errors import UsageProblem


@click.command()
@click.argument("folder", type=click.Path())
@click.option("--lang", type=click.Choice(["da", "nb"]), default="da", show_default=True,
              help="The deck's language: Danish (da) or Norwegian bokmål (nb).")
def init(folder, lang):
    """Start a new deck in FOLDER: a deck.yaml with a card of every kind, each key explained.

    It validates and builds as it is; edit it from there.
    """
    from .scaffold import init_deck

    deck, schema = init_deck(folder, lang)
    click.echo(f"wrote {deck} and {schema}: edit deck.yaml, then run 'carddeck build {folder}'")


__all__ = ["init"]
