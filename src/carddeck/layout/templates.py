"""Card templates: how the body of a card's front is set, one per built-in card template.

In: a card, its deck, its :class:`~.card.CardFormat` (``spec``), its style, and the body's box
(x, top, width, height in mm). Out: boxes appended to ``boxes``. A card's family names its
template (:mod:`carddeck.families`), whose keys are :data:`carddeck.templates.TEMPLATES`;
:data:`TEMPLATES` maps the same names to how their fronts are set. Every design
value is named in :data:`~.card_design.CARD`. Text that cannot fit raises :class:`FitError`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import fonts, theme
from ..labels import label
from ..units import pt_to_mm
from .boxes import Box, Line, Shape, Text
from .card_design import CARD
from .errors import FitError
from .symbols import symbol
from .text import Block, fit, set_text


def _need(card, key: str, block: Block | None, min_size: float, where: tuple | None = None) -> Block:
    """``block``, or a :class:`FitError` for ``key`` (written at ``where``, else in the card)."""
    if block is None:
        raise FitError(where or card.locate(key), f"card {card.id!r}: {key} does not fit the card even at "
                                                  f"{min_size:g} pt; shorten it or choose a larger --card-size")
    return block


def _fit(card, key: str, paragraphs, weight: str, width: float, height: float, size: float, spec,
         balance: bool = False) -> Block:
    """``paragraphs`` fitted from ``size`` down to the body minimum, or a :class:`FitError` for ``key``."""
    lo = spec.body_min()
    return _need(card, key, fit(list(paragraphs), weight, width, height, size, lo, card.lang, balance=balance), lo)


# --- the templates -----------------------------------------------------------------------------


def _optical(top: float, height: float, block_height: float) -> float:
    """Where a block of ``block_height`` starts so that it sits at the optical centre of the free
    area (top, height): a little above its middle, so the lower half is not left empty."""
    return top + max(0.0, height - block_height) * CARD.optical_centre


def question(boxes: list[Box], card, deck, spec, style, x: float, top: float, width: float, height: float) -> None:
    """The question large and bold; its examples, in brackets, smaller below it."""
    lo, lang = spec.body_min(), card.lang
    examples = f"({card.examples})" if card.examples else None
    for hero in (spec.type(CARD.hero), *(spec.type(s) for s in CARD.question_steps), lo):
        main = fit([card.text], "bold", width, height, hero, lo, lang)
        if main is None:
            continue
        if examples is None:
            set_text(boxes, main, x, _optical(top, height, main.height), "bold", theme.INK)
            return
        gap = spec.scaled(CARD.examples_gap)
        rest = height - main.height - gap
        ex = fit([examples], "regular", width, rest, min(spec.type(CARD.examples), main.size), lo, lang) if rest > 0 else None
        if ex is not None:
            y = set_text(boxes, main, x, _optical(top, height, main.height + gap + ex.height), "bold", theme.INK)
            set_text(boxes, ex, x, y + gap, "regular", theme.MUTED)
            return
    _need(card, "text", None, lo)


def phase(boxes, card, deck, spec, style, x, top, width, height) -> None:
    """Title and subtitle, and the phase's symbol in full colour filling the free space: a phase
    card is known at a glance."""
    title = _fit(card, "title", [card.title], "bold", width, height * CARD.phase_title_share, spec.type(CARD.phase_title), spec,
                 balance=True)
    y = set_text(boxes, title, x, top, "bold", theme.INK)
    y += spec.scaled(CARD.title_gap)
    sub = _fit(card, "subtitle", [card.subtitle], "regular", width, top + height - y, spec.type(CARD.phase_subtitle), spec)
    y = set_text(boxes, sub, x, y, "regular", theme.INK)
    free = top + height - y
    r = min(width / 2, free / 2 - spec.scaled(CARD.phase_symbol_room), spec.scaled(CARD.phase_symbol_max))
    if r > spec.scaled(CARD.phase_symbol_least):
        boxes.append(symbol(style, x + width / 2, y + free / 2 + spec.scaled(CARD.phase_symbol_drop), r))


def writein(boxes, card, deck, spec, style, x, top, width, height) -> None:
    """The card's number and light lines to write on with a marker, about 10 mm apart on A6."""
    gap = max(CARD.ruled_gap_min, spec.scaled(CARD.ruled_gap))
    y = top + gap
    boxes.append(Text(x, y - spec.scaled(CARD.ruled_number_raise), f"{card.number}.", "bold", spec.type(CARD.ruled_number),
                      theme.MUTED))
    while y <= top + height + 1e-6:
        boxes.append(Line(x, y, x + width, y, theme.RULE, CARD.ruled_line))
        y += gap


def statement(boxes, card, deck, spec, style, x, top, width, height) -> None:
    """A short statement (an action field, a value): its text large, in balanced lines, at the optical centre."""
    block = _fit(card, "text", [card.text], "bold", width, height * CARD.statement_share, spec.type(CARD.hero), spec,
                 balance=True)
    set_text(boxes, block, x, _optical(top, height, block.height), "bold", theme.INK)


def value(boxes, card, deck, spec, style, x, top, width, height) -> None:
    """A value as a statement; a value not yet known as a line to write it on, with a prompt."""
    if card.text:
        statement(boxes, card, deck, spec, style, x, top, width, height)
        return
    # The line stands where a known value's capitals would end, the prompt under it; the two
    # together at the optical centre, as a known value.
    hint = _fit(card, "text", [label(deck.settings.lang, "value_blank")], "regular", width,
                height * CARD.blank_value_hint_share, spec.type(CARD.blank_value_hint), spec)
    above_line = pt_to_mm(spec.type(CARD.hero) * fonts.CAP_HEIGHT) + spec.scaled(CARD.blank_value_line_gap)
    below_line = spec.scaled(CARD.blank_value_hint_gap) + hint.height
    line_y = _optical(top, height, above_line + below_line) + above_line
    boxes.append(Line(x, line_y, x + width, line_y, theme.CUT, max(CARD.blank_value_rule_min, spec.scaled(CARD.blank_value_rule))))
    set_text(boxes, hint, x, line_y + spec.scaled(CARD.blank_value_hint_gap), "regular", theme.MUTED)


def rule(boxes, card, deck, spec, style, x, top, width, height) -> None:
    """A rule of thumb, bold, at the optical centre."""
    block = _fit(card, "text", [card.text], "bold", width, height, spec.type(CARD.rule), spec)
    set_text(boxes, block, x, _optical(top, height, block.height), "bold", theme.INK)


def quote(boxes, card, deck, spec, style, x, top, width, height) -> None:
    """A participant's words, regular (they are spoken, not headings), at the optical centre.

    An opening guillemet hangs in the margin, so that the words themselves align with the text
    of every other card. Words said in another language than the card's keep their own language
    (and its hyphenation); their translation follows beneath, smaller, under the label
    "Oversættelse" in the card's language."""
    lo, translation = spec.body_min(), getattr(card, "translation", None)
    spoken, gap = getattr(card, "spoken_lang", card.lang), spec.scaled(CARD.quote_translation_gap)
    block = below = None
    if not translation:
        block = _need(card, "text", fit([card.text], "regular", width, height, spec.type(CARD.quote), lo, spoken), lo)
    size = spec.type(CARD.quote)
    while translation and size >= lo - 1e-9:
        # The words as large as the translation beneath them still leaves room for (at its size or less).
        block = fit([card.text], "regular", width, height, size, size, spoken)
        if block is not None:
            below = fit([label(card.lang, "translation"), translation], "regular", width, height - block.height - gap,
                        min(size, spec.type(CARD.quote_translation)), lo, card.lang)
            if below is not None:
                break
        size = round(size - CARD.quote_step, 3)
    if translation and below is None:
        _need(card, "translation", None, lo)
    total = block.height + (gap + below.height if below else 0.0)
    y = _optical(top, height, total)
    hang = fonts.width(card.text[0], "regular", block.size) if card.text.startswith(("«", "»", "„", "“")) else 0.0
    hang = max(0.0, min(hang, x - CARD.margin_min))  # never closer to the trim than 5 mm
    for i, (yy, line) in enumerate(block.baselines(y)):
        boxes.append(Text(x - (hang if i == 0 else 0.0), yy, line, "regular", block.size, theme.INK))
    if below:
        marked = len(below.paragraphs[0])  # the label's lines, bold
        for i, (yy, line) in enumerate(below.baselines(y + block.height + gap)):
            boxes.append(Text(x, yy, line, "bold" if i < marked else "regular", below.size, theme.MUTED))


# Between the axis's heading and the deck's stage_subtitle, as SESAM's slide writes
# "Tynn og tykk samskaping – et bidrag til en modell for bevisstgjøring".
RUN_IN_DASH = "–"


def stage(boxes, card, deck, spec, style, x, top, width, height) -> None:
    """Title and text of a stage, above the thin ⟷ thick axis with this card's stop filled; over
    the axis, where the room left there holds it, its caption (:func:`_stage_caption`)."""
    axis_h = spec.scaled(CARD.stage_axis)
    title = _fit(card, "title", [card.title], "bold", width, (height - axis_h) * CARD.stage_title_share,
                 spec.type(CARD.stage_title), spec, balance=True)
    y = set_text(boxes, title, x, top, "bold", theme.INK) + spec.scaled(CARD.text_gap)
    text = _fit(card, "text", [card.text], "regular", width, top + height - axis_h - y, spec.type(CARD.stage_text), spec)
    y = set_text(boxes, text, x, y, "regular", theme.INK) + spec.scaled(CARD.text_gap)
    _stage_caption(boxes, card, deck, spec, x, y, width, top + height - axis_h - spec.scaled(CARD.stage_caption_gap))
    _stage_axis(boxes, card, deck, spec, style, x, top + height - axis_h + spec.scaled(CARD.stage_axis_drop), width)


def _stage_caption(boxes, card, deck, spec, x, top, width, bottom) -> None:
    """The axis's caption, the section's heading and the deck's ``stage_subtitle`` after a dash
    (the slide's own heading), small and muted, its last line ending at ``bottom``. Only where the
    room between ``top`` and ``bottom`` holds it: a card whose stage text needs the room goes
    without, as the caption adds nothing the card needs. A deck without the subtitle has none."""
    sections = deck.settings.sections
    if not sections.stage_subtitle:
        return
    size = spec.label_size()
    caption = f"{sections.stage} {RUN_IN_DASH} {sections.stage_subtitle}"
    block = fit([caption], "regular", width, bottom - top, size, size, card.lang, max_lines=2, balance=True)
    if block is not None:
        set_text(boxes, block, x, bottom - block.height, "regular", theme.MUTED)


def _stage_axis(boxes, card, deck, spec, style, x, y, width) -> None:
    """Thin ⟷ thick, one stop per stage, this card's stop filled."""
    stages = max([c.number for c in deck.of_kind(card.kind)] + [card.number])
    sections = deck.settings.sections
    r = spec.scaled(CARD.stage_stop)
    x0, x1 = x + r, x + width - r
    boxes.append(Line(x0, y, x1, y, style.colour, spec.scaled(CARD.stage_line)))
    for i in range(1, stages + 1):
        cx = x0 + (x1 - x0) * (i - 1) / max(1, stages - 1)
        boxes.append(Shape((), style.colour if i == card.number else theme.PAPER, style.deep,
                           spec.scaled(CARD.stage_stop_edge), cx, y, r))
    size = spec.label_size()
    drop = spec.scaled(CARD.stage_label_drop)
    boxes.append(Text(x, y + drop, sections.thin, "regular", size, theme.MUTED))
    boxes.append(Text(x + width, y + drop, sections.thick, "regular", size, theme.MUTED, "right"))


def info(boxes, card, deck, spec, style, x, top, width, height) -> None:
    """Background: a title, then its paragraphs (bulleted when there are several); a card that
    is only its title (a slide that is one sentence) sets it large, as a statement."""
    if not card.paragraphs:
        block = _fit(card, "title", [card.title], "bold", width, height * CARD.statement_share, spec.type(CARD.hero),
                     spec, balance=True)
        set_text(boxes, block, x, _optical(top, height, block.height), "bold", theme.INK)
        return
    title = _fit(card, "title", [card.title], "bold", width, height * CARD.info_title_share, spec.type(CARD.info_title), spec,
                 balance=True)
    y = set_text(boxes, title, x, top, "bold", theme.INK) + spec.scaled(CARD.text_gap)
    paras = card.paragraphs
    bullet = len(paras) > 1
    indent = spec.scaled(CARD.bullet_indent) if bullet else 0.0
    body = _fit(card, "text", paras, "regular", width - indent, top + height - y, spec.type(CARD.info_text), spec)
    for yy, line in body.baselines(y):
        boxes.append(Text(x + indent, yy, line, "regular", body.size, theme.INK))
    if bullet:
        for yy in _first_baselines(body, y):
            boxes.append(Shape((), style.colour, None, 0.0, x + spec.scaled(CARD.bullet_x),
                               yy - pt_to_mm(body.size * CARD.bullet_raise), spec.scaled(CARD.bullet)))


def _first_baselines(block: Block, top: float) -> list[float]:
    out, lines = [], block.baselines(top)
    i = 0
    for para in block.paragraphs:
        out.append(lines[i][0])
        i += len(para)
    return out


def about(boxes, card, deck, spec, style, x, top, width, height) -> None:
    """The kit's own cards: subtitle, then how to use the kit and/or the source credits.

    A card of credits alone that cannot hold the subtitle too leaves it out: the kit's other
    about card prints it, and the credits (with the translation's) need the whole face on a
    small card."""
    lo, lang = spec.body_min(), card.lang
    settings = deck.settings
    credits = [label(settings.lang, "sources"), *settings.credits] if card.credits else []
    y = top
    if settings.subtitle:
        sub = _need(card, "subtitle", fit([settings.subtitle], "bold", width, height * CARD.about_subtitle_share,
                                          spec.type(CARD.about_subtitle), lo, lang), lo, settings.locate("subtitle"))
        below = top + sub.height + spec.scaled(CARD.text_gap)
        if card.text or not credits or fit(credits, "regular", width, top + height - below, spec.type(CARD.credits),
                                           lo, lang) is not None:
            y = set_text(boxes, sub, x, y, "bold", theme.INK) + spec.scaled(CARD.text_gap)
    if card.text:
        body = _fit(card, "text", [card.text], "regular", width, top + height - y, spec.type(CARD.about_text), spec)
        y = set_text(boxes, body, x, y, "regular", theme.INK) + spec.scaled(CARD.about_text_gap)
    if credits:
        block = _need(card, "credits", fit(credits, "regular", width, top + height - y, spec.type(CARD.credits), lo,
                                           lang), lo, settings.locate("credits"))
        for i, (yy, line) in enumerate(block.baselines(y)):
            boxes.append(Text(x, yy, line, "bold" if i == 0 else "regular", block.size, theme.MUTED if i else theme.INK))


@dataclass(frozen=True)
class Template:
    """How a front's body is set, and whether the family's tint fills the whole face."""

    body: Callable[..., None]
    tinted: bool = False


TEMPLATES: dict[str, Template] = {
    "question": Template(question),
    "phase": Template(phase, tinted=True),
    "writein": Template(writein),
    "statement": Template(statement),
    "value": Template(value),
    "rule": Template(rule),
    "quote": Template(quote),
    "stage": Template(stage),
    "info": Template(info),
    "about": Template(about),
}
