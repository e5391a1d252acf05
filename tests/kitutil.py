"""Helpers shared by the kit tests: paths, a small valid deck, building, and reading PDFs as a user would.

Reading: text per page (pypdfium2), every QR code on a page (rendered, decoded by zxing-cpp).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DECK_DIR = ROOT / "deck"
SOURCES = ROOT.parent / "shared" / "sources"  # the texts the default deck is written from
NOTES_URL = "http://192.168.1.20:8765"
# The files an office build writes, in the order the build reports them.
KIT_FILES = ["cards.pdf", "poster.pdf", "poster-tiles.pdf", "lists.pdf", "table-tents.pdf", "guide.pdf", "contact-sheet.pdf", "tuck-box.pdf"]

# A small valid deck.yaml; tests add card files next to it.
DECK_YAML = """\
title: Testkort
lang: da
credits:
  - En kilde
sections:
  phases: Faser
  rule: Regler
  action: Handling
  value: Værdier
  quote: Citater
  stage: Trin
  thin: Tynd
  thick: Tyk
  info: Baggrund
"""

PHASE_CARD = """\
cards:
  - id: fase-1
    kind: phase
    lang: da
    phase: 1
    title: Formål
    subtitle: Hvorfor vi gør det
"""


def source_text(name: str) -> str:
    """A source text from ``../shared/sources``; skipped when absent, but a failure under CI."""
    path = SOURCES / name
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{path} is missing: CI must have the shared source texts")
        pytest.skip(f"{path} is not here")
    return path.read_text(encoding="utf-8")


def build_cards(out: Path, *args: str, deck: Path = DECK_DIR, notes_url: str | None = NOTES_URL) -> Path:
    """``carddeck build DECK --out OUT [--notes-url URL] ARGS…``; return the path of cards.pdf."""
    from carddeck.cli import main

    argv = ["build", str(deck), "--out", str(out), *(["--notes-url", notes_url] if notes_url else []), *args]
    assert main(argv) == 0
    return Path(out) / "cards.pdf"


def printed_texts(card, deck) -> list[str]:
    """What the front of ``card`` says, as the deck gives it (notes are for the notes page only)."""
    out = []
    for key in ("title", "subtitle", "text", "examples", "translation"):
        value = getattr(card, key, None)
        out += [value] if isinstance(value, str) else list(value or ())
    if card.kind == "writein":
        out = [card.title.upper()]  # a write-in card's title is its band heading
    if card.kind == "about":
        out.append(deck.settings.subtitle)
        if card.credits:
            out += deck.settings.credits
    return out


# --- reading PDFs ------------------------------------------------------------------------------

# pdfium reports a hyphen that ends a line as U+FFFE (and joins the lines); some tools use U+00AD or U+0002.
_JOINERS = re.compile(r"[\s\-\ufffe\u00ad\u0002]+")


def squash(text: str) -> str:
    """Text without white space and hyphens: line breaks and hyphenation can no longer differ,
    but a missing, extra or misspelt word still does."""
    return _JOINERS.sub("", text)


def page_texts(path: Path) -> list[str]:
    """The extracted text of every page."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def page_qr_codes(path: Path, dpi: int = 200, pages=None) -> list[list[str]]:
    """The text of every QR code found on each page (rendered at ``dpi``, grey)."""
    import pypdfium2 as pdfium
    import zxingcpp

    pdf = pdfium.PdfDocument(str(path))
    try:
        out = []
        for i in range(len(pdf)) if pages is None else pages:
            image = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil()
            found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
            out.append([code.text for code in found])
        return out
    finally:
        pdf.close()


def zbar_decode(image) -> list[str]:
    """The text of every QR code zbar finds in a PIL image (the second decoder, next to zxing-cpp).

    pyzbar needs Debian's libzbar0 (``tests/ensure-tools.sh`` installs it). Without it the test
    is skipped, saying so, or fails under CI, where it must run.
    """
    import os

    import pytest

    try:
        from pyzbar import pyzbar
    except ImportError as exc:  # pyzbar raises ImportError when libzbar is missing
        message = f"zbar is missing ({exc}): install Debian's libzbar0 (tests/ensure-tools.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return [code.data.decode("utf-8") for code in pyzbar.decode(image, symbols=[pyzbar.ZBarSymbol.QRCODE])]
