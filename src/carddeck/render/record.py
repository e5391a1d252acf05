"""The workshop record as PDF: a :class:`carddeck.notes.export.Record` in, PDF bytes out.

A4 portrait, set in the kit's typeface (Noto Sans, embedded) with the kit's colours:
each group opens with a band in its tint, its symbol and its heading as on the cards; each card
shows its code and text; each note hangs from a rule in the group's colour, with table, time and
name beneath. Page breaks are left to reportlab's platypus (this is running text, not a placed
layout). The same record gives the same bytes (reportlab's invariant mode: no dates, fixed ids).
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .. import fonts, theme
from ..labels import label
from ..layout.symbols import symbol
from ..units import mm_to_pt
from .record_design import RECORD

R = RECORD
FRAME_PADDING = 6.0  # pt: platypus pads its page frame by this much on every side
_WIDTH = A4[0] - 2 * mm_to_pt(R.margin)  # the text column, from margin to margin


def record_pdf(record) -> bytes:
    """Draw ``record`` (a :class:`~carddeck.notes.export.Record`) as a PDF; return its bytes."""
    face = fonts.register()
    s = _styles(face)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        # The frame's own padding is taken off, so the text starts exactly at the margin (as the footer).
        leftMargin=mm_to_pt(R.margin) - FRAME_PADDING,
        rightMargin=mm_to_pt(R.margin) - FRAME_PADDING,
        topMargin=mm_to_pt(R.margin) - FRAME_PADDING,
        bottomMargin=mm_to_pt(R.margin + R.footer_room) - FRAME_PADDING,
        title=f"{record.title}: {record.heading}",
        author="",
        subject=record.summary,
        creator="carddeck",
        lang=record.lang,
        invariant=1,
    )
    story: list = [
        Paragraph(_text(record.heading), s["over"]),
        Paragraph(_text(record.title), s["title"]),
        Paragraph(_text(record.summary), s["summary"]),
        *([Paragraph(_text(record.notice), s["notice"])] if record.notice else []),
        _PhaseStrip(),
        Spacer(1, mm_to_pt(R.after_strip)),
    ]
    for section in record.sections:
        story.append(Spacer(1, mm_to_pt(R.before_group)))
        first = True
        for entry in section.cards:
            block = []
            if first:
                block += [_Band(section.group, face["bold"]), Spacer(1, mm_to_pt(R.after_band))]
                first = False
            block += _card(entry.card, s, section.group)
            notes = [_note(n, s, section.group.style) for n in entry.notes]
            # Keep a card's text with its first note; later notes may flow to the next page.
            story.append(KeepTogether(block + notes[:1]))
            story += notes[1:]
            story.append(Spacer(1, mm_to_pt(R.after_card)))
    if isinstance(story[-1], Spacer):
        story.pop()  # ending the story, it would start a blank last page when the last card fills one

    def footer(canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setStrokeColor(colors.HexColor(theme.RULE))
        canvas.setLineWidth(R.footer_rule)
        y = mm_to_pt(R.footer + R.footer_rule_above)
        canvas.line(mm_to_pt(R.margin), y, A4[0] - mm_to_pt(R.margin), y)
        canvas.setFont(face["regular"], R.footer_size)
        canvas.setFillColor(colors.HexColor(theme.MUTED))
        canvas.drawString(mm_to_pt(R.margin), mm_to_pt(R.footer), f"{record.title} · {record.heading}")
        canvas.drawRightString(A4[0] - mm_to_pt(R.margin), mm_to_pt(R.footer), label(record.lang, "page").format(page=page, pages=pages))
        canvas.restoreState()

    class FooterCanvas(Canvas):
        """Holds each page back until the last one, so every footer can say "page n of N"."""

        def __init__(self, *args, **kwargs):
            # Start every page in the kit's font, so no unembedded Helvetica is ever referenced.
            kwargs["initialFontName"] = face["regular"]
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                footer(self, number, len(self._pages))
                super().showPage()
            super().save()

    doc.build(story, canvasmaker=FooterCanvas)
    return buffer.getvalue()


def _text(value: str) -> str:
    """Plain text (as a participant typed it) made safe for reportlab's paragraph markup."""
    return escape(value).replace("\n", "<br/>")


def _styles(face: dict[str, str]) -> dict[str, ParagraphStyle]:
    """The record's paragraph styles (:attr:`RecordDesign.types`) as reportlab's."""
    ink, muted = colors.HexColor(theme.INK), colors.HexColor(theme.MUTED)
    return {
        name: ParagraphStyle(name, fontName=face["bold" if t.bold else "regular"], fontSize=t.size, leading=t.leading,
                             textColor=muted if t.muted else ink, spaceBefore=t.before, spaceAfter=t.after,
                             alignment=TA_RIGHT if t.right else TA_LEFT)
        for name, t in R.types.items()
    }


def _card(card, s, group) -> list:
    style = group.style
    deep = colors.HexColor(style.deep)
    kicker = ParagraphStyle("k", s["kicker"], textColor=deep)
    text = [Paragraph(_text(card.title), s["card"])]
    if card.shown_kicker:
        text.insert(0, Paragraph(_text(card.shown_kicker), kicker))
    if card.examples:
        text.append(Paragraph(_text(card.examples), s["examples"]))
    text += [Paragraph(_text(p), s["body"]) for p in card.body]
    code = Paragraph(_text(card.code), ParagraphStyle("c", s["code"], textColor=deep))
    table = Table([[text, code]], colWidths=[_WIDTH - mm_to_pt(R.code_column), mm_to_pt(R.code_column)])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONT", (0, 0), (-1, -1), s["body"].fontName),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), mm_to_pt(R.card_bottom)),
            ]
        )
    )
    return [table]


def _note(note, s, style: theme.Style) -> Table:
    cell = [Paragraph(_text(note.text), s["note"]), Paragraph(_text(note.meta), s["meta"])]
    table = Table([[cell]], colWidths=[_WIDTH - mm_to_pt(R.note_indent)])
    table.hAlign = "RIGHT"
    table.setStyle(
        TableStyle(
            [
                ("LINEBEFORE", (0, 0), (0, -1), mm_to_pt(R.note_rule), colors.HexColor(style.edge)),
                ("FONT", (0, 0), (-1, -1), s["note"].fontName),
                ("LEFTPADDING", (0, 0), (-1, -1), mm_to_pt(R.note_pad)),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), R.note_pad_top),
                ("BOTTOMPADDING", (0, 0), (-1, -1), R.note_pad_bottom),
            ]
        )
    )
    table.spaceBefore, table.spaceAfter = mm_to_pt(R.note_before), mm_to_pt(R.note_after)
    return table


def _draw_symbol(canvas, style: theme.Style, cx: float, cy: float, radius: float) -> None:
    """The family's symbol (:func:`~carddeck.layout.symbols.symbol`, without its dark edge) around
    (cx, cy) in points; the canvas here is y-up, the symbol's outline y-down."""
    shape = symbol(style, 0.0, 0.0, radius, outline=False)
    if shape.fill:
        canvas.setFillColor(colors.HexColor(shape.fill))
    if shape.stroke:
        canvas.setStrokeColor(colors.HexColor(shape.stroke))
        canvas.setLineWidth(shape.stroke_width)
    flags = {"stroke": int(bool(shape.stroke)), "fill": int(bool(shape.fill))}
    if not shape.points:
        canvas.circle(cx, cy, shape.radius, **flags)
        return
    path = canvas.beginPath()
    path.moveTo(cx + shape.points[0][0], cy - shape.points[0][1])
    for x, y in shape.points[1:]:
        path.lineTo(cx + x, cy - y)
    path.close()
    canvas.drawPath(path, **flags)


class _Band(Flowable):
    """A group's heading: its tint, a bar of its colour, its symbol and its heading."""

    def __init__(self, group, font: str):
        super().__init__()
        self.group, self.font = group, font
        self.height = mm_to_pt(R.band)

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.height

    def draw(self):
        c, style = self.canv, self.group.style
        c.setFillColor(colors.HexColor(style.tint))
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        c.setFillColor(colors.HexColor(style.edge))
        c.rect(0, 0, mm_to_pt(R.band_bar), self.height, stroke=0, fill=1)
        _draw_symbol(c, style, mm_to_pt(R.band_symbol_x), self.height / 2, mm_to_pt(R.band_symbol))
        c.setFillColor(colors.HexColor(style.deep))
        c.setFont(self.font, R.band_heading_size)
        # Capitals centred on the band (the canvas here is y-up, in points).
        c.drawString(mm_to_pt(R.band_heading_x), self.height / 2 - R.band_heading_size * fonts.CAP_HEIGHT / 2,
                     self.group.heading)


class _PhaseStrip(Flowable):
    """The six phase symbols in a row under the title, as on the poster's cycle."""

    def wrap(self, avail_width, avail_height):
        return avail_width, mm_to_pt(R.strip)

    def draw(self):
        for i, style in enumerate(theme.PHASES.values()):
            _draw_symbol(self.canv, style, mm_to_pt(R.strip_first + i * R.strip_pitch), mm_to_pt(R.strip / 2),
                         mm_to_pt(R.strip_symbol))
