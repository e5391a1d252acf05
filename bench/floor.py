"""The floor: what a quick, plain reportlab script takes to print N cards like carddeck's.

    .venv/bin/python bench/floor.py N OUTFILE [--deck deck] [--notes-url URL]

In: a card count and a file name. Out: a PDF of N A6 cards, four to an A4 sheet, each sheet
followed by a back page. It uses the same kinds of ink as carddeck, drawn the way a competent
developer would write it in an afternoon, with no validation and no layout engine:

- the embedded TTF font (Noto Sans, regular and bold, registered with ``TTFont``);
- a coloured title band per card (a rect and the title in bold);
- the card's text as a platypus ``Paragraph`` wrapped to the card width (``wrapOn``/``drawOn``);
- a vector QR code per card: ``reportlab.graphics.barcode.qr.QrCodeWidget`` (error correction
  M) drawn with ``renderPDF.draw``; it encodes ``<notes-url>/c/<card-id>/<copy>``;
- a back page per sheet: a coloured rect per card and two lines of text, mirrored for a
  long-edge duplex flip.

Texts come straight from the deck's YAML (``yaml.safe_load`` of ``deck/*.yaml``), cycled to
reach N; copy ``k`` of the deck is cards ``k*len(deck) .. (k+1)*len(deck)-1``. Nothing is cached
or reused between cards: each card gets its own Paragraph and its own QR widget. This is the
baseline that ``bench/run.py`` divides carddeck's build times by.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import yaml
from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

ROOT = Path(__file__).resolve().parents[1]
CARD_W, CARD_H = 105 * mm, 148 * mm  # A6: four of them tile an A4 sheet exactly
MARGIN = 8 * mm
BAND = 22 * mm
QR_SIZE = 30 * mm
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#5B6770"]


def load_texts(deck: Path) -> list[dict]:
    """Every card of the deck as {id, title, text, colour}, in file order."""
    cards = []
    for path in sorted(deck.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for card in data.get("cards") or []:
            kind = card.get("kind", "")
            title = card.get("title") or f"{kind.capitalize()} {card.get('number', '')}".strip()
            text = " ".join(str(card.get(k)) for k in ("subtitle", "text", "examples") if card.get(k))
            colour = PALETTE[(card.get("phase") or 7) - 1] if card.get("phase") else PALETTE[6 + (kind == "about")]
            cards.append({"id": card["id"], "title": title, "text": text or "________________", "colour": colour})
    return cards


def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont("NotoSans", str(ROOT / "fonts" / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont("NotoSans-Bold", str(ROOT / "fonts" / "NotoSans-Bold.ttf")))


BODY = ParagraphStyle("body", fontName="NotoSans", fontSize=16, leading=21)
TITLE = ParagraphStyle("title", fontName="NotoSans-Bold", fontSize=15, leading=18, textColor=white)


def draw_front(c: Canvas, x: float, y: float, card: dict, url: str) -> None:
    """One card's front with its lower-left corner at (x, y)."""
    colour = HexColor(card["colour"])
    c.setFillColor(colour)
    c.rect(x + 5 * mm, y + CARD_H - 5 * mm - BAND, CARD_W - 10 * mm, BAND, stroke=0, fill=1)
    title = Paragraph(escape(card["title"]), TITLE)
    _, h = title.wrapOn(c, CARD_W - 2 * MARGIN - 4 * mm, BAND)
    title.drawOn(c, x + MARGIN + 2 * mm, y + CARD_H - 5 * mm - BAND / 2 - h / 2)

    body = Paragraph(escape(card["text"]), BODY)
    _, h = body.wrapOn(c, CARD_W - 2 * MARGIN, CARD_H - BAND - QR_SIZE - 3 * MARGIN)
    body.drawOn(c, x + MARGIN, y + CARD_H - 5 * mm - BAND - MARGIN - h)

    # Size the widget directly (the getBounds() recipe would encode every code twice).
    drawing = Drawing(QR_SIZE, QR_SIZE)
    drawing.add(QrCodeWidget(url, barLevel="M", barWidth=QR_SIZE, barHeight=QR_SIZE, barBorder=4))
    renderPDF.draw(drawing, c, x + CARD_W - MARGIN - QR_SIZE, y + MARGIN)

    c.setStrokeColor(HexColor("#9AA5AE"))
    c.setLineWidth(0.3)
    c.rect(x, y, CARD_W, CARD_H, stroke=1, fill=0)  # cut line


def draw_back(c: Canvas, x: float, y: float, card: dict, title: str, copy: int) -> None:
    c.setFillColor(HexColor(card["colour"]))
    c.rect(x + 5 * mm, y + 5 * mm, CARD_W - 10 * mm, CARD_H - 10 * mm, stroke=0, fill=1)
    c.setFillColor(white)
    c.setFont("NotoSans-Bold", 18)
    c.drawCentredString(x + CARD_W / 2, y + CARD_H / 2 + 6 * mm, title)
    c.setFont("NotoSans", 12)
    c.drawCentredString(x + CARD_W / 2, y + CARD_H / 2 - 6 * mm, f"{card['id']} · bord {copy}")


def build(n: int, out: Path, deck: Path, notes_url: str) -> int:
    """Draw ``n`` cards into ``out``; return the number of pages."""
    register_fonts()
    cards = load_texts(deck)
    deck_title = (yaml.safe_load((deck / "deck.yaml").read_text(encoding="utf-8")) or {}).get("title", "")
    c = Canvas(str(out), pagesize=A4, invariant=1, pageCompression=1)
    c.setTitle(deck_title)
    slots = [(0, CARD_H), (CARD_W, CARD_H), (0, 0), (CARD_W, 0)]  # top-left, top-right, bottom-left, bottom-right
    pages = 0
    for start in range(0, n, 4):
        sheet = [(i // len(cards) + 1, cards[i % len(cards)]) for i in range(start, min(start + 4, n))]
        for (x, y), (copy, card) in zip(slots, sheet):
            draw_front(c, x, y, card, f"{notes_url}/c/{card['id']}/{copy}")
        c.showPage()
        for (x, y), (copy, card) in zip(slots, sheet):
            draw_back(c, A4[0] - CARD_W - x, y, card, deck_title, copy)  # long-edge flip mirrors the columns
        c.showPage()
        pages += 2
    c.save()
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Draw N cards with plain reportlab (the benchmark's floor).")
    parser.add_argument("n", type=int, help="number of cards")
    parser.add_argument("outfile", type=Path)
    parser.add_argument("--deck", type=Path, default=ROOT / "deck")
    parser.add_argument("--notes-url", default="http://192.168.1.20:8765")
    args = parser.parse_args(argv)
    pages = build(args.n, args.outfile, args.deck, args.notes_url.rstrip("/"))
    print(f"floor: {args.n} cards, {pages} pages: {args.outfile}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
