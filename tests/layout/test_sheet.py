"""Office sheets and print-shop pages, tested with numbers and Hypothesis.

A card is placed by a Group: card point (u, v) lands on the sheet at
``(x + u·cos r − v·sin r, y + u·sin r + v·cos r)`` (mm, y down, r clockwise), which is how
render/pdf.py draws it (translate, then rotate, in layout's y-down space).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from carddeck import fonts
from carddeck.layout import printshop
from carddeck.layout.boxes import Group, Line, Text
from carddeck.layout.card import CardFormat
from carddeck.layout.errors import LayoutError
from carddeck.layout.sheet import DUPLEX, EDGE, SHEET_CUT, Slot, cut_marks, impose, mirror, place, sheets
from carddeck.sizes import CARD_SIZES, PAPER_SIZES
from carddeck.units import mm_to_pt, pt_to_mm

EPS = 1e-9
PAPERS = {**PAPER_SIZES, "a4-landscape": (297.0, 210.0), "letter-landscape": (279.4, 215.9)}

sizes = st.floats(40.0, 200.0, allow_nan=False)
papers = st.sampled_from(list(PAPERS))
duplexes = st.sampled_from(["long-edge", "short-edge", "fold"])
offsets = st.tuples(st.floats(-20.0, 20.0), st.floats(-20.0, 20.0))


def fits(w, h, paper, duplex) -> bool:
    pw, ph = paper
    ah = ph / 2 if duplex == "fold" else ph
    return (w <= pw + EPS and h <= ah + EPS) or (h <= pw + EPS and w <= ah + EPS)


ROOMY = 10.0  # a card with this much paper all round always has room for marks, clear of the edge


def roomy(w, h, paper, duplex) -> bool:
    pw, ph = paper
    ah = ph / 2 if duplex == "fold" else ph
    return any(cw + 2 * ROOMY <= pw and ch + 2 * ROOMY <= ah for cw, ch in ((w, h), (h, w)))


def imposed(w, h, name, duplex, offset=(0.0, 0.0)):
    """The imposition, for sizes that can be printed on the paper (others are assumed away)."""
    paper = PAPERS[name]
    assume(fits(w, h, paper, duplex))
    try:
        return impose(w, h, paper, duplex, offset)
    except LayoutError:
        assume(False)


def to_sheet(group: Group, u: float, v: float) -> tuple[float, float]:
    r = math.radians(group.rotation)
    return (group.x + u * math.cos(r) - v * math.sin(r), group.y + u * math.sin(r) + v * math.cos(r))


def behind(point, paper, duplex) -> tuple[float, float]:
    """The point of the back page that lies behind a point of the front page (physically).

    Duplex turns the sheet about its long or short edge; a fold sheet is folded at half height.
    """
    (x, y), (pw, ph) = point, paper
    vertical_axis = (duplex == "long-edge") == (pw <= ph)  # a portrait sheet's long edges are vertical
    if duplex == "fold" or not vertical_axis:
        return x, ph - y
    return pw - x, y


def overlap(a: Slot, b: Slot) -> bool:
    return a.x < b.x + b.w - EPS and b.x < a.x + a.w - EPS and a.y < b.y + b.h - EPS and b.y < a.y + a.h - EPS


def close(p, q, tol=1e-9) -> bool:
    return abs(p[0] - q[0]) <= tol and abs(p[1] - q[1]) <= tol


# --- the grid ---------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(w=sizes, h=sizes, paper=st.sampled_from(list(PAPERS)), duplex=duplexes)
def test_impose_fails_only_when_no_card_fits_or_none_can_be_marked(w, h, paper, duplex):
    if not fits(w, h, PAPERS[paper], duplex):
        with pytest.raises(LayoutError, match=r"card does not fit on (a|half a) .* mm sheet"):
            impose(w, h, PAPERS[paper], duplex)
    elif roomy(w, h, PAPERS[paper], duplex):
        assert len(impose(w, h, PAPERS[paper], duplex).fronts) >= 1
    else:
        try:
            assert len(impose(w, h, PAPERS[paper], duplex).fronts) >= 1
        except LayoutError as exc:
            assert "leaves no room for cut marks on every edge, 5 mm clear of the sheet edge" in str(exc)


def test_a_card_that_cannot_be_marked_is_refused_with_a_reason():
    with pytest.raises(LayoutError) as exc:
        impose(195.0, 195.0, PAPER_SIZES["a4"], "long-edge")
    assert str(exc.value) == (
        "a 195×195 mm card on a 210×297 mm sheet leaves no room for cut marks on every edge, 5 mm clear of "
        "the sheet edge; choose a smaller --card-size or --for print-shop"
    )


@settings(max_examples=300, deadline=None)
@given(w=sizes, h=sizes, paper=papers, duplex=duplexes)
def test_every_trim_inside_the_sheet_and_none_overlap(w, h, paper, duplex):
    imp = imposed(w, h, paper, duplex)
    pw, ph = imp.paper
    assert len(imp.backs) == len(imp.fronts)
    for slots in (imp.fronts, imp.backs):
        for s in slots:
            assert -EPS <= s.x and s.x + s.w <= pw + EPS and -EPS <= s.y and s.y + s.h <= ph + EPS
            assert sorted((s.w, s.h)) == pytest.approx(sorted((w, h)), abs=EPS)
        for i, a in enumerate(slots):
            for b in slots[i + 1:]:
                assert not overlap(a, b), (a, b)
    if duplex == "fold":
        # Fronts and backs share one side of the sheet: fronts above the fold, backs below.
        for a in imp.fronts:
            assert a.y + a.h <= ph / 2 + EPS
            for b in imp.backs:
                assert not overlap(a, b)
        assert all(b.y >= ph / 2 - EPS for b in imp.backs)


@settings(max_examples=300, deadline=None)
@given(w=sizes, h=sizes, paper=papers, duplex=duplexes)
def test_each_card_fills_its_slot(w, h, paper, duplex):
    imp = imposed(w, h, paper, duplex)
    for s in (*imp.fronts, *imp.backs):
        g = place(s, ())
        corners = [to_sheet(g, u, v) for u, v in ((0, 0), (w, 0), (0, h), (w, h))]
        assert sorted((round(x, 6), round(y, 6)) for x, y in corners) == sorted(
            (round(x, 6), round(y, 6)) for x in (s.x, s.x + s.w) for y in (s.y, s.y + s.h)
        )


@settings(max_examples=300, deadline=None)
@given(w=sizes, h=sizes, paper=papers, duplex=duplexes)
def test_every_back_lies_behind_its_front_with_the_top_on_the_same_edge(w, h, paper, duplex):
    imp = imposed(w, h, paper, duplex)
    for f, b in zip(imp.fronts, imp.backs):
        front, back = place(f, ()), place(b, ())
        # Turning a card over about its vertical axis: the back's (w − u, v) is behind the front's (u, v).
        for u, v in ((w / 2, 0.0), (0.0, 0.0), (w, h), (w * 0.3, h * 0.8)):
            assert close(behind(to_sheet(front, u, v), imp.paper, duplex), to_sheet(back, w - u, v), 1e-6), (u, v)


def test_long_edge_mirrors_in_x_and_short_edge_in_y_on_portrait_sheets():
    paper = PAPER_SIZES["a4"]
    front = Slot(10.0, 20.0, 105.0, 148.0, 0)
    assert mirror(front, paper, "x") == Slot(210.0 - 10.0 - 105.0, 20.0, 105.0, 148.0, 0)
    assert mirror(front, paper, "y") == Slot(10.0, 297.0 - 20.0 - 148.0, 105.0, 148.0, 180)
    long_edge = impose(74.0, 105.0, paper, "long-edge")
    short_edge = impose(74.0, 105.0, paper, "short-edge")
    for f, b in zip(long_edge.fronts, long_edge.backs):
        assert (b.x, b.y, b.rotation) == pytest.approx((210.0 - f.x - f.w, f.y, (360 - f.rotation) % 360))
    for f, b in zip(short_edge.fronts, short_edge.backs):
        assert (b.x, b.y, b.rotation) == pytest.approx((f.x, 297.0 - f.y - f.h, (180 - f.rotation) % 360))


@settings(max_examples=300, deadline=None)
@given(w=sizes, h=sizes, paper=papers, duplex=st.sampled_from(["long-edge", "short-edge"]), offset=offsets)
def test_back_offset_shifts_the_back_as_seen_from_the_front(w, h, paper, duplex, offset):
    plain = imposed(w, h, paper, duplex)
    shifted = impose(w, h, PAPERS[paper], duplex, offset)
    for b0, b1 in zip(plain.backs, shifted.backs):
        p0 = behind(to_sheet(place(b0, ()), w / 3, h / 4), plain.paper, duplex)  # the map is its own inverse
        p1 = behind(to_sheet(place(b1, ()), w / 3, h / 4), plain.paper, duplex)
        assert close((p1[0] - p0[0], p1[1] - p0[1]), offset, 1e-9)
        assert b1.rotation == b0.rotation
    assert shifted.fronts == plain.fronts


def test_fold_sheets_ignore_the_back_offset():
    # Both halves come out of one pass through the printer: nothing to correct.
    paper = PAPER_SIZES["a4"]
    assert impose(74.0, 105.0, paper, "fold", (2.0, -1.0)) == impose(74.0, 105.0, paper, "fold")


def test_a6_on_a4():
    imp = impose(105.0, 148.0, PAPER_SIZES["a4"], "long-edge")
    assert len(imp.fronts) == 4
    assert all(s.rotation == 0 for s in imp.fronts)
    assert len(impose(105.0, 148.0, PAPER_SIZES["a4"], "fold").fronts) == 2
    assert impose(105.0, 148.0, PAPER_SIZES["a4"], "none").backs == ()


# Cards per sheet for every named size: long-edge, short-edge and none share one grid; fold is half a sheet.
PER_SHEET = {
    "a4": {"a6": (4, 2), "a7": (4, 2), "poker": (9, 4), "bridge": (9, 4), "tarot": (4, 2)},
    "letter": {"a6": (2, 1), "a7": (4, 2), "poker": (8, 4), "bridge": (8, 4), "tarot": (4, 2)},
}


@pytest.mark.parametrize("paper", list(PAPER_SIZES))
@pytest.mark.parametrize("name", list(CARD_SIZES))
def test_cards_per_sheet(paper, name):
    duplex_sheet, fold_sheet = PER_SHEET[paper][name]
    for duplex in ("long-edge", "short-edge", "none"):
        assert len(impose(*CARD_SIZES[name], PAPER_SIZES[paper], duplex).fronts) == duplex_sheet
    assert len(impose(*CARD_SIZES[name], PAPER_SIZES[paper], "fold").fronts) == fold_sheet


def test_a_card_a_little_under_quarter_letter_goes_four_to_a_letter_sheet():
    assert len(impose(107.5, 139.0, PAPER_SIZES["letter"], "long-edge").fronts) == 4


@settings(max_examples=200, deadline=None)
@given(st.floats(-5000.0, 5000.0, allow_nan=False))
def test_mm_to_pt_and_back_is_exact(value):
    assert abs(pt_to_mm(mm_to_pt(value)) - value) <= 1e-9
    assert abs(mm_to_pt(pt_to_mm(value)) - value) <= 1e-9


def test_one_inch():
    assert mm_to_pt(25.4) == 72.0 and pt_to_mm(72.0) == 25.4
    assert mm_to_pt(210.0) == pytest.approx(595.2756, abs=1e-4)


# --- marks on a whole page --------------------------------------------------------------------------


def _pages(w, h, paper, duplex, count):
    try:
        imp = impose(w, h, PAPERS[paper], duplex)
    except LayoutError:
        assume(False)  # a size that cannot be marked (property tests only)
    count = min(count, len(imp.fronts))
    faces = [((), (), f"c{i}") for i in range(count)]
    return imp, count, sheets(faces, imp, "Fold her")


def _crosses(line: Line, s: Slot) -> bool:
    """Whether a mark runs through the inside of a trim (running along its edge is fine).

    Mark positions are rounded to 1e-6 mm, so that is the tolerance here."""
    tol = 1e-6
    if line.x1 == line.x2:
        return s.x + tol < line.x1 < s.x + s.w - tol and min(line.y1, line.y2) < s.y + s.h - tol and max(
            line.y1, line.y2) > s.y + tol
    return s.y + tol < line.y1 < s.y + s.h - tol and min(line.x1, line.x2) < s.x + s.w - tol and max(
        line.x1, line.x2) > s.x + tol


@settings(max_examples=300, deadline=None)
@given(w=sizes, h=sizes, paper=papers, duplex=st.sampled_from(["long-edge", "short-edge", "fold", "none"]),
       count=st.integers(1, 40))
def test_marks_are_printable_visible_and_never_on_a_card(w, h, paper, duplex, count):
    assume(fits(w, h, PAPERS[paper], duplex))
    imp, count, pages = _pages(w, h, paper, duplex, count)
    pw, ph = imp.paper
    front_page = pages[0]
    used = list(imp.fronts[:count]) + (list(imp.backs[:count]) if duplex == "fold" else [])
    lines = [i for i in front_page.items if isinstance(i, Line)]
    for line in lines:
        assert line.x1 == line.x2 or line.y1 == line.y2
        assert min(line.x1, line.x2) >= EDGE - EPS and max(line.x1, line.x2) <= pw - EDGE + EPS, line
        assert min(line.y1, line.y2) >= EDGE - EPS and max(line.y1, line.y2) <= ph - EDGE + EPS, line
        assert mm_to_pt(line.width) >= 0.3
        assert abs(line.x2 - line.x1) + abs(line.y2 - line.y1) >= 2.0 - EPS
        for s in used:
            assert not _crosses(line, s), (line, s)
    for text in (i for i in front_page.items if isinstance(i, Text)):  # the fold label
        assert duplex == "fold"
        box = Slot(text.x, text.y - pt_to_mm(text.size * fonts.ASCENT), fonts.width(text.text, text.weight, text.size),
                   pt_to_mm(text.size * (fonts.ASCENT + fonts.DESCENT)), 0)
        assert box.x >= EDGE and box.y + box.h <= ph / 2
        for s in used:
            assert not overlap(box, s), (text, s)
    if duplex != "fold" and duplex != "none":
        assert not [i for i in pages[1].items if isinstance(i, (Line, Text))]  # backs carry no marks


@settings(max_examples=300, deadline=None)
@given(w=sizes, h=sizes, paper=papers, duplex=duplexes, count=st.integers(1, 40))
def test_a_cut_line_runs_along_every_edge_where_cards_abut(w, h, paper, duplex, count):
    assume(fits(w, h, PAPERS[paper], duplex))
    imp, count, pages = _pages(w, h, paper, duplex, count)
    pw, ph = imp.paper
    lines = [i for i in pages[0].items if isinstance(i, Line) and not i.dash]
    used = imp.fronts[:count]

    def covered(vertical, at, lo, hi):
        lo, hi = max(lo, EDGE), min(hi, (ph if vertical else pw) - EDGE)
        if hi - lo < 2.0:
            return True  # no room to print anything there
        for line in lines:
            if vertical and line.x1 == line.x2 and abs(line.x1 - at) < 1e-6:
                if line.y1 <= lo + 1e-6 and line.y2 >= hi - 1e-6:
                    return True
            if not vertical and line.y1 == line.y2 and abs(line.y1 - at) < 1e-6:
                if line.x1 <= lo + 1e-6 and line.x2 >= hi - 1e-6:
                    return True
        return False

    for a in used:
        for b in used:
            if abs(a.x + a.w - b.x) < 1e-6 and abs(a.y - b.y) < 1e-6:  # b right of a
                assert covered(True, b.x, a.y, a.y + a.h), (a, b)
            if abs(a.y + a.h - b.y) < 1e-6 and abs(a.x - b.x) < 1e-6:  # b below a
                assert covered(False, b.y, a.x, a.x + a.w), (a, b)


def test_a6_on_a4_has_two_straight_cuts_clear_of_the_sheet_edge():
    imp, _, pages = _pages(105.0, 148.0, "a4", "long-edge", 4)
    lines = [i for i in pages[0].items if isinstance(i, Line)]
    assert [(l.x1, l.y1, l.x2, l.y2) for l in lines] == [(105.0, EDGE, 105.0, 297.0 - EDGE), (EDGE, 148.5, 210.0 - EDGE, 148.5)]


def test_crop_marks_continue_the_cuts_outside_the_grid():
    slots = impose(63.0, 88.0, PAPER_SIZES["a4"], "long-edge").fronts  # 3 × 3 poker cards, room all round
    lines = cut_marks(slots, PAPER_SIZES["a4"])
    left = min(s.x for s in slots)
    top = min(s.y for s in slots)
    outer = [l for l in lines if l.x2 <= left or l.y2 <= top]
    # Four vertical cuts get a mark above the grid, four horizontal ones a mark to its left.
    assert len([l for l in outer if l.x1 == l.x2 and l.y2 <= top]) == 4
    assert len([l for l in outer if l.y1 == l.y2 and l.x2 <= left]) == 4
    assert all(l.registration for l in lines)


def test_fold_label_stays_off_the_cards():
    _, _, tight = _pages(105.0, 148.0, "a4", "fold", 2)  # A6 leaves half a millimetre at the fold
    assert not [i for i in tight[0].items if isinstance(i, Text)]
    _, _, roomy = _pages(63.0, 88.0, "a4", "fold", 4)  # poker: a 5 mm gutter
    (label,) = [i for i in roomy[0].items if isinstance(i, Text)]
    assert label.text == "Fold her"


def _edges(s: Slot):
    """(vertical, position, from, to) of a slot's four edges."""
    return ((True, s.x, s.y, s.y + s.h), (True, s.x + s.w, s.y, s.y + s.h),
            (False, s.y, s.x, s.x + s.w), (False, s.y + s.h, s.x, s.x + s.w))


@pytest.mark.parametrize("duplex", DUPLEX)
@pytest.mark.parametrize("paper", list(PAPER_SIZES))
@pytest.mark.parametrize("name", list(CARD_SIZES))
def test_every_card_edge_has_a_cut_guide_clear_of_the_sheet_edge(name, paper, duplex):
    """Each edge of each card is the sheet's edge (or the fold) within SHEET_CUT, or has a solid
    line on it that runs outside every card, at least 2 mm long, and at least EDGE from the sheet edge."""
    w, h = CARD_SIZES[name]
    pw, ph = PAPER_SIZES[paper]
    imp = impose(w, h, (pw, ph), duplex)
    front_page = sheets([((), (), f"c{i}") for i in range(len(imp.fronts))], imp, "Fold her")[0]
    cards = list(imp.fronts) + (list(imp.backs) if duplex == "fold" else [])
    lines = [i for i in front_page.items if isinstance(i, Line)]
    for line in lines:
        assert EDGE - EPS <= min(line.x1, line.x2) and max(line.x1, line.x2) <= pw - EDGE + EPS, line
        assert EDGE - EPS <= min(line.y1, line.y2) and max(line.y1, line.y2) <= ph - EDGE + EPS, line
    guides = [line for line in lines if not line.dash]  # the dashed line is the fold, not a cut
    borders = {True: (0.0, pw), False: (0.0, ph / 2, ph) if duplex == "fold" else (0.0, ph)}
    for s in cards:
        for vertical, at, _, _ in _edges(s):
            if min(abs(at - b) for b in borders[vertical]) <= SHEET_CUT:
                continue  # cut at the sheet's edge (or folded): nothing to mark
            on_edge = [line for line in guides
                       if (line.x1 == line.x2 if vertical else line.y1 == line.y2)
                       and abs((line.x1 if vertical else line.y1) - at) < 1e-6]
            assert on_edge, f"{name} on {paper} ({duplex}): no cut guide on the edge at {at:.2f} mm of {s}"
            for line in on_edge:
                assert abs(line.x2 - line.x1) + abs(line.y2 - line.y1) >= 2.0 - EPS
                assert not any(_crosses(line, other) for other in cards), (line, s)


def test_each_tables_set_starts_on_a_new_sheet():
    imp = impose(105.0, 148.0, PAPER_SIZES["a4"], "long-edge")  # four to a sheet
    faces = [((), (), f"{table}.{card}") for table in (1, 2, 3) for card in range(1, 7)]  # sets of six cards
    pages = sheets(faces, imp, set_size=6)
    fronts = [page for page in pages if not page.label.endswith("(back)")]
    assert [page.label for page in fronts] == ["1.1 – 1.4", "1.5 – 1.6", "2.1 – 2.4", "2.5 – 2.6", "3.1 – 3.4", "3.5 – 3.6"]
    assert [len([i for i in page.items if isinstance(i, Group)]) for page in pages] == [4, 4, 2, 2] * 3
    assert [page.label for page in sheets(faces, imp)][:6:2] == ["1.1 – 1.4", "1.5 – 2.2", "2.3 – 2.6"]


# --- print-shop pages ---------------------------------------------------------------------------------


def _contains(outer, inner) -> bool:
    ox, oy, ow, oh = outer
    ix, iy, iw, ih = inner
    return ox <= ix + EPS and oy <= iy + EPS and ix + iw <= ox + ow + EPS and iy + ih <= oy + oh + EPS


@settings(max_examples=200, deadline=None)
@given(w=sizes, h=sizes, marks=st.booleans())
def test_print_shop_page_boxes_nest(w, h, marks):
    page = printshop.page((), w, h, marks, "x")
    margin = CardFormat(w, h, printshop.BLEED).margin
    trim, bleed = page.boxes.trim, page.boxes.bleed
    media = (0.0, 0.0, page.w, page.h)
    assert _contains(media, bleed) and _contains(bleed, trim)
    assert trim[2:] == (w, h)
    # Print shops cut within about 3 mm: the bleed reaches that far out, the safe zone (5 mm, the
    # deeper end of what print shops ask) as far in, and every card keeps a safe area to print
    # on (a third of its short side at least).
    b = printshop.BLEED
    assert b >= 3.0 and margin >= 5.0 - EPS and min(w, h) - 2 * margin >= min(w, h) / 3 - EPS
    assert bleed == pytest.approx((trim[0] - b, trim[1] - b, w + 2 * b, h + 2 * b), abs=EPS)
    (group,) = [i for i in page.items if isinstance(i, Group)]
    assert (group.x, group.y, group.rotation) == (trim[0], trim[1], 0)
    lines = [i for i in page.items if isinstance(i, Line)]
    if not marks:
        assert media == bleed and lines == []
        return
    assert len(lines) == 8
    bx, by, bw, bh = bleed
    for line in lines:
        # On a trim line, entirely outside the bleed, inside the page.
        assert line.x1 in (trim[0], trim[0] + w) or line.y1 in (trim[1], trim[1] + h)
        assert _contains(media, (min(line.x1, line.x2), min(line.y1, line.y2), abs(line.x2 - line.x1),
                                 abs(line.y2 - line.y1)))
        inside_x = bx - EPS < line.x1 < bx + bw + EPS and bx - EPS < line.x2 < bx + bw + EPS
        inside_y = by - EPS < line.y1 < by + bh + EPS and by - EPS < line.y2 < by + bh + EPS
        assert not (inside_x and inside_y)
        assert line.registration and mm_to_pt(line.width) >= 0.3


# --- the README's promise ---------------------------------------------------------------------------


def test_the_readmes_cards_per_sheet_table_is_true():
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    rows = {}
    for line in readme.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.strip().startswith("|") and cells[0] in CARD_SIZES:
            rows[cells[0]] = [int(c) for c in cells[1:]]
    assert sorted(rows) == sorted(CARD_SIZES)
    for name, counts in rows.items():
        found = [len(impose(*CARD_SIZES[name], PAPER_SIZES[paper], duplex).fronts)
                 for paper in ("a4", "letter") for duplex in ("long-edge", "fold")]
        assert counts == found, name
    assert "`--card-size 107.5x139`" in readme and "goes four to a sheet" in readme
