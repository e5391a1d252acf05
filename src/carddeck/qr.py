"""QR codes as data: a payload in, a module matrix (quiet zone included) out.

Render draws the matrix as vector squares; nothing here draws. Error correction is M (15 %
of the code may be damaged, e.g. by a pen mark) and the quiet zone is the standard 4 modules.

The ``qrcode`` library encodes the data. Choosing the mask (the pattern that keeps a code free
of large blocks and finder look-alikes) is where it spends most of its time: it lays the
whole code out eight times. Here the code is laid out once, the other seven masks are
derived from it with integer bit operations, scored with the ISO/IEC 18004 penalty rules, and
the library lays the code out again with the best mask, so the final matrix is its own.
"""

from __future__ import annotations

from functools import lru_cache

QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks

_MASKS = (
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i * j) % 3 + (i + j) % 2) % 2 == 0,
)
# Finder look-alikes, 1:1:3:1:1 with four light modules on one side (penalty rule 3).
_FINDER_LIKE = ((1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0), (0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1))


def _bits(row) -> int:
    value = 0
    for j, dark in enumerate(row):
        if dark:
            value |= 1 << j
    return value


def _pack(lines, stride: int) -> int:
    """Lines (ints of n bits) side by side in one integer, ``stride`` bits apart.

    The bit between two lines (stride = n + 1) stays 0, so no run crosses from one line into
    the next; every rule below then works on all lines at once.
    """
    value = 0
    for i, line in enumerate(lines):
        value |= line << (i * stride)
    return value


@lru_cache(maxsize=None)
def _layers(version: int, ec: int):
    """Per version, packed: the data modules; and per mask pattern the function modules (with
    that mask's format information) and the mask's bits over the data modules, for rows and
    for columns."""
    import qrcode
    from qrcode.main import copy_2d_array, precomputed_qr_blanks

    n = version * 4 + 17
    stride = n + 1
    probe = qrcode.QRCode(version=version, error_correction=ec, border=0, mask_pattern=0)
    probe.modules_count = n
    if version not in precomputed_qr_blanks:
        probe.makeImpl(True, 0)
    blank = precomputed_qr_blanks[version]
    layers = []
    for k in range(8):
        probe.modules = copy_2d_array(blank)
        probe.setup_type_info(False, k)
        if version >= 7:
            probe.setup_type_number(False)
        func = probe.modules

        def packed(test, by_column=False):
            if by_column:
                return _pack([_bits(test(i, j) for i in range(n)) for j in range(n)], stride)
            return _pack([_bits(test(i, j) for j in range(n)) for i in range(n)], stride)

        def masked(i, j):
            return func[i][j] is None and _MASKS[k](i, j)

        layers.append((
            packed(lambda i, j: func[i][j] is True), packed(lambda i, j: func[i][j] is True, True),
            packed(masked), packed(masked, True),
        ))
    data = (
        _pack([_bits(func[i][j] is None for j in range(n)) for i in range(n)], stride),
        _pack([_bits(func[i][j] is None for i in range(n)) for j in range(n)], stride),
    )
    line = (1 << n) - 1
    full = _pack([line] * n, stride)
    starts = _pack([(1 << (n - 10)) - 1] * n, stride) if n >= 11 else 0
    return n, stride, data, layers, full, starts


def _rules_1_and_3(lines: int, full: int, starts: int) -> int:
    score = 0
    for value in (lines, ~lines & full):  # runs of five or more dark, then light, modules
        five = value & (value >> 1) & (value >> 2) & (value >> 3) & (value >> 4)
        if five:
            score += five.bit_count() + 2 * (five & ~(five << 1)).bit_count()
    if starts:
        light = ~lines
        for pattern in _FINDER_LIKE:
            match = starts
            for j, dark in enumerate(pattern):
                match &= (lines if dark else light) >> j
            score += 40 * match.bit_count()
    return score


def penalty(rows: int, cols: int, n: int, stride: int, full: int, starts: int) -> int:
    """The ISO/IEC 18004 mask penalty of a code given as packed rows and columns."""
    score = _rules_1_and_3(rows, full, starts) + _rules_1_and_3(cols, full, starts)
    dark = rows & (rows >> stride)  # rule 2: 2×2 blocks of one colour
    light = ~rows & full
    light &= light >> stride
    score += 3 * ((dark & (dark >> 1)).bit_count() + (light & (light >> 1)).bit_count())
    share = rows.bit_count() * 100 // (n * n)  # rule 4: balance of dark and light
    return score + 10 * (abs(share - 50) // 5)


def best_mask(modules, version: int, ec: int) -> int:
    """The mask pattern (0–7) with the lowest penalty, for a code laid out with mask 0."""
    n, stride, (data_rows, data_cols), layers, full, starts = _layers(version, ec)
    rows0 = _pack([_bits(row) for row in modules], stride)
    cols0 = _pack([_bits(modules[i][j] for i in range(n)) for j in range(n)], stride)
    _, _, m0_rows, m0_cols = layers[0]
    raw_rows = (rows0 ^ m0_rows) & data_rows  # the data before any mask
    raw_cols = (cols0 ^ m0_cols) & data_cols
    scores = [
        penalty(f_rows | (raw_rows ^ m_rows), f_cols | (raw_cols ^ m_cols), n, stride, full, starts)
        for f_rows, f_cols, m_rows, m_cols in layers
    ]
    return scores.index(min(scores))


@lru_cache(maxsize=256)
def matrix(payload: str, min_version: int = 1) -> tuple[str, ...]:
    """The modules of the smallest QR code (error correction M, version ≥ ``min_version``)
    that holds ``payload``. ``min_version`` lets every copy of a card share one code size.

    One string a row, ``"1"`` for a dark module and ``"0"`` for a light one (compact: a build
    with thousands of codes keeps them all), the quiet zone of 4 modules on every side.

    :raises ValueError: when the payload is empty.
    """
    if not payload:
        raise ValueError("a QR code needs a payload; got an empty string")
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(version=min_version, error_correction=ERROR_CORRECT_M, border=0, box_size=1, mask_pattern=0)
    code.add_data(payload.encode("utf-8"), optimize=0)
    code.make(fit=True)
    mask = best_mask(code.modules, code.version, ERROR_CORRECT_M)
    if mask != 0:
        code.mask_pattern = mask
        code.makeImpl(False, mask)
    n = len(code.modules)
    blank = "0" * (n + 2 * QUIET_ZONE)
    edge = "0" * QUIET_ZONE
    body = tuple(edge + "".join("1" if m else "0" for m in row) + edge for row in code.modules)
    return (blank,) * QUIET_ZONE + body + (blank,) * QUIET_ZONE


def version(modules: tuple[str, ...]) -> int:
    """The QR version of a matrix from :func:`matrix`."""
    return (symbol_modules(modules) - 17) // 4


def symbol_modules(modules: tuple[str, ...]) -> int:
    """How many modules wide the code itself is (without the quiet zone)."""
    return len(modules) - 2 * QUIET_ZONE
