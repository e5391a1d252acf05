"""Errors a user can meet: a list of located problems, reported all at once, no traceback.

On the command line each problem shows its source line with a caret under the place, as rustc
and Elm do::

    deck/phases.yaml:6:11: cards[0].text: expected a string, received a list
         6 |     text: [Hvad, nu]
           |           ^
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import click

SHOWN_CHARACTERS = 60  # a value quoted in a message is cut to about this many characters
SOURCE_WIDTH = 76  # a source line shown under a message is cut to about this many characters
MAX_SOURCE_BYTES = 4_000_000  # a larger file shows no source lines (its problem says why)


def shown(value) -> str:
    """A value as a message quotes it, in the user's words: text in quotes, cut to ~60 characters."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= SHOWN_CHARACTERS else value[: SHOWN_CHARACTERS - 1] + "…"
        return repr(text)
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "a value"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a deck: where it is and what is wrong.

    ``file`` is the path as the user gave it, ``line`` is 1-based (0 when unknown),
    ``key`` is the key path inside the file (``cards[3].text``), ``message`` says what is wrong,
    ``column`` is 1-based (0 when unknown).
    """

    file: str
    line: int
    key: str
    message: str
    column: int = 0

    @property
    def where(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where}: {self.key}: {self.message}" if self.key else f"{self.where}: {self.message}"


# Characters that would garble a terminal when a source line is shown.
_UNSHOWABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]")


def source_excerpt(line_text: str, column: int, number: int) -> list[str]:
    """Two lines: the source line (cut around ``column`` when long) and a caret under ``column``
    (under the first character when the column is unknown)."""
    text = _UNSHOWABLE.sub("\ufffd", line_text.replace("\t", " ").rstrip("\r\n"))
    if not column:
        column = len(text) - len(text.lstrip()) + 1
    caret = column - 1
    if len(text) > SOURCE_WIDTH:
        start = max(0, min(caret - SOURCE_WIDTH // 2, len(text) - SOURCE_WIDTH))
        end = start + SOURCE_WIDTH
        text = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
        caret = caret - start + (1 if start else 0)
    gutter = " " * len(str(number))
    return [f"  {number} | {text}", f"  {gutter} | {' ' * max(caret, 0)}^"]


def _source_lines(file: str, cache: dict) -> list[str] | None:
    if file not in cache:
        try:
            with open(file, "rb") as handle:
                raw = handle.read(MAX_SOURCE_BYTES + 1)
            cache[file] = None if len(raw) > MAX_SOURCE_BYTES else raw.decode("utf-8", errors="replace").split("\n")
        except OSError:
            cache[file] = None
    return cache[file]


class DeckError(click.ClickException):
    """The deck has one or more mistakes. Exit code 1, every problem on its own line.

    ``message`` lists the problems one a line; on the command line (:meth:`format_message`)
    each is followed by its source line and a caret.
    """

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.column, p.key, p.message))
        super().__init__("\n".join([self.head, *map(str, self.problems)]))

    @property
    def head(self) -> str:
        count = len(self.problems)
        return f"the deck has {count} problem{'s' if count != 1 else ''}:"

    def format_message(self) -> str:
        out, cache = [self.head], {}
        for problem in self.problems:
            out.append(str(problem))
            lines = _source_lines(problem.file, cache) if problem.line else None
            if lines and problem.line <= len(lines) and lines[problem.line - 1].strip():
                out += source_excerpt(lines[problem.line - 1], problem.column, problem.line)
        return "\n".join(out)


class UsageProblem(click.ClickException):
    """The environment or an option value is wrong (not the deck). Exit code 1."""

    exit_code = 1


def removed_option(name: str, message: str):
    """A hidden option that an older carddeck had: given, it stops with ``message`` (what replaced it)."""

    def refuse(ctx, param, value):
        if value is not None:
            raise click.UsageError(message)
        return value

    return click.option(name, hidden=True, expose_value=False, callback=refuse)
