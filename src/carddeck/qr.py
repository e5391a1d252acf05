"""QR codes as data: a payload in, a module matrix (quiet zone included) out.

Render draws the matrix as vector squares; nothing here draws. Error correction is M (15 %
of the code may be damaged, e.g. by a pen mark) and the quiet zone is the standard 4 modules.
"""

from __future__ import annotations

from functools import lru_cache

QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks


@lru_cache(maxsize=4096)
def matrix(payload: str) -> tuple[tuple[bool, ...], ...]:
    """The modules of the smallest QR code (error correction M) that holds ``payload``.

    Rows of booleans (True = dark), the quiet zone of 4 modules included on every side.

    :raises ValueError: when the payload is empty.
    """
    if not payload:
        raise ValueError("a QR code needs a payload; got an empty string")
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE, box_size=1)
    code.add_data(payload.encode("utf-8"), optimize=0)
    code.make(fit=True)
    return tuple(tuple(bool(m) for m in row) for row in code.get_matrix())


def symbol_modules(modules: tuple[tuple[bool, ...], ...]) -> int:
    """How many modules wide the code itself is (without the quiet zone)."""
    return len(modules) - 2 * QUIET_ZONE
