"""The card's design values: one named table, read by card layout and by the tests.

The design is drawn at A6 (105 × 148 mm); :class:`~carddeck.layout.card.CardFormat` scales its
lengths to the card's size and its type sizes to the half point, never below the minimums
here. Lengths are millimetres at A6, type sizes are points at A6, ``*_min`` values are the
floors that hold at every size (not scaled).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CardDesign:
    """Every number of the card's look, by name (see the module docstring for the units)."""

    # The reference size
    ref_w: float = 105.0
    ref_h: float = 148.0

    # Safe zone and office-sheet inset
    margin: float = 8.0  # nothing essential closer to the trim
    margin_min: float = 5.0
    margin_over_inset: float = 3.0  # the safe zone stays this far inside the colour's edge
    inset: float = 5.0  # office sheets: colour stops this far inside the trim…
    inset_min: float = 3.0  # …clear of a printer's unprintable border
    corner: float = 2.5  # radius of a front's tinted panels
    back_corner: float = 3.0  # radius of a back's panel

    # Type: the body and the small interface words
    body: float = 11.0  # pt: the smallest body text on A6…
    body_min: float = 8.0  # …and at any size
    label_below_body: float = 2.0  # pt: "Scan og skriv", the thin/thick labels…
    label_min: float = 7.0  # …never smaller than this
    hero: float = 22.0  # pt: the main line of a card (question, action field, value)
    code: float = 14.0  # pt: the card code, front and back

    # The band: symbol, number and heading on the family's tint
    band: float = 22.0  # height, from the trim's top
    band_min: float = 14.0
    stripe: float = 1.2  # the full-colour stripe at the band's bottom
    band_pad: float = 2.0  # the band's content stays this far above the stripe
    band_symbol: float = 5.0  # radius of its symbol
    band_gap: float = 3.0  # between symbol, number and heading
    band_number: float = 20.0  # pt
    band_heading: float = 9.5  # pt, before it is set smaller than the body (below)
    band_heading_below_body: float = 1.5  # pt
    band_heading_min: float = 7.5  # pt: the size it starts at, at least
    band_heading_shrink_one_line: float = 1.5  # pt it may shrink to stay on one line…
    band_heading_shrink_two_lines: float = 2.5  # …or, set on two lines
    band_heading_floor: float = 6.5  # pt: never smaller
    tracking: float = 0.6  # pt between the letters of capitalised headings

    # The body area and its footer
    body_top: float = 9.0  # below the band
    footer_no_qr: float = 14.0  # height kept for the code when there is no QR code
    qr: float = 18.0  # width of the QR symbol itself (quiet zone excluded)
    qr_min: float = 15.0
    # mm at any size, reached only by the code of an 80-character notes URL (typical URLs get
    # 0.45 mm or more): 8 dots of a 600 dpi office laser; phones read laser-printed modules of
    # 0.25–0.34 mm at hand distance. At 0.5 mm that worst case would leave poker and bridge
    # cards no room for the deck's longer texts.
    qr_module_min: float = 1 / 3
    qr_clearance: float = 7.0  # between the body and the QR symbol's top…
    qr_quiet_clearance: float = 1.0  # …and at least this above the widest quiet zone
    qr_label_gap: float = 0.5  # between "Scan og skriv" and the symbol
    qr_plate_clearance: float = 1.5  # a tinted face's edge to the QR code's white plate, at least
    optical_centre: float = 0.4  # hero text: this share of the free space above it, the rest below

    # Kinds' bodies (see carddeck.layout.templates)
    examples: float = 13.0  # pt: a question's examples (never larger than the question)
    examples_gap: float = 6.0
    question_steps: tuple[float, ...] = (18.0, 14.0)  # pt: smaller sizes a question tries after the hero's
    phase_title: float = 24.0  # pt
    phase_subtitle: float = 15.0  # pt
    phase_title_share: float = 0.5  # of the body's height, at most
    title_gap: float = 6.0  # below a phase card's title
    phase_symbol_max: float = 20.0  # radius of the phase card's large symbol, at most…
    phase_symbol_least: float = 8.0  # …and drawn only when it can be larger than this
    phase_symbol_room: float = 4.0  # kept free above and below it
    phase_symbol_drop: float = 2.0  # below the free area's centre
    statement_share: float = 0.6  # of the body's height, at most
    blank_value_line_gap: float = 6.0  # between a blank value's capitals line and its writing line
    blank_value_rule: float = 0.35  # mm wide (at least 0.3 mm)
    blank_value_rule_min: float = 0.3
    blank_value_hint: float = 11.0  # pt
    blank_value_hint_gap: float = 3.0
    blank_value_hint_share: float = 1 / 3
    rule: float = 17.0  # pt: a rule of thumb
    quote: float = 18.0  # pt
    quote_translation: float = 12.0  # pt: the translation beneath a quote, smaller than the words
    quote_translation_gap: float = 5.0  # between the words and their translation
    quote_step: float = 0.5  # pt: the words shrink by this until their translation fits beneath
    stage_title: float = 19.0  # pt
    stage_text: float = 14.0  # pt
    stage_title_share: float = 0.45
    stage_axis: float = 16.0  # height of the thin ↔ thick axis
    stage_axis_drop: float = 4.0  # its line, below the axis area's top
    stage_stop: float = 2.2  # radius of a stop on the axis
    stage_line: float = 0.8  # width of the axis line
    stage_stop_edge: float = 0.5
    stage_label_drop: float = 7.0  # the thin/thick labels' baseline below the line
    stage_caption_gap: float = 1.5  # the axis's caption (heading – stage_subtitle) above the axis area
    text_gap: float = 5.0  # below a stage's, an info card's or the about card's title
    info_title: float = 18.0  # pt
    info_title_share: float = 0.3
    info_text: float = 13.0  # pt
    bullet_indent: float = 4.5
    bullet_x: float = 1.2  # the bullet's centre, from the text's left edge
    bullet: float = 1.1  # its radius
    bullet_raise: float = 0.3  # em above the baseline
    ruled_gap: float = 10.5  # between the writing lines of a write-in card
    ruled_gap_min: float = 7.0
    ruled_number: float = 16.0  # pt
    ruled_number_raise: float = 1.5
    ruled_line: float = 0.25  # mm, at any size
    about_subtitle: float = 17.0  # pt
    about_subtitle_share: float = 0.35
    about_text: float = 14.0  # pt
    about_text_gap: float = 6.0
    credits: float = 11.0  # pt

    # The back
    back_symbol: float = 22.0  # radius
    back_symbol_height: float = 0.38  # its centre, as a fraction of the card's height
    back_text_indent: float = 8.0  # the heading's column, inside the margins
    back_gap: float = 8.0  # between the symbol and what follows
    back_number: float = 44.0  # pt: the phase number
    back_number_gap: float = 7.0
    back_heading: float = 14.0  # pt
    back_heading_shrink: float = 4.0  # pt it may shrink…
    back_heading_min: float = 8.0  # …but not below this
    back_heading_height: float = 24.0
    back_heading_lines: int = 3
    back_title: float = 9.0  # pt, before it is set smaller than the body (below)
    back_title_below_body: float = 1.5
    back_title_min: float = 7.5
    back_title_floor: float = 6.5
    back_title_height: float = 12.0
    back_title_drop: float = 3.0  # below the top margin


CARD = CardDesign()
