"""One YAML file in, plain data with the place of every key and value out, whatever the file holds.

In: a path. Out: a :class:`Parsed` (the data, and for every key path the line and column of its
key and of its value), and :class:`~carddeck.errors.Problem` s for what is wrong with the file.

Reading is bounded, so that no file can make carddeck hang or fill the memory: at most
:data:`MAX_FILE_BYTES`, :data:`MAX_DEPTH` levels of nesting, and :data:`MAX_VALUES` values with
aliases expanded (a "billion laughs" file stops here). Scalars follow the YAML 1.2 core schema
(``yes``, ``no``, ``on`` are text, ``010`` is not octal); a plain number keeps the text it was
written as (:class:`SourceNumber`), so a text field takes ``010`` as "010". Tags other than the
core ones (``!!timestamp``, ``!!binary``, ``!foo``) are problems, as are control characters
and bidirectional overrides, each reported by code point, line and column. Text is returned in
Unicode normal form C (``a`` + combining ring becomes ``å``), as the font draws it.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from .errors import Problem, shown

MAX_FILE_BYTES = 4_000_000  # a deck of 5,000 cards is about 1 MB
MAX_DEPTH = 64  # a deck file needs 4 levels
MAX_VALUES = 200_000  # keys and values in one file, aliases expanded
MAX_REPORTED = 10  # characters of one kind reported per file; the rest are counted

KeyPath = tuple  # ("cards", 3, "text")
Place = tuple  # (line, column), both 1-based


class SourceNumber(str):
    """A plain scalar that the core schema reads as a number: the text as written, and ``value``."""

    value: int | float

    def __new__(cls, text: str, value: int | float):
        self = super().__new__(cls, text)
        self.value = value
        return self


@dataclass
class Parsed:
    """A file's data plus where each key path stands: its key (``keys``) and its value (``values``)."""

    data: Any = None
    keys: dict[KeyPath, Place] = field(default_factory=dict)
    values: dict[KeyPath, Place] = field(default_factory=dict)

    def place(self, key_path, of_value: bool = True) -> Place:
        """The place of ``key_path``'s value (or, ``of_value=False``, of its key); a key path the
        file does not have: the place of its deepest part that it has (a missing key: its mapping)."""
        key_path = tuple(key_path)
        if not of_value and key_path in self.keys:
            return self.keys[key_path]
        while key_path and key_path not in self.values:
            key_path = key_path[:-1]
        return self.values.get(key_path, (1, 1))


# --- characters ---------------------------------------------------------------------------------

# What YAML cannot read (outside its printable set) and what reorders text on screen.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_NAMES = {0x00: "NUL", 0x09: "tab", 0x0B: "vertical tab", 0x0C: "form feed", 0x1B: "escape", 0x7F: "delete"}


def _character_name(ch: str) -> str:
    code = ord(ch)
    if code in _NAMES:
        return _NAMES[code]
    if 0x80 <= code <= 0x9F:
        return "a C1 control character"
    if code in (0xFFFE, 0xFFFF):
        return "a noncharacter"
    if 0xD800 <= code <= 0xDFFF:
        return "a lone surrogate"
    return unicodedata.name(ch, "a control character").lower()


def _check_characters(text: str, file: str, problems: list[Problem]) -> str:
    """Report every control character and bidi override; return ``text`` with each one a space
    (so that the rest of the file is still read, with the same columns)."""
    for pattern, what, advice in (
        (_CONTROL, "control character", "delete it (text pasted from a word processor can carry it)"),
        (_BIDI, "bidirectional override", "delete it: it reorders the text on screen, not in print"),
    ):
        found = list(pattern.finditer(text))
        for match in found[:MAX_REPORTED]:
            line, column = _line_column(text, match.start())
            ch = match.group()
            problems.append(Problem(file, line, "", f"{what} U+{ord(ch):04X} ({_character_name(ch)}); {advice}",
                                    column))
        if len(found) > MAX_REPORTED:
            line, column = _line_column(text, found[MAX_REPORTED].start())
            problems.append(Problem(file, line, "", f"…and {len(found) - MAX_REPORTED} more of them in this file",
                                    column))
        text = pattern.sub(" ", text) if found else text
    return text


def _line_column(text: str, index: int) -> Place:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


# --- YAML ---------------------------------------------------------------------------------------

_PLAIN = "?plain"  # the tag of a plain (unquoted, untagged) scalar, resolved below by the core schema


class _AliasUse:
    """Where an alias (``*name``) is used: the node it refers to, and the place of the alias."""

    def __init__(self, node, start_mark):
        self.node = node
        self.start_mark = start_mark


class _Resolver(BaseResolver):
    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)


class _Composing(Composer):
    """Composing that keeps alias uses (:class:`_AliasUse`) and refuses deep nesting."""

    depth = 0

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            mark = self.peek_event().start_mark
            return _AliasUse(super().compose_node(parent, index), mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _Limit(self.peek_event().start_mark,
                             f"nested more than {MAX_DEPTH} levels deep; a deck file needs four")
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Loader(_Composing, Reader, Scanner, Parser, _Resolver):
    """PyYAML's own scanner and parser: slow, and the source of the messages about syntax."""

    def __init__(self, text: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)


if yaml.__with_libyaml__:

    from yaml._yaml import CParser

    class _FastLoader(_Composing, _Resolver, CParser):
        """libyaml's scanner and parser (about ten times faster), composed as :class:`_Loader` does."""

        def __init__(self, text: str):
            CParser.__init__(self, text)
            Composer.__init__(self)
            _Resolver.__init__(self)

else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = _Loader


def _compose(text: str):
    """The node of ``text``'s single document (None when empty), read fast; when libyaml finds a
    mistake, the file is read again by PyYAML's own parser, whose messages :data:`_SYNTAX` knows."""
    for loader_class in (_FastLoader, _Loader):
        loader = loader_class(text)
        try:
            return loader.get_single_node()
        except yaml.YAMLError:
            if loader_class is _Loader:
                raise
        finally:
            loader.dispose()


class _Limit(Exception):
    """A limit that stops reading a file: where (a place, or a PyYAML mark), and what."""

    def __init__(self, where, message: str):
        super().__init__(message)
        self.place = where if isinstance(where, tuple) else (where.line + 1, where.column + 1)
        self.message = message


# PyYAML's words for what went wrong -> the user's words.
_SYNTAX = [
    (re.compile(r"expected <block end>, but found '<(block mapping start|block sequence start|scalar)>'"),
     "this line is indented differently from the lines above it"),
    (re.compile(r"expected <block end>, but found '-'"), "a list item ('- ') is indented differently from the ones above it"),
    (re.compile(r"mapping values are not allowed here"),
     "a second ': ' on one line; put the text in quotes if it contains ': '"),
    (re.compile(r"found character '\\t' that cannot start any token"), "a tab cannot indent YAML; use spaces"),
    (re.compile(r"could not find expected ':'"), "expected 'key: value' here"),
    (re.compile(r"found undefined alias '(.*)'"), "'*{0}' refers to no anchor '&{0}' above it"),
    (re.compile(r"found duplicate anchor '(.*)'.*"), "the anchor '&{0}' is defined twice"),
    (re.compile(r"expected ',' or '\]', but got (.*)"),
     "this list in '[ ]' goes on with {0} where ',' or ']' must come; put text with , : ? [ ] in quotes"),
    (re.compile(r"expected ',' or '}', but got (.*)"),
     "this mapping in '{{ }}' goes on with {0} where ',' or '}}' must come; put text with , : ? {{ }} in quotes"),
    (re.compile(r"found unknown escape character '(.*)'"),
     "unknown escape '\\{0}' in double quotes; use single quotes, or write '\\\\' for a backslash"),
    (re.compile(r"expected a single document in the stream"), "holds more than one document ('---'); a deck file holds one"),
    (re.compile(r"found unexpected end of stream"), "the file ends in the middle of a value"),
]


# PyYAML's token names, as a message says them.
_TOKENS = {"scalar": "more text", "block end": "the end of the block", "stream end": "the end of the file",
           "block mapping start": "a new key", "block sequence start": "a new list", "flow mapping start": "'{'",
           "flow sequence start": "'['", "document start": "'---'"}


def _syntax_message(exc: yaml.MarkedYAMLError) -> tuple[str, Any]:
    """(message, mark) of a YAML syntax error in the user's words."""
    problem = exc.problem or ""
    if "quoted scalar" in (exc.context or "") and "end of stream" in problem:
        return "this quote is never closed (the file ends first)", exc.context_mark
    if "quoted scalar" in (exc.context or "") and "document separator" in problem:
        return "this quote is never closed (a '---' line comes first)", exc.context_mark
    for pattern, words in _SYNTAX:
        match = pattern.fullmatch(problem)
        if match:
            return words.format(*(_TOKENS.get(g.strip("'<>"), g) for g in match.groups())), exc.problem_mark or exc.context_mark
    problem = re.sub(r"<[a-z ]+>", lambda m: m.group()[1:-1], problem)
    return f"is not valid YAML: {problem}", exc.problem_mark or exc.context_mark


def read_yaml(path: Path, problems: list[Problem]) -> Parsed | None:
    """Read one YAML file; None (and a problem) when it cannot be read at all.

    A file that parses but holds nothing gives ``Parsed(data=None)``.
    """
    file = str(path)
    text = _read_text(path, file, problems)
    if text is None:
        return None
    text = _check_characters(text, file, problems)
    last_line = text.count("\n") + (0 if text.endswith("\n") else 1)
    try:
        node = _compose(text)
    except _Limit as exc:
        problems.append(Problem(file, exc.place[0], "", exc.message, exc.place[1]))
        return None
    except yaml.MarkedYAMLError as exc:
        message, mark = _syntax_message(exc)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        if line > max(last_line, 1):  # the end of the stream: say the last line, not one past it
            line, column = max(last_line, 1), 0
        problems.append(Problem(file, line, "", message, column))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(file, 0, "", f"is not valid YAML: {exc}"))
        return None
    parsed = Parsed()
    if node is None:
        return parsed
    builder = _Builder(file, problems, parsed)
    try:
        parsed.data = builder.build(node, (), None)
    except _Limit as exc:
        problems.append(Problem(file, exc.place[0], "", exc.message, exc.place[1]))
        return None
    return parsed


def _read_text(path: Path, file: str, problems: list[Problem]) -> str | None:
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            problems.append(Problem(file, 0, "", "is a folder, not a file"))
            return None
        if not stat.S_ISREG(info.st_mode):
            problems.append(Problem(file, 0, "", "is not a regular file (a pipe or a device?); carddeck reads only files"))
            return None
        if info.st_size > MAX_FILE_BYTES:
            problems.append(Problem(file, 0, "", f"is {info.st_size / 1e6:.0f} MB; a deck file may have at most "
                                                 f"{MAX_FILE_BYTES / 1e6:.0f} MB"))
            return None
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        problems.append(Problem(file, 0, "", f"cannot be read: {exc.strerror or exc}"))
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.append(Problem(file, 0, "", f"is larger than {MAX_FILE_BYTES / 1e6:.0f} MB, the most a deck file may have"))
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, column = _line_column(before + "?", len(before))
        problems.append(Problem(file, line, "", f"is not UTF-8 text: byte 0x{raw[exc.start]:02X} ({exc.reason}); "
                                               "save the file as UTF-8", column))
        return None
    return text[1:] if text.startswith("\ufeff") else text


# --- nodes to data (the YAML 1.2 core schema) ----------------------------------------------------

_CORE = "tag:yaml.org,2002:"
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = [(re.compile(r"[-+]?[0-9]+"), 10), (re.compile(r"0o[0-7]+"), 8), (re.compile(r"0x[0-9a-fA-F]+"), 16)]
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL_FLOAT = {".inf": "inf", ".Inf": "inf", ".INF": "inf", ".nan": "nan", ".NaN": "nan", ".NAN": "nan"}


def _number(text: str):
    """The number a core-schema plain scalar means, or None."""
    for pattern, base in _INT:
        if pattern.fullmatch(text):
            return int(text[2:] if base != 10 else text, base)
    if _FLOAT.fullmatch(text):
        return float(text)
    bare = text.lstrip("+-")
    if bare in _SPECIAL_FLOAT:
        return float(("-" if text.startswith("-") else "") + _SPECIAL_FLOAT[bare])
    return None


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_CORE):] if tag.startswith(_CORE) else tag


class _Builder:
    """Turns composed nodes into plain data, recording places and counting values."""

    def __init__(self, file: str, problems: list[Problem], parsed: Parsed):
        self.file, self.problems, self.parsed = file, problems, parsed
        self.count = 0
        self.active: set[int] = set()  # nodes being built: an alias to one of them is a loop

    def problem(self, key_path, place, message) -> None:
        self.problems.append(Problem(self.file, place[0], _dotted(key_path), message, place[1]))

    def build(self, node, key_path, alias_place):
        """Data of ``node``; inside an alias, every place is the alias's (``alias_place``)."""
        if isinstance(node, _AliasUse):
            here = alias_place or (node.start_mark.line + 1, node.start_mark.column + 1)
            if id(node.node) in self.active:
                self.problem(key_path, here, "this alias refers to the value it stands in; it would never end")
                return None
            return self.build(node.node, key_path, here)
        self.count += 1
        place = alias_place or (node.start_mark.line + 1, node.start_mark.column + 1)
        if self.count > MAX_VALUES:
            raise _Limit(place, f"holds more than {MAX_VALUES:,} keys and values (aliases expanded); "
                                "a deck file needs far fewer")
        self.parsed.values.setdefault(key_path, place)
        if isinstance(node, ScalarNode):
            return self.scalar(node, key_path, place)
        if node.tag not in (_CORE + "map", _CORE + "seq"):
            self.problem(key_path, place, f"the tag {_short_tag(node.tag)!r} has no meaning in a deck file; remove it")
            return None
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.build(item, (*key_path, i), alias_place) for i, item in enumerate(node.value)]
            return self.mapping(node, key_path, alias_place)
        finally:
            self.active.discard(id(node))

    def mapping(self, node: MappingNode, key_path, alias_place) -> dict:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            target = key_node.node if isinstance(key_node, _AliasUse) else key_node
            mark = key_node.start_mark
            place = alias_place or (mark.line + 1, mark.column + 1)
            if not isinstance(target, ScalarNode):
                self.problem(key_path, place, "a key must be a name, not a list or a mapping")
                continue
            key = unicodedata.normalize("NFC", target.value)
            sub = (*key_path, key)
            if key == "<<" and target.tag == _PLAIN:
                self.problem(sub, place, "'<<' (merging one mapping into another) is not supported in deck files; "
                                         "write the keys out")
                continue
            if key in out:
                self.problem(sub, place, "key appears twice")
                continue
            self.parsed.keys[sub] = place
            out[key] = self.build(value_node, sub, alias_place)
        return out

    def scalar(self, node: ScalarNode, key_path, place):
        text = unicodedata.normalize("NFC", node.value)
        tag = node.tag
        if tag == _PLAIN:
            if _NULL.fullmatch(text):
                return None
            if text in _BOOL:
                return _BOOL[text]
            number = _number(text)
            return text if number is None else SourceNumber(text, number)
        if tag == _CORE + "str":
            return text
        if tag == _CORE + "null" and _NULL.fullmatch(text):
            return None
        if tag == _CORE + "bool" and text in _BOOL:
            return _BOOL[text]
        if tag in (_CORE + "int", _CORE + "float"):
            number = _number(text)
            if number is not None and (tag.endswith("float") or isinstance(number, int)):
                return SourceNumber(text, float(number) if tag.endswith("float") else number)
        expects = {"int": "a whole number", "float": "a number", "bool": "true or false", "null": "nothing"}
        name = tag[len(_CORE):] if tag.startswith(_CORE) else ""
        if name in expects:
            self.problem(key_path, place, f"the tag {_short_tag(tag)!r} needs {expects[name]}, received {shown(text)}")
        else:
            self.problem(key_path, place, f"the tag {_short_tag(tag)!r} has no meaning in a deck file; remove it")
        return None


def _dotted(key_path) -> str:
    """``("cards", 3, "text")`` → ``cards[3].text``."""
    out = ""
    for part in key_path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
