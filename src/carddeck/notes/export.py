"""Every note as a file: a deck and the stored notes in, bytes of CSV, JSON, Markdown or PDF out.

``csv`` and ``json`` are one row per note (oldest first) with the card's code, group and text;
``md`` and ``pdf`` are the workshop record: notes grouped by phase (and the other groups) and by
card, each card with its text. The same data gives the same bytes (no clock, no random), so an
export can be compared with an earlier one. The PDF is drawn by :mod:`carddeck.render.record`
(imported only when a PDF is asked for: reportlab is slow to import).
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, replace

from ..labels import label
from . import view
from .store import HIDDEN, Note

FORMATS = ("csv", "json", "md", "pdf")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MIMETYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "md": "text/markdown",
    "pdf": "application/pdf",
}
FILENAMES = {"csv": "notes.csv", "json": "notes.json", "md": "workshop-record.md", "pdf": "workshop-record.pdf"}
COLUMNS = ("note_id", "workshop", "card_id", "code", "group", "card", "copy", "created", "name", "text", "state")


@dataclass(frozen=True)
class RecordNote:
    text: str
    meta: str  # "Bord 2 · 14:05 · Ane"
    note_id: int = 0


@dataclass(frozen=True)
class RecordCard:
    card: view.CardView
    notes: tuple[RecordNote, ...]


@dataclass(frozen=True)
class RecordSection:
    group: view.Group
    cards: tuple[RecordCard, ...]


@dataclass(frozen=True)
class Record:
    """The workshop record as data: what :mod:`carddeck.render.record` draws."""

    title: str
    heading: str  # "Workshopreferat"
    summary: str  # "23 noter i alt · 3.5.2025 10:02–14:30"
    lang: str
    sections: tuple[RecordSection, ...]
    notice: str = ""  # which notes the PDF shows with placeholders (see :func:`printable`)


def export(fmt: str, deck, notes: list[Note], workshop: str | None = None) -> bytes:
    """``notes`` of ``deck`` in format ``fmt`` (one of :data:`FORMATS`).

    :param workshop: the one workshop the notes are of (the record says so in its heading), or
        None for notes of every workshop (each note's line then names its workshop).
    :raises KeyError: for an unknown format (the CLI and the web app only pass known ones).
    """
    return _WRITERS[fmt](deck, notes, workshop)


def filename(fmt: str, workshop: str) -> str:
    """The download name of one workshop's export: ``workshop-record-2026-05-03.pdf``."""
    stem, dot, ext = FILENAMES[fmt].rpartition(".")
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in workshop).strip("-") or "workshop"
    return f"{stem}-{safe}{dot}{ext}"


def rows(deck, notes: list[Note]) -> list[dict]:
    """One dict per note with the columns :data:`COLUMNS`; notes of unknown cards keep their id."""
    views = {c.id: view.card_view(deck, c) for c in deck.cards}
    out = []
    for note in notes:
        card = views.get(note.card_id)
        out.append(
            {
                "note_id": note.id,
                "workshop": note.workshop,
                "card_id": note.card_id,
                "code": card.code if card else "",
                "group": card.group if card else "",
                "card": card.title if card else "",
                "copy": note.copy,
                "created": note.created,
                "name": note.name,
                "state": note.state,  # "hidden" only in an export that asked for hidden notes
                "text": note.text,
            }
        )
    return out


def csv_cell(value) -> str | int:
    """A CSV cell that a spreadsheet shows as text: one starting with :data:`FORMULA_START`
    gets a leading single quote (OWASP); numbers and other text stay as they are."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def to_csv(deck, notes: list[Note], workshop: str | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(deck, notes):
        writer.writerow([csv_cell(row[c]) for c in COLUMNS])
    # With the byte-order mark, spreadsheet programs read æ, ø and å as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def to_json(deck, notes: list[Note], workshop: str | None = None) -> bytes:
    data = {"deck": deck.title, "workshop": workshop, "count": len(notes), "notes": rows(deck, notes)}
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def record(deck, notes: list[Note], workshop: str | None = None) -> Record:
    """Group ``notes`` as the record shows them: by group, then by card in deck order, oldest first.

    With ``workshop`` the heading names it; without, each note's line names its own workshop.
    """
    lang = deck.settings.lang
    by_card: dict[str, list[Note]] = {}
    for note in notes:
        by_card.setdefault(note.card_id, []).append(note)
    with_date = view.spans_days(notes)

    def entries(card_lang: str, card_notes: list[Note]) -> tuple[RecordNote, ...]:
        def meta(n: Note) -> str:
            line = view.note_meta(card_lang, n, with_date)
            if n.state == HIDDEN:
                line += f" · {label(card_lang, 'hidden_mark')}"
            return line if workshop is not None else f"{label(card_lang, 'workshop')} {n.workshop} · {line}"

        return tuple(RecordNote(n.text, meta(n), n.id) for n in card_notes)

    sections = []
    for group in view.groups(deck):
        cards = tuple(
            RecordCard(card, entries(card.lang, by_card[card.id])) for card in group.cards if card.id in by_card
        )
        if cards:
            sections.append(RecordSection(group, cards))
    known = set(deck.by_id())
    orphans = [cid for cid in by_card if cid not in known]
    if orphans:
        cards = tuple(RecordCard(view.left_card(cid, lang), entries(lang, by_card[cid])) for cid in sorted(orphans))
        left = cards[0].card  # their group is the one view.left_card puts them in
        sections.append(RecordSection(view.Group("other", left.group, left.style, None, ()), cards))
    return Record(
        title=deck.title,
        heading=label(lang, "record") + (f" · {workshop}" if workshop is not None else ""),
        summary=_summary(lang, notes),
        lang=lang,
        sections=tuple(sections),
    )


def _summary(lang: str, notes: list[Note]) -> str:
    count = label(lang, "total_notes", len(notes)).format(count=len(notes))
    if not notes:
        return count
    first, last = view.local_time(notes[0]), view.local_time(notes[-1])
    day = f"{first.day}.{first.month}.{first.year}"
    if first.date() == last.date():
        return f"{count} · {day} {first:%H:%M}–{last:%H:%M}"
    return f"{count} · {day} {first:%H:%M} – {last.day}.{last.month}.{last.year} {last:%H:%M}"


def to_markdown(deck, notes: list[Note], workshop: str | None = None) -> bytes:
    rec = record(deck, notes, workshop)
    lines = [f"# {rec.title}: {rec.heading}", "", rec.summary, ""]
    for section in rec.sections:
        lines += [f"## {section.group.heading}", ""]
        for entry in section.cards:
            card = entry.card
            lines += [f"### {card.code} {card.title}".replace("###  ", "### "), ""]
            if card.examples:
                lines += [f"*{card.examples}*", ""]
            for paragraph in card.body:
                lines += [paragraph, ""]
            for note in entry.notes:
                text = "\n  ".join(md_text(line) for line in note.text.split("\n"))
                lines += [f"- {text}", f"  — {md_text(note.meta)}"]
            lines.append("")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


# Markdown: every ASCII punctuation mark may be backslash-escaped (CommonMark 2.4), so escaping
# those that start markup keeps a note's HTML, links, images, emphasis and code as text.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&!~|{}()])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")  # heading, quote, list, setext rule
_MD_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(:)(?=//)|(?<=\bwww)(\.)")  # GFM's bare links


def md_text(value: str) -> str:
    """One line of plain text (as a participant typed it) that Markdown shows as exactly that text."""
    value = _MD_INLINE.sub(r"\\\1", value)
    value = _MD_AUTOLINK.sub(lambda m: "\\" + m.group(), value)
    found = _MD_LINE_START.match(value)
    if found:
        lead, mark = found.groups()
        rest = value[found.end():]
        value = f"{lead}{mark}\\{rest}" if mark[0].isdigit() else f"{lead}\\{mark}{rest}"
    return value


def unprintable_notes(notes: list[Note]) -> list[int]:
    """Ids of the notes whose text or name has characters the kit's font cannot draw."""
    from .. import fonts

    return [n.id for n in notes if fonts.missing_characters(n.text + (n.name or ""))]


def printable(rec: Record) -> Record:
    """``rec`` with every run of characters the font lacks replaced by a visible placeholder,
    and a notice naming those notes (the CSV, JSON and Markdown exports keep the text)."""
    from .. import fonts

    placeholder = label(rec.lang, "unprintable")

    def fix(value: str) -> str:
        missing = set(fonts.missing_characters(value))
        if not missing:
            return value
        # One placeholder per run: white space between two missing characters joins the run.
        run = "[" + "".join(re.escape(ch) for ch in sorted(missing)) + "]"
        return re.sub(f"{run}(?:\\s*{run})*", placeholder, value)

    hit: list[int] = []
    sections = []
    for section in rec.sections:
        cards = []
        for entry in section.cards:
            notes = []
            for note in entry.notes:
                fixed = RecordNote(fix(note.text), fix(note.meta), note.note_id)
                if fixed != note:
                    hit.append(note.note_id)
                notes.append(fixed)
            cards.append(replace(entry, notes=tuple(notes)))
        sections.append(replace(section, cards=tuple(cards)))
    if not hit:
        return rec
    ids = ", ".join(str(i) for i in sorted(hit))
    notice = label(rec.lang, "unprintable_notice", len(hit)).format(count=len(hit), ids=ids, mark=placeholder)
    return replace(rec, sections=tuple(sections), notice=notice)


def to_pdf(deck, notes: list[Note], workshop: str | None = None) -> bytes:
    from ..render.record import record_pdf

    return record_pdf(printable(record(deck, notes, workshop)))


_WRITERS = {"csv": to_csv, "json": to_json, "md": to_markdown, "pdf": to_pdf}
