"""The ``carddeck`` command. Commands stay thin: parse options, call the library, print a result.

Subcommands are imported only when they run (``LazyGroup``), so ``carddeck --help`` starts fast.
Exit codes: 0 done, 1 the deck or the environment was wrong, 2 usage error.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from . import collector

# carddeck's models take no pydantic plugins. Without this, pydantic reads the entry points of
# every installed package when the first model is made: 25 to 40 ms of every command's start.
# (A documented pydantic setting; one set in the environment already is kept.)
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

# name -> "module:attribute"; each module is imported only when its command is used.
COMMANDS = {
    "build": "carddeck.commands:build",
    "validate": "carddeck.commands:validate",
    "schema": "carddeck.commands:schema",
    "calibrate": "carddeck.commands:calibrate",
    "init": "carddeck.deck_commands:init",
    "preview": "carddeck.deck_commands:preview",
    "notes": "carddeck.notes.cli:notes",
}
SUMMARIES = {
    "build": "Build the printable kit (cards and poster PDFs) into a folder.",
    "validate": "Check the deck files and report every mistake at once.",
    "schema": "Print the JSON Schema of the deck format (for editors).",
    "calibrate": "Print a one-sheet test that shows how your printer aligns backs.",
    "init": "Start a new deck: a deck.yaml with a card of every kind, each key explained.",
    "preview": "Write a PNG of every card face, front and back, for slides.",
    "notes": "Run the notes service that the QR codes open, and export its notes.",
}


class LazyGroup(click.Group):
    """A click group that imports a subcommand's module only when that subcommand runs."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attribute = target.split(":")
        return getattr(importlib.import_module(module), attribute)

    def format_commands(self, ctx, formatter):
        # Top-level help only needs the one-line summaries: import nothing for it.
        with formatter.section("Commands"):
            formatter.write_dl([(name, SUMMARIES[name]) for name in COMMANDS])


# One line for a failure of carddeck itself; the traceback only with --debug.
INTERNAL_ERROR = (
    "Error: carddeck failed unexpectedly ({what}). This is a bug in carddeck, not a mistake of yours: "
    "please report it with the command you ran and the output of 'carddeck --debug {command}'."
)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="carddeck")
@click.option("--debug", is_flag=True, help="Show the full traceback when carddeck itself fails.")
def cli(debug):
    """Make a printable co-creation workshop kit from a deck of YAML files.

    \b
    Typical use:
      carddeck build --out output/          cards.pdf, poster.pdf, poster-tiles.pdf, lists.pdf
      carddeck validate deck/               check the deck without building
      carddeck notes serve --host 0.0.0.0   the page that every card's QR code opens
    """


def _debugging(argv: list[str]) -> bool:
    """True when ``--debug`` was given before the subcommand's name (or any ``--``)."""
    for arg in argv:
        if arg == "--debug":
            return True
        if arg == "--" or not arg.startswith("-"):
            return False
    return False


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (tests call this directly).

    A failure of carddeck itself (not of the deck or the environment) prints one line asking
    for a report and exits 1; ``carddeck --debug …`` shows the traceback instead.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    collector.skip_at_exit()
    try:
        cli.main(args=args, prog_name="carddeck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: one line, no traceback
        if _debugging(args):
            raise
        command = " ".join(args) if len(" ".join(args)) <= 60 else "…"
        click.echo(INTERNAL_ERROR.format(what=type(exc).__name__, command=command), err=True)
        return 1
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
