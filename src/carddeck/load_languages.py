"""Read a deck's language files: ``<deck dir>/lang/*.yaml`` in, {tag: LangFile} and located problems out.

Each file is read with the project's bounded YAML loader (:mod:`carddeck.yamlfile`) and checked
against :class:`~carddeck.languages.LangFile`, then against the deck's cards: its ``lang`` must
equal its file name; a card it names must exist, be in another language than the file, and get
only text fields it has, in the same shape as its source (a string, or a list of paragraphs).
Every mistake is a :class:`~carddeck.errors.Problem` with file, line and column; nothing stops
at the first. Whether a card *lacks* a text is a question of the build's language, answered by
:func:`carddeck.languages.in_language`.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from .errors import Problem, shown
from .file_problems import check_glyphs, file_mapping, report, said
from .languages import LANG_DIR, LangFile, text_fields
from .yamlfile import read_yaml


def language_files(folder: Path) -> list[Path]:
    """The language files of the deck in ``folder``: its ``lang/*.yaml``, by name."""
    return sorted((folder / LANG_DIR).glob("*.yaml"))


def read_languages(folder: Path, cards, settings, problems: list[Problem]) -> dict:
    """{tag: LangFile} of every valid file in ``folder/lang/``; each mistake added to ``problems``.

    ``cards`` are the deck's cards that validated and ``settings`` its deck.yaml (None when it
    has mistakes): a file is checked against them.
    """
    out = {}
    by_id = {card.id: card for card in cards}
    for path in language_files(folder):
        file, before = str(path), len(problems)
        parsed = read_yaml(path, problems)
        if parsed is None:
            continue
        data = file_mapping(parsed, file, problems, before, keys=LangFile.model_fields)
        if data is None:
            continue
        unreadable = said(problems[before:], file)  # before the font's check: its problems silence no other
        check_glyphs(data, parsed, file, problems)
        try:
            lang_file = LangFile.model_validate(data)
        except ValidationError as exc:
            report(exc, LangFile, (), file, parsed, problems, unreadable)
            continue
        lang_file._file = file
        lang_file._places = {key: place for key, place in parsed.values.items()}
        tag = lang_file.lang
        if tag != path.stem:
            line, column = lang_file.place("lang")
            problems.append(Problem(file, line, "lang", f"the file {path.name} says lang: {tag}; a language file's "
                                    f"name is its tag: rename it {tag}.yaml or write lang: {path.stem}", column))
            continue
        _check_against_deck(lang_file, by_id, settings, problems)
        out[tag] = lang_file
    return out


def _check_against_deck(lang_file: LangFile, by_id: dict, settings, problems: list[Problem]) -> None:
    """A language file's cards and deck texts against the deck they translate."""
    file, tag = lang_file._file, lang_file.lang

    def problem(key_path: tuple, key: str, message: str) -> None:
        line, column = lang_file.place(*key_path)
        problems.append(Problem(file, line, key, message, column))

    if settings is not None and lang_file.deck is not None and settings.lang == tag:
        problem(("deck",), "deck", f"deck.yaml is in {shown(tag)} already: its texts stay in deck.yaml")
    for card_id, entry in lang_file.cards.items():
        card = by_id.get(card_id)
        where = ("cards", card_id)
        if card is None:
            problem(where, f"cards.{card_id}", f"unknown card {shown(card_id)}: no card of the deck has this id")
            continue
        if card.lang == tag:
            problem(where, f"cards.{card_id}", f"card {shown(card_id)} is in {shown(tag)} already "
                    f"({card.source[0]}:{card.source[1]}): its texts stay in its own file")
            continue
        fields = text_fields(card)
        for name, text in entry.items():
            key = f"cards.{card_id}.{name}"
            source = getattr(card, name, None) if name in fields else None
            if name not in fields:
                accepted = ", ".join(fields) or "none"
                problem((*where, name), key, f"{shown(name)} is not a text of a {card.kind} card; its texts: {accepted}")
            elif source is None:
                problem((*where, name), key, f"card {shown(card_id)} has no {name} to translate "
                        f"({card.source[0]}:{card.source[1]})")
            elif isinstance(source, str) != isinstance(text, str):
                expected, received = ("a string", "a list") if isinstance(source, str) else ("a list", "a string")
                where_source = card.locate(name)
                problem((*where, name), key, f"expected {expected}, as the card's source "
                        f"({where_source[0]}:{where_source[1]}), received {received}")
