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
from dataclasses import dataclass

from .. import theme
from ..labels import label
from . import view
from .store import Note

FORMATS = ("csv", "json", "md", "pdf")
MIMETYPES = {
    "csv": "text/csv",
    "json": "application/json",
    "md": "text/markdown",
    "pdf": "application/pdf",
}
FILENAMES = {"csv": "notes.csv", "json": "notes.json", "md": "workshop-record.md", "pdf": "workshop-record.pdf"}
COLUMNS = ("note_id", "workshop", "card_id", "code", "group", "card", "copy", "created", "name", "text")


@dataclass(frozen=True)
class RecordNote:
    text: str
    meta: str  # "Bord 2 · 14:05 · Ane"


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
                "text": note.text,
            }
        )
    return out


def to_csv(deck, notes: list[Note], workshop: str | None = None) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in rows(deck, notes):
        writer.writerow(["" if row[c] is None else row[c] for c in COLUMNS])
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
            return line if workshop is not None else f"{label(card_lang, 'workshop')} {n.workshop} · {line}"

        return tuple(RecordNote(n.text, meta(n)) for n in card_notes)

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
        heading = label(lang, "other_cards")
        cards = tuple(
            RecordCard(
                view.CardView(cid, "", "", lang, "", cid, None, (), None, theme.ABOUT, heading),
                entries(lang, by_card[cid]),
            )
            for cid in sorted(orphans)
        )
        sections.append(RecordSection(view.Group("other", heading, theme.ABOUT, None, ()), cards))
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
                text = note.text.replace("\n", "\n  ")
                lines += [f"- {text}", f"  — {note.meta}"]
            lines.append("")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def to_pdf(deck, notes: list[Note], workshop: str | None = None) -> bytes:
    from ..render.record import record_pdf

    return record_pdf(record(deck, notes, workshop))


_WRITERS = {"csv": to_csv, "json": to_json, "md": to_markdown, "pdf": to_pdf}
