"""Tile geometry: fewest sheets, overlaps, every poster point on a tile, marks clear of the sheet edge."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from carddeck import fonts
from carddeck.layout import tiles
from carddeck.layout.boxes import Group, Line, Text
from carddeck.layout.sheet import EDGE
from carddeck.sizes import PAPER_SIZES, POSTER_SIZES
from carddeck.units import pt_to_mm

A1 = POSTER_SIZES["a1"]
A0 = POSTER_SIZES["a0"]  # the default board


def _all_counts(poster, paper):
    w, h = paper
    return {(w, h): tiles.count(poster, (w, h)), (h, w): tiles.count(poster, (h, w))}


@pytest.mark.parametrize("paper, expected", [("a4", (3, 5)), ("letter", (3, 5))])
def test_a1_takes_fifteen_landscape_sheets(paper, expected):
    g = tiles.grid(A1, PAPER_SIZES[paper])
    assert (g.cols, g.rows) == expected
    assert g.landscape
    assert len(g.tiles) == 15 < tiles.count(A1, PAPER_SIZES[paper])  # portrait needs 16


@pytest.mark.parametrize("poster", list(POSTER_SIZES))
@pytest.mark.parametrize("paper", list(PAPER_SIZES))
def test_the_grid_takes_the_orientation_with_fewest_sheets(poster, paper):
    size = POSTER_SIZES[poster]
    g = tiles.grid(size, PAPER_SIZES[paper])
    assert len(g.tiles) == min(_all_counts(size, PAPER_SIZES[paper]).values())


@given(length=st.floats(10, 2000), window=st.floats(20, 300))
def test_one_window_fewer_could_not_cover_the_poster(length, window):
    spans = tiles.spans(length, window)
    n = len(spans)
    assert spans[0][0] == 0 and math.isclose(spans[-1][1], length)
    if n > 1:
        # n - 1 windows, overlapping by the minimum, reach less far than the poster is long
        assert (n - 1) * window - (n - 2) * tiles.TILES.overlap < length
        for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
            assert a1 - b0 >= tiles.TILES.overlap - 1e-9
            assert math.isclose(a1 - a0, window) and math.isclose(b1 - b0, window)


posters = st.tuples(st.floats(150, 1300), st.floats(150, 1300))


@settings(max_examples=60, deadline=None)
@given(poster=posters, paper=st.sampled_from(list(PAPER_SIZES.values())), data=st.data())
def test_every_poster_point_is_on_a_tile_and_stays_visible(poster, paper, data):
    g = tiles.grid(poster, paper)
    x = data.draw(st.floats(0, poster[0]))
    y = data.draw(st.floats(0, poster[1]))
    # the tile whose core (what stays visible after assembly) holds the point
    holders = [t for t in g.tiles if _inside((x, y), t.core)]
    assert holders, (x, y)
    for t in holders:
        assert _inside((x, y), t.window)
        sx, sy = t.to_sheet(x, y)
        assert tiles.TILES.margin - 1e-6 <= sx <= g.paper[0] - tiles.TILES.margin + 1e-6
        assert tiles.TILES.margin - 1e-6 <= sy <= g.paper[1] - tiles.TILES.margin + 1e-6


@settings(max_examples=40, deadline=None)
@given(poster=posters, paper=st.sampled_from(list(PAPER_SIZES.values())))
def test_cores_partition_the_poster_and_glue_strips_are_wide_enough(poster, paper):
    g = tiles.grid(poster, paper)
    assert math.isclose(sum(t.core[2] * t.core[3] for t in g.tiles), poster[0] * poster[1], rel_tol=1e-9)
    by = {(t.row, t.col): t for t in g.tiles}
    for t in g.tiles:
        right, below = by.get((t.row, t.col + 1)), by.get((t.row + 1, t.col))
        if right:  # the neighbour is cut at its core's left edge; this tile's window runs on under it
            assert t.window[0] + t.window[2] - right.core[0] >= tiles.TILES.glue - 1e-9
            assert right.core[0] - right.window[0] == pytest.approx(tiles.TILES.cut_in)
        if below:
            assert t.window[1] + t.window[3] - below.core[1] >= tiles.TILES.glue - 1e-9


def _inside(p, r, eps=1e-6):
    return r[0] - eps <= p[0] <= r[0] + r[2] + eps and r[1] - eps <= p[1] <= r[1] + r[3] + eps


@pytest.fixture(scope="module")
def tiles_doc(default_deck):
    from carddeck.layout import poster

    return tiles.tiles_document(poster.poster_document(default_deck, poster.PosterOptions()), "a4", "da")


def test_document_has_a_map_then_one_page_per_tile(tiles_doc):
    g = tiles.grid(A0, PAPER_SIZES["a4"])
    assert len(tiles_doc.pages) == 1 + len(g.tiles) == 26  # A0 takes 25 portrait sheets
    assert [p.label for p in tiles_doc.pages[1:]] == [t.name for t in g.tiles]
    assert tiles_doc.pages[1].label == "A1" and tiles_doc.pages[-1].label == "E5"
    assert not tiles_doc.links  # the poster is a form XObject: no link annotations from inside it


def test_each_tile_clips_the_shared_poster_to_its_window(tiles_doc):
    g = tiles.grid(A0, PAPER_SIZES["a4"])
    for page, tile in zip(tiles_doc.pages[1:], g.tiles):
        group = page.items[0]
        assert isinstance(group, Group) and group.clip == tile.window
        assert group.boxes[0].key == tiles.POSTER_KEY


def test_marks_and_labels_keep_clear_of_the_sheet_edge(tiles_doc):
    for page in tiles_doc.pages[1:]:
        for item in page.items:
            if isinstance(item, Line):
                for x, y in ((item.x1, item.y1), (item.x2, item.y2)):
                    assert EDGE - 1e-9 <= x <= page.w - EDGE + 1e-9
                    assert EDGE - 1e-9 <= y <= page.h - EDGE + 1e-9
            elif isinstance(item, Text):
                width = fonts.width(item.text, item.weight, item.size)
                left = item.x - {"left": 0, "centre": width / 2, "right": width}[item.align]
                assert EDGE <= left and left + width <= page.w - EDGE
                assert EDGE <= item.y - pt_to_mm(item.size * fonts.ASCENT)
                assert item.y + pt_to_mm(item.size * fonts.DESCENT) <= page.h - EDGE
