"""Which of deck.yaml's ``sections:`` a deck needs: its cards in, the keys they print out.

``sections:`` holds the default deck's SESAM headings as the source words them
(:class:`~carddeck.model.Sections`). A deck writes only the keys its cards print, so a dialogue
tool whose families are all its own writes none; :mod:`carddeck.load` reports a needed key that
deck.yaml lacks, and :mod:`carddeck.languages` one that a language file lacks, each with
:func:`missing_section`.
"""

from __future__ import annotations

from .errors import shown
from .model import AXIS_ENDS, FAMILY_HEADINGS, Sections


def needed_sections(cards) -> dict[str, object]:
    """The keys of ``sections:`` that ``cards`` print, each with the first card that prints it,
    in the order of :class:`Sections`: the heading of each family of :data:`FAMILY_HEADINGS`
    the cards have, and :data:`AXIS_ENDS` for cards on the ``stage`` template (their axis, and
    the poster's). A deck without such cards needs no ``sections:`` at all."""
    first: dict[str, object] = {}
    for card in cards:
        if card.kind in FAMILY_HEADINGS:
            first.setdefault(card.kind, card)
        if card.family.template.name == "stage":
            for key in AXIS_ENDS:
                first.setdefault(key, card)
    return {key: first[key] for key in Sections.model_fields if key in first}


def missing_section(key: str, card) -> str:
    """The message for a key of ``sections:`` that ``card`` prints but the deck does not give."""
    file, line, _ = card.locate()
    use = f"the heading of the cards of family {shown(card.kind)}" if key in FAMILY_HEADINGS else (
        f"the label at the {key} end of the thin ↔ thick axis that the cards of family {shown(card.kind)} draw")
    return f"missing required key {shown(key)}, {use} (such as card {shown(card.id)} at {file}:{line})"


__all__ = ["needed_sections", "missing_section"]
