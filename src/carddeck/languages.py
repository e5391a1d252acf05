"""A deck's languages: its language files and the deck in one language.

In: a loaded :class:`~carddeck.deck.Deck` (its cards in their source languages) and its
language files ``<deck dir>/lang/<tag>.yaml`` (:class:`LangFile`, read by
:mod:`carddeck.load_languages`). Out: :func:`in_language`, the deck whose every printed text is
in one language, or a :class:`~carddeck.errors.DeckError` naming every card that lacks a text
in it. There is no fallback to another language: a text missing in ``tag`` is an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, PrivateAttr, with_config
from typing_extensions import TypedDict  # pydantic reads typing's own only from Python 3.12

from .errors import DeckError, Problem, shown
from .families import built_in, renamed
from .labels import LABELS
from .langtags import check_tag
from .model import CardId, Lang, Sections, Text, _Strict
from .sections import missing_section, needed_sections

LANG_DIR = "lang"  # a deck's language files: <deck dir>/lang/<tag>.yaml


# Each text typed as the card templates type it (tests/test_languages.py holds them to it). Whether
# the card has the field, and in that shape, is checked against the card itself
# (carddeck.load_languages), which also says any other key: so that one is let through here.
@with_config(ConfigDict(extra="allow"))
class CardTexts(TypedDict, total=False):
    """A card's texts in the language file's language: its title, subtitle, text (a list of
    paragraphs where the card's text is one) and examples."""

    title: Text
    subtitle: Text
    text: Text | list[Text]
    examples: Text


# Fields a card may have translated: its printed texts. Everything else (id, kind, numbers,
# codes, the credits flag) lives only in the card's own file.
TEXT_FIELDS = tuple(CardTexts.__annotations__)


class DeckTexts(_Strict):
    """deck.yaml's texts in a language file's language (the same keys as deck.yaml)."""

    title: Text | None = None
    subtitle: Text | None = None
    sections: Sections | None = None
    credits: list[Text] | None = Field(default=None, min_length=1, description="The source credits, translated.")
    families: dict[str, Text] | None = Field(default=None, description="Family key -> its name in this language.")


# A key of a language file's labels: one of the labels carddeck prints, so that a misspelt one is
# refused (naming the others) rather than leaving carddeck's own word in the kit unnoticed.
LabelKey = Literal[tuple(LABELS["da"])]


class LangFile(_Strict):
    """``lang/<tag>.yaml``: every text of a deck in one more language."""

    lang: Lang = Field(description="The file's language: a BCP-47 tag equal to the file name.")
    name: Text = Field(description="The language's own name (English, norsk bokmål).")
    credit: Text = Field(description="Who translated: printed on the credits card and the poster.")
    deck: DeckTexts | None = Field(default=None, description="deck.yaml's texts in this language.")
    labels: dict[LabelKey, Text] = Field(default_factory=dict, description="The deck's own words for the tool's labels.")
    cards: dict[CardId, CardTexts] = Field(
        default_factory=dict, description="Card id -> that card's text fields in this language.")

    # Where the file and each of its keys stand, for messages: file, {key path tuple: (line, column)}.
    _file: str = PrivateAttr(default="")
    _places: dict = PrivateAttr(default_factory=dict)

    def place(self, *key_path) -> tuple[int, int]:
        """(line, column) of a key in the file; its nearest written parent's for one it lacks."""
        key_path = tuple(key_path)
        while key_path and key_path not in self._places:
            key_path = key_path[:-1]
        return self._places.get(key_path, (1, 1))


def text_fields(card) -> tuple[str, ...]:
    """The fields of ``card`` that hold printed text (whether or not this card has them)."""
    return tuple(name for name in TEXT_FIELDS if name in type(card).model_fields)


def in_language(deck, tag: str | None):
    """``deck`` with every printed text in ``tag`` (None: the deck's own ``lang``).

    A card whose ``lang`` is ``tag`` keeps its texts; any other takes them from the language
    file ``lang/<tag>.yaml``. A quote keeps its participant's words and carries the translation
    (:attr:`~carddeck.templates.QuoteCard.translation`). The deck's settings take the file's
    ``deck:`` texts, and its ``credit`` as their last credit line. Every card and setting then
    says ``lang == tag``, with the file's ``labels:`` on that tag (:class:`~carddeck.labels.LangTag`).

    :raises DeckError: with every card or deck text that has no text in ``tag``, located.
    """
    from .labels import LangTag

    tag = tag or deck.settings.lang
    file = deck.languages.get(tag)
    problems = _unusable(deck, tag, file)
    if problems:
        raise DeckError(problems)
    lang = LangTag(tag, dict(file.labels) if file else {})
    settings = _settings(deck, tag, lang, file, problems)
    cards = []
    name = file._file if file else str(Path(deck.folder) / LANG_DIR / f"{tag}.yaml")
    for card in deck.cards:
        cards.append(_card(card, tag, lang, file, name, problems))
    names = _family_names(deck, tag, file, problems)
    if problems:
        raise DeckError(problems)
    out = deck.model_copy(update={"settings": settings, "cards": tuple(cards)})
    return renamed(out, names) if names else out  # the deck's own language renames nothing


def _family_names(deck, tag: str, file, problems: list[Problem]) -> dict[str, str]:
    """The names of the deck's card families in ``tag`` (:func:`carddeck.families.renamed`): the
    language file's ``deck: families:``, or the tool's words for a deck that declares none; a
    problem for each family it lacks and each name of a family the deck does not have."""
    if deck.settings.lang == tag:
        return {}
    if deck.settings.families is None:
        return {key: f.name for key, f in built_in(tag).items()}
    given = (file.deck.families if file.deck else None) or {}
    for key in deck.families:
        if key not in given:
            line, column = file.place("deck", "families")
            problems.append(Problem(file._file, line, f"deck.families.{key}",
                                    f"missing the name of family {shown(key)} in {shown(tag)}", column))
    for key in given:
        if key not in deck.families:
            line, column = file.place("deck", "families", key)
            problems.append(Problem(file._file, line, f"deck.families.{key}", f"{shown(key)} is not a family of "
                                    f"the deck; its families: {', '.join(deck.families)}", column))
    return given


def missing_texts(deck, tag: str | None) -> list[Problem]:
    """Every card and deck text that has no text in ``tag``; [] when the deck builds in it."""
    try:
        in_language(deck, tag)
    except DeckError as exc:
        return exc.problems
    return []


def _unusable(deck, tag: str, file) -> list[Problem]:
    """Why the deck cannot be built in ``tag`` at all: a bad tag, no file, no labels."""
    from .guide_text import GUIDE

    main = deck.settings.locate("lang")
    try:
        check_tag(tag)
    except ValueError as exc:
        return [Problem(main[0], 0, "", f"--lang: {exc}")]
    if file is None and tag != deck.settings.lang:
        has = ", ".join(deck.language_tags)
        return [Problem(str(Path(deck.folder) / LANG_DIR / f"{tag}.yaml"), 0, "",
                        f"the deck has no texts in {shown(tag)}: add this file (the deck has {has})")]
    where = (file._file, *file.place("labels")) if file else (main[0], main[1], 0)
    own = file.labels if file else {}
    missing = [key for key in LABELS["da"] if key not in LABELS.get(tag, {}) and key not in own]
    out = []
    if missing:
        out.append(Problem(where[0], where[1], "labels", f"carddeck has no labels in {shown(tag)}: give every one "
                           f"under 'labels:' (missing: {', '.join(missing[:8])}{' …' if len(missing) > 8 else ''})",
                           where[2]))
    if tag not in GUIDE:
        out.append(Problem(where[0], where[1], "", f"carddeck has no facilitator's guide in {shown(tag)} "
                           f"(it has {', '.join(GUIDE)})", where[2]))
    return out


def _settings(deck, tag: str, lang, file, problems: list[Problem]):
    """deck.yaml's settings in ``tag``, each text from the language file, the credit last."""
    settings = deck.settings
    credit = [file.credit] if file else []
    if settings.lang == tag:
        out = settings.model_copy(update={"lang": lang, "credits": [*settings.credits, *credit]})
        out._translated = dict(settings._translated)
        return out
    texts = file.deck or DeckTexts()
    update, places = {"lang": lang}, {}
    needed = needed_sections(deck.cards)
    for key in ("title", "subtitle", "sections", "credits"):
        if getattr(settings, key) is None or (key == "sections" and not needed):
            continue  # a deck whose cards print no section needs none in its languages
        if getattr(texts, key) is None:
            line, column = file.place("deck")
            problems.append(Problem(file._file, line, f"deck.{key}", f"missing {shown(key)}: deck.yaml's {key} "
                                    f"in {shown(tag)}", column))
            continue
        update[key] = getattr(texts, key)
        places[key] = (file._file, file.place("deck", key)[0], f"deck.{key}")
        if key == "sections":
            places.update({f"sections.{name}": (file._file, file.place("deck", "sections", name)[0],
                                                f"deck.sections.{name}") for name in Sections.model_fields})
            line, column = file.place("deck", "sections")
            for name, card in needed.items():
                if getattr(texts.sections, name) is None:
                    problems.append(Problem(file._file, line, f"deck.sections.{name}", missing_section(name, card),
                                            column))
            problems.extend(_optional_sections(settings.sections, texts.sections, tag, file))
    update["credits"] = [*update.get("credits", settings.credits), file.credit]
    out = settings.model_copy(update=update)
    out._translated = places
    return out


# Headings no card requires but that print when deck.yaml gives them (the subtitle after the axis's
# heading on the stage cards): given in deck.yaml, they are needed in every language.
WHEN_GIVEN = ("stage_subtitle",)


def _optional_sections(own: Sections, given: Sections, tag: str, file) -> list[Problem]:
    """A problem for each heading of :data:`WHEN_GIVEN` that deck.yaml gives and the language
    file lacks: the kits of a deck print the same texts in every language."""
    out = []
    for name in WHEN_GIVEN:
        if getattr(own, name) is not None and getattr(given, name) is None:
            line, column = file.place("deck", "sections")
            out.append(Problem(file._file, line, f"deck.sections.{name}", f"missing {shown(name)}: deck.yaml's "
                               f"sections.{name} in {shown(tag)}", column))
    return out


def _card(card, tag: str, lang, file, name: str, problems: list[Problem]):
    """``card`` in ``tag`` (see :func:`in_language`); a problem for each text it lacks."""
    if card.lang == tag:
        return card.model_copy(update={"lang": lang})
    fields = [name for name in text_fields(card) if getattr(card, name) is not None]
    if not fields:  # a write-in value card without text: nothing to translate
        return card.model_copy(update={"lang": lang})
    entry = file.cards.get(card.id) if file else None
    if entry is None:
        problems.append(Problem(*card.locate()[:2], card.locate()[2],
                                f"card {shown(card.id)} has no text in {shown(tag)}: add it to "
                                f"{name} under 'cards: {card.id}:'", card._column))
        return card
    places = {}
    for name in fields:
        if name not in entry:
            line, column = file.place("cards", card.id)
            problems.append(Problem(file._file, line, f"cards.{card.id}", f"card {shown(card.id)} has no "
                                    f"{name} in {shown(tag)}", column))
        places[name] = (file._file, file.place("cards", card.id, name)[0], f"cards.{card.id}.{name}")
    texts = {name: entry[name] for name in fields if name in entry}
    if card.family.template.name == "quote":  # the participant's own words stay; the translation prints beneath
        out = card.model_copy(update={"lang": lang})
        out._spoken = card.lang
        out._translation = texts.get("text")
        places["translation"] = places.pop("text")
    else:
        out = card.model_copy(update={"lang": lang, **texts})
    out._translated = places
    return out
