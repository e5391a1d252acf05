"""Load a deck folder: YAML files in, a validated :class:`~carddeck.deck.Deck` out.

Every mistake found is collected as a :class:`~carddeck.errors.Problem` naming file, line,
column and key path. :func:`read_deck` returns the deck made of every card that validated
together with all problems, so that later stages (the layout's fit) can still check those
cards; :func:`load_deck` raises :class:`~carddeck.errors.DeckError` once with all of them.
Checks made here: the file itself (:mod:`carddeck.yamlfile`: size, characters, YAML syntax,
tags, duplicate keys), the card families (:mod:`carddeck.families`: template, colour, symbol,
code), the schema (types, required and unknown keys, each card by its family's template,
lengths), duplicate card ids and codes, phases that questions refer to, the ``sections:`` keys
the cards print, a notes URL whose QR codes fit, and every character against the kit's font;
a file's mistakes are located and worded by :mod:`carddeck.file_problems`. Whether text fits a
card is checked by layout (:func:`carddeck.build.lay_out`).
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from .deck import Deck
from .errors import DeckError, Problem, shown
from .families import Declared, built_in, declared
from .file_problems import check_glyphs, dotted, file_mapping, report, said
from .langtags import check_tag
from .load_languages import language_files, read_languages
from .model import MAX_CODE, CardFile, DeckFile, Lang, Sections, qr_overflow
from .sections import missing_section, needed_sections
from .urls import card_url
from .yamlfile import Parsed, SourceNumber, read_yaml

DECK_FILE = "deck.yaml"
MAX_CARDS = 10_000  # cards in one deck; a workshop kit has about a hundred


def load_deck(folder: str | os.PathLike = "deck") -> Deck:
    """Read and validate the deck in ``folder`` (its ``deck.yaml`` and card files).

    :raises DeckError: with every problem found, each with file, line and key.
    """
    deck, problems = read_deck(folder)
    if problems:
        raise DeckError(problems)
    return deck


def read_deck(folder: str | os.PathLike = "deck") -> tuple[Deck | None, list[Problem]]:
    """The deck in ``folder`` made of every card that validated, and every problem found.

    The deck is None when there is nothing to lay out (no deck.yaml, or no card validated). When
    deck.yaml's settings have mistakes, the deck gets neutral stand-ins for them (a dash fits
    anywhere), so that the cards can still be checked.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    main = folder / DECK_FILE
    if not folder.is_dir():
        return None, [Problem(str(main), 0, "", f"no {DECK_FILE} here; {str(folder)!r} is not a folder")]
    if not main.exists():
        return None, [Problem(str(main), 0, "", f"no {DECK_FILE} here; is {str(folder)!r} a deck folder?")]

    settings, cards, claimed, parsed, families = _read(main, DeckFile, problems)
    for path in _card_files(folder, settings, parsed, problems, main):
        _, more, phases, _, _ = _read(path, CardFile, problems, families)
        cards.extend(more)
        claimed |= phases
    if len(cards) > MAX_CARDS:
        first = cards[MAX_CARDS]
        problems.append(Problem(*first.locate(), f"the deck has {len(cards):,} cards; at most {MAX_CARDS:,} are read",
                                first._column))
        cards = cards[:MAX_CARDS]
    if not cards and not problems:
        problems.append(Problem(str(main), 0, "", "the deck has no cards: add a 'cards:' list here or in a card file"))
    good = _check_cards(cards, problems, claimed)
    codes = _assign_codes(cards, problems)
    missing = _check_sections(parsed, main, cards, problems)
    languages = read_languages(folder, good, settings, problems)
    if settings is not None:
        _check_notes_url(settings, cards, problems)
    else:
        settings = _stand_in(parsed, main)
    if missing:  # reported; a dash stands in, so that layout can still check the cards
        settings = settings.model_copy(update={"sections": settings.sections.model_copy(
            update=dict.fromkeys(missing, "–"))})
    if not good:
        return None, problems
    deck = Deck(settings=settings, cards=tuple(good), codes={c.id: codes[c.id] for c in good}, folder=str(folder),
                families=dict(families.known), languages=languages)
    return deck, problems


class _LangOnly(BaseModel):
    """deck.yaml's ``lang`` alone; its other keys are no concern of :func:`read_lang`."""

    model_config = ConfigDict(extra="ignore")
    lang: Lang


def read_lang(folder: str | os.PathLike = "deck") -> str:
    """The language of the deck in ``folder``: its deck.yaml's ``lang``, read from that file alone,
    so that a deck whose cards have mistakes still says it (a calibration sheet needs no more).

    :raises DeckError: when deck.yaml cannot be read or holds no keys, or its ``lang`` is missing
        or not a tag carddeck can use; located and worded as :func:`load_deck` says it.
    """
    main, problems = Path(folder) / DECK_FILE, []
    parsed = read_yaml(main, problems)
    data = file_mapping(parsed, str(main), problems, 0) if parsed is not None else None
    if data is None:  # the file cannot be read, or holds no keys
        raise DeckError(problems)
    try:
        return _LangOnly.model_validate(data).lang
    except ValidationError as exc:
        report(exc, _LangOnly, (), str(main), parsed, problems, said(problems, str(main)))
    raise DeckError([p for p in problems if p.key == "lang"])  # a mistake elsewhere is no concern here


def load_kit(folder: str | os.PathLike = "deck", lang: str | None = None) -> Deck:
    """The deck in ``folder`` as its kit prints it: every text in ``lang`` (default: the deck's
    ``lang``; see :meth:`~carddeck.deck.Deck.in_language`).

    :raises DeckError: with every problem of the deck, or every text it lacks in ``lang``.
    """
    return load_deck(folder).in_language(lang)


def card_files(folder: Path, include: list[str] | None) -> list[Path]:
    """The card files of the deck in ``folder``: the files deck.yaml's ``include`` names, relative
    to it (whether or not they are there), else every other ``*.yaml`` beside it."""
    if include is None:
        return sorted(p for p in folder.glob("*.yaml") if p.name != DECK_FILE)
    return [folder / name for name in include]


def include_of(folder: str | os.PathLike) -> list[str] | None:
    """deck.yaml's ``include`` as written, from that file alone (None: it names none, or cannot say)."""
    return _raw_include(read_yaml(Path(folder) / DECK_FILE, []))


def deck_files(folder: str | os.PathLike, include: list[str] | None) -> list[Path]:
    """Every file the deck in ``folder`` is read from, in the order :func:`read_deck` reads them:
    deck.yaml, its card files (:func:`card_files` of deck.yaml's ``include``, as
    :func:`include_of` gives it) and its language files. A file named that is not there is listed
    too: ``carddeck build --watch`` sees it appear."""
    folder = Path(folder)
    return [folder / DECK_FILE, *card_files(folder, include), *language_files(folder)]


def _card_files(folder: Path, settings, parsed: Parsed | None, problems, main) -> list[Path]:
    """The card files to read (:func:`card_files`); a problem for each that ``include`` names and is
    not a file there."""
    include = settings.include if settings is not None else _raw_include(parsed)
    paths = []
    for i, path in enumerate(card_files(folder, include)):
        if include is not None and (path.is_dir() or not path.exists()):
            name = include[i]
            line, column = parsed.place(("include", i)) if parsed else (0, 0)
            message = f"{shown(name)} is a folder, not a file" if path.is_dir() else f"no such file: {shown(name)}"
            problems.append(Problem(str(main), line, f"include[{i}]", message, column))
        else:
            paths.append(path)
    return paths


def _raw_include(parsed: Parsed | None) -> list[str] | None:
    """``include`` as written in a deck.yaml that did not validate (its other mistakes are
    reported already), so that files it leaves out are not read after all."""
    data = parsed.data if parsed else None
    include = data.get("include") if isinstance(data, dict) else None
    return include if isinstance(include, list) and all(isinstance(n, str) for n in include) else None


def _stand_in(parsed: Parsed | None, main: Path) -> DeckFile:
    """deck.yaml's settings for a deck.yaml with mistakes: each simple setting as written when
    it is usable, else a neutral stand-in; never printed, as the build stops on the mistakes.
    The stand-in is a dash: layout may assume a text has a line. A heading the cards need and
    deck.yaml lacks gets its dash from :func:`read_deck`, as for a deck.yaml without mistakes."""
    data = parsed.data if parsed and isinstance(parsed.data, dict) else {}

    def text(value, default):
        return value.strip() if isinstance(value, str) and 0 < len(value.strip()) <= 200 else default

    raw = data.get("sections") if isinstance(data.get("sections"), dict) else {}
    credits = data.get("credits")
    settings = DeckFile.model_construct(
        title=text(data.get("title"), "–"), subtitle=text(data.get("subtitle"), None),
        lang=_usable_tag(data.get("lang")), notes_url=None, card_size=None,
        paper=data.get("paper") if data.get("paper") in ("a4", "letter") else None,
        credits=[text(c, "–") for c in credits] if isinstance(credits, list) and credits else ["–"],
        sections=Sections.model_construct(**{name: text(raw.get(name), None) for name in Sections.model_fields}),
        families=None, include=None, cards=[],
    )
    settings._file = str(main)
    settings._lines = {dotted(kp): line for kp, (line, _) in (parsed.keys.items() if parsed else ())
                       if kp and kp[0] != "cards" and len(kp) <= 2}
    return settings


def _usable_tag(value) -> str:
    """deck.yaml's ``lang`` as written when it is a tag carddeck can use, else ``da`` (a stand-in)."""
    try:
        return check_tag(value)
    except ValueError:
        return "da"


def _read(path: Path, model, problems: list[Problem], families: Declared | None = None):
    """Validate one file against ``model`` and its cards against their families' templates.

    ``families`` are the deck's (None for deck.yaml, which declares them). Returns (settings or
    None, [cards that validated], {phase numbers of phase cards that did not validate}, the
    parsed file or None, the families); the third keeps a broken phase card from making its
    questions' phase unknown.
    """
    before = len(problems)
    parsed = read_yaml(path, problems)
    file = str(path)
    families = families or Declared(built_in("da"), sure=False)  # until deck.yaml says
    if parsed is None:
        return None, [], set(), None, families
    data = file_mapping(parsed, file, problems, before)
    if data is None:
        return None, [], set(), parsed, families
    unreadable = said(problems[before:], file)  # before the font's check: its problems silence no other
    check_glyphs(data, parsed, file, problems)
    if model is DeckFile:
        families = declared(data, parsed, file, problems, unreadable)
    try:
        settings = model.model_validate(data)
    except ValidationError as exc:
        report(exc, model, (), file, parsed, problems, unreadable)
        settings = None
    cards, claimed = _cards(data, families, file, parsed, problems, unreadable)
    if model is not DeckFile or settings is None:
        return None, cards, claimed, parsed, families
    settings._file = file
    settings._lines = {dotted(kp): line for kp, (line, _) in parsed.keys.items() if kp and kp[0] != "cards" and len(kp) <= 2}
    return settings, cards, claimed, parsed, families


def _cards(data: dict, families: Declared, file: str, parsed: Parsed, problems: list[Problem], unreadable: set):
    """The cards of a file that validate against their family's template, each placed in its
    file; and the phases of phase cards that did not validate."""
    cards, claimed, keys = [], set(), _card_keys(parsed)
    raw_cards = data.get("cards") if isinstance(data.get("cards"), list) else []
    known = ", ".join(families.declared)
    for i, raw in enumerate(raw_cards[: MAX_CARDS + 1]):
        if not isinstance(raw, dict):
            continue  # the file's schema says what it should be
        loc = ("cards", i, "kind")
        kind = raw.get("kind")
        family = families.known.get(kind) if isinstance(kind, str) else None
        if family is None:
            if "kind" not in raw:
                line, column = parsed.place(loc[:-1])
                problems.append(Problem(file, line, dotted(loc), f"missing required key 'kind' (one of the deck's "
                                                                   f"families: {known})", column))
            elif families.sure and not (isinstance(kind, str) and kind in families.broken) and dotted(loc) not in unreadable:
                line, column = parsed.place(loc)
                problems.append(Problem(file, line, dotted(loc), f"unknown kind {shown(str(kind))}; expected one of the "
                                                                   f"deck's families: {known}", column))
            continue
        try:
            card = family.template.model.model_validate(raw)
        except ValidationError as exc:
            report(exc, family.template.model, ("cards", i), file, parsed, problems, unreadable)
            phase = raw.get("phase") if family.template.name == "phase" else None
            if isinstance(phase, SourceNumber) and isinstance(phase.value, int):
                claimed.add(phase.value)
            continue
        _place(card, file, parsed, i, keys)
        card._family = family
        cards.append(card)
    return cards, claimed


def _card_keys(parsed: Parsed) -> dict[int, dict[str, tuple[int, int]]]:
    """{card index: {key: (line, column)}} of a file's ``cards`` list."""
    out: dict[int, dict[str, tuple[int, int]]] = {}
    for key_path, place in parsed.keys.items():
        if len(key_path) == 3 and key_path[0] == "cards":
            out.setdefault(key_path[1], {})[key_path[2]] = place
    return out


def _place(card, file: str, parsed: Parsed, index: int, keys: dict) -> None:
    """Give a card its location: file, key path and the line and column of each of its keys."""
    card._file = file
    card._path = f"cards[{index}]"
    line, card._column = parsed.place(("cards", index))
    card._lines = {"": line}
    card._columns = {}
    for key, (line, column) in keys.get(index, {}).items():
        card._lines[key] = line
        card._columns[key] = column


# --- checks across cards -------------------------------------------------------------------------


def _where(card, key: str) -> tuple:
    """(file, line, key path, …) of a card's key, and its column, for a Problem."""
    return card.locate(key), card._columns.get(key, 0)


def _check_cards(cards, problems: list[Problem], claimed: set[int]) -> list:
    """Report clashes between cards; return the cards that clash with none (kept for layout)."""
    seen: dict[str, tuple[str, int]] = {}
    phases = {c.phase for c in cards if c.family.template.name == "phase"} | claimed
    good = []
    for card in cards:
        ok = True
        if card.id in seen:
            first = seen[card.id]
            where, column = _where(card, "id")
            problems.append(Problem(*where, f"duplicate id {shown(card.id)} (first used at {first[0]}:{first[1]})", column))
            ok = False
        else:
            seen[card.id] = card.locate("id")[:2]
        if card.family.template.phased and card.family.template.name != "phase" and card.phase not in phases:
            where, column = _where(card, "phase")
            has = ", ".join(map(str, sorted(phases)))
            problems.append(Problem(*where, f"unknown phase {card.phase}; " + (
                f"the deck has phases {has}" if phases else "the deck has no phase cards"), column))
            ok = False
        if ok:
            good.append(card)
    phase_cards = [c for c in cards if c.family.template.name == "phase"]
    numbers = [c.phase for c in phase_cards]
    for card in phase_cards:
        if numbers.count(card.phase) > 1:
            where, column = _where(card, "phase")
            problems.append(Problem(*where, f"phase {card.phase} has more than one phase card", column))
    return good


def _assign_codes(cards, problems: list[Problem]) -> dict[str, str]:
    """Card codes: given ones, else derived by the family's ``code`` (``3`` phase, ``3.2`` question,
    ``H4`` action field; see :class:`~carddeck.families.Family`)."""
    codes: dict[str, str] = {}
    nth: dict[tuple, int] = {}  # cards so far, per kind and per (kind, phase)
    lists: dict[tuple[str, str], int] = {}  # (kind, list title) -> its place among the lists
    long_codes: set[str] = set()
    for card in cards:
        phase, title = getattr(card, "phase", None), getattr(card, "title", None)
        for key in (card.kind, (card.kind, phase)):
            nth[key] = nth.get(key, 0) + 1
        lists.setdefault((card.kind, title), sum(k == card.kind for k, _ in lists) + 1)
        derived = card.family.code_of(
            phase=phase, number=getattr(card, "number", None), nth=nth[card.kind],
            nth_in_phase=nth[card.kind, phase], list=lists[card.kind, title])
        codes.setdefault(card.id, card.code or derived)  # a repeated id keeps its first code
        if not card.code and len(derived) > MAX_CODE and card.kind not in long_codes:
            long_codes.add(card.kind)  # said once per family, at its first card
            where, column = _where(card, "kind")
            problems.append(Problem(*where, f"the code {shown(card.family.code)} of family {shown(card.kind)} makes "
                                            f"{shown(derived)}, longer than the {MAX_CODE} characters a card prints; "
                                            f"shorten it in deck.yaml's families or give the card a code", column))
    owners: dict[str, str] = {}
    templates = {card.id: card.family.template.name for card in cards}
    for card in cards:
        code = codes[card.id]
        if code in owners and owners[code] != card.id:
            if templates[card.id] == templates[owners[code]] == "phase" and not card.code:
                continue  # already reported: two phase cards for one phase
            where, column = _where(card, "code")
            problems.append(Problem(*where, f"card code {shown(code)} is also used by card {shown(owners[code])}", column))
        owners.setdefault(code, card.id)
    return codes


def _check_sections(parsed: Parsed | None, main: Path, cards, problems: list[Problem]) -> list[str]:
    """deck.yaml's ``sections:`` must give every key the deck's cards print
    (:func:`~carddeck.model.needed_sections`), and need give no other; returns the keys it lacks.
    Each is reported at ``sections:`` (at the top of deck.yaml when there is none), with a card
    that prints it. A ``sections:`` that is not a mapping is the schema's to report."""
    data = parsed.data if parsed is not None and isinstance(parsed.data, dict) else None
    if data is None:
        return []
    raw = data.get("sections", {})
    if not isinstance(raw, dict):
        return []
    missing = [(key, card) for key, card in needed_sections(cards).items() if raw.get(key) is None]
    line, column = parsed.place(("sections",), of_value=False) if "sections" in data else parsed.place(())
    for key, card in missing:
        problems.append(Problem(str(main), line, f"sections.{key}", missing_section(key, card), column))
    return [key for key, _ in missing]


def _check_notes_url(settings: DeckFile, cards, problems: list[Problem]) -> None:
    """deck.yaml's notes URL must make QR codes that a phone reads from a card."""
    if settings.notes_url:
        overflow = qr_overflow(card_url(settings.notes_url, card.id) for card in cards)
        if overflow:
            problems.append(Problem(*settings.locate("notes_url"), overflow))
