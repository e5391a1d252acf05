"""What layout cannot do, said in layout's own terms; the CLI decides how a user is told.

:class:`FitError` is a deck text that does not fit its place (the build lists every one as a
deck problem); :class:`LayoutError` is a print option that cannot be honoured (a card larger
than the sheet), which the build reports as a usage problem.
"""

from __future__ import annotations


class LayoutError(ValueError):
    """The print options ask for what cannot be laid out; the message says what and what to change."""


class FitError(Exception):
    """A text does not fit even at the minimum type size; ``where`` is (file, line, key) of
    the text in the deck files, which is not always the card's own (a band shows its phase's title)."""

    def __init__(self, where: tuple[str, int, str], message: str):
        super().__init__(message)
        self.where, self.message = where, message
