"""QR matrices: the fast mask choice scores exactly as the ISO rules say, and codes decode."""

import qrcode
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from carddeck import qr


def _naive_penalty(m) -> int:
    """ISO/IEC 18004 mask penalty, written out the slow, obvious way."""
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
            if tuple(int(x) for x in line[i : i + 11]) in qr._FINDER_LIKE:
                score += 40
    for i in range(n - 1):
        for j in range(n - 1):
            if m[i][j] == m[i + 1][j] == m[i][j + 1] == m[i + 1][j + 1]:
                score += 3
    dark = sum(map(sum, m))
    return score + 10 * (abs(dark * 100 // (n * n) - 50) // 5)


def _library_code(payload: str, mask: int):
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=mask)
    code.add_data(payload.encode(), optimize=0)
    code.make(fit=True)
    return code


payloads = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-/:.", min_size=1, max_size=120)


@settings(max_examples=25, deadline=None)
@given(payloads, st.integers(0, 7))
def test_packed_penalty_equals_the_rules_written_out(payload, mask):
    code = _library_code(payload, mask)
    n, stride, _, _, full, starts = qr._layers(code.version, ERROR_CORRECT_M)
    rows = qr._pack([qr._bits(r) for r in code.modules], stride)
    cols = qr._pack([qr._bits(code.modules[i][j] for i in range(n)) for j in range(n)], stride)
    assert qr.penalty(rows, cols, n, stride, full, starts) == _naive_penalty(code.modules)


@settings(max_examples=15, deadline=None)
@given(payloads)
def test_best_mask_is_the_lowest_penalty_of_the_eight(payload):
    code0 = _library_code(payload, 0)
    chosen = qr.best_mask(code0.modules, code0.version, ERROR_CORRECT_M)
    scores = [_naive_penalty(_library_code(payload, k).modules) for k in range(8)]
    assert scores[chosen] == min(scores)


def test_matrix_has_quiet_zone_and_decodes():
    url = "https://notes.example.org/c/fase-2-de-bringer/12?k=s3cret"
    modules = qr.matrix(url)
    n = len(modules)
    assert all(len(row) == n and set(row) <= {"0", "1"} for row in modules)
    for i in range(qr.QUIET_ZONE):
        assert modules[i] == modules[n - 1 - i] == "0" * n
        assert all(row[i] == row[n - 1 - i] == "0" for row in modules)
    scale = 8
    image = Image.new("L", (n * scale, n * scale), 255)
    pixels = image.load()
    for r, row in enumerate(modules):
        for c, dark in enumerate(row):
            if dark == "1":
                for y in range(r * scale, (r + 1) * scale):
                    for x in range(c * scale, (c + 1) * scale):
                        pixels[x, y] = 0
    results = zxingcpp.read_barcodes(image)
    assert [r.text for r in results] == [url]
    assert results[0].ec_level == "M"


def test_empty_payload_is_refused_with_the_reason():
    import pytest

    with pytest.raises(ValueError, match="a QR code needs a payload; got an empty string"):
        qr.matrix("")
