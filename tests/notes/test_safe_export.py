"""Exports that cannot be turned against the facilitator: CSV formulas, Markdown markup, and a PDF
that says where it could not draw a note's characters."""

from __future__ import annotations

import csv
import io

import markdown_it
import pytest

from carddeck.cli import main
from carddeck.notes.export import FORMULA_START, csv_cell, export
from test_export import fill, notes_of, pdf_text

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"klik\")", "+1+1", "-2+3", "@SUM(A1:A3)", "=1+1"]


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "notes.db"
    fill(path, "Workshop 1", [("fase-1-opnaa", i + 1, text, FORMULAS[-1 - i].strip()) for i, text in enumerate(FORMULAS)])
    return path


def spreadsheet_cells(data: bytes) -> list[list[str]]:
    """The cells as a spreadsheet reads them: UTF-8 with its byte-order mark, RFC 4180 quoting."""
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_cells_never_start_a_formula(deck, hostile):
    rows = spreadsheet_cells(export("csv", deck, notes_of(hostile)))
    header, body = rows[0], rows[1:]
    assert len(body) == len(FORMULAS)
    for row in body:
        for cell in row:
            assert not cell.startswith(FORMULA_START), cell
    text, name = header.index("text"), header.index("name")
    assert [r[text] for r in body] == ["'" + f for f in FORMULAS]
    assert body[0][name] == "'=1+1"


def test_csv_cell_quotes_a_leading_tab_or_carriage_return():
    # The store trims white space around a note, so these reach a cell only from other data.
    assert [csv_cell(v) for v in ("\tx", "\rx", "x=1", 3, None)] == ["'\tx", "'\rx", "x=1", 3, ""]


def test_csv_leaves_ordinary_text_alone(deck, tmp_path):
    fill(tmp_path / "n.db", "Workshop 1", [("fase-1-opnaa", 2, "Bedre koordinering – også i 2025", "Ane")])
    rows = spreadsheet_cells(export("csv", deck, notes_of(tmp_path / "n.db")))
    assert rows[1][-3:] == ["Ane", "Bedre koordinering – også i 2025", "shown"]
    assert rows[1][rows[0].index("copy")] == "2"  # the copy stays a number


MARKUP = [
    "<img src=x onerror=alert(1)>",
    "[klik her](http://evil.example)",
    "![billede](http://evil.example/x.png)",
    "# Overskrift",
    "Se https://evil.example og www.evil.example",
    "1. punkt\n> citat\n---",
    "*fed* _kursiv_ `kode` <b>fed</b> &amp;",
]


def test_markdown_keeps_note_text_as_text(deck, tmp_path):
    fill(tmp_path / "n.db", "Workshop 1", [("fase-1-opnaa", None, text, "<i>Ane</i>") for text in MARKUP])
    md = export("md", deck, notes_of(tmp_path / "n.db"), "Workshop 1").decode()
    parser = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"])
    html = parser.render(md)
    tokens = [t for block in parser.parse(md) for t in (block.children or [])]
    kinds = {t.type for t in tokens}
    assert not kinds & {"link_open", "image", "html_inline", "code_inline", "strong_open"}, kinds
    # The card's own heading is the only heading under the phase's.
    assert html.count("<h3>") == 1 and "<h1>Overskrift" not in html and "<blockquote>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "[klik her](http://evil.example)" in html
    assert "1. punkt" in html and "&lt;i&gt;Ane&lt;/i&gt;" in html
    assert "*fed* _kursiv_ `kode` &lt;b&gt;fed&lt;/b&gt; &amp;amp;" in html


SCRIPTS = {
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
    "cjk": "你好，世界",
    "emoji": "Godt 👍🏽 arbejde",
}


@pytest.fixture
def scripts_db(tmp_path):
    path = tmp_path / "notes.db"
    fill(path, "Workshop 1", [("fase-1-opnaa", 1, "Kun dansk: æøå «citat»"),
                              *(("fase-1-opnaa", 2, text) for text in SCRIPTS.values()),
                              ("fase-2-borgerne", 3, "Navnet er på arabisk", "سارة")])
    return path


def test_pdf_marks_characters_it_cannot_draw_and_names_the_notes(deck, scripts_db):
    text = pdf_text(export("pdf", deck, notes_of(scripts_db), "Workshop 1"))
    assert ("5 noter har tegn, som PDF’en ikke kan vise (noterne 2, 3, 4, 5, 6); de står som "
            "[tegn, som PDF’en ikke kan vise]. CSV-, JSON- og Markdown-eksporten har hele teksten.") in " ".join(text.split())
    flat = " ".join(text.split())
    assert "Kun dansk: æøå «citat»" in flat
    assert "Godt [tegn, som PDF’en ikke kan vise] arbejde" in flat
    assert flat.count("[tegn, som PDF’en ikke kan vise]") == 1 + 5  # the notice's own, then one per note
    for sample in SCRIPTS.values():
        assert sample not in flat


def test_pdf_without_foreign_scripts_has_no_notice(deck, tmp_path):
    fill(tmp_path / "n.db", "Workshop 1", [("fase-1-opnaa", 1, "Kun dansk: æøå")])
    assert "PDF’en ikke kan vise" not in pdf_text(export("pdf", deck, notes_of(tmp_path / "n.db"), "Workshop 1"))


def test_cli_pdf_export_names_the_notes(scripts_db, tmp_path, capfd):
    out = tmp_path / "record.pdf"
    assert main(["notes", "export", "--db", str(scripts_db), "--format", "pdf", "--out", str(out)]) == 0
    assert capfd.readouterr().err == (
        f"6 notes written to {out}\n"
        "5 of them have characters the PDF cannot show (a placeholder stands there), notes 2, 3, 4, 5, 6; "
        "the csv, json and md exports keep the whole text\n"
    )
