"""QR matrices: the same modules as two independent encoders (qrcode and segno, public APIs), the
mask of the lowest ISO penalty, sizes known without encoding, and codes two decoders read."""

import numpy as np
import pytest
import qrcode
import segno
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from carddeck import qr
from kitutil import zbar_decode

URL = "https://notes.example.org/c/fase-2-de-bringer/12"
# Finder look-alikes, 1:1:3:1:1 with four light modules on one side (penalty rule 3).
FINDER_LIKE = ((1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0), (0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1))


def _naive_penalty(m) -> int:
    """ISO/IEC 18004 mask penalty (7.8.3), written out the slow, obvious way."""
    n = len(m)
    score = 0
    lines = [list(r) for r in m] + [[m[i][j] for i in range(n)] for j in range(n)]
    for line in lines:
        run = 1
        for a, b in zip(line, line[1:] + [None]):
            if a == b:
                run += 1
            else:
                if run >= 5:
                    score += 3 + run - 5
                run = 1
        for i in range(n - 10):
            if tuple(line[i : i + 11]) in FINDER_LIKE:
                score += 40
    for i in range(n - 1):
        for j in range(n - 1):
            if m[i][j] == m[i + 1][j] == m[i][j + 1] == m[i + 1][j + 1]:
                score += 3
    dark = sum(map(sum, m))
    return score + 10 * (abs(dark * 100 // (n * n) - 50) // 5)


def _symbol(modules) -> list[list[int]]:
    """The code without its quiet zone, as 0/1 lists."""
    q = qr.QUIET_ZONE
    return [[int(c) for c in row[q:-q]] for row in modules[q:-q]]


def _rows(matrix) -> tuple[str, ...]:
    return tuple("".join("1" if dark else "0" for dark in row) for row in matrix)


def _qrcode(payload: str, mask: int) -> tuple[str, ...]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=qr.QUIET_ZONE, mask_pattern=mask)
    code.add_data(payload.encode(), optimize=0)
    code.make(fit=True)
    return _rows(code.get_matrix())


def _segno(payload: str, mask: int) -> tuple[str, ...]:
    code = segno.make_qr(payload.encode(), error="m", boost_error=False, mode="byte", mask=mask)
    return _rows(code.matrix_iter(border=qr.QUIET_ZONE))


def _image(modules, scale: int = 6) -> Image.Image:
    dark = np.array([[c == "1" for c in row] for row in modules])
    return Image.fromarray(np.where(np.kron(dark, np.ones((scale, scale), bool)), 0, 255).astype(np.uint8))


def _payload(length: int, seed: int) -> str:
    """A URL-like payload of exactly ``length`` bytes (æøå take two each), one for each seed."""
    stem = f"http://192.168.1.{seed % 250}:8765/c/æøå-{seed}/"
    extra = length - len(stem.encode())
    if extra < 0:
        return "x" * length
    filler = "abcdefghijklmnopqrstuvwxyz0123456789-/"
    return stem + (filler * (extra // len(filler) + 1))[:extra]


# Every version up to 12 (7 adds version information, 10 a longer count), and some larger ones.
VERSIONS = [*range(1, 13), 17, 26, 40]


@pytest.mark.parametrize("version", VERSIONS)
def test_matrix_equals_two_other_encoders_for_every_mask(version):
    full = _payload(qr.capacity(version), version)
    least = _payload(qr.capacity(version - 1) + 1 if version > 1 else 1, version)
    for mask in range(8):
        assert qr.version(qr.matrix(full, mask=mask)) == qr.version(qr.matrix(least, mask=mask)) == version
        assert qr.matrix(full, mask=mask) == _qrcode(full, mask) == _segno(full, mask), (version, mask)
        # segno writes a zero byte before the pad codewords (7.4.10 asks for none), so only qrcode
        # has the same modules where the payload leaves room; decoders read both alike.
        assert qr.matrix(least, mask=mask) == _qrcode(least, mask), (version, mask)


def test_capacity_is_what_segno_fits_in_each_version():
    for version in VERSIONS:
        full = _payload(qr.capacity(version), 1)
        over = _payload(qr.capacity(version) + 1, 1)
        assert segno.make_qr(full.encode(), error="m", boost_error=False, mode="byte").version == version
        assert qr.version_for(len(full.encode())) == version
        if version < qr.MAX_VERSION:
            assert segno.make_qr(over.encode(), error="m", boost_error=False, mode="byte").version == version + 1
            assert qr.version_for(len(over.encode())) == version + 1


def test_side_is_the_matrix_width_without_quiet_zone():
    for version in (1, 4, 7):
        modules = qr.matrix(_payload(qr.capacity(version), 3))
        assert qr.symbol_modules(modules) == qr.side(version) == 17 + 4 * version


payloads = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-/:.æøå", min_size=1, max_size=120)


@settings(max_examples=25, deadline=None)
@given(payloads, st.integers(0, 7))
def test_packed_penalty_equals_the_rules_written_out(payload, mask):
    symbol = _symbol(qr.matrix(payload, mask=mask))
    n, stride, _, _, full, starts, all_rows = qr._layout(qr.version_for(len(payload.encode())))
    rows = [int("".join(map(str, r))[::-1], 2) for r in symbol]
    cols = [int("".join(str(symbol[i][j]) for i in range(n))[::-1], 2) for j in range(n)]
    lines = qr._pack(rows + cols, stride)  # the rows, then the columns above them
    assert qr.penalty(lines, n, stride, full, starts, all_rows) == _naive_penalty(symbol)


@settings(max_examples=15, deadline=None)
@given(payloads)
def test_the_chosen_mask_has_the_lowest_penalty_of_the_eight(payload):
    _, chosen, _ = qr.encode(payload)
    scores = [_naive_penalty(_symbol(qr.matrix(payload, mask=k))) for k in range(8)]
    assert scores[chosen] == min(scores)
    assert qr.matrix(payload) == qr.matrix(payload, mask=chosen)


def test_matrix_has_quiet_zone_and_two_decoders_read_it():
    for payload in (URL, "http://192.168.1.20:8765/c/om-avslutning-fjellside/500", "https://døgn.example/c/æøå"):
        modules = qr.matrix(payload)
        n = len(modules)
        assert all(len(row) == n and set(row) <= {"0", "1"} for row in modules)
        for i in range(qr.QUIET_ZONE):
            assert modules[i] == modules[n - 1 - i] == "0" * n
            assert all(row[i] == row[n - 1 - i] == "0" for row in modules)
        results = zxingcpp.read_barcodes(_image(modules))
        assert [r.text for r in results] == [payload]
        assert results[0].ec_level == "M"
        if payload.isascii():  # zbar guesses a charset for other bytes (Shift JIS here)
            assert zbar_decode(_image(modules)) == [payload]


def test_empty_payload_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="^a QR code needs a payload; got an empty string$"):
        qr.matrix("")


def test_too_long_a_payload_is_refused_with_the_reason():
    with pytest.raises(ValueError, match="^a QR code holds at most 2331 bytes at error correction M; got 2332$"):
        qr.matrix("x" * 2332)
