"""Card families as data: deck.yaml's ``families:`` in, one :class:`Family` per card kind out.

A family is what a card's ``kind:`` names. deck.yaml declares each one::

    families:
      risk: {name: Risici, template: statement, colour: vermillion, symbol: diamond, code: "R{number}"}

- ``name``: the family's name in the deck's language. The guide counts cards by it, and it
  heads the family's cards, but for the default deck's SESAM families (``rule``, ``action``,
  ``value``, ``quote``, ``stage``, ``info``: :data:`carddeck.model.FAMILY_HEADINGS`), whose
  headings are ``sections:``, worded as the source words them.
- ``template``: one of the built-in card templates (:data:`carddeck.templates.TEMPLATES`); it
  decides the keys a card of the family has and how its front is set.
- ``colour``: a colour of the kit's palette by name (:data:`carddeck.theme.PALETTE`), and
  ``symbol`` one of the built-in symbols (:data:`carddeck.theme.SYMBOLS`). The palette stays the
  tool's, so every kit stays print-safe.
- ``code``: the pattern of the code printed on its cards, e.g. ``R{number}``, with the names of
  :attr:`carddeck.templates.Template.code_fields`.

What stays built-in, and why: the six phases are a fact of the source (a cycle of six, clockwise
on the poster, each with its colour, symbol and number, so that colour is never the only cue;
:data:`carddeck.theme.PHASES`). A family on a template whose cards belong to a phase (``phase``,
``question``) therefore says ``colour: phase`` and ``symbol: phase``: its cards take their
phase's. The poster's SESAM centre draws the default deck's ``value`` and ``action`` families,
and its axis the ``stage`` family, by those keys, as it draws the SESAM model; a deck without
their cards gets neither (:mod:`carddeck.layout.board_sesam`), and ``sections:`` need give only
the keys its cards print (:func:`carddeck.sections.needed_sections`).

A deck without ``families:`` gets :func:`built_in`: the default deck's ten families, named in the
deck's language by the tool's own words. The default deck declares the same ten in its deck.yaml.

Languages: a family's name is a text of the deck, in deck.yaml's ``lang``. A language file
(``lang/<tag>.yaml``) gives it in its language under ``deck: families: {<family>: <name>}``;
:func:`carddeck.languages.in_language` passes those names to :func:`renamed`.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, replace
from typing import Annotated

from pydantic import Field, ValidationError, ValidationInfo, field_validator

from . import theme
from .errors import Problem, shown
from .file_problems import report
from .model import FAMILY_KEY, Text, _Strict
from .templates import TEMPLATES, Template

# Symbols a family may choose: every built-in outline.
SYMBOLS = tuple(theme.SYMBOLS)
COLOURS = tuple(theme.PALETTE)
PHASE = theme.OF_PHASE


_CODE_TEXT = re.compile(r"[A-Za-z0-9.\-]*")  # a code's own characters, as a card's given code: ids stay readable


def _choice(what: str, value: str, accepted) -> str:
    return f"unknown {what} {shown(value)}; expected one of: {', '.join(accepted)}"


class FamilySpec(_Strict):
    """One entry of deck.yaml's ``families:``, as written. Keys are checked in this order, so
    that ``colour``, ``symbol`` and ``code`` are checked against the template."""

    name: Text = Field(description="The family's name in the deck's language, e.g. 'Tommelfingerregler'.")
    template: str = Field(description="The built-in card template its cards use.",
                          json_schema_extra={"enum": list(TEMPLATES)})
    colour: str = Field(description="A colour of the kit's palette ('phase': the colour of the card's phase).",
                        json_schema_extra={"enum": [*COLOURS, PHASE]})
    symbol: str = Field(description="A built-in symbol ('phase': the symbol of the card's phase).",
                        json_schema_extra={"enum": [*SYMBOLS, PHASE]})
    code: Annotated[str, Field(min_length=1, max_length=40)] = Field(
        description="Pattern of the card code, e.g. 'R{number}', '{phase}.{nth_in_phase}', 'S{nth}'.")

    @field_validator("template")
    @classmethod
    def _template(cls, value: str) -> str:
        if value not in TEMPLATES:
            raise ValueError(_choice("template", value, TEMPLATES))
        return value

    @staticmethod
    def _looks(what: str, value: str, accepted, info: ValidationInfo) -> str:
        template = TEMPLATES.get(info.data.get("template", ""))
        if template is not None and template.phased:
            if value != PHASE:
                raise ValueError(f"a card of the {template.name} template belongs to a phase and takes its {what}; "
                                 f"expected {PHASE!r}, received {shown(value)}")
        elif value not in accepted:
            raise ValueError(_choice(what, value, accepted))
        return value

    @field_validator("colour")
    @classmethod
    def _colour(cls, value: str, info: ValidationInfo) -> str:
        return cls._looks("colour", value, COLOURS, info)

    @field_validator("symbol")
    @classmethod
    def _symbol(cls, value: str, info: ValidationInfo) -> str:
        return cls._looks("symbol", value, SYMBOLS, info)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str, info: ValidationInfo) -> str:
        template = TEMPLATES.get(info.data.get("template", ""))
        try:
            parts = list(string.Formatter().parse(value))
        except ValueError:  # a lone '{' or '}'
            parts = None
        if parts is None or any(name is not None and (spec or conv or not name) or not _CODE_TEXT.fullmatch(text)
                                for text, name, spec, conv in parts):
            raise ValueError(f"expected a code pattern such as 'R{{number}}' (letters, digits, '.' or '-', and names "
                             f"in braces), received {shown(value)}")
        names = [name for _, name, _, _ in parts if name]
        if template is not None:
            for name in names:
                if name not in template.code_fields:
                    raise ValueError(f"unknown name {shown(name)} in code {shown(value)}; a card of the {template.name} "
                                     f"template offers: {', '.join(template.code_fields)}")
        return value


@dataclass(frozen=True)
class Family:
    """A card family, validated: its ``key`` (what cards say as ``kind:``), ``name``, template,
    colour and symbol names (or ``phase``) and code pattern; ``where`` is (file, line, key) of its
    name, for messages about the heading it gives."""

    key: str
    name: str
    template: Template
    colour: str
    symbol: str
    code: str
    where: tuple = field(default=("", 0, ""), compare=False)

    def code_of(self, **fields) -> str:
        """The code of a card from its figures (see :attr:`~carddeck.templates.Template.code_fields`)."""
        return self.code.format(**fields)


class Declared:
    """The families a deck's cards are checked against: ``known`` ({key: Family}); ``broken``,
    keys whose declaration has mistakes (reported there, so their cards are not); ``sure``,
    False when deck.yaml could not say which families it declares (then no kind is unknown);
    ``declared``, every key as written."""

    def __init__(self, known: dict, broken: set = frozenset(), sure: bool = True, declared: tuple | None = None):
        self.known, self.broken, self.sure = known, set(broken), sure
        self.declared = tuple(known) if declared is None else declared


def declared(data: dict, parsed, file: str, problems: list[Problem], unreadable: set) -> Declared:
    """deck.yaml's ``families:`` (``data`` is deck.yaml as parsed), validated one by one: a
    mistake in one family leaves the others in use. Without ``families:``, the built-in ones in
    the deck's language. A mistake is located and worded by :func:`carddeck.file_problems.report`
    (``unreadable``: key paths whose values the file could not give, said already)."""

    raw = data.get("families")
    if raw is None:
        lang = data.get("lang")
        return Declared(built_in(lang if isinstance(lang, str) else "da"))
    if not isinstance(raw, dict):
        return Declared({}, sure=False)  # the schema says what it should be
    if not raw:
        line, column = parsed.place(("families",))
        problems.append(Problem(file, line, "families", "expected at least one family, received none", column))
        return Declared({}, sure=False)
    known, broken = {}, set()
    for key, spec in raw.items():
        loc = ("families", key)
        if not re.fullmatch(FAMILY_KEY, key):
            line, column = parsed.place(loc, of_value=False)
            problems.append(Problem(file, line, f"families.{key}", f"expected a family name of lower-case letters, "
                                                                  f"digits and '-' (at most 32), received {shown(key)}",
                                    column))
            broken.add(key)
            continue
        try:
            checked = FamilySpec.model_validate(spec)
        except ValidationError as exc:
            report(exc, FamilySpec, loc, file, parsed, problems, unreadable)
            broken.add(key)
            continue
        known[key] = family_of(key, checked, (file, parsed.place((*loc, "name"))[0], f"families.{key}.name"))
    return Declared(known, broken, declared=tuple(raw))


def renamed(deck, names: dict[str, str]):
    """``deck`` with its families named by ``names`` ({family key: name}, e.g. a language file's
    ``deck: families:``); families not in ``names`` keep their name. Every card gets its renamed
    family, so the guide, the bands and the backs say the new names."""
    families = {key: replace(f, name=names.get(key, f.name)) for key, f in deck.families.items()}
    cards = []
    for card in deck.cards:
        card = card.model_copy()
        card._family = families.get(card.kind, card.family)
        cards.append(card)
    return deck.model_copy(update={"families": families, "cards": tuple(cards)})


def family_of(key: str, spec: FamilySpec, where: tuple = ("", 0, "")) -> Family:
    """The :class:`Family` ``key`` that ``spec`` declares."""
    return Family(key, spec.name, TEMPLATES[spec.template], spec.colour, spec.symbol, spec.code, where)


# The default deck's families: key, template, colour, symbol, code. Their names are the tool's
# words in the deck's language (carddeck.guide_text, ``kind:<key>``).
BUILT_IN = (
    ("phase", "phase", PHASE, PHASE, "{phase}"),
    ("question", "question", PHASE, PHASE, "{phase}.{nth_in_phase}"),
    ("writein", "writein", "grey", "pencil", "W{list}.{number}"),
    ("rule", "rule", "reddish-purple", "spark", "R{number}"),
    ("action", "statement", "reddish-purple", "spark", "H{number}"),
    ("value", "value", "reddish-purple", "spark", "V{number}"),
    ("quote", "quote", "reddish-purple", "spark", "S{nth}"),
    ("stage", "stage", "reddish-purple", "spark", "T{number}"),
    ("info", "info", "reddish-purple", "spark", "I{nth}"),
    ("about", "about", "grey", "ring", "0.{nth}"),
)


def built_in(lang: str) -> dict[str, Family]:
    """The families of a deck that declares none, named in ``lang``. A language the tool has no
    words for is a mistake reported with deck.yaml's ``lang``; until it is put right (the build
    stops on it) the families are named in Danish."""
    from .guide_text import GUIDE

    words = GUIDE.get(lang, GUIDE["da"])
    return {key: Family(key, words[f"kind:{key}"], TEMPLATES[template], colour, symbol, code)
            for key, template, colour, symbol, code in BUILT_IN}


def family_schema() -> dict:
    """The JSON Schema of one entry of ``families:``."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(FamilySpec).json_schema()
    schema["description"] = "A card family: its name, the built-in template its cards use, its look and code."
    return schema
