"""carddeck: turn a YAML deck of co-creation workshop content into a printable kit.

The pipeline runs one way (see ``../shared/STYLE.md``)::

    deck/*.yaml --load--> model --layout--> placed boxes (mm) --render--> PDF bytes --write--> output/

Public API: :func:`load_deck` reads and validates a deck folder; :func:`build_kit` makes the
PDF files of a kit in memory; the notes service lives in :mod:`carddeck.notes`.
"""

__version__ = "0.1.0"
__all__ = ["__version__", "load_deck", "build_kit"]


def __getattr__(name):
    # Heavy modules are imported lazily so that `carddeck --help` stays fast.
    if name == "load_deck":
        from .load import load_deck

        return load_deck
    if name == "build_kit":
        from .build import build_kit

        return build_kit
    raise AttributeError(name)
