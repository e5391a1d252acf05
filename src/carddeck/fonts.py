"""The kit's typeface: Noto Sans (SIL OFL 1.1), vendored in ``fonts/``.

Noto Sans rather than a face with a slashed zero: in Danish and Norwegian a slashed zero reads
as the letter Ø ("2Ø18").

In: a weight name (``regular`` or ``bold``), text and a size in points.
Out: widths in millimetres, the face's vertical metrics, and which characters the font cannot
draw. Every fact comes from the font files themselves. This module and :mod:`carddeck.render`
are the only places that touch reportlab.

``ASCENT``, ``DESCENT`` and ``CAP_HEIGHT`` are the face's vertical metrics as fractions of the
font size (see :func:`metrics`); they are read from the font file when first used.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .units import pt_to_mm

FAMILY = "Noto Sans"
FILES = {"regular": "NotoSans-Regular.ttf", "bold": "NotoSans-Bold.ttf"}
NAMES = {"regular": "NotoSans", "bold": "NotoSans-Bold"}


@dataclass(frozen=True)
class Metrics:
    """Vertical metrics of the face as fractions of the font size (all positive)."""

    ascent: float  # baseline to the top of the tallest letters with accents (Å)
    descent: float  # baseline to the bottom of descenders (g, p)
    cap_height: float  # baseline to the top of flat capitals (H)


@lru_cache(maxsize=None)
def metrics() -> Metrics:
    """The face's metrics from the regular weight's OS/2 table (typographic ascender and
    descender, cap height); the bold weight has the same."""
    from reportlab.pdfbase import pdfmetrics

    register()
    face = pdfmetrics.getFont(NAMES["regular"]).face  # reportlab gives them in 1/1000 em
    return Metrics(face.ascent / 1000, -face.descent / 1000, face.capHeight / 1000)


_METRIC_NAMES = {"ASCENT": "ascent", "DESCENT": "descent", "CAP_HEIGHT": "cap_height"}


def __getattr__(name: str) -> float:
    # The module constants are read from the font file on first use, not at import: the CLI's
    # start-up (``carddeck --help``) does not load fonts.
    if name in _METRIC_NAMES:
        return getattr(metrics(), _METRIC_NAMES[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def font_dir() -> Path:
    """The folder with the vendored fonts: the package's ``fonts`` (in a checkout, a link to the
    top-level ``fonts/``; in an installed wheel, a copy)."""
    here = Path(__file__).resolve()
    for candidate in (here.parent / "fonts", here.parents[2] / "fonts"):
        if (candidate / FILES["regular"]).is_file():
            return candidate
    from .errors import UsageProblem

    raise UsageProblem(
        f"the {FAMILY} font files are missing (looked in {here.parent / 'fonts'}); reinstall carddeck"
    )


@lru_cache(maxsize=None)
def register() -> dict[str, str]:
    """Register both weights with reportlab once; return weight -> reportlab font name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = font_dir()
    for weight, file in FILES.items():
        pdfmetrics.registerFont(TTFont(NAMES[weight], str(folder / file)))
    return dict(NAMES)


@lru_cache(maxsize=None)
def _charmap(weight: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register()
    return frozenset(pdfmetrics.getFont(NAMES[weight]).face.charToGlyph)


@lru_cache(maxsize=None)
def _drawable() -> frozenset[int]:
    """Characters both weights can draw (worked out once: the loader asks for every text)."""
    return _charmap("regular") & _charmap("bold")


def missing_characters(text: str) -> list[str]:
    """The distinct characters of ``text`` that the font has no glyph for (white space aside)."""
    have = _drawable()
    out: dict[str, None] = {}
    for ch in text:
        if not (ch.isspace() or ord(ch) in have):
            out[ch] = None
    return list(out)


class _Advances(dict):
    """Character -> advance width in 1/1000 em; a character the font lacks has the default width."""

    def __init__(self, widths: dict[str, float], default: float):
        super().__init__(widths)
        self.default = default

    def __missing__(self, ch: str) -> float:
        return self.default


@lru_cache(maxsize=None)
def _advances(weight: str) -> _Advances:
    """The advance widths of ``weight`` as reportlab read them from the font file."""
    from reportlab.pdfbase import pdfmetrics

    register()
    face = pdfmetrics.getFont(NAMES[weight]).face
    return _Advances({chr(code): width for code, width in face.charWidths.items()}, face.defaultWidth)


@lru_cache(maxsize=65536)
def _width_pt(text: str, weight: str) -> float:
    # reportlab's stringWidth adds the same advances in the same order (so the same float), but
    # character by character in Python: layout asks for thousands of candidate lines.
    return sum(map(_advances(weight).__getitem__, text)) / 1000.0


def width(text: str, weight: str, size_pt: float, tracking: float = 0.0) -> float:
    """Width of ``text`` set at ``size_pt`` points, in millimetres, with ``tracking`` points
    between letters (none after the last)."""
    return pt_to_mm(_width_pt(text, weight) * size_pt) + pt_to_mm(tracking * max(0, len(text) - 1))
