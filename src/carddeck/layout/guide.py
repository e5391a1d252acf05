"""The facilitator's guide: the deck, the build's options and its file names in, ``guide.pdf`` out.

Two to four pages in the kit's language (:mod:`carddeck.guide_text`): what is in the kit, with
the cards counted by kind; how to print, with a cutting diagram numbered in the order of the
cuts; how to lay out the board; a suggested flow through the phases (the deck's own titles);
running the notes on the day; the privacy text to read out. Lengths in mm.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import fonts, theme
from ..guide_text import text
from ..sizes import PAPER_SIZES
from ..units import pt_to_mm
from . import flow
from .boxes import Line, Rect, Shape, Text
from .sheet import impose


@dataclass(frozen=True)
class GuideOptions:
    """What the guide tells: the files built, how the cards are printed, the Wi-Fi."""

    files: tuple[str, ...]
    paper: str = "a4"
    card_size: tuple[float, float] = (105.0, 148.0)
    duplex: str = "long-edge"
    print_shop: bool = False
    copies: int = 1
    poster_size: str = "a1"
    wifi_ssid: str | None = None
    card_gsm: int | None = None  # the paper weight the tuck box is sized for, when there is one


@dataclass(frozen=True)
class Cut:
    """One straight cut through the stack: ``across`` (horizontal) at y, or down at x, in mm."""

    across: bool
    at: float


def cut_plan(card_w: float, card_h: float, paper: tuple[float, float], duplex: str) -> list[Cut]:
    """The cuts that free the cards of one sheet, in order: every horizontal cut (top to bottom)
    through the whole stack, then every vertical one through the stacked strips.

    An edge less than :data:`MIN_TRIM` from the sheet's edge needs no cut (the cards' colour stops
    5 mm inside them); with ``fold`` the sheet is cut folded, at half its height.
    """
    grid = impose(card_w, card_h, paper, duplex)
    pw, ph = paper
    ph = ph / 2 if duplex == "fold" else ph

    def edges(values, length):
        return sorted(v for v in {round(v, 3) for v in values} if MIN_TRIM <= v <= length - MIN_TRIM)

    ys = edges((v for s in grid.fronts for v in (s.y, s.y + s.h)), ph)
    xs = edges((v for s in grid.fronts for v in (s.x, s.x + s.w)), pw)
    return [Cut(True, y) for y in ys] + [Cut(False, x) for x in xs]


MIN_TRIM = 3.0  # mm: a strip this thin is left on, not cut off


def decimal(value: float) -> str:
    """A length as Danish and Norwegian write it: a decimal comma, no trailing zeros (148,5)."""
    return f"{value:g}".replace(".", ",")


FIGURE_W = 62.0  # mm, the sheet in the cutting diagram
NUMBER_R = 2.6  # mm, the numbered disc at the start of each cut


def cutting_figure(card_w: float, card_h: float, paper: tuple[float, float], duplex: str, lang: str) -> flow.Figure:
    """The sheet small, its cards tinted, each cut a line with its number; the cuts listed beside it."""
    grid = impose(card_w, card_h, paper, duplex)
    cuts = cut_plan(card_w, card_h, paper, duplex)
    pw, ph = paper
    sheet_h = ph / 2 if duplex == "fold" else ph
    k = FIGURE_W / pw
    ox, oy = NUMBER_R * 2 + 1.0, NUMBER_R * 2 + 1.0
    boxes: list = [Rect(ox, oy, pw * k, sheet_h * k, fill=theme.PAPER, stroke=theme.MUTED, stroke_width=0.3)]
    for s in grid.fronts:
        boxes.append(Rect(ox + s.x * k, oy + s.y * k, s.w * k, s.h * k, fill=theme.ABOUT.tint,
                          stroke=theme.RULE, stroke_width=0.2))
    size = 8.0
    listing = []
    for n, cut in enumerate(cuts, start=1):
        if cut.across:
            y = oy + cut.at * k
            boxes.append(Line(ox - 1.0, y, ox + pw * k + 1.0, y, theme.INK, 0.5))
            cx, cy = ox - 1.0 - NUMBER_R, y
            listing.append(text(lang, "cut_across").format(n=n, mm=decimal(cut.at)))
        else:
            x = ox + cut.at * k
            boxes.append(Line(x, oy - 1.0, x, oy + sheet_h * k + 1.0, theme.INK, 0.5))
            cx, cy = x, oy - 1.0 - NUMBER_R
            listing.append(text(lang, "cut_down").format(n=n, mm=decimal(cut.at)))
        boxes.append(Shape((), theme.INK, cx=cx, cy=cy, radius=NUMBER_R))
        boxes.append(Text(cx, cy + pt_to_mm(size * fonts.CAP_HEIGHT) / 2, str(n), "bold", size, theme.PAPER, "centre"))
    if not cuts:
        listing.append(text(lang, "cut_none"))
    x = ox + pw * k + 8.0
    body = flow.DESIGN.body_pt
    lead = pt_to_mm(body * flow.DESIGN.leading)
    for i, line in enumerate(listing):
        boxes.append(Text(x, oy + pt_to_mm(body * fonts.CAP_HEIGHT) + i * lead, line, "regular", body, theme.INK))
    h = max(oy + sheet_h * k + 1.0, oy + len(listing) * lead)
    return flow.Figure(h, tuple(boxes))


def _kind_counts(deck) -> list[tuple[str, str]]:
    """A bullet for each card family of ``deck``: its name and how many cards it has."""
    counts: dict[str, int] = {}
    for card in deck.cards:  # by the families' names, in the order the deck first uses them
        counts[card.family.name] = counts.get(card.family.name, 0) + 1
    return [("•", f"{name}: {n}") for name, n in counts.items()]


def _phase_items(deck, lang: str) -> flow.Items:
    items, styles = [], []
    for phase in deck.phases():
        n = sum(1 for c in deck.of_template("question") if c.phase == phase.phase)
        questions = text(lang, "questions_one") if n == 1 else text(lang, "questions").format(n=n)
        items.append(("", f"{phase.phase}  " + text(lang, "flow_phase").format(
            title=phase.title, subtitle=phase.subtitle, questions=questions)))
        styles.append(theme.PHASES[phase.phase])
    return flow.Items(tuple(items), tuple(styles))


def guide_blocks(deck, opts: GuideOptions) -> list:
    """The guide's content as flow blocks, in reading order."""
    lang = deck.settings.lang
    t = lambda key: text(lang, key)  # noqa: E731
    sets = t("sets_one") if opts.copies == 1 else t("sets").format(n=opts.copies)
    fill = {
        "cards": len(deck.cards), "sets": sets, "poster": opts.poster_size.upper(), "paper": opts.paper.upper()
        if opts.paper == "a4" else "Letter", "wifi": t("tents_wifi") if opts.wifi_ssid else "",
    }
    blocks: list = [flow.Title(t("title"), deck.title)]
    blocks += [flow.Heading(t("contents")), flow.Para(t("contents_intro"))]
    blocks.append(flow.Items(tuple(("•", f"{name}: {t('file:' + name).format(**fill)}") for name in opts.files)))
    blocks += [flow.Heading(t("kinds"), 2), flow.Items(tuple(_kind_counts(deck)))]
    if deck.blank_values():
        blocks.append(flow.Para(t("blank_values").format(n=len(deck.blank_values())), theme.MUTED))

    blocks += [flow.Heading(t("printing"))]
    blocks.append(flow.Para(t("print:print-shop" if opts.print_shop else f"print:{opts.duplex}")))
    paper_text = t("paper") + (" " + t("paper_box").format(gsm=opts.card_gsm) if opts.card_gsm else "")
    blocks.append(flow.Para(paper_text))
    if not opts.print_shop:
        paper = PAPER_SIZES[opts.paper]
        cw, ch = opts.card_size
        count = len(impose(cw, ch, paper, opts.duplex).fronts)
        blocks += [flow.Heading(t("cutting"), 2),
                   flow.Para(t("cutting_fold" if opts.duplex == "fold" else "cutting_intro") + " "
                             + t("cards_on_sheet").format(count=count, paper=fill["paper"])),
                   cutting_figure(cw, ch, paper, opts.duplex, lang)]

    blocks += [flow.Heading(t("board")), flow.Para(t("board_text"))]
    if "poster-tiles.pdf" in opts.files:
        blocks.append(flow.Para(t("board_tiles")))

    blocks += [flow.Heading(t("flow")), flow.Para(t("flow_intro"), theme.MUTED), _phase_items(deck, lang)]
    blocks.append(flow.Items(tuple((f"{n}.", step) for n, step in enumerate(t("flow_steps"), start=1))))

    wifi = t("wifi_given").format(ssid=opts.wifi_ssid) if opts.wifi_ssid else t("wifi_missing")
    blocks += [flow.Heading(t("day")),
               flow.Items(tuple(("•", step.format(wifi=wifi)) for step in t("day_steps")))]
    blocks += [flow.Heading(t("privacy")),
               flow.Boxed(tuple(t("privacy_text")), theme.SESAM.tint, theme.SESAM.colour, flow.DESIGN.body_pt + 1)]
    return blocks


def guide_document(deck, opts: GuideOptions):
    """``guide.pdf`` as placed pages (portrait A4 or Letter)."""
    lang = deck.settings.lang
    return flow.flow_document(guide_blocks(deck, opts), PAPER_SIZES[opts.paper], lang,
                              f"{deck.title} · {text(lang, 'title')}", "carddeck: facilitator's guide")


__all__ = ["GuideOptions", "Cut", "cut_plan", "cutting_figure", "guide_blocks", "guide_document"]
