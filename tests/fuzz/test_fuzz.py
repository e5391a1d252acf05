"""A seeded mutation fuzzer over the default deck: the promises of issue 14, checked on broken decks.

Each case copies deck/ into a temporary folder, breaks one file in one of the ways people (and
word processors) break YAML, and runs ``carddeck validate`` in-process (``main(argv)``, no
subprocess, so that a case takes a fraction of a second); every eighth case runs ``carddeck
build`` into a folder that holds a good kit. Every case must:

- exit 0 or 1 (1 for a broken deck) and never print a traceback or an internal error;
- on exit 1, give every problem a location (``file.yaml:line[:column]``);
- leave the deck's files byte-identical, and after a failed build, the good kit too;
- finish within :data:`CASE_SECONDS` (a hang fails the case instead of blocking CI).

``FUZZ_RUNS`` (default 48) and ``FUZZ_SEED`` (default 14) choose the cases; ``make fuzz`` runs
thousands with a fresh seed. A failing case names its seed and number and keeps its deck under
``FUZZ_KEEP`` (default: the test's temporary folder) so that it can be run by hand.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
from pathlib import Path

import pytest

from carddeck.cli import main
from kitutil import DECK_DIR, NOTES_URL

RUNS = int(os.environ.get("FUZZ_RUNS", "48"))
SEED = int(os.environ.get("FUZZ_SEED", "14"))
BUILD_EVERY = 8
CASE_SECONDS = 30  # a case that takes longer is a hang (a normal one takes well under 2 s)

# Things people paste into YAML: Word's control characters, quotes, tags, anchors, flow brackets,
# YAML 1.1 booleans, long words, deep nesting, alias bombs, bidi overrides, decomposed letters.
SNIPPETS = [
    "\x0b", "\x00", "\x85", "\x9b", "\ufffe", "\u202e", "\u2066", "a\u030a", "\t", "\r", "\ufeff",
    "'", '"', "«", "[", "]", "{", "}", ":", ": ", " #", "- ", "? ", "|", ">", "&a ", "*a", "*nowhere", "<<: *a\n",
    "!!int 1a", "!!timestamp 2024-99-99", "!!binary aGVq", "!!set {a}", "!!python/object:os.system", "!foo ",
    "!!float x", "!!bool maybe", "!!null x", "yes", "no", "on", "010", "0x1F", "~", "null", ".inf", "1e999",
    "a" * 5000, "Hej " * 3000, "[" * 300, "{" * 300, "\n---\n", "%YAML 1.1\n---\n", "\\x", "\\", "\n  - ",
    "\n    extra: 1\n", "\n  - id: x\n    kind: quote\n", "phase: 9", "number: 0", "kind: riddle", "lang: xx",
    "notes_url: http://my laptop:99999", "notes_url: " + "http://x/" + "y" * 400, "card_size: 10x10",
    "include: [nowhere.yaml]", "include: [.]", "id: fase-1", "code: 1",
]
BOMB = ("a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)))


def _insert(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(SNIPPETS) + text[at:]


def _lines(rng: random.Random, text: str, change) -> str:
    lines = text.split("\n")
    if len(lines) > 1:
        change(rng, lines, rng.randrange(len(lines)))
    return "\n".join(lines)


def _delete_line(rng, lines, i):
    del lines[i]


def _duplicate_line(rng, lines, i):
    lines.insert(i, lines[i])


def _swap_lines(rng, lines, i):
    j = rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]


def _indent(rng, lines, i):
    lines[i] = " " * rng.choice([1, 2, 3]) + lines[i] if rng.random() < 0.6 else lines[i].lstrip(" ")


def _replace_value(rng, lines, i):
    head, sep, _ = lines[i].partition(": ")
    if sep:
        lines[i] = head + sep + rng.choice(SNIPPETS)


MUTATIONS = {
    "insert": lambda rng, text: _insert(rng, text),
    "insert twice": lambda rng, text: _insert(rng, _insert(rng, text)),
    "delete a line": lambda rng, text: _lines(rng, text, _delete_line),
    "duplicate a line": lambda rng, text: _lines(rng, text, _duplicate_line),
    "swap two lines": lambda rng, text: _lines(rng, text, _swap_lines),
    "indent a line": lambda rng, text: _lines(rng, text, _indent),
    "replace a value": lambda rng, text: _lines(rng, text, _replace_value),
    "truncate": lambda rng, text: text[: rng.randrange(len(text) + 1)],
    "alias bomb": lambda rng, text: BOMB + text,
    "repeat the cards": lambda rng, text: text + "\n".join(text.split("\n")[1:]) * rng.choice([2, 20]),
}
BYTE_MUTATIONS = {
    "invalid UTF-8": lambda rng, data: data[: (at := rng.randrange(len(data) + 1))] + b"\xff\xc3" + data[at:],
    "Latin-1": lambda rng, data: data.decode("utf-8").encode("latin-1", errors="replace"),
}

LOCATED = re.compile(r"^(?P<file>.+?\.yaml)(:\d+(:\d+)?)?: ")


class Hang(Exception):
    pass


def _alarm(signum, frame):
    raise Hang(f"a case took more than {CASE_SECONDS} s")


def _mutate(rng: random.Random, folder: Path) -> tuple[Path, str]:
    path = rng.choice(sorted(folder.glob("*.yaml")))
    data = path.read_bytes()
    if rng.random() < 0.1:
        name = rng.choice(sorted(BYTE_MUTATIONS))
        path.write_bytes(BYTE_MUTATIONS[name](rng, data))
    else:
        name = rng.choice(sorted(MUTATIONS))
        path.write_text(MUTATIONS[name](rng, data.decode("utf-8")), encoding="utf-8", newline="")
    return path, name


def _check_output(code: int, out: str, err: str, folder: Path, what: str) -> None:
    assert code in (0, 1), f"{what}: exit {code}\n{err}"
    assert "Traceback" not in out + err and "failed unexpectedly" not in err, f"{what}:\n{err}"
    if code == 1:
        lines = err.splitlines()
        assert lines and lines[0].startswith("Error: "), f"{what}:\n{err}"
        if lines[0].startswith("Error: the deck has"):
            problems = [line for line in lines[1:] if not line.startswith("  ")]
            assert problems, f"{what}:\n{err}"
            for line in problems:
                match = LOCATED.match(line)
                assert match and match["file"].startswith(str(folder)), f"{what}: no location in {line!r}"


def _listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def good_kit(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("good-kit")
    assert main(["build", str(DECK_DIR), "--out", str(out), "--notes-url", NOTES_URL]) == 0
    return out


def test_broken_decks_are_reported_never_crash_hang_or_harm(tmp_path, capsys, good_kit):
    keep = Path(os.environ.get("FUZZ_KEEP", tmp_path / "failed"))
    rng = random.Random(SEED)
    kit_before = _listing(good_kit)
    previous = signal.signal(signal.SIGALRM, _alarm)
    try:
        for case in range(RUNS):
            folder = tmp_path / f"case-{case}"
            shutil.copytree(DECK_DIR, folder)
            path, name = _mutate(rng, folder)
            deck_after_mutation = _listing(folder)
            build = case % BUILD_EVERY == BUILD_EVERY - 1
            out = tmp_path / f"out-{case}"
            if build:
                shutil.copytree(good_kit, out)
                argv = ["build", str(folder), "--out", str(out), "--notes-url", NOTES_URL]
            else:
                argv = ["validate", str(folder)]
            what = f"FUZZ_SEED={SEED} case {case} ({name} in {path.name}; kept in {keep / folder.name})"
            signal.alarm(CASE_SECONDS)
            try:
                code = main(argv)
            except BaseException:
                shutil.copytree(folder, keep / folder.name, dirs_exist_ok=True)
                raise
            finally:
                signal.alarm(0)
            stdout, stderr = capsys.readouterr()
            try:
                _check_output(code, stdout, stderr, folder, what)
                assert _listing(folder) == deck_after_mutation, f"{what}: the deck's files changed"
                if build and code == 1:
                    assert _listing(out) == kit_before, f"{what}: a failed build changed the kit"
            except AssertionError:
                shutil.copytree(folder, keep / folder.name, dirs_exist_ok=True)
                raise
            shutil.rmtree(folder)
            shutil.rmtree(out, ignore_errors=True)
    finally:
        signal.signal(signal.SIGALRM, previous)
