"""The workshop record's design values: one named table, read by render/record.py and the tests.

Lengths are millimetres; type sizes, leadings and the spaces of paragraph styles are points
(as reportlab's paragraph styles take them).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TypeStyle:
    """One paragraph style of the record (points)."""

    size: float
    leading: float
    bold: bool = False
    muted: bool = False  # the kit's secondary grey instead of ink
    before: float = 0.0  # space above the paragraph
    after: float = 0.0  # space below it
    right: bool = False  # set flush right


def _types() -> dict[str, TypeStyle]:
    return {
        "over": TypeStyle(11.0, 14.0, bold=True, muted=True),  # the line above the title
        "title": TypeStyle(24.0, 29.0, bold=True, before=2.0),
        "summary": TypeStyle(11.0, 14.5, muted=True, before=4.0, after=10.0),
        "notice": TypeStyle(9.5, 13.0, after=8.0),
        "kicker": TypeStyle(8.5, 11.0, bold=True),
        "card": TypeStyle(12.5, 16.5, bold=True),
        "examples": TypeStyle(9.5, 13.0, muted=True, before=2.0),
        "body": TypeStyle(9.5, 13.0, before=3.0),
        "note": TypeStyle(11.0, 15.5),
        "meta": TypeStyle(8.5, 11.5, muted=True, before=2.0),
        "code": TypeStyle(12.5, 16.5, bold=True, right=True),
    }


@dataclass(frozen=True)
class RecordDesign:
    """Every number of the record's look, by name."""

    margin: float = 20.0  # every side of the A4 page
    footer: float = 10.0  # from the bottom edge to the footer's baseline
    footer_rule_above: float = 3.5  # from the footer's baseline up to the rule over it
    footer_room: float = 4.0  # between the text and the bottom margin, for the footer
    footer_size: float = 8.5  # pt
    footer_rule: float = 0.5  # pt
    band: float = 11.0  # height of a group's band
    band_bar: float = 2.2  # the full-colour bar at a band's left end
    band_symbol_x: float = 8.0  # the symbol's centre, from the band's left end
    band_symbol: float = 2.6  # its radius
    band_heading_x: float = 14.0
    band_heading_size: float = 13.0  # pt
    strip: float = 8.0  # height of the row of phase symbols under the title
    strip_pitch: float = 8.0
    strip_first: float = 2.6  # the first symbol's centre, from the left margin
    strip_symbol: float = 2.4  # radius
    after_strip: float = 6.0
    before_group: float = 4.0
    after_band: float = 4.0
    after_card: float = 5.0
    code_column: float = 16.0  # the card code's column at the right
    card_bottom: float = 2.5  # below a card's text, above its first note
    note_indent: float = 4.0  # notes start this far in from the margin
    note_rule: float = 0.8  # the coloured rule a note hangs from
    note_pad: float = 3.5  # between the rule and the note's text
    note_pad_top: float = 1.0  # pt
    note_pad_bottom: float = 2.0  # pt
    note_before: float = 1.2
    note_after: float = 2.3
    types: dict[str, TypeStyle] = field(default_factory=_types)


RECORD = RecordDesign()
