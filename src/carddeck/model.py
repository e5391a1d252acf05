"""The deck model: what a deck file may say, declared once as data (pydantic models).

In: plain Python data parsed from YAML (see :mod:`carddeck.load`).
Out: a validated :class:`Deck` whose cards carry their stable id, kind, language, text,
card code and source location. The same models publish the JSON Schema of the deck format
(``carddeck schema``).

Card kinds
    ``phase``     one of the six phases: ``phase`` number, ``title``, ``subtitle``
    ``question``  a question of a phase: ``phase``, ``text``, optional ``examples``
    ``writein``   a write-in card of a group list: ``title``, ``number`` (lines to fill in)
    ``rule``      a rule of thumb: ``number``, ``text``
    ``action``    an action field: ``number``, ``text``
    ``value``     a value: ``number``, ``text`` (empty = still a write-in value)
    ``quote``     a participant quote: ``text`` (spoken language, kept as said)
    ``stage``     a stage of thin <-> thick co-creation: ``number``, ``title``, ``text``
    ``info``      background: ``title``, ``text`` (one string or a list of paragraphs)
    ``about``     a title card: the kit's subtitle, optional ``text``, the credits if ``credits: true``
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Union
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

Lang = Literal["da", "nb"]
CardId = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]{0,47}$",
        description="Stable id: lower-case letters, digits and '-'. It is part of the QR URL.",
    ),
]
KitId = Annotated[
    str,
    Field(pattern=r"^[a-z0-9][a-z0-9-]{0,47}$", description="Lower-case letters, digits and '-', at most 48."),
]
Text = Annotated[str, Field(min_length=1, description="Text as printed (Danish or Norwegian).")]
PhaseNo = Annotated[int, Field(ge=1, le=6, description="Phase number, 1 to 6.")]
Number = Annotated[int, Field(ge=1, le=99, description="Position in its group, from 1.")]

KINDS = ("phase", "question", "writein", "rule", "action", "value", "quote", "stage", "info", "about")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class _CardBase(_Strict):
    id: CardId
    lang: Lang
    code: Annotated[str, Field(pattern=r"^[A-Za-z0-9.\-]{1,6}$")] | None = Field(
        default=None, description="Short code printed on both faces; derived from kind and order when left out."
    )
    notes: Text | None = Field(default=None, description="Background text shown on the card's notes page.")

    # Where the card stands in its deck file, for error messages: file, key path, line of each key.
    _file: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")
    _lines: dict = PrivateAttr(default_factory=dict)

    @property
    def source(self) -> tuple[str, int]:
        """(file, line) where the card starts."""
        return self._file, self._lines.get("", 0)

    def locate(self, key: str = "") -> tuple[str, int, str]:
        """(file, line, key path) of one of this card's keys, for a :class:`~carddeck.errors.Problem`."""
        line = self._lines.get(key.split("[")[0], self._lines.get("", 0))
        return self._file, line, f"{self._path}.{key}" if key else self._path

    def texts(self) -> dict[str, str]:
        """Every printed text field of this card, by key (for font and fit checks)."""
        out = {}
        for key in ("title", "subtitle", "text", "examples", "notes"):
            value = getattr(self, key, None)
            if isinstance(value, str):
                out[key] = value
            elif isinstance(value, (list, tuple)):
                out.update({f"{key}[{i}]": v for i, v in enumerate(value)})
        return out


class PhaseCard(_CardBase):
    kind: Literal["phase"]
    phase: PhaseNo
    title: Text
    subtitle: Text


class QuestionCard(_CardBase):
    kind: Literal["question"]
    phase: PhaseNo
    text: Text
    examples: Text | None = Field(default=None, description="Examples in brackets, printed smaller.")


class WriteInCard(_CardBase):
    kind: Literal["writein"]
    title: Text
    number: Number


class RuleCard(_CardBase):
    kind: Literal["rule"]
    number: Number
    text: Text


class ActionCard(_CardBase):
    kind: Literal["action"]
    number: Number
    text: Text


class ValueCard(_CardBase):
    kind: Literal["value"]
    number: Number
    text: Text | None = Field(default=None, description="The value; leave out while it is not known.")


class QuoteCard(_CardBase):
    kind: Literal["quote"]
    text: Text


class StageCard(_CardBase):
    kind: Literal["stage"]
    number: Number
    title: Text
    text: Text


class InfoCard(_CardBase):
    kind: Literal["info"]
    title: Text
    text: Text | list[Text]

    @property
    def paragraphs(self) -> tuple[str, ...]:
        return (self.text,) if isinstance(self.text, str) else tuple(self.text)


class AboutCard(_CardBase):
    kind: Literal["about"]
    text: Text | None = Field(default=None, description="How to use the kit.")
    credits: bool = Field(default=False, description="Print the deck's source credits on this card.")


CARD_MODELS = {
    model.model_fields["kind"].annotation.__args__[0]: model
    for model in (PhaseCard, QuestionCard, WriteInCard, RuleCard, ActionCard, ValueCard, QuoteCard, StageCard,
                  InfoCard, AboutCard)
}

Card = Annotated[
    Union[
        PhaseCard, QuestionCard, WriteInCard, RuleCard, ActionCard, ValueCard, QuoteCard, StageCard,
        InfoCard, AboutCard,
    ],
    Field(discriminator="kind"),
]


class Sections(_Strict):
    """Headings printed in the band of SESAM cards and on the poster, in the deck's words."""

    rule: Text = Field(description="Heading of the rules of thumb.")
    action: Text = Field(description="Heading of the action fields (what gives forward motion).")
    value: Text = Field(description="Heading of the values (what gives lift).")
    quote: Text = Field(description="Heading of the participant quotes.")
    stage: Text = Field(description="Heading of the thin <-> thick axis.")
    thin: Text = Field(description="Label of the thin end of the axis.")
    thick: Text = Field(description="Label of the thick end of the axis.")
    info: Text = Field(description="Heading of the background cards.")
    phases: Text = Field(description="Heading of the phase cycle on the poster.")


_ASCII = {"æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}


def kit_id_of(title: str) -> str:
    """A kit id made from a deck's title: the same title always gives the same id.

    ``Samskabelse – samskaping`` gives ``samskabelse-samskaping`` (Danish and Norwegian letters
    spelled out, anything else that is not a letter or digit a '-'); at most 48 characters.
    """
    import unicodedata

    text = "".join(_ASCII.get(ch, ch) for ch in title.lower())
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:48].rstrip("-")
    return slug or "kit"


def check_notes_url(url: str) -> str:
    """Return ``url`` without a trailing '/', or raise ValueError saying what is wrong."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"expected an http:// or https:// URL, received {url!r}")
    if not parts.hostname:
        raise ValueError(f"expected a URL with a host name, received {url!r}")
    if parts.query or parts.fragment:
        raise ValueError(f"expected a URL without '?' or '#', received {url!r}")
    return url.rstrip("/")


class DeckFile(_Strict):
    """``deck.yaml``: the deck-level settings, optionally with cards of its own."""

    # Where each setting stands, for error messages: file and {dotted key: line}.
    _file: str = PrivateAttr(default="")
    _lines: dict = PrivateAttr(default_factory=dict)

    def locate(self, key: str) -> tuple[str, int, str]:
        """(file, line, key) of a setting such as ``title`` or ``sections.rule``."""
        return self._file, self._lines.get(key, self._lines.get(key.split(".")[0], 0)), key

    title: Text = Field(description="The kit's title, on the backs, the about card and the poster.")
    subtitle: Text | None = None
    lang: Lang = Field(description="Main language of the kit (labels such as 'Scan og skriv').")
    notes_url: str | None = Field(default=None, description="Base URL of the notes service for QR codes.")
    kit: KitId | None = Field(
        default=None,
        description="Stable id of the kit on the notes service (one service can host several kits); "
                    "made from the title when missing.",
    )
    card_size: str | None = Field(
        default=None, description="Default card size: a6, a7, poker, bridge, tarot or WxH in mm (--card-size wins)."
    )
    paper: Literal["a4", "letter"] | None = Field(default=None, description="Default office paper (--paper wins).")
    credits: list[Text] = Field(min_length=1, description="Source credits, printed on the about card and poster.")
    sections: Sections
    include: list[str] | None = Field(
        default=None, description="Card files to read, relative to deck.yaml; default: every other *.yaml."
    )
    cards: list[Card] = Field(default_factory=list)

    @field_validator("notes_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        return None if value is None else check_notes_url(value)

    @field_validator("card_size")
    @classmethod
    def _size(cls, value: str | None) -> str | None:
        if value is not None:
            from .sizes import card_size

            card_size(value)  # raises ValueError naming the accepted sizes
        return value


class CardFile(_Strict):
    """Any other deck file: a list of cards."""

    cards: list[Card] = Field(min_length=1)


class Deck(BaseModel):
    """A whole, validated deck: settings plus every card in reading order, codes assigned."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    settings: DeckFile
    cards: tuple  # tuple[Card, ...]
    codes: dict  # card id -> card code
    folder: str

    @property
    def title(self) -> str:
        return self.settings.title

    @property
    def kit_id(self) -> str:
        """The kit's id on the notes service: ``kit:`` in deck.yaml, else made from the title."""
        return self.settings.kit or kit_id_of(self.settings.title)

    def phases(self) -> list[PhaseCard]:
        return sorted((c for c in self.cards if c.kind == "phase"), key=lambda c: c.phase)

    def phase_titles(self) -> dict[int, str]:
        return {c.phase: c.title for c in self.phases()}

    def of_kind(self, kind: str) -> list:
        return [c for c in self.cards if c.kind == kind]

    def by_id(self) -> dict:
        return {c.id: c for c in self.cards}

    def group_of(self, card) -> tuple[str, str]:
        """(number, heading) of the group a card belongs to, as cards, poster and notes show it:
        its phase, its write-in list, the kit itself, or the SESAM section of its kind."""
        if card.kind in ("phase", "question"):
            return str(card.phase), self.phase_titles().get(card.phase, "")
        if card.kind == "writein":
            return str(card.number), card.title
        if card.kind == "about":
            return "", self.settings.title
        return str(getattr(card, "number", "") or ""), getattr(self.settings.sections, card.kind)

    def heading_source(self, card) -> tuple[str, int, str]:
        """(file, line, key) where the heading of ``card``'s group is written (see :meth:`group_of`)."""
        if card.kind in ("phase", "question"):
            phase = next((c for c in self.phases() if c.phase == card.phase), card)
            return phase.locate("title")
        if card.kind == "writein":
            return card.locate("title")
        if card.kind == "about":
            return self.settings.locate("title")
        return self.settings.locate(f"sections.{card.kind}")

    def blank_values(self) -> list[ValueCard]:
        return [c for c in self.of_kind("value") if not c.text]

    def writein_lists(self) -> dict[str, int]:
        """Write-in list titles in deck order, each with its number of lines."""
        lists: dict[str, int] = {}
        for card in self.of_kind("writein"):
            lists[card.title] = max(lists.get(card.title, 0), card.number)
        return lists


def json_schema() -> dict:
    """The JSON Schema of deck files: ``deck.yaml`` (settings and cards) or a card file (cards)."""
    from pydantic import TypeAdapter

    schema = TypeAdapter(Union[DeckFile, CardFile]).json_schema()
    schema["title"] = "carddeck deck file"
    schema["description"] = "deck.yaml (the kit's settings, optionally cards) or a card file (a list of cards)."
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
