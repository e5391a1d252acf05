"""``carddeck preview``: a PNG of each card face, front and back, for slides and online workshops.

In: a deck and card options (size, notes URL). Out: ``<code>-<id>-front.png`` and
``<code>-<id>-back.png`` per card, at ``dpi`` dots per inch. The faces are the very faces of
``cards.pdf`` (one card per page, trimmed, no bleed), rendered by PDFium (pypdfium2, a wheel
from pip) and written by Pillow.
"""

from __future__ import annotations

import io
from pathlib import Path

DEFAULT_DPI = 150
MIN_DPI, MAX_DPI = 36, 600


def file_names(deck) -> list[tuple[str, str]]:
    """(front, back) file names of every card, in deck order."""
    out = []
    for card in deck.cards:
        stem = f"{deck.codes[card.id]}-{card.id}"
        out.append((f"{stem}-front.png", f"{stem}-back.png"))
    return out


def previews(deck, opts, dpi: int = DEFAULT_DPI) -> dict[str, bytes]:
    """File name → PNG bytes of every card face (fronts and backs alternate, in deck order)."""
    import pypdfium2 as pdfium

    from .layout.deck import faces_document
    from .render.pdf import render

    pdf = pdfium.PdfDocument(render(faces_document(deck, opts)))
    try:
        names = [name for pair in file_names(deck) for name in pair]
        out = {}
        for i, name in enumerate(names):
            image = pdf[i].render(scale=dpi / 72).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", dpi=(dpi, dpi))
            out[name] = buffer.getvalue()
        return out
    finally:
        pdf.close()


def write_previews(files: dict[str, bytes], out: str | Path) -> list[Path]:
    """Write the PNGs into ``out`` (made if missing), each replaced whole or not at all."""
    from .write import write_files

    folder = Path(out)
    return write_files({folder / name: data for name, data in files.items()})


__all__ = ["previews", "write_previews", "file_names", "DEFAULT_DPI"]
