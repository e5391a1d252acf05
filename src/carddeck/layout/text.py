"""Text setting: break paragraphs into lines that fit a width, and shrink to fit a box.

In: paragraphs, a weight, a width and height in mm, a size range in points, a language.
Out: a :class:`Block` (lines, size, leading) or ``None`` when the text cannot fit even at the
minimum size. Danish and Norwegian words are hyphenated with pyphen's dictionaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import fonts
from ..units import pt_to_mm
from .boxes import Text

LEADING = 1.25  # line height as a multiple of the size
PARAGRAPH_GAP = 0.6  # extra space between paragraphs, as a multiple of the size
PLAIN_DOWN_TO = 0.8  # fit prefers smaller type to hyphens down to this share of its largest size
HYPHEN_LANG = {"da": "da_DK", "nb": "nb_NO"}
MIN_WORD = 6  # shorter words are never hyphenated


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


@lru_cache(maxsize=8)
def _hyphenator(lang: str):
    import pyphen

    return pyphen.Pyphen(lang=HYPHEN_LANG.get(lang, "da_DK"))


def _splits(word: str, lang: str) -> list[tuple[str, str]]:
    """Ways to break ``word``, longest first part first: (head incl. hyphen, tail)."""
    out = []
    for i, ch in enumerate(word[:-1]):
        if ch in "-–" and i > 0:  # an existing hyphen or dash: break after it, add nothing
            out.append((word[: i + 1], word[i + 1 :]))
    if lang and len(word) >= MIN_WORD:
        for head, tail in _hyphenator(lang).iterate(word):
            # Breaks next to an existing hyphen or dash are the ones above; never add a second.
            if len(head) >= 2 and len(tail) >= 2 and head[-1] not in "-–" and tail[0] not in "-–":
                out.append((head + "-", tail))
    # A full sort key: the order of a set must never decide the output (same input, same bytes).
    return sorted(set(out), key=lambda s: (-len(s[0]), s))


def wrap(
    text: str, weight: str, size: float, width: float, lang: str, hyphenate: bool = True, tracking: float = 0.0
) -> list[str] | None:
    """Break ``text`` into lines no wider than ``width`` mm; None if a word cannot fit.

    Without ``hyphenate`` only existing hyphens and dashes may end a line inside a word.
    """

    def fits(candidate: str, room: float = width) -> bool:
        return fonts.width(candidate, weight, size, tracking) <= room + 1e-9

    lines: list[str] = []
    line = ""
    words = text.split()
    i = 0
    while i < len(words):
        word = words[i]
        candidate = f"{line} {word}" if line else word
        if fits(candidate):
            line, i = candidate, i + 1
            continue
        prefix = f"{line} " if line else ""
        room = width - (fonts.width(prefix, weight, size, tracking) if line else 0.0)
        # Hyphenate when it fills a useful part of the line, or when the word alone is too wide.
        if room > 0.3 * width or not line:
            for head, tail in _splits(word, lang if hyphenate else ""):
                if fits(prefix + head):
                    lines.append(prefix + head)
                    line = ""
                    words[i] = tail
                    break
            else:
                if not line:
                    return None  # one word, wider than the line, with no way to break it
                lines.append(line)
                line = ""
            continue
        lines.append(line)
        line = ""
    if line:
        lines.append(line)
    return lines


def setting(paragraphs, weight: str, size: float, width: float, lang: str, hyphenate: bool = True,
            tracking: float = 0.0) -> Block | None:
    """``paragraphs`` set at ``size`` in lines of ``width`` mm; None if a word cannot fit."""
    wrapped = [wrap(p, weight, size, width, lang, hyphenate, tracking) for p in paragraphs]
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
) -> Block | None:
    """The largest size from ``max_size`` down to ``min_size`` at which the text fits the box.

    Unhyphenated setting is preferred down to :data:`PLAIN_DOWN_TO` of ``max_size``; below
    that a hyphen is better than smaller type.
    """
    floor_plain = max(min_size, max_size * PLAIN_DOWN_TO)
    for hyphenate, low in ((False, floor_plain), (True, min_size)):
        size = max_size
        while size >= low - 1e-9:
            block = setting(paragraphs, weight, size, width, lang, hyphenate, tracking)
            if block is not None:
                if block.height <= height + 1e-9 and (max_lines is None or block.line_count <= max_lines):
                    return block
            size = round(size - step, 3)
    return None


def set_text(boxes: list, block: Block | None, x: float, top: float, weight: str, colour: str,
             align: str = "left") -> float:
    """Append ``block`` as Text boxes, its capitals starting at ``top``; return the y below it."""
    if block is None:
        return top
    for y, line in block.baselines(top):
        boxes.append(Text(x, y, line, weight, block.size, colour, align))
    return top + block.height
