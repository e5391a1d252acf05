"""The built-in card templates: the keys a card has, one pydantic model per template, and the
registry :data:`TEMPLATES` (its group, its notes view, its back).

A card's ``kind`` names one of the deck's card families (:mod:`carddeck.families`: data in
deck.yaml, with its name, colour, symbol and code), and the family names one of these
templates, which decides the keys a card has:
    ``phase``      one of the six phases: ``phase`` number, ``title``, ``subtitle``
    ``question``   a question of a phase: ``phase``, ``text``, optional ``examples``
    ``writein``    a write-in card of a group list: ``title``, ``number`` (lines to fill in)
    ``rule``       a rule of thumb: ``number``, ``text``
    ``statement``  a short statement, large (an action field): ``number``, ``text``
    ``value``      a value: ``number``, ``text`` (empty = still a write-in value)
    ``quote``      a participant quote: ``text`` (spoken language, kept as said)
    ``stage``      a stage of thin <-> thick co-creation: ``number``, ``title``, ``text``
    ``info``       background: ``title``, optional ``text`` (one string or a list of paragraphs)
    ``about``      a title card: the kit's subtitle, optional ``text``, the credits if ``credits: true``
Each card carries its stable id, family, language, text and source location. The front of each
template is set by :data:`carddeck.layout.templates.TEMPLATES` under the same name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import Field, PrivateAttr, Strict

from .model import CODE_PATTERN, CardId, FamilyKey, Lang, Notes, Number, PhaseNo, Text, _Strict


class _CardBase(_Strict):
    id: CardId
    lang: Lang
    code: Annotated[str, Field(pattern=CODE_PATTERN)] | None = Field(
        default=None, description="Short code printed on both faces; derived from its family and order when left out."
    )
    notes: Notes | None = Field(default=None, description="Background text shown on the card's notes page.")
    kind: FamilyKey

    # Where the card stands in its deck file, for error messages: file, key path, line of each key.
    _file: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")
    _lines: dict = PrivateAttr(default_factory=dict)
    _column: int = PrivateAttr(default=0)  # where the card starts, and each of its keys
    _columns: dict = PrivateAttr(default_factory=dict)
    _family: object = PrivateAttr(default=None)  # its carddeck.families.Family, given by the loader
    # A card in another language (carddeck.languages): text field -> (file, line, key path) in its language file.
    _translated: dict = PrivateAttr(default_factory=dict)

    @property
    def family(self):
        """The card's :class:`~carddeck.families.Family` (its ``kind``): template, name, colour, symbol, code."""
        return self._family

    @property
    def source(self) -> tuple[str, int]:
        """(file, line) where the card starts."""
        return self._file, self._lines.get("", 0)

    def locate(self, key: str = "") -> tuple[str, int, str]:
        """(file, line, key path) of one of this card's keys, for a :class:`~carddeck.errors.Problem`."""
        if key.split("[")[0] in self._translated:
            return self._translated[key.split("[")[0]]
        line = self._lines.get(key.split("[")[0], self._lines.get("", 0))
        return self._file, line, f"{self._path}.{key}" if key else self._path



class PhaseCard(_CardBase):
    phase: PhaseNo
    title: Text
    subtitle: Text


class QuestionCard(_CardBase):
    phase: PhaseNo
    text: Text
    examples: Text | None = Field(default=None, description="Examples in brackets, printed smaller.")


class WriteInCard(_CardBase):
    title: Text
    number: Number


class RuleCard(_CardBase):
    number: Number
    text: Text


class StatementCard(_CardBase):
    number: Number
    text: Text


class ValueCard(_CardBase):
    number: Number
    text: Text | None = Field(default=None, description="The value; leave out while it is not known.")


class QuoteCard(_CardBase):
    text: Text

    # In another language (carddeck.languages): the language the words were said in, and their translation.
    _spoken: str | None = PrivateAttr(default=None)
    _translation: str | None = PrivateAttr(default=None)

    @property
    def spoken_lang(self) -> str:
        """The language of ``text``, the participant's own words (hyphenated by its dictionary)."""
        return self._spoken or self.lang

    @property
    def translation(self) -> str | None:
        """The words in the card's ``lang``, printed beneath them; None when they were said in it."""
        return self._translation


class StageCard(_CardBase):
    number: Number
    title: Text
    text: Text


class InfoCard(_CardBase):
    title: Text
    text: Text | list[Text] | None = Field(
        default=None, description="One string or a list of paragraphs; leave out for a slide that is only its title.")

    @property
    def paragraphs(self) -> tuple[str, ...]:
        if self.text is None:
            return ()
        return (self.text,) if isinstance(self.text, str) else tuple(self.text)


class AboutCard(_CardBase):
    text: Text | None = Field(default=None, description="How to use the kit.")
    credits: Annotated[bool, Strict()] = Field(default=False, description="Print the deck's source credits on this card.")


@dataclass(frozen=True)
class Template:
    """A built-in card template: the keys its cards have (``model``) and how they join the kit.

    ``group`` says which group a card joins and where that group's heading is written (see
    :meth:`carddeck.deck.Deck.group_of`): ``phase`` (its phase: the card takes its phase's colour and
    symbol), ``list`` (its write-in list, by title), ``kit`` (the kit itself) or ``section``
    (its family: ``sections.<family>`` for the default deck's SESAM families, see
    :data:`carddeck.model.FAMILY_HEADINGS`, else the family's name).
    The front is set by :data:`carddeck.layout.templates.TEMPLATES` under the same name;
    ``view`` is how the notes pages show a card (:mod:`carddeck.notes.view`); ``back_number``
    puts the group's number large on its back.
    """

    name: str
    model: type[_CardBase]
    group: str
    view: str
    back_number: bool = False

    @property
    def phased(self) -> bool:
        """True when its cards belong to a phase (and so take the phase's colour and symbol)."""
        return self.group == "phase"

    @property
    def code_fields(self) -> tuple[str, ...]:
        """The names a family's ``code`` pattern may use (``R{number}``, ``{phase}.{nth_in_phase}``):
        ``nth`` (the card's place among its family's cards), and where its cards have them,
        ``number``, ``phase`` and ``nth_in_phase``, ``list`` (its list's place among the lists)."""
        fields = self.model.model_fields
        return ("nth", *(("number",) if "number" in fields else ()), *(("phase", "nth_in_phase") if self.phased else ()),
                *(("list",) if self.group == "list" else ()))

    def keys(self) -> list[str]:
        """The keys a card of this template may have, in the order the schema lists them."""
        return list(self.model.model_fields)


TEMPLATES: dict[str, Template] = {
    t.name: t
    for t in (
        Template("phase", PhaseCard, "phase", "phase", back_number=True),
        Template("question", QuestionCard, "phase", "question", back_number=True),
        Template("writein", WriteInCard, "list", "listed"),
        Template("rule", RuleCard, "section", "numbered"),
        Template("statement", StatementCard, "section", "numbered"),
        Template("value", ValueCard, "section", "numbered"),
        Template("quote", QuoteCard, "section", "quote"),
        Template("stage", StageCard, "section", "stage"),
        Template("info", InfoCard, "section", "info"),
        Template("about", AboutCard, "kit", "about"),
    )
}
