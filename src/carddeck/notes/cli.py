"""``carddeck notes serve`` and ``carddeck notes export``: options in, the library called, a result out.

Heavy imports (Starlette, uvicorn, reportlab) happen inside the commands, so ``carddeck --help``
stays fast. Mistakes in the deck, the database or an option end with exit code 1 and a message.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys

import click

from ..commands import lang_option
from ..errors import UsageProblem, removed_option

ENV_FACILITATOR_KEY = "CARDDECK_FACILITATOR_KEY"
GONE_TOKEN = ("--token is gone: participants write notes without a key, and the QR codes carry none. "
              "The facilitator's pages need the facilitator key: serve makes one, or give --facilitator-key.")

_db = click.option("--db", default="output/notes.db", show_default=True, envvar="CARDDECK_DB",
                   help="The notes database: an SQLite file (made when missing) or a postgresql:// URL "
                        "for a hosted service. Also $CARDDECK_DB.")


PG_BACKUP = ("backup and recover work on SQLite files; for a PostgreSQL database use pg_dump and pg_restore "
             "(README, 'Hosting for a municipality')")


def _sqlite_only(ctx, param, value):
    from .store import is_postgres

    if is_postgres(value):
        raise UsageProblem(PG_BACKUP)
    return value


@click.group()
def notes():
    """Run the page that every card's QR code opens, and export what participants wrote."""


@notes.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. 0.0.0.0 lets phones on the same network reach it.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(1, 65535), help="Port to listen on.")
@_db
@click.option("--deck", "deck_folders", multiple=True, default=["deck"], show_default=True,
              type=click.Path(file_okay=False), help="A deck folder whose kit to serve; repeat it for several kits.")
@click.option("--workshop", default=None, help="Name of this workshop; its notes are filed under it. "
              "The same name continues a workshop, another starts a new one. Default: today's date.")
@click.option("--notes-url", default=None, help="The address the kit was printed with (else the deck's notes_url). "
              "With several decks: the service's address; a deck without notes_url is then at <it>/<kit id>.")
@click.option("--facilitator-key", envvar=ENV_FACILITATOR_KEY, default=None,
              help="Key of the facilitator's link (else one is made for this run). Also read from "
                   "CARDDECK_FACILITATOR_KEY.")
@click.option("--proxy", default=None, metavar="ADDRESSES",
              help="Behind an HTTPS reverse proxy: its addresses (for instance 127.0.0.1), whose "
                   "X-Forwarded-For and X-Forwarded-Proto are then believed.")
@click.option("--root-path", default="", help="Path prefix the reverse proxy strips before passing a request on.")
@click.option("--notes-per-minute", default=30, show_default=True, type=click.IntRange(1, 10000),
              help="Most notes one client address may write per minute (raise it when many phones share one address).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes (a hosted service with a PostgreSQL --db; SQLite runs one).")
@click.option("--access-log", is_flag=True, help="Log every request with the phone's address, for debugging "
              "(off by default: the service keeps no IP address).")
@removed_option("--token", GONE_TOKEN)
@lang_option("Language of the pages, the exports and the workshop record: the language the kit was "
             "built in (--lang of build). Default: the deck's lang.")
def serve(host, port, db, deck_folders, workshop, notes_url, facilitator_key, proxy, root_path, notes_per_minute,
          workers, access_log, lang):
    """Serve the notes pages until you press Ctrl+C.

    \b
    On this computer only:         carddeck notes serve
    For phones on the same Wi-Fi:  carddeck notes serve --host 0.0.0.0
    It says whether phones can reach the address the kit was printed with, and prints the
    facilitator's link (and its QR code), which opens every note and the exports.
    """
    from ..load import load_kit
    from . import serve as service
    from .access import BURST, RateLimit, new_key
    from . import guard
    from .backup import ServiceLock, check
    from .kits import default_workshop, mount_of, printed_urls
    from .store import StoreError, describe, is_postgres, open_store
    from .web import create_app, prepare

    if workers > 1 and not is_postgres(db):
        raise UsageProblem(f"--workers {workers} needs a PostgreSQL database (--db postgresql://…): an SQLite "
                           f"file takes notes from one process, which serves a workshop's phones on its own")
    if not host.strip():
        raise UsageProblem("--host is empty; give an address such as 127.0.0.1 or 0.0.0.0")
    if facilitator_key is not None and len(facilitator_key.strip()) < 8:
        raise UsageProblem("--facilitator-key is too short; give at least 8 characters or leave the option out")
    workshop = (workshop or default_workshop()).strip()
    if not workshop:
        raise UsageProblem("--workshop is empty; give a name or leave the option out (today's date)")
    decks = [load_kit(folder, lang) for folder in deck_folders]
    try:
        urls = printed_urls(decks, notes_url, root_path)
    except ValueError as exc:
        raise UsageProblem(str(exc)) from None
    key, key_made = (facilitator_key.strip(), False) if facilitator_key else (new_key(), True)
    # Every reason the database cannot serve is told now, before "ready" (see notes/backup.py).
    # Several services (and workers) share one PostgreSQL database by design: no file lock there.
    lock = None if is_postgres(db) else ServiceLock(db)
    try:
        if lock is not None:
            lock.acquire()
            check(db)
        store = open_store(db)
    except StoreError as exc:
        if lock is not None:
            lock.release()
        raise UsageProblem(str(exc)) from None
    app = None
    try:
        mounts = [mount_of(url, root_path) for url in urls]
        burst = max(BURST, notes_per_minute // 2)
        rate = RateLimit(notes_per_minute, burst)
        svc = asyncio.run(prepare(store, list(zip(decks, mounts)), workshop, key, rate, access_log))
        app = create_app(svc)
        server = service.make_server(app, host, port, proxy, root_path, access_log=access_log)
        hosts = guard.served_hosts(urls, host)
        guard.allow_hosts(app, hosts, decks[0].settings.lang)  # after the warm-up
        too_few = guard.raise_open_files(guard.PHONES)
        if too_few:
            click.echo(f"Warning: {too_few}", err=True)
        reach = [service.reachability(url, host, port, proxy is not None or url.startswith("https:")) for url in urls]
        # The facilitator's link leads here even when the printed URL does not (yet).
        shown = [(kit.title, _workshop_line(kit.workshop),
                  url if verdict.ok else service.listening_url(host, port, root_path.rstrip("/") + kit.mount))
                 for kit, url, verdict in zip(svc.kits, urls, reach)]
        service.announce(shown, reach, describe(db), key, key_made, click.echo)
        sys.stdout.flush()
        try:
            if workers > 1:
                from . import workers as pool

                spec = pool.WorkerSpec(tuple(str(f) for f in deck_folders), tuple(mounts), str(db), workshop, key,
                                       notes_per_minute, burst, host, port, proxy, root_path, tuple(sorted(hosts)),
                                       decks[0].settings.lang, access_log, lang)
                click.echo(f"Serving with {workers} worker processes.")
                sys.stdout.flush()
                if pool.run(workers, server.socket, spec, click.echo):
                    raise click.exceptions.Exit(1)
                click.echo("Stopped.")
            else:
                if is_postgres(db):
                    store.adopt_next_loop()  # uvicorn's loop queries the database itself, with no hop
                server.run()
                click.echo("Stopped.")
        except KeyboardInterrupt:
            click.echo("Stopped.")
        finally:
            server.close()
    finally:
        if app is not None:
            app.state.exports.close()
        store.close()
        if lock is not None:
            lock.release()


def _workshop_line(workshop) -> str:
    state = "open for notes" if workshop.is_open else "closed for new notes (open it again on the facilitator page)"
    return f"workshop {workshop.name!r}, {state}"


@notes.command()
@_db
@click.option("--format", "fmt", required=True, type=click.Choice(["csv", "json", "md", "pdf"]),
              help="csv or json: one row per note. md or pdf: the workshop record, by phase and card.")
@click.option("--out", default=None, type=click.Path(dir_okay=False),
              help="File to write (replaced in one step). Without it the export goes to the screen; pdf needs it.")
@click.option("--deck", "deck_folder", default="deck", show_default=True, type=click.Path(file_okay=False),
              help="The deck folder whose kit's notes to export.")
@click.option("--workshop", default=None, help="Export this workshop only (default: every workshop, each labelled).")
@click.option("--include-hidden", is_flag=True,
              help="Also the notes the facilitator hid (marked as hidden); deleted notes are gone for good.")
@lang_option("Language of the export's card texts and words (da, nb, en). Default: the deck's lang.")
def export(db, fmt, out, deck_folder, workshop, include_hidden, lang):
    """Export the notes, for instance as the workshop record (PDF)."""
    from ..load import load_kit
    from ..write import write_atomic
    from .export import export as make_export
    from .store import HIDDEN, SHOWN, StoreError, describe, open_store

    if fmt == "pdf" and out is None:
        raise UsageProblem("--format pdf needs --out FILE (a PDF cannot go to the screen)")
    deck = load_kit(deck_folder, lang)
    try:
        store = open_store(db, readonly=True)
        try:
            known = [w.name for w in asyncio.run(store.workshops(deck.kit_id))]
            if workshop is not None and workshop not in known:
                listed = ", ".join(repr(name) for name in known) or "none yet"
                raise UsageProblem(f"no workshop {workshop!r} in {describe(db)} for kit {deck.kit_id!r}; its workshops: {listed}")
            states = (SHOWN, HIDDEN) if include_hidden else (SHOWN,)
            notes_ = asyncio.run(store.export_notes(deck.kit_id, workshop, states))
        finally:
            store.close()
    except StoreError as exc:
        raise UsageProblem(str(exc)) from None
    except sqlite3.DatabaseError:
        from .backup import damaged

        raise UsageProblem(damaged(db)) from None
    data = make_export(fmt, deck, notes_, workshop)
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


@notes.command()
@click.option("--db", default="output/notes.db", show_default=True, type=click.Path(dir_okay=False), callback=_sqlite_only,
              help="The notes database to copy (it may be in use by a running service).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The copy to write (replaced in one step).")
def backup(db, out):
    """Copy the notes database safely, also while the service runs.

    A plain file copy of notes.db can miss the newest notes (they wait in notes.db-wal); this
    copy has every note and is one self-contained file.
    """
    from .backup import backup as make_backup
    from .store import StoreError

    try:
        count = make_backup(db, out)
    except StoreError as exc:
        raise UsageProblem(str(exc)) from None
    click.echo(f"{count} notes backed up to {out}")


@notes.command()
@click.option("--db", required=True, type=click.Path(dir_okay=False), callback=_sqlite_only, help="The damaged notes database (not changed).")
@click.option("--out", required=True, type=click.Path(dir_okay=False), help="The new database to write (must not exist).")
def recover(db, out):
    """Save every note that can still be read from a damaged notes database into a new one.

    Then serve or export the new file (--db OUT), and keep the damaged one until you are sure.
    """
    from .backup import recover as do_recover
    from .store import StoreError

    try:
        result = do_recover(db, out)
    except StoreError as exc:
        raise UsageProblem(str(exc)) from None
    lost = f"; {result.unreadable} row ids could not be read" if result.unreadable else "; nothing was unreadable"
    click.echo(f"{result.notes} notes recovered into {out}{lost}")


@notes.command()
@_db
@click.option("--workshop", default=None, help="Delete this workshop's notes (and the workshop).")
@click.option("--older-than", "days", default=None, type=click.IntRange(0, None), metavar="DAYS",
              help="Delete the notes written more than DAYS days ago.")
def purge(db, workshop, days):
    """Delete notes for good, for instance once the record is filed in the case system.

    Stop the service first. The deleted words are removed from the database file itself too.
    """
    from .store import StoreError, describe, is_postgres

    if is_postgres(db):
        from .postgres import purge as do_purge
    else:
        from .purge import purge as do_purge
    if (workshop is None) == (days is None):
        raise UsageProblem("give --workshop NAME or --older-than DAYS (one of them)")
    try:
        count = do_purge(db, workshop=workshop, older_than_days=days)
    except StoreError as exc:
        raise UsageProblem(str(exc)) from None
    what = f"of workshop {workshop!r}" if workshop is not None else f"older than {days} days"
    noun = "note" if count == 1 else "notes"
    click.echo(f"{count} {noun} {what} deleted for good from {describe(db)}")
