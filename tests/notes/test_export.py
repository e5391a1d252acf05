"""Exports as a facilitator meets them: CSV, JSON and Markdown text, the record PDF's text and fonts."""

from __future__ import annotations

import asyncio
import csv
import io
import json

import pikepdf
import pypdfium2 as pdfium
import pytest

from carddeck.cli import main
from carddeck.notes.export import COLUMNS, export
from carddeck.notes.sqlite import SqliteStore

KIT = "samskabelse-samskaping"


def fill(path, workshop: str, notes: list[tuple]) -> None:
    async def add():
        await store.add_kit(KIT, "Samskabelse – samskaping")
        w = await store.open_workshop(KIT, workshop)
        for note in notes:
            await store.add_note(w.id, *note)

    with SqliteStore(path) as store:
        asyncio.run(add())


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "notes.db"
    fill(path, "Workshop 1", [
        ("fase-1-opnaa", 2, "Bedre koordinering\nmellem forvaltningerne", "Ane"),
        ("fase-3-andre", None, "<script>alert(1)</script> & «citat»"),
        ("regel-2", 1, "La prosessen leve.", "Jonas"),
        ("gone", 4, "Et kort, der er fjernet"),
    ])
    return path


def notes_of(path, workshop=None):
    with SqliteStore(path, readonly=True) as store:
        return store.export_rows(KIT, workshop)


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(data)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def test_csv(deck, db):
    data = export("csv", deck, notes_of(db), "Workshop 1")
    assert data.startswith(b"\xef\xbb\xbf")  # spreadsheets then read UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert [r["card_id"] for r in rows] == ["fase-1-opnaa", "fase-3-andre", "regel-2", "gone"]
    first = rows[0]
    assert (first["code"], first["copy"], first["name"]) == ("1.3", "2", "Ane")
    assert first["text"] == "Bedre koordinering\nmellem forvaltningerne"
    assert first["group"] == "Fase 1 · Formål på egen arbejdsplads"
    assert rows[1]["copy"] == "" and rows[3]["code"] == "" and first["workshop"] == "Workshop 1"


def test_json(deck, db):
    data = json.loads(export("json", deck, notes_of(db)))
    assert data["deck"] == deck.title and data["count"] == 4
    note = data["notes"][1]
    assert note["text"] == "<script>alert(1)</script> & «citat»"
    assert note["copy"] is None and note["name"] is None and note["card"] == "Hvordan samarbejder vi med andre om opgaver?"


def test_markdown_groups_by_phase_and_card(deck, db):
    md = export("md", deck, notes_of(db), "Workshop 1").decode()
    assert md.startswith(f"# {deck.title}: Workshopreferat · Workshop 1\n\n4 noter i alt · ")
    order = ["## Fase 1 · ", "### 1.3 Hvad vil vi gerne opnå?", "*Fx øge kvaliteten", "- Bedre koordinering\n  mellem",
             "## Fase 3 · ", "## Nogle tommelfingerregler", "### R2 ", "## Kort, der ikke længere er i kortsættet", "### gone"]
    positions = [md.index(part) for part in order]
    assert positions == sorted(positions)
    assert "  — Bord 2 · " in md and " · Ane" in md


def test_record_pdf(deck, db):
    data = export("pdf", deck, notes_of(db), "Workshop 1")
    text = pdf_text(data)
    for expected in (deck.title, "Workshopreferat", "Fase 1 · Formål på egen arbejdsplads", "Hvad vil vi gerne opnå?",
                     "Bedre koordinering", "<script>alert(1)</script> & «citat»", "La prosessen leve.", "Side 1"):
        assert expected in text, expected
    assert text.index("Bedre koordinering") < text.index("La prosessen leve.")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        fonts = {}
        for page in pdf.pages:
            for name, font in page.Resources.Font.items():
                fonts[str(font.BaseFont)] = font
        assert {n.split("+")[-1] for n in fonts} == {"NotoSans-Regular", "NotoSans-Bold"}
        for font in fonts.values():
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            assert "/FontFile2" in descriptor  # embedded
    assert export("pdf", deck, notes_of(db), "Workshop 1") == data  # same db, same bytes


def test_empty_record(deck, tmp_path):
    fill(tmp_path / "e.db", "Tom", [])
    assert "0 noter i alt" in pdf_text(export("pdf", deck, notes_of(tmp_path / "e.db"), "Tom"))


def test_cli_to_stdout(db, capfd):
    assert main(["notes", "export", "--db", str(db), "--format", "json"]) == 0
    assert json.loads(capfd.readouterr().out)["count"] == 4


def test_cli_to_file(db, tmp_path, capfd):
    out = tmp_path / "kit" / "record.pdf"
    assert main(["notes", "export", "--db", str(db), "--format", "pdf", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert capfd.readouterr().err == f"4 notes written to {out}\n"
    assert not list(out.parent.glob(".*.tmp"))


def test_cli_pdf_needs_out(db, capfd):
    assert main(["notes", "export", "--db", str(db), "--format", "pdf"]) == 1
    assert capfd.readouterr().err == "Error: --format pdf needs --out FILE (a PDF cannot go to the screen)\n"


def test_cli_missing_database(tmp_path, capfd):
    missing = tmp_path / "none.db"
    assert main(["notes", "export", "--db", str(missing), "--format", "csv"]) == 1
    assert capfd.readouterr().err == f"Error: no notes database at {str(missing)!r}\n"


def test_cli_unknown_format_is_a_usage_error(db, capfd):
    assert main(["notes", "export", "--db", str(db), "--format", "xml"]) == 2


def test_cli_one_workshop_or_every_workshop_labelled(db, capfd):
    fill(db, "Workshop 2", [("fase-1-opnaa", None, "Fra den anden workshop")])
    assert main(["notes", "export", "--db", str(db), "--format", "md", "--workshop", "Workshop 2"]) == 0
    one = capfd.readouterr().out
    assert one.startswith("# Samskabelse – samskaping: Workshopreferat · Workshop 2\n\n1 note i alt · ")
    assert "- Fra den anden workshop\n" in one and "mellem forvaltningerne" not in one
    assert "— Workshop " not in one  # the heading names the one workshop
    assert main(["notes", "export", "--db", str(db), "--format", "md"]) == 0
    every = capfd.readouterr().out
    assert "  — Workshop Workshop 1 · Bord 2 · " in every and "  — Workshop Workshop 2 · " in every


def test_cli_unknown_workshop(db, capfd):
    assert main(["notes", "export", "--db", str(db), "--format", "csv", "--workshop", "Fredag"]) == 1
    assert capfd.readouterr().err == (f"Error: no workshop 'Fredag' in {db} for kit 'samskabelse-samskaping'; "
                                      f"its workshops: 'Workshop 1'\n")
