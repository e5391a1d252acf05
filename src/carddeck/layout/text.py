"""Text setting: break paragraphs into lines that fit a width, and shrink to fit a box.

In: paragraphs, a weight, a width and height in mm, a size range in points, a language.
Out: a :class:`Block` (lines, size, leading) or ``None`` when the text cannot fit even at the
minimum size. Words are hyphenated with pyphen's dictionary of the text's own language
(:func:`carddeck.langtags.hyphen_dictionary`), except the compounds in :data:`HYPHEN_EXCEPTIONS`.

Line breaking follows the typesetter's rules: a no-break space (U+00A0, U+202F) keeps words
together; a soft hyphen (U+00AD) marks the only places its word may be hyphenated, and prints
only where the line breaks; a line does not end in a one- or two-letter word ("og", "i") when it
can break before it; a short word is not left alone on a last line when the line above can
spare a word; titles can be set in lines of balanced length (:func:`fit`'s ``balance``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import fonts
from ..langtags import hyphen_dictionary
from ..units import pt_to_mm
from .boxes import Text

LEADING = 1.25  # line height as a multiple of the size
PARAGRAPH_GAP = 0.6  # extra space between paragraphs, as a multiple of the size
PLAIN_DOWN_TO = 0.8  # fit prefers smaller type to hyphens down to this share of its largest size
MIN_WORD = 6  # shorter words are never hyphenated, nor left alone on a last line
SHORT_WORD = 2  # a line does not end in a word of this many letters or fewer, where it can break before it
HYPHENATE_ROOM = 0.3  # a word is hyphenated only when its first part fills this share of the line
SOFT_HYPHEN = "\u00ad"
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u202f\u2007]+")  # white space, the no-break spaces aside


@dataclass(frozen=True)
class Block:
    """Set text: lines per paragraph, the size in points and the line height in mm."""

    paragraphs: tuple[tuple[str, ...], ...]
    size: float
    leading: float  # mm, baseline to baseline
    gap: float  # mm between paragraphs

    @property
    def line_count(self) -> int:
        return sum(len(p) for p in self.paragraphs)

    @property
    def height(self) -> float:
        """From the top of the first line's capitals to the lowest descender."""
        cap = pt_to_mm(self.size * fonts.CAP_HEIGHT)
        return cap + (self.line_count - 1) * self.leading + (len(self.paragraphs) - 1) * self.gap + pt_to_mm(self.size * fonts.DESCENT)

    def baselines(self, top: float) -> list[tuple[float, str]]:
        """(baseline y, line) for every line, the first capitals starting at ``top``."""
        out, y = [], top + pt_to_mm(self.size * fonts.CAP_HEIGHT)
        for p, lines in enumerate(self.paragraphs):
            if p:
                y += self.gap
            for line in lines:
                out.append((y, line))
                y += self.leading
        return out


# Compounds pyphen's patterns split inside a part ("loka-lområdet"), per language: every place
# the word may break, as in TeX's \hyphenation. They replace pyphen's breaks for the word in
# any case (Lokalområdet); its inflections are words of their own.
HYPHEN_EXCEPTIONS = {
    "da": ("lo-kal-om-rå-det", "lo-kal-om-rå-de", "med-ar-bej-der", "med-ar-bej-de-re", "med-ar-bej-der-ne",
           "bor-ger-ind-dra-gel-se"),
    "nb": ("lo-kal-om-rå-det", "lo-kal-om-rå-de"),
}
_LETTERS = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=8)
def _hyphenator(lang: str):
    import pyphen

    return pyphen.Pyphen(lang=hyphen_dictionary(lang))  # ValueError for a language without one


@lru_cache(maxsize=8)
def _exceptions(lang: str) -> dict[str, tuple[int, ...]]:
    """{word: the places it may break} of :data:`HYPHEN_EXCEPTIONS` in ``lang``."""
    out = {}
    for spelled in HYPHEN_EXCEPTIONS.get(str(lang), ()):
        parts = spelled.split("-")
        out["".join(parts)] = tuple(sum(len(p) for p in parts[:i]) for i in range(1, len(parts)))
    return out


def hyphenations(word: str, lang: str) -> list[tuple[str, str]]:
    """Where ``word`` may break in ``lang``: (head, tail) pairs without the hyphen, longest head first."""
    core = _LETTERS.search(word)
    if core and core.group().lower() in _exceptions(lang):
        start = core.start()
        return [(word[: start + i], word[start + i:]) for i in reversed(_exceptions(lang)[core.group().lower()])]
    return list(_hyphenator(lang).iterate(word))


def _splits(word: str, lang: str) -> list[tuple[str, str]]:
    """Ways to break ``word``, longest first part first: (head incl. hyphen, tail).

    A word with soft hyphens breaks only at them (and at its own hyphens and dashes).
    """
    out = []
    for i, ch in enumerate(word[:-1]):
        if ch in "-–" and i > 0:  # an existing hyphen or dash: break after it, add nothing
            out.append((word[: i + 1], word[i + 1 :]))
    if SOFT_HYPHEN in word:
        if lang:
            out += [(word[:i] + "-", word[i + 1:]) for i, ch in enumerate(word) if ch == SOFT_HYPHEN and 0 < i < len(word) - 1]
    elif lang and len(word) >= MIN_WORD:
        for head, tail in hyphenations(word, lang):
            # Breaks next to an existing hyphen or dash are the ones above; never add a second.
            if len(head) >= 2 and len(tail) >= 2 and head[-1] not in "-–" and tail[0] not in "-–":
                out.append((head + "-", tail))
    # A full sort key: the order of a set must never decide the output (same input, same bytes).
    return sorted(set(out), key=lambda s: (-len(s[0]), s))


def _is_short(word: str) -> bool:
    return len(word) <= SHORT_WORD and word.isalpha()


def wrap(
    text: str, weight: str, size: float, width: float, lang: str, hyphenate: bool = True, tracking: float = 0.0,
    tidy: bool = True,
) -> list[str] | None:
    """Break ``text`` into lines no wider than ``width`` mm; None if a word cannot fit.

    Without ``hyphenate`` only existing hyphens and dashes may end a line inside a word. With
    ``tidy`` no line ends in a short word where it can break before it, and no short word is
    left alone on the last line.
    """

    def fits(candidate: str, room: float = width) -> bool:
        return fonts.width(candidate.replace(SOFT_HYPHEN, ""), weight, size, tracking) <= room + 1e-9

    def end_line(line: str, i: int) -> str:
        """``line`` as it ends at a space before ``words[i]``: short last words move on to the
        next line, where they fit there with the word that follows them (never alone)."""
        if not tidy:
            return line
        kept, moved = line.split(" "), []
        while len(kept) > 1 and _is_short(kept[-1]):
            moved.insert(0, kept.pop())
        if moved and fits(" ".join([*moved, words[i]])):
            words[i:i] = moved
            return " ".join(kept)
        return line

    lines: list[str] = []
    line = ""
    words = [w for w in _BREAKING_SPACE.split(text) if w]
    i = 0
    while i < len(words):
        word = words[i]
        candidate = f"{line} {word}" if line else word
        if fits(candidate):
            line, i = candidate, i + 1
            continue
        prefix = f"{line} " if line else ""
        room = width - (fonts.width(prefix.replace(SOFT_HYPHEN, ""), weight, size, tracking) if line else 0.0)
        # Hyphenate when it fills a useful part of the line, or when the word alone is too wide.
        if room > HYPHENATE_ROOM * width or not line:
            for head, tail in _splits(word, lang if hyphenate else ""):
                if fits(prefix + head):
                    lines.append(prefix + head)
                    line = ""
                    words[i] = tail
                    break
            else:
                if not line:
                    return None  # one word, wider than the line, with no way to break it
                lines.append(end_line(line, i))
                line = ""
            continue
        lines.append(end_line(line, i))
        line = ""
    if line:
        lines.append(line)
    if tidy:
        _no_runt(lines, fits)
    return [line.replace(SOFT_HYPHEN, "") for line in lines]


def _no_runt(lines: list[str], fits) -> None:
    """A last line of one short word takes the word before it along, where that still fits and
    the line above keeps at least two words and does not end in a short word."""
    if len(lines) < 2 or " " in lines[-1] or len(lines[-1]) >= MIN_WORD or lines[-2].endswith(("-", "–")):
        return
    head, _, last = lines[-2].rpartition(" ")
    if " " in head and not _is_short(head.rpartition(" ")[2]) and fits(f"{last} {lines[-1]}"):
        lines[-2], lines[-1] = head, f"{last} {lines[-1]}"


def setting(paragraphs, weight: str, size: float, width: float, lang: str, hyphenate: bool = True,
            tracking: float = 0.0, tidy: bool = True) -> Block | None:
    """``paragraphs`` set at ``size`` in lines of ``width`` mm; None if a word cannot fit."""
    wrapped = [wrap(p, weight, size, width, lang, hyphenate, tracking, tidy) for p in paragraphs]
    if any(w is None for w in wrapped):
        return None
    return Block(tuple(tuple(w) for w in wrapped), size, pt_to_mm(size * LEADING), pt_to_mm(size * PARAGRAPH_GAP))


def fit(
    paragraphs: tuple[str, ...] | list[str],
    weight: str,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    lang: str,
    step: float = 0.5,
    max_lines: int | None = None,
    tracking: float = 0.0,
    hyphenate: bool = True,
    balance: bool = False,
) -> Block | None:
    """The largest size from ``max_size`` down to ``min_size`` at which the text fits the box.

    Unhyphenated setting is preferred down to :data:`PLAIN_DOWN_TO` of ``max_size``; below
    that a hyphen is better than smaller type (without ``hyphenate``, never). With ``balance``
    each paragraph's lines are made as even as its line count allows (titles and headings).
    Only text that fits no other way is set without :func:`wrap`'s ``tidy`` rules.
    """
    floor_plain = max(min_size, max_size * PLAIN_DOWN_TO) if hyphenate else min_size
    for tidy in (True, False):
        for hyphenated, low in ((False, floor_plain), (True, min_size))[: 2 if hyphenate else 1]:
            size = max_size
            while size >= low - 1e-9:
                block = setting(paragraphs, weight, size, width, lang, hyphenated, tracking, tidy)
                if block is not None:
                    if block.height <= height + 1e-9 and (max_lines is None or block.line_count <= max_lines):
                        return _balanced(block, paragraphs, weight, width, lang, hyphenated, tracking, tidy) if balance else block
                size = round(size - step, 3)
    return None


def _balanced(block: Block, paragraphs, weight: str, width: float, lang: str, hyphenate: bool, tracking: float,
              tidy: bool) -> Block:
    """``block`` with each paragraph set in the narrowest width that keeps its line count and
    adds no hyphen: "Fælles sprog / og værdier", not "Fælles sprog og / værdier"."""
    out = []
    for lines, text in zip(block.paragraphs, paragraphs):
        if len(lines) < 2:
            out.append(lines)
            continue
        hyphens = sum(line.endswith("-") for line in lines)
        lo, hi, best = width / 2, width, lines
        for _ in range(12):  # to a few hundredths of a millimetre
            mid = (lo + hi) / 2
            trial = wrap(text, weight, block.size, mid, lang, hyphenate, tracking, tidy)
            if trial is not None and len(trial) == len(lines) and sum(t.endswith("-") for t in trial) <= hyphens:
                hi, best = mid, tuple(trial)
            else:
                lo = mid
        out.append(best)
    return Block(tuple(out), block.size, block.leading, block.gap)


def set_text(boxes: list, block: Block | None, x: float, top: float, weight: str, colour: str,
             align: str = "left") -> float:
    """Append ``block`` as Text boxes, its capitals starting at ``top``; return the y below it."""
    if block is None:
        return top
    for y, line in block.baselines(top):
        boxes.append(Text(x, y, line, weight, block.size, colour, align))
    return top + block.height
