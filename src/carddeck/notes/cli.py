"""``carddeck notes serve`` and ``carddeck notes export``: options in, the library called, a result out.

Heavy imports (Starlette, uvicorn, reportlab) happen inside the commands, so ``carddeck --help``
stays fast. Mistakes in the deck, the database or an option end with exit code 1 and a message.
"""

from __future__ import annotations

import sys

import click

from ..errors import UsageProblem
from ..urls import ENV_TOKEN

_deck = click.option(
    "--deck", "deck_folder", default="deck", show_default=True, type=click.Path(file_okay=False),
    help="The deck folder whose cards the notes belong to.",
)


@click.group()
def notes():
    """Run the page that every card's QR code opens, and export what participants wrote."""


@notes.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. 0.0.0.0 lets phones on the same network reach it.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@click.option("--db", default="output/notes.db", show_default=True, type=click.Path(dir_okay=False),
              help="The notes database (made when missing).")
@_deck
@click.option("--token", envvar=ENV_TOKEN, default=None,
              help="Key that writing a note needs (it is in every QR code). Made for you when "
                   "listening beyond this computer. Also read from CARDDECK_NOTES_TOKEN.")
def serve(host, port, db, deck_folder, token):
    """Serve the notes pages until you press Ctrl+C.

    \b
    On this computer only:         carddeck notes serve
    For phones on the same Wi-Fi:  carddeck notes serve --host 0.0.0.0
    It prints the address to use and the matching `carddeck build` command.
    """
    from ..load import load_deck
    from . import serve as service
    from .store import Store, StoreError
    from .web import create_app

    if not host.strip():
        raise UsageProblem("--host is empty; give an address such as 127.0.0.1 or 0.0.0.0")
    if token is not None and not token.strip():
        raise UsageProblem("--token is empty; give a key or leave the option out")
    deck = load_deck(deck_folder)
    p = service.plan(host, port, token)
    try:
        store = Store(db)
    except StoreError as exc:
        raise UsageProblem(str(exc)) from None
    app = None
    try:
        app = create_app(deck, store, p.token)
        server = service.make_server(app, host, port)
        service.announce(p, db, lambda line: click.echo(line))
        sys.stdout.flush()
        try:
            server.run()
        except KeyboardInterrupt:
            click.echo("Stopped.")
        finally:
            server.close()
    finally:
        if app is not None:
            app.state.exports.close()
        store.close()


@notes.command()
@click.option("--db", default="output/notes.db", show_default=True, type=click.Path(dir_okay=False),
              help="The notes database to read.")
@click.option("--format", "fmt", required=True, type=click.Choice(["csv", "json", "md", "pdf"]),
              help="csv or json: one row per note. md or pdf: the workshop record, by phase and card.")
@click.option("--out", default=None, type=click.Path(dir_okay=False),
              help="File to write (replaced in one step). Without it the export goes to the screen; pdf needs it.")
@_deck
def export(db, fmt, out, deck_folder):
    """Export every note, for instance as the workshop record (PDF)."""
    from ..load import load_deck
    from ..write import write_atomic
    from .export import export as make_export
    from .store import Store, StoreError

    if fmt == "pdf" and out is None:
        raise UsageProblem("--format pdf needs --out FILE (a PDF cannot go to the screen)")
    deck = load_deck(deck_folder)
    try:
        with Store(db, readonly=True) as store:
            notes_ = store.all()
    except StoreError as exc:
        raise UsageProblem(str(exc)) from None
    data = make_export(fmt, deck, notes_)
    if out is None:
        stream = getattr(sys.stdout, "buffer", None) or sys.stdout
        stream.write(data if stream is not sys.stdout else data.decode("utf-8"))
        stream.flush()
        return
    try:
        write_atomic(out, data)
    except OSError as exc:
        raise UsageProblem(f"cannot write {out!r}: {exc.strerror or exc}") from None
    click.echo(f"{len(notes_)} notes written to {out}", err=True)
    if fmt == "pdf":
        from .export import unprintable_notes

        hit = unprintable_notes(notes_)
        if hit:
            ids = ", ".join(map(str, hit))
            click.echo(f"{len(hit)} of them have characters the PDF cannot show (a placeholder stands there), "
                       f"notes {ids}; the csv, json and md exports keep the whole text", err=True)
