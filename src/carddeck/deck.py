"""The deck as a whole: its settings, its cards in reading order with their codes, its families
and its language files, and the questions layout asks of it (a card's group and heading, the
phases, the longest id, the write-in lists).

In: what :mod:`carddeck.load` validated (the models of :mod:`carddeck.model`). Out: a frozen
:class:`Deck`; :meth:`Deck.in_language` gives it in one language (:mod:`carddeck.languages`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .model import FAMILY_HEADINGS, DeckFile, kit_id_of
from .templates import PhaseCard, ValueCard


class Deck(BaseModel):
    """A whole, validated deck: settings plus every card in reading order, codes assigned."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    settings: DeckFile
    cards: tuple  # tuple[Card, ...]
    codes: dict  # card id -> card code
    folder: str
    families: dict = Field(default_factory=dict)  # family key -> carddeck.families.Family, in declared order
    languages: dict = Field(default_factory=dict)  # tag -> languages.LangFile, from lang/<tag>.yaml

    @property
    def language_tags(self) -> list[str]:
        """Every language the deck can be built in: deck.yaml's, then each language file's."""
        return [self.settings.lang, *sorted(t for t in self.languages if t != self.settings.lang)]

    def in_language(self, tag: str | None = None) -> "Deck":
        """This deck with every printed text in ``tag`` (default: its ``lang``); see
        :func:`carddeck.languages.in_language`. :raises DeckError: naming every text it lacks."""
        from .languages import in_language

        return in_language(self, tag)

    @property
    def title(self) -> str:
        return self.settings.title

    @property
    def kit_id(self) -> str:
        """The kit's id on the notes service: ``kit:`` in deck.yaml, else made from the title."""
        return self.settings.kit or kit_id_of(self.settings.title)

    # Figures layout asks for at every card, worked out once per tuple of cards (a deck may have
    # thousands; model_copy(update={"cards": …}) makes a new tuple, so they are worked out again).
    _memo: dict = PrivateAttr(default_factory=dict)

    def _once(self, name: str, make):
        entry = self._memo.get(name)
        if entry is None or entry[0] is not self.cards:
            entry = self._memo[name] = (self.cards, make())
        return entry[1]

    @property
    def _phase_cards(self) -> tuple[PhaseCard, ...]:
        return self._once("phases", lambda: tuple(sorted((c for c in self.cards if c.family.template.name == "phase"),
                                                         key=lambda c: c.phase)))

    @property
    def longest_id(self) -> str:
        """The longest card id (its QR code is the largest)."""
        return self._once("longest_id", lambda: max((c.id for c in self.cards), key=len, default=""))

    def phases(self) -> list[PhaseCard]:
        return list(self._phase_cards)

    def phase_titles(self) -> dict[int, str]:
        return {c.phase: c.title for c in self._phase_cards}

    def of_kind(self, kind: str) -> list:
        """The cards of family ``kind``."""
        return [c for c in self.cards if c.kind == kind]

    def of_template(self, template: str) -> list:
        """The cards whose family uses template ``template`` (every family of write-in lists, say)."""
        return [c for c in self.cards if c.family.template.name == template]

    def by_id(self) -> dict:
        return {c.id: c for c in self.cards}

    def group_of(self, card) -> tuple[str, str]:
        """(number, heading) of the group a card belongs to, as cards, poster and notes show it:
        its phase, its write-in list, the kit itself, or its family's section."""
        group = card.family.template.group
        if group == "phase":
            return str(card.phase), self.phase_titles().get(card.phase, "")
        if group == "list":
            return str(card.number), card.title
        if group == "kit":
            return "", self.settings.title
        heading = getattr(self.settings.sections, card.kind) if card.kind in FAMILY_HEADINGS else card.family.name
        return str(getattr(card, "number", "") or ""), heading

    def heading_source(self, card) -> tuple[str, int, str]:
        """(file, line, key) where the heading of ``card``'s group is written (see :meth:`group_of`)."""
        group = card.family.template.group
        if group == "phase":
            phase = next((c for c in self.phases() if c.phase == card.phase), card)
            return phase.locate("title")
        if group == "list":
            return card.locate("title")
        if group == "kit":
            return self.settings.locate("title")
        if card.kind in FAMILY_HEADINGS:
            return self.settings.locate(f"sections.{card.kind}")
        return card.family.where

    def blank_values(self) -> list[ValueCard]:
        """Cards of the value template whose value is not known yet (printed as a line to write on)."""
        return [c for c in self.of_template("value") if not c.text]

    def writein_lists(self) -> dict[str, int]:
        """Write-in list titles in deck order, each with its number of lines."""
        lists: dict[str, int] = {}
        for card in self.of_template("writein"):
            lists[card.title] = max(lists.get(card.title, 0), card.number)
        return lists
