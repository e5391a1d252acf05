"""The JSON Schema of deck files, for editors that check and complete YAML (``carddeck schema``,
and the ``deck.schema.json`` that ``carddeck init`` writes).

In: the models of :mod:`carddeck.model` and :mod:`carddeck.languages`, and a deck's card families
(:mod:`carddeck.families`). Out: one schema that accepts deck.yaml, a card file or a language file.
"""

from __future__ import annotations

from typing import Union

from pydantic import TypeAdapter

from .families import built_in, family_schema
from .languages import LangFile
from .model import FAMILY_KEY, CardFile, DeckFile


def json_schema(families=None) -> dict:
    """The JSON Schema of deck files: ``deck.yaml`` (settings and cards), a card file (cards) or a
    language file (``lang/<tag>.yaml``).

    ``families`` ({key: :class:`~carddeck.families.Family`}, default: the built-in ones) decide
    the card kinds the schema accepts and the keys of each; ``carddeck schema DECK`` passes a
    deck's own.
    """
    schema = TypeAdapter(Union[DeckFile, CardFile, LangFile]).json_schema()
    defs = schema.setdefault("$defs", {})
    families = families if families is not None else built_in("da")
    cards = []
    for key, family in families.items():
        card = TypeAdapter(family.template.model).json_schema(ref_template="#/$defs/{model}")
        defs.update(card.pop("$defs", {}))
        card["title"] = f"{key} card ({family.template.name} template)"
        card["properties"]["kind"] = {"const": key, "description": family.name}
        defs[f"{key}-card"] = card
        cards.append({"$ref": f"#/$defs/{key}-card"})
    defs["Card"] = {"oneOf": cards} if cards else {"type": "object"}
    defs["Family"] = family_schema()
    for name in ("DeckFile", "CardFile"):
        defs[name]["properties"]["cards"]["items"] = {"$ref": "#/$defs/Card"}
    defs["DeckFile"]["properties"]["families"] = {
        "anyOf": [{"type": "object", "patternProperties": {FAMILY_KEY: {"$ref": "#/$defs/Family"}},
                   "additionalProperties": False}, {"type": "null"}],
        "default": None,
        "description": "The deck's card families: kind -> name, template, colour, symbol, code. Without it, the "
                       "built-in families of the default deck.",
    }
    schema["title"] = "carddeck deck file"
    schema["description"] = ("deck.yaml (the kit's settings, optionally cards), a card file (a list of cards) "
                             "or a language file lang/<tag>.yaml (the deck's texts in one more language).")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
