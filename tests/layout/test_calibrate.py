"""The duplex calibration sheet: its words come from the kit's labels, its numbers are legible
(at least 7 pt) and never print on a line, and each back cross lies behind its target."""

from __future__ import annotations

import pytest

from carddeck import fonts
from carddeck.cli import main
from carddeck.labels import label
from carddeck.layout.boxes import Line, Text
from carddeck.layout.calibrate import calibration_document
from carddeck.sizes import PAPER_SIZES
from carddeck.units import pt_to_mm
from kitutil import DECK_YAML, PHASE_CARD, page_texts, squash

MIN_SIZE = 7.0  # pt


def _texts(page) -> list[Text]:
    return [i for i in page.items if isinstance(i, Text)]


def _lines(page) -> list[Line]:
    return [i for i in page.items if isinstance(i, Line)]


def _ink_box(text: Text) -> tuple[float, float, float, float]:
    """(x0, y0, x1, y1) that the text's glyphs can cover: its advance, from ascent to descent."""
    return text.left, text.y - pt_to_mm(text.size * fonts.ASCENT), text.left + text.w, text.y + pt_to_mm(text.size * fonts.DESCENT)


def _cap_box(text: Text) -> tuple[float, float, float, float]:
    return text.left, text.y - pt_to_mm(text.size * fonts.CAP_HEIGHT), text.left + text.w, text.y + pt_to_mm(text.size * fonts.DESCENT)


def _touches(line: Line, box) -> bool:
    x0, y0, x1, y1 = box
    half = line.width / 2
    lx0, lx1 = sorted((line.x1, line.x2))
    ly0, ly1 = sorted((line.y1, line.y2))
    return lx0 - half < x1 and x0 < lx1 + half and ly0 - half < y1 and y0 < ly1 + half


@pytest.mark.parametrize("lang", ["da", "nb"])
def test_the_sheet_speaks_the_kits_language(lang):
    front, back = calibration_document(PAPER_SIZES["a4"], "long-edge", lang).pages
    words = squash(" ".join(t.text for t in _texts(front)))
    for key in ("calibrate_title", "calibrate_print", "calibrate_read", "calibrate_build"):
        assert squash(label(lang, key).format(duplex="long-edge")) in words, key
    assert [t.text for t in _texts(back)] == [label(lang, "back").capitalize()]


@pytest.mark.parametrize("duplex", ["long-edge", "short-edge"])
@pytest.mark.parametrize("paper", list(PAPER_SIZES))
def test_numbers_and_words_are_legible_and_print_on_no_line(paper, duplex):
    front, back = calibration_document(PAPER_SIZES[paper], duplex).pages
    numbers = [t for t in _texts(front) if t.size < 10.0]
    assert len(numbers) == 5 * 2 * 3  # five targets, two scales, three numbers each
    for page in (front, back):
        texts = _texts(page)
        for text in texts:
            assert text.size >= MIN_SIZE, text
            for line in _lines(page):
                assert not _touches(line, _ink_box(text)), (text.text, line)
        for i, a in enumerate(texts):
            for b in texts[i + 1:]:  # capitals to descenders: a paragraph's lines do not touch
                ax0, ay0, ax1, ay1 = _cap_box(a)
                bx0, by0, bx1, by1 = _cap_box(b)
                assert not (ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1), (a.text, b.text)


def test_the_numbers_are_corrections():
    front, _ = calibration_document(PAPER_SIZES["a4"], "long-edge").pages
    cx, cy = 105.0, 148.5
    below = sorted((t.x - cx, t.text) for t in _texts(front) if abs(t.x - cx) <= 5.0 and 0 < t.y - cy < 20)
    assert below == [(-5.0, "+5"), (0.0, "0"), (5.0, "–5")]  # a back 5 mm to the right must move 5 mm left


@pytest.mark.parametrize(("paper", "duplex"), [("a4", "long-edge"), ("a4", "short-edge"), ("letter", "long-edge")])
def test_each_back_cross_lies_behind_its_target(paper, duplex):
    pw, ph = PAPER_SIZES[paper]
    front, back = calibration_document((pw, ph), duplex).pages
    long_lines = [l for l in _lines(front) if abs(l.x2 - l.x1) + abs(l.y2 - l.y1) > 20]
    centres = [(round(l.x1, 6), round((l.y1 + l.y2) / 2, 6)) for l in long_lines if l.x1 == l.x2]  # arms are symmetric
    crosses = sorted({(round(l.x1, 6), round((l.y1 + l.y2) / 2, 6)) for l in _lines(back) if l.x1 == l.x2})
    behind = sorted((round(pw - x, 6), y) if duplex == "long-edge" else (x, round(ph - y, 6)) for x, y in centres)
    assert len(crosses) == 5 and crosses == behind


def test_calibrate_uses_the_decks_language_unless_told(tmp_path, make_deck, capsys):
    norwegian = make_deck({"a.yaml": PHASE_CARD}, deck_yaml=DECK_YAML.replace("lang: da", "lang: nb"), name="nb-deck")
    out = tmp_path / "cal.pdf"
    assert main(["calibrate", str(norwegian), "--out", str(out)]) == 0
    assert label("nb", "calibrate_title") in page_texts(out)[0]
    assert main(["calibrate", str(norwegian), "--lang", "da", "--out", str(out)]) == 0
    assert label("da", "calibrate_title") in page_texts(out)[0]
    assert main(["calibrate", str(tmp_path / "no-deck"), "--out", str(out)]) == 0
    assert label("da", "calibrate_title") in page_texts(out)[0]
