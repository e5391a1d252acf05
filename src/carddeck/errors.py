"""Errors a user can meet: a list of located problems, reported all at once, no traceback."""

from __future__ import annotations

from dataclasses import dataclass

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in a deck: where it is and what is wrong.

    ``file`` is the path as the user gave it, ``line`` is 1-based (0 when unknown),
    ``key`` is the key path inside the file (``cards[3].text``), ``message`` says what is wrong.
    """

    file: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class DeckError(click.ClickException):
    """The deck has one or more mistakes. Exit code 1, every problem on its own line."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.file, p.line, p.key, p.message))
        count = len(self.problems)
        head = f"the deck has {count} problem{'s' if count != 1 else ''}:"
        super().__init__("\n".join([head, *map(str, self.problems)]))


class UsageProblem(click.ClickException):
    """The environment or an option value is wrong (not the deck). Exit code 1."""

    exit_code = 1
