"""Render only draws: text lands where layout placed it, and artwork is framed by layout's bounds.

Positions are read back from the PDF by pdfium (an independent reader), not from our own code.
"""

from __future__ import annotations

import io

import pikepdf
import pypdfium2 as pdfium
import pytest

from carddeck.layout.boxes import Artwork, Document, Group, Page, Rect, Shape, Text, Use
from carddeck.render.pdf import render
from carddeck.units import mm_to_pt

PAGE_W, PAGE_H = 150.0, 100.0
TEXTS = (
    Text(100.0, 50.0, "Fælles «sprog» – værdier", "bold", 14.0, "#1D2327", "right"),
    Text(50.0, 80.0, "SAMSKABELSE", "bold", 9.0, "#1D2327", "centre", tracking=0.6),
    Text(10.0, 20.0, "Åpenhet", "regular", 11.0, "#1D2327"),
)


def _mm(points: float) -> float:
    return points * 25.4 / 72


def _lines(pdf: bytes) -> list[tuple[str, float, float]]:
    """(text, left, right) in mm of every line pdfium finds, from its characters' advance boxes."""
    page = pdfium.PdfDocument(pdf)[0]
    textpage = page.get_textpage()
    lines, current = [], []
    for i in range(textpage.count_chars()):
        ch = textpage.get_text_range(i, 1)
        if ch in "\r\n":
            if current:
                lines.append(current)
            current = []
            continue
        current.append((ch, textpage.get_charbox(i, loose=True)))
    if current:
        lines.append(current)
    return [("".join(c for c, _ in line), _mm(line[0][1][0]), _mm(line[-1][1][2])) for line in lines]


def test_text_is_drawn_from_its_left_edge_and_is_as_wide_as_layout_says():
    pdf = render(Document((Page(PAGE_W, PAGE_H, TEXTS),)))
    found = {text: (left, right) for text, left, right in _lines(pdf)}
    assert set(found) == {t.text for t in TEXTS}
    for t in TEXTS:
        left, right = found[t.text]
        assert left == pytest.approx(t.left, abs=0.01), t.text
        assert right == pytest.approx(t.left + t.w, abs=0.01), t.text


@pytest.mark.parametrize("align, anchor", [("left", "left"), ("right", "right"), ("centre", "middle")])
def test_a_text_box_anchors_where_its_alignment_says(align, anchor):
    t = Text(40.0, 10.0, "Bord 3", "bold", 12.0, "#1D2327", align)
    edges = {"left": t.left, "right": t.left + t.w, "middle": t.left + t.w / 2}
    assert edges[anchor] == pytest.approx(40.0, abs=1e-9)
    assert t.w > 10.0  # six letters at 12 pt are well over 10 mm wide


def test_artwork_is_framed_by_the_bounds_layout_gave_it():
    # A symbol that pokes out of its (0 × 0) artwork, used by a larger artwork, turned.
    dot = Artwork("dot", 0.0, 0.0, (Shape((), "#E69F00", None, 0.0, 0.0, 0.0, 5.0),))
    panel = Artwork("panel", 30.0, 20.0, (Rect(0.0, 0.0, 30.0, 20.0, fill="#FFFFFF"), Use("dot", 30.0, 0.0, 90)))
    document = Document((Page(PAGE_W, PAGE_H, (Group(10.0, 10.0, 0, (Use("panel", 0.0, 0.0),)),)),), (panel, dot))
    assert [a.key for a in document.artwork] == ["dot", "panel"]  # used artwork is defined first
    bounds = {a.key: a.bounds for a in document.artwork}
    assert bounds["dot"] == pytest.approx((-7.0, -7.0, 7.0, 7.0))  # 5 mm radius, 2 mm pad
    # The dot's bounds, padded, turned and placed at (30, 0), padded again as part of the panel.
    assert bounds["panel"] == pytest.approx((-2.0, -9.0, 39.0, 22.0))
    with pikepdf.open(io.BytesIO(render(document))) as pdf:
        (panel_form,) = pdf.pages[0].Resources.XObject.values()
        (dot_form,) = panel_form.Resources.XObject.values()
        found = [tuple(round(float(v), 3) for v in form.BBox) for form in (dot_form, panel_form)]
    assert found == [tuple(round(mm_to_pt(v), 3) for v in bounds[key]) for key in ("dot", "panel")]
