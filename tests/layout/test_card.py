"""Card faces, as numbers: the safe zone, type sizes, the QR code's size, contrast, and fit errors.

Every card of the default deck is laid out at every named size, for office sheets and for the
print shop. A Text box reaches from its left edge over its width (as layout measured it; the
render tests check both against the PDF) and from its capitals' top to its baseline:
descenders may reach into the margin, capitals may not. The band is found by its full-colour
stripe, not by recomputing its height.
"""

from __future__ import annotations

import pytest

from carddeck import fonts, theme
from carddeck.errors import DeckError
from carddeck.labels import label
from carddeck.layout.boxes import QR, Group, Line, Rect, Shape, Text, Use
from carddeck.layout.card import CardFormat, back, back_artwork, back_heading, front
from carddeck.layout.card_design import CARD
from carddeck.layout.deck import CardOptions, card_artwork, cards_document
from carddeck.sizes import CARD_SIZES
from carddeck.load import load_deck
from carddeck.qr import QUIET_ZONE
from carddeck.units import pt_to_mm
from kitutil import DECK_YAML, NOTES_URL, PHASE_CARD, squash

SIZES = {**CARD_SIZES, "90x140": (90.0, 140.0)}
FORMATS = [(name, bleed) for name in SIZES for bleed in (0.0, 3.0)]
EPS = 1e-9


def url(card) -> str:
    return f"{NOTES_URL}/c/{card.id}"


@pytest.fixture(scope="module")
def faces(default_deck):
    """(size name, bleed) → [(card, spec, front Face)], computed once per format."""
    cache = {}

    def get(name, bleed):
        if (name, bleed) not in cache:
            spec = CardFormat(*SIZES[name], bleed)
            cache[name, bleed] = [
                (card, spec, front(card, default_deck, spec, url(card), default_deck.codes[card.id]))
                for card in default_deck.cards
            ]
        return cache[name, bleed]

    return get


def extent(box: Text) -> tuple[float, float, float, float]:
    """(left, capitals' top, right, baseline) of a line of text, in mm."""
    return box.left, box.y - pt_to_mm(box.size * fonts.CAP_HEIGHT), box.left + box.w, box.y


def stripe(card, face) -> Rect:
    """The full-colour stripe along the band's bottom edge: the topmost rectangle of the
    family's edge colour that spans the card."""
    colour = theme.style_for(card).edge
    return min((b for b in face.boxes if isinstance(b, Rect) and b.fill == colour and b.w > 40.0), key=lambda b: b.y)


def band_bottom(card, face) -> float:
    s = stripe(card, face)
    return s.y + s.h


def role(box: Text, card, deck, face) -> str:
    """'band' (heading and number in the coloured band), 'label' (small interface words), or 'body'."""
    if box.y < band_bottom(card, face):
        return "band"
    sections = deck.settings.sections
    if box.text == label(deck.settings.lang, "scan") or (card.kind == "stage" and box.text in (sections.thin, sections.thick)):
        return "label"
    if card.kind == "stage" and box.colour == theme.MUTED:
        return "label"  # the axis's caption (heading – stage_subtitle): its words, small like its ends
    return "body"


# --- the safe zone ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "bleed"), FORMATS)
def test_text_below_the_band_stays_in_the_safe_zone(faces, default_deck, name, bleed):
    for card, spec, face in faces(name, bleed):
        m = spec.margin
        for box in face.boxes:
            if isinstance(box, Text) and role(box, card, default_deck, face) != "band":
                left, top, right, baseline = extent(box)
                if box.text.startswith("«"):  # a hanging guillemet: in the margin, but 5 mm from the trim
                    assert left >= 5.0 - EPS and left + fonts.width("«", box.weight, box.size) >= m - EPS
                    left = m
                assert left >= m - EPS and right <= spec.w - m + EPS, (card.id, box.text, left, right)
                assert top >= m - EPS and baseline <= spec.h - m + EPS, (card.id, box.text, top, baseline)


def test_band_heading_with_its_tracking_stays_inside_the_right_margin(faces):
    over = []
    for name, bleed in FORMATS:
        for card, spec, face in faces(name, bleed):
            for box in face.boxes:
                if isinstance(box, Text) and box.y < band_bottom(card, face):
                    overshoot = extent(box)[2] - (spec.w - spec.margin)
                    if overshoot > EPS:
                        over.append((name, bleed, card.id, box.text, round(overshoot, 2)))
    assert over == []


def test_band_heading_without_tracking_fits_its_width(faces):
    # What _band does guarantee: the heading's letters (without tracking) fit between number and margin.
    for name, bleed in FORMATS:
        for card, spec, face in faces(name, bleed):
            for box in face.boxes:
                if isinstance(box, Text) and box.y < band_bottom(card, face) and box.tracking:
                    assert box.x + fonts.width(box.text, box.weight, box.size) <= spec.w - spec.margin + EPS


def test_band_text_stays_left_of_the_margin_and_in_the_band(faces):
    for name, bleed in FORMATS:
        for card, spec, face in faces(name, bleed):
            for box in face.boxes:
                if isinstance(box, Text) and box.y < band_bottom(card, face):
                    left, top, right, baseline = extent(box)
                    assert left >= spec.margin - EPS, (name, card.id, box.text)
                    assert top >= spec.inset - EPS and baseline <= stripe(card, face).y, (name, card.id, box.text)


def test_band_text_stays_below_the_top_margin_at_every_size(faces):
    above = []
    for name, bleed in FORMATS:
        for card, spec, face in faces(name, bleed):
            for box in face.boxes:
                if isinstance(box, Text) and box.y < band_bottom(card, face):
                    top = extent(box)[1]
                    if top < spec.margin - EPS:
                        above.append((name, bleed, card.id, box.text, round(spec.margin - top, 2)))
    assert above == []


@pytest.mark.parametrize(("name", "bleed"), FORMATS)
def test_qr_code_is_in_the_safe_zone_and_clear_of_text(faces, default_deck, name, bleed):
    for card, spec, face in faces(name, bleed):
        (qr,) = [b for b in face.boxes if isinstance(b, QR)]
        module = qr.size / len(qr.modules)
        quiet = QUIET_ZONE * module
        m = spec.margin
        # The code itself in the safe zone, its quiet zone at least inside the trim.
        assert qr.x + quiet >= m - EPS and qr.x + qr.size - quiet <= spec.w - m + EPS
        assert qr.y + quiet >= m - EPS and qr.y + qr.size - quiet <= spec.h - m + EPS
        assert qr.x >= 0 and qr.y >= 0 and qr.x + qr.size <= spec.w and qr.y + qr.size <= spec.h
        assert qr.url == url(card)
        for box in face.boxes:
            if isinstance(box, Text):
                left, top, right, baseline = extent(box)
                bottom = baseline + pt_to_mm(box.size * fonts.DESCENT)
                assert right <= qr.x or left >= qr.x + qr.size or bottom <= qr.y or top >= qr.y + qr.size, (
                    card.id, box.text)


def _text_over_qr(document):
    """(card, text) pairs where a line of a front's text touches a QR code (quiet zone included)."""
    art = {a.key: a for a in document.artwork}
    hits = []
    for page in document.pages:
        for group in page.items:
            if not isinstance(group, Group):
                continue
            uses = [b for b in group.boxes if isinstance(b, Use) and b.key.startswith("front:")]
            for qr in (b for b in group.boxes if isinstance(b, QR)):
                for use in uses:
                    for box in art[use.key].boxes:
                        if isinstance(box, Text):
                            left, top, right, baseline = extent(box)
                            if not (right <= qr.x or left >= qr.x + qr.size or baseline <= qr.y
                                    or top >= qr.y + qr.size):
                                hits.append((use.key, box.text))
    return hits


def test_copies_past_nine_keep_the_qr_code_clear_of_text(make_deck):
    # "https://notes.example.org/c/<12 characters>/1" is 42 bytes: the most a version 3-M code holds.
    folder = make_deck({"a.yaml": PHASE_CARD.replace("id: fase-1", "id: fase-1-abcde")})
    deck = load_deck(folder)
    document = cards_document(deck, CardOptions(copies=10, notes_url="https://notes.example.org"))
    assert _text_over_qr(document) == []


# --- type sizes --------------------------------------------------------------------------------------


def test_body_minimum_is_11_pt_on_a6_and_never_below_8():
    assert CardFormat(105.0, 148.0).body_min() == 11.0
    for w in range(40, 201, 5):
        for h in range(40, 201, 5):
            assert CardFormat(float(w), float(h)).body_min() >= 8.0


@pytest.mark.parametrize(("name", "bleed"), FORMATS)
def test_type_sizes(faces, default_deck, name, bleed):
    label_sizes = set()
    for card, spec, face in faces(name, bleed):
        for box in face.boxes:
            if not isinstance(box, Text):
                continue
            kind = role(box, card, default_deck, face)
            if kind == "body":
                assert box.size >= spec.body_min() >= 8.0, (card.id, box.text, box.size)
                if name == "a6":
                    assert box.size >= 11.0, (card.id, box.text, box.size)
            elif kind == "label":
                # Small, but readable: at least 7 pt, under the body's minimum, alike on every card.
                assert 7.0 <= box.size < spec.body_min(), (card.id, box.text, box.size)
                label_sizes.add(box.size)
            else:
                assert box.size >= 6.5, (card.id, box.text, box.size)
                if name == "a6":
                    assert box.size >= 9.0, (card.id, box.text, box.size)
    assert len(label_sizes) == 1, label_sizes


def test_questions_are_set_large_on_a6(faces):
    sizes = {box.size for card, spec, face in faces("a6", 0.0) if card.kind == "question"
             for box in face.boxes if isinstance(box, Text) and box.weight == "bold" and box.y > band_bottom(card, face)
             and box.colour == theme.INK}
    assert min(sizes) >= 14.0


# --- QR size --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "bleed"), FORMATS)
def test_qr_module_and_symbol_size(faces, name, bleed):
    for card, spec, face in faces(name, bleed):
        (qr,) = [b for b in face.boxes if isinstance(b, QR)]
        n = len(qr.modules)
        module = qr.size / n
        symbol = module * (n - 2 * QUIET_ZONE)
        assert module >= CARD.qr_module_min - EPS, (card.id, module)
        assert symbol >= (18.0 if name == "a6" else 15.0) - EPS, (card.id, symbol)
        assert all(len(row) == n for row in qr.modules)


def test_qr_size_holds_for_every_copy(default_deck):
    document = cards_document(default_deck, CardOptions(copies=2, notes_url=NOTES_URL))
    qrs = [b for page in document.pages for g in page.items if isinstance(g, Group) for b in g.boxes
           if isinstance(b, QR)]
    assert len(qrs) == 2 * len(default_deck.cards)
    for qr in qrs:
        module = qr.size / len(qr.modules)
        assert module >= CARD.qr_module_min - EPS
        assert module * (len(qr.modules) - 2 * QUIET_ZONE) >= 18.0 - EPS
        assert qr.url.endswith(("/1", "/2")) and "?" not in qr.url


def test_no_qr_leaves_the_footer_to_the_code(default_deck):
    card = default_deck.by_id()["fase-1-udfordringer"]
    face = front(card, default_deck, CardFormat(105.0, 148.0), None, "1.1")
    assert not [b for b in face.boxes if isinstance(b, QR)]
    assert label("da", "scan") not in [b.text for b in face.boxes if isinstance(b, Text)]


# --- contrast -------------------------------------------------------------------------------------------


STYLES = [*theme.PHASES.values(), theme.SESAM, theme.ABOUT]


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.key)
def test_text_colours_pass_wcag_aa(style):
    for fg in (theme.INK, theme.MUTED, style.deep):
        for bg in (theme.PAPER, style.tint):
            assert theme.contrast(fg, bg) >= 4.5, (style.key, fg, bg)


def test_contrast_function():
    assert theme.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)
    assert theme.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def _background(boxes, box: Text) -> str:
    """The fill under the middle of a line of text: the last filled rectangle drawn there, else paper."""
    left, top, right, baseline = extent(box)
    x, y = (left + right) / 2, (top + baseline) / 2
    under = theme.PAPER
    for b in boxes:
        if b is box:
            break
        if isinstance(b, Rect) and b.fill and b.x <= x <= b.x + b.w and b.y <= y <= b.y + b.h:
            under = b.fill
    return under


@pytest.mark.parametrize("bleed", [0.0, 3.0])
def test_every_printed_text_has_aa_contrast_on_what_lies_under_it(faces, default_deck, bleed):
    for card, spec, face in faces("a6", bleed):
        style = theme.style_for(card)
        number, heading = back_heading(card, default_deck)
        back_art = back_artwork(style, spec, default_deck.title, heading, card.lang, number)
        back_face = back(card, default_deck, spec, default_deck.codes[card.id], 3)
        for boxes in (face.boxes, back_art.boxes + back_face.boxes):
            for box in boxes:
                if isinstance(box, Text):
                    bg = _background(boxes, box)
                    assert theme.contrast(box.colour, bg) >= 4.5, (card.id, box.text, box.colour, bg)


# --- fit errors and the whole deck ----------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CARD_SIZES))
@pytest.mark.parametrize("print_shop", [False, True])
def test_the_default_deck_fits_every_named_size(default_deck, name, print_shop):
    art, templates = card_artwork(default_deck, CardOptions(size=CARD_SIZES[name], print_shop=print_shop))
    assert {key for key in art if key.startswith("front:")} == {f"front:{c.id}" for c in default_deck.cards}
    assert all(templates[c.id] is not None for c in default_deck.cards)


def test_every_card_that_does_not_fit_is_reported_at_once(make_deck):
    long = " ".join(["Hvordan samarbejder vi videre herfra?"] * 12)
    folder = make_deck({"a.yaml": PHASE_CARD, "b.yaml": f"""\
        cards:
          - id: lang-1
            kind: question
            lang: da
            phase: 1
            text: {long}
          - id: kort
            kind: question
            lang: da
            phase: 1
            text: Hvad nu?
          - id: lang-2
            kind: rule
            lang: da
            number: 1
            text: {long}
        """})
    deck = load_deck(folder)
    card_artwork(deck, CardOptions())  # A6 takes it
    with pytest.raises(DeckError) as info:
        card_artwork(deck, CardOptions(size=(63.0, 88.0)))
    assert info.value.message == (
        "the deck has 2 problems:\n"
        f"{folder}/b.yaml:6: cards[0].text: card 'lang-1': text does not fit the card even at 8 pt; "
        "shorten it or choose a larger --card-size\n"
        f"{folder}/b.yaml:16: cards[2].text: card 'lang-2': text does not fit the card even at 8 pt; "
        "shorten it or choose a larger --card-size"
    )


def _caption(card, face) -> list[Text]:
    """The muted lines of a stage card above its axis's line (the ends' labels are below it)."""
    (axis,) = [b for b in face.boxes if isinstance(b, Line) and b.y1 == b.y2 and b.colour == theme.style_for(card).colour]
    return [b for b in face.boxes if isinstance(b, Text) and b.colour == theme.MUTED and b.y < axis.y1]


@pytest.mark.parametrize(("name", "bleed"), FORMATS)
def test_a_stage_card_captions_its_axis_with_the_sections_heading_and_stage_subtitle(faces, default_deck, name, bleed):
    sections = default_deck.settings.sections
    for card, spec, face in faces(name, bleed):
        if card.kind != "stage":
            continue
        lines = _caption(card, face)
        assert squash(" ".join(b.text for b in lines)) == squash(f"{sections.stage} – {sections.stage_subtitle}"), card.id
        text = [b for b in face.boxes if isinstance(b, Text) and b.colour == theme.INK and b.y > band_bottom(card, face)]
        caption_bottom = max(b.y for b in lines) + pt_to_mm(lines[0].size * fonts.DESCENT)
        assert max(b.y for b in text) < min(extent(b)[1] for b in lines), card.id  # below the stage's text
        (stop,) = {b.cy - b.radius for b in face.boxes if isinstance(b, Shape) and not b.points}
        assert caption_bottom < stop, card.id  # above the axis's stops


def test_no_caption_without_a_stage_subtitle_nor_where_the_stage_text_needs_the_room(make_deck):
    stage = ("cards:\n  - {id: t-1, kind: stage, lang: da, number: 1, title: Tegnebrættet, text: Vi forstår det}\n"
             "  - {id: t-2, kind: stage, lang: da, number: 2, title: Laboratoriet, text: " + "Vi prøver noget nyt. " * 14 + "}\n")
    spec = CardFormat(105.0, 148.0)
    for subtitle in (None, "et bidrag til en model"):
        deck_yaml = DECK_YAML if subtitle is None else DECK_YAML.replace("stage: Trin", f"stage: Trin\n  stage_subtitle: {subtitle}")
        deck = load_deck(make_deck({"a.yaml": PHASE_CARD, "t.yaml": stage}, deck_yaml=deck_yaml, name=f"deck-{bool(subtitle)}"))
        short, long = (front(card, deck, spec, url(card), deck.codes[card.id]) for card in deck.of_kind("stage"))
        assert len(_caption(deck.of_kind("stage")[0], short)) == (0 if subtitle is None else 1)
        assert _caption(deck.of_kind("stage")[1], long) == []


def test_a_heading_too_long_for_the_band(make_deck):
    heading = "Et meget langt afsnitsnavn " * 6
    folder = make_deck(
        {"a.yaml": PHASE_CARD, "r.yaml": "cards:\n  - {id: r-1, kind: rule, lang: da, number: 1, text: Ja}\n"},
        deck_yaml=DECK_YAML.replace("rule: Regler", f"rule: {heading.strip()}"),
    )
    with pytest.raises(DeckError) as info:
        card_artwork(load_deck(folder), CardOptions())
    # Said where the heading is written (deck.yaml's sections), not at the card that shows it.
    assert info.value.message == (
        "the deck has 1 problem:\n"
        f"{folder}/deck.yaml:7: sections.rule: the heading 'Et meget langt afsnitsnavn Et meget langt afsnitsnavn Et me…' does not fit the band of a 105×148 mm "
        "card even at 7 pt; shorten it or choose a larger --card-size"
    )


# --- backs -------------------------------------------------------------------------------------------------


def test_backs_carry_code_and_table_and_share_one_artwork_per_family(default_deck):
    spec = CardFormat(105.0, 148.0)
    keys = set()
    for card in default_deck.cards:
        face = back(card, default_deck, spec, default_deck.codes[card.id], 4)
        uses = [b for b in face.boxes if isinstance(b, Use)]
        texts = [b.text for b in face.boxes if isinstance(b, Text)]
        assert len(uses) == 1 and (uses[0].x, uses[0].y) == (0.0, 0.0)
        keys.add(uses[0].key)
        assert texts == [default_deck.codes[card.id], f"{label(card.lang, 'table')} 4"]
        assert [b.text for b in back(card, default_deck, spec, "X", None).boxes if isinstance(b, Text)] == ["X"]
    # 6 phases, 2 write-in lists, 6 SESAM groups, the kit's own cards.
    assert len(keys) == 15


def test_back_heading_names_the_phase(default_deck):
    cards = default_deck.by_id()
    assert back_heading(cards["fase-5-laert"], default_deck) == ("5", "Læring og ny viden")
    assert back_heading(cards["handlingsfelt-2"], default_deck) == ("", "Syv handlingsfelter til fremdrift")
    assert back_heading(cards["spilleregler-3"], default_deck) == ("", "Vores egne spilleregler")


# --- typography and colour details ------------------------------------------------------------


@pytest.mark.parametrize("name", list(SIZES))
def test_the_qr_plate_does_not_notch_a_tinted_face(faces, name):
    for card, spec, face in faces(name, 0.0):
        panel = face.boxes[0]
        if not (isinstance(panel, Rect) and panel.h > spec.h / 2):
            continue  # not a tinted face
        (qr,) = [b for b in face.boxes if isinstance(b, QR)]
        # The white plate keeps clear of the panel's rounded corner (at least 1 mm inside its edge).
        assert qr.x + qr.size <= panel.x + panel.w - 1.0 and qr.y + qr.size <= panel.y + panel.h - 1.0, (name, card.id)


@pytest.mark.parametrize("style", STYLES, ids=lambda s: s.key)
def test_stripes_and_rules_read_on_white(style):
    assert theme.contrast(style.edge, theme.PAPER) >= 2.0, style.key


def test_hero_text_does_not_leave_the_lower_half_of_the_card_empty(faces):
    for card, spec, face in faces("a6", 0.0):
        if card.kind not in ("question", "action", "rule") or getattr(card, "examples", None):
            continue
        (qr,) = [b for b in face.boxes if isinstance(b, QR)]
        free_top, free_bottom = band_bottom(card, face), qr.y
        lines = [extent(b) for b in face.boxes if isinstance(b, Text) and free_top < b.y < free_bottom]
        middle = (min(t for _, t, _, _ in lines) + max(b for _, _, _, b in lines)) / 2
        # Near the middle of the free area, a little above it (its optical centre).
        assert free_top + 0.3 * (free_bottom - free_top) < middle < free_top + 0.5 * (free_bottom - free_top), card.id


def test_an_info_card_that_is_only_its_title_sets_it_large(faces, default_deck):
    """A slide that is one sentence ('Det er IKKE et nytt ord for dugnad!') reads as a statement:
    the title alone, larger than an info card's title over its text."""
    cards = {card.id: (spec, face) for card, spec, face in faces("a6", 0.0)}
    for card_id in ("om-dugnad", "om-ulikheter"):
        card = default_deck.by_id()[card_id]
        spec, face = cards[card_id]
        body = [b for b in face.boxes if isinstance(b, Text) and role(b, card, default_deck, face) == "body"
                and b.text != default_deck.codes[card_id]]
        assert " ".join(b.text for b in body) == card.title
        assert {b.weight for b in body} == {"bold"} and min(b.size for b in body) > spec.type(CARD.info_title)
