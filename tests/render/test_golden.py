"""Golden renders: small PNGs of the kit's key pages, compared within a tolerance.

They catch visual regressions that numbers miss (a colour gone, a band moved, a symbol lost).
After an intended change of the look, rewrite them with ``pytest --update-golden`` and look
at the new PNGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from carddeck.cli import main
from kitutil import DECK_DIR, NOTES_URL

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
DPI = 30
MEAN_LIMIT = 2.0  # mean absolute difference per channel, 0–255
CHANGED_LIMIT = 0.005  # share of pixels that may differ by more than 64


@pytest.fixture(scope="module")
def kits(tmp_path_factory):
    out = tmp_path_factory.mktemp("golden")
    for name, extra in (("office", []), ("shop", ["--for", "print-shop", "--marks"])):
        assert main(["build", str(DECK_DIR), "--out", str(out / name), "--notes-url", NOTES_URL, *extra]) == 0
    return out


POSTER_DPI = 12  # A1 at 30 dpi would be a large file for the repository
CASES = [
    ("cards-front-sheet", "office/cards.pdf", 2, DPI),
    ("cards-back-sheet", "office/cards.pdf", 3, DPI),
    ("cards-sesam-sheet", "office/cards.pdf", 30, DPI),
    ("poster", "office/poster.pdf", 0, POSTER_DPI),
    ("tiles-map", "office/poster-tiles.pdf", 0, DPI),
    ("lists", "office/lists.pdf", 0, DPI),
    ("shop-front", "shop/cards.pdf", 6, DPI),
    ("shop-back", "shop/cards.pdf", 7, DPI),
]


def _render(pdf: Path, page: int, dpi: int = DPI) -> Image.Image:
    return pdfium.PdfDocument(pdf)[page].render(scale=dpi / 72).to_pil().convert("RGB")


@pytest.mark.parametrize(("name", "file", "page", "dpi"), CASES, ids=[c[0] for c in CASES])
def test_page_looks_as_it_did(kits, update_golden, name, file, page, dpi):
    image = _render(kits / file, page, dpi)
    path = GOLDEN / f"{name}.png"
    if update_golden or not path.exists():
        if not update_golden:
            pytest.fail(f"no golden render {path.name}; run pytest --update-golden and look at it")
        GOLDEN.mkdir(exist_ok=True)
        image.save(path, optimize=True)
        return
    golden = Image.open(path).convert("RGB")
    assert image.size == golden.size, f"{name}: page size changed"
    diff = np.abs(np.asarray(image, dtype=np.int16) - np.asarray(golden, dtype=np.int16))
    mean = float(diff.mean())
    changed = float((diff.max(axis=2) > 64).mean())
    assert mean <= MEAN_LIMIT and changed <= CHANGED_LIMIT, (
        f"{name} differs from tests/golden/{path.name}: mean {mean:.2f}, {changed:.2%} of pixels changed"
    )


def test_a_change_is_caught(kits):
    """The comparison is not blind: a page with one card's band gone fails it."""
    image = np.asarray(_render(kits / "office/cards.pdf", 2), dtype=np.int16).copy()
    golden = np.asarray(Image.open(GOLDEN / "cards-front-sheet.png").convert("RGB"), dtype=np.int16)
    h, w = image.shape[:2]
    image[int(h * 0.02):int(h * 0.09), int(w * 0.03):int(w * 0.48)] = 255  # wipe the first band
    diff = np.abs(image - golden)
    assert float((diff.max(axis=2) > 64).mean()) > CHANGED_LIMIT
