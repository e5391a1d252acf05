"""QR codes as data: a payload in, a module matrix (quiet zone included) out.

Render draws the matrix as vector squares; nothing here draws. Every code is byte mode (the
payload's UTF-8 bytes), error correction M (15 % of the code may be damaged, e.g. by a pen
mark), the smallest version that holds the payload, the quiet zone of 4 modules, and the mask
with the lowest ISO/IEC 18004 penalty.

carddeck owns this encoder, following ISO/IEC 18004 (section numbers below), because the
libraries' public APIs are too slow for a kit that encodes one code per card and table (1620
for ``--copies 20``). Per code, on the build's own URLs (``http://192.168.1.20:8765/c/<id>/<table>``,
versions 3 and 4), measured in one run on a busy machine, as multiples of this module's time:
``qrcode``'s public API 41×, segno 1.6.6's public API 40× (6.6× with the mask fixed, which gives
up the ISO mask choice), ``qrcode``'s internals as carddeck used them until now 10×. What makes
it fast: a version's function patterns and data-module order are worked out once; a code is
packed as bits into one integer that holds every row and every column, so the eight masks are
applied and all four penalty rules scored with a few dozen integer operations each. Its
matrices equal qrcode's (and segno's, where segno pads alike) and zxing-cpp and zbar read
them (tests/test_qr.py).
"""

from __future__ import annotations

from functools import lru_cache
from operator import getitem

QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks
MAX_VERSION = 40

# Table 9, error correction M: per version, (error correction codewords per block, blocks).
_EC_M = (
    None, (10, 1), (16, 1), (26, 1), (18, 2), (24, 2), (16, 4), (18, 4), (22, 4), (22, 5), (26, 5),
    (30, 5), (22, 8), (22, 9), (24, 9), (24, 10), (28, 10), (28, 11), (26, 13), (26, 14), (26, 16),
    (26, 17), (28, 17), (28, 18), (28, 20), (28, 21), (28, 23), (28, 25), (28, 26), (28, 28), (28, 29),
    (28, 31), (28, 33), (28, 35), (28, 37), (28, 38), (28, 40), (28, 43), (28, 45), (28, 47), (28, 49),
)
_EC_M_FORMAT_BITS = 0b00  # 7.9.1: M is 00
_BYTE_MODE = 0b0100  # 7.4.1

_MASKS = (  # 7.8.2, Table 10: (row i, column j) → the module is inverted
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i * j) % 3 + (i + j) % 2) % 2 == 0,
)


# --- capacity: what validate and layout need, without encoding -----------------------------------


def side(version: int) -> int:
    """Modules across a code of ``version`` (quiet zone excluded)."""
    return 4 * version + 17


def _raw_modules(version: int) -> int:
    """Modules left for data and error correction once the function patterns are drawn."""
    result = (16 * version + 128) * version + 64
    if version >= 2:
        align = version // 7 + 2
        result -= (25 * align - 10) * align - 55  # alignment patterns, less their overlap with timing
    if version >= 7:
        result -= 36  # version information
    return result


def _data_codewords(version: int) -> int:
    ec, blocks = _EC_M[version]
    return _raw_modules(version) // 8 - ec * blocks


def _count_bits(version: int) -> int:
    return 8 if version <= 9 else 16  # 7.4.1, Table 3: byte mode's character count


def capacity(version: int) -> int:
    """The most payload bytes a code of ``version`` holds at error correction M."""
    return (_data_codewords(version) * 8 - 4 - _count_bits(version)) // 8


def side_for(payload: str) -> int:
    """Modules across the code :func:`matrix` makes for ``payload`` (quiet zone excluded),
    from its length alone: nothing is encoded."""
    return side(version_for(len(payload.encode("utf-8"))))


def version_for(length: int) -> int:
    """The smallest version that holds ``length`` payload bytes.

    :raises ValueError: when no version (up to 40) holds them.
    """
    for version in range(1, MAX_VERSION + 1):
        if capacity(version) >= length:
            return version
    raise ValueError(f"a QR code holds at most {capacity(MAX_VERSION)} bytes at error correction M; got {length}")


# --- error correction (7.5.2): Reed–Solomon over GF(256), polynomial x^8+x^4+x^3+x^2+1 --------------

_EXP = [0] * 512
_LOG = [0] * 256
_value = 1
for _power in range(255):
    _EXP[_power] = _EXP[_power + 255] = _value
    _LOG[_value] = _power
    _value <<= 1
    if _value & 0x100:
        _value ^= 0x11D
del _value, _power


@lru_cache(maxsize=None)
def _products(degree: int) -> tuple[int, ...]:
    """For each byte f, f times the generator polynomial of ``degree`` (leading term left out),
    its coefficients as the bytes of one integer, so one division step is one XOR."""
    poly = [1]
    for root in range(degree):
        nxt = poly + [0]
        for k, coefficient in enumerate(poly):
            if coefficient:
                nxt[k + 1] ^= _EXP[_LOG[coefficient] + root]
        poly = nxt
    logs = [_LOG[c] for c in poly[1:]]
    return (0,) + tuple(
        int.from_bytes(bytes(_EXP[_LOG[f] + g] for g in logs), "big") for f in range(1, 256)
    )


def _error_correction(data: list[int], degree: int) -> bytes:
    """The remainder of the data polynomial times x^degree divided by the generator."""
    products = _products(degree)
    top, keep = 8 * (degree - 1), (1 << 8 * (degree - 1)) - 1
    rest = 0
    for byte in data:
        rest = (rest & keep) << 8 ^ products[byte ^ rest >> top]
    return rest.to_bytes(degree, "big")


def _codewords(payload: bytes, version: int) -> bytes:
    """Data and error correction codewords, interleaved (7.4 and 7.6)."""
    total = _data_codewords(version)
    bits = (_BYTE_MODE << _count_bits(version) | len(payload)) << 8 * len(payload) | int.from_bytes(payload, "big")
    length = 4 + _count_bits(version) + 8 * len(payload)
    terminator = min(4, total * 8 - length)
    bits <<= terminator + (-(length + terminator)) % 8  # terminator, then zeros to a byte boundary
    data = list(bits.to_bytes((length + terminator + 7) // 8, "big"))
    data += [0xEC, 0x11] * ((total - len(data)) // 2) + [0xEC] * ((total - len(data)) % 2)  # pad codewords
    ec, blocks = _EC_M[version]
    short = blocks - total % blocks  # the first blocks are one data codeword shorter
    size, start, split = total // blocks, 0, []
    for b in range(blocks):
        end = start + size + (b >= short)
        split.append(data[start:end])
        start = end
    out = [block[k] for k in range(size + 1) for block in split if k < len(block)]
    corrections = [_error_correction(block, ec) for block in split]
    out += [block[k] for k in range(ec) for block in corrections]
    return bytes(out)


# --- the symbol (7.3, 7.7, 7.9, 7.10), packed: one bit a module ------------------------------------


def _alignment_centres(version: int) -> list[int]:
    if version == 1:
        return []
    count = version // 7 + 2
    step = (version * 8 + count * 3 + 5) // (count * 4 - 4) * 2
    return sorted([6] + [side(version) - 7 - k * step for k in range(count - 1)])


def _bch(value: int, generator: int, degree: int) -> int:
    rest = value << degree
    for shift in range(rest.bit_length() - 1, degree - 1, -1):
        if rest >> shift & 1:
            rest ^= generator << (shift - degree)
    return value << degree | rest


def _function_patterns(version: int) -> tuple[dict, list[list[bool]]]:
    """(module → dark, for every function module except format information; 15 format
    positions, two per bit) of a version; every other module carries data."""
    n = side(version)
    fixed: dict[tuple[int, int], bool] = {}
    for top, left in ((0, 0), (0, n - 7), (n - 7, 0)):  # finders and their separators
        for i in range(-1, 8):
            for j in range(-1, 8):
                if 0 <= top + i < n and 0 <= left + j < n:
                    ring = max(abs(i - 3), abs(j - 3))
                    fixed[top + i, left + j] = ring != 2 and ring != 4
    for k in range(n):  # timing patterns
        fixed.setdefault((6, k), k % 2 == 0)
        fixed.setdefault((k, 6), k % 2 == 0)
    centres = _alignment_centres(version)
    for ci in centres:
        for cj in centres:
            if (ci, cj) in ((6, 6), (6, n - 7), (n - 7, 6)):
                continue  # under a finder
            for i in range(-2, 3):
                for j in range(-2, 3):
                    fixed[ci + i, cj + j] = max(abs(i), abs(j)) != 1
    fixed[n - 8, 8] = True  # the dark module
    if version >= 7:  # 7.10: version information, bottom-left and top-right
        bits = _bch(version, 0x1F25, 12)
        for k in range(18):
            dark = bool(bits >> k & 1)
            fixed[n - 11 + k % 3, k // 3] = fixed[k // 3, n - 11 + k % 3] = dark
    # 7.9.1: format bit k's two places (bit 0 is the least significant).
    first = [(k, 8) for k in range(6)] + [(7, 8), (8, 8), (8, 7)] + [(8, 14 - k) for k in range(9, 15)]
    second = [(8, n - 1 - k) for k in range(8)] + [(n - 15 + k, 8) for k in range(8, 15)]
    return fixed, [[a, b] for a, b in zip(first, second)]


def _pack(lines, stride: int) -> int:
    """Lines (ints of n bits) side by side in one integer, ``stride`` bits apart.

    The bit between two lines (stride = n + 1) stays 0, so no run crosses from one line into
    the next; every rule below then works on all lines at once.
    """
    value = 0
    for i, line in enumerate(lines):
        value |= line << (i * stride)
    return value


_HIGH = bytes(c >> 4 for c in range(256))  # bytes.translate tables: a codeword's two nibbles
_LOW = bytes(c & 15 for c in range(256))


@lru_cache(maxsize=None)
def _layout(version: int):
    """Everything about a version that does not depend on the payload, packed as *lines*: one
    integer holding every row (bit ``i * stride + j`` is row i, column j) and, above them, every
    column (bit ``(n + j) * stride + i``), so each penalty rule runs over all rows and columns
    at once. Line k takes bits ``k * stride`` to ``k * stride + n - 1``; the bit between two
    lines stays 0, so no run crosses from one line into the next.

    Returns (n, stride, look-ups for each codeword's high and low nibble (nibble value → its
    dark data modules), per mask (function modules with that mask's format information, the
    mask over the data modules), all modules, where a finder look-alike may start, all rows).
    """
    n = side(version)
    stride = n + 1
    fixed, format_places = _function_patterns(version)
    places = {p for pair in format_places for p in pair}
    order = []  # 7.7.3: two-module columns, right to left, up and down in turn, skipping column 6
    for right in range(n - 1, 0, -2):
        if right <= 6:
            right -= 1
        rows = range(n - 1, -1, -1) if (right + 1) & 2 == 0 else range(n)
        for i in rows:
            for j in (right, right - 1):
                if (i, j) not in fixed and (i, j) not in places:
                    order.append((i, j))

    def bit(i: int, j: int) -> int:
        return 1 << (i * stride + j) | 1 << ((n + j) * stride + i)

    # A code is then two look-ups a codeword instead of one step a module.
    tables = []
    for start in range(0, len(order) // 8 * 8, 4):
        bits = [bit(*order[start + k]) for k in range(4)]  # most significant first
        tables.append(tuple(sum(b for k, b in enumerate(bits) if v >> (3 - k) & 1) for v in range(16)))
    dark_fixed = [p for p, dark in fixed.items() if dark]
    masks = []
    for k in range(8):
        info = _bch(_EC_M_FORMAT_BITS << 3 | k, 0x537, 10) ^ 0x5412
        dark_info = [p for b, pair in enumerate(format_places) if info >> b & 1 for p in pair]
        masks.append((sum(bit(*p) for p in dark_fixed + dark_info), sum(bit(*p) for p in order if _MASKS[k](*p))))
    all_rows = _pack([(1 << n) - 1] * n, stride)
    starts = _pack([(1 << (n - 10)) - 1] * n, stride)
    full, starts = all_rows | all_rows << n * stride, starts | starts << n * stride
    return n, stride, (tuple(tables[0::2]), tuple(tables[1::2])), tuple(masks), full, starts, all_rows


# --- mask choice (7.8.3): the ISO penalty, computed on packed lines ---------------------------------


def penalty(lines: int, n: int, stride: int, full: int, starts: int, all_rows: int) -> int:
    """The ISO/IEC 18004 mask penalty of a code given as packed lines (see :func:`_layout`)."""
    light = ~lines & full
    score = 0
    for value in (lines, light):  # rule 1: runs of five or more dark, then light, modules
        two = value & value >> 1
        five = two & two >> 2 & value >> 4
        if five:
            score += five.bit_count() + 2 * (five & ~(five << 1)).bit_count()
    # Rule 3: 1:1:3:1:1 (dark, light, dark ×3, light, dark) with four light modules before or after.
    core = lines & light >> 1 & lines >> 2 & lines >> 3 & lines >> 4 & light >> 5 & lines >> 6
    four = light & light >> 1
    four &= four >> 2
    score += 40 * ((core & four >> 7 & starts).bit_count() + (four & core >> 4 & starts).bit_count())
    rows = lines & all_rows
    dark = rows & rows >> stride  # rule 2: 2×2 blocks of one colour
    light &= all_rows
    light &= light >> stride
    score += 3 * ((dark & dark >> 1).bit_count() + (light & light >> 1).bit_count())
    share = rows.bit_count() * 100 // (n * n)  # rule 4: balance of dark and light
    return score + 10 * (abs(share - 50) // 5)


def encode(payload: str, mask: int | None = None) -> tuple[int, int, int]:
    """(version, mask, packed lines) of the code for ``payload``; see :func:`matrix`."""
    raw = payload.encode("utf-8")
    version = version_for(len(raw))
    n, stride, (highs, lows), masks, full, starts, all_rows = _layout(version)
    codewords = _codewords(raw, version)
    # Disjoint bits: the sum is their union.
    data = sum(map(getitem, highs, codewords.translate(_HIGH))) + sum(map(getitem, lows, codewords.translate(_LOW)))
    best = None
    for k, (fixed_lines, mask_lines) in enumerate(masks):
        if mask is not None and k != mask:
            continue
        lines = fixed_lines | (data ^ mask_lines)
        score = 0 if mask is not None else penalty(lines, n, stride, full, starts, all_rows)
        if best is None or score < best[0]:
            best = (score, k, lines)
    return version, best[1], best[2]


def matrix(payload: str, mask: int | None = None) -> tuple[str, ...]:
    """The modules of the smallest QR code (byte mode, error correction M) that holds
    ``payload``, with the mask of the lowest ISO/IEC 18004 penalty (``mask``, 0–7, forces one).

    One string a row, ``"1"`` for a dark module and ``"0"`` for a light one (compact: a build
    with thousands of codes keeps them all), the quiet zone of 4 modules on every side.

    :raises ValueError: when the payload is empty or longer than a QR code holds.
    """
    if not payload:
        raise ValueError("a QR code needs a payload; got an empty string")
    version, _, lines = encode(payload, mask)
    n, stride = side(version), side(version) + 1
    bits = format(lines & ((1 << n * stride) - 1), f"0{n * stride}b")[::-1]  # the rows; bit 0 (row 0, column 0) first
    blank = "0" * (n + 2 * QUIET_ZONE)
    edge = "0" * QUIET_ZONE
    body = tuple([edge + bits[i * stride:i * stride + n] + edge for i in range(n)])
    return (blank,) * QUIET_ZONE + body + (blank,) * QUIET_ZONE


def version(modules: tuple[str, ...]) -> int:
    """The QR version of a matrix from :func:`matrix`."""
    return (symbol_modules(modules) - 17) // 4


def symbol_modules(modules: tuple[str, ...]) -> int:
    """How many modules wide the code itself is (without the quiet zone)."""
    return len(modules) - 2 * QUIET_ZONE
