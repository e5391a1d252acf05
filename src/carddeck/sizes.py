"""Named sizes in millimetres (width × height, portrait), and the one parser of size strings."""

from __future__ import annotations

import re

CARD_SIZES = {
    "a6": (105.0, 148.0),
    "a7": (74.0, 105.0),
    "poker": (63.0, 88.0),
    "bridge": (57.0, 89.0),
    "tarot": (70.0, 120.0),
}
PAPER_SIZES = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
POSTER_SIZES = {"a0": (841.0, 1189.0), "a1": (594.0, 841.0), "a2": (420.0, 594.0), "a3": (297.0, 420.0)}

# A custom card size must be something a person can hold and a sheet can take.
CUSTOM_MIN, CUSTOM_MAX = 40.0, 200.0


def card_size(text: str) -> tuple[float, float]:
    """``a6`` / ``poker`` / … or ``WxH`` in mm (e.g. ``90x140``) → (w, h).

    :raises ValueError: with a message that repeats the bad value and lists the names.
    """
    name = text.strip().lower()
    if name in CARD_SIZES:
        return CARD_SIZES[name]
    match = re.fullmatch(r"(\d+(?:\.\d)?)\s*[x×]\s*(\d+(?:\.\d)?)", name, re.ASCII)
    if not match:
        raise ValueError(
            f"unknown card size {text!r}; use one of {', '.join(CARD_SIZES)} or WxH in mm to 0.1 mm (e.g. 90x140 or 63.5x88)"
        )
    w, h = float(match[1]), float(match[2])
    if not (CUSTOM_MIN <= w <= CUSTOM_MAX and CUSTOM_MIN <= h <= CUSTOM_MAX):
        raise ValueError(f"card size {text!r} is out of range; each side must be {CUSTOM_MIN:g} to {CUSTOM_MAX:g} mm")
    return w, h
