"""A parsed YAML file's mistakes, located and worded for a facilitator.

In: a pydantic ``ValidationError`` of validating a file's data (or a part of it) against a
model of :mod:`carddeck.model`, and the file's :class:`~carddeck.yamlfile.Parsed` (where each
key and value stands). Out: :class:`~carddeck.errors.Problem` objects, one per key path, in the
user's words: ``cards[3].text: expected a string, received a list``; unknown keys name the keys
accepted where they stand. Also each printed text that the kit's font cannot draw. The one place
that decides how a mistake of a deck file is located and said, for deck.yaml, card files and
language files alike.
"""

from __future__ import annotations

import difflib
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from . import fonts
from .errors import Problem, shown
from .langtags import TAG_PATTERN, not_a_tag
from .model import CODE_PATTERN, ID_PATTERN, MAX_CODE, MAX_ID
from .yamlfile import Parsed, SourceNumber


def said(problems: list[Problem], file: str) -> set[str]:
    """The key paths of ``file`` that ``problems`` name: a value the file could not give (a bad
    tag, an alias loop) is said once, there, and not again by :func:`report`."""
    return {p.key for p in problems if p.file == file and p.key}


def file_mapping(parsed: Parsed, file: str, problems: list[Problem], before: int, keys=()) -> dict | None:
    """A parsed deck file's data when it is a mapping of keys, as every deck file's is; else None and
    a problem: ``is empty`` (unless reading it said something already: ``problems[before:]``) or
    ``expected a mapping of keys (lang, name, …), received a list``, naming ``keys`` when given."""
    data = parsed.data
    if data is None:
        if len(problems) == before:  # parsed fine, but holds nothing (a mistake in another file is no excuse)
            problems.append(Problem(file, 1, "", "is empty"))
        return None
    if not isinstance(data, dict):
        line, column = parsed.place(())
        named = f" ({', '.join(keys)})" if keys else ""
        problems.append(Problem(file, line, "", f"expected a mapping of keys{named}, received {kind_of(data)}", column))
        return None
    return data


def report(exc: ValidationError, model, prefix: tuple, file: str, parsed: Parsed, problems: list[Problem],
            unreadable: set) -> None:
    """Each mistake of validating a value (found at key path ``prefix``) against ``model``, located:
    one problem per key path, and one more for the key itself where a mapping's key is wrong
    (``cards: {Fase-1: 5}`` says both the key and the value). A value that may be one of several
    types (a text or a list of paragraphs) fails each of them; it is said once, by the type it
    got furthest in (an item of the list) or, when it fits none at all, naming every type it may
    be. A key path in ``unreadable`` is said already (a value the file could not give)."""
    errors: dict[tuple, list] = {}  # (key path, of its key?) -> its errors
    for err in exc.errors(include_url=False):
        errors.setdefault((_clean_loc(err["loc"]), err["loc"][-1:] == ("[key]",)), []).append(err)
    for (rel, of_key), errs in errors.items():
        loc = (*prefix, *rel)
        if dotted(loc) in unreadable:
            continue  # said already
        if not of_key and all(err["type"] in _EXPECTED for err in errs) and any(
                len(other) > len(rel) and other[: len(rel)] == rel for other, _ in errors):
            continue  # not of one type it may be, but another got further: its mistake inside says it better
        err = errs[0]
        if of_key and err["type"] == "literal_error":  # a key its mapping does not name
            err = {**err, "type": "extra_forbidden"}
        if err["type"] == "missing":  # at the key of the mapping it is missing from
            line, column = parsed.place(loc[:-1], of_value=False)
        else:  # an unknown key or a bad key of a mapping at the key, else at its value
            line, column = parsed.place(loc, of_value=err["type"] != "extra_forbidden" and not of_key)
        message = _either(errs) or _message(err, model, rel)
        problems.append(Problem(file, line, dotted(loc), message, column))


def _clean_loc(loc) -> tuple:
    """The key path of a pydantic error location, without the steps pydantic names for the members
    of a union (``text.function-after[…]`` -> ``text``, ``text.list[…].0`` -> ``text.0``) and for a
    mapping's key (``cards.Om-1.[key]`` -> ``cards.Om-1``). Each such name has a '[', which no id
    or key of a deck file has (a card may be called ``str``)."""
    return tuple(part for part in loc if not (isinstance(part, str) and "[" in part))


def kind_of(value) -> str:
    """What a value is, in the user's words."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    for types, name in ((str, "a string"), ((int, float), "a number"), (list, "a list"), (dict, "a mapping")):
        if isinstance(value, types):
            return name
    return "a value"


def _value_at(data, loc):
    """The value at key path ``loc`` inside ``data``; None where there is none."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _accepted_keys(model, loc) -> list[str]:
    """The keys accepted where the unknown key ``loc[-1]`` stands: the fields of the model found
    at ``loc[:-1]`` inside ``model`` by following its field types, or the keys a mapping's
    ``Literal`` names."""
    here = model
    for part in loc[:-1]:
        here = _inside(here, part)
    for option in _options(here):
        if _is_model(option):
            return list(option.model_fields)
        if get_origin(option) is dict and get_origin(get_args(option)[0]) is Literal:  # keys named by a Literal
            return list(get_args(get_args(option)[0]))
    return list(model.model_fields)


def _inside(annotation, part):
    """The type of the value at key or index ``part`` of a value of type ``annotation`` (a model, a
    dict, a list, or a union or ``Annotated`` of them); None when it has no such part."""
    for option in _options(annotation):
        if _is_model(option) and isinstance(part, str) and part in option.model_fields:
            return option.model_fields[part].annotation
        if get_origin(option) is dict and isinstance(part, str):
            return get_args(option)[1]
        if get_origin(option) is list and isinstance(part, int):
            return get_args(option)[0]
    return None


def _options(annotation) -> list:
    """The types a value of type ``annotation`` may be: ``A | B`` is A and B; ``Annotated[A, ...]`` is A."""
    if get_origin(annotation) is Annotated:
        return _options(get_args(annotation)[0])
    if get_origin(annotation) in (Union, UnionType):
        return [option for member in get_args(annotation) for option in _options(member)]
    return [annotation]


def _is_model(annotation) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _quote_it(value) -> str:
    """What to add to a message when a text is true/false: YAML read ``yes`` or ``true`` as that."""
    return f"; put it in quotes if you mean the text: {shown(str(value).lower())}" if isinstance(value, bool) else ""


# A value of the wrong type, in the user's words for the type expected.
_EXPECTED = {"string_type": "a string", "list_type": "a list", "model_type": "a mapping of keys",
             "dict_type": "a mapping of keys"}


def _either(errs: list) -> str | None:
    """A value that is none of the types a union accepts: ``expected a string or a list, received a
    mapping``; None when its errors are not all wrong types (then the first says it)."""
    expected = list(dict.fromkeys(_EXPECTED.get(err["type"]) for err in errs))
    if len(expected) < 2 or None in expected:
        return None
    value = errs[0].get("input")
    return f"expected {' or '.join(expected)}, received {kind_of(value)}{_quote_it(value)}"


def _message(err, model, loc) -> str:
    """One pydantic error of validating against ``model`` in the user's words (``loc``: its key
    path inside the model)."""
    kind = err["type"]
    value = err.get("input")
    if isinstance(value, SourceNumber):
        value = value.value
    if kind == "missing":
        return f"missing required key {shown(loc[-1])}" if loc else "missing"
    if kind == "extra_forbidden":
        accepted = _accepted_keys(model, loc)
        close = difflib.get_close_matches(str(loc[-1]), accepted, n=1)  # a misspelling, as it most often is
        guess = f" (did you mean {shown(close[0])}?)" if close else ""
        return f"unknown key {shown(str(loc[-1]))}{guess}; accepted keys: {', '.join(accepted)}"
    if kind in ("string_type", "str_type"):
        return f"expected a string, received {kind_of(value)}{_quote_it(value)}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if isinstance(value, (list, dict, bool)) or value is None:
            return f"expected a whole number, received {kind_of(value)}"
        return f"expected a whole number, received {kind_of(value)} {shown(value)}"
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, received {kind_of(value)}" + (
            f" {shown(value)}" if isinstance(value, (str, int, float)) else "")
    if kind in ("list_type",):
        return f"expected a list, received {kind_of(value)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"expected a mapping of keys, received {kind_of(value)}"
    if kind == "literal_error":
        received = shown(value) if isinstance(value, (str, int, float)) or value is None else kind_of(value)
        return f"expected one of {err['ctx']['expected']}, received {received}"
    if kind == "string_pattern_mismatch":
        pattern = err["ctx"]["pattern"]
        return NOT_MATCHED[pattern](value) if pattern in NOT_MATCHED else f"expected {pattern}, received {shown(value)}"
    if kind == "string_too_short":
        return "expected text, received an empty string"
    if kind == "string_too_long":
        return (f"the text has {len(value):,} characters; at most {err['ctx']['max_length']:,} are accepted "
                f"({shown(value)})")
    if kind in ("greater_than_equal", "less_than_equal"):
        least, most = _bounds(model, loc)
        return f"expected a number from {least} to {most}, received {shown(value)}"
    if kind == "too_short":
        return "expected at least one item, received none"
    if kind == "value_error":
        return str(err["ctx"]["error"])
    return f"{err['msg'].lower()}, received {kind_of(value)}"


# What a text that does not match a pattern of the model should be, by the pattern (every pattern
# of the schema has its words here: tests/test_load.py).
NOT_MATCHED = {
    TAG_PATTERN: not_a_tag,
    ID_PATTERN: lambda value: f"expected an id of lower-case letters, digits and '-' (at most {MAX_ID}), "
                              f"received {shown(value)}",
    CODE_PATTERN: lambda value: f"expected letters, digits, '.' or '-' (at most {MAX_CODE}), received {shown(value)}",
}


def _bounds(model, loc) -> tuple:
    """(least, most) that the number at key path ``loc`` inside ``model`` may be: its field's
    ``ge`` and ``le`` (None where it has none)."""
    here, least, most = model, None, None
    for part in loc[:-1]:
        here = _inside(here, part)
    for option in _options(here):
        if _is_model(option) and loc[-1] in option.model_fields:
            for constraint in option.model_fields[loc[-1]].metadata:
                least, most = getattr(constraint, "ge", least), getattr(constraint, "le", most)
    return least, most


_NOT_PRINTED = {"id", "kind", "lang", "code", "notes_url", "kit", "include", "privacy_contact"}


def check_glyphs(data, parsed: Parsed, file: str, problems: list[Problem]) -> None:
    """Every printed string of a file's ``data`` must be drawable by the kit's font: a problem for
    each that is not, naming its card and the characters."""
    _glyphs(data, (), parsed, file, problems, data)


def _glyphs(data, key_path, parsed, file, problems, root) -> None:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_PRINTED:
                _glyphs(value, (*key_path, key), parsed, file, problems, root)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            _glyphs(value, (*key_path, i), parsed, file, problems, root)
    elif isinstance(data, str):
        missing = fonts.missing_characters(data)
        if missing:
            shown_chars = ", ".join(f"{ch!r} (U+{ord(ch):04X})" for ch in missing[:10])
            if len(missing) > 10:
                shown_chars += f" and {len(missing) - 10} more"
            where = ""
            if len(key_path) >= 2 and key_path[0] == "cards":
                card = _value_at(root, (*key_path[:2], "id"))
                where = f"card {shown(card)}: " if isinstance(card, str) else ""
            line, column = parsed.place(key_path)
            problems.append(Problem(file, line, dotted(key_path), f"{where}the font cannot draw {shown_chars}", column))


def dotted(key_path) -> str:
    """A key path as messages write it: ``("cards", 3, "text")`` is ``cards[3].text``."""
    out = ""
    for part in key_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
