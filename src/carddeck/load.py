"""Load a deck folder: YAML files in, a validated :class:`~carddeck.model.Deck` out.

Every mistake found is collected as a :class:`~carddeck.errors.Problem` naming file, line and
key path; when there is at least one, :class:`~carddeck.errors.DeckError` is raised once with
all of them. Checks made here: YAML syntax, duplicate keys, the schema (types, required and
unknown keys, kinds), duplicate card ids and codes, phases that questions refer to, and every
character against the kit's font. Whether text fits a card is checked by layout
(:func:`carddeck.layout.deck.card_artwork` and the poster).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import fonts
from .errors import DeckError, Problem
from .model import CARD_MODELS, KINDS, CardFile, Deck, DeckFile, Sections

DECK_FILE = "deck.yaml"
KeyPath = tuple  # a key path: ("cards", 3, "text")


def load_deck(folder: str | os.PathLike = "deck") -> Deck:
    """Read and validate the deck in ``folder`` (its ``deck.yaml`` and card files).

    :raises DeckError: with every problem found, each with file, line and key.
    """
    folder = Path(folder)
    problems: list[Problem] = []
    main = folder / DECK_FILE
    if not main.is_file():
        raise DeckError([Problem(str(main), 0, "", f"no {DECK_FILE} here; is {str(folder)!r} a deck folder?")])

    settings, cards, claimed = _read(main, DeckFile, problems)
    files = _card_files(folder, settings, problems, main)
    for path in files:
        _, more, phases = _read(path, CardFile, problems)
        cards.extend(more)
        claimed |= phases

    if settings is None:
        raise DeckError(problems)
    if not cards and not problems:
        problems.append(Problem(str(main), 0, "", "the deck has no cards: add a 'cards:' list here or in a card file"))
    _check_cards(cards, problems, claimed)
    codes = _assign_codes(cards, problems)
    if problems:
        raise DeckError(problems)
    return Deck(settings=settings, cards=tuple(cards), codes=codes, folder=str(folder))


def _card_files(folder: Path, settings, problems, main) -> list[Path]:
    """The card files: deck.yaml's ``include`` list, else every other ``*.yaml``."""
    include = settings.include if settings is not None else _raw_include(main)
    if include is None:
        return sorted(p for p in folder.glob("*.yaml") if p.name != DECK_FILE)
    paths = []
    for i, name in enumerate(include):
        path = folder / name
        if path.is_file():
            paths.append(path)
        else:
            problems.append(Problem(str(main), 0, f"include[{i}]", f"no such file: {str(path)!r}"))
    return paths


def _raw_include(main: Path) -> list[str] | None:
    """``include`` as written in a deck.yaml that did not validate (its other mistakes are
    reported already), so that files it leaves out are not read after all."""
    try:
        data = yaml.safe_load(main.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    include = data.get("include") if isinstance(data, dict) else None
    return include if isinstance(include, list) and all(isinstance(n, str) for n in include) else None


# --- YAML with line numbers -------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """SafeLoader whose documents come back with the line of every key path."""


def _parse(path: Path, problems: list[Problem]) -> tuple[Any, dict[KeyPath, int]]:
    """Parse one YAML file into plain data plus ``{key path: 1-based line}``."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(str(path), 0, "", f"is not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return None, {}
    except OSError as exc:
        problems.append(Problem(str(path), 0, "", f"cannot be read: {exc.strerror}"))
        return None, {}
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problems.append(Problem(str(path), line, "", f"is not valid YAML: {exc.problem}"))
        return None, {}
    lines: dict[KeyPath, int] = {}
    if node is None:
        return None, lines
    loader = _Loader("")
    return _to_data(node, (), lines, loader, str(path), problems), lines


def _construct(node, key_path, loader, file, problems):
    """A scalar's value; an unknown YAML tag (``!foo``) is a problem, not a crash."""
    try:
        return loader.construct_object(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or node.start_mark
        problems.append(Problem(file, mark.line + 1, _dotted(key_path), f"cannot be read: {exc.problem}"))
        return None


def _to_data(node, key_path, lines, loader, file, problems):
    lines.setdefault(key_path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _construct(key_node, key_path, loader, file, problems)
            if not isinstance(key, str):
                key = str(key)
            sub = (*key_path, key)
            if key in out:
                problems.append(Problem(file, key_node.start_mark.line + 1, _dotted(sub), "key appears twice"))
                continue
            lines[sub] = key_node.start_mark.line + 1
            out[key] = _to_data(value_node, sub, lines, loader, file, problems)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*key_path, i), lines, loader, file, problems) for i, item in enumerate(node.value)]
    return _construct(node, key_path, loader, file, problems)


def _dotted(key_path) -> str:
    out = ""
    for part in key_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _line_of(lines: dict, key_path) -> int:
    """The line of the deepest key path that the file has (an absent key: its mapping's line)."""
    key_path = tuple(key_path)
    while key_path and key_path not in lines:
        key_path = key_path[:-1]
    return lines.get(key_path, 1)


# --- schema ------------------------------------------------------------------------------------


def _read(path: Path, model, problems: list[Problem]):
    """Validate one file against ``model``.

    Returns (settings or None, [cards that validated], {phase numbers of phase cards that did
    not validate}); the last keeps a broken phase card from making its questions' phase unknown.
    """
    before = len(problems)
    data, lines = _parse(path, problems)
    if data is None and not lines:
        if len(problems) == before:  # parsed fine, but holds nothing (a mistake in another file is no excuse)
            problems.append(Problem(str(path), 1, "", "is empty"))
        return None, [], set()
    file = str(path)
    if not isinstance(data, dict):
        problems.append(Problem(file, 1, "", f"expected a mapping of keys, received {_kind(data)}"))
        return None, [], set()
    _check_glyphs(data, (), lines, file, problems, data)
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = _clean_loc(err["loc"])
            if err["type"] in ("union_tag_invalid", "union_tag_not_found"):
                loc = (*loc, "kind")
            problems.append(Problem(file, _line_of(lines, loc), _dotted(loc), _message(err, model, loc, data)))
        # Validate the cards one by one so that good cards still get their later checks.
        cards, claimed = [], set()
        for i, raw in enumerate(data.get("cards") or [] if isinstance(data.get("cards"), list) else []):
            try:
                card = CardFile.model_validate({"cards": [raw]}).cards[0]
            except ValidationError:
                if isinstance(raw, dict) and raw.get("kind") == "phase" and isinstance(raw.get("phase"), int):
                    claimed.add(raw["phase"])
                continue
            _place(card, file, lines, i)
            cards.append(card)
        return None, cards, claimed
    for i, card in enumerate(parsed.cards):
        _place(card, file, lines, i)
    if model is DeckFile:
        parsed._file = file
        parsed._lines = {_dotted(kp): line for kp, line in lines.items() if kp and kp[0] != "cards" and len(kp) <= 2}
        return parsed, list(parsed.cards), set()
    return None, list(parsed.cards), set()


def _place(card, file: str, lines: dict, index: int) -> None:
    """Give a card its location: file, key path and the line of each of its keys."""
    card._file = file
    card._path = f"cards[{index}]"
    card._lines = {"": _line_of(lines, ("cards", index))}
    for key_path, line in lines.items():
        if len(key_path) == 3 and key_path[:2] == ("cards", index):
            card._lines[key_path[2]] = line


def _clean_loc(loc) -> tuple:
    """Drop pydantic's union-tag steps (``cards.3.question.text`` -> ``cards.3.text``)."""
    out = []
    for i, part in enumerate(loc):
        if isinstance(part, str) and part in KINDS and i > 0 and isinstance(loc[i - 1], int):
            continue
        if isinstance(part, str) and (part in ("str", "list[str]") or part.startswith("function-after[")):
            continue
        out.append(part)
    return tuple(out)


def _kind(value) -> str:
    names = {
        str: "a string", int: "a number", float: "a number", bool: "true/false", list: "a list",
        dict: "a mapping", type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)


def _value_at(data, loc):
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _accepted_keys(model, loc, data) -> list[str]:
    """The keys accepted where the unknown key ``loc[-1]`` stands."""
    parent = _value_at(data, loc[:-1])
    if len(loc) >= 3 and loc[-3] == "cards" and isinstance(parent, dict):
        # An unknown key is only reported for a card whose kind is known (else the kind is).
        return list(CARD_MODELS[parent["kind"]].model_fields)
    if loc[:-1] == ("sections",):
        return list(Sections.model_fields)
    return list(model.model_fields)


def _message(err, model, loc, data) -> str:
    kind = err["type"]
    value = err.get("input")
    if kind == "missing":
        return f"missing required key {loc[-1]!r}" if loc else "missing"
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}; accepted keys: {', '.join(_accepted_keys(model, loc, data))}"
    if kind == "union_tag_invalid":
        return f"unknown kind {err['ctx']['tag']!r}; expected one of: {', '.join(KINDS)}"
    if kind == "union_tag_not_found":
        return f"missing required key 'kind' (one of: {', '.join(KINDS)})"
    if kind in ("string_type", "str_type"):
        return f"expected a string, received {_kind(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, received {_kind(value)} {value!r}"
    if kind in ("list_type",):
        return f"expected a list, received {_kind(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys, received {_kind(value)}"
    if kind == "literal_error":
        return f"expected one of {err['ctx']['expected']}, received {value!r}"
    if kind == "string_pattern_mismatch":
        if loc and loc[-1] == "id":
            return f"expected an id of lower-case letters, digits and '-' (at most 48), received {value!r}"
        return f"expected letters, digits, '.' or '-' (at most 6), received {value!r}"
    if kind == "string_too_short":
        return "expected text, received an empty string"
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"expected a number from {_range(loc)}, received {value!r}"
    if kind == "too_short":
        return "expected at least one item, received none"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    return f"{err['msg'].lower()}, received {value!r}"


def _range(loc) -> str:
    return "1 to 6" if loc and loc[-1] == "phase" else "1 to 99"


_NOT_PRINTED = {"id", "kind", "lang", "code", "notes_url", "include"}


def _check_glyphs(data, key_path, lines, file, problems, root) -> None:
    """Every printed string must be drawable by the kit's font; name the card and the character."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_PRINTED:
                _check_glyphs(value, (*key_path, key), lines, file, problems, root)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _check_glyphs(value, (*key_path, i), lines, file, problems, root)
    elif isinstance(data, str):
        missing = fonts.missing_characters(data)
        if missing:
            shown = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing)
            where = ""
            if len(key_path) >= 2 and key_path[0] == "cards":
                card = _value_at(root, (*key_path[:2], "id"))
                where = f"card {card!r}: " if isinstance(card, str) else ""
            problems.append(Problem(file, _line_of(lines, key_path), _dotted(key_path), f"{where}the font cannot draw {shown}"))


# --- checks across cards -------------------------------------------------------------------------


def _check_cards(cards, problems: list[Problem], claimed: set[int]) -> None:
    seen: dict[str, tuple[str, int]] = {}
    phases = {c.phase for c in cards if c.kind == "phase"} | claimed
    for card in cards:
        if card.id in seen:
            first = seen[card.id]
            problems.append(Problem(*card.locate("id"), f"duplicate id {card.id!r} (first used at {first[0]}:{first[1]})"))
        else:
            seen[card.id] = card.locate("id")[:2]
        if card.kind == "question" and card.phase not in phases:
            problems.append(Problem(*card.locate("phase"), f"unknown phase {card.phase}; the deck has phases {sorted(phases)}"))
    phase_cards = [c for c in cards if c.kind == "phase"]
    numbers = [c.phase for c in phase_cards]
    for card in phase_cards:
        if numbers.count(card.phase) > 1:
            problems.append(Problem(*card.locate("phase"), f"phase {card.phase} has more than one phase card"))


def _assign_codes(cards, problems: list[Problem]) -> dict[str, str]:
    """Card codes: given ones, else derived by the kind's ``code`` (``3`` phase, ``3.2`` question,
    ``H4`` action field; see :class:`~carddeck.model.Kind`)."""
    codes: dict[str, str] = {}
    nth: dict[tuple, int] = {}  # cards so far, per kind and per (kind, phase)
    lists: dict[tuple[str, str], int] = {}  # (kind, list title) -> its place among the lists
    for card in cards:
        phase, title = getattr(card, "phase", None), getattr(card, "title", None)
        for key in (card.kind, (card.kind, phase)):
            nth[key] = nth.get(key, 0) + 1
        lists.setdefault((card.kind, title), sum(k == card.kind for k, _ in lists) + 1)
        derived = KINDS[card.kind].code.format(
            phase=phase, number=getattr(card, "number", None), nth=nth[card.kind],
            nth_in_phase=nth[card.kind, phase], list=lists[card.kind, title])
        codes[card.id] = card.code or derived
    owners: dict[str, str] = {}
    kinds = {card.id: card.kind for card in cards}
    for card in cards:
        code = codes[card.id]
        if code in owners and owners[code] != card.id:
            if card.kind == kinds[owners[code]] == "phase" and not card.code:
                continue  # already reported: two phase cards for one phase
            problems.append(Problem(*card.locate("code"), f"card code {code!r} is also used by card {owners[code]!r}"))
        owners.setdefault(code, card.id)
    return codes
