"""Colour for the press: a colour of the kit's palette in, its CMYK for a standard press out.

Print-shop files are PDF/X-4 for FOGRA39 (offset printing on coated paper, ISO 12647-2), the
press condition of the ICC profile in ``icc/`` (made from Fogra's FOGRA39L characterisation data
with a 300 % total ink limit; see ``icc/LICENSE.txt``). Each colour was converted once through
that profile with littleCMS (Pillow's ImageCms) and is kept as data in ``icc/palette.json``, so a
build needs no colour engine and writes the same bytes everywhere. How a colour prints:

- the kit's greys (:data:`GREYS`: text, rules, cut marks, the kit's own cards) from the black plate alone,
  at the tone whose lightness matches: small type from four plates blurs when they are a hair
  out of register, and a grey from one plate cannot shift in colour;
- every other colour (the phase colours, their tints and deep shades) through the profile,
  relative colorimetric with black point compensation.

``python -m carddeck.press`` recomputes the table after a colour of :mod:`carddeck.theme` changed
(it needs Pillow); a test fails while the table is out of date.
"""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from importlib.resources import files

from . import theme

FOLDER = files("carddeck") / "icc"
PROFILE = "FOGRA39-carddeck.icc"
PALETTE = "palette.json"
# The press condition, as PDF/X names it in the output intent (ICC's registry of characterisations).
CONDITION_ID = "FOGRA39"
CONDITION = "Offset printing on coated paper, ISO 12647-2:2004/Amd 1 (FOGRA39), total ink 300 %"
REGISTRY = "http://www.color.org"
TOTAL_INK = 3.0  # 300 %: the most ink that any colour lays down, all four plates together
# The kit's greys: text, rules, cut marks, paper and the neutral family of the kit's own cards.
GREYS = frozenset({theme.INK, theme.MUTED, theme.RULE, theme.CUT, theme.PAPER,
                   theme.ABOUT.colour, theme.ABOUT.tint, theme.WRITEIN.colour, theme.WRITEIN.tint})

_HEX = re.compile(r"#[0-9A-F]{6}")


def palette() -> list[str]:
    """Every '#RRGGBB' colour that :mod:`carddeck.theme` defines: constants, styles (their fields
    and properties) and tables."""
    found: set[str] = set()

    def take(value) -> None:
        if isinstance(value, str) and _HEX.fullmatch(value):
            found.add(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                take(getattr(value, field.name))
            for name in dir(type(value)):  # derived colours too (a style's edge)
                if isinstance(getattr(type(value), name), property):
                    take(getattr(value, name))
        elif isinstance(value, dict):
            for key, item in value.items():
                take(key)
                take(item)
        elif isinstance(value, (tuple, list)):
            for item in value:
                take(item)

    for name, value in vars(theme).items():
        if not name.startswith("__"):
            take(value)
    return sorted(found)


def profile_bytes() -> bytes:
    """The ICC profile of the press condition (for the PDF/X output intent)."""
    return (FOLDER / PROFILE).read_bytes()


@cache
def _table() -> dict[str, tuple[float, float, float, float]]:
    data = json.loads((FOLDER / PALETTE).read_text(encoding="utf-8"))
    return {colour: tuple(v / 100 for v in plates) for colour, plates in data["colours"].items()}


def cmyk(colour: str) -> tuple[float, float, float, float]:
    """'#RRGGBB' of the palette → (c, m, y, k), each 0..1, for the press condition.

    :raises KeyError: for a colour that the table does not hold (a colour added to the theme
        without running ``python -m carddeck.press``).
    """
    try:
        return _table()[colour.upper()]
    except KeyError:
        raise KeyError(f"colour {colour} has no press CMYK; run 'python -m carddeck.press' to recompute "
                       f"src/carddeck/icc/{PALETTE}") from None


def compute(colours) -> dict[str, list[float]]:
    """CMYK in percent (one decimal) of each '#RRGGBB' in ``colours``, through the profile.

    Needs Pillow (littleCMS); the build itself only reads the stored result.
    """
    from PIL import Image, ImageCms

    press = ImageCms.ImageCmsProfile(FOLDER.joinpath(PROFILE).open("rb"))
    srgb, lab = ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB")
    relative = ImageCms.Intent.RELATIVE_COLORIMETRIC
    to_press = ImageCms.buildTransform(srgb, press, "RGB", "CMYK", relative, flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    to_lab = ImageCms.buildTransform(srgb, lab, "RGB", "LAB", relative)
    # The black plate's lightness at each of its 256 tones, read back through the profile.
    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    black = ImageCms.applyTransform(ramp, ImageCms.buildTransform(press, lab, "CMYK", "LAB", relative))
    black_l = [black.getpixel((k, 0))[0] for k in range(256)]
    out = {}
    for colour in colours:
        pixel = Image.new("RGB", (1, 1), colour)
        if colour in GREYS:
            lightness = ImageCms.applyTransform(pixel, to_lab).getpixel((0, 0))[0]
            k = min(range(256), key=lambda t: (abs(black_l[t] - lightness), t))
            plates = (0, 0, 0, k)
        else:
            plates = ImageCms.applyTransform(pixel, to_press).getpixel((0, 0))
        out[colour] = [round(v * 100 / 255, 1) for v in plates]
    return out


def write_table() -> str:
    """Recompute ``icc/palette.json`` for :func:`palette`; return its path."""
    path = FOLDER / PALETTE
    data = {"profile": PROFILE, "condition": CONDITION_ID, "colours": compute(palette())}
    rows = ",\n".join(f'  "{colour}": {json.dumps(plates)}' for colour, plates in data["colours"].items())
    text = f'{{"profile": "{PROFILE}", "condition": "{CONDITION_ID}", "colours": {{\n{rows}\n}}}}\n'
    with open(str(path), "w", encoding="utf-8") as handle:
        handle.write(text)
    return str(path)


if __name__ == "__main__":
    print(f"wrote {write_table()}")
