"""The workshop record's page as its design table (render/record_design.RECORD) says, read back by pdfium."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from carddeck.notes.export import export
from carddeck.notes.store import Note
from carddeck.render.record_design import RECORD

A4_W = 210.0


def _mm(points: float) -> float:
    return points * 25.4 / 72


@pytest.fixture(scope="module")
def record_pages(default_deck):
    ids = [c.id for c in default_deck.cards]
    notes = [Note(i, ids[i * 7 % len(ids)], (i % 3) or None, "Vi aftaler «fælles sprog» – og skriver det ned. " * (1 + i % 4),
                  "Ane" if i % 2 else None, f"2025-05-03T1{i % 10}:0{i % 6}:00+00:00") for i in range(30)]
    doc = pdfium.PdfDocument(export("pdf", default_deck, notes))
    pages = []
    for page in doc:
        textpage = page.get_textpage()
        boxes = [textpage.get_charbox(i, loose=True) for i in range(textpage.count_chars())
                 if not textpage.get_text_range(i, 1).isspace()]
        pages.append([tuple(_mm(v) for v in box) for box in boxes])
    assert len(pages) > 1
    return pages


def test_every_letter_stays_between_the_margins(record_pages):
    for boxes in record_pages:
        assert min(b[0] for b in boxes) >= RECORD.margin - 0.01
        assert max(b[2] for b in boxes) <= A4_W - RECORD.margin + 0.01


def test_the_text_column_runs_from_margin_to_margin(record_pages):
    # Left-aligned text starts at the margin; the footer's page number and the card codes end at it.
    for boxes in record_pages:
        assert min(b[0] for b in boxes) == pytest.approx(RECORD.margin, abs=0.05)
        assert max(b[2] for b in boxes) == pytest.approx(A4_W - RECORD.margin, abs=0.05)


def test_the_footer_sits_in_the_bottom_margin(record_pages):
    for boxes in record_pages:
        footer = [b for b in boxes if b[1] < RECORD.margin]  # pdfium's y runs up from the bottom
        assert footer, "no footer"
        assert min(b[1] for b in footer) < RECORD.footer < max(b[3] for b in footer)
        text_bottom = min(b[1] for b in boxes if b[1] >= RECORD.margin)
        assert text_bottom >= RECORD.margin + RECORD.footer_room - 1.5  # descenders may reach a little lower
