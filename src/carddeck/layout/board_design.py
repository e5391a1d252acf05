"""The board's design values: one named table, read by the board's layout and by its tests.

The board is designed at A1 portrait (594 mm wide). :data:`BOARD` holds that design;
:meth:`BoardDesign.at` gives the same design at another poster size: every length (mm) and
every type size (pt, to the half point) multiplied by ``width / 594``, the minimum type sizes
included. Values marked *fixed* keep their size on every poster, and *ratios* are fractions
of the thing they belong to. The card slots are not in this table: they are the deck's card
size, never scaled.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

A1_WIDTH = 594.0  # mm: the width the design is drawn at


def _length(value: float):
    return field(default=value, metadata={"unit": "mm"})


def _type(value: float):
    return field(default=value, metadata={"unit": "pt"})


@dataclass(frozen=True)
class BoardDesign:
    """Every design value of the board poster; lengths in mm and type in pt at A1."""

    # --- type (pt; nothing on the board is smaller than body_min) -------------------------------
    title_pt: float = _type(72.0)  # the kit's title
    heading_pt: float = _type(48.0)  # phase titles, SESAM's headings: the minimum for titles
    subtitle_pt: float = _type(28.0)  # the kit's subtitle
    body_pt: float = _type(24.0)  # phase subtitles, action fields, values
    body_min_pt: float = _type(20.0)  # labels, credits, stage texts: the minimum for body text
    label_pt: float = _type(20.0)  # the QR code's label
    label_min_pt: float = _type(16.0)  # …set smaller where a language's (or a deck's own) words need it

    # --- page -----------------------------------------------------------------------------------
    margin: float = _length(18.0)  # nothing essential closer to the poster edge
    block_gap: float = _length(7.0)  # between header, cycle and band, at the least
    gap: float = _length(10.0)  # between phase fields: room for the flow badges
    pad: float = _length(7.0)  # inside a field
    radius: float = _length(5.0)  # a field's corners
    edge_width: float = _length(1.6)  # a field's coloured edge

    # --- header ---------------------------------------------------------------------------------
    title_room: float = _length(80.0)  # height the title may take (two lines)
    subtitle_gap: float = _length(3.5)  # title to subtitle
    subtitle_room: float = _length(30.0)
    qr: float = _length(30.0)  # each header code (quiet zone excluded), never below qr_min
    qr_gap: float = _length(9.0)  # between header codes, and the codes to the title
    qr_label_gap: float = _length(3.0)  # a code to its label
    qr_label_room: float = _length(20.0)  # height a code's label may take (two lines)

    # --- cycle ----------------------------------------------------------------------------------
    centre_min: float = _length(195.0)  # the SESAM centre is never narrower
    side_min: float = _length(165.0)  # nor the middle fields (6 and 3): room for their headings
    slot_gap: float = _length(7.0)  # between card slots
    slot_heading_gap: float = _length(5.0)  # a field's heading to its slots
    symbol_r: float = _length(8.0)  # the symbol beside a field's title
    symbol_gap: float = _length(4.0)  # symbol to number, number to title
    subtitle_gap_field: float = _length(4.0)  # a field's title to its subtitle
    heading_room: float = _length(70.0)  # the most a field's heading may take: longer text is a misfit
    fine_rule: float = _length(0.6)  # dashed outlines
    slot_dash: tuple[float, float] = (3.0, 2.0)  # mm at A1, on and off
    slot_label_inset: float = _length(5.0)
    badge_r: float = _length(9.0)  # the flow badges between fields
    badge_ring: float = _length(1.2)

    # --- SESAM centre ---------------------------------------------------------------------------
    icon: float = _length(12.0)  # the arrow before each heading
    icon_gap: float = _length(4.0)
    centre_heading_room: float = _length(40.0)
    chip_h: float = _length(16.0)  # a value's box
    chip_gap: float = _length(4.0)  # between value boxes, and heading to the action fields
    chip_inset: float = _length(4.0)  # a value's number from the box edge, and number to text
    chip_text_inset: float = _length(3.0)
    chip_line_rise: float = _length(5.0)  # a blank value's writing line above the box bottom
    chip_grow: float = _length(14.0)  # the most a value box grows into spare height: room for a marker
    chip_rule: float = _length(0.5)
    chip_radius: float = _length(3.0)
    value_gap: float = _length(5.0)  # the values' heading to their boxes
    group_gap: float = _length(10.0)  # the values to the action fields
    col_gap: float = _length(6.0)
    action_indent: float = _length(9.0)  # an action field's text beside its number
    action_room: float = _length(40.0)

    # --- the band along the bottom: thin ↔ thick and the credits ---------------------------------
    credits_room: float = _length(24.0)
    band_top_pad: float = _length(9.0)  # band edge to the axis
    band_gap: float = _length(8.0)  # axis to the credits
    band_rule: float = _length(1.2)  # the band's top edge in full colour
    axis_label_gap: float = _length(3.0)  # an end label to the axis's arrowhead
    axis_shaft_min: float = _length(6.0)  # the least of the axis seen between an arrowhead and a dot
    stage_r: float = _length(6.5)  # a stage's numbered dot on the axis
    stage_gutter: float = _length(10.0)
    stage_title_room: float = _length(30.0)
    stage_text_room: float = _length(40.0)
    stage_text_gap: float = _length(5.0)  # dot to the stage title
    stage_line_gap: float = _length(2.5)  # stage title to its text
    axis_shaft: float = _length(1.4)
    axis_head: float = _length(6.0)
    stage_ring: float = _length(0.8)

    # --- fixed: the same on every poster ---------------------------------------------------------
    edge_min: float = 10.0  # mm: at every size, nothing essential nearer the edge
    qr_min: float = 30.0  # mm: the overview code itself, at every poster size

    # --- ratios ---------------------------------------------------------------------------------
    centre_pad: float = 1.5  # the centre's padding, in pads
    slot_radius: float = 0.03  # of the slot's shorter side
    ghost_r: float = 0.22  # the ghost symbol in a slot, of its shorter side
    ghost_y: float = 0.42  # the ghost symbol's centre, down the slot
    slot_label_y: float = 0.72  # the slot label's top, down the slot
    slot_label_room: float = 0.25  # of the slot's height
    icon_shaft: float = 0.32  # of the icon
    question_label_y: float = 0.45  # a question slot's label, down the slot
    action_gap: float = 0.5  # between action fields, in their type size (pt → mm)
    badge_arrow: float = 1.15  # of the badge radius
    badge_shaft: float = 0.34

    def at(self, scale: float) -> BoardDesign:
        """This design at ``scale`` × A1: lengths multiplied, type sizes multiplied to the half point."""
        changes = {}
        for f in fields(self):
            unit = f.metadata.get("unit")
            value = getattr(self, f.name)
            if unit == "mm":
                changes[f.name] = value * scale
            elif unit == "pt":
                changes[f.name] = round(value * scale * 2) / 2
        changes["slot_dash"] = tuple(v * scale for v in self.slot_dash)
        return replace(self, **changes)


BOARD = BoardDesign()

__all__ = ["A1_WIDTH", "BOARD", "BoardDesign"]
